"""spaCy component "extractor_fast_attributes": spaCy's attribute_ruler without the Matcher.

In en_core_web_sm the attribute ruler maps each fine-grained tag to a coarse POS and morphology,
plus some exceptions keyed on the word, its tag or its dependency label ("a" is
Definite=Ind, "'s" after a noun has lemma "be"). spaCy runs a general token Matcher over every
doc for that, which costs about a tenth of the whole pipeline. Nearly every pattern tests one
token on a few attributes, so the same answers can be had from a table keyed by those attribute
values, filled once per distinct key.

The component is built from the original ruler's own patterns (``AttributeRuler.patterns``);
:func:`compile_rules` returns None when a pattern uses something this implementation does not
reproduce exactly (operators, tests other than equality / ``IN`` / ``NOT_IN`` / ``REGEX`` / boolean flags,
extension attributes, POS...), and the pipeline then keeps the original component.

Semantics reproduced: all patterns are matched against the doc as it is before any rule applies;
the rules then apply in the order they were added, later rules overriding earlier ones
attribute by attribute, each on the token at its ``index`` within the matched span.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, Union

from spacy import attrs as spacy_attrs
from spacy.language import Language
from spacy.strings import StringStore
from spacy.tokens import Doc
from spacy.tokens._retokenize import normalize_token_attrs, set_token_attrs
from spacy.vocab import Vocab

#: One attribute test: any value (None), one of these values, none of them (("NOT_IN", values)),
#: or a regex searched in the value's string.
Test = Union[frozenset, tuple, "re.Pattern[str]", None]

#: Token attributes a pattern may test: (Matcher name -> attribute id). String valued, except flags.
#: (Not POS: the Matcher compares it with a string hash, so leave such patterns to spaCy.)
_STRING_ATTRS = ("ORTH", "LOWER", "NORM", "TAG", "DEP", "LEMMA", "SHAPE", "ENT_TYPE")
_FLAG_ATTRS = ("IS_SPACE", "IS_PUNCT", "IS_ALPHA", "IS_DIGIT", "IS_LOWER", "IS_UPPER", "IS_TITLE", "IS_STOP",
               "LIKE_NUM", "IS_ASCII", "IS_QUOTE", "IS_BRACKET", "IS_LEFT_PUNCT", "IS_RIGHT_PUNCT", "IS_CURRENCY")
#: Which column to index a test by when it requires values of several (the most selective first).
_INDEX_PREFERENCE = {spacy_attrs.IDS[name]: rank for rank, name in enumerate(("ORTH", "LOWER", "NORM", "LEMMA", "TAG", "DEP", "SHAPE", "ENT_TYPE"))}
#: Attributes a rule may set: the ones set_token_attrs writes to the token alone.
_SETTABLE = frozenset({"POS", "TAG", "DEP", "LEMMA", "MORPH"})


class Rules:
    """The ruler's patterns compiled to tests on integer attribute values.

    ``columns``: the attribute ids read from each token (``Doc.to_array`` order).
    ``rules``: per rule, in order: its patterns (each a tuple of token tests, one :data:`Test` per
    column), the token index it writes, and its attrs as spaCy normalizes them.
    """

    def __init__(self, columns: list[int], rules: list[tuple[list[tuple[tuple[Test, ...], ...]], int, dict]]) -> None:
        self.columns = columns
        self.rules = rules
        # Index every first token test by one column it requires a value of (the first such
        # column: LOWER before TAG before DEP in en_core_web_sm), so a token key is checked only
        # against the tests that can accept it. Entries: (rule id, whole pattern, index in span).
        self.index: list[dict[int, list[tuple[int, tuple[Test, ...], int]]]] = [{} for _ in columns]
        self.unindexed: list[tuple[int, tuple[tuple[Test, ...], ...], int]] = []
        order = sorted(range(len(columns)), key=lambda c: _INDEX_PREFERENCE.get(columns[c], 99))
        for rule_id, (pats, index, _attrs) in enumerate(rules):
            for tests in pats:
                first = tests[0]
                col = next((c for c in order if isinstance(first[c], frozenset)), None)
                if col is None:
                    self.unindexed.append((rule_id, tests, index))
                    continue
                for value in first[col]:
                    self.index[col].setdefault(value, []).append((rule_id, tests, index))

    def candidates(self, key: tuple[int, ...]) -> list[tuple[int, tuple[tuple[Test, ...], ...], int]]:
        """Patterns whose first token test may accept ``key``, in rule order."""
        found = [entry for col, table in enumerate(self.index) for entry in table.get(key[col], ())]
        found += self.unindexed
        found.sort(key=lambda entry: entry[0])
        return found


def compile_rules(vocab: Vocab, patterns: Iterable[dict[str, Any]]) -> Rules | None:
    """Compile AttributeRuler pattern dicts (``{"patterns", "attrs", "index"}``); None if unsupported."""
    raw: list[tuple[list[list[dict[str, Any]]], int, dict]] = []
    used: list[str] = []
    for entry in patterns:
        attrs = entry.get("attrs", {})
        index = entry.get("index", 0)
        if not isinstance(index, int) or not attrs or any(k not in _SETTABLE for k in attrs):
            return None
        pats = entry.get("patterns", [])
        if not pats:
            return None
        for pattern in pats:
            if not isinstance(pattern, list) or not pattern or not -len(pattern) <= index < len(pattern):
                return None  # an index outside the span makes spaCy raise: leave that to spaCy
            for spec in pattern:
                if not isinstance(spec, dict) or not spec:
                    return None
                for key, value in spec.items():
                    if key in _STRING_ATTRS:
                        ok = isinstance(value, str) or (
                            isinstance(value, dict) and len(value) == 1 and next(iter(value)) in ("IN", "NOT_IN")
                            and isinstance(next(iter(value.values())), list)
                            and all(isinstance(v, str) for v in next(iter(value.values())))) or (
                            isinstance(value, dict) and list(value) == ["REGEX"] and isinstance(value["REGEX"], str))
                    elif key in _FLAG_ATTRS:
                        ok = isinstance(value, bool)
                    else:
                        ok = False  # OP, NOT_IN, REGEX, extension attributes...
                    if not ok:
                        return None
                    if key not in used:
                        used.append(key)
        raw.append((pats, index, attrs))
    if not raw:
        return None
    columns = [spacy_attrs.IDS[key] for key in used]
    rules = []
    for pats, index, attrs in raw:
        compiled = []
        for pattern in pats:
            tests = []
            for spec in pattern:
                row: list[Test] = [None] * len(used)
                for key, value in spec.items():
                    accepted: Test
                    if key in _FLAG_ATTRS:
                        accepted = frozenset({int(value)})
                    elif isinstance(value, str):
                        accepted = frozenset({vocab.strings.add(value)})
                    elif "IN" in value:
                        accepted = frozenset(vocab.strings.add(v) for v in value["IN"])
                    elif "NOT_IN" in value:
                        accepted = ("NOT_IN", frozenset(vocab.strings.add(v) for v in value["NOT_IN"]))
                    else:  # the Matcher's REGEX: re.search on the attribute's string
                        accepted = re.compile(value["REGEX"])
                    row[used.index(key)] = accepted
                tests.append(tuple(row))
            compiled.append(tuple(tests))
        rules.append((compiled, index, normalize_token_attrs(vocab, dict(attrs))))
    return Rules(columns, rules)


def _accepts(test: tuple[Test, ...], key: tuple[int, ...], strings: StringStore) -> bool:
    for accepted, value in zip(test, key):
        if accepted is None:
            continue
        if isinstance(accepted, frozenset):
            if value not in accepted:
                return False
        elif isinstance(accepted, tuple):
            if value in accepted[1]:
                return False
        elif not accepted.search(strings[value]):
            return False
    return True


@Language.factory("extractor_fast_attributes", default_config={"patterns": []})
def make_fast_attributes(nlp: Language, name: str, patterns: list[dict[str, Any]]) -> FastAttributeRuler:
    """Factory. ``patterns``: an AttributeRuler's ``patterns`` (the pipeline passes the original's)."""
    rules = compile_rules(nlp.vocab, patterns)
    if rules is None:
        raise ValueError("extractor_fast_attributes: these attribute ruler patterns are not supported")
    return FastAttributeRuler(name, rules, patterns, nlp.vocab)


class FastAttributeRuler:
    """Applies compiled attribute-ruler rules; see the module docstring."""

    def __init__(self, name: str, rules: Rules, patterns: list[dict[str, Any]], vocab: Vocab) -> None:
        self.name = name
        self.strings = vocab.strings
        self.rules = rules
        self.patterns = patterns
        self._cache: dict[tuple[int, ...], tuple[dict, tuple[int, ...], tuple[tuple[int, tuple, int], ...]]] = {}

    def _lookup(self, key: tuple[int, ...]) -> tuple[dict, tuple[int, ...], tuple]:
        """For one token key: the attrs one-token patterns set on it, the rules of those patterns,
        and the longer patterns (rule id, tests, index) whose first token test it passes."""
        hit = self._cache.get(key)
        if hit is None:
            strings = self.strings
            matched: list[int] = []
            starts = []
            for rule_id, tests, index in self.rules.candidates(key):
                if not _accepts(tests[0], key, strings):
                    continue
                if len(tests) == 1:
                    if not matched or matched[-1] != rule_id:
                        matched.append(rule_id)
                else:
                    starts.append((rule_id, tests, index))
            merged: dict = {}
            for rule_id in matched:
                merged.update(self.rules.rules[rule_id][2])
            hit = self._cache[key] = (merged, tuple(matched), tuple(starts))
        return hit

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if not n:
            return doc
        strings = self.strings
        keys = [tuple(row) for row in doc.to_array(self.rules.columns).tolist()]
        found = [self._lookup(key) for key in keys]
        extra: dict[int, set[int]] = {}  # token -> rules of longer patterns that write it
        for start, (_merged, _matched, starts) in enumerate(found):
            for rule_id, tests, index in starts:
                size = len(tests)
                if start + size <= n and all(_accepts(tests[k], keys[start + k], strings) for k in range(1, size)):
                    extra.setdefault(start + (index if index >= 0 else size + index), set()).add(rule_id)
        all_rules = self.rules.rules
        for i, (merged, matched, _starts) in enumerate(found):
            more = extra.get(i)
            if more:
                merged = {}
                for rule_id in sorted(more.union(matched)):
                    merged.update(all_rules[rule_id][2])
            if merged:
                set_token_attrs(doc[i], merged)
        return doc

    # Serialization: the patterns travel in the config; nothing on disk.
    def to_disk(self, path: Any, *, exclude: Iterable[str] = ()) -> None:
        return None

    def from_disk(self, path: Any, *, exclude: Iterable[str] = ()) -> FastAttributeRuler:
        return self
