"""Batch faults (signals, the worker pool, Dask) replayed end to end for `make faults`.

scripts/faults.py imports this file and runs its ``CASES``: (name, function returning (what was
tried, held)). Every case creates its inputs in a temporary directory and runs the real command
line in a subprocess, in its own process group, signalled as a terminal (SIGINT to the group),
``timeout`` or a scheduler (SIGTERM to the group) or the OOM killer (SIGKILL to the parent) would.
The local-engine runs go through ``extractor.cli.main`` with ``build_record`` wrapped to log each
record id it builds (in whichever process builds it), so "every analysed record is written" is
checked exactly rather than guessed. Run alone: ``.venv/bin/python scripts/faults_batch.py``.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = next((p for p in (Path(sys.executable), ROOT / ".venv" / "bin" / "python") if (p.parent / "extractor").exists()), Path(sys.executable))
TMP = Path(tempfile.mkdtemp(prefix="extractor-faults-batch-"))
Case = tuple[str, Callable[[], tuple[str, bool]]]

HARNESS = """
import os, sys
import extractor.pipeline as pipeline
log, original = os.environ["EXTRACTOR_ANALYSED_LOG"], pipeline.build_record
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


def write_feed(path: Path, count: int, prefix: str = "s") -> None:
    with path.open("w", encoding="utf-8") as handle:
        for i in range(count):
            handle.write(json.dumps({"id": f"{prefix}{i:04d}", "text": TEXT.format(town=f"Town{prefix}{i}", n=i + 2), "published": "2024-05-02"}) + "\n")


def wait_until(condition: Callable[[], bool], proc: subprocess.Popen, timeout: float = 90) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        if condition():
            return True
        time.sleep(0.02)
    return False


def lines(path: Path) -> int:
    return path.read_bytes().count(b"\n") if path.exists() else 0


def children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(stat.parent.name))
        except (OSError, IndexError, ValueError):
            continue
    return found


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def local_run(name: str, *args: str) -> tuple[subprocess.Popen, Path, Path]:
    """A local-engine run over 3,000 short articles, started in its own process group."""
    work = TMP / name
    work.mkdir()
    write_feed(work / "feed.jsonl", 3000)
    env = {**os.environ, "EXTRACTOR_ANALYSED_LOG": str(work / "analysed.txt")}
    proc = subprocess.Popen(
        [str(PYTHON), "-c", HARNESS, "extract", "feed.jsonl", "-o", "out.jsonl", *args],
        stderr=subprocess.PIPE, text=True, env=env, start_new_session=True, cwd=work,
    )
    return proc, work / "out.jsonl", work / "analysed.txt"


def stopped_cleanly(proc: subprocess.Popen, out: Path, analysed: Path, status: int) -> tuple[str, bool]:
    """Exit status, summary line, no traceback, every analysed record written, in order."""
    try:
        _, stderr = proc.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        return "did not stop within 120 s", False
    data = out.read_bytes() if out.exists() else b""
    written = [json.loads(line)["article"]["id"] for line in data.splitlines()]
    built = analysed.read_text().split() if analysed.exists() else []
    last = stderr.strip().splitlines()[-1] if stderr.strip() else ""
    held = (
        proc.returncode == status
        and "Traceback" not in stderr and "Aborted!" not in stderr
        and last.startswith(f"extractor: {len(written)} articles") and "interrupted" in last
        and data.endswith(b"\n") and 0 < len(written) < 3000
        and written == [f"s{i:04d}" for i in range(len(written))]
        and sorted(built) == sorted(written)
    )
    return f"exit {proc.returncode} (want {status}); {len(built)} analysed, {len(written)} written; last line: {last[:90]!r}", held


def signal_group(sig: signal.Signals, status: int, *args: str) -> Callable[[], tuple[str, bool]]:
    def case() -> tuple[str, bool]:
        proc, out, analysed = local_run(f"{sig.name}-{'-'.join(args) or 'jobs1'}", *args)
        if not wait_until(lambda: lines(out) >= 1, proc):
            proc.kill()
            return "the run never wrote a record", False
        os.killpg(proc.pid, sig)
        tried, held = stopped_cleanly(proc, out, analysed, status)
        return f"{sig.name} to the group of `extract --jobs {args[-1] if args else 1}` mid-batch: {tried}", held

    return case


