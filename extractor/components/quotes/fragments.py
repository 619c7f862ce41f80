"""Partial quotes ('calling him "a total stiff"'): the verb that governs the quoted fragment,
or a naming verb a few words before it, gives the cue and the speaker.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from . import cue_speaker, cues, speakers, subjects
from .candidate import DirectCue
from .context import Context, names_someone, title_cased
from .marks import QuoteRegion


def fragment_cue(ctx: Context, region: QuoteRegion, naming_only: bool = False) -> DirectCue | None:
    """A partial quote ('calling him "a total stiff"'): the verb that governs the fragment, when its
    subject is a person, an organisation or a pronoun. Titles ("Meet the Press") are not quotes."""
    if len(region.spans) != 1 or title_cased(ctx.text[region.start : region.end]):
        return None
    span = ctx.doc.char_span(region.start, region.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    token = span.root
    below: Token | None = None
    for _ in range(5):
        if token.pos_ == "VERB" and not region.start <= token.idx < region.end:
            if below is not None and below.dep_ in cues.SUBJECT_DEPS:
                return None  # the fragment is in the verb's subject, not what the verb reports
            subject = subjects.subject_of(token)
            naming = token.lemma_.lower() in cues.lexicon().naming
            if naming_only and not naming:
                return None
            # 'Obama, who called the nominee "unfit to serve"': a naming verb's relative pronoun
            named = speakers.antecedent(subject) if subject is not None and naming else subject
            if named is not None and (names_someone(named) or (naming and named.pos_ in ("NOUN", "PROPN"))):
                return DirectCue(token, subject, "fragment")
            return None
        if token.head.i == token.i:
            break
        below, token = token, token.head
    return _naming_verb_before(ctx, region, span)


#: How many words a naming verb may stand before a fragment the parser did not hang on it.
_MAX_NAMING_GAP = 6


def _naming_verb_before(ctx: Context, region: QuoteRegion, fragment: Span) -> DirectCue | None:
    """'Beruff, a Scott ally, called Florida's standards "strong."' parsed with the fragment hung on
    the name: a naming verb a few words before the fragment, in its sentence, still names it."""
    sent = fragment[0].sent
    words = 0
    for i in range(ctx.token_at(region.open_mark).i - 1, sent.start - 1, -1):
        token = ctx.doc[i]
        if token.is_quote:
            return None  # another quotation lies between
        if token.pos_ == "VERB" and token.lemma_.lower() in cues.lexicon().naming and not cues.is_negated(token):
            subject = cue_speaker.speaker_of(token, content_before=False)
            if subject is not None and subject.pos_ in ("NOUN", "PROPN", "PRON"):
                return DirectCue(token, subject, "fragment")
            return None
        words += not token.is_punct
        if words > _MAX_NAMING_GAP:
            return None
    return None
