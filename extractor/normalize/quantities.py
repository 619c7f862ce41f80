"""Quantities: the numbers a claim rests on, parsed to values with their unit and offsets.

Fact-checkers check numbers first ("114 Chechens", "24 percent", "$200 million", "half of
them"), so every number in a claim is listed with its value and what it counts. Two layers:

- :func:`parse_number` is pure: a number phrase ("1,200", "three", "twenty-five", "2.5 million",
  "half", "a dozen") -> its value, or None;
- :func:`find_quantities` reads a spaCy span: it groups number tokens into phrases, attaches a
  currency sign before or a percent sign/word after, and takes the unit from the parse (the
  noun the number modifies, "16 member countries" -> "member countries", or the noun of an
  "of" phrase, "three of the people" -> "people"). Ordinals, years and other numbers inside
  date mentions are not quantities: the dates stage already reports those.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Span, Token

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
_SCALES = {
    "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000, "mn": 1_000_000, "m": 1_000_000, "bn": 1_000_000_000, "k": 1_000,
    "tn": 1_000_000_000_000,
}
#: Words that are a number on their own ("half of them", "a dozen people").
_FRACTIONS = {"half": 0.5, "quarter": 0.25, "third": 1 / 3, "dozen": 12, "dozens": 12, "couple": 2}
_PLURAL_FRACTIONS = {"halves": 0.5, "thirds": 1 / 3, "quarters": 0.25, "fourths": 0.25, "fifths": 0.2, "tenths": 0.1}
#: Comparative words that sit between a number and its noun but are not the unit ("5 more people").
_NOT_UNIT_WORDS = {"more", "other", "further", "additional", "extra", "fewer", "less", "new"}
_CURRENCIES = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₽": "RUB", "₹": "INR"}
_PERCENT_WORDS = {"%", "percent", "per cent", "pc", "percentage"}
_NUMERIC = re.compile(r"^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_NUMERIC_SCALED = re.compile(r"^([-+]?\d+(?:\.\d+)?)(k|m|mn|bn|tn)$", re.IGNORECASE)
_NOT_UNITS = {"PRON", "DET", "NUM", "ADP", "PUNCT", "CCONJ", "SCONJ", "PART", "AUX", "VERB"}
#: Number words that are not quantities in these contexts ("no one", "one another").
_PRONOUN_ONE = {("no", "one"), ("one", "another"), ("any", "one"), ("every", "one")}


@dataclass(frozen=True)
class Found:
    """A quantity before it becomes a records.Quantity dict."""

    start: int
    end: int
    value: float | int | None
    unit: str | None

    def as_dict(self, text: str) -> dict:
        return {"text": text[self.start : self.end], "value": self.value, "unit": self.unit,
                "start": self.start, "end": self.end}


def _tidy(value: float) -> float | int:
    """Whole numbers as int (114, not 114.0) so JSON reads naturally."""
    if abs(value - round(value)) < 1e-9:
        return int(round(value))
    return round(value, 6)


def _word_value(word: str) -> float | None:
    word = word.lower().strip()
    if word in _UNITS:
        return _UNITS[word]
    if word in _TENS:
        return _TENS[word]
    if "-" in word:
        left, _, right = word.partition("-")
        if left in _TENS and right in _UNITS and _UNITS[right] < 10:
            return _TENS[left] + _UNITS[right]
        if left in _UNITS and right in _PLURAL_FRACTIONS:  # "two-thirds"
            return _UNITS[left] * _PLURAL_FRACTIONS[right]
    if word in _FRACTIONS:
        return _FRACTIONS[word]
    if _NUMERIC.match(word):
        return float(word.replace(",", ""))
    scaled = _NUMERIC_SCALED.match(word)
    if scaled:
        return float(scaled.group(1)) * _SCALES[scaled.group(2).lower()]
    return None


def parse_number(text: str) -> float | int | None:
    """The value of a number phrase: "1,200" -> 1200, "twenty-five" -> 25, "2.5 million" -> 2500000.

    Word numbers combine the usual way ("three hundred forty-two thousand"); "a"/"an" counts as
    one before a scale or fraction ("a million", "a third"), "and" is skipped ("one hundred and
    five"). Anything unparseable gives None rather than a guess.
    """
    words = [w for w in re.split(r"\s+", text.strip().replace("per cent", "percent")) if w]
    words = [w for w in words if w.lower() not in {"and", "%", "percent"}]
    if not words:
        return None
    if len(words) > 2 and words[0].lower() in {"half", "quarter"} and words[1].lower() in {"a", "an"}:
        rest = parse_number(" ".join(words[1:]))  # "half a million"
        return _tidy(_FRACTIONS[words[0].lower()] * rest) if rest is not None else None
    total, current, seen = 0.0, 0.0, False
    for i, word in enumerate(words):
        low = word.lower()
        if low in {"a", "an"} and i == 0 and len(words) > 1:
            current, seen = 1.0, True
            continue
        if low in _SCALES and seen and low not in {"m", "k"}:
            scale = _SCALES[low]
            current = (current or 1.0) * scale
            if scale >= 1000:
                total, current = total + current, 0.0
            continue
        if low in {"half", "quarter", "third", "dozen"} and seen:  # "a third", "two dozen"
            current = (current or 1.0) * _FRACTIONS[low]
            continue
        value = _word_value(low)
        if value is None:
            return None
        current, seen = current + value, True
    return _tidy(total + current) if seen else None


def _is_number_token(token: Token) -> bool:
    """A token that starts or continues a number phrase."""
    low = token.lower_
    if token.tag_ in {"JJ", "RB"} and low not in _FRACTIONS:
        return False
    if low in _FRACTIONS:
        followed_by_number_or_of = token.i + 1 < len(token.doc) and token.nbor(1).lower_ in {"of", "a", "an"}
        return (token.pos_ in {"NOUN", "NUM"} or followed_by_number_or_of) and not _is_ordinal_fraction(token)
    if low in _PLURAL_FRACTIONS:
        return token.i > 0 and token.nbor(-1).text == "-"
    return _word_value(low) is not None or (token.like_num and token.pos_ == "NUM" and low not in {"first", "second"})


def _is_ordinal_fraction(token: Token) -> bool:
    """"third" and "quarter" are fractions only after a number or "a" ("a third", "two thirds")."""
    if token.lower_ not in {"third", "quarter"}:
        return False
    prev = token.nbor(-1) if token.i > token.sent.start else None
    return not (prev is not None and (prev.lower_ in {"a", "one"} or prev.like_num))


def _number_runs(span: Span) -> Iterable[tuple[int, int]]:
    """Token index ranges of consecutive number words ("two million", "twenty - five")."""
    i = span.start
    while i < span.end:
        token = span.doc[i]
        if not _is_number_token(token) or token.lower_ in {"and", "a", "an"}:
            i += 1
            continue
        j = i + 1
        while j < span.end:
            nxt = span.doc[j]
            if nxt.lower_ in _SCALES and nxt.lower_ not in {"m", "k"}:
                j += 1
            elif (nxt.lower_ in {"a", "an"} and span.doc[j - 1].lower_ in {"half", "quarter"} and j + 1 < span.end
                  and span.doc[j + 1].lower_ in _SCALES):
                j += 2  # "half a million"
            elif nxt.text == "-" and not span.doc[j - 1].whitespace_ and not nxt.whitespace_ and j + 1 < span.end:
                j += 2  # "twenty-five", "two-thirds": the tokenizer splits at the hyphen
            elif _is_number_token(nxt) and not nxt.text[0].isdigit() and not span.doc[j - 1].text[0].isdigit():
                j += 1
            elif nxt.lower_ == "and" and j + 1 < span.end and _is_number_token(span.doc[j + 1]) and span.doc[j - 1].lower_ in _SCALES:
                j += 1
            else:
                break
        yield i, j
        i = j


def _unit_for(tokens: list[Token], after: Token | None) -> str | None:
    """What the number counts: the noun it modifies, with its compounds, or the noun of "of ..."."""
    last = tokens[-1]
    head = last.head if last.dep_ in {"nummod", "quantmod", "compound"} else None
    if head is not None and head.i > last.i and head.pos_ in {"NOUN", "PROPN"}:
        start = last.i + 1
        return _clean_unit(last.doc[start : head.i + 1])
    for child in last.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [c for c in child.children if c.dep_ == "pobj" and c.pos_ in {"NOUN", "PROPN"}]
            if objects:
                return objects[0].text
    if after is not None and after.pos_ in {"NOUN", "PROPN"} and after.dep_ != "compound" and last.i + 1 == after.i:
        return after.text if after.pos_ == "NOUN" else None
    return None


def _clean_unit(tokens: Span) -> str | None:
    words = [t.text for t in tokens if t.pos_ not in _NOT_UNITS and t.lower_ not in _NOT_UNIT_WORDS]
    return " ".join(words) if words else None


def find_quantities(span: Span, skip: Iterable[tuple[int, int]] = ()) -> list[Found]:
    """Every quantity in ``span``, in text order; ``skip`` is char ranges (dates) to leave out."""
    doc = span.doc
    skipped = list(skip)
    found: list[Found] = []
    for i, j in _number_runs(span):
        tokens = list(doc[i:j])
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
        if any(start < e and s < end for s, e in skipped) or _is_pronoun_one(tokens):
            continue
        value = parse_number(doc[i:j].text)
        if value is None:
            continue
        unit: str | None = None
        before = doc[i - 1] if i > span.start else None
        after = doc[j] if j < span.end else None
        if before is not None and before.text in _CURRENCIES:
            start, unit = before.idx, _CURRENCIES[before.text]
        elif after is not None and after.lower_ in _PERCENT_WORDS:
            end, unit = after.idx + len(after), "percent"
        elif after is not None and after.lower_ == "per" and j + 1 < span.end and doc[j + 1].lower_ == "cent":
            end, unit = doc[j + 1].idx + len(doc[j + 1]), "percent"
        else:
            unit = _unit_for(tokens, after)
            if unit is not None and after is not None and after.lower_ in {"dollars", "euros", "pounds"}:
                unit = {"dollars": "USD", "euros": "EUR", "pounds": "GBP"}[after.lower_]
        found.append(Found(start, end, value, unit))
    return found


def _is_pronoun_one(tokens: list[Token]) -> bool:
    """"no one", "one another", "someone" style uses of "one" are not counts."""
    if len(tokens) != 1 or tokens[0].lower_ != "one":
        return False
    token = tokens[0]
    doc = token.doc
    prev = doc[token.i - 1].lower_ if token.i > 0 else ""
    nxt = doc[token.i + 1].lower_ if token.i + 1 < len(doc) else ""
    if (prev, "one") in _PRONOUN_ONE or ("one", nxt) in _PRONOUN_ONE:
        return True
    # "the one who", "this one": a pronoun, not a count.
    return prev in {"the", "this", "that", "which", "each"} or token.pos_ == "PRON"
