"""Logistic regression over binary feature names, as the training scripts use it.

Shared by scripts/train_furniture.py and scripts/train_quotes.py: rows are lists of feature names
(the runtime modules' ``features`` functions), and the fitted weights are exported as
``{"bias", "weights": {name: weight}}``, which the runtime applies in plain Python (scikit-learn is
a development dependency only). liblinear with a fixed seed keeps retraining deterministic.
"""

from __future__ import annotations

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression


def _int32(x):
    """liblinear takes 32-bit sparse indices only."""
    x = x.tocsr()
    x.indices = x.indices.astype(np.int32)
    x.indptr = x.indptr.astype(np.int32)
    return x


def fit(rows: list[list[str]], labels: list[int], c: float, max_iter: int = 1000):
    vectorizer = DictVectorizer()
    x = _int32(vectorizer.fit_transform([{n: 1 for n in r} for r in rows]))
    model = LogisticRegression(C=c, solver="liblinear", random_state=0, max_iter=max_iter)
    model.fit(x, labels)
    return vectorizer, model


def predict(vectorizer, model, rows: list[list[str]]) -> np.ndarray:
    """Probability of the positive class for each row."""
    return model.predict_proba(_int32(vectorizer.transform([{n: 1 for n in r} for r in rows])))[:, 1]


def export(vectorizer, model) -> dict:
    """Bias and the weights that matter (|w| >= 1e-4), rounded to 4 places, names sorted."""
    weights = {n: round(float(w), 4) for n, w in zip(vectorizer.get_feature_names_out(), model.coef_[0]) if abs(w) >= 1e-4}
    return {"bias": round(float(model.intercept_[0]), 4), "weights": dict(sorted(weights.items()))}
