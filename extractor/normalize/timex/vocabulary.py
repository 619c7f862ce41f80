"""What every TIMEX3 rule shares: the Timex record, the calendar vocabulary, and the clean-up that
brings an expression to one canonical string ("Third-quarter" and "third quarter", "two" and "2").

Kept apart from the rules so that each rule module reads as patterns and handlers only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
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
