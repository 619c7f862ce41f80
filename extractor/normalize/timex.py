"""TIMEX3 normalization: a date expression plus the article's date -> value, type, granularity, mod.

Why our own rules instead of dateparser alone: dateparser resolves "last year" to a day one year
ago, "this week" to today, "the 1990s" to nothing, and happily turns "we" into a Wednesday. TimeML
(the TIMEX3 guidelines that TimeBank follows) wants the value *at the granularity the text gives*:
"last year" -> 2017, "this week" -> 2018-W44, "May this year" -> 2018-05. The rules below cover
what news text uses; dateparser is only a cached fallback for explicit dates the rules miss.

Everything here is pure: ``normalize(text, anchor)`` depends only on its arguments. Context that
only the document can give (the tense of the governing verb, whether the article is a quarterly
earnings report) is passed in as optional hints by the spaCy component.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Literal

Tense = Literal["past", "present", "future"] | None


@dataclass(frozen=True)
class Timex:
    """A normalized time expression (the TIMEX3 attributes the records carry)."""

    value: str | None
    type: str = "DATE"  # DATE, TIME, DURATION or SET
    granularity: str | None = None
    mod: str | None = None


@dataclass(frozen=True)
class _Ctx:
    """What a rule may use besides the text: the anchor and the hints from the document."""

    anchor: date | None
    tense: Tense
    grain: str | None  # "quarter" when the sentence talks about fiscal quarters
    original: str


# --------------------------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------------------------

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS: dict[str, int] = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}
SEASONS: dict[str, str] = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
ORDINALS: dict[str, int] = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
    "fifth": 5, "5th": 5, "sixth": 6, "6th": 6, "seventh": 7, "7th": 7, "eighth": 8, "8th": 8,
    "ninth": 9, "9th": 9, "tenth": 10, "10th": 10, "eleventh": 11, "twelfth": 12,
    "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17,
    "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "twenty first": 21, "twenty-first": 21,
}
#: Unit word -> (ISO 8601 duration letter, granularity, is a time-of-day unit).
UNITS: dict[str, tuple[str, str, bool]] = {
    "second": ("S", "time", True), "sec": ("S", "time", True), "minute": ("M", "time", True),
    "min": ("M", "time", True), "hour": ("H", "time", True), "hr": ("H", "time", True),
    "day": ("D", "day", False), "night": ("D", "day", False), "week": ("W", "week", False),
    "fortnight": ("W", "week", False), "month": ("M", "month", False), "quarter": ("Q", "quarter", False),
    "year": ("Y", "year", False), "yr": ("Y", "year", False), "decade": ("DE", "decade", False),
    "century": ("CE", "century", False), "millennium": ("ML", "century", False),
}
_UNIT_PLURALS = {"centuries": "century", "millennia": "millennium", "millenniums": "millennium"}

_SMALL_NUMBERS = {
    "dozen": 12, "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                 "eighties": 8, "nineties": 9}


_MONTH_RE = r"(?P<mon>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY_RE = r"(?P<wd>" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")\.?"
_UNIT_RE = r"(?P<unit>" + "|".join(sorted(list(UNITS) + list(_UNIT_PLURALS), key=len, reverse=True)) + r")s?"
_VAGUE_AMOUNT_RE = r"a couple of|couple of|a few|few|several|many|some|a number of"
_NUM_RE = r"(?P<num>\d+(?:\.\d+)?(?: 1/2| and a half)?|a|an|" + _VAGUE_AMOUNT_RE + r"|the)"
_TOD = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
_TOD_RE = r"(?P<tod>morning|afternoon|evening|night)"


# --------------------------------------------------------------------------------------------
# Text cleaning
# --------------------------------------------------------------------------------------------

_WS = re.compile(r"\s+")
_HYPHEN_WORD = re.compile(r"(?<=[a-z])-(?=[a-z0-9'])|(?<=[0-9])-(?=[a-z])")
_POSSESSIVE = re.compile(r"(?<=[a-z0-9])'s\b|(?<=s)'(?= |$)")
_DECADE_APOS = re.compile(r"(?<=\d0)'s\b")
_MONTH_ORDINAL = re.compile(r"\b(" + "|".join(MONTHS) + r")\.? (" + "|".join(sorted(ORDINALS, key=len, reverse=True))
                            + r")\b")
_FISCAL_YEAR = re.compile(r"\b(?:fiscal|financial|calendar) year\b")


def clean(text: str) -> str:
    """Lower-case, unify quotes/dashes and spaces, split word hyphens, drop possessives.

    "Third-quarter" and "third quarter", "Friday's" and "Friday" must reach the rules as the same
    string; the digit-digit hyphen of "1998-08-07" is kept.
    """
    s = text.strip().lower().replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    s = s.replace("\u2013", "-").replace("\u2014", "-")
    s = _DECADE_APOS.sub("s", s)
    s = _POSSESSIVE.sub("", s)
    s = _HYPHEN_WORD.sub(" ", s)
    s = _WS.sub(" ", s.replace(",", " , ")).replace(" ,", ",")
    s = _MONTH_ORDINAL.sub(lambda m: f"{m.group(1)} {ORDINALS[m.group(2)]}", s)
    s = _FISCAL_YEAR.sub("year", s)
    return s.strip(" ,;:!?\"()").rstrip(".").strip()


_A_SCALE = re.compile(r"\ban? (hundred|thousand|dozen)\b")


def words_to_numbers(s: str) -> str:
    """Replace spelled numbers by digits: "two" -> 2, "twenty four" -> 24, "nineteen ninety six" -> 1996."""
    tokens = _A_SCALE.sub(r"one \1", s).split(" ")
    out: list[str] = []
    i = 0
    while i < len(tokens):
        j, value = _read_number(tokens, i)
        if j > i:
            out.append(str(value))
            i = j
        else:
            out.append(tokens[i])
            i += 1
    return " ".join(out)


def _read_pair(tokens: list[str], i: int) -> tuple[int, int | None]:
    """Read one number below 100 ("ninety seven", "twelve") starting at i."""
    if i < len(tokens) and tokens[i] in _SMALL_NUMBERS:
        return i + 1, _SMALL_NUMBERS[tokens[i]]
    if i < len(tokens) and tokens[i] in _TENS:
        value = _TENS[tokens[i]]
        if i + 1 < len(tokens) and tokens[i + 1] in _SMALL_NUMBERS and 0 < _SMALL_NUMBERS[tokens[i + 1]] < 10:
            return i + 2, value + _SMALL_NUMBERS[tokens[i + 1]]
        return i + 1, value
    return i, None


def _read_number(tokens: list[str], i: int) -> tuple[int, int]:
    """Read a spelled number (with hundred/thousand, or a spoken year) starting at i."""
    j, first = _read_pair(tokens, i)
    if first is None:
        return i, 0
    # Spoken year: "nineteen ninety six", "nineteen eighty".
    k, second = _read_pair(tokens, j)
    if second is not None and 10 <= first <= 99 and second >= 10:
        return k, first * 100 + second
    total, current = 0, first
    while j < len(tokens):
        word = tokens[j]
        if word == "hundred":
            current *= 100
        elif word == "thousand":
            total += current * 1000
            current = 0
        elif word == "and" and j + 1 < len(tokens) and _read_pair(tokens, j + 1)[1] is not None and current >= 100:
            pass
        else:
            k, extra = _read_pair(tokens, j)
            if extra is None or current % 100 != 0 or current == 0:
                break
            current += extra
            j = k
            continue
        j += 1
    return j, total + current


# --------------------------------------------------------------------------------------------
# Modifiers ("about", "early", "at least", "or so")
# --------------------------------------------------------------------------------------------

_PREFIX_MODS: list[tuple[str, str | None]] = [
    ("no more than", "EQUAL_OR_LESS"), ("no less than", "EQUAL_OR_MORE"), ("not more than", "EQUAL_OR_LESS"),
    ("at least", "EQUAL_OR_MORE"), ("at most", "EQUAL_OR_LESS"), ("up to", "EQUAL_OR_LESS"),
    ("more than", "MORE_THAN"), ("just over", "MORE_THAN"), ("well over", "MORE_THAN"), ("over", "MORE_THAN"),
    ("less than", "LESS_THAN"), ("fewer than", "LESS_THAN"), ("just under", "LESS_THAN"), ("under", "LESS_THAN"),
    ("nearly", "LESS_THAN"), ("almost", "LESS_THAN"), ("about", "APPROX"), ("around", "APPROX"),
    ("approximately", "APPROX"), ("roughly", "APPROX"), ("some", "APPROX"), ("circa", "APPROX"),
    ("the beginning of", "START"), ("the start of", "START"), ("the dawn of", "START"), ("the early", "START"),
    ("early in", "START"), ("earlier in", "START"), ("early", "START"), ("earlier", "START"),
    ("the middle of", "MID"), ("the mid", "MID"), ("the height of", "MID"), ("the middle", "MID"), ("mid", "MID"),
    ("the end of", "END"), ("the close of", "END"), ("the late", "END"), ("late in", "END"), ("later in", "END"),
    ("late", "END"), ("later", "END"), ("post", "AFTER"), ("pre", "BEFORE"),
    ("sometime in", None), ("sometime", None), ("some time in", None),
]
_SUFFIX_MODS: list[tuple[str, str]] = [
    ("or so", "APPROX"), ("or later", "ON_OR_AFTER"), ("and beyond", "ON_OR_AFTER"), ("or after", "ON_OR_AFTER"),
    ("or earlier", "ON_OR_BEFORE"), ("or before", "ON_OR_BEFORE"), ("or more", "EQUAL_OR_MORE"),
    ("or less", "EQUAL_OR_LESS"), ("and counting", "EQUAL_OR_MORE"),
]
#: A prefix modifier only counts when something follows that it can modify.
_NEEDS_NUMBER = {"some", "over", "under"}


def split_modifiers(s: str) -> tuple[str, str | None]:
    """Strip one leading and one trailing modifier; return the core and the TIMEX3 mod."""
    mod = None
    for phrase, value in _PREFIX_MODS:
        if s.startswith(phrase + " "):
            rest = s[len(phrase):].strip()
            if not rest:
                break
            if phrase in _NEEDS_NUMBER and not re.match(r"(\d|a |an |one |the past|the last)", rest):
                break
            if phrase in ("earlier", "later") and rest.split(" ")[0] not in ("this", "that", "today", "yesterday",
                                                                              "tomorrow", "the", "in") \
                    and rest.split(" ")[0].rstrip(".") not in WEEKDAYS:
                break
            s, mod = rest, value
            break
    for phrase, value in _SUFFIX_MODS:
        if s.endswith(" " + phrase):
            s = s[: -len(phrase)].strip()
            mod = mod or value
            break
    return s, mod


# --------------------------------------------------------------------------------------------
# Calendar helpers
# --------------------------------------------------------------------------------------------


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

    Future tense ("will meet on May 3") -> the earliest such date not before the anchor;
    otherwise the nearest one, counting future distances FUTURE_DISTANCE_WEIGHT times. A past
    tense is no evidence: "said the dividend is payable Nov. 17" hangs on "said".
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
    is in the future tense.
    """
    back = (anchor.weekday() - weekday) % 7
    forward = (weekday - anchor.weekday()) % 7
    if rel in ("last", "past", "this past"):
        return anchor - timedelta(days=back or 7)
    if rel in ("next", "coming", "this coming"):
        return anchor + timedelta(days=forward or 7)
    if tense == "future" or (rel == "this" and tense != "past"):
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
        return Timex(f"{(anchor.year + 100 * n) // 100:02d}XX", "DATE", "century")
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


