"""The real-news gold in the entity model's training, cross-fitted by page (used by train_entities.py).

Each gold page's candidates are labelled by the gold mention they match exactly (COUNTRY and
LOCATION are one class, the country table splits them again). The pages are dealt into FOLDS
groups; for each group a model is fitted on CoNLL train plus the other groups' pages, and the
product runs end to end on the group's pages with that model, scored by the same code as
`extractor eval news` (extractor/eval/news_scoring.py). So every news figure printed here comes
from pages the model scoring them did not fit.
"""

from __future__ import annotations

import json
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from extractor.components.entities.base import _in_boilerplate
from extractor.components.entities.decision import EntityModel, table_country
from extractor.components.entities.features import DocContext, features
from extractor.components.entities.tagger import SequenceTagger, bio_labels, token_features
from extractor.eval.news import analyse, read_page
from extractor.eval.news_gold import load_gold, placed_gold
from extractor.eval.news_scoring import NewsScores, score_page

CLASS_OF = {"PERSON": "PERSON", "ORG": "ORG", "COUNTRY": "LOCATION", "LOCATION": "LOCATION"}
#: The news gold's types as the CRF tagger's CoNLL labels.
TAG_OF = {"PERSON": "PER", "ORG": "ORG", "COUNTRY": "LOC", "LOCATION": "LOC"}


@contextmanager
def entity_assets_off(model: bool = True, tagger: bool = False) -> Iterator[None]:
    """Pipelines built inside load the entity stage without its decision model (``model``) and
    without its CRF tagger (``tagger``): training builds them before those files exist, or to
    read what the rules alone propose."""
    from extractor.components.entities import stage

    saved = stage.load_model, stage.load_tagger
    if model:
        stage.load_model = lambda name: None
    if tagger:
        stage.load_tagger = lambda name: None
    try:
        yield
    finally:
        stage.load_model, stage.load_tagger = saved


def rules_pipeline():
    """The product's pipeline (no quotes or claims) with the entity stage's model off: the rules alone."""
    from extractor.pipeline import Pipeline, Stages

    with entity_assets_off():
        return Pipeline(None, Stages(quotes=False, claims=False))


def candidate_rows(stage, doc, label_of: Callable[[int, int], str]) -> list[dict]:
    """The entity decision's training rows for one doc: each candidate's features, its label
    (``label_of(start, end)``), its span and string, and whether the decision keeps it as the rules
    typed it (``decision.table_country``), so scoring decides exactly as the product does."""
    candidates, facts = stage.candidate_mentions(doc)
    ctx = DocContext.of(doc, candidates)
    rows = []
    for m in candidates:
        span = m.span(doc)
        rows.append({"features": features(doc, m, ctx, facts), "label": label_of(span.start_char, span.end_char),
                     "span": (span.start_char, span.end_char), "key": " ".join(span.text.casefold().split()),
                     "fixed": table_country(m)})
    return rows


def gold_pages(pipeline, news_dir: Path, gold_dirs: list[Path]):
    """Per English gold page of any of ``gold_dirs``: its id, folder name, path, gold, the gold
    placed on the analysed text, and the doc as the entity stage receives it (spaCy's own
    doc.ents: the stage itself is off)."""
    golds, sets = {}, {}
    for gold_dir in gold_dirs:
        for g in load_gold(gold_dir):
            if g.get("language", "en") == "en":
                if g["id"] in golds:
                    raise SystemExit(f"page {g['id']} is in two gold folders ({sets[g['id']]}, {gold_dir.name}); keep one.")
                golds[g["id"]], sets[g["id"]] = g, gold_dir.name
    for path in sorted((news_dir / "html").glob("*.html*")):
        page_id = path.name.split(".")[0]
        if page_id not in golds:
            continue
        article = read_page(path)
        nlp = pipeline.gate(article)
        with nlp.select_pipes(disable=["extractor_entities"]):
            doc = next(pipeline.run([article], None, nlp))
        placed, _ = placed_gold(golds[page_id], doc.text)
        yield page_id, sets[page_id], path, golds[page_id], placed, doc


