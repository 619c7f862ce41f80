"""One stop policy for every local engine, checked with real signals sent to a real run.

Each test starts ``extractor extract`` in its own process group (as a shell does), waits until it
is mid-batch, and signals it the way a terminal (SIGINT to the group), ``timeout`` or a scheduler
(SIGTERM to the group) or the OOM killer (SIGKILL to the parent) would. The run goes through a
tiny harness that logs the id of every record the pipeline builds, in whichever process builds
it (forked workers inherit the patch), so "every analysed record is written" is checked exactly.
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

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="signals, process groups and /proc: Linux")

HARNESS = """
import os, sys
import extractor.pipeline as pipeline
log, original = os.environ["EXTRACTOR_TEST_ANALYSED"], pipeline.build_record
def build_record(article, doc):
    record = original(article, doc)
    fd = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
    os.write(fd, (record.article.id + "\\n").encode())
    os.close(fd)
    return record
pipeline.build_record = build_record
sys.argv = ["extractor", *sys.argv[1:]]
from extractor.cli import main
main()
"""

TEXT = (
    "The city council of {town} voted on Tuesday to close the old harbour bridge.\n\n"
    "\"We cannot wait any longer,\" said Mayor Ana Silva, who has led the council since 2019.\n\n"
    "Engineers from Norway found cracks in {n} of the bridge's supports last year."
)


def write_feed(path: Path, count: int) -> list[str]:
    ids = [f"s{i:04d}" for i in range(count)]
    with path.open("w", encoding="utf-8") as handle:
        for i, article_id in enumerate(ids):
            handle.write(json.dumps({"id": article_id, "text": TEXT.format(town=f"Town{i}", n=i + 2), "published": "2024-05-02"}) + "\n")
    return ids


@pytest.fixture(autouse=True)
def _no_run_left_behind():
    """Whatever a test asserts, the process group it started is gone afterwards."""
    yield
    for proc in _started:
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # the leader and any worker that outlived it
        except ProcessLookupError:
            pass
        proc.wait()
    _started.clear()


_started: list[subprocess.Popen] = []


def start(tmp_path: Path, *args: str) -> tuple[subprocess.Popen, Path, Path]:
    feed, out, analysed = tmp_path / "feed.jsonl", tmp_path / "out.jsonl", tmp_path / "analysed.txt"
    write_feed(feed, 3000)
    env = {**os.environ, "EXTRACTOR_TEST_ANALYSED": str(analysed)}
    proc = subprocess.Popen(
        [sys.executable, "-c", HARNESS, "extract", str(feed), "-o", str(out), *args],
        stderr=subprocess.PIPE, text=True, env=env, start_new_session=True,
    )
    _started.append(proc)
    return proc, out, analysed


def wait_for_lines(path: Path, count: int, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and path.read_bytes().count(b"\n") >= count:
            return
        assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
        time.sleep(0.02)
    raise AssertionError(f"{path} never reached {count} lines")


def children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    """Running, as opposed to gone or a zombie waiting for whoever adopted it to reap it."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def written_ids(out: Path) -> list[str]:
    data = out.read_bytes()
    assert data.endswith(b"\n"), "the output ends with a torn line"
    return [json.loads(line)["article"]["id"] for line in data.splitlines()]


def check_stopped(proc: subprocess.Popen, out: Path, analysed: Path, status: int) -> str:
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == status, stderr
    assert "Traceback" not in stderr and "Aborted!" not in stderr, stderr
    last = stderr.strip().splitlines()[-1]
    written = written_ids(out)
    assert last.startswith(f"extractor: {len(written)} articles, 0 errors, "), last
    assert "interrupted" in last and "--resume" in last
    assert 0 < len(written) < 3000, "the run must have been stopped mid-batch"
    assert written == [f"s{i:04d}" for i in range(len(written))], "records in input order, none skipped"
    built = analysed.read_text().split()
    assert sorted(built) == sorted(written), f"{len(built)} records analysed but {len(written)} written"
    return stderr


@pytest.mark.parametrize("sig, status", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_signal_to_the_group_with_jobs_2_writes_all_analysed_records(tmp_path: Path, sig: signal.Signals, status: int) -> None:
    proc, out, analysed = start(tmp_path, "--jobs", "2")
    wait_for_lines(out, 1, proc)
    workers = children(proc.pid)
    assert len(workers) >= 2
    os.killpg(proc.pid, sig)
    check_stopped(proc, out, analysed, status)
    deadline = time.monotonic() + 5
    while any(alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(alive(w) for w in workers)


def test_ctrl_c_with_jobs_1_writes_the_analysed_chunk(tmp_path: Path) -> None:
    proc, out, analysed = start(tmp_path)
    wait_for_lines(out, 1, proc)
    os.killpg(proc.pid, signal.SIGINT)
    check_stopped(proc, out, analysed, 130)


def test_second_ctrl_c_stops_at_once_and_still_reports(tmp_path: Path) -> None:
    proc, out, analysed = start(tmp_path, "--jobs", "2")
    wait_for_lines(out, 1, proc)
    os.killpg(proc.pid, signal.SIGINT)
    time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGINT)
    _, stderr = proc.communicate(timeout=30)
    assert proc.returncode == 130, stderr
    assert "Traceback" not in stderr and "Aborted!" not in stderr, stderr
    written = written_ids(out)
    assert stderr.strip().splitlines()[-1].startswith(f"extractor: {len(written)} articles, ")
    assert written == [f"s{i:04d}" for i in range(len(written))]


def test_workers_die_with_a_killed_parent(tmp_path: Path) -> None:
    proc, out, _ = start(tmp_path, "--jobs", "2")
    wait_for_lines(out, 1, proc)
    workers = children(proc.pid)
    assert len(workers) >= 2
    proc.kill()
    proc.wait(timeout=10)
    proc.stderr.close()
    deadline = time.monotonic() + 5
    while any(alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [w for w in workers if alive(w)], "workers outlived their parent"
