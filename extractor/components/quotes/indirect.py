"""Reported speech: "X said (that) ...", "X told Y that ...", "..., X said.", "according to X, ...".

Each rule reads one sentence's parse: the content is the clausal complement of a reporting
verb, or, when the cue clause is set off by commas ("Therefore, Hill told the council, the
states ..."), the longest stretch of the sentence outside it.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from . import cues

#: Tokens trimmed from the edges of reported content.
_EDGE_WORDS = frozenset({"that", "whether"})
_MIN_CONTENT_TOKENS = 3


@dataclass
class Reported:
    """One piece of reported speech found on the parse."""

    start: int  # content characters
    end: int
    cue: Token | None
    cue_end: Token | None  # last token of a multi-word cue ("according to")
    subject: Token | None
    kind: str  # ccomp | parataxis | according


def find_reported(sent: Span, lexicon: cues.Lexicon) -> list[Reported]:
    """All reported-speech contents of one sentence."""
    found: list[Reported] = []
    for token in sent:
        if not lexicon.cues_indirect(token) or cues.is_negated(token):
            continue
        item = _from_complement(token) or _from_parataxis(sent, token)
        if item is not None:
            found.append(item)
    according = cues.according_to(sent)
    if according is not None:
        item = _from_according(sent, *according)
        if item is not None:
            found.append(item)
    return found


def _subject(verb: Token) -> Token | None:
    return cues.subject_of(verb) or cues.passive_agent(verb)


def _from_complement(verb: Token) -> Reported | None:
    """'X said (that) ...': the verb's clausal complement."""
    for child in verb.children:
        if child.dep_ == "ccomp":
            tokens = [t for t in child.subtree]
            span = _trim(verb.doc, tokens[0].i, tokens[-1].i + 1)
            if span is None or not _is_clause(span):
                return None
            return Reported(span.start_char, span.end_char, verb, verb, _subject(verb), "ccomp")
    return None


def _from_parataxis(sent: Span, verb: Token) -> Reported | None:
    """'The plan, Hill said, is dead.' / 'The plan is dead, Hill said.': the sentence outside the cue."""
    if verb.dep_ not in ("parataxis", "advcl", "conj", "ccomp") or verb.head.i == verb.i:
        return None
    subject = next((c for c in verb.children if c.dep_ in cues.SUBJECT_DEPS), None)
    if subject is None or not _set_off(sent, verb, subject):
        return None
    lo = min(verb.left_edge.i, subject.left_edge.i)
    hi = max(verb.right_edge.i, subject.right_edge.i) + 1
    before = _trim(sent.doc, sent.start, lo)
    after = _trim(sent.doc, hi, sent.end)
    best = max((s for s in (before, after) if s is not None), key=len, default=None)
    if best is None or not _is_clause(best):
        return None
    return Reported(best.start_char, best.end_char, verb, verb, subject, "parataxis")


def _set_off(sent: Span, verb: Token, subject: Token) -> bool:
    """A cue clause between commas (or a comma and the sentence end), subject next to the verb."""
    doc = sent.doc
    lo = min(verb.i, subject.left_edge.i)
    hi = max(verb.i, subject.right_edge.i)
    if abs(verb.i - subject.i) > 4:
        return False
    before_ok = lo == sent.start or doc[lo - 1].text in (",", "—", "–")
    after = hi + 1
    after_ok = after >= sent.end or doc[after].text in (",", ".", "—", "–", "!", "?") or doc[after].dep_ in ("npadvmod", "prep")
    return before_ok and after_ok


def _from_according(sent: Span, according: Token, to: Token, obj: Token) -> Reported | None:
    """'According to X, ...': the sentence outside the 'according to X' phrase."""
    lo = according.i
    hi = max(obj.right_edge.i, to.i) + 1
    before = _trim(sent.doc, sent.start, lo)
    after = _trim(sent.doc, hi, sent.end)
    best = max((s for s in (before, after) if s is not None), key=len, default=None)
    if best is None or not _is_clause(best):
        return None
    return Reported(best.start_char, best.end_char, according, to, obj, "according")


def _trim(doc, start: int, end: int) -> Span | None:
    """Drop punctuation, conjunctions and complementisers from both ends of a token range."""
    while start < end and (doc[start].is_punct and not _is_quote(doc[start]) or doc[start].is_space
                           or doc[start].lower_ in _EDGE_WORDS or doc[start].dep_ == "cc"):
        start += 1
    while end > start and ((doc[end - 1].is_punct and not _is_quote(doc[end - 1])) or doc[end - 1].is_space):
        end -= 1
    if end - start < _MIN_CONTENT_TOKENS:
        return None
    return doc[start:end]


def _is_quote(token: Token) -> bool:
    return token.is_quote or token.text in ("“", "”", "‘", "’", "«", "»")


def _is_clause(span: Span) -> bool:
    """Reported content is a clause: it holds a verb or an auxiliary."""
    return any(t.pos_ in ("VERB", "AUX") for t in span)
