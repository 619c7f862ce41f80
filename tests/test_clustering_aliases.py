"""An organisation's other name ('VW', 'GOP') joins its full name in one entity (``aliases`` in
models/entity_lexicons.json), and quotes of that name speak for the one organisation."""

from __future__ import annotations

import pytest

from extractor.api import to_article
from extractor.pipeline import Pipeline, Stages

TEXT = """Volkswagen shows an electric wagon

Volkswagen unveiled an electric wagon at the Los Angeles auto show on Tuesday. The German automaker said the wagon would go on sale in 2022.

VW said the car could travel 300 miles on a charge.
"""


@pytest.fixture(scope="module")
def record():
    pipeline = Pipeline(stages=Stages(claims=False))
    return next(pipeline.process([to_article({"id": "t", "text": TEXT, "published": "2019-11-18"})]))


def test_another_name_of_an_organisation_joins_its_entity(record) -> None:
    orgs = {e.name: [m.text for m in e.mentions] for e in record.entities if e.type == "ORG"}
    assert orgs["Volkswagen"] == ["Volkswagen", "Volkswagen", "VW"]
    assert "VW" not in orgs


def test_the_other_name_speaks_for_the_organisation(record) -> None:
    said = [(q.speaker.name, q.speaker.mention.text, q.speaker.resolution) for q in record.quotes]
    # "the German automaker" stays unresolved (see README, Speakers: descriptions)
    assert said == [(None, "The German automaker", "description"), ("Volkswagen", "VW", "explicit")]
