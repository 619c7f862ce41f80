"""The corpus database's tables, foreign keys, indexes and full-text indexes, made with sqlite-utils.

One row per JSON item, so a table's row count equals the number of items of that kind in the
JSON lines loaded (acceptance 1). Item tables get an integer primary key (what Datasette links
on) and keep the record's own id ("E3", "Q1") beside ``article_id``. Corpus-level identities live
in ``people`` (persons and organisations, places, countries alike, by ``type``) and the names that
lead to each in ``people_names``, with the rule that tied them (explainable merging).
"""

from __future__ import annotations

from pathlib import Path

import sqlite_utils

SCHEMA_VERSION = 1

_SPEECH = {  # quotes and attributions share a shape (records.Attribution subclasses Quote)
    "id": int, "article_id": str, "item_id": str, "type": str, "text": str, "content": str, "start": int, "end": int,
    "spans": str, "speaker_entity_id": int, "speaker_name": str, "speaker_resolution": str,
    "speaker_mention": str, "speaker_mention_start": int, "speaker_mention_end": int,
    "speaker_type": str, "speaker_key": str, "speaker_rule": str, "person_id": int,
    "cue": str, "cue_lemma": str, "cue_start": int, "cue_end": int, "confidence": float,
}

TABLES: dict[str, dict] = {
    "articles": {
        "columns": {
            "id": str, "title": str, "published": str, "source": str, "url": str, "author": str,
            "language": str, "language_confidence": float, "text_sha256": str, "schema_version": str,
            "error_code": str, "error_message": str, "warnings": str, "text": str,
        },
        "pk": "id", "foreign_keys": [], "indexes": [["published"], ["text_sha256"]],
    },
    "people": {
        "columns": {"id": int, "type": str, "key": str, "name": str, "variants": str, "articles": int, "quotes": int},
        "pk": "id", "foreign_keys": [], "indexes": [["type", "key"], ["name"]], "unique": [["type", "key"]],
    },
    "people_names": {
        "columns": {"id": int, "type": str, "key": str, "person_id": int, "rule": str, "articles": int},
        "pk": "id", "foreign_keys": [("person_id", "people", "id")], "indexes": [["person_id"]],
        "unique": [["type", "key"]],
    },
    "entities": {
        "columns": {
            "id": int, "article_id": str, "item_id": str, "type": str, "name": str, "country_code": str,
            "key_type": str, "name_key": str, "name_rule": str, "person_id": int, "mentions": int,
        },
        "pk": "id", "foreign_keys": [("article_id", "articles", "id"), ("person_id", "people", "id")],
        "indexes": [["article_id"], ["person_id"], ["key_type", "name_key"]],
    },
    "mentions": {
        "columns": {"id": int, "article_id": str, "entity_id": int, "start": int, "end": int, "text": str},
        "pk": "id", "foreign_keys": [("article_id", "articles", "id"), ("entity_id", "entities", "id")],
        "indexes": [["article_id"], ["entity_id"]],
    },
    "quotes": {
        "columns": dict(_SPEECH),
        "pk": "id",
        "foreign_keys": [("article_id", "articles", "id"), ("speaker_entity_id", "entities", "id"), ("person_id", "people", "id")],
        "indexes": [["article_id"], ["person_id"], ["speaker_entity_id"], ["speaker_type", "speaker_key"]],
        "fts": ["content"],  # the quoted words alone, not the narration between a quote's spans
    },
    "attributions": {
        "columns": dict(_SPEECH),
        "pk": "id",
        "foreign_keys": [("article_id", "articles", "id"), ("speaker_entity_id", "entities", "id"), ("person_id", "people", "id")],
        "indexes": [["article_id"], ["person_id"], ["speaker_entity_id"], ["speaker_type", "speaker_key"]],
    },
    "dates": {
        "columns": {
            "id": int, "article_id": str, "item_id": str, "text": str, "start": int, "end": int, "value": str,
            "type": str, "granularity": str, "mod": str,
        },
        "pk": "id", "foreign_keys": [("article_id", "articles", "id")], "indexes": [["article_id"], ["value"]],
    },
    "claims": {
        "columns": {
            "id": int, "article_id": str, "item_id": str, "text": str, "start": int, "end": int,
            "checkworthiness": float, "rank": int, "kind": str, "claimant_entity_id": int, "claimant_name": str,
            "quote_id": int, "quantities": int, "entity_ids": str, "date_ids": str,
        },
        "pk": "id",
        "foreign_keys": [("article_id", "articles", "id"), ("claimant_entity_id", "entities", "id"), ("quote_id", "quotes", "id")],
        "indexes": [["article_id"], ["checkworthiness"], ["claimant_entity_id"], ["quote_id"]],
        "fts": ["text"],
    },
    "quantities": {
        "columns": {"id": int, "article_id": str, "claim_id": int, "text": str, "value": float, "unit": str, "start": int, "end": int},
        "pk": "id", "foreign_keys": [("article_id", "articles", "id"), ("claim_id", "claims", "id")],
        "indexes": [["article_id"], ["claim_id"], ["unit"]],
    },
    "reviews": {  # the latest decision per item from FACTS.review.jsonl (extractor review), when loaded with it
        "columns": {
            "id": int, "article_id": str, "item_id": str, "decision": str, "time": str, "speaker_name": str,
            "speaker_entity": str, "type": str, "new_start": int, "new_end": int, "corrected_text": str,
            "verdict": str, "rating": int,
        },
        "pk": "id", "foreign_keys": [("article_id", "articles", "id")], "indexes": [["decision"]],
        "unique": [["article_id", "item_id"]],
    },
}
# Children first: the order rows of a replaced article are deleted in (foreign keys are enforced).
# Its review decisions go too: they name items of the text that was replaced.
ITEM_TABLES = ("reviews", "quantities", "claims", "mentions", "quotes", "attributions", "dates", "entities")
NOT_NULL = {"article_id", "item_id", "text", "content", "start", "end"}


