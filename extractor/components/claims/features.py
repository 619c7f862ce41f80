"""What the claim model sees of a sentence: words, the parse, and its context.

The same function computes the features at training time (scripts/train_claims.py) and at run
time, so the weights mean the same thing in both. Features are binary strings; a unit is a
sentence, or in a transcript the part of a sentence inside one speaker's line.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ... import extensions
from ...resources import load_json
from ...spans import doc_text, strip_span
from ...vectors import sign_features
from .transcript import Transcript, parse_transcript

#: Fewer alphabetic words than this is a fragment ("Thank you.", "Yes, sir."), never a claim.
MIN_WORDS = 4
_LENGTH_BUCKETS = (6, 10, 15, 22, 30, 45)
_CLOSERS = {'"', "”", "’", "'", ")", "»"}
_FUTURE = {"will", "'ll", "going", "gonna", "shall"}
_NOT_QUANTITY_ENTS = {"DATE", "TIME", "ORDINAL"}
#: Share of a unit's content words already said by an earlier unit above which it repeats it.
_REPEAT_SHARE = 0.6
_OPENERS = {"“": 1, "”": -1}
#: Endings of peoples and nationalities in the plural.
_PEOPLE_ENDINGS = ("ans", "ens", "ians", "ese", "ons", "is")


@dataclass
class Unit:
    """A stretch of text the model scores: a sentence (or its part in one transcript line)."""

    span: Span
    start: int
    end: int
    speaker: str | None = None
    features: list[str] = field(default_factory=list)
    question: bool = False
    eligible: bool = True
    #: Starts inside a quotation an earlier sentence of its paragraph opened (someone's words).
    in_quote: bool = False


def _word(token: Token) -> str:
    """The token as a feature word: numbers by shape, so "114" and "92" share their weight."""
    if token.like_num and any(c.isdigit() for c in token.text):
        return "<num>"
    return token.lower_


def _content_tokens(span: Span) -> list[Token]:
    return [t for t in span if not t.is_space and not (t.is_punct and t.text not in {"?", "%", "$"})]


def sentence_features(span: Span, vectors: bool = True) -> list[str]:
    """Features of one sentence on its own (no context): words, pairs, tags, entities, syntax.

    Words and word pairs carry the topic and the hedges ("I think", "we will"); tags carry
    tense, comparatives and superlatives (tag pairs were dropped: without them leave-one-debate-out
    MAP rose from 0.135 to 0.144 and cross-fitted news MAP per page from 0.726 to 0.732); entity labels and numbers carry the checkable
    specifics; shape (final punctuation, title case) tells headlines and lists from prose; with
    ``vectors``, the signs of the sentence's mean context vector (``_vector_features``).
    """
    tokens = _content_tokens(span)
    words = [_word(t) for t in tokens]
    tags = [t.tag_ for t in tokens]
    feats: set[str] = {f"w={w}" for w in words}
    feats.update(f"b={a}_{b}" for a, b in zip(["<s>", *words], [*words, "</s>"]))
    feats.update(f"t={t}" for t in tags)
    # Entity labels from the tokens: Span.ents walks the whole doc's entities on every call.
    feats.update(f"e={t.ent_type_}" for t in span if t.ent_iob_ == "B")
    feats.update(_syntax_features(span, tokens))
    feats.update(_checkable_features(span))
    feats.update(_shape_features(span, tokens))
    feats.add(f"len={_bucket(len(tokens))}")
    if vectors:
        feats.update(_vector_features(span))
    return sorted(feats)


def _vector_features(span: Span) -> Iterator[str]:
    """The signs of the sentence's mean context vector (:mod:`extractor.vectors`).

    Words and tags say what a sentence contains; the context vectors also say what kind of
    sentence it is. Read as binary features they carry over across debates better than more
    words: leave-one-debate-out MAP 0.142 -> 0.156 (2019 debates 0.275 -> 0.323, 2020 0.126 ->
    0.135), cross-fitted news MAP per page 0.728 -> 0.731. Only meaningful for the pipeline the
    model was trained with, which the stage checks (``ClaimStage``)."""
    return sign_features(span.doc, span.start, span.end, "v")


def _syntax_features(span: Span, tokens: list[Token]) -> Iterator[str]:
    """Who says what: the root verb's lemma and tense, its subject, modality, numbers."""
    roots = [t for t in span if t.dep_ == "ROOT"]
    if roots:
        root = roots[0]
        yield f"root={root.lemma_.lower()}"
        yield f"roottag={root.tag_}"
        for child in root.children:
            if child.dep_ in {"nsubj", "nsubjpass"}:
                subject = child.lower_ if child.pos_ == "PRON" else child.pos_
                yield f"subj={subject}"
            if child.dep_ == "aux" and child.tag_ == "MD":
                yield f"modal={child.lower_}"
            if child.dep_ == "neg":
                yield "neg"
    if tokens and tokens[-1].text == "?":
        yield "question"
    numbers = [t for t in tokens if t.like_num and t.ent_type_ not in {"DATE", "TIME", "ORDINAL"}]
    if numbers:
        yield "has_number"
        if len(numbers) > 1:
            yield "numbers>1"
    if any(t.lower_ in _FUTURE for t in tokens):
        yield "future"


