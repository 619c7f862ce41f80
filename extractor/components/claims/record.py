"""A scored unit as a claim record: its span, claimant, kind, quantities, entities and dates.

The claim is the sentence, narrowed to the quote content when the sentence carries a quote (the
claimant is then the quote's speaker, with its ``quote_id``), attributed to the source of
"according to X", or in a transcript to the line's speaker. Otherwise the claimant is null: the
article itself asserts it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc, Span

from ...normalize.quantities import Found, find_quantities
from ...resources import model_path
from ...spans import strip_span

LEXICON_FILE = "claims_lexicon.json"
_COMPARATIVE_TAGS = {"JJR", "JJS", "RBR", "RBS"}
_FIRST_PERSON = {"i", "we"}
#: A quote must cover this many words of the sentence to become the claim text.
MIN_QUOTE_WORDS = 4
#: Date types whose numbers are not quantities (a duration such as "three years" still counts).
_DATE_TYPES_NOT_QUANTITIES = {"DATE", "TIME", "SET"}
KINDS = ("statistic", "comparison", "superlative", "causal", "prediction", "quoted", "assertion")


@dataclass(frozen=True)
class Lexicon:
    """Word lists for the rules the training data cannot teach (``models/claims_lexicon.json``)."""

    procedural_verbs: frozenset[str]
    cause_words: frozenset[str]
    evidential_verbs: frozenset[str]
    record_words: frozenset[str]

    @classmethod
    def load(cls, path: str | Path | None = None) -> Lexicon:
        data = json.loads((Path(path) if path else model_path(LEXICON_FILE)).read_text(encoding="utf-8"))
        return cls(*(frozenset(data[key]) for key in ("procedural_verbs", "cause_words", "evidential_verbs", "record_words")))


@dataclass(frozen=True)
class Candidate:
    """A unit (or the quoted part of it) that scored as a claim, before ids are assigned."""

    start: int
    end: int
    score: float
    claimant: dict | None
    quote_id: str | None
    quantities: tuple[Found, ...] = ()
    direct_quote: bool = False


def _quantities(doc: Doc, start: int, end: int) -> tuple[Found, ...]:
    """Numbers in [start, end) that are not part of a date (the dates stage reports those)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return ()
    skip = [(d["start"], d["end"]) for d in (doc._.dates or [])
            if d.get("type") in _DATE_TYPES_NOT_QUANTITIES and _overlaps(start, end, d["start"], d["end"])]
    return tuple(q for q in find_quantities(span, skip) if start <= q.start and q.end <= end)


def _has_comparison(span: Span) -> bool:
    return any(t.tag_ in _COMPARATIVE_TAGS for t in span)


def is_procedural(sent: Span, quantities: tuple[Found, ...], lexicon: Lexicon) -> bool:
    """"X held a press conference", "Y explained the support": events and talk, not facts."""
    roots = [t for t in sent if t.dep_ == "ROOT"]
    if not roots or roots[0].lemma_.lower() not in lexicon.procedural_verbs:
        return False
    return not quantities and not _has_comparison(sent)


def quote_is_checkable(span: Span, quantities: tuple[Found, ...], lexicon: Lexicon) -> bool:
    """A direct quote is a claim only with something checkable in it.

    Reported speech ("X said that ...") is a reported assertion and stays a claim, but direct
    quotes in news mostly carry positions ("we encourage the mission"), opinions and procedure
    ("we informed the council"); a number, comparison, cause, record or finding makes one
    checkable. First-person statements are the speaker's own actions: only a number makes
    them worth checking.
    """
    if quantities:
        return True
    if _first_person_subject(span):
        return False
    for token in span:
        low, lemma = token.lower_, token.lemma_.lower()
        if token.tag_ in _COMPARATIVE_TAGS or low in lexicon.cause_words or low in lexicon.record_words:
            return True
        if token.pos_ == "VERB" and lemma in lexicon.evidential_verbs:
            return True
    return False


def _first_person_subject(span: Span) -> bool:
    roots = [t for t in span if t.dep_ == "ROOT" or t.head.i < span.start or t.head.i >= span.end]
    for root in roots[:1]:
        if any(c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ in _FIRST_PERSON for c in root.children):
            return True
    return False


def candidate(doc: Doc, text: str, span: Span, start: int, end: int, score: float, quotes: list[dict],
              speaker: str | None = None) -> Candidate:
    """The claim for a unit: its quoted part when it carries a quote, else the unit itself.

    In a transcript the line's speaker is the claimant (a quote inside a line is the speaker
    quoting someone, still the speaker's claim).
    """
    if speaker is not None:
        entity = _entity_named(doc, speaker)
        claimant = {"entity_id": entity["id"] if entity else None, "name": speaker}
        return Candidate(start, end, score, claimant, None, _quantities(doc, start, end))
    quote, q_start, q_end = _best_quote(text, start, end, quotes)
    if quote is not None:
        who = quote.get("speaker")
        claimant = {"entity_id": who.get("entity_id"), "name": who.get("name")} if who else None
        quantities = _quantities(doc, q_start, q_end)
        return Candidate(q_start, q_end, score, claimant, quote["id"], quantities, quote.get("type") == "direct")
    return Candidate(start, end, score, _according_to(doc, span), None, _quantities(doc, start, end))


