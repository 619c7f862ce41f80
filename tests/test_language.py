"""The language gate: detection on short texts, the fall-back rules, and routing in the pipeline."""

from __future__ import annotations

import pytest
import spacy

from extractor.api import get_pipeline, to_article
from extractor.language import detect
from extractor.pipeline import Pipeline, parse_model_spec

SENTENCES = {
    "en": "The minister said the plan would be announced on Monday.",
    "fr": "Le ministre a déclaré que le plan serait annoncé lundi.",
    "de": "Der Minister sagte, der Plan werde am Montag vorgestellt.",
    "es": "El ministro dijo que el plan se anunciará el lunes.",
    "it": "Il ministro ha detto che il piano sarà annunciato lunedì.",
    "pt": "O ministro disse que o plano será anunciado na segunda-feira.",
    "nl": "De minister zei dat het plan maandag wordt aangekondigd.",
    "ru": "Министр сказал, что план будет объявлен в понедельник.",
    "id": "Menteri mengatakan rencana itu akan diumumkan pada hari Senin.",
    "pl": "Minister powiedział, że plan zostanie ogłoszony w poniedziałek.",
    "ko": "장관은 그 계획이 월요일에 발표될 것이라고 말했다.",
}


@pytest.mark.parametrize("code", sorted(SENTENCES))
def test_one_sentence_in_each_language(code):
    found = detect(SENTENCES[code])
    assert (found.code, found.uncertain) == (code, False)
    assert found.confidence >= 0.8


def test_an_english_story_quoting_french_stays_english():
    text = (
        "The French president spoke to reporters in Paris on Tuesday. "
        "« Nous ne céderons rien, et nous irons jusqu'au bout de cette réforme des retraites », "
        "he said, before leaving for Brussels."
    )
    found = detect(text)
    assert (found.code, found.uncertain) == ("en", False)


def test_too_short_falls_back_to_the_default_with_a_reason():
    found = detect("OK, thanks!")
    assert (found.code, found.confidence) == ("en", 0.0)
    assert "too little text" in found.reason


def test_a_text_half_in_each_language_is_uncertain():
    english = "The council voted on Tuesday to raise the harbour levy for the third year in a row, officials said. " * 12
    german = "Der Stadtrat hat am Dienstag beschlossen, die Hafengebühr zum dritten Mal in Folge zu erhöhen. " * 12
    found = detect(english + german + english[:200] + german)
    assert found.code == "en" and found.uncertain
    assert "different languages" in found.reason


def test_model_spec_maps_languages_to_pipelines():
    assert parse_model_spec("en_core_web_md,fr=fr_core_news_sm, de=/models/de") == (
        "en_core_web_md", {"fr": "fr_core_news_sm", "de": "/models/de"}
    )
    assert parse_model_spec("en=en_core_web_md") == ("en_core_web_md", {})
    assert parse_model_spec(None) == (None, {})


def test_an_article_in_an_unconfigured_language_keeps_text_and_gets_no_layers():
    text = "Le ministre Emmanuel Macron a déclaré lundi à Paris que le plan coûterait 3 milliards d'euros, selon l'Élysée."
    record = next(get_pipeline().process([to_article({"id": "fr1", "text": text, "published": "2019-11-18"})]))
    assert (record.article.language, record.text, record.error) == ("fr", text, None)
    assert (record.entities, record.quotes, record.attributions, record.claims, record.dates) == ([], [], [], [], [])
    assert [w.code for w in record.warnings] == ["unsupported_language"]
    assert "--model fr=PIPELINE" in record.warnings[0].message


def test_a_language_mapped_to_a_pipeline_gets_entities_from_it(tmp_path):
    french = spacy.blank("fr")
    ruler = french.add_pipe("entity_ruler", name="ner")
    ruler.add_patterns([{"label": "PERSON", "pattern": "Emmanuel Macron"}, {"label": "GPE", "pattern": "Paris"}])
    french.to_disk(tmp_path / "fr_tiny")
    pipeline = Pipeline(f"fr={tmp_path / 'fr_tiny'}")
    english = "Apple said on Tuesday that its sales in China grew by 12 percent in the third quarter of the year."
    french_text = "Le président Emmanuel Macron a déclaré lundi à Paris que la réforme serait votée avant la fin de l'année."
    records = list(pipeline.process([to_article({"id": "en1", "text": english}), to_article({"id": "fr1", "text": french_text})]))
    assert [r.article.language for r in records] == ["en", "fr"]
    assert [(e.type, e.name) for e in records[1].entities] == [("PERSON", "Emmanuel Macron"), ("LOCATION", "Paris")]
    assert [(e.type, e.name) for e in records[0].entities] == [("ORG", "Apple"), ("COUNTRY", "China")]
    assert records[1].warnings == []
