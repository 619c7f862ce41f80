"""The grammatical subject of a cue verb (``subject_of``).

"Hill read a statement, saying ..." and "Hill smiled and said ..." both report Hill: the rules
climb from participles, conjuncts and infinitives to the clause that has a subject, and correct
the parser's common slips (a name compounded with a time, a dateline taken for the subject, a
statement issued in someone's name).
"""

from __future__ import annotations

from spacy.tokens import Token

from .cues import RELATIVE_TAGS, SUBJECT_DEPS, is_heading, is_people, is_reporting, lexicon, may_voice
from .nearby_names import preceding_subject

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
            # 'said study co-author Anezina Solomonidou': the tokenizer split "co-author" and the
            # parser made "co" a subject too; a subject that names a person or body wins
            subjects = [c for c in subjects if c.ent_type_ in ("PERSON", "ORG")] or subjects
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
                and current.i > 0 and (set_off_by_comma(current) or _joined_in_time(current))):
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
            if (noun.dep_ == "pobj" and noun.head.lower_ in ("on", "in") and noun.head.head.pos_ == "VERB"
                    and lexicon().is_speech(noun.head.head)):
                # 'Swift posted on Twitter accusing Big Machine ...': the participle hung on the
                # medium adds to the posting, whose subject speaks
                current = noun.head.head
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


def set_off_by_comma(token: Token) -> bool:
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


def past_heading(subject: Token) -> Token | None:
    """The subject itself, or for a dateline the parser took for the subject ('WASHINGTON --
    President Obama, dedicating ..., said', 'RANGOON, Burma - Aung San Suu Kyi's allies
    predicted') the words set off after it; the last ones after an agency ('CLEVELAND, July 19
    (UPI) — Michael Mukasey told')."""
    if not is_heading(subject):
        return subject
    return next((c for c in reversed(list(subject.children)) if c.dep_ == "appos" and c.i > subject.i
                 and c.pos_ in ("PROPN", "NOUN")), None)
