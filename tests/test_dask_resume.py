"""Dask runs (`--engine dask -o DIR`) survive interruption: resume, rerun, clean folder, quiet stop.

The runs are real CLI runs in their own process group, signalled the way a terminal (SIGINT) or
a scheduler (SIGTERM) does; the reference is the local engine's output for the same inputs.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("distributed")
pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="process groups and signals: Linux")

TEXT = (
    "The city council of {town} voted on Tuesday to close the old harbour bridge.\n\n"
    "\"We cannot wait any longer,\" said Mayor Ana Silva, who has led the council since 2019.\n\n"
    "Engineers from Norway found cracks in {n} of the bridge's supports last year."
)


def make_inputs(tmp_path: Path, files: int = 6, per_file: int = 16) -> Path:
    """One JSON-lines file per partition, in tmp_path/in (runs name it "in" from tmp_path: records carry the path)."""
    folder = tmp_path / "in"
    folder.mkdir()
    for f in range(files):
        with (folder / f"feed{f}.jsonl").open("w", encoding="utf-8") as handle:
            for i in range(per_file):
                handle.write(json.dumps({"id": f"f{f}-{i:03d}", "text": TEXT.format(town=f"Town{f}x{i}", n=i + 2), "published": "2024-05-02"}) + "\n")
    return folder


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> str:
    """What the local engine writes for make_inputs' articles: every dask run must equal it."""
    base = tmp_path_factory.mktemp("reference")
    make_inputs(base)
    return extractor("in", "-q", cwd=base).stdout


def extractor(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "extractor", "extract", *args], capture_output=True, text=True, **kwargs)


def concatenated(out: Path) -> str:
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["complete"] and len(manifest["parts"]) == manifest["partitions"]
    return "".join((out / part["file"]).read_text(encoding="utf-8") for part in manifest["parts"])


def listed_parts(out: Path) -> list[dict]:
    try:
        return json.loads((out / "manifest.json").read_text(encoding="utf-8"))["parts"]
    except (OSError, ValueError, KeyError):
        return []


def interrupted_run(tmp_path: Path, sig: signal.Signals) -> tuple[Path, subprocess.CompletedProcess]:
    make_inputs(tmp_path)
    out = tmp_path / "parts"
    proc = subprocess.Popen(
        [sys.executable, "-m", "extractor", "extract", "in", "--engine", "dask", "-o", "parts", "--jobs", "2"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True, cwd=tmp_path,
    )
    deadline, first_part = time.monotonic() + 90, None
    while not listed_parts(out):  # the run is under way: a part is finished and in the manifest
        if time.monotonic() > deadline:
            os.killpg(proc.pid, signal.SIGKILL)
        assert proc.poll() is None and time.monotonic() < deadline, proc.communicate()[1]
        if first_part is None and list(out.glob("part-*.jsonl")):
            first_part = time.monotonic()
        if first_part is not None and time.monotonic() - first_part > 3:
            break  # a run that keeps no manifest as it goes (the fault this tests)
        time.sleep(0.05)
    os.killpg(proc.pid, sig)
    try:
        stdout, stderr = proc.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        raise
    return out, subprocess.CompletedProcess(proc.args, proc.returncode, stdout, stderr)


def check_quiet_stop(out: Path, result: subprocess.CompletedProcess, status: int) -> dict:
    assert result.returncode == status, result.stderr
    assert "Traceback" not in result.stderr and "Error" not in result.stderr, result.stderr
    assert "interrupted" in result.stderr.strip().splitlines()[-1]
    assert not list(out.glob(".*.tmp")), "temporary files left behind"
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert not manifest["complete"] and 1 <= len(manifest["parts"]) < manifest["partitions"] == 6
    assert sorted(p.name for p in out.glob("part-*.jsonl")) == sorted(p["file"] for p in manifest["parts"])
    return manifest


def test_interrupted_dask_run_resumes_to_the_clean_output(tmp_path: Path, reference: str) -> None:
    out, result = interrupted_run(tmp_path, signal.SIGINT)
    manifest = check_quiet_stop(out, result, 130)
    kept = {p["file"]: (out / p["file"]).stat().st_mtime_ns for p in manifest["parts"]}
    resumed = extractor("in", "--engine", "dask", "-o", "parts", "--jobs", "2", "--resume", cwd=tmp_path)
    assert resumed.returncode == 0, resumed.stderr
    assert f"{len(kept)} part{'s' if len(kept) > 1 else ''} already done" in resumed.stderr
    assert all((out / name).stat().st_mtime_ns == mtime for name, mtime in kept.items()), "finished parts were redone"
    assert concatenated(out) == reference


def test_terminated_dask_run_is_replaced_by_a_rerun(tmp_path: Path, reference: str) -> None:
    out, result = interrupted_run(tmp_path, signal.SIGTERM)
    check_quiet_stop(out, result, 143)
    rerun = extractor("in", "--engine", "dask", "-o", "parts", "--jobs", "2", cwd=tmp_path)
    assert rerun.returncode == 0, rerun.stderr
    assert "replaced the earlier run" in rerun.stderr
    assert concatenated(out) == reference


def test_dask_output_folder_checks(tmp_path: Path) -> None:
    inputs = make_inputs(tmp_path, files=1, per_file=1)
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("keep me", encoding="utf-8")
    refused = extractor(str(inputs), "--engine", "dask", "-o", str(foreign))
    assert refused.returncode == 2 and "did not write (notes.txt)" in refused.stderr
    assert (foreign / "notes.txt").read_text(encoding="utf-8") == "keep me"
    ours = tmp_path / "ours"
    ours.mkdir()
    (ours / "manifest.json").write_text(json.dumps({"options": {"published": "2020-01-01"}, "parts": []}), encoding="utf-8")
    (ours / ".part-00000.jsonl.tmp").write_text("{half", encoding="utf-8")
    other = extractor(str(inputs), "--engine", "dask", "-o", str(ours), "--resume")
    assert other.returncode == 2 and "run without --resume to replace it" in other.stderr
    assert "published '2020-01-01' then, None now" in other.stderr
    assert extractor(str(inputs), "-o", str(ours)).returncode == 2  # the local engine writes a file, not a folder


def test_prepare_folder_cleans_and_replaces(tmp_path: Path) -> None:
    from extractor.engines.parts import prepare_folder

    folder = tmp_path / "parts"
    folder.mkdir()
    for name in ("part-00000.jsonl", "part-00001.jsonl", ".part-00002.jsonl.tmp", "manifest.json"):
        (folder / name).write_text("{}\n", encoding="utf-8")
    (folder / "manifest.json").write_text(json.dumps({"options": {}, "parts": [{"index": 0, "file": "part-00000.jsonl"}]}), encoding="utf-8")
    assert prepare_folder(folder, resume=True, options={}) == {0: {"index": 0, "file": "part-00000.jsonl"}}
    assert not (folder / ".part-00002.jsonl.tmp").exists()
    assert prepare_folder(folder, resume=False, options={}) == {}
    assert list(folder.iterdir()) == []
