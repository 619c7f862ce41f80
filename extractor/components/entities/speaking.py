"""Whether a name speaks: the subject of a reporting verb, or right before or after one.

A name that speaks is a person or an organisation on any page, whatever its words look like, so
the entity decision reads this as a feature (:mod:`.features`) and never drops such a name
(:func:`.decision.protected`).
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Span

from ...resources import load_json
from .base import _word_near

_SPEECH_FORMS = frozenset({"said", "says", "told", "tells", "added", "adds", "declared", "wrote", "writes", "explained", "asked", "replied"})


@cache
def _speech_lemmas() -> frozenset[str]:
    """The reporting verbs of ``models/speech_verbs.json`` (shared with the quote stage)."""
    data = load_json("speech_verbs.json")
    return frozenset(v.lower() for v in (*data["speech"], *data["direct_only"]))


def speaker_role(span: Span) -> str | None:
    """How the mention names someone who speaks, if it does: the subject of a reporting verb
    ("the League denounced ... and said"), the name right before one ("Smith said") or right
    after one ("said Ellis"). Such a name is a person or an organisation, not a product or a
    place, on any page; without this evidence the model judged a speaker in a short text by
    article-level statistics it does not have."""
    lemmas = _speech_lemmas()
    root = span.root
    if root.dep_ in ("nsubj", "nsubjpass") and root.head.pos_ in ("VERB", "AUX"):
        verbs = [root.head, *(c for c in root.head.children if c.dep_ == "conj" and c.pos_ == "VERB")]
        if any(v.lemma_.lower() in lemmas for v in verbs):
            return "subject"
    if root.dep_ == "nsubj" and _subject_of_bare_root(root, lemmas):
        return "subject"
    doc = span.doc
    nxt = _word_near(doc, span.end, 1)
    if nxt in _SPEECH_FORMS:
        return "before"
    if _word_near(doc, span.start - 1, -1) in _SPEECH_FORMS:
        return "after"
    return None


def _subject_of_bare_root(subject, lemmas: frozenset[str]) -> bool:
    """"Mr. Grant - in a passage ... - declared that ...": the parser hung the subject on a word
    of the aside; the sentence's reporting verb, left without a subject, is still its verb."""
    if subject.head.pos_ in ("VERB", "AUX"):
        return False
    verb = subject.sent.root
    return (verb.i > subject.i and verb.pos_ == "VERB" and verb.lemma_.lower() in lemmas
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children))
