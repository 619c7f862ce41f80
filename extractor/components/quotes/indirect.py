"""Reported speech: "X said (that) ...", "X told Y that ...", "..., X said.", "according to X, ...".

Each rule reads one sentence's parse: the content is the clausal complement of a reporting
verb, or, when the cue clause is set off by commas ("Therefore, Hill told the council, the
states ..."), the longest stretch of the sentence outside it. A reporting verb with no clause
("urged Congress to act", "criticized the plan") takes its content from its frame in
``models/quote_frames.json`` (``frames``), at the frame tier's lower confidence; with the frame
tier on, beliefs, intentions and evaluations are read too.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from . import cue_speaker, cues, nearby_names
from .frames import from_frame, from_raising
from .reported import MIN_CONTENT_TOKENS, Reported, in_two_pieces, is_clause, is_quote_mark, trim_content


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
            item = from_frame(token, lexicon) or from_raising(token, lexicon)
        elif item is None and lexicon.is_speech_act(token) and not negated:
            # a speech act whose content is not a clause ('urged Congress to act', 'criticized
            # the plan', 'accused him of lying') is still speech: its frame, without the belief tier
            item = from_frame(token, lexicon)
        if item is not None:
            if negated and item.cue is token:
                item.negation = _negation_start(token)  # 'did not endorse', "wouldn't say"
            found.append(item)
    according = cue_speaker.according_to(sent)
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
    return cue_speaker.speaker_of(verb, content_before=False)


def _from_complement(verb: Token, lexicon: cues.Lexicon) -> Reported | None:
    """'X said (that) ...': the verb's clausal complement."""
    # 'Sanders, who sits at zero endorsements, said that ...': the parser made the relative clause a
    # second complement; the content is the one after the verb that is not a relative clause
    clear = cues.makes_clear(verb)
    child = min(
        (c for c in verb.children
         if c.dep_ == "ccomp" and (clear is None or c.i != clear.i) and not _adverbial_clause(c)),
        key=lambda c: (cues.is_relative_clause(c), c.i < verb.i),
        default=None,
    )
    if child is None and clear is not None:
        # 'made it clear that she did not view ...': the parser hangs the clause on 'clear'
        child = next((c for c in clear.rights if c.dep_ in ("ccomp", "advcl") and c.pos_ in ("VERB", "AUX")), None)
    misattached = None
    if child is None:
        child = _gerund_subject_clause(verb) or _embedded_question(verb)
    if child is None:
        child = misattached = _that_clause_on_a_noun(verb)
    if child is None:
        return _short_answer(verb) or _finding(verb)
    inverted = _inverted_in_the_middle(verb, child, lexicon)
    if inverted is not None:
        return inverted
    start = child.left_edge.i
    split = next((c for c in verb.children if c.dep_ == "dobj" and verb.i < c.i < child.i), None)
    if split is not None and misattached is None and verb.lemma_.lower() not in lexicon.addressed_when_passive:
        # 'Garin said his focus groups and other research show that ...': one says no one a
        # that-clause, so an object before it is the content's own subject, misparsed
        start = split.left_edge.i
    span = trim_content(verb.doc, start, _complement_end(child, lexicon))
    if span is None or not is_clause(span) or _inverted_attribution(verb, span):
        return None
    subject = _subject(verb)
    if span.start < verb.i < span.end - 1:
        return _around_cue(span, verb, subject, child)
    cue_end = clear if clear is not None and verb.i < clear.i < span.start else verb  # 'made it clear'
    return Reported(span.start_char, span.end_char, verb, cue_end, subject, "ccomp")


