"""Score the quote stage against PolNeAR attributions (brat standoff), with textacy as baseline.

PolNeAR annotates attributions (Source, Cue, Content), which is broader than quotation: it also
covers beliefs and intentions. So the figures that matter for a quote extractor are precision
(is what we call a quote an attribution?), recall over attributions whose content holds a quote
mark, and speaker accuracy; recall over all attributions is reported for context.

Matching is lenient on boundaries, since annotators and extractors disagree on "that", trailing
punctuation and quote marks: a prediction matches a gold attribution when their overlap covers
at least half of the shorter one, counting characters that are neither spaces nor quote marks.
Pairs are matched one-to-one, pairs that share a cue first, then largest overlap first: PolNeAR
nests attributions ("X made it clear that [they did not agree with [the choice]]"), so a content
often overlaps two gold attributions enough, and the one with the prediction's own cue is the one
it stands for. Without that, a right speaker is scored against the other attribution's source.
The report also prints the speaker accuracy of a matching by overlap alone, for comparison.
The strict figures require Dice >= 0.8 (by overlap alone).

Two columns score extractor: the record's quotes, and its quotes together with its attributions
(beliefs, intentions, evaluations: the ``attributions`` list), which is what PolNeAR's recall over
all attributions measures.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from ..components.quotes.marks import ALL_MARKS
from .polnear_corpus import Article, Attribution, read_split
from .reliability import calibration_bins

_IGNORED = frozenset(ALL_MARKS) | {"`", "´"}
#: Marks that make an attribution "quoted" (apostrophes are not evidence of a quotation).
_QUOTING = frozenset('"“”„«»‘')


@dataclass
class Prediction:
    spans: list[tuple[int, int]]
    speaker_spans: list[tuple[int, int]]
    speaker_name: str | None
    cue_spans: list[tuple[int, int]] = field(default_factory=list)
    confidence: float | None = None


@dataclass
class Scores:
    """Counts for one system over a split."""

    system: str
    predicted: int = 0
    gold: int = 0
    gold_quoted: int = 0
    matched: int = 0
    matched_quoted: int = 0
    strict_matched: int = 0
    strict_matched_quoted: int = 0
    speaker_pairs: int = 0
    speaker_correct: int = 0
    overlap_only_pairs: int = 0  # the same two counts when pairs are chosen by overlap alone
    overlap_only_correct: int = 0
    errors: int = 0
    #: (confidence, right) per prediction that has one: right = matched with the right speaker
    calibration: list[tuple[float, bool]] = field(default_factory=list)

    @staticmethod
    def _ratio(a: int, b: int) -> float:
        return a / b if b else 0.0

    def figures(self) -> dict[str, float]:
        p = self._ratio(self.matched, self.predicted)
        r = self._ratio(self.matched, self.gold)
        sp = self._ratio(self.strict_matched, self.predicted)
        sr = self._ratio(self.strict_matched, self.gold)
        return {
            "precision": p,
            "recall": r,
            "f1": self._ratio(2 * p * r, p + r) if p + r else 0.0,
            "recall_quoted": self._ratio(self.matched_quoted, self.gold_quoted),
            "strict_precision": sp,
            "strict_recall": sr,
            "strict_recall_quoted": self._ratio(self.strict_matched_quoted, self.gold_quoted),
            "speaker_accuracy": self._ratio(self.speaker_correct, self.speaker_pairs),
            "speaker_accuracy_overlap_only": self._ratio(self.overlap_only_correct, self.overlap_only_pairs),
        }


@dataclass
class Report:
    split: str
    articles: int
    systems: list[Scores]
    swapped: int = 0


# --- matching ----------------------------------------------------------------------------------


def char_set(text: str, spans: Iterable[tuple[int, int]]) -> frozenset[int]:
    """Offsets covered by ``spans`` that are neither whitespace nor quote marks."""
    return frozenset(i for s, e in spans for i in range(max(0, s), min(e, len(text))) if not text[i].isspace() and text[i] not in _IGNORED)


def _lenient(a: frozenset[int], b: frozenset[int]) -> float:
    shorter = min(len(a), len(b))
    if not shorter:
        return 0.0
    overlap = len(a & b)
    return overlap / len(a | b) + 1.0 if overlap * 2 >= shorter else 0.0


def _dice(a: frozenset[int], b: frozenset[int]) -> float:
    if not a or not b:
        return 0.0
    d = 2 * len(a & b) / (len(a) + len(b))
    return d if d >= 0.8 else 0.0


def match(
    gold: list[frozenset[int]],
    pred: list[frozenset[int]],
    score: Callable,
    same_cue: Callable[[int, int], bool] | None = None,
) -> list[tuple[int, int]]:
    """One-to-one (gold, prediction) pairs: those sharing a cue first (when ``same_cue`` is
    given), then the best scoring."""
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if g and p and min(g) <= max(p) and min(p) <= max(g):
                s = score(g, p)
                if s > 0:
                    pairs.append(((bool(same_cue and same_cue(gi, pi)), s), gi, pi))
    pairs.sort(reverse=True)
    used_g, used_p, out = set(), set(), []
    for _, gi, pi in pairs:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            out.append((gi, pi))
    return out


def _overlap(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> bool:
    """Some span of ``a`` shares a character with some span of ``b``."""
    return any(s < be and bs < e for s, e in a for bs, be in b)


def speaker_correct(text: str, gold: Attribution, pred: Prediction) -> bool:
    """The predicted mention overlaps the gold source, or the canonical name ends with its last word."""
    if not gold.source:
        return not pred.speaker_spans and not pred.speaker_name
    if _overlap(pred.speaker_spans, gold.source):
        return True
    if pred.speaker_name:
        source = " ".join(text[s:e] for s, e in gold.source)
        # The source's last word, and that of its name part before an apposition
        # ("Vin Weber, a lobbyist ..." ends its name part with "Weber").
        last_words = {w[-1].lower() for part in (source, re.split(r",|\(", source)[0]) if (w := re.findall(r"\w+", part))}
        # the name is cut into words the same way ("Ban Ki-moon" ends with "moon" on both sides)
        name_words = re.findall(r"\w+", pred.speaker_name.lower())
        if name_words and name_words[-1] in last_words:
            return True
    return False


def judge(article: Article, predictions: list[Prediction]) -> tuple[dict[int, int], list[bool]]:
    """The evaluator's verdict on each prediction: its gold attribution (prediction index -> gold
    index, pairs sharing a cue first) and whether it is right (matched, with the right speaker).
    The quote scorer's training labels (scripts/train_quotes.py) come from here too."""
    text = article.text
    gold_sets = [char_set(text, a.content) for a in article.attributions]
    pred_sets = [char_set(text, p.spans) for p in predictions]

    def same_cue(gi: int, pi: int) -> bool:
        return _overlap(article.attributions[gi].cue, predictions[pi].cue_spans)

    pairs = {pi: gi for gi, pi in match(gold_sets, pred_sets, _lenient, same_cue)}
    right = [pi in pairs and speaker_correct(text, article.attributions[pairs[pi]], predictions[pi]) for pi in range(len(predictions))]
    return pairs, right


