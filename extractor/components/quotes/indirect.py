"""Reported speech: "X said (that) ...", "X told Y that ...", "..., X said.", "according to X, ...".

Each rule reads one sentence's parse: the content is the clausal complement of a reporting
verb, or, when the cue clause is set off by commas ("Therefore, Hill told the council, the
states ..."), the longest stretch of the sentence outside it. A reporting verb with no clause
("urged Congress to act", "criticized the plan") takes its content from its frame in
``models/quote_frames.json``, at the frame tier's lower confidence.

A second, lower-confidence tier covers what news attributes besides speech (beliefs,
intentions, evaluations): a verb or noun of ``models/quote_frames.json`` whose dependent of
the listed relation is the content ("X thinks ...", "X wants to ...", "X endorsed Clinton",
"X's proposal to ban ..."), and raising verbs whose subject and complement together are the
content, with no source unless an agent is given ("Trump is expected to win").
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from . import cues

#: Tokens trimmed from the edges of reported content.
_EDGE_WORDS = frozenset({"that"})
_MIN_CONTENT_TOKENS = 3


@dataclass
class Reported:
    """One piece of reported speech found on the parse."""

    start: int  # content characters
    end: int
    cue: Token | None
    cue_end: Token | None  # last token of a multi-word cue ("according to")
    subject: Token | None
    kind: str  # ccomp | parataxis | according | frame | raising
    pieces: list[tuple[int, int]] | None = None  # discontinuous content (raising verbs)
    named_holder: bool = False  # a loose frame: it counts only if the subject resolves to someone named
    negation: Token | None = None  # first word of a negated cue ('wouldn't say'), which the cue then starts with

    @property
    def tier(self) -> str:
        """'speech' for reported speech, 'frame' for beliefs, intentions and evaluations."""
        return "frame" if self.kind in ("frame", "raising") else "speech"


def find_reported(sent: Span, lexicon: cues.Lexicon, frames: bool = False) -> list[Reported]:
    """All reported-speech contents of one sentence; with ``frames``, the frame tier's too."""
    found: list[Reported] = []
    for token in sent:
        item = None
        negated = cues.is_negated(token)
        if lexicon.cues_indirect(token) and (frames or not negated):
            # what someone would not say is no quote, but it is a stance the article attributes
            # ('a spokesman wouldn't say when the Senate will vote'): with the frame tier only
            item = _from_complement(token, lexicon) or _from_parataxis(sent, token)
        if item is None and frames:
            item = _from_frame(token, lexicon) or _from_raising(token, lexicon)
        elif item is None and lexicon.is_speech_act(token) and not negated:
            # a speech act whose content is not a clause ('urged Congress to act', 'criticized
            # the plan', 'accused him of lying') is still speech: its frame, without the belief tier
            item = _from_frame(token, lexicon)
        if item is not None:
            if negated and item.cue is token:
                item.negation = _negation_start(token)  # 'did not endorse', "wouldn't say"
            found.append(item)
    according = cues.according_to(sent)
    if according is not None:
        item = _from_according(sent, *according)
        if item is not None:
            found.append(item)
    return found


def _negation_start(verb: Token) -> Token:
    """The first word of a negated verb group: 'would' of "wouldn't say", 'has' of 'has never said'."""
    neg = min((c for c in verb.children if c.dep_ == "neg" and c.i < verb.i), key=lambda c: c.i, default=None)
    if neg is None:
        return verb
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i == neg.i - 1]
    return aux[0] if aux else neg


def _subject(verb: Token) -> Token | None:
    return cues.speaker_of(verb, content_before=False)