# --------------------------------------------------------------------------------------------
# Rules: (pattern, handler). The first handler that returns a Timex wins.
# --------------------------------------------------------------------------------------------

Handler = Callable[[re.Match[str], _Ctx], "Timex | None"]
_RULES: list[tuple[re.Pattern[str], Handler]] = []


def rule(pattern: str) -> Callable[[Handler], Handler]:
    """Register a handler for a whole-string pattern (compiled once, tried in definition order)."""

    def register(handler: Handler) -> Handler:
        _RULES.append((re.compile(pattern), handler))
        return handler

    return register


def _unanchored(kind: str, granularity: str | None) -> Timex:
    """A relative expression with no publication date to resolve it against."""
    return Timex(None, kind, granularity)


_PRESENT = (r"(?:right |just )?now|currently|current|presently|at present|(?:the )?present(?: time| day)?|these days|"
            r"nowadays|today's|(?:at )?this (?:time|moment|point|stage)|(?:at )?the moment|for now|as of now|"
            r"already|this crucial moment|the present moment")
_PAST = (r"(?:more |most |until |only |very |as )?recently|recent|lately|previously|formerly|earlier|once|"
         r"(?:in )?the past|past|(?:in )?recent (?:times|weeks and months)|"
         r"(?:the )?past (?:years|months|weeks|decades)|the last few (?:years|months|weeks|days)|"
         r"the (?:old|olden|early) days|(?:a while|some time|long|years|months) ago|then current|in years past|"
         r"several (?:years|months|weeks|decades) ago|a few (?:years|months|weeks|decades) ago|"
         r"the past several (?:quarters|years|months)|once upon a time|historically")
