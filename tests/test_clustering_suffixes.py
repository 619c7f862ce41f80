"""A bare surname joins the full name it belongs to when that name ends in a generational suffix."""

from __future__ import annotations

import pytest

from extractor.api import to_article
from extractor.pipeline import Pipeline, Stages

TEXT = """Man pleads guilty to threatening Rep. Ilhan Omar

Patrick W. Carlineo Jr., 55, of Addison, pleaded guilty on Monday, U.S. Attorney James P. Kennedy Jr. said.

Carlineo faces a maximum of 10 years in prison. "The First Amendment right to freedom of speech carries no protection for threats," Kennedy said.
"""


@pytest.fixture(scope="module")
def record():
    pipeline = Pipeline(stages=Stages(claims=False))
    return next(pipeline.process([to_article({"id": "t", "text": TEXT, "published": "2019-11-18"})]))


def test_a_surname_joins_the_full_name_with_a_suffix(record) -> None:
    people = {e.name: len(e.mentions) for e in record.entities if e.type == "PERSON"}
    assert people == {"Ilhan Omar": 1, "Patrick W. Carlineo Jr.": 2, "James P. Kennedy Jr.": 2}


def test_the_quote_of_the_bare_surname_names_the_full_name(record) -> None:
    assert [q.speaker.name for q in record.quotes] == ["James P. Kennedy Jr.", "James P. Kennedy Jr."]