def score_article(scores: Scores, article: Article, predictions: list[Prediction]) -> None:
    text = article.text
    gold_sets = [char_set(text, a.content) for a in article.attributions]
    quoted = [any(ch in _QUOTING for s, e in a.content for ch in text[s:e]) for a in article.attributions]
    pred_sets = [char_set(text, p.spans) for p in predictions]
    scores.predicted += len(predictions)
    scores.gold += len(gold_sets)
    scores.gold_quoted += sum(quoted)
    pairs, right = judge(article, predictions)
    for pi, gi in pairs.items():
        scores.matched += 1
        scores.matched_quoted += quoted[gi]
        scores.speaker_pairs += 1
        scores.speaker_correct += right[pi]
    scores.calibration.extend((p.confidence, ok) for p, ok in zip(predictions, right) if p.confidence is not None)
    for gi, pi in match(gold_sets, pred_sets, _lenient):
        scores.overlap_only_pairs += 1
        scores.overlap_only_correct += speaker_correct(text, article.attributions[gi], predictions[pi])
    for gi, _ in match(gold_sets, pred_sets, _dice):
        scores.strict_matched += 1
        scores.strict_matched_quoted += quoted[gi]


# --- systems -----------------------------------------------------------------------------------


def our_predictions(doc: Doc, quotes: list[dict] | None = None) -> list[Prediction]:
    """The pipeline's quotes (or ``quotes``, when given) as predictions."""
    out = []
    for q in (doc._.quotes or []) if quotes is None else quotes:
        speaker = q.get("speaker") or {}
        mention = speaker.get("mention")
        cue = q.get("cue")
        out.append(
            Prediction(
                spans=[tuple(s) for s in q["spans"]],
                speaker_spans=[(mention["start"], mention["end"])] if mention else [],
                speaker_name=speaker.get("name"),
                cue_spans=[(cue["start"], cue["end"])] if cue else [],
                confidence=q.get("confidence"),
            )
        )
    return out


def textacy_predictions(doc: Doc) -> list[Prediction]:
    """textacy's direct_quotations as predictions (its content spans include the quote marks)."""
    from textacy.extract.triples import direct_quotations

    out = []
    for triple in direct_quotations(doc):
        speaker_spans = [(t.idx, t.idx + len(t.text)) for t in triple.speaker]
        cue_spans = [(t.idx, t.idx + len(t.text)) for t in triple.cue]
        content = triple.content
        out.append(Prediction([(content.start_char, content.end_char)], speaker_spans, None, cue_spans))
    return out


