"""Exports of a review: the verified items as CSV, verdicts as schema.org ClaimReview JSON-LD.

Both read the facts and the review log and never change either; both write atomically (a file
that is complete or absent), through the same helper as ``extractor extract -o``.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterator, Mapping
from pathlib import Path

from ..records import FactRecord
from ..writers import csv_safe_row, open_output
from .facts import Facts
from .items import QUOTE_KINDS, Item, record_items
from .models import BEST_RATING, WORST_RATING, Author, ClaimItem, ClaimReview, CreativeWork, Rating, ReviewLine
from .store import Key

CSV_COLUMNS = [
    "article_id", "item_id", "kind", "decision", "corrected", "type", "content", "text", "start", "end",
    "speaker", "speaker_entity_id", "cue", "confidence", "verdict", "rating",
    "title", "url", "published", "reviewed_at",
]  # fmt: skip
EXPORT_FORMATS = {".csv": "csv", ".jsonld": "claimreview", ".json": "claimreview"}
#: JSON-LD is pasted into <script type="application/ld+json">: no "</script>", "<!--" or entity
#: may appear in its text. These escapes keep it the same JSON value.
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def _changed(line: ReviewLine) -> str:
    c = line.correction
    if c is None:
        return ""
    return ";".join(name for name, value in (("speaker", c.speaker), ("type", c.type), ("span", c.start)) if value is not None)


def verified_rows(facts: Facts, latest: Mapping[Key, ReviewLine]) -> Iterator[dict]:
    """One row per accepted (or corrected) quote, claim and attribution, corrections applied, in file order.

    Cells are raw values; the CSV writer escapes them (writers.csv_cell), every column alike.
    """
    for record in facts.records.values():
        a = record.article
        for item in record_items(record, latest):
            line = item.line
            if line is None or not item.accepted:
                continue
            cue = item.quote.cue if item.quote is not None else None
            verdict = line.verdict
            yield {
                "article_id": a.id,
                "item_id": item.id,
                "kind": item.kind,
                "decision": line.decision,
                "corrected": _changed(line),
                "type": item.type if item.kind in QUOTE_KINDS else "",
                "content": item.content,
                "text": item.text,
                "start": item.start,
                "end": item.end,
                "speaker": item.speaker or "",
                "speaker_entity_id": item.speaker_entity_id or "",
                "cue": cue.text if cue else "",
                "confidence": item.confidence,
                "verdict": verdict.note if verdict else "",
                "rating": verdict.rating if verdict and verdict.rating is not None else "",
                "title": a.title or "",
                "url": a.url or "",
                "published": a.published or "",
                "reviewed_at": line.time.isoformat(),
            }


def write_verified_csv(facts: Facts, latest: Mapping[Key, ReviewLine], path: Path) -> int:
    count = 0
    with open_output(str(path)) as out:
        writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        for row in verified_rows(facts, latest):
            writer.writerow(csv_safe_row(row))
            count += 1
    return count


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _author(record: FactRecord, item: Item) -> Author | None:
    if not item.speaker:
        return None
    entity = next((x for x in record.entities if x.id == item.speaker_entity_id), None)
    if entity is None:
        entity = next((x for x in record.entities if x.name == item.speaker), None)
    kind = "Organization" if entity is not None and entity.type != "PERSON" else "Person"
    return Author(type=kind, name=item.speaker)


def claim_reviews(facts: Facts, latest: Mapping[Key, ReviewLine]) -> list[ClaimReview]:
    """A ClaimReview for every accepted claim that carries a verdict."""
    reviews: list[ClaimReview] = []
    for record in facts.records.values():
        a = record.article
        published = _date(a.published)
        appearance = [CreativeWork(url=a.url, headline=a.title, datePublished=published)] if (a.url or a.title) else None
        for item in record_items(record, latest):
            line = item.line
            if item.kind != "claim" or line is None or line.decision != "accept" or line.verdict is None:
                continue
            rating = line.verdict.rating
            reviews.append(
                ClaimReview(
                    identifier=f"{a.id}#{item.id}",
                    claimReviewed=item.text,
                    reviewRating=Rating(
                        alternateName=line.verdict.note,
                        ratingValue=rating,
                        bestRating=BEST_RATING if rating is not None else None,
                        worstRating=WORST_RATING if rating is not None else None,
                    ),
                    itemReviewed=ClaimItem(author=_author(record, item), datePublished=published, appearance=appearance),
                    datePublished=line.time.astimezone(dt.timezone.utc).date(),
                )
            )
    return reviews


def script_safe_json(value: object) -> str:
    """JSON text that is safe inside an HTML <script> element and still the same JSON value.

    ``<``, ``>`` and ``&`` only ever occur inside JSON strings, where ``\\u003c`` etc. mean the
    same characters; escaped, a claim reading "</script>" cannot end the element it is pasted in.
    """
    return json.dumps(value, ensure_ascii=False, indent=2).translate(_SCRIPT_SAFE)


def write_claimreview(facts: Facts, latest: Mapping[Key, ReviewLine], path: Path) -> int:
    reviews = claim_reviews(facts, latest)
    with open_output(str(path)) as out:
        out.write(script_safe_json([r.to_jsonld() for r in reviews]) + "\n")
    return len(reviews)
