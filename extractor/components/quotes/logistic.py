"""Applying a binary-feature logistic model (the format scripts/binary_logistic.py exports), shared
by the quote judgement (``scoring``) and the speaker ranker (``ranker``)."""

from __future__ import annotations

import math


def probability(model: dict, names: list[str]) -> float:
    """The model's probability given the names of the features that fire."""
    weights = model["weights"]
    score = model["bias"] + sum(weights.get(n, 0.0) for n in names)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))
