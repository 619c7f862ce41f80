"""The quote stage: direct, indirect and mixed quotes with their cue and speaker.

``nlp.add_pipe("quotes")`` after the parser (and after the entity stage, when there is one).
Results go to ``doc.spans["quotes"]`` (one span per quote, labelled with its type) and to
``doc._.quotes`` (dicts shaped like :class:`extractor.records.Quote`).

How it works, in text order and linear time:
1. ``marks`` pairs quotation marks into regions (with multi-paragraph quotes and recovery
   from unbalanced marks);
2. ``indirect`` finds reported speech on each sentence's parse; a reported content that is
   (nearly) all one quotation gives that quotation its cue, one that holds a quoted fragment
   becomes a mixed quote;
3. the remaining quotations look for a cue next to them (after, before, a colon, a dash
   attribution); a quotation interrupted by its cue is merged into one quote with two spans;
   a paragraph-opening quotation without a cue inherits the speaker of the quote before it
   or of the person the previous paragraph introduced as speaking; short quoted fragments
   with no cue (scare quotes, titles) are not quotes;
4. ``speakers`` resolves the cue's subject to an entity.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Token

from ... import extensions
from ...spans import strip_span
from . import cues, indirect, scoring, speakers
from .marks import QuoteRegion, find_regions

#: Text between a closing mark and a dash attribution ('"..." - Commissioner Hill').
_DASH_ATTRIBUTION = re.compile(r"[ \t\xa0]*[-–—―]{1,2}[ \t\xa0]*((?:[A-Z][\w.'’-]*[ \t\xa0]*){1,6})[.]?[ \t\xa0]*$")
#: A line of its own under a quotation that names who said it ('- Bernie Sanders.', '-Michelle Marks,
#: Philadelphia.', '— President Obama, tweeting after the speech.').
_DASH_LINE = re.compile(r"[ \t\xa0]*[-–—―]{1,2}[ \t\xa0]*((?:[A-Z][\w.'’-]*[ \t\xa0]*){1,6}?)[ \t\xa0]*(?:[.]|,[^\n]{0,80})?[ \t\xa0]*$")
_MAX_CUE_AFTER = 8  # tokens between a closing mark and its cue ('," the deputy minister said')
_MAX_CUE_BEFORE = 14  # tokens between a cue and an opening mark ('said on Monday that "')
_MIN_SENTENCE_TOKENS = 4
#: Tags of a finite verb: a quotation hanging on one of its own is not a continuation.
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})
#: 'Marcia "Cia" Price': a capitalised word, a quoted nickname of up to three words, a capitalised word
_NAME_BEFORE = re.compile(r"\b[A-Z][\w.'’-]*[ \xa0]$")
_NAME_AFTER = re.compile(r"^[ \xa0][A-Z][\w'’-]+")
_NICKNAME = re.compile(r"^[A-Z][\w.'’-]*(?:[ \xa0][A-Z][\w.'’-]*){0,2}$")
_MAX_CUE_CLAUSE_WORDS = 30  # '," said Vin Weber, a lobbyist and former congressman from Minnesota. "'  # a quotation with no cue must be at least a short sentence

CONFIDENCE = {
    ("direct", "explicit"): 0.93,
    ("direct", "pronoun"): 0.85,
    ("direct", "description"): 0.85,
    ("direct", "context"): 0.78,
    ("direct", None): 0.55,
    ("mixed", "explicit"): 0.85,
    ("mixed", "pronoun"): 0.78,
    ("mixed", "description"): 0.78,
    ("mixed", None): 0.6,
    ("indirect", "explicit"): 0.8,
    ("indirect", "pronoun"): 0.72,
    ("indirect", "description"): 0.72,
    ("indirect", None): 0.55,
}
#: Beliefs, intentions and evaluations ("X wants to ...") are attributions, but less surely quotes.
FRAME_PENALTY = 0.2


@dataclass
class Candidate:
    """A quote before ids are assigned."""

    type: str
    spans: list[tuple[int, int]]
    cue: tuple[int, int, str] | None = None  # start, end, lemma
    speaker: speakers.Resolved | None = None
    recovered: bool = False
    regions: list[int] = field(default_factory=list)
    tier: str = "speech"  # speech | frame (a belief, intention or evaluation: less certain)

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[-1][1]


@Language.factory(
    "quotes",
    default_config={"min_sentence_tokens": _MIN_SENTENCE_TOKENS, "attributions": True, "judge": True, "min_confidence": 0.0},
)
def make_quotes(nlp: Language, name: str, min_sentence_tokens: int, attributions: bool, judge: bool,
                min_confidence: float) -> "QuoteExtractor":
    return QuoteExtractor(name=name, min_sentence_tokens=min_sentence_tokens, attributions=attributions, judge=judge,
                          min_confidence=min_confidence)


class QuoteExtractor:
    """spaCy component: writes ``doc._.quotes`` and ``doc.spans["quotes"]``, and with ``attributions``
    also ``doc._.attributions`` and ``doc.spans["attributions"]``; never raises on a doc."""

    def __init__(
        self, name: str = "quotes", min_sentence_tokens: int = _MIN_SENTENCE_TOKENS, attributions: bool = True,
        judge: bool = True, min_confidence: float = 0.0,
    ) -> None:
        self.name = name
        self.min_sentence_tokens = min_sentence_tokens
        self.attributions = attributions
        #: score each item with the learned models of scoring.py (off only to collect training data)
        self.judge = judge
        self.min_confidence = min_confidence
        cues.lexicon()  # load the lexicon now, not on the first doc

    def __call__(self, doc: Doc) -> Doc:
        quotes = self._guarded(doc, "quotes_failed", lambda: extract_quotes(doc, self.min_sentence_tokens))
        attributions = None
        if self.attributions and quotes is not None:  # attributions are what the quotes leave over
            attributions = self._guarded(
                doc, "attributions_failed", lambda: extract_attributions(doc, quotes, self.min_sentence_tokens)
            )
        quotes, attributions = quotes or [], attributions or []
        if self.judge:
            quotes = scoring.judge(doc, quotes, "quote", self.min_confidence)
            attributions = scoring.judge(doc, attributions, "attribution", self.min_confidence)
        doc._.quotes = quotes
        doc._.attributions = attributions
        for key, items in (("quotes", quotes), ("attributions", attributions)):
            doc.spans[key] = [
                span
                for q in items
                if (span := doc.char_span(q["start"], q["end"], label=q["type"], alignment_mode="expand")) is not None
            ]
        return doc

    @staticmethod
    def _guarded(doc: Doc, code: str, run) -> list[dict] | None:
        """``run()``, or None and a warning: one odd article must not stop the stream."""
        try:
            return run()
        except Exception as exc:  # noqa: BLE001
            extensions.add_stage_warning(doc, code, exc)
            return None


class _Context:
    """Per-document lookups shared by the rules: token at a character, skipped ranges, paragraphs."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc.text
        self.token_starts = [t.idx for t in doc]
        skip = [(int(s), int(e)) for s, e, *_ in (doc._.boilerplate or [])]
        self.title = (int(doc._.title[0]), int(doc._.title[1])) if doc._.title else None
        if self.title:
            skip.append(self.title)
        self.skip = sorted(skip)
        paras = doc._.paragraphs
        self.paragraphs = [(int(s), int(e)) for s, e in paras] if paras else [(0, len(self.text))]
        self.para_starts = [p[0] for p in self.paragraphs]

    def token_at(self, char: int) -> Token:
        i = max(0, bisect.bisect_right(self.token_starts, char) - 1)
        return self.doc[min(i, len(self.doc) - 1)]

    def skipped(self, start: int, end: int) -> bool:
        return any(start < e and s < end for s, e in self.skip)

    def paragraph_of(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.para_starts, char) - 1)