def _that_clause_on_a_noun(verb: Token) -> Token | None:
    """'told reporters at a news conference that officials began ...', 'argued for decades that it
    was ...': the parser hung the verb's that-clause on the noun before it, as a relative clause.
    Only a clause opened by the conjunction "that" (a mark), which a relative clause never is, on
    a noun the verb itself governs after it (an object, or the object of its preposition); as a
    noun's complement ("asked about his claim that ...") only on a time, which takes none."""
    nouns = [c for c in verb.rights if c.dep_ in ("dobj", "dative")]
    nouns += [g for c in verb.rights if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    for noun in sorted(nouns, key=lambda n: n.i):
        for clause in noun.rights:
            misread = clause.dep_ == "relcl" or (clause.dep_ == "acl" and noun.ent_type_ in ("DATE", "TIME"))
            if misread and any(
                    m.dep_ == "mark" and m.lower_ == "that" and m.i == clause.left_edge.i for m in clause.children):
                return clause
    return None


#: Subordinators of a clause that says when, why or despite what someone spoke, never what
#: ('"His legend will live on," Spencer said, as a few young fighters worked out ...').
_ADVERBIAL_MARKS = frozenset({"as", "while", "whereas", "although", "though", "because", "since", "after",
                              "before", "until", "once"})


def _adverbial_clause(clause: Token) -> bool:
    """A clause the parser hung on the cue as its complement, opened by an adverbial subordinator."""
    return any(c.dep_ == "mark" and c.i == clause.left_edge.i and c.lower_ in _ADVERBIAL_MARKS for c in clause.children)


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
    first = trim_content(doc, subject.left_edge.i, verb.i, min_tokens=1)
    second = trim_content(doc, after + 1, _complement_end(child, lexicon))
    if first is None or second is None or not is_clause(second):
        return None
    return in_two_pieces(first, second, verb, name, "ccomp")


def _around_cue(span: Span, verb: Token, subject: Token | None, child: Token) -> Reported | None:
    """A complement whose first words stand before its cue ('a system which he said has failed',
    'The attacks, he said, helped him'): the words on either side of the cue clause, not the cue."""
    doc = verb.doc
    lo = _cue_clause_start(span, verb, subject) if subject is not None and subject.i < verb.i else verb.i
    after_start = min((t.i for t in child.subtree if t.i > verb.i), default=span.end)
    before = trim_content(doc, span.start, lo, min_tokens=1)
    after = trim_content(doc, after_start, span.end)
    if after is None or not is_clause(after):
        return None
    if before is None:
        return Reported(after.start_char, after.end_char, verb, verb, subject, "ccomp")
    return in_two_pieces(before, after, verb, subject, "ccomp")


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
    span = trim_content(verb.doc, obj.left_edge.i, end + 1)
    if span is None:
        return None
    return Reported(span.start_char, span.end_char, verb, verb, subject if verb.dep_ == "acl" else _subject(verb), "ccomp")


def _inverted_attribution(verb: Token, content: Span) -> bool:
    """'"...," said Robert Reich, who served as labor secretary': the name after a verb that follows a
    quotation is its speaker, and what the parser hung on the verb describes them; no content."""
    i = verb.i - 1
    while i >= 0 and verb.doc[i].is_punct and not is_quote_mark(verb.doc[i]):
        i -= 1
    if i < 0 or not is_quote_mark(verb.doc[i]) or content.start != verb.i + 1:
        return False
    named = nearby_names.inverted_subject(verb)  # 'said retired neurosurgeon Ben Carson, asked about ...'
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
        subjects = [agent] if (agent := cue_speaker.passive_agent(verb)) is not None else []
    subject = next((c for c in subjects if _set_off(sent, verb, c)), None)
    if subject is None:
        return None
    # the parser sometimes hangs part of the content on the verb too
    lo = _cue_clause_start(sent, verb, subject)
    hi = max(verb.right_edge.i, subject.right_edge.i) + 1
    before = trim_content(sent.doc, sent.start, lo, min_tokens=1)
    after = trim_content(sent.doc, hi, sent.end)
    if before is not None and after is not None and not is_clause(before) and is_clause(after):
        # the cue interrupts its content between subject and verb ('The new rules, the mayor said,
        # will cost ...'): the content is both pieces
        return in_two_pieces(before, after, verb, subject, "parataxis")
    if before is not None and len(before) < MIN_CONTENT_TOKENS:
        before = None
    best = max((s for s in (before, after) if s is not None), key=len, default=None)
    if best is None or not is_clause(best):
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
        is_quote_mark(doc[lo - 1]) and lo - 1 == sent.start)
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
    before = trim_content(sent.doc, sent.start, lo)
    after = trim_content(sent.doc, hi, sent.end)
    if before is not None and after is not None and after[0].tag_ == "VBG" and is_clause(before):
        # '... is investigating WeWork, according to two people familiar with the matter, adding to
        # a mounting series of problems': a participle after the source is the writer's comment on
        # the report, not what the source said (PolNeAR train: of such sentences, none has the
        # content only after the source)
        after = None
    best = max((s for s in (before, after) if s is not None), key=len, default=None)
    if best is None:
        return None
    # 'According to X, the move reeks of fear': the rest of the sentence is the content even when
    # the tagger misses its verb ('reeks' as a plural noun)
    opens_sentence = lo == sent.start or all(t.is_punct or t.is_space for t in sent.doc[sent.start : lo])
    if not is_clause(best) and not (opens_sentence and best is after and len(best) >= 4):
        return None
    return Reported(best.start_char, best.end_char, according, to, obj, "according")
