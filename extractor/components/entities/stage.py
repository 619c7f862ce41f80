"""The spaCy component ``extractor_entities``: loads the assets and runs the steps in order.
"""

from __future__ import annotations

import json
from dataclasses import replace
from collections.abc import Iterable
from pathlib import Path

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc
from spacy.util import filter_spans

from ... import extensions
from ...normalize import countries
from ...resources import model_path
from .acronyms import _acronym_mentions, _drop_descriptive_acronyms
from .base import CommonWords, DocFacts, Lexicons, LEXICONS_FILE, Mention, NER_TYPES, norm_key, PATTERNS_FILE, RAW_NER_KEY, SPANS_KEY, _in_boilerplate, _inside_longer_name
from .candidates import _gap_fill, _media_cue_mentions, _ner_mention, _place_cue_mentions, _resolve_overlaps
from .clustering import cluster_mentions
from .country_mentions import nested_countries
from .decision import MODEL_FILE, EntityModel, decide
from .features import extra_candidates
from .output import build_entities, _reset_ents
from .propagation import propagate_mentions
from .refine import refine
from .tables import row_names
from .tagger import TAGGER_FILE, SequenceTagger, load_tagger
from .unify import _unify_types


@Language.factory(
    "extractor_entities",
    default_config={
        "patterns_file": PATTERNS_FILE,
        "lexicons_file": LEXICONS_FILE,
        "fill_countries": True,
        "propagate": True,
        "set_ents": True,
        # The learned keep/retype/drop decision; "" runs the rules alone (how it is trained).
        "model_file": "entity_model.json",
        # The CRF whose spans and labels the model reads; "" leaves them out.
        "tagger_file": TAGGER_FILE,
    },
)
def make_entities(
    nlp: Language,
    name: str,
    patterns_file: str,
    lexicons_file: str,
    fill_countries: bool,
    propagate: bool,
    set_ents: bool,
    model_file: str = "",
    tagger_file: str = "",
) -> EntityStage:
    """Factory for ``nlp.add_pipe("extractor_entities")``; asset names are resolved in ``models/``."""
    patterns = _read_jsonl(model_path(patterns_file)) if patterns_file else []
    lexicons = json.loads(model_path(lexicons_file).read_text(encoding="utf-8"))
    model = load_model(model_file)
    tagger = load_tagger(tagger_file)
    return EntityStage(nlp, name, patterns, lexicons, fill_countries=fill_countries, propagate=propagate, set_ents=set_ents,
                       model=model, tagger=tagger)


def load_model(model_file: str) -> EntityModel | None:
    """The learned decision from ``models/``; "" runs the rules alone (how the model is trained)."""
    return EntityModel.load(model_path(model_file)) if model_file else None


def _read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


