"""The rule table: whole-string patterns with their handlers, tried in registration order.

Rule modules register with :func:`rule` when the package imports them; the order of those imports
(``extractor/normalize/timex/__init__.py``) is the order rules are tried, and the first handler
that returns a Timex wins. Two matchers that are not whole-string patterns (a range ending at the
present, a clock time with a day) register with :func:`special` and run after all patterns.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .vocabulary import Timex, _Ctx

# --------------------------------------------------------------------------------------------
# Rules: (pattern, handler). The first handler that returns a Timex wins.
# --------------------------------------------------------------------------------------------

Handler = Callable[[re.Match[str], _Ctx], "Timex | None"]
Special = Callable[[str, _Ctx], "Timex | None"]
_RULES: list[tuple[re.Pattern[str], Handler]] = []
_SPECIALS: list[tuple[int, Special]] = []


def rule(pattern: str) -> Callable[[Handler], Handler]:
    """Register a handler for a whole-string pattern (compiled once, tried in definition order)."""

    def register(handler: Handler) -> Handler:
        _RULES.append((re.compile(pattern), handler))
        return handler

    return register


def special(order: int) -> Callable[[Special], Special]:
    """Register a matcher over the whole cleaned string, tried after the patterns, lowest order first."""

    def register(matcher: Special) -> Special:
        _SPECIALS.append((order, matcher))
        _SPECIALS.sort(key=lambda item: item[0])
        return matcher

    return register


def _unanchored(kind: str, granularity: str | None) -> Timex:
    """A relative expression with no publication date to resolve it against."""
    return Timex(None, kind, granularity)


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
    for _order, matcher in _SPECIALS:
        result = matcher(s, ctx)
        if result is not None:
            return result
    if s.startswith(("on ", "in ", "of ", "by ", "at ", "during ", "since ", "until ", "from ", "for ")):
        return _parse_core(s.split(" ", 1)[1], ctx)
    return None