def _entity_named(doc: Doc, name: str) -> dict | None:
    """The PERSON/ORG entity a transcript label names ("TRUMP", "Donald Trump"), if any."""
    wanted = name.lower().split()
    for entity in doc._.entities or []:
        names = {entity["name"].lower(), *(m["text"].lower() for m in entity["mentions"])}
        if entity["type"] in {"PERSON", "ORG"} and (" ".join(wanted) in names or wanted[-1:] in [n.split()[-1:] for n in names]):
            return entity
    return None


def claim_kind(span: Span, cand: Candidate, lexicon: Lexicon) -> str:
    """What makes the claim checkable, most specific first.

    statistic (a quantity), superlative (a record, "the most", "-est"), comparison ("more
    than", "-er"), causal ("because", "led to"), prediction (a promise or forecast: will,
    going to), quoted (someone's assertion in quotes), else assertion.
    """
    if cand.quantities:
        return "statistic"
    tags = {t.tag_ for t in span}
    lowers = {t.lower_ for t in span}
    if tags & {"JJS", "RBS"} or lowers & lexicon.record_words:
        return "superlative"
    if tags & {"JJR", "RBR"}:
        return "comparison"
    if lowers & lexicon.cause_words or "because" in lowers:
        return "causal"
    if any(t.lower_ in {"will", "'ll", "shall"} and t.tag_ == "MD" for t in span) or "going to" in span.text.lower():
        return "prediction"
    if cand.quote_id is not None:
        return "quoted"
    return "assertion"


def _best_quote(text: str, start: int, end: int, quotes: list[dict]) -> tuple[dict | None, int, int]:
    """The quote covering most of the sentence, with the overlap, if it is at least a short clause."""
    best: tuple[dict | None, int, int] = (None, 0, 0)
    best_words = MIN_QUOTE_WORDS - 1
    for quote in quotes:
        if quote["end"] <= start or quote["start"] >= end:
            continue
        for q_start, q_end in quote.get("spans") or [(quote["start"], quote["end"])]:
            lo, hi = strip_span(text, max(start, q_start), min(end, q_end))
            words = len(text[lo:hi].split()) if hi > lo else 0
            if words > best_words:
                best, best_words = (quote, lo, hi), words
    return best


def _according_to(doc: Doc, sent: Span) -> dict | None:
    """The source of "according to X" in the sentence, linked to an entity when X is one."""
    for token in sent[:-2]:
        if token.lower_ != "according" or token.nbor(1).lower_ != "to":
            continue
        objects = [c for c in token.nbor(1).children if c.dep_ == "pobj"]
        if not objects:
            continue
        phrase = doc[objects[0].left_edge.i : objects[0].right_edge.i + 1]
        entity = _entity_in(doc, phrase.start_char, phrase.end_char)
        if entity is not None:
            return {"entity_id": entity["id"], "name": entity["name"]}
        return {"entity_id": None, "name": phrase.text}
    return None


def _entity_in(doc: Doc, start: int, end: int) -> dict | None:
    for entity in doc._.entities or []:
        if any(start <= m["start"] and m["end"] <= end for m in entity["mentions"]):
            return entity
    return None


def _overlaps(start: int, end: int, other_start: int, other_end: int) -> bool:
    return start < other_end and other_start < end


def as_record(doc: Doc, text: str, claim_id: str, cand: Candidate, kind: str, rank: int) -> dict:
    """The records.Claim dict: offsets, score, rank, kind, claimant, and what the claim mentions."""
    dates = [d for d in (doc._.dates or []) if _overlaps(cand.start, cand.end, d["start"], d["end"])]
    return {
        "id": claim_id,
        "text": text[cand.start : cand.end],
        "start": cand.start,
        "end": cand.end,
        "checkworthiness": round(cand.score, 3),
        "rank": rank,
        "kind": kind,
        "claimant": cand.claimant,
        "quote_id": cand.quote_id,
        "quantities": [q.as_dict(text) for q in cand.quantities],
        "entity_ids": _entity_ids(doc, cand.start, cand.end),
        "date_ids": [d["id"] for d in dates],
    }


def _entity_ids(doc: Doc, start: int, end: int) -> list[str]:
    """Entities mentioned in the claim, in order of their first mention inside it."""
    firsts = []
    for entity in doc._.entities or []:
        inside = [m["start"] for m in entity["mentions"] if _overlaps(start, end, m["start"], m["end"])]
        if inside:
            firsts.append((min(inside), entity["id"]))
    return [entity_id for _, entity_id in sorted(firsts)]
