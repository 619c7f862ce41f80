"""The claims stage: check-worthy statements with their claimant, quantities, entities and dates.

Fact-checkers want the few sentences that assert something checkable (a number, a comparison,
a cause, a record, a reported fact), ranked, not every sentence. Each sentence outside the
title and boilerplate gets a check-worthiness score from a small linear model over the parse
(words, word pairs, part-of-speech tags, entity labels, numbers; trained by
``scripts/train_claims.py`` and shipped as plain JSON in ``models/claims_model.json``), then
rules that the training data cannot teach: questions, very short sentences and sentences with
no verb are not claims. Sentences scoring at least the model's threshold become claims.

The claim is the sentence, narrowed to the quote content when the sentence carries a quote (the
claimant is then the quote's speaker, with its ``quote_id``), or attributed to the source of
"according to X". Otherwise the claimant is null: the article itself asserts it.

The model is evaluated with ``extractor eval checkthat`` and ``extractor eval claimbuster``.
Scoring is a dictionary look-up per feature, so the stage costs well under a millisecond per
sentence and needs neither scikit-learn nor any download at run time.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .. import extensions
from ..normalize.quantities import Found, find_quantities
from ..resources import model_path
from ..spans import strip_span

MODEL_FILE = "claims_model.json"
LEXICON_FILE = "claims_lexicon.json"
_COMPARATIVE_TAGS = {"JJR", "JJS", "RBR", "RBS"}
_FIRST_PERSON = {"i", "we"}
#: Fewer alphabetic words than this is a fragment ("Thank you.", "Yes, sir."), never a claim.
MIN_WORDS = 4
#: A quote must cover this many words of the sentence to become the claim text.
MIN_QUOTE_WORDS = 4
#: Date types whose numbers are not quantities (a duration such as "three years" still counts).
_DATE_TYPES_NOT_QUANTITIES = {"DATE", "TIME", "SET"}
_LENGTH_BUCKETS = (6, 10, 15, 22, 30, 45)


# --- features -------------------------------------------------------------------------------


def _word(token: Token) -> str:
    """The token as a feature word: numbers by shape, so "114" and "92" share their weight."""
    if token.like_num and any(c.isdigit() for c in token.text):
        return "<num>"
    return token.lower_


def _content_tokens(span: Span) -> list[Token]:
    return [t for t in span if not t.is_space and not (t.is_punct and t.text not in {"?", "%", "$"})]


def sentence_features(span: Span) -> list[str]:
    """The features the claim model scores: used identically at training and at run time.

    Words and word pairs carry the topic and the hedges ("I think", "we will"); tags carry
    tense and modality (past-tense facts vs. future promises); entity labels and numbers carry
    the checkable specifics. Features are binary; the list has no duplicates.
    """
    tokens = _content_tokens(span)
    words = [_word(t) for t in tokens]
    tags = [t.tag_ for t in tokens]
    feats: set[str] = {f"w={w}" for w in words}
    feats.update(f"b={a}_{b}" for a, b in zip(["<s>", *words], [*words, "</s>"]))
    feats.update(f"t={t}" for t in tags)
    feats.update(f"tt={a}_{b}" for a, b in zip(tags, tags[1:]))
    # Entity labels from the tokens: Span.ents walks the whole doc's entities on every call.
    feats.update(f"e={t.ent_type_}" for t in span if t.ent_iob_ == "B")
    feats.update(_syntax_features(span, tokens))
    feats.add(f"len={_bucket(len(tokens))}")
    return sorted(feats)


def _syntax_features(span: Span, tokens: list[Token]) -> Iterator[str]:
    """Who says what: the root verb's lemma and tense, its subject, and modality."""
    roots = [t for t in span if t.dep_ == "ROOT"]
    if roots:
        root = roots[0]
        yield f"root={root.lemma_.lower()}"
        yield f"roottag={root.tag_}"
        for child in root.children:
            if child.dep_ in {"nsubj", "nsubjpass"}:
                subject = child.lower_ if child.pos_ == "PRON" else child.pos_
                yield f"subj={subject}"
            if child.dep_ == "aux" and child.tag_ == "MD":
                yield f"modal={child.lower_}"
            if child.dep_ == "neg":
                yield "neg"
    if tokens and tokens[-1].text == "?":
        yield "question"
    if any(t.like_num and t.ent_type_ not in {"DATE", "TIME", "ORDINAL"} for t in tokens):
        yield "has_number"


def _bucket(n: int) -> str:
    for limit in _LENGTH_BUCKETS:
        if n < limit:
            return f"<{limit}"
    return f">={_LENGTH_BUCKETS[-1]}"


# --- the model ------------------------------------------------------------------------------


