"""Batch runs: parallel output equals serial output; a killed run resumes without loss or repeats."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PARAGRAPHS = [
    "The city council of {town} voted on Tuesday to close the old harbour bridge.",
    "\"We cannot wait any longer,\" said Mayor {name}, who has led the council since 2019.",
    "Engineers from Norway and Canada found cracks in {n} of the bridge's supports last year.",
    "According to the {town} Courier, repairs would cost about {n} million euros.",
]
TOWNS = ["Aldport", "Brenwick", "Caston", "Dunmere", "Eastfold"]
NAMES = ["Ana Silva", "Ben Okoro", "Carla Jensen", "David Moreau", "Eva Lindqvist"]


def write_feed(path: Path, count: int, duplicate_every: int = 0) -> list[str]:
    ids = []
    with path.open("w", encoding="utf-8") as handle:
        for i in range(count):
            town, name = TOWNS[i % len(TOWNS)], NAMES[(i * 3) % len(NAMES)]
            text = "\n\n".join(p.format(town=town, name=name, n=i + 2) for p in PARAGRAPHS)
            article_id = f"a{i:03d}" if not (duplicate_every and i and i % duplicate_every == 0) else "a000"
            ids.append(article_id)
            handle.write(json.dumps({"id": article_id, "text": text, "published": "2024-05-02"}) + "\n")
    return ids


def run_cli(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "extractor", "extract", *args], capture_output=True, text=True, check=True, **kwargs)


def test_jobs_2_output_equals_jobs_1(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    write_feed(feed, 40)
    run_cli(str(feed), str(ROOT / "corpus" / "articles"), "-o", str(tmp_path / "one.jsonl"), "--published", "2024-06-12")
    run_cli(str(feed), str(ROOT / "corpus" / "articles"), "-o", str(tmp_path / "two.jsonl"), "--published", "2024-06-12", "--jobs", "2")
    one = (tmp_path / "one.jsonl").read_text(encoding="utf-8")
    assert one == (tmp_path / "two.jsonl").read_text(encoding="utf-8")
    assert len(one.splitlines()) == 44


def test_duplicate_ids_get_distinct_record_ids(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    write_feed(feed, 7, duplicate_every=3)
    out = run_cli(str(feed), "-q").stdout
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["article"]["id"] for r in records] == ["a000", "a001", "a002", "a000#2", "a004", "a005", "a000#3"]
    assert records[3]["warnings"][0]["code"] == "duplicate_id"


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_resume_after_a_killed_run(tmp_path: Path, sig: signal.Signals) -> None:
    feed = tmp_path / "feed.jsonl"
    ids = write_feed(feed, 300)
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen([sys.executable, "-m", "extractor", "extract", str(feed), "-o", str(out), "-q"], stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and (not out.exists() or out.read_bytes().count(b"\n") < 40):
        time.sleep(0.05)
    os.kill(proc.pid, sig)
    proc.wait(timeout=60)
    partial = out.read_bytes()
    finished = partial.count(b"\n")
    assert 40 <= finished < 300, "the run must be stopped mid-batch"
    if sig == signal.SIGTERM:
        assert partial.endswith(b"\n")
    resumed = run_cli(str(feed), "-o", str(out), "--resume")
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(r["article"]["id"] for r in records) == sorted(ids)
    assert f"{finished} already done" in resumed.stderr


def test_dask_engine_on_a_local_cluster_matches_the_local_run(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    from extractor.engines import dask as dask_engine

    feed = tmp_path / "feed.jsonl"
    write_feed(feed, 12)
    articles = ROOT / "corpus" / "articles"
    inputs = [str(feed), str(articles)]
    local = run_cli(*inputs, "-q", "--published", "2024-06-12").stdout
    out_dir = tmp_path / "parts"
    manifest = dask_engine.run_dask(inputs, str(out_dir), {"published": "2024-06-12"}, workers=2)
    parts = "".join(dask_engine.read_parts(out_dir))
    assert parts == local
    assert manifest["articles"] == 16 and manifest["errors"] == 0
    # feed.jsonl; then the .html and .txt files together; then wire.jsonl on its own.
    assert [p["articles"] for p in manifest["parts"]] == [12, 2, 2]


def test_plan_splits_big_json_lines_files(tmp_path: Path) -> None:
    from extractor.engines.dask import partition_articles, plan_partitions

    feed = tmp_path / "feed.jsonl"
    ids = write_feed(feed, 7)
    partitions = plan_partitions([str(feed)], lines_per_partition=3)
    assert [(p.first_line, p.end - p.start > 0) for p in partitions] == [(1, True), (4, True), (7, True)]
    got = [a.id for p in partitions for a in partition_articles(p, None, 1_000_000)]
    assert got == ids
