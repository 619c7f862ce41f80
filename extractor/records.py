"""The output contract: one FactRecord per article, as pydantic v2 models.

These models are the single source of truth for the JSON Schema (`extractor schema`). Every
offset is an end-exclusive Python ``str`` index into ``FactRecord.text``; downstream programs rely
on ``text[start:end] == span text``, so stages build these objects from offsets, never from copies.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

SCHEMA_VERSION = "1.3"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(_Model):
    """A stretch of the record's text."""

    start: int = Field(ge=0, description="Start offset into `text` (inclusive).")
    end: int = Field(ge=0, description="End offset into `text` (exclusive).")
    text: str = Field(description="Exactly text[start:end].")


class ArticleInfo(_Model):
    id: str = Field(description="Stable article id: given by the input, or derived from the file name.")
    source: str | None = Field(default=None, description="Where the article came from (path, or path:line).")
    title: str | None = None
    published: str | None = Field(default=None, description="Publication date, ISO 8601 (YYYY-MM-DD).")
    url: str | None = None
    author: str | None = None
    language: str | None = Field(
        default=None,
        description="ISO 639-1 code of the language the article was analysed as (detected; the default language when uncertain). Null when the article could not be read.",
    )
    language_confidence: float | None = Field(default=None, ge=0.0, le=1.0, description="The language detector's probability for `language`.")
    text_sha256: str | None = Field(default=None, description="SHA-256 of `text` as UTF-8.")


EntityType = Literal["PERSON", "ORG", "COUNTRY", "LOCATION"]


class Entity(_Model):
    """One real-world thing named in the article, with every mention of it."""

    id: str = Field(description="E1, E2, ... in order of first mention.")
    type: EntityType
    name: str = Field(description="Canonical name: the longest, fullest mention (country: its common name).")
    country_code: str | None = Field(default=None, description="ISO 3166-1 alpha-2, for COUNTRY only.")
    mentions: list[Span]


class Speaker(_Model):
    entity_id: str | None = Field(default=None, description="The entity the speaker resolves to, if any.")
    name: str | None = Field(default=None, description="Canonical name of the speaker; for a relative pronoun standing for a description no entity is behind ('a report that says'), that description.")
    mention: Span | None = Field(default=None, description="The words naming the source next to the cue; for a quote with no cue of its own (resolution \"context\"), where the text last named that speaker.")
    resolution: Literal["explicit", "pronoun", "description", "context"] | None = None


class Cue(_Model):
    text: str
    lemma: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


#: What stands for the narration left out between two pieces of a quote ('she said').
ELISION = " … "


def quoted_words(text: str, spans: list[tuple[int, int]] | list[list[int]], offset: int = 0) -> str:
    """The quoted words alone: the spans' texts in order, where ``text[s - offset : e - offset]`` is a span.

    '"We will win," she said, "and soon."' has two spans and gives 'We will win, … and soon.': the
    narration between two pieces becomes ' … ', so nobody reads it as said and nobody mistakes the
    pieces for one unbroken sentence. Pieces with only white space and quotation marks between them
    (a quotation running on over a paragraph break) are joined by one space.
    """
    pieces = [text[s - offset : e - offset] for s, e in spans]
    out = pieces[0] if pieces else ""
    for (_, prev_end), (start, _), piece in zip(spans, spans[1:], pieces[1:]):
        gap = text[prev_end - offset : start - offset]
        out += (ELISION if any(ch.isalnum() for ch in gap) else " ") + piece
    return out


