"""Names in the rows of results and standings tables: "Hajduk 2 Proleter (Z) 0", "BOSTON 69 66 .511 6 1/2".

Sports pages list teams in rows with no sentence around them, so spaCy's NER (trained on
prose) misses or mistypes most of them, and the sentence features of the entity decision say
little. The shape of the row says a lot: a name, a score, a name, a score is a result; a name
followed by three or more numbers is a standings row. On CoNLL-2003 train, 921 of 936 names in
result rows and 986 of 1,072 in standings rows are organizations (national sides are places,
golf and athletics tables list people, a company's accounts list line items), so the row is
evidence for the learned decision to weigh, not a type: :mod:`.features` adds it as a feature
and offers the row's names as candidates the rules did not find.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

#: A word of a name: capitalised, a short code in brackets ("Mladost (L)"), or a small joiner.
_WORD = r"(?:[A-Z][\w'.&-]*|\([A-Z][A-Za-z]{0,3}\)|de|del|der|la|of|van|von|and|&)"
_NAME = rf"[A-Z][\w'.&-]*(?: {_WORD})*"
#: A cell of a standings row: a count, a percentage (".511"), a fraction ("1/2") or a dash.
_CELL = r"(?:\d+(?:\.\d+)?|\.\d+|\d+/\d+|-)"
_RESULT = re.compile(rf"(?P<a>{_NAME}) \d+ (?P<b>{_NAME}) \d+")
_STANDING = re.compile(rf"(?P<a>{_NAME})(?: {_CELL}){{3,}}")


def row_names(doc: Doc) -> dict[tuple[int, int], str]:
    """Token spans (start, end) of the names in table rows, each with its row kind."""
    out: dict[tuple[int, int], str] = {}
    pos = 0
    for line in doc.text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        row = line.rstrip()
        if sum(ch.isdigit() for ch in row) < 2:
            continue
        for kind, pattern in (("result", _RESULT), ("standing", _STANDING)):
            found = pattern.fullmatch(row)
            if not found:
                continue
            for group in ("a", "b"):
                if found.groupdict().get(group):
                    span = doc.char_span(start + found.start(group), start + found.end(group))
                    if span is not None:
                        out[(span.start, span.end)] = kind
            break
    return out
