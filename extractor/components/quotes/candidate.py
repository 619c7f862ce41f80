"""A quote as the rules build it (``Candidate``) and the record it becomes.

Also the cue found for a quotation (``DirectCue``) and how a cue sets a candidate's cue and
speaker, which every kind of quote shares. The record is a dict shaped like records.Quote, with
a prior confidence by type and speaker resolution that ``scoring`` replaces when it judges.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from ...records import quoted_words
from . import cues, nearby_names, speakers, subjects
from .context import Context

CONFIDENCE = {
    ("direct", "explicit"): 0.93,
    ("direct", "pronoun"): 0.85,
    ("direct", "description"): 0.85,
    ("direct", "context"): 0.78,
    ("direct", None): 0.55,
    ("mixed", "explicit"): 0.85,
    ("mixed", "pronoun"): 0.78,
    ("mixed", "description"): 0.78,
    ("mixed", None): 0.6,
    ("indirect", "explicit"): 0.8,
    ("indirect", "pronoun"): 0.72,
    ("indirect", "description"): 0.72,
    ("indirect", None): 0.55,
}
#: Beliefs, intentions and evaluations ("X wants to ...") are attributions, but less surely quotes.
FRAME_PENALTY = 0.2


@dataclass
class Candidate:
    """A quote before ids are assigned."""

    type: str
    spans: list[tuple[int, int]]
    cue: tuple[int, int, str] | None = None  # start, end, lemma
    speaker: speakers.Resolved | None = None
    recovered: bool = False
    regions: list[int] = field(default_factory=list)
    tier: str = "speech"  # speech | frame (a belief, intention or evaluation: less certain)
    #: made by the direct pass around a quotation (a direct quote, or a quoted fragment with what
    #: its verb reports): it is quoted even where reported speech around it holds its cue
    quotation: bool = False

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[-1][1]


@dataclass
class DirectCue:
    """The cue found for one quotation: its verb and subject, or for a dash or label the name itself."""

    verb: Token | None
    subject: Token | None
    where: str  # after | before | report | fragment | dash | label
    name_span: tuple[int, int] | None = None  # the name itself (dash and label attributions)


def resolve_subject(subject: Token | None, index: speakers.EntityIndex) -> speakers.Resolved | None:
    """The entity a cue's subject stands for (None without a subject): ``speakers.resolve`` on it."""
    if subject is None:
        return None
    return speakers.resolve(subject, index)


def named_speaker(ctx: Context, name: tuple[int, int], index: speakers.EntityIndex) -> speakers.Resolved:
    """A speaker the text names outright, with no verb to parse: a dash, a label, a headline."""
    words = ctx.text[name[0] : name[1]]
    last = words.split()[-1:]
    entity = index.at(*name) or (index.by_last_word(last[0]) if last else None)
    return speakers.Resolved(entity, name, "explicit", name=words)


def apply_cue(ctx: Context, cand: Candidate, cue: DirectCue | None, index: speakers.EntityIndex) -> None:
    """Set a candidate's cue and speaker from the cue found for it; a subject inside the quotation
    itself is a parser slip and gives way to the name outside it."""
    if cue is None:
        return
    if cue.where in ("dash", "label"):
        cand.speaker = named_speaker(ctx, cue.name_span, index)
        if cue.where == "label":
            colon = ctx.text.index(":", cue.name_span[1])
            cand.cue = (colon, colon + 1, ":")
        return
    if cue.verb is not None:
        verb = cue.verb
        if verb.lower_ == "according" and verb.i + 1 < len(verb.doc):
            end_tok = verb.doc[verb.i + 1]
            cand.cue = (verb.idx, end_tok.idx + len(end_tok.text), "according to")
        else:
            cand.cue = (verb.idx, verb.idx + len(verb.text), verb.lemma_.lower())
    subject = cue.subject
    if subject is not None and cue.verb is not None and any(s <= subject.idx < e for s, e in cand.spans):
        # the parser took a word of the quotation for the subject ('"... Ferguson," Trump said')
        subject = nearby_names.preceding_subject(cue.verb) or _subject_outside(cand, cue.verb)
    cand.speaker = resolve_subject(subject, index)


def _subject_outside(cand: Candidate, verb: Token) -> Token | None:
    """A cue's subject when the parser hung the cue on a word of its own quotation.

    After the quotation, the name after the verb speaks ('"...," said Skelly'). Before it, that
    name is whoever was spoken to ('Clinton seemed ready to riff on it, telling the crowd, "..."');
    the subject of the sentence's main verb, outside the quotation, speaks.
    """
    if cand.end <= verb.idx or verb.is_sent_start:
        return nearby_names.inverted_subject(verb)

    def quoted(token: Token) -> bool:
        return any(s <= token.idx < e for s, e in cand.spans)

    root = verb.sent.root
    if quoted(root):
        # 'Weaver did not seem impressed, telling reporters, "A lot of people said ..."' with the
        # quotation's verb as the root: the last clause above the cue outside the quotation
        clause = verb
        while clause.head.i != clause.i and not quoted(clause.head):
            clause = clause.head
        return next((c for c in clause.children if c.dep_ in cues.SUBJECT_DEPS and c.pos_ != "PUNCT"
                     and c.i < verb.i and not quoted(c)), None) if clause is not verb else None
    subject = subjects.subject_of(root)
    return subject if subject is not None and subject.i < verb.i else None


def as_record(text: str, cand: Candidate, n: int) -> dict:
    """The record dict of a candidate (shaped like records.Quote), id ``Q<n>``, with its prior confidence."""
    resolution = cand.speaker.resolution if cand.speaker is not None and cand.speaker.known else None
    confidence = CONFIDENCE.get((cand.type, resolution), 0.5)
    if cand.recovered:
        confidence -= 0.15
    if cand.tier == "frame":
        confidence -= FRAME_PENALTY
    if cand.cue is None and cand.type == "direct" and resolution not in (None, "context"):
        confidence -= 0.05
    cue = None
    if cand.cue is not None:
        s, e, lemma = cand.cue
        cue = {"text": text[s:e], "lemma": lemma, "start": s, "end": e}
    return {
        "id": f"Q{n}",
        "type": cand.type,
        "text": text[cand.start : cand.end],
        "content": quoted_words(text, cand.spans),
        "start": cand.start,
        "end": cand.end,
        "spans": [[s, e] for s, e in cand.spans],
        "speaker": cand.speaker.as_dict(text) if cand.speaker is not None else None,
        "cue": cue,
        "confidence": round(max(0.05, min(1.0, confidence)), 2),
    }
