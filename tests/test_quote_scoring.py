"""The learned judgement of quotes: calibrated confidence, the real-speech filter, --min-confidence,
and what is not a quote (scare quotes, terms, titles, nicknames, headlines, findings of a video or a
study), each on a short text with the product's models (exact results)."""

from __future__ import annotations

import pytest

from extractor.api import to_article
from extractor.components.quotes.scoring import features
from extractor.pipeline import Pipeline, Stages

SCARE = "The governor has long resisted what she calls \"so-called reforms\" of the pension system."
BRIDGE = "Officials said on Monday, \"We will rebuild the bridge by March.\" The work starts next week."
COOK = "Apple employs about 450 Dreamers, Cook said. \"They are part of who we are,\" he added."
POST = ("Governor Kristi Noem defended the campaign on Monday.\n\n"
        "Hey Twitter, the whole point of this ad campaign is to raise awareness. So I think that’s working. "
        "https://t.co/hopPjqa95w\n\n"
        "— Governor Kristi Noem (@govkristinoem) November 18, 2019")


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(stages=Stages(claims=False))


def _record(pipeline: Pipeline, text: str, title: str | None = None):
    article = {"id": "t", "text": text if title is None else f"{title}\n\n{text}", "published": "2019-11-18"}
    if title is not None:
        article["title"] = title
    return next(pipeline.process([to_article(article)]))


def _quotes(pipeline: Pipeline, text: str, title: str | None = None) -> list[tuple[str, str, str | None, float]]:
    return [(q.id, q.text, q.speaker.name if q.speaker else None, q.confidence) for q in _record(pipeline, text, title).quotes]


def _attributions(pipeline: Pipeline, text: str) -> list[tuple[str, str, float]]:
    return [(a.id, a.text, a.confidence) for a in _record(pipeline, text).attributions]


def test_confidence_is_the_models_probability_of_being_right(pipeline):
    assert _quotes(pipeline, BRIDGE) == [("Q1", "We will rebuild the bridge by March.", None, 0.97)]
    assert _quotes(pipeline, COOK) == [
        ("Q1", "Apple employs about 450 Dreamers", "Cook", 0.96),
        ("Q2", "They are part of who we are,", "Cook", 0.95),
    ]


def test_min_confidence_keeps_only_likely_items_and_renumbers():
    pipeline = Pipeline(stages=Stages(claims=False, min_confidence=0.8))
    record = _record(pipeline, SCARE + " " + BRIDGE)
    assert [(q.id, q.text, q.confidence) for q in record.quotes] == [("Q1", "We will rebuild the bridge by March.", 0.97)]
    assert record.attributions == []


@pytest.mark.parametrize(
    "text",
    [
        # a scare quote, a name for a stance
        "Farm states like the senator's \"tough on trade\" stance, which he will campaign on in the fall.",
        # a title of a work and a nickname (filters.py)
        "Lee wrote the memoir \"A Long Way Home\" in 2015 after leaving the council.",
        "Del. Marcia \"Cia\" Price voted against the bill on Tuesday.",
    ],
)
def test_scare_quotes_titles_and_nicknames_are_neither_quotes_nor_attributions(pipeline, text):
    assert _quotes(pipeline, text) == []
    assert [a[1] for a in _attributions(pipeline, text)] in ([], ["the bill"])  # 'Price voted against the bill': a stance


def test_a_headline_with_a_quoted_name_is_no_quote(pipeline):
    assert _quotes(pipeline, "The city council voted 7-2 on Tuesday to fund new bike lanes on Main Street.",
                   title="Council Backs \"Green Streets\" Plan") == []


@pytest.mark.parametrize(
    ("text", "attribution"),
    [
        # a term someone coined, a scare-quoted phrase: the speech model moves them out of quotes
        ("When people catch it from feather bedding, it has been dubbed \"feather duvet lung.\" The illness is rare.",
         ("A1", "feather duvet lung.", 0.4)),
        # (quoted with the phrase the naming verb names: PolNeAR's content for 'calls')
        ("The governor has long resisted what she calls \"so-called reforms\" of the pension system.",
         ("A1", "\"so-called reforms\" of the pension system", 0.74)),
        # what a video shows, what a study found, what someone agreed to do: not speech
        ("A neighbour filmed the arrest. The video shows officers racing up a staircase and banging on the door.",
         ("A1", "officers racing up a staircase and banging on the door", 0.9)),
        ("A 2018 analysis of the data found evidence of large plumes of water vapour.",
         ("A1", "evidence of large plumes of water vapour", 0.92)),
        ("The investor agreed to inject $6.5 billion into the company and to buy out existing shareholders.",
         ("A1", "to inject $6.5 billion into the company and to buy out existing shareholders", 0.89)),
    ],
)
def test_what_is_not_reported_speech_is_an_attribution_not_a_quote(pipeline, text, attribution):
    assert _quotes(pipeline, text) == []
    assert _attributions(pipeline, text) == [attribution]


def test_an_embedded_post_is_a_quote_of_its_author(pipeline):
    assert _quotes(pipeline, POST) == [
        ("Q1", "Hey Twitter, the whole point of this ad campaign is to raise awareness. So I think that’s working.",
         "Kristi Noem", 0.84),
    ]


def test_features_describe_a_cued_quote_with_a_named_speaker(pipeline):
    doc = next(pipeline.run([to_article({"id": "t", "text": COOK})]))
    names = features(doc, doc._.quotes[1], "quote")
    assert {"kind=quote", "type=quote_direct", "cue=add", "res=pronoun", "speaker_pronoun=he", "finite", "capital",
            "cue_class=speech", "cue_dep=ROOT", "shape=finite"} <= set(names)
    assert "embedded_post" not in names


def test_features_tell_evidence_from_a_person_and_a_noun_phrase_from_a_clause(pipeline):
    text = "A 2018 analysis of the data found evidence of large plumes of water vapour."
    doc = next(pipeline.run([to_article({"id": "t", "text": text})]))
    names = features(doc, doc._.attributions[0], "quote")
    assert {"speaker_kind=evidence", "cue=find", "cue_class=speech", "shape=noun_phrase"} <= set(names)


def test_features_mark_an_embedded_post(pipeline):
    doc = next(pipeline.run([to_article({"id": "t", "text": POST})]))
    assert "embedded_post" in features(doc, doc._.quotes[0], "quote")


def test_a_quote_cued_by_an_act_of_speech_stays_a_quote(pipeline):
    """Short quoted words a speech act reports ('tweeted that ... was "disgusting"') are speech,
    whatever the speech model makes of them."""
    text = "Early on Friday the candidate tweeted that the former beauty queen was \"disgusting\" and \"a con.\""
    assert _quotes(pipeline, text) == [("Q1", "the former beauty queen was \"disgusting\" and \"a con.\"", None, 0.95)]
