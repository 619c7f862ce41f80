"""Text that defeated the stages: a stray « before good quotes, a sentence with no punctuation,
publication dates at the ends of the calendar."""

from __future__ import annotations

import datetime as dt

import pytest

import extractor
from extractor.components.quotes.marks import find_regions
from extractor.normalize.timex import normalize, week_value

# --- 8a: an unmatched « or „ ----------------------------------------------------------------

GOOD_QUOTES = "\u201cWe are worried,\u201d said Anna Smith. \u201cIt is bad,\u201d said John Jones."


@pytest.mark.parametrize("stray", ["\u00ab", "\u201e", "\u201c"])
def test_an_unmatched_opening_mark_does_not_hide_the_quotes_after_it(stray: str) -> None:
    text = f"Prices rose {stray} sharply last year. " + GOOD_QUOTES
    regions = find_regions(text, [(0, len(text))])
    assert [text[r.start : r.end] for r in regions] == ["We are worried,", "It is bad,"]
    assert [r.recovered for r in regions] == [False, False]


def test_quotes_after_a_stray_guillemet_are_found_end_to_end() -> None:
    record = extractor.extract("Prices rose \u00ab sharply last year. " + GOOD_QUOTES)
    assert [(q.text, q.speaker.name if q.speaker else None) for q in record.quotes] == [
        ("We are worried,", "Anna Smith"),
        ("It is bad,", "John Jones"),
    ]


def test_a_quotation_carried_into_the_next_paragraph_still_continues() -> None:
    text = 'He said: \u201cWe will not give up.\n\n\u201cWe will win,\u201d he added.'
    paras = [(0, text.index("\n")), (text.index("\u201cWe will win"), len(text))]
    [region] = find_regions(text, paras)
    assert [text[s:e] for s, e in region.spans] == ["We will not give up.", "We will win,"]


def test_guillemets_that_pair_are_one_quotation_with_the_inner_quote() -> None:
    text = "Il a dit \u00ab nous avons le \u201cdroit\u201d de partir \u00bb hier."
    [region] = find_regions(text, [(0, len(text))])
    assert text[region.start : region.end] == " nous avons le \u201cdroit\u201d de partir "


# --- 8b: a sentence with no punctuation ------------------------------------------------------


def test_a_run_without_sentence_punctuation_is_cut_with_a_warning() -> None:
    from extractor.segment import MAX_SENTENCE_TOKENS

    words = 2_500
    record = extractor.extract(" ".join(["the"] * words))
    assert [(w.code, w.message) for w in record.warnings if w.code == "long_sentence"] == [
        ("long_sentence", f"1 stretch of over {MAX_SENTENCE_TOKENS:,} tokens without sentence punctuation was cut into "
         f"sentences of at most {MAX_SENTENCE_TOKENS:,} tokens; a quote or date across a cut may be missed."),
    ]  # fmt: skip


def test_sentences_are_cut_at_the_limit(pipeline) -> None:
    from extractor.segment import MAX_SENTENCE_TOKENS

    doc = pipeline.nlp(" ".join(["the"] * 2_500) + ". The mayor said it. " + "a " * 10)
    assert MAX_SENTENCE_TOKENS == 1000
    assert [len(s) for s in doc.sents] == [1000, 1000, 501, 5, 10]  # the full stop ends the third piece
    assert [s.text for s in doc.sents][-2:] == ["The mayor said it.", "a a a a a a a a a a"]


def test_ordinary_text_gets_no_cut() -> None:
    record = extractor.extract("The mayor said the bridge will open. " * 300)
    assert [w.code for w in record.warnings if w.code == "long_sentence"] == []


# --- 8c: publication dates at the ends of the calendar --------------------------------------

DATED = "The council met on Monday. The vote is next week, on March 3, 2019, and again in 2020. Yesterday it rained."


@pytest.mark.parametrize("published", ["0001-01-01", "9999-12-31"])
def test_extreme_publication_dates_keep_the_dates(published: str) -> None:
    record = extractor.extract(DATED, published=published)
    assert [w.code for w in record.warnings if w.code == "dates_failed"] == []
    values = {d.text: d.value for d in record.dates}
    assert [d.text for d in record.dates] == ["Monday", "next week", "March 3, 2019", "2020", "Yesterday"]
    assert (values["March 3, 2019"], values["2020"]) == ("2019-03-03", "2020")


def test_relative_dates_resolve_where_the_calendar_allows() -> None:
    assert normalize("tomorrow", dt.date(1, 1, 1)).value == "0001-01-02"
    assert normalize("yesterday", dt.date(1, 1, 1)).value is None  # before year 1: unresolved
    assert normalize("tomorrow", dt.date(9999, 12, 31)).value is None
    assert week_value(dt.date(1, 1, 8)) == "0001-W02"
