"""Reading PolNeAR: its brat standoff attributions (Source, Cue, Content) and its texts, per split.

Kept apart from the scoring (:mod:`.polnear`) because the training scripts read the corpus too
(scripts/train_speakers.py, train_quotes.py, polnear_pronoun_tasks.py) without scoring anything.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

_SPAN_LINE = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t")
_EVENT_LINE = re.compile(r"^(E\d+)\t(.*)$")


@dataclass
class Attribution:
    content: list[tuple[int, int]]
    source: list[tuple[int, int]] = field(default_factory=list)
    cue: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Article:
    name: str
    text: str
    published: str | None
    attributions: list[Attribution]
    swapped: int = 0  # attributions whose source and cue the annotator swapped (read back the right way)


def parse_spans(field_text: str) -> list[tuple[int, int]]:
    return [(int(a), int(b)) for a, b in (piece.split() for piece in field_text.split(";"))]


def parse_ann(text: str) -> list[Attribution]:
    """Attributions of one brat file; lines broken by newlines inside span texts are skipped."""
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events: list[str] = []
    for line in text.splitlines():
        if m := _SPAN_LINE.match(line):
            spans[m.group(1)] = (m.group(2), parse_spans(m.group(3)))
        elif m := _EVENT_LINE.match(line):
            events.append(m.group(2))
    out = []
    for event in events:
        roles: dict[str, list[tuple[int, int]]] = {}
        for arg in event.split():
            role, _, ref = arg.partition(":")
            if ref in spans:
                roles[role] = spans[ref][1]
        if roles.get("Content"):
            out.append(Attribution(roles["Content"], roles.get("Source", []), roles.get("Cue", [])))
    return out


#: Reporting verbs that, alone, are never the source of an attribution.
_VERB_ONLY = re.compile(r"(?:said|says|say|told|tells|added|adds|asked|asks|wrote|writes|explained|noted|tweeted|"
                        r"argued|insisted|stated|remarked|replied|recalled)", re.IGNORECASE)


def unswap(text: str, attributions: list[Attribution]) -> int:
    """Put back source and cue where the annotator swapped them; return how many.

    In '"...," said Hester.' a few PolNeAR annotations have "said" as the source and "Hester" as
    the cue. No speaker can match a verb, so the pair is read the right way round: a source that
    is a lone reporting verb, with a cue that starts with a capital ("Hester", "He").
    """
    fixed = 0
    for a in attributions:
        source = " ".join(text[s:e] for s, e in a.source).strip()
        cue = " ".join(text[s:e] for s, e in a.cue).strip()
        if _VERB_ONLY.fullmatch(source) and cue[:1].isupper():
            a.source, a.cue = a.cue, a.source
            fixed += 1
    return fixed


def read_metadata(directory: Path) -> dict[str, dict[str, str]]:
    with open(directory / "metadata.tsv", encoding="utf-8", newline="") as fh:
        return {row["filename"]: row for row in csv.DictReader(fh, delimiter="\t")}


def read_split(directory: str | Path, split: str) -> list[Article]:
    """Articles of a split, each with the first annotator's attributions (files in sorted order)."""
    directory = Path(directory)
    meta = read_metadata(directory)
    ann_dir = directory / split / "attributions"
    ann_files = sorted(p.name for p in ann_dir.glob("*.ann"))
    articles = []
    for txt in sorted((directory / split / "text").glob("*.txt")):
        name = txt.stem
        candidates = [f for f in ann_files if f.startswith(name + "_") and "_" not in f[len(name) + 1 :]]
        attributions = parse_ann((ann_dir / candidates[0]).read_text(encoding="utf-8")) if candidates else []
        published = (meta.get(name) or {}).get("publication_date") or None
        text = txt.read_text(encoding="utf-8")
        articles.append(Article(name, text, published, attributions, unswap(text, attributions)))
    return articles
