"""Quotations signed with a name rather than a verb: a dash attribution after the quotation
('"..." - Commissioner Hill') or on the line under it, and a pull quote signed inside its marks
('Dean Baker, Center for Economic and Policy Research."').
"""

from __future__ import annotations

import re

from ...spans import strip_span
from .candidate import DirectCue
from .context import Context, starts_paragraph
from .labels import is_name
from .marks import QuoteRegion

#: Text between a closing mark and a dash attribution ('"..." - Commissioner Hill').
_DASH_ATTRIBUTION = re.compile(r"[ \t\xa0]*[-–—―]{1,2}[ \t\xa0]*((?:[A-Z][\w.'’*-]*[ \t\xa0]*){1,6})[.]?[ \t\xa0]*$")
#: A line of its own under a quotation that names who said it ('- Bernie Sanders.', '-Michelle Marks,
#: Philadelphia.', '— President Obama, tweeting after the speech.'). A name may be masked with
#: asterisks, as review sites print their reviewers ('– Jo** Al****').
_DASH_LINE = re.compile(r"[ \t\xa0]*[-–—―]{1,2}[ \t\xa0]*((?:[A-Z][\w.'’*-]*[ \t\xa0]*){1,6}?)[ \t\xa0]*(?:[.]|,[^\n]{0,80})?[ \t\xa0]*$")


def dash_attribution(ctx: Context, region: QuoteRegion) -> DirectCue | None:
    """'"..." - Commissioner Hill': capitalised words after a dash, to the end of the paragraph."""
    if region.recovered:
        return _signature(ctx, region)
    para = ctx.paragraphs[ctx.paragraph_of(region.close_mark)]
    line_end = ctx.text.find("\n", region.close_mark, para[1])
    tail = ctx.text[region.close_mark : para[1] if line_end < 0 else line_end]
    match, offset = _DASH_ATTRIBUTION.match(tail), region.close_mark
    if match is None and not tail.strip() and starts_paragraph(ctx, region):
        # a quotation standing as its own paragraph, signed on the line under it
        offset = _next_line_start(ctx.text, region.close_mark)
        end = ctx.text.find("\n", offset)
        match = _DASH_LINE.match(ctx.text[offset : len(ctx.text) if end < 0 else end])
    if not match:
        return None
    s, e = strip_span(ctx.text, offset + match.start(1), offset + match.end(1))
    last_word = ctx.text[s:e].split()[-1]
    if last_word.endswith(".") and len(last_word) > 3:
        e -= 1  # a full stop after a name ('― Tom Lee.'), not an initial ('Oscar P.')
    return DirectCue(None, ctx.token_at(e - 1), "dash", name_span=(s, e))


def _signature(ctx: Context, region: QuoteRegion) -> DirectCue | None:
    """A pull quote signed inside its marks on the line under it ('"I worry that ...\nDean Baker,
    Center for Economic and Policy Research."'): the quotation left open at its paragraph's end,
    the next paragraph a name, a comma, an affiliation and the closing mark."""
    p = ctx.paragraph_of(region.close_mark - 1)
    if p + 1 >= len(ctx.paragraphs) or ctx.paragraphs[p][1] > region.close_mark + 2:
        return None
    start, end = ctx.paragraphs[p + 1]
    match = _SIGNATURE.match(ctx.text, start, end)
    if match is None or not is_name(ctx, match.start(1), match.end(1)):
        return None
    return DirectCue(None, ctx.token_at(match.end(1) - 1), "dash", name_span=match.span(1))


#: A signature line that closes a pull quote: name, comma, affiliation, closing mark.
_SIGNATURE = re.compile(r"[ \t\xa0]*([A-Z][\w.'’-]*(?:[ \t\xa0]+[A-Z][\w.'’-]*){1,3}),[ \t\xa0]+[^\n\"“”]{2,80}[\"”][ \t\xa0]*$")


def _next_line_start(text: str, pos: int) -> int:
    """Where the first line with words after ``pos`` starts."""
    at = text.find("\n", pos)
    if at < 0:
        return len(text)
    while at < len(text) and text[at] in "\n \t\xa0\r":
        at += 1
    while at > 0 and text[at - 1] in " \t\xa0":
        at -= 1
    return at
