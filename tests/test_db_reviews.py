"""Review decisions (FACTS.review.jsonl from `extractor review`) loaded into the corpus database
beside the facts they judge: the latest decision per item, unknown articles skipped."""

from __future__ import annotations

import datetime as dt

from click.testing import CliRunner
from db_helpers import make_record, write_jsonl

from extractor.cli import main
from extractor.db import load_records, open_db
from extractor.review.models import ReviewLine


def _line(record_id: str, item_id: str, decision: str, minute: int, **extra) -> str:
    when = dt.datetime(2024, 5, 2, 10, minute, tzinfo=dt.timezone.utc)
    return ReviewLine.model_validate({"record_id": record_id, "item_id": item_id, "decision": decision, "time": when, **extra}).to_json() + "\n"


def test_the_latest_decision_per_item_is_loaded_and_a_replaced_article_drops_its_decisions(tmp_path):
    record = make_record("r1", "\"Crime fell 12 percent,\" Anna Berg said. Crime fell 12 percent in 2023.",
                         entities=[("Anna Berg", "PERSON", ["Anna Berg"])],
                         quotes=[("Crime fell 12 percent,", "Anna Berg", None)],
                         claims=[("Crime fell 12 percent in 2023", ["12 percent"])])
    facts = write_jsonl(tmp_path / "facts.jsonl", [record])
    (tmp_path / "facts.review.jsonl").write_text(
        _line("r1", "Q1", "reject", 1)
        + _line("r1", "Q1", "correct", 2, correction={"speaker": {"name": "Anna Berg", "entity_id": "E1"}, "type": "mixed"})
        + _line("r1", "C1", "accept", 3, verdict={"note": "Mostly true: 11.8 percent", "rating": 4})
        + _line("gone", "Q1", "accept", 4),
        encoding="utf-8",
    )
    db_path = tmp_path / "facts.db"
    result = CliRunner().invoke(main, ["db", str(facts), "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    assert "2 review decisions from" in result.output and "(1 about articles not in the database skipped)" in result.output
    db = open_db(db_path)
    rows = db.execute("SELECT item_id, decision, speaker_name, speaker_entity, type, verdict, rating FROM reviews ORDER BY item_id").fetchall()
    assert rows == [("C1", "accept", None, None, None, "Mostly true: 11.8 percent", 4),
                    ("Q1", "correct", "Anna Berg", "E1", "mixed", None, None)]
    CliRunner().invoke(main, ["db", str(facts), "--db", str(db_path)])  # again: the same two rows
    assert db.execute("SELECT COUNT(*) FROM reviews").fetchone()[0] == 2

    changed = make_record("r1", "\"Crime fell,\" Anna Berg said.", entities=[("Anna Berg", "PERSON", ["Anna Berg"])],
                          quotes=[("Crime fell,", "Anna Berg", None)])
    load_records(db, [changed])
    assert db.execute("SELECT COUNT(*) FROM reviews").fetchone()[0] == 0
