"""One piece of reported speech (``Reported``) and how its content is cut from the parse:
trimmed of edge punctuation, conjunctions and complementisers, and kept only as a clause.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

#: Tokens trimmed from the edges of reported content.
_EDGE_WORDS = frozenset({"that"})
MIN_CONTENT_TOKENS = 3


@dataclass
class Reported:
    """One piece of reported speech found on the parse."""

    start: int  # content characters
    end: int
    cue: Token | None
    cue_end: Token | None  # last token of a multi-word cue ("according to")
    subject: Token | None
    kind: str  # ccomp | parataxis | according | frame | raising
    pieces: list[tuple[int, int]] | None = None  # discontinuous content (raising verbs)
    named_holder: bool = False  # a loose frame: it counts only if the subject resolves to someone named
    negation: Token | None = None  # first word of a negated cue ('wouldn't say'), which the cue then starts with

    @property
    def tier(self) -> str:
        """'speech' for reported speech, 'frame' for beliefs, intentions and evaluations."""
        return "frame" if self.kind in ("frame", "raising") else "speech"


def in_two_pieces(first: Span, second: Span, verb: Token, subject: Token | None, kind: str) -> Reported:
    """A content in two pieces, with its cue (or the raising verb) between them."""
    pieces = [(first.start_char, first.end_char), (second.start_char, second.end_char)]
    return Reported(first.start_char, second.end_char, verb, verb, subject, kind, pieces)


def trim_content(doc, start: int, end: int, min_tokens: int = MIN_CONTENT_TOKENS) -> Span | None:
    """Drop punctuation, conjunctions and complementisers from both ends of a token range."""
    while start < end and (doc[start].is_punct and not is_quote_mark(doc[start]) or doc[start].is_space
                           or doc[start].lower_ in _EDGE_WORDS or doc[start].dep_ == "cc"):
        start += 1
    while end > start and (doc[end - 1].is_space or (doc[end - 1].is_punct and not is_quote_mark(doc[end - 1])
                                                      and not closes_content(doc, start, end - 1))):
        end -= 1
    if end - start < min_tokens:
        return None
    return doc[start:end]


#: Closing brackets and the openers they match.
_BRACKETS = {")": "(", "]": "["}


def closes_content(doc, start: int, i: int) -> bool:
    """A last token that belongs to the content: '%' ('rose to 5%') and a bracket closing one
    opened inside it ('would cost $5 billion (4 billion pounds)'). Dropping either changes what was said."""
    text = doc[i].text
    if text == "%":
        return True
    opener = _BRACKETS.get(text)
    if opener is None:
        return False
    inside = [t.text for t in doc[start:i]]
    return inside.count(opener) > inside.count(text)


def is_quote_mark(token: Token) -> bool:
    """A quotation mark, also the curly ones the tokenizer does not flag."""
    return token.is_quote or token.text in ("“", "”", "‘", "’", "«", "»")


def is_clause(span: Span) -> bool:
    """Reported content is a clause: it holds a verb or an auxiliary, or a word the parser gave a
    subject, whatever it tagged that word ('found that the richest 1% own more ...' with 'own' read
    as an adjective)."""
    return any(t.pos_ in ("VERB", "AUX") or (t.dep_ in ("nsubj", "nsubjpass") and span.start <= t.head.i < span.end)
               for t in span)
