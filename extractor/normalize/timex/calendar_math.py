"""Calendar arithmetic and value builders: shifting an anchor by units, ISO weeks and quarters, the
year of a month-day written without one, and TIMEX3 duration strings.

Pure functions of dates and numbers, so rules in any module build values the same way.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from .vocabulary import UNITS, Tense, Timex, _UNIT_PLURALS


def add_months(d: date, n: int) -> date:
    """d shifted by n calendar months (day clipped to the month's length)."""
    index = d.year * 12 + d.month - 1 + n
    year, month = divmod(index, 12)
    return date(year, month + 1, min(d.day, calendar.monthrange(year, month + 1)[1]))


def week_value(d: date) -> str:
    """ISO week of d, TIMEX3 style: 2018-W44."""
    year, week, _ = d.isocalendar()
    return f"{year:04d}-W{week:02d}"


def quarter_of(d: date) -> int:
    return (d.month - 1) // 3 + 1


def shift_quarter(year: int, quarter: int, n: int) -> tuple[int, int]:
    index = year * 4 + quarter - 1 + n
    return index // 4, index % 4 + 1


def latest_completed_quarter(anchor: date) -> tuple[int, int]:
    """The quarter an earnings report published on `anchor` is about (the one just ended)."""
    return shift_quarter(anchor.year, quarter_of(anchor), -1)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


#: News looks back more than ahead: an undated "Nov. 17" or "in May" is taken from the future only
#: when it is much nearer than the past one (TimeBank: past up to ~9 months, future up to ~3).
FUTURE_DISTANCE_WEIGHT = 2.5


def _pick_year(month: int, day: int | None, anchor: date, tense: Tense) -> int:
    """Year of a month (and day) written without one, judged from the anchor and the tense.

    Future tense ("will meet on May 3") -> the earliest such date not before the anchor; past
    tense -> the latest one not after it; otherwise the nearest one, counting future distances
    FUTURE_DISTANCE_WEIGHT times. The component passes "past" only where the text makes it sure
    ("as of March 20", "since May": see components/dates/tense.calendar_tense); a past verb alone
    is weak ("extended the offer to Nov. 16").
    """
    spans: list[tuple[int, date, date]] = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        if day is None:
            start = date(year, month, 1)
            end = date(year, month, calendar.monthrange(year, month)[1])
        else:
            start = end = _safe_date(year, month, day) or date(year, month, 28)
        spans.append((year, start, end))
    if tense == "future":
        return min(y for y, _, end in spans if end >= anchor)
    if tense == "past":
        return max(y for y, start, _ in spans if start <= anchor)

    def distance(item: tuple[int, date, date]) -> float:
        _, start, end = item
        if start <= anchor <= end:
            return 0
        return (start - anchor).days * FUTURE_DISTANCE_WEIGHT if start > anchor else (anchor - end).days

    return min(spans, key=distance)[0]


def _resolve_weekday(weekday: int, anchor: date, tense: Tense, rel: str | None) -> date:
    """Date of a weekday named relative to the anchor.

    "last Friday" is the one before the anchor's day; "next Friday" the one after; a bare
    "Friday" in a report is the most recent one (the anchor day itself counts) unless the verb
    is in the future tense or the most recent one is six days back, when it is tomorrow.
    """
    back = (anchor.weekday() - weekday) % 7
    forward = (weekday - anchor.weekday()) % 7
    if rel in ("last", "past", "this past"):
        return anchor - timedelta(days=back or 7)
    if rel in ("next", "coming", "this coming"):
        return anchor + timedelta(days=forward or 7)
    if tense == "future" or (rel == "this" and tense != "past") or back == 6:
        # six days back is rarer than tomorrow, whatever the verb: a story dated the evening before
        # (or across a time zone) tells what happened "on Wednesday" (TimeBank's bare weekdays: 9
        # the day after the document's date, 2 six days before)
        return anchor + timedelta(days=forward)
    return anchor - timedelta(days=back)


def _two_digit_year(yy: int, anchor: date | None) -> int:
    """'98 -> 1998, '05 -> 2005: the century that puts the year nearest the anchor."""
    base = anchor.year if anchor else 2000
    candidates = [c * 100 + yy for c in (base // 100 - 1, base // 100, base // 100 + 1)]
    return min(candidates, key=lambda y: abs(y - base))


def _unit(word: str) -> str:
    word = _UNIT_PLURALS.get(word, word)
    return word[:-1] if word.endswith("s") and word[:-1] in UNITS else word


# --------------------------------------------------------------------------------------------
# Value builders
# --------------------------------------------------------------------------------------------


def _day(d: date) -> Timex:
    return Timex(d.isoformat(), "DATE", "day")


def _shift(anchor: date, unit: str, n: int, grain: str | None = None) -> Timex:
    """The period `n` units away from the anchor, at the unit's granularity ("two years ago" -> 2016)."""
    if unit in ("day", "night"):
        return _day(anchor + timedelta(days=n))
    if unit in ("week", "fortnight"):
        return Timex(week_value(anchor + timedelta(weeks=n * (2 if unit == "fortnight" else 1))), "DATE", "week")
    if unit == "weekend":
        return Timex(week_value(anchor + timedelta(weeks=n)) + "-WE", "DATE", "week")
    if unit == "month":
        d = add_months(anchor, n)
        return Timex(f"{d.year:04d}-{d.month:02d}", "DATE", "month")
    if unit == "quarter":
        y, q = shift_quarter(anchor.year, quarter_of(anchor), n)
        return Timex(f"{y}-Q{q}", "DATE", "quarter")
    if unit == "year":
        if grain == "quarter":
            y, q = shift_quarter(*latest_completed_quarter(anchor), 4 * n)
            return Timex(f"{y}-Q{q}", "DATE", "quarter")
        return Timex(f"{anchor.year + n:04d}", "DATE", "year")
    if unit == "decade":
        return Timex(f"{(anchor.year + 10 * n) // 10:03d}X", "DATE", "decade")
    if unit in ("century", "millennium"):
        return Timex(f"{(anchor.year + 100 * n) // 100:02d}", "DATE", "century")
    if unit in ("hour", "minute", "second", "hr", "min", "sec"):
        return _day(anchor)
    return Timex(None, "DATE", None)


def _duration(amount: str, unit: str) -> Timex:
    """P3D, PT2H, PXY ... from an amount ("3", "2.5", "X") and a unit word."""
    unit = _unit(unit)
    letter, _, is_time = UNITS[unit]
    prefix = "PT" if is_time else "P"
    if unit == "fortnight":
        amount = "X" if amount == "X" else _fmt_number(float(amount) * 2)
    if amount != "X" and "." in amount:
        whole, frac = divmod(float(amount), 1)
        sub = _SUB_UNITS.get(unit)
        if sub and frac:
            factor, sub_letter, sub_time = sub
            extra = _fmt_number(round(frac * factor, 3))
            head = f"{int(whole)}{letter}" if whole else ""
            if sub_time and not is_time:
                return Timex(f"P{head}T{extra}{sub_letter}", "DURATION", "duration")
            return Timex(f"{prefix}{head}{extra}{sub_letter}", "DURATION", "duration")
    if letter == "DE" and amount != "X":
        return Timex(f"P{_fmt_number(float(amount) * 10)}Y", "DURATION", "duration")
    if letter == "CE" and amount != "X":
        return Timex(f"P{_fmt_number(float(amount) * 100)}Y", "DURATION", "duration")
    return Timex(f"{prefix}{amount}{letter}", "DURATION", "duration")


#: How a fraction of a unit is written in the next smaller unit ("2 1/2 years" -> P2Y6M).
_SUB_UNITS: dict[str, tuple[int, str, bool]] = {
    "year": (12, "M", False), "month": (30, "D", False), "week": (7, "D", False), "day": (24, "H", True),
    "hour": (60, "M", True), "minute": (60, "S", True), "decade": (10, "Y", False),
}


def _fmt_number(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def _amount(num: str | None) -> tuple[str, str | None]:
    """Amount and implied mod of a quantity phrase: "a couple of" -> ("2", "APPROX"), "several" -> X."""
    if num is None or num in ("a", "an", "the"):
        return "1", None
    if num in ("a couple of", "couple of"):
        return "2", "APPROX"
    if num in ("a few", "few", "several", "many", "some", "a number of"):
        return "X", None
    if num.endswith(" 1/2") or num.endswith(" and a half"):
        return _fmt_number(float(num.split(" ")[0]) + 0.5), None
    return num, None
