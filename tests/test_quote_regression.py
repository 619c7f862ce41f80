"""Regression gate for the quote stage on the project's own annotated articles (corpus/).

Each gold quote (text, type, speaker) in corpus/gold/*.json is matched to a predicted quote by
the PolNeAR rule: the overlap covers at least half of the shorter, counting characters that are
neither spaces nor quote marks. The floors are pinned just below the measured figures, so a
change that loses quotes or speakers fails here even when no single exact test notices.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.eval.polnear import _lenient, char_set, match
from extractor.readers import read_inputs

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
GOLD = {path.stem: json.loads(path.read_text(encoding="utf-8")) for path in sorted((CORPUS / "gold").glob("*.json"))}
#: Measured: 15 of 16 gold quotes found, no false positive (F1 0.968), speakers and types all right.
F1_FLOOR = 0.95
SPEAKER_FLOOR = 0.95
TYPE_FLOOR = 0.95


def _gold_spans(text: str, quote: dict) -> list[tuple[int, int]]:
    """Where a gold quote's text occurs (its first occurrence)."""
    start = text.find(quote["text"])
    assert start >= 0, f"gold quote not in the article text: {quote['text']!r}"
    return [(start, start + len(quote["text"]))]


@pytest.fixture(scope="module")
def counts(pipeline) -> dict[str, int]:
    articles = []
    for gold in GOLD.values():
        for article in read_inputs([str(CORPUS / gold["article"])], published=gold["published"]):
            if article.id in GOLD and article.id not in {a.id for a in articles}:
                articles.append(article)
    totals = {"gold": 0, "predicted": 0, "matched": 0, "speaker": 0, "type": 0}
    for record in pipeline.process(articles):
        gold = GOLD[record.article.id]["quotes"]
        gold_sets = [char_set(record.text, _gold_spans(record.text, g)) for g in gold]
        pred_sets = [char_set(record.text, [tuple(s) for s in q.spans]) for q in record.quotes]
        totals["gold"] += len(gold)
        totals["predicted"] += len(record.quotes)
        for gi, pi in match(gold_sets, pred_sets, _lenient):
            q = record.quotes[pi]
            totals["matched"] += 1
            totals["speaker"] += (q.speaker.name if q.speaker else None) == gold[gi]["speaker"]
            totals["type"] += q.type == gold[gi]["type"]
    return totals


def test_corpus_has_gold_quotes(counts):
    assert counts["gold"] >= 10


def test_quote_f1_floor(counts):
    precision = counts["matched"] / counts["predicted"] if counts["predicted"] else 0.0
    recall = counts["matched"] / counts["gold"]
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    assert f1 >= F1_FLOOR, counts


def test_speaker_and_type_floor(counts):
    assert counts["speaker"] / counts["matched"] >= SPEAKER_FLOOR, counts
    assert counts["type"] / counts["matched"] >= TYPE_FLOOR, counts