def _from_complement(verb: Token, lexicon: cues.Lexicon) -> Reported | None:
    """'X said (that) ...': the verb's clausal complement."""
    # 'Sanders, who sits at zero endorsements, said that ...': the parser made the relative clause a
    # second complement; the content is the one after the verb that is not a relative clause
    clear = cues.makes_clear(verb)
    child = min(
        (c for c in verb.children if c.dep_ == "ccomp" and (clear is None or c.i != clear.i)),
        key=lambda c: (cues.is_relative_clause(c), c.i < verb.i),
        default=None,
    )
    if child is None and clear is not None:
        # 'made it clear that she did not view ...': the parser hangs the clause on 'clear'
        child = next((c for c in clear.rights if c.dep_ in ("ccomp", "advcl") and c.pos_ in ("VERB", "AUX")), None)
    if child is None:
        child = _gerund_subject_clause(verb) or _embedded_question(verb)
    if child is None:
        return _short_answer(verb) or _finding(verb)
    inverted = _inverted_in_the_middle(verb, child, lexicon)
    if inverted is not None:
        return inverted
    start = child.left_edge.i
    split = next((c for c in verb.children if c.dep_ == "dobj" and verb.i < c.i < child.i), None)
    if split is not None and verb.lemma_.lower() not in lexicon.addressed_when_passive:
        # 'Garin said his focus groups and other research show that ...': one says no one a
        # that-clause, so an object before it is the content's own subject, misparsed
        start = split.left_edge.i
    span = _trim(verb.doc, start, _complement_end(child, lexicon))
    if span is None or not _is_clause(span) or _inverted_attribution(verb, span):
        return None
    subject = _subject(verb)
    if span.start < verb.i < span.end - 1:
        return _around_cue(span, verb, subject, child)
    cue_end = clear if clear is not None and verb.i < clear.i < span.start else verb  # 'made it clear'
    return Reported(span.start_char, span.end_char, verb, cue_end, subject, "ccomp")


def _inverted_in_the_middle(verb: Token, child: Token, lexicon: cues.Lexicon) -> Reported | None:
    """'The contrast with Trump, said Doyle, would be clear': the parser takes the words before the
    set-off cue for its subject and the name after it for the complement's. The name speaks; the
    words on either side of 'said Doyle,' are the content."""
    doc = verb.doc
    subject = next((c for c in verb.lefts if c.dep_ == "nsubj"), None)
    name = next((c for c in child.lefts if c.dep_ == "nsubj" and c.left_edge.i == verb.i + 1), None)
    if subject is None or name is None or verb.i == 0 or doc[verb.i - 1].text != ",":
        return None
    after = _phrase_end(name) + 1
    while after < len(doc) and doc[after].is_punct and doc[after].text != ",":
        after += 1  # a closing bracket of '(D-Ohio)'
    if after >= len(doc) or doc[after].text != "," or name.pos_ not in ("PROPN", "NOUN", "PRON"):
        return None
    first = _trim(doc, subject.left_edge.i, verb.i, min_tokens=1)
    second = _trim(doc, after + 1, _complement_end(child, lexicon))
    if first is None or second is None or not _is_clause(second):
        return None
    return _in_two_pieces(first, second, verb, name, "ccomp")


def _around_cue(span: Span, verb: Token, subject: Token | None, child: Token) -> Reported | None:
    """A complement whose first words stand before its cue ('a system which he said has failed',
    'The attacks, he said, helped him'): the words on either side of the cue clause, not the cue."""
    doc = verb.doc
    lo = _cue_clause_start(span, verb, subject) if subject is not None and subject.i < verb.i else verb.i
    after_start = min((t.i for t in child.subtree if t.i > verb.i), default=span.end)
    before = _trim(doc, span.start, lo, min_tokens=1)
    after = _trim(doc, after_start, span.end)
    if after is None or not _is_clause(after):
        return None
    if before is None:
        return Reported(after.start_char, after.end_char, verb, verb, subject, "ccomp")
    return _in_two_pieces(before, after, verb, subject, "ccomp")


def _in_two_pieces(first: Span, second: Span, verb: Token, subject: Token | None, kind: str) -> Reported:
    """A content in two pieces, with its cue (or the raising verb) between them."""
    pieces = [(first.start_char, first.end_char), (second.start_char, second.end_char)]
    return Reported(first.start_char, second.end_char, verb, verb, subject, kind, pieces)


#: Verbs that report an answer: '72 percent of Democrats said yes', 'who said the same of Trump'.
_ANSWER_VERBS = frozenset({"say", "answer", "reply", "respond"})


def _short_answer(verb: Token) -> Reported | None:
    """A reported answer with no clause: 'yes', 'no', 'the same (of X)' right after the verb."""
    if verb.lemma_.lower() not in _ANSWER_VERBS or verb.i + 1 >= len(verb.doc):
        return None
    word = verb.doc[verb.i + 1]
    if word.lower_ == "the" and word.head.lower_ == "same" and word.head.head.i == verb.i:
        word = word.head
    elif not (word.lower_ in ("yes", "no") and word.head.i == verb.i):
        return None
    span = verb.doc[word.left_edge.i : word.right_edge.i + 1]
    return Reported(span.start_char, span.end_char, verb, verb, _subject(verb), "ccomp")


