"""Reliability tables: does a checkworthiness or a confidence of 0.9 mean nine in ten are right?

Bins scores and gives, per bin, how many there are, their mean score and the share that are
right (a gold claim, a quote with the right speaker). A calibrated score has mean score close to
that share. One place for the binning: the evaluations and the training scripts all print it.
"""

from __future__ import annotations

from collections.abc import Iterable


#: Just above 1.0, so that a score of exactly 1.0 falls in the last bin.
_TOP = 1.0001


def _binned(pairs: list[tuple[float, int]], edges: list[float]) -> list[tuple[float, float, int, float, float]]:
    """(low, high, count, mean score, share right) for each non-empty bin [low, high)."""
    rows = []
    for lo, hi in zip(edges, edges[1:]):
        inside = [(s, ok) for s, ok in pairs if lo <= s < hi]
        if inside:
            rows.append((lo, min(hi, 1.0), len(inside), sum(s for s, _ in inside) / len(inside),
                         sum(ok for _, ok in inside) / len(inside)))
    return rows


def reliability_rows(pairs: Iterable[tuple[float, bool]], edges: tuple[float, ...] = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, _TOP)) -> list[tuple[str, int, float, float]]:
    """(bin, count, mean score, share positive) for each non-empty bin [lo, hi)."""
    rows = _binned([(float(s), int(bool(ok))) for s, ok in pairs], list(edges))
    return [(f"{lo:.1f}-{hi:.1f}", count, mean, share) for lo, hi, count, mean, share in rows]


def format_reliability(pairs: Iterable[tuple[float, bool]], title: str = "claims reliability") -> str:
    lines = [f"{title}: {'bin':<9} {'count':>6} {'mean score':>10} {'share positive':>14}"]
    pad = " " * (len(title) + 2)
    for name, count, mean, share in reliability_rows(pairs):
        lines.append(f"{pad}{name:<9} {count:>6} {mean:>10.3f} {share:>14.3f}")
    return "\n".join(lines)


def calibration_bins(pairs: Iterable[tuple[float, bool | int]], bins: int = 10) -> tuple[list[tuple[float, float, int, float, float]], float]:
    """Equal-width bins [b/bins, (b+1)/bins), the last one closed at 1.0: (low, high, count, mean
    score, share right) for each non-empty bin, and the expected calibration error (the
    count-weighted mean gap between mean score and share right)."""
    pairs = [(float(score), int(ok)) for score, ok in pairs]
    rows = _binned(pairs, [b / bins for b in range(bins)] + [_TOP])
    ece = sum(count / len(pairs) * abs(mean - share) for _, _, count, mean, share in rows)
    return rows, ece
