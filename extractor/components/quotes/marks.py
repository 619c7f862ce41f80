"""Quote-mark pairing: find the stretches of text that sit inside quotation marks.

News text mixes straight and curly marks (even a straight opening with a curly closing),
guillemets, single marks used as outer quotes, nested quotes, apostrophes that look like
closing single quotes, and the odd unbalanced mark. This module pairs marks paragraph by
paragraph with a small stack machine, so a stray mark can never swallow the rest of an
article: a double quote left open at the end of a paragraph continues only into a next
paragraph that opens with a mark (the newspaper convention for multi-paragraph quotes),
otherwise it is closed at the paragraph end and flagged as recovered. An opening mark left open
at the paragraph end with whole quotations nested inside it is a stray mark ('Prices rose « sharply.
“We are worried,” said Smith.'): the paragraph is paired again without it, so it cannot hide them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

DOUBLE_OPEN = frozenset("“„«‹")
DOUBLE_CLOSE = frozenset("”»›")
SINGLE_OPEN = frozenset("‘‚")
SINGLE_CLOSE = frozenset("’")
STRAIGHT_DOUBLE = '"'
STRAIGHT_SINGLE = "'"
ALL_MARKS = DOUBLE_OPEN | DOUBLE_CLOSE | SINGLE_OPEN | SINGLE_CLOSE | {STRAIGHT_DOUBLE, STRAIGHT_SINGLE, "‟"}
#: Characters that may stand right before an opening mark.
_OPEN_CONTEXT = frozenset(" \t\n\r([{—–-/:;,")


@dataclass
class QuoteRegion:
    """One top-level quotation: its content pieces (without the marks) and how it was found."""

    spans: list[tuple[int, int]] = field(default_factory=list)
    kind: str = "double"  # double | single
    recovered: bool = False  # True when a closing mark was missing and the paragraph end closed it
    open_mark: int = 0  # offset of the opening mark
    close_mark: int = 0  # offset just past the closing mark (the paragraph end when recovered)

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[-1][1]



@dataclass
class _Open:
    pos: int
    kind: str  # double | single
    width: int = 1  # 2 for the doubled apostrophes some wires use as quote marks ('' and ``)
    inner: int = 0  # double quotations opened and closed inside this one


#: Openers whose closers are other glyphs (» and “/”): left open with quotations inside, they are
#: stray even where a quotation could run on into the next paragraph.
_FOREIGN_OPEN = frozenset("«„‹")
#: Re-pairings of one paragraph at most: each drops one stray mark.
_MAX_STRAY = 8
#: A markup tag left in plain text ('<tweet author="SpeakerRyan" id="75036">', '</tweet>'): the
#: marks around its attribute values are syntax, not quotation ('author="JebBush" timestamp=' was a
#: quote). Only a tag with a name and attributes written name="value" (or a bare closing tag)
#: counts, so prose with angle brackets ("a < b", "<3") keeps its marks.
_TAG = re.compile(r"""</[A-Za-z][\w:-]*\s*>|<[A-Za-z][\w:-]*(?:\s+[\w:-]+=(?:"[^"<>\n]*"|'[^'<>\n]*'))+\s*/?>""")


def _classify(text: str, i: int, lo: int, hi: int, width: int = 1) -> tuple[str, str] | None:
    """(kind, role) of the mark at ``text[i]``: role is open, close, either, or None for an apostrophe."""
    ch = text[i]
    before = text[i - 1] if i > lo else " "
    after = text[i + width] if i + width < hi else " "
    if width == 2:
        if ch == "`":
            return "double", "open"
        ch = STRAIGHT_DOUBLE
    if ch in DOUBLE_OPEN or ch == "‟":
        if _placed_as_closer(before, after):
            return "double", "either"  # '“rapists“ while': the wrong glyph in a closing place
        return "double", "open"
    if ch in DOUBLE_CLOSE:
        if (before in _OPEN_CONTEXT or before.isspace()) and after.isalnum():
            return "double", "either"  # '”Fear. I am afraid': the wrong glyph in an opening place
        return "double", "close"
    if ch == STRAIGHT_DOUBLE:
        # an opening mark is followed by its first word: ',\' " he told' closes a quotation
        opener = (before in _OPEN_CONTEXT or before in DOUBLE_OPEN or before in SINGLE_OPEN) and not after.isspace()
        closer = not before.isspace() and (after.isspace() or not after.isalnum())
        if opener and not closer:
            return "double", "open"
        if closer and not opener:
            return "double", "close"
        return "double", "either"
    if ch in SINGLE_OPEN:
        # ‘90s is an elision, not a quote.
        return ("single", "open") if not after.isdigit() else None
    if ch in SINGLE_CLOSE or ch == STRAIGHT_SINGLE:
        if before.isalnum() and after.isalnum():
            return None  # don't, Russia's
        opener = (before in _OPEN_CONTEXT or before in DOUBLE_OPEN) and after.isalpha()
        closer = not before.isspace() and not after.isalnum()
        if opener:
            return ("single", "open") if ch == STRAIGHT_SINGLE else None
        if closer:
            return "single", "close"
    return None


