"""The quote stage: direct, indirect and mixed quotes with their cue and speaker.

``nlp.add_pipe("quotes")`` after the parser (and after the entity stage, when there is one).
Results go to ``doc.spans["quotes"]`` (one span per quote, labelled with its type) and to
``doc._.quotes`` (dicts shaped like :class:`extractor.records.Quote`).

How it works, in text order and linear time (each step is a module of this package):
1. ``marks`` pairs quotation marks into regions (with multi-paragraph quotes and recovery
   from unbalanced marks); ``filters`` drops nicknames, titles of works and subheadings; ``labels`` finds
   'Name: words' speaker labels and splits a quoted transcript into one quotation per turn;
2. ``indirect`` (with ``frames`` for beliefs and intentions) finds reported speech on each
   sentence's parse, and ``reported_quotes`` makes it quotes: a reported content that is
   (nearly) all one quotation gives that quotation its cue, one that holds a quoted fragment
   becomes a mixed quote;
3. ``direct`` takes the remaining quotations: ``direct_cues`` looks for a cue next to them
   (after, before, a colon), ``signatures`` for a dash attribution, ``fragments`` for the verb
   of a partial quote; a quotation interrupted by its cue is merged into one quote with two
   spans; short quoted fragments with no cue (scare quotes, titles) are not quotes;
4. ``labels`` and ``headlines`` add labelled lines and 'X Says Y' headlines, ``interviews`` the
   answers of a Q&A page as quotes of the interviewee, ``posts`` embedded social posts ('— Name
   (@handle) date') as quotes of their author, in place of what the other rules found inside them;
5. ``inherited_speakers``: a quotation without a cue takes the subject of the sentence before
   it, or inherits the speaker of the quote before it or of the person the previous paragraph
   introduced as speaking;
6. ``speakers`` resolves a cue's subject (found by ``cue_speaker``, ``subjects`` and
   ``nearby_names`` with the lexicon of ``cues``) to an entity of ``entity_index`` (through
   ``ranker`` for a pronoun, ``descriptions`` for a description); ``filters`` drops nested and
   duplicate quotes, ``candidate`` builds the records and ``scoring`` sets their confidence
   and moves the quotes that are not reported speech to the attributions.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ... import extensions
from . import cues, reported, scoring, speakers
from .candidate import as_record
from .context import Context
from .direct import direct_quotes
from .filters import dedupe, drop_absorbed, drop_nested, is_nickname, is_show_title, is_subhead
from .headlines import headline_label, headline_speech
from .inherited_speakers import attach_context_speakers
from .interviews import interview_answers
from .labels import labelled_lines, speaker_labels, split_transcripts
from .marks import find_regions
from .posts import embedded_posts, without_inside
from .reported_quotes import reported_speech

_MIN_SENTENCE_TOKENS = 4


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
            quotes, not_speech = scoring.keep_speech(doc, quotes)
            attributions = scoring.judge(doc, attributions, "attribution", self.min_confidence)
            if not_speech and self.attributions:
                attributions = scoring.renumbered(attributions + not_speech, "A")
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
    ctx = Context(doc)
    labels = speaker_labels(ctx)
    regions = [
        r for r in find_regions(ctx.text, ctx.paragraphs)
        if (not ctx.skipped(r.open_mark, r.close_mark) or r.open_mark in labels)  # 'Trump: “...”' headlines
        and not is_nickname(ctx.text, r) and not is_show_title(ctx.text, r) and not is_subhead(ctx, r)
    ]
    regions = split_transcripts(ctx, regions, labels)
    bounds = [(r.open_mark, r.close_mark) for r in regions]
    index = speakers.EntityIndex.build(doc, bounds)
    lexicon = cues.lexicon()
    region_cues: dict[int, reported.Reported] = {}
    candidates, consumed = reported_speech(ctx, regions, bounds, lexicon, index, region_cues, attributions)
    candidates += headline_label(ctx, labels, regions, consumed, index)
    candidates += direct_quotes(ctx, regions, consumed, region_cues, lexicon, index, min_sentence_tokens, labels)
    candidates += labelled_lines(ctx, labels, bounds, index)
    candidates += headline_speech(ctx, index)
    candidates += interview_answers(ctx, index, bounds)
    candidates = without_inside(candidates, embedded_posts(ctx, index))
    candidates = drop_absorbed(drop_nested(candidates))
    candidates.sort(key=lambda c: (c.start, c.end))
    candidates = attach_context_speakers(ctx, candidates, lexicon, index)
    return [as_record(ctx.text, c, i + 1) for i, c in enumerate(dedupe(candidates))]


extensions.register()
