"""What the learned entity decision sees of a name's company (components/entities/features.py).

Each text is a failure kind from the real-news gold's cross-fitted errors: products written like
products (camel case, a model number), product names on a deals page full of prices, a website
named as the medium of a post, a product's name in quote marks. The tests pin the evidence the
model gets, so a change to the features cannot silently take it away.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from extractor.components.entities.features import DocContext, features
from extractor.pipeline import Stages, build_nlp

CONTEXT = ("tag", "prev_pos", "next_pos", "money_doc", "camel", "model_number", "money_sent", "modifies_noun", "in_quote_marks")


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_nlp(None, Stages(quotes=False, claims=False))


def context(nlp: Language, text: str) -> dict[str, list[str]]:
    """Each candidate's text -> its context features (the last candidate wins for a repeated string)."""
    stage = nlp.get_pipe("extractor_entities")
    with nlp.select_pipes(disable=["extractor_entities"]):  # the candidates are judged on spaCy's own entities
        doc = nlp(text)
    candidates, facts = stage.candidate_mentions(doc)
    ctx = DocContext.of(doc, candidates)
    return {m.span(doc).text: [f for f in features(doc, m, ctx, facts) if f.split("=")[0] in CONTEXT] for m in candidates}


def test_a_camel_case_name_after_an_adjective_reads_as_a_product(nlp) -> None:
    found = context(nlp, "The new MacBook Pro has a better keyboard than the old MacBooks, Apple said.")
    assert found["MacBook Pro"] == ["tag=NNP", "prev_pos=ADJ", "next_pos=VERB", "money_doc=none", "camel"]
    assert found["Apple"] == ["tag=NNP", "prev_pos=PUNCT", "next_pos=VERB", "money_doc=none"]


def test_a_model_number_marks_a_product(nlp) -> None:
    found = context(nlp, "Toyota showed the RAV4 Hybrid and the Apple Watch Series 3 at the Los Angeles Auto Show.")
    assert "model_number" in found["RAV4 Hybrid"]
    assert "model_number" in found["Apple Watch Series 3"]
    assert "model_number" not in found["Toyota"]


def test_names_on_a_deals_page_carry_its_prices(nlp) -> None:
    deals = ("Nintendo Switch Lite with Pokemon Sword for $199.99\n\n"
             "Save $31 if you get a turquoise Switch Lite. The Switch Lite costs $199 at Walmart, down from $229.\n\n"
             "Echo Dot for $22\n\nThe smart speaker is back to its lowest price of $22.")
    found = context(nlp, deals)
    assert found["Pokemon Sword"] == ["tag=NNP", "prev_pos=ADP", "next_pos=ADP", "money_doc=many", "money_sent"]
    assert found["Walmart"] == ["tag=NNP", "prev_pos=ADP", "next_pos=PUNCT", "money_doc=many", "money_sent"]


def test_one_sum_in_a_short_story_is_no_deals_page(nlp) -> None:
    found = context(nlp, "Governor Kristi Noem defended the campaign on Monday. The state has paid the agency nearly $449,000.")
    assert found["Kristi Noem"] == ["tag=NNP", "prev_pos=TITLE", "next_pos=VERB", "money_doc=some"]


def test_a_website_named_as_the_medium_of_a_post_modifies_a_noun(nlp) -> None:
    found = context(nlp, "In a Tumblr post at the time she described this as the worst case.")
    assert found["Tumblr"] == ["tag=JJ", "prev_pos=DET", "next_pos=NOUN", "money_doc=none", "modifies_noun"]


def test_a_name_in_quote_marks_is_flagged(nlp) -> None:
    found = context(nlp, "The new “Magic Keyboard” uses a scissor switch.")
    assert found["Magic Keyboard"] == ["tag=NNP", "prev_pos=PUNCT", "next_pos=PUNCT", "money_doc=none", "in_quote_marks"]


def test_a_title_whose_dot_the_tokenizer_split_off_still_reads_as_a_title(nlp) -> None:
    found = context(nlp, "But in a conference call with reporters on Dec. 2, Col. Steven H. Warren, a military spokesman "
                         "in Baghdad, said that a raid is a combat operation.")
    assert found["Steven H. Warren"][:2] == ["tag=NNP", "prev_pos=TITLE"]


