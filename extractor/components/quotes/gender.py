"""A person's gender as the article gives it, for "he"/"she" speakers.

From a first name or an honorific the lexicons know (models/quote_people.json, and the first
names of models/first_names.json), else from the article's own pronouns after the person's
mentions. A wrong gender sends a pronoun to the wrong person, so the article's pronouns count
only when they never contradict each other.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from spacy.tokens import Doc

from ...resources import load_json

_MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
_FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})


@cache
def _people() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    data = load_json("quote_people.json")
    honor = {h: g for g, words in data["honorifics"].items() for h in words}
    # ~19,500 names from Faker's lists (models/first_names.json, make first-names), then the hand
    # list, which wins where the two differ: it was written for the names news quotes most
    common = load_json("first_names.json")
    names = {n: g for g in ("male", "female") for n in common[g]}
    names.update({n: g for g, words in data["first_names"].items() for n in words})
    return honor, names, dict(data["pronouns"])


@cache
def org_pronouns() -> frozenset[str]:
    """Pronouns that may stand for an organization ("it said", "they said")."""
    return frozenset(load_json("quote_people.json")["org_pronouns"])


def pronoun_gender(word: str) -> str | None:
    return _people()[2].get(word.lower())


def of_person(doc: Doc, text: str, ent: dict, inside_quote: Callable[[int], bool]) -> str | None:
    """The gender of a PERSON entity of the entity stage, or None when the text does not tell.
    ``text`` is ``doc.text``, which spaCy rebuilds on every access: the caller reads it once."""
    return _from_lexicon(text, ent) or _from_text(doc, ent, inside_quote)


def _from_lexicon(text: str, ent: dict) -> str | None:
    """The first name's gender, else the honorifics' when they agree. An entity the entity stage
    made of two people who share a surname ("Mr. Khan" and "Ms. Khan", "Mr. Clinton" and "Mrs.
    Clinton") has honorifics of both genders: then the lexicon does not tell, rather than the
    first one read deciding and the ranker's gender veto ruling out the person a "she" means."""
    honor, names, _ = _people()
    first = ent["name"].split()[0].lower() if ent["name"].split() else ""
    if first in names:
        return names[first]
    found = set()
    for m in ent.get("mentions", []):
        before = text[max(0, int(m["start"]) - 6) : int(m["start"])].strip().lower().split()
        if before and before[-1] in honor:
            found.add(honor[before[-1]])
    return found.pop() if len(found) == 1 else None


def _from_text(doc: Doc, ent: dict, inside_quote: Callable[[int], bool]) -> str | None:
    """The gender the article itself gives a person whose first name the lexicon does not know:
    the first personal pronoun after a mention, in the same sentence and outside quotations, with
    no other person named in between ("Taylor Swift has accused her former label"). Taken only
    when the article never contradicts it."""
    votes = {"male": 0, "female": 0}
    for m in ent.get("mentions", []):
        span = doc.char_span(int(m["start"]), int(m["end"]), alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        for token in doc[span.end : span.sent.end]:
            if token.ent_type_ == "PERSON" or inside_quote(token.idx):
                break
            word = token.lower_
            if word in _MALE_PRONOUNS or word in _FEMALE_PRONOUNS:
                votes["male" if word in _MALE_PRONOUNS else "female"] += 1
                break
    if votes["male"] and not votes["female"]:
        return "male"
    if votes["female"] and not votes["male"]:
        return "female"
    return None
