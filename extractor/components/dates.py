"""spaCy component "extractor_dates": find date expressions and normalize them to TIMEX3 values.

Candidates come from two sources: spaCy's DATE/TIME entities, and token patterns for what the
small English model misses ("now", "recently", "the future", "daily"...), kept as data in
``models/date_patterns.json`` with the word lists that shape extents. Candidates are shaped to
TimeML extent conventions: overlapping ones are united; adjacent ones joined when the whole is
one expression ("Friday" + "morning", "May" + "this year", "January 2017" + "to the present");
ranges split into their ends ("between 1994 and 1997" is two TIMEX3); prepositions, possessives
and stray determiners trimmed; entities that swallowed neighbours narrowed to the expressions
inside ("the first nine months of 1997" -> "the first nine months", "1997").

Each survivor is normalized against ``doc._.published`` by
:func:`extractor.normalize.timex.normalize`, with two hints from the parse: the tense of the
governing verb (a bare "Thursday" is last Thursday unless the verb is future) and whether the
sentence reports quarterly results ("a year earlier" is then last year's quarter). Candidates that
do not normalize are dropped: what we cannot resolve is usually not a date ("44", "6-year-old").
Two small post-passes use the neighbours: a range's first end takes the second end's year ("June
5 to June 9, 2019") and a bare clock time takes the day named in its sentence.

Output: ``doc._.dates`` (dicts shaped like ``records.DateMention``, ids D1.. in text order) and
``doc.spans["dates"]`` (label = TIMEX3 type). The component never touches ``doc.ents`` and skips
anything overlapping ``doc._.boilerplate``.
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

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, SpanGroup

import extractor.extensions  # noqa: F401  (registers doc._.published, doc._.dates, doc._.boilerplate)
from extractor.extensions import add_stage_warning, boilerplate_ranges
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
    """Factory (config keys as in default_config).

    use_dateparser: ask dateparser about explicit dates the rules miss (cached; off = rules only).
    use_entities / entity_labels: take spaCy's entities of these labels as candidates.
    patterns_path: another pattern file instead of models/date_patterns.json.
    keep_unnormalized: keep candidates the normalizer cannot resolve, with value None.
    """
    return DateFinder(nlp, name, use_dateparser=use_dateparser, use_entities=use_entities,
                      entity_labels=entity_labels, patterns_path=patterns_path, keep_unnormalized=keep_unnormalized)


@dataclass(frozen=True)
class _DocInfo:
    """Per-document facts the normalizer hints depend on."""

    anchor: date | None
    reports_quarters: bool  # the article talks about fiscal quarters (an earnings story)


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
        self._set_rules(Rules.from_path(Path(patterns_path) if patterns_path else default_patterns_path()))

    def _set_rules(self, rules: Rules) -> None:
        self.rules = rules
        self.matcher = Matcher(self.vocab)
        self._vetoes: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
        for index, entry in enumerate(rules.patterns):
            key = f"{entry.get('id', 'date')}#{index}"
            self.matcher.add(key, [entry["pattern"]])
            self._vetoes[key] = (frozenset(entry.get("not_before", [])), frozenset(entry.get("not_after", [])))
        self._lexical_filter = LexicalFilter.from_patterns(entry["pattern"] for entry in rules.patterns)

    # -- spaCy API --------------------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        started = time.perf_counter()
        try:
            mentions, spans = self.find(doc)
        except Exception as exc:  # noqa: BLE001 - a bad article loses its dates, not its other facts
            mentions, spans = [], []
            add_stage_warning(doc, "dates_failed", exc, "date detection")
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
        info = _DocInfo(parse_anchor(doc._.published), any(t.lower_ in _QUARTER_WORDS for t in doc))
        blocked = boilerplate_ranges(doc)
        ranges = self._merge_adjacent(doc, merge_overlapping(self._candidates(doc)), info)
        pieces = sorted({piece for r in ranges for piece in self._split(doc, r, info)})
        found: list[tuple[Span, Timex]] = []
        for start, end in pieces:
            span = doc[start:end]
            if any(span.start_char < b_end and b_start < span.end_char for b_start, b_end in blocked):
                continue
            timex = self._normalize_span(span, info)
            if timex is None and self.keep_unnormalized and not self._rejected(span.text):
                timex = Timex(None, "DATE", None)
            if timex is not None:
                found.append((span, timex))
        found = date_bare_times(inherit_range_year(found), info.anchor)
        mentions = [_mention(i, span, timex) for i, (span, timex) in enumerate(found, start=1)]
        spans = [Span(doc, span.start, span.end, label=timex.type) for span, timex in found]
        return mentions, spans

    def _candidates(self, doc: Doc) -> list[tuple[int, int]]:
        """Token ranges proposed by the entity recognizer and by the patterns."""
        found = []
        if self.use_entities:
            found += [(ent.start, ent.end) for ent in doc.ents if ent.label_ in self.entity_labels]
        for match_id, start, end in self._matches(doc):
            not_before, not_after = self._vetoes[self.vocab.strings[match_id]]
            if start > 0 and doc[start - 1].lower_ in not_before:
                continue
            if end < len(doc) and doc[end].lower_ in not_after:
                continue
            found.append((start, end))
        return found

    def _matches(self, doc: Doc) -> list[tuple[int, int, int]]:
        """The matcher's hits over ``doc``, found by running it only over runs of tokens a pattern could use.

        Every token of a match satisfies one token spec of some pattern, and these patterns test
        only lexical attributes, so runs of tokens that satisfy none cannot hold or cut a match:
        matching the remaining runs gives the same hits (in another order) for a fraction of the
        Matcher's per-token cost.
        """
        filt = self._lexical_filter
        if filt is None:
            return self.matcher(doc)
        out: list[tuple[int, int, int]] = []
        for start, end in filt.runs(doc):
            out += [(match_id, start + s, start + e) for match_id, s, e in self.matcher(doc[start:end])]
        return out

    def _merge_adjacent(self, doc: Doc, ranges: list[tuple[int, int]], info: _DocInfo) -> list[tuple[int, int]]:
        """Join neighbours that form one expression: "Friday" "morning", "Monday", "Oct. 26"."""
        out: list[tuple[int, int]] = []
        for start, end in ranges:
            if out:
                prev_start, prev_end = out[-1]
                gap = doc[prev_end:start]
                if len(gap) == 0 or (len(gap) == 1 and gap[0].text == ","):
                    joined = self._trim(doc, prev_start, end)
                    if joined and self._normalize_span(doc[joined[0]:joined[1]], info, fallback=False):
                        out[-1] = (prev_start, end)
                        continue
            out.append((start, end))
        return out

    def _split(self, doc: Doc, r: tuple[int, int], info: _DocInfo) -> list[tuple[int, int]]:
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
                    t and self._normalize_span(doc[t[0]:t[1]], info, fallback=False) for t in trimmed):
                return [t for t in trimmed if t is not None]
        return self._narrow(doc, start, end, info)

    def _narrow(self, doc: Doc, start: int, end: int, info: _DocInfo, fallback: bool = True) -> list[tuple[int, int]]:
        """The trimmed range if it normalizes; else the longest sub-ranges that do.

        spaCy's entities sometimes swallow neighbours ("the first nine months of 1997" is two
        TIMEX3, "an interview several months" one); narrowing recovers the expressions inside.
        Leftover pieces are not shown to dateparser, which reads "9, 2019" as September.
        """
        trimmed = self._trim(doc, start, end)
        if trimmed is None:
            return []
        start, end = trimmed
        if self._normalize_span(doc[start:end], info, fallback=fallback) is not None:
            return [trimmed]
        if end - start > MAX_NARROW_TOKENS or self._rejected(doc[start:end].text):
            return []
        for length in range(end - start - 1, 0, -1):
            for a in range(start, end - length + 1):
                sub = self._trim(doc, a, a + length)
                if sub and sub[1] - sub[0] == length and self._normalize_span(doc[a:a + length], info, fallback=False):
                    left = self._narrow(doc, start, a, info, fallback=False)
                    return left + [sub] + self._narrow(doc, a + length, end, info, fallback=False)
        return []

    def _trim(self, doc: Doc, start: int, end: int) -> tuple[int, int] | None:
        """Drop prepositions, conjunctions, punctuation and possessives at the edges of a range."""
        while start < end:
            step = self._leading_junk(doc, start, end)
            if not step:
                break
            start += step
        while end > start and (doc[end - 1].lower_ in self.rules.strip_trailing or doc[end - 1].is_space
                               or doc[end - 1].is_punct):
            end -= 1
        return (start, end) if end > start else None

    def _leading_junk(self, doc: Doc, start: int, end: int) -> int:
        """How many tokens at `start` are not part of the expression ("as early as", "on", "the" Aug. 7)."""
        rules = self.rules
        words = tuple(t.lower_ for t in doc[start:min(end, start + 4)])
        if any(words[:len(p)] == p for p in rules.keep_leading_phrases):
            return 0  # "at least 30 days", "as soon as possible"
        phrase = next((p for p in rules.strip_leading_phrases if words[:len(p)] == p and len(p) < end - start), None)
        if phrase:
            return len(phrase)
        token = doc[start]
        if token.lower_ in rules.strip_leading or token.is_punct or token.is_space:
            return 1
        if start + 1 < end and token.lower_ == "the":
            following = doc[start + 1]
            if following.lower_ in rules.strip_leading_the_before or _adjectival_compound(doc, start + 1, end):
                return 1  # "the Aug. 7 meeting", "the third-quarter loss", "the the end"
        if start + 1 < end and token.lower_ in ("a", "an"):
            following = doc[start + 1]
            if following.lower_ in rules.strip_article_before or (following.like_num and len(following) == 4):
                return 1  # "a fourth-quarter charge", "an Aug. 10, 1988, stock purchase", "a 20th century democrat"
        return 0

    def _rejected(self, text: str) -> bool:
        """Ages ("6-year-old"), bare numbers and anaphora ("that day") are not dates to us."""
        lowered = text.lower()
        return any(p.search(lowered) for p in self.rules.reject)

    def _normalize_span(self, span: Span, info: _DocInfo, fallback: bool = True) -> Timex | None:
        """The span's TIMEX3, or None when it is not a date expression we can resolve.

        fallback=False keeps dateparser out (used when deciding how to cut candidates).
        """
        if self._rejected(span.text) or (len(span) == 1 and not _usable_single_token(span[0])):
            return None
        return normalize(span.text, info.anchor, tense=governing_tense(span),
                         grain=reporting_grain(span, info.reports_quarters),
                         use_dateparser=self.use_dateparser and fallback)


class LexicalFilter:
    """Which tokens could take part in a match of some token pattern (see DateFinder._matches).

    Built only for patterns whose token specs use lexeme attributes it knows (LOWER, ORTH, SHAPE
    as strings, IN or REGEX; LIKE_NUM, IS_* as booleans) and no wildcards; otherwise
    :meth:`from_patterns` returns None and the caller runs the matcher over the whole doc.
    Answers are cached per word form.
    """

    _STRING_ATTRS = {"LOWER": "lower_", "ORTH": "orth_", "TEXT": "orth_", "SHAPE": "shape_"}
    _FLAG_ATTRS = frozenset({"LIKE_NUM", "IS_TITLE", "IS_ALPHA", "IS_DIGIT", "IS_LOWER", "IS_UPPER", "IS_PUNCT",
                             "IS_SPACE", "IS_STOP", "LIKE_URL", "LIKE_EMAIL", "IS_ASCII", "IS_CURRENCY", "IS_QUOTE",
                             "IS_BRACKET", "IS_LEFT_PUNCT", "IS_RIGHT_PUNCT"})

    def __init__(self, patterns: list[list[tuple[list[tuple[str, str, Any]], bool]]]) -> None:
        #: per pattern, per token spec: its (attribute, kind, value) tests and whether it may be skipped
        self.patterns = patterns
        self._cache: dict[int, int] = {}
        # Most specs require the lower-case form to be one of a few words: a word that is none of
        # them need only be tried against the other specs.
        self._gate: set[str] = set()
        self._ungated: list[tuple[int, int]] = []
        for p, specs in enumerate(patterns):
            for j, (tests, _optional) in enumerate(specs):
                gate = next((value for attr, kind, value in tests if attr == "lower_" and kind in ("eq", "in")), None)
                if gate is None:
                    self._ungated.append((p, j))
                else:
                    self._gate.update([gate] if isinstance(gate, str) else gate)

    @classmethod
    def from_patterns(cls, patterns: Iterable[list[dict[str, Any]]]) -> LexicalFilter | None:
        compiled: list[list[tuple[list[tuple[str, str, Any]], bool]]] = []
        for pattern in patterns:
            specs: list[tuple[list[tuple[str, str, Any]], bool]] = []
            for token_spec in pattern:
                tests: list[tuple[str, str, Any]] = []
                op = token_spec.get("OP")
                if op not in (None, "?", "+", "*", "1"):
                    return None  # "!" and quantifiers: leave them to the matcher alone
                for key, value in token_spec.items():
                    if key == "OP":
                        continue
                    if key in cls._STRING_ATTRS:
                        attr = cls._STRING_ATTRS[key]
                        if isinstance(value, str):
                            tests.append((attr, "eq", value))
                        elif isinstance(value, dict) and len(value) == 1 and isinstance(value.get("IN"), list) \
                                and all(isinstance(v, str) for v in value["IN"]):
                            tests.append((attr, "in", frozenset(value["IN"])))
                        elif isinstance(value, dict) and len(value) == 1 and isinstance(value.get("REGEX"), str):
                            tests.append((attr, "regex", re.compile(value["REGEX"])))
                        else:
                            return None
                    elif key in cls._FLAG_ATTRS and isinstance(value, bool):
                        tests.append((key.lower(), "flag", value))
                    else:
                        return None
                if not tests:
                    return None  # a wildcard token: every token can take part
                specs.append((tests, op in ("?", "*")))
            if specs:
                compiled.append(specs)
        return cls(compiled) if compiled else None

    @staticmethod
    def _satisfies(lexeme: Any, tests: list[tuple[str, str, Any]]) -> bool:
        for attr, kind, value in tests:
            have = getattr(lexeme, attr)
            if kind == "eq" or kind == "flag":
                ok = have == value
            elif kind == "in":
                ok = have in value
            else:
                ok = value.search(have) is not None
            if not ok:
                return False
        return True

    def _classify(self, lexeme: Any) -> int:
        """0: no spec accepts the word; 1: some spec does; 2: some pattern matches the word alone."""
        found = 0
        if lexeme.lower_ in self._gate:
            candidates = [(p, j) for p, specs in enumerate(self.patterns) for j in range(len(specs))]
        else:
            candidates = self._ungated
        for p, j in candidates:
            specs = self.patterns[p]
            if self._satisfies(lexeme, specs[j][0]):
                if all(optional for k, (_t, optional) in enumerate(specs) if k != j):
                    return 2
                found = 1
        return found

    def runs(self, doc: Doc) -> list[tuple[int, int]]:
        """Maximal [start, end) runs of tokens that satisfy a token spec, where a match is possible.

        A one-token run is kept only when some pattern can match that token on its own.
        """
        cache = self._cache
        vocab = doc.vocab
        out: list[tuple[int, int]] = []
        start = -1
        solo = False
        for i, orth in enumerate(doc.to_array(ORTH).tolist()):
            kind = cache.get(orth)
            if kind is None:
                kind = cache[orth] = self._classify(vocab[orth])
            if kind:
                if start < 0:
                    start = i
                    solo = kind == 2
            elif start >= 0:
                if solo or i - start > 1:
                    out.append((start, i))
                start = -1
        if start >= 0 and (solo or len(doc) - start > 1):
            out.append((start, len(doc)))
        return out


def _mention(index: int, span: Span, timex: Timex) -> dict[str, Any]:
    """A DateMention-shaped dict (see extractor.records.DateMention)."""
    return {"id": f"D{index}", "text": span.text, "start": span.start_char, "end": span.end_char,
            "value": timex.value, "type": timex.type, "granularity": timex.granularity, "mod": timex.mod}


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


_RANGE_WORDS = frozenset({"to", "-", "--", "through", "until", "till", "and", "or"})
_YEAR_IN_TEXT = re.compile(r"\b(?:1[0-9]|20)\d\d\b|'\d\d\b")
_MONTH_OR_DAY_VALUE = re.compile(r"^\d{4}-\d{2}(?:-\d{2})?$")


def inherit_range_year(found: list[tuple[Span, Timex]]) -> list[tuple[Span, Timex]]:
    """"from June 5 to June 9, 2019": the first end takes the year written on the second.

    Only for a month or day without a year of its own, joined to the next expression by a
    range word, when the result does not come after the second end.
    """
    out = list(found)
    for i in range(len(out) - 1):
        (left, left_timex), (right, right_timex) = out[i], out[i + 1]
        between = left.doc[left.end:right.start]
        if not (0 < len(between) <= 2 and all(t.lower_ in _RANGE_WORDS or t.is_punct for t in between)):
            continue
        if not (left_timex.value and right_timex.value and _MONTH_OR_DAY_VALUE.match(left_timex.value)
                and _YEAR_IN_TEXT.search(right.text) and not _YEAR_IN_TEXT.search(left.text)):
            continue
        value = right_timex.value[:4] + left_timex.value[4:]
        if value[:len(right_timex.value)] <= right_timex.value and _valid_date(value):
            out[i] = (left, Timex(value, left_timex.type, left_timex.granularity, left_timex.mod))
    return out


def _valid_date(value: str) -> bool:
    try:
        date.fromisoformat(value if len(value) == 10 else value + "-01")
    except ValueError:
        return False
    return True


_CLOCK_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}T(?:\d{2}:\d{2}|MO|AF|EV|NI)$")
_DAY_WORDS = re.compile(r"(?i)\b(?:today|tonight|yesterday|tomorrow|mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|"
                        r"jun|jul|aug|sep|oct|nov|dec)|\d{1,2}/\d{1,2}")


def date_bare_times(found: list[tuple[Span, Timex]], anchor: date | None) -> list[tuple[Span, Timex]]:
    """Give a clock time with no day of its own ("at 10:35 a.m.") the day named in its sentence.

    The normalizer can only put such a time on the publication date; "The blast came Friday ...
    at about 10:35 a.m." means Friday's 10:35.
    """
    if anchor is None:
        return found
    out = []
    for span, timex in found:
        if timex.type == "TIME" and timex.value and _CLOCK_ONLY.match(timex.value) \
                and timex.value.startswith(anchor.isoformat()) and not _DAY_WORDS.search(span.text):
            day = _sentence_day(span, found)
            if day:
                timex = Timex(day + timex.value[10:], timex.type, timex.granularity, timex.mod)
        out.append((span, timex))
    return out


def _sentence_day(span: Span, found: list[tuple[Span, Timex]]) -> str | None:
    """The day (YYYY-MM-DD) of the nearest day-level expression in the span's sentence."""
    if not span.doc.has_annotation("SENT_START"):
        return None
    sent = span.sent
    best: tuple[int, str] | None = None
    for other, timex in found:
        if other.sent != sent or other == span or not timex.value or timex.granularity not in ("day", "time"):
            continue
        if not re.match(r"\d{4}-\d{2}-\d{2}", timex.value):
            continue
        distance = abs(other.start - span.start)
        if best is None or distance < best[0]:
            best = (distance, timex.value[:10])
    return best[1] if best else None


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
    head_word = doc[end - 1].lower_ in ("quarter", "ago", "earlier", "end", "half")
    return head_word and doc[end].pos_ in ("NOUN", "PROPN", "ADJ")


