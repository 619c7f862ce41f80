"""Processing on one machine: in this process (``--jobs 1``) or on a pool of worker processes.

Chunks of articles go to workers and records come back in submission order, so ``--jobs N``
writes exactly what ``--jobs 1`` writes. Only a few chunks are in flight at a time, which keeps
memory flat however long the input stream is.

Start-up: on Linux the pipeline is loaded once, in the parent, and the workers are *forked*
after it is loaded, so they start in milliseconds sharing its memory; a short batch no longer
pays each worker's second of imports and model loading. Elsewhere (no ``fork``; on macOS forking
a process that has loaded native frameworks is unsafe) workers are *spawned* and each builds its
pipeline in the pool initializer.

Signals: the parent decides. Workers ignore SIGINT and SIGTERM, so Ctrl-C or ``kill`` sent to
the whole process group (a terminal, ``timeout``, a scheduler) reaches only the parent's stop
policy (see :mod:`extractor.batch`) instead of killing workers mid-chunk; and workers die with
the parent (``PR_SET_PDEATHSIG`` on Linux, else a watchdog thread), so a parent killed with
SIGKILL leaves no worker behind. On a stop request the chunks not yet started are cancelled and
the ones already being analysed are finished and returned, so nothing analysed is thrown away.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from ..article import Article
from ..pipeline import Pipeline, Stages, batched
from ..records import FactRecord
from ..stats import StageTimer
from .stop import STOP_SIGNALS, stop_signals_blocked

#: Articles per task. Small, so that the last tasks of a short batch spread evenly over the
#: workers and a stop request has little in flight; pickling a chunk's records back costs ~3 ms.
#: (84 PolNeAR articles, --jobs 2: 8.4 s at 4 or 6 per task, 8.5 s at 2, 8.6 s at 8, 9.8 s at 16 spawned.)
CHUNK_SIZE = 4
#: Articles per pipeline call with ``--jobs 1``: what a stop request waits for (see process_serial).
SERIAL_CHUNK_SIZE = 16
_PR_SET_PDEATHSIG = 1

_worker_pipeline: Pipeline | None = None


def start_method() -> str:
    """'fork' on Linux (workers share the parent's loaded pipeline), else 'spawn'.

    Only a single-threaded process is forked: a lock another thread holds at the fork stays
    held forever in the child (a language detector loading in a background thread once hung
    ``--jobs 2`` that way), so any running thread means spawn, slower to start but safe.
    """
    if sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        return "fork"
    return "spawn"


def process_serial(
    articles: Iterable[Article], pipeline: Pipeline, timer: StageTimer | None = None, chunk_size: int | None = None
) -> Iterator[FactRecord]:
    """Records in this process, one small chunk at a time.

    The pipeline only hands out a chunk's records when the whole chunk is analysed; feeding it
    small chunks means a stop request (which ends ``articles``) waits for at most ``chunk_size``
    articles, all of which are then written, rather than for (or at the cost of) a chunk of 128.
    """
    for chunk in batched(articles, chunk_size or SERIAL_CHUNK_SIZE):
        yield from pipeline.process(chunk, timer)


def _die_with_parent(parent_pid: int) -> None:
    """Make this worker end when the parent ends, however it ends (SIGKILL included)."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0:
                if os.getppid() != parent_pid:  # the parent died before prctl took effect
                    os._exit(1)
                return
        except (OSError, AttributeError):
            pass
    threading.Thread(target=_watch_parent, args=(parent_pid,), name="extractor-watch-parent", daemon=True).start()


def _watch_parent(parent_pid: int, interval: float = 1.0) -> None:
    """Fallback where prctl is missing: an orphan is re-parented, so a changed ppid means exit."""
    while os.getppid() == parent_pid:
        time.sleep(interval)
    os._exit(1)


def _init_worker(parent_pid: int, model: str | None, stages: Stages, batch_size: int) -> None:
    for sig in STOP_SIGNALS:
        signal.signal(sig, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)  # blocked by the parent around the start
    _die_with_parent(parent_pid)
    global _worker_pipeline
    if _worker_pipeline is None:  # spawned; a forked worker inherited the parent's
        _worker_pipeline = Pipeline(model, stages, batch_size=batch_size)


def _process_chunk(chunk: tuple[Article, ...]) -> list[FactRecord]:
    assert _worker_pipeline is not None, "worker used before its initializer ran"
    return list(_worker_pipeline.process(chunk))


def _kill_workers(pool: ProcessPoolExecutor) -> None:
    """SIGKILL the workers (they ignore SIGTERM): used only when the parent must stop at once."""
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        try:
            process.kill()
        except (OSError, ValueError):
            pass


def process_parallel(
    articles: Iterable[Article],
    jobs: int,
    model: str | None = None,
    stages: Stages = Stages(),
    chunk_size: int | None = None,
    should_stop: Callable[[], bool] = lambda: False,
    load: Callable[[], Pipeline] | None = None,
) -> Iterator[FactRecord]:
    """Records for ``articles`` computed by ``jobs`` worker processes, in input order.

    ``load`` gives the pipeline forked workers share (default: a new ``Pipeline(model, stages)``);
    spawned workers build ``Pipeline(model, stages)`` themselves. When ``should_stop()`` turns
    true, chunks no worker has started are cancelled, and the records of the chunks before the
    first cancelled one are still returned (in order). An exception inside (e.g. the parent's
    second Ctrl-C) kills the workers at once.
    """
    method = start_method()
    global _worker_pipeline
    if method == "fork":
        _worker_pipeline = load() if load is not None else Pipeline(model, stages, batch_size=32)
    context = multiprocessing.get_context(method)
    pool = ProcessPoolExecutor(
        max_workers=jobs, mp_context=context, initializer=_init_worker, initargs=(os.getpid(), model, stages, 32)
    )
    clean = False
    try:
        in_flight: deque[Future[list[FactRecord]]] = deque()
        for chunk in batched(articles, chunk_size or CHUNK_SIZE):
            with stop_signals_blocked():  # workers are started by submit
                in_flight.append(pool.submit(_process_chunk, chunk))
            if len(in_flight) > 2 * jobs and not should_stop():
                yield from in_flight.popleft().result()
        while in_flight:
            if should_stop():
                for future in in_flight:
                    future.cancel()  # only chunks no worker has taken yet
            future = in_flight.popleft()
            if future.cancelled():
                break
            yield from future.result()
        clean = True
    finally:
        if not clean:
            _kill_workers(pool)
        pool.shutdown(wait=True, cancel_futures=True)
