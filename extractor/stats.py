"""Per-stage wall-clock timing for ``--stats``.

spaCy chains its components as lazy generators, so the time spent pulling one doc out of a
stage includes every stage upstream of it. Timing each generator's ``next()`` and subtracting
the upstream total gives each stage its own share without touching spaCy's internals.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


class StageTimer:
    """Cumulative seconds per named stage, in pipeline order."""

    def __init__(self) -> None:
        self.cumulative: dict[str, float] = {}
        self.extra: dict[str, float] = {}

    def timed(self, name: str, items: Iterable[T]) -> Iterator[T]:
        """Yield from ``items``, adding the time each ``next()`` takes (upstream included) to ``name``.

        Call it in pipeline order (innermost generator first): that order is what lets
        :meth:`stage_seconds` subtract each stage's upstream time.
        """
        self.cumulative.setdefault(name, 0.0)
        return self._timed(name, iter(items))

    def _timed(self, name: str, iterator: Iterator[T]) -> Iterator[T]:
        while True:
            started = time.perf_counter()
            try:
                item = next(iterator)
            except StopIteration:
                self.cumulative[name] += time.perf_counter() - started
                return
            self.cumulative[name] += time.perf_counter() - started
            yield item

    def add(self, name: str, seconds: float) -> None:
        """Time for work outside the generator chain (reading, building records, writing)."""
        self.extra[name] = self.extra.get(name, 0.0) + seconds

    def stage_seconds(self) -> dict[str, float]:
        own: dict[str, float] = {}
        upstream = 0.0
        for name, total in self.cumulative.items():
            own[name] = max(0.0, total - upstream)
            upstream = total
        for name, seconds in self.extra.items():
            own[name] = own.get(name, 0.0) + seconds
        return own

    def write(self, path: str | Path, articles: int, seconds: float) -> None:
        stages = self.stage_seconds()
        payload = {
            "articles": articles,
            "seconds": round(seconds, 3),
            "stages": {name: {"seconds": round(s, 3), "share": round(s / seconds, 3) if seconds else 0.0} for name, s in stages.items()},
        }
        Path(path).write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