def _usable_single_token(token: Any) -> bool:
    """A one-word candidate must not be a modal "May", a verb "march", or a lower-case "sun"."""
    if token.lower_ in ("may", "march") and (token.tag_ == "MD" or token.pos_ == "VERB" or not token.is_title):
        return False
    return True


_FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo", "would", "might", "may"})
#: Modals that speak of the future only with a deadline ("could double by December"); alone they
#: are as often past ability ("could not attend on Monday").
_DEADLINE_MODALS = frozenset({"could", "can", "should", "must", "ought"})
_DEADLINE_PREPS = frozenset({"by", "until", "till", "before"})
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
    if span.root.dep_ == "poss" or (span.end < len(span.doc) and span.doc[span.end].tag_ == "POS"):
        return "past"  # "Thursday's closing price": a possessive names something that happened
    verb = _governing_verb(span)
    if verb is None:
        return None
    auxes = [child for child in verb.children if child.dep_ in ("aux", "auxpass")]
    aux_words = {a.lower_ for a in auxes}
    if aux_words & {"had", "have", "'ve"}:
        return "past"  # past perfect, or a modal perfect ("may have been")
    if verb.tag_ == "VBN" and verb.dep_ in ("acl", "advcl", "amod") and not aux_words:
        return "past"  # reduced relative: "the terms, announced Friday, ..."
    if aux_words & _DEADLINE_MODALS and span.root.head.lower_ in _DEADLINE_PREPS:
        return "future"
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
    if verb.tag_ == "VBN" and aux_words & {"has", "'s"}:
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
                            "loss", "losses", "cents", "share"})


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
