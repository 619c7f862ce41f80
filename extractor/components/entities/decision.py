"""The learned decision over each candidate mention: keep it, retype it, or drop it.

Rules alone made products PERSON or ORG, websites places and a team's nickname a person, and
every new rule fixed one case while breaking another. A multinomial logistic model over the
features of :mod:`.features` decides instead. It is trained by ``make train-entities``
(scripts/train_entities.py) on CoNLL-2003 train and the real-news gold pages (cross-fitted by
page for its figures), its settings chosen on CoNLL dev, and shipped
as JSON weights (``models/entity_model.json``) applied here in plain Python, so scikit-learn
stays a development tool.

Classes: DROP, PERSON, ORG, LOCATION. A LOCATION that is a country (by its code from the rules
or the country table) becomes COUNTRY, as CoNLL's LOC covers both.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, replace
from pathlib import Path

from spacy.tokens import Doc

from ...normalize import countries
from .base import DocFacts, Mention, norm_key
from .features import DocContext, features
from .speaking import speaker_role

MODEL_FILE = "entity_model.json"
CLASSES = ("DROP", "PERSON", "ORG", "LOCATION")
#: Mentions the model does not judge: a country nested in a body's name ("US" in "US State
#: Department") is a link for clustering, not a span CoNLL or the news gold would mark.
KEPT_SOURCES = frozenset({"nested"})
#: Rule types a speaking name keeps (see :func:`choose`).
SPEAKER_TYPES = frozenset({"PERSON", "ORG"})


@dataclass(frozen=True)
class EntityModel:
    """Weights per feature (one per class), and whether mentions of one string share one decision."""

    classes: tuple[str, ...]
    weights: dict[str, list[float]]
    aggregate: bool = True
    drop_threshold: float = 0.5  # a mention the rules typed is dropped only this surely
    #: Domain-augmented weights: besides each feature's shared weight, a news-only copy
    #: ("news|" + feature) learned from the real-news pages, so habits of Reuters' 1996 sports
    #: tables ("Grant -" in a results line is no name) stay in CoNLL's own copy.
    domain: str = ""

    @classmethod
    def load(cls, path: Path) -> EntityModel:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(tuple(data["classes"]), {k: list(v) for k, v in data["weights"].items()},
                   bool(data.get("aggregate", True)), float(data.get("drop_threshold", 0.5)), str(data.get("domain", "")))

    def probabilities(self, feats: list[str]) -> list[float]:
        scores = [0.0] * len(self.classes)
        names = [*feats, *(f"{self.domain}|{f}" for f in feats)] if self.domain else feats
        for name in names:
            w = self.weights.get(name)
            if w is not None:
                for i, x in enumerate(w):
                    scores[i] += x
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return [e / total for e in exps]


def decide(doc: Doc, candidates: list[Mention], model: EntityModel, facts: DocFacts) -> list[Mention]:
    """The candidates the model keeps, each with the type it gives them."""
    ctx = DocContext.of(doc, candidates)
    probs = [model.probabilities(features(doc, m, ctx, facts)) for m in candidates]
    if model.aggregate:
        probs = _shared_by_string(doc, candidates, probs)
    fixed = [m.source in KEPT_SOURCES or table_country(m) for m in candidates]
    kinds = [m.type if keep else choose(model, p, m.type != "NONE", speaks=protected(doc, m))
             for m, p, keep in zip(candidates, probs, fixed)]
    keys = [norm_key(m.span(doc).text) for m in candidates]
    kinds = one_type_per_string(model, keys, kinds, probs, fixed)
    return [m if keep else retype(doc, m, kind) for m, kind, keep in zip(candidates, kinds, fixed) if kind != "DROP"]


def one_type_per_string(model: EntityModel, keys: list[str], kinds: list[str], probs: list[list[float]],
                        fixed: list[bool]) -> list[str]:
    """Mentions of one string that the model keeps get one type per article: the type with the
    most probability summed over them. A reader gives "Igor Kochetkov" one meaning throughout a
    story; deciding each mention alone made him a person once and an organisation once (two
    entities). Only the type is shared: whether to keep each mention stays its own decision."""
    groups: dict[str, list[int]] = {}
    for i, (key, kind, keep) in enumerate(zip(keys, kinds, fixed)):
        if kind != "DROP" and not keep:
            groups.setdefault(key, []).append(i)
    out = list(kinds)
    types = [i for i, c in enumerate(model.classes) if c != "DROP"]
    for idx in groups.values():
        if len({kinds[i] for i in idx}) > 1:
            best = max(types, key=lambda k: sum(probs[i][k] for i in idx))
            for i in idx:
                out[i] = model.classes[best]
    return out


def protected(doc: Doc, m: Mention) -> bool:
    """A mention the model may retype but not drop: a person or organisation that speaks."""
    return m.type in SPEAKER_TYPES and speaker_role(m.span(doc)) is not None


def table_country(m: Mention) -> bool:
    """A country the rules found by its code: kept as it is. In a list of members ("Canada,
    France, ... the Netherlands") the model made some ORG, as CoNLL's results tables of national
    teams taught it; a country is a country on news pages far more often than a team."""
    return m.type == "COUNTRY" and m.code is not None


def choose(model: EntityModel, p: list[float], typed_by_rules: bool, speaks: bool = False) -> str:
    """The class to apply: the likeliest, except that a mention the rules typed is dropped only
    when DROP is at least ``drop_threshold`` likely (else it gets its likeliest type), and never
    when it names someone who speaks ("the Anti-Defamation League ... said", "Mr. Grant -
    ... - declared"): a quote's speaker links to it, and whoever says something is a person or
    an organisation on any page, however unlike a name the words around it look."""
    best = max(range(len(p)), key=p.__getitem__)
    if typed_by_rules and model.classes[best] == "DROP" and (speaks or p[best] < model.drop_threshold):
        best = max((i for i, c in enumerate(model.classes) if c != "DROP"), key=p.__getitem__)
    return model.classes[best]


def _shared_by_string(doc: Doc, candidates: list[Mention], probs: list[list[float]]) -> list[list[float]]:
    """One decision per string per article: the mean of its mentions' probabilities.

    A reader gives "Sabres" one meaning throughout a story; averaging lets the clear mentions
    ("the Sabres beat ...") carry the unclear ones (a headline in capitals).
    """
    groups: dict[str, list[int]] = {}
    for i, m in enumerate(candidates):
        groups.setdefault(norm_key(m.span(doc).text), []).append(i)
    out = list(probs)
    for idx in groups.values():
        if len(idx) > 1:
            mean = [sum(probs[i][k] for i in idx) / len(idx) for k in range(len(probs[idx[0]]))]
            for i in idx:
                out[i] = mean
    return out


def retype(doc: Doc, m: Mention, kind: str) -> Mention:
    """The mention with the model's type, its spaCy label and, for a country, its code."""
    if kind == "LOCATION":
        code = m.code
        if code is None and (found := countries.lookup(m.span(doc).text)):
            code = found.code
        if code:
            return replace(m, type="COUNTRY", label="GPE", code=code, generic=False, head_of=None)
        label = m.label if m.label in {"GPE", "LOC", "FAC"} else "GPE"
        return replace(m, type="LOCATION", label=label, code=None, generic=False, head_of=None)
    if kind == m.type:
        return m
    return replace(m, type=kind, label=kind, code=None, generic=False, head_of=None)
