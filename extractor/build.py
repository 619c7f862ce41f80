"""Turns an analysed Doc (or a failed Article) into a validated FactRecord."""

from __future__ import annotations

import hashlib

from spacy.tokens import Doc

from .article import Article
from .records import ArticleInfo, Attribution, Claim, DateMention, Entity, Error, FactRecord, Quote, RecordWarning


def _info(article: Article) -> ArticleInfo:
    text = article.text
    return ArticleInfo(
        id=article.id,
        source=article.source,
        title=article.title,
        published=article.published,
        url=article.url,
        author=article.author,
        language=article.language,
        language_confidence=article.language_confidence,
        text_sha256=hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(),
    )


def _warnings(article: Article) -> list[RecordWarning]:
    return [RecordWarning(code=c, message=m) for c, m in article.warnings]


def build_record(article: Article, doc: Doc | None) -> FactRecord:
    """The record for one article. ``doc`` is None, or empty, when the article could not be read."""
    text = article.text
    info = _info(article)
    warnings = _warnings(article)
    if article.error or doc is None:
        code, message = article.error or ("processing_error", "the article was not analysed.")
        return FactRecord(article=info, text=text, warnings=warnings, error=Error(code=code, message=message))
    if info.title is None and doc._.title:
        start, end = doc._.title
        info.title = text[start:end]
    warnings.extend(RecordWarning(**w) for w in doc._.stage_warnings or [])
    if not _has_content(doc):
        warnings.append(
            RecordWarning(code="no_sentences", message=f"{article.source or article.id}: no sentences found outside boilerplate; nothing to extract.")
        )
    return FactRecord(
        article=info,
        text=text,
        entities=[Entity.model_validate(e) for e in doc._.entities or []],
        quotes=[Quote.model_validate(q) for q in doc._.quotes or []],
        attributions=[Attribution.model_validate(a) for a in doc._.attributions or []],
        dates=[DateMention.model_validate(d) for d in doc._.dates or []],
        claims=[Claim.model_validate(c) for c in doc._.claims or []],
        warnings=warnings,
    )


def build_unanalysed_record(article: Article) -> FactRecord:
    """The record of an article no configured pipeline can analyse: its text and metadata, no layers.

    The reason is already among the article's warnings (``unsupported_language``)."""
    return FactRecord(article=_info(article), text=article.text, warnings=_warnings(article))


def _has_content(doc: Doc) -> bool:
    """At least one word outside boilerplate and the title."""
    skipped = [(int(b[0]), int(b[1])) for b in doc._.boilerplate or []]
    if doc._.title:
        skipped.append((int(doc._.title[0]), int(doc._.title[1])))
    for token in doc:
        if token.is_alpha and not any(s <= token.idx < e for s, e in skipped):
            return True
    return False
