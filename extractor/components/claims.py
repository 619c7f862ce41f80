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
from ..normalize.quantities import find_quantities
from ..resources import model_path

MODEL_FILE = "claims_model.json"
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
    feats.update(f"e={ent.label_}" for ent in span.ents)
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