_FUTURE = (r"(?:the )?(?:near |distant |foreseeable |immediate |not too distant )?future|soon|shortly|"
           r"(?:the )?(?:near|short|long|medium) term|"
           r"a later date|later|eventually|someday|from time to time|as soon as possible|"
           r"down the road|in the future|(?:the )?future (?:quarters|years|months)|in the years to come|tomorrow's")
_VAGUE_PLURAL = (r"(?:in )?(?:the )?"
                 r"(?P<lead>recent|coming|upcoming|next few|past few|last few|past several|next several)"
                 r" (?P<unit>years|months|weeks|days|decades|quarters|hours|minutes)(?: ahead)?"
                 r"|(?:the )?(?P<unit2>years|months|weeks|days|decades) (?:ahead|to come)")


@rule(_VAGUE_PLURAL)
def _vague_plural(m: re.Match[str], ctx: _Ctx) -> Timex:
    """"recent months", "the coming weeks": TimeBank gives these as vague durations (PXM, PXW)."""
    return _duration("X", (m.group("unit") or m.group("unit2"))[:-1])


@rule(_PRESENT)
def _present_ref(m: re.Match[str], ctx: _Ctx) -> Timex:
    return Timex("PRESENT_REF", "DATE", "reference")


@rule(_PAST)
def _past_ref(m: re.Match[str], ctx: _Ctx) -> Timex:
    return Timex("PAST_REF", "DATE", "reference")


