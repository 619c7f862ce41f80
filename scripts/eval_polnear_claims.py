"""Check the shipped claims model on PolNeAR articles it never saw: the held-out batches of
corpus/polnear-claims (batches 4 and 5, 120 train articles annotated like the training batches).

Why: the product owner counts claims per article and the share at >= 0.9 on hidden articles of a
PolNeAR-sized set, and checks precision on hidden news. The news gold's figures are cross-fitted
on 78 pages; these articles add a second, larger out-of-sample check of the same figures, with
labels, on the kind of prose the hidden set is likely to be. Each article runs through the default
pipeline (default threshold, as a user runs it) and is scored with the news eval's own claim
matching (extractor.eval.news_scoring.score_claims).

    PYTHONPATH=. python scripts/eval_polnear_claims.py --polnear ../shared/polnear
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from claims_data import TRAINING_BATCHES, annotated_articles  # noqa: E402

from extractor.eval.news import claims_lines  # noqa: E402
from extractor.eval.news_scoring import NewsScores, score_claims  # noqa: E402

HELD_OUT_BATCHES = (4, 5)


def evaluate(polnear_dir: Path, claims_file: Path, batches: tuple[int, ...], limit: int | None = None) -> NewsScores:
    """Claims of each article (the first ``limit``) as the default pipeline lists them, scored
    against the annotation."""
    import extractor

    overlap = set(batches) & TRAINING_BATCHES
    if overlap:
        raise SystemExit(f"batches {sorted(overlap)} are training data (claims_data.TRAINING_BATCHES); "
                         f"choose held-out batches, e.g. {' '.join(map(str, HELD_OUT_BATCHES))}")
    scores = NewsScores()
    for article, annotated in annotated_articles(polnear_dir, claims_file, batches)[:limit]:
        record = extractor.extract(article.text, published=article.published, id=article.name)
        if record.text != article.text:
            raise SystemExit(f"{article.name}: the record's text differs from the file's, so the annotated "
                             f"offsets do not apply; run on the plain .txt file")
        gold = {"claims": [{"span": [c["start"], c["end"]]} for c in annotated]}
        score_claims(scores, gold, record, article.name)
    return scores


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--polnear", type=Path, default=ROOT.parent / "shared" / "polnear")
    parser.add_argument("--claims", type=Path, default=ROOT / "corpus" / "polnear-claims" / "claims.json")
    parser.add_argument("--batches", type=int, nargs="+", default=list(HELD_OUT_BATCHES))
    parser.add_argument("--errors", type=int, default=0, help="print this many top-3 errors")
    args = parser.parse_args(argv)
    scores = evaluate(args.polnear, args.claims, tuple(args.batches))
    print(f"PolNeAR train articles of batches {' '.join(map(str, args.batches))} (never trained on): "
          f"{len(scores.claims_per_article)} articles")
    print("\n".join(claims_lines(scores)))
    for line in scores.errors["claim"][:args.errors]:
        print("  " + line)


if __name__ == "__main__":
    main()
