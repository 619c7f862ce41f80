"""The record contract: schema generation and packaging of the model assets."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

from click.testing import CliRunner

from extractor.cli import main
from extractor.records import SCHEMA_VERSION, FactRecord, json_schema, quoted_words

ROOT = Path(__file__).resolve().parent.parent


def test_schema_command_prints_the_models_schema() -> None:
    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert schema["properties"]["schema_version"]["default"] == SCHEMA_VERSION
    assert set(schema["required"]) == {"article", "text"}
    assert schema == json.loads(json.dumps(json_schema()))


def test_minimal_record_round_trips() -> None:
    record = FactRecord.model_validate({"article": {"id": "a"}, "text": "x"})
    assert json.loads(record.model_dump_json())["schema_version"] == SCHEMA_VERSION


#: An interrupted quote and a quotation running over a paragraph break, as schema 1.2 wrote them (no `content`).
SAID = 'Ann Lee said. "We will win," she said, "and soon."\n\n"The bridge opens in May.\n\n"It is paid for."'


def _quote_1_2(qid: str, spans: list[list[int]]) -> dict:
    start, end = spans[0][0], spans[-1][1]
    return {"id": qid, "type": "direct", "text": SAID[start:end], "start": start, "end": end, "spans": spans, "confidence": 0.9}


def test_content_is_required_and_the_version_says_so() -> None:
    assert SCHEMA_VERSION == "1.3"
    schema = json_schema()
    assert "content" in schema["$defs"]["Quote"]["required"]
    assert "content" in schema["$defs"]["Attribution"]["required"]


def test_quoted_words_elide_narration_but_not_a_paragraph_break() -> None:
    assert quoted_words(SAID, [[15, 27], [40, 49]]) == "We will win, \u2026 and soon."
    assert quoted_words(SAID, [[53, 77], [80, 95]]) == "The bridge opens in May. It is paid for."
    assert quoted_words(SAID, [[15, 27]]) == "We will win,"
    # offsets into a slice of the text that starts at `offset`
    assert quoted_words(SAID[15:49], [[15, 27], [40, 49]], offset=15) == "We will win, \u2026 and soon."


def test_a_record_written_before_1_3_gets_its_content_when_read() -> None:
    old = {"schema_version": "1.2", "article": {"id": "a"}, "text": SAID,
           "quotes": [_quote_1_2("Q1", [[15, 27], [40, 49]]), _quote_1_2("Q2", [[53, 77], [80, 95]])],
           "attributions": [{**_quote_1_2("A1", [[15, 27]]), "type": "indirect"}]}
    record = FactRecord.model_validate(old)
    assert [q.text for q in record.quotes] == ['We will win," she said, "and soon.', 'The bridge opens in May.\n\n"It is paid for.']
    assert [q.content for q in record.quotes] == ["We will win, \u2026 and soon.", "The bridge opens in May. It is paid for."]
    assert record.attributions[0].content == "We will win,"
    # a content that is given is kept as given
    given = {**_quote_1_2("Q1", [[15, 27], [40, 49]]), "content": "We will win"}
    assert FactRecord.model_validate({**old, "quotes": [given]}).quotes[0].content == "We will win"


def test_every_package_is_listed_for_the_wheel() -> None:
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "extractor").rglob("__init__.py")}
    assert found <= listed
    assert "extractor.models" in listed


def test_models_ship_inside_the_wheel(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    import zipfile

    [wheel] = tmp_path.glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    shipped = {n.split("/", 2)[2] for n in names if n.startswith("extractor/models/")}
    assert {p.name for p in (ROOT / "models").iterdir() if p.is_file()} <= shipped
