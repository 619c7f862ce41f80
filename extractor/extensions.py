"""Custom attributes on spaCy's Doc that carry annotations between pipeline stages.

Values are plain data (str, int, list, dict) so that docs survive ``Doc.to_bytes`` when spaCy
ships them between processes (``nlp.pipe(n_process=N)``). Each stage writes its results as dicts
already in the shape of the matching model in ``extractor.records``; the record builder only
validates them. Registration is idempotent so every process (including spawned children) can
call :func:`register` on import.
"""

from __future__ import annotations

from spacy.tokens import Doc

#: (name, default) for every Doc extension the pipeline uses.
DOC_EXTENSIONS: dict[str, object] = {
    # Input side, set before the doc enters nlp.pipe.
    "article_id": None,  # str
    "published": None,  # ISO date string "YYYY-MM-DD" or None: anchor for relative dates
    "given_title": None,  # the title the input supplied (JSON lines, HTML), if any
    # Segmentation.
    "paragraphs": None,  # list of [start_char, end_char]: non-blank paragraphs
    "title": None,  # [start_char, end_char] of the title line, or None
    "boilerplate": None,  # list of [start_char, end_char, kind]: regions excluded from extraction
    # Stage outputs: lists of dicts in the shape of records.Entity / Quote / DateMention / Claim.
    "entities": None,
    "quotes": None,
    "attributions": None,  # records.Attribution: beliefs, intentions, evaluations (the quotes component)
    "dates": None,
    "claims": None,
    "stage_warnings": None,  # list of {"code", "message"}
}


def register() -> None:
    """Register every Doc extension once per process."""
    for name, default in DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


def boilerplate_ranges(doc: Doc) -> list[tuple[int, int]]:
    """Character ranges that extraction stages must skip."""
    return [(int(r[0]), int(r[1])) for r in (doc._.boilerplate or [])]


def add_stage_warning(doc: Doc, code: str, exc: Exception, what: str = "") -> None:
    """Record that a stage failed on this doc ('dates_failed', ...), so the article keeps its other
    facts and its record says what was lost and why."""
    prefix = f"{what} failed: " if what else ""
    warnings = list(doc._.stage_warnings or [])
    warnings.append({"code": code, "message": f"{prefix}{type(exc).__name__}: {exc}"})
    doc._.stage_warnings = warnings


def in_boilerplate(doc: Doc, start: int, end: int) -> bool:
    """True when the character range [start, end) overlaps a boilerplate region."""
    return any(start < b_end and b_start < end for b_start, b_end in boilerplate_ranges(doc))


register()
