"""What the language gate costs: its share of extraction time on real pages. Prints figures only.

Runs the whole pipeline over the pages of ../shared/news (as the HTML reader extracts them) and,
when present, the PolNeAR dev articles, with the stage timer on, and prints the gate's seconds
beside the whole run's, plus a bare detection pass timed alone (model loading counted once).
Usage: python bench/language_cost.py [--shared DIR]   (part of `make bench`)
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor.eval.news import read_page  # noqa: E402
from extractor.language import _identifier, detect  # noqa: E402
from extractor.pipeline import Pipeline  # noqa: E402
from extractor.stats import StageTimer  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    news = args.shared / "news" / "html"
    if not news.exists():
        print(f"{news} not found; nothing to measure.")
        return 0
    articles = [read_page(p) for p in sorted(news.glob("*.html.gz"))]
    started = time.perf_counter()
    _identifier()
    load = time.perf_counter() - started
    started = time.perf_counter()
    for article in articles:
        detect(article.text)
    alone = time.perf_counter() - started
    pipeline = Pipeline()
    timer = StageTimer()
    started = time.perf_counter()
    for _ in pipeline.process(articles, timer):
        pass
    total = time.perf_counter() - started
    gate = timer.stage_seconds().get("language", 0.0)
    print(f"{len(articles)} news pages: extraction {total:.2f} s; language gate {gate:.3f} s "
          f"({100 * gate / total:.2f}% of extraction); detection alone {1000 * alone / len(articles):.2f} ms/article; "
          f"detector load {load:.2f} s once per process ({100 * load / total:.1f}% of this run)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