def _verb_classes() -> dict[str, str]:
    """Root lemma -> its class, from models/claims_lexicon.json (read once)."""
    lexicon = load_json("claims_lexicon.json")
    classes = {lemma: "event" for lemma in lexicon["procedural_verbs"]}
    classes.update({lemma: "source" for lemma in lexicon["source_verbs"]})
    return classes


def _counted_nouns() -> frozenset[str]:
    """Nouns whose count is a statistic a checker checks first, from models/claims_lexicon.json."""
    return frozenset(load_json("claims_lexicon.json").get("counted_nouns", ()))


def _is_quantity(token: Token) -> bool:
    return token.like_num and token.ent_type_ not in _NOT_QUANTITY_ENTS


def _counted_noun(number: Token) -> Token | None:
    """The noun a number counts: its head ("41 people", "more than 2,500 civilians") or, for a
    number standing alone as the noun, the object of its "of" ("Three of the people")."""
    head = number
    while head.dep_ in {"nummod", "quantmod", "compound"} and head.head is not head:
        head = head.head
        if head.pos_ in {"NOUN", "PROPN"}:
            return head
    for child in number.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def counts_people(span: Span) -> bool:
    """Whether the unit counts people, casualties, jobs or cases ("41 people were detained",
    "evacuated 114 Chechens", "cut 4,000 jobs"): the statistics fact-checkers check first, and
    unlike a bare number (prices and specifications on product pages, scores in sport) they
    nearly always make a news sentence a claim."""
    nouns = _counted_nouns()
    for token in span:
        if not _is_quantity(token):
            continue
        noun = _counted_noun(token)
        if noun is not None and (noun.lower_ in nouns or noun.lemma_.lower() in nouns or _is_people_name(noun)):
            return True
    return False


def _is_people_name(noun: Token) -> bool:
    """A nationality or people in the plural ("Chechens", "Afghans", "Iraqis", "Britons"):
    the small model often types these PRODUCT or nothing, so their shape decides too."""
    if noun.ent_type_ == "NORP":
        return True
    return noun.text[:1].isupper() and noun.text.endswith(_PEOPLE_ENDINGS)


def _checkable_features(span: Span) -> Iterator[str]:
    """What makes a sentence checkable beyond its words: counted subjects and objects, the verb's class.

    "41 people were detained" and "evacuated 114 Chechens" count something (a number inside the
    subject or the object), which a checker can verify; a sentence whose main verb reports a
    finding ("corroborated", "found", "reported") is a source's claim about facts; one whose main
    verb is an event ("held a press conference") rarely is. Classes generalize where single lemmas
    are too rare to learn.
    """
    roots = [t for t in span if t.dep_ == "ROOT"]
    if not roots:
        return
    root = roots[0]
    verb_class = _verb_classes().get(root.lemma_.lower())
    if verb_class:
        yield f"rootclass={verb_class}"
    if counts_people(span):
        yield "counted=people"
    for child in root.children:
        role = "subj" if child.dep_ in {"nsubj", "nsubjpass"} else "obj" if child.dep_ in {"dobj", "attr", "agent"} else None
        if role is None:
            continue
        phrase = span.doc[child.left_edge.i : child.right_edge.i + 1]
        if any(_is_quantity(t) for t in phrase):
            yield f"num{role}"


def _shape_features(span: Span, tokens: list[Token]) -> Iterator[str]:
    last = [t for t in span if not t.is_space and t.text not in _CLOSERS]
    yield f"end={last[-1].text if last and last[-1].is_punct else 'none'}"
    alpha = [t for t in tokens if t.is_alpha and len(t) > 3]
    if len(alpha) >= 3 and sum(t.text[0].isupper() for t in alpha) >= 0.7 * len(alpha):
        yield "titlecase"
    if any(t.text in {'"', "“", "”"} for t in span):
        yield "has_quote_mark"


def _bucket(n: int) -> str:
    for limit in _LENGTH_BUCKETS:
        if n < limit:
            return f"<{limit}"
    return f">={_LENGTH_BUCKETS[-1]}"


def is_statement(span: Span, min_words: int = MIN_WORDS) -> bool:
    """A full declarative sentence: enough words, a verb, and not a question."""
    words = [t for t in span if t.is_alpha or t.like_num]
    if len(words) < min_words:
        return False
    if not any(t.pos_ in {"VERB", "AUX"} for t in span):
        return False
    return not is_question(span)


