"""Who a cue reports (``speaker_of``): its subject, a passive agent, the words between a
quotation and its verb, or a name next to it. Also whether a cue's subject was spoken to rather
than speaking ('Asked whether ..., Johnson demurred') and the source of 'according to X'.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from .cues import RELATIVE_TAGS, SUBJECT_DEPS, is_relative_clause, is_reporting, lexicon
from .nearby_names import inverted_subject, preceding_subject
from .subjects import past_heading, set_off_by_comma, subject_of


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
        return (subject is not None and set_off_by_comma(verb) and verb.head.i < subject.i < verb.i
                and is_reporting(verb.head) and inverted_subject(verb.head) == subject)
    if verb.tag_ != "VBN":
        return False
    return not any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)


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
