"""Parallel processing on one machine: a pool of worker processes, each with its own pipeline.

Chunks of articles go to workers and records come back in submission order, so ``--jobs N``
writes exactly what ``--jobs 1`` writes. Only a few chunks are in flight at a time, which keeps
memory flat however long the input stream is. Workers are started with *spawn* (safe with
threads, the default on macOS and Windows), so everything they need is set up by importing
extractor in the child: the pipeline is built once per worker by the pool initializer.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from ..article import Article
from ..pipeline import Pipeline, Stages, batched
from ..records import FactRecord

_worker_pipeline: Pipeline | None = None


def _init_worker(model: str | None, stages: Stages, batch_size: int) -> None:
    global _worker_pipeline
    _worker_pipeline = Pipeline(model, stages, batch_size=batch_size)


def _process_chunk(chunk: tuple[Article, ...]) -> list[FactRecord]:
    assert _worker_pipeline is not None, "worker used before its initializer ran"
    return list(_worker_pipeline.process(chunk))


def process_parallel(
    articles: Iterable[Article],
    jobs: int,
    model: str | None = None,
    stages: Stages = Stages(),
    chunk_size: int = 16,
    batch_size: int = 16,
) -> Iterator[FactRecord]:
    """Records for ``articles`` computed by ``jobs`` worker processes, in input order."""
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_init_worker, initargs=(model, stages, batch_size)) as pool:
        in_flight: deque[Future[list[FactRecord]]] = deque()
        for chunk in batched(articles, chunk_size):
            in_flight.append(pool.submit(_process_chunk, chunk))
            if len(in_flight) > 2 * jobs:
                yield from in_flight.popleft().result()
        while in_flight:
            yield from in_flight.popleft().result()