def is_question(span: Span) -> bool:
    last = [t for t in span if not t.is_space and t.text not in _CLOSERS]
    return bool(last) and last[-1].text == "?"


def _excluded(doc: Doc, start: int, end: int, transcript: bool) -> bool:
    """The headline and boilerplate (sign-up lines, hashtags) are never claims.

    A transcript has no headline: its first line is somebody speaking.
    """
    title = doc._.title
    if not transcript and title and start < title[1] and title[0] < end:
        return True
    return extensions.in_boilerplate(doc, start, end)


def document_units(doc: Doc, min_words: int = MIN_WORDS, vectors: bool = True) -> tuple[list[Unit], Transcript | None]:
    """Every unit of the doc with its features (context included) and whether it may be a claim;
    ``vectors``: with the context-vector features (``_vector_features``).

    Ineligible units (questions, fragments, headline, boilerplate, audience reactions) are kept
    in the list so that their neighbours can see them, but never become claims.
    """
    text = doc_text(doc)  # Doc.text joins every token on each access: read it once per doc
    transcript = parse_transcript(text)
    units: list[Unit] = []
    for sent in doc.sents:
        for start, end, speaker, reaction in _pieces(text, sent, transcript):
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            unit = Unit(span, start, end, speaker, question=is_question(span))
            unit.eligible = (not reaction and not _excluded(doc, start, end, transcript is not None)
                             and is_statement(span, min_words))
            units.append(unit)
    inside = _inside_quotes(text, units) if transcript is None else [False] * len(units)
    seen: set[str] = set()
    order = 0
    for i, unit in enumerate(units):
        unit.in_quote = inside[i]
        if unit.eligible:
            words = _content_lemmas(unit.span)
            unit.features = sentence_features(unit.span, vectors) + _context(units, i, transcript)
            if unit.in_quote:
                unit.features.append("in_quote")
            if words and len(words & seen) >= _REPEAT_SHARE * len(words):
                unit.features.append("repeats")
            if transcript is None:
                unit.features.append(f"order={min(order, 3)}")
            order += 1
            seen |= words  # the headline and boilerplate do not count: a lead restates the headline
    return units, transcript


def _content_lemmas(span: Span) -> set[str]:
    """Nouns, verbs, adjectives and numbers of a unit, as lemmas (numbers as their digits' text)."""
    return {t.lemma_.lower() for t in span if t.pos_ in {"NOUN", "PROPN", "VERB", "ADJ", "NUM"} and not t.is_stop}


def _inside_quotes(text: str, units: list[Unit]) -> list[bool]:
    """Whether each unit starts inside a quotation opened by an earlier sentence of its paragraph.

    A quotation running over several sentences ("... said: “A. B. C.”") leaves its later sentences
    without a speaker or a quote mark of their own; they are still someone's words, and direct
    quotes in news are mostly positions and feelings rather than checkable facts.
    """
    out = []
    for unit in units:
        para = text.rfind("\n", 0, unit.start) + 1
        before = text[para : unit.start]
        depth = sum(_OPENERS.get(c, 0) for c in before)
        straight = before.count('"')
        out.append(depth > 0 or straight % 2 == 1)
    return out


def _pieces(text: str, sent: Span, transcript: Transcript | None) -> Iterator[tuple[int, int, str | None, bool]]:
    """The sentence's character ranges: whole in prose; cut at line labels in a transcript."""
    start, end = strip_span(text, sent.start_char, sent.end_char)
    if end <= start:
        return
    if transcript is None:
        yield start, end, None, False
        return
    index = transcript.line_at(start)
    if index is None:  # the sentence starts inside a label: move to the first line it reaches
        index = next((i for i, ln in enumerate(transcript.lines) if ln.end > start), None)
    while index is not None and index < len(transcript.lines):
        line = transcript.lines[index]
        if line.start >= end:
            break
        lo, hi = strip_span(text, max(start, line.start), min(end, line.end))
        if hi > lo:
            yield lo, hi, line.speaker, line.reaction
        index += 1


def _context(units: list[Unit], i: int, transcript: Transcript | None) -> list[str]:
    """The neighbours and, in a transcript, the speaker's role."""
    unit = units[i]
    feats = []
    prev = units[i - 1] if i else None
    nxt = units[i + 1] if i + 1 < len(units) else None
    if prev is None or prev.speaker != unit.speaker:
        feats.append("turn_start")
    if prev is not None and prev.question:
        feats.append("prev_question")
    if prev is not None and "has_number" in prev.features:
        feats.append("prev_number")
    if nxt is not None and any(t.like_num for t in nxt.span):
        feats.append("next_number")
    if transcript is not None and unit.speaker in transcript.speakers:
        feats.extend(transcript.speakers[unit.speaker].features())
    return feats
