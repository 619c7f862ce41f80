"""JSON parsing that cannot recurse without bound, and text that can always be written back out.

The standard library's JSON decoder recurses once per nesting level, so one line such as
``[[[[...]]]]`` 100,000 deep raises RecursionError and, uncaught, ends a whole run. Articles and
review decisions are flat objects, so nesting is checked first with a cheap non-recursive scan and
anything deeper than :data:`MAX_DEPTH` is refused as malformed; RecursionError is caught as well,
as a backstop. JSON may also carry lone surrogate escapes (``"\\ud800"``), which Python accepts
but UTF-8 cannot encode: :func:`replace_lone_surrogates` swaps each for U+FFFD, one character for
one, so offsets into the text stay valid.
"""

from __future__ import annotations

import json
import re
from itertools import accumulate
from typing import Any

#: Far deeper than any article or decision (they nest two or three levels), far below the
#: decoder's recursion limit however deep the caller's own stack is.
MAX_DEPTH = 100

_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class JsonTooDeep(ValueError):
    """The document nests arrays/objects deeper than the limit: refused before the decoder recurses."""

    def __init__(self, depth_limit: int) -> None:
        super().__init__(f"nested more than {depth_limit} levels deep")
        self.depth_limit = depth_limit


def nesting_depth_exceeds(text: str, limit: int = MAX_DEPTH) -> bool:
    """True when brackets outside strings nest deeper than ``limit`` (a loop, never recursion).

    Counting brackets is C-fast and settles almost every document: fewer than ``limit`` opening
    brackets cannot nest deeper. Only otherwise are strings cut out and the depth walked.
    """
    if text.count("[") + text.count("{") <= limit:
        return False
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    return any(depth > limit for depth in accumulate(_STEP[c] for c in brackets))


def loads_bounded(data: str | bytes | bytearray, max_depth: int = MAX_DEPTH) -> Any:
    """``json.loads`` that raises :class:`JsonTooDeep` instead of recursing past ``max_depth``.

    Bytes are decoded as ``json.loads`` decodes them (UTF-8, -16 or -32 detected), so a
    UnicodeDecodeError or json.JSONDecodeError still means what it always did.
    """
    text = data.decode(json.detect_encoding(data), "surrogatepass") if isinstance(data, (bytes, bytearray)) else data
    if nesting_depth_exceeds(text, max_depth):
        raise JsonTooDeep(max_depth)
    try:
        return json.loads(text)
    except RecursionError:  # the scan's limit is far below the decoder's; kept as a backstop
        raise JsonTooDeep(max_depth) from None


def replace_lone_surrogates(text: str) -> str:
    """``text`` with every lone surrogate code point replaced by U+FFFD (same length).

    The JSON decoder joins a valid escaped pair into one character, so any surrogate left in a
    decoded string is unpaired and cannot be encoded as UTF-8.
    """
    return _LONE_SURROGATE.sub("\ufffd", text)


def has_lone_surrogates(text: str) -> bool:
    return _LONE_SURROGATE.search(text) is not None
