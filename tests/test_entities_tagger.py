"""The CRF tagger's second opinion on names (components/entities/tagger.py).

spaCy's small model leaves part of a name untagged ("Waqar Younis" as "Younis"), misses outlets
("told Engadget") and first names it does not know ("Ingrid Dahl"); the tagger proposes those
spans, and the learned decision judges them with the rest.
"""

from __future__ import annotations

import pickle

import pytest
from spacy.language import Language

from extractor.components.entities.tagger import SequenceTagger, label_spans, tag_feature
from extractor.pipeline import Stages, build_nlp


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_nlp(None, Stages(quotes=False, claims=False))


def tagged(nlp: Language, text: str) -> list[tuple[str, str]]:
    stage = nlp.get_pipe("extractor_entities")
    with nlp.select_pipes(disable=["extractor_entities"]):  # the tagger reads spaCy's own labels
        doc = nlp(text)
    return [(doc[s:e].text, label) for (s, e), label in sorted(stage.tagger.spans(doc).items())]


def test_the_shipped_tagger_finds_what_spacy_cut_short_or_missed(nlp) -> None:
    assert tagged(nlp, "Waqar Younis took four wickets as Pakistan beat England at the Oval on Friday.") == [
        ("Waqar Younis", "PER"), ("Pakistan", "LOC"), ("England", "LOC"), ("Oval", "LOC")]
    assert tagged(nlp, "CEO Tim Cook told Engadget that Apple will open a store in Mumbai.") == [
        ("Tim Cook", "PER"), ("Engadget", "ORG"), ("Apple", "ORG"), ("Mumbai", "LOC")]
    assert tagged(nlp, "Ingrid Dahl thanked Oyvind Berg of Statkraft for the loan.") == [("Ingrid Dahl", "PER"), ("Oyvind Berg", "PER")]


def test_bio_labels_become_spans_and_a_label_change_starts_a_new_one() -> None:
    assert label_spans(["B-PER", "I-PER", "O", "B-ORG", "I-LOC", "I-LOC", "B-ORG", "B-ORG"]) == {
        (0, 2): "PER", (3, 4): "ORG", (4, 6): "LOC", (6, 7): "ORG", (7, 8): "ORG"}
    assert label_spans(["O", "O"]) == {}


def test_the_feature_says_exact_overlapping_or_nothing() -> None:
    tags = {(0, 2): "PER", (5, 6): "ORG"}
    assert tag_feature(tags, 0, 2) == "crf=PER"
    assert tag_feature(tags, 1, 2) == "crf_part=PER"
    assert tag_feature(tags, 4, 7) == "crf_part=ORG"
    assert tag_feature(tags, 2, 5) == "crf=O"


def test_a_tagger_pickles_without_its_crfsuite_handle(nlp) -> None:
    tagger = nlp.get_pipe("extractor_entities").tagger
    tagger.spans(nlp.make_doc("Reuters"))  # opens the handle
    copy = pickle.loads(pickle.dumps(tagger))
    assert isinstance(copy, SequenceTagger) and copy.path == tagger.path and copy._tagger is None
