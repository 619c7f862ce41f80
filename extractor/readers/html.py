"""HTML pages: trafilatura finds the article body, title, date and author.

The record's ``text`` is trafilatura's article text with paragraphs separated by blank lines,
so that paragraph boundaries survive into segmentation.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import trafilatura

from ..article import Article, normalize_published
from .decode import DEFAULT_MAX_CHARS, check_text, decode_bytes


def article_from_html(html: str, article_id: str, source: str, max_chars: int = DEFAULT_MAX_CHARS) -> Article:
    document = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False)
    body = (getattr(document, "text", None) or "") if document is not None else ""
    text = "\n\n".join(line.strip() for line in body.split("\n") if line.strip())
    if not text:
        return Article(
            id=article_id,
            text="",
            source=source,
            error=("no_article_text", f"{source}: no article text was found in this HTML page."),
        )
    checked = check_text(text, source, max_chars)
    published_raw = getattr(document, "date", None)
    article = Article(
        id=article_id,
        text=checked.text,
        title=getattr(document, "title", None),
        published=normalize_published(published_raw),
        url=getattr(document, "url", None),
        author=getattr(document, "author", None),
        source=source,
        error=checked.error,
    )
    if published_raw and article.published is None:
        article.warnings.append(("bad_published", f"{source}: could not read the page's date {published_raw!r}."))
    return article


def read_html(path: Path, max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Article]:
    source = str(path)
    # HTML may be larger than its article text, so the size limit applies to the extracted text.
    decoded = decode_bytes(path.read_bytes(), source, max_chars=max(max_chars, 50 * max_chars))
    if decoded.error:
        yield Article(id=path.stem, text="", source=source, error=decoded.error)
        return
    article = article_from_html(decoded.text, path.stem, source, max_chars)
    if decoded.warning:
        article.warnings.append(decoded.warning)
    yield article
