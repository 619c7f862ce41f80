"""Plain-text articles: the file's text is analysed exactly as it is."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..article import Article
from .decode import DEFAULT_MAX_CHARS, decode_bytes
from .files import article_name, read_input


def read_text_bytes(data: bytes, article_id: str, source: str, max_chars: int = DEFAULT_MAX_CHARS) -> Article:
    decoded = decode_bytes(data, source, max_chars)
    article = Article(id=article_id, text=decoded.text, source=source, error=decoded.error)
    if decoded.warning:
        article.warnings.append(decoded.warning)
    return article


def read_txt(path: Path, max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Article]:
    # UTF-32 is the widest encoding: more bytes than this cannot decode to max_chars characters
    yield read_text_bytes(read_input(path, 4 * max_chars + 4), article_name(path), str(path), max_chars)
