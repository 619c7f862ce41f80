"""The entry point: clean the text, split off modifiers, try the rules, then dateparser; cached.

Also the guards around it: words that are never a date alone, and anchors at the ends of the calendar.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from functools import lru_cache

from .fallback import dateparser_fallback
from .registry import _parse_core
from .vocabulary import Tense, Timex, _Ctx, clean, split_modifiers, words_to_numbers


_NEVER_ALONE = frozenset({"we", "sun", "sat", "wed", "mon", "fri", "tue", "thu", "second", "minute", "fall",
                          "spring", "jan", "mar", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"})


def is_ambiguous_alone(text: str) -> bool:
    """True for lone words that look like dates but usually are not.

    "we" (Wednesday to dateparser), "sun", "fall", a bare abbreviation; "may" and "march" count
    as months only when capitalized (the caller also checks the part of speech).
    """
    stripped = text.strip()
    lower = stripped.lower()
    if lower in _NEVER_ALONE:
        return True
    return lower in ("may", "march") and not stripped[:1].isupper()


def normalize(text: str, anchor: date | None = None, *, tense: Tense = None, grain: str | None = None,
              use_dateparser: bool = True) -> Timex | None:
    """TIMEX3 value/type/granularity/mod of one date expression, or None if it is not one.

    anchor: the publication date that relative expressions resolve against ("yesterday").
    tense: "past"/"present"/"future" of the governing verb; decides whether a bare "Thursday" or
        "in May" points back or forward.
    grain: "quarter" when the surrounding sentence reports quarterly figures, so that "a year
        earlier" means the same quarter a year back (TimeBank convention in earnings stories).
    """
    if not text or not text.strip() or is_ambiguous_alone(text):
        return None
    try:
        result = _normalize_cached(text, anchor, tense, grain, use_dateparser)
        if result is None or result.value is None or not _OUTSIDE_CALENDAR.match(result.value):
            return _pad_year(result)
    except (OverflowError, ValueError):
        pass
    # The anchor sits at an end of the calendar (a CMS's 0001-01-01 or 9999-12-31) and the
    # expression reaches past it ("yesterday", "next year"): resolve it without the anchor, so an
    # absolute date keeps its value and a relative one stays in the record, unresolved.
    if anchor is None:
        return None
    try:
        return _pad_year(_normalize_cached(text, None, tense, grain, use_dateparser))
    except (OverflowError, ValueError):
        return None


#: Values beyond the years 0000-9999 TIMEX3 writes: a year before 0 ("-007", "-01X"), year 10000
#: ("10000-12"), its decade ("1000X") or century ("100").
_OUTSIDE_CALENDAR = re.compile(r"-\d|\d{5}|\d{4}X|\d{3}$")
_SHORT_YEAR = re.compile(r"(\d{1,3})(?=-)")  # "1-Q1" near year 1: ISO writes 0001-Q1


def _pad_year(result: Timex | None) -> Timex | None:
    """A value whose year has fewer than four digits written the ISO way ("0001-Q1")."""
    if result is None or result.value is None or not _SHORT_YEAR.match(result.value):
        return result
    return replace(result, value=_SHORT_YEAR.sub(lambda m: m.group(1).zfill(4), result.value, count=1))


_THE_UNIT = re.compile(r"^the (year|month|week|decade|century)$")


@lru_cache(maxsize=65536)
def _normalize_cached(text: str, anchor: date | None, tense: Tense, grain: str | None,
                      use_dateparser: bool) -> Timex | None:
    s = words_to_numbers(clean(text))
    core, mod = split_modifiers(s)
    ctx = _Ctx(anchor, tense, grain, text)
    if mod in ("START", "MID", "END"):
        # "the end of the year", "earlier in the month": the current one, not a duration.
        core = _THE_UNIT.sub(r"this \1", core)
    result = _parse_core(core, ctx)
    if result is None and mod is not None:
        result = _parse_core(s, ctx)
        mod = None if result is not None else mod
    if result is None and use_dateparser and anchor is not None:
        result = dateparser_fallback(core, anchor, tense)
    if result is None:
        return None
    return replace(result, mod=result.mod or mod)


# --------------------------------------------------------------------------------------------
# dateparser fallback
# --------------------------------------------------------------------------------------------
