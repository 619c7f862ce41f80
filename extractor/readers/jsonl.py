"""JSON lines exported from a CMS: one ``{"id", "text", "title", "published", "url"}`` per line.

A bad line becomes an error record naming the file and line; it never stops the file.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..article import Article, normalize_published
from .decode import DEFAULT_MAX_CHARS, check_text


def articles_from_lines(
    lines: Iterable[bytes], name: str, source: str, max_chars: int = DEFAULT_MAX_CHARS, first_line: int = 1
) -> Iterator[Article]:
    """Articles of JSON lines; ``first_line`` numbers them when they are a slice of a larger file."""
    for lineno, raw in enumerate(lines, start=first_line):
        if not raw.strip():
            continue
        yield parse_line(raw, lineno, name, source, max_chars)


def parse_line(raw: bytes, lineno: int, name: str, source: str, max_chars: int) -> Article:
    where = f"{source}:{lineno}"
    fallback_id = f"{name}-{lineno}"
    try:
        obj = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        return Article(id=fallback_id, text="", source=where, error=("malformed_json", f"{where}: not valid JSON ({exc})."))
    if not isinstance(obj, dict):
        return Article(id=fallback_id, text="", source=where, error=("malformed_json", f"{where}: expected a JSON object per line."))
    raw_id = obj.get("id")
    article_id = str(raw_id) if raw_id not in (None, "") else fallback_id
    text = obj.get("text")
    if not isinstance(text, str):
        return Article(
            id=article_id,
            text="",
            source=where,
            title=_str_or_none(obj.get("title")),
            error=("missing_text", f"{where}: the object has no \"text\" string."),
        )
    checked = check_text(text, where, max_chars)
    article = Article(
        id=article_id,
        text=checked.text,
        title=_str_or_none(obj.get("title")),
        published=normalize_published(obj.get("published")),
        url=_str_or_none(obj.get("url")),
        author=_str_or_none(obj.get("author")),
        source=where,
        error=checked.error,
    )
    if obj.get("published") and article.published is None:
        article.warnings.append(("bad_published", f"{where}: could not read \"published\" {obj.get('published')!r}; relative dates are left unresolved."))
    return article


def _str_or_none(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def read_jsonl(path: Path, max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Article]:
    with path.open("rb") as handle:
        yield from articles_from_lines(handle, path.stem, str(path), max_chars)
