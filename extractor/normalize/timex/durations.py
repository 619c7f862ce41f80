"""Rules for distances and lengths of time: "two years ago", durations ("three days", "a year and a
half"), sets ("every week", "daily") and intervals that end at the present.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .calendar_math import _amount, _day, _duration, _fmt_number, _shift, _unit, week_value
from .registry import _parse_core, _unanchored, rule, special
from .vocabulary import _MONTH_RE, _NUM_RE, _UNIT_RE, _VAGUE_AMOUNT_RE, MONTHS, UNITS, Timex, _Ctx


@rule(_NUM_RE + r" " + _UNIT_RE + r" (?P<dir>ago|earlier|before|back|later|after|from now|hence|since)")
@rule(r"(?P<num>a|an|one) (?P<unit>year|week|month|day|decade) or (?:so|two) (?P<dir>ago)")
def _ago(m: re.Match[str], ctx: _Ctx) -> Timex | None:
    """"two years ago" -> 2016, "a year earlier" -> 2017, "three days later" -> 2018-11-05."""
    amount, mod = _amount(m.group("num"))
    unit = _unit(m.group("unit"))
    if unit not in UNITS and unit != "weekend":
        return None
    sign = -1 if m.group("dir") in ("ago", "earlier", "before", "back", "since") else 1
    if m.group("dir") in ("later", "after"):
        # "three days later" counts from an event in the story, not from the article date: TimeBank
        # annotates the distance ("three days", P3D).
        return replace(_duration(amount, unit), mod=mod)
    if amount == "X":
        return Timex("PAST_REF" if sign < 0 else "FUTURE_REF", "DATE", "reference")
    if ctx.anchor is None:
        return _unanchored("DATE", UNITS[unit][1])
    n = float(amount)
    if not n.is_integer():
        return Timex(None, "DATE", UNITS[unit][1], mod)
    result = _shift(ctx.anchor, unit, sign * int(n), ctx.grain if int(n) == 1 else None)
    return replace(result, mod=mod)


@rule(r"(?:the )?(?:year ago|year earlier|prior year|previous year)")
def _year_ago_adjective(m: re.Match[str], ctx: _Ctx) -> Timex | None:
    """Adjectival "year-earlier"/"year-ago" ("year-earlier profit"): the period a year back."""
    if ctx.anchor is None:
        return _unanchored("DATE", "year")
    return _shift(ctx.anchor, "year", -1, ctx.grain)


# -- durations and sets ----------------------------------------------------------------------------


@rule(r"(?:every|each|per|a|an|(?:once|twice|\d+ times) (?:a|an|per|every))"
      r" (?:other )?(?:(?P<n>\d+) )?" + _UNIT_RE)
def _every_unit(m: re.Match[str], ctx: _Ctx) -> Timex | None:
    """"every week" -> P1W, "every other day" -> P2D, "twice a year" -> P1Y (frequency kept out)."""
    unit = _unit(m.group("unit"))
    if unit not in UNITS:
        return None
    head = m.group(0).split(" ")[0]
    if head in ("a", "an"):
        return None  # "a year" is a duration; "$5 a year" is decided by the caller
    n = int(m.group("n") or (2 if " other " in m.group(0) else 1))
    letter, _, is_time = UNITS[unit]
    if letter == "DE":
        return Timex(f"P{10 * n}Y", "SET", "set")
    return Timex(f"{'PT' if is_time else 'P'}{n}{letter}", "SET", "set")


@rule(r"(?:every|each) " + _MONTH_RE)
def _every_month_name(m: re.Match[str], ctx: _Ctx) -> Timex:
    return Timex(f"XXXX-{MONTHS[m.group('mon')]:02d}", "SET", "set")


_FREQUENCY = {"hourly": "PT1H", "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "biweekly": "P2W",
              "fortnightly": "P2W", "monthly": "P1M", "bimonthly": "P2M", "quarterly": "P3M",
              "annually": "P1Y", "yearly": "P1Y", "annual": "P1Y", "semiannually": "P6M", "semiannual": "P6M",
              "every day": "P1D", "day by day": "P1D", "year after year": "P1Y", "year by year": "P1Y",
              "day after day": "P1D", "week after week": "P1W", "month after month": "P1M"}


@rule(r"(?P<f>" + "|".join(sorted(_FREQUENCY, key=len, reverse=True)) + r")")
def _frequency(m: re.Match[str], ctx: _Ctx) -> Timex:
    return Timex(_FREQUENCY[m.group("f")], "SET", "set")


_DURATION_LEAD = (r"(?:(?:the|a|an|another|an additional|additional|its|their|his|her|our|this|that|those|these) )?"
                  r"(?:(?:past|last|next|coming|first|final|previous|following|preceding|full|entire|whole|latest|"
                  r"initial|remaining|ensuing|succeeding|subsequent|further|extra|additional|same|other) )?")
_UNIT_ADJ = r"(?:(?:more|trading|business|working|calendar|school|full|straight|consecutive|long) )?"


@rule(r"(?:between )?" + _DURATION_LEAD + _NUM_RE + r" ?(?:to|or|and|-) ?(?P<num2>\d+(?:\.\d+)?) " + _UNIT_RE
      + r"(?: (?:old|long|term|period))?")
def _duration_range(m: re.Match[str], ctx: _Ctx) -> Timex | None:
    """"10-15 minutes", "between 10 and 15 minutes" -> PT10M/PT15M: both ends, in the slash
    notation the product uses for any range (an interval "2017-01/2018-11-02" too). "the next 12
    to 18 months" stays a vague length (PXM), as TimeBank writes it."""
    amount, _ = _amount(m.group("num"))
    if ctx.original.lower().startswith(("the next", "the past", "the last")):
        return _duration("X", m.group("unit"))
    if amount == "X" or float(amount) >= float(m.group("num2")):
        # "10 to 10 years"; "five and three years" is not one range
        return None if " and " in m.group(0) else _duration(amount, m.group("unit"))
    low, high = _duration(amount, m.group("unit")), _duration(m.group("num2"), m.group("unit"))
    return replace(low, value=f"{low.value}/{high.value}")


