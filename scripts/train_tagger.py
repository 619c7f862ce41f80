"""Train the entity stage's CRF tagger (models/entity_tagger.crfsuite) on CoNLL-2003 train and the news gold.

Run by ``make train-tagger``. The texts are parsed by the product's own pipeline (its entity
stage off), so the features spaCy's tags and labels give the tagger at training time are the
ones it sees at run time. L-BFGS with fixed settings and no random state: the same data gives the
same bytes. ``train_entities.py`` calls :func:`train` too, on its own parse of CoNLL train, for the
fold models its cross-fitting needs (the decision must learn how far to trust the tagger on text the tagger did not see).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor.components.entities.tagger import TAGGER_FILE, bio_labels, token_features  # noqa: E402
from extractor.eval.conll import read_split  # noqa: E402

#: L1 and L2 penalties and iterations: the usual CRF settings for CoNLL; on CoNLL dev they gave
#: the tagger alone PER 0.927, ORG 0.834, LOC 0.923 F1 (spaCy's small model: 0.76 of persons found).
PARAMS = {"c1": 0.1, "c2": 0.01, "max_iterations": 150, "feature.possible_transitions": True}


def sequence(article, doc) -> tuple[str, list[list[str]], list[str]]:
    """One CoNLL article as a training sequence: (its id, token features, BIO labels)."""
    return article.id, token_features(doc), bio_labels(doc, article.gold)


def parsed(conll: Path, split: str) -> list[tuple[str, list[list[str]], list[str]]]:
    """(article id, token features, BIO labels) for every article of one CoNLL split."""
    from news_crossfit import entity_assets_off

    from extractor.pipeline import Stages, build_nlp

    with entity_assets_off(model=True, tagger=True):  # the stage is off below; its assets may not exist yet
        nlp = build_nlp(None, Stages(quotes=False, claims=False))
    articles = read_split(conll, split)
    out = []
    with nlp.select_pipes(disable=["extractor_entities"]):
        for article, doc in zip(articles, nlp.pipe((a.text for a in articles), batch_size=16)):
            out.append(sequence(article, doc))
    return out


def news_rows(news: Path, gold_dirs: list[Path]) -> list[tuple[str, list[list[str]], list[str]]]:
    """The English gold pages' sentences outside boilerplate, labelled from their gold mentions."""
    from news_crossfit import entity_assets_off, gold_pages, rules_pipeline, tagger_rows

    with entity_assets_off(model=False, tagger=True):  # the stage is off while the pages are read
        pipeline = rules_pipeline()
    return [row for page_id, _, _, _, placed, doc in gold_pages(pipeline, news, gold_dirs) for row in tagger_rows(page_id, doc, placed)]


def train(rows: list[tuple[str, list[list[str]], list[str]]], path: Path) -> None:
    """Fit the CRF on ``rows`` and write it to ``path``."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for _, feats, labels in rows:
        trainer.append(feats, labels)
    trainer.set_params(PARAMS)
    trainer.train(str(path))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conll", type=Path, required=True, help="Folder with train.jsonl and train-gold.jsonl.")
    parser.add_argument("--news", type=Path, required=True, help="The news pages (../shared/news).")
    parser.add_argument("--gold", type=Path, nargs="+", required=True, help="Gold folders whose English pages join training.")
    parser.add_argument("--out", type=Path, default=ROOT / "models" / TAGGER_FILE)
    args = parser.parse_args()
    start = time.time()
    conll, news = parsed(args.conll, "train"), news_rows(args.news, args.gold)
    train(conll + news, args.out)
    print(f"{len(conll)} CoNLL articles and {len(news)} sentences of {len({r[0] for r in news})} gold pages, "
          f"{sum(len(r[2]) for r in conll + news)} tokens -> {args.out} "
          f"({args.out.stat().st_size:,} bytes, {time.time() - start:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
