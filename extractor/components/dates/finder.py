"""The component's work: propose candidate ranges, cut them into TimeML extents, normalize each.

See the package docstring for the conventions; the extents' clean-up lives in ``trimming`` and the
normalizer's hints in ``tense``.
"""

from __future__ import annotations

import json
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
from extractor.extensions import add_stage_warning, boilerplate_ranges
from extractor.normalize.timex import Timex, normalize

from .context import date_bare_times, inherit_range_year, parse_anchor
from .lexical_filter import LexicalFilter
from .readings import is_award_title, is_vague_length, year_by_its_end, year_in_apposition
from .story import MONTH_WORD, story_time
from .rules import PATTERNS_FILE, SPAN_KEY, Rules, default_patterns_path
from .tense import QUARTER_WORDS, calendar_tense, deadline_tense, governing_tense, is_someday, reporting_grain
from .trimming import merge_overlapping, person_tokens, rejected, surname_like, trim, usable_single_token

#: Candidates longer than this are not searched for sub-expressions (cost grows with the square).
MAX_NARROW_TOKENS = 12


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
        info = _DocInfo(parse_anchor(doc._.published), any(t.lower_ in QUARTER_WORDS for t in doc))
        blocked = boilerplate_ranges(doc)
        ranges = self._merge_adjacent(doc, merge_overlapping(self._candidates(doc)), info)
        pieces = sorted({piece for r in ranges for piece in self._split(doc, r, info)})
        found: list[tuple[Span, Timex]] = []
        for start, end in pieces:
            span = doc[start:end]
            if any(span.start_char < b_end and b_start < span.end_char for b_start, b_end in blocked):
                continue
            timex = self._normalize_span(span, info)
            if timex is None and self.keep_unnormalized and not rejected(span.text, self.rules):
                timex = Timex(None, "DATE", None)
            if timex is not None:
                found.append((span, timex))
        found = year_in_apposition(found)
        found = date_bare_times(story_time(inherit_range_year(found), info.anchor, governing_tense), info.anchor)
        mentions = [_mention(i, span, timex) for i, (span, timex) in enumerate(found, start=1)]
        spans = [Span(doc, span.start, span.end, label=timex.type) for span, timex in found]
        return mentions, spans

    def _candidates(self, doc: Doc) -> list[tuple[int, int]]:
        """Token ranges proposed by the entity recognizer and by the patterns."""
        found = []
        if self.use_entities:
            found += [(ent.start, ent.end) for ent in doc.ents if ent.label_ in self.entity_labels]
        people = person_tokens(doc)
        for match_id, start, end in self._matches(doc):
            not_before, not_after = self._vetoes[self.vocab.strings[match_id]]
            if start > 0 and doc[start - 1].lower_ in not_before:
                continue
            if end < len(doc) and doc[end].lower_ in not_after:
                continue
            found.append((start, end))
        # "Timothy Weeks", "Theresa May": part of a name, not a duration or a month
        return [(start, end) for start, end in found
                if not (all(i in people for i in range(start, end)) or surname_like(doc, start, end))]

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
                    joined = trim(doc, prev_start, end, self.rules)
                    if joined and self._normalize_span(doc[joined[0]:joined[1]], info, fallback=False):
                        out[-1] = (prev_start, end)
                        continue
            out.append((start, end))
        return out

    def _split(self, doc: Doc, r: tuple[int, int], info: _DocInfo) -> list[tuple[int, int]]:
        """Split "1994 and 1997", "the quarter ended Sept. 30" into their parts (TimeML: two TIMEX3).

        A range ending at the present ("January 2017 to the present") stays one interval, and so
        does a length that reads as one ("two hours and 15 minutes", "10 to 15 minutes"). Parts
        that do not normalize as a whole are narrowed to the expressions inside them.
        """
        start, end = r
        cuts = [i for i in range(start + 1, end - 1) if doc[i].lower_ in self.rules.split_words]
        if cuts:
            whole = trim(doc, start, end, self.rules)
            timex = self._normalize_span(doc[whole[0]:whole[1]], info, fallback=False) if whole else None
            if timex is not None and timex.type == "DURATION":
                return [whole]  # one length: "two hours and 15 minutes", "10 to 15 minutes"
            bounds = [start, *cuts, end]
            parts = [(bounds[0], bounds[1])] + [(bounds[k] + 1, bounds[k + 1]) for k in range(1, len(bounds) - 1)]
            trimmed = [trim(doc, a, b, self.rules) for a, b in parts]
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
        trimmed = trim(doc, start, end, self.rules)
        if trimmed is None:
            return []
        start, end = trimmed
        if self._normalize_span(doc[start:end], info, fallback=fallback) is not None:
            return [trimmed]
        if end - start > MAX_NARROW_TOKENS or rejected(doc[start:end].text, self.rules):
            return []
        for length in range(end - start - 1, 0, -1):
            for a in range(start, end - length + 1):
                sub = trim(doc, a, a + length, self.rules)
                if sub and sub[1] - sub[0] == length and self._normalize_span(doc[a:a + length], info, fallback=False):
                    left = self._narrow(doc, start, a, info, fallback=False)
                    return left + [sub] + self._narrow(doc, a + length, end, info, fallback=False)
        return []

    def _normalize_span(self, span: Span, info: _DocInfo, fallback: bool = True) -> Timex | None:
        """The span's TIMEX3, or None when it is not a date expression we can resolve.

        fallback=False keeps dateparser out (used when deciding how to cut candidates).
        """
        if is_vague_length(span):
            return normalize(span.text, info.anchor, use_dateparser=False)
        if rejected(span.text, self.rules) or (len(span) == 1 and not usable_single_token(span[0])):
            return None
        if is_award_title(span):
            return None
        if is_someday(span):
            return Timex("FUTURE_REF", "DATE", "reference")
        tense = calendar_tense(span) if MONTH_WORD.search(span.text) else deadline_tense(span)
        timex = normalize(span.text, info.anchor, tense=tense, grain=reporting_grain(span, info.reports_quarters),
                          use_dateparser=self.use_dateparser and fallback)
        return year_by_its_end(span, timex) if timex is not None else None


def _mention(index: int, span: Span, timex: Timex) -> dict[str, Any]:
    """A DateMention-shaped dict (see extractor.records.DateMention)."""
    return {"id": f"D{index}", "text": span.text, "start": span.start_char, "end": span.end_char,
            "value": timex.value, "type": timex.type, "granularity": timex.granularity, "mod": timex.mod}
