"""dateparser as a cached fallback for explicit-looking dates the rules do not cover."""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache

from .calendar_math import _day, week_value
from .vocabulary import MONTHS, ORDINALS, WEEKDAYS, Tense, Timex


#: dateparser only sees strings made of these words (plus numbers): it turns anything else into a date.
_DATE_VOCABULARY = frozenset(MONTHS) | frozenset(WEEKDAYS) | frozenset(ORDINALS) | {
    "of", "the", "on", "at", "in", ",", "st", "nd", "rd", "th", "a.m", "p.m", "am", "pm", "noon", "midnight"}
_TOKEN = re.compile(r"[a-z]+(?:\.[a-z])*|\d+(?:st|nd|rd|th)?|[,/:.-]")
_STRONG = re.compile(r"\b(?:" + "|".join(MONTHS) + r")\b|\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}|\b(?:1[0-9]|20)\d\d\b")


def dateparser_fallback(s: str, anchor: date, tense: Tense = None) -> Timex | None:
    """Ask dateparser about an explicit-looking date the rules did not cover (cached).

    Only strings made of date words and numbers, with a month name, a numeric date or a year,
    get there: dateparser reads "more than four hours Friday" or "six" as some date.
    """
    if len(s) > 60 or s.isdigit() or not _STRONG.search(s):
        return None
    if any(not (tok[0].isdigit() or tok in _DATE_VOCABULARY or tok in ",/:.-") for tok in _TOKEN.findall(s)):
        return None
    prefer = {"past": "past", "future": "future"}.get(tense or "", "current_period")
    return _dateparser_cached(s, anchor, prefer)


@lru_cache(maxsize=8192)
def _dateparser_cached(s: str, anchor: date, prefer: str) -> Timex | None:
    from dateparser.date import DateDataParser  # imported lazily: slow to import, rarely needed

    settings = {"RELATIVE_BASE": datetime(anchor.year, anchor.month, anchor.day), "PREFER_DATES_FROM": prefer,
                "RETURN_AS_TIMEZONE_AWARE": False, "STRICT_PARSING": False}
    try:
        data = DateDataParser(languages=["en"], settings=settings).get_date_data(s)
    except Exception:  # dateparser raises assorted errors on odd input; a failed parse is just "no date"
        return None
    if data is None or data.date_obj is None:
        return None
    d = data.date_obj
    period = data.period or "day"
    if period == "year":
        return Timex(f"{d.year:04d}", "DATE", "year")
    if period == "month":
        return Timex(f"{d.year:04d}-{d.month:02d}", "DATE", "month")
    if period == "week":
        return Timex(week_value(d.date()), "DATE", "week")
    if period == "time" and (d.hour or d.minute):
        return Timex(f"{d.date().isoformat()}T{d.hour:02d}:{d.minute:02d}", "TIME", "time")
    return _day(d.date())