@rule(_FUTURE)
def _future_ref(m: re.Match[str], ctx: _Ctx) -> Timex:
    return Timex("FUTURE_REF", "DATE", "reference")


_DEICTIC = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
            "the day after tomorrow": 2, "this": 0, "last": -1}


@rule(r"(?P<rel>today|tonight|yesterday|tomorrow|the day before yesterday|the day after tomorrow|overnight)"
      r"(?: " + _TOD_RE + r")?")
@rule(r"(?:(?:in |during )?the )?" + _TOD_RE + r" (?:of )?(?P<rel>today|yesterday|tomorrow)")
@rule(r"(?P<rel>this) (?P<tod>morning|afternoon|evening|night)|(?P<rel2>last) (?P<tod2>night)")
def _deictic_day(m: re.Match[str], ctx: _Ctx) -> Timex:
    """today/yesterday/tomorrow, optionally with a part of the day (TIMEX3 TMO, TAF, TEV, TNI)."""
    groups = m.groupdict()
    rel = groups.get("rel") or groups.get("rel2")
    tod = groups.get("tod") or groups.get("tod2") or ("night" if rel in ("tonight", "overnight") else None)
    offset = -1 if rel == "overnight" else _DEICTIC[rel]  # "overnight" in a morning report: last night
    if ctx.anchor is None:
        return _unanchored("TIME" if tod else "DATE", "time" if tod else "day")
    day = (ctx.anchor + timedelta(days=offset)).isoformat()
    return Timex(f"{day}T{_TOD[tod]}", "TIME", "time") if tod else Timex(day, "DATE", "day")


