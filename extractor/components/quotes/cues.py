"""The cue lexicon and the word tests built on it.

Which verbs report speech lives in ``models/speech_verbs.json`` and which frames report beliefs,
intentions and evaluations in ``models/quote_frames.json`` (data, not code) so that editors can
add verbs without touching the rules. The tests here (negated, reporting, able to speak, a dash
that sets words off, a dateline) look only at a token's immediate syntactic neighbourhood, so
cue detection is linear in the length of the document.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Token

from ...resources import load_json

#: Dependency labels of a subject.
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
#: Auxiliary-like reporting constructions that are not reports ("is said to", "I'd say").
_NEGATIONS = frozenset({"not", "n't", "never"})


@dataclass(frozen=True)
class Lexicon:
    speech: frozenset[str]
    direct_only: frozenset[str]
    #: lemma -> relations whose dependent is attributed content (models/quote_frames.json)
    verb_frames: dict[str, tuple[str, ...]] = field(default_factory=dict)
    noun_frames: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: lemma -> relations of verb_frames that count only with a holder the article names
    named_holder_frames: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: raising verbs: 'X seems to ...' (active) and 'X is expected to ...' (passive)
    raising_active: frozenset[str] = frozenset()
    raising_passive: frozenset[str] = frozenset()
    #: verbs whose passive subject is the addressee ('was asked whether ...')
    addressed_when_passive: frozenset[str] = frozenset()
    #: things issued that speak for their author ('a statement saying ...')
    speech_nouns: frozenset[str] = frozenset()
    #: those and other things issued on someone's behalf ('released a video that said ...')
    issued_media: frozenset[str] = frozenset()
    #: verbs that put someone's words on a thing ('called the plan "a disaster"')
    naming: frozenset[str] = frozenset()
    #: where people speak ('at a news conference announcing ...')
    occasions: frozenset[str] = frozenset()
    #: communicative verbs whose content is a thing or an action ('cited the polls', 'called for ...')
    speech_acts: frozenset[str] = frozenset()

    def is_speech(self, token: Token) -> bool:
        """A reporting verb: a verb (not an auxiliary or noun) whose lemma is in the lexicon, or
        the idiom 'put it' ('as one strategist put it, "..."')."""
        if token.pos_ != "VERB" or _concedes(token):
            return False
        return token.lemma_.lower() in self.speech or _puts_it(token) or makes_clear(token) is not None

    def is_speech_act(self, token: Token) -> bool:
        """A reporting verb or a communicative act ('cited', 'called for'), reported through its frame."""
        return self.is_speech(token) or (token.pos_ == "VERB" and token.lemma_.lower() in self.speech_acts)

    def cues_indirect(self, token: Token) -> bool:
        return self.is_speech(token) and token.lemma_.lower() not in self.direct_only and not _puts_it(token)


def _concedes(token: Token) -> bool:
    """'That said, ...', 'That being said, ...', 'Having said that, ...': a phrase that opens a
    sentence to concede a point, not a report of anyone's words."""
    if token.lower_ != "said" or token.i == 0:
        return False
    doc = token.doc
    following = [t.lower_ for t in doc[token.i + 1 : token.i + 3]]
    opening = doc[token.i - 1]
    if opening.lower_ == "being" and token.i > 1:
        opening = doc[token.i - 2]
    if opening.lower_ == "having":
        return opening.is_sent_start and following in (["that", ","], ["this", ","])
    return opening.lower_ in ("that", "this") and opening.is_sent_start and following[:1] == [","]


def makes_clear(token: Token) -> Token | None:
    """The 'clear' of 'made (it) clear that ...', an idiom that reports like 'said'."""
    if token.lemma_.lower() != "make":
        return None
    return next((c for c in token.children if c.lower_ == "clear" and c.dep_ in ("ccomp", "oprd", "acomp", "xcomp")), None)


def _puts_it(token: Token) -> bool:
    """'put it': how someone phrased what is quoted next to it, a cue for quotations only."""
    return token.lemma_.lower() == "put" and any(c.dep_ == "dobj" and c.lower_ == "it" for c in token.children)


@cache
def lexicon() -> Lexicon:
    data = load_json("speech_verbs.json")
    speech = frozenset(v.lower() for v in data["speech"])
    frames = load_json("quote_frames.json")
    return Lexicon(
        speech=speech,
        direct_only=frozenset(v.lower() for v in data["direct_only"]) & speech,
        verb_frames=_by_lemma(_merged(frames["verbs"], frames["verbs_named_holder"])),
        named_holder_frames=_weak_only(frames["verbs"], frames["verbs_named_holder"]),
        noun_frames=_by_lemma(frames["nouns"]),
        raising_active=frozenset(frames["raising"]["active"]),
        raising_passive=frozenset(frames["raising"]["passive"]),
        addressed_when_passive=frozenset(v.lower() for v in data.get("addressed_when_passive", ())),
        speech_nouns=frozenset(v.lower() for v in data.get("noun_cues", ())),
        issued_media=frozenset(v.lower() for v in (*data.get("noun_cues", ()), *data.get("issued_media", ()))),
        naming=frozenset(v.lower() for v in data.get("naming", ())),
        occasions=frozenset(v.lower() for v in data.get("occasions", ())),
        speech_acts=frozenset(v.lower() for v in data.get("speech_acts", ())),
    )


def _merged(strong: dict[str, list[str]], weak: dict[str, list[str]]) -> dict[str, list[str]]:
    return {rel: list(strong.get(rel, [])) + list(weak.get(rel, [])) for rel in {**strong, **weak}}


