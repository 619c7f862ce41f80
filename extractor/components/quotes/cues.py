"""Speech cues on the dependency parse: which verb reports a quote, and who its subject is.

The lexicon lives in ``models/speech_verbs.json`` (data, not code) so that editors can add
verbs without touching the rules. Every rule here looks only at a token's immediate syntactic
neighbourhood, so cue detection is linear in the length of the document.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Span, Token

from ...resources import load_json

#: Dependency labels of a subject.
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
#: Labels through which a participle or conjoined cue borrows the subject of its head
#: ("..., saying", "and added", "went on to say").
CLIMB_DEPS = frozenset({"advcl", "xcomp", "conj", "acl", "pcomp", "dep"})
#: Labels of a preposition or predicative adjective between a cue and the verb that has its subject.
_BRIDGE_DEPS = frozenset({"prep", "acomp"})
#: Verbs whose subject is the author of their object: 'X released a statement saying ...'.
_ISSUING_VERBS = frozenset({"release", "issue", "send", "post", "publish", "put", "give", "deliver", "make", "write", "air", "run", "file", "fire",
                            "unveil", "launch", "approve", "pass", "adopt", "circulate", "distribute", "produce", "sign",
                            "place", "plant", "blast"})
#: Verbs that get their object to speak ('leaving some to question ...', 'prompted him to say ...').
_MAKES_SOMEONE_SPEAK = frozenset({"leave", "drive", "prompt", "lead", "force", "cause", "spur", "move", "inspire"})
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


def subject_of(verb: Token, max_climb: int = 5) -> Token | None:
    """The grammatical subject of a cue verb, climbing from participles and conjuncts to their head.

    "Hill read a statement, saying ..." and "Hill smiled and said ..." both report Hill. A
    relative clause ("Hill, who said ...") reports the noun it modifies.
    """
    shown = _shown_speaker(verb)
    if shown is not None:
        return shown
    current = _clause_before_participle(verb) or verb
    for _ in range(max_climb + 1):
        subjects = [_past_contraction(c) for c in current.children
                    if c.dep_ in SUBJECT_DEPS and c.pos_ != "PUNCT" and not c.is_quote]
        if subjects:
            # two subjects are a parser slip ('The four "loopholes" ... are "...," The Hill
            # reported'): the one next to the verb is the real one
            if any(c.dep_ == "ccomp" and c.i > current.i for c in current.children):
                # 'Sanders, whose coalition ..., said closed primaries -- ... -- deny ...': with the
                # content after the verb, a subject after it is the content's
                subjects = [c for c in subjects if c.i < current.i] or subjects
            subject = min(subjects, key=lambda c: abs(c.i - current.i))
            if current.dep_ == "relcl" and subject.tag_ in RELATIVE_TAGS and (issuer := _issuer(current.head)) is not None:
                current = issuer  # 'Paul released a Web video that accuses ...': the issuer says it
                continue
            if subject.pos_ == "NOUN" and not may_voice(subject):
                # 'Neither Kasich nor Rubio has won a state and Cruz suggested ...': the parser
                # joined the name to the object before it; a state suggests nothing
                subject = next((c for c in subject.rights if c.dep_ == "conj" and may_voice(c)), subject)
            elif subject.pos_ in ("PROPN", "NOUN") and not subject.ent_type_:
                # 'Sirius XM Vice President for news and talk Dave Gorab called ...': the parser
                # joined the name to the title it follows; the name right before the verb speaks
                subject = next((c for c in subject.rights if c.dep_ == "conj" and c.ent_type_ == "PERSON"
                                and c.right_edge.i == current.i - 1), subject)
            if _is_time_noun(subject) or subject.ent_type_ in ("DATE", "TIME"):
                # 'Broaddrick Sunday night recounted ...': the name the parser compounded with the time;
                # 'Saturday at the convention Sen. Elizabeth Warren (D-MA) said ...': the name right
                # before the verb, which the parser hung on the place
                subject = next((c for c in subject.lefts if c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN"
                                and c.ent_type_ not in ("DATE", "TIME")), None) or _name_before(current) or subject
            # a dateline gives way to the words set off after it; an all-capital headline stays
            return past_heading(subject) or subject
        if (current.dep_ in ("acl", "relcl") and current.tag_ == "VB" and current.head.dep_ in ("dobj", "attr", "pobj")
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in current.children)
                and (above := _verb_above(current.head)) is not None):
            # 'taking pains to say ...', 'held a briefing to brag that ...', 'went out of his way
            # to say ...': the infinitive's doer is whoever takes the pains or goes out of the way
            current = above
            continue
        if current.dep_ == "relcl":
            return current.head
        if current.dep_ == "conj" and (named := _apposed_name_before(current)) is not None:
            # 'it wasn't an accident — Brendan Buck, a spokesman for Ryan, told POLITICO': the parser
            # made the name an apposition of what precedes and the verb a conjunct of the first verb
            return named
        if (current.dep_ == "conj" and _is_complement(current.head) and is_reporting(current)
                and is_reporting(current.head.head)):
            # 'he said the attacks helped and said that ...': the parser hangs the second cue
            # inside the first content; its subject is the first cue's, not the content's. Not
            # after a cleft ('It was ... that Khan pulled out a copy and offered ...': Khan's)
            current = current.head.head
            continue
        if (absolute := _absolute_subject(current) or _name_read_as_modal(current)) is not None:
            return absolute
        if (current.dep_ == "advcl" and current.tag_ == "VBG" and current.head.dep_ in ("ccomp", "pcomp")
                and current.i > 0 and (_set_off_by_comma(current) or _joined_in_time(current))):
            if is_reporting(current.head.head):
                # 'Lewandowski said that the candidate was not contradicting himself, noting that ...',
                # 'Gore insisted it was premature while adding, "..."': the participle set off after a
                # content adds to the report, not to the content
                current = current.head.head
                continue
            # 'he hedged on whether he would support her, telling MSNBC ...', 'She was adamant that
            # she keep the upper hand, telling Keyworth ...': it adds to the main clause too, when
            # that clause's subject is someone
            main = current.head.head
            above = subject_of(main, max_climb=2) if main.i < current.i else None
            if above is not None and (above.pos_ == "PRON" or above.ent_type_ in ("PERSON", "ORG")) and above.tag_ not in RELATIVE_TAGS:
                return above
        if current.dep_ == "acl" and current.tag_ == "VBG" and current.head.pos_ in ("NOUN", "PROPN"):
            # "a letter announcing ...", "polls showing ...": the noun the participle modifies,
            # unless someone issued it: "she released a statement saying ..." reports her
            noun = current.head
            if (issuer := _issuer(noun)) is not None:
                current = issuer
                continue
            if noun.dep_ == "dobj" and noun.head.pos_ == "VERB" and lexicon().is_speech(noun.head):
                current = noun.head  # 'the senator emailed supporters saying ...': the sender speaks
                continue
            if (noun.dep_ == "pobj" and (noun.lemma_.lower() in lexicon().occasions or _is_time_noun(noun))
                    and noun.head.head.pos_ in ("VERB", "AUX")):
                # '... she said at a news conference announcing that', 'he has battled with the
                # council, at one point calling the mayor a "liar"': the doer of the verb above
                current = noun.head.head
                continue
            if noun.dep_ == "dobj" and noun.head.pos_ == "VERB" and not may_voice(noun):
                # 'Trump made a third attempt to deflect the criticism, writing on Twitter that ...':
                # an attempt writes nothing; the parser hung the participle on the object
                current = noun.head
                continue
            return noun
        if current.dep_ in ("xcomp", "advcl") and current.head.lemma_.lower() in _MAKES_SOMEONE_SPEAK:
            # 'leaving some to question whether ...', 'drives the candidate to say ...': the
            # object of the verb above does the reporting, not that verb's subject; a participle
            # the parser made adverbial ('has left 62 percent of voters saying ...') only when the
            # object is people ('left the room, saying ...' is the subject's)
            obj = next((c for c in current.head.children if c.dep_ == "dobj" and c.i < current.i), None)
            if obj is not None and (current.dep_ == "xcomp" or is_people(obj)):
                return obj
        if current.dep_ == "parataxis" and current.head.tag_ == "VBG" and current.head.i < current.i:
            # 'Sen. Durbin, noting the size of his following, said, "..."' parsed with the participle
            # as the sentence's verb and 'said' beside it: the participle's subject says it
            current = current.head
            continue
        if current.dep_ == "conj" and (nearer := _nearer_conjunct_subject(current)) is not None:
            return nearer
        if (current.dep_ == "pcomp" and current.tag_ == "VBG" and current.head.head.pos_ == "NOUN"
                and (above := _opening_phrase_verb(current)) is not None):
            # 'In addition to stating that ..., Clinton has vowed to ...': the gerund in an opening
            # phrase is done by the subject of the verb the phrase leads into
            current = above
            continue
        if current.dep_ in CLIMB_DEPS and current.head.i != current.i:
            current = current.head
            continue
        if current.head.i == current.i:
            # 'Trump summed up Clinton as "terrible," denounced her record and said ...' with the
            # first verb of the series parsed as an unmarked adverbial clause: its subject is theirs
            first = next((c for c in current.lefts if c.dep_ == "advcl" and c.pos_ == "VERB"
                          and not any((g.dep_ == "mark" or g.tag_ == "WRB") and g.i < c.i for g in c.children)), None)
            subject = next((g for g in first.children if g.dep_ == "nsubj"), None) if first is not None else None
            if subject is not None:
                return subject
        if current.dep_ == "prep" and current.head.pos_ == "ADV" and current.head.head.pos_ in ("VERB", "AUX"):
            current = current.head.head  # 'he refuses to ..., aside from saying ...'
            continue
        if (current.dep_ == "prep" and current.head.pos_ == "NOUN" and current.head.dep_ == "dobj"
                and current.head.head.pos_ == "VERB"):
            # 'Trump has offered few ideas for easing debt aside from stating ...': the gerund's
            # doer is whoever has the ideas, the subject of the verb that takes them
            current = current.head.head
            continue
        if current.dep_ in _BRIDGE_DEPS and current.head.i != current.i and current.head.pos_ in ("VERB", "AUX"):
            # "after saying ..., Hill left" (pcomp -> prep -> verb); "voters are likely to say"
            # (xcomp -> acomp -> verb): the subject of the verb the phrase hangs on
            current = current.head
            continue
        return None
    return None


def _clause_before_participle(verb: Token) -> Token | None:
    """The verb of the clause a comma closes before a participle the parser made the subject of
    what follows: in 'Hollande said Tuesday, noting the nominee "makes you want to retch"' and
    'Flea shared the news, writing "Feels great ..."' the participle adds to 'said' and 'shared'."""
    if verb.tag_ != "VBG" or verb.dep_ not in ("nsubj", "csubj") or verb.head.i < verb.i or verb.i == 0:
        return None
    comma = verb.doc[verb.i - 1]
    if comma.text != "," or comma.head.i >= comma.i or comma.head.pos_ not in ("VERB", "AUX"):
        return None
    return comma.head


def _issuer(noun: Token) -> Token | None:
    """The verb by which someone issued a thing that speaks for them ('released a video')."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "to":
        # 'sent a text message to supporters saying ...': the parser hangs the participle on the
        # addressees; the thing sent is what says it
        sent = next((c for c in noun.head.head.children if c.dep_ == "dobj" and c.i < noun.i), None)
        noun = sent if sent is not None else noun
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in _ISSUING_VERBS and noun.lemma_.lower() in lexicon().issued_media:
        return noun.head
    return None


