"""Acceptance on the real article in ../shared/examples, end to end through the public API."""

from __future__ import annotations

import json

import pytest

import extractor


@pytest.fixture(scope="module")
def osce(shared_dir):
    text = (shared_dir / "examples" / "osce-chechnya.txt").read_text(encoding="utf-8")
    gold = json.loads((shared_dir / "examples" / "osce-chechnya.gold.json").read_text(encoding="utf-8"))
    return extractor.extract(text, published="2018-11-02", id="osce-chechnya"), gold


def test_title(osce) -> None:
    record, gold = osce
    assert record.article.title == gold["title"]


def test_exactly_the_five_people(osce) -> None:
    record, gold = osce
    people = {e.name: sorted(m.text for m in e.mentions) for e in record.entities if e.type == "PERSON"}
    assert set(people) == set(gold["people"])
    assert people["Guðni Bragason"] == ["Bragason", "Bragason", "Guðni Bragason"]
    # one entity per person: both "Igor Kochetkov" mentions, neither of them an organisation
    assert people["Igor Kochetkov"] == ["Igor Kochetkov", "Igor Kochetkov"]
    assert not [e for e in record.entities if e.type != "PERSON" and e.name in gold["people"]]


def test_all_countries_with_iso_codes(osce) -> None:
    record, gold = osce
    codes = {e.country_code: {m.text for m in e.mentions} for e in record.entities if e.type == "COUNTRY"}
    assert set(codes) == set(gold["countries"])
    for code, names in gold["countries"].items():
        assert set(names) <= codes[code], code


def test_organizations(osce) -> None:
    record, _ = osce
    orgs = {m.text for e in record.entities if e.type == "ORG" for m in e.mentions}
    for name in ["OSCE", "Novaya Gazeta", "Human Rights Watch", "Russian LGBT Network", "UN Human Rights Council"]:
        assert name in orgs, name
    assert orgs & {"US State Department", "State Department"}
    assert not {e.name for e in record.entities if e.type == "PERSON"} & {"Novaya Gazeta"}


def test_all_gold_dates(osce) -> None:
    record, gold = osce
    got = {(d.start, d.end): d.value for d in record.dates}
    for date in gold["dates"]:
        assert got.get(tuple(date["span"])) == date["value"], date


def test_boilerplate_yields_no_entities(osce) -> None:
    record, _ = osce
    signup_end = record.text.index("16 OSCE Countries")
    hashtags_start = record.text.index("#ChechenAntiGayPurge")
    mentions = [m for e in record.entities for m in e.mentions]
    assert not [m for m in mentions if m.start < signup_end or m.start >= hashtags_start]
