"""Speaker resolution: from the subject of a cue to one of the article's entities.

A name links to the entity that has that mention; "he"/"she"/"it"/"they" to the entity the
learned ranker (``ranker``) scores highest among those named before, with a person's gender
from honorifics, first names or the article's own pronouns (the nearest compatible entity when
the model file is absent); a description ("the minister", "a WeWork spokesperson") to the
entity ``descriptions`` finds evidence for in the text.
Mentions inside quotations are never antecedents: a name the speaker utters is not the speaker.
When nothing fits, the mention is kept and the name left empty rather than guessed.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from ...spans import doc_text
from ..entities.base import title_words
from . import descriptions, ranker
from .cues import aside_dash
from .entity_index import EntityIndex, EntityRef
from .gender import org_pronouns, pronoun_gender

_MENTION_DEPS = frozenset({"compound", "flat", "amod", "det", "poss", "nmod", "nummod", "case"})


@dataclass
class Resolved:
    """A speaker: the entity (if any), the mention next to the cue, and how it was resolved."""

    entity: EntityRef | None
    mention: tuple[int, int] | None
    resolution: str
    name: str | None = None

    def as_dict(self, text: str) -> dict:
        mention = None
        if self.mention is not None:
            s, e = self.mention
            mention = {"start": s, "end": e, "text": text[s:e]}
        name = self.entity.name if self.entity else self.name
        return {
            "entity_id": self.entity.id if self.entity else None,
            "name": name,
            "mention": mention,
            "resolution": self.resolution,
        }

    @property
    def known(self) -> bool:
        return self.entity is not None or self.name is not None


def mention_span(token: Token) -> tuple[Token, Span]:
    """The words that name a source, around its syntactic head; appositions of a title win.

    "deputy spokesman ..., Robert Palladino, explained" names Palladino; "Hugh Hill, a doctor,
    said" names Hill.
    """
    doc = token.doc
    if token.pos_ == "NUM":
        # a share of people ('About 4 in 10', 'one in four'): the whole number phrase
        return token, doc[token.left_edge.i : token.right_edge.i + 1]
    if token.pos_ == "NOUN":
        token = _named_apposition(token) or token
    if token.ent_type_ and token.ent_iob_ != "O":
        for ent in doc.ents:
            if ent.start <= token.i < ent.end:
                return token, _trim_possessive(ent)
    if token.pos_ == "PRON":
        return token, doc[token.i : token.i + 1]
    left = token.i
    for child in token.lefts:
        if child.dep_ in _MENTION_DEPS or child.pos_ in ("PROPN", "ADJ", "NOUN"):
            left = min(left, child.left_edge.i)
    right = token.i + 1
    for child in token.rights:
        if child.dep_ in ("flat", "compound") and child.i == right:
            right = child.i + 1
    dash = next((t.i for t in reversed(doc[left : token.i]) if aside_dash(t)), None)
    if dash is not None and not any(t.ent_type_ == "PERSON" for t in doc[left:dash]):
        left = dash + 1  # 'RANGOON, Burma - the president's allies': a dateline folded in ends at its dash
    while left < token.i and doc[left].is_punct:
        left += 1
    if token.pos_ == "PROPN":
        # a name no entity covers is its run of proper nouns: 'Band member Rook' names Rook and
        # 'The We Company' the We Company, as the entity stage would have written them; a proper
        # owner belongs to it ('the U.S. Attorney's Office')
        run = token.i
        while run > left and (doc[run - 1].pos_ == "PROPN"
                              or (doc[run - 1].tag_ == "POS" and run - 2 >= left and doc[run - 2].pos_ == "PROPN")):
            run -= 1
        left = run
        if token.lower_ in _BODY_HEADS:
            # '... Office for the Western District of New York': the body's name runs on
            for child in token.rights:
                if child.dep_ == "prep" and child.lower_ in ("of", "for") and child.i == right and all(
                        t.pos_ in ("PROPN", "DET", "ADP", "CCONJ") for t in doc[child.i + 1 : child.right_edge.i + 1]):
                    right = child.right_edge.i + 1
    return token, doc[left:right]


#: Heads of a body's name that an "of" or "for" phrase continues ("Office of the Director of
#: National Intelligence", "Ministry of Defence", "Association of Flight Attendants").
_BODY_HEADS = frozenset({"office", "ministry", "department", "agency", "bureau", "commission", "committee",
                         "council", "board", "authority", "administration", "association", "federation",
                         "union", "institute", "foundation", "society", "alliance", "coalition", "league",
                         "organization", "organisation", "university", "college", "academy", "court", "chamber",
                         "center", "centre", "bank"})


def _named_apposition(noun: Token) -> Token | None:
    """The name set off after a title: the parser often hangs it on the title's last noun
    ("spokesman for the State Department, Robert Palladino,"), so look through the whole phrase.
    An organization's name counts only set off after the noun itself ("WeWork's parent company,
    The We Company, announced"): deeper in the phrase it is an affiliation.
    A name inside a clause hung on the noun is not its apposition ("The company, ..., confirmed
    that it had been contacted by the office of the NYAG, Letitia James" parsed with "confirmed"
    as a clause of "company"), unless it closes the subject (``_closes_subject``)."""
    named = None
    for token in noun.subtree:
        if token.dep_ != "appos" or token.pos_ != "PROPN":
            continue
        if _closes_subject(token, noun) or (
                (token.ent_type_ in ("PERSON", "") or (token.ent_type_ == "ORG" and token.head.i == noun.i))
                and not _through_clause(token, noun)):
            named = token
    return named


def _closes_subject(name: Token, noun: Token) -> bool:
    """The name is set off by commas right before the subject's verb ("The company that runs the
    AMAs, Dick Clark Productions, denies"): it names the subject, wherever the parser hung it."""
    doc, verb = noun.doc, noun.head
    end = name.right_edge.i
    return (noun.dep_ in ("nsubj", "nsubjpass") and end + 2 == verb.i and doc[end + 1].text == ","
            and name.left_edge.i > 0 and doc[name.left_edge.i - 1].text == ",")


