"""spaCy component "extractor_dates": find date expressions and normalize them to TIMEX3 values.

Candidates come from two sources: spaCy's DATE/TIME entities, and token patterns for what the
small English model misses ("now", "recently", "the future", "daily"...), kept as data in
``models/date_patterns.json`` with the word lists that shape extents. Candidates are shaped to
TimeML extent conventions: overlapping ones are united; adjacent ones joined when the whole is
one expression ("Friday" + "morning", "May" + "this year", "January 2017" + "to the present");
ranges split into their ends ("between 1994 and 1997" is two TIMEX3); prepositions, possessives
and stray determiners trimmed; entities that swallowed neighbours narrowed to the expressions
inside ("the first nine months of 1997" -> "the first nine months", "1997").

Each survivor is normalized against ``doc._.published`` by
:func:`extractor.normalize.timex.normalize`, with two hints from the parse: the tense of the
governing verb (a bare "Thursday" is last Thursday unless the verb is future) and whether the
sentence reports quarterly results ("a year earlier" is then last year's quarter). Candidates that
do not normalize are dropped: what we cannot resolve is usually not a date ("44", "6-year-old").
Two small post-passes use the neighbours: a range's first end takes the second end's year ("June
5 to June 9, 2019") and a bare clock time takes the day named in its sentence.

Output: ``doc._.dates`` (dicts shaped like ``records.DateMention``, ids D1.. in text order) and
``doc.spans["dates"]`` (label = TIMEX3 type). The component never touches ``doc.ents`` and skips
anything overlapping ``doc._.boilerplate``.

Modules, one job each: ``finder`` (the component: candidates, cutting, normalizing), ``rules`` (the
pattern file), ``lexical_filter`` (which tokens a pattern could use), ``trimming`` (extents),
``tense`` (hints from the parse), ``context`` (passes over the found dates that use neighbours).
"""

from __future__ import annotations

from spacy.language import Language

from .context import date_bare_times, inherit_range_year, parse_anchor
from .finder import MAX_NARROW_TOKENS, DateFinder
from .lexical_filter import LexicalFilter
from .rules import PATTERNS_FILE, SPAN_KEY, Rules, default_patterns_path
from .tense import governing_tense, reporting_grain
from .trimming import merge_overlapping

__all__ = [
    "MAX_NARROW_TOKENS", "PATTERNS_FILE", "SPAN_KEY", "DateFinder", "LexicalFilter", "Rules", "date_bare_times",
    "default_patterns_path", "governing_tense", "inherit_range_year", "make_dates", "merge_overlapping",
    "parse_anchor", "reporting_grain",
]


@Language.factory(
    "extractor_dates",
    default_config={
        "use_dateparser": True,
        "use_entities": True,
        "entity_labels": ["DATE", "TIME"],
        "patterns_path": None,
        "keep_unnormalized": False,
    },
)
def make_dates(nlp: Language, name: str, use_dateparser: bool, use_entities: bool, entity_labels: list[str],
               patterns_path: str | None, keep_unnormalized: bool) -> DateFinder:
    """Factory (config keys as in default_config).

    use_dateparser: ask dateparser about explicit dates the rules miss (cached; off = rules only).
    use_entities / entity_labels: take spaCy's entities of these labels as candidates.
    patterns_path: another pattern file instead of models/date_patterns.json.
    keep_unnormalized: keep candidates the normalizer cannot resolve, with value None.
    """
    return DateFinder(nlp, name, use_dateparser=use_dateparser, use_entities=use_entities,
                      entity_labels=entity_labels, patterns_path=patterns_path, keep_unnormalized=keep_unnormalized)
