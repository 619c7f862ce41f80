"""Story time: the dates a text sets, and the expressions that count from them instead of from publication.

A news story often narrates another time than its own: "In August 2016 ... The next year ..." is
2017 whatever the publication date; "by December, they worsened" in a story about 2016 is December
2016. The normalizer only knows the publication date, so this pass walks the found dates in text
order, remembers the latest one the text states with its year (the *reference*), and

- anchors anaphoric expressions ("the next year", "the previous week", "that year", "two days
  later") to the reference when one was set in the last few sentences;
- gives a month or a month-day written without a year the reference's year, when the tense of
  its verb allows (a past-tense verb cannot take a date after publication, a future one cannot
  take a date before it).

Without a reference, every value stays as the normalizer resolved it against publication.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import replace
from datetime import date

from spacy.tokens import Span

from extractor.normalize.timex import Tense, Timex
from extractor.normalize.timex.calendar_math import _shift

#: A reference set more than this many sentences before an expression no longer holds for it.
REFERENCE_SENTENCES = 3

_YEAR_WRITTEN = re.compile(r"\b(?:1[0-9]|20)\d\d\b")
_CALENDAR_VALUE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
#: A month name or its abbreviation (case-insensitive).
MONTH_WORD = re.compile(r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b")
_DEICTIC_WORD = re.compile(r"\b(?:last|next|this|past|coming|previous|following|ago|today|yesterday|tomorrow)\b")
_WEEKDAY_WORD = re.compile(r"\b(?:mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)(?:day)?\b")

_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10}
_DIRECTION = {"next": 1, "following": 1, "subsequent": 1, "previous": -1, "prior": -1, "preceding": -1,
              "before": -1, "after": 1, "later": 1, "earlier": -1}
_UNIT = r"(?P<unit>day|week|month|year)s?"
_ANAPHORA = [
    # "that year", "the same month", "later that year", "earlier that day"
    re.compile(r"^(?:(?:later|earlier) )?(?:that|the same) " + _UNIT + r"$"),
    # "the next year", "the following month", "the previous week"
    re.compile(r"^the (?P<dir>next|following|subsequent|previous|prior|preceding) " + _UNIT + r"$"),
    # "the year before", "the day after"
    re.compile(r"^the " + _UNIT + r" (?P<dir>before|after)$"),
    # "a year later", "two days after": "a year earlier" is left alone, earnings stories compare with it
    re.compile(r"^(?P<num>a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2}) " + _UNIT
               + r" (?P<dir>later|after)$"),
]


def anaphora(text: str) -> tuple[str, int] | None:
    """(unit, offset) of an expression that counts from a time the text set, e.g. "the next year" -> (year, 1)."""
    lowered = " ".join(text.lower().replace("-", " ").split())
    for pattern in _ANAPHORA:
        m = pattern.match(lowered)
        if m:
            groups = m.groupdict()
            step = _DIRECTION.get(groups.get("dir") or "", 0)
            count = groups.get("num")
            n = int(count) if count and count.isdigit() else _NUMBERS.get(count or "", 1)
            return m.group("unit"), step * n
    return None


def _as_date(value: str) -> date:
    """The first day of a calendar value ("2016" -> 2016-01-01, "2016-08" -> 2016-08-01)."""
    parts = [int(p) for p in value.split("-")] + [1, 1]
    return date(parts[0], parts[1], parts[2])


def _granularity(value: str) -> str:
    return {4: "year", 7: "month", 10: "day"}[len(value)]


#: The granularities of a reference an expression of each unit can count from ("the next day" needs a day).
_NEEDS = {"year": ("year", "month", "day"), "month": ("month", "day"), "week": ("day",), "day": ("day",)}


def _anchored(timex: Timex, unit: str, offset: int, reference: str) -> Timex | None:
    """The expression counted from the reference, or None when the reference is too coarse for the unit."""
    if _granularity(reference) not in _NEEDS[unit]:
        return None
    shifted = _shift(_as_date(reference), unit, offset)
    return replace(shifted, mod=timex.mod)


def _year_month_day(timex: Timex, text: str) -> bool:
    """A month or a month-day whose year the normalizer had to guess (none written, no "last"/"next")."""
    lowered = text.lower()
    return bool(timex.value and _CALENDAR_VALUE.match(timex.value) and len(timex.value) > 4
                and MONTH_WORD.search(text) and not _YEAR_WRITTEN.search(text)
                and not _DEICTIC_WORD.search(lowered) and not _WEEKDAY_WORD.search(lowered))


def _month_day(timex: Timex, text: str) -> bool:
    """A month and day the text names without its year ("on September 30"): a day the story is at,
    which "the previous week" or "two days later" can count from, once its year is resolved."""
    return len(timex.value or "") == 10 and _year_month_day(timex, text)


def _sets_story_year(reference: str, anchor: date, timex: Timex, tense: Tense) -> bool:
    """Whether the reference's year should replace the one resolved from publication.

    Only where that one contradicts the text: a past-tense verb with a date after publication ("by
    December, they worsened" in a November story), or a year after publication that the story is
    about ("its 2020 tour ... March 3") while the guess stayed before it. Elsewhere earlier years
    are mostly background ("since 1974", "the December 1988 bombing") and publication wins; a bare
    past year is background even then.
    """
    start = _as_date(timex.value)
    if tense == "past" and start > anchor:
        return len(reference) > 4  # a month or day the story is at ("in November 2016"), not a bare year
    return int(reference[:4]) > anchor.year and start < anchor and tense != "past"


def _with_year(timex: Timex, year: int, anchor: date, tense: Tense) -> Timex | None:
    """The month (-day) moved to `year`, if that is a real date the tense allows."""
    value = f"{year:04d}{timex.value[4:]}"
    try:
        start = _as_date(value)
    except ValueError:
        return None
    if tense == "past" and start > anchor:
        return None
    if tense == "future" and start < anchor.replace(day=1):
        return None
    return replace(timex, value=value)


def story_time(found: list[tuple[Span, Timex]], anchor: date | None,
               tense_of: Callable[[Span], Tense]) -> list[tuple[Span, Timex]]:
    """Re-anchor anaphoric expressions and year-less months to the time the story set (see module doc)."""
    if anchor is None or not found:
        return found
    doc = found[0][0].doc
    sentence_starts = [s.start for s in doc.sents] if doc.has_annotation("SENT_START") else []
    out: list[tuple[Span, Timex]] = []
    reference: tuple[str, int] | None = None  # (value, sentence number)
    for span, timex in found:
        number = max(bisect_right(sentence_starts, span.start) - 1, 0)
        current = reference if reference and number - reference[1] <= REFERENCE_SENTENCES else None
        new = timex
        if current is not None:
            counted = anaphora(span.text)
            if counted is not None:
                new = _anchored(timex, counted[0], counted[1], current[0]) or timex
            elif _year_month_day(timex, span.text) and timex.value[:4] != current[0][:4]:
                tense = tense_of(span)
                if _sets_story_year(current[0], anchor, timex, tense):
                    new = _with_year(timex, int(current[0][:4]), anchor, tense) or timex
        out.append((span, new))
        if new.value and _CALENDAR_VALUE.match(new.value) and (_YEAR_WRITTEN.search(span.text) or new is not timex
                                                                or _month_day(new, span.text)):
            reference = (new.value, number)
    return out
