"""Reviewing extracted quotes, claims and attributions: a local web page, an append-only decision log, exports.

``extractor review FACTS.jsonl`` serves the review page (server.py), records every decision in
``FACTS.review.jsonl`` (store.py) and never modifies FACTS.jsonl; ``--export`` writes the verified
items as CSV or schema.org ClaimReview JSON-LD (export.py); ``extractor report`` writes the same
highlighted view as one static HTML file (report.py). render.py is the one HTML renderer for both.
"""

from __future__ import annotations

from pathlib import Path

REVIEW_SUFFIX = ".review.jsonl"


def review_path_for(facts: Path) -> Path:
    """FACTS.jsonl -> FACTS.review.jsonl beside it (any other name gets .review.jsonl appended)."""
    name = facts.name
    stem = name[: -len(".jsonl")] if name.endswith(".jsonl") else name
    return facts.with_name(stem + REVIEW_SUFFIX)


def is_review_path(path: Path) -> bool:
    return path.name.endswith(REVIEW_SUFFIX)