#: What a poll, a survey or records show or find: 'A new CNN/ORC poll shows Clinton and Sanders in a
#: dead heat' reports a finding with no clause.
_FINDING_VERBS = frozenset({"show", "find"})


#: Dependents of the verb after its object that still describe the finding.
_FINDING_TAIL = frozenset({"prep", "advcl", "xcomp", "oprd", "acomp", "advmod"})


def _finding(verb: Token) -> Reported | None:
    """'The latest poll shows Trump leading Clinton 44 percent to 37': the object is the finding."""
    if verb.lemma_.lower() not in _FINDING_VERBS:
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None and verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.i < verb.i:
        subject = verb.head  # 'polls showing her well behind'
    obj = next((c for c in verb.rights if c.dep_ == "dobj"), None)
    if subject is None or obj is None or subject.lemma_.lower() not in cues.EVIDENCE_NOUNS:
        return None
    # 'showed Mr. Trump with a 16-point lead': the parser hangs what the object has on the verb
    end = max((c.right_edge.i for c in verb.rights if c.i > obj.i and c.dep_ in _FINDING_TAIL), default=obj.right_edge.i)
    span = _trim(verb.doc, obj.left_edge.i, end + 1)
    if span is None:
        return None
    return Reported(span.start_char, span.end_char, verb, verb, subject if verb.dep_ == "acl" else _subject(verb), "ccomp")


def _inverted_attribution(verb: Token, content: Span) -> bool:
    """'"...," said Robert Reich, who served as labor secretary': the name after a verb that follows a
    quotation is its speaker, and what the parser hung on the verb describes them; no content."""
    i = verb.i - 1
    while i >= 0 and verb.doc[i].is_punct and not _is_quote(verb.doc[i]):
        i -= 1
    if i < 0 or not _is_quote(verb.doc[i]) or content.start != verb.i + 1:
        return False
    named = cues.inverted_subject(verb)  # 'said retired neurosurgeon Ben Carson, asked about ...'
    return named is not None and (named.pos_ == "PROPN" or named.ent_type_ in ("PERSON", "ORG"))


#: Verbs whose content is a question: 'asked workers if they planned to attend'.
_QUESTION_VERBS = frozenset({"ask", "wonder", "inquire", "question", "query"})


def _embedded_question(verb: Token) -> Token | None:
    """'asked workers if they planned to attend': the parser hangs an if/whether question on a
    verb of asking (or on the verb above it) as an adverbial clause, but it is what was asked.
    Only right after the verb, since 'If he wins, she asked, ...' sets a condition."""
    if verb.lemma_.lower() not in _QUESTION_VERBS:
        return None
    # 'when I asked Sanders if he would endorse her, he looked ...': the parser may hang the
    # question on the verb the asking clause hangs on, right after that clause
    after = [c for c in verb.head.children if c.left_edge.i == verb.right_edge.i + 1] if verb.head.i != verb.i else []
    return next((c for c in [*verb.rights, *after] if c.dep_ == "advcl" and c.pos_ in ("VERB", "AUX")
                 and any(m.dep_ == "mark" and m.lower_ in ("if", "whether") and m.i < c.i for m in c.children)), None)


def _gerund_subject_clause(verb: Token) -> Token | None:
    """'Gomez said seeing so many officers there was a welcome sight': the parser made the gerund
    subject an open complement of the verb and hung the clause's own verb under it."""
    child = next((c for c in verb.rights if c.dep_ == "xcomp" and c.tag_ == "VBG"), None)
    if child is None or not any(g.dep_ == "ccomp" and g.i > child.i for g in child.children):
        return None
    return child


def _complement_end(head: Token, lexicon: cues.Lexicon) -> int:
    """Where a complement ends: before a conjoined cue the parser hung inside it.

    In 'he said the attacks helped him and said that Trump ...' the second 'said' reports a
    content of its own, so the first content stops at 'and'.
    """
    for child in head.rights:
        if _second_cue(child):
            end = child.left_edge.i
            while end > head.i and (head.doc[end - 1].dep_ == "cc" or head.doc[end - 1].is_punct):
                end -= 1
            return end
    return head.right_edge.i + 1


