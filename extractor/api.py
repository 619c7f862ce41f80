"""The Python API: ``extract`` for one text, ``extract_many`` for a stream of articles.

Both share the CLI's pipeline, loaded once per process and per model name.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from functools import cache

from .article import Article, normalize_published
from .pipeline import Pipeline, Stages
from .readers.decode import DEFAULT_MAX_CHARS, check_text
from .records import FactRecord


@cache
def get_pipeline(model: str | None = None, quotes: bool = True, claims: bool = True, attributions: bool = True) -> Pipeline:
    """The process-wide pipeline for a model; built on first use."""
    return Pipeline(model, Stages(quotes=quotes, claims=claims, attributions=attributions))


def to_article(item: Article | Mapping | str, index: int = 0, max_chars: int = DEFAULT_MAX_CHARS) -> Article:
    """Accept an Article, a dict with the JSON-lines keys, or a bare string."""
    if isinstance(item, Article):
        return item
    if isinstance(item, str):
        item = {"text": item}
    article_id = str(item.get("id") or f"article-{index + 1}")
    text = item.get("text")
    if not isinstance(text, str):
        return Article(id=article_id, text="", source=article_id, error=("missing_text", f"{article_id}: no \"text\" string given."))
    checked = check_text(text, article_id, max_chars)
    return Article(
        id=article_id,
        text=checked.text,
        title=item.get("title"),
        published=normalize_published(item.get("published")),
        url=item.get("url"),
        author=item.get("author"),
        source=item.get("source"),
        error=checked.error,
    )


def extract(
    text: str,
    *,
    published: str | dt.date | None = None,
    title: str | None = None,
    id: str | None = None,  # noqa: A002 - the documented keyword
    model: str | None = None,
) -> FactRecord:
    """Analyse one article's text and return its record."""
    article = to_article({"text": text, "published": published, "title": title, "id": id or "article-1"})
    return next(get_pipeline(model).process([article]))


def extract_many(articles: Iterable[Article | Mapping | str], *, model: str | None = None) -> Iterator[FactRecord]:
    """Records for a stream of articles, lazily and in order (one record per article)."""
    return get_pipeline(model).process(to_article(a, i) for i, a in enumerate(articles))
