"""The corpus database's loader: one row per item, full-text search, idempotent and incremental
reloads, and a load interrupted half way that leaves whole articles only."""

from __future__ import annotations

import pytest
from db_helpers import make_record, write_jsonl

from extractor.db import DatabaseError, load_files, load_records, open_db
from extractor.db import rows as rows_module

TABLES = ("articles", "entities", "mentions", "quotes", "attributions", "dates", "claims", "quantities", "people", "people_names")


def _records():
    a = make_record(
        "a1",
        "Jens Stoltenberg said: \"Ukraine must win this war.\" Unemployment rose by 7 percent in March, Stoltenberg added.",
        entities=[("Jens Stoltenberg", "PERSON", ["Jens Stoltenberg", "Stoltenberg"]), ("Ukraine", "COUNTRY", ["Ukraine"])],
        quotes=[("Ukraine must win this war.", "Jens Stoltenberg", None)],
        claims=[("Unemployment rose by 7 percent in March", ["7 percent"])],
    )
    b = make_record(
        "b2",
        "Housing costs climbed, Maria Lopez of Shelter Now said. \"Rents are out of reach,\" Lopez said.",
        entities=[("Maria Lopez", "PERSON", ["Maria Lopez", "Lopez"]), ("Shelter Now", "ORG", ["Shelter Now"])],
        quotes=[("Rents are out of reach,", "Maria Lopez", None), ("Housing costs climbed", "Shelter Now", None)],
    )
    c = make_record("c3", "Nothing quoted here, only a date: 2 March 2024.")
    d = make_record(
        "d4", "\"We will stay,\" said Jens Stoltenberg in Kyiv.",
        entities=[("Jens Stoltenberg", "PERSON", ["Jens Stoltenberg"])], quotes=[("We will stay,", "Jens Stoltenberg", None)],
    )
    e = make_record("e5", "Prices fell 3 percent, officials said.", claims=[("Prices fell 3 percent", ["3 percent"])])
    return [a, b, c, d, e]


def _dump(db) -> dict[str, list[tuple]]:
    return {t: db.execute(f"SELECT * FROM [{t}] ORDER BY id").fetchall() for t in TABLES}


def _counts(db) -> dict[str, int]:
    return {t: db.table(t).count for t in TABLES}


def test_one_row_per_item_with_keys_and_full_text(tmp_path):
    facts = write_jsonl(tmp_path / "facts.jsonl", _records())
    db = open_db(tmp_path / "facts.db")
    summary = load_files(db, [facts])
    assert (summary.added, summary.replaced, summary.skipped) == (5, 0, 0)
    counts = _counts(db)
    assert {t: counts[t] for t in TABLES[:8]} == {
        "articles": 5, "entities": 5, "mentions": 7, "quotes": 4, "attributions": 0, "dates": 0, "claims": 2, "quantities": 2,
    }
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    found = db.execute("SELECT q.article_id, q.item_id FROM quotes_fts JOIN quotes q ON q.id = quotes_fts.rowid WHERE quotes_fts MATCH 'rents'").fetchall()
    assert found == [("b2", "Q1")]
    claims = db.execute("SELECT c.article_id FROM claims_fts JOIN claims c ON c.id = claims_fts.rowid WHERE claims_fts MATCH 'unemployment'").fetchall()
    assert claims == [("a1",)]
    quantity = db.execute("SELECT q.text, q.value, c.item_id FROM quantities q JOIN claims c ON c.id = q.claim_id WHERE q.article_id = 'e5'").fetchall()
    assert quantity == [("3 percent", 3.0, "C1")]
    # The same person in two articles is one row of people, and both quotes point to it.
    persons = db.execute("SELECT DISTINCT person_id FROM quotes WHERE speaker_name = 'Jens Stoltenberg'").fetchall()
    assert len(persons) == 1 and persons[0][0] is not None


def test_reloading_changes_nothing_and_a_changed_article_is_replaced(tmp_path):
    records = _records()
    facts = write_jsonl(tmp_path / "facts.jsonl", records)
    db = open_db(tmp_path / "facts.db")
    load_files(db, [facts])
    before = _dump(db)
    again = load_files(db, [facts])
    assert (again.added, again.replaced, again.skipped) == (0, 0, 5)
    assert _dump(db) == before

    changed = make_record(
        "b2", "\"Rents are falling,\" Maria Lopez said.",
        entities=[("Maria Lopez", "PERSON", ["Maria Lopez"])], quotes=[("Rents are falling,", "Maria Lopez", None)],
    )
    newer = write_jsonl(tmp_path / "newer.jsonl", [changed, make_record("f6", "A new article.")])
    summary = load_files(db, [newer])
    assert (summary.added, summary.replaced, summary.skipped) == (1, 1, 0)
    assert db.execute("SELECT text FROM quotes WHERE article_id = 'b2'").fetchall() == [("Rents are falling,",)]
    assert db.execute("SELECT COUNT(*) FROM entities WHERE article_id = 'b2'").fetchone()[0] == 1  # Shelter Now gone
    assert db.execute("SELECT COUNT(*) FROM quotes_fts WHERE quotes_fts MATCH 'reach'").fetchone()[0] == 0
    assert db.table("articles").count == 6
    assert db.execute("SELECT COUNT(*) FROM people WHERE name = 'Shelter Now'").fetchone()[0] == 0


