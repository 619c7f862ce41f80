"""Fixed and movable holidays (Christmas, Easter, Thanksgiving ...), resolved to the nearest one."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date, timedelta

from .calendar_math import FUTURE_DISTANCE_WEIGHT, _day
from .explicit import _YEAR_RE, _year
from .registry import _unanchored, rule
from .vocabulary import Timex, _Ctx


def _easter(year: int) -> date:
    """Gregorian Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month = (h + l_ - 7 * m + 114) // 31
    day = (h + l_ - 7 * m + 114) % 31 + 1
    return date(year, month, day)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """n-th (1-based; -1 = last) given weekday of a month."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = date(year, month, calendar.monthrange(year, month)[1])
    return last - timedelta(days=(last.weekday() - weekday) % 7)


HOLIDAYS: dict[str, Callable[[int], date]] = {
    "christmas": lambda y: date(y, 12, 25), "christmas day": lambda y: date(y, 12, 25),
    "christmas eve": lambda y: date(y, 12, 24), "new year day": lambda y: date(y, 1, 1),
    "new years day": lambda y: date(y, 1, 1), "new year eve": lambda y: date(y, 12, 31),
    "new years eve": lambda y: date(y, 12, 31), "halloween": lambda y: date(y, 10, 31),
    "valentine day": lambda y: date(y, 2, 14), "independence day": lambda y: date(y, 7, 4),
    "fourth of july": lambda y: date(y, 7, 4), "july fourth": lambda y: date(y, 7, 4),
    "veterans day": lambda y: date(y, 11, 11), "boxing day": lambda y: date(y, 12, 26),
    "thanksgiving": lambda y: _nth_weekday(y, 11, 3, 4), "thanksgiving day": lambda y: _nth_weekday(y, 11, 3, 4),
    "labor day": lambda y: _nth_weekday(y, 9, 0, 1), "memorial day": lambda y: _nth_weekday(y, 5, 0, -1),
    "election day": lambda y: _nth_weekday(y, 11, 0, 1) + timedelta(days=1),
    "easter": _easter, "easter sunday": _easter, "good friday": lambda y: _easter(y) - timedelta(days=2),
    "easter monday": lambda y: _easter(y) + timedelta(days=1), "mother day": lambda y: _nth_weekday(y, 5, 6, 2),
    "father day": lambda y: _nth_weekday(y, 6, 6, 3), "martin luther king day": lambda y: _nth_weekday(y, 1, 0, 3),
    # the shopping days named after US Thanksgiving (deals pages name them far more than the weekday)
    "black friday": lambda y: _nth_weekday(y, 11, 3, 4) + timedelta(days=1),
    "cyber monday": lambda y: _nth_weekday(y, 11, 3, 4) + timedelta(days=4),
    "super tuesday": lambda y: _super_tuesday(y),
}

#: Super Tuesday before 2012, when states had not yet settled on the first Tuesday in March.
_EARLIER_SUPER_TUESDAYS = {1988: date(1988, 3, 8), 1992: date(1992, 3, 10), 1996: date(1996, 3, 12),
                           2000: date(2000, 3, 7), 2004: date(2004, 3, 2), 2008: date(2008, 2, 5)}


def _super_tuesday(year: int) -> date:
    """The US primaries' biggest day: the first Tuesday in March since 2012, earlier ones by table."""
    return _EARLIER_SUPER_TUESDAYS.get(year) or _nth_weekday(year, 3, 1, 1)


_HOLIDAY_RE = r"(?P<name>" + "|".join(sorted(HOLIDAYS, key=len, reverse=True)) + r")"


@rule(r"(?:the )?(?P<year0>1[0-9]{3}|20[0-9]{2}) " + _HOLIDAY_RE)
@rule(r"(?:(?P<rel>last|next|this|this past|this coming) )?" + _HOLIDAY_RE + r"(?:,? " + _YEAR_RE + r")?")
def _holiday(m: re.Match[str], ctx: _Ctx) -> Timex | None:
    """Fixed and movable holidays: "Thanksgiving" in January 2000 -> 1999-11-25."""
    make = HOLIDAYS[m.group("name")]
    if m.groupdict().get("year0"):  # "the 1988 Super Tuesday"
        return _day(make(int(m.group("year0"))))
    if m.group("year"):
        return _day(make(_year(m.group("year"), ctx.anchor)))
    if ctx.anchor is None:
        return _unanchored("DATE", "day")
    a = ctx.anchor
    options = [make(y) for y in (a.year - 1, a.year, a.year + 1)]
    rel = m.groupdict().get("rel")
    if rel in ("last", "this past"):
        return _day(max(d for d in options if d <= a))
    if rel in ("next", "this coming") or ctx.tense == "future":
        return _day(min(d for d in options if d >= a))
    return _day(min(options, key=lambda d: (d - a).days * FUTURE_DISTANCE_WEIGHT if d > a else (a - d).days))
