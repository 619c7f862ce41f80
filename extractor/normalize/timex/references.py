"""Rules for reference words and the day itself: now/recently/soon, today/yesterday/tomorrow, parts of
the day, and clock times ("10 p.m.", "noon Saturday").
"""

from __future__ import annotations

import re
from datetime import timedelta

from .calendar_math import _duration
from .registry import _parse_core, _unanchored, rule, special
from .vocabulary import _TOD, _TOD_RE, _WS, Timex, _Ctx


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
_VAGUE_REFERENCE = {"recent": "PAST_REF", "coming": "FUTURE_REF", "upcoming": "FUTURE_REF"}


@rule(_VAGUE_PLURAL)
def _vague_plural(m: re.Match[str], ctx: _Ctx) -> Timex:
    """"the past few weeks" is a vague duration (PXW); "recent years", "the coming months" point at a time.

    TimeBank is split on the second kind (recent years: 3 PAST_REF, 2 PXY); our news guidelines
    read them as PAST_REF / FUTURE_REF, like "recently" and "in the future".
    """
    reference = _VAGUE_REFERENCE.get(m.group("lead") or "")
    if reference and not m.group(0).endswith("ahead"):
        return Timex(reference, "DATE", "reference")
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


@special(order=2)
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
