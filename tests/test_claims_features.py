"""What the claim model sees beyond a sentence's words: quotations, repeats, order, counted things, verb classes."""

from __future__ import annotations

import pytest

from extractor.components.claims.features import document_units
from extractor.pipeline import Stages, build_nlp

QUOTED = (
    "Bragason read a statement on Thursday.\n\n"
    '"We and like-minded countries have demanded that Moscow hold accountable those responsible. '
    "Russia has failed to provide a substantive response to repeated expressions of concern. "
    'We will continue to work with our partners."\n\n'
    "Human Rights Watch corroborated the information based on their own sources.\n"
)


@pytest.fixture(scope="module")
def nlp():
    return build_nlp(None, Stages(quotes=True, claims=True))


def units_of(nlp, text: str):
    doc = nlp.make_doc(text)
    doc._.published = "2018-11-02"
    doc = next(nlp.pipe([doc]))
    units, _ = document_units(doc)
    return doc, units


def test_later_sentences_of_a_quotation_are_inside_it(nlp) -> None:
    _, units = units_of(nlp, QUOTED)
    inside = {u.span.text[:20]: u.in_quote for u in units}
    assert inside == {
        "Bragason read a stat": False,
        '"We and like-minded ': False,  # the opening sentence carries its own quote mark
        "Russia has failed to": True,
        "We will continue to ": True,
        "Human Rights Watch c": False,
    }
    assert "in_quote" in units[2].features and "in_quote" not in units[4].features


def test_an_unattributed_quoted_sentence_without_facts_is_not_a_claim(nlp) -> None:
    """"Russia has failed to provide a substantive response" sits in a quotation the quote stage
    leaves without a quote of its own; as a direct quote with nothing checkable it is no claim."""
    stage = nlp.get_pipe("extractor_claims")
    saved, stage.threshold = stage.threshold, 0.0
    try:
        doc, _ = units_of(nlp, QUOTED)
    finally:
        stage.threshold = saved
    texts = [c["text"] for c in doc._.claims]
    assert not [t for t in texts if t.startswith("Russia has failed")]
    assert "Human Rights Watch corroborated the information based on their own sources." in texts


def test_verb_class_and_counted_subject(nlp) -> None:
    text = ("Human Rights Watch corroborated the information based on their own sources.\n\n"
            "41 people were illegally detained and faced torture and severe beatings.\n\n"
            "The minister held a press conference in Moscow on Monday.\n")
    _, units = units_of(nlp, text)
    features = [set(u.features) for u in units]
    assert "rootclass=source" in features[0] and "numsubj" not in features[0]
    assert "numsubj" in features[1] and "rootclass=source" not in features[1]
    assert "rootclass=event" in features[2] and "numsubj" not in features[2]


def test_order_and_repeats_in_prose(nlp) -> None:
    """The lead restating the headline is not a repeat; a later sentence restating the lead is."""
    text = ("Sixteen Countries Trigger Investigation Into Chechen Purge\n\n"
            "Sixteen countries have triggered an investigation into the Chechen purge.\n\n"
            "The inquiry will report to the council within three weeks.\n\n"
            "On Thursday, sixteen countries triggered an investigation into the Chechen purge.\n")
    doc = nlp.make_doc(text)
    doc._.published = "2018-11-02"
    doc._.title = (0, text.index("\n"))
    doc = next(nlp.pipe([doc]))
    units, _ = document_units(doc)
    eligible = [u for u in units if u.eligible]
    assert [f for u in eligible for f in u.features if f.startswith("order=")] == ["order=0", "order=1", "order=2"]
    assert ["repeats" in u.features for u in eligible] == [False, False, True]


def test_a_sentence_opening_with_a_quote_mark_needs_something_checkable(nlp) -> None:
    """A quotation with no speaker named is still someone's words: only the one with something
    checkable is a claim, and it is the quote's words (the quote stage keeps such a quotation)."""
    text = ('"This has only deepened our concern that the Russian Federation is unwilling to address the reports."\n\n'
            '"The network has evacuated 114 people from the region since 2017."\n')
    stage = nlp.get_pipe("extractor_claims")
    saved, stage.threshold = stage.threshold, 0.0
    try:
        doc, _ = units_of(nlp, text)
    finally:
        stage.threshold = saved
    assert [c["text"] for c in doc._.claims] == ["The network has evacuated 114 people from the region since 2017."]


def test_counts_of_people_are_their_own_feature(nlp) -> None:
    """A number counting people, casualties, jobs or a nationality is the statistic checkers check
    first; a price, a specification or a score is a number but not such a count."""
    text = ("41 people were illegally detained and faced torture.\n\n"
            "Three of the people evacuated from Chechnya were kidnapped by their relatives.\n\n"
            "The network had evacuated 114 Chechens from the region by April.\n\n"
            "The company is preparing to cut 4,000 jobs this year.\n\n"
            "The phone has a 6.1-inch screen and costs $999 in the United States.\n\n"
            "The home team won the match 3-1 on Sunday afternoon.\n")
    _, units = units_of(nlp, text)
    assert ["counted=people" in u.features for u in units] == [True, True, True, True, False, False]


def test_a_restated_figure_is_listed_once_where_it_is_first_said(nlp) -> None:
    """The same figure with three content words in common is the same claim: the later sentence
    (scored higher or not) leaves the list; another figure about the same people stays."""
    text = ("16 member countries have triggered an investigation into the Chechen Gay Purge.\n\n"
            "On Thursday, sixteen member states activated an expert enquiry into the Chechen Gay Purge.\n\n"
            "Another 16 people were detained by the police in Grozny last week.\n\n"
            "The Russian LGBT Network has evacuated 114 people from Chechnya since 2017.\n")
    stage = nlp.get_pipe("extractor_claims")
    saved, stage.threshold = stage.threshold, 0.0
    try:
        doc, _ = units_of(nlp, text)
    finally:
        stage.threshold = saved
    assert [c["text"][:22] for c in doc._.claims] == [
        "16 member countries ha", "Another 16 people were", "The Russian LGBT Netwo",
    ]
    assert sorted(c["rank"] for c in doc._.claims) == [1, 2, 3]
