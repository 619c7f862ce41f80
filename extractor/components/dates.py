"""spaCy component "extractor_dates": find date expressions and normalize them to TIMEX3 values.

Candidates come from two sources: spaCy's DATE/TIME entities, and token patterns for what the
small English model misses ("now", "recently", "the future", "daily"...), kept as data in
``models/date_patterns.json``. Candidates are then shaped to TimeML extent conventions:
overlapping ones are united, adjacent ones joined when the whole is one expression ("Friday" +
"morning", "May" + "this year", "January 2017" + "to the present"), ranges split into their ends
("between 1994 and 1997" is two TIMEX3), prepositions and possessives trimmed. Each survivor is
normalized against ``doc._.published`` with :func:`extractor.normalize.timex.normalize`; the verb's
tense and whether the sentence reports quarterly figures are passed as hints. Candidates that do
not normalize are dropped: a date we cannot resolve is usually not a date ("44", "6-year-old").

Output: ``doc._.dates`` (dicts shaped like ``records.DateMention``) and ``doc.spans["dates"]``.
The component never touches ``doc.ents``.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, SpanGroup

import extractor.extensions  # noqa: F401  (registers doc._.published, doc._.dates, doc._.boilerplate)
from extractor.extensions import boilerplate_ranges
from extractor.normalize.timex import Tense, Timex, normalize

PATTERNS_FILE = "date_patterns.json"
SPAN_KEY = "dates"


def default_patterns_path() -> Path:
    """models/date_patterns.json, in a checkout or an installed wheel."""
    try:
        from extractor.resources import model_path
    except ImportError:  # pragma: no cover - resources module not available
        return Path(__file__).resolve().parents[2] / "models" / PATTERNS_FILE
    return model_path(PATTERNS_FILE)


@dataclass
class Rules:
    """The data side of the component: patterns and span clean-up word lists."""

    patterns: list[dict[str, Any]]
    strip_leading: frozenset[str]
    strip_leading_the_before: frozenset[str]
    strip_trailing: frozenset[str]
    split_words: frozenset[str]
    interval_end_words: frozenset[str]
    reject: list[re.Pattern[str]]
    raw: dict[str, Any]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Rules:
        return cls(
            patterns=list(data.get("patterns", [])),
            strip_leading=frozenset(data.get("strip_leading", [])),
            strip_leading_the_before=frozenset(data.get("strip_leading_the_before", [])),
            strip_trailing=frozenset(data.get("strip_trailing", [])),
            split_words=frozenset(data.get("split_words", [])),
            interval_end_words=frozenset(data.get("interval_end_words", [])),
            reject=[re.compile(p) for p in data.get("reject_regex", [])],
            raw=data,
        )

    @classmethod
    def from_path(cls, path: Path) -> Rules:
        return cls.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))


@Language.factory(
    "extractor_dates",
    default_config={
        "use_dateparser": True,
        "use_entities": True,
        "entity_labels": ["DATE", "TIME"],
        "patterns_path": None,
        "keep_unnormalized": False,
    },
)
def make_dates(nlp: Language, name: str, use_dateparser: bool, use_entities: bool, entity_labels: list[str],
               patterns_path: str | None, keep_unnormalized: bool) -> DateFinder:
    """Factory. use_dateparser=False keeps normalization to our own rules (faster, no fallback)."""
    return DateFinder(nlp, name, use_dateparser=use_dateparser, use_entities=use_entities,
                      entity_labels=entity_labels, patterns_path=patterns_path, keep_unnormalized=keep_unnormalized)


class DateFinder:
    """Finds and normalizes date expressions; see the module docstring."""

    is_dates_component = True  # lets the evaluator find us whatever the pipe is called

    def __init__(self, nlp: Language, name: str = "extractor_dates", *, use_dateparser: bool = True,
                 use_entities: bool = True, entity_labels: Iterable[str] = ("DATE", "TIME"),
                 patterns_path: str | Path | None = None, keep_unnormalized: bool = False) -> None:
        self.name = name
        self.vocab = nlp.vocab
        self.use_dateparser = use_dateparser
        self.use_entities = use_entities
        self.entity_labels = frozenset(entity_labels)
        self.keep_unnormalized = keep_unnormalized
        self.seconds = 0.0  # time spent in this component, for the evaluator's report
        self._doc_reports_quarters = False
        self._set_rules(Rules.from_path(Path(patterns_path) if patterns_path else default_patterns_path()))

    def _set_rules(self, rules: Rules) -> None:
        self.rules = rules
        self.matcher = Matcher(self.vocab)
        self._vetoes: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
        for index, entry in enumerate(rules.patterns):
            key = f"{entry.get('id', 'date')}#{index}"
            self.matcher.add(key, [entry["pattern"]])
            self._vetoes[key] = (frozenset(entry.get("not_before", [])), frozenset(entry.get("not_after", [])))

    # -- spaCy API --------------------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        started = time.perf_counter()
        mentions, spans = self.find(doc)
        doc._.dates = mentions
        doc.spans[SPAN_KEY] = SpanGroup(doc, name=SPAN_KEY, spans=spans)
        self.seconds += time.perf_counter() - started
        return doc

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / PATTERNS_FILE).write_text(json.dumps(self.rules.raw, indent=1), encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> DateFinder:
        file = Path(path) / PATTERNS_FILE
        if file.exists():
            self._set_rules(Rules.from_path(file))
        return self

    # -- the work ---------------------------------------------------------------------------

    def find(self, doc: Doc) -> tuple[list[dict[str, Any]], list[Span]]:
        """Date mentions of a doc (as DateMention dicts, ids in text order) and their spans."""
        anchor = parse_anchor(doc._.published)
        self._doc_reports_quarters = any(t.lower_ in _QUARTER_WORDS for t in doc)
        blocked = boilerplate_ranges(doc)
        ranges = self._merge_adjacent(doc, merge_overlapping(self._candidates(doc)), anchor)
        ranges = [piece for r in ranges for piece in self._split(doc, r, anchor)]
        mentions: list[dict[str, Any]] = []
        spans: list[Span] = []
        for start, end in sorted(set(ranges)):
            span = doc[start:end]
            if any(span.start_char < b_end and b_start < span.end_char for b_start, b_end in blocked):
                continue
            timex = self._normalize_span(span, anchor)
            if timex is None:
                continue
            spans.append(Span(doc, start, end, label=timex.type))
            mentions.append({
                "id": f"D{len(mentions) + 1}", "text": span.text, "start": span.start_char, "end": span.end_char,
                "value": timex.value, "type": timex.type, "granularity": timex.granularity, "mod": timex.mod,
            })
        return mentions, spans

    def _candidates(self, doc: Doc) -> list[tuple[int, int]]:
        """Token ranges proposed by the entity recognizer and by the patterns."""
        found = []
        if self.use_entities:
            found += [(ent.start, ent.end) for ent in doc.ents if ent.label_ in self.entity_labels]
        for match_id, start, end in self.matcher(doc):
            not_before, not_after = self._vetoes[self.vocab.strings[match_id]]
            if start > 0 and doc[start - 1].lower_ in not_before:
                continue
            if end < len(doc) and doc[end].lower_ in not_after:
                continue
            found.append((start, end))
        return found

    def _merge_adjacent(self, doc: Doc, ranges: list[tuple[int, int]], anchor: date | None) -> list[tuple[int, int]]:
        """Join neighbours that form one expression: "Friday" "morning", "Monday", "Oct. 26"."""
        out: list[tuple[int, int]] = []
        for start, end in ranges:
            if out:
                prev_start, prev_end = out[-1]
                gap = doc[prev_end:start]
                if len(gap) == 0 or (len(gap) == 1 and gap[0].text == ","):
                    joined = self._trim(doc, prev_start, end)
                    if joined and self._normalize_span(doc[joined[0]:joined[1]], anchor, fallback=False) is not None:
                        out[-1] = (prev_start, end)
                        continue
            out.append((start, end))
        return out

    def _split(self, doc: Doc, r: tuple[int, int], anchor: date | None) -> list[tuple[int, int]]:
        """Split "1994 and 1997", "the quarter ended Sept. 30" into their parts (TimeML: two TIMEX3).

        A range ending at the present ("January 2017 to the present") stays one interval.
        """
        start, end = r
        cuts = [i for i in range(start + 1, end - 1) if doc[i].lower_ in self.rules.split_words]
        pieces: list[tuple[int, int]] = []
        if cuts:
            bounds = [start, *cuts, end]
            parts = [(bounds[0], bounds[1])] + [(bounds[k] + 1, bounds[k + 1]) for k in range(1, len(bounds) - 1)]
            trimmed = [self._trim(doc, a, b) for a, b in parts]
            last = trimmed[-1]
            ends_at_present = last is not None and doc[last[1] - 1].lower_ in self.rules.interval_end_words
            if not ends_at_present and all(
                    t is not None and self._normalize_span(doc[t[0]:t[1]], anchor) is not None for t in trimmed):
                pieces = [t for t in trimmed if t is not None]
        if not pieces:
            trimmed_whole = self._trim(doc, start, end)
            pieces = [trimmed_whole] if trimmed_whole else []
        return pieces

    def _trim(self, doc: Doc, start: int, end: int) -> tuple[int, int] | None:
        """Drop prepositions, conjunctions, punctuation and possessives at the edges of a range."""
        rules = self.rules
        while start < end and (doc[start].lower_ in rules.strip_leading or doc[start].is_punct
                               or doc[start].is_space
                               or (doc[start].lower_ == "the" and start + 1 < end
                                   and doc[start + 1].lower_ in rules.strip_leading_the_before)):
            start += 1
        while end > start and (doc[end - 1].lower_ in rules.strip_trailing or doc[end - 1].is_space
                               or doc[end - 1].is_punct):
            end -= 1
        return (start, end) if end > start else None

    def _normalize_span(self, span: Span, anchor: date | None, fallback: bool = True) -> Timex | None:
        """The span's TIMEX3, or None when it is not a date expression we can resolve.

        fallback=False keeps dateparser out (used when deciding whether to join neighbours).
        """
        text = span.text
        lowered = text.lower()
        if any(p.search(lowered) for p in self.rules.reject):
            return None
        if len(span) == 1 and not _usable_single_token(span[0]):
            return None
        grain = reporting_grain(span, self._doc_reports_quarters)
        timex = normalize(text, anchor, tense=governing_tense(span), grain=grain,
                          use_dateparser=self.use_dateparser and fallback)
        if timex is None and self.keep_unnormalized:
            return Timex(None, "DATE", None)
        return timex


# -------------------------------------------------------------------------------------------------
# Plain functions over Doc/Span
# -------------------------------------------------------------------------------------------------


def parse_anchor(published: str | None) -> date | None:
    """The publication date as a date, from "YYYY-MM-DD" (a time part is ignored); None if unusable."""
    if not published:
        return None
    try:
        return date.fromisoformat(str(published)[:10])
    except ValueError:
        return None


def merge_overlapping(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Unite token ranges that share tokens (an entity and a pattern hit on the same words)."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if out and start < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _usable_single_token(token: Any) -> bool:
    """A one-word candidate must not be a modal "May", a verb "march", or a lower-case "sun"."""
    if token.lower_ in ("may", "march") and (token.tag_ == "MD" or token.pos_ == "VERB" or not token.is_title):
        return False
    return True


_FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo", "gon"})
_FUTURE_GOVERNORS = frozenset({"expect", "expected", "schedule", "scheduled", "plan", "plans", "planned", "due",
                               "set", "going", "intend", "intends", "aim", "hope", "hopes", "slated", "likely"})


def governing_tense(span: Span) -> Tense:
    """Tense of the verb the expression hangs on: decides whether "Thursday" is last or next Thursday.

    Future: a will/shall auxiliary, or an infinitive under "expected to", "scheduled to"...
    Past: a past-tense verb or auxiliary, or a perfect ("has reported").
    """
    verb = span.root
    for _ in range(6):
        if verb.pos_ in ("VERB", "AUX") or verb.head is verb:
            break
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    auxes = [child for child in verb.children if child.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in _FUTURE_AUX for a in auxes):
        return "future"
    if verb.tag_ == "VB" and any(a.lower_ == "to" for a in auxes):
        governor = verb.head
        if governor.lower_ in _FUTURE_GOVERNORS or any(a.lower_ in _FUTURE_AUX for a in governor.children):
            return "future"
        if governor.tag_ == "VBD":
            return "past"
        return None
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if verb.tag_ == "VBN" and any(a.lower_ in ("has", "have", "had", "'ve", "'s") for a in auxes):
        return "past"
    if verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod"):
        return "past"
    if verb.tag_ in ("VBZ", "VBP", "VBG"):
        return "present"
    return None


_QUARTER_WORDS = frozenset({"quarter", "quarters", "quarterly", "third-quarter", "second-quarter", "first-quarter",
                            "fourth-quarter"})
_RESULTS_WORDS = frozenset({"net", "profit", "profits", "sales", "revenue", "revenues", "earnings", "earned", "income",
                            "loss", "cents", "share"})


def reporting_grain(span: Span, doc_reports_quarters: bool = False) -> str | None:
    """"quarter" when the sentence reports quarterly results: "a year earlier" is then a quarter.

    In an earnings story (the document talks about quarters) a sentence with results vocabulary
    ("net", "revenue", "cents a share") compares with the same quarter of the previous year.
    """
    sent = span.sent if span.doc.has_annotation("SENT_START") else span
    words = {t.lower_ for t in sent}
    if words & _QUARTER_WORDS:
        return "quarter"
    if doc_reports_quarters and words & _RESULTS_WORDS:
        return "quarter"
    return None