def _name_read_as_modal(verb: Token) -> Token | None:
    """'," Will wrote.': the columnist's name read as the modal; a modal takes a bare verb, so
    before a past or present-tense form it is a name."""
    if verb.tag_ == "VB" or verb.i == 0:
        return None
    word = verb.doc[verb.i - 1]
    return word if word.text == "Will" and word.dep_ == "aux" and word.head.i == verb.i else None


def _absolute_subject(verb: Token) -> Token | None:
    """'The interview ended with Maddow asking Clinton whether ...', 'an interview about Pope Francis
    calling Christmas a sham': the parser hangs the participle on the main verb and its subject on
    'with' or 'about'; the one named right before it speaks."""
    if verb.dep_ != "advcl" or verb.tag_ != "VBG" or verb.i == 0:
        return None
    noun = verb.doc[verb.i - 1]
    if noun.dep_ != "pobj" or noun.head.lower_ not in ("with", "about"):
        return None
    return noun if is_people(noun) or noun.pos_ == "PROPN" else None


def _nearer_conjunct_subject(verb: Token) -> Token | None:
    """The subject of the conjunct right before a subjectless one: the parser hangs every verb of
    'A group called for a boycott, and the League denounced his rhetoric and said ...' on the
    first, but 'said' shares the subject of 'denounced', the verb it is joined to."""
    before = [c for c in verb.head.children if c.dep_ == "conj" and c.i < verb.i]
    if not before:
        return None
    nearest = max(before, key=lambda c: c.i)
    return next((c for c in nearest.children if c.dep_ in SUBJECT_DEPS and c.pos_ != "PUNCT"), None)


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