def _through_clause(token: Token, top: Token) -> bool:
    """A verb stands between ``token`` and its ancestor ``top``."""
    while token.i != top.i and token.head.i != token.i:
        token = token.head
        if token.i != top.i and token.pos_ in ("VERB", "AUX"):
            return True
    return False


def _trim_possessive(span: Span) -> Span:
    end = span.end
    while end > span.start + 1 and span.doc[end - 1].lower_ in ("'s", "’s", "'", "’"):
        end -= 1
    return span.doc[span.start : end]


#: Relative pronouns: "officials who said ..." names the officials.
_RELATIVE = frozenset({"who", "that", "which", "whom"})
#: Entity labels that never name a source (a misparsed "Saturday, Warren said").
_NOT_SOURCES = frozenset({"DATE", "TIME"})


def _is_age_noun(token: Token) -> bool:
    """'said the 46-year-old': an age with a determiner stands for a person, though tagged a date."""
    return token.lower_ == "old" and any(c.dep_ == "det" for c in token.children)


def antecedent(token: Token) -> Token:
    """The noun a relative pronoun stands for ('commentators who suggested' -> commentators)."""
    verb = token.head
    if token.lower_ in _RELATIVE and token.dep_ in ("nsubj", "nsubjpass") and verb.dep_ == "relcl":
        return verb.head
    return token


def resolve(token: Token, index: EntityIndex) -> Resolved | None:
    """Resolve the subject token of a cue to a speaker; None when the token cannot name one.

    A relative pronoun is resolved through the noun it stands for, but the mention stays the
    pronoun itself: the words next to the cue. When that noun is a description no entity stands
    behind ("a headline that said ..."), the description becomes the name, since "that" alone
    tells a reader nothing.
    """
    noun = antecedent(token)
    if noun is not token:
        resolved = resolve(noun, index)
        if resolved is not None:
            if resolved.resolution == "description" and not resolved.known and resolved.mention is not None:
                resolved.name = doc_text(token.doc)[resolved.mention[0] : resolved.mention[1]]
            resolved.mention = (token.idx, token.idx + len(token.text))
        return resolved
    if token.ent_type_ in _NOT_SOURCES and not _is_age_noun(token):
        return None
    head, span = mention_span(token)
    mention = (span.start_char, span.end_char)
    if head.pos_ == "PRON":
        return _resolve_pronoun(head, mention, index)
    entity = index.at(head.idx, head.idx + len(head.text))
    if entity is not None:
        return Resolved(entity, mention, "explicit")
    if head.pos_ == "PROPN" and not _title_alone(head, span):
        return Resolved(None, mention, "explicit", name=span.text)
    surname = _surname_alone(head, span, index)
    if surname is not None:
        return Resolved(surname, mention, "explicit")
    return Resolved(_described(head, span, index), mention, "description")


