"""Datasette opens a corpus database with the metadata `extractor db` writes: facets and canned
queries answer. Datasette is an optional extra (in dev, so `make test` installs it); skipped without it."""

from __future__ import annotations

import asyncio
import json

import pytest
from click.testing import CliRunner
from db_helpers import make_record, write_jsonl

from extractor.cli import main

datasette_app = pytest.importorskip("datasette.app", reason="datasette is not installed (pip install -e '.[datasette]')")


def test_datasette_serves_the_facets_and_canned_queries(tmp_path):
    records = [
        make_record("a1", "\"Rents rose 5 percent,\" Maria Lopez said.",
                    entities=[("Maria Lopez", "PERSON", ["Maria Lopez"])], quotes=[("Rents rose 5 percent,", "Maria Lopez", None)],
                    claims=[("Rents rose 5 percent", ["5 percent"])], published="2024-02-01"),
        make_record("a2", "\"Build more homes,\" Lopez said. Maria Lopez leads Shelter Now.",
                    entities=[("Maria Lopez", "PERSON", ["Maria Lopez", "Lopez"]), ("Shelter Now", "ORG", ["Shelter Now"])],
                    quotes=[("Build more homes,", "Maria Lopez", None)], published="2024-03-01"),
    ]
    facts = write_jsonl(tmp_path / "facts.jsonl", records)
    db = tmp_path / "facts.db"
    result = CliRunner().invoke(main, ["db", str(facts), "--db", str(db)])
    assert result.exit_code == 0, result.output
    metadata = json.loads((tmp_path / "facts.metadata.json").read_text(encoding="utf-8"))

    async def fetch():
        site = datasette_app.Datasette(files=[str(db)], metadata=metadata)
        by_person = await site.client.get("/facts/quotes_by_person.json?name=maria+lopez&_shape=array")
        numbers = await site.client.get("/facts/claims_with_numbers.json?_shape=array")
        quotes = await site.client.get("/facts/quotes.json?_size=0")
        return by_person, numbers, quotes

    by_person, numbers, quotes = asyncio.run(fetch())
    assert by_person.status_code == 200
    assert [(r["date"], r["quote"]) for r in by_person.json()] == [("2024-03-01", "Build more homes,"), ("2024-02-01", "Rents rose 5 percent,")]
    assert [(r["claim"], r["numbers"]) for r in numbers.json()] == [("Rents rose 5 percent", "5 percent")]
    facets = quotes.json()["facet_results"]
    facet_names = set(facets.get("results", facets))
    assert {"person_id", "type", "cue_lemma"} <= facet_names
