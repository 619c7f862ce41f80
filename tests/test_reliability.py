"""The one binning behind every reliability table (extractor/eval/reliability.py)."""

from __future__ import annotations

import pytest

from extractor.eval.polnear import Scores, reliability_table
from extractor.eval.reliability import calibration_bins


def test_bins_counts_means_shares_and_the_calibration_error() -> None:
    pairs = [(0.05, False), (0.15, True), (0.85, True), (0.85, False), (0.95, True), (1.0, True)]
    rows, ece = calibration_bins(pairs)
    assert [(lo, hi, n) for lo, hi, n, _, _ in rows] == [(0.0, 0.1, 1), (0.1, 0.2, 1), (0.8, 0.9, 2), (0.9, 1.0, 2)]
    assert [round(mean, 3) for *_, mean, _ in rows] == [0.05, 0.15, 0.85, 0.975]  # 1.0 falls in the last bin
    assert [share for *_, share in rows] == [0.0, 1.0, 0.5, 1.0]
    # |0.05-0| + |0.15-1| + 2*|0.85-0.5| + 2*|0.975-1|, over 6 items
    assert ece == pytest.approx((0.05 + 0.85 + 0.7 + 0.05) / 6)


def test_the_polnear_table_prints_those_bins() -> None:
    scores = Scores("extractor quotes")
    scores.calibration.extend([(0.85, True), (0.85, False), (0.95, True)])
    assert reliability_table(scores) == [
        "reliability of confidence, extractor quotes: bin, items, mean confidence, share right",
        "  0.8-0.9       2    0.850    0.500",
        "  0.9-1.0       1    0.950    1.000",
        "  expected calibration error 0.250 over 3 items",  # (2 * 0.35 + 0.05) / 3
    ]
