"""Descriptions as speakers: which named entity "the minister", "a WeWork spokesperson" or "the
news agency" stands for, when the text itself says so.

Three kinds of evidence, tried in order, each one a reader would accept without guessing:

1. *The title it was introduced with*: "the minister" is the nearest earlier entity introduced as
   a minister ("acting Justice Minister Alexander Konavalov", "Hill, a doctor,").
2. *The owner inside the description*: a spokesperson, office, statement or report speaks for the
   person, organization or country that owns it ("a WeWork spokesperson", "Nadia Cruz's office",
   "The Wrap's report", "the US military", "a spokesman for the State Department"). The news
   guidelines (corpus/news-gold/GUIDELINES.md) name the organization as the speaker in such cases;
   a people's adjective before a state's voice ("the Jordanian government") names the country.
   Only these voice nouns: "Trump's lawyer" is another person, and "a Minnesota ad agency" is not
   Minnesota.
3. *The name's own head noun*: "the news agency" after "Xinhua News Agency", "the bank" after
   "the World Bank": the nearest earlier organization whose name ends in the description's noun.

Anything else ("the company", "the German automaker") stays unresolved: the nearest-organization
guess measured more wrong than right on the real-news gold.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ...normalize import countries
from .context import entity_covering
from .cues import is_heading

#: Nouns whose owner is the one speaking: a voice or a document of a person, body or country.
VOICE_NOUNS = frozenset({
    "spokesperson", "spokesman", "spokeswoman", "spokespeople", "spokesmen", "spokeswomen",
    "representative", "office", "statement", "report", "paper", "study", "release", "website",
    "account", "military", "government", "ministry", "department", "administration", "campaign",
})
#: Entity types that can own a voice noun.
OWNER_TYPES = frozenset({"PERSON", "ORG", "COUNTRY"})
#: The dependency relations by which an owner attaches to the voice noun.
_OWNER_DEPS = frozenset({"compound", "poss", "nmod", "amod"})
#: How far ahead (characters) a lead's description may be named ("A transit chief says ..."
#: then "Police Chief Ed Alvarez told reporters").
CATAPHOR_WINDOW = 1000
#: How far back (characters) "the statement" may point to "a statement".
_EARLIER_WINDOW = 800
#: How far back (characters) an organization named by its head noun may be.
_NAME_HEAD_WINDOW = 1500


def owner_of(head: Token, span: Span, entities: list[dict]) -> dict | None:
    """The entity that owns a voice noun: a modifier or possessive inside the description, or the
    object of its "for", "of", "from", "by" or "in" ("a spokesman for the State Department", "a
    report in the Argus Leader")."""
    if head.lemma_.lower() not in VOICE_NOUNS and head.lower_ not in VOICE_NOUNS:
        return None
    owners: list[Token] = [t for t in span if t.i < head.i and t.dep_ in _OWNER_DEPS and t.head.i == head.i]
    if any(t.dep_ == "poss" and t.pos_ == "NOUN" for t in owners):
        return None  # "Bolivia's public defender's office": the defender owns it, not Bolivia
    for prep in head.rights:
        if prep.dep_ == "prep" and prep.lower_ in ("for", "of", "at", "from", "by", "in"):
            owners.extend(c for c in prep.children if c.dep_ == "pobj")
    for owner in owners:
        found = entity_covering(entities, owner.idx, owner.idx + len(owner.text), OWNER_TYPES)
        if found is not None:
            return found
    for owner in owners:
        named = _unlisted_name(owner, entities)
        if named is not None:
            return {"id": None, "type": "ORG", "name": named, "mentions": []}
    return _state_of(head, owners, entities)


#: Voice nouns of a state: "the Jordanian government" speaks for Jordan.
_STATE_VOICES = frozenset({"government", "military", "ministry", "administration"})


def _state_of(head: Token, owners: list[Token], entities: list[dict]) -> dict | None:
    """"The Jordanian government", "the Afghan military": one people's adjective before a state's
    voice noun names the country (the guidelines' speaker for "the US military" too); two ("the
    Russian and Syrian defense ministries") name no single speaker."""
    if head.lemma_.lower() not in _STATE_VOICES:
        return None
    adjectives = [t for t in owners if t.dep_ == "amod" and countries.is_demonym(t.text)]
    if len(adjectives) != 1 or any(c.dep_ == "conj" for c in adjectives[0].children):
        return None
    code = countries.demonym_code(adjectives[0].text)
    if code is None:
        return None
    for entity in entities:
        if entity.get("type") == "COUNTRY" and entity.get("country_code") == code:
            return entity
    name = countries.country_name(code)
    return {"id": None, "type": "COUNTRY", "name": name, "mentions": []} if name else None


def _unlisted_name(token: Token, entities: list[dict]) -> str | None:
    """A proper name the entity stage did not list ("a report in the Argus Leader"), when nothing
    marks it as a place or a date: its compound words and itself."""
    if token.pos_ != "PROPN" or token.ent_type_ not in ("", "ORG", "PERSON"):
        return None
    start = min([token.i] + [c.i for c in token.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"])
    words = token.doc[start : token.i + 1]
    if any(int(m["start"]) < words.end_char and words.start_char < int(m["end"])
           for ent in entities for m in ent.get("mentions", [])):
        return None  # listed as something that cannot own a voice (a place, a product)
    return words.text


def introduces(head: Token) -> bool:
    """A description that introduces someone rather than pointing back: "a transit chief",
    "Austria's interior minister" (a possessive of a place or body), not "the minister"."""
    dets = [c for c in head.children if c.dep_ in ("det", "poss")]
    return any(d.lower_ in ("a", "an") or (d.dep_ == "poss" and d.pos_ == "PROPN") for d in dets)


def earlier_voice(head: Token) -> Token | None:
    """For "the statement said": the nearest earlier "statement" in the text, within a few
    sentences, which may say whose it is ("the US military said in a statement"). Only a definite
    voice noun points back; "a statement said" introduces a new one."""
    if head.lemma_.lower() not in VOICE_NOUNS or not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
        return None
    doc, lemma = head.doc, head.lemma_.lower()
    for token in reversed(doc[max(0, head.i - 120) : head.i]):
        if token.lemma_.lower() == lemma and head.idx - token.idx <= _EARLIER_WINDOW:
            return token
    return None


def voice_subject(token: Token) -> Token | None:
    """The subject of the verb a voice noun hangs on: "the US military said in a statement"."""
    prep = token.head
    if token.dep_ != "pobj" or prep.dep_ != "prep" or prep.head.pos_ not in ("VERB", "AUX"):
        return None
    return next((c for c in prep.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def named_by_head(head: Token, before: list[tuple[int, int, object]], pos: int) -> object | None:
    """The nearest earlier organization whose name ends in the description's own noun ("the news
    agency" -> Xinhua News Agency). ``before`` yields (start, end, ref) nearest first."""
    word = head.lower_
    if not head.is_lower or len(word) < 3:
        return None
    for start, _, ref in before:
        if pos - start > _NAME_HEAD_WINDOW:
            break
        if ref.type == "ORG" and ref.name.lower().split()[-1:] == [word]:
            return ref
    return None


def title_words(doc: Doc, start: int, end: int) -> set[str]:
    """Lower-cased lemmas of the words that introduce a mention: its modifiers and appositions."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return set()
    root = span.root
    words: set[str] = set()
    for token in root.subtree:
        if token.i < span.start and token.i >= root.left_edge.i and token.i > span.start - 8:
            words.add(token.lemma_.lower())
    for child in root.children:
        if child.dep_ == "appos" and not is_heading(root):  # a dateline's words are not its title
            words.update(t.lemma_.lower() for t in child.subtree if t.i - child.i < 8)
    if root.dep_ == "appos" or (root.head.dep_ in ("nsubj", "nsubjpass") and root.dep_ == "appos"):
        head = root.head
        words.add(head.lemma_.lower())
        words.update(t.lemma_.lower() for t in head.lefts)
    return words
