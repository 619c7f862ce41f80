"""Score the claims stage on CLEF CheckThat! 2019 Task 1 debates (check-worthiness ranking).

Each TSV file (``line_number <TAB> speaker <TAB> text <TAB> label``) is one debate. It runs as one
article, its lines joined by newlines, so the stage sees what it sees in production (the
segmenter makes a line its own paragraph when it is short or ends a sentence). Each line is then
scored by the highest check-worthiness of the claims overlapping its character range, 0 when
none does. Lines are ranked by that score (ties in text order) and the official metric is the
mean over debates of average precision (MAP); precision, recall and F1 of "has a claim"
against the label are reported too.

The claim model is trained on ClaimBuster, which shares sentences with three 2016 presidential
debates here (:data:`CLAIMBUSTER_OVERLAP`). Training leaves those sentences out, but the report
also gives the MAP without those debates, to be safe.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language

#: Debates whose sentences also occur in ClaimBuster (identical text, checked when training).
CLAIMBUSTER_OVERLAP = frozenset({"20160926_1pres", "20161010_2pres", "20161019_3pres"})
_DATE_IN_NAME = re.compile(r"^(\d{4})(\d{2})(\d{2})")


@dataclass
class Debate:
    name: str
    lines: list[str]
    labels: list[int]
    published: str | None = None

    def text_and_ranges(self) -> tuple[str, list[tuple[int, int]]]:
        """The article text (lines joined by newlines) and each line's character range in it."""
        ranges, pos = [], 0
        for line in self.lines:
            ranges.append((pos, pos + len(line)))
            pos += len(line) + 1
        return "\n".join(self.lines), ranges


@dataclass
class DebateScore:
    name: str
    average_precision: float
    positives: int
    lines: int
    tp: int
    fp: int
    fn: int
    claims: int


@dataclass
class Report:
    debates: list[DebateScore] = field(default_factory=list)

    def mean_ap(self, exclude: Iterable[str] = ()) -> float:
        skip = set(exclude)
        aps = [d.average_precision for d in self.debates if d.name not in skip]
        return sum(aps) / len(aps) if aps else 0.0

    def prf(self) -> tuple[float, float, float]:
        tp = sum(d.tp for d in self.debates)
        fp = sum(d.fp for d in self.debates)
        fn = sum(d.fn for d in self.debates)
        return _prf(tp, fp, fn)


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def read_debate(path: Path) -> Debate:
    """One TSV file; lines without a text column are kept empty so line numbers still match."""
    lines, labels = [], []
    for raw in path.read_text(encoding="utf-8").splitlines():
        parts = raw.split("\t")
        lines.append(parts[2].replace("\n", " ") if len(parts) > 2 else "")
        labels.append(int(parts[3]) if len(parts) > 3 and parts[3].strip().isdigit() else 0)
    return Debate(path.stem, lines, labels, _published(path.stem))


def _published(name: str) -> str | None:
    """The debate date from its file name (20160926_1pres -> 2016-09-26), if it is a real date."""
    match = _DATE_IN_NAME.match(name)
    if not match or not (1 <= int(match.group(2)) <= 12 and 1 <= int(match.group(3)) <= 31):
        return None
    return "-".join(match.groups())


def average_precision(scores: list[float], labels: list[int]) -> float:
    """AP of the ranking by score (descending, ties in line order), as the CheckThat! scorer."""
    order = sorted(range(len(scores)), key=lambda i: (-scores[i], i))
    hits, total = 0, 0.0
    for rank, i in enumerate(order, start=1):
        if labels[i]:
            hits += 1
            total += hits / rank
    positives = sum(1 for label in labels if label)
    return total / positives if positives else 0.0


def line_scores(claims: list[dict], ranges: list[tuple[int, int]]) -> list[float]:
    """Each line's score: the highest check-worthiness of the claims overlapping it."""
    scores = [0.0] * len(ranges)
    starts = [r[0] for r in ranges]
    import bisect

    for claim in claims:
        first = max(0, bisect.bisect_right(starts, claim["start"]) - 1)
        for i in range(first, len(ranges)):
            start, end = ranges[i]
            if start >= claim["end"]:
                break
            if end > claim["start"] and end > start:
                scores[i] = max(scores[i], float(claim["checkworthiness"]))
    return scores


def score_debate(debate: Debate, claims: list[dict]) -> DebateScore:
    _, ranges = debate.text_and_ranges()
    scores = line_scores(claims, ranges)
    predicted = [s > 0 for s in scores]
    gold = [bool(label) for label in debate.labels]
    return DebateScore(
        name=debate.name,
        average_precision=average_precision(scores, debate.labels),
        positives=sum(gold),
        lines=len(gold),
        tp=sum(p and g for p, g in zip(predicted, gold)),
        fp=sum(p and not g for p, g in zip(predicted, gold)),
        fn=sum(g and not p for p, g in zip(predicted, gold)),
        claims=len(claims),
    )


def evaluate_checkthat(directory: str | Path, nlp: Language) -> Report:
    """Run every debate of ``directory`` (*.tsv) through ``nlp`` in one stream and score it."""
    debates = [read_debate(p) for p in sorted(Path(directory).glob("*.tsv"))]
    if not debates:
        raise FileNotFoundError(f"no CheckThat! .tsv files in {directory}")

    def docs():
        for debate in debates:
            doc = nlp.make_doc(debate.text_and_ranges()[0])
            doc._.published = debate.published
            yield doc

    report = Report()
    for debate, doc in zip(debates, nlp.pipe(docs(), batch_size=1), strict=True):
        report.debates.append(score_debate(debate, list(doc._.claims or [])))
    return report


def format_report(report: Report) -> str:
    lines = [f"{'debate':<28} {'lines':>6} {'pos':>4} {'claims':>6} {'AP':>6}"]
    for d in report.debates:
        mark = " *" if d.name in CLAIMBUSTER_OVERLAP else ""
        lines.append(f"{d.name:<28} {d.lines:>6} {d.positives:>4} {d.claims:>6} {d.average_precision:>6.3f}{mark}")
    p, r, f = report.prf()
    present = CLAIMBUSTER_OVERLAP & {d.name for d in report.debates}
    lines.append(f"MAP (all {len(report.debates)} debates): {report.mean_ap():.3f}")
    if present:
        lines.append(f"MAP (without the {len(present)} debates * that share sentences with ClaimBuster): "
                     f"{report.mean_ap(CLAIMBUSTER_OVERLAP):.3f}")
    lines.append(f"has-a-claim vs label: P={p:.3f} R={r:.3f} F1={f:.3f}")
    return "\n".join(lines)