def _verb_above(noun: Token, max_climb: int = 3) -> Token | None:
    """The verb an object noun hangs from, through prepositions ('went out of his way')."""
    token = noun
    for _ in range(max_climb):
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            return token
        if token.dep_ not in ("prep", "pobj", "pcomp", "advmod") or token.head.i == token.i:
            return None
    return None


def _opening_phrase_verb(gerund: Token) -> Token | None:
    """The verb after the comma that closes the prepositional phrase a gerund sits in."""
    phrase = gerund
    while phrase.head.pos_ not in ("VERB", "AUX") and phrase.head.i != phrase.head.head.i and gerund.i - phrase.i < 6:
        phrase = phrase.head
    verb = phrase.head
    after = phrase.right_edge.i + 1
    if verb.pos_ not in ("VERB", "AUX") or phrase.dep_ != "prep" or after >= verb.i or verb.doc[after].text != ",":
        return None
    return verb


def _set_off_by_comma(token: Token) -> bool:
    """A comma right before the word, also inside a closing quotation mark ('... together," suggesting')."""
    i = token.i - 1
    while i > 0 and token.doc[i].is_quote:
        i -= 1
    return i >= 0 and token.doc[i].text == ","


def _joined_in_time(participle: Token) -> bool:
    """'while adding', 'before noting': a participle that a time conjunction ties to what comes before."""
    return any(c.dep_ == "mark" and c.lower_ in ("while", "before", "after") and c.i == participle.i - 1
               for c in participle.children)


