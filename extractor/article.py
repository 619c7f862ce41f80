"""The input side of the pipeline: one Article per news story, whatever format it came in."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass
class Article:
    """An article as read from its input, before any analysis.

    ``text`` is exactly what will be analysed and what record offsets index into. A reader that
    cannot produce usable text still yields an Article, with ``error`` set, so the batch keeps
    one record per input and the user sees what went wrong and where.
    """

    id: str
    text: str
    title: str | None = None
    published: str | None = None  # ISO date "YYYY-MM-DD"
    source: str | None = None  # path, path:line, or "<stdin>"
    url: str | None = None
    author: str | None = None
    error: tuple[str, str] | None = None  # (code, message)
    language: str | None = None  # ISO 639-1, set by the language gate
    language_confidence: float | None = None
    warnings: list[tuple[str, str]] = field(default_factory=list)


def normalize_published(value: object) -> str | None:
    """Turn a date or date-time given by the input into ``YYYY-MM-DD``.

    Accepts ISO dates and date-times (with or without a zone, "Z" included) and ``datetime``
    objects. Returns None for anything else; callers report that as a warning rather than
    guessing, because a wrong anchor silently shifts every relative date in the article.
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str):
        return None
    text = value.strip()
    try:
        return dt.date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        return None
