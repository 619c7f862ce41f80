"""The check-worthiness model: logistic regression over binary features, calibrated on news.

Debates and news differ (a debate line is check-worthy 1-3% of the time, a news sentence far
more often, and not for the same words), so every feature has a shared weight and a weight per
domain ("T|" transcripts and debate sentences, "N|" prose): one model learns what carries over
and what does not (Daumé III, "Frustratingly easy domain adaptation", 2007). The raw score is
mapped to a probability by a logistic calibration fitted on cross-fitted news scores, so that
0.9 means about nine in ten such sentences are claims in the real-news gold. The calibration
also sees the length of the page (log of its number of scored units): annotators mark about
seven claims on a page whatever its length (4 to 13 on pages of 4 to 170 sentences), so the same
raw score is likelier a claim on a short page than on a long one. The held-out gold's pages are
twice as long as the development gold's (48 vs 21 units), and a calibration blind to length
kept twice too many of their sentences.

Stored as JSON (feature -> weight); scoring is a dictionary look-up per feature.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ... import vectors as context_vectors
from ...resources import model_path

MODEL_FILE = "claims_model.json"
TRANSCRIPT, PROSE = "T", "N"
#: A text longer than this many units counts as this long in the calibration: the news gold's
#: longest page has about 170, debates run to thousands, where the fit would extrapolate.
MAX_UNITS = 200


def augment(features: Iterable[str], domain: str) -> list[str]:
    """Each feature plus its domain copy, and the domain's own bias."""
    base = list(features)
    return [*base, *(f"{domain}|{f}" for f in base), f"domain={domain}"]


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@dataclass
class ClaimModel:
    """Weights, bias, calibration and the default threshold.

    ``calibration`` is (a, b) or (a, b, c): p = sigmoid(a * z + b + c * log(units)), ``units``
    the number of scored units of the text, held between ``min_units`` (the shortest page the
    calibration saw) and MAX_UNITS. Below the shortest page the fit would extrapolate: annotators
    mark about seven claims a page, so a one-sentence text would make "Good evening and welcome
    to the debate." a likely claim.
    """

    weights: dict[str, float]
    bias: float
    threshold: float = 0.5
    calibration: tuple[float, ...] = (1.0, 0.0)
    meta: dict = field(default_factory=dict)
    #: Debate lines are check-worthy far less often than news sentences, so the same calibrated
    #: score means less there; transcripts get their own default cut, chosen on debates.
    transcript_threshold: float | None = None
    min_units: int = 1
    #: The pipeline whose context vectors the vector features were read from ({"pipelines": [meta
    #: names], "version": ...}); None for a model without them.
    vectors: dict | None = None
    #: Whether units are featurized with context vectors: set by the stage from ``fits`` (a vector
    #: feature read from another pipeline's tok2vec would mean nothing).
    use_vectors: bool = True

    def fits(self, pipeline_meta: dict) -> bool:
        """Whether ``pipeline_meta`` (``nlp.meta``) is a pipeline the vector features were trained with."""
        return context_vectors.fits(self.vectors, pipeline_meta)

    @classmethod
    def from_dict(cls, data: dict) -> ClaimModel:
        return cls(weights=dict(data["weights"]), bias=float(data["bias"]),
                   threshold=float(data.get("threshold", 0.5)),
                   calibration=tuple(float(v) for v in data.get("calibration", (1.0, 0.0))),
                   meta=dict(data.get("meta", {})), transcript_threshold=data.get("transcript_threshold"),
                   min_units=int(data.get("min_units", 1)), vectors=data.get("vectors"),
                   use_vectors=bool(data.get("vectors")))

    @classmethod
    def load(cls, path: str | Path | None = None) -> ClaimModel:
        path = Path(path) if path else model_path(MODEL_FILE)
        return cls.from_dict(json.loads(path.read_text(encoding="utf-8")))

    def to_dict(self) -> dict:
        return {"bias": self.bias, "threshold": self.threshold, "calibration": list(self.calibration),
                "transcript_threshold": self.transcript_threshold, "min_units": self.min_units, "meta": self.meta,
                "vectors": self.vectors, "weights": self.weights}

    def raw(self, features: Iterable[str], domain: str = PROSE) -> float:
        """The uncalibrated score (log-odds under the training mix of data)."""
        weights = self.weights
        return self.bias + sum(weights.get(f, 0.0) for f in augment(features, domain))

    def probability(self, raw: float, units: int = 1) -> float:
        """The calibrated probability of a raw score in a text of ``units`` scored units."""
        a, b, *rest = self.calibration
        length = rest[0] * math.log(min(max(units, self.min_units, 1), MAX_UNITS)) if rest else 0.0
        return _sigmoid(a * raw + b + length)

    def score(self, features: Iterable[str], domain: str = PROSE, units: int = 1) -> float:
        """Calibrated probability that the unit is a check-worthy claim (in a text of ``units`` units)."""
        return self.probability(self.raw(features, domain), units)
