"""Training data for the claim model, featurized through the product's own pipeline.

Four sources (see models/claims_LICENSE.txt for their terms):
- CheckThat! 2019 Task 1 and 2020 Task 5 training debates, run as transcripts exactly as
  ``extractor eval checkthat`` runs them. The 2020 set repeats 8 of the 2019 debates under
  other names; a 2020 file whose rows are mostly a 2019 file's rows is the same debate and only
  the 2020 copy (newer labels) is kept, so no debate sits in two folds.
- ClaimBuster train.json sentences (each as its own text), minus those also in test.json or
  in any CheckThat! debate.
- The real-news gold (corpus/news-gold): a unit is positive when it overlaps a gold claim.
- PolNeAR train articles annotated for claims (corpus/polnear-claims), read from ../shared/polnear
  and labelled the same way; they share the news folds (scripts/train_claims.py), but the news
  figures are those of the gold pages alone.

Every item is a unit the stage would score: (group, domain, features, label, rows), where
``rows`` are the debate rows the unit overlaps (for per-debate MAP).
"""

from __future__ import annotations

import gzip
import json
import pickle
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from extractor.components.claims.features import document_units  # noqa: E402
from extractor.components.claims.model import PROSE, TRANSCRIPT  # noqa: E402
from extractor.eval.checkthat import Debate, read_debate  # noqa: E402
from polnear_claim_tasks import claims_pipeline, digest  # noqa: E402


#: The group of every ClaimBuster unit (always in training); PolNeAR articles' groups start with POLNEAR.
CLAIMBUSTER = "claimbuster"
POLNEAR = "polnear:"


@dataclass
class Item:
    group: str
    domain: str
    features: list[str]
    label: int
    rows: list[int] = field(default_factory=list)
    start: int = 0
    end: int = 0


@dataclass
class Data:
    items: list[Item]
    debates: dict[str, list[int]]  # debate -> row labels
    news_pages: list[str]
    stats: dict
    #: news page id -> the gold directory it came from (so figures can be split by annotation set)
    page_dirs: dict[str, Path] = field(default_factory=dict)

    def weights(self, w_news: float, w_cb: float) -> "np.ndarray":
        """Each unit's training weight: prose (gold pages and PolNeAR) ``w_news``, ClaimBuster
        ``w_cb``, debate units 1."""
        import numpy as np

        return np.array([w_news if i.domain == PROSE else w_cb if i.group == CLAIMBUSTER else 1.0 for i in self.items])


def normalized(text: str) -> str:
    """A key for spotting the same sentence in two data sets despite punctuation and case."""
    return re.sub(r"\W+", " ", text.lower()).strip()


def load_debates(dirs: list[Path]) -> tuple[list[Debate], dict]:
    """Every debate once; a later directory's copy replaces an earlier one's (same rows)."""
    kept: list[Debate] = []
    replaced = []
    for directory in dirs:
        for path in sorted(directory.glob("*.tsv")):
            debate = read_debate(path)
            keys = {normalized(line) for line in debate.lines if len(line.split()) > 4}
            for old in list(kept):
                old_keys = {normalized(line) for line in old.lines if len(line.split()) > 4}
                if keys and len(keys & old_keys) > 0.5 * min(len(keys), len(old_keys)):
                    kept.remove(old)
                    replaced.append(f"{old.name} = {debate.name}")
            debate.name = f"{directory.parent.name}/{debate.name}"
            kept.append(debate)
    return kept, {"debates": len(kept), "duplicates": replaced}


def debate_items(debates: list[Debate], nlp) -> list[Item]:
    items = []
    texts = []
    for debate in debates:
        doc = nlp.make_doc(debate.text_and_ranges()[0])
        doc._.published = debate.published
        texts.append(doc)
    for debate, doc in zip(debates, nlp.pipe(texts, batch_size=1), strict=True):
        _, ranges = debate.text_and_ranges()
        starts = [r[0] for r in ranges]
        import bisect

        units, _ = document_units(doc)
        for unit in units:
            if not unit.eligible:
                continue
            first = max(0, bisect.bisect_right(starts, unit.start) - 1)
            rows = [i for i in range(first, min(len(ranges), first + 50))
                    if ranges[i][0] < unit.end and unit.start < ranges[i][1]]
            label = max((debate.labels[i] for i in rows), default=0)
            items.append(Item(debate.name, TRANSCRIPT, unit.features, int(label), rows))
        print(f"  {debate.name}: {len(debate.lines)} rows", file=sys.stderr, flush=True)
    return items


def claimbuster_items(directory: Path, debates: list[Debate], nlp) -> tuple[list[Item], dict]:
    rows = json.loads((directory / "train.json").read_text(encoding="utf-8"))
    held_out = {normalized(r["text"]) for r in json.loads((directory / "test.json").read_text(encoding="utf-8"))}
    in_debates = {normalized(line) for d in debates for line in d.lines}
    kept = [r for r in rows if normalized(r["text"]) not in held_out and normalized(r["text"]) not in in_debates]
    items = []
    for row, doc in zip(kept, nlp.pipe((r["text"] for r in kept), batch_size=256), strict=True):
        units, _ = document_units(doc)
        for unit in units:
            if unit.eligible:
                items.append(Item(CLAIMBUSTER, TRANSCRIPT, unit.features, int(row["label"])))
    return items, {"claimbuster_train": len(rows), "claimbuster_kept": len(kept)}


