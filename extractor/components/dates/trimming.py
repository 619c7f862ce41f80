"""Extents: TimeML's span conventions applied to candidate ranges (edges trimmed, overlaps united)."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

from .rules import Rules


def merge_overlapping(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Unite token ranges that share tokens (an entity and a pattern hit on the same words)."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if out and start < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _adjectival_compound(doc: Doc, start: int, end: int) -> bool:
    """True for "third-quarter", "year-ago" used before a noun: "the third-quarter loss".

    TimeBank leaves the noun phrase's determiner out of the TIMEX3 then ("third-quarter"),
    but keeps it when the time word is the head ("the third quarter", "the year-ago period").
    """
    if end - start != 3 or doc[start + 1].text != "-" or end >= len(doc):
        return False
    head_word = doc[end - 1].lower_ in ("quarter", "ago", "earlier", "end", "half")
    return head_word and doc[end].pos_ in ("NOUN", "PROPN", "ADJ")


def usable_single_token(token: Any) -> bool:
    """A one-word candidate must not be a modal "May", a verb "march", or a lower-case "sun"."""
    if token.lower_ in ("may", "march") and (token.tag_ == "MD" or token.pos_ == "VERB" or not token.is_title):
        return False
    return True


#: Time words that are also surnames ("Timothy Weeks", "Theresa May", "Kevin March").
_SURNAME_TIME_WORDS = frozenset({"weeks", "days", "months", "years", "may", "march", "june", "april", "august",
                                 "winter", "summer"})


def person_tokens(doc: Doc) -> set[int]:
    """Indices of tokens inside spaCy's PERSON entities: a date pattern hit there is part of a name."""
    return {i for ent in doc.ents if ent.label_ == "PERSON" for i in range(ent.start, ent.end)}


def surname_like(doc: Doc, start: int, end: int) -> bool:
    """A capitalised time word right after a capitalised given name the recognizer did not tag."""
    if end - start != 1 or start == 0:
        return False
    token, before = doc[start], doc[start - 1]
    return (token.is_title and token.lower_ in _SURNAME_TIME_WORDS and not token.is_sent_start
            and before.is_title and before.pos_ == "PROPN" and before.ent_type_ in ("PERSON", ""))


def trim(doc: Doc, start: int, end: int, rules: Rules) -> tuple[int, int] | None:
    """Drop prepositions, conjunctions, punctuation and possessives at the edges of a range."""
    while start < end:
        step = _leading_junk(doc, start, end, rules)
        if not step:
            break
        start += step
    while end > start and (doc[end - 1].lower_ in rules.strip_trailing or doc[end - 1].is_space
                           or doc[end - 1].is_punct):
        end -= 1
    return (start, end) if end > start else None


def _leading_junk(doc: Doc, start: int, end: int, rules: Rules) -> int:
    """How many tokens at `start` are not part of the expression ("as early as", "on", "the" Aug. 7)."""
    words = tuple(t.lower_ for t in doc[start:min(end, start + 4)])
    if any(words[:len(p)] == p for p in rules.keep_leading_phrases):
        return 0  # "at least 30 days", "as soon as possible"
    phrase = next((p for p in rules.strip_leading_phrases if words[:len(p)] == p and len(p) < end - start), None)
    if phrase:
        return len(phrase)
    token = doc[start]
    if token.lower_ in rules.strip_leading or token.is_punct or token.is_space:
        return 1
    if start + 1 < end and token.lower_ == "the":
        following = doc[start + 1]
        if following.lower_ in rules.strip_leading_the_before or _adjectival_compound(doc, start + 1, end):
            return 1  # "the Aug. 7 meeting", "the third-quarter loss", "the the end"
    if start + 1 < end and token.lower_ in ("a", "an"):
        following = doc[start + 1]
        if following.lower_ in rules.strip_article_before or (following.like_num and len(following) == 4):
            return 1  # "a fourth-quarter charge", "an Aug. 10, 1988, stock purchase", "a 20th century democrat"
    return 0


def rejected(text: str, rules: Rules) -> bool:
    """Ages ("6-year-old"), bare numbers and anaphora ("that day") are not dates to us."""
    lowered = text.lower()
    return any(p.search(lowered) for p in rules.reject)
