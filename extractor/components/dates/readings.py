"""Readings of an expression that its own words cannot settle but the words right after it can.

The normalizer sees only the expression ("the year"); the component sees the sentence. "the year"
alone is the current year ("a high for the year", "his first interception of the year"), but
"the year ended Sept. 30" or "the fiscal year ending June 30" names a twelve-month period by its
end, which TimeML (TimeBank) writes as the length P1Y.
"""

from __future__ import annotations

import re

from spacy.tokens import Span

from extractor.normalize.timex import Timex

_THE_YEAR = re.compile(r"^the (?:(?:fiscal|financial|calendar|full) )?year$")
#: Words after "the year" that make it a period named by its end ("the year ended Aug. 31").
_PERIOD_BY_END = frozenset({"ended", "ending", "ends", "closing", "closed", "through", "thru"})


def year_by_its_end(span: Span, timex: Timex) -> Timex:
    """P1Y for "the year ended/ending <date>"; the normalizer's value otherwise."""
    if timex.type != "DATE" or not _THE_YEAR.match(" ".join(span.text.lower().split())):
        return timex
    following = span.doc[span.end].lower_ if span.end < len(span.doc) else ""
    if following in _PERIOD_BY_END:
        return Timex("P1Y", "DURATION", "duration", timex.mod)
    return timex


def year_in_apposition(found: list[tuple[Span, Timex]]) -> list[tuple[Span, Timex]]:
    """"in 2010, the year the court ruled": "the year" renames the year just written, so it takes
    that year's value rather than the current year."""
    out = list(found)
    for i in range(1, len(out)):
        span, timex = out[i]
        prev_span, prev = out[i - 1]
        if not _THE_YEAR.match(" ".join(span.text.lower().split())):
            continue
        between = span.doc[prev_span.end:span.start]
        if len(between) == 1 and between[0].text == "," and prev.value and re.fullmatch(r"\d{4}", prev.value):
            out[i] = (span, Timex(prev.value, "DATE", "year", timex.mod))
    return out


def is_award_title(span: Span) -> bool:
    """"Person of the Year", "Time's Man of the Year": the words name an award, not a time.

    Only the capitalized form mid-sentence is taken as a title; "the best player of the year" is a
    time (this year)."""
    text = " ".join(span.text.split())
    if text not in ("the Year", "The Year") or span.start < 2:
        return False
    of, head = span.doc[span.start - 1], span.doc[span.start - 2]
    return of.lower_ == "of" and head.text[:1].isupper() and not head.is_sent_start


_BARE_PLURAL = re.compile(r"^(?:years|months|weeks|decades|centuries)$")
#: Words before a bare plural that make it a length of time: "for years", "over decades",
#: "after years of debate", "hit by months of protests".
_LENGTH_LEADS = frozenset({"for", "over"})
_OF_LEADS = frozenset({"after", "by", "of", "from", "with", "despite", "through", "amid", "following", "suffered",
                       "endured", "spent", "took", "takes"})


def is_vague_length(span: Span) -> bool:
    """A bare plural unit that the sentence makes a length of time (PXY, PXM ...): "for years",
    "after years of debate". Alone ("years") it is too often part of something else to keep."""
    if not _BARE_PLURAL.match(span.text.lower()) or span.start == 0:
        return False
    before = span.doc[span.start - 1].lower_
    after = span.doc[span.end].lower_ if span.end < len(span.doc) else ""
    return before in _LENGTH_LEADS or (before in _OF_LEADS and after == "of")
