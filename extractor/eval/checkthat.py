"""Score the claims stage on CLEF CheckThat! debates (2019 Task 1, 2020 Task 5): check-worthiness ranking.

Each TSV file (``line_number <TAB> speaker <TAB> text <TAB> label``, both years' layout; a header
line, if any, is skipped) is one debate. It runs through the product as one transcript, a
"SPEAKER: text" line per row, so the stage sees what a user's transcript gives it: the speaker of
each line, moderators' questions and audience reactions. Each row is scored by the highest
check-worthiness of the stage's units (every sentence it may call a claim, above the threshold
or not: ``doc._.claim_scores``) overlapping the row's text, 0 when none does (questions,
reactions, fragments). Rows are ranked by that score (ties in text order); the official metric is
the mean over debates of average precision (MAP), with R-precision and precision at 5, 10 and 20.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language

_DATE_IN_NAME = re.compile(r"^(\d{4})(\d{2})(\d{2})")
CUTOFFS = (5, 10, 20)


@dataclass
class Debate:
    name: str
    lines: list[str]
    labels: list[int]
    published: str | None = None
    speakers: list[str] = field(default_factory=list)

    def text_and_ranges(self) -> tuple[str, list[tuple[int, int]]]:
        """The transcript ("SPEAKER: text" per row) and each row's text range in it."""
        parts, ranges, pos = [], [], 0
        speakers = self.speakers or [""] * len(self.lines)
        for speaker, line in zip(speakers, self.lines, strict=True):
            label = f"{speaker.strip() or 'UNKNOWN'}: "
            parts.append(label + line)
            ranges.append((pos + len(label), pos + len(label) + len(line)))
            pos += len(label) + len(line) + 1
        return "\n".join(parts), ranges


@dataclass
class DebateScore:
    name: str
    average_precision: float
    r_precision: float
    precision_at: dict[int, float]
    positives: int
    lines: int
    claims: int


@dataclass
class Report:
    debates: list[DebateScore] = field(default_factory=list)

    def mean(self, what: str, k: int | None = None, exclude: Iterable[str] = ()) -> float:
        skip = set(exclude)
        values = [d.precision_at[k] if what == "p" else getattr(d, what) for d in self.debates if d.name not in skip]
        return sum(values) / len(values) if values else 0.0

    def mean_ap(self, exclude: Iterable[str] = ()) -> float:
        return self.mean("average_precision", exclude=exclude)


def read_debate(path: Path) -> Debate:
    """One TSV file; rows without a text column are kept empty so line numbers still match."""
    lines, labels, speakers = [], [], []
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines()):
        parts = raw.split("\t")
        if n == 0 and parts and not parts[0].strip().isdigit():
            continue  # a header
        speakers.append(parts[1].strip() if len(parts) > 1 else "")
        lines.append(parts[2].replace("\n", " ").strip() if len(parts) > 2 else "")
        labels.append(int(parts[3]) if len(parts) > 3 and parts[3].strip().isdigit() else 0)
    return Debate(path.stem, lines, labels, _published(path.stem), speakers)


def _published(name: str) -> str | None:
    """The debate date from its file name (20160926_1pres -> 2016-09-26), if it is a real date."""
    match = _DATE_IN_NAME.match(name)
    if not match or not (1 <= int(match.group(2)) <= 12 and 1 <= int(match.group(3)) <= 31):
        return None
    return "-".join(match.groups())


def ranking(scores: list[float]) -> list[int]:
    """Row indices by score, descending, ties in row order (as the CheckThat! scorer sorts)."""
    return sorted(range(len(scores)), key=lambda i: (-scores[i], i))


def average_precision(scores: list[float], labels: list[int]) -> float:
    hits, total = 0, 0.0
    for rank, i in enumerate(ranking(scores), start=1):
        if labels[i]:
            hits += 1
            total += hits / rank
    positives = sum(1 for label in labels if label)
    return total / positives if positives else 0.0


def precision_at(scores: list[float], labels: list[int], k: int) -> float:
    top = ranking(scores)[:k]
    return sum(1 for i in top if labels[i]) / k if k else 0.0


def r_precision(scores: list[float], labels: list[int]) -> float:
    return precision_at(scores, labels, sum(1 for label in labels if label))


def line_scores(spans: Iterable[tuple[int, int, float]], ranges: list[tuple[int, int]]) -> list[float]:
    """Each row's score: the highest score of the (start, end, score) spans overlapping it."""
    scores = [0.0] * len(ranges)
    starts = [r[0] for r in ranges]
    for start, end, score in spans:
        first = max(0, bisect.bisect_right(starts, start) - 1)
        for i in range(first, len(ranges)):
            lo, hi = ranges[i]
            if lo >= end:
                break
            if hi > start and hi > lo:
                scores[i] = max(scores[i], float(score))
    return scores


def score_debate(debate: Debate, spans: list[tuple[int, int, float]], claims: int = 0) -> DebateScore:
    _, ranges = debate.text_and_ranges()
    scores = line_scores(spans, ranges)
    return DebateScore(
        name=debate.name,
        average_precision=average_precision(scores, debate.labels),
        r_precision=r_precision(scores, debate.labels),
        precision_at={k: precision_at(scores, debate.labels, k) for k in CUTOFFS},
        positives=sum(1 for label in debate.labels if label),
        lines=len(debate.labels),
        claims=claims,
    )


def evaluate_checkthat(directory: str | Path, nlp: Language) -> Report:
    """Run every debate of ``directory`` (*.tsv) through ``nlp`` as a transcript and score it."""
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
        spans = [tuple(s) for s in (doc._.claim_scores or [])]
        report.debates.append(score_debate(debate, spans, len(doc._.claims or [])))
    return report


def format_report(report: Report) -> str:
    cut = " ".join(f"{'P@' + str(k):>6}" for k in CUTOFFS)
    lines = [f"{'debate':<40} {'lines':>6} {'pos':>4} {'claims':>6} {'AP':>6} {'R-P':>6} {cut}"]
    for d in report.debates:
        ps = " ".join(f"{d.precision_at[k]:>6.3f}" for k in CUTOFFS)
        lines.append(f"{d.name[:40]:<40} {d.lines:>6} {d.positives:>4} {d.claims:>6} {d.average_precision:>6.3f} {d.r_precision:>6.3f} {ps}")
    means = " ".join(f"{report.mean('p', k):>6.3f}" for k in CUTOFFS)
    lines.append(f"{'mean of ' + str(len(report.debates)) + ' debates':<40} {'':>6} {'':>4} {'':>6} "
                 f"{report.mean_ap():>6.3f} {report.mean('r_precision'):>6.3f} {means}")
    lines.append(f"MAP {report.mean_ap():.3f}  R-precision {report.mean('r_precision'):.3f}  "
                 + "  ".join(f"P@{k} {report.mean('p', k):.3f}" for k in CUTOFFS))
    return "\n".join(lines)
