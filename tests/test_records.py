"""The record contract: schema generation and packaging of the model assets."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

from click.testing import CliRunner

from extractor.cli import main
from extractor.records import SCHEMA_VERSION, FactRecord, json_schema

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
