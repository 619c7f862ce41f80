"""The data side of the component: models/date_patterns.json (token patterns and the word lists
that shape extents), loaded into :class:`Rules`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PATTERNS_FILE = "date_patterns.json"
SPAN_KEY = "dates"


def default_patterns_path() -> Path:
    """models/date_patterns.json, in a checkout or an installed wheel."""
    try:
        from extractor.resources import model_path
    except ImportError:  # pragma: no cover - resources module not available
        return Path(__file__).resolve().parents[2] / "models" / PATTERNS_FILE
    return model_path(PATTERNS_FILE)


@dataclass
class Rules:
    """The data side of the component: patterns and span clean-up word lists."""

    patterns: list[dict[str, Any]]
    keep_leading_phrases: list[tuple[str, ...]]
    strip_leading_phrases: list[tuple[str, ...]]
    strip_leading: frozenset[str]
    strip_article_before: frozenset[str]
    strip_leading_the_before: frozenset[str]
    strip_trailing: frozenset[str]
    split_words: frozenset[str]
    interval_end_words: frozenset[str]
    reject: list[re.Pattern[str]]
    raw: dict[str, Any]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Rules:
        return cls(
            patterns=list(data.get("patterns", [])),
            keep_leading_phrases=[tuple(p.split()) for p in data.get("keep_leading_phrases", [])],
            strip_leading_phrases=[tuple(p.split()) for p in data.get("strip_leading_phrases", [])],
            strip_leading=frozenset(data.get("strip_leading", [])),
            strip_article_before=frozenset(data.get("strip_article_before", [])),
            strip_leading_the_before=frozenset(data.get("strip_leading_the_before", [])),
            strip_trailing=frozenset(data.get("strip_trailing", [])),
            split_words=frozenset(data.get("split_words", [])),
            interval_end_words=frozenset(data.get("interval_end_words", [])),
            reject=[re.compile(p) for p in data.get("reject_regex", [])],
            raw=data,
        )

    @classmethod
    def from_path(cls, path: Path) -> Rules:
        return cls.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))
