"""What may learn from the held-out real-news gold (corpus/news-holdout).

Its entity and claim labels train the two learned decisions (scripts/train_entities.py and
scripts/train_claims.py, cross-fitted by page so every figure they print comes from pages the
model did not fit) and the entity stage's CRF tagger (its entity labels only: `make train-tagger`;
train_entities.py fits the tagger's page folds itself). No model learns from its quote, speaker and
date labels, and nothing else in the package or the scripts may read the folder; the quote and
speaker errors of its last 14 pages were never looked at (`make eval-holdout-blind`).
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_only_the_entity_and_claims_trainers_read_the_holdout() -> None:
    sources = [*ROOT.joinpath("scripts").glob("*.py"), *ROOT.joinpath("extractor").rglob("*.py")]
    readers = sorted(p.relative_to(ROOT).as_posix() for p in sources if "news-holdout" in p.read_text(encoding="utf-8"))
    # scripts/news_gold.py only writes gold files (GOLD_DIR) and names the folder in its usage text
    assert set(readers) <= {"scripts/news_gold.py", "scripts/train_entities.py", "scripts/train_claims.py"}


def test_the_makefile_gives_the_holdout_to_no_other_training_target() -> None:
    makefile = ROOT.joinpath("Makefile").read_text(encoding="utf-8")
    targets = dict(re.findall(r"^([\w-]+):[^\n]*\n((?:\t[^\n]*\n)+)", makefile, flags=re.M))
    readers = sorted(name for name, recipe in targets.items() if "news-holdout" in recipe)
    assert readers == ["eval-claims", "eval-holdout", "eval-holdout-blind", "train-claims", "train-entities", "train-tagger"]


def test_the_holdout_pages_are_not_in_the_development_gold() -> None:
    holdout = {p.stem for p in ROOT.joinpath("corpus", "news-holdout").glob("*.json")}
    development = {p.stem for p in ROOT.joinpath("corpus", "news-gold").glob("*.json")}
    assert holdout and not holdout & development