@rule(r"the (?P<tod>morning|afternoon|evening)")
def _bare_part_of_day(m: re.Match[str], ctx: _Ctx) -> Timex:
    """"in the morning": the morning of the article's day (a lone "morning" is not proposed)."""
    if ctx.anchor is None:
        return _unanchored("TIME", "time")
    return Timex(f"{ctx.anchor.isoformat()}T{_TOD[m.group('tod')]}", "TIME", "time")


# -- clock times -------------------------------------------------------------------------------

_CLOCK = re.compile(
    r"(?:at )?(?:(?P<h>\d{1,2})(?:[:.](?P<mi>\d{2}))? ?(?P<ap>[ap])\.? ?m\b\.?"
    r"|(?P<h2>\d{1,2}):(?P<mi2>\d{2})(?: (?:hours|hrs|h))?"
    r"|(?P<h3>\d{1,2}) o'clock"
    r"|(?P<h4>\d{1,2}) in the (?P<part>morning|afternoon|evening|night)"
    r"|(?P<word>noon|midnight|midday))"
    r"(?: (?:(?:[ecmpa][sd]t|gmt|utc|bst|cet|z)\b))?"
)


def _clock(m: re.Match[str]) -> str | None:
    """hh:mm of a clock-time match, or None if impossible (25 p.m.)."""
    word = m.group("word")
    if word:
        return {"noon": "12:00", "midday": "12:00", "midnight": "24:00"}[word]
    hour = int(m.group("h") or m.group("h2") or m.group("h3") or m.group("h4"))
    minute = int(m.group("mi") or m.group("mi2") or 0)
    ap = m.group("ap") or {"morning": "a", "afternoon": "p", "evening": "p", "night": "p"}.get(m.group("part") or "")
    if ap == "p" and hour < 12:
        hour += 12
    elif ap == "a" and hour == 12:
        hour = 0
    if hour > 24 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}"


def _time_expression(s: str, ctx: _Ctx) -> Timex | None:
    """A clock time, alone or with a day: "10 p.m.", "4 a.m. EDT Thursday", "noon Saturday"."""
    m = _CLOCK.search(s)
    if not m or (m.start() and s[m.start() - 1] != " ") or (m.end() < len(s) and s[m.end()] not in " ,"):
        return None
    hhmm = _clock(m)
    if hhmm is None:
        return None
    rest = (s[: m.start()] + " " + s[m.end():]).strip(" ,")
    rest = re.sub(r"^(?:on|of|at)\s+|\s+(?:on|of|at)$", "", _WS.sub(" ", rest)).strip(" ,")
    rest = re.sub(r"\b(?:on|of) ", "", rest)
    if not rest:
        if ctx.anchor is None:
            return _unanchored("TIME", "time")
        return Timex(f"{ctx.anchor.isoformat()}T{hhmm}", "TIME", "time")
    day = _parse_core(rest, ctx)
    if day is None or day.granularity != "day" or not day.value:
        return None
    return Timex(f"{day.value}T{hhmm}", "TIME", "time")


# -- explicit calendar dates --------------------------------------------------------------------

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
    return Timex(f"{n - 1:02d}XX", "DATE", "century")


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


# -- relative periods: this/last/next + unit ----------------------------------------------------

