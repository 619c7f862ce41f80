"""Short hand-made records for the corpus-database tests: offsets are found in the text, so every
record is as valid as one `extractor extract` writes (FactRecord validates it)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from extractor.records import FactRecord


def _span(text: str, words: str, after: int = 0) -> dict:
    start = text.index(words, after)
    return {"start": start, "end": start + len(words), "text": words}


def make_record(article_id: str, text: str, entities: list[tuple[str, str, list[str]]] = (),
                quotes: list[tuple[str, str | None, str | None]] = (), claims: list[tuple[str, list[str]]] = (),
                published: str | None = "2024-05-01", title: str | None = None) -> FactRecord:
    """entities: (name, type, mention strings); quotes: (content, speaker entity name or None,
    speaker name when no entity); claims: (sentence, quantity strings)."""
    ents = []
    for number, (name, etype, mentions) in enumerate(entities, start=1):
        ents.append({"id": f"E{number}", "type": etype, "name": name,
                     "mentions": [_span(text, m) for m in mentions]})
    by_name = {e["name"]: e for e in ents}
    qs = []
    for number, (content, entity_name, speaker_name) in enumerate(quotes, start=1):
        span = _span(text, content)
        speaker = None
        if entity_name:
            entity = by_name[entity_name]
            speaker = {"entity_id": entity["id"], "name": entity_name, "mention": entity["mentions"][0], "resolution": "explicit"}
        elif speaker_name:
            speaker = {"name": speaker_name, "mention": _span(text, speaker_name), "resolution": "explicit"}
        qs.append({"id": f"Q{number}", "type": "direct", "text": content, "start": span["start"], "end": span["end"],
                   "spans": [[span["start"], span["end"]]], "speaker": speaker, "confidence": 0.9})
    cs = []
    for number, (sentence, quantities) in enumerate(claims, start=1):
        span = _span(text, sentence)
        cs.append({"id": f"C{number}", "text": sentence, "start": span["start"], "end": span["end"],
                   "checkworthiness": 0.8, "rank": number, "kind": "statistic" if quantities else "assertion",
                   "quantities": [{**_span(text, q, span["start"]), "value": float(q.split()[0].replace(",", "")), "unit": "percent"} for q in quantities]})
    return FactRecord.model_validate({
        "article": {"id": article_id, "title": title or f"Title of {article_id}", "published": published,
                    "text_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest()},
        "text": text, "entities": ents, "quotes": qs, "claims": cs,
    })


def write_jsonl(path: Path, records: list[FactRecord]) -> Path:
    path.write_text("".join(json.dumps(r.model_dump(mode="json"), ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path
