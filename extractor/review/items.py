"""Quotes, claims and attributions as review items: their current decision, corrections applied, filters.

One place decides what an item looks like after review, so the page, the static report and the
exports agree: a corrected quote is the extracted quote with the reviewer's speaker, type and
boundaries; a claim taken from a quote whose speaker was corrected gets that speaker as claimant.
Attributions (beliefs, stances: ``Attribution`` is a ``Quote`` by shape) are reviewed and corrected
exactly like quotes, but no claim is ever taken from one. ``decide`` turns a click from the page
into a validated ReviewLine, checked against the record.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlencode

from pydantic import ValidationError

from ..records import Claim, Claimant, FactRecord, Quote, Speaker
from .models import DecisionRequest, QuoteCorrection, ReviewLine
from .store import Key

STATUSES = ("unreviewed", "reviewed", "accepted", "rejected", "corrected")
TYPES = ("direct", "indirect", "mixed", "claim")
UNKNOWN_SPEAKER = "(unknown)"
QUOTE_KINDS = ("quote", "attribution")  # items with a speaker, a cue and the quote correction form
_STATUS_OF = {"accept": "accepted", "reject": "rejected", "correct": "corrected"}


@dataclass(frozen=True)
class Item:
    """A quote, a claim or an attribution of one record, as it stands after review."""

    kind: Literal["quote", "claim", "attribution"]
    record_id: str
    id: str
    type: str  # direct / indirect / mixed, or "claim"
    text: str
    content: str  # the words said: a quote's spans without the narration between them; a claim's text
    start: int
    end: int
    spans: tuple[tuple[int, int], ...]
    speaker: str | None  # resolved name of the speaker (quote, attribution) or claimant (claim)
    speaker_entity_id: str | None
    confidence: float  # a quote's or an attribution's confidence, a claim's check-worthiness
    line: ReviewLine | None
    quote: Quote | None = None  # the quote or attribution, with corrections applied
    original: Quote | None = None
    claim: Claim | None = None
    claimant: Claimant | None = None  # effective claimant

    @property
    def status(self) -> str:
        return "unreviewed" if self.line is None else _STATUS_OF[self.line.decision]

    @property
    def accepted(self) -> bool:
        return self.line is not None and self.line.decision in ("accept", "correct")

    @property
    def mention_text(self) -> str | None:
        speaker = self.quote.speaker if self.quote else None
        return speaker.mention.text if speaker and speaker.mention else None


def _boundaries_still_valid(record: FactRecord, correction: QuoteCorrection) -> bool:
    """A correction's offsets apply only to the text they were made on (the facts may be re-extracted)."""
    if correction.start is None or correction.end is None:
        return False
    if correction.end > len(record.text):
        return False
    return correction.text is None or record.text[correction.start : correction.end] == correction.text


def corrected_quote(record: FactRecord, quote: Quote, correction: QuoteCorrection | None) -> Quote:
    """The quote with a reviewer's correction applied (unchanged fields kept)."""
    if correction is None:
        return quote
    update: dict = {}
    if correction.speaker is not None:
        new = correction.speaker
        old = quote.speaker
        mention = None
        resolution = None
        if old is not None and old.mention is not None and new.entity_id is not None:
            entity = next((e for e in record.entities if e.id == new.entity_id), None)
            if entity and any(m.start == old.mention.start and m.end == old.mention.end for m in entity.mentions):
                mention, resolution = old.mention, old.resolution
            elif old.entity_id is None and old.resolution in ("pronoun", "description"):
                mention, resolution = old.mention, old.resolution  # "the minister" now resolved by hand
        update["speaker"] = Speaker(entity_id=new.entity_id, name=new.name, mention=mention, resolution=resolution)
    if correction.type is not None:
        update["type"] = correction.type
    if _boundaries_still_valid(record, correction):
        start, end = correction.start, correction.end
        text = record.text[start:end]
        update.update(start=start, end=end, text=text, content=text, spans=[(start, end)])
    return quote.model_copy(update=update)


def _claimant(claim: Claim, corrected: Mapping[str, Quote]) -> Claimant | None:
    source = corrected.get(claim.quote_id or "")
    if source is not None and source.speaker is not None and source.speaker.name:
        return Claimant(entity_id=source.speaker.entity_id, name=source.speaker.name)
    return claim.claimant


