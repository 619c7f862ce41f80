"""Partial quotes ('calling him "a total stiff"'): the verb that governs the quoted fragment,
or a naming verb a few words before it, gives the cue and the speaker; what that verb reports
around the fragment ('warned of a "ferocious" battle ahead') makes it a mixed quote.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from . import cue_speaker, cues, speakers, subjects
from .candidate import DirectCue
from .context import Context, names_someone, opens_sentence, title_cased
from .reported import trim_content
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


#: Dependents of a fragment's verb that are not part of what it reports: its subject, a second
#: verb it is coordinated with, punctuation.
_NOT_REPORTED = frozenset({"nsubj", "nsubjpass", "csubj", "aux", "auxpass", "neg", "cc", "conj", "punct", "mark"})
#: Dependents that say when or how the verb happened, not what it reports.
_ADVERBIAL = frozenset({"advmod", "npadvmod", "advcl", "prt"})


def governed_report_span(ctx: Context, region: QuoteRegion, cue: DirectCue | None) -> tuple[int, int] | None:
    """The span of a mixed quote whose fragment sits inside what its cue verb reports: 'Trump
    mocked Marco Rubio for "having a tough night"' reports "Marco Rubio for ...", and PolNeAR and
    the real-news guidelines both take such a clause as the content; the fragment alone drops
    whom it is about. From the verb's first argument after it to the end of the phrase that holds
    the quotation (of all the verb's arguments, when that is a clause), in its sentence. None when
    the quotation is set off as a sentence of its own ('said on Monday: "We will ..."'), when the
    verb does not govern it from before it, or when only function words surround it."""
    if cue is None or cue.verb is None or cue.where not in ("fragment", "before"):
        return None  # a report's own content is where the report finder put it
    verb = cue.verb
    open_tok = ctx.token_at(region.open_mark)
    if verb.idx >= region.open_mark or open_tok.sent.start != verb.sent.start or opens_sentence(ctx, region):
        return None
    fragment = ctx.doc.char_span(region.start, region.end, alignment_mode="expand")
    if fragment is None or not len(fragment) or verb not in fragment.root.ancestors:
        return None
    before = ctx.text[: region.open_mark].rstrip()[-1:]
    if before in (":", ";") or (before == "," and fragment.root.head.i == verb.i):
        return None  # set off after the cue: a statement of its own, not part of a clause
    kept = [c for c in verb.rights if c.dep_ not in _NOT_REPORTED]
    holder = next((c for c in kept if c.left_edge.i <= fragment.root.i <= c.right_edge.i), None)
    if holder is None:
        return None
    if holder.dep_ in ("ccomp", "xcomp"):
        first = holder  # 'telling supporters that "..."': the clause is the content, not who heard it
    else:
        # from the first argument: 'said four years ago about ...' reports nothing by 'four years ago'
        first = next(c for c in kept if c.i <= holder.i and (c.dep_ not in _ADVERBIAL or c is holder))
    if first.i == verb.i + 1 and first.dep_ in ("prt", "prep"):
        # a phrasal cue's particle ('called for', 'warned of') belongs to the cue
        first = next((c for c in kept if first.i < c.i <= holder.i), None) or next(
            (c for c in first.rights if c.dep_ not in _NOT_REPORTED), first)
    # a clause runs on over what the parser hung on the verb after it ('the goal was not to "..."
    # but to "..."'); a phrase ends with itself: what follows it ('"Thank you Georgia" moments
    # after polls closed') says when or how, not what
    last = holder
    if holder.dep_ in ("ccomp", "xcomp"):
        for c in kept[kept.index(holder) + 1 :]:
            if c.dep_ in _ADVERBIAL:
                break  # '..., suggesting that ...': a report of its own
            last = c
    last = min(last.right_edge.i, verb.sent.end - 1)
    # a dash after the quotation sets off the writer's aside ('... "suburbs of St. Petersburg" — a
    # metaphor for ...'); an adverbial clause the parser hung on a quoted noun ('chanted "No
    # justice, no peace" as the team arrived') says when the verb happened
    close = ctx.token_at(region.close_mark - 1).i
    last = next((max(close, t.left_edge.i - 1) for t in ctx.doc[close + 1 : last + 1]
                 if cues.aside_dash(t) or (t.dep_ in _ADVERBIAL and t.head.i <= close)), last)
    span = trim_content(ctx.doc, first.left_edge.i, last + 1, min_tokens=1)
    if span is None:
        return None
    start, end = min(span.start_char, region.open_mark), max(span.end_char, region.close_mark)
    outside = [t for t in span if not (region.open_mark <= t.idx < region.close_mark)]
    if all(t.is_stop or t.is_punct or t.is_space for t in outside):
        return None  # the quotation is all it reports: 'pledging to "..."', 'fear a "..."'
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