_REL_OFFSETS = {
    "this": 0, "the current": 0, "current": 0, "the present": 0, "this current": 0, "the same": 0,
    "last": -1, "the last": -1, "past": -1, "the past": -1, "previous": -1, "the previous": -1, "the prior": -1,
    "prior": -1, "the preceding": -1, "this past": -1, "the latest": -1, "latest": -1,
    "next": 1, "the next": 1, "coming": 1, "the coming": 1, "following": 1, "the following": 1, "this coming": 1,
    "the upcoming": 1, "upcoming": 1,
}
_REL_RE = r"(?P<rel>" + "|".join(sorted(_REL_OFFSETS, key=len, reverse=True)) + r")"


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
    else:
        year = a.year
    return Timex(f"{year}-{code}", "DATE", "season")


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
}


_HOLIDAY_RE = r"(?P<name>" + "|".join(sorted(HOLIDAYS, key=len, reverse=True)) + r")"


@rule(r"(?:(?P<rel>last|next|this|this past|this coming) )?" + _HOLIDAY_RE + r"(?:,? " + _YEAR_RE + r")?")
def _holiday(m: re.Match[str], ctx: _Ctx) -> Timex | None:
    """Fixed and movable holidays: "Thanksgiving" in January 2000 -> 1999-11-25."""
    make = HOLIDAYS[m.group("name")]
    if m.group("year"):
        return _day(make(_year(m.group("year"), ctx.anchor)))
    if ctx.anchor is None:
        return _unanchored("DATE", "day")
    a = ctx.anchor
    options = [make(y) for y in (a.year - 1, a.year, a.year + 1)]
    rel = m.group("rel")
    if rel in ("last", "this past"):
        return _day(max(d for d in options if d <= a))
    if rel in ("next", "this coming") or ctx.tense == "future":
        return _day(min(d for d in options if d >= a))
    return _day(min(options, key=lambda d: (d - a).days * FUTURE_DISTANCE_WEIGHT if d > a else (a - d).days))


# -- ago / earlier / later ----------------------------------------------------------------------


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


@rule(_DURATION_LEAD + _NUM_RE + r" ?(?:to|or|-) ?(?P<num2>\d+) " + _UNIT_RE + r"(?: (?:old|long|term|period))?")
def _duration_range(m: re.Match[str], ctx: _Ctx) -> Timex:
    """"two to three weeks": TimeBank keeps the lower bound (P2W)."""
    amount, _ = _amount(m.group("num"))
    if ctx.original.lower().startswith(("the next", "the past", "the last")):
        return _duration("X", m.group("unit"))
    return _duration(amount, m.group("unit"))


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
    """"the week", "the year": TimeBank reads "the year" as P1Y and "the week" as the current one."""
    if len(words) > 2:
        if words[1] in ("full", "entire", "whole") and unit == "year" and ctx.anchor is not None:
            return Timex(f"{ctx.anchor.year}", "DATE", "year")
        return None
    if unit == "year":
        return _duration("1", unit)
    if unit == "day":
        return None  # "the day" points at a day named elsewhere in the story
    if ctx.anchor is None:
        return _unanchored("DATE", UNITS[unit][1])
    if unit == "week":
        return Timex(week_value(ctx.anchor), "DATE", "week")
    if unit == "month":
        return Timex(f"{ctx.anchor.year:04d}-{ctx.anchor.month:02d}", "DATE", "month")
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
# Entry points
# --------------------------------------------------------------------------------------------


def _parse_core(s: str, ctx: _Ctx) -> Timex | None:
    """Apply the rules to a cleaned, modifier-free string."""
    s = s.strip(" ,")
    if not s:
        return None
    for pattern, handler in _RULES:
        m = pattern.fullmatch(s)
        if m:
            result = handler(m, ctx)
            if result is not None:
                return result
    for special in (_interval_to_present, _time_expression):
        result = special(s, ctx)
        if result is not None:
            return result
    if s.startswith(("on ", "in ", "of ", "by ", "at ", "during ", "since ", "until ", "from ", "for ")):
        return _parse_core(s.split(" ", 1)[1], ctx)
    return None


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
#: ("10000-12"), its decade ("1000X") or century ("100XX").
_OUTSIDE_CALENDAR = re.compile(r"-\d|\d{5}|\d{4}X|\d{3}XX")
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
