"""The check-worthiness model: logistic regression over binary features, calibrated on news.

Debates and news differ (a debate line is check-worthy 1-3% of the time, a news sentence far
more often, and not for the same words), so every feature has a shared weight and a weight per
domain ("T|" transcripts and debate sentences, "N|" prose): one model learns what carries over
and what does not (Daumé III, "Frustratingly easy domain adaptation", 2007). The raw score is
mapped to a probability by a logistic calibration fitted on cross-fitted news scores, so that
0.9 means about nine in ten such sentences are claims in the real-news gold.

Stored as JSON (feature -> weight); scoring is a dictionary look-up per feature.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ...resources import model_path

MODEL_FILE = "claims_model.json"
TRANSCRIPT, PROSE = "T", "N"


def augment(features: Iterable[str], domain: str) -> list[str]:
    """Each feature plus its domain copy, and the domain's own bias."""
    base = list(features)
    return [*base, *(f"{domain}|{f}" for f in base), f"domain={domain}"]


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@dataclass
class ClaimModel:
    """Weights, bias, calibration (a, b: p = sigmoid(a * z + b)) and the default threshold."""

    weights: dict[str, float]
    bias: float
    threshold: float = 0.5
    calibration: tuple[float, float] = (1.0, 0.0)
    meta: dict = field(default_factory=dict)
    #: Debate lines are check-worthy far less often than news sentences, so the same calibrated
    #: score means less there; transcripts get their own default cut, chosen on debates.
    transcript_threshold: float | None = None

    @classmethod
    def from_dict(cls, data: dict) -> ClaimModel:
        a, b = data.get("calibration", (1.0, 0.0))
        return cls(weights=dict(data["weights"]), bias=float(data["bias"]),
                   threshold=float(data.get("threshold", 0.5)), calibration=(float(a), float(b)),
                   meta=dict(data.get("meta", {})), transcript_threshold=data.get("transcript_threshold"))

    @classmethod
    def load(cls, path: str | Path | None = None) -> ClaimModel:
        path = Path(path) if path else model_path(MODEL_FILE)
        return cls.from_dict(json.loads(path.read_text(encoding="utf-8")))

    def to_dict(self) -> dict:
        return {"bias": self.bias, "threshold": self.threshold, "calibration": list(self.calibration),
                "transcript_threshold": self.transcript_threshold, "meta": self.meta, "weights": self.weights}

    def raw(self, features: Iterable[str], domain: str = PROSE) -> float:
        """The uncalibrated score (log-odds under the training mix of data)."""
        weights = self.weights
        return self.bias + sum(weights.get(f, 0.0) for f in augment(features, domain))

    def score(self, features: Iterable[str], domain: str = PROSE) -> float:
        """Calibrated probability that the unit is a check-worthy claim."""
        a, b = self.calibration
        return _sigmoid(a * self.raw(features, domain) + b)