#: Nouns that place a participle in time ('at one point calling ...', 'at the same time saying ...').
_TIME_NOUNS = frozenset({"point", "time", "moment", "stage", "juncture", "day", "night", "week", "month", "year",
                         "morning", "afternoon", "evening", "end", "start", "outset", "beginning"})


def _is_time_noun(noun: Token) -> bool:
    return noun.pos_ == "NOUN" and (noun.lemma_.lower() in _TIME_NOUNS or noun.ent_type_ in ("DATE", "TIME"))


def _is_complement(clause: Token) -> bool:
    """A clausal complement, also when the parser misread its 'that' and made it an adverbial clause
    ('Trump tweeted that Machado was "disgusting" and encouraged ...')."""
    return clause.dep_ == "ccomp" or (clause.dep_ == "advcl" and any(
        c.lower_ == "that" and c.i < clause.i for c in clause.children))


def _apposed_name_before(verb: Token) -> Token | None:
    """A person or organisation the parser hung as an apposition right before a verb without subject."""
    found = preceding_subject(verb)
    if found is not None and found.dep_ == "appos" and found.ent_type_ in ("PERSON", "ORG") and found.i > verb.head.i:
        return found
    return None


def _name_before(verb: Token) -> Token | None:
    """A person or organisation named right before a verb (past a bracket or adverb)."""
    found = preceding_subject(verb)
    return found if found is not None and found.ent_type_ in ("PERSON", "ORG") else None


