"""One type per name across the article (see :func:`_unify_types`).

spaCy tags the same name differently in different sentences; a reader never would, so the
mentions of a name vote, with the rules' decisions and spaCy's known habits weighing in.
"""

from __future__ import annotations

from spacy.tokens import Doc
from .base import Lexicons, Mention, norm_key, _is_acronym


def _unify_types(doc: Doc, mentions: list[Mention], lex: Lexicons) -> None:
    """One name, one type per article: a rule's decision for a name applies to all its mentions.

    - A one-word name tagged ORG (even only some of the time) that is the first or last word of
      a person's full name in the same article is that person ("Ivan Petrov ... Petrov said");
      so is one tagged as a place that is a person's surname ("John Kasich ... Kasich said",
      which spaCy often reads as a place at the start of a sentence). A place that is only a
      first name stays a place ("Charlotte" beside a bogus person "Charlotte Mayor").
    - "Kommersant" tagged PERSON in one sentence and found after "newspaper" in another is an
      ORG in both (a rule's type wins).
    - A PERSON followed by "reported" becomes an ORG only if no mention of the name is used like
      a person's (a title before it, or its last word standing alone as a PERSON).
    - Otherwise a name ending in an institution word ("Green Party", "Black Caucus") is an
      organisation, and spaCy's votes decide the rest, knowing its habits: a name tagged both
      PERSON and ORG is a person (it tags surnames ORG far more often than it tags organisations
      PERSON); one tagged both ORG and GPE is a place ("Lisbon" in a headline); other ties go
      to the place.
    """
    groups: dict[str, list[Mention]] = {}
    for m in mentions:
        if m.type in {"PERSON", "ORG", "LOCATION"} and not m.generic and not m.head_of:
            groups.setdefault(norm_key(m.span(doc).text), []).append(m)
    single_persons = {norm_key(m.span(doc).text) for m in mentions if m.type == "PERSON" and m.end - m.start == 1}
    full_names = [m.span(doc) for m in mentions if m.type == "PERSON" and m.end - m.start >= 2]
    name_parts = {norm_key(span[i].text) for span in full_names for i in (0, -1)}
    surnames = {norm_key(span[-1].text) for span in full_names}
    for key, group in groups.items():
        strong_types = {m.type for m in group if m.strong}
        one_word = all(m.end - m.start == 1 for m in group)
        if not strong_types and one_word and (
                (key in name_parts and any(m.type == "ORG" for m in group))
                or (key in surnames and any(m.type == "LOCATION" for m in group)
                    and not _is_acronym(group[0].span(doc).text))):
            new_type = "PERSON"
        elif len(strong_types) == 1:
            new_type = strong_types.pop()
        elif any(m.weak_org for m in group) and not _used_as_person(doc, group, key, single_persons, lex):
            new_type = "ORG"
        elif len({m.type for m in group}) > 1 and not strong_types:
            new_type = "ORG" if key.split()[-1] in lex.generic_heads else _vote([m.type for m in group])
        else:
            continue
        for m in group:
            if m.type != new_type:
                m.type = new_type
                m.label = "GPE" if new_type == "LOCATION" else new_type


def _vote(types: list[str]) -> str:
    """The type of a name spaCy tagged inconsistently (see :func:`_unify_types`)."""
    kinds = set(types)
    if kinds == {"PERSON", "ORG"}:
        return "PERSON"
    if kinds == {"ORG", "LOCATION"}:
        return "LOCATION"
    priority = {"LOCATION": 2, "PERSON": 1, "ORG": 0}
    return max(kinds, key=lambda k: (types.count(k), priority[k]))


def _used_as_person(doc: Doc, group: list[Mention], key: str, single_persons: set[str], lex: Lexicons) -> bool:
    last = key.split()[-1]
    if len(key.split()) > 1 and last in single_persons:
        return True
    return any(m.start > 0 and doc[m.start - 1].lower_.rstrip(".") in lex.titles for m in group)
