"""A pre-filter for spaCy's Matcher: which runs of tokens could take part in some pattern's match."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from spacy.attrs import ORTH
from spacy.tokens import Doc


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
