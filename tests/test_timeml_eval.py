"""The TimeML scorer on a tiny TimeML file written for the test."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.eval.timeml import evaluate_timeml, read_timeml
from extractor.eval.timex_values import canonical_value, same_value

TML = """<?xml version="1.0" ?>
<TimeML>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-03-06" temporalFunction="false" functionInDocument="CREATION_TIME">March 6, 1998</TIMEX3></DCT>
<TEXT>
The board met <TIMEX3 tid="t1" type="DATE" value="1998-03-05">Thursday</TIMEX3> and said profits rose in <TIMEX3 tid="t2" type="DATE" value="199">the 1990s</TIMEX3>.
It will vote again <TIMEX3 tid="t3" type="DATE" value="1998-W12">in two weeks' time</TIMEX3> after a <EVENT eid="e1">review</EVENT>.
</TEXT>
</TimeML>
"""


@pytest.fixture()
def tml_dir(tmp_path: Path) -> Path:
    (tmp_path / "a.tml").write_text(TML, encoding="utf-8")
    return tmp_path


def test_reader_offsets_follow_the_tag_free_text(tml_dir: Path) -> None:
    doc = read_timeml(tml_dir / "a.tml")
    assert doc.dct == "1998-03-06"
    assert [(doc.text[t.start : t.end], t.value) for t in doc.timexes] == [
        ("Thursday", "1998-03-05"),
        ("the 1990s", "199"),
        ("in two weeks' time", "1998-W12"),
    ]


def test_scores(tml_dir: Path, pipeline) -> None:
    report = evaluate_timeml(tml_dir, pipeline.nlp)
    # "two weeks" overlaps "in two weeks' time": a relaxed match, not a strict one, with another value.
    assert (report.gold, report.predicted, report.relaxed_matches, report.strict_matches) == (3, 3, 3, 2)
    assert report.value_correct == 2  # Thursday, and 199X == 199
    assert round(report.value_f1, 4) == round(1.0 * 2 / 3, 4)


@pytest.mark.parametrize(("value", "canonical"), [("199", "199X"), ("2000-W7", "2000-W07"), ("2000-W7-WE", "2000-W07-WE"), ("2018-11-01", "2018-11-01"),
                                                ("1989-11-06T17", "1989-11-06T17:00"), ("1989-11-06T17:30", "1989-11-06T17:30"),
                                                ("P1E", "P10Y"), ("P10Y", "P10Y"), ("PXCE", "PXC"), ("PXDE", "PXE"), ("P2C", "P200Y"),
                                                ("P18M", "P1Y6M"), ("P1.5Y", "P1Y6M"), ("PT90S", "PT1M30S"), ("P2DE", "P20Y"),
                                                ("P2W", "P14D"), ("PT10M/PT15M", "PT10M/PT15M"), ("PT600S/PT900S", "PT10M/PT15M")])
def test_canonical_values(value: str, canonical: str) -> None:
    assert canonical_value(value) == canonical


@pytest.mark.parametrize(("predicted", "gold", "text", "same"), [
    ("PAST_REF", "PXM", "recent months", True),
    ("PXM", "PAST_REF", "the last few months", True),
    ("FUTURE_REF", "PXW", "coming weeks", True),
    ("PAST_REF", "PXY", "years", False),          # nothing in the words looks back
    ("FUTURE_REF", "PXY", "recent years", False),  # the wrong way
    ("PAST_REF", "P3Y", "the past three years", False),  # a stated length is not vague
])
def test_vague_stretch_convention(predicted: str, gold: str, text: str, same: bool) -> None:
    assert same_value(predicted, gold, text) is same
