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


#: How many words a naming verb's object may have before the fragment ('called the bank's
#: sales practices "outrageous"').
_MAX_OBJECT_WORDS = 12


def naming_object_span(ctx: Context, region: QuoteRegion, cue: DirectCue | None) -> tuple[int, int] | None:
    """The span of a mixed quote a naming verb makes of its object and fragment: from the object's
    start to the end of the phrase the fragment heads ('called Clinton a "champion" for workers'),
    or None (see ``naming_object_start``)."""
    start = naming_object_start(ctx, region, cue)
    if start is None:
        return None
    end = region.close_mark
    fragment = ctx.doc.char_span(region.start, region.end, alignment_mode="expand")
    if fragment is not None and len(fragment):
        node = fragment.root
        while node.head.i != cue.verb.i and node.head.i != node.i:
            node = node.head
        if node.head.i == cue.verb.i:
            last = node.right_edge
            while last.i > node.i and (last.is_punct or last.is_space):
                last = ctx.doc[last.i - 1]
            if last.sent.start == node.sent.start:
                end = max(end, last.idx + len(last.text))
    return start, end


def naming_object_start(ctx: Context, region: QuoteRegion, cue: DirectCue | None) -> int | None:
    """Where a mixed quote starts when a naming verb's object comes before its quoted fragment:
    'called Omar a "terrorist"' reports "Omar a 'terrorist'", as PolNeAR and the real-news
    guidelines both annotate it; the fragment alone ("terrorist") says nothing about whom. None
    when the verb does not name an object before the fragment."""
    if cue is None or cue.where not in ("fragment", "report") or cue.verb is None:
        return None
    verb = cue.verb
    if verb.lemma_.lower() not in cues.lexicon().naming or verb.idx >= region.open_mark:
        return None
    open_tok = ctx.token_at(region.open_mark)
    if open_tok.sent.start != verb.sent.start:
        return None
    between = ctx.doc[verb.i + 1 : open_tok.i]
    words = [t for t in between if not t.is_punct]
    if not words or len(words) > _MAX_OBJECT_WORDS:
        return None
    if any(t.is_quote or (t.pos_ in ("VERB", "AUX") and t.tag_ not in ("VBG", "VBN")) for t in between):
        return None  # another quotation or a clause of its own lies between
    if any(t.dep_ == "prep" and t.head.i == verb.i and t.lower_ in ("to", "for") for t in between):
        return None  # 'referred to ... as', 'praised them for': the fragment is not the object's name
    return between[0].idx