class Quote(_Model):
    id: str = Field(description="Q1, Q2, ... in text order.")
    type: Literal["direct", "indirect", "mixed"]
    text: str = Field(
        description="text[start:end], from the first span's start to the last span's end: with several spans it "
        "includes the narration between them ('she said'); `content` has the quoted words alone."
    )
    content: str = Field(
        description="The quoted words alone (new in 1.3): the spans' texts in order, joined by ' … ' where narration "
        "lies between two of them and by one space where only white space and quotation marks do. Equals `text` "
        "for a quote of one span."
    )
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    spans: list[tuple[int, int]] = Field(description="The pieces of the content, when interrupted or multi-paragraph.")
    speaker: Speaker | None = Field(default=None, description="Null when the speaker is unknown.")
    cue: Cue | None = None
    confidence: float = Field(ge=0.0, le=1.0)

    @model_validator(mode="before")
    @classmethod
    def _content_of_older_records(cls, data: object) -> object:
        """Records written before schema 1.3 have no ``content``: rebuild it from ``text`` and
        ``spans`` (``text`` starts at ``start``), so older files still load for review and import."""
        if isinstance(data, dict) and "content" not in data and {"text", "spans", "start"} <= data.keys():
            try:
                content = quoted_words(data["text"], data["spans"], offset=data["start"])
            except (TypeError, ValueError):
                return data  # malformed: let the field checks say what is wrong
            return {**data, "content": content}
        return data


class Attribution(Quote):
    """A belief, intention, stance or evaluation the text attributes to someone ('X thinks ...',
    'X wants to ...', 'X endorsed Y', 'Trump is expected to win'): what an attribution corpus such
    as PolNeAR counts besides speech. Same shape as a quote, kept apart so quotes stay "who said what"."""

    id: str = Field(description="A1, A2, ... in text order.")


class DateMention(_Model):
    id: str = Field(description="D1, D2, ... in text order.")
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    value: str | None = Field(description="TIMEX3 value: 2018-11-01, 2018-05, 199X, P1Y, 2017-01/2018-11-02, PRESENT_REF ...")
    type: Literal["DATE", "TIME", "DURATION", "SET"]
    granularity: str | None = Field(
        default=None, description="century, decade, year, quarter, season, month, week, day, time, interval, duration, set, reference"
    )
    mod: str | None = Field(default=None, description="TIMEX3 mod: APPROX, BEFORE, AFTER, START, MID, END ...")


class Quantity(_Model):
    text: str
    value: float | int | None
    unit: str | None = None
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Claimant(_Model):
    entity_id: str | None = None
    name: str | None = None


class Claim(_Model):
    id: str = Field(description="C1, C2, ... in text order.")
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    checkworthiness: float = Field(ge=0.0, le=1.0, description="Probability that a fact-checker would check it, calibrated on real news.")
    rank: int | None = Field(default=None, ge=1, description="1 = the claim to check first (highest checkworthiness) in this article.")
    kind: Literal["statistic", "comparison", "superlative", "causal", "prediction", "quoted", "assertion"] | None = Field(
        default=None,
        description="What makes it checkable: statistic (a quantity), comparison, superlative (a record), causal, "
        "prediction (or promise), quoted (someone's assertion in quotes), assertion (none of these).",
    )
    claimant: Claimant | None = None
    quote_id: str | None = None
    quantities: list[Quantity] = Field(default_factory=list)
    entity_ids: list[str] = Field(default_factory=list)
    date_ids: list[str] = Field(default_factory=list)


class RecordWarning(_Model):
    code: str
    message: str


class Error(_Model):
    code: str = Field(description="empty_input, binary_input, decode_error, too_large, malformed_json, no_sentences, processing_error, ...")
    message: str


class FactRecord(_Model):
    """Everything extracted from one article."""

    schema_version: str = SCHEMA_VERSION
    article: ArticleInfo
    text: str = Field(description="The exact text analysed; every offset in the record indexes into it.")
    entities: list[Entity] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    attributions: list[Attribution] = Field(
        default_factory=list, description="Beliefs, intentions, stances and evaluations attributed to someone: not quotes."
    )
    dates: list[DateMention] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    warnings: list[RecordWarning] = Field(default_factory=list)
    error: Error | None = None


def json_schema() -> dict:
    """The JSON Schema of a FactRecord, as published by `extractor schema`."""
    schema = FactRecord.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"extractor FactRecord (schema_version {SCHEMA_VERSION})"
    return schema
