"""The learned judgement of quotes: calibrated confidence, the real-speech filter, --min-confidence."""

from __future__ import annotations

from extractor.api import to_article
from extractor.components.quotes.scoring import features
from extractor.pipeline import Pipeline, Stages

SCARE = "The company calls the feature \"playability\" and sells it for $20 a month."
BRIDGE = "Officials said on Monday, \"We will rebuild the bridge by March.\" The work starts next week."
COOK = "Apple employs about 450 Dreamers, Cook said. \"They are part of who we are,\" he added."


def _quotes(pipeline: Pipeline, text: str) -> list[tuple[str, str, str | None, float]]:
    record = next(pipeline.process([to_article({"id": "t", "text": text, "published": "2019-11-18"})]))
    return [(q.id, q.text, q.speaker.name if q.speaker else None, q.confidence) for q in record.quotes]


def test_confidence_is_the_models_probability_of_being_right():
    pipeline = Pipeline(stages=Stages(claims=False))
    assert _quotes(pipeline, SCARE) == [("Q1", "playability", None, 0.62)]
    assert _quotes(pipeline, BRIDGE) == [("Q1", "We will rebuild the bridge by March.", None, 0.93)]
    assert _quotes(pipeline, COOK) == [
        ("Q1", "Apple employs about 450 Dreamers", "Cook", 0.95),
        ("Q2", "They are part of who we are,", "Cook", 0.92),
    ]


def test_min_confidence_keeps_only_likely_quotes_and_renumbers():
    pipeline = Pipeline(stages=Stages(claims=False, min_confidence=0.7))
    assert _quotes(pipeline, SCARE) == []
    assert _quotes(pipeline, SCARE + " " + BRIDGE) == [("Q1", "We will rebuild the bridge by March.", None, 0.93)]


def test_features_describe_a_cued_quote_with_a_named_speaker():
    pipeline = Pipeline(stages=Stages(claims=False))
    doc = next(pipeline.run([to_article({"id": "t", "text": COOK})]))
    names = features(doc, doc._.quotes[1], "quote")
    assert {"kind=quote", "type=quote_direct", "cue=add", "res=pronoun", "speaker_pronoun=he", "finite", "capital"} <= set(names)
