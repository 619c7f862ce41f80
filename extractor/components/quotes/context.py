"""Per-document lookups the quote rules share: the token at a character, the ranges to skip
(boilerplate, the title), paragraphs, which quotation encloses a position, the entity-stage
entity that covers a range, and two word tests (title case, a word that names someone).
"""

from __future__ import annotations

import bisect

from spacy.tokens import Doc, Token

from ...spans import doc_text
from .marks import QuoteRegion


class Context:
    """Per-document lookups shared by the rules: token at a character, skipped ranges, paragraphs."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.token_starts = [t.idx for t in doc]
        skip = [(int(s), int(e)) for s, e, *_ in (doc._.boilerplate or [])]
        self.title = (int(doc._.title[0]), int(doc._.title[1])) if doc._.title else None
        if self.title:
            skip.append(self.title)
        self.skip = sorted(skip)
        paras = doc._.paragraphs
        self.paragraphs = [(int(s), int(e)) for s, e in paras] if paras else [(0, len(self.text))]
        self.para_starts = [p[0] for p in self.paragraphs]

    def token_at(self, char: int) -> Token:
        i = max(0, bisect.bisect_right(self.token_starts, char) - 1)
        return self.doc[min(i, len(self.doc) - 1)]

    def skipped(self, start: int, end: int) -> bool:
        return any(start < e and s < end for s, e in self.skip)

    def paragraph_of(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.para_starts, char) - 1)


def inside(bounds: list[tuple[int, int]], pos: int) -> int | None:
    """Index of the region whose marks enclose ``pos``, if any."""
    i = bisect.bisect_right(bounds, (pos, 1 << 60)) - 1
    if i >= 0 and bounds[i][0] <= pos < bounds[i][1]:
        return i
    return None


def overlapping(bounds: list[tuple[int, int]], start: int, end: int) -> list[int]:
    """Indexes of the regions whose marks overlap ``start``-``end``."""
    i = max(0, bisect.bisect_right(bounds, (start, 1 << 60)) - 1)
    out = []
    while i < len(bounds) and bounds[i][0] < end:
        if bounds[i][1] > start:
            out.append(i)
        i += 1
    return out


def starts_paragraph(ctx: Context, region: QuoteRegion) -> bool:
    """The quotation opens its paragraph."""
    return ctx.paragraphs[ctx.paragraph_of(region.open_mark)][0] == region.open_mark


def opens_sentence(ctx: Context, region: QuoteRegion) -> bool:
    """The quotation opens a sentence or a paragraph (by its mark, or by its first word where the
    parser starts the sentence inside the mark): a statement of its own, not part of a clause."""
    return (ctx.token_at(region.open_mark).is_sent_start or ctx.token_at(region.start).is_sent_start
            or starts_paragraph(ctx, region))


def title_cased(text: str) -> bool:
    """Most longer words capitalised: a title or a name, not a sentence someone said."""
    words = [w for w in text.split() if len(w) > 3 and w[0].isalpha()]
    return bool(words) and sum(w[0].isupper() for w in words) / len(words) >= 0.6


def names_someone(token: Token) -> bool:
    """A personal pronoun, a name, or a phrase holding a person or organisation: someone who can speak."""
    if token.pos_ == "PRON":
        return token.lower_ in ("he", "she", "they", "i", "we", "it")
    return token.pos_ == "PROPN" or token.ent_type_ in ("PERSON", "ORG") or any(
        t.ent_type_ in ("PERSON", "ORG") for t in token.subtree
    )


def entity_covering(entities: list[dict], start: int, end: int, types: frozenset[str]) -> dict | None:
    """The first entity of the entity stage, of one of ``types``, with a mention that covers
    ``start``-``end``."""
    for ent in entities:
        if ent.get("type") in types and any(
                int(m["start"]) <= start and end <= int(m["end"]) for m in ent.get("mentions", [])):
            return ent
    return None
