"""One FactRecord as rows of the corpus tables: a pure function, so loading is only plumbing.

Integer primary keys are handed out by the caller (the loader numbers them inside its
transaction), so the mentions of an entity, the quantities of a claim and a claim's quote can
point to rows that are not written yet. The names entities and speakers use are turned into
keys here, inside their own article (names.ArticleNames); the corpus decides later who they are.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from ..records import FactRecord, Quote
from .names import ArticleNames, Resolved, looks_like_name, plain_key
from .people import ORG_SPEAKER

NextId = Callable[[str], int]  # table name -> a fresh primary key


def _json(value) -> str | None:
    return json.dumps(value, ensure_ascii=False) if value else None


def entity_key(entity_type: str, name: str, country_code: str | None, article: ArticleNames) -> Resolved:
    """The key an entity gets: a person's resolved name; a country's code; anything else its plain name."""
    if entity_type == "PERSON":
        return article.resolve_person(name)
    if entity_type == "COUNTRY" and country_code:
        return Resolved(country_code.lower(), "country code", "COUNTRY")
    person = article.person_named_by(name) if entity_type == "ORG" else None  # places: Washington, Lincoln
    if person is not None:  # an ORG "Trump" beside "Donald Trump": the recogniser's type was wrong
        return Resolved(person, f"typed {entity_type}, but the surname of {person.title()} in the article", "PERSON")
    key = plain_key(name)
    return Resolved(key or None, "same name" if key else "no name", entity_type)


def record_rows(record: FactRecord, next_id: NextId) -> dict[str, list[dict]]:
    """Every row one record adds, by table; items keep their record ids in ``item_id``."""
    info = record.article
    article_id = info.id
    rows: dict[str, list[dict]] = {name: [] for name in ("articles", "entities", "mentions", "quotes", "attributions", "dates", "claims", "quantities")}
    rows["articles"].append({
        "id": article_id, "title": info.title, "published": info.published, "source": info.source,
        "url": info.url, "author": info.author, "language": info.language,
        "language_confidence": info.language_confidence, "text_sha256": info.text_sha256,
        "schema_version": record.schema_version,
        "error_code": record.error.code if record.error else None,
        "error_message": record.error.message if record.error else None,
        "warnings": _json([w.model_dump() for w in record.warnings]), "text": record.text,
    })
    names = ArticleNames([{"type": e.type, "name": e.name} for e in record.entities])
    entity_ids: dict[str, int] = {}
    entity_keys: dict[str, tuple[str, str | None]] = {}
    for entity in record.entities:
        row_id = entity_ids[entity.id] = next_id("entities")
        resolved = entity_key(entity.type, entity.name, entity.country_code, names)
        entity_keys[entity.id] = (resolved.type, resolved.key)
        rows["entities"].append({
            "id": row_id, "article_id": article_id, "item_id": entity.id, "type": entity.type,
            "name": entity.name, "country_code": entity.country_code, "key_type": resolved.type, "name_key": resolved.key,
            "name_rule": resolved.rule, "person_id": None, "mentions": len(entity.mentions),
        })
        for mention in entity.mentions:
            rows["mentions"].append({
                "id": next_id("mentions"), "article_id": article_id, "entity_id": row_id,
                "start": mention.start, "end": mention.end, "text": mention.text,
            })
    quote_ids: dict[str, int] = {}
    for table, items in (("quotes", record.quotes), ("attributions", record.attributions)):
        for item in items:
            row = _speech_row(item, next_id(table), article_id, entity_ids, entity_keys, names)
            if table == "quotes":
                quote_ids[item.id] = row["id"]
            rows[table].append(row)
    for date in record.dates:
        rows["dates"].append({
            "id": next_id("dates"), "article_id": article_id, "item_id": date.id, "text": date.text,
            "start": date.start, "end": date.end, "value": date.value, "type": date.type,
            "granularity": date.granularity, "mod": date.mod,
        })
    for claim in record.claims:
        claim_id = next_id("claims")
        claimant = claim.claimant
        rows["claims"].append({
            "id": claim_id, "article_id": article_id, "item_id": claim.id, "text": claim.text,
            "start": claim.start, "end": claim.end, "checkworthiness": claim.checkworthiness,
            "rank": claim.rank, "kind": claim.kind,
            "claimant_entity_id": entity_ids.get(claimant.entity_id) if claimant and claimant.entity_id else None,
            "claimant_name": claimant.name if claimant else None,
            "quote_id": quote_ids.get(claim.quote_id) if claim.quote_id else None,
            "quantities": len(claim.quantities), "entity_ids": _json(claim.entity_ids), "date_ids": _json(claim.date_ids),
        })
        for quantity in claim.quantities:
            rows["quantities"].append({
                "id": next_id("quantities"), "article_id": article_id, "claim_id": claim_id,
                "text": quantity.text, "value": quantity.value, "unit": quantity.unit,
                "start": quantity.start, "end": quantity.end,
            })
    return rows


def _speech_row(item: Quote, row_id: int, article_id: str, entity_ids: dict[str, int],
                entity_keys: dict[str, tuple[str, str | None]], names: ArticleNames) -> dict:
    speaker, cue = item.speaker, item.cue
    speaker_type = speaker_key = speaker_rule = None
    if speaker and speaker.entity_id in entity_keys:
        speaker_type, speaker_key = entity_keys[speaker.entity_id]
        speaker_rule = "speaker entity"
        if speaker_type == "ORG" and speaker_key and " " not in speaker_key and not (speaker.name or "").isupper():  # "Trump said"; never "CNN"
            speaker_type, speaker_rule = ORG_SPEAKER, "speaker entity typed ORG, one word: maybe a surname"
    elif speaker and speaker.name:  # named, but no entity behind the name
        resolved = names.resolve_person(speaker.name) if looks_like_name(speaker.name) else names.resolve_speaker_words(speaker.name)
        speaker_type, speaker_key, speaker_rule = ("PERSON" if resolved.key else None), resolved.key, resolved.rule
    mention = speaker.mention if speaker else None
    return {
        "id": row_id, "article_id": article_id, "item_id": item.id, "type": item.type, "text": item.text,
        "content": item.content, "start": item.start, "end": item.end, "spans": _json([list(s) for s in item.spans]),
        "speaker_entity_id": entity_ids.get(speaker.entity_id) if speaker and speaker.entity_id else None,
        "speaker_name": speaker.name if speaker else None,
        "speaker_resolution": speaker.resolution if speaker else None,
        "speaker_mention": mention.text if mention else None,
        "speaker_mention_start": mention.start if mention else None,
        "speaker_mention_end": mention.end if mention else None,
        "speaker_type": speaker_type, "speaker_key": speaker_key, "speaker_rule": speaker_rule, "person_id": None,
        "cue": cue.text if cue else None, "cue_lemma": cue.lemma if cue else None,
        "cue_start": cue.start if cue else None, "cue_end": cue.end if cue else None,
        "confidence": item.confidence,
    }
