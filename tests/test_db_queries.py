"""`extractor db`, `who` and `top` on short hand-made records: exact rows, order, filters, formats."""

from __future__ import annotations

import csv
import io
import json

from click.testing import CliRunner
from db_helpers import make_record, write_jsonl

from extractor.cli import main


def _corpus():
    return [
        make_record("n1", "\"Ukraine must win,\" Jens Stoltenberg said. NATO grew by 2 percent, he said.",
                    entities=[("Jens Stoltenberg", "PERSON", ["Jens Stoltenberg"]), ("NATO", "ORG", ["NATO"])],
                    quotes=[("Ukraine must win,", "Jens Stoltenberg", None)],
                    claims=[("NATO grew by 2 percent", ["2 percent"])], published="2024-02-10", title="Early"),
        make_record("n2", "\"We stand with Ukraine,\" said NATO chief Jens Stoltenberg. \"Housing is fine,\" Stoltenberg said.",
                    entities=[("Jens Stoltenberg", "PERSON", ["Jens Stoltenberg", "Stoltenberg"]), ("NATO", "ORG", ["NATO"])],
                    quotes=[("We stand with Ukraine,", "Jens Stoltenberg", None), ("Housing is fine,", "Jens Stoltenberg", None)],
                    published="2024-03-15", title="Later"),
        make_record("n3", "\"Rents are too high,\" Maria Lopez said about NATO.",
                    entities=[("Maria Lopez", "PERSON", ["Maria Lopez"]), ("NATO", "ORG", ["NATO"])],
                    quotes=[("Rents are too high,", "Maria Lopez", None)], published="2024-01-05", title="Housing"),
    ]


def _db(tmp_path):
    facts = write_jsonl(tmp_path / "facts.jsonl", _corpus())
    db = tmp_path / "facts.db"
    result = CliRunner().invoke(main, ["db", str(facts), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "3 articles added, 0 replaced, 0 unchanged" in result.output
    return db


def test_who_lists_a_persons_quotes_newest_first_with_filters(tmp_path):
    db = _db(tmp_path)
    runner = CliRunner()
    result = runner.invoke(main, ["who", "Jens Stoltenberg", "--db", str(db), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["date"], r["quote"]) for r in rows] == [
        ("2024-03-15", "We stand with Ukraine,"), ("2024-03-15", "Housing is fine,"), ("2024-02-10", "Ukraine must win,"),
    ]
    about = runner.invoke(main, ["who", "Secretary General Jens Stoltenberg", "--db", str(db), "--about", "Ukraine", "--since", "2024-03-01", "--format", "csv"])
    assert about.exit_code == 0, about.output
    assert list(csv.DictReader(io.StringIO(about.stdout))) == [{
        "date": "2024-03-15", "title": "Later", "quote": "We stand with Ukraine,", "confidence": "0.9",
        "named_as": "Jens Stoltenberg", "article_id": "n2", "quote_id": "Q1",
    }]
    table = runner.invoke(main, ["who", "Stoltenberg", "--db", str(db)])
    assert table.stdout.splitlines()[0].split() == ["date", "title", "quote", "confidence"]
    assert len(table.stdout.splitlines()) == 5


def test_who_refuses_an_unknown_or_ambiguous_name_and_a_bad_date(tmp_path):
    db = _db(tmp_path)
    runner = CliRunner()
    unknown = runner.invoke(main, ["who", "Nobody Here", "--db", str(db)])
    assert unknown.exit_code == 1 and "nobody called 'Nobody Here'" in unknown.output
    bad = runner.invoke(main, ["who", "Jens Stoltenberg", "--db", str(db), "--since", "March"])
    assert bad.exit_code == 2 and "use YYYY-MM-DD" in bad.output
    missing = runner.invoke(main, ["who", "Jens Stoltenberg", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 2 and "no such database" in missing.output


def test_top_speakers_entities_and_claims(tmp_path):
    db = _db(tmp_path)
    runner = CliRunner()
    speakers = runner.invoke(main, ["top", "speakers", "--db", str(db), "--format", "jsonl"])
    assert [json.loads(line) for line in speakers.stdout.splitlines()] == [
        {"name": "Jens Stoltenberg", "type": "PERSON", "quotes": 3, "articles": 2},
        {"name": "Maria Lopez", "type": "PERSON", "quotes": 1, "articles": 1},
    ]
    entities = runner.invoke(main, ["top", "entities", "--db", str(db), "--format", "csv", "-n", "1"])
    assert entities.stdout.splitlines() == ["name,type,articles,quotes", "NATO,ORG,3,0"]
    claims = runner.invoke(main, ["top", "claims", "--db", str(db), "--numbers", "--format", "jsonl"])
    assert [json.loads(line)["claim"] for line in claims.stdout.splitlines()] == ["NATO grew by 2 percent"]


def test_extract_writes_into_the_database_without_an_output_file(tmp_path):
    article = tmp_path / "article.txt"
    article.write_text("\"We will rebuild the bridge by May,\" Mayor Anna Berg said on Tuesday.\n", encoding="utf-8")
    db = tmp_path / "facts.db"
    result = CliRunner().invoke(main, ["extract", str(article), "--db", str(db), "--published", "2024-04-02"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["article.txt", "facts.db", "facts.metadata.json"]
    who = CliRunner().invoke(main, ["who", "Anna Berg", "--db", str(db), "--format", "jsonl"])
    assert who.exit_code == 0, who.output
    assert [json.loads(line)["quote"] for line in who.stdout.splitlines()] == ["We will rebuild the bridge by May,"]
    again = CliRunner().invoke(main, ["extract", str(article), "--db", str(db), "--published", "2024-04-02"])
    assert "0 articles added, 0 replaced, 1 unchanged" in again.output
