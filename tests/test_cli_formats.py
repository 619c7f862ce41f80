"""Output formats and the Python API share one pipeline and agree with each other."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
from pathlib import Path

from click.testing import CliRunner

import extractor
from extractor.cli import main

ROOT = Path(__file__).resolve().parent.parent
WIRE = str(ROOT / "corpus" / "articles" / "wire.jsonl")


def test_json_array_equals_jsonl(tmp_path: Path) -> None:
    runner = CliRunner()
    lines = runner.invoke(main, ["extract", WIRE, "-q"]).stdout.splitlines()
    array = json.loads(runner.invoke(main, ["extract", WIRE, "-q", "--format", "json"]).stdout)
    assert array == [json.loads(line) for line in lines]
    assert [r["article"]["id"] for r in array] == ["wire-001", "wire-002"]


def test_csv_dates_table() -> None:
    out = CliRunner().invoke(main, ["extract", WIRE, "-q", "--format", "csv", "--csv-table", "dates"]).stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["article_id"], r["text"], r["value"]) for r in rows][:3] == [
        ("wire-001", "Thursday", "2024-03-07"),
        ("wire-001", "June", "2024-06"),
        ("wire-001", "next month", "2024-04"),
    ]


def test_api_extract_matches_cli() -> None:
    first = json.loads(CliRunner().invoke(main, ["extract", WIRE, "-q"]).stdout.splitlines()[0])
    record = extractor.extract(first["text"], published="2024-03-08", title="Finance ministers meet in Lisbon", id="wire-001")
    assert record.entities == extractor.FactRecord.model_validate(first).entities
    assert record.article.title == "Finance ministers meet in Lisbon"
    many = list(extractor.extract_many([{"id": "a", "text": "Paris is in France."}, "", "Rome."]))
    assert [(r.article.id, r.error.code if r.error else None) for r in many] == [("a", None), ("article-2", "empty_input"), ("article-3", None)]


def test_real_output_validates_against_the_published_schema(tmp_path: Path) -> None:
    import jsonschema

    runner = CliRunner()
    schema = json.loads(runner.invoke(main, ["schema"]).stdout)
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{oops\n", encoding="utf-8")
    out = runner.invoke(main, ["extract", str(ROOT / "corpus" / "articles"), str(bad), "-q", "--published", "2024-06-12"]).stdout
    records = [json.loads(line) for line in out.splitlines()]
    assert len(records) == 5
    validator = jsonschema.Draft202012Validator(schema)
    for record in records:
        validator.validate(record)
    assert records[-1]["error"]["code"] == "malformed_json"


def test_beliefs_are_listed_apart_from_quotes_unless_turned_off(tmp_path: Path) -> None:
    article = tmp_path / "belief.txt"
    article.write_text(
        'Senator Mary Hill believes the tax plan will fail in the House. "It is dead," she said.\n', encoding="utf-8"
    )
    record = json.loads(CliRunner().invoke(main, ["extract", str(article), "-q"]).stdout)
    assert [(q["id"], q["text"], q["speaker"]["name"]) for q in record["quotes"]] == [("Q1", "It is dead,", "Mary Hill")]
    assert [(a["id"], a["type"], a["text"], a["cue"]["text"], a["speaker"]["name"]) for a in record["attributions"]] == [
        ("A1", "indirect", "the tax plan will fail in the House", "believes", "Mary Hill")
    ]
    # confidence is the calibrated probability of being right: a named holder's belief frame usually is
    assert record["attributions"][0]["confidence"] == 0.89
    narrow = json.loads(CliRunner().invoke(main, ["extract", str(article), "-q", "--no-attributions"]).stdout)
    assert narrow["quotes"] == record["quotes"] and narrow["attributions"] == []
    table = CliRunner().invoke(main, ["extract", str(article), "-q", "--format", "csv", "--csv-table", "attributions"]).stdout
    assert table.splitlines()[0].startswith("article_id,attribution_id,type,speaker")
    assert len(table.splitlines()) == 2


def test_csv_quotes_table_gives_the_quoted_words_apart_from_the_span(tmp_path: Path) -> None:
    article = tmp_path / "win.txt"
    article.write_text('Mayor Ann Lee spoke to reporters on Monday. "We will win," she said, "and soon."\n', encoding="utf-8")
    out = CliRunner().invoke(main, ["extract", str(article), "-q", "--format", "csv", "--csv-table", "quotes"]).stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["quote_id"], r["speaker"], r["content"], r["text"], r["start"], r["end"]) for r in rows] == [
        ("Q1", "Ann Lee", "We will win, \u2026 and soon.", 'We will win," she said, "and soon.', "45", "79")
    ]


def test_a_written_file_gets_the_permissions_a_plain_open_would(tmp_path: Path) -> None:
    """The file is written beside its target and renamed (complete or absent); the temporary file
    is private (0o600), and a CSV or a report meant to be shared stayed so."""
    mask = os.umask(0o022)
    try:
        out = tmp_path / "dates.csv"
        result = CliRunner().invoke(main, ["extract", WIRE, "-q", "--format", "csv", "--csv-table", "dates", "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert stat.S_IMODE(out.stat().st_mode) == 0o644
        out.chmod(0o600)  # a file the user made private stays private when it is written again
        CliRunner().invoke(main, ["extract", WIRE, "-q", "--format", "csv", "-o", str(out)])
        assert stat.S_IMODE(out.stat().st_mode) == 0o600
    finally:
        os.umask(mask)