def tagger_rows(page_id: str, doc, placed: dict) -> list[tuple[str, list[list[str]], list[str]]]:
    """A gold page as training sequences for the CRF tagger: one per sentence outside the page's
    boilerplate (the gold marks names in the article only), labelled from the gold mentions."""
    spans = [(s, e, TAG_OF[ent["type"]]) for ent in placed["entities"] for s, e in ent["mentions"] if ent["type"] in TAG_OF]
    feats, labels = token_features(doc), bio_labels(doc, spans)
    return [(page_id, feats[sent.start:sent.end], labels[sent.start:sent.end])
            for sent in doc.sents if not _in_boilerplate(doc, sent.start, sent.end)]


def featurize_news(pipeline, news_dir: Path, gold_dirs: list[Path], cache: Path | None, conll_tagger_rows: list,
                   folds: int) -> list[dict]:
    """Per English gold page: the article, the gold folder it comes from ("set", the folder's
    name), and its candidates with features and labels. A page's tagger spans come from a CRF
    fitted on CoNLL train and the gold pages of the other folds (fold = index modulo ``folds``,
    as in :func:`crossfit_news`), whose file each entry names ("tagger")."""
    if cache and (cache / "news.pkl").exists():
        return pickle.loads((cache / "news.pkl").read_bytes())
    from train_tagger import train

    stage = pipeline.nlp.get_pipe("extractor_entities")
    original_tagger = stage.tagger
    pages = list(gold_pages(pipeline, news_dir, gold_dirs))
    sequences = [tagger_rows(page_id, doc, placed) for page_id, _, _, _, placed, doc in pages]
    folder = cache if cache else Path(tempfile.mkdtemp(prefix="news-taggers-"))
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for k in range(folds):
        path = folder / f"news-fold{k}.crfsuite"
        train(conll_tagger_rows + [r for i, rows in enumerate(sequences) if i % folds != k for r in rows], path)
        stage.tagger = SequenceTagger(str(path))
        for i, (page_id, name, page_path, gold_page, placed, doc) in enumerate(pages):
            if i % folds != k:
                continue
            gold = {tuple(m): e["type"] for e in placed["entities"] for m in e["mentions"]}
            rows = candidate_rows(stage, doc, lambda s, e, gold=gold: CLASS_OF.get(gold.get((s, e), ""), "DROP"))
            out.append((i, {"id": page_id, "set": name, "path": str(page_path), "gold": gold_page, "tagger": str(path),
                            "doc": {"id": page_id, "rows": rows, "gold": []}}))
        print(f"  news tagger fold {k + 1}/{folds}", file=sys.stderr)
    stage.tagger = original_tagger
    out = [entry for _, entry in sorted(out, key=lambda x: x[0])]
    if cache:
        (cache / "news.pkl").write_bytes(pickle.dumps(out))
    return out


def featurize_polnear(pipeline, shared: Path, entities_file: Path, cache: Path | None) -> list[dict]:
    """Training rows from the PolNeAR articles annotated for entities (corpus/polnear-entities):
    each candidate labelled by the mention it matches exactly, else DROP. The shipped tagger,
    which never saw them, gives their tagger spans, as it does on any new article (and when
    train_entities.py scores them by halves)."""
    if cache and (cache / "polnear.pkl").exists():
        return pickle.loads((cache / "polnear.pkl").read_bytes())
    from eval_polnear_entities import read_annotated

    from extractor.article import Article

    articles, wanted = read_annotated(shared, entities_file)
    stage = pipeline.nlp.get_pipe("extractor_entities")
    out = []
    with pipeline.nlp.select_pipes(disable=["extractor_entities"]):
        docs = pipeline.run([Article(id=a.name, text=a.text, published=a.published) for a in articles])
        for article, doc in zip(articles, docs):
            if doc.text != article.text:
                raise SystemExit(f"{entities_file}: the pipeline changed the text of {article.name}; its offsets would not hold.")
            gold = {(s, e): CLASS_OF[ent["type"]] for ent in wanted[article.name]["entities"] for s, e, _ in ent["mentions"]}
            rows = candidate_rows(stage, doc, lambda s, e, gold=gold: gold.get((s, e), "DROP"))
            out.append({"id": article.name, "rows": rows, "gold": []})
    print(f"  PolNeAR entity articles: {len(out)}, {sum(len(d['rows']) for d in out)} candidates", file=sys.stderr)
    if cache:
        cache.mkdir(parents=True, exist_ok=True)
        (cache / "polnear.pkl").write_bytes(pickle.dumps(out))
    return out