#: Marks of a clause the writer sets against a report ('..., while others said ...').
_CONTRAST_MARKS = frozenset({"while", "whereas", "although", "though"})


def _second_cue(token: Token) -> bool:
    """A reporting verb the parser hung inside a content that reports a content of its own:
    '... and said that ...', '..., claiming that ...' (no subject of its own: it shares the cue's)."""
    if not cues.is_reporting(token):
        return False
    if any(c.dep_ in cues.SUBJECT_DEPS for c in token.children):
        # '..., while other voters said they had not heard ...': a report of someone else's that
        # the writer sets against the first, not part of it
        return token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _CONTRAST_MARKS for c in token.children)
    if token.dep_ == "conj":
        return True
    return token.dep_ == "advcl" and token.tag_ == "VBG" and token.i > 0 and token.doc[token.i - 1].is_punct


def _from_parataxis(sent: Span, verb: Token) -> Reported | None:
    """'The plan, Hill said, is dead.' / 'The plan is dead, Hill said.': the sentence outside the cue."""
    if verb.dep_ not in ("parataxis", "advcl", "conj", "ccomp") or verb.head.i == verb.i:
        return None
    # the subject next to the verb: the parser sometimes gives the cue a second one inside the
    # content ('... for people with like-minded ideas to organize, she said'); of two, the one set
    # off with the verb ('The new rules, said the mayor, will cost ...' gives 'said' both subjects)
    subjects = sorted((c for c in verb.children if c.dep_ in cues.SUBJECT_DEPS), key=lambda c: abs(c.i - verb.i))
    if not subjects and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        # 'As reported by Western Journalism, ...': the agent is the source
        subjects = [agent] if (agent := cues.passive_agent(verb)) is not None else []
    subject = next((c for c in subjects if _set_off(sent, verb, c)), None)
    if subject is None:
        return None
    # the parser sometimes hangs part of the content on the verb too
    lo = _cue_clause_start(sent, verb, subject)
    hi = max(verb.right_edge.i, subject.right_edge.i) + 1
    before = _trim(sent.doc, sent.start, lo, min_tokens=1)
    after = _trim(sent.doc, hi, sent.end)
    if before is not None and after is not None and not _is_clause(before) and _is_clause(after):
        # the cue interrupts its content between subject and verb ('The new rules, the mayor said,
        # will cost ...'): the content is both pieces
        return _in_two_pieces(before, after, verb, subject, "parataxis")
    if before is not None and len(before) < _MIN_CONTENT_TOKENS:
        before = None
    best = max((s for s in (before, after) if s is not None), key=len, default=None)
    if best is None or not _is_clause(best):
        return None
    return Reported(best.start_char, best.end_char, verb, verb, subject, "parataxis")


def _phrase_end(head: Token) -> int:
    """The last token of ``head``'s phrase, leaving out a comma after it that the parser hung on it
    ('As reported by Western Journalism,', 'said Doyle and others,')."""
    end = head.right_edge.i
    while end > head.i and head.doc[end].text == ",":
        end -= 1
    return end


def _cue_clause_start(sent: Span, verb: Token, subject: Token) -> int:
    """Where a cue clause starts: its subject or verb, with the verb's small words before them
    ('as Hill also said', 'As Purple PAC's Crane said, ...')."""
    lo = min(verb.i, subject.left_edge.i)
    while lo > sent.start and sent.doc[lo - 1].head.i == verb.i and (
            sent.doc[lo - 1].dep_ in ("advmod", "aux", "neg") and sent.doc[lo - 1].tag_ != "WRB"
            or sent.doc[lo - 1].lower_ == "as"):
        lo -= 1  # not 'when', 'if', 'while', 'after': 'When the case was argued, ...' reports nothing
    return lo


