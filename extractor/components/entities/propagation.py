"""Other occurrences of names already found: spaCy often tags a name once and misses it later.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc, Token

from ...normalize import countries
from .base import DocFacts, Lexicons, Mention, OWNED_LABELS, _in_boilerplate, _inside_longer_name, _is_capitalised


def propagate_mentions(doc: Doc, mentions: list[Mention], rejected: list[tuple[int, int]], lex: Lexicons, facts: DocFacts) -> list[Mention]:
    """Other occurrences of names already found: spaCy often tags a name once and misses it later.

    Full names are searched as written (case-sensitive, whole words); names of bodies also in
    lower case after "the" ("the permanent council" after "the Permanent Council"); a person's
    surname alone where the tagger reads it as a proper noun or it is no common English word
    ("Fischer said", "Tavares told"; not "Baker" in "the Baker family said"). Occurrences
    inside a longer capitalised name ("Moscow" in "Moscow Mechanism"), in a span a rule
    rejected or spaCy gave another label (the month in "May said"), in boilerplate or after "#"
    are skipped. Generic words and acronym-plus-head mentions are not propagated: they only
    make sense next to their full name.
    """
    taken = [(m.start, m.end) for m in mentions] + rejected
    templates: dict[str, Mention] = {}
    for m in mentions:
        if m.generic or m.head_of or (m.type == "PERSON" and m.end - m.start < 2):
            continue
        templates.setdefault(m.span(doc).text, m)
    surnames = {t.text: replace(m, end=m.start + 1) for m in mentions if (t := _surname(doc, m, lex)) is not None}
    for text, tmpl in surnames.items():
        templates.setdefault(text, tmpl)
    found: list[Mention] = []
    doc_text = doc.text  # built anew on every access
    for text, tmpl in templates.items():
        any_case = _lowercase_reference_ok(text, tmpl, lex)
        if any_case:
            matches = [(m.start(), m.end(), m.group()) for m in
                       re.finditer(rf"(?<![\w#@]){re.escape(text)}(?!\w)", doc_text, re.IGNORECASE)]
        else:
            matches = _whole_word_occurrences(doc_text, text)
        for match_start, match_end, matched in matches:
            span = doc.char_span(match_start, match_end)
            if span is None or any(span.start < e and s < span.end for s, e in taken):
                continue
            if matched != text and (span.start == 0 or doc[span.start - 1].lower_ != "the"):
                continue
            if _in_boilerplate(doc, span.start, span.end) or _inside_longer_name(doc, span):
                continue
            if text in surnames and not _reads_as_name(span[0], facts):
                continue
            new = replace(tmpl, start=span.start, end=span.end, source="propagated", expands=None)
            found.append(new)
            taken.append((span.start, span.end))
    return found


def _is_word_char(ch: str) -> bool:
    """``re``'s ``\\w`` for str patterns: alphanumeric (any script, any kind of digit) or underscore."""
    return ch.isalnum() or ch == "_"


def _whole_word_occurrences(haystack: str, needle: str) -> list[tuple[int, int, str]]:
    """What ``re.finditer(r"(?<![\\w#@])NEEDLE(?!\\w)", haystack)`` finds, without compiling a pattern.

    Left to right, non-overlapping: after a hit the search resumes at its end, after a rejected
    position at the next character, as the regex engine does.
    """
    out: list[tuple[int, int, str]] = []
    size = len(needle)
    if not size:
        return [(m.start(), m.end(), m.group()) for m in re.finditer(r"(?<![\w#@])(?!\w)", haystack)]
    pos = haystack.find(needle)
    while pos >= 0:
        end = pos + size
        before = haystack[pos - 1] if pos else ""
        after = haystack[end] if end < len(haystack) else ""
        if (not before or (before not in "#@" and not _is_word_char(before))) and (not after or not _is_word_char(after)):
            out.append((pos, end, needle))
            pos = haystack.find(needle, end)
        else:
            pos = haystack.find(needle, pos + 1)
    return out


def _reads_as_name(token: Token, facts: DocFacts) -> bool:
    """Is this capitalised word used as a name here, not as a common word or another entity's word?"""
    if token.ent_type_ not in {"", *OWNED_LABELS}:  # "May" tagged DATE
        return False
    return token.pos_ == "PROPN" or not facts.vocabulary.is_common(token.text)


def _surname(doc: Doc, m: Mention, lex: Lexicons) -> Token | None:
    """The last word of a person's full name, if it can stand alone as a reference to them."""
    if m.type != "PERSON" or m.end - m.start < 2:
        return None
    last = doc[m.end - 1]
    word = last.lower_.rstrip(".")
    if len(word) < 2 or not _is_capitalised(last) or last.is_upper or countries.is_demonym(last.text):
        return None
    if word in lex.titles or word in lex.title_modifiers or word in lex.function_words or word in lex.generic_heads:
        return None
    return last


def _lowercase_reference_ok(text: str, tmpl: Mention, lex: Lexicons) -> bool:
    """May this name be found in lower case too? Only for bodies named by a generic head
    ("the permanent council", "the supervisory board"), and only after "the" (checked by the
    caller), since "divisive legacy" after a headline's "Divisive Legacy" is no reference."""
    words = text.split()
    return tmpl.type == "ORG" and len(words) >= 2 and words[-1].lower() in lex.generic_heads