def extract_attributions(doc: Doc, quotes: list[dict], min_sentence_tokens: int = _MIN_SENTENCE_TOKENS) -> list[dict]:
    """Beliefs, intentions, stances and evaluations of ``doc`` ("X thinks ...", "X endorsed Y"), as
    dicts shaped like records.Attribution, in text order.

    They come from a second pass with the frame tier on, less what ``quotes`` already says: an
    attribution that covers half of a quote (or of which a quote covers half) is that quote read
    again. A second pass rather than one mixed pass keeps ``quotes`` exactly what it is without
    beliefs, since a belief's content may hold a quotation that is a quote in its own right.
    """
    found = []
    for item in extract_quotes(doc, min_sentence_tokens, attributions=True):
        if not any(_covers_half(item, q) for q in quotes):
            found.append(item)
    for n, item in enumerate(found, 1):
        item["id"] = f"A{n}"
    return found


def _covers_half(a: dict, b: dict) -> bool:
    overlap = min(a["end"], b["end"]) - max(a["start"], b["start"])
    return overlap > 0 and 2 * overlap > min(a["end"] - a["start"], b["end"] - b["start"])


def extract_quotes(doc: Doc, min_sentence_tokens: int = _MIN_SENTENCE_TOKENS, attributions: bool = False) -> list[dict]:
    """All quotes of ``doc`` as dicts shaped like records.Quote, in text order.

    With ``attributions``, beliefs, intentions and evaluations ("X thinks ...", "X endorsed Y")
    are read too, as indirect quotes of lower confidence (``extract_attributions`` keeps those
    apart from the quotes).
    """
    if not len(doc) or not doc.has_annotation("DEP"):
        return []
    ctx = _Context(doc)
    labels = _speaker_labels(ctx)
    regions = [
        r for r in find_regions(ctx.text, ctx.paragraphs)
        if (not ctx.skipped(r.open_mark, r.close_mark) or r.open_mark in labels)  # 'Trump: “...”' headlines
        and not _is_nickname(ctx.text, r) and not _is_show_title(ctx.text, r)
    ]
    regions = _split_transcripts(ctx, regions, labels)
    bounds = [(r.open_mark, r.close_mark) for r in regions]
    index = speakers.EntityIndex.build(doc, bounds)
    lexicon = cues.lexicon()
    region_cues: dict[int, indirect.Reported] = {}
    candidates, consumed = _reported_speech(ctx, regions, bounds, lexicon, index, region_cues, attributions)
    candidates += _headline_label(ctx, labels, regions, consumed, index)
    candidates += _direct_quotes(ctx, regions, consumed, region_cues, lexicon, index, min_sentence_tokens, labels)
    candidates += _labelled_lines(ctx, labels, bounds, index)
    candidates += _headline_speech(ctx, index)
    candidates = _drop_nested(candidates)
    candidates.sort(key=lambda c: (c.start, c.end))
    candidates = _attach_context_speakers(ctx, candidates, lexicon, index)
    return [_as_dict(ctx.text, c, i + 1) for i, c in enumerate(_dedupe(candidates))]


def _is_nickname(text: str, region: QuoteRegion) -> bool:
    """'Del. Marcia "Cia" Price': part of a name, not a quotation; left in, it would also hide the
    cue after it from the real quote before it."""
    if len(region.spans) != 1 or region.recovered:
        return False
    return bool(
        _NICKNAME.match(text[region.start : region.end])
        and _NAME_BEFORE.search(text[max(0, region.open_mark - 40) : region.open_mark])
        and _NAME_AFTER.match(text[region.close_mark : region.close_mark + 40])
    )


#: "on CBS's", "ABC News’s", "an appearance on", "the book", "a Web ad,", "titled": what comes
#: before the name of a show or a work; and "told" before the show told ('told "Fox and Friends."')
_TITLE_BEFORE = re.compile(
    r"(?:['’]s|\bon|\b(?:book|film|movie|documentary|show|program|programme|series|ad|advert|commercial|video"
    r"|song|album|play|musical|novel|memoir|column|op-ed|essay|podcast|episode|titled|entitled|told|tells|telling),?)[ \xa0]$",
    re.IGNORECASE,
)


def _is_show_title(text: str, region: QuoteRegion) -> bool:
    """'on CBS's "Face the Nation,"': a short title-cased name after a possessive or 'on' is a
    programme or a work, not words anyone said."""
    if len(region.spans) != 1 or region.recovered:
        return False
    content = text[region.start : region.end]
    return (len(content.split()) <= 6 and _title_cased(content)
            and bool(_TITLE_BEFORE.search(text[max(0, region.open_mark - 14) : region.open_mark])))


# --- reported speech ---------------------------------------------------------------------------


def _inside(bounds: list[tuple[int, int]], pos: int) -> int | None:
    """Index of the region whose marks enclose ``pos``, if any."""
    i = bisect.bisect_right(bounds, (pos, 1 << 60)) - 1
    if i >= 0 and bounds[i][0] <= pos < bounds[i][1]:
        return i
    return None


def _overlapping(bounds: list[tuple[int, int]], start: int, end: int) -> list[int]:
    i = max(0, bisect.bisect_right(bounds, (start, 1 << 60)) - 1)
    out = []
    while i < len(bounds) and bounds[i][0] < end:
        if bounds[i][1] > start:
            out.append(i)
        i += 1
    return out


def _reported_speech(ctx, regions, bounds, lexicon, index, region_cues, attributions: bool = False):
    """Indirect and mixed quotes from the parse; quotations that are a report's whole content get its cue."""
    found: list[Candidate] = []
    consumed: set[int] = set()
    for sent in ctx.doc.sents:
        if ctx.skipped(sent.start_char, sent.end_char):
            continue
        for item in indirect.find_reported(sent, lexicon, frames=attributions):
            if item.cue is None or _inside(bounds, item.cue.idx) is not None:
                continue  # speech reported inside a quotation belongs to the quotation
            speaker = _speaker(item.subject, index)
            if item.named_holder and (speaker is None or not speaker.known):
                continue  # 'the bill seeks to ...', 'all signs pointed to ...': no one holds it
            inner = _overlapping(bounds, item.start, item.end)
            if inner and _mostly_quoted(ctx.text, item, [regions[i] for i in inner]):
                for i in inner:
                    region_cues.setdefault(i, item)
                continue
            if inner and _absorbed_set_off_name(ctx, item, regions[inner[0]], regions[inner[-1]]):
                continue  # the quotation is quoted on its own, with the name as its speaker
            start = min([item.start] + [bounds[i][0] for i in inner])
            end = max([item.end] + [bounds[i][1] for i in inner])
            if inner and bounds[inner[0]][0] < item.start:
                start = item.start  # the report starts inside a quotation: keep its own start
            consumed.update(inner)
            spans = [strip_span(ctx.text, s, e) for s, e in _content_pieces(item, start, end, [bounds[i] for i in inner])]
            cand = Candidate(
                type="mixed" if inner else "indirect",
                spans=spans,
                cue=_cue_tuple(item),
                speaker=speaker,
                regions=inner,
                tier=item.tier,
            )
            found.append(cand)
    return found, consumed


