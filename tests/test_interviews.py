"""A Q&A interview: every answer paragraph is a quote of the person interviewed (quotes/interviews.py)."""

from __future__ import annotations

import pytest

from extractor.api import to_article
from extractor.pipeline import Pipeline, Stages

INTERVIEW = """Five questions for a new coach

Coach Dana Reyes took over the team in June. We spoke with Dana Reyes about the season.

Q: How did the season go?

A: It was a hard year, but we learned a lot about ourselves.

We lost six games in a row in March, and that hurt.

Q: What comes next?

A: We will rebuild the defense and hire two new assistants.
"""


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(stages=Stages(claims=False))


def _record(pipeline: Pipeline, text: str):
    return next(pipeline.process([to_article({"id": "t", "text": text, "published": "2019-11-18"})]))


def test_each_answer_paragraph_is_a_quote_of_the_interviewee(pipeline: Pipeline) -> None:
    record = _record(pipeline, INTERVIEW)
    assert [(q.text, q.speaker.name, q.speaker.resolution, q.cue) for q in record.quotes] == [
        ("It was a hard year, but we learned a lot about ourselves.", "Dana Reyes", "context", None),
        ("We lost six games in a row in March, and that hurt.", "Dana Reyes", "context", None),
        ("We will rebuild the defense and hire two new assistants.", "Dana Reyes", "context", None),
    ]


def test_one_answer_is_no_interview(pipeline: Pipeline) -> None:
    text = "Coach Dana Reyes took over the team in June.\n\nQ: How did it go?\n\nA: It was a hard year for all of us.\n"
    assert _record(pipeline, text).quotes == []