#: Units a compound length may chain, largest first ("3 minutes 43 seconds", "2 years and 6 months"),
#: as (ISO letter, is a time-of-day unit) of ``UNITS``, so "min" and "minute" rank alike.
_CHAIN = (("Y", False), ("M", False), ("W", False), ("D", False), ("H", True), ("M", True), ("S", True))
_PART = r"(?P<n{i}>\d+(?:\.\d+)?) (?P<u{i}>years?|months?|weeks?|days?|hours?|minutes?|seconds?|mins?|secs?|hrs?)"


@rule(_PART.format(i=1) + r"(?:,? and |, | )" + _PART.format(i=2) + r"(?:(?:,? and |, | )" + _PART.format(i=3) + r")?")
def _compound_length(m: re.Match[str], ctx: _Ctx) -> Timex | None:
    """"3 minutes 43 seconds" -> PT3M43S, "two hours and 15 minutes" -> PT2H15M: one length, its
    units in falling order (otherwise "5 days 3 weeks" is two expressions, and no rule answers)."""
    parts = [(m.group(f"n{i}"), _unit(m.group(f"u{i}"))) for i in (1, 2, 3) if m.group(f"n{i}")]
    ranks = [_CHAIN.index((UNITS[u][0], UNITS[u][2])) for _, u in parts]
    if ranks != sorted(set(ranks)) or any("." in n for n, _ in parts[:-1]):
        return None
    date_part = "".join(f"{n}{UNITS[u][0]}" for n, u in parts if not UNITS[u][2])
    time_part = "".join(f"{n}{UNITS[u][0]}" for n, u in parts if UNITS[u][2])
    return Timex("P" + date_part + (f"T{time_part}" if time_part else ""), "DURATION", "duration")


@rule(_DURATION_LEAD + r"(?:(?P<num>\d+(?:\.\d+)?|a|an) )?" + _UNIT_RE + r" and a half")
@rule(r"(?P<half>half|a half) (?:an? )?" + _UNIT_RE)
def _half_durations(m: re.Match[str], ctx: _Ctx) -> Timex | None:
    """"a year and a half" -> P18M, "half an hour" -> PT30M."""
    unit = _unit(m.group("unit"))
    if unit not in UNITS:
        return None
    base = 0.0 if m.groupdict().get("half") else float(_amount(m.groupdict().get("num"))[0])
    return _duration(_fmt_number(base + 0.5), unit)


