"""Rules for dates the text states: ISO and numeric dates, month-days, months, years, ranges of years,
decades, centuries, year-end and "the week of ...".
"""

from __future__ import annotations

import re
from datetime import date

from .calendar_math import _day, _pick_year, _safe_date, _two_digit_year, week_value
from .registry import _parse_core, rule
from .vocabulary import _DECADE_WORDS, _MONTH_RE, _WEEKDAY_RE, MONTHS, ORDINALS, WEEKDAYS, Tense, Timex, _Ctx


_YEAR_RE = r"(?P<year>1[0-9]{3}|2[01][0-9]{2}|'\d{2})"


def _year(text: str, anchor: date | None) -> int:
    return _two_digit_year(int(text[1:]), anchor) if text.startswith("'") else int(text)


@rule(r"(?P<y>\d{4})-(?P<m>\d{2})(?:-(?P<d>\d{2}))?(?:t[\d:]+)?")
def _iso(m: re.Match[str], ctx: _Ctx) -> Timex | None:
    if m.group("d"):
        d = _safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        return _day(d) if d else None
    return Timex(f"{m.group('y')}-{m.group('m')}", "DATE", "month") if 1 <= int(m.group("m")) <= 12 else None


@rule(r"(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4}|\d{2})")
def _numeric(m: re.Match[str], ctx: _Ctx) -> Timex | None:
    """US order: 11/2/2018 is November 2."""
    y = int(m.group("y"))
    if y < 100:
        y = _two_digit_year(y, ctx.anchor)
    d = _safe_date(y, int(m.group("m")), int(m.group("d")))
    return _day(d) if d else None


_DAY_RE = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_REL_YEAR_RE = r"(?:(?:of )?(?P<yrel>this|last|next|that|the same|the previous|the following) year)"


@rule(r"(?P<rel>last|next|this past|this coming) " + _MONTH_RE + r" " + _DAY_RE)
def _relative_month_day(m: re.Match[str], ctx: _Ctx) -> Timex | None:
    """"last Oct. 23" -> the latest Oct. 23 before the anchor; "next May 3" -> the first after."""
    month, day = MONTHS[m.group("mon")], int(m.group("day"))
    if ctx.anchor is None:
        return Timex(f"XXXX-{month:02d}-{day:02d}", "DATE", "day")
    tense: Tense = "future" if m.group("rel") in ("next", "this coming") else "past"
    spans = [d for d in (_safe_date(y, month, day) for y in range(ctx.anchor.year - 1, ctx.anchor.year + 2)) if d]
    chosen = [d for d in spans if (d < ctx.anchor if tense == "past" else d > ctx.anchor)]
    if not chosen:
        return None
    return _day(max(chosen) if tense == "past" else min(chosen))


_YEAR_TAIL_RE = r"(?:,? " + _YEAR_RE + r")?(?: " + _REL_YEAR_RE + r")?"


@rule(r"(?:(?:on |this coming |this |next |last )?" + _WEEKDAY_RE + r",? )?" + _MONTH_RE + r",? " + _DAY_RE
      + _YEAR_TAIL_RE)
@rule(r"(?:" + _WEEKDAY_RE + r",? )?(?:the )?" + _DAY_RE + r"(?: of)? " + _MONTH_RE + _YEAR_TAIL_RE)
def _month_day(m: re.Match[str], ctx: _Ctx) -> Timex | None:
    """"Nov. 1", "Thursday November 1", "1 November 2018", "April 1 last year"."""
    month, day = MONTHS[m.group("mon")], int(m.group("day"))
    if not 1 <= day <= 31:
        return None
    year = _explicit_year(m, ctx)
    if year is None:
        if ctx.anchor is None:
            return Timex(f"XXXX-{month:02d}-{day:02d}", "DATE", "day")
        tense = "future" if m.group(0).startswith(("this coming", "next")) else ctx.tense
        year = _pick_year(month, day, ctx.anchor, tense)
        if m.groupdict().get("wd"):
            year = _year_matching_weekday(month, day, WEEKDAYS[m.group("wd")], year)
    d = _safe_date(year, month, day)
    return _day(d) if d else None


@rule(_MONTH_RE + r",? (?P<day>\d{1,2})(?:st|nd|rd|th)? ?(?:-|–|to|through) ?(?P<day2>\d{1,2})(?:st|nd|rd|th)?"
      + _YEAR_TAIL_RE)
def _month_day_range(m: re.Match[str], ctx: _Ctx) -> Timex | None:
    """"February 15-17" (a poll's field dates, a festival) -> 2016-02-15/2016-02-17, the interval.

    Without this rule dateparser read the second day as a two-digit year ("15-17" -> 2017).
    """
    month, first, last = MONTHS[m.group("mon")], int(m.group("day")), int(m.group("day2"))
    if not 1 <= first < last <= 31:
        return None
    year = _explicit_year(m, ctx)
    if year is None:
        if ctx.anchor is None:
            return Timex(f"XXXX-{month:02d}-{first:02d}/XXXX-{month:02d}-{last:02d}", "DATE", "interval")
        year = _pick_year(month, first, ctx.anchor, ctx.tense)
    start, end = _safe_date(year, month, first), _safe_date(year, month, last)
    if start is None or end is None:
        return None
    return Timex(f"{start.isoformat()}/{end.isoformat()}", "DATE", "interval")


def _year_matching_weekday(month: int, day: int, weekday: int, year: int) -> int:
    """"Saturday, April 25": of the candidate years, the one where that day is a Saturday."""
    for candidate in (year, year - 1, year + 1):
        d = _safe_date(candidate, month, day)
        if d and d.weekday() == weekday:
            return candidate
    return year