def _set_off(sent: Span, verb: Token, subject: Token) -> bool:
    """A cue clause between commas (or a comma and the sentence end), subject next to the verb
    ('..., said the company's chief executive, John J. Ferriola.' counts from the subject's first word)."""
    doc = sent.doc
    lo = _cue_clause_start(sent, verb, subject)
    hi = max(verb.i, _phrase_end(subject))
    gap = subject.left_edge.i - verb.i if subject.i > verb.i else verb.i - subject.right_edge.i
    if gap > 4:
        return False
    # '(As BuzzFeed News first reported, ...)': an opening bracket or quotation mark starts the clause too
    before_ok = lo == sent.start or doc[lo - 1].text in (",", "—", "–", "(") or (
        _is_quote(doc[lo - 1]) and lo - 1 == sent.start)
    after = hi + 1
    after_ok = after >= sent.end or doc[after].text in (",", ".", "—", "–", "!", "?") or doc[after].dep_ in ("npadvmod", "prep")
    return before_ok and after_ok


def _from_according(sent: Span, according: Token, to: Token, obj: Token) -> Reported | None:
    """'According to X, ...': the sentence outside the 'according to X' phrase."""
    lo = according.i
    hi = max(obj.right_edge.i, to.i) + 1
    comma = max((t.i for t in sent.doc[obj.i + 1 : hi] if t.text == ","), default=None)
    if comma is not None and lo == sent.start:
        hi = comma  # the parser hung the content on the source ('According to X, the move reeks ...')
    before = _trim(sent.doc, sent.start, lo)
    after = _trim(sent.doc, hi, sent.end)
    best = max((s for s in (before, after) if s is not None), key=len, default=None)
    if best is None:
        return None
    # 'According to X, the move reeks of fear': the rest of the sentence is the content even when
    # the tagger misses its verb ('reeks' as a plural noun)
    opens_sentence = lo == sent.start or all(t.is_punct or t.is_space for t in sent.doc[sent.start : lo])
    if not _is_clause(best) and not (opens_sentence and best is after and len(best) >= 4):
        return None
    return Reported(best.start_char, best.end_char, according, to, obj, "according")


def _trim(doc, start: int, end: int, min_tokens: int = _MIN_CONTENT_TOKENS) -> Span | None:
    """Drop punctuation, conjunctions and complementisers from both ends of a token range."""
    while start < end and (doc[start].is_punct and not _is_quote(doc[start]) or doc[start].is_space
                           or doc[start].lower_ in _EDGE_WORDS or doc[start].dep_ == "cc"):
        start += 1
    while end > start and (doc[end - 1].is_space or (doc[end - 1].is_punct and not _is_quote(doc[end - 1])
                                                      and not _closes_content(doc, start, end - 1))):
        end -= 1
    if end - start < min_tokens:
        return None
    return doc[start:end]


#: Closing brackets and the openers they match.
_BRACKETS = {")": "(", "]": "["}


def _closes_content(doc, start: int, i: int) -> bool:
    """A last token that belongs to the content: '%' ('rose to 5%') and a bracket closing one
    opened inside it ('would cost $5 billion (4 billion pounds)'). Dropping either changes what was said."""
    text = doc[i].text
    if text == "%":
        return True
    opener = _BRACKETS.get(text)
    if opener is None:
        return False
    inside = [t.text for t in doc[start:i]]
    return inside.count(opener) > inside.count(text)


def _is_quote(token: Token) -> bool:
    return token.is_quote or token.text in ("“", "”", "‘", "’", "«", "»")


def _is_clause(span: Span) -> bool:
    """Reported content is a clause: it holds a verb or an auxiliary, or a word the parser gave a
    subject, whatever it tagged that word ('found that the richest 1% own more ...' with 'own' read
    as an adjective)."""
    return any(t.pos_ in ("VERB", "AUX") or (t.dep_ in ("nsubj", "nsubjpass") and span.start <= t.head.i < span.end)
               for t in span)


# --- the frame tier: beliefs, intentions, evaluations ---------------------------------------------

#: Rank of a relation when a cue has several: a clause or a gerund says more than an object noun.
_RANK = {"ccomp": 0, "xcomp": 1, "pcomp": 2, "oprd": 3, "dobj": 4, "advcl": 5, "acl": 6, "pobj": 7}
#: Words that carry content; a dependent made only of pronouns and function words ("it", "what") has none.
_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "NUM", "ADJ"})


