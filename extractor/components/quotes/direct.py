"""Direct quotes: each quotation that reported speech left over, with its cue and speaker.

The cue comes from a speaker label, the report the quotation completes, ``direct_cues``,
``signatures`` or ``fragments``; a fragment a naming verb governs takes the verb's object with it
as a mixed quote ('called Omar a "terrorist"'), and one inside what its verb reports takes that
phrase ('warned of a "ferocious" battle ahead'). A quotation interrupted by its own cue ('"The
plan," she said, "is dead."') becomes one quote with two spans.
"""

from __future__ import annotations

from spacy.tokens import Token

from ...spans import strip_span
from . import cue_speaker, cues, reported
from .candidate import Candidate, DirectCue, apply_cue
from .context import Context
from .direct_cues import FINITE_TAGS, MAX_CUE_CLAUSE_WORDS, find_direct_cue
from .filters import is_standalone
from .fragments import fragment_cue, governed_report_span, naming_object_span
from .labels import label_cue
from .marks import QuoteRegion


def direct_quotes(ctx, regions, consumed, region_cues, lexicon, index, min_tokens, labels) -> list[Candidate]:
    """Quotations that are quotes in their own right, with cue and speaker where the text gives them."""
    found: list[Candidate] = []
    previous: tuple[Candidate, DirectCue | None] | None = None
    for i, region in enumerate(regions):
        if i in consumed:
            continue
        cue = label_cue(ctx, labels, region) or _report_cue(region_cues.get(i))
        if cue is None and not is_standalone(ctx, region, min_tokens):
            # a fragment ('called Clinton a "champion"'): the verb that governs it beats a nearer one
            cue = fragment_cue(ctx, region, naming_only=True)
        cue = cue or find_direct_cue(ctx, regions, i, lexicon)
        if previous is not None and _continues(ctx, previous, i, region, cue):
            cand = previous[0]
            cand.spans.extend(strip_span(ctx.text, s, e) for s, e in region.spans)
            cand.regions.append(i)
            continue
        if cue is None and not is_standalone(ctx, region, min_tokens):
            cue = fragment_cue(ctx, region)
            if cue is None:
                previous = None
                continue
        report = region_cues.get(i)
        cand = Candidate(
            type="direct",
            spans=[strip_span(ctx.text, s, e) for s, e in region.spans],
            recovered=region.recovered,
            regions=[i],
            tier="frame" if _belief_cued(report, cue, lexicon) else "speech",
            quotation=True,
        )
        apply_cue(ctx, cand, cue, index)
        mixed = naming_object_span(ctx, region, cue) or governed_report_span(ctx, region, cue)
        if mixed is not None:
            cand.type, cand.spans = "mixed", [mixed]
        found.append(cand)
        previous = (cand, cue)
    return found


def _belief_cued(report: reported.Reported | None, cue: DirectCue | None, lexicon: cues.Lexicon) -> bool:
    """A quotation that is all of a belief's content ('led him to fear a "Putin-Ribbentrop Pact"') is
    as uncertain as the belief; one that is a speech act's ('urged voters to "send a message"') is not."""
    return (report is not None and cue is not None and cue.where == "report" and report.tier == "frame"
            and not lexicon.is_speech_act(report.cue))


def _report_cue(item: reported.Reported | None) -> DirectCue | None:
    if item is None or item.cue is None:
        return None
    subject = item.subject or cue_speaker.speaker_of(item.cue, content_before=item.end <= item.cue.idx)
    return DirectCue(item.cue, subject, "report")


def _continues(ctx, previous, i: int, region: QuoteRegion, cue: DirectCue | None) -> bool:
    """'"The plan," she said, "is dead."': the second quotation continues the first across its cue."""
    cand, prev_cue = previous
    if prev_cue is None or prev_cue.where not in ("after", "report") or prev_cue.verb is None:
        return False
    same_verb = cue is not None and cue.verb is not None and cue.verb.i == prev_cue.verb.i
    if cue is not None and not same_verb and cue.where != "before":
        return False
    if ctx.paragraph_of(cand.end) != ctx.paragraph_of(region.open_mark):
        return False
    if i != cand.regions[-1] + 1:
        return False  # another quotation (reported on its own) lies between them
    gap = ctx.text[cand.end : region.open_mark]
    if not (prev_cue.verb.idx > cand.end and prev_cue.verb.idx < region.open_mark):
        return False
    # the gap is the cue clause alone: the second quotation hangs on no other finite verb in it
    # ('"...," Miller said. Silverman responded, "..."' and '..., who thinks "..."' are two quotes)
    if len(gap.split()) > MAX_CUE_CLAUSE_WORDS:
        return False
    # ('... in the spot titled "Dangerous," warning ..., pledging to "..."': a cue of its own)
    governor = _governing_verb(ctx, region)
    return not (
        governor is not None and governor.i != prev_cue.verb.i
        and (governor.tag_ in FINITE_TAGS or cues.is_reporting(governor))
        and cand.end <= governor.idx < region.open_mark
    )


def _governing_verb(ctx: Context, region: QuoteRegion) -> Token | None:
    """The first verb outside a quotation that its words hang on, if any (within a few links)."""
    span = ctx.doc.char_span(region.start, region.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    token = span.root
    for _ in range(4):
        if token.head.i == token.i:
            return None
        token = token.head
        if not region.open_mark <= token.idx < region.close_mark and token.pos_ == "VERB":
            return token
    return None
