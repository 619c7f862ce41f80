"""A whole batch run: read, analyse, write, report; resumable and safe to interrupt.

The CLI's ``extract`` command is a thin layer over :func:`run_batch`. JSON-lines output to a file
is written a whole line at a time and flushed, so an interrupted run (Ctrl-C, SIGTERM) stops
between records and keeps every finished one, and ``--resume`` carries on where it stopped.
JSON and CSV outputs are written to a temporary file and renamed when complete.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from .article import Article
from .engines.stop import StopFlag, StopNow, exit_status, graceful_stop
from .pipeline import Pipeline, Stages
from .records import FactRecord
from .stats import StageTimer
from .writers import make_writer, open_output


@dataclass
class BatchOptions:
    output: str | None = None
    fmt: str = "jsonl"
    csv_table: str = "quotes"
    published: str | None = None
    model: str | None = None
    max_chars: int = 1_000_000
    stages: Stages = field(default_factory=Stages)
    jobs: int = 1
    resume: bool = False
    progress: bool = False
    stats: str | None = None


@dataclass
class BatchSummary:
    articles: int = 0
    errors: int = 0
    skipped: int = 0
    seconds: float = 0.0
    interrupted: bool = False
    #: the signal that stopped the run (SIGINT, SIGTERM), or None
    signal: int | None = None
    error_messages: list[str] = field(default_factory=list)

    def exit_status(self) -> int:
        """0, or 128 + the signal that stopped the run (130 for Ctrl-C, 143 for SIGTERM), as shells do."""
        return exit_status(self.signal) if self.interrupted else 0

    def line(self) -> str:
        rate = self.articles / self.seconds if self.seconds else 0.0
        text = (
            f"extractor: {self.articles} article{'s' if self.articles != 1 else ''}, "
            f"{self.errors} error{'s' if self.errors != 1 else ''}, {self.seconds:.1f} s ({rate:.1f} articles/s)"
        )
        if self.skipped:
            text += f", {self.skipped} already done"
        if self.interrupted:
            text += ", interrupted: finished records kept; run again with --resume to continue"
        return text


class ResumeError(Exception):
    """--resume cannot be honoured with these options."""


def completed_ids(path: Path) -> set[str]:
    """Ids of the complete records in an earlier output; a torn last line is cut off the file."""
    if not path.exists():
        return set()
    done: set[str] = set()
    good_end = 0
    with path.open("rb") as handle:
        for raw in handle:
            if not raw.endswith(b"\n"):
                break
            try:
                done.add(json.loads(raw)["article"]["id"])
            except (json.JSONDecodeError, KeyError, TypeError):
                break
            good_end += len(raw)
    if good_end != path.stat().st_size:
        with path.open("r+b") as handle:
            handle.truncate(good_end)
    return done


def unique_ids(articles: Iterable[Article]) -> Iterator[Article]:
    """Give repeated ids a numbered suffix (``id#2``) and say so, so records never share an id."""
    seen: dict[str, int] = {}
    for article in articles:
        count = seen.get(article.id, 0) + 1
        seen[article.id] = count
        if count > 1:
            original = article.id
            article.id = f"{original}#{count}"
            while article.id in seen:
                count += 1
                article.id = f"{original}#{count}"
            seen[article.id] = 1
            article.warnings.append(("duplicate_id", f"{article.source or original}: id {original!r} was seen before; this record is {article.id!r}."))
        yield article


@contextmanager
def _open_target(options: BatchOptions) -> Iterator[IO[str]]:
    if options.output and options.fmt == "jsonl":
        path = Path(options.output)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a" if options.resume else "w", encoding="utf-8", newline="") as handle:
            yield handle
    else:
        with open_output(options.output) as handle:
            yield handle


def records_for(
    articles: Iterable[Article], options: BatchOptions, timer: StageTimer | None, stop: StopFlag | None = None
) -> Iterator[FactRecord]:
    """The engine's record stream: a worker pool for ``--jobs N``, else this process."""
    from .engines.local import process_parallel, process_serial

    def load() -> Pipeline:  # one loader, so forked workers get exactly the pipeline --jobs 1 uses
        from .api import get_pipeline

        return get_pipeline(options.model, options.stages.quotes, options.stages.claims, options.stages.attributions)

    if options.jobs > 1:
        should_stop = (lambda: stop.requested) if stop is not None else (lambda: False)
        return process_parallel(articles, options.jobs, options.model, options.stages, should_stop=should_stop, load=load)
    return process_serial(articles, load(), timer)


def run_batch(inputs: list[str], options: BatchOptions, on_error=None) -> BatchSummary:
    """Process every article of ``inputs`` into ``options.output``; returns the counts.

    Interrupted (see :class:`StopFlag`), it still writes every record analysed before the stop,
    closes the output properly and returns with ``summary.signal`` set.
    """
    from .readers import read_inputs

    if options.resume and not (options.output and options.fmt == "jsonl"):
        raise ResumeError("--resume needs JSON-lines output to a file (-o FILE, --format jsonl).")
    started = time.monotonic()
    summary = BatchSummary()
    done = completed_ids(Path(options.output)) if options.resume else set()
    timer = StageTimer() if options.stats else None

    with graceful_stop() as stop, _open_target(options) as out:

        def pending() -> Iterator[Article]:
            for article in unique_ids(read_inputs(inputs, published=options.published, max_chars=options.max_chars)):
                if stop.requested:  # the first signal ends the input; what was handed out is finished
                    return
                if article.id in done:
                    summary.skipped += 1
                    continue
                yield article

        writer = make_writer(out, options.fmt, options.csv_table)
        progress = _progress_bar(options.progress)
        records = records_for(pending(), options, timer, stop)
        try:
            while not stop.now:
                stop.interruptible = True  # a second signal may cut the wait for the next record short
                try:
                    record = next(records, None)
                finally:
                    stop.interruptible = False
                if record is None:
                    break
                writer.write(record)
                summary.articles += 1
                if record.error:
                    summary.errors += 1
                    if on_error:
                        on_error(record.error.message)
                if progress is not None:
                    progress.update(1)
                    progress.set_postfix(errors=summary.errors, refresh=False)
        except StopNow:
            pass
        finally:
            close = getattr(records, "close", None)
            if close is not None:
                close()  # ends a worker pool at once if the stream was cut short
            if progress is not None:
                progress.close()
        writer.close()
    summary.signal = stop.signum
    summary.interrupted = stop.requested
    summary.seconds = time.monotonic() - started
    if timer and options.stats:
        timer.write(options.stats, summary.articles, summary.seconds)
    return summary


def _progress_bar(enabled: bool):
    if not enabled:
        return None
    from tqdm import tqdm

    class Bar(tqdm):
        monitor_interval = 0  # no monitor thread: worker processes are forked only from a single-threaded parent

    return Bar(unit=" articles", file=sys.stderr, dynamic_ncols=True, smoothing=0.1)


def stderr_is_terminal() -> bool:
    return sys.stderr.isatty() and os.environ.get("TERM") != "dumb"
