"""Speakers found by word order where the parse gives a cue no subject: the name right after
the verb ('," said Skelly') and the noun phrase right before it ('Reid, the minority leader,
said'), past asides, brackets and appositions.
"""

from __future__ import annotations

from spacy.tokens import Token

from .cues import aside_dash


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
