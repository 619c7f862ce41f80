"""Passes over the found dates that use their neighbours, and the publication date they start from."""

from __future__ import annotations

import re
from datetime import date

from spacy.tokens import Span

from extractor.normalize.timex import Timex


def parse_anchor(published: str | None) -> date | None:
    """The publication date as a date, from "YYYY-MM-DD" (a time part is ignored); None if unusable."""
    if not published:
        return None
    try:
        return date.fromisoformat(str(published)[:10])
    except ValueError:
        return None


_RANGE_WORDS = frozenset({"to", "-", "--", "through", "until", "till", "and", "or"})
_YEAR_IN_TEXT = re.compile(r"\b(?:1[0-9]|20)\d\d\b|'\d\d\b")
_MONTH_OR_DAY_VALUE = re.compile(r"^\d{4}-\d{2}(?:-\d{2})?$")


def inherit_range_year(found: list[tuple[Span, Timex]]) -> list[tuple[Span, Timex]]:
    """"from June 5 to June 9, 2019": the first end takes the year written on the second.

    Only for a month or day without a year of its own, joined to the next expression by a
    range word, when the result does not come after the second end.
    """
    out = list(found)
    for i in range(len(out) - 1):
        (left, left_timex), (right, right_timex) = out[i], out[i + 1]
        between = left.doc[left.end:right.start]
        if not (0 < len(between) <= 2 and all(t.lower_ in _RANGE_WORDS or t.is_punct for t in between)):
            continue
        if not (left_timex.value and right_timex.value and _MONTH_OR_DAY_VALUE.match(left_timex.value)
                and _YEAR_IN_TEXT.search(right.text) and not _YEAR_IN_TEXT.search(left.text)):
            continue
        value = right_timex.value[:4] + left_timex.value[4:]
        if value[:len(right_timex.value)] <= right_timex.value and _valid_date(value):
            out[i] = (left, Timex(value, left_timex.type, left_timex.granularity, left_timex.mod))
    return out


def _valid_date(value: str) -> bool:
    try:
        date.fromisoformat(value if len(value) == 10 else value + "-01")
    except ValueError:
        return False
    return True


_CLOCK_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}T(?:\d{2}:\d{2}|MO|AF|EV|NI)$")
_DAY_WORDS = re.compile(r"(?i)\b(?:today|tonight|yesterday|tomorrow|mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|"
                        r"jun|jul|aug|sep|oct|nov|dec)|\d{1,2}/\d{1,2}")


def date_bare_times(found: list[tuple[Span, Timex]], anchor: date | None) -> list[tuple[Span, Timex]]:
    """Give a clock time with no day of its own ("at 10:35 a.m.") the day named in its sentence.

    The normalizer can only put such a time on the publication date; "The blast came Friday ...
    at about 10:35 a.m." means Friday's 10:35.
    """
    if anchor is None:
        return found
    out = []
    for span, timex in found:
        if timex.type == "TIME" and timex.value and _CLOCK_ONLY.match(timex.value) \
                and timex.value.startswith(anchor.isoformat()) and not _DAY_WORDS.search(span.text):
            day = _sentence_day(span, found)
            if day:
                timex = Timex(day + timex.value[10:], timex.type, timex.granularity, timex.mod)
        out.append((span, timex))
    return out


def _sentence_day(span: Span, found: list[tuple[Span, Timex]]) -> str | None:
    """The day (YYYY-MM-DD) of the nearest day-level expression in the span's sentence."""
    if not span.doc.has_annotation("SENT_START"):
        return None
    sent = span.sent
    best: tuple[int, str] | None = None
    for other, timex in found:
        if other.sent != sent or other == span or not timex.value or timex.granularity not in ("day", "time"):
            continue
        if not re.match(r"\d{4}-\d{2}-\d{2}", timex.value):
            continue
        distance = abs(other.start - span.start)
        if best is None or distance < best[0]:
            best = (distance, timex.value[:10])
    return best[1] if best else None
