"""The CheckThat! and ClaimBuster scorers, on tiny data sets written by the tests."""

from __future__ import annotations

import json

import pytest

from extractor.eval import checkthat, claimbuster
from extractor.pipeline import Stages, build_nlp

DEBATE = [
    ("1", "HOST", "Good evening and welcome to the debate.", 0),
    ("2", "SMITH", "Unemployment in Ohio fell to 4.5 percent last year, the lowest rate since 2001.", 1),
    ("3", "SYSTEM", "(APPLAUSE)", 0),
    ("4", "JONES", "Thank you.", 0),
    ("5", "JONES", "My opponent voted to cut school funding by $2 billion in 2015.", 1),
]


@pytest.fixture(scope="module")
def nlp():
    return build_nlp(None, Stages(quotes=True, claims=True))


def test_average_precision() -> None:
    assert checkthat.average_precision([0.9, 0.8, 0.1], [1, 0, 1]) == pytest.approx((1 + 2 / 3) / 2)
    assert checkthat.average_precision([0.0, 0.0, 0.0], [0, 0, 1]) == pytest.approx(1 / 3)  # ties: line order
    assert checkthat.average_precision([0.5], [0]) == 0.0


def test_line_scores_take_the_best_overlapping_unit() -> None:
    ranges = [(0, 10), (11, 20), (21, 30)]
    assert checkthat.line_scores([(2, 15, 0.6), (12, 18, 0.9)], ranges) == [0.6, 0.9, 0.0]


def test_r_precision_and_precision_at_k() -> None:
    scores, labels = [0.9, 0.8, 0.7, 0.1], [1, 0, 1, 0]
    assert checkthat.r_precision(scores, labels) == 0.5  # two positives: one in the top two
    assert checkthat.precision_at(scores, labels, 5) == pytest.approx(2 / 5)
    assert checkthat.precision_at([0.0, 0.0, 0.0], [1, 0, 0], 1) == 1.0  # ties in line order


def test_read_debate_and_char_ranges(tmp_path) -> None:
    path = tmp_path / "20160926_test.tsv"
    path.write_text("".join("\t".join(map(str, row)) + "\n" for row in DEBATE), encoding="utf-8")
    debate = checkthat.read_debate(path)
    assert debate.published == "2016-09-26"
    assert debate.labels == [0, 1, 0, 0, 1]
    text, ranges = debate.text_and_ranges()
    assert [text[a:b] for a, b in ranges] == [row[2] for row in DEBATE]
    assert text.splitlines()[:2] == ["HOST: Good evening and welcome to the debate.",
                                     "SMITH: Unemployment in Ohio fell to 4.5 percent last year, the lowest rate since 2001."]
    assert debate.name == "20160926_test"
    assert checkthat._published("20182601_trump_world") is None


def test_evaluate_checkthat(tmp_path, nlp) -> None:
    for name in ("20160926_a", "20161005_b"):
        (tmp_path / f"{name}.tsv").write_text(
            "".join("\t".join(map(str, row)) + "\n" for row in DEBATE), encoding="utf-8"
        )
    report = checkthat.evaluate_checkthat(tmp_path, nlp)
    assert [d.name for d in report.debates] == ["20160926_a", "20161005_b"]
    assert report.mean_ap() == pytest.approx(1.0)
    assert report.mean("r_precision") == 1.0 and report.mean("p", 5) == pytest.approx(2 / 5)
    text = checkthat.format_report(report)
    assert "MAP 1.000  R-precision 1.000  P@5 0.400  P@10 0.200  P@20 0.100" in text


def test_the_2020_layout_with_full_names_and_a_header(tmp_path, nlp) -> None:
    rows = [("line_number", "speaker", "text", "label")] + [
        (n, {"HOST": "Chuck Todd", "SMITH": "Donald Trump", "JONES": "Donald Trump"}.get(s, s), t, lab)
        for n, s, t, lab in DEBATE
    ]
    (tmp_path / "20170126_interview.tsv").write_text("".join("\t".join(map(str, r)) + "\n" for r in rows), encoding="utf-8")
    debate = checkthat.read_debate(tmp_path / "20170126_interview.tsv")
    assert debate.labels == [0, 1, 0, 0, 1] and debate.speakers[1] == "Donald Trump"
    report = checkthat.evaluate_checkthat(tmp_path, nlp)
    assert report.mean_ap() == pytest.approx(1.0)


def test_evaluate_checkthat_needs_files(tmp_path, nlp) -> None:
    with pytest.raises(FileNotFoundError):
        checkthat.evaluate_checkthat(tmp_path, nlp)


def test_evaluate_claimbuster(tmp_path, nlp) -> None:
    rows = [{"sentence_id": i, "label": label, "text": text} for i, (_, _, text, label) in enumerate(DEBATE)]
    path = tmp_path / "test.json"
    path.write_text(json.dumps(rows), encoding="utf-8")
    report = claimbuster.evaluate_claimbuster(path, nlp)
    assert (report.sentences, report.positives, report.tp, report.fp, report.fn, report.tn) == (5, 2, 2, 0, 0, 3)
    assert report.f1 == 1.0
    assert "P=1.000 R=1.000 F1=1.000" in claimbuster.format_report(report)
