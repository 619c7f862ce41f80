"""When a predicted TIMEX3 value means the gold one: shared by the TimeML and the real-news scorers.

Gold sets spell one value several ways (TimeBank's ``199`` and ``P1E``, a year and a half as
``P18M`` or ``P1Y6M``); a scorer that compared strings would count notation as error, and the two
scorers would disagree with each other. This module is the one definition both use.
"""

from __future__ import annotations

import re

_UNPADDED_WEEK = re.compile(r"^(\d{4})-W(\d)(?=$|-)")
_BARE_DECADE = re.compile(r"^\d{3}$")
_BARE_CENTURY = re.compile(r"^\d{2}$")
_HOUR_ONLY = re.compile(r"T(\d{2})$")
#: Decade and century lengths: TimeBank writes E and C ("P1E", "PXC"), TIMEX3 2.0 DE and CE.
_LONG_UNIT = re.compile(r"^P(\d+|X)(DE|CE|E|C)$")
#: A stated length in ISO 8601 parts ("P1Y6M", "PT1M30S", "P2W").
_LENGTH = re.compile(r"^P(?:(?P<Y>\d+(?:\.\d+)?)Y)?(?:(?P<Mo>\d+(?:\.\d+)?)M)?(?:(?P<W>\d+(?:\.\d+)?)W)?"
                     r"(?:(?P<D>\d+(?:\.\d+)?)D)?(?:T(?:(?P<H>\d+(?:\.\d+)?)H)?(?:(?P<Mi>\d+(?:\.\d+)?)M)?"
                     r"(?:(?P<S>\d+(?:\.\d+)?)S)?)?$")


def _number(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def _canonical_length(value: str) -> str:
    """A stated length rewritten from three sums (months, days, seconds), so ``P18M`` == ``P1Y6M``
    and ``PT90S`` == ``PT1M30S``; calendar parts are not mixed (a month is not a fixed number of days)."""
    m = _LENGTH.match(value)
    if m is None or value in ("P", "PT") or value.endswith("T"):
        return value
    part = {k: float(v) for k, v in m.groupdict().items() if v is not None}
    months = 12 * part.get("Y", 0) + part.get("Mo", 0)
    days = 7 * part.get("W", 0) + part.get("D", 0)
    seconds = 3600 * part.get("H", 0) + 60 * part.get("Mi", 0) + part.get("S", 0)
    years, months = divmod(months, 12) if float(months).is_integer() else (0, months)
    hours, rest = divmod(seconds, 3600) if float(seconds).is_integer() else (0, seconds)
    minutes, seconds = divmod(rest, 60) if float(rest).is_integer() else (0, rest)
    date_part = "".join(f"{_number(n)}{u}" for n, u in ((years, "Y"), (months, "M"), (days, "D")) if n)
    time_part = "".join(f"{_number(n)}{u}" for n, u in ((hours, "H"), (minutes, "M"), (seconds, "S")) if n)
    return "P" + date_part + (f"T{time_part}" if time_part else "") if date_part or time_part else value


def canonical_value(value: str | None) -> str | None:
    """One spelling per TIMEX3 value, so notation variants are not scored as errors.

    TimeBank writes the 1990s as ``199`` and sometimes weeks unpadded (``2000-W7``) or a clock
    time by its hour alone (``1989-11-06T17`` for "5 p.m."), decades and centuries as ``P1E`` and
    ``PXC``; our output uses the guide's ``199X``, ISO's ``2000-W07``, ``T17:00``, ``P10Y`` and
    TIMEX3 2.0's ``PXCE``. A length is compared by how long it is (``P18M`` == ``P1Y6M``), each
    end of a range of lengths (``PT10M/PT15M``) on its own. The meaning is the same either way.
    """
    if value is None:
        return None
    if value.startswith("P") and "/" in value:
        return "/".join(canonical_value(v) or "" for v in value.split("/"))
    value = _UNPADDED_WEEK.sub(lambda m: f"{m.group(1)}-W0{m.group(2)}", value)
    value = _HOUR_ONLY.sub(lambda m: f"T{m.group(1)}:00", value)
    long_unit = _LONG_UNIT.match(value)
    if long_unit:
        amount, unit = long_unit.groups()
        years = 10 if unit in ("DE", "E") else 100
        if amount == "X":
            return f"PX{'E' if years == 10 else 'C'}"
        value = f"P{int(amount) * years}Y"
    if _BARE_DECADE.match(value):
        return value + "X"
    if _BARE_CENTURY.match(value):
        return value + "XX"
    return _canonical_length(value) if value.startswith("P") else value


_VAGUE_LENGTH = re.compile(r"^PT?X[A-Z]+$")
_LOOKS_BACK = re.compile(r"(?i)\b(?:recent|past|last|ago|previous)\b")
_LOOKS_AHEAD = re.compile(r"(?i)\b(?:coming|upcoming|next|future|ahead)\b")


def same_value(predicted: str | None, gold: str | None, text: str = "") -> bool:
    """Whether the predicted value means the gold one.

    Beyond notation (canonical_value), one convention: an unspecified stretch of the recent past
    or the near future ("recent months", "the last few months", "coming weeks") is a vague length
    (``PXM``) in some TimeBank files and ``PAST_REF``/``FUTURE_REF`` in others; the news
    guidelines (corpus/news-gold) and our output write the reference. ``text`` (the gold
    extent) must say which way it looks, so a vague length never matches a reference otherwise.
    """
    p, g = canonical_value(predicted), canonical_value(gold)
    if p == g:
        return True
    pair = {p, g}
    if any(v is not None and _VAGUE_LENGTH.match(v) for v in pair):
        if "PAST_REF" in pair and _LOOKS_BACK.search(text):
            return True
        if "FUTURE_REF" in pair and _LOOKS_AHEAD.search(text):
            return True
    return False
