"""Entities stage: spaCy's NER output, corrected and clustered into one entity per real-world thing.

The small English model gets news text mostly right but makes the same mistakes again and
again: newspapers tagged PERSON ("Novaya Gazeta"), countries tagged ORG ("USA"), job titles
tagged ORG ("Justice" in "Justice Minister"), adjectives tagged ORG ("LGBT people"), a person
swallowed by an organisation ("Russian LGBT Network's Igor Kochetkov"), trailing newlines,
hashtags. This component repairs those with general rules whose word lists live in
``models/entity_lexicons.json``, adds an organisation gazetteer (``models/entity_patterns.jsonl``,
EntityRuler format) and country names (:mod:`extractor.normalize.countries`), then clusters the
mentions of each article ("Bragason" joins "Guðni Bragason", "OSCE" joins its expansion, "US",
"USA" and "the United States" are one country).

How one doc is processed (:meth:`EntityStage.find_mentions`, then clustering), one module per step:

1. ``candidates`` (with ``acronyms``): spaCy's PERSON/ORG/GPE/LOC/FAC spans, gazetteer hits, acronym definitions
   ("... (OSCE)"), names after a media noun ("newspaper X") or before a place noun ("X city
   council"), and country names spaCy missed; rule hits win where they overlap spaCy's;
2. ``refine``: each candidate is trimmed ("the", "'s", whitespace), split (line breaks, "Network's Igor
   Kochetkov"), stripped of job titles and typed (country look-up, outlet cues, demonyms,
   descriptions, laws) - see :func:`refine`;
3. ``unify``, ``propagation``, ``country_mentions``: one type per name across the article, then other occurrences of known names are added
   (spaCy often tags a name once and misses it later);
4. ``clustering`` per type: countries by ISO code, people by full name + lone surname/first name,
   organisations by name, suffix, acronym and head word, places by name.

Outputs, written after the ``ner`` component:

- ``doc._.entities``: dicts in the shape of :class:`extractor.records.Entity`;
- ``doc.spans["entities"]``: every mention as a Span labelled PERSON, ORG, COUNTRY or LOCATION;
- ``doc.ents``: re-set with the corrections in spaCy's own label scheme (PERSON, ORG, GPE for
  countries, the original GPE/LOC/FAC for other places) so displaCy and other spaCy code see
  them; labels this stage does not map (DATE, CARDINAL, NORP, ...) are kept as they were.

:func:`entity_for_char_span` lets later stages (quotes, claims) link a stretch of text to an entity.
"""

from __future__ import annotations

from ... import extensions
from .base import LEXICONS_FILE, NER_TYPES, OWNED_LABELS, PATTERNS_FILE, SPANS_KEY, Cluster, CommonWords, DocFacts, Lexicons, Mention, norm_key, trim
from .clustering import cluster_mentions
from .output import build_entities, canonical_name, entity_for_char_span, iter_mentions
from .stage import EntityStage, make_entities

__all__ = [
    "LEXICONS_FILE",
    "NER_TYPES",
    "OWNED_LABELS",
    "PATTERNS_FILE",
    "SPANS_KEY",
    "Cluster",
    "CommonWords",
    "DocFacts",
    "EntityStage",
    "Lexicons",
    "Mention",
    "build_entities",
    "canonical_name",
    "cluster_mentions",
    "entity_for_char_span",
    "iter_mentions",
    "make_entities",
    "norm_key",
    "trim",
]

extensions.register()