def _placed_as_closer(before: str, after: str) -> bool:
    """A mark right after a word or punctuation and before a space or punctuation closes a quotation.

    Before a space even a comma counts ('“It's unusual,“ said Noble'): an opening mark is
    followed by its first word."""
    if before.isspace():
        return False
    if after.isspace():
        return before not in "([{"
    return before not in _OPEN_CONTEXT and after in ".,;:!?)"


def find_regions(text: str, paragraphs: list[tuple[int, int]]) -> list[QuoteRegion]:
    """Top-level quote regions of ``text``, in text order, scanning ``paragraphs`` in order."""
    regions: list[QuoteRegion] = []
    carry: QuoteRegion | None = None  # a double quote left open at the end of the previous paragraph
    markup = _markup_marks(text)
    for p_start, p_end in paragraphs:
        carry = _scan_paragraph(text, p_start, p_end, carry, regions, markup)
    if carry is not None:
        carry.recovered = True
        regions.append(carry)
    regions.sort(key=lambda r: r.start)
    return [r for r in regions if r.end > r.start]


def _markup_marks(text: str) -> frozenset[int]:
    """Offsets of the quote marks inside markup tags (see _TAG), which pair with nothing."""
    if "<" not in text:
        return frozenset()
    return frozenset(i for m in _TAG.finditer(text) for i in range(m.start(), m.end()) if text[i] in ALL_MARKS)


def _mark_width(text: str, i: int, hi: int) -> int:
    """2 for a doubled apostrophe or backtick used as a double quote mark, else 1."""
    return 2 if text[i] in "'`" and i + 1 < hi and text[i + 1] == text[i] else 1


def _opens_paragraph(text: str, p_start: int, p_end: int) -> int:
    """Width of the double mark that opens the paragraph, 0 when it does not open with one."""
    if p_start >= p_end:
        return 0
    width = _mark_width(text, p_start, p_end)
    cls = _classify(text, p_start, p_start, p_end, width)
    return width if cls is not None and cls[0] == "double" and cls[1] in ("open", "either") else 0


def _scan_paragraph(
    text: str, p_start: int, p_end: int, carry: QuoteRegion | None, regions: list[QuoteRegion],
    markup: frozenset[int] = frozenset(),
) -> QuoteRegion | None:
    """Pair the marks of one paragraph; return the region still open at its end, if it may continue."""
    stack: list[_Open] = []
    i = p_start
    if carry is not None:
        width = _opens_paragraph(text, p_start, p_end)
        if width:
            stack.append(_Open(p_start, "double", width))
            i = p_start + width
        else:
            regions.append(carry)
            carry.recovered = True
            carry = None
    # Pair the marks; if a stray opener is left holding whole quotations, pair again without it.
    start_stack, start_carry, kept = stack, carry, len(regions)
    carried = (len(carry.spans), carry.close_mark) if carry is not None else (0, 0)
    ignored: set[int] = set()
    while True:
        stack, carry = [_Open(o.pos, o.kind, o.width) for o in start_stack], start_carry
        del regions[kept:]
        if carry is not None:
            del carry.spans[carried[0] :]
            carry.close_mark = carried[1]
        carry = _pair_marks(text, i, p_start, p_end, stack, carry, regions, ignored | markup if markup else ignored)
        stray = _stray_opener(text, stack, p_start, continued=start_carry is not None)
        if stray is None or len(ignored) >= _MAX_STRAY:
            break
        ignored.add(stray.pos)
    return _paragraph_end(text, stack, carry, p_start, p_end, regions)


