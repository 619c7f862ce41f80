"""Loading JSON-lines records into the corpus database: idempotent, incremental, batch-atomic.

An article is known by its id. Present with the same ``text_sha256``: skipped. Present with
another: its rows are deleted and the new ones written. Absent: appended. Each batch of articles
is one transaction, so a load stopped half way (an exception, Ctrl-C, a killed process) leaves
whole articles only; loading the same files again completes it, and loading them a third time
changes nothing. Who each name is across the corpus is settled after the batches (people.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils
from pydantic import BaseModel, ConfigDict, ValidationError

from ..records import ArticleInfo, FactRecord
from . import rows as rows_module
from .people import resolve_people
from .schema import ITEM_TABLES, TABLES

DEFAULT_BATCH = 200


@dataclass
class LoadSummary:
    """What a load did, for the command's one-line report."""

    added: int = 0
    replaced: int = 0
    skipped: int = 0
    problems: list[str] = field(default_factory=list)
    people: int = 0

    def line(self) -> str:
        bad = f", {len(self.problems)} unreadable line(s) skipped" if self.problems else ""
        return f"{self.added} articles added, {self.replaced} replaced, {self.skipped} unchanged{bad}; {self.people} people and organisations"


class _Head(BaseModel):
    """A record's article header alone: enough to tell whether the record needs loading."""

    model_config = ConfigDict(extra="ignore")
    article: ArticleInfo


@dataclass
class RecordLine:
    """A JSON line whose header is read; the whole record is validated only if it is to be written
    (a reload of unchanged articles then costs a parse, not the building of every item)."""

    article: ArticleInfo
    raw: str
    where: str

    def record(self) -> FactRecord:
        return FactRecord.model_validate_json(self.raw)


def _problem(where: str, exc: ValidationError) -> str:
    first = exc.errors()[0]
    field_path = ".".join(str(p) for p in first["loc"])
    return f"{where}: not an extractor record ({field_path}: {first['msg']}); skipped"


def read_records(paths: Iterable[str | Path], problems: list[str]) -> Iterator[RecordLine]:
    """The records of JSON-lines files in order; a line without an article header is reported and skipped."""
    for path in paths:
        with open(path, encoding="utf-8", errors="replace") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    yield RecordLine(_Head.model_validate_json(line).article, line, f"{path}:{number}")
                except ValidationError as exc:
                    problems.append(_problem(f"{path}:{number}", exc))


class _Ids:
    """Fresh integer keys per table, counted from the largest already stored (read inside the
    batch's transaction, so an aborted batch hands out the same numbers again)."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db
        self.next: dict[str, int] = {}

    def __call__(self, table: str) -> int:
        if table not in self.next:
            self.next[table] = (self.db.execute(f"SELECT COALESCE(MAX(id), 0) FROM [{table}]").fetchone()[0]) + 1
        value = self.next[table]
        self.next[table] = value + 1
        return value


def delete_article(db: sqlite_utils.Database, article_id: str) -> None:
    """Remove an article and every row of it, children first (foreign keys are enforced)."""
    for table in ITEM_TABLES:
        db.execute(f"DELETE FROM [{table}] WHERE article_id = ?", [article_id])
    db.execute("DELETE FROM articles WHERE id = ?", [article_id])


def _write_batch(db: sqlite_utils.Database, batch: list[FactRecord | RecordLine], summary: LoadSummary) -> None:
    """One transaction: replace or append each article of the batch, or (on any error) nothing."""
    with db.atomic():
        ids = _Ids(db)
        pending: dict[str, list[dict]] = {name: [] for name in TABLES}
        for item in batch:
            stored = db.execute("SELECT text_sha256 FROM articles WHERE id = ?", [item.article.id]).fetchone()
            if stored is not None and stored[0] == item.article.text_sha256:
                summary.skipped += 1
                continue
            try:  # before deleting the stored version: a bad line must not cost the article
                record = item.record() if isinstance(item, RecordLine) else item
            except ValidationError as exc:
                summary.problems.append(_problem(item.where, exc))  # type: ignore[union-attr]
                continue
            if stored is not None:
                delete_article(db, record.article.id)
                summary.replaced += 1
            else:
                summary.added += 1
            for table, table_rows in rows_module.record_rows(record, ids).items():
                pending[table].extend(table_rows)
        for table in ("articles", "entities", "mentions", "quotes", "attributions", "dates", "claims", "quantities"):
            if pending[table]:
                _insert(db, table, pending[table])


def _insert(db: sqlite_utils.Database, table: str, table_rows: list[dict]) -> None:
    """Plain executemany over the table's own columns: sqlite-utils' insert_all re-inspects every
    value for JSON and types the schema already fixed, which was half the load time."""
    columns = list(TABLES[table]["columns"])
    sql = f"INSERT INTO [{table}] ({', '.join(f'[{c}]' for c in columns)}) VALUES ({', '.join('?' * len(columns))})"
    db.conn.executemany(sql, [[row[c] for c in columns] for row in table_rows])


def load_records(db: sqlite_utils.Database, records: Iterable[FactRecord | RecordLine], batch_size: int = DEFAULT_BATCH,
                 on_batch: Callable[[LoadSummary], None] | None = None, summary: LoadSummary | None = None) -> LoadSummary:
    """Load records in batches of ``batch_size`` articles, then settle who is who across the corpus.

    The same article id twice in one input: the later record wins, as a later load would.
    """
    summary = summary or LoadSummary()
    batch: list[FactRecord | RecordLine] = []
    seen: dict[str, int] = {}
    for record in records:
        if record.article.id in seen:  # a repeat inside this batch: keep the later one only
            batch[seen.pop(record.article.id)] = None  # type: ignore[call-overload]
        seen[record.article.id] = len(batch)
        batch.append(record)
        if len(batch) >= batch_size:
            _write_batch(db, [r for r in batch if r is not None], summary)
            batch, seen = [], {}
            if on_batch:
                on_batch(summary)
    if batch:
        _write_batch(db, [r for r in batch if r is not None], summary)
    summary.people = resolve_people(db)
    return summary


def load_files(db: sqlite_utils.Database, paths: Iterable[str | Path], batch_size: int = DEFAULT_BATCH,
               on_batch: Callable[[LoadSummary], None] | None = None) -> LoadSummary:
    """Load JSON-lines files of records (as `extractor extract` writes them)."""
    summary = LoadSummary()
    return load_records(db, read_records(paths, summary.problems), batch_size, on_batch, summary)
