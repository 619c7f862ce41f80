"""Segmentation: paragraphs, boilerplate and title on plain functions, sentences on the pipeline."""

from __future__ import annotations

from extractor.segment import boilerplate_kind, find_boilerplate, find_title, paragraphs

ARTICLE = (
    "Sign up for our newsletter to get the latest updates\n\n"
    "Mayor Wins Second Term In Close Race\n\n"
    "By Jo Marsh\n\n"
    "The mayor won by 212 votes. \"It was close,\" she said.\n\n"
    "Share this story\n\n"
    "#election #citycouncil"
)


def test_paragraphs_are_trimmed_and_blank_line_separated() -> None:
    text = "  First line.\n\n\n Second para\n   \n  Third."
    assert [text[s:e] for s, e in paragraphs(text)] == ["First line.", "Second para", "Third."]


def test_single_newlines_split_short_or_finished_lines_but_not_wrapped_prose() -> None:
    text = (
        "Headline Here\n"
        "The council met for a long session on Monday evening and discussed the\n"
        "budget until midnight.\n"
        "A second paragraph."
    )
    assert [text[s:e] for s, e in paragraphs(text)] == [
        "Headline Here",
        "The council met for a long session on Monday evening and discussed the\nbudget until midnight.",
        "A second paragraph.",
    ]


def test_boilerplate_kinds() -> None:
    paras = paragraphs(ARTICLE)
    found = [(ARTICLE[b.start : b.end], b.kind) for b in find_boilerplate(ARTICLE, paras)]
    assert found == [
        ("Sign up for our newsletter to get the latest updates", "signup"),
        ("By Jo Marsh", "byline"),
        ("Share this story", "share"),
        ("#election #citycouncil", "hashtags"),
    ]


def test_prose_is_not_boilerplate() -> None:
    for prose in ["By then it was over.", "She shared the story with her union.", "Subscribers pay more this year."]:
        assert boilerplate_kind(prose) is None


def test_title_is_first_headline_after_boilerplate() -> None:
    paras = paragraphs(ARTICLE)
    title = find_title(ARTICLE, paras, find_boilerplate(ARTICLE, paras))
    assert ARTICLE[title[0] : title[1]] == "Mayor Wins Second Term In Close Race"


def test_no_title_when_text_starts_with_prose() -> None:
    text = "The mayor won by 212 votes on Sunday.\n\nTurnout was low."
    assert find_title(text, paragraphs(text), []) is None


def test_no_title_when_text_starts_with_a_quotation_ending_a_sentence() -> None:
    text = 'Ivan Petrov said in a statement: "These claims are false."\n\n"We have nothing to hide."'
    assert find_title(text, paragraphs(text), []) is None


def test_given_title_is_located_in_text() -> None:
    text = "Drought cuts harvest\n\nWheat output fell."
    assert find_title(text, paragraphs(text), [], given="Drought cuts harvest") == (0, 20)


def test_sentences_never_cross_paragraphs_and_keep_closing_quotes(pipeline) -> None:
    text = "Officials said the bridge was safe. \"It will stand for years.”\n\nNo Full Stop Here\n\nThe vote is next week."
    doc = pipeline.nlp(text)
    assert [s.text.strip() for s in doc.sents] == [
        "Officials said the bridge was safe.",
        "\"It will stand for years.”",
        "No Full Stop Here",
        "The vote is next week.",
    ]


def test_attribution_after_a_closing_quote_stays_in_its_sentence_only_after_a_question(pipeline):
    text = (
        'Japan branded North Korea an "outlaw nation." Russia insisted that the tests stop.\n\n'
        '"Did anyone love that show?" Bush said. "I wish it had another season."'
    )
    doc = pipeline.nlp(text)
    assert [s.text.strip() for s in doc.sents] == [
        'Japan branded North Korea an "outlaw nation."',
        "Russia insisted that the tests stop.",
        '"Did anyone love that show?" Bush said.',
        '"I wish it had another season."',
    ]