@dataclass
class ClaimModel:
    """A logistic regression over binary features, stored as JSON (feature -> weight)."""

    weights: dict[str, float]
    bias: float
    threshold: float = 0.5
    meta: dict = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: dict) -> ClaimModel:
        return cls(weights=dict(data["weights"]), bias=float(data["bias"]),
                   threshold=float(data.get("threshold", 0.5)), meta=dict(data.get("meta", {})))

    @classmethod
    def load(cls, path: str | Path | None = None) -> ClaimModel:
        path = Path(path) if path else model_path(MODEL_FILE)
        return cls.from_dict(json.loads(path.read_text(encoding="utf-8")))

    def to_dict(self) -> dict:
        return {"bias": self.bias, "threshold": self.threshold, "meta": self.meta, "weights": self.weights}

    def score(self, features: Iterable[str]) -> float:
        """Probability that the sentence is a check-worthy claim."""
        z = self.bias + sum(self.weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


# --- the spaCy component --------------------------------------------------------------------


@Language.factory(
    "extractor_claims",
    default_config={"model_path": None, "lexicon_path": None, "threshold": None, "min_words": MIN_WORDS},
)
def make_claims(
    nlp: Language, name: str, model_path: str | None, lexicon_path: str | None, threshold: float | None, min_words: int
) -> ClaimStage:
    return ClaimStage(name, ClaimModel.load(model_path), Lexicon.load(lexicon_path), threshold, min_words)


class ClaimStage:
    """Writes ``doc._.claims`` (dicts shaped like :class:`extractor.records.Claim`); never raises."""

    def __init__(
        self, name: str, model: ClaimModel, lexicon: Lexicon, threshold: float | None = None, min_words: int = MIN_WORDS
    ) -> None:
        self.name = name
        self.model = model
        self.lexicon = lexicon
        self.threshold = model.threshold if threshold is None else float(threshold)
        self.min_words = min_words

    def __call__(self, doc: Doc) -> Doc:
        try:
            doc._.claims = find_claims(doc, self.model, self.lexicon, self.threshold, self.min_words)
        except Exception as exc:  # noqa: BLE001 - a bad article loses its claims, not the batch
            doc._.claims = []
            extensions.add_stage_warning(doc, "claims_failed", exc, "claim detection")
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


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
    """A sentence (or the quoted part of it) that scored as a claim, before ids are assigned."""

    start: int
    end: int
    score: float
    claimant: dict | None
    quote_id: str | None
    quantities: tuple[Found, ...] = ()
    direct_quote: bool = False


def score_sentences(doc: Doc, model: ClaimModel, min_words: int = MIN_WORDS) -> list[tuple[Span, float]]:
    """Every sentence eligible to be a claim with its check-worthiness (eval code ranks these)."""
    out = []
    text = doc.text  # Doc.text joins every token on each access: read it once
    for sent in doc.sents:
        start, end = strip_span(text, sent.start_char, sent.end_char)
        if end <= start or _excluded(doc, start, end) or not _is_statement(sent, min_words):
            continue
        out.append((sent, model.score(sentence_features(sent))))
    return out


def find_claims(doc: Doc, model: ClaimModel, lexicon: Lexicon, threshold: float, min_words: int = MIN_WORDS) -> list[dict]:
    """The claims of one doc in text order, as records.Claim dicts.

    A sentence scoring at least ``threshold`` is a claim unless it reports procedure or an
    event with nothing checkable in it, or it is a direct quote with nothing checkable in it.
    Restatements are kept: CheckThat! labels every occurrence of a repeated claim, and
    dropping later ones cost 0.01 MAP there.
    """
    quotes = list(doc._.quotes or [])
    text = doc.text  # Doc.text joins every token on each access: read it once
    kept: list[Candidate] = []
    for sent, score in score_sentences(doc, model, min_words):
        if score < threshold:
            continue
        cand = _candidate(doc, text, sent, score, quotes)
        span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
        if span is None:
            continue
        if cand.quote_id is None and _is_procedural(sent, cand.quantities, lexicon):
            continue
        if cand.direct_quote and not _quote_is_checkable(span, cand.quantities, lexicon):
            continue
        kept.append(cand)
    kept.sort(key=lambda c: (c.start, c.end))
    return [_as_record(doc, text, f"C{i}", c) for i, c in enumerate(kept, start=1)]


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


def _is_procedural(sent: Span, quantities: tuple[Found, ...], lexicon: Lexicon) -> bool:
    """"X held a press conference", "Y explained the support": events and talk, not facts."""
    roots = [t for t in sent if t.dep_ == "ROOT"]
    if not roots or roots[0].lemma_.lower() not in lexicon.procedural_verbs:
        return False
    return not quantities and not _has_comparison(sent)


def _quote_is_checkable(span: Span, quantities: tuple[Found, ...], lexicon: Lexicon) -> bool:
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


def _excluded(doc: Doc, start: int, end: int) -> bool:
    """The headline and boilerplate (sign-up lines, hashtags) are never claims."""
    title = doc._.title
    if title and start < title[1] and title[0] < end:
        return True
    return extensions.in_boilerplate(doc, start, end)


def _is_statement(sent: Span, min_words: int) -> bool:
    """A full declarative sentence: enough words, a verb, and not a question."""
    words = [t for t in sent if t.is_alpha or t.like_num]
    if len(words) < min_words:
        return False
    if not any(t.pos_ in {"VERB", "AUX"} for t in sent):
        return False
    last = [t for t in sent if not t.is_space and t.text not in {'"', "”", "’", "'", ")"}]
    return not (last and last[-1].text == "?")


def _candidate(doc: Doc, text: str, sent: Span, score: float, quotes: list[dict]) -> Candidate:
    """The claim for a sentence: its quoted part when it carries a quote, else the sentence."""
    start, end = strip_span(text, sent.start_char, sent.end_char)
    quote, q_start, q_end = _best_quote(text, start, end, quotes)
    if quote is not None:
        speaker = quote.get("speaker")
        claimant = {"entity_id": speaker.get("entity_id"), "name": speaker.get("name")} if speaker else None
        quantities = _quantities(doc, q_start, q_end)
        return Candidate(q_start, q_end, score, claimant, quote["id"], quantities, quote.get("type") == "direct")
    return Candidate(start, end, score, _according_to(doc, sent), None, _quantities(doc, start, end))


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


def _as_record(doc: Doc, text: str, claim_id: str, cand: Candidate) -> dict:
    """The records.Claim dict: offsets, score, claimant, and what the claim mentions."""
    dates = [d for d in (doc._.dates or []) if _overlaps(cand.start, cand.end, d["start"], d["end"])]
    return {
        "id": claim_id,
        "text": text[cand.start : cand.end],
        "start": cand.start,
        "end": cand.end,
        "checkworthiness": round(cand.score, 3),
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