def sigkill_parent() -> tuple[str, bool]:
    proc, out, _ = local_run("sigkill", "--jobs", "2")
    if not wait_until(lambda: lines(out) >= 1, proc):
        os.killpg(proc.pid, signal.SIGKILL)
        return "the run never wrote a record", False
    workers = children(proc.pid)
    proc.kill()
    proc.wait()
    proc.stderr.close()  # not communicate(): orphaned workers would hold the pipe open
    deadline = time.monotonic() + 5
    while any(alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    left = [w for w in workers if alive(w)]
    for worker in left:  # the fault itself: do not leave them running after the check
        os.kill(worker, signal.SIGKILL)
    return f"SIGKILL to the parent of `extract --jobs 2` ({len(workers)} workers): {len(left)} still running 5 s later", len(workers) >= 2 and not left


def dask_case(sig: signal.Signals, status: int, resume: bool) -> Callable[[], tuple[str, bool]]:
    """Interrupt a Dask run after its first part, then --resume it (or rerun into the same folder)."""

    def case() -> tuple[str, bool]:
        work = TMP / f"dask-{sig.name}"
        (work / "in").mkdir(parents=True)
        for f in range(6):
            write_feed(work / "in" / f"feed{f}.jsonl", 16, prefix=f"f{f}-")
        proc = subprocess.Popen(
            [str(PYTHON), "-m", "extractor", "extract", "in", "--engine", "dask", "-o", "parts", "--jobs", "2"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True, cwd=work,
        )

        def first_part_listed() -> bool:
            try:
                return bool(json.loads((work / "parts" / "manifest.json").read_text(encoding="utf-8"))["parts"])
            except (OSError, ValueError, KeyError):
                return bool(list((work / "parts").glob("part-*.jsonl")))

        if not wait_until(first_part_listed, proc):
            os.killpg(proc.pid, signal.SIGKILL)
            return "the dask run never finished a part", False
        os.killpg(proc.pid, sig)
        try:
            _, stderr = proc.communicate(timeout=120)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            return "the dask run did not stop within 120 s", False
        tmp_left = sorted(p.name for p in (work / "parts").glob(".*.tmp"))
        stop_ok = proc.returncode == status and "Traceback" not in stderr and not tmp_left and "interrupted" in stderr
        again = subprocess.run(
            [str(PYTHON), "-m", "extractor", "extract", "in", "--engine", "dask", "-o", "parts", "--jobs", "2", *(["--resume"] if resume else [])],
            capture_output=True, text=True, cwd=work, timeout=300,
        )
        local = subprocess.run([str(PYTHON), "-m", "extractor", "extract", "in", "-q"], capture_output=True, text=True, cwd=work, timeout=300)
        try:
            manifest = json.loads((work / "parts" / "manifest.json").read_text(encoding="utf-8"))
            parts = "".join((work / "parts" / p["file"]).read_text(encoding="utf-8") for p in manifest["parts"])
        except (OSError, ValueError, KeyError):
            manifest, parts = {}, ""
        same = again.returncode == 0 and manifest.get("complete") and parts == local.stdout and bool(parts)
        how = "--resume" if resume else "a rerun into the same -o folder"
        tried = (
            f"{sig.name} to a dask run's group after its first part: exit {proc.returncode} (want {status}), "
            f"traceback {'yes' if 'Traceback' in stderr else 'no'}, .tmp left {tmp_left or 'none'}; "
            f"then {how}: exit {again.returncode}, output {'equals' if same else 'differs from'} a local run"
        )
        return tried, bool(stop_ok and same)

    return case


CASES: list[Case] = [
    ("4 Ctrl-C to the group, --jobs 2", signal_group(signal.SIGINT, 130, "--jobs", "2")),
    ("4 SIGTERM to the group, --jobs 2", signal_group(signal.SIGTERM, 143, "--jobs", "2")),
    ("4 SIGKILL to the parent, --jobs 2", sigkill_parent),
    ("4 Ctrl-C with --jobs 1", signal_group(signal.SIGINT, 130)),
    ("5 Dask Ctrl-C, then --resume", dask_case(signal.SIGINT, 130, resume=True)),
    ("5 Dask SIGTERM, then rerun into -o", dask_case(signal.SIGTERM, 143, resume=False)),
]


if __name__ == "__main__":
    failed = 0
    for name, run in CASES:
        tried, held = run()
        failed += not held
        print(f"{name}: {'held' if held else 'NOT HELD'}: {tried}", flush=True)
    sys.exit(1 if failed else 0)