def _title_alone(head: Token, span: Span) -> bool:
    """'one neo-bank CEO': a title with no name beside it describes someone; 'The Hollywood
    Reporter' ends in a title word but is a name."""
    return head.lower_.rstrip(".") in title_words() and not any(t.pos_ == "PROPN" for t in span if t.i != head.i)


def _surname_alone(head: Token, span: Span, index: EntityIndex) -> EntityRef | None:
    """A capitalized word alone that is the surname of the one person the article named with it
    ("Derek Scissors ... Scissors, who consults with officials, said"): the tagger reads such a
    surname as a common noun and the entity stage drops it, but a reader knows who it is."""
    if len(span) != 1 or not head.text[:1].isupper() or head.text.isupper():
        return None
    ref = index.by_last_word(head.text)
    return ref if ref is not None and ref.type == "PERSON" else None


def _described(head: Token, span: Span, index: EntityIndex) -> EntityRef | None:
    """The entity a description stands for, by the evidence ``descriptions`` accepts, else None."""
    entity = index.by_title(span.start_char, head.lemma_.lower())
    if entity is not None:
        return entity
    doc = head.doc
    owner = descriptions.owner_of(head, span, doc._.entities or [])
    if owner is not None:
        return _as_ref(owner, index)
    if descriptions.introduces(head):
        entity = index.by_title_after(span.end_char, head.lemma_.lower())
        if entity is not None:
            return entity
    earlier = descriptions.earlier_voice(head)
    if earlier is not None:
        _, earlier_span = mention_span(earlier)
        owner = descriptions.owner_of(earlier, earlier_span, doc._.entities or [])
        if owner is not None:
            return _as_ref(owner, index)
        subject = descriptions.voice_subject(earlier)
        if subject is not None and subject.i != head.i:
            resolved = resolve(subject, index)
            if resolved is not None and resolved.entity is not None:
                return resolved.entity
    return descriptions.named_by_head(head, list(index.before(span.start_char)), span.start_char)


def _as_ref(owner: dict, index: EntityIndex) -> EntityRef:
    """An entity of the entity stage as a speaker: the index's own reference when it has one."""
    first = owner["mentions"][0] if owner["mentions"] else None
    known = index.at(int(first["start"]), int(first["end"])) if first else None
    return known or EntityRef(id=owner.get("id"), type=owner["type"], name=owner["name"])


#: Pronouns that never name a source ("what they call ...", "there is said to be ...").
_NOT_SPEAKER_PRONOUNS = frozenset({"what", "whatever", "there"})


def _is_expletive(token: Token) -> bool:
    """'It is worth noting that ...', 'it was revealed that ...': an 'it' subject of 'be', or of a
    passive verb with a clausal complement, stands for no one."""
    if token.lower_ != "it":
        return False
    if token.dep_ == "nsubj":
        return token.head.lemma_ == "be"
    return token.dep_ == "nsubjpass" and any(c.dep_ == "ccomp" for c in token.head.children)


def _resolve_pronoun(token: Token, mention: tuple[int, int], index: EntityIndex) -> Resolved | None:
    word = token.lower_
    if word in _NOT_SPEAKER_PRONOUNS or _is_expletive(token):
        return None
    kind = ranker.PRONOUN_KINDS.get(word)
    if kind is not None and ranker.available():
        anaphor = ranker.Anaphor(mention[0], mention[1], kind)
        entity, _ = ranker.choose(index, index.layout(), anaphor, ranker.types_for(kind))
        return Resolved(entity, mention, "pronoun")
    gender = pronoun_gender(word)
    if gender is not None:
        return Resolved(index.by_pronoun(token.idx, gender), mention, "pronoun")
    if word in org_pronouns():
        entity = None
        for start, _, ref in index.before(token.idx, limit=4):
            if ref.type == "ORG" and token.idx - start < 400:
                entity = ref
                break
        return Resolved(entity, mention, "pronoun")
    return Resolved(None, mention, "pronoun")