def _past_contraction(subject: Token) -> Token:
    """The word before a contraction the parser took for a subject: in "he’s said" and "who’ve
    said" the '’s' and '’ve' are tagged as verbs and made subjects; 'he' and 'who' speak."""
    if subject.dep_ == "csubj" or not (subject.tag_.startswith("VB") or subject.tag_ == "MD") or subject.i == 0:
        return subject
    before = subject.doc[subject.i - 1]
    return before if before.pos_ in ("PRON", "PROPN", "NOUN") else subject


def _shown_speaker(verb: Token) -> Token | None:
    """'footage of Hillary Clinton asking, "..."': a named person right before a participle cue,
    as the object of 'of', is who speaks in what is shown, whatever the parser attached it to."""
    if verb.tag_ != "VBG" or verb.i == 0 or any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        return None
    prev = verb.doc[verb.i - 1]
    if prev.ent_type_ == "PERSON" and prev.dep_ == "pobj" and prev.head.lower_ == "of":
        return prev
    return None


def is_reporting(token: Token) -> bool:
    """A speech verb or a frame verb of the lexicon."""
    lex = lexicon()
    return lex.is_speech(token) or (token.pos_ == "VERB" and token.lemma_.lower() in lex.verb_frames)


def inverted_subject(verb: Token) -> Token | None:
    """'"...," said Army Capt. Christian Pardo': the name right after the verb, when the parser
    did not label it a subject (it sometimes tags an unknown surname as an adverb: 'said Skelly')."""
    doc = verb.doc
    i = verb.i + 1
    while i < len(doc) and i <= verb.i + 2 and doc[i].pos_ in ("ADV", "PART") and not _looks_named(doc[i]):
        i += 1
    if i >= len(doc):
        return None
    token = doc[i]
    if token.ent_type_ in ("DATE", "TIME"):
        return None  # '," the nominee, Donald Trump, tweeted Sunday': when, not who
    if _looks_named(token):
        return token
    if token.pos_ not in ("PROPN", "NOUN", "PRON", "DET", "ADJ") and not (token.pos_ == "VERB" and token.dep_ == "amod"):
        return None  # a participle opens a title: 'said retired neurosurgeon Ben Carson'
    # climb to the head of the noun phrase that starts here
    while token.head.i != token.i and token.head.i > verb.i and token.dep_ in ("compound", "det", "amod", "poss", "nmod", "flat"):
        token = token.head
    if token.pos_ == "DET" and token.lower_ in _PRONOMINAL_DETS:
        return token  # '," tweeted another.'
    return token if token.pos_ in ("PROPN", "NOUN", "PRON") else None


#: Determiners that stand alone for a person ('added another', 'said one').
_PRONOMINAL_DETS = frozenset({"another", "one", "some", "others", "many", "both"})


def _looks_named(token: Token) -> bool:
    """A name the tagger mislabelled: inside a PERSON or ORG entity, or a capitalised mid-sentence word."""
    if token.ent_type_ in ("PERSON", "ORG"):
        return True
    return token.pos_ in ("ADV", "ADJ", "X") and token.is_title and not token.is_sent_start and token.is_alpha