def _absorbed_set_off_name(ctx: _Context, item: indirect.Reported, first: QuoteRegion, last: QuoteRegion) -> bool:
    """'"... our military," Flynn, a top Trump surrogate, said on Fox': the parser hung the name
    on a word of the quotation, so the report's content runs from inside the quotation over its
    closing mark to the cue. The quotation is the content and the name set off after it speaks,
    as the direct-quote pass finds."""
    if item.start < first.open_mark or not last.close_mark <= item.cue.idx or item.end <= last.close_mark:
        return False
    close_tok = ctx.token_at(last.close_mark - 1)
    return _name_set_off_before(ctx.doc, close_tok.i + 1, item.cue) is not None


def _content_pieces(item: indirect.Reported, start: int, end: int, inner: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A content's pieces, widened to ``start`` and ``end`` (the quotations in it): a cue that
    interrupts a mixed quote ('The golf industry, she said, is "doing much better"') stays out of it,
    unless a quotation runs across the cue."""
    pieces = item.pieces or []
    gaps = list(zip((e for _, e in pieces), (s for s, _ in pieces[1:])))
    if not gaps or any(qs < ge and gs < qe for qs, qe in inner for gs, ge in gaps):
        return [(start, end)]
    return [(start, pieces[0][1]), *pieces[1:-1], (pieces[-1][0], end)]


def _mostly_quoted(text: str, item: indirect.Reported, inner: list[QuoteRegion]) -> bool:
    """True when a reported content is all one quotation but for a 'that' and punctuation."""
    quoted = sum(
        1 for r in inner for ch in text[max(item.start, r.open_mark) : min(item.end, r.close_mark)] if ch.isalnum()
    )
    return sum(1 for ch in text[item.start : item.end] if ch.isalnum()) - quoted <= 4


def _cue_tuple(item: indirect.Reported) -> tuple[int, int, str] | None:
    if item.cue is None:
        return None
    end_tok = item.cue_end or item.cue
    lemma = "according to" if item.kind == "according" else item.cue.lemma_.lower()
    if end_tok.i != item.cue.i and item.kind != "according":
        lemma = f"{lemma} {end_tok.lower_}"  # a phrasal cue: 'call for', 'refer to'
    start = item.cue.idx
    if item.negation is not None:
        start, lemma = item.negation.idx, f"not {lemma}"  # "wouldn't say": the cue shows the negation
    return start, end_tok.idx + len(end_tok.text), lemma


def _speaker(subject: Token | None, index: speakers.EntityIndex) -> speakers.Resolved | None:
    if subject is None:
        return None
    return speakers.resolve(subject, index)


# --- direct quotes -----------------------------------------------------------------------------


@dataclass
class _DirectCue:
    verb: Token | None
    subject: Token | None
    where: str  # after | before | report | fragment | dash | label
    name_span: tuple[int, int] | None = None  # the name itself (dash and label attributions)


def _direct_quotes(ctx, regions, consumed, region_cues, lexicon, index, min_tokens, labels) -> list[Candidate]:
    """Quotations that are quotes in their own right, with cue and speaker where the text gives them."""
    found: list[Candidate] = []
    previous: tuple[Candidate, _DirectCue | None] | None = None
    for i, region in enumerate(regions):
        if i in consumed:
            continue
        cue = _label_cue(ctx, labels, region) or _report_cue(region_cues.get(i))
        if cue is None and not _is_standalone(ctx, region, min_tokens):
            # a fragment ('called Clinton a "champion"'): the verb that governs it beats a nearer one
            cue = _fragment_cue(ctx, region, naming_only=True)
        cue = cue or _find_direct_cue(ctx, regions, i, lexicon)
        if previous is not None and _continues(ctx, previous, i, region, cue):
            cand = previous[0]
            cand.spans.extend(strip_span(ctx.text, s, e) for s, e in region.spans)
            cand.regions.append(i)
            continue
        if cue is None and not _is_standalone(ctx, region, min_tokens):
            cue = _fragment_cue(ctx, region)
            if cue is None:
                previous = None
                continue
        report = region_cues.get(i)
        cand = Candidate(
            type="direct",
            spans=[strip_span(ctx.text, s, e) for s, e in region.spans],
            recovered=region.recovered,
            regions=[i],
            tier="frame" if _belief_cued(report, cue, lexicon) else "speech",
        )
        _apply_cue(ctx, cand, cue, index)
        found.append(cand)
        previous = (cand, cue)
    return found


def _belief_cued(report: indirect.Reported | None, cue: _DirectCue | None, lexicon: cues.Lexicon) -> bool:
    """A quotation that is all of a belief's content ('led him to fear a "Putin-Ribbentrop Pact"') is
    as uncertain as the belief; one that is a speech act's ('urged voters to "send a message"') is not."""
    return (report is not None and cue is not None and cue.where == "report" and report.tier == "frame"
            and not lexicon.is_speech_act(report.cue))


def _report_cue(item: indirect.Reported | None) -> _DirectCue | None:
    if item is None or item.cue is None:
        return None
    subject = item.subject or cues.speaker_of(item.cue, content_before=item.end <= item.cue.idx)
    return _DirectCue(item.cue, subject, "report")


def _find_direct_cue(ctx: _Context, regions: list[QuoteRegion], i: int, lexicon: cues.Lexicon) -> _DirectCue | None:
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
    if after is not None and cues.is_addressed(after) and before is not None and not cues.is_addressed(before):
        after = None  # 'voters reported "no opinion" when asked whether ...': the answer is reported before
    if after is not None:
        subject = _name_set_off_before(doc, close_tok.i + 1, after) or cues.speaker_of(after, content_before=True)
        if not _within_subject(subject, region):
            return _DirectCue(after, subject, "after")
        after = None
    unlisted = _noun_tagged_cue(doc, close_tok, lexicon) or _bare_cue_clause(ctx, region, next_open, lexicon)
    if unlisted is not None:
        return unlisted
    dash = _dash_attribution(ctx, region)
    if dash is not None:
        return dash
    if before is None and _starts_paragraph(ctx, region):
        before = _colon_cue(ctx, region, lexicon)
    if before is not None:
        verb = before.head if before.pos_ == "NOUN" else before  # a speech noun speaks for its verb's subject
        return _DirectCue(before, cues.speaker_of(verb, content_before=False), "before")
    return _introducing_clause(ctx, regions, i, lexicon)


def _cue_before(doc: Doc, open_tok: Token, fence: int, lexicon: cues.Lexicon) -> Token | None:
    """The speech verb before a quotation, in its sentence and after ``fence``. Past a passive 'asked'
    to the verb that reports the answer ('who told Congress when asked about the inquiry: "..."');
    'Asked about it, he said: "..."' keeps 'said', the nearer one."""
    stop = open_tok.sent.start - 1
    before = _scan(doc, open_tok.i - 1, stop, fence, lexicon, _MAX_CUE_BEFORE, -1)
    if before is not None and cues.is_addressed(before):
        further = _scan(doc, before.i - 1, stop, fence, lexicon, _MAX_CUE_BEFORE, -1)
        if further is not None and not cues.is_addressed(further):
            return further
    return before


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
    verb = _scan(doc, start, stop, fence, lexicon, _MAX_CUE_CLAUSE_WORDS, 1)
    if verb is None:
        return None
    if sum(not t.is_punct for t in doc[start : verb.i]) < _MAX_CUE_AFTER:
        return verb  # as _scan counts words: fewer than the near reach before the verb
    subject = cues.subject_of(verb)
    if (subject is not None and start <= subject.i < verb.i and subject.left_edge.i <= start
            and all(t.is_punct for t in doc[subject.right_edge.i + 1 : verb.i])):
        return verb
    return verb if _name_set_off_before(doc, start, verb) is not None else None


def _name_set_off_before(doc: Doc, start: int, verb: Token) -> Token | None:
    """'," Mr. Daniloff, now 81 and retired in Cambridge, Mass., said by telephone': a name right
    after the quotation, then words set off by commas, then the verb; whatever the parser made of
    the words between, the name speaks."""
    i = start
    while i < verb.i and doc[i].is_punct:
        i += 1
    while i < verb.i and doc[i].pos_ == "PROPN" and doc[i].ent_type_ != "PERSON":
        i += 1  # an honorific or title before the name ('Mr.', 'Sen.')
    if i >= verb.i or doc[i].ent_type_ != "PERSON" or doc[i].ent_iob_ != "B":
        return None
    end = i
    while end + 1 < verb.i and doc[end + 1].ent_iob_ == "I":
        end += 1
    between = doc[end + 1 : verb.i]
    if len(between) < 2 or between[0].text != "," or between[-1].text != "," or any(t.is_quote for t in between):
        return None
    return doc[end]


#: Most words in a clause that attributes the quotation before it with a verb the lexicon does not
#: list ('," Trump shot back.', '?" reacted Trump.').
_MAX_BARE_CUE_WORDS = 14
#: Dependents that give a verb something to say or be, beyond who says it and how.
_CONTENT_DEPS = frozenset({"dobj", "ccomp", "xcomp", "dative", "attr", "oprd", "acomp", "advcl"})


def _bare_cue_clause(ctx: _Context, region: QuoteRegion, next_open: int, lexicon: cues.Lexicon) -> _DirectCue | None:
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
    if not (ctx.token_at(region.open_mark).is_sent_start or _starts_paragraph(ctx, region)):
        return None
    start = close_tok.i + 1
    end = next((j for j in range(start, min(start + _MAX_BARE_CUE_WORDS + 2, len(doc)))
                if doc[j].text in (".", "!", "?", ";", ":") or doc[j].idx >= next_open), None)
    if end is None or end == start or doc[end].idx >= next_open and doc[end].text not in ("“", '"'):
        return None
    words = doc[start:end]
    verbs = [t for t in words if t.pos_ == "VERB" and t.dep_ not in cues.SUBJECT_DEPS]  # 'Trump' tagged VB
    if len(verbs) != 1 or verbs[0].tag_ not in _FINITE_TAGS or cues.is_negated(verbs[0]):
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
    return _DirectCue(verb, subject, "after")


def _can_speak(subject: Token, lexicon: cues.Lexicon) -> bool:
    """A subject that may have said something: someone named, a pronoun for a person, people, or a
    thing that speaks for its author ('the editorial'). Not a relative pronoun ('," which votes in May')."""
    if subject.tag_ in cues.RELATIVE_TAGS:
        return False
    if _names_someone(subject) or cues.is_people(subject) or subject.lemma_.lower() in lexicon.speech_nouns:
        return True
    return subject.text[:1].isupper() and subject.pos_ != "PRON"  # a name the tagger missed ('Trump' as a verb)


#: Most words in a cue clause the tagger read as one noun phrase ('," a voice-over in the ad states.').
_MAX_NOUN_CLAUSE = 9


def _noun_tagged_cue(doc: Doc, close_tok: Token, lexicon: cues.Lexicon) -> _DirectCue | None:
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
    return _DirectCue(verb, subject, "after") if subject is not None else None


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


def _introducing_clause(ctx: _Context, regions: list[QuoteRegion], i: int, lexicon: cues.Lexicon) -> _DirectCue | None:
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
    subject = cues.subject_of(root)
    if subject is None or not (_names_someone(subject) or subject.lemma_.lower() in lexicon.speech_nouns):
        return None
    if any(r.open_mark <= t.idx < r.close_mark for r in regions[:i] for t in (root, subject)):
        return None
    return _DirectCue(root, subject, "before")


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


def _dash_attribution(ctx: _Context, region: QuoteRegion) -> _DirectCue | None:
    """'"..." - Commissioner Hill': capitalised words after a dash, to the end of the paragraph."""
    if region.recovered:
        return _signature(ctx, region)
    para = ctx.paragraphs[ctx.paragraph_of(region.close_mark)]
    line_end = ctx.text.find("\n", region.close_mark, para[1])
    tail = ctx.text[region.close_mark : para[1] if line_end < 0 else line_end]
    match, offset = _DASH_ATTRIBUTION.match(tail), region.close_mark
    if match is None and not tail.strip() and _starts_paragraph(ctx, region):
        # a quotation standing as its own paragraph, signed on the line under it
        offset = _next_line_start(ctx.text, region.close_mark)
        end = ctx.text.find("\n", offset)
        match = _DASH_LINE.match(ctx.text[offset : len(ctx.text) if end < 0 else end])
    if not match:
        return None
    s, e = strip_span(ctx.text, offset + match.start(1), offset + match.end(1))
    last_word = ctx.text[s:e].split()[-1]
    if last_word.endswith(".") and len(last_word) > 3:
        e -= 1  # a full stop after a name ('― Tom Lee.'), not an initial ('Oscar P.')
    return _DirectCue(None, ctx.token_at(e - 1), "dash", name_span=(s, e))


def _signature(ctx: _Context, region: QuoteRegion) -> _DirectCue | None:
    """A pull quote signed inside its marks on the line under it ('"I worry that ...\nDean Baker,
    Center for Economic and Policy Research."'): the quotation left open at its paragraph's end,
    the next paragraph a name, a comma, an affiliation and the closing mark."""
    p = ctx.paragraph_of(region.close_mark - 1)
    if p + 1 >= len(ctx.paragraphs) or ctx.paragraphs[p][1] > region.close_mark + 2:
        return None
    start, end = ctx.paragraphs[p + 1]
    match = _SIGNATURE.match(ctx.text, start, end)
    if match is None or not _is_name(ctx, match.start(1), match.end(1)):
        return None
    return _DirectCue(None, ctx.token_at(match.end(1) - 1), "dash", name_span=match.span(1))


#: A signature line that closes a pull quote: name, comma, affiliation, closing mark.
_SIGNATURE = re.compile(r"[ \t\xa0]*([A-Z][\w.'’-]*(?:[ \t\xa0]+[A-Z][\w.'’-]*){1,3}),[ \t\xa0]+[^\n\"“”]{2,80}[\"”][ \t\xa0]*$")


def _next_line_start(text: str, pos: int) -> int:
    """Where the first line with words after ``pos`` starts."""
    at = text.find("\n", pos)
    if at < 0:
        return len(text)
    while at < len(text) and text[at] in "\n \t\xa0\r":
        at += 1
    while at > 0 and text[at - 1] in " \t\xa0":
        at -= 1
    return at


def _starts_paragraph(ctx: _Context, region: QuoteRegion) -> bool:
    return ctx.paragraphs[ctx.paragraph_of(region.open_mark)][0] == region.open_mark


def _colon_cue(ctx: _Context, region: QuoteRegion, lexicon: cues.Lexicon) -> Token | None:
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
        if token.lemma_.lower() in lexicon.speech_nouns and token.dep_ == "dobj" and cues.subject_of(token.head) is not None:
            return token
    return None


def _fragment_cue(ctx: _Context, region: QuoteRegion, naming_only: bool = False) -> _DirectCue | None:
    """A partial quote ('calling him "a total stiff"'): the verb that governs the fragment, when its
    subject is a person, an organisation or a pronoun. Titles ("Meet the Press") are not quotes."""
    if len(region.spans) != 1 or _title_cased(ctx.text[region.start : region.end]):
        return None
    span = ctx.doc.char_span(region.start, region.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    token = span.root
    below: Token | None = None
    for _ in range(5):
        if token.pos_ == "VERB" and not region.start <= token.idx < region.end:
            if below is not None and below.dep_ in cues.SUBJECT_DEPS:
                return None  # the fragment is in the verb's subject, not what the verb reports
            subject = cues.subject_of(token)
            naming = token.lemma_.lower() in cues.lexicon().naming
            if naming_only and not naming:
                return None
            # 'Obama, who called the nominee "unfit to serve"': a naming verb's relative pronoun
            named = speakers.antecedent(subject) if subject is not None and naming else subject
            if named is not None and (_names_someone(named) or (naming and named.pos_ in ("NOUN", "PROPN"))):
                return _DirectCue(token, subject, "fragment")
            return None
        if token.head.i == token.i:
            break
        below, token = token, token.head
    return _naming_verb_before(ctx, region, span)


#: How many words a naming verb may stand before a fragment the parser did not hang on it.
_MAX_NAMING_GAP = 6


def _naming_verb_before(ctx: _Context, region: QuoteRegion, fragment: Span) -> _DirectCue | None:
    """'Beruff, a Scott ally, called Florida's standards "strong."' parsed with the fragment hung on
    the name: a naming verb a few words before the fragment, in its sentence, still names it."""
    sent = fragment[0].sent
    words = 0
    for i in range(ctx.token_at(region.open_mark).i - 1, sent.start - 1, -1):
        token = ctx.doc[i]
        if token.is_quote:
            return None  # another quotation lies between
        if token.pos_ == "VERB" and token.lemma_.lower() in cues.lexicon().naming and not cues.is_negated(token):
            subject = cues.speaker_of(token, content_before=False)
            if subject is not None and subject.pos_ in ("NOUN", "PROPN", "PRON"):
                return _DirectCue(token, subject, "fragment")
            return None
        words += not token.is_punct
        if words > _MAX_NAMING_GAP:
            return None
    return None


def _title_cased(text: str) -> bool:
    words = [w for w in text.split() if len(w) > 3 and w[0].isalpha()]
    return bool(words) and sum(w[0].isupper() for w in words) / len(words) >= 0.6


def _names_someone(token: Token) -> bool:
    if token.pos_ == "PRON":
        return token.lower_ in ("he", "she", "they", "i", "we", "it")
    return token.pos_ == "PROPN" or token.ent_type_ in ("PERSON", "ORG") or any(
        t.ent_type_ in ("PERSON", "ORG") for t in token.subtree
    )


def _is_standalone(ctx: _Context, region: QuoteRegion, min_tokens: int) -> bool:
    """A quotation with no cue is a quote only when it is a sentence of its own, not a scare quote."""
    start, end = region.start, region.end
    first = ctx.token_at(start)
    words = sum(1 for t in ctx.doc[first.i : ctx.token_at(max(start, end - 1)).i + 1] if not t.is_punct)
    if words < min_tokens:
        return False
    open_tok = ctx.token_at(region.open_mark)
    return open_tok.is_sent_start or first.is_sent_start or _starts_paragraph(ctx, region)


def _continues(ctx, previous, i: int, region: QuoteRegion, cue: _DirectCue | None) -> bool:
    """'"The plan," she said, "is dead."': the second quotation continues the first across its cue."""
    cand, prev_cue = previous
    if prev_cue is None or prev_cue.where not in ("after", "report") or prev_cue.verb is None:
        return False
    same_verb = cue is not None and cue.verb is not None and cue.verb.i == prev_cue.verb.i
    if cue is not None and not same_verb and cue.where != "before":
        return False
    if ctx.paragraph_of(cand.end) != ctx.paragraph_of(region.open_mark):
        return False
    if i != cand.regions[-1] + 1:
        return False  # another quotation (reported on its own) lies between them
    gap = ctx.text[cand.end : region.open_mark]
    if not (prev_cue.verb.idx > cand.end and prev_cue.verb.idx < region.open_mark):
        return False
    # the gap is the cue clause alone: the second quotation hangs on no other finite verb in it
    # ('"...," Miller said. Silverman responded, "..."' and '..., who thinks "..."' are two quotes)
    if len(gap.split()) > _MAX_CUE_CLAUSE_WORDS:
        return False
    # ('... in the spot titled "Dangerous," warning ..., pledging to "..."': a cue of its own)
    governor = _governing_verb(ctx, region)
    return not (
        governor is not None and governor.i != prev_cue.verb.i
        and (governor.tag_ in _FINITE_TAGS or cues.is_reporting(governor))
        and cand.end <= governor.idx < region.open_mark
    )


def _governing_verb(ctx: _Context, region: QuoteRegion) -> Token | None:
    """The first verb outside a quotation that its words hang on, if any (within a few links)."""
    span = ctx.doc.char_span(region.start, region.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    token = span.root
    for _ in range(4):
        if token.head.i == token.i:
            return None
        token = token.head
        if not region.open_mark <= token.idx < region.close_mark and token.pos_ == "VERB":
            return token
    return None


def _named_speaker(ctx: _Context, name: tuple[int, int], index: speakers.EntityIndex) -> speakers.Resolved:
    """A speaker the text names outright, with no verb to parse: a dash, a label, a headline."""
    words = ctx.text[name[0] : name[1]]
    last = words.split()[-1:]
    entity = index.at(*name) or (index.by_last_word(last[0]) if last else None)
    return speakers.Resolved(entity, name, "explicit", name=words)


def _apply_cue(ctx: _Context, cand: Candidate, cue: _DirectCue | None, index: speakers.EntityIndex) -> None:
    if cue is None:
        return
    if cue.where in ("dash", "label"):
        cand.speaker = _named_speaker(ctx, cue.name_span, index)
        if cue.where == "label":
            colon = ctx.text.index(":", cue.name_span[1])
            cand.cue = (colon, colon + 1, ":")
        return
    if cue.verb is not None:
        verb = cue.verb
        if verb.lower_ == "according" and verb.i + 1 < len(verb.doc):
            end_tok = verb.doc[verb.i + 1]
            cand.cue = (verb.idx, end_tok.idx + len(end_tok.text), "according to")
        else:
            cand.cue = (verb.idx, verb.idx + len(verb.text), verb.lemma_.lower())
    subject = cue.subject
    if subject is not None and cue.verb is not None and any(s <= subject.idx < e for s, e in cand.spans):
        # the parser took a word of the quotation for the subject ('"... Ferguson," Trump said')
        subject = cues.preceding_subject(cue.verb) or _subject_outside(cand, cue.verb)
    cand.speaker = _speaker(subject, index)


def _subject_outside(cand: Candidate, verb: Token) -> Token | None:
    """A cue's subject when the parser hung the cue on a word of its own quotation.

    After the quotation, the name after the verb speaks ('"...," said Skelly'). Before it, that
    name is whoever was spoken to ('Clinton seemed ready to riff on it, telling the crowd, "..."');
    the subject of the sentence's main verb, outside the quotation, speaks.
    """
    if cand.end <= verb.idx or verb.is_sent_start:
        return cues.inverted_subject(verb)

    def quoted(token: Token) -> bool:
        return any(s <= token.idx < e for s, e in cand.spans)

    root = verb.sent.root
    if quoted(root):
        # 'Weaver did not seem impressed, telling reporters, "A lot of people said ..."' with the
        # quotation's verb as the root: the last clause above the cue outside the quotation
        clause = verb
        while clause.head.i != clause.i and not quoted(clause.head):
            clause = clause.head
        return next((c for c in clause.children if c.dep_ in cues.SUBJECT_DEPS and c.pos_ != "PUNCT"
                     and c.i < verb.i and not quoted(c)), None) if clause is not verb else None
    subject = cues.subject_of(root)
    return subject if subject is not None and subject.i < verb.i else None


# --- "Name: words" lines -----------------------------------------------------------------------

#: 'Trump: ...', 'Rep. Trey Gowdy (R-S.C.): ...', 'CNN President On Trump: ...' at a paragraph start.
_LABEL = re.compile(r"[ \t]*" "[\"\u201c]?" r"([A-Z][\w.'’()&-]*(?:[ \t]+[\w.'’()&-]+){0,7}?)[ \t]*:[ \t]*(?=\S)")
#: A heading set off by a dash before a label, and how far into a paragraph it may run.
_HEADING_DASH = re.compile(r"[ \t][-\u2013\u2014][ \t]+(?=[A-Z])")
_MAX_HEADING_CHARS = 200
#: 'More from Jones:' names Jones.
_FROM_SOURCE = re.compile(r"(?:More[ \t]+)?[Ff]rom[ \t]+")
#: Labels that head a paragraph without naming a speaker.
_NOT_SPEAKER_LABELS = frozenset(
    "note editor update updated correction source sources photo photos video watch read related see also "
    "caption credit image getty ap reuters via by q a transcript disclosure clarification warning "
    "subscribe follow listen share tags topics more and or but so the this that here what why how when".split()
)


@dataclass
class _Label:
    name: tuple[int, int]  # the speaker's words
    content: tuple[int, int]  # after the colon, to the end of the paragraph


def _speaker_labels(ctx: _Context) -> dict[int, _Label]:
    """Paragraphs (and the title) that open with a speaker's name and a colon, by content start.

    Transcripts, debate write-ups and headlines give speech this way: 'Bush: "The mission is to
    destroy ISIS."'. The name must be a person or organisation entity, or a transcript's capitals
    ('PENCE:'), and hold no verb, so 'He added: ...' and 'The reason is simple: ...' are not labels.
    """
    labels: dict[int, _Label] = {}
    for start, end in ctx.paragraphs:
        if ctx.skipped(start, end) and not _covers_title(ctx, start, end):
            continue
        found = _label_at(ctx, start, end, title=_covers_title(ctx, start, end))
        if found is None:
            # a digest item: 'IOWA POLLS NOT WRONG, JUST TOO EARLY - Mark Blumenthal: "..."'
            dash = _HEADING_DASH.search(ctx.text, start, min(end, start + _MAX_HEADING_CHARS))
            found = _label_at(ctx, dash.end(), end) if dash else None
        if found is None:
            continue
        (name_start, name_end), match = found
        content = strip_span(ctx.text, match.end(), end)
        if content[1] - content[0] < 12:
            continue
        labels[content[0]] = _Label((name_start, name_end), content)
    return labels


#: '(CROSSTALK.)', '(LAUGHTER)': a transcript's stage direction, nobody's words.
_STAGE_DIRECTION = re.compile(r"\([^()]*\)\.?")


def _split_transcripts(ctx: _Context, regions: list[QuoteRegion], labels: dict[int, _Label]) -> list[QuoteRegion]:
    """A transcript quoted as one long quotation ('"WALLACE: ...' / '"PENCE: ...', each paragraph
    opening with a mark) is one quote per speaker turn: a paragraph that opens with a label starts a
    new quotation, one without continues the turn before it, and '(CROSSTALK.)' is nobody's."""
    by_name = {label.name[0]: label for label in labels.values()}
    out: list[QuoteRegion] = []
    for region in regions:
        if len(region.spans) < 2 or not any(s in by_name for s, _ in region.spans):
            out.append(region)
            continue
        turn: QuoteRegion | None = None
        for s, e in region.spans:
            label = by_name.get(s)
            if _STAGE_DIRECTION.fullmatch(ctx.text, s, e):
                continue  # '(CROSSTALK.)' interrupts no turn
            if label is None and ctx.skipped(s, e):
                turn = None  # 'Follow X on Twitter' ends the transcript
                continue
            if label is not None or turn is None:
                start = label.content[0] if label is not None else s
                turn = QuoteRegion(spans=[(start, e)], kind=region.kind, recovered=region.recovered,
                                   open_mark=start if label is not None else region.open_mark, close_mark=e)
                out.append(turn)
            else:
                turn.spans.append((s, e))
                turn.close_mark = e
    return out


#: 'Lindsey Graham Says Trump Could Address Clean Energy': a source, a present-tense cue, the content.
_HEADLINE_CUES = r"(?P<cue>[Ss]ays|[Tt]ells|[Ww]arns|[Cc]laims|[Ii]nsists|[Aa]dmits|[Pp]redicts|[Dd]enies|[Vv]ows)"
_HEADLINE_SOURCE = r"(?P<src>[A-Z][\w.'’-]*(?:[ \xa0][\w.'’()-]+){0,5}?)"
_HEADLINE_SPEECH = (
    # 'X Says Y'
    re.compile(_HEADLINE_SOURCE + r"[ \xa0]+" + _HEADLINE_CUES + r"[ \xa0]+(?P<content>\S.{10,})"),
    # 'Y, X Says.'
    re.compile(r"(?P<content>\S.{10,}?),[ \xa0]+" + _HEADLINE_SOURCE + r"[ \xa0]+" + _HEADLINE_CUES + r"\.?"),
)


def _headline_speech(ctx: _Context, index: speakers.EntityIndex) -> list[Candidate]:
    """A headline of the form 'X Says Y' or 'Y, X Says' is Y reported by X; the body may never repeat it."""
    if ctx.title is None:
        return []
    start, end = ctx.title
    match = next((m for pattern in _HEADLINE_SPEECH if (m := pattern.fullmatch(ctx.text, start, end))
                  and _is_name(ctx, *m.span("src"), headline=True)), None)
    if match is None:
        return []
    content = strip_span(ctx.text, *match.span("content"))
    quoted = bool(find_regions(ctx.text, [content]))  # the mark classifier, so "Won’t" is no quote
    cand = Candidate(type="mixed" if quoted else "indirect", spans=[content])
    cue_start, cue_end = match.span("cue")
    verb = match.group("cue").lower()
    cand.cue = (cue_start, cue_end, "deny" if verb == "denies" else verb[:-1])
    cand.speaker = _named_speaker(ctx, match.span("src"), index)
    return [cand]


def _covers_title(ctx: _Context, start: int, end: int) -> bool:
    return ctx.title is not None and start <= ctx.title[0] and ctx.title[1] <= end


def _is_name(ctx: _Context, start: int, end: int, headline: bool = False) -> bool:
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    if span is None or not 1 <= len(span) <= 8:
        return False
    words = [t for t in span if t.is_alpha]
    if not words or words[0].lower_ in _NOT_SPEAKER_LABELS or len(words[0].text) < 2:
        return False
    if any(t.pos_ in ("VERB", "AUX") and not t.is_title for t in span):
        return False
    if any(t.ent_type_ in ("PERSON", "ORG") for t in span) or _known_name(ctx, words):
        return True
    if headline:
        # headlines capitalise every word; a source there is a name or a role ('Former White
        # House Doctor'), never a pronoun or a plain noun phrase ('Poll', 'New Data')
        return len(words) >= 2 and all(t.is_title or t.is_upper for t in words) and not any(
            t.pos_ == "PRON" for t in span)
    # a transcript's speaker in capitals ('PENCE:', 'MR. TRUMP:'); other capitalised words are headings
    return len(words) <= 3 and all(t.is_upper for t in words)


def _label_at(ctx: _Context, pos: int, end: int, title: bool = False) -> tuple[tuple[int, int], re.Match] | None:
    """A speaker label starting at ``pos``: its name's span and the match, or None. A headline's
    label may also be a source that is not a name ('Poll: Trump leads in Ohio')."""
    match = _LABEL.match(ctx.text, pos, end)
    if match is None:
        return None
    name_start, name_end = match.start(1), match.end(1)
    source = _FROM_SOURCE.match(ctx.text, name_start, name_end)
    if source:
        name_start = source.end()  # 'More from Jones:', 'From the report:'
    cut = re.search(r"\s(?:on|about|to|in|at)\s", ctx.text[name_start:name_end], flags=re.IGNORECASE)
    if cut:
        name_end = name_start + cut.start()
    if _is_name(ctx, name_start, name_end) or (title and _is_source_noun(ctx, name_start, name_end)):
        return (name_start, name_end), match
    return None


#: What a headline names as a source when it names no one: 'Poll: ...', 'Report: ...'.
_HEADLINE_SOURCE_NOUNS = frozenset(
    "poll polls survey report study studies experts officials sources aides advisers historians analysts "
    "economists scientists critics voters democrats republicans newspaper".split()
)


def _is_source_noun(ctx: _Context, start: int, end: int) -> bool:
    words = ctx.text[start:end].split()
    return 1 <= len(words) <= 2 and words[-1].lower() in _HEADLINE_SOURCE_NOUNS


def _known_name(ctx: _Context, words: list[Token]) -> bool:
    """Capitalised words ending in the last word of a person or organisation the article names
    elsewhere: 'Trump:' in a headline the tagger left unlabelled, when the body has 'Donald Trump'."""
    if not all(t.is_title or t.is_upper for t in words):
        return False
    last = words[-1].text
    return any(ent.label_ in ("PERSON", "ORG") and ent[-1].text == last for ent in ctx.doc.ents)


def _label_cue(ctx: _Context, labels: dict[int, _Label], region: QuoteRegion) -> _DirectCue | None:
    label = labels.get(region.open_mark)
    return _as_cue(ctx, label) if label is not None else None


def _as_cue(ctx: _Context, label: _Label) -> _DirectCue:
    return _DirectCue(None, ctx.token_at(label.name[1] - 1), "label", name_span=label.name)


def _labelled_lines(ctx: _Context, labels: dict[int, _Label], bounds, index) -> list[Candidate]:
    """Labels whose words are not in quotation marks: 'Clinton: Our goal is to defeat ISIS.'"""
    found = []
    for label in labels.values():
        start, end = label.content
        if _covers_title(ctx, label.name[0], end):
            continue  # the headline's own rule
        if _overlapping(bounds, start, end):
            continue  # quoted words are handled with the other quotations
        span = ctx.doc.char_span(start, end, alignment_mode="expand")
        if span is None or sum(1 for t in span if t.is_alpha) < 4 or not any(t.pos_ in ("VERB", "AUX") for t in span):
            continue
        cand = Candidate(type="direct", spans=[(start, end)])
        _apply_cue(ctx, cand, _as_cue(ctx, label), index)
        found.append(cand)
    return found


def _headline_label(ctx: _Context, labels: dict[int, _Label], regions: list[QuoteRegion], consumed: set[int],
                    index) -> list[Candidate]:
    """A headline 'Clinton: Time for ‘intensification’ of ISIL strategy' is its source's claim,
    reported in headline style: often no verb, and quoted fragments inside a paraphrase. A
    headline wholly in quotation marks ('Trump: “...”') stays with the other quotations."""
    label = next((lb for lb in labels.values() if _covers_title(ctx, lb.name[0], lb.content[1])), None)
    if label is None:
        return []
    start, end = label.content
    inner = [i for i, r in enumerate(regions) if start <= r.open_mark and r.close_mark <= end]
    if any(i in consumed for i in inner) or any(r.open_mark < start < r.close_mark for r in regions):
        return []
    quoted = sum(regions[i].close_mark - regions[i].open_mark for i in inner)
    if quoted > 0.6 * (end - start):
        return []
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    if span is None or sum(1 for t in span if t.is_alpha) < 3:
        return []
    consumed.update(inner)
    cand = Candidate(type="mixed" if inner else "indirect", spans=[(start, end)], regions=inner)
    _apply_cue(ctx, cand, _as_cue(ctx, label), index)
    return [cand]


# --- context: continuation paragraphs ----------------------------------------------------------


def _attach_context_speakers(ctx: _Context, cands: list[Candidate], lexicon, index) -> list[Candidate]:
    """A quote with no cue takes the subject of the sentence right before it, or inherits the previous
    quote's speaker, or the introducer's.

    A quotation that follows its speaker's cued quote in the next sentence of the same paragraph
    ('Yet Trump is also a "change agent," Cole said. "That's exactly what people want."') rests on
    that cue: it joins that quote as a further span instead of standing alone.
    """
    kept: list[Candidate] = []
    prev: Candidate | None = None
    for cand in cands:
        if cand.type == "direct" and cand.cue is None and cand.speaker is None:
            p = ctx.paragraph_of(cand.start)
            speaker = _sentence_before(ctx, cand, cands, index)
            inherited = False
            if speaker is None:
                if prev is not None and prev.speaker is not None and ctx.paragraph_of(prev.end) >= p - 1:
                    if _next_sentence_of(ctx, prev, cand):
                        prev.spans.extend(cand.spans)
                        prev.regions.extend(cand.regions)
                        if prev.type == "indirect":
                            prev.type = "mixed"
                        continue
                    # an unnamed speaker carries on too ('the editorial board writes. "It's a sign ..."')
                    speaker, inherited = prev.speaker, prev.speaker.resolution == "description" and prev.type != "indirect"
                elif p > 0:
                    speaker = _introducer(ctx, p - 1, lexicon, index)
            if speaker is not None and (speaker.known or inherited):
                # the mention is where the text last named this speaker: the cue we inherit from
                cand.speaker = speakers.Resolved(speaker.entity, speaker.mention, "context", name=speaker.name)
        if cand.tier == "speech":
            prev = cand  # a belief or evaluation ("the USA's support for ...") hands no speaker on
        kept.append(cand)
    return kept


def _next_sentence_of(ctx: _Context, prev: Candidate, cand: Candidate) -> bool:
    """``cand`` opens the sentence right after the one where ``prev`` (content and cue) ends, in its
    paragraph, and ``prev`` has a cue and a known speaker."""
    if prev.cue is None or not prev.speaker.known or ctx.paragraph_of(prev.end) != ctx.paragraph_of(cand.start):
        return False
    last = ctx.token_at(max(prev.end, prev.cue[1]) - 1).sent
    opening = ctx.token_at(cand.start - 1)
    # the next sentence, or the opening mark left as the last token of this one by the splitter
    return opening.sent.start == last.end or (opening.sent.start == last.start and opening.i >= last.end - 1)


def _sentence_before(ctx: _Context, cand: Candidate, cands: list[Candidate], index) -> speakers.Resolved | None:
    """'Iowa State's Dianne Bystrom agreed. "Mainstream Republicans are running out of time."': the
    sentence right before an uncued quotation, in its paragraph and quoting nothing itself, names
    its speaker as its subject."""
    open_tok = ctx.token_at(cand.start - 1)
    if open_tok.i == 0:
        return None
    sent = ctx.doc[open_tok.i - 1].sent
    if ctx.paragraph_of(sent.start_char) != ctx.paragraph_of(cand.start):
        return None
    if any(c is not cand and c.start < sent.end_char and sent.start_char < c.end for c in cands):
        return None
    subject = cues.subject_of(sent.root)
    if subject is None or not (subject.ent_type_ in ("PERSON", "ORG") or subject.lower_ in ("he", "she")):
        return None
    resolved = speakers.resolve(subject, index)
    return resolved if resolved is not None and resolved.known else None


def _introducer(ctx: _Context, p: int, lexicon, index) -> speakers.Resolved | None:
    """The last subject of a reporting verb in paragraph ``p`` ("Palladino explained the support.")."""
    start, end = ctx.paragraphs[p]
    first, last = ctx.token_at(start), ctx.token_at(end - 1)
    for i in range(last.i, first.i - 1, -1):
        token = ctx.doc[i]
        if lexicon.is_speech(token):
            subject = cues.subject_of(token)
            if subject is not None:
                return speakers.resolve(subject, index)
    return None


# --- output ------------------------------------------------------------------------------------


def _drop_nested(cands: list[Candidate]) -> list[Candidate]:
    """Drop reported speech cued inside another quote's content.

    'Nine in ten voters say they think she could win' reports what the voters say; the belief
    inside it is part of that content, not a second quote. When two reports each hold the other's
    cue ('He said he was tickled that, when he speaks, he is often asked about her views', where
    the parser also read 'he is often asked' as a cue set off by commas), the earlier cue governs.
    """
    spans = sorted((s, e, id(c)) for c in cands for s, e in c.spans)
    starts = [s for s, _, _ in spans]
    by_id = {id(c): c for c in cands}

    def holders(cand: Candidate) -> list[Candidate]:
        pos = cand.cue[0]
        i = bisect.bisect_right(starts, pos)
        return [by_id[owner] for s, e, owner in spans[max(0, i - 20) : i] if s <= pos < e and owner != id(cand)]

    def nested(cand: Candidate) -> bool:
        return any(
            not (h.type != "direct" and h.cue is not None and h.cue[0] > cand.cue[0] and cand in holders(h))
            for h in holders(cand)
        )

    return [c for c in cands if c.type == "direct" or c.cue is None or not nested(c)]


def _dedupe(cands: list[Candidate]) -> list[Candidate]:
    """Drop exact duplicates (two rules finding the same content)."""
    seen: set[tuple[int, int]] = set()
    out = []
    for c in cands:
        key = (c.start, c.end)
        if key in seen or c.end <= c.start:
            continue
        seen.add(key)
        out.append(c)
    return out


def _as_dict(text: str, cand: Candidate, n: int) -> dict:
    resolution = cand.speaker.resolution if cand.speaker is not None and cand.speaker.known else None
    confidence = CONFIDENCE.get((cand.type, resolution), 0.5)
    if cand.recovered:
        confidence -= 0.15
    if cand.tier == "frame":
        confidence -= FRAME_PENALTY
    if cand.cue is None and cand.type == "direct" and resolution not in (None, "context"):
        confidence -= 0.05
    cue = None
    if cand.cue is not None:
        s, e, lemma = cand.cue
        cue = {"text": text[s:e], "lemma": lemma, "start": s, "end": e}
    return {
        "id": f"Q{n}",
        "type": cand.type,
        "text": text[cand.start : cand.end],
        "start": cand.start,
        "end": cand.end,
        "spans": [[s, e] for s, e in cand.spans],
        "speaker": cand.speaker.as_dict(text) if cand.speaker is not None else None,
        "cue": cue,
        "confidence": round(max(0.05, min(1.0, confidence)), 2),
    }


extensions.register()
