"""The page-furniture model: teasers and share prompts marked, article paragraphs kept."""

from __future__ import annotations

from extractor.furniture import is_furniture
from extractor.segment import find_boilerplate, paragraphs


def test_teasers_and_share_prompts_are_furniture_and_prose_is_not():
    assert is_furniture("- Gronk, Serena perform with Laker Girls Gronk may have found his true calling", 12, 15)
    assert is_furniture("Like this story? Share it with a friend!", 9, 10)
    assert not is_furniture("The governor said the campaign had cost the state nearly $449,000 so far this year, according to a report.", 3, 10)
    assert not is_furniture("“We really took that challenge to heart,” he said.", 2, 10)


def test_furniture_is_marked_as_a_boilerplate_region_and_the_text_is_kept():
    text = (
        "The council voted on Tuesday to raise the harbour levy by 4 percent, the mayor said.\n\n"
        "Local businesses said they would appeal the decision before the end of the month.\n\n"
        "Like this story? Share it with a friend!"
    )
    paras = paragraphs(text)
    found = [(text[b.start:b.end], b.kind) for b in find_boilerplate(text, paras)]
    assert found == [("Like this story? Share it with a friend!", "furniture")]
