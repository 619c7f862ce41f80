"""Page furniture: paragraphs an HTML extractor keeps that are not the article.

Related-story lists, sidebar headlines, "Like this story? Share it", newsletter boxes, company
boilerplate at the foot of a press release: the sign-up patterns of models/boilerplate.json catch
the fixed phrasings, but most furniture is headlines and teasers that no pattern describes. This
module scores each paragraph with a logistic model trained on real pages (../shared/news, whose
`articleBody` says which paragraphs are the article; `make train-furniture`, scripts/
train_furniture.py, leave-one-page-out cross-validation). The features are the paragraph's
words and its shape (length, final punctuation, capitals, list marks, place on the page).

A paragraph is marked only when the model is confident (``threshold`` in the model file, set in
training for high precision): hiding real article text costs more than keeping a teaser.
"""

from __future__ import annotations

import math
import re
from functools import cache

from .resources import load_json

_WORD = re.compile(r"[^\W\d_]+|\d+")
_END = re.compile(r"[.!?…\"”’')\]]\s*$")


def _bucket(value: int, edges: tuple[int, ...]) -> int:
    return sum(value > edge for edge in edges)


def features(paragraph: str, index: int, count: int) -> list[str]:
    """The paragraph's feature names (binary features; the model holds one weight per name)."""
    words = _WORD.findall(paragraph)
    lower = [w.lower() for w in words]
    alpha = [w for w in words if w[0].isalpha()]
    names = [f"w={w}" for w in set(lower)]
    names += [f"b={a}_{b}" for a, b in set(zip(lower, lower[1:]))]
    names.append(f"len={_bucket(len(words), (3, 8, 15, 30, 60))}")
    names.append(f"end={'stop' if _END.search(paragraph) else 'open'}")
    if alpha:
        capitalised = sum(1 for w in alpha if w[0].isupper()) / len(alpha)
        names.append(f"caps={_bucket(int(capitalised * 10), (3, 6, 8))}")
        if paragraph.upper() == paragraph and len(alpha) > 2:
            names.append("shouting")
    first = paragraph.lstrip()[:1]
    if first in "-•*–—·►»|[":
        names.append(f"starts={first}")
    if "http" in paragraph or "www." in paragraph:
        names.append("link")
    if "@" in paragraph:
        names.append("at")
    names.append(f"pos={'first' if index == 0 else 'last' if index == count - 1 else 'tail' if index >= count - 3 else 'body'}")
    return names


@cache
def _model() -> tuple[dict[str, float], float, float]:
    data = load_json("furniture_model.json")
    return data["weights"], float(data["bias"]), float(data["threshold"])


def probability(paragraph: str, index: int, count: int) -> float:
    """The model's probability that the paragraph is furniture."""
    weights, bias, _ = _model()
    score = bias + sum(weights.get(name, 0.0) for name in features(paragraph, index, count))
    return 1.0 / (1.0 + math.exp(-score))


def is_furniture(paragraph: str, index: int, count: int) -> bool:
    return probability(paragraph, index, count) >= _model()[2]
