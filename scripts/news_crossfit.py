"""The real-news gold in the entity model's training, cross-fitted by page (used by train_entities.py).

Each gold page's candidates are labelled by the gold mention they match exactly (COUNTRY and
LOCATION are one class, the country table splits them again). The pages are dealt into FOLDS
groups; for each group a model is fitted on CoNLL train plus the other groups' pages, and the
product runs end to end on the group's pages with that model, scored by the same code as
`extractor eval news` (extractor/eval/news_scoring.py). So every news figure printed here comes
from pages the model scoring them did not fit.
"""

from __future__ import annotations

import pickle
import sys
from collections.abc import Callable
from pathlib import Path

from extractor.components.entities.decision import EntityModel
from extractor.components.entities.features import DocContext, features
from extractor.eval.news import analyse, read_page
from extractor.eval.news_gold import load_gold, placed_gold
from extractor.eval.news_scoring import NewsScores, score_page

CLASS_OF = {"PERSON": "PERSON", "ORG": "ORG", "COUNTRY": "LOCATION", "LOCATION": "LOCATION"}


def rules_pipeline():
    """The product's pipeline (no quotes or claims) with the entity stage's model off: the rules alone."""
    from extractor.components.entities import stage
    from extractor.pipeline import Pipeline, Stages

    original = stage.load_model
    stage.load_model = lambda name: None  # the model may not exist yet
    try:
        return Pipeline(None, Stages(quotes=False, claims=False))
    finally:
        stage.load_model = original


def featurize_news(pipeline, news_dir: Path, gold_dir: Path, cache: Path | None) -> list[dict]:
    """Per English gold page: the article, and its candidates with features and labels."""
    if cache and (cache / "news.pkl").exists():
        return pickle.loads((cache / "news.pkl").read_bytes())
    golds = {g["id"]: g for g in load_gold(gold_dir) if g.get("language", "en") == "en"}
    stage = pipeline.nlp.get_pipe("extractor_entities")
    out = []
    for path in sorted((news_dir / "html").glob("*.html*")):
        page_id = path.name.split(".")[0]
        if page_id not in golds:
            continue
        article = read_page(path)
        nlp = pipeline.gate(article)
        with nlp.select_pipes(disable=["extractor_entities"]):  # candidates from spaCy's own doc.ents
            doc = next(pipeline.run([article], None, nlp))
        placed, _ = placed_gold(golds[page_id], doc.text)
        gold = {tuple(m): e["type"] for e in placed["entities"] for m in e["mentions"]}
        candidates, facts = stage.candidate_mentions(doc)
        ctx = DocContext.of(doc, candidates)
        rows = []
        for m in candidates:
            span = m.span(doc)
            label = CLASS_OF.get(gold.get((span.start_char, span.end_char), ""), "DROP")
            rows.append({"features": features(doc, m, ctx, facts), "label": label,
                         "span": (span.start_char, span.end_char), "key": " ".join(span.text.casefold().split())})
        out.append({"id": page_id, "path": str(path), "gold": golds[page_id], "doc": {"id": page_id, "rows": rows, "gold": []}})
    if cache:
        cache.mkdir(parents=True, exist_ok=True)
        (cache / "news.pkl").write_bytes(pickle.dumps(out))
    return out


def crossfit_news(pipeline, conll_train: list[dict], news: list[dict], train: Callable[[list[dict], list[dict]], dict], folds: int) -> dict:
    """End-to-end entity figures on the gold pages, each page scored by a model that did not see it."""
    stage = pipeline.nlp.get_pipe("extractor_entities")
    scores = NewsScores()
    for k in range(folds):
        held = [n for i, n in enumerate(news) if i % folds == k]
        rest = [n["doc"] for i, n in enumerate(news) if i % folds != k]
        data = train(conll_train, rest)
        stage.model = EntityModel(tuple(data["classes"]), data["weights"], data["aggregate"], data["drop_threshold"], data.get("domain", ""))
        articles = [read_page(Path(n["path"])) for n in held]
        for n, (record, regions) in zip(held, analyse(pipeline, articles)):
            gold, _ = placed_gold(n["gold"], record.text)
            score_page(scores, gold, record, regions)
        print(f"  news fold {k + 1}/{folds}: {len(held)} pages", file=sys.stderr)
    stage.model = None
    p, r, f = scores.mentions.prf()
    out = {"mentions": [round(p, 3), round(r, 3), round(f, 3)],
           "per_type": {t: [round(x, 3) for x in c.prf()] for t, c in scores.per_type.items()},
           "listed_entities_right": round(scores.listed_entities.value, 3),
           "people_clustered_right": round(scores.people_clusters.value, 3)}
    print(f"news gold, cross-fitted by page ({folds} folds): {out}", file=sys.stderr)
    for line in scores.errors["entity"][:60]:
        print("   ", line, file=sys.stderr)
    return out
