"""The reporting verb next to a quotation.

In the clause after it ('," the minister said'), before it ('said on Monday that "'), at the end
of the previous paragraph ('Hill said:'), a short clause with a verb the lexicon does not list
('," Trump shot back'), a speech verb tagged as a noun ('," the email read'), or a clause
ending in a colon that introduces the quotation ('Bush broke down what was wrong: "..."').
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..entities.base import spacy_ner
from . import cue_speaker, cues, subjects
from .candidate import DirectCue
from .context import Context, names_someone, starts_paragraph
from .marks import QuoteRegion
from .signatures import dash_attribution

_MAX_CUE_AFTER = 8  # tokens between a closing mark and its cue ('," the deputy minister said')
_MAX_CUE_BEFORE = 14  # tokens between a cue and an opening mark ('said on Monday that "')
#: Tags of a finite verb: a quotation hanging on one of its own is not a continuation.
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})
MAX_CUE_CLAUSE_WORDS = 30  # '," said Vin Weber, a lobbyist and former congressman from Minnesota. "'  # a quotation with no cue must be at least a short sentence


def find_direct_cue(ctx: Context, regions: list[QuoteRegion], i: int, lexicon: cues.Lexicon) -> DirectCue | None:
    """The reporting verb next to a quotation: after it, before it, or a dash attribution."""
    region = regions[i]
    doc = ctx.doc
    close_tok = ctx.token_at(region.close_mark - 1)
    open_tok = ctx.token_at(region.open_mark)
    next_open = regions[i + 1].open_mark if i + 1 < len(regions) else len(ctx.text)
    prev_close = regions[i - 1].close_mark if i > 0 else 0
    after = _cue_after(doc, close_tok.i + 1, close_tok.sent.end, next_open, lexicon)
    if after is None and close_tok.i + 1 == close_tok.sent.end < len(doc):
        # '....” US Senator Jeff Sessions said as he began.' was cut after the quotation: the next
        # sentence attributes it when its reporting verb reports nothing else (no clause of its own)
        following = doc[close_tok.i + 1].sent
        after = _cue_after(doc, following.start, following.end, next_open, lexicon)
        if after is not None and (after.i != following.root.i or any(_reports_more(after, c) for c in after.children)):
            after = None
    before = _cue_before(doc, open_tok, prev_close, lexicon)
    if after is not None and cue_speaker.is_addressed(after) and before is not None and not cue_speaker.is_addressed(before):
        after = None  # 'voters reported "no opinion" when asked whether ...': the answer is reported before
    if after is not None:
        subject = name_set_off_before(doc, close_tok.i + 1, after) or cue_speaker.speaker_of(after, content_before=True)
        if not _within_subject(subject, region):
            return DirectCue(after, subject, "after")
        after = None
    unlisted = _noun_tagged_cue(doc, close_tok, lexicon) or _bare_cue_clause(ctx, region, next_open, lexicon)
    if unlisted is not None:
        return unlisted
    dash = dash_attribution(ctx, region)
    if dash is not None:
        return dash
    if before is None and starts_paragraph(ctx, region):
        before = _colon_cue(ctx, region, lexicon)
    if before is not None:
        main = _main_clause_over(before, open_tok)
        if main is not None:
            return DirectCue(main, subjects.subject_of(main), "before")
        verb = before.head if before.pos_ == "NOUN" else before  # a speech noun speaks for its verb's subject
        return DirectCue(before, cue_speaker.speaker_of(verb, content_before=False), "before")
    return _introducing_clause(ctx, regions, i, lexicon)


def _cue_before(doc: Doc, open_tok: Token, fence: int, lexicon: cues.Lexicon) -> Token | None:
    """The speech verb before a quotation, in its sentence and after ``fence``. Past a passive 'asked'
    to the verb that reports the answer ('who told Congress when asked about the inquiry: "..."');
    'Asked about it, he said: "..."' keeps 'said', the nearer one."""
    stop = open_tok.sent.start - 1
    before = _scan(doc, open_tok.i - 1, stop, fence, lexicon, _MAX_CUE_BEFORE, -1)
    if before is not None and cue_speaker.is_addressed(before):
        further = _scan(doc, before.i - 1, stop, fence, lexicon, _MAX_CUE_BEFORE, -1)
        if further is not None and not cue_speaker.is_addressed(further):
            return further
    return before


#: Words that may stand between a verb and the quotation it introduces ('shot back, "').
_INTRODUCING_GAP = frozenset({",", ":", "back", "out", "up", "in", "then", "simply", "just"})


def _main_clause_over(verb: Token, open_tok: Token) -> Token | None:
    """'After Jerry Brown criticized Bill Clinton during a debate, Hillary shot back, "..."': the
    speech verb found before a quotation sits in an adverbial clause, and the clause it hangs on
    (with a subject naming someone) leads straight into the quotation: that clause's verb is the
    cue, though the lexicon does not list it, and its subject the speaker."""
    clause = verb
    while clause.dep_ in ("conj", "xcomp", "ccomp") and clause.head.i != clause.i and clause.head.i < clause.i:
        clause = clause.head
    if clause.dep_ != "advcl" or not (clause.i < clause.head.i < open_tok.i):
        return None
    main = clause.head
    if main.pos_ not in ("VERB", "AUX") or any(not (t.is_punct or t.lower_ in _INTRODUCING_GAP) for t in main.doc[main.i + 1 : open_tok.i]):
        return None
    subject = subjects.subject_of(main)
    if subject is None or not (clause.right_edge.i < subject.i < main.i) or not names_someone(subject):
        return None
    return main


def _reports_more(verb: Token, child: Token) -> bool:
    """A dependent that gives a verb content of its own ('He told reporters that ...', 'He said
    nothing'), so that the verb does not attribute the quotation before it. The object of 'tell'
    is whom it was told to ('Renteria told reporters during the call.')."""
    return child.dep_ == "ccomp" or (child.dep_ == "dobj" and verb.lemma_.lower() != "tell")


def _cue_after(doc: Doc, start: int, stop: int, fence: int, lexicon: cues.Lexicon) -> Token | None:
    """The speech verb of the clause after a quotation, from token ``start`` towards ``stop``.

    It must be near ('," the deputy minister said'), or further on when every word before it
    belongs to its subject ('," James B. Comey Jr., the director of the Federal Bureau of
    Investigation, said at a news conference'): such a clause does nothing but name the speaker."""
    verb = _scan(doc, start, stop, fence, lexicon, MAX_CUE_CLAUSE_WORDS, 1)
    if verb is None:
        return None
    if sum(not t.is_punct for t in doc[start : verb.i]) < _MAX_CUE_AFTER:
        return verb  # as _scan counts words: fewer than the near reach before the verb
    subject = subjects.subject_of(verb)
    if (subject is not None and start <= subject.i < verb.i and subject.left_edge.i <= start
            and all(t.is_punct for t in doc[subject.right_edge.i + 1 : verb.i])):
        return verb
    return verb if name_set_off_before(doc, start, verb) is not None else None


def name_set_off_before(doc: Doc, start: int, verb: Token) -> Token | None:
    """'," Mr. Daniloff, now 81 and retired in Cambridge, Mass., said by telephone': a name right
    after the quotation, then words set off by commas, then the verb; whatever the parser made of
    the words between, the name speaks."""
    people = _people(doc)
    i = start
    while i < verb.i and doc[i].is_punct:
        i += 1
    while i < verb.i and doc[i].pos_ == "PROPN" and i not in people:
        i += 1  # an honorific or title before the name ('Mr.', 'Sen.')
    if i >= verb.i or i not in people or people[i] != i:
        return None
    end = i
    while end + 1 < verb.i and people.get(end + 1) == i:
        end += 1
    between = doc[end + 1 : verb.i]
    if len(between) < 2 or between[0].text != "," or between[-1].text != "," or any(t.is_quote for t in between):
        return None
    return doc[end]


_PERSON = frozenset({"PERSON"})


def _people(doc: Doc) -> dict[int, int]:
    """Token index -> first token of the person name it is in: the entity stage's PERSON spans,
    and spaCy's own where the stage kept none (a short text gives its decision little context, and
    a name set off before a cue speaks whatever the entity list says)."""
    spans = [e for e in doc.ents if e.label_ == "PERSON"]
    taken = {t for e in doc.ents for t in range(e.start, e.end)}
    spans += [e for e in spacy_ner(doc, _PERSON) if not any(t in taken for t in range(e.start, e.end))]
    return {t: e.start for e in spans for t in range(e.start, e.end)}


#: Most words in a clause that attributes the quotation before it with a verb the lexicon does not
#: list ('," Trump shot back.', '?" reacted Trump.').
_MAX_BARE_CUE_WORDS = 14
#: Dependents that give a verb something to say or be, beyond who says it and how.
_CONTENT_DEPS = frozenset({"dobj", "ccomp", "xcomp", "dative", "attr", "oprd", "acomp", "advcl"})


def _bare_cue_clause(ctx: Context, region: QuoteRegion, next_open: int, lexicon: cues.Lexicon) -> DirectCue | None:
    """'"Jeb wants to be a tough guy tonight," Trump shot back.' and '"Is Obama profiling?" reacted
    Trump.': a quotation that hands its sentence on (a comma, question or exclamation mark before
    the closing mark) to a short clause of a subject and one finite verb with nothing to say of its
    own. Such a clause only tells who spoke and how, so its verb cues the quotation even when the
    lexicon does not list it ('went on', 'started', 'remembered'). The quotation must open its
    sentence and the subject must be someone who can speak ('" the balloons dropped' is not a cue)."""
    doc = ctx.doc
    close_tok = ctx.token_at(region.close_mark - 1)
    if ctx.text[: close_tok.idx].rstrip()[-1:] not in (",", "?", "!"):
        return None
    if not (ctx.token_at(region.open_mark).is_sent_start or starts_paragraph(ctx, region)):
        return None
    start = close_tok.i + 1
    end = next((j for j in range(start, min(start + _MAX_BARE_CUE_WORDS + 2, len(doc)))
                if doc[j].text in (".", "!", "?", ";", ":") or doc[j].idx >= next_open), None)
    if end is None or end == start or doc[end].idx >= next_open and doc[end].text not in ("“", '"'):
        return None
    words = doc[start:end]
    verbs = [t for t in words if t.pos_ == "VERB" and t.dep_ not in cues.SUBJECT_DEPS]  # 'Trump' tagged VB
    if len(verbs) != 1 or verbs[0].tag_ not in FINITE_TAGS or cues.is_negated(verbs[0]):
        return None
    verb = verbs[0]
    if any(c.dep_ in _CONTENT_DEPS and start <= c.i < end for c in verb.children) or any(t.pos_ == "AUX" for t in words):
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj" and start <= c.i < end), None)
    if subject is None or not _can_speak(subject, lexicon):
        return None
    # the subject phrase fills the words on its side of the verb ('Trump shot back', 'reacted Trump')
    if subject.i < verb.i:
        in_phrase = range(subject.left_edge.i, subject.right_edge.i + 1)
        if any(not t.is_punct and t.i not in in_phrase for t in words[: verb.i - start]):
            return None
    elif any(t.pos_ not in ("PROPN", "PUNCT", "DET", "ADJ", "NOUN", "PART") for t in doc[verb.i + 1 : subject.right_edge.i + 1]):
        return None
    return DirectCue(verb, subject, "after")


def _can_speak(subject: Token, lexicon: cues.Lexicon) -> bool:
    """A subject that may have said something: someone named, a pronoun for a person, people, or a
    thing that speaks for its author ('the editorial'). Not a relative pronoun ('," which votes in May')."""
    if subject.tag_ in cues.RELATIVE_TAGS:
        return False
    if names_someone(subject) or cues.is_people(subject) or subject.lemma_.lower() in lexicon.speech_nouns:
        return True
    return subject.text[:1].isupper() and subject.pos_ != "PRON"  # a name the tagger missed ('Trump' as a verb)


#: Most words in a cue clause the tagger read as one noun phrase ('," a voice-over in the ad states.').
_MAX_NOUN_CLAUSE = 9


def _noun_tagged_cue(doc: Doc, close_tok: Token, lexicon: cues.Lexicon) -> DirectCue | None:
    """'"...," the email read.' and '"...," a voice-over in the ad states.': after a quotation, a
    clause that ends the sentence with a speech verb the tagger read as a noun. The noun phrase
    before it (up to a preposition) speaks."""
    i = close_tok.i + 1
    end = next((j for j in range(i, min(i + _MAX_NOUN_CLAUSE + 1, len(doc))) if doc[j].is_punct and doc[j].text in ".!?"), None)
    if end is None or end - i < 2 or doc[end].text != ".":
        return None
    verb, words = doc[end - 1], doc[i : end - 1]
    form = verb.lower_
    if verb.pos_ not in ("NOUN", "PROPN") or not (
            form in lexicon.speech or (form.endswith("s") and form[:-1] in lexicon.speech)):
        return None
    if words[0].pos_ not in ("DET", "PROPN", "NOUN", "ADJ", "NUM") or any(t.pos_ in ("VERB", "AUX") for t in words):
        return None
    before_prep = [t for t in words if t.i < next((w.i for w in words if w.pos_ == "ADP"), verb.i)]
    # ('," the editorial read.' with 'editorial' tagged an adjective: the word before the verb)
    subject = next((t for t in reversed(before_prep) if t.pos_ in ("NOUN", "PROPN", "NUM")
                    or (t.pos_ == "ADJ" and t.i == verb.i - 1)), None)
    return DirectCue(verb, subject, "after") if subject is not None else None


def _within_subject(subject: Token | None, region: QuoteRegion) -> bool:
    """'Lazar Lehel, the hacker known as "Guccifer," stated ...' and '"Daily Show" host Trevor Noah
    showed ...': a quotation inside the phrase that names the speaker is part of that name, not
    what the speaker says. A quoted clause that the parser hung on the name after it ('"That's a
    legitimate concern," Sarandon, 69, told MSNBC') is still what is said."""
    if subject is None:
        return False
    first, last = subject.left_edge, subject.right_edge
    if not (first.idx <= region.open_mark and region.close_mark <= last.idx + len(last.text)):
        return False
    if first.idx < region.open_mark or region.open_mark <= subject.idx < region.close_mark:
        return True
    doc = subject.doc
    quoted = doc.char_span(region.start, region.end, alignment_mode="expand")
    return quoted is None or not any(
        t.pos_ in ("VERB", "AUX") and not quoted.start <= t.head.i < quoted.end for t in quoted)


#: Fewest words for a quotation to stand as what a colon introduces (not a slogan or a title).
_MIN_INTRODUCED_WORDS = 5


def _introducing_clause(ctx: Context, regions: list[QuoteRegion], i: int, lexicon: cues.Lexicon) -> DirectCue | None:
    """'Hoff's letter makes a libertarian case: "..."', 'Bush broke down what was wrong: "..."':
    a clause with no speech verb that ends in a colon introduces the quotation after it, when its
    subject names someone (or something that speaks for someone, like a letter). A clause inside
    another quotation ('"Sam Mendes leaves the show," by Times' Michael Paulson: "..."') is a
    headline over an excerpt, not an introduction."""
    region = regions[i]
    before = ctx.text[: region.open_mark].rstrip()
    if not before.endswith(":") or len(ctx.text[region.start : region.end].split()) < _MIN_INTRODUCED_WORDS:
        return None
    colon = ctx.token_at(len(before) - 1)
    if colon.text != ":":
        return None
    # the head of the clause before the colon: the parser may hang it on the quotation's verb
    root = next((t for t in ctx.doc[colon.sent.start : colon.i]
                 if t.pos_ in ("VERB", "AUX") and (t.head.i == t.i or t.head.i > colon.i)), None)
    if root is None:
        return None
    subject = subjects.subject_of(root)
    if subject is None or not (names_someone(subject) or subject.lemma_.lower() in lexicon.speech_nouns):
        return None
    if any(r.open_mark <= t.idx < r.close_mark for r in regions[:i] for t in (root, subject)):
        return None
    return DirectCue(root, subject, "before")


def _scan(doc: Doc, start: int, stop: int, fence: int, lexicon, limit: int, step: int) -> Token | None:
    """The first reporting verb from token ``start`` towards ``stop``, not crossing another quotation."""
    i, seen = start, 0
    while i != stop and 0 <= i < len(doc) and seen < limit:
        token = doc[i]
        if (step > 0 and token.idx >= fence) or (step < 0 and token.idx < fence):
            return None
        if lexicon.is_speech(token) and not cues.is_negated(token):
            return token
        if not token.is_punct:
            seen += 1
        i += step
    return None


def _colon_cue(ctx: Context, region: QuoteRegion, lexicon: cues.Lexicon) -> Token | None:
    """'Hill said:' closing the previous paragraph introduces the quotation that opens this one."""
    p = ctx.paragraph_of(region.open_mark)
    if p == 0:
        return None
    prev_start, prev_end = ctx.paragraphs[p - 1]
    if not ctx.text[prev_start:prev_end].rstrip().endswith(":"):
        return None
    last = ctx.token_at(prev_end - 1)
    verb = _scan(ctx.doc, last.i, last.sent.start - 1, prev_start, lexicon, 20, -1)
    if verb is not None:
        return verb
    # 'Sanders made the following comment:' - a speech noun as the object of a verb with a subject
    for token in ctx.doc[last.sent.start : last.i + 1]:
        if token.lemma_.lower() in lexicon.speech_nouns and token.dep_ == "dobj" and subjects.subject_of(token.head) is not None:
            return token
    return None