def _explicit_year(m: re.Match[str], ctx: _Ctx) -> int | None:
    """The year a match states, directly ("2017") or relative to the anchor ("last year")."""
    groups = m.groupdict()
    if groups.get("year"):
        return _year(groups["year"], ctx.anchor)
    rel = groups.get("yrel")
    if rel and ctx.anchor is not None:
        return ctx.anchor.year + {"this": 0, "last": -1, "next": 1, "the previous": -1, "the following": 1}.get(rel, 0)
    return None


@rule(_MONTH_RE + r",? (?:of )?" + _YEAR_RE)
@rule(r"(?:(?P<rel>this|last|next|this past|this coming|past|previous|coming) )?" + _MONTH_RE
      + r"(?: " + _REL_YEAR_RE + r")?")
def _month(m: re.Match[str], ctx: _Ctx) -> Timex | None:
    """"February 2017", "May this year", "last April", "December"."""
    month = MONTHS[m.group("mon")]
    year = _explicit_year(m, ctx)
    rel = m.groupdict().get("rel")
    if year is None:
        if ctx.anchor is None:
            return Timex(f"XXXX-{month:02d}", "DATE", "month")
        a = ctx.anchor
        if rel in ("last", "this past", "past", "previous"):
            year = a.year if month < a.month else a.year - 1
        elif rel in ("next", "this coming", "coming"):
            year = a.year if month > a.month else a.year + 1
        elif rel == "this":
            year = a.year
        else:
            year = _pick_year(month, None, a, ctx.tense)
    return Timex(f"{year:04d}-{month:02d}", "DATE", "month")


@rule(r"(?:(?:the )?(?:fiscal|calendar|financial|model|tax|budget|school|academic|crop|marketing) (?:year )?"
      r"|fy ?|the year |(?:the )?year )?" + _YEAR_RE + r"(?: (?:fiscal )?year)?")
def _plain_year(m: re.Match[str], ctx: _Ctx) -> Timex | None:
    year = _year(m.group("year"), ctx.anchor)
    return Timex(f"{year:04d}", "DATE", "year")


@rule(r"fy ?'?(?P<yy>\d{2})")
def _short_fiscal_year(m: re.Match[str], ctx: _Ctx) -> Timex:
    """"FY19": fiscal 2019."""
    return Timex(f"{_two_digit_year(int(m.group('yy')), ctx.anchor):04d}", "DATE", "year")


@rule(_YEAR_RE + r" ?(?:-|/|to|through|until|and) ?(?P<year2>\d{4}|\d{2})")
def _year_range(m: re.Match[str], ctx: _Ctx) -> Timex | None:
    """1990-95: an interval of years."""
    start = _year(m.group("year"), ctx.anchor)
    end_text = m.group("year2")
    end = int(end_text) if len(end_text) == 4 else start // 100 * 100 + int(end_text)
    if end <= start:
        return None
    return Timex(f"{start:04d}/{end:04d}", "DATE", "interval")


@rule(r"(?:the )?(?:(?P<cent>1\d|20)|')(?P<dec>\d)0s|the (?P<dec2>\d)0s")
@rule(r"(?:the )?(?P<word>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)")
def _decade(m: re.Match[str], ctx: _Ctx) -> Timex:
    """"the 1990s", "the '90s", "the nineties" -> 199X."""
    groups = m.groupdict()
    digit = groups.get("dec") or groups.get("dec2")
    digit = str(_DECADE_WORDS[groups["word"]]) if groups.get("word") else digit
    century = groups.get("cent")
    if not century:
        # "the '90s" in 2018 is the 1990s; "the '10s" is this century's.
        current = ctx.anchor.year if ctx.anchor else 1999
        century = str(current // 100) if int(digit) <= (current % 100) // 10 else str(current // 100 - 1)
    return Timex(f"{century}{digit}X", "DATE", "decade")


@rule(r"(?:the )?(?P<n>\d{1,2})(?:st|nd|rd|th) century|(?:the )?(?P<ord>" + "|".join(ORDINALS) + r") century")
def _century(m: re.Match[str], ctx: _Ctx) -> Timex | None:
    n = int(m.group("n")) if m.group("n") else ORDINALS[m.group("ord")]
    return Timex(f"{n - 1:02d}", "DATE", "century")


@rule(r"(?:the )?(?:(?P<rel>this|last|next) )?(?:year end|year ending|year's end|end of (?:the )?year)")
def _year_end(m: re.Match[str], ctx: _Ctx) -> Timex:
    """"year-end", "by year's end": the end of the current (or named) year."""
    if ctx.anchor is None:
        return Timex(None, "DATE", "year", "END")
    year = ctx.anchor.year + {"last": -1, "next": 1}.get(m.group("rel") or "", 0)
    return Timex(f"{year}", "DATE", "year", "END")


@rule(r"(?:the )?week of (?P<date>.+)")
def _week_of(m: re.Match[str], ctx: _Ctx) -> Timex | None:
    """"the week of March 6": the ISO week containing that day."""
    day = _parse_core(m.group("date"), ctx)
    if day is None or day.granularity != "day" or not day.value:
        return None
    if not _FULL_DATE.fullmatch(day.value):
        return Timex(None, "DATE", "week")  # 'the week of March 6' with no year to anchor it
    return Timex(week_value(date.fromisoformat(day.value)), "DATE", "week")


_FULL_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