def news_items(news_dir: Path, gold_dirs: list[Path], pipeline) -> list[Item]:
    """Units of the gold pages as the product analyses them (HTML reader, language gate, pipeline)."""
    from extractor.eval.news import read_page
    from extractor.eval.news_gold import load_gold, placed_gold

    items = []
    for gold in (g for d in gold_dirs for g in load_gold(d)):
        if gold.get("language") != "en":
            continue
        paths = list((news_dir / "html").glob(f"{gold['id']}.html*"))
        if not paths:
            continue
        article = read_page(paths[0])
        nlp = pipeline.gate(article)
        if nlp is None or article.error:
            continue
        doc = next(pipeline.run([article], None, nlp))
        placed, _ = placed_gold(gold, doc.text)
        claims = [tuple(c["span"]) for c in placed["claims"]]
        units, _ = document_units(doc)
        for unit in units:
            if unit.eligible:
                label = any(unit.start < e and s < unit.end for s, e in claims)
                items.append(Item(gold["id"], PROSE, unit.features, int(label), start=unit.start, end=unit.end))
    return items


#: The batches of corpus/polnear-claims the claims model learns from; the later ones (4 and 5) are
#: held out to check the shipped model on articles it never saw (scripts/eval_polnear_claims.py).
TRAINING_BATCHES = frozenset({1, 2, 3})

if TYPE_CHECKING:
    from extractor.eval.polnear_corpus import Article as PolnearArticle


def annotated_articles(polnear_dir: Path, claims_file: Path, batches: Iterable[int]) -> list[tuple[PolnearArticle, list[dict]]]:
    """(PolNeAR article, its annotated claims) for the entries of ``batches``, each claim's text
    checked against its digest so that a changed ../shared stops the run instead of mislabelling."""
    from extractor.eval.polnear_corpus import read_split

    wanted = set(batches)
    articles = {a.name: a for a in read_split(polnear_dir, "train")}
    out = []
    for entry in json.loads(claims_file.read_text(encoding="utf-8")):
        if entry["batch"] not in wanted:
            continue
        article = articles[entry["article"]]
        for claim in entry["claims"]:
            if digest(article.text[claim["start"]:claim["end"]]) != claim["digest"]:
                raise SystemExit(f"{claims_file}: article {entry['article']}: the text at {claim['start']}-{claim['end']} "
                                 f"is not the sentence annotated there; was {polnear_dir} changed?")
        out.append((article, entry["claims"]))
    return out


def polnear_items(polnear_dir: Path, claims_file: Path, pipeline) -> list[Item]:
    """Units of the annotated PolNeAR train articles of TRAINING_BATCHES as the product analyses a
    plain-text article (the task script's own reading), positive when they overlap an annotated
    claim sentence."""
    from extractor.article import Article

    items = []
    for article, annotated in annotated_articles(polnear_dir, claims_file, TRAINING_BATCHES):
        claims = [(c["start"], c["end"]) for c in annotated]
        doc = next(pipeline.run([Article(id=article.name, text=article.text, published=article.published)]))
        units, _ = document_units(doc)
        for unit in units:
            if unit.eligible:
                label = any(unit.start < e and s < unit.end for s, e in claims)
                items.append(Item(POLNEAR + article.name, PROSE, unit.features, int(label), start=unit.start, end=unit.end))
    return items


class _Unpickler(pickle.Unpickler):
    """Reads a cache written when this module ran as __main__."""

    def find_class(self, module: str, name: str):
        return super().find_class(__name__ if module == "__main__" else module, name)


def build_data(shared: Path, news_dir: Path, gold_dirs: list[Path], cache: Path | None = None,
               polnear: tuple[Path, Path] | None = None) -> Data:
    """Featurize everything (minutes: ~1M words through spaCy), or read the cache of a previous run;
    ``polnear``: (../shared/polnear, corpus/polnear-claims/claims.json), whose units are added
    after the cache (a minute), so one cache serves runs with and without them."""
    data = _base_data(shared, news_dir, gold_dirs, cache)
    if polnear:
        extra = polnear_items(polnear[0], polnear[1], claims_pipeline())
        data.items += extra
        data.stats.update({"polnear_units": len(extra), "polnear_positive": sum(i.label for i in extra),
                           "polnear_articles": len({i.group for i in extra})})
    return data


def _base_data(shared: Path, news_dir: Path, gold_dirs: list[Path], cache: Path | None) -> Data:
    if cache and cache.exists():
        with gzip.open(cache, "rb") as fh:
            return _Unpickler(fh).load()
    from extractor.pipeline import Pipeline, Stages, build_nlp

    nlp = build_nlp(None, Stages(quotes=False, claims=False))
    debates, stats = load_debates([shared / "checkthat2019" / "training", shared / "checkthat2020" / "training"])
    items = debate_items(debates, nlp)
    cb, cb_stats = claimbuster_items(shared / "claimbuster", debates, nlp)
    pipeline = Pipeline(None, Stages(quotes=True, claims=False))
    news = news_items(news_dir, gold_dirs, pipeline)
    page_dirs = {p.stem: d for d in gold_dirs for p in sorted(d.glob("*.json")) if len(p.stem) == 64}
    pages = sorted({i.group for i in news})
    data = Data(items + cb + news, {d.name: d.labels for d in debates}, pages,
                {**stats, **cb_stats, "debate_units": len(items), "claimbuster_units": len(cb), "news_units": len(news),
                 "news_positive": sum(i.label for i in news), "news_pages": len(pages)},
                {p: page_dirs[p] for p in pages})
    if cache:
        with gzip.open(cache, "wb") as fh:
            pickle.dump(data, fh)
    return data


if __name__ == "__main__":
    d = build_data(Path(sys.argv[1]), Path(sys.argv[2]), [Path(a) for a in sys.argv[4:]], Path(sys.argv[3]))
    print(json.dumps(d.stats, indent=1))