@rule(_DURATION_LEAD + r"(?:(?P<num>\d+(?:\.\d+)?(?: 1/2| and a half)?|a|an|" + _VAGUE_AMOUNT_RE + r") )?"
      + _UNIT_ADJ + _UNIT_RE + r"(?: (?P<tail>old|long|term|period|span|stint|run|lifetime|window|history|time))?")
def _duration_phrase(m: re.Match[str], ctx: _Ctx) -> Timex | None:
    """"three days", "a 10-year", "the past two years", "years" -> P3D, P10Y, P2Y, PXY."""
    unit = _unit(m.group("unit"))
    if unit not in UNITS:
        return None
    plural = m.group(0).rstrip().endswith(("s", "centuries", "millennia")) and m.group("tail") is None
    num = m.group("num")
    words = m.group(0).split(" ")
    if num is None:
        if plural or (m.group("unit").endswith("s") and m.group("tail") is None):
            return _duration("X", unit)
        if words[0] in ("the", "this", "that") and unit in ("day", "week", "month", "year") and m.group("tail") is None:
            return _the_unit(unit, words, ctx)
        if words[0] not in ("a", "an", "another", "one") and m.group("tail") is None:
            return None  # a bare unit noun ("day", "consecutive month") is not an expression on its own
    amount, mod = _amount(num)
    return replace(_duration(amount, unit), mod=mod)


def _the_unit(unit: str, words: list[str], ctx: _Ctx) -> Timex | None:
    """"the week", "the year", "the month": the current one ("a high for the year", "first
    interception of the year"). "the year ended Sept. 30" is the length P1Y in TimeBank: the
    dates component sees the words after the expression and makes that call (readings.py)."""
    if len(words) > 2:
        if words[1] in ("full", "entire", "whole") and unit == "year" and ctx.anchor is not None:
            return Timex(f"{ctx.anchor.year}", "DATE", "year")
        return None
    if unit == "day":
        return None  # "the day" points at a day named elsewhere in the story
    if ctx.anchor is None:
        return _unanchored("DATE", UNITS[unit][1])
    if unit == "week":
        return Timex(week_value(ctx.anchor), "DATE", "week")
    if unit == "month":
        return Timex(f"{ctx.anchor.year:04d}-{ctx.anchor.month:02d}", "DATE", "month")
    if unit == "year":
        return Timex(f"{ctx.anchor.year:04d}", "DATE", "year")
    return _day(ctx.anchor)


@rule(r"(?:a |an )?(?:long |short |brief |little |considerable |lengthy |fairly lengthy |extended )?"
      r"(?:while|time|period)(?: of time)?")
def _vague_duration(m: re.Match[str], ctx: _Ctx) -> Timex | None:
    """"a while", "a long time": a duration of unknown length (PXX)."""
    if m.group(0) in ("time", "period", "the time", "a time", "a period"):
        return None
    return Timex("PXX", "DURATION", "duration")


# -- "X to the present" -------------------------------------------------------------------------

_TO_PRESENT = re.compile(r"^(?:from |since |between )?(?P<start>.+?) (?:to|until|till|through|up to|and) "
                         r"(?:the present(?: day| time)?|now|date|today|the present moment)$")


@special(order=1)
def _interval_to_present(s: str, ctx: _Ctx) -> Timex | None:
    """"January 2017 to the present" -> 2017-01/2018-11-02 (an interval ending at the anchor)."""
    m = _TO_PRESENT.match(s)
    if not m:
        return None
    start = _parse_core(m.group("start"), ctx)
    if start is None or start.type != "DATE" or not start.value or not start.value[:4].isdigit():
        return None
    end = ctx.anchor.isoformat() if ctx.anchor else "PRESENT_REF"
    return Timex(f"{start.value}/{end}", "DATE", "interval")


# --------------------------------------------------------------------------------------------
