"""The real-news gold files (corpus/news-gold): loading, and placing their spans in today's text.

A gold file stores offsets into the text the product extracted from the page when it was
annotated, that text's SHA-256, and for each span a short left context plus its words (or, for a
long span, its head and tail: the gold never holds whole paragraphs). When the extracted text
changes (a new HTML reader, a trafilatura upgrade), the offsets would silently point at other
words; instead each span is found again by its words and context, and the evaluator reports
which pages changed and how many spans could not be placed.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Placement:
    """How a gold file's spans fared against the current text of its page."""

    changed: bool = False
    placed: int = 0
    lost: list[str] = field(default_factory=list)


def load_gold(directory: Path) -> list[dict]:
    """Every ``<page id>.json`` of a gold directory, sorted by id (guidelines and other files skipped)."""
    files = sorted(p for p in directory.glob("*.json") if len(p.stem) == 64)
    return [json.loads(p.read_text(encoding="utf-8")) for p in files]


def _suffix_match(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def _find_all(text: str, needle: str) -> list[int]:
    found, start = [], text.find(needle)
    while start != -1:
        found.append(start)
        start = text.find(needle, start + 1)
    return found


def locate(span: dict, text: str, unchanged: bool) -> tuple[int, int] | None:
    """The span's (start, end) in ``text``: its own offsets when the text is the annotated one,
    else the occurrence of its words whose left context matches best (ties: nearest the old offset)."""
    start, end = int(span["start"]), int(span["end"])
    if unchanged:
        return start, end
    head = span.get("text") or span.get("head") or ""
    if not head:
        return None
    candidates = _find_all(text, head)
    if not candidates:
        return None
    before = span.get("before", "")
    best = max(candidates, key=lambda s: (_suffix_match(text[max(0, s - len(before)) : s], before), -abs(s - start)))
    if "text" in span:
        return best, best + len(head)
    tail = span.get("tail", "")
    stop = text.find(tail, best + len(head) - len(tail) if len(tail) < len(head) else best, best + 2 * (end - start) + len(tail))
    if stop == -1:
        return None
    return best, stop + len(tail)


def placed_gold(gold: dict, text: str) -> tuple[dict, Placement]:
    """A copy of ``gold`` whose spans carry (start, end) into ``text``; spans that cannot be found are dropped."""
    unchanged = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest() == gold["text_sha256"]
    report = Placement(changed=not unchanged)

    def place(span: dict | None, what: str) -> tuple[int, int] | None:
        if span is None:
            return None
        where = locate(span, text, unchanged)
        if where is None:
            report.lost.append(f"{what} {span.get('text') or span.get('head')!r}")
        else:
            report.placed += 1
        return where

    out = {key: gold.get(key) for key in ("id", "kind", "language", "published", "notes")}
    out["furniture"] = [r for r in (place(f, "furniture") for f in gold.get("furniture", [])) if r]
    out["entities"] = []
    for entity in gold.get("entities", []):
        mentions = [m for m in (place(m, "mention") for m in entity["mentions"]) if m]
        if mentions:
            out["entities"].append({"type": entity["type"], "name": entity["name"], "mentions": mentions})
    for kind in ("quotes", "attributions"):
        out[kind] = []
        for item in gold.get(kind, []):
            spans = [s for s in (place(s, kind[:-1]) for s in item["spans"]) if s]
            if spans:
                out[kind].append({**item, "spans": spans, "cue": place(item.get("cue"), "cue"),
                                  "speaker_mention": place(item.get("speaker_mention"), "speaker mention")})
    out["dates"] = [{**d, "span": s} for d in gold.get("dates", []) if (s := place(d, "date"))]
    out["claims"] = [{**c, "span": s} for c in gold.get("claims", []) if (s := place(c, "claim"))]
    return out, report
