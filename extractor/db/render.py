"""Query results as a table for the terminal, CSV or JSON lines: the three --format choices."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable

FORMATS = ("table", "csv", "jsonl")
_WIDE = 90  # a quote or claim longer than this is cut in a table (never in csv or jsonl)


def _cell(value, wide: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        text = f"{value:.2f}"
    else:
        text = " ".join(str(value).split())
    return text if not wide or len(text) <= _WIDE else text[: _WIDE - 1] + "…"


def render(rows: Iterable[dict], fmt: str, columns: list[str]) -> str:
    """``rows`` as text in ``fmt``; ``columns`` fixes the order (and the header of an empty result)."""
    rows = list(rows)
    if fmt == "jsonl":
        return "".join(json.dumps({c: r.get(c) for c in columns}, ensure_ascii=False) + "\n" for r in rows)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return out.getvalue()
    cells = [[_cell(r.get(c), wide=True) for c in columns] for r in rows]
    widths = [max([len(c)] + [len(line[i]) for line in cells]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(v.ljust(w) for v, w in zip(line, widths)).rstrip() for line in cells]
    return "\n".join(lines) + "\n"