def crossfit_news(pipeline, conll_train: list[dict], news: list[dict], train: Callable[[list[dict], list[dict]], dict], folds: int,
                  errors: Path | None = None) -> dict:
    """End-to-end entity figures on the gold pages, each page scored by a model that did not see it:
    over all pages, and per gold folder (the held-out folder alone, say), out of fold either way.

    ``errors``: write every out-of-fold entity error (false mention, miss, wrong type) there as JSON
    lines with its context and the candidate's features, for grouping errors by kind. Entity
    labels only: the holdout's quote, speaker and date labels stay blind."""
    stage = pipeline.nlp.get_pipe("extractor_entities")
    original_tagger = stage.tagger
    scores: dict[str, NewsScores] = {"all": NewsScores()}
    found: list[dict] = []
    for k in range(folds):
        held = [n for i, n in enumerate(news) if i % folds == k]
        rest = [n["doc"] for i, n in enumerate(news) if i % folds != k]
        data = train(conll_train, rest)
        stage.model = EntityModel(tuple(data["classes"]), data["weights"], data["aggregate"], data["drop_threshold"], data.get("domain", ""))
        stage.tagger = SequenceTagger(held[0]["tagger"])  # fitted without these pages (featurize_news)
        articles = [read_page(Path(n["path"])) for n in held]
        for n, (record, regions) in zip(held, analyse(pipeline, articles)):
            gold, _ = placed_gold(n["gold"], record.text)
            for name in ("all", n.get("set", "")):
                score_page(scores.setdefault(name, NewsScores()), gold, record, regions)
            if errors is not None:
                found += entity_errors(n, gold, record)
        print(f"  news fold {k + 1}/{folds}: {len(held)} pages", file=sys.stderr)
    stage.model, stage.tagger = None, original_tagger
    out = {name: entity_figures(s) for name, s in sorted(scores.items())}
    for name, figures in out.items():
        pages = sum(1 for n in news if name in ("all", n.get("set")))
        print(f"news gold, cross-fitted by page ({folds} folds), {name} ({pages} pages): {figures}", file=sys.stderr)
    if errors is not None:
        errors.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in found), encoding="utf-8")
        print(f"{len(found)} out-of-fold entity errors -> {errors}", file=sys.stderr)
    return out


def entity_figures(scores: NewsScores) -> dict:
    p, r, f = scores.mentions.prf()
    return {"mentions": [round(p, 3), round(r, 3), round(f, 3)],
            "per_type": {t: [round(x, 3) for x in c.prf()] for t, c in scores.per_type.items()},
            "listed_entities_right": round(scores.listed_entities.value, 3),
            "people_clustered_right": round(scores.people_clusters.value, 3)}


def entity_errors(page: dict, gold: dict, record) -> list[dict]:
    """The page's entity mention errors: predicted spans the gold lacks or types otherwise, gold
    spans nothing predicted; each with 60 characters of context and the candidate's features."""
    gold_types = {(s, e): ent["type"] for ent in gold["entities"] for s, e in ent["mentions"]}
    predicted = {(m.start, m.end): ent.type for ent in record.entities for m in ent.mentions}
    rows = {tuple(r["span"]): r for r in page["doc"]["rows"]}
    text = record.text
    out = []
    for span in sorted(set(gold_types) | set(predicted)):
        g, p = gold_types.get(span), predicted.get(span)
        if g == p:
            continue
        s, e = span
        row = rows.get(span)
        out.append({"page": page["id"], "set": page.get("set", ""), "span": [s, e], "text": text[s:e], "gold": g, "pred": p,
                    "left": text[max(0, s - 60):s], "right": text[e:e + 60],
                    "label": row["label"] if row else None, "features": row["features"] if row else None})
    return out
