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