class EntityStage:
    """Runs after ``ner``: corrects, clusters and publishes the article's entities."""

    def __init__(
        self,
        nlp: Language,
        name: str,
        patterns: list[dict],
        lexicons: dict,
        *,
        fill_countries: bool = True,
        propagate: bool = True,
        set_ents: bool = True,
        model: EntityModel | None = None,
        tagger: SequenceTagger | None = None,
    ) -> None:
        self.nlp = nlp
        self.model = model
        self.tagger = tagger
        self.name = name
        self.fill_countries = fill_countries
        self.propagate = propagate
        self.set_ents = set_ents
        self._vocabulary: CommonWords | None = None
        self._load(patterns, lexicons)

    def _load(self, patterns: list[dict], lexicons: dict) -> None:
        """(Re)build the matchers; called on construction and by :meth:`from_disk`."""
        self.patterns = patterns
        self.lexicon_data = lexicons
        self.lex = Lexicons.from_dict(lexicons)
        self.gazetteer = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        self.token_gazetteer = Matcher(self.nlp.vocab)
        self.gazetteer_keys: set[str] = set()
        for entry in patterns:
            label, pattern = entry.get("label", "ORG"), entry["pattern"]
            if isinstance(pattern, str):  # EntityRuler phrase pattern: matched as written
                self.gazetteer.add(label, [self.nlp.make_doc(pattern)])
                self.gazetteer_keys.add(norm_key(pattern))
            else:  # EntityRuler token pattern: a list of token attribute dicts
                self.token_gazetteer.add(label, [pattern])
        self.country_matcher = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        self.country_matcher.add("GPE", [self.nlp.make_doc(n) for n in countries.surface_forms(gap_fill=True)])

    # -- spaCy serialisation ------------------------------------------------------------------

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / PATTERNS_FILE).write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in self.patterns), encoding="utf-8")
        (path / LEXICONS_FILE).write_text(json.dumps(self.lexicon_data, ensure_ascii=False, indent=1), encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> EntityStage:
        path = Path(path)
        patterns = _read_jsonl(path / PATTERNS_FILE) if (path / PATTERNS_FILE).exists() else self.patterns
        lexicons = json.loads((path / LEXICONS_FILE).read_text(encoding="utf-8")) if (path / LEXICONS_FILE).exists() else self.lexicon_data
        self._load(patterns, lexicons)
        return self

    # -- the stage ----------------------------------------------------------------------------

    @property
    def vocabulary(self) -> CommonWords:
        """Read from the lemmatizer on first use: its tables are loaded after this component is built."""
        if self._vocabulary is None:
            self._vocabulary = CommonWords.from_pipeline(self.nlp)
        return self._vocabulary

    def __call__(self, doc: Doc) -> Doc:
        try:
            mentions = self.find_mentions(doc)
            clusters = cluster_mentions(doc, mentions, self.lex)
            entities, mention_spans = build_entities(doc, clusters, self.lex)
        except Exception as exc:  # noqa: BLE001 - a bad article loses its entities, not its other facts
            extensions.add_stage_warning(doc, "entities_failed", exc, "entity linking")
            doc._.entities = []
            doc.spans[SPANS_KEY] = []
            return doc
        doc._.entities = entities
        doc.spans[SPANS_KEY] = mention_spans
        if self.set_ents:
            doc.spans[RAW_NER_KEY] = list(doc.ents)
            _reset_ents(doc, clusters)
        return doc

    def find_mentions(self, doc: Doc) -> list[Mention]:
        """Every mention kept in the doc, in text order, before clustering: the rules propose,
        the learned model (when one is loaded) keeps, retypes or drops. The model's evidence is
        English (its words, CoNLL's and the English news gold's habits): on a pipeline of another
        language it would judge "président Emmanuel Macron" by English word lists, so there the
        pipeline's own NER and the rules decide."""
        if self.model is None or self.nlp.lang != "en":
            return self.rule_mentions(doc)[0]
        candidates, facts = self.candidate_mentions(doc)
        return sorted(decide(doc, candidates, self.model, facts), key=lambda m: (m.start, m.end))

    def candidate_mentions(self, doc: Doc) -> tuple[list[Mention], DocFacts]:
        """What the model judges: the rules' corrected mentions plus the extra candidates it may promote."""
        rules, facts = self.rule_mentions(doc)
        facts = replace(facts, rows=row_names(doc), tags=self.tagger.spans(doc) if self.tagger else {})
        return sorted(rules + extra_candidates(doc, rules, facts), key=lambda m: (m.start, m.end)), facts

    def rule_mentions(self, doc: Doc) -> tuple[list[Mention], DocFacts]:
        """Every mention the rules find and type, in text order."""
        rejected: list[tuple[int, int]] = []
        facts = DocFacts.of(doc, self.gazetteer_keys, self.vocabulary)
        strong = (
            self._gazetteer_mentions(doc)
            + _acronym_mentions(doc, self.lex)
            + _media_cue_mentions(doc, self.lex)
            + _place_cue_mentions(doc, self.lex)
        )
        ner = [m for m in (_ner_mention(doc, e) for e in doc.ents) if m]
        candidates = _resolve_overlaps(doc, ner, strong, facts)
        if self.fill_countries:
            candidates += _gap_fill(candidates, self._country_mentions(doc))
        mentions: list[Mention] = []
        for cand in sorted(candidates, key=lambda m: m.start):
            refined = refine(doc, cand, self.lex, facts)
            # A rejected name blocks propagation into its words ("Moscow" in "Moscow Mechanism");
            # a lowercase span does not: it may be a lowercase mention ("the permanent council").
            if not refined and any(ch.isupper() for ch in cand.span(doc).text):
                rejected.append((cand.start, cand.end))
            mentions.extend(refined)
        _unify_types(doc, mentions, self.lex)
        mentions = _drop_descriptive_acronyms(doc, mentions, self.lex, facts)
        if self.propagate:
            mentions += propagate_mentions(doc, mentions, rejected, self.lex, facts)
        mentions += nested_countries(doc, mentions, self.lex)
        return sorted(mentions, key=lambda m: (m.start, m.end)), facts

    def _gazetteer_mentions(self, doc: Doc) -> list[Mention]:
        spans = list(self.gazetteer(doc, as_spans=True))
        if len(self.token_gazetteer):
            spans += self.token_gazetteer(doc, as_spans=True)
        spans = filter_spans(spans)
        return [
            Mention(s.start, s.end, type=NER_TYPES.get(s.label_, s.label_), label=s.label_, source="pattern", strong=True)
            for s in spans
            if not _in_boilerplate(doc, s.start, s.end)
        ]

    def _country_mentions(self, doc: Doc) -> list[Mention]:
        """Country names spaCy may have missed, unless part of a longer name ("Mexico City")."""
        spans = filter_spans(self.country_matcher(doc, as_spans=True))
        return [
            Mention(s.start, s.end, type="LOCATION", label="GPE", source="country")
            for s in spans
            if not _in_boilerplate(doc, s.start, s.end) and not _inside_longer_name(doc, s)
        ]
