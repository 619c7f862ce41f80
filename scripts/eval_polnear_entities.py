"""Entity figures on the PolNeAR train articles annotated for entities (corpus/polnear-entities).

The product runs on each article as a user runs it (plain text, its publication date) and its
entity mentions are scored against the annotation with the news eval's own entity scoring
(exact span and type; extractor/eval/news_scoring.py): mention precision, recall and F1 per type,
how many listed entities are right, and people clustered right. ``--model`` scores another entity
decision file instead of the shipped one (development: a model trained without these articles).

    python scripts/eval_polnear_entities.py [--shared ../shared] [--model FILE] [--errors N]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from polnear_claim_tasks import digest  # noqa: E402

from extractor.article import Article  # noqa: E402
from extractor.eval.news import analyse  # noqa: E402
from extractor.eval.news_scoring import NewsScores, _score_entities  # noqa: E402
from extractor.eval.polnear_corpus import read_split  # noqa: E402

ENTITIES_FILE = ROOT / "corpus" / "polnear-entities" / "entities.json"


def read_annotated(shared: Path, entities: Path = ENTITIES_FILE) -> tuple[list, dict]:
    """The annotated articles in corpus order (the order the halves of train_entities.py use)
    and their annotations by article name; stops when an article's text is not the one annotated."""
    entries = {e["article"]: e for e in json.loads(entities.read_text(encoding="utf-8"))}
    articles = [a for a in read_split(shared / "polnear", "train") if a.name in entries]
    for article in articles:
        if digest(article.text) != entries[article.name]["digest"]:
            raise SystemExit(f"{entities}: the text of {article.name} is not the one annotated; annotate it again.")
    return articles, entries


def score_articles(pipeline, articles: list, entries: dict, scores: NewsScores | None = None) -> NewsScores:
    """The pipeline's entity mentions on ``articles`` against their annotation (added to ``scores``)."""
    scores = scores if scores is not None else NewsScores()
    inputs = [Article(id=a.name, text=a.text, published=a.published) for a in articles]
    for article, (record, _) in zip(articles, analyse(pipeline, inputs)):
        gold = {"entities": [{"type": e["type"], "name": e["name"], "mentions": [(s, t) for s, t, _ in e["mentions"]]}
                             for e in entries[article.name]["entities"]]}
        _score_entities(scores, gold, record, article.name[:24])
    return scores


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--entities", type=Path, default=ENTITIES_FILE)
    parser.add_argument("--model", type=Path, default=None, help="an entity decision file to use instead of models/entity_model.json")
    parser.add_argument("--part", type=str, default=None, help="K/N: only the articles whose index is K modulo N (development)")
    parser.add_argument("--errors", type=int, default=0, help="print this many entity errors")
    args = parser.parse_args()
    from extractor.components.entities.decision import EntityModel
    from extractor.pipeline import Pipeline, Stages

    articles, entries = read_annotated(args.shared, args.entities)
    if args.part:
        k, n = (int(x) for x in args.part.split("/"))
        articles = [a for i, a in enumerate(articles) if i % n == k]
    pipeline = Pipeline(None, Stages(quotes=False, claims=False))
    if args.model:
        pipeline.nlp.get_pipe("extractor_entities").model = EntityModel.load(args.model)
    scores = score_articles(pipeline, articles, entries)
    p, r, f = scores.mentions.prf()
    print(f"PolNeAR entity articles: {len(articles)} (model {args.model or 'shipped'})")
    print(f"mentions                 P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
    for t, counts in scores.per_type.items():
        tp, tr, tf = counts.prf()
        print(f"  {t:22} P {tp:.3f}  R {tr:.3f}  F1 {tf:.3f}")
    print(f"listed entities right    {scores.listed_entities.value:.3f}")
    print(f"people clustered right   {scores.people_clusters.value:.3f}")
    for line in scores.errors["entity"][: args.errors]:
        print("  ", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
