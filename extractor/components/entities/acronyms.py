"""Acronyms: "(OSCE)" defined after its expansion, and one-word ORGs that only describe.

An acronym defined in the text tells clustering which name it stands for; an acronym used only
before a group noun ("LGBT community") is an adjective, not an organisation.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from ...normalize import countries
from .base import DocFacts, Lexicons, Mention, norm_key, trim, _acronym_letters, _in_boilerplate, _is_acronym


#: How far (in words) an acronym's expansion may reach back before its "(ACRONYM)".
_MAX_EXPANSION_WORDS = 12


def _acronym_mentions(doc: Doc, lex: Lexicons) -> list[Mention]:
    """An expansion and its acronym defined in parentheses, as one ORG (or country) each.

    "Organization For Security And Co-operation In Europe (OSCE)": the words before the bracket
    whose initials spell the acronym (small words like "for" may be skipped) form the name; the
    acronym mention records which expansion it stands for, so clustering joins them.
    """
    out: list[Mention] = []
    for tok in doc:
        if tok.text != "(" or tok.i + 2 >= len(doc) or doc[tok.i + 2].text != ")":
            continue
        acr = doc[tok.i + 1]
        if not _is_acronym(acr.text) or _in_boilerplate(doc, tok.i, tok.i + 3):
            continue
        start = _expansion_start(doc, tok.i, _acronym_letters(acr.text), lex)
        if start is None:
            start = _org_ending_at(doc, tok.i)
        if start is None:
            continue
        expansion = doc[start : tok.i]
        found = countries.lookup(expansion.text)
        kind, label = ("COUNTRY", "GPE") if found else ("ORG", "ORG")
        code = found.code if found else None
        out.append(Mention(start, tok.i, type=kind, label=label, source="acronym", strong=True, code=code))
        out.append(Mention(acr.i, acr.i + 1, type=kind, label=label, source="acronym", strong=True, code=code, expands=norm_key(expansion.text)))
    return out


def _org_ending_at(doc: Doc, end: int) -> int | None:
    """Start of the ORG spaCy found right before token ``end``: its "(ACRONYM)" may be foreign
    ("International Federation for Human Rights (FIDH)") and so spell other initials."""
    for ent in doc.ents:
        if ent.end == end and ent.label_ == "ORG":
            start, _ = trim(doc, ent.start, ent.end)
            return start if start < end else None
    return None


def _expansion_start(doc: Doc, paren: int, letters: str, lex: Lexicons) -> int | None:
    """Token index where the expansion of ``letters`` ending before ``paren`` starts, or None."""
    words = _words_before(doc, paren, lex)
    for k in range(len(words) - 1, -1, -1):
        first_text = words[k][2]
        if first_text.lower() in lex.function_words:
            continue
        if initials_match([w[2] for w in words[k:]], letters, lex):
            return words[k][0]
    return None


def _words_before(doc: Doc, end: int, lex: Lexicons) -> list[tuple[int, int, str]]:
    """(start token, end token, text) of the name-like words right before token ``end``.

    A word is a run of tokens without spaces between them ("Co-operation"); the run stops at
    punctuation, a sentence start or a lowercase word that is not a small function word.
    """
    words: list[tuple[int, int, str]] = []
    i = end
    while i > 0 and len(words) < _MAX_EXPANSION_WORDS:
        j = i - 1
        while j > 0 and not doc[j - 1].whitespace_ and not doc[j - 1].is_space:
            j -= 1
        text = doc[j:i].text
        if not re.fullmatch(r"[^\W\d_][\w'’&-]*", text):
            break
        if not (text[0].isupper() or text.lower() in lex.function_words):
            break
        words.insert(0, (j, i, text))
        if doc[j].is_sent_start:
            break
        i = j
    return words


def initials_match(words: list[str], letters: str, lex: Lexicons) -> bool:
    """Do the words' initials spell ``letters``? Function words may be skipped; "Co-operation" gives C or CO."""
    letters = letters.upper()

    def match(i: int, j: int) -> bool:
        if i == len(words):
            return j == len(letters)
        word = words[i]
        if word.lower() in lex.function_words and match(i + 1, j):
            return True
        parts = [p[0].upper() for p in re.split(r"[-‑]", word) if p]
        return any(letters[j : j + n] == "".join(parts[:n]) and match(i + 1, j + n) for n in range(1, len(parts) + 1))

    return bool(words) and bool(letters) and match(0, 0)


def _drop_descriptive_acronyms(doc: Doc, mentions: list[Mention], lex: Lexicons, facts: DocFacts) -> list[Mention]:
    """A one-word ORG only ever used before a group noun ("LGBT community") describes, it does not name.

    Kept when the gazetteer knows it ("UN rights body") or the article also uses it as a name.
    """
    def attributive(m: Mention) -> bool:
        nxt = doc[m.end] if m.end < len(doc) else None
        return m.end - m.start == 1 and nxt is not None and nxt.lower_ in lex.group_nouns and nxt.is_lower

    by_key: dict[str, list[Mention]] = {}
    for m in mentions:
        if m.type == "ORG" and not m.strong:
            by_key.setdefault(norm_key(m.span(doc).text), []).append(m)
    drop = {
        id(m)
        for key, group in by_key.items()
        if key not in facts.gazetteer_keys and all(attributive(m) for m in group)
        for m in group
    }
    return [m for m in mentions if id(m) not in drop]
