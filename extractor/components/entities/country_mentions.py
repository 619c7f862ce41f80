"""Countries named inside the name of a government body ("US" in "US State Department").
"""

from __future__ import annotations

from spacy.tokens import Doc

from ...normalize import countries
from .base import Lexicons, Mention, _is_capitalised


def nested_countries(doc: Doc, mentions: list[Mention], lex: Lexicons) -> list[Mention]:
    """The country named at the front of a government body: "US" in "US State Department".

    The body stays one ORG; the country gets a mention of its own inside it, so "US", "USA" and
    "the United States" all link to one country. Only for names ending in a generic
    institution word (department, ministry, embassy ...): "USA Today" is a newspaper.
    """
    out: list[Mention] = []
    for m in mentions:
        span = m.span(doc)
        if m.type != "ORG" or len(span) < 2 or span[-1].lower_ not in lex.generic_heads:
            continue
        for size in range(min(3, len(span) - 1), 0, -1):
            found = countries.lookup(span[:size].text)
            if found and _is_capitalised(span[size]):
                out.append(Mention(m.start, m.start + size, type="COUNTRY", label="GPE", source="nested", code=found.code))
                break
    return out
