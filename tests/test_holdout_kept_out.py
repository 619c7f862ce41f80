"""The held-out real-news gold (corpus/news-holdout) must stay out of every training script: it is
only worth something as long as nothing was fitted or tuned on it."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_no_training_script_or_package_module_reads_the_holdout() -> None:
    readers = [p for p in [*ROOT.joinpath("scripts").glob("*.py"), *ROOT.joinpath("extractor").rglob("*.py")]
               if "news-holdout" in p.read_text(encoding="utf-8")]
    # scripts/news_gold.py only writes gold files (GOLD_DIR) and names the folder in its usage text
    assert [p.relative_to(ROOT).as_posix() for p in readers] == ["scripts/news_gold.py"]


def test_the_holdout_pages_are_not_in_the_development_gold() -> None:
    holdout = {p.stem for p in ROOT.joinpath("corpus", "news-holdout").glob("*.json")}
    development = {p.stem for p in ROOT.joinpath("corpus", "news-gold").glob("*.json")}
    assert holdout and not holdout & development
