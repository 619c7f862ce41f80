"""The questions a newsroom asks the corpus database: one person's quotes (`who`), and the most
quoted people, most named entities and most check-worthy claims (`top`).

A name typed by a user is resolved the way the loader keys names (names.py), so "President Donald
J. Trump", "Donald Trump" and, when the corpus gives it one owner, "Trump" all find the same
person; a name that fits several people is an error that lists them, never a silent pick.
"""

from __future__ import annotations

import re

import sqlite_utils

from .names import person_name, plain_key


class QueryError(Exception):
    """A question the database cannot answer as asked; the message says how to ask it."""


def _candidates(db: sqlite_utils.Database, where: str, args: list) -> list[dict]:
    return list(db.query(f"SELECT id, type, name, quotes, articles FROM people WHERE {where} ORDER BY quotes DESC, articles DESC, name LIMIT 10", args))


def _listing(people: list[dict]) -> str:
    return "; ".join(f"{p['name']} ({p['type'].lower()}, {p['quotes']} quotes, {p['articles']} articles)" for p in people)


def find_person(db: sqlite_utils.Database, name: str) -> dict:
    """The one person (or organisation) ``name`` stands for in this corpus, or a QueryError."""
    parsed = person_name(name)
    keys = []
    if parsed:
        keys += [("PERSON", parsed.key), ("PERSON", parsed.base)]
    plain = plain_key(name)
    keys += [(t, plain) for t in ("ORG", "PERSON", "LOCATION")]
    for etype, key in keys:
        row = db.execute("SELECT person_id, rule FROM people_names WHERE type = ? AND key = ?", [etype, key]).fetchone()
        if row is None:
            continue
        if row[0] is None:
            raise QueryError(f"{name!r} is not tied to one person in this corpus ({row[1]}); give the full name.")
        return next(iter(db.query("SELECT id, type, name, quotes, articles FROM people WHERE id = ?", [row[0]])))
    if parsed and parsed.single:  # a surname nobody used alone: the people who bear it
        found = _candidates(db, "type = 'PERSON' AND (key LIKE ? OR key LIKE ? OR key LIKE ?)",
                            [f"% {parsed.last}", f"% {parsed.last} %", f"{parsed.last} %"])
    else:
        found = _candidates(db, "name LIKE ?", [f"%{name.strip()}%"])
    if len(found) == 1:
        return found[0]
    if found:
        raise QueryError(f"{name!r} fits several people: {_listing(found)}. Give one of these names in full.")
    raise QueryError(f"nobody called {name!r} in this database; `extractor top speakers --db FILE` lists who is quoted.")


def fts_query(text: str) -> str:
    """User words as an FTS5 query: every word must occur (quoted, so no word is read as syntax)."""
    words = re.findall(r"\w+", text)
    if not words:
        raise QueryError(f"--about {text!r} has no word to search for.")
    return " ".join(f'"{w}"' for w in words)


def who(db: sqlite_utils.Database, name: str, about: str | None = None, since: str | None = None,
        limit: int | None = None) -> tuple[dict, list[dict]]:
    """A person's quotes across the corpus, newest first (undated articles last): the person and the rows."""
    person = find_person(db, name)
    where, args = ["q.person_id = ?"], [person["id"]]
    if since:
        where.append("a.published >= ?")
        args.append(since)
    if about:
        where.append("q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)")
        args.append(fts_query(about))
    sql = (
        "SELECT a.published AS date, a.title AS title, q.content AS quote, q.confidence AS confidence, "
        "q.speaker_name AS named_as, a.id AS article_id, q.item_id AS quote_id "
        "FROM quotes q JOIN articles a ON a.id = q.article_id WHERE " + " AND ".join(where) +
        " ORDER BY a.published IS NULL, a.published DESC, a.id, q.start"
    )
    if limit:
        sql += f" LIMIT {int(limit)}"
    return person, list(db.query(sql, args))


def top_speakers(db: sqlite_utils.Database, limit: int = 20) -> list[dict]:
    """The most quoted people and organisations: quotes, and in how many articles they are named."""
    return list(db.query(
        "SELECT name, type, quotes, articles FROM people WHERE quotes > 0 ORDER BY quotes DESC, articles DESC, name LIMIT ?", [limit]))


def top_entities(db: sqlite_utils.Database, limit: int = 20, entity_type: str | None = None) -> list[dict]:
    """The entities named in the most articles (one row per corpus identity, not per spelling)."""
    where, args = ("WHERE type = ?", [entity_type]) if entity_type else ("", [])
    return list(db.query(
        f"SELECT name, type, articles, quotes FROM people {where} ORDER BY articles DESC, quotes DESC, name LIMIT ?", [*args, limit]))


def top_claims(db: sqlite_utils.Database, limit: int = 20, numbers: bool = False) -> list[dict]:
    """The claims most likely to be worth checking, across the corpus (``numbers``: with a quantity only)."""
    where = "WHERE c.quantities > 0" if numbers else ""
    return list(db.query(
        "SELECT ROUND(c.checkworthiness, 3) AS checkworthiness, c.kind AS kind, c.text AS claim, "
        "COALESCE(p.name, c.claimant_name) AS claimant, a.published AS date, a.title AS title, a.id AS article_id, c.item_id AS claim_id "
        f"FROM claims c JOIN articles a ON a.id = c.article_id LEFT JOIN entities e ON e.id = c.claimant_entity_id "
        f"LEFT JOIN people p ON p.id = e.person_id {where} "
        "ORDER BY c.checkworthiness DESC, a.published DESC, c.article_id, c.start LIMIT ?", [limit]))