def _speaker_corrected(line: ReviewLine | None) -> bool:
    """A decision naming a new speaker: claims taken from that quote follow it."""
    return line is not None and line.correction is not None and line.correction.speaker is not None


def _quote_item(kind: Literal["quote", "attribution"], record: FactRecord, quote: Quote, line: ReviewLine | None) -> Item:
    """A quote or an attribution (same shape, same corrections) as it stands after its decision."""
    effective = corrected_quote(record, quote, line.correction if line else None)
    speaker = effective.speaker
    return Item(
        kind=kind,
        record_id=record.article.id,
        id=quote.id,
        type=effective.type,
        text=effective.text,
        content=effective.content,
        start=effective.start,
        end=effective.end,
        spans=tuple((s, e) for s, e in effective.spans),
        speaker=speaker.name if speaker else None,
        speaker_entity_id=speaker.entity_id if speaker else None,
        confidence=quote.confidence,
        line=line,
        quote=effective,
        original=quote,
    )


def record_items(record: FactRecord, latest: Mapping[Key, ReviewLine]) -> list[Item]:
    """Every quote, then every claim, then every attribution of a record, with its latest decision applied."""
    rid = record.article.id
    items = [_quote_item("quote", record, quote, latest.get((rid, quote.id))) for quote in record.quotes]
    # A claimant follows its quote's corrected speaker; attributions never feed claims.
    speaker_fixed = {i.id: i.quote for i in items if i.quote is not None and _speaker_corrected(i.line)}
    for claim in record.claims:
        claimant = _claimant(claim, speaker_fixed)
        items.append(
            Item(
                kind="claim",
                record_id=rid,
                id=claim.id,
                type="claim",
                text=claim.text,
                content=claim.text,
                start=claim.start,
                end=claim.end,
                spans=((claim.start, claim.end),),
                speaker=claimant.name if claimant else None,
                speaker_entity_id=claimant.entity_id if claimant else None,
                confidence=claim.checkworthiness,
                line=latest.get((rid, claim.id)),
                claim=claim,
                claimant=claimant,
            )
        )
    items += [_quote_item("attribution", record, attribution, latest.get((rid, attribution.id))) for attribution in record.attributions]
    return items


def correction_summary(line: ReviewLine | None) -> str:
    """The decision in a few words, as the page and the report show it."""
    if line is None:
        return "unreviewed"
    parts = [_STATUS_OF[line.decision]]
    c = line.correction
    if c is not None:
        changes = []
        if c.speaker is not None:
            changes.append(f"speaker \u2192 {c.speaker.name}")
        if c.type is not None:
            changes.append(f"type \u2192 {c.type}")
        if c.start is not None:
            changes.append(f"span \u2192 {c.start}\u2013{c.end}")
        parts[0] += ": " + "; ".join(changes)
    if line.verdict is not None:
        rating = f" ({line.verdict.rating}/5)" if line.verdict.rating is not None else ""
        parts.append(f"verdict: {line.verdict.note}{rating}")
    return " \u00b7 ".join(parts)


# --- filters -----------------------------------------------------------------------------------


def _unit_float(values: list[str] | None) -> float | None:
    if not values or not values[0].strip():
        return None
    try:
        value = float(values[0])
    except ValueError:
        return None
    return min(max(value, 0.0), 1.0) if value == value else None  # NaN -> None


