"""Score the entities stage against CoNLL-2003 (one JSON line per article, gold spans apart).

Layout expected in DIRECTORY (as in ../shared/conll2003): ``{split}.jsonl`` with one
``{"id", "text", "published"}`` per line and ``{split}-gold.jsonl`` with one
``{"id", "entities": [[start, end, TYPE], ...]}`` per line, end-exclusive character offsets.

Mapping, so the figures mean what CoNLL's scorer means: our PERSON -> PER, ORG -> ORG, COUNTRY and
LOCATION -> LOC. CoNLL's MISC (nationalities, events, works, products) has no type of ours: a
prediction exactly on a MISC span counts neither way, any other prediction without an exact
gold match of the same type is a false positive. A mention counts when its span and type are
exactly right (the CoNLL rule: no credit for overlaps).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language

#: Our entity types -> CoNLL's.
TYPE_MAP = {"PERSON": "PER", "ORG": "ORG", "COUNTRY": "LOC", "LOCATION": "LOC"}
TYPES = ("PER", "ORG", "LOC")


@dataclass
class ConllArticle:
    id: str
    text: str
    published: str | None
    gold: list[tuple[int, int, str]]


@dataclass
class ConllReport:
    split: str
    articles: int = 0
    tp: Counter = field(default_factory=Counter)
    fp: Counter = field(default_factory=Counter)
    fn: Counter = field(default_factory=Counter)
    on_misc: int = 0
    errors: list[tuple[str, str, str, str]] = field(default_factory=list)  # (article, kind, type, text)

    def prf(self, kind: str | None = None) -> tuple[float, float, float]:
        keys = [kind] if kind else list(TYPES)
        tp = sum(self.tp[k] for k in keys)
        fp = sum(self.fp[k] for k in keys)
        fn = sum(self.fn[k] for k in keys)
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def read_split(directory: Path, split: str) -> list[ConllArticle]:
    """The articles of one split with their gold spans; a clear error when the files are missing."""
    texts, golds = directory / f"{split}.jsonl", directory / f"{split}-gold.jsonl"
    for path in (texts, golds):
        if not path.exists():
            raise ValueError(f"{path}: not found; DIRECTORY must hold {split}.jsonl and {split}-gold.jsonl")
    gold = {}
    for line in golds.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            gold[row["id"]] = [(int(s), int(e), str(t)) for s, e, t in row["entities"]]
    out = []
    for line in texts.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            out.append(ConllArticle(row["id"], row["text"], row.get("published"), gold.get(row["id"], [])))
    return out


def predicted_spans(doc) -> list[tuple[int, int, str]]:
    """The entity stage's mentions as (start, end, CoNLL type)."""
    return [
        (m["start"], m["end"], TYPE_MAP[e["type"]])
        for e in doc._.entities or []
        for m in e["mentions"]
        if e["type"] in TYPE_MAP
    ]


def score_article(report: ConllReport, article: ConllArticle, predicted: list[tuple[int, int, str]]) -> None:
    """Exact span and type; predictions exactly on a MISC span are left out."""
    misc = {(s, e) for s, e, t in article.gold if t == "MISC"}
    gold = {(s, e, t) for s, e, t in article.gold if t in TYPES}
    pred = set()
    for s, e, t in predicted:
        if (s, e) in misc:
            report.on_misc += 1
        else:
            pred.add((s, e, t))
    for s, e, t in pred:
        if (s, e, t) in gold:
            report.tp[t] += 1
        else:
            report.fp[t] += 1
            report.errors.append((article.id, "FP", t, article.text[s:e]))
    for s, e, t in gold - pred:
        report.fn[t] += 1
        report.errors.append((article.id, "FN", t, article.text[s:e]))
    report.articles += 1


def iter_docs(nlp: Language, articles: list[ConllArticle], batch_size: int = 16) -> Iterator:
    """The analysed docs, in order, through one ``nlp.pipe`` stream."""
    yield from nlp.pipe((a.text for a in articles), batch_size=batch_size)


def evaluate_conll(directory: Path, split: str, nlp: Language) -> ConllReport:
    articles = read_split(directory, split)
    report = ConllReport(split)
    for article, doc in zip(articles, iter_docs(nlp, articles)):
        score_article(report, article, predicted_spans(doc))
    return report


def format_report(report: ConllReport, max_errors: int = 0) -> str:
    lines = [
        f"CoNLL-2003 {report.split}: {report.articles} articles; exact span and type "
        "(PERSON->PER, ORG->ORG, COUNTRY/LOCATION->LOC; predictions on MISC spans ignored).",
        "",
        f"{'type':<8}{'P':>7}{'R':>7}{'F1':>7}   (tp / fp / fn)",
    ]
    for kind in (None, *TYPES):
        p, r, f = report.prf(kind)
        keys = [kind] if kind else list(TYPES)
        counts = f"({sum(report.tp[k] for k in keys)} / {sum(report.fp[k] for k in keys)} / {sum(report.fn[k] for k in keys)})"
        lines.append(f"{kind or 'all':<8}{p:>7.3f}{r:>7.3f}{f:>7.3f}   {counts}")
    lines.append(f"predictions exactly on a MISC span (not scored): {report.on_misc}")
    if max_errors:
        lines.append("")
        lines.append(f"errors (first {max_errors} of {len(report.errors)}):")
        lines += [f"  {a} {kind} {t:<4} {text!r}" for a, kind, t, text in report.errors[:max_errors]]
    return "\n".join(lines)
