"""Indirect and mixed quotes from the reported speech ``indirect`` finds on the parse.

A report whose content is (nearly) all one quotation hands that quotation its cue instead, and
the direct pass quotes it; a report that holds a quoted fragment becomes a mixed quote.
"""

from __future__ import annotations

from ...spans import strip_span
from . import indirect, reported
from .candidate import Candidate, resolve_subject
from .context import Context, inside, overlapping
from .direct_cues import name_set_off_before
from .marks import QuoteRegion


def reported_speech(ctx, regions, bounds, lexicon, index, region_cues, attributions: bool = False):
    """Indirect and mixed quotes from the parse; quotations that are a report's whole content get its cue."""
    found: list[Candidate] = []
    consumed: set[int] = set()
    for sent in ctx.doc.sents:
        if ctx.skipped(sent.start_char, sent.end_char):
            continue
        for item in indirect.find_reported(sent, lexicon, frames=attributions):
            if item.cue is None or inside(bounds, item.cue.idx) is not None:
                continue  # speech reported inside a quotation belongs to the quotation
            speaker = resolve_subject(item.subject, index)
            if item.named_holder and (speaker is None or not speaker.known):
                continue  # 'the bill seeks to ...', 'all signs pointed to ...': no one holds it
            inner = overlapping(bounds, item.start, item.end)
            if inner and _mostly_quoted(ctx.text, item, [regions[i] for i in inner]):
                for i in inner:
                    region_cues.setdefault(i, item)
                continue
            if inner and _absorbed_set_off_name(ctx, item, regions[inner[0]], regions[inner[-1]]):
                continue  # the quotation is quoted on its own, with the name as its speaker
            start = min([item.start] + [bounds[i][0] for i in inner])
            end = max([item.end] + [bounds[i][1] for i in inner])
            if inner and bounds[inner[0]][0] < item.start:
                start = item.start  # the report starts inside a quotation: keep its own start
            consumed.update(inner)
            spans = [strip_span(ctx.text, s, e) for s, e in _content_pieces(item, start, end, [bounds[i] for i in inner])]
            cand = Candidate(
                type="mixed" if inner else "indirect",
                spans=spans,
                cue=_cue_tuple(item),
                speaker=speaker,
                regions=inner,
                tier=item.tier,
            )
            found.append(cand)
    return found, consumed


def _absorbed_set_off_name(ctx: Context, item: reported.Reported, first: QuoteRegion, last: QuoteRegion) -> bool:
    """'"... our military," Flynn, a top Trump surrogate, said on Fox': the parser hung the name
    on a word of the quotation, so the report's content runs from inside the quotation over its
    closing mark to the cue. The quotation is the content and the name set off after it speaks,
    as the direct-quote pass finds."""
    if item.start < first.open_mark or not last.close_mark <= item.cue.idx or item.end <= last.close_mark:
        return False
    close_tok = ctx.token_at(last.close_mark - 1)
    return name_set_off_before(ctx.doc, close_tok.i + 1, item.cue) is not None


def _content_pieces(item: reported.Reported, start: int, end: int, inner: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A content's pieces, widened to ``start`` and ``end`` (the quotations in it): a cue that
    interrupts a mixed quote ('The golf industry, she said, is "doing much better"') stays out of it,
    unless a quotation runs across the cue."""
    pieces = item.pieces or []
    gaps = list(zip((e for _, e in pieces), (s for s, _ in pieces[1:])))
    if not gaps or any(qs < ge and gs < qe for qs, qe in inner for gs, ge in gaps):
        return [(start, end)]
    return [(start, pieces[0][1]), *pieces[1:-1], (pieces[-1][0], end)]


def _mostly_quoted(text: str, item: reported.Reported, inner: list[QuoteRegion]) -> bool:
    """True when a reported content is all one quotation but for a 'that' and punctuation."""
    quoted = sum(
        1 for r in inner for ch in text[max(item.start, r.open_mark) : min(item.end, r.close_mark)] if ch.isalnum()
    )
    return sum(1 for ch in text[item.start : item.end] if ch.isalnum()) - quoted <= 4


def _cue_tuple(item: reported.Reported) -> tuple[int, int, str] | None:
    if item.cue is None:
        return None
    end_tok = item.cue_end or item.cue
    lemma = "according to" if item.kind == "according" else item.cue.lemma_.lower()
    if end_tok.i != item.cue.i and item.kind != "according":
        lemma = f"{lemma} {end_tok.lower_}"  # a phrasal cue: 'call for', 'refer to'
    start = item.cue.idx
    if item.negation is not None:
        start, lemma = item.negation.idx, f"not {lemma}"  # "wouldn't say": the cue shows the negation
    return start, end_tok.idx + len(end_tok.text), lemma