@dataclass(frozen=True)
class Filters:
    """What the article list and the item list show: all filters must hold."""

    q: str = ""
    speaker: str = ""
    type: str = ""
    min_conf: float | None = None
    max_conf: float | None = None
    status: str = ""

    @classmethod
    def from_query(cls, params: Mapping[str, list[str]]) -> Filters:
        def one(name: str) -> str:
            return (params.get(name) or [""])[0].strip()[:200]

        return cls(
            q=one("q"),
            speaker=one("speaker"),
            type=one("type") if one("type") in TYPES else "",
            min_conf=_unit_float(params.get("min_conf")),
            max_conf=_unit_float(params.get("max_conf")),
            status=one("status") if one("status") in STATUSES else "",
        )

    @property
    def active(self) -> bool:
        return self != Filters()

    def to_query(self) -> str:
        pairs = [(k, v) for k, v in (("q", self.q), ("speaker", self.speaker), ("type", self.type), ("status", self.status)) if v]
        pairs += [(k, f"{v:g}") for k, v in (("min_conf", self.min_conf), ("max_conf", self.max_conf)) if v is not None]
        return urlencode(pairs)

    def match(self, record: FactRecord, item: Item) -> bool:
        if self.type and item.type != self.type:
            return False
        if self.speaker and (item.speaker or UNKNOWN_SPEAKER) != self.speaker:
            return False
        if self.min_conf is not None and item.confidence < self.min_conf:
            return False
        if self.max_conf is not None and item.confidence > self.max_conf:
            return False
        if self.status == "reviewed":
            if item.line is None:
                return False
        elif self.status and item.status != self.status:
            return False
        if self.q:
            needle = self.q.casefold()
            haystack = [item.text, item.speaker or "", item.mention_text or "", record.article.title or "", record.article.id]
            if not any(needle in h.casefold() for h in haystack):
                return False
        return True


def speaker_names(records: list[FactRecord]) -> list[str]:
    """Every speaker (of quotes and attributions) and claimant name as extracted, sorted, for the speaker filter."""
    names: set[str] = set()
    unknown = False
    for record in records:
        for quote in (*record.quotes, *record.attributions):
            if quote.speaker and quote.speaker.name:
                names.add(quote.speaker.name)
            else:
                unknown = True
        for claim in record.claims:
            if claim.claimant and claim.claimant.name:
                names.add(claim.claimant.name)
            else:
                unknown = True
    return sorted(names, key=str.casefold) + ([UNKNOWN_SPEAKER] if unknown else [])


# --- decisions from the page -------------------------------------------------------------------


class DecisionError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def _validation_message(exc: ValidationError) -> str:
    err = exc.errors()[0]
    where = ".".join(str(p) for p in err["loc"])
    msg = str(err["msg"]).removeprefix("Value error, ")
    return f"{where}: {msg}" if where else msg


def decide(record: FactRecord | None, request: DecisionRequest, current: ReviewLine | None, now: dt.datetime | None = None) -> ReviewLine:
    """Check a decision against its record and complete it into the line to append."""
    if record is None:
        raise DecisionError(404, f"No article {request.record_id!r} in the facts file.")
    # Attributions are corrected like quotes: the same checks apply to both (their ids never collide).
    quote = next((q for q in (*record.quotes, *record.attributions) if q.id == request.item_id), None)
    claim = next((c for c in record.claims if c.id == request.item_id), None)
    if quote is None and claim is None:
        raise DecisionError(404, f"Article {request.record_id!r} has no {request.item_id}.")
    correction = request.correction
    if correction is not None and quote is not None:
        update: dict = {}
        if correction.speaker is not None and correction.speaker.entity_id is not None:
            entity = next((e for e in record.entities if e.id == correction.speaker.entity_id), None)
            if entity is None:
                raise DecisionError(400, f"Article {request.record_id!r} has no entity {correction.speaker.entity_id}.")
            update["speaker"] = correction.speaker.model_copy(update={"name": entity.name})
        if correction.start is not None and correction.end is not None:
            if correction.end > len(record.text):
                raise DecisionError(400, f"The quote must end inside the text (at most {len(record.text)}), not at {correction.end}.")
            span = record.text[correction.start : correction.end]
            if not span.strip():
                raise DecisionError(400, "The new quote boundaries enclose only white space.")
            update["text"] = span
        correction = correction.model_copy(update=update)
    verdict = request.verdict
    if claim is not None and request.decision == "accept" and "verdict" not in request.model_fields_set:
        verdict = current.verdict if current is not None else None  # accepting again keeps the verdict
    try:
        return ReviewLine(
            record_id=request.record_id,
            item_id=request.item_id,
            decision=request.decision,
            correction=correction,
            verdict=verdict,
            time=now or dt.datetime.now(dt.timezone.utc),
        )
    except ValidationError as exc:
        raise DecisionError(400, _validation_message(exc)) from None
