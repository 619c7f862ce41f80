"""The Datasette metadata file written beside a corpus database: titles, facets, labels and canned
queries, so `datasette facts.db -m facts.metadata.json` opens on something a journalist can use
(who is quoted, which claims carry numbers) without writing SQL. Datasette itself is an optional
extra: this module only writes JSON and never imports it.
"""

from __future__ import annotations

import json
from pathlib import Path

QUOTES_BY_PERSON = """
SELECT a.published AS date, a.title, q.content AS quote, q.confidence, q.speaker_name AS named_as,
       p.name AS person, q.article_id, q.item_id AS quote_id
FROM quotes q
JOIN people p ON p.id = q.person_id
JOIN articles a ON a.id = q.article_id
WHERE p.name = :name COLLATE NOCASE
ORDER BY a.published IS NULL, a.published DESC, q.article_id, q.start
""".strip()

QUOTES_ABOUT = """
SELECT a.published AS date, a.title, q.content AS quote, COALESCE(p.name, q.speaker_name) AS speaker,
       q.confidence, q.article_id, q.item_id AS quote_id
FROM quotes_fts
JOIN quotes q ON q.id = quotes_fts.rowid
JOIN articles a ON a.id = q.article_id
LEFT JOIN people p ON p.id = q.person_id
WHERE quotes_fts MATCH :words
ORDER BY a.published IS NULL, a.published DESC, q.article_id, q.start
""".strip()

CLAIMS_WITH_NUMBERS = """
SELECT ROUND(c.checkworthiness, 3) AS checkworthiness, c.kind, c.text AS claim,
       (SELECT group_concat(x.text, ' | ') FROM quantities x WHERE x.claim_id = c.id) AS numbers,
       COALESCE(p.name, c.claimant_name) AS claimant, a.published AS date, a.title, c.article_id, c.item_id AS claim_id
FROM claims c
JOIN articles a ON a.id = c.article_id
LEFT JOIN entities e ON e.id = c.claimant_entity_id
LEFT JOIN people p ON p.id = e.person_id
WHERE c.quantities > 0
ORDER BY c.checkworthiness DESC, a.published DESC
""".strip()

PEOPLE_NAMES = """
SELECT p.name AS person, p.type, n.key AS name_key, n.rule, n.articles
FROM people_names n LEFT JOIN people p ON p.id = n.person_id
WHERE p.name = :name COLLATE NOCASE OR n.key LIKE '%' || lower(:name) || '%'
ORDER BY p.name, n.articles DESC
""".strip()


def metadata_for(db_path: Path) -> dict:
    """Datasette metadata for the database at ``db_path`` (Datasette names a database by its file stem)."""
    tables = {
        "articles": {"label_column": "title", "facets": ["published", "language", "error_code"], "sort_desc": "published"},
        "people": {"label_column": "name", "facets": ["type"], "sort_desc": "quotes",
                   "description": "One row per person, organisation, place or country across the corpus."},
        "people_names": {"facets": ["type", "rule"], "description": "Every name key and the rule that tied it to its person (or left it alone)."},
        "entities": {"label_column": "name", "facets": ["type", "person_id", "name_rule"]},
        "mentions": {"label_column": "text"},
        "quotes": {"label_column": "text", "facets": ["person_id", "type", "speaker_resolution", "cue_lemma"], "sort_desc": "confidence"},
        "attributions": {"label_column": "text", "facets": ["person_id", "type", "cue_lemma"], "sort_desc": "confidence"},
        "claims": {"label_column": "text", "facets": ["kind", "rank"], "sort_desc": "checkworthiness"},
        "quantities": {"label_column": "text", "facets": ["unit"]},
        "dates": {"label_column": "text", "facets": ["type", "granularity"]},
        "reviews": {"facets": ["decision", "rating"], "sort_desc": "time",
                    "description": "The latest review decision per item (extractor review), loaded with its facts file."},
    }
    queries = {
        "quotes_by_person": {"title": "Quotes by person", "sql": QUOTES_BY_PERSON,
                             "description": "Everything one person was quoted saying, newest first. Use the name as the people table shows it."},
        "quotes_about": {"title": "Quotes about ...", "sql": QUOTES_ABOUT,
                         "description": "Quotes containing all these words (full-text search)."},
        "claims_with_numbers": {"title": "Claims with numbers", "sql": CLAIMS_WITH_NUMBERS,
                                "description": "Check-worthy claims that carry a quantity, most check-worthy first."},
        "names_of_a_person": {"title": "Why these names are one person", "sql": PEOPLE_NAMES,
                              "description": "The name keys tied to a person and the rule that tied each."},
    }
    return {
        "title": f"extractor corpus: {db_path.name}",
        "description": "Quotes, claims, entities and dates extracted from news articles by extractor; "
                       "one identity per person across articles (see the people and people_names tables).",
        "databases": {db_path.stem: {"tables": tables, "queries": queries}},
    }


def metadata_path_for(db_path: Path) -> Path:
    """Where the metadata goes by default: facts.db -> facts.metadata.json beside it."""
    return db_path.with_name(db_path.stem + ".metadata.json")


def write_metadata(db_path: Path, out: Path | None = None) -> Path:
    """Write the metadata file; returns its path."""
    out = out or metadata_path_for(db_path)
    out.write_text(json.dumps(metadata_for(db_path), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return out