def preceding_subject(verb: Token) -> Token | None:
    """The noun phrase just before a cue the parser gave no subject.

    'Senator Harry Reid, the minority leader, said that ...' is sometimes parsed with Reid hung
    elsewhere; the words before the verb still name the speaker. Stops at a quotation mark, so
    the content of a quote is never taken for its speaker.
    """
    doc = verb.doc
    i = verb.i - 1
    steps = 0
    while i >= 0 and steps < 4 and (doc[i].pos_ in ("ADV", "AUX", "PART") or doc[i].text in (",", ")") or aside_dash(doc[i])):
        if doc[i].is_quote:
            return None
        if aside_dash(doc[i]) and (opening := _opening_dash(doc[i])) is not None:
            # 'Mr. Bush - in a line that seemed aimed at Mr. Trump - declared': skip the aside
            i, steps = opening.i - 1, steps + 1
            continue
        if doc[i].text == ")":  # 'Rep. Elijah E. Cummings (D-Md.) said': skip the parenthesis
            j = i - 1
            while j >= 0 and i - j < 8 and doc[j].text != "(":
                j -= 1
            if j < 0 or doc[j].text != "(":
                return None
            i = j
        i, steps = i - 1, steps + 1
    if i >= 0 and doc[i].dep_ == "compound" and doc[i].head.i == verb.i:
        # 'Federal Election Commission records show': the parser broke the noun phrase and hung
        # its words on the verb; the name in it is the source
        while i >= 0 and doc[i].dep_ == "compound" and doc[i].pos_ != "PROPN":
            i -= 1
    if i < 0 or doc[i].is_quote or doc[i].sent.start != verb.sent.start:
        return None
    token = doc[i]
    if token.pos_ == "NUM" and token.head.i == verb.i and token.dep_ in ("nummod", "quantmod", "npadvmod"):
        return token  # 'About 4 in 10 say ...' with the share hung on the verb as its modifier
    if token.pos_ not in ("NOUN", "PROPN", "PRON") or (
            token.dep_ in ("pobj", "dobj", "attr", "npadvmod") and token.ent_type_ not in ("PERSON", "ORG")):
        # a name right before a verb left without subject is its subject all the same; other
        # words may end the apposition of a name ('Col. Warren, a spokesman in Baghdad, said')
        return _apposition_owner(token)
    if token.dep_ in ("pobj", "dobj"):
        # 'Brendan Buck, a spokesman for Ryan, told': the name that owns the apposition, not Ryan
        owner = _apposition_owner(token)
        if owner is not None:
            return owner
    while token.dep_ in ("compound", "flat") and token.i < token.head.i < verb.i:
        token = token.head
    if token.dep_ == "conj" and token.head.dep_ == "appos" and token.head.i < token.i:
        token = token.head  # 'Neil Sroka, director of Democracy for America, or DFA - ... - said'
    if token.dep_ == "appos" and token.head.i < token.i and token.ent_type_ != "PERSON":
        # 'Reid, the minority leader, said': the name the description stands beside; a name
        # itself stays ('... party convention Sen. Elizabeth Warren (D-MA) said' hangs it on 'convention')
        token = token.head
    return token


def aside_dash(token: Token) -> bool:
    """A dash that sets words off: an em or en dash, or a hyphen or double hyphen with spaces around it."""
    return token.text in ("—", "–") or (token.text in ("-", "--") and token.i > 0 and bool(token.doc[token.i - 1].whitespace_)
                                         and bool(token.whitespace_))


def _opening_dash(closing: Token, limit: int = 30) -> Token | None:
    """The dash that opens the aside a dash closes, in the same sentence."""
    start = max(closing.sent.start, closing.i - limit)
    return next((t for t in reversed(closing.doc[start : closing.i]) if aside_dash(t)), None)


def _apposition_owner(token: Token, max_climb: int = 6) -> Token | None:
    """The name whose apposition ends at ``token``: 'Marcel Lazar, 44,' and 'Col. Steven Warren,
    a military spokesman in Baghdad,' both end in words that cannot speak; when the parser hung
    the name elsewhere (on an opening phrase), the verb after them still has that name as speaker."""
    for _ in range(max_climb):
        head = token.head
        if head.i >= token.i:
            return None
        if token.dep_ == "appos" and (head.ent_type_ in ("PERSON", "ORG") or head.pos_ == "PROPN"):
            return head
        if token.dep_ == "relcl" and head.pos_ in ("NOUN", "PROPN") and head.dep_ not in ("pobj", "dobj"):
            # 'a White House official who spoke anonymously to discuss strategy said': the noun the
            # relative clause describes, when the parser hung it elsewhere
            return head
        token = head
    return None


def is_addressed(verb: Token) -> bool:
    """A passive 'ask'/'tell': its subject (or the subject it would borrow) was spoken to.

    The tagger often reads a bare participle as a past tense ('Asked what ..., Devine replied',
    '..., McCain said, asked about the vagueness'); with no subject or auxiliary of its own and
    hung on another verb, it is a participle all the same.
    """
    if verb.lemma_.lower() not in lexicon().addressed_when_passive:
        return False
    if verb.tag_ == "VBD":
        if verb.dep_ in ("advcl", "xcomp") and not any(
                c.dep_ in SUBJECT_DEPS or c.dep_ in ("aux", "auxpass") for c in verb.children):
            return True
        # '"...," said Ben Carson, asked about his claims': the parser made the name after the
        # cue the subject of the participle set off after it
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        return (subject is not None and _set_off_by_comma(verb) and verb.head.i < subject.i < verb.i
                and is_reporting(verb.head) and inverted_subject(verb.head) == subject)
    if verb.tag_ != "VBN":
        return False
    return not any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)


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


