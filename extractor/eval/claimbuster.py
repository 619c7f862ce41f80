"""Score the claims stage on ClaimBuster sentences (check-worthy factual sentence or not).

Each sentence of the JSON list (``{"sentence_id", "label", "text"}``) runs as its own article,
all in one ``nlp.pipe`` stream; a sentence is predicted check-worthy when the stage finds a
claim in it. Precision, recall and F1 are for the positive class (label 1), as in the
ClaimBuster papers' "CFS" figures.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language


@dataclass
class Report:
    sentences: int
    positives: int
    tp: int
    fp: int
    fn: int
    tn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def accuracy(self) -> float:
        return (self.tp + self.tn) / self.sentences if self.sentences else 0.0


def read_sentences(path: str | Path) -> list[dict]:
    rows = json.loads(Path(path).read_text(encoding="utf-8"))
    return [{"text": str(r["text"]), "label": int(r["label"])} for r in rows]


def evaluate_claimbuster(path: str | Path, nlp: Language) -> Report:
    rows = read_sentences(path)
    docs = (nlp.make_doc(row["text"]) for row in rows)
    tp = fp = fn = tn = 0
    for row, doc in zip(rows, nlp.pipe(docs, batch_size=256), strict=True):
        predicted, gold = bool(doc._.claims), bool(row["label"])
        tp += predicted and gold
        fp += predicted and not gold
        fn += gold and not predicted
        tn += not gold and not predicted
    return Report(len(rows), sum(r["label"] for r in rows), tp, fp, fn, tn)


def format_report(report: Report) -> str:
    return (
        f"ClaimBuster: {report.sentences} sentences, {report.positives} check-worthy\n"
        f"P={report.precision:.3f} R={report.recall:.3f} F1={report.f1:.3f} accuracy={report.accuracy:.3f}"
    )
