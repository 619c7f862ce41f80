"""The claims stage: a short, ranked list of check-worthy statements with their claimant.

Fact-checkers want the few sentences that assert something checkable (a number, a comparison,
a cause, a record, a reported fact), ranked, not every sentence. Each sentence outside the
headline and boilerplate (in a transcript, each speaker's sentence outside audience reactions)
gets a check-worthiness from a logistic model over its words, parse and context
(:mod:`.features`, :mod:`.model`; trained by ``scripts/train_claims.py`` on debates and the
real-news gold, shipped as JSON in ``models/claims_model.json``). The score is a probability
calibrated on news; units scoring at least the threshold (the model's, or the component's
``threshold`` config, or the ``EXTRACTOR_MIN_CHECKWORTHINESS`` environment variable that
``extractor extract --min-checkworthiness`` sets) become claims, each with its ``rank``.
Questions, fragments and sentences without a verb are never claims.

Every eligible unit's score stays on ``doc._.claim_scores`` (``[start, end, score]``), so an
evaluation can rank all sentences, not only those above the threshold.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from ... import extensions
from ...spans import doc_text
from .features import MIN_WORDS, Unit, document_units, sentence_features
from .model import MAX_UNITS, PROSE, TRANSCRIPT, ClaimModel
from .record import Lexicon, as_record, candidate, claim_kind, is_procedural, quote_is_checkable

__all__ = ["ClaimModel", "ClaimStage", "Lexicon", "find_claims", "score_units", "sentence_features", "MIN_WORDS"]

THRESHOLD_ENV = "EXTRACTOR_MIN_CHECKWORTHINESS"
#: A sentence that opens with one of these is someone's words even when no quote was found for it.
_OPENING_QUOTES = {'"', "“"}

if not Doc.has_extension("claim_scores"):
    Doc.set_extension("claim_scores", default=None)


@Language.factory(
    "extractor_claims",
    default_config={"model_path": None, "lexicon_path": None, "threshold": None, "min_words": MIN_WORDS},
)
def make_claims(
    nlp: Language, name: str, model_path: str | None, lexicon_path: str | None, threshold: float | None, min_words: int
) -> ClaimStage:
    if threshold is None and os.environ.get(THRESHOLD_ENV):
        threshold = float(os.environ[THRESHOLD_ENV])
    model = ClaimModel.load(model_path)
    # vector features only from the pipeline they were trained on; another one's are left out
    model.use_vectors = model.fits(nlp.meta)
    return ClaimStage(name, model, Lexicon.load(lexicon_path), threshold, min_words)


class ClaimStage:
    """Writes ``doc._.claims`` (dicts shaped like :class:`extractor.records.Claim`); never raises."""

    def __init__(
        self, name: str, model: ClaimModel, lexicon: Lexicon, threshold: float | None = None, min_words: int = MIN_WORDS
    ) -> None:
        self.name = name
        self.model = model
        self.lexicon = lexicon
        #: None: the model's own thresholds (one for prose, one for transcripts)
        self.threshold = None if threshold is None else float(threshold)
        self.min_words = min_words

    def __call__(self, doc: Doc) -> Doc:
        try:
            doc._.claims = find_claims(doc, self.model, self.lexicon, self.threshold, self.min_words)
        except Exception as exc:  # noqa: BLE001 - a bad article loses its claims, not the batch
            doc._.claims = []
            extensions.add_stage_warning(doc, "claims_failed", exc, "claim detection")
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


def score_units(doc: Doc, model: ClaimModel, min_words: int = MIN_WORDS) -> list[tuple[Unit, float]]:
    """Every unit that may be a claim, with its calibrated check-worthiness."""
    units, transcript = document_units(doc, min_words, model.use_vectors)
    domain = TRANSCRIPT if transcript is not None else PROSE
    eligible = [u for u in units if u.eligible]
    # A transcript counts as long whatever its size: its cut is chosen on debates of hundreds of units.
    size = MAX_UNITS if transcript is not None else len(eligible)
    scored = [(u, model.score(u.features, domain, size)) for u in eligible]
    doc._.claim_scores = [[u.start, u.end, round(s, 6)] for u, s in scored]
    return scored


#: Content words a later claim must share with an earlier one, besides the same figures, to restate it.
RESTATEMENT_SHARED_WORDS = 3


def _content_words(doc: Doc, start: int, end: int) -> set[str]:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return set()
    return {t.lemma_.lower() for t in span if t.pos_ in {"NOUN", "PROPN", "VERB", "ADJ"} and not t.is_stop}


def drop_restatements(doc: Doc, kept: list) -> list:
    """Claims in text order without those that restate an earlier claim: the same figures (every
    quantity value of the later one is in the earlier one) and at least RESTATEMENT_SHARED_WORDS
    content words in common ("16 member countries ... triggered an investigation into the Chechen
    Gay Purge" then "sixteen member states ... activated an expert enquiry into the Chechen Gay
    Purge"), or restate a claim that did so. A checker verifies a figure once; the list keeps its
    first statement.
    """
    out: list = []
    seen: list[tuple[set, set[str]]] = []
    for cand, kind in sorted(kept, key=lambda k: k[0].start):
        values = {q.value for q in cand.quantities if q.value is not None}
        words = _content_words(doc, cand.start, cand.end)
        restates = values and any(values <= v and len(words & w) >= RESTATEMENT_SHARED_WORDS for v, w in seen)
        seen.append((values, words))
        if not restates:
            out.append((cand, kind))
    return out


def find_claims(doc: Doc, model: ClaimModel, lexicon: Lexicon, threshold: float | None = None,
                min_words: int = MIN_WORDS) -> list[dict]:
    """The claims of one doc in text order with their rank by score, as records.Claim dicts.

    A unit scoring at least ``threshold`` (default: the model's, for prose or for transcripts)
    is a claim unless it reports procedure or an event
    with nothing checkable in it, or it is a direct quote with nothing checkable in it (also
    a sentence that opens with a quote mark or lies inside a quotation running over several
    sentences, which the quote stage may leave without a quote of its own).
    """
    quotes = list(doc._.quotes or [])
    text = doc_text(doc)  # Doc.text joins every token on each access: read it once per doc
    kept = []
    scored = score_units(doc, model, min_words)
    if threshold is None:
        in_transcript = any(unit.speaker is not None for unit, _ in scored)
        threshold = model.transcript_threshold if in_transcript and model.transcript_threshold is not None else model.threshold
    for unit, score in scored:
        if score < threshold:
            continue
        cand = candidate(doc, text, unit.span, unit.start, unit.end, score, quotes, unit.speaker)
        span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
        if span is None:
            continue
        if cand.quote_id is None and is_procedural(unit.span, cand.quantities, lexicon):
            continue
        quoted = cand.direct_quote or unit.in_quote or text[unit.start] in _OPENING_QUOTES
        if quoted and not quote_is_checkable(span, cand.quantities, lexicon):
            continue
        kept.append((cand, claim_kind(span, cand, lexicon)))
    kept = drop_restatements(doc, kept)
    order = sorted(range(len(kept)), key=lambda i: (-kept[i][0].score, kept[i][0].start))
    ranks = {i: r for r, i in enumerate(order, start=1)}
    by_text = sorted(range(len(kept)), key=lambda i: (kept[i][0].start, kept[i][0].end))
    return [as_record(doc, text, f"C{n}", kept[i][0], kept[i][1], ranks[i]) for n, i in enumerate(by_text, start=1)]
