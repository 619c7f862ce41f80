"""How the quote scorer's training labels an item (scripts/train_quotes.py)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

from train_quotes import part_of_matched  # noqa: E402

from extractor.eval.polnear import Article, Attribution, Prediction  # noqa: E402

TEXT = '"I just want to be able to perform my own music," she said.\n\n"That\'s it. I\'ve tried to work this out privately."'
FIRST = (1, TEXT.index(',"') + 1)
SECOND = (TEXT.index("That's"), len(TEXT) - 1)
SHE = (TEXT.index("she"), TEXT.index("she") + 3)


def test_the_second_paragraph_of_a_quotation_is_part_of_the_attribution_paired_with_the_first() -> None:
    """PolNeAR joins the two paragraphs into one attribution; its evaluator pairs it with the first
    item only, but the second is the same speaker's words and is labelled real."""
    gold = Attribution(content=[FIRST, SECOND], source=[SHE])
    article = Article("a", TEXT, None, [gold])
    second = Prediction([SECOND], [SHE], None)
    assert part_of_matched(article, second, {0}) is gold
    assert part_of_matched(article, second, set()) is None  # nothing paired with it: the evaluator's verdict stands


def test_an_item_inside_a_single_span_attribution_keeps_the_evaluators_verdict() -> None:
    """A fragment inside one annotated span is a duplicate of what another item matched, not a part."""
    gold = Attribution(content=[(1, len(TEXT) - 1)], source=[SHE])
    article = Article("a", TEXT, None, [gold])
    assert part_of_matched(article, Prediction([SECOND], [SHE], None), {0}) is None


def test_an_item_mostly_outside_the_attribution_is_not_part_of_it() -> None:
    gold = Attribution(content=[FIRST, (SECOND[0], SECOND[0] + 10)], source=[SHE])
    article = Article("a", TEXT, None, [gold])
    assert part_of_matched(article, Prediction([SECOND], [SHE], None), {0}) is None
