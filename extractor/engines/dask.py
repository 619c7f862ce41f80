"""The cluster engine: the same per-partition work as a local run, scheduled by Dask.

A partition is a group of input files or a byte range of whole lines in a JSON-lines file, so a
single huge export spreads over the cluster too. Each worker process builds the pipeline once
(cached per process) and writes its own part file, atomically; the driver rewrites the manifest
as each part finishes, listing the finished parts in input order, so concatenating them gives
what a local run writes (see :mod:`.parts` for the folder, ``--resume`` and reruns).

Stopping (:mod:`.stop`): a partition is too big a unit to wait for, so on the first SIGINT or
SIGTERM the driver cancels every partition not finished, stops the cluster, removes temporary
files and leaves a manifest of the finished parts; ``--resume`` redoes only the rest. Workers
of the LocalCluster never see the signals (they are started with them blocked), so a Ctrl-C
prints no task tracebacks. Dask is an optional extra (``pip install extractor[dask]``): nothing
else in extractor imports this module.
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..article import Article
from ..readers import iter_paths, read_inputs
from ..readers.jsonl import articles_from_lines
from ..records import SCHEMA_VERSION
from .parts import MANIFEST, input_digest, part_name, prepare_folder, read_parts, remove_unlisted_parts, reusable, write_atomic
from .stop import StopFlag, exit_status, graceful_stop, stop_signals_ignored

__all__ = ["MANIFEST", "DaskMissing", "plan_partitions", "process_partition", "read_parts", "run_dask", "summary_line"]

#: The options a part depends on, with their defaults; recorded in the manifest for --resume.
OPTION_DEFAULTS: dict = {"published": None, "model": None, "max_chars": 1_000_000, "quotes": True, "claims": True, "attributions": True}


class DaskMissing(RuntimeError):
    """Dask is not installed."""


@dataclass
class Partition:
    """What one task reads: whole files, or lines [first_line, ...) at bytes [start, end) of one JSON-lines file."""

    index: int
    paths: list[str] = field(default_factory=list)
    jsonl: str | None = None
    start: int = 0
    end: int = 0
    first_line: int = 1


@dataclass
class PartResult:
    file: str
    articles: int
    errors: int
    index: int = 0


def plan_partitions(inputs: list[str], lines_per_partition: int = 500, files_per_partition: int = 50) -> list[Partition]:
    """Split the inputs into partitions, in input order."""
    partitions: list[Partition] = []
    pending_files: list[str] = []

    def flush_files() -> None:
        if pending_files:
            partitions.append(Partition(index=len(partitions), paths=list(pending_files)))
            pending_files.clear()

    for path in iter_paths(inputs):
        if path == "-":
            raise ValueError("the dask engine reads files, not stdin; save the input to a file first.")
        if path.suffix.lower() in (".jsonl", ".ndjson"):
            flush_files()
            for start, end, first_line in line_ranges(path, lines_per_partition):
                partitions.append(Partition(index=len(partitions), jsonl=str(path), start=start, end=end, first_line=first_line))
        else:
            pending_files.append(str(path))
            if len(pending_files) >= files_per_partition:
                flush_files()
    flush_files()
    return partitions


def line_ranges(path: Path, lines_per_partition: int) -> Iterator[tuple[int, int, int]]:
    """Byte ranges of ``lines_per_partition`` whole lines each: (start, end, first line number)."""
    start = offset = 0
    lines = 0
    first_line = 1
    with path.open("rb") as handle:
        for raw in handle:
            offset += len(raw)
            lines += 1
            if lines % lines_per_partition == 0:
                yield start, offset, first_line
                start, first_line = offset, lines + 1
    if offset > start:
        yield start, offset, first_line


def partition_articles(partition: Partition, published: str | None, max_chars: int) -> Iterator[Article]:
    if partition.jsonl is None:
        yield from read_inputs(partition.paths, published=published, max_chars=max_chars)
        return
    path = Path(partition.jsonl)
    with path.open("rb") as handle:
        handle.seek(partition.start)
        data = handle.read(partition.end - partition.start)
    for article in articles_from_lines(data.splitlines(keepends=True), path.stem, str(path), max_chars, partition.first_line):
        if article.published is None and published is not None:
            article.published = published
        yield article


def process_partition(partition: Partition, out_dir: str, options: dict) -> PartResult:
    """Runs on a worker: analyse one partition and write its part file (atomically)."""
    from ..api import get_pipeline

    pipeline = get_pipeline(
        options.get("model"), options.get("quotes", True), options.get("claims", True), options.get("attributions", True)
    )
    name = part_name(partition.index)
    target = Path(out_dir) / name
    tmp = target.with_name(f".{name}.tmp")
    articles = errors = 0
    with tmp.open("w", encoding="utf-8") as handle:
        for record in pipeline.process(partition_articles(partition, options.get("published"), options.get("max_chars", 1_000_000))):
            handle.write(record.model_dump_json() + "\n")
            articles += 1
            errors += record.error is not None
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, target)
    return PartResult(file=name, articles=articles, errors=errors, index=partition.index)


class _Manifest:
    """The manifest as the driver keeps it: finished parts by index, rewritten atomically on change."""

    def __init__(self, folder: Path, options: dict, partitions: int, started: float) -> None:
        self.folder, self.options, self.partitions, self.started = folder, options, partitions, started
        self.parts: dict[int, dict] = {}
        self.failures: list[str] = []
        self.skipped = 0
        self.signal: int | None = None

    def add(self, entry: dict) -> None:
        self.parts[entry["index"]] = entry
        self.write()

    def as_dict(self) -> dict:
        parts = [self.parts[i] for i in sorted(self.parts)]
        return {
            "schema_version": SCHEMA_VERSION,
            "complete": len(parts) == self.partitions,
            "partitions": self.partitions,
            "options": self.options,
            "parts": parts,
            "articles": sum(p["articles"] for p in parts),
            "errors": sum(p["errors"] for p in parts),
            "seconds": round(time.monotonic() - self.started, 3),
        }

    def write(self) -> None:
        write_atomic(self.folder / MANIFEST, json.dumps(self.as_dict(), indent=2) + "\n")


def run_dask(
    inputs: list[str], out_dir: str, options: dict, scheduler: str | None = None, workers: int = 2, resume: bool = False
) -> dict:
    """Process ``inputs`` on a Dask cluster (a LocalCluster when no scheduler address is given).

    Returns the manifest, plus ``skipped_parts`` (reused by --resume), ``failures`` (partitions
    whose task failed: rerun with --resume), ``signal`` (what stopped the run, or None) and
    ``replaced`` (an earlier run in the folder was replaced).
    """
    try:
        import distributed  # noqa: F401
    except ImportError as exc:
        raise DaskMissing("The dask engine needs Dask: pip install 'extractor[dask]'") from exc
    started = time.monotonic()
    folder = Path(out_dir)
    run_options = {**OPTION_DEFAULTS, **options}  # every option is recorded, so --resume compares them all
    partitions = plan_partitions(inputs)
    with graceful_stop() as stop:
        replaced = not resume and (folder / MANIFEST).is_file()
        earlier = prepare_folder(folder, resume, run_options)
        manifest = _Manifest(folder, run_options, len(partitions), started)
        todo: list[Partition] = []
        digests: dict[int, str] = {}
        for partition in partitions:
            digests[partition.index] = input_digest(partition.paths, partition.jsonl, partition.start, partition.end)
            if reusable(folder, earlier.get(partition.index), digests[partition.index]):
                manifest.parts[partition.index] = earlier[partition.index]
            else:
                todo.append(partition)
        manifest.skipped = len(manifest.parts)
        remove_unlisted_parts(folder, {p["file"] for p in manifest.parts.values()})
        manifest.write()
        if todo and not stop.requested:
            try:
                _compute(todo, digests, folder, run_options, manifest, stop, scheduler, workers)
            finally:
                for tmp in folder.glob(".part-*.tmp"):  # a cancelled task's unfinished part
                    tmp.unlink(missing_ok=True)
                # a part written just as the run stopped, before the driver heard of it: redone on --resume
                remove_unlisted_parts(folder, {p["file"] for p in manifest.parts.values()})
        manifest.signal = stop.signum
        manifest.write()
    result = manifest.as_dict()
    result.update(skipped_parts=manifest.skipped, failures=manifest.failures, signal=manifest.signal, replaced=replaced)
    return result


def _compute(
    todo: list[Partition], digests: dict[int, str], folder: Path, options: dict, manifest: _Manifest,
    stop: StopFlag, scheduler: str | None, workers: int,
) -> None:
    """Run the partitions, recording each part as it finishes, until done or asked to stop."""
    from distributed import Client, LocalCluster

    cluster = client = None
    try:
        with stop_signals_ignored():  # LocalCluster workers inherit the ignored SIGINT/SIGTERM
            if scheduler is None:
                cluster = LocalCluster(
                    n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=logging.CRITICAL
                )
            client = Client(scheduler or cluster)
        futures = client.map(process_partition, todo, out_dir=str(folder), options=options, pure=False)
        pending = dict(zip(futures, todo, strict=True))
        while pending and not stop.requested:
            finished = [f for f in pending if f.done()]
            if not finished:
                time.sleep(0.1)
            for future in finished:
                _record(future, pending.pop(future), digests, manifest)
        if pending:
            client.cancel([f for f in pending if not f.done()], force=True)
            for future in [f for f in pending if f.status == "finished"]:  # finished while we were stopping
                _record(future, pending.pop(future), digests, manifest)
            client.cancel(list(pending), force=True)
            if cluster is not None:  # ours: end the workers now rather than after their partitions
                cluster.sync(_stop_workers_now, cluster)
    finally:
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()


def _record(future, partition: Partition, digests: dict[int, str], manifest: _Manifest) -> None:
    """Add a finished part to the manifest, or note why its partition failed."""
    try:
        result: PartResult = future.result()
    except Exception as exc:  # noqa: BLE001 - one failed partition must not lose the others
        manifest.failures.append(f"partition {partition.index} ({partition.jsonl or partition.paths[0]}): {type(exc).__name__}: {exc}")
        return
    manifest.add({
        "index": result.index, "file": result.file, "articles": result.articles, "errors": result.errors,
        "input_sha256": digests[result.index],
    })


async def _stop_workers_now(cluster, grace: float = 0.5) -> None:
    """Close each LocalCluster worker (its nanny first, so none is restarted), killing it after ``grace`` s.

    A nanny otherwise waits several seconds for the running partition before killing its
    worker; that partition is dropped anyway.
    """
    import asyncio

    await asyncio.gather(*(nanny.close(timeout=grace) for nanny in list(cluster.workers.values())), return_exceptions=True)


def summary_line(manifest: dict, out_dir: str) -> str:
    """The run's last stderr line, worded like a local run's."""
    parts, total = len(manifest["parts"]), manifest["partitions"]
    text = (
        f"extractor: {manifest['articles']} articles, {manifest['errors']} errors, {manifest['seconds']:.1f} s, "
        f"{parts} of {total} parts -> {Path(out_dir) / MANIFEST}"
    )
    if manifest.get("skipped_parts"):
        text += f", {manifest['skipped_parts']} part{'s' if manifest['skipped_parts'] != 1 else ''} already done"
    if manifest.get("failures"):
        text += f", {len(manifest['failures'])} partition(s) failed: run again with --resume to retry"
    if manifest.get("signal"):
        text += ", interrupted: finished parts kept; run again with --resume to continue"
    return text


def dask_exit_status(manifest: dict) -> int:
    """128 + signal when interrupted, 1 when a partition failed, else 0."""
    if manifest.get("signal"):
        return exit_status(manifest["signal"])
    return 1 if manifest.get("failures") else 0
