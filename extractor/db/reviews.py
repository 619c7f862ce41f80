"""Review decisions in the corpus database: the latest decision per item of FACTS.review.jsonl
(written by `extractor review`) as rows of ``reviews``, so accepted quotes, corrected speakers and
fact-checkers' verdicts can be queried beside what they judge.

The review file is read with the review store's own reader (torn or bad lines reported, never
fatal). A decision about an article the database does not hold is counted and skipped.
"""

from __future__ import annotations

from pathlib import Path

import sqlite_utils

from ..review import review_path_for
from ..review.store import read_log


def review_file_for(facts: Path) -> Path | None:
    """FACTS.review.jsonl beside FACTS, if the facts were reviewed."""
    path = review_path_for(Path(facts))
    return path if path.exists() else None


def load_reviews(db: sqlite_utils.Database, review_file: Path) -> tuple[int, int, list[str]]:
    """Upsert the latest decision per item; returns (loaded, skipped for unknown articles, problems)."""
    log = read_log(review_file)
    known = {row[0] for row in db.execute("SELECT id FROM articles")}
    rows, skipped = [], 0
    for (record_id, item_id), line in sorted(log.latest.items()):
        if record_id not in known:
            skipped += 1
            continue
        correction = line.correction
        speaker = correction.speaker if correction else None
        rows.append({
            "article_id": record_id, "item_id": item_id, "decision": line.decision, "time": line.time.isoformat(),
            "speaker_name": speaker.name if speaker else None, "speaker_entity": speaker.entity_id if speaker else None,
            "type": correction.type if correction else None, "new_start": correction.start if correction else None,
            "new_end": correction.end if correction else None, "corrected_text": correction.text if correction else None,
            "verdict": line.verdict.note if line.verdict else None, "rating": line.verdict.rating if line.verdict else None,
        })
    with db.atomic():
        if rows:
            _upsert(db, rows)
    return len(rows), skipped, log.problems


def _upsert(db: sqlite_utils.Database, rows: list[dict]) -> None:
    """Replace the decision of each (article, item): the review file always holds the latest."""
    for row in rows:
        db.execute("DELETE FROM reviews WHERE article_id = ? AND item_id = ?", [row["article_id"], row["item_id"]])
    db.table("reviews").insert_all(rows)
