"""Rules for periods named relative to the anchor: this/last/next + unit, weekends, fiscal quarters and
halves, seasons, weekdays and weekday sets.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from .calendar_math import (
    _day,
    _pick_year,
    _resolve_weekday,
    _shift,
    latest_completed_quarter,
    quarter_of,
    shift_quarter,
    week_value,
)
from .explicit import _YEAR_RE, _year
from .registry import _unanchored, rule
from .vocabulary import (
    _MONTH_RE,
    _TOD,
    _TOD_RE,
    _WEEKDAY_RE,
    MONTHS,
    ORDINALS,
    SEASONS,
    UNITS,
    WEEKDAYS,
    Tense,
    Timex,
    _Ctx,
)


_REL_OFFSETS = {
    "this": 0, "the current": 0, "current": 0, "the present": 0, "this current": 0, "the same": 0,
    "last": -1, "the last": -1, "past": -1, "the past": -1, "previous": -1, "the previous": -1, "the prior": -1,
    "prior": -1, "the preceding": -1, "this past": -1, "the latest": -1, "latest": -1,
    "next": 1, "the next": 1, "coming": 1, "the coming": 1, "following": 1, "the following": 1, "this coming": 1,
    "the upcoming": 1, "upcoming": 1,
}
_REL_RE = r"(?P<rel>" + "|".join(sorted(_REL_OFFSETS, key=len, reverse=True)) + r")"
#: Lengths that "the past ..." counts back from now.
_SPAN_TO_NOW = {"year": "P1Y", "month": "P1M", "week": "P1W", "fortnight": "P2W"}


@rule(_REL_RE + r" (?P<unit>year|month|week|weekend|quarter|decade|century|fortnight)")
def _relative_unit(m: re.Match[str], ctx: _Ctx) -> Timex | None:
    """"this year" -> 2018, "last week" -> 2018-W43, "next month" -> 2018-12."""
    unit = m.group("unit")
    if ctx.anchor is None:
        return _unanchored("DATE", UNITS.get(unit, ("", "week", False))[1])
    n = _REL_OFFSETS[m.group("rel")]
    if unit == "quarter":
        return _quarter_relative(n, ctx.anchor)
    if unit == "weekend":
        return _weekend(ctx.anchor, ctx.tense, n)
    if unit in ("decade", "century") and m.group("rel") in ("the last", "the past") and n == -1:
        return Timex(f"P1{UNITS[unit][0]}" if unit == "century" else "P10Y", "DURATION", "duration")
    if unit in _SPAN_TO_NOW and m.group("rel") == "the past":
        # "over the past year" is the twelve months to now, not the calendar year before: 2018 would
        # misstate the period a figure covers ("sales rose 5% over the past year", Nov 2019)
        return Timex(_SPAN_TO_NOW[unit], "DURATION", "duration")
    return _shift(ctx.anchor, unit, n)


@rule(r"the (?P<unit>weekend)")
def _the_weekend(m: re.Match[str], ctx: _Ctx) -> Timex:
    if ctx.anchor is None:
        return _unanchored("DATE", "week")
    return _weekend(ctx.anchor, ctx.tense, None)


def _weekend(anchor: date, tense: Tense, n: int | None) -> Timex:
    """Saturday-Sunday of a week: the one just past unless told otherwise."""
    saturday_back = anchor - timedelta(days=(anchor.weekday() - 5) % 7)
    if n == 1 or (n is None and tense == "future"):
        target = anchor + timedelta(days=(5 - anchor.weekday()) % 7)
        if n == 1 and anchor.weekday() >= 5:
            target += timedelta(weeks=1)
    elif n == 0:
        target = saturday_back if anchor.weekday() >= 5 else anchor + timedelta(days=5 - anchor.weekday())
    else:
        target = saturday_back
        if n == -1 and anchor.weekday() >= 5:
            target -= timedelta(weeks=1)
    return Timex(week_value(target) + "-WE", "DATE", "week")


def _quarter_relative(n: int, anchor: date) -> Timex:
    """"this quarter" is the one containing the anchor; "last quarter" the one before."""
    y, q = shift_quarter(anchor.year, quarter_of(anchor), n)
    return Timex(f"{y}-Q{q}", "DATE", "quarter")


@rule(r"(?:the )?(?:same )?(?P<unit>year|quarter|period) (?:ago|earlier|before)")
@rule(r"(?:the )?(?:comparable |corresponding |same |prior )?"
      r"(?:year ago|year earlier|prior year|previous year|last year)"
      r" (?:fiscal )?(?:(?:first|second|third|fourth) )?(?:quarter|period)")
@rule(r"(?:the )?(?:comparable |corresponding |same )(?:quarter|period)"
      r" (?:a year ago|a year earlier|last year|of last year|in 19\d\d|the year before)")
@rule(r"(?:the )?quarter a year (?:ago|earlier)")
def _year_ago_quarter(m: re.Match[str], ctx: _Ctx) -> Timex | None:
    """"the year-earlier quarter", "the year-ago period": the reported quarter, one year back."""
    if ctx.anchor is None:
        return _unanchored("DATE", "quarter")
    unit = m.groupdict().get("unit")
    if unit == "year" and ctx.grain != "quarter":
        return Timex(f"{ctx.anchor.year - 1}", "DATE", "year")
    y, q = shift_quarter(*latest_completed_quarter(ctx.anchor), -4)
    return Timex(f"{y}-Q{q}", "DATE", "quarter")


@rule(r"(?:the|its|their) "
      r"(?:(?:latest|most recent|recent|just ended|just completed|last|previous|prior|past|reporting) )?"
      r"(?:fiscal )?(?:quarter|period)(?: just (?:ended|completed))?")
def _reported_quarter(m: re.Match[str], ctx: _Ctx) -> Timex | None:
    """"the quarter", "the latest period": in an earnings story, the quarter that just ended."""
    if m.group(0).endswith("period") and ctx.grain != "quarter":
        return None
    if ctx.anchor is None:
        return _unanchored("DATE", "quarter")
    y, q = latest_completed_quarter(ctx.anchor)
    return Timex(f"{y}-Q{q}", "DATE", "quarter")


@rule(r"(?:the |its )?(?P<year>1[0-9]{3}|20[0-9]{2}) (?:fiscal )?(?:quarter|period)")
def _year_quarter(m: re.Match[str], ctx: _Ctx) -> Timex | None:
    """"the 1988 quarter": the reported quarter (the one just ended) of that year."""
    if ctx.anchor is None:
        return Timex(f"{m.group('year')}-QX", "DATE", "quarter")
    _, q = latest_completed_quarter(ctx.anchor)
    return Timex(f"{m.group('year')}-Q{q}", "DATE", "quarter")


@rule(r"(?:the |its |their )?" + _MONTH_RE + r" quarter")
def _month_quarter(m: re.Match[str], ctx: _Ctx) -> Timex | None:
    """"the September quarter" (Indian, Australian business usage): the calendar quarter ending that month."""
    month = MONTHS[m.group("mon")]
    if month % 3:
        return None
    if ctx.anchor is None:
        return Timex(f"XXXX-Q{month // 3}", "DATE", "quarter")
    return Timex(f"{_pick_year(month, None, ctx.anchor, ctx.tense)}-Q{month // 3}", "DATE", "quarter")


_QUARTER_ORD = r"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|final|last)"


@rule(r"(?:the |its |their )?(?:(?P<ypre>\d{4}|this year|last year|next year|(?:the |a )?year (?:earlier|ago)) )?"
      r"(?:fiscal |calendar )?" + _QUARTER_ORD + r" (?:fiscal |calendar )?(?P<unit>quarter|half|quarters)"
      r"(?: (?:of|in|for) (?:(?:fiscal|calendar) )?"
      r"(?:(?P<ysuf>\d{4})|(?P<yrel>this|last|next|the) (?:fiscal )?year|(?:the )?year ago))?")
@rule(r"q(?P<q>[1-4])(?: (?P<ysuf>\d{4}))?")
def _quarter(m: re.Match[str], ctx: _Ctx) -> Timex | None:
    """"the third quarter" -> 2018-Q3, "the first half of 1990" -> 1990-H1, "fourth quarters" -> SET."""
    groups = m.groupdict()
    unit = groups.get("unit") or "quarter"
    if groups.get("q"):
        index = int(groups["q"])
    else:
        index = {"final": 4 if unit.startswith("quarter") else 2, "last": 4 if unit.startswith("quarter") else 2}.get(
            groups["ord"], ORDINALS.get(groups["ord"], 0))
    letter = "H" if unit == "half" else "Q"
    if index < 1 or index > (2 if letter == "H" else 4):
        return None
    if unit == "quarters":
        return Timex(f"XXXX-Q{index}", "SET", "set")
    granularity = "half" if letter == "H" else "quarter"
    year = _quarter_year(groups, index, letter, ctx)
    return Timex(f"{'XXXX' if year is None else year}-{letter}{index}", "DATE", granularity)


def _quarter_year(groups: dict[str, str | None], index: int, letter: str, ctx: _Ctx) -> int | None:
    explicit = groups.get("ypre") or groups.get("ysuf")
    if explicit and explicit[0].isdigit():
        return int(explicit)
    if ctx.anchor is None:
        return None
    a = ctx.anchor
    shift = {"this year": 0, "last year": -1, "next year": 1}.get(explicit or "", 0)
    if explicit and ("ago" in explicit or "earlier" in explicit):
        shift = -1
    if groups.get("yrel"):
        shift = {"this": 0, "last": -1, "next": 1, "the": 0}[groups["yrel"]]
    if explicit or groups.get("yrel"):
        return a.year + shift
    current = quarter_of(a) if letter == "Q" else (1 if a.month <= 6 else 2)
    if index > current and (ctx.tense == "past" or (letter == "Q" and index - current >= 2 and ctx.tense != "future")):
        return a.year - 1
    return a.year


@rule(r"(?:the )?(?:first|past|last|latest|initial|year earlier|year ago|same) ?(?P<n>\d+) months")
@rule(r"(?:the )(?P<n>\d+) months")
def _year_to_date(m: re.Match[str], ctx: _Ctx) -> Timex:
    """"the first nine months" (of a fiscal year) is a duration in TimeBank, P9M."""
    return Timex(f"P{m.group('n')}M", "DURATION", "duration")


# -- seasons -------------------------------------------------------------------------------------


@rule(r"(?:(?P<rel>this past|this coming|this|last|next|past|coming|the) )?(?P<season>spring|summer|fall|autumn|winter)"
      r"(?:(?: of)? (?:" + _YEAR_RE + r"|(?P<yrel>this|last|next) year))?")
def _season(m: re.Match[str], ctx: _Ctx) -> Timex | None:
    """"this summer" -> 2018-SU, "last fall" -> the latest autumn before the anchor."""
    code = SEASONS[m.group("season")]
    rel = m.group("rel")
    if m.group("year"):
        return Timex(f"{_year(m.group('year'), ctx.anchor):04d}-{code}", "DATE", "season")
    if rel is None and m.group("yrel") is None and ctx.original.strip().lower() in ("fall", "spring"):
        return None  # bare "fall"/"spring" is usually a verb
    if ctx.anchor is None:
        return Timex(f"XXXX-{code}", "DATE", "season")
    a = ctx.anchor
    if m.group("yrel"):
        year = a.year + {"this": 0, "last": -1, "next": 1}[m.group("yrel")]
        return Timex(f"{year}-{code}", "DATE", "season")
    start_month = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
    if rel in ("last", "past", "this past"):
        year = a.year if a.month >= start_month + 3 else a.year - 1
        if code == "WI":
            year = a.year - 1
    elif rel in ("next", "coming", "this coming"):
        year = a.year if a.month < start_month else a.year + 1
    elif rel == "this":
        year = a.year  # "this summer's convention" told in May is this year's whatever the verb
    else:
        year = _season_year_by_tense(a, start_month, ctx.tense)
    return Timex(f"{year}-{code}", "DATE", "season")


def _season_year_by_tense(a: date, start_month: int, tense: Tense) -> int:
    """"the summer", "summer" without this, last or next: the anchor's year, unless the verb's
    tense points the other way: "goes on sale in the summer" told in November is next summer,
    "planted in the spring" told in February the spring before."""
    if start_month == 12:
        return a.year  # winter straddles two years: which one "2019-WI" names is left as it was
    over = a.month >= start_month + 3
    begun = a.month >= start_month
    if tense == "future" and over:
        return a.year + 1
    if tense == "past" and not begun:
        return a.year - 1
    return a.year


# -- weekdays and holidays -----------------------------------------------------------------------


@rule(r"(?:(?P<rel>last|next|this|this past|this coming|on|past|coming|the previous|the following) )?" + _WEEKDAY_RE
      + r"(?: " + _TOD_RE + r")?")
@rule(r"(?:(?P<rel>last|this) )?" + _TOD_RE + r" (?:of )?" + _WEEKDAY_RE)
def _weekday(m: re.Match[str], ctx: _Ctx) -> Timex | None:
    """"Thursday" in a story of Friday 2 November 2018 -> 2018-11-01; "Friday night" -> ...TNI."""
    rel = m.group("rel")
    tod = m.groupdict().get("tod")
    if ctx.anchor is None:
        return _unanchored("TIME" if tod else "DATE", "time" if tod else "day")
    rel = {"on": None, "the previous": "last", "the following": "next"}.get(rel or "", rel)
    d = _resolve_weekday(WEEKDAYS[m.group("wd")], ctx.anchor, ctx.tense, rel)
    if tod:
        return Timex(f"{d.isoformat()}T{_TOD[tod]}", "TIME", "time")
    return _day(d)


@rule(r"(?:every|each|on) " + _WEEKDAY_RE + r"s?(?: " + _TOD_RE + r")?")
@rule(_WEEKDAY_RE + r"s(?: " + _TOD_RE + r")?")
def _weekday_set(m: re.Match[str], ctx: _Ctx) -> Timex | None:
    """"every Tuesday", "Mondays" -> XXXX-WXX-2."""
    if m.group(0).startswith("on ") and not m.group(0).split(" ")[1].endswith("s"):
        return None
    tod = m.groupdict().get("tod")
    value = f"XXXX-WXX-{WEEKDAYS[m.group('wd')] + 1}" + (f"T{_TOD[tod]}" if tod else "")
    return Timex(value, "SET", "set")
