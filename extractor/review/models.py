"""Pydantic models of review decisions (one line of FACTS.review.jsonl) and of ClaimReview items.

These models are the single source of truth for both formats: the server validates requests with
them, the store reads the log back through them, and ``claimreview_schema()`` generates the JSON
Schema shipped as ``models/claimreview.schema.json`` (``python -m extractor.review.models`` prints
it; a test keeps the file in sync).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, TypeAdapter, model_validator

QuoteType = Literal["direct", "indirect", "mixed"]
Decision = Literal["accept", "reject", "correct"]
ItemId = Annotated[str, StringConstraints(pattern=r"^[QCA][1-9][0-9]*$")]  # quote, claim, attribution
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]

RATING_LABELS = {1: "False", 2: "Mostly false", 3: "Mixed", 4: "Mostly true", 5: "True"}
BEST_RATING, WORST_RATING = 5, 1


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


# --- review decisions --------------------------------------------------------------------------


class SpeakerCorrection(_Model):
    """Who really said it: an entity of the article (entity_id and its name) or a free-text name."""

    name: Text
    entity_id: str | None = Field(default=None, description="E1, E2, ... of the same record; null for a free-text name.")


class QuoteCorrection(_Model):
    """What a reviewer changed in a quote or an attribution; fields left out are unchanged."""

    speaker: SpeakerCorrection | None = None
    type: QuoteType | None = None
    start: int | None = Field(default=None, ge=0, description="New start offset into the record's text.")
    end: int | None = Field(default=None, ge=0, description="New end offset (exclusive).")
    text: str | None = Field(default=None, description="text[start:end] of the record, filled in by the server.")

    @model_validator(mode="after")
    def _check(self) -> QuoteCorrection:
        if (self.start is None) != (self.end is None):
            raise ValueError("give both start and end to move the quote's boundaries")
        if self.start is not None and self.end is not None and self.start >= self.end:
            raise ValueError(f"start ({self.start}) must be before end ({self.end})")
        if self.speaker is None and self.type is None and self.start is None:
            raise ValueError("a correction must change the speaker, the type or the boundaries")
        return self


class Verdict(_Model):
    """A fact-checker's verdict on a claim: a free-text note and an optional 1-5 rating."""

    note: Text = Field(description='The verdict in words, e.g. "False" or "Misleading: the figure is from 2019".')
    rating: int | None = Field(default=None, ge=WORST_RATING, le=BEST_RATING, description="1 False ... 5 True.")


class DecisionRequest(_Model):
    """What the review page sends for one click."""

    record_id: Annotated[str, StringConstraints(min_length=1)]
    item_id: ItemId
    decision: Decision
    correction: QuoteCorrection | None = None
    verdict: Verdict | None = None


class ReviewLine(DecisionRequest):
    """One decision, as appended to FACTS.review.jsonl. The latest line per (record_id, item_id) wins.

    Each line is complete on its own: a claim accepted again keeps the verdict it had, written out again.
    """

    time: dt.datetime = Field(description="When the decision was made (UTC).")

    @model_validator(mode="after")
    def _consistent(self) -> ReviewLine:
        claim = self.item_id.startswith("C")  # Q and A items share the quote's shape and its corrections
        if self.decision == "correct" and claim:
            raise ValueError("only quotes and attributions can be corrected; a claim gets accept or reject and a verdict")
        if (self.decision == "correct") != (self.correction is not None):
            raise ValueError("a correction goes with the decision 'correct', and 'correct' needs one")
        if self.verdict is not None and (not claim or self.decision != "accept"):
            raise ValueError("a verdict belongs to an accepted claim")
        return self

    def to_json(self) -> str:
        data = self.model_dump(mode="json")
        if self.correction is not None:
            data["correction"] = self.correction.model_dump(mode="json", exclude_none=True)
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


# --- schema.org ClaimReview --------------------------------------------------------------------


def _require_ld_keys(schema: dict) -> None:
    """@context and @type have defaults in Python but are required in every JSON-LD object."""
    keys = [k for k in ("@context", "@type") if k in schema.get("properties", {})]
    schema["required"] = keys + [k for k in schema.get("required", []) if k not in keys]


class _LD(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, json_schema_extra=_require_ld_keys)


class Rating(_LD):
    type: Literal["Rating"] = Field(default="Rating", alias="@type")
    alternateName: NonEmpty = Field(description="The verdict in words.")
    ratingValue: int | None = Field(default=None, ge=WORST_RATING, le=BEST_RATING)
    bestRating: Literal[5] | None = None
    worstRating: Literal[1] | None = None


class Author(_LD):
    type: Literal["Person", "Organization"] = Field(alias="@type")
    name: NonEmpty


class CreativeWork(_LD):
    type: Literal["CreativeWork"] = Field(default="CreativeWork", alias="@type")
    url: str | None = None
    headline: str | None = None
    datePublished: dt.date | None = None


class ClaimItem(_LD):
    type: Literal["Claim"] = Field(default="Claim", alias="@type")
    author: Author | None = Field(default=None, description="The claimant, when known.")
    datePublished: dt.date | None = Field(default=None, description="When the article carrying the claim was published.")
    appearance: list[CreativeWork] | None = None
    firstAppearance: CreativeWork | None = None


class ClaimReview(_LD):
    context: Literal["https://schema.org"] = Field(default="https://schema.org", alias="@context")
    type: Literal["ClaimReview"] = Field(default="ClaimReview", alias="@type")
    identifier: str | None = Field(default=None, description="record id and claim id: RECORD#C2.")
    claimReviewed: NonEmpty
    reviewRating: Rating
    itemReviewed: ClaimItem
    datePublished: dt.date = Field(description="Date of the review (the verdict).")
    url: str | None = None

    def to_jsonld(self) -> dict:
        return self.model_dump(mode="json", by_alias=True, exclude_none=True)


CLAIMREVIEW_FILE = TypeAdapter(list[ClaimReview])


def claimreview_schema() -> dict:
    """JSON Schema of a ClaimReview export file (a JSON array of ClaimReview objects)."""
    schema = CLAIMREVIEW_FILE.json_schema(by_alias=True)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "extractor ClaimReview export (schema.org ClaimReview items)",
        **schema,
    }


if __name__ == "__main__":  # pragma: no cover - regenerates models/claimreview.schema.json
    print(json.dumps(claimreview_schema(), indent=2, ensure_ascii=False))
