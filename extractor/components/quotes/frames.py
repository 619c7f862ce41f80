"""The frame tier of reported speech, at a lower confidence than speech.

Beliefs, intentions and evaluations ("X thinks ...", "X wants to ...", "X endorsed Clinton",
"X's proposal to ban ...") come from a verb or noun of ``models/quote_frames.json`` whose
dependent of the listed relation is the content; raising verbs ("Trump is expected to win")
have their subject and complement together as content, with no source unless an agent is given.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from . import cue_speaker, cues, subjects
from .reported import Reported, closes_content, in_two_pieces, is_clause, trim_content

#: Rank of a relation when a cue has several: a clause or a gerund says more than an object noun.
_RANK = {"ccomp": 0, "xcomp": 1, "pcomp": 2, "oprd": 3, "dobj": 4, "advcl": 5, "acl": 6, "pobj": 7}
#: Words that carry content; a dependent made only of pronouns and function words ("it", "what") has none.
_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "NUM", "ADJ"})


def from_frame(token: Token, lexicon: cues.Lexicon) -> Reported | None:
    """'X thinks ...', 'X endorsed Clinton', "X's proposal to ban ...": the dependent the frame names."""
    lemma = token.lemma_.lower()
    addressed = False
    if token.pos_ == "VERB":
        relations = lexicon.verb_frames.get(lemma)
        # 'McCain said, asked about the vagueness': whoever was asked did not ask; the asker is
        # the agent or no one named
        addressed = cue_speaker.is_addressed(token)
        subject = None if addressed or _is_passive(token) else subjects.subject_of(token)
        subject = subject or cue_speaker.passive_agent(token)
    elif token.pos_ == "NOUN":
        relations = lexicon.noun_frames.get(lemma)
        subject = next((c for c in token.children if c.dep_ == "poss"), None)
    else:
        return None
    if not relations or (subject is None and not addressed):
        return None
    best = min(_frame_dependents(token, relations), key=lambda d: _RANK[d[0]], default=None)
    if best is None:
        return None
    relation, node, prep = best
    span = _content_span(node, clause=relation == "ccomp")
    if span is None:
        return None
    reason = _object_and_reason(token) if token.pos_ == "VERB" and relation in ("dobj", "pobj", "pcomp") else None
    if reason is not None:
        span = reason
    cue_end = prep if prep is not None and prep.i == token.i + 1 else token
    frame = f"prep:{prep.lower_}" if prep is not None else relation
    loose = token.pos_ == "VERB" and frame in lexicon.named_holder_frames.get(lemma, ())
    return Reported(span.start_char, span.end_char, token, cue_end, subject, "frame", named_holder=loose)


def _object_and_reason(verb: Token) -> Span | None:
    """'blasted the FBI for its decision not to indict', 'accused him of lying': the object and the
    reason together are what the verb attributes, not the object or the reason alone."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None or obj.i < verb.i:
        return None
    reason = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("for", "of") and c.i > obj.i), None)
    if reason is None:
        # 'accused the governor of hiding ...' with the reason hung on the object: only a gerund
        # reason, since 'the leader of the party' is one noun phrase
        reason = next((c for c in obj.rights if c.dep_ == "prep" and c.lower_ in ("for", "of")
                       and any(g.dep_ == "pcomp" and g.tag_ == "VBG" for g in c.children)), None)
    if reason is None or not any(c.dep_ in ("pobj", "pcomp") for c in reason.children):
        return None
    return trim_content(verb.doc, obj.left_edge.i, reason.right_edge.i + 1)


def _frame_dependents(token: Token, relations: tuple[str, ...]):
    """(relation, content head, preposition) for each dependent of ``token`` a frame relation names."""
    for child in token.children:
        dep = child.dep_
        if dep in relations and dep != "advcl":
            yield dep, child, None
        elif dep == "advcl" and "advcl" in relations and _is_infinitive(child):
            yield dep, child, None
        elif dep == "prep" and f"prep:{child.lower_}" in relations:
            obj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
            if obj is not None:
                yield obj.dep_, obj, child


def _is_infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def _content_span(node: Token, clause: bool) -> Span | None:
    """The subtree of ``node`` as content; short noun phrases are kept when they carry a content word."""
    doc = node.doc
    lo, hi = node.left_edge.i, node.right_edge.i + 1
    span = trim_content(doc, lo, hi)
    if span is None and not clause:
        span = doc[lo:hi]
        while len(span) and (span[-1].is_space or span[-1].is_punct and not closes_content(doc, span.start, span.end - 1)):
            span = doc[span.start : span.end - 1]
    if span is None or not len(span) or not any(t.pos_ in _CONTENT_POS for t in span):
        return None
    if clause and not is_clause(span):
        return None
    return span


def from_raising(verb: Token, lexicon: cues.Lexicon) -> Reported | None:
    """'Trump is expected to win', 'the plan seems to work': subject and complement are the content.

    Raising verbs attribute a view to no one in particular, so the source is the passive agent
    when there is one ('is expected by analysts to ...') and unknown otherwise.
    """
    lemma = verb.lemma_.lower()
    if verb.pos_ != "VERB":
        return None
    if lemma in lexicon.raising_active:
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    elif lemma in lexicon.raising_passive:
        subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    else:
        return None
    complement = next((c for c in verb.children if c.dep_ in ("xcomp", "oprd", "acomp")), None)
    if subject is None or complement is None or subject.i > verb.i or complement.i < verb.i:
        return None
    first = _content_span(subject, clause=False)
    second = _content_span(complement, clause=False)
    if first is None or second is None:
        return None
    return in_two_pieces(first, second, verb, cue_speaker.passive_agent(verb), "raising")
