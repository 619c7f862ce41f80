"""The PolNeAR claims annotation (corpus/polnear-claims): training reads batches 1-3 only, and the
held-out check scores the shipped model on batches 4-5 with the news eval's claim matching."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from claims_data import TRAINING_BATCHES, annotated_articles  # noqa: E402
from eval_polnear_claims import HELD_OUT_BATCHES, evaluate  # noqa: E402

CLAIMS = ROOT / "corpus" / "polnear-claims" / "claims.json"


def test_the_held_out_batches_are_not_training_batches() -> None:
    batches = {e["batch"] for e in json.loads(CLAIMS.read_text(encoding="utf-8"))}
    assert TRAINING_BATCHES == {1, 2, 3}
    assert set(HELD_OUT_BATCHES) == batches - TRAINING_BATCHES == {4, 5}


def test_the_check_refuses_training_batches(shared_dir: Path) -> None:
    with pytest.raises(SystemExit, match=r"batches \[3\] are training data"):
        evaluate(shared_dir / "polnear", CLAIMS, (3, 4))


def test_only_the_asked_batches_are_read(shared_dir: Path) -> None:
    held_out = annotated_articles(shared_dir / "polnear", CLAIMS, HELD_OUT_BATCHES)
    training = annotated_articles(shared_dir / "polnear", CLAIMS, TRAINING_BATCHES)
    assert (len(held_out), len(training)) == (120, 180)
    assert not {a.name for a, _ in held_out} & {a.name for a, _ in training}


def test_two_held_out_articles_scored_exactly(shared_dir: Path) -> None:
    scores = evaluate(shared_dir / "polnear", CLAIMS, HELD_OUT_BATCHES, limit=2)
    # the shipped model (threshold 0.6) on the first two articles of batches 4-5: 7 and 2 claims
    assert (scores.claims.tp, scores.claims.fp, scores.claims.fn) == (5, 4, 5)
    assert scores.claims_per_article == [7, 2]
    assert (scores.p_at_3.right, scores.p_at_3.total, scores.claims_high) == (4, 5, 0)
    assert scores.errors["claim"] == ["breitbart_2015-11-19_hillary-clinton-calls-on-u-s-to- top-3 not a gold claim: "
                                      "'Clinton is calling for the United States to take a stronger role in th'"]