def _pair_marks(
    text: str, i: int, p_start: int, p_end: int, stack: list[_Open], carry: QuoteRegion | None,
    regions: list[QuoteRegion], ignored: set[int],
) -> QuoteRegion | None:  # fmt: skip
    """Run the stack machine over the marks of ``text[i:p_end]``, skipping the ``ignored`` ones."""
    while i < p_end:
        if text[i] not in ALL_MARKS and text[i] != "`":
            i += 1
            continue
        width = _mark_width(text, i, p_end)
        cls = _classify(text, i, p_start, p_end, width) if (text[i] != "`" or width == 2) and i not in ignored else None
        if cls is not None:
            carry = _step(stack, cls, i, width, carry, regions)
        i += width
    return carry


def _stray_opener(text: str, stack: list[_Open], p_start: int, continued: bool) -> _Open | None:
    """The double opener left open at the paragraph end that is a stray mark, or None.

    It is stray when whole double quotations closed inside it (English nests single marks inside
    double ones, so double-in-double means the outer mark never opened a quotation) and it cannot
    be the start of a quotation running on into the next paragraph: it does not follow a cue's
    colon or comma, or it is a « „ ‹ whose own closer never came. The mark that continues a
    quotation from the paragraph before is never stray.
    """
    bottom = next((o for o in stack if o.kind == "double"), None)
    if bottom is None or bottom.inner == 0 or (continued and bottom.pos == p_start):
        return None
    if text[bottom.pos] in _FOREIGN_OPEN or not _may_continue(text, bottom.pos, p_start):
        return bottom
    return None


def _step(stack: list[_Open], cls: tuple[str, str], i: int, width: int, carry, regions) -> QuoteRegion | None:
    """Apply one mark to the stack; a region is recorded when the outermost quotation closes."""
    kind, role = cls
    if kind == "double":
        has_double = any(o.kind == "double" for o in stack)
        if role == "close" or (role == "either" and has_double):
            if not has_double:
                return carry  # a stray closing mark: ignore it
            while stack[-1].kind != "double":
                stack.pop()  # single marks opened inside were apostrophes
            opened = stack.pop()
            if not stack:
                return _close(carry, opened, i, width, regions)
            outer = next((o for o in stack if o.kind == "double"), None)
            if outer is not None:
                outer.inner += 1
        else:
            stack.append(_Open(i, "double", width))
    elif role == "open":
        stack.append(_Open(i, "single"))
    elif stack and stack[-1].kind == "single":
        opened = stack.pop()
        if not stack:
            return _close(carry, opened, i, 1, regions)
    return carry


def _close(carry: QuoteRegion | None, opened: _Open, close_pos: int, width: int, regions: list[QuoteRegion]) -> None:
    """Record a region closed at ``close_pos``; a carried multi-paragraph region gets its last piece."""
    piece = (opened.pos + opened.width, close_pos)
    if carry is not None:
        carry.spans.append(piece)
        carry.close_mark = close_pos + width
        regions.append(carry)
    else:
        regions.append(QuoteRegion([piece], opened.kind, False, opened.pos, close_pos + width))
    return None


def _paragraph_end(
    text: str, stack: list[_Open], carry: QuoteRegion | None, p_start: int, p_end: int, regions: list[QuoteRegion]
) -> QuoteRegion | None:
    """Turn a double quote still open at the paragraph end into a region that may continue."""
    bottom = next((o for o in stack if o.kind == "double"), None)
    if bottom is None:
        return None
    piece = (bottom.pos + bottom.width, p_end)
    if carry is not None:
        carry.spans.append(piece)
        carry.close_mark = p_end
        return carry
    region = QuoteRegion([piece], "double", False, bottom.pos, p_end)
    if not _may_continue(text, bottom.pos, p_start):
        # 'held a "press conference.' is a stray mark, not the start of a long quotation
        region.recovered = True
        regions.append(region)
        return None
    return region


def _may_continue(text: str, pos: int, p_start: int) -> bool:
    """A quotation runs on into the next paragraph only when it opens the paragraph or follows
    the cue that introduces it ('said: "' or 'said, "')."""
    before = text[p_start:pos].rstrip()
    return not before or before[-1] in ":,"
