"""Candidate mentions: spaCy's NER spans merged with the rule and gazetteer hits.

The rules know more than the small model in a few places (an outlet after "newspaper", a place
before "city council", a gazetteer organisation), so where they overlap spaCy's spans they win;
see :func:`_resolve_overlaps` for how a longer spaCy span is kept, split or dropped.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span

from ...normalize import countries
from .base import DocFacts, Lexicons, Mention, NER_TYPES, norm_key, POSSESSIVES, _in_boilerplate, _is_capitalised, _overlaps, _trimmed


def _ner_mention(doc: Doc, ent: Span) -> Mention | None:
    """A candidate from spaCy's NER, for the labels this stage maps, outside boilerplate."""
    if ent.label_ not in NER_TYPES or _in_boilerplate(doc, ent.start, ent.end):
        return None
    return Mention(ent.start, ent.end, type=NER_TYPES[ent.label_], label=ent.label_, source="ner")


def _resolve_overlaps(doc: Doc, ner: list[Mention], strong: list[Mention], facts: DocFacts) -> list[Mention]:
    """Merge gazetteer/rule mentions with spaCy's, the rules winning where they disagree.

    A rule mention strictly inside a longer NER mention of the same type leaves the NER mention
    alone ("UN Human Rights Council" around "Human Rights Council"), unless the extra words are
    a name spaCy tags PERSON elsewhere ("the Washington Post Trump said"); inside one of a
    different type it splits it ("Novaya Gazeta Elena Milashina" tagged PERSON -> ORG +
    PERSON); any other overlap drops the NER mention ("the Organization For Security And
    Co-operation" + "Europe" give way to the whole expansion of "(OSCE)").
    """
    strong = [m for m in (_trimmed(doc, m) for m in strong) if m]
    kept_strong: list[Mention] = []
    # Longest first; of two rules claiming the same words, the one that knows more (an
    # acronym defined in the text) wins over a plain gazetteer hit.
    for m in sorted(strong, key=lambda m: (-(m.end - m.start), m.start, m.expands is None)):
        if not any(_overlaps(m, k) for k in kept_strong):
            kept_strong.append(m)
    out: list[Mention] = []
    for raw in ner:
        cand = _trimmed(doc, raw)
        if cand is None:
            continue
        inside = [s for s in kept_strong if _overlaps(s, cand)]
        if not inside:
            out.append(cand)
            continue
        contained = all(cand.start <= s.start and s.end <= cand.end for s in inside)
        if contained and (cand.end - cand.start) > max(s.end - s.start for s in inside):
            if all(s.type == cand.type for s in inside) and not _rest_is_person(doc, cand, inside, facts.person_words):
                kept_strong = [s for s in kept_strong if s not in inside]
                out.append(cand)
            elif all(s.type == cand.type for s in inside):
                out.extend(replace(p, type="PERSON", label="PERSON") for p in _split_around(doc, cand, inside))
            else:
                out.extend(_split_around(doc, cand, inside))
    return out + kept_strong


def _rest_is_person(doc: Doc, cand: Mention, inner: list[Mention], person_words: frozenset[str]) -> bool:
    """Are the words of ``cand`` outside ``inner`` all words of names spaCy tags PERSON elsewhere?"""
    rest = [t for t in cand.span(doc) if not any(s.start <= t.i < s.end for s in inner) and not t.is_punct and t.lower_ != "the"]
    return bool(rest) and all(norm_key(t.text) in person_words for t in rest)


def _split_around(doc: Doc, cand: Mention, inner: list[Mention]) -> list[Mention]:
    """The parts of ``cand`` outside the ``inner`` mentions that still look like names."""
    parts: list[Mention] = []
    pos = cand.start
    for s in sorted(inner, key=lambda m: m.start):
        parts.append(replace(cand, start=pos, end=s.start))
        pos = s.end
    parts.append(replace(cand, start=pos, end=cand.end))
    out = []
    for part in parts:
        trimmed = _trimmed(doc, part)
        if trimmed and any(_is_capitalised(t) for t in trimmed.span(doc)):
            out.append(trimmed)
    return out


def _gap_fill(kept: list[Mention], extra: list[Mention]) -> list[Mention]:
    """Country names spaCy missed, where no other mention claims the words."""
    return [m for m in extra if not any(_overlaps(m, k) for k in kept)]


def _media_cue_mentions(doc: Doc, lex: Lexicons) -> list[Mention]:
    """Names right after a media noun are outlets: "newspaper Novaya Gazeta", "the daily Kommersant"."""
    out: list[Mention] = []
    for tok in doc:
        if not _is_media_noun(doc, tok.i, lex) or tok.i + 1 >= len(doc):
            continue
        start = tok.i + 1
        if doc[start].lower_ == "the":
            start += 1
        end = start
        while end < len(doc) and _name_token(doc, end, start, lex):
            end += 1
        while end > start and doc[end - 1].lower_ in lex.function_words:
            end -= 1
        if end > start and not _in_boilerplate(doc, start, end) and _plausible_outlet(doc[start:end], lex):
            out.append(Mention(start, end, type="ORG", label="ORG", source="media", strong=True))
    return out


def _place_cue_mentions(doc: Doc, lex: Lexicons) -> list[Mention]:
    """Names right before a lowercase place noun are places: "the Riverton city council"."""
    out: list[Mention] = []
    for tok in doc:
        if not tok.is_lower or tok.text not in lex.place_nouns:
            continue
        start = tok.i
        while start > 0 and tok.i - start < 3 and _is_capitalised(doc[start - 1]) and doc[start - 1].pos_ == "PROPN":
            start -= 1
        if start < tok.i and not _in_boilerplate(doc, start, tok.i) and not countries.is_demonym(doc[start:tok.i].text):
            out.append(Mention(start, tok.i, type="LOCATION", label="GPE", source="place", strong=True))
    return out


def _plausible_outlet(span: Span, lex: Lexicons) -> bool:
    """Not a title + name ("the network President Putin formed"), a country, or the subject of
    a relative clause ("a newspaper Russia has financed"), which the noun does not name."""
    if span[0].lower_.rstrip(".") in lex.titles or countries.lookup(span.text):
        return False
    root = span.root
    return not (root.dep_ in {"nsubj", "nsubjpass"} and root.head.dep_ == "relcl")


def _is_media_noun(doc: Doc, i: int, lex: Lexicons) -> bool:
    """"newspaper", "daily", "news site", "TV channel": lowercase only, since "LGBT Network" is a name."""
    tok = doc[i]
    if tok.text in lex.media_nouns:
        return True
    prev = doc[i - 1].lower_ if i > 0 else ""
    return tok.text in lex.media_after_news and prev in lex.media_after_news_prefixes


def _name_token(doc: Doc, i: int, start: int, lex: Lexicons) -> bool:
    """Can token ``i`` continue a name that began at ``start``? (capitalised, or a small inner word)"""
    tok = doc[i]
    if tok.ent_type_ in {"DATE", "TIME"} or (i > start and tok.is_sent_start):
        return False
    if _is_capitalised(tok) and tok.text not in POSSESSIVES:
        return True
    return i > start and tok.lower_ in lex.function_words and i + 1 < len(doc) and _is_capitalised(doc[i + 1])