def test_a_load_interrupted_half_way_leaves_whole_articles_and_a_second_load_completes_it(tmp_path, monkeypatch):
    records = _records()
    facts = write_jsonl(tmp_path / "facts.jsonl", records)
    clean = open_db(tmp_path / "clean.db")
    load_files(clean, [facts])

    real = rows_module.record_rows

    def failing(record, next_id):
        if record.article.id == "d4":  # the second article of the second batch
            raise RuntimeError("disk full")
        return real(record, next_id)

    monkeypatch.setattr(rows_module, "record_rows", failing)
    db = open_db(tmp_path / "facts.db")
    with pytest.raises(RuntimeError, match="disk full"):
        load_files(db, [facts], batch_size=2)
    # The first batch (a1, b2) is in; nothing of the failed batch (c3, d4) is, not even c3.
    assert [r[0] for r in db.execute("SELECT id FROM articles ORDER BY id")] == ["a1", "b2"]
    for table in ("entities", "mentions", "quotes", "claims", "quantities"):
        assert db.execute(f"SELECT COUNT(*) FROM [{table}] WHERE article_id NOT IN ('a1', 'b2')").fetchone()[0] == 0
    assert db.execute("SELECT COUNT(*) FROM quotes_fts").fetchone()[0] == 3

    monkeypatch.setattr(rows_module, "record_rows", real)
    summary = load_files(db, [facts], batch_size=2)
    assert (summary.added, summary.replaced, summary.skipped) == (3, 0, 2)
    assert _dump(db) == _dump(clean)


def test_bad_lines_are_reported_and_the_rest_loads(tmp_path):
    facts = tmp_path / "facts.jsonl"
    write_jsonl(facts, _records()[:2])
    facts.write_text(facts.read_text(encoding="utf-8") + "{\"not\": \"a record\"}\n", encoding="utf-8")
    db = open_db(tmp_path / "facts.db")
    summary = load_files(db, [facts])
    assert summary.added == 2
    assert len(summary.problems) == 1 and summary.problems[0].startswith(f"{facts}:3: not an extractor record")


def test_an_error_record_is_an_article_row_with_its_error(tmp_path):
    from extractor.records import FactRecord

    broken = FactRecord.model_validate({"article": {"id": "x"}, "text": "", "error": {"code": "empty_input", "message": "empty"}})
    db = open_db(tmp_path / "facts.db")
    load_records(db, [broken])
    assert db.execute("SELECT id, error_code FROM articles").fetchall() == [("x", "empty_input")]


def test_a_file_that_is_not_a_corpus_database_is_refused(tmp_path):
    text = tmp_path / "notes.db"
    text.write_text("just some notes\n", encoding="utf-8")
    with pytest.raises(DatabaseError, match="not a usable corpus database"):
        open_db(text)
    import sqlite3

    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE birds (name TEXT)")
    with pytest.raises(DatabaseError, match="other tables"):
        open_db(other)


def test_quotes_fts_indexes_the_quoted_words_not_the_narration_between_spans(tmp_path):
    from extractor.records import FactRecord

    text = "\"We will rebuild,\" the mayor said, \"every bridge.\""
    first, second = (1, 16), (text.index("every"), text.index("every") + len("every bridge."))
    record = FactRecord.model_validate({
        "article": {"id": "m1", "text_sha256": "x"}, "text": text,
        "quotes": [{"id": "Q1", "type": "direct", "text": text[first[0]:second[1]], "start": first[0], "end": second[1],
                    "spans": [list(first), list(second)], "confidence": 0.9}],
    })
    db = open_db(tmp_path / "facts.db")
    load_records(db, [record])
    assert db.execute("SELECT content FROM quotes").fetchone()[0] == "We will rebuild … every bridge."
    assert db.execute("SELECT COUNT(*) FROM quotes_fts WHERE quotes_fts MATCH 'bridge'").fetchone()[0] == 1
    assert db.execute("SELECT COUNT(*) FROM quotes_fts WHERE quotes_fts MATCH 'mayor'").fetchone()[0] == 0


def test_a_changed_article_whose_new_line_is_broken_keeps_its_stored_version(tmp_path):
    import json

    db = open_db(tmp_path / "facts.db")
    load_files(db, [write_jsonl(tmp_path / "facts.jsonl", _records()[:2])])
    broken = _records()[1].model_dump(mode="json")
    broken["article"]["text_sha256"] = "changed"
    broken["entities"][0]["type"] = "ANIMAL"
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(broken) + "\n", encoding="utf-8")
    summary = load_files(db, [bad])
    assert (summary.added, summary.replaced, summary.skipped) == (0, 0, 0)
    assert summary.problems == [f"{bad}:1: not an extractor record (entities.0.type: Input should be 'PERSON', 'ORG', 'COUNTRY' or 'LOCATION'); skipped"]
    assert db.execute("SELECT COUNT(*) FROM quotes WHERE article_id = 'b2'").fetchone()[0] == 2
