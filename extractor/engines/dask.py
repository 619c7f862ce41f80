"""The cluster engine: the same per-partition work as a local run, scheduled by Dask.

A partition is a group of input files or a byte range of whole lines in a JSON-lines file, so a
single huge export spreads over the cluster too. Each worker process builds the pipeline once
(cached per process) and writes its own part file; the driver writes a manifest listing the
parts in input order, so concatenating them gives what a local run writes. Dask is an optional
extra (``pip install extractor[dask]``): nothing else in extractor imports this module.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..article import Article
from ..readers import iter_paths, read_inputs
from ..readers.jsonl import articles_from_lines
from ..records import SCHEMA_VERSION

MANIFEST = "manifest.json"


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
    name = f"part-{partition.index:05d}.jsonl"
    target = Path(out_dir) / name
    tmp = target.with_name(f".{name}.tmp")
    articles = errors = 0
    with tmp.open("w", encoding="utf-8") as handle:
        for record in pipeline.process(partition_articles(partition, options.get("published"), options.get("max_chars", 1_000_000))):
            handle.write(record.model_dump_json() + "\n")
            articles += 1
            errors += record.error is not None
    os.replace(tmp, target)
    return PartResult(file=name, articles=articles, errors=errors)


def run_dask(inputs: list[str], out_dir: str, options: dict, scheduler: str | None = None, workers: int = 2) -> dict:
    """Process ``inputs`` on a Dask cluster (a LocalCluster when no scheduler address is given)."""
    try:
        import dask.bag as db
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise DaskMissing("The dask engine needs Dask: pip install 'extractor[dask]'") from exc
    started = time.monotonic()
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    partitions = plan_partitions(inputs)
    cluster = None if scheduler else LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
    try:
        with Client(scheduler or cluster) as client:
            bag = db.from_sequence(partitions, npartitions=max(1, len(partitions)))
            results: list[PartResult] = bag.map(process_partition, str(out_dir), options).compute(scheduler=client)
    finally:
        if cluster is not None:
            cluster.close()
    manifest = {
        "schema_version": SCHEMA_VERSION,
        "parts": [asdict(r) for r in results],
        "articles": sum(r.articles for r in results),
        "errors": sum(r.errors for r in results),
        "seconds": round(time.monotonic() - started, 3),
    }
    Path(out_dir, MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def read_parts(out_dir: str | Path) -> Iterator[str]:
    """The JSON lines of a dask run, in input order, as listed by its manifest."""
    manifest = json.loads(Path(out_dir, MANIFEST).read_text(encoding="utf-8"))
    for part in manifest["parts"]:
        with Path(out_dir, part["file"]).open(encoding="utf-8") as handle:
            yield from handle