def _weak_only(strong: dict[str, list[str]], weak: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
    """The (lemma, relation) frames listed only as needing a named holder: 'want' with a clause
    stays a frame of its own ('voters want him to ...' is in 'verbs'), 'want' with an object does not."""
    return _by_lemma({rel: [w for w in words if w not in strong.get(rel, [])] for rel, words in weak.items()})


def _by_lemma(relations: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
    """Invert {relation: lemmas} into {lemma: relations}, keeping the file's order of relations."""
    out: dict[str, list[str]] = {}
    for relation, lemmas in relations.items():
        for lemma in lemmas:
            out.setdefault(lemma.lower(), []).append(relation)
    return {lemma: tuple(rels) for lemma, rels in out.items()}


def is_negated(verb: Token) -> bool:
    """'did not say' reports no speech; a 'not' the parser hung on the verb from inside the
    quotation ('"Probably not," Ms. Moore said') does not count."""
    doc = verb.doc
    for c in verb.children:
        if c.dep_ == "neg" or c.lower_ in _NEGATIONS:
            lo, hi = sorted((c.i, verb.i))
            if not any(t.is_quote for t in doc[lo:hi]):
                return True
    return False


def is_reporting(token: Token) -> bool:
    """A speech verb or a frame verb of the lexicon."""
    lex = lexicon()
    return lex.is_speech(token) or (token.pos_ == "VERB" and token.lemma_.lower() in lex.verb_frames)


#: Things whose findings are reported like words: 'a poll showing ...', 'records show ...'.
EVIDENCE_NOUNS = frozenset({"poll", "survey", "study", "analysis", "data", "record", "result", "number", "figure",
                            "tally", "count", "census", "report", "review", "audit", "research", "sampling"})


def may_voice(noun: Token) -> bool:
    """A noun that can say or show something: people, a name, a thing issued in someone's name
    ('a statement', 'an ad') or evidence ('a poll')."""
    lemma = noun.lemma_.lower()
    return (is_people(noun) or noun.pos_ == "PROPN" or noun.ent_type_ in ("GPE", "WORK_OF_ART")
            or lemma in lexicon().issued_media or lemma in EVIDENCE_NOUNS or lemma in _BODIES)


#: Bodies that speak as one ('a Republican administration defending the idea that ...').
_BODIES = frozenset({"administration", "government", "campaign", "committee", "party", "group", "organization",
                     "team", "staff", "panel", "board", "council", "court", "agency", "department", "union",
                     "coalition", "company", "firm", "network", "lineup", "call"})


def is_people(noun: Token) -> bool:
    """A noun phrase that stands for people: a person or group entity, a share of them, a personal pronoun."""
    if noun.ent_type_ in ("PERSON", "NORP", "ORG", "PERCENT") or noun.pos_ == "PRON":
        return True
    if noun.lemma_.lower() in _PEOPLE_NOUNS:
        return True
    of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    member = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
    return member is not None and is_people(member)


#: Common nouns for people as a group ('left many voters wondering ...').
_PEOPLE_NOUNS = frozenset({"people", "voter", "american", "republican", "democrat", "supporter", "member", "resident",
                           "leader", "official", "critic", "analyst", "expert", "observer", "citizen", "worker",
                           "conservative", "liberal", "progressive", "delegate", "donor", "reader", "viewer",
                           "fan", "activist", "lawmaker", "candidate", "many", "some", "others", "few"})
#: Tags of relative pronouns ('who', 'which', 'that' introducing a relative clause).
RELATIVE_TAGS = ("WP", "WDT")


def is_relative_clause(clause: Token) -> bool:
    """A clause whose subject is a relative pronoun ('who sits at zero endorsements'), whatever
    the parser labelled it: a description of a noun, never reported content."""
    return any(g.dep_ == "nsubj" and g.tag_ in RELATIVE_TAGS for g in clause.children)


def aside_dash(token: Token) -> bool:
    """A dash that sets words off: an em or en dash, or a hyphen or double hyphen with spaces around it."""
    return token.text in ("—", "–") or (token.text in ("-", "--") and token.i > 0 and bool(token.doc[token.i - 1].whitespace_)
                                         and bool(token.whitespace_))


def is_heading(token: Token) -> bool:
    """A dateline or section heading the parser took for a subject: capitals at a sentence start,
    two words or more ('LOS ANGELES', 'THE BORROWING') or followed by '(AP)' or a dash."""
    doc = token.doc
    start = token.sent.start
    words = [t for t in doc[start : token.i + 1] if t.is_alpha]
    if not words or not all(t.is_upper for t in words) or any(not (t.is_upper or t.is_punct or t.is_space or t.like_num) for t in doc[start : token.i + 1]):
        return False
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    return len(words) >= 2 or (after is not None and (after.text in _DASHES or after.text == "(" or _dated(after)))


_DASHES = frozenset({"—", "–", "-", "--"})


def _dated(comma: Token) -> bool:
    """'CLEVELAND, July 19 (UPI) — ...', 'RANGOON, Burma - ...': after the place, a date, an agency
    or the country or state, then a dash."""
    if comma.text != ",":
        return False
    tail = comma.doc[comma.i + 1 : min(comma.i + 9, comma.sent.end)]
    dash = next((t.i for t in tail if t.text in _DASHES), None)
    if dash is None or dash == comma.i + 1:
        return False
    between = comma.doc[comma.i + 1 : dash]
    return (any(t.ent_type_ == "DATE" or t.text == "(" for t in between)
            or (len(between) <= 3 and all(t.pos_ == "PROPN" and t.is_title or t.is_punct for t in between)))
