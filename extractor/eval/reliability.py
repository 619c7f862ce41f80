"""Reliability table: does a checkworthiness of 0.9 mean nine in ten are real claims?

Bins the scores of predicted claims and prints, per bin, how many there are, their mean score
and the share that match a gold claim. A calibrated score has mean score close to that share.
"""

from __future__ import annotations

from collections.abc import Iterable


def reliability_rows(pairs: Iterable[tuple[float, bool]], edges: tuple[float, ...] = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0001)) -> list[tuple[str, int, float, float]]:
    """(bin, count, mean score, share positive) for each non-empty bin [lo, hi)."""
    pairs = list(pairs)
    rows = []
    for lo, hi in zip(edges, edges[1:]):
        inside = [(s, ok) for s, ok in pairs if lo <= s < hi]
        if inside:
            rows.append((f"{lo:.1f}-{min(hi, 1.0):.1f}", len(inside), sum(s for s, _ in inside) / len(inside),
                         sum(1 for _, ok in inside if ok) / len(inside)))
    return rows


def format_reliability(pairs: Iterable[tuple[float, bool]], title: str = "claims reliability") -> str:
    lines = [f"{title}: {'bin':<9} {'count':>6} {'mean score':>10} {'share positive':>14}"]
    pad = " " * (len(title) + 2)
    for name, count, mean, share in reliability_rows(pairs):
        lines.append(f"{pad}{name:<9} {count:>6} {mean:>10.3f} {share:>14.3f}")
    return "\n".join(lines)
