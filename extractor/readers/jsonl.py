"""JSON lines exported from a CMS: one ``{"id", "text", "title", "published", "url"}`` per line.

A bad line becomes an error record naming the file and line; it never stops the file. That holds
for lines nested too deep to parse (refused by a non-recursive scan, see safejson) and for lone
surrogate escapes, which are replaced by U+FFFD with a warning so the record can be written.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..article import Article, normalize_published
from .decode import DEFAULT_MAX_CHARS, check_text
from .files import article_name, open_input
from .safejson import JsonTooDeep, has_lone_surrogates, loads_bounded, replace_lone_surrogates

#: The string fields an article takes from a line, in the order a warning names them.
_STRING_FIELDS = ("id", "title", "text", "url", "author", "published")


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
        obj = loads_bounded(raw)
    except JsonTooDeep as exc:
        return Article(
            id=fallback_id,
            text="",
            source=where,
            error=("malformed_json", f"{where}: not an article ({exc}); each line must be one flat JSON object, so check what wrote this line."),
        )
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        return Article(id=fallback_id, text="", source=where, error=("malformed_json", f"{where}: not valid JSON ({exc})."))
    if not isinstance(obj, dict):
        return Article(id=fallback_id, text="", source=where, error=("malformed_json", f"{where}: expected a JSON object per line."))
    repaired = _repair_surrogates(obj)
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
    if repaired:
        article.warnings.append(
            ("invalid_unicode", f"{where}: lone surrogate escapes in {', '.join(repaired)} replaced by U+FFFD; fix the exporter that wrote them.")
        )
    if obj.get("published") and article.published is None:
        article.warnings.append(("bad_published", f"{where}: could not read \"published\" {obj.get('published')!r}; relative dates are left unresolved."))
    return article


def _repair_surrogates(obj: dict) -> list[str]:
    """Replace lone surrogates in the fields an article uses (in place); the names of those repaired.

    Python decodes ``"\\ud800"`` without complaint but cannot encode it as UTF-8, so left alone
    it would crash the writer and end the run. One code unit becomes one U+FFFD, so offsets into
    ``text`` are unchanged.
    """
    repaired = []
    for name in _STRING_FIELDS:
        value = obj.get(name)
        if isinstance(value, str) and has_lone_surrogates(value):
            obj[name] = replace_lone_surrogates(value)
            repaired.append(name)
    return repaired


def _str_or_none(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def read_jsonl(path: Path, max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Article]:
    with open_input(path) as handle:
        yield from articles_from_lines(handle, article_name(path), str(path), max_chars)