class DatabaseError(Exception):
    """The file is not a corpus database this version can use; the message says what to do."""


def open_db(path: str | Path) -> sqlite_utils.Database:
    """Open (creating if needed) a corpus database, with foreign keys enforced and its tables made."""
    db = sqlite_utils.Database(path)
    try:
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA journal_mode = WAL")  # readers (who, Datasette) never block a load
        ensure_schema(db)
    except Exception as exc:  # a text file, a foreign database, a newer schema
        db.close()
        if isinstance(exc, DatabaseError):
            raise
        raise DatabaseError(f"{path}: not a usable corpus database ({exc}); give a new file name, or one written by `extractor db`.") from None
    return db


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Create whatever table, index or full-text index is missing; refuse a newer or foreign layout."""
    version = db.execute("PRAGMA user_version").fetchone()[0]
    names = set(db.table_names())
    if version == 0 and names - {"sqlite_stat1"}:
        raise DatabaseError("it already holds other tables; give a new file name, or one written by `extractor db`.")
    if version > SCHEMA_VERSION:
        raise DatabaseError(f"it was written by a newer extractor (layout {version}); upgrade extractor to read it.")
    if version == SCHEMA_VERSION:
        return
    with db.atomic():
        for name, spec in TABLES.items():
            table = db.table(name)
            table.create(
                spec["columns"], pk=spec["pk"], foreign_keys=spec["foreign_keys"],
                not_null=[c for c in spec["columns"] if c in NOT_NULL], if_not_exists=True,
            )
            for columns in spec.get("unique", []):
                table.create_index(columns, unique=True, if_not_exists=True)
            for columns in spec["indexes"]:
                if columns not in spec.get("unique", []):
                    table.create_index(columns, if_not_exists=True)
            if spec.get("fts"):
                table.enable_fts(spec["fts"], fts_version="FTS5", create_triggers=True)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