def _from_frame(token: Token, lexicon: cues.Lexicon) -> Reported | None:
    """'X thinks ...', 'X endorsed Clinton', "X's proposal to ban ...": the dependent the frame names."""
    lemma = token.lemma_.lower()
    addressed = False
    if token.pos_ == "VERB":
        relations = lexicon.verb_frames.get(lemma)
        # 'McCain said, asked about the vagueness': whoever was asked did not ask; the asker is
        # the agent or no one named
        addressed = cues.is_addressed(token)
        subject = None if addressed or _is_passive(token) else cues.subject_of(token)
        subject = subject or cues.passive_agent(token)
    elif token.pos_ == "NOUN":
        relations = lexicon.noun_frames.get(lemma)
        subject = next((c for c in token.children if c.dep_ == "poss"), None)
    else:
        return None
    if not relations or (subject is None and not addressed):
        return None
    best = min(_frame_dependents(token, relations), key=lambda d: _RANK[d[0]], default=None)
    if best is None:
        return None
    relation, node, prep = best
    span = _content_span(node, clause=relation == "ccomp")
    if span is None:
        return None
    reason = _object_and_reason(token) if token.pos_ == "VERB" and relation in ("dobj", "pobj", "pcomp") else None
    if reason is not None:
        span = reason
    cue_end = prep if prep is not None and prep.i == token.i + 1 else token
    frame = f"prep:{prep.lower_}" if prep is not None else relation
    loose = token.pos_ == "VERB" and frame in lexicon.named_holder_frames.get(lemma, ())
    return Reported(span.start_char, span.end_char, token, cue_end, subject, "frame", named_holder=loose)


def _object_and_reason(verb: Token) -> Span | None:
    """'blasted the FBI for its decision not to indict', 'accused him of lying': the object and the
    reason together are what the verb attributes, not the object or the reason alone."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None or obj.i < verb.i:
        return None
    reason = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("for", "of") and c.i > obj.i), None)
    if reason is None:
        # 'accused the governor of hiding ...' with the reason hung on the object: only a gerund
        # reason, since 'the leader of the party' is one noun phrase
        reason = next((c for c in obj.rights if c.dep_ == "prep" and c.lower_ in ("for", "of")
                       and any(g.dep_ == "pcomp" and g.tag_ == "VBG" for g in c.children)), None)
    if reason is None or not any(c.dep_ in ("pobj", "pcomp") for c in reason.children):
        return None
    return _trim(verb.doc, obj.left_edge.i, reason.right_edge.i + 1)


def _frame_dependents(token: Token, relations: tuple[str, ...]):
    """(relation, content head, preposition) for each dependent of ``token`` a frame relation names."""
    for child in token.children:
        dep = child.dep_
        if dep in relations and dep != "advcl":
            yield dep, child, None
        elif dep == "advcl" and "advcl" in relations and _is_infinitive(child):
            yield dep, child, None
        elif dep == "prep" and f"prep:{child.lower_}" in relations:
            obj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
            if obj is not None:
                yield obj.dep_, obj, child


def _is_infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def _content_span(node: Token, clause: bool) -> Span | None:
    """The subtree of ``node`` as content; short noun phrases are kept when they carry a content word."""
    doc = node.doc
    lo, hi = node.left_edge.i, node.right_edge.i + 1
    span = _trim(doc, lo, hi)
    if span is None and not clause:
        span = doc[lo:hi]
        while len(span) and (span[-1].is_space or span[-1].is_punct and not _closes_content(doc, span.start, span.end - 1)):
            span = doc[span.start : span.end - 1]
    if span is None or not len(span) or not any(t.pos_ in _CONTENT_POS for t in span):
        return None
    if clause and not _is_clause(span):
        return None
    return span


def _from_raising(verb: Token, lexicon: cues.Lexicon) -> Reported | None:
    """'Trump is expected to win', 'the plan seems to work': subject and complement are the content.

    Raising verbs attribute a view to no one in particular, so the source is the passive agent
    when there is one ('is expected by analysts to ...') and unknown otherwise.
    """
    lemma = verb.lemma_.lower()
    if verb.pos_ != "VERB":
        return None
    if lemma in lexicon.raising_active:
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    elif lemma in lexicon.raising_passive:
        subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    else:
        return None
    complement = next((c for c in verb.children if c.dep_ in ("xcomp", "oprd", "acomp")), None)
    if subject is None or complement is None or subject.i > verb.i or complement.i < verb.i:
        return None
    first = _content_span(subject, clause=False)
    second = _content_span(complement, clause=False)
    if first is None or second is None:
        return None
    return _in_two_pieces(first, second, verb, cues.passive_agent(verb), "raising")
