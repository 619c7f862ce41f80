"""Output: the ``records.Entity`` dicts, the mention spans, doc.ents, and the linking helpers
later stages (quotes, claims) use to tie a stretch of text to an entity.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ...normalize import countries
from .base import Cluster, Lexicons, Mention, OWNED_LABELS, _words
from .clustering import person_words


def build_entities(doc: Doc, clusters: list[Cluster], lex: Lexicons) -> tuple[list[dict], list[Span]]:
    """The ``records.Entity`` dicts (E1, E2, ... by first mention) and the labelled mention spans."""
    entities: list[dict] = []
    spans: list[Span] = []
    for n, cluster in enumerate(clusters, start=1):
        mentions = []
        for m in sorted(cluster.mentions, key=lambda m: (m.start, m.end)):
            span = m.span(doc)
            mentions.append({"start": span.start_char, "end": span.end_char, "text": span.text})
            spans.append(Span(doc, m.start, m.end, label=cluster.type))
        entities.append(
            {
                "id": f"E{n}",
                "type": cluster.type,
                "name": canonical_name(doc, cluster, lex),
                "country_code": cluster.code if cluster.type == "COUNTRY" else None,
                "mentions": mentions,
            }
        )
    return entities, sorted(spans, key=lambda s: (s.start, s.end))


def canonical_name(doc: Doc, cluster: Cluster, lex: Lexicons) -> str:
    """The name a reader expects: a country's common name; otherwise the fullest mention.

    Among equally long mentions the capitalised, earliest one wins; an organisation written in
    Title Case gets its small words in lower case ("Organization for Security and Co-operation
    in Europe").
    """
    if cluster.type == "COUNTRY" and cluster.code:
        return countries.country_name(cluster.code) or cluster.mentions[0].span(doc).text
    best = max(
        cluster.mentions,
        key=lambda m: (_spelled_out(m.span(doc).text) if cluster.type == "PERSON" else 0, len(_words(m.span(doc))),
                       len(m.span(doc).text), sum(t.text[:1].isupper() for t in m.span(doc)), -m.start),
    )
    name = " ".join(best.span(doc).text.split())
    return _tidy_org_name(name, lex) if cluster.type == "ORG" else name


def _spelled_out(name: str) -> int:
    """Words of a person's name longer than an initial: "Benjamin Nzeribe" names the person
    better than "B. U. Nzeribe", which has more words."""
    return sum(len(w) > 1 for w in person_words(name))


def _tidy_org_name(name: str, lex: Lexicons) -> str:
    words = name.split(" ")
    if len(words) < 3:
        return name
    small = [w.lower() if w.lower() in lex.function_words and w[:1].isupper() and not w.isupper() else w for w in words[1:]]
    return " ".join([words[0], *small])


def _reset_ents(doc: Doc, clusters: list[Cluster]) -> None:
    """doc.ents with this stage's corrections; spans with labels it does not own are kept.

    spaCy's own PERSON/ORG/GPE/LOC/FAC spans are replaced by the corrected mentions, so the
    ones the rules rejected (a hashtag, "Justice" in "Justice Minister", boilerplate) are gone.
    Nested country mentions ("US" inside "US State Department") give way to the longer span.
    """
    ours = [Span(doc, m.start, m.end, label=_ent_label(c, m)) for c in clusters for m in c.mentions]
    kept = [e for e in doc.ents if e.label_ not in OWNED_LABELS and not any(e.start < s.end and s.start < e.end for s in ours)]
    doc.set_ents(filter_spans(ours + kept), default="outside")


def _ent_label(cluster: Cluster, m: Mention) -> str:
    if cluster.type == "COUNTRY":
        return "GPE"
    if cluster.type == "LOCATION":
        return m.label if m.label in {"GPE", "LOC", "FAC"} else "GPE"
    return cluster.type


def entity_for_char_span(doc: Doc, start: int, end: int) -> dict | None:
    """The entity (a ``doc._.entities`` dict) whose mention best covers [start, end), or None.

    Quotes and claims use it to link a speaker's words ("Bragason", "Igor Kochetkov from the
    Russian LGBT Network") to an entity: the mention with the largest overlap wins, ties going
    to the mention closest in length to the range.
    """
    best: tuple[tuple[int, int], dict] | None = None
    for entity in doc._.entities or []:
        for mention in entity["mentions"]:
            overlap = min(end, mention["end"]) - max(start, mention["start"])
            if overlap <= 0 and not (start == end and mention["start"] <= start < mention["end"]):
                continue
            score = (max(overlap, 0), -abs((mention["end"] - mention["start"]) - (end - start)))
            if best is None or score > best[0]:
                best = (score, entity)
    return best[1] if best else None


def iter_mentions(doc: Doc) -> Iterator[tuple[dict, dict]]:
    """(entity, mention) pairs in text order: handy for stages that walk the text."""
    pairs = [(e, m) for e in doc._.entities or [] for m in e["mentions"]]
    yield from sorted(pairs, key=lambda p: p[1]["start"])
