"""Character-range helpers shared by the stages."""

from __future__ import annotations


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` narrowed past the whitespace at both ends of ``text[start:end]``."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


_last_text: list = [None, ""]


def doc_text(doc) -> str:
    """``doc.text``, read once per document: spaCy joins every token again on each access, which
    cost the quote stage a quarter of its time when several of its parts asked for it. Only the
    last document is remembered, since the stages handle one document at a time."""
    if _last_text[0] is not doc:
        _last_text[0], _last_text[1] = doc, doc.text
    return _last_text[1]