def past_heading(subject: Token) -> Token | None:
    """The subject itself, or for a dateline the parser took for the subject ('WASHINGTON --
    President Obama, dedicating ..., said', 'RANGOON, Burma - Aung San Suu Kyi's allies
    predicted') the words set off after it; the last ones after an agency ('CLEVELAND, July 19
    (UPI) — Michael Mukasey told')."""
    if not is_heading(subject):
        return subject
    return next((c for c in reversed(list(subject.children)) if c.dep_ == "appos" and c.i > subject.i
                 and c.pos_ in ("PROPN", "NOUN")), None)


def speaker_of(verb: Token, content_before: bool) -> Token | None:
    """Who a cue reports: its subject, a passive agent, or, when the parser found neither, the
    name after the verb (only when the content comes first: '"...," said Skelly') or the noun
    phrase right before it."""
    between = _after_quotation(verb) if content_before and passive_agent(verb) is None else None
    if between is not None:
        # '"What if ...?" the 43-year-old asked', '," a voice over says': the words between the
        # quotation and its cue name the speaker, whatever the parser made of them
        subject = subject_of(verb)
        if subject is None or not between.start <= subject.i < between.end:
            return next(t for t in between if not between.start <= t.head.i < between.end)
    if is_addressed(verb) and between is None:
        return passive_agent(verb)  # 'Asked whether ..., Johnson demurred': the asker is not named
    found = subject_of(verb) or passive_agent(verb)
    if found is not None:
        found = past_heading(found)
    if found is None and (content_before or verb.is_sent_start):
        found = inverted_subject(verb)  # '"...," said Skelly' / 'Said Ellis: "..."'
    if (found is None and verb.tag_ == "VBG" and verb.dep_ in ("advcl", "conj") and verb.head.i < verb.i
            and is_reporting(verb.head) and subject_of(verb.head) is None):
        found = inverted_subject(verb.head)  # '"...," said Skelly, explaining he ...'
    return (found or _misparsed_relative_subject(verb) or preceding_subject(_open_complement_head(verb))
            or preceding_subject(_first_conjunct(verb)))


def _after_quotation(verb: Token, max_words: int = 6) -> Span | None:
    """A short noun phrase between a closing quotation mark and the verb right after it."""
    doc = verb.doc
    i = verb.i - 1
    while i >= 0 and verb.i - i <= max_words and not doc[i].is_quote:
        i -= 1
    if i < 0 or i == verb.i - 1 or not doc[i].is_quote:
        return None
    words = doc[i + 1 : verb.i]
    if any(t.pos_ in ("VERB", "AUX", "SCONJ", "CCONJ") or (t.is_punct and not _inner_hyphen(t)) or t.is_space for t in words):
        return None
    roots = [t for t in words if not words.start <= t.head.i < words.end]
    if not roots or roots[0].pos_ not in ("NOUN", "PROPN", "PRON", "ADJ") or not any(
            t.pos_ in ("NOUN", "PROPN", "PRON") for t in words):
        return None
    return words


def _inner_hyphen(token: Token) -> bool:
    """A hyphen inside a word ('43-year-old')."""
    return token.text == "-" and token.i > 0 and not token.doc[token.i - 1].whitespace_ and not token.whitespace_


def _first_conjunct(verb: Token) -> Token:
    """The first verb of a series ('Johnson also railed against immigrants, and explained ...'):
    when the parser left it without subject, the words before it name the subject of them all."""
    while verb.dep_ == "conj" and verb.head.i < verb.i:
        verb = verb.head
    return verb


