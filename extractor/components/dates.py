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
#: Candidates longer than this are not searched for sub-expressions (cost grows with the square).
MAX_NARROW_TOKENS = 12
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
    keep_leading_phrases: list[tuple[str, ...]]
    strip_leading_phrases: list[tuple[str, ...]]
    strip_leading: frozenset[str]
    strip_article_before: frozenset[str]
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
            keep_leading_phrases=[tuple(p.split()) for p in data.get("keep_leading_phrases", [])],
            strip_leading_phrases=[tuple(p.split()) for p in data.get("strip_leading_phrases", [])],
            strip_leading=frozenset(data.get("strip_leading", [])),
            strip_article_before=frozenset(data.get("strip_article_before", [])),
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

        A range ending at the present ("January 2017 to the present") stays one interval. Parts
        that do not normalize as a whole are narrowed to the expressions inside them.
        """
        start, end = r
        cuts = [i for i in range(start + 1, end - 1) if doc[i].lower_ in self.rules.split_words]
        if cuts:
            bounds = [start, *cuts, end]
            parts = [(bounds[0], bounds[1])] + [(bounds[k] + 1, bounds[k + 1]) for k in range(1, len(bounds) - 1)]
            trimmed = [self._trim(doc, a, b) for a, b in parts]
            last = trimmed[-1]
            ends_at_present = last is not None and doc[last[1] - 1].lower_ in self.rules.interval_end_words
            if not ends_at_present and all(
                    t is not None and self._normalize_span(doc[t[0]:t[1]], anchor) is not None for t in trimmed):
                return [t for t in trimmed if t is not None]
        return self._narrow(doc, start, end, anchor)

    def _narrow(self, doc: Doc, start: int, end: int, anchor: date | None) -> list[tuple[int, int]]:
        """The trimmed range if it normalizes; else the longest sub-ranges that do.

        spaCy's entities sometimes swallow neighbours ("the first nine months of 1997" is two
        TIMEX3, "an interview several months" one); narrowing recovers the expressions inside.
        """
        trimmed = self._trim(doc, start, end)
        if trimmed is None:
            return []
        start, end = trimmed
        if self._normalize_span(doc[start:end], anchor) is not None:
            return [trimmed]
        if end - start > MAX_NARROW_TOKENS or self._rejected(doc[start:end].text):
            return []
            return []
        for length in range(end - start - 1, 0, -1):
            for a in range(start, end - length + 1):
                sub = self._trim(doc, a, a + length)
                if sub and sub[1] - sub[0] == length and \
                        self._normalize_span(doc[sub[0]:sub[1]], anchor, fallback=False) is not None:
                    return self._narrow(doc, start, sub[0], anchor) + [sub] + self._narrow(doc, sub[1], end, anchor)
        return []

    def _trim(self, doc: Doc, start: int, end: int) -> tuple[int, int] | None:
        """Drop prepositions, conjunctions, punctuation and possessives at the edges of a range."""
        rules = self.rules
        while start < end:
            words = tuple(t.lower_ for t in doc[start:min(end, start + 4)])
            if any(words[:len(p)] == p for p in rules.keep_leading_phrases):
                break
            phrase = next((p for p in rules.strip_leading_phrases if words[:len(p)] == p and len(p) < end - start), None)
            if phrase:
                start += len(phrase)
                continue
            token = doc[start]
            if token.lower_ in rules.strip_leading or token.is_punct or token.is_space:
                start += 1
            elif token.lower_ in ("the", "a", "an") and start + 1 < end and (
                    doc[start + 1].lower_ in rules.strip_leading_the_before
                    or doc[start + 1].lower_ in rules.strip_article_before
                    or doc[start + 1].like_num and len(doc[start + 1]) == 4 and token.lower_ != "the"
                    or _adjectival_compound(doc, start + 1, end)):
                start += 1
            else:
                break
        while end > start and (doc[end - 1].lower_ in rules.strip_trailing or doc[end - 1].is_space
                               or doc[end - 1].is_punct):
            end -= 1
        return (start, end) if end > start else None

    def _rejected(self, text: str) -> bool:
        """Ages ("6-year-old"), bare numbers and anaphora ("that day") are not dates to us."""
        lowered = text.lower()
        return any(p.search(lowered) for p in self.rules.reject)

    def _normalize_span(self, span: Span, anchor: date | None, fallback: bool = True) -> Timex | None:
        """The span's TIMEX3, or None when it is not a date expression we can resolve.

        fallback=False keeps dateparser out (used when deciding whether to join neighbours).
        """
        text = span.text
        if self._rejected(text):
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


def _adjectival_compound(doc: Doc, start: int, end: int) -> bool:
    """True for "third-quarter", "year-ago" used before a noun: "the third-quarter loss".

    TimeBank leaves the noun phrase's determiner out of the TIMEX3 then ("third-quarter"),
    but keeps it when the time word is the head ("the third quarter", "the year-ago period").
    """
    if end - start != 3 or doc[start + 1].text != "-" or end >= len(doc):
        return False
    return doc[end].pos_ in ("NOUN", "PROPN", "ADJ") and doc[end - 1].lower_ in ("quarter", "ago", "earlier", "end", "half")


def _usable_single_token(token: Any) -> bool:
    """A one-word candidate must not be a modal "May", a verb "march", or a lower-case "sun"."""
    if token.lower_ in ("may", "march") and (token.tag_ == "MD" or token.pos_ == "VERB" or not token.is_title):
        return False
    return True


_FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo", "would", "might", "may"})
#: Verbs of arranging: their object happens later ("planned a rally on Saturday").
_PLAN_VERBS = frozenset({"plan", "plans", "planned", "planning", "schedule", "schedules", "scheduled", "expect",
                         "expects", "expected", "intend", "intends", "intended", "due", "set", "slated", "postpone",
                         "postponed", "postpones", "delay", "delayed", "adjourn", "adjourned", "resume", "resumes",
                         "going", "aim", "aims", "hope", "hopes", "prepare", "prepares", "preparing", "likely"})
_REPORTING_VERBS = frozenset({"say", "says", "tell", "tells", "report", "reports", "announce", "announces"})


def _governing_verb(span: Span) -> Any:
    """The verb the expression depends on (climbing from the span's root), or None."""
    verb = span.root
    for _ in range(6):
        if verb.pos_ in ("VERB", "AUX") or verb.head is verb:
            break
        verb = verb.head
    return verb if verb.pos_ in ("VERB", "AUX") else None


def governing_tense(span: Span) -> Tense:
    """Tense of the verb the expression hangs on: decides whether "Thursday" is last or next Thursday.

    Future: a will/would/may auxiliary (on the verb or the verb it complements), a verb of
    arranging ("planned a rally Saturday", "is scheduled to meet Tuesday"), a present progressive
    or a plain present that is not a reporting verb ("meet Monday"). Past: a past tense, a perfect.
    """
    verb = _governing_verb(span)
    if verb is None:
        return None
    auxes = [child for child in verb.children if child.dep_ in ("aux", "auxpass")]
    aux_words = {a.lower_ for a in auxes}
    if "had" in aux_words:
        return "past"
    chain = [verb, verb.head] if verb.dep_ in ("xcomp", "ccomp", "advcl", "conj") else [verb]
    for v in chain:
        if any(c.dep_ in ("aux", "auxpass") and c.lower_ in _FUTURE_AUX for c in v.children):
            return "future"
        if v.lower_ in _PLAN_VERBS:
            return "future"
    if verb.tag_ == "VB" and "to" in aux_words:
        return "past" if verb.head.tag_ == "VBD" else None
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if verb.tag_ == "VBN" and (aux_words & {"has", "have", "'ve", "'s"} or verb.dep_ in ("acl", "amod")):
        return "past"
    if verb.tag_ == "VBG" and aux_words & {"is", "are", "'s", "'re", "am"}:
        return "future"
    if verb.tag_ in ("VBZ", "VBP") and verb.lower_ not in _REPORTING_VERBS and verb.pos_ == "VERB":
        return "future"
    if verb.tag_ in ("VBZ", "VBP", "VBG"):
        return "present"
    return None


_QUARTER_WORDS = frozenset({"quarter", "quarters", "quarterly", "third-quarter", "second-quarter", "first-quarter",
                            "fourth-quarter"})
_RESULTS_WORDS = frozenset({"net", "profit", "profits", "sales", "revenue", "revenues", "earnings", "earned", "income",
                            "loss", "losses", "gain", "gains", "cents", "share"})


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