def _docs(nlp: Language, articles: list[Article]) -> Iterator[Doc]:
    """One nlp.pipe stream over all articles, each doc carrying its published date."""

    def made() -> Iterator[Doc]:
        for article in articles:
            doc = nlp.make_doc(article.text)
            doc._.article_id = article.name
            doc._.published = article.published
            yield doc

    return nlp.pipe(made())


def evaluate_polnear(directory: str | Path, split: str, nlp: Language, baseline: bool = True) -> Report:
    """Score ``nlp``'s quotes (and textacy's direct quotations) on one split of PolNeAR."""
    directory = Path(directory)
    if not (directory / split / "text").is_dir():
        found = sorted(p.parent.name for p in directory.glob("*/text") if p.is_dir())
        raise ValueError(f"no split {split!r} in {directory} (no {split}/text folder); "
                         f"splits there: {', '.join(found) or 'none'}")

    articles = read_split(directory, split)
    ours = Scores("extractor quotes")
    attributions = Scores("quotes + attributions")
    theirs = Scores("textacy direct_quotations")
    for article, doc in zip(articles, _docs(nlp, articles)):
        codes = {str(w.get("code", "")) for w in doc._.stage_warnings or []}
        ours.errors += "quotes_failed" in codes  # an article raising in the quote component
        attributions.errors += bool(codes & {"quotes_failed", "attributions_failed"})
        quotes = doc._.quotes or []
        score_article(ours, article, our_predictions(doc, quotes))
        # PolNeAR is an attribution corpus: score the record's quotes and attributions together too
        score_article(attributions, article, our_predictions(doc, quotes + (doc._.attributions or [])))
        if baseline:
            try:
                predictions = textacy_predictions(doc)
            except Exception:  # textacy raises on some unbalanced quotes; count and go on
                theirs.errors += 1
                predictions = []
            score_article(theirs, article, predictions)
    systems = [ours, attributions, theirs] if baseline else [ours, attributions]
    return Report(split, len(articles), systems, sum(a.swapped for a in articles))


def reliability_table(scores: Scores, bins: int = 10) -> list[str]:
    """Is ``confidence`` a probability? Per confidence bin: items, mean confidence, share right
    (matched with the right speaker), and the expected calibration error over all bins."""
    lines = [f"reliability of confidence, {scores.system}: bin, items, mean confidence, share right"]
    rows, ece = calibration_bins(scores.calibration, bins)
    for low, high, count, mean, share in rows:
        lines.append(f"  {low:.1f}-{high:.1f} {count:7d} {mean:8.3f} {share:8.3f}")
    lines.append(f"  expected calibration error {ece:.3f} over {len(scores.calibration)} items")
    return lines


def format_report(report: Report) -> str:
    """A plain-text table of the figures, one column per system."""
    names = [s.system for s in report.systems]
    figures = [s.figures() for s in report.systems]
    labels = [
        ("precision", "precision"),
        ("recall", "recall (all attributions)"),
        ("f1", "F1"),
        ("recall_quoted", "recall (quoted attributions)"),
        ("strict_precision", "strict precision (Dice>=0.8)"),
        ("strict_recall", "strict recall"),
        ("strict_recall_quoted", "strict recall (quoted)"),
        ("speaker_accuracy", "speaker accuracy (matched)"),
        ("speaker_accuracy_overlap_only", "  pairs by overlap alone"),
    ]
    width = max(len(label) for _, label in labels) + 2
    lines = [f"PolNeAR {report.split}: {report.articles} articles"]
    lines.append("".ljust(width) + "".join(n[:26].rjust(28) for n in names))
    for key, label in labels:
        lines.append(label.ljust(width) + "".join(f"{f[key]:.3f}".rjust(28) for f in figures))
    counts = [
        ("predicted", lambda s: s.predicted),
        ("gold attributions", lambda s: s.gold),
        ("gold with quote marks", lambda s: s.gold_quoted),
        ("matched", lambda s: s.matched),
        ("articles raising", lambda s: s.errors),
    ]
    for label, get in counts:
        lines.append(label.ljust(width) + "".join(str(get(s)).rjust(28) for s in report.systems))
    for system in report.systems:
        if system.calibration:
            lines.append("")
            lines.extend(reliability_table(system))
    if report.swapped:
        lines.append(f"gold: {report.swapped} attributions had source and cue swapped ('said' as source, "
                     "the name as cue); they are scored the right way round")
    return "\n".join(lines)
