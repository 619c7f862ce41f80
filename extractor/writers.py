"""Record writers: JSON lines, a JSON array, or CSV tables, to stdout or atomically to a file."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Protocol

from .records import FactRecord

FORMATS = ("jsonl", "json", "csv")
CSV_TABLES = ("quotes", "attributions", "entities", "dates", "claims")


class Writer(Protocol):
    def write(self, record: FactRecord) -> None: ...
    def close(self) -> None: ...


def record_json(record: FactRecord) -> str:
    """One record as compact JSON; non-ASCII kept as is so names stay readable."""
    return record.model_dump_json()


class JsonLinesWriter:
    def __init__(self, out: IO[str]) -> None:
        self.out = out

    def write(self, record: FactRecord) -> None:
        self.out.write(record_json(record) + "\n")
        self.out.flush()

    def close(self) -> None:
        pass


class JsonArrayWriter:
    """A JSON array written record by record, so memory stays flat."""

    def __init__(self, out: IO[str]) -> None:
        self.out = out
        self.count = 0

    def write(self, record: FactRecord) -> None:
        self.out.write(("[\n" if self.count == 0 else ",\n") + record_json(record))
        self.count += 1

    def close(self) -> None:
        self.out.write("[]\n" if self.count == 0 else "\n]\n")


def _quote_rows(record: FactRecord) -> Iterator[dict]:
    return _said_rows(record, record.quotes, "quote_id")


def _attribution_rows(record: FactRecord) -> Iterator[dict]:
    return _said_rows(record, record.attributions, "attribution_id")


def _said_rows(record: FactRecord, items: list, id_column: str) -> Iterator[dict]:
    for q in items:
        speaker = q.speaker
        yield {
            "article_id": record.article.id,
            id_column: q.id,
            "type": q.type,
            "speaker": speaker.name if speaker else "",
            "speaker_entity_id": (speaker.entity_id or "") if speaker else "",
            "speaker_mention": speaker.mention.text if speaker and speaker.mention else "",
            "cue": q.cue.text if q.cue else "",
            "content": q.content,  # the quoted words alone; text (start:end) also covers the narration between spans
            "text": q.text,
            "start": q.start,
            "end": q.end,
            "confidence": q.confidence,
        }


def _entity_rows(record: FactRecord) -> Iterator[dict]:
    for e in record.entities:
        yield {
            "article_id": record.article.id,
            "entity_id": e.id,
            "type": e.type,
            "name": e.name,
            "country_code": e.country_code or "",
            "mentions": len(e.mentions),
            "first_start": e.mentions[0].start if e.mentions else "",
        }


def _date_rows(record: FactRecord) -> Iterator[dict]:
    for d in record.dates:
        yield {
            "article_id": record.article.id,
            "date_id": d.id,
            "text": d.text,
            "value": d.value or "",
            "type": d.type,
            "granularity": d.granularity or "",
            "start": d.start,
            "end": d.end,
        }


def _claim_rows(record: FactRecord) -> Iterator[dict]:
    for c in record.claims:
        yield {
            "article_id": record.article.id,
            "claim_id": c.id,
            "text": c.text,
            "checkworthiness": c.checkworthiness,
            "claimant": c.claimant.name if c.claimant and c.claimant.name else "",
            "quote_id": c.quote_id or "",
            "quantities": "; ".join(q.text for q in c.quantities),
            "start": c.start,
            "end": c.end,
        }


CSV_ROWS = {"quotes": _quote_rows, "attributions": _attribution_rows, "entities": _entity_rows, "dates": _date_rows, "claims": _claim_rows}
CSV_COLUMNS = {
    "quotes": ["article_id", "quote_id", "type", "speaker", "speaker_entity_id", "speaker_mention", "cue", "content", "text", "start", "end", "confidence"],
    "attributions": ["article_id", "attribution_id", "type", "speaker", "speaker_entity_id", "speaker_mention", "cue", "content", "text", "start", "end", "confidence"],
    "entities": ["article_id", "entity_id", "type", "name", "country_code", "mentions", "first_start"],
    "dates": ["article_id", "date_id", "text", "value", "type", "granularity", "start", "end"],
    "claims": ["article_id", "claim_id", "text", "checkworthiness", "claimant", "quote_id", "quantities", "start", "end"],
}


#: A spreadsheet reads a cell starting with one of these as a formula (tab and CR too: some
#: programs strip them and then see the formula behind).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    """A CSV cell a spreadsheet shows as written: text that would start a formula gets a leading '.

    Only text is escaped. Numbers (offsets, confidences, counts, ratings) come from number
    columns as ``int``/``float`` and stay numbers, so a -3.5 there is still summable; the same
    characters as text (a quote reading "-3.5%") are escaped like any other text. Every CSV
    writer (``extract --format csv``, ``review --export``) goes through this one function.
    """
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def csv_safe_row(row: dict) -> dict:
    """Every cell of a row through :func:`csv_cell`."""
    return {key: csv_cell(value) for key, value in row.items()}


class CsvWriter:
    """One row per quote (or attribution, entity, date, claim), ready for a spreadsheet."""

    def __init__(self, out: IO[str], table: str = "quotes") -> None:
        self.rows = CSV_ROWS[table]
        self.writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS[table])
        self.writer.writeheader()

    def write(self, record: FactRecord) -> None:
        self.writer.writerows(csv_safe_row(row) for row in self.rows(record))

    def close(self) -> None:
        pass


def make_writer(out: IO[str], fmt: str, csv_table: str = "quotes") -> Writer:
    if fmt == "jsonl":
        return JsonLinesWriter(out)
    if fmt == "json":
        return JsonArrayWriter(out)
    if fmt == "csv":
        return CsvWriter(out, csv_table)
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")


@contextmanager
def open_output(path: str | None) -> Iterator[IO[str]]:
    """Stdout, or a file that appears complete or not at all (written beside it, then renamed)."""
    if path in (None, "-"):
        stream = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="", line_buffering=False, write_through=True)
        try:
            yield stream
        finally:
            stream.flush()
            stream.detach()
        return
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    mode = _file_mode(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _file_mode(target: Path) -> int:
    """The permissions a plain open() would give the file: the old file's when it is replaced, else
    0o666 less the umask. mkstemp makes its file 0o600, so a report meant to be shared was
    readable by its writer alone."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def dumps(obj: object) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2)
