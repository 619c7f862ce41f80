"""Speakers for quotations with no cue of their own: the subject of the sentence right before,
the previous quote's speaker (a continuation paragraph), or the person the previous paragraph
introduced as speaking.
"""

from __future__ import annotations

from . import speakers, subjects
from .candidate import Candidate
from .context import Context


def attach_context_speakers(ctx: Context, cands: list[Candidate], lexicon, index) -> list[Candidate]:
    """A quote with no cue takes the subject of the sentence right before it, or inherits the previous
    quote's speaker, or the introducer's.

    A quotation that follows its speaker's cued quote in the next sentence of the same paragraph
    ('Yet Trump is also a "change agent," Cole said. "That's exactly what people want."') rests on
    that cue: it joins that quote as a further span instead of standing alone.
    """
    kept: list[Candidate] = []
    prev: Candidate | None = None
    for cand in cands:
        if cand.type == "direct" and cand.cue is None and cand.speaker is None:
            p = ctx.paragraph_of(cand.start)
            speaker = _sentence_before(ctx, cand, cands, index)
            inherited = False
            if speaker is None:
                if prev is not None and prev.speaker is not None and ctx.paragraph_of(prev.end) >= p - 1:
                    if _next_sentence_of(ctx, prev, cand):
                        prev.spans.extend(cand.spans)
                        prev.regions.extend(cand.regions)
                        if prev.type == "indirect":
                            prev.type = "mixed"
                        continue
                    # an unnamed speaker carries on too ('the editorial board writes. "It's a sign ..."')
                    speaker, inherited = prev.speaker, prev.speaker.resolution == "description" and prev.type != "indirect"
                elif p > 0:
                    speaker = _introducer(ctx, p - 1, lexicon, index)
            if speaker is not None and (speaker.known or inherited):
                # the mention is where the text last named this speaker: the cue we inherit from
                cand.speaker = speakers.Resolved(speaker.entity, speaker.mention, "context", name=speaker.name)
        if cand.tier == "speech":
            prev = cand  # a belief or evaluation ("the USA's support for ...") hands no speaker on
        kept.append(cand)
    return kept


def _next_sentence_of(ctx: Context, prev: Candidate, cand: Candidate) -> bool:
    """``cand`` opens the sentence right after the one where ``prev`` (content and cue) ends, in its
    paragraph, and ``prev`` has a cue and a known speaker."""
    if prev.cue is None or not prev.speaker.known or ctx.paragraph_of(prev.end) != ctx.paragraph_of(cand.start):
        return False
    last = ctx.token_at(max(prev.end, prev.cue[1]) - 1).sent
    opening = ctx.token_at(cand.start - 1)
    # the next sentence, or the opening mark left as the last token of this one by the splitter
    return opening.sent.start == last.end or (opening.sent.start == last.start and opening.i >= last.end - 1)


def _sentence_before(ctx: Context, cand: Candidate, cands: list[Candidate], index) -> speakers.Resolved | None:
    """'Iowa State's Dianne Bystrom agreed. "Mainstream Republicans are running out of time."': the
    sentence right before an uncued quotation, in its paragraph and quoting nothing itself, names
    its speaker as its subject."""
    open_tok = ctx.token_at(cand.start - 1)
    if open_tok.i == 0:
        return None
    sent = ctx.doc[open_tok.i - 1].sent
    if ctx.paragraph_of(sent.start_char) != ctx.paragraph_of(cand.start):
        return None
    if any(c is not cand and c.start < sent.end_char and sent.start_char < c.end for c in cands):
        return None
    subject = subjects.subject_of(sent.root)
    if subject is None or not (subject.ent_type_ in ("PERSON", "ORG") or subject.lower_ in ("he", "she")):
        return None
    resolved = speakers.resolve(subject, index)
    return resolved if resolved is not None and resolved.known else None


def _introducer(ctx: Context, p: int, lexicon, index) -> speakers.Resolved | None:
    """The last subject of a reporting verb in paragraph ``p`` ("Palladino explained the support.")."""
    start, end = ctx.paragraphs[p]
    first, last = ctx.token_at(start), ctx.token_at(end - 1)
    for i in range(last.i, first.i - 1, -1):
        token = ctx.doc[i]
        if lexicon.is_speech(token):
            subject = subjects.subject_of(token)
            if subject is not None:
                return speakers.resolve(subject, index)
    return None