def _open_complement_head(verb: Token) -> Token:
    """The verb an infinitive chain hangs from ('Lewandowski continued to assert'): the words
    before that verb, not before the infinitive, name the speaker."""
    while verb.dep_ == "xcomp" and verb.head.i < verb.i:
        verb = verb.head
    return verb


def _misparsed_relative_subject(verb: Token) -> Token | None:
    """A speaker whose long apposition the parser made a complement before the verb.

    'Sanders, who sits at zero endorsements, said ...' is parsed with the relative clause as a
    complement of 'said' that holds both 'Sanders' and 'who' as subjects; 'One attendee, who
    spoke on the condition of anonymity, said the message was ...' and 'Jeffrey Salkin, a rabbi
    helping to organize the boycott, said he ...' hang the subject inside such a complement while
    the verb has its real content after it. Either way the noun opening the complement speaks.
    """
    content_after = any(c.dep_ == "ccomp" and c.i > verb.i for c in verb.children)
    for child in verb.children:
        if child.dep_ == "ccomp" and child.i < verb.i:
            subjects = [g for g in child.children if g.dep_ == "nsubj"]
            if is_relative_clause(child):
                return next((g for g in subjects if g.tag_ not in RELATIVE_TAGS and g.i < child.i), None)
            if content_after:
                return next((g for g in subjects if g.left_edge.i == child.left_edge.i
                             and g.pos_ in ("PROPN", "NOUN")), None)
    return None


#: Tags of relative pronouns ('who', 'which', 'that' introducing a relative clause).
RELATIVE_TAGS = ("WP", "WDT")


def is_relative_clause(clause: Token) -> bool:
    """A clause whose subject is a relative pronoun ('who sits at zero endorsements'), whatever
    the parser labelled it: a description of a noun, never reported content."""
    return any(g.dep_ == "nsubj" and g.tag_ in RELATIVE_TAGS for g in clause.children)


def passive_agent(verb: Token) -> Token | None:
    """'... was told by Hill' / 'as reported by the Post': the agent noun."""
    for child in verb.children:
        if child.dep_ == "agent":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
    return None


def _deliverer(noun: Token) -> Token | None:
    """Who stands behind the thing a source is: 'according to a speech Mrs. Clinton delivered',
    'according to a tally by the Associated Press', 'according to data from the Census Bureau'."""
    if noun.pos_ == "NOUN" and noun.ent_type_ not in ("PERSON", "ORG", "NORP"):
        for acl in noun.rights:
            if acl.dep_ == "acl" and acl.tag_ == "VBN" and (agent := passive_agent(acl)) is not None:
                return agent  # 'according to a court document filed by state attorney Dave Aronberg'
        for prep in noun.rights:
            if prep.dep_ == "prep" and (prep.lower_ in ("by", "from")
                                        or (prep.lower_ == "with" and noun.lemma_.lower() in _TALKS)):
                author = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if author is not None and (author.pos_ in ("PROPN", "NOUN") if prep.lower_ == "with"
                                           else author.pos_ == "PROPN" or author.ent_type_ in ("PERSON", "ORG")):
                    return author
    if noun.lemma_.lower() not in lexicon().speech_nouns:
        return None
    for child in noun.children:
        if child.dep_ == "relcl":
            subject = next((c for c in child.children if c.dep_ == "nsubj"), None)
            if subject is not None and subject.tag_ not in RELATIVE_TAGS and (
                    subject.pos_ in ("PROPN", "PRON") or subject.ent_type_ in ("PERSON", "ORG")):
                return subject
    return None


#: 'according to interviews with a dozen party leaders': those interviewed are the source.
_TALKS = frozenset({"interview", "conversation", "discussion", "talk"})


def according_to(sent: Span) -> tuple[Token, Token, Token] | None:
    """('according', 'to', its object) when the sentence holds "according to X"."""
    for token in sent:
        if token.lower_ == "according" and token.i + 1 < sent.end:
            to = token.doc[token.i + 1]
            if to.lower_ != "to":
                continue
            obj = next((c for c in to.children if c.dep_ == "pobj"), None)
            if obj is None and to.i + 1 < sent.end:
                obj = token.doc[to.i + 1]
            if obj is not None:
                return token, to, _deliverer(obj) or obj
    return None
