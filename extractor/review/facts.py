"""Reading a FACTS.jsonl file for review: good records in, everything else counted and located.

The file is only ever opened for reading. Error records (articles that could not be processed)
have nothing to review and are counted; lines that are not records are reported as ``file:line``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from ..readers.safejson import JsonTooDeep, loads_bounded
from ..records import FactRecord


@dataclass
class Facts:
    path: Path
    records: dict[str, FactRecord] = field(default_factory=dict)  # by article id, in file order
    error_records: int = 0
    problems: list[str] = field(default_factory=list)  # "file:line: what is wrong"

    def record(self, record_id: str) -> FactRecord | None:
        return self.records.get(record_id)


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    where = ".".join(str(p) for p in err["loc"]) or "record"
    return f"{where}: {err['msg']}"


def load_facts(path: Path) -> Facts:
    """Every reviewable record of a JSON-lines facts file; never raises on a bad line."""
    facts = Facts(path=path)
    first_line: dict[str, int] = {}
    with path.open("r", encoding="utf-8", errors="replace", newline="\n") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                data = loads_bounded(line)  # a line nested 100,000 deep must not recurse and end the command
            except JsonTooDeep as exc:
                facts.problems.append(f"{where}: not a record (JSON {exc}); skipped")
                continue
            except json.JSONDecodeError as exc:
                torn = not line.endswith("\n")
                facts.problems.append(f"{where}: {'torn last line' if torn else 'not JSON'} ({exc.msg}); skipped")
                continue
            try:
                record = FactRecord.model_validate(data)
            except ValidationError as exc:
                facts.problems.append(f"{where}: not an extractor record ({_first_error(exc)}); skipped")
                continue
            if record.error is not None:
                facts.error_records += 1
                continue
            rid = record.article.id
            if rid in first_line:
                facts.problems.append(f"{where}: article id {rid!r} repeats line {first_line[rid]}; skipped")
                continue
            first_line[rid] = number
            facts.records[rid] = record
    return facts
