"""Headlines that report speech: 'Lindsey Graham Says Trump Could Address Clean Energy' (or
'..., X Says') and a labelled headline ('Clinton: Time for ‘intensification’ of ISIL
strategy'), as indirect or mixed quotes of the source they name; the body may never repeat them.
"""

from __future__ import annotations

import re

from ...spans import strip_span
from . import speakers
from .candidate import Candidate, apply_cue, named_speaker
from .context import Context
from .labels import Label, as_cue, covers_title, is_name
from .marks import QuoteRegion, find_regions

#: 'Lindsey Graham Says Trump Could Address Clean Energy': a source, a present-tense cue, the content.
_HEADLINE_CUES = r"(?P<cue>[Ss]ays|[Tt]ells|[Ww]arns|[Cc]laims|[Ii]nsists|[Aa]dmits|[Pp]redicts|[Dd]enies|[Vv]ows)"
_HEADLINE_SOURCE = r"(?P<src>[A-Z][\w.'’-]*(?:[ \xa0][\w.'’()-]+){0,5}?)"
_HEADLINE_SPEECH = (
    # 'X Says Y'
    re.compile(_HEADLINE_SOURCE + r"[ \xa0]+" + _HEADLINE_CUES + r"[ \xa0]+(?P<content>\S.{10,})"),
    # 'Y, X Says.'
    re.compile(r"(?P<content>\S.{10,}?),[ \xa0]+" + _HEADLINE_SOURCE + r"[ \xa0]+" + _HEADLINE_CUES + r"\.?"),
)


def headline_speech(ctx: Context, index: speakers.EntityIndex) -> list[Candidate]:
    """A headline of the form 'X Says Y' or 'Y, X Says' is Y reported by X; the body may never repeat it."""
    if ctx.title is None:
        return []
    start, end = ctx.title
    match = next((m for pattern in _HEADLINE_SPEECH if (m := pattern.fullmatch(ctx.text, start, end))
                  and is_name(ctx, *m.span("src"), headline=True)), None)
    if match is None:
        return []
    content = strip_span(ctx.text, *match.span("content"))
    quoted = bool(find_regions(ctx.text, [content]))  # the mark classifier, so "Won’t" is no quote
    cand = Candidate(type="mixed" if quoted else "indirect", spans=[content])
    cue_start, cue_end = match.span("cue")
    verb = match.group("cue").lower()
    cand.cue = (cue_start, cue_end, "deny" if verb == "denies" else verb[:-1])
    cand.speaker = named_speaker(ctx, match.span("src"), index)
    return [cand]


def headline_label(ctx: Context, labels: dict[int, Label], regions: list[QuoteRegion], consumed: set[int],
                    index) -> list[Candidate]:
    """A headline 'Clinton: Time for ‘intensification’ of ISIL strategy' is its source's claim,
    reported in headline style: often no verb, and quoted fragments inside a paraphrase. A
    headline wholly in quotation marks ('Trump: “...”') stays with the other quotations."""
    label = next((lb for lb in labels.values() if covers_title(ctx, lb.name[0], lb.content[1])), None)
    if label is None:
        return []
    start, end = label.content
    inner = [i for i, r in enumerate(regions) if start <= r.open_mark and r.close_mark <= end]
    if any(i in consumed for i in inner) or any(r.open_mark < start < r.close_mark for r in regions):
        return []
    quoted = sum(regions[i].close_mark - regions[i].open_mark for i in inner)
    if quoted > 0.6 * (end - start):
        return []
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    if span is None or sum(1 for t in span if t.is_alpha) < 3:
        return []
    consumed.update(inner)
    cand = Candidate(type="mixed" if inner else "indirect", spans=[(start, end)], regions=inner)
    apply_cue(ctx, cand, as_cue(ctx, label), index)
    return [cand]
