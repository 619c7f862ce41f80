"""The append-only review log, FACTS.review.jsonl: one JSON line per decision.

Every decision is written as one line, flushed and fsync'ed before the page is told it is saved,
so a crash of the server (or the machine) loses nothing already clicked. Nothing is ever
rewritten: reading back, the latest line per (record_id, item_id) wins. A torn last line left by
a hard kill is ignored when reading and fenced off by a newline before the next append.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from ..readers.safejson import JsonTooDeep, loads_bounded
from .models import ReviewLine

Key = tuple[str, str]  # (record_id, item_id)


@dataclass
class ReviewLog:
    """What a review file holds: the latest line per item, and the lines that could not be read."""

    latest: dict[Key, ReviewLine] = field(default_factory=dict)
    lines: int = 0
    problems: list[str] = field(default_factory=list)

    def get(self, record_id: str, item_id: str) -> ReviewLine | None:
        return self.latest.get((record_id, item_id))


def read_log(path: Path) -> ReviewLog:
    """Read a review file; a missing file is an empty log. Bad lines are reported, never fatal."""
    log = ReviewLog()
    if not path.exists():
        return log
    raw = path.read_bytes()
    chunks = raw.split(b"\n")
    for number, chunk in enumerate(chunks, start=1):
        if not chunk.strip():
            continue
        last = number == len(chunks)  # no newline after it: possibly torn by a crash mid-write
        try:
            line = ReviewLine.model_validate(loads_bounded(chunk.decode("utf-8")))
        except (UnicodeDecodeError, json.JSONDecodeError, JsonTooDeep, ValidationError) as exc:
            if not last:
                reason = exc.errors()[0]["msg"] if isinstance(exc, ValidationError) else str(exc)
                log.problems.append(f"{path}:{number}: unreadable decision ({reason}); ignored")
            continue
        log.lines += 1
        log.latest[(line.record_id, line.item_id)] = line
    return log


class ReviewStore:
    """Appends decisions to one review file; safe to share between the server's threads.

    A decision may depend on the item's current state (accepting a claim keeps its verdict), so
    :meth:`update` reads that state, builds the new line and appends it under one lock: a
    verdict saved by another thread in between can never be overwritten by an older one.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self.log = read_log(path)

    def append(self, line: ReviewLine) -> None:
        """Write one decision durably, then make it the item's current state."""
        with self._lock:
            self._append_locked(line)

    def update(self, record_id: str, item_id: str, make: Callable[[ReviewLine | None], ReviewLine]) -> ReviewLine:
        """Append ``make(current line)`` for the item, read and written under one lock.

        Whatever ``make`` raises (a refused decision) propagates and nothing is written.
        """
        with self._lock:
            line = make(self.log.get(record_id, item_id))
            self._append_locked(line)
            return line

    def _append_locked(self, line: ReviewLine) -> None:
        data = (line.to_json() + "\n").encode("utf-8")
        created = not self.path.exists()
        if not created and not _ends_with_newline(self.path):
            data = b"\n" + data  # fence off a torn last line instead of extending it
        with self.path.open("ab") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if created:
            _fsync_dir(self.path.parent)
        self.log.lines += 1
        self.log.latest[(line.record_id, line.item_id)] = line

    def get(self, record_id: str, item_id: str) -> ReviewLine | None:
        with self._lock:
            return self.log.get(record_id, item_id)

    def snapshot(self) -> dict[Key, ReviewLine]:
        with self._lock:
            return dict(self.log.latest)


def _ends_with_newline(path: Path) -> bool:
    """True for an empty file or one whose last byte is a newline."""
    if path.stat().st_size == 0:
        return True
    with path.open("rb") as handle:
        handle.seek(-1, os.SEEK_END)
        return handle.read(1) == b"\n"


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:  # pragma: no cover - platforms without directory handles
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)