def test_every_mention_of_a_string_carries_the_company_of_the_others(nlp) -> None:
    # a product named once as the subject of a verb and once as what games run on: the
    # subject mention alone looks like a person, its company elsewhere in the article does not
    text = "Stadia launches on Tuesday. Games on Stadia stream in 4K, and the Stadia controller costs $69."
    stage = nlp.get_pipe("extractor_entities")
    with nlp.select_pipes(disable=["extractor_entities"]):
        doc = nlp(text)
    candidates, facts = stage.candidate_mentions(doc)
    ctx = DocContext.of(doc, candidates)
    first = next(m for m in candidates if m.span(doc).text == "Stadia")
    company = [f for f in features(doc, first, ctx, facts) if f.split("=")[0] in ("dprev", "dnext", "dhead", "dspeaks")]
    assert company == ["dhead=controller", "dhead=launch", "dhead=stream", "dnext=controller", "dnext=launches",
                       "dnext=stream", "dprev=<edge>", "dprev=on", "dprev=the"]


def test_the_names_of_results_and_standings_rows_are_found() -> None:
    """A row of a results or standings table names its teams; prose with numbers, and a row that
    is not shaped like one, name nothing."""
    import spacy

    from extractor.components.entities.tables import row_names

    doc = spacy.blank("en")("Dutch league results on Sunday:\n\nAjax 2 Feyenoord (R) 1\n\n"
                            "Standings:\n\nNEW ENGLAND 9 3 .750 2 1/2\n\nPSV 12 8 3 1\n\n"
                            "Ajax won 2 of their 3 games 4 1.\nUtrecht v Vitesse 3")
    assert {doc[s:e].text: kind for (s, e), kind in row_names(doc).items()} == {
        "Ajax": "result", "Feyenoord (R)": "result", "NEW ENGLAND": "standing", "PSV": "standing"}


def test_a_company_news_names_most_is_marked_but_not_its_product(nlp) -> None:
    """The companies list (models/entity_lexicons.json) is evidence on the whole name: cross-fitted,
    'Google' on a page about its Stadia service was typed PERSON 14 times (it 'promised', 'decided',
    'intends') and 'Apple' on a product roundup dropped; 'Apple Watch Series 3' is a product."""
    stage = nlp.get_pipe("extractor_entities")
    text = "Toyota showed the RAV4 Hybrid, and Google promised that the Apple Watch Series 3 would work with Stadia."
    with nlp.select_pipes(disable=["extractor_entities"]):
        doc = nlp(text)
    candidates, facts = stage.candidate_mentions(doc)
    ctx = DocContext.of(doc, candidates)
    marked = {m.span(doc).text: "company_name" in features(doc, m, ctx, facts) for m in candidates}
    assert marked == {"Toyota": True, "RAV4 Hybrid": False, "Google": True, "Apple Watch Series 3": False, "Stadia": False}


def test_a_title_or_a_date_after_a_name_is_not_more_of_the_name(nlp) -> None:
    """Both follow a name as a proper noun, like the next word of a longer name the span missed;
    the model learned to drop a span followed by a PROPN ("Indiana State Teachers Association"
    President Keith Gambill) until the two were told apart."""
    found = context(nlp, "Indiana State Teachers Association President Keith Gambill spoke. "
                         "Two officials testified before the House Intelligence Committee Tuesday.")
    assert "next_pos=TITLE" in found["Indiana State Teachers Association"]
    assert "next_pos=DATE" in found["House Intelligence Committee"]


def test_a_name_that_opens_with_a_first_name_says_so(nlp) -> None:
    """spaCy leaves 'Ingrid Dahl' untagged at the head of this sentence (and calls her an ORG before
    'said'); her first name is evidence of a person the model weighs. A lone first name is not
    ('Indiana', 'Charlotte' and 'Georgia' are places), nor a name whose first word is not one."""
    stage = nlp.get_pipe("extractor_entities")
    with nlp.select_pipes(disable=["extractor_entities"]):
        doc = nlp("Ingrid Dahl thanked Oyvind Berg for the invitation to Charlotte.")
    candidates, facts = stage.candidate_mentions(doc)
    ctx = DocContext.of(doc, candidates)
    found = {m.span(doc).text: "first_name" in features(doc, m, ctx, facts) for m in candidates}
    assert found == {"Ingrid Dahl": True, "Oyvind Berg": False, "Charlotte": False}
