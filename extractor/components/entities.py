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

How one doc is processed (:meth:`EntityStage.find_mentions`, then clustering):

1. candidates: spaCy's PERSON/ORG/GPE/LOC/FAC spans, gazetteer hits, acronym definitions
   ("... (OSCE)"), names after a media noun ("newspaper X") or before a place noun ("X city
   council"), and country names spaCy missed; rule hits win where they overlap spaCy's;
2. each candidate is trimmed ("the", "'s", whitespace), split (line breaks, "Network's Igor
   Kochetkov"), stripped of job titles and typed (country look-up, outlet cues, demonyms,
   descriptions, laws) - see :func:`refine`;
3. one type per name across the article, then other occurrences of known names are added
   (spaCy often tags a name once and misses it later);
4. clustering per type: countries by ISO code, people by full name + lone surname/first name,
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

import functools
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from .. import extensions
from ..extensions import in_boilerplate
from ..normalize import countries
from ..resources import model_path

PATTERNS_FILE = "entity_patterns.jsonl"
LEXICONS_FILE = "entity_lexicons.json"
SPANS_KEY = "entities"

#: spaCy NER label -> our entity type (GPE may become COUNTRY after a country look-up).
NER_TYPES = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "LOCATION", "LOC": "LOCATION", "FAC": "LOCATION"}
#: Labels whose doc.ents spans this stage owns and rewrites; others are left as spaCy set them.
OWNED_LABELS = frozenset(NER_TYPES)
POSSESSIVES = frozenset({"'s", "’s", "'", "’", "'S", "’S"})
_ACRONYM = re.compile(r"^[A-Z][A-Za-z&.]*[A-Z]\.?$")
#: How far (in words) an acronym's expansion may reach back before its "(ACRONYM)".
_MAX_EXPANSION_WORDS = 12


# --------------------------------------------------------------------------------------------
# Data: lexicons and mentions
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Lexicons:
    """The word lists behind the rules, loaded from ``models/entity_lexicons.json`` (lower case)."""

    titles: frozenset[str]
    title_modifiers: frozenset[str]
    media_nouns: frozenset[str]
    media_roles: frozenset[str]
    media_name_words: frozenset[str]
    media_name_words_after_the: frozenset[str]
    report_verbs: frozenset[str]
    report_verb_blockers: frozenset[str]
    law_heads: frozenset[str]
    descriptor_acronyms: frozenset[str]
    group_nouns: frozenset[str]
    generic_heads: frozenset[str]
    non_place_heads: frozenset[str]
    media_after_news: frozenset[str]
    media_after_news_prefixes: frozenset[str]
    place_nouns: frozenset[str]
    function_words: frozenset[str]
    hashtag_marks: frozenset[str]

    @classmethod
    def from_dict(cls, data: dict) -> Lexicons:
        def words(*path: str) -> frozenset[str]:
            node = data
            for key in path:
                node = node[key]
            return frozenset(w.lower() for w in node)

        return cls(
            titles=words("titles", "words"),
            title_modifiers=words("titles", "modifiers"),
            media_nouns=words("media", "nouns"),
            media_roles=words("media", "roles"),
            media_name_words=words("media", "name_words"),
            media_name_words_after_the=words("media", "name_words_after_the"),
            report_verbs=words("media", "report_verbs"),
            report_verb_blockers=words("media", "report_verb_blockers"),
            law_heads=words("law_heads", "words"),
            descriptor_acronyms=words("descriptors", "acronyms"),
            group_nouns=words("descriptors", "group_nouns"),
            generic_heads=words("generic_heads", "words"),
            non_place_heads=words("non_place_heads", "words"),
            media_after_news=words("media", "after_news"),
            media_after_news_prefixes=words("media", "after_news_prefixes"),
            place_nouns=words("place_nouns", "words"),
            function_words=words("function_words", "words"),
            hashtag_marks=frozenset(data["hashtag_marks"]),
        )


@dataclass(frozen=True)
class DocFacts:
    """What the rules need to know about the whole article while judging one mention."""

    norp: frozenset[str]  # keys of spaCy's NORP mentions ("chechen")
    person_words: frozenset[str]  # keys of the capitalised words of spaCy's PERSON mentions
    gazetteer_keys: frozenset[str]  # keys of the organisation gazetteer's names
    vocabulary: CommonWords

    @classmethod
    def of(cls, doc: Doc, gazetteer_keys: Iterable[str], vocabulary: CommonWords) -> DocFacts:
        return cls(
            norp=frozenset(norm_key(e.text) for e in doc.ents if e.label_ == "NORP"),
            person_words=frozenset(norm_key(t.text) for e in doc.ents if e.label_ == "PERSON" for t in e if _is_capitalised(t)),
            gazetteer_keys=frozenset(gazetteer_keys),
            vocabulary=vocabulary,
        )


@dataclass(frozen=True)
class CommonWords:
    """English common nouns and other words, from the pipeline's lemmatizer tables.

    Tells a capitalised common word ("Farmers" at the start of a sentence) from a name
    ("Tavares", which the tagger may still call a plural noun). Empty when the pipeline has no
    rule-based lemmatizer: the rules that use it then simply do not fire.
    """

    nouns: frozenset[str] = frozenset()
    words: frozenset[str] = frozenset()

    @classmethod
    def from_pipeline(cls, nlp: Language) -> CommonWords:
        if "lemmatizer" not in nlp.pipe_names:
            return cls()
        try:
            index = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
        except (AttributeError, KeyError):
            return cls()
        nouns = frozenset(index.get("noun", []))
        words = nouns.union(*(index.get(pos, []) for pos in ("verb", "adj", "adv")))
        return cls(nouns=nouns, words=words)

    def is_plural_noun(self, word: str) -> bool:
        """"Farmers", "Officials": a plural of a known common noun."""
        low = word.lower()
        return low.endswith("s") and (low[:-1] in self.nouns or (low.endswith("es") and low[:-2] in self.nouns))

    def is_common(self, word: str) -> bool:
        low = word.lower()
        return low in self.words or self.is_plural_noun(word)


@dataclass
class Mention:
    """One candidate mention, as a token range of the doc, with what the rules decided about it.

    ``strong`` means a gazetteer or a rule fixed the type, so spaCy's label for the same name
    elsewhere in the article yields to it. ``weak_org`` marks a PERSON followed by "reported":
    an outlet unless the article also uses the name like a person's.
    """

    start: int
    end: int
    type: str
    label: str  # spaCy label to use in doc.ents
    source: str  # ner | pattern | acronym | media | country | propagated
    strong: bool = False
    code: str | None = None  # ISO alpha-2, for COUNTRY
    generic: bool = False  # a lone "Network"/"Council" that must join a fuller name or go
    head_of: str | None = None  # "UN council": the acronym before a lowercase generic head
    weak_org: bool = False
    expands: str | None = None  # for an acronym defined in the text: the key of its expansion

    def span(self, doc: Doc) -> Span:
        return doc[self.start : self.end]


@dataclass
class Cluster:
    """Mentions of one real-world thing."""

    type: str
    mentions: list[Mention] = field(default_factory=list)
    code: str | None = None

    @property
    def first(self) -> int:
        return min(m.start for m in self.mentions)


# --------------------------------------------------------------------------------------------
# Text helpers
# --------------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1 << 16)
def norm_key(text: str) -> str:
    """A matching key: case, accents, full stops, apostrophe and dash variants and spacing ignored."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("’", "'").replace("‘", "'").replace("–", "-").replace("‑", "-").replace(".", "")
    return " ".join(text.casefold().split())


def _is_capitalised(token: Token) -> bool:
    return bool(token.text[:1].isupper()) and any(ch.isalpha() for ch in token.text)


def _is_acronym(text: str) -> bool:
    """"OSCE", "NATO", "U.N." - two or more capitals, mostly capitals."""
    letters = [ch for ch in text if ch.isalpha()]
    upper = sum(ch.isupper() for ch in letters)
    return bool(_ACRONYM.match(text)) and upper >= 2 and upper / len(letters) >= 0.6


def _acronym_letters(text: str) -> str:
    return "".join(ch for ch in text if ch.isupper())


def _words(span: Span) -> list[str]:
    return [t.text for t in span if not t.is_space and not (t.is_punct and t.text not in {"&"})]


# --------------------------------------------------------------------------------------------
# The component
# --------------------------------------------------------------------------------------------


@Language.factory(
    "extractor_entities",
    default_config={
        "patterns_file": PATTERNS_FILE,
        "lexicons_file": LEXICONS_FILE,
        "fill_countries": True,
        "propagate": True,
        "set_ents": True,
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
) -> EntityStage:
    """Factory for ``nlp.add_pipe("extractor_entities")``; asset names are resolved in ``models/``."""
    patterns = _read_jsonl(model_path(patterns_file)) if patterns_file else []
    lexicons = json.loads(model_path(lexicons_file).read_text(encoding="utf-8"))
    return EntityStage(nlp, name, patterns, lexicons, fill_countries=fill_countries, propagate=propagate, set_ents=set_ents)


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
    ) -> None:
        self.nlp = nlp
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
            _reset_ents(doc, clusters)
        return doc

    def find_mentions(self, doc: Doc) -> list[Mention]:
        """Every corrected mention in the doc, in text order, before clustering."""
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
        return sorted(mentions, key=lambda m: (m.start, m.end))

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


# --------------------------------------------------------------------------------------------
# Candidates
# --------------------------------------------------------------------------------------------


def _in_boilerplate(doc: Doc, start: int, end: int) -> bool:
    span = doc[start:end]
    return in_boilerplate(doc, span.start_char, span.end_char)


def _ner_mention(doc: Doc, ent: Span) -> Mention | None:
    """A candidate from spaCy's NER, for the labels this stage maps, outside boilerplate."""
    if ent.label_ not in NER_TYPES or _in_boilerplate(doc, ent.start, ent.end):
        return None
    return Mention(ent.start, ent.end, type=NER_TYPES[ent.label_], label=ent.label_, source="ner")


def trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Shrink a token range to the name: no edge whitespace or punctuation, leading "the" or trailing "'s".

    spaCy often includes "the" ("the Russian Federation"), a possessive or the blank line after
    a name ("Alex\\n\\n"); none of them is part of the name a reader would highlight.
    """
    while start < end:
        tok = doc[start]
        if tok.is_space or tok.is_punct or tok.lower_ == "the" or tok.text in POSSESSIVES:
            start += 1
        else:
            break
    while end > start:
        tok = doc[end - 1]
        if tok.is_space or tok.text in POSSESSIVES or (tok.is_punct and not _keeps_closing_bracket(doc, start, end)):
            end -= 1
        else:
            break
    return start, end


def _keeps_closing_bracket(doc: Doc, start: int, end: int) -> bool:
    """A final ")" stays when the name opened it: "Holy See (Vatican)"."""
    return doc[end - 1].text == ")" and any(t.text == "(" for t in doc[start : end - 1])


def _resolve_overlaps(doc: Doc, ner: list[Mention], strong: list[Mention], facts: DocFacts) -> list[Mention]:
    """Merge gazetteer/rule mentions with spaCy's, the rules winning where they disagree.

    A rule mention strictly inside a longer NER mention of the same type leaves the NER mention
    alone ("UN Human Rights Council" around "Human Rights Council"), unless the extra words are
    a name spaCy tags PERSON elsewhere ("the Washington Post Trump said"); inside one of a
    different type it splits it ("Novaya Gazeta Elena Milashina" tagged PERSON -> ORG +
    PERSON); any other overlap drops the NER mention ("the Organization For Security And
    Co-operation" + "Europe" give way to the whole expansion of "(OSCE)").
    """
    strong = [m for m in (_trimmed(doc, m) for m in strong) if m]
    kept_strong: list[Mention] = []
    # Longest first; of two rules claiming the same words, the one that knows more (an
    # acronym defined in the text) wins over a plain gazetteer hit.
    for m in sorted(strong, key=lambda m: (-(m.end - m.start), m.start, m.expands is None)):
        if not any(_overlaps(m, k) for k in kept_strong):
            kept_strong.append(m)
    out: list[Mention] = []
    for raw in ner:
        cand = _trimmed(doc, raw)
        if cand is None:
            continue
        inside = [s for s in kept_strong if _overlaps(s, cand)]
        if not inside:
            out.append(cand)
            continue
        contained = all(cand.start <= s.start and s.end <= cand.end for s in inside)
        if contained and (cand.end - cand.start) > max(s.end - s.start for s in inside):
            if all(s.type == cand.type for s in inside) and not _rest_is_person(doc, cand, inside, facts.person_words):
                kept_strong = [s for s in kept_strong if s not in inside]
                out.append(cand)
            elif all(s.type == cand.type for s in inside):
                out.extend(replace(p, type="PERSON", label="PERSON") for p in _split_around(doc, cand, inside))
            else:
                out.extend(_split_around(doc, cand, inside))
    return out + kept_strong


def _rest_is_person(doc: Doc, cand: Mention, inner: list[Mention], person_words: frozenset[str]) -> bool:
    """Are the words of ``cand`` outside ``inner`` all words of names spaCy tags PERSON elsewhere?"""
    rest = [t for t in cand.span(doc) if not any(s.start <= t.i < s.end for s in inner) and not t.is_punct and t.lower_ != "the"]
    return bool(rest) and all(norm_key(t.text) in person_words for t in rest)


def _split_around(doc: Doc, cand: Mention, inner: list[Mention]) -> list[Mention]:
    """The parts of ``cand`` outside the ``inner`` mentions that still look like names."""
    parts: list[Mention] = []
    pos = cand.start
    for s in sorted(inner, key=lambda m: m.start):
        parts.append(replace(cand, start=pos, end=s.start))
        pos = s.end
    parts.append(replace(cand, start=pos, end=cand.end))
    out = []
    for part in parts:
        trimmed = _trimmed(doc, part)
        if trimmed and any(_is_capitalised(t) for t in trimmed.span(doc)):
            out.append(trimmed)
    return out


def _trimmed(doc: Doc, m: Mention) -> Mention | None:
    start, end = trim(doc, m.start, m.end)
    return replace(m, start=start, end=end) if end > start else None


def _overlaps(a: Mention, b: Mention) -> bool:
    return a.start < b.end and b.start < a.end


def _gap_fill(kept: list[Mention], extra: list[Mention]) -> list[Mention]:
    """Country names spaCy missed, where no other mention claims the words."""
    return [m for m in extra if not any(_overlaps(m, k) for k in kept)]


def _acronym_mentions(doc: Doc, lex: Lexicons) -> list[Mention]:
    """An expansion and its acronym defined in parentheses, as one ORG (or country) each.

    "Organization For Security And Co-operation In Europe (OSCE)": the words before the bracket
    whose initials spell the acronym (small words like "for" may be skipped) form the name; the
    acronym mention records which expansion it stands for, so clustering joins them.
    """
    out: list[Mention] = []
    for tok in doc:
        if tok.text != "(" or tok.i + 2 >= len(doc) or doc[tok.i + 2].text != ")":
            continue
        acr = doc[tok.i + 1]
        if not _is_acronym(acr.text) or _in_boilerplate(doc, tok.i, tok.i + 3):
            continue
        start = _expansion_start(doc, tok.i, _acronym_letters(acr.text), lex)
        if start is None:
            start = _org_ending_at(doc, tok.i)
        if start is None:
            continue
        expansion = doc[start : tok.i]
        found = countries.lookup(expansion.text)
        kind, label = ("COUNTRY", "GPE") if found else ("ORG", "ORG")
        code = found.code if found else None
        out.append(Mention(start, tok.i, type=kind, label=label, source="acronym", strong=True, code=code))
        out.append(Mention(acr.i, acr.i + 1, type=kind, label=label, source="acronym", strong=True, code=code, expands=norm_key(expansion.text)))
    return out


def _org_ending_at(doc: Doc, end: int) -> int | None:
    """Start of the ORG spaCy found right before token ``end``: its "(ACRONYM)" may be foreign
    ("International Federation for Human Rights (FIDH)") and so spell other initials."""
    for ent in doc.ents:
        if ent.end == end and ent.label_ == "ORG":
            start, _ = trim(doc, ent.start, ent.end)
            return start if start < end else None
    return None


def _expansion_start(doc: Doc, paren: int, letters: str, lex: Lexicons) -> int | None:
    """Token index where the expansion of ``letters`` ending before ``paren`` starts, or None."""
    words = _words_before(doc, paren, lex)
    for k in range(len(words) - 1, -1, -1):
        first_text = words[k][2]
        if first_text.lower() in lex.function_words:
            continue
        if initials_match([w[2] for w in words[k:]], letters, lex):
            return words[k][0]
    return None


def _words_before(doc: Doc, end: int, lex: Lexicons) -> list[tuple[int, int, str]]:
    """(start token, end token, text) of the name-like words right before token ``end``.

    A word is a run of tokens without spaces between them ("Co-operation"); the run stops at
    punctuation, a sentence start or a lowercase word that is not a small function word.
    """
    words: list[tuple[int, int, str]] = []
    i = end
    while i > 0 and len(words) < _MAX_EXPANSION_WORDS:
        j = i - 1
        while j > 0 and not doc[j - 1].whitespace_ and not doc[j - 1].is_space:
            j -= 1
        text = doc[j:i].text
        if not re.fullmatch(r"[^\W\d_][\w'’&-]*", text):
            break
        if not (text[0].isupper() or text.lower() in lex.function_words):
            break
        words.insert(0, (j, i, text))
        if doc[j].is_sent_start:
            break
        i = j
    return words


def initials_match(words: list[str], letters: str, lex: Lexicons) -> bool:
    """Do the words' initials spell ``letters``? Function words may be skipped; "Co-operation" gives C or CO."""
    letters = letters.upper()

    def match(i: int, j: int) -> bool:
        if i == len(words):
            return j == len(letters)
        word = words[i]
        if word.lower() in lex.function_words and match(i + 1, j):
            return True
        parts = [p[0].upper() for p in re.split(r"[-‑]", word) if p]
        return any(letters[j : j + n] == "".join(parts[:n]) and match(i + 1, j + n) for n in range(1, len(parts) + 1))

    return bool(words) and bool(letters) and match(0, 0)


def _media_cue_mentions(doc: Doc, lex: Lexicons) -> list[Mention]:
    """Names right after a media noun are outlets: "newspaper Novaya Gazeta", "the daily Kommersant"."""
    out: list[Mention] = []
    for tok in doc:
        if not _is_media_noun(doc, tok.i, lex) or tok.i + 1 >= len(doc):
            continue
        start = tok.i + 1
        if doc[start].lower_ == "the":
            start += 1
        end = start
        while end < len(doc) and _name_token(doc, end, start, lex):
            end += 1
        while end > start and doc[end - 1].lower_ in lex.function_words:
            end -= 1
        if end > start and not _in_boilerplate(doc, start, end) and _plausible_outlet(doc[start:end], lex):
            out.append(Mention(start, end, type="ORG", label="ORG", source="media", strong=True))
    return out


def _place_cue_mentions(doc: Doc, lex: Lexicons) -> list[Mention]:
    """Names right before a lowercase place noun are places: "the Riverton city council"."""
    out: list[Mention] = []
    for tok in doc:
        if not tok.is_lower or tok.text not in lex.place_nouns:
            continue
        start = tok.i
        while start > 0 and tok.i - start < 3 and _is_capitalised(doc[start - 1]) and doc[start - 1].pos_ == "PROPN":
            start -= 1
        if start < tok.i and not _in_boilerplate(doc, start, tok.i) and not countries.is_demonym(doc[start:tok.i].text):
            out.append(Mention(start, tok.i, type="LOCATION", label="GPE", source="place", strong=True))
    return out


def _plausible_outlet(span: Span, lex: Lexicons) -> bool:
    """Not a title + name ("the network President Putin formed"), a country, or the subject of
    a relative clause ("a newspaper Russia has financed"), which the noun does not name."""
    if span[0].lower_.rstrip(".") in lex.titles or countries.lookup(span.text):
        return False
    root = span.root
    return not (root.dep_ in {"nsubj", "nsubjpass"} and root.head.dep_ == "relcl")


def _is_media_noun(doc: Doc, i: int, lex: Lexicons) -> bool:
    """"newspaper", "daily", "news site", "TV channel": lowercase only, since "LGBT Network" is a name."""
    tok = doc[i]
    if tok.text in lex.media_nouns:
        return True
    prev = doc[i - 1].lower_ if i > 0 else ""
    return tok.text in lex.media_after_news and prev in lex.media_after_news_prefixes


def _name_token(doc: Doc, i: int, start: int, lex: Lexicons) -> bool:
    """Can token ``i`` continue a name that began at ``start``? (capitalised, or a small inner word)"""
    tok = doc[i]
    if tok.ent_type_ in {"DATE", "TIME"} or (i > start and tok.is_sent_start):
        return False
    if _is_capitalised(tok) and tok.text not in POSSESSIVES:
        return True
    return i > start and tok.lower_ in lex.function_words and i + 1 < len(doc) and _is_capitalised(doc[i + 1])


# --------------------------------------------------------------------------------------------
# Rules on one mention
# --------------------------------------------------------------------------------------------


def refine(doc: Doc, m: Mention, lex: Lexicons, facts: DocFacts) -> list[Mention]:
    """Apply the correction rules to one candidate: zero, one or several mentions come out."""
    start, end = trim(doc, m.start, m.end)
    if end <= start:
        return []
    m = replace(m, start=start, end=end)
    span = m.span(doc)
    if _is_hashtag(doc, span, lex) or not any(ch.isupper() for ch in span.text):
        return []
    if (parts := _split_at_line_break(doc, m)) is not None:
        return [r for part in parts for r in refine(doc, part, lex, facts)]
    if (parts := _split_possessive(doc, m)) is not None:
        return [r for part in parts for r in refine(doc, part, lex, facts)]
    if is_title_phrase(doc, span, lex) and not _is_titled_surname(doc, m, lex) and not _is_name_word(span, facts):
        return []
    if not m.strong and _is_capitalised_plural_noun(span, facts):
        return []
    m = _strip_titles(doc, _strip_leading_verb(doc, m), lex)
    span = m.span(doc)
    if m.type == "PERSON":
        if _is_demonym_before_noun(doc, span, lex):
            return []
        return [_person_or_outlet(doc, m, lex)]
    if m.strong and m.type == "ORG":
        return _org(doc, m, lex)
    if m.type in {"ORG", "LOCATION"} and _names_a_law(span, lex):
        return []
    if found := countries.lookup(span.text):
        return [replace(m, type="COUNTRY", label="GPE", code=found.code)]
    if _is_demonym(span, facts.norp, m.type) and not _is_name_word(span, facts):
        return []
    if m.type == "ORG":
        return _org(doc, m, lex)
    if m.type == "LOCATION":
        if span[-1].lower_ in lex.non_place_heads:
            return []
        if _media_role_follows(doc, m, lex):
            return [replace(m, type="ORG", label="ORG", strong=True)]
    return [m] if m.type in {"LOCATION", "COUNTRY", "ORG"} else []


def _names_a_law(span: Span, lex: Lexicons) -> bool:
    """"the Affordable Care Act", "Fifth Amendment"; not "New York University School of Law"."""
    if span[-1].lower_ not in lex.law_heads:
        return False
    return len(span) == 1 or span[-2].lower_ not in lex.function_words


def _is_hashtag(doc: Doc, span: Span, lex: Lexicons) -> bool:
    """Hashtags and @handles are never entities, and neither is anything glued to one."""
    if any(mark in span.text for mark in lex.hashtag_marks):
        return True
    prev = doc[span.start - 1] if span.start > 0 else None
    return prev is not None and not prev.whitespace_ and prev.text[-1:] in lex.hashtag_marks


def _split_at_line_break(doc: Doc, m: Mention) -> list[Mention] | None:
    """A name never runs over a line break: split there ("Alex\\n\\nThanks" -> "Alex", "Thanks")."""
    breaks = [t.i for t in m.span(doc) if t.is_space and "\n" in t.text]
    if not breaks:
        return None
    bounds = [m.start - 1, *breaks, m.end]
    return [replace(m, start=a + 1, end=b) for a, b in zip(bounds, bounds[1:]) if b > a + 1]


def _is_possessive(token: Token) -> bool:
    """"'s" always; a bare apostrophe only when tagged possessive and glued to the word before
    ("the Smiths' lawyer"), since "Sees 'Personal Insult'" opens a quotation."""
    if token.text in {"'s", "’s", "'S", "’S"}:
        return True
    prev = token.doc[token.i - 1] if token.i > 0 else None
    return token.text in POSSESSIVES and token.tag_ == "POS" and prev is not None and not prev.whitespace_


def _split_possessive(doc: Doc, m: Mention) -> list[Mention] | None:
    """"Russian LGBT Network's Igor Kochetkov": the owner and the capitalised name after "'s" are two entities.

    The owner keeps the mention's type (or becomes a country); what follows is a person when it
    has the shape of a full name ("Apple's Tim Cook"). Otherwise it keeps an organisation's
    type ("Google's YouTube"); after a person's name it is a thing the person has, not a name
    ("Pagliano's Fifth Amendment claims"), and is dropped.
    """
    span = m.span(doc)
    cut = next((t.i for t in span if _is_possessive(t) and m.start < t.i < m.end - 1), None)
    if cut is None or not _is_capitalised(doc[cut + 1]):
        return None
    owner = replace(m, end=cut)
    rest = replace(m, start=cut + 1)
    if found := countries.lookup(owner.span(doc).text):
        owner = replace(owner, type="COUNTRY", label="GPE", code=found.code)
    if _looks_like_full_name(rest.span(doc)):
        if m.type != "PERSON":
            rest = replace(rest, type="PERSON", label="PERSON", strong=True, code=None)
        return [owner, rest]
    if m.type == "PERSON":  # "Pagliano's Fifth Amendment": the person owns a thing, not a name
        return [owner]
    return [owner, rest]


def _looks_like_full_name(span: Span) -> bool:
    """Two or three capitalised proper nouns, none a nationality word: "Igor Kochetkov", "Tim Cook"."""
    return 2 <= len(span) <= 3 and all(
        _is_capitalised(t) and t.pos_ == "PROPN" and not t.like_num and not countries.is_demonym(t.text) for t in span
    )


def is_title_phrase(doc: Doc, span: Span, lex: Lexicons) -> bool:
    """Is this only a job title ("Justice Minister", "deputy spokesman", "Justice" before "Minister")?"""
    words = [t.lower_.rstrip(".") for t in span if not t.is_punct]
    if not words or not all(w in lex.titles or w in lex.title_modifiers for w in words):
        return False
    nxt = doc[span.end] if span.end < len(doc) else None
    return any(w in lex.titles for w in words) or (nxt is not None and nxt.lower_.rstrip(".") in lex.titles)


def _is_titled_surname(doc: Doc, m: Mention, lex: Lexicons) -> bool:
    """A PERSON that is one title-like word used as a name: "Mr. King", "King said" (Larry King).

    A lone title word tagged PERSON is a title only when a name follows it ("President" split
    from "Obama"); after an honorific or before a verb it is a surname.
    """
    if m.type != "PERSON" or m.end - m.start != 1:
        return False
    prev = doc[m.start - 1] if m.start > 0 else None
    nxt = doc[m.end] if m.end < len(doc) else None
    if prev is not None and prev.lower_.rstrip(".") in lex.titles:
        return True
    return nxt is None or not _is_capitalised(nxt)


def _is_capitalised_plural_noun(span: Span, facts: DocFacts) -> bool:
    """"Farmers' union leader ..." tagged ORG: a plural common noun capitalised only because it
    starts the sentence."""
    if len(span) != 1 or _is_name_word(span, facts) or span[0].is_upper:
        return False
    return _starts_sentence(span[0]) and facts.vocabulary.is_plural_noun(span[0].text)


def _starts_sentence(token: Token) -> bool:
    """First word of its sentence, opening quotes and brackets aside (works without a parser too)."""
    doc, i = token.doc, token.i
    while i > 0 and not doc[i].is_sent_start and (doc[i - 1].is_punct or doc[i - 1].is_space):
        i -= 1
    return i == 0 or bool(doc[i].is_sent_start)


def _is_name_word(span: Span, facts: DocFacts) -> bool:
    """A single word spaCy also tags as part of a person's name here ("the Justice properties" of Jim Justice)."""
    return len(span) == 1 and norm_key(span.text) in facts.person_words and span[0].text[:1].isupper()


def _strip_leading_verb(doc: Doc, m: Mention) -> Mention:
    """'Said Ellis: ...' at a sentence start is tagged as one PERSON; the verb is no part of the name."""
    if m.end - m.start > 1 and doc[m.start].pos_ == "VERB" and doc[m.start].tag_ in ("VBD", "VBZ"):
        return replace(m, start=m.start + 1)
    return m


def _strip_titles(doc: Doc, m: Mention, lex: Lexicons) -> Mention:
    """"President Obama" -> "Obama", "Moldovan President Maia Sandu" -> "Maia Sandu".

    Only leading title words go, never the whole mention. Names left after stripping a title
    from an ORG/place mention are people ("Foreign Minister Sergei Lavrov" tagged ORG).
    """
    i = m.start
    seen_title = False
    while i < m.end - 1:
        word = doc[i].lower_.rstrip(".")
        if word in lex.titles:
            seen_title = True
        elif word not in lex.title_modifiers and not countries.is_demonym(doc[i].text):
            break
        i += 1
    if not seen_title or i == m.start:
        return m
    rest = doc[i : m.end]
    if m.type == "PERSON":
        return replace(m, start=i) if all(_is_capitalised(t) or t.is_punct for t in rest) else m
    if not m.strong and _looks_like_full_name(rest):  # not "Justice Department": "Department" is no name
        return replace(m, start=i, type="PERSON", label="PERSON", strong=True)
    return m


def _person_or_outlet(doc: Doc, m: Mention, lex: Lexicons) -> Mention:
    """spaCy's PERSON, unless the context or the name itself says it is a news outlet."""
    span = m.span(doc)
    words = {t.lower_ for t in span}
    after_the = m.start > 0 and doc[m.start - 1].lower_ == "the"
    if (
        _media_noun_before(doc, m, lex)
        or _media_role_follows(doc, m, lex)
        or words & lex.media_name_words
        or (after_the and words & lex.media_name_words_after_the)
    ):
        return replace(m, type="ORG", label="ORG", strong=True)
    nxt = _next_word(doc, m.end)
    if nxt is not None and nxt.lower_ in lex.report_verbs:
        after = doc[nxt.i + 1] if nxt.i + 1 < len(doc) else None
        if after is None or after.lower_ not in lex.report_verb_blockers:  # "Jane Doe reported from Kabul"
            return replace(m, weak_org=True)
    return m


def _is_demonym_before_noun(doc: Doc, span: Span, lex: Lexicons) -> bool:
    """"Moldovan" tagged PERSON in "Moldovan President Maia Sandu": a nationality adjective.

    Only right before a job title and not after one ("Mr. Burman" is a surname), since some
    surnames are nationality words too.
    """
    nxt = doc[span.end] if span.end < len(doc) else None
    prev = doc[span.start - 1] if span.start > 0 else None
    return (
        len(span) == 1
        and countries.is_demonym(span.text)
        and nxt is not None
        and nxt.lower_.rstrip(".") in lex.titles
        and not (prev is not None and prev.lower_.rstrip(".") in lex.titles)
    )


def _next_word(doc: Doc, i: int) -> Token | None:
    """The next token after ``i`` skipping a possessive ("Kommersant's reporter")."""
    while i < len(doc) and (doc[i].is_space or doc[i].text in POSSESSIVES):
        i += 1
    return doc[i] if i < len(doc) else None


def _media_noun_before(doc: Doc, m: Mention, lex: Lexicons) -> bool:
    i = m.start - 1
    if i >= 0 and doc[i].lower_ == "the":
        i -= 1
    return i >= 0 and _is_media_noun(doc, i, lex)


def _media_role_follows(doc: Doc, m: Mention, lex: Lexicons) -> bool:
    nxt = _next_word(doc, m.end)
    return nxt is not None and nxt.lower_ in lex.media_roles


def _is_demonym(span: Span, norp: frozenset[str], kind: str) -> bool:
    """"Chechens", "Russians", "Kazakh": a people or its adjective, not a place or an organisation.

    Known from the nationality table (:func:`countries.is_demonym`), from spaCy's own NORP tags
    elsewhere in the article ("Chechen" tagged NORP, so "Chechens" tagged GPE is a people too;
    the bare word itself is not enough, as spaCy tags "Trump" NORP in "Trump supporters"), or
    from the tagger calling a place name an adjective ("pro-Moscow"; not an ORG: "a Trump
    presidency" still names Trump).
    """
    if len(span) != 1:
        return False
    tok = span[0]
    key = norm_key(tok.text)
    if (tok.pos_ == "ADJ" and kind != "ORG") or countries.is_demonym(tok.text):
        return True
    return key.endswith("s") and key[:-1] in norp


def _org(doc: Doc, m: Mention, lex: Lexicons) -> list[Mention]:
    """Organisation rules: descriptive acronyms go, lone generic heads wait for a fuller name,
    and a full name right after a job title or joined by "and" to a person is a person
    ("envoy Pavel Orlov", "Alex Morgan and Petra Holm" with the second tagged ORG)."""
    span = m.span(doc)
    if not m.strong and (_looks_like_titled_person(doc, span, lex) or _conjoined_with_person(span, lex)):
        return [replace(m, type="PERSON", label="PERSON", strong=True)]
    if len(span) == 1:
        word = span[0].lower_
        if word in lex.descriptor_acronyms:
            return []
        if word in lex.generic_heads and not m.strong:
            return [replace(m, generic=True)]
        nxt = doc[m.end] if m.end < len(doc) else None
        if _is_acronym(span.text) and nxt is not None and nxt.is_lower and nxt.text in lex.generic_heads and span[-1].whitespace_:
            return [replace(m, end=m.end + 1, head_of=span.text)]  # "the UN council": joined in clustering
    return [m]


def _looks_like_titled_person(doc: Doc, span: Span, lex: Lexicons) -> bool:
    """Two or three capitalised words right after a job title word ("President Vladimir Putin")."""
    prev = doc[span.start - 1] if span.start > 0 else None
    return (
        prev is not None
        and prev.lower_.rstrip(".") in lex.titles
        and _looks_like_full_name(span)
        and span[-1].lower_ not in lex.generic_heads
    )


def _conjoined_with_person(span: Span, lex: Lexicons) -> bool:
    """A full-name-shaped ORG coordinated with a PERSON: "Alex Morgan and Petra Holm"."""
    if not _looks_like_full_name(span) or span[-1].lower_ in lex.generic_heads:
        return False
    root = span.root
    partners = [root.head] if root.dep_ == "conj" else []
    partners += [t for t in root.children if t.dep_ == "conj"]
    return any(t.ent_type_ == "PERSON" for t in partners)


def _drop_descriptive_acronyms(doc: Doc, mentions: list[Mention], lex: Lexicons, facts: DocFacts) -> list[Mention]:
    """A one-word ORG only ever used before a group noun ("LGBT community") describes, it does not name.

    Kept when the gazetteer knows it ("UN rights body") or the article also uses it as a name.
    """
    def attributive(m: Mention) -> bool:
        nxt = doc[m.end] if m.end < len(doc) else None
        return m.end - m.start == 1 and nxt is not None and nxt.lower_ in lex.group_nouns and nxt.is_lower

    by_key: dict[str, list[Mention]] = {}
    for m in mentions:
        if m.type == "ORG" and not m.strong:
            by_key.setdefault(norm_key(m.span(doc).text), []).append(m)
    drop = {
        id(m)
        for key, group in by_key.items()
        if key not in facts.gazetteer_keys and all(attributive(m) for m in group)
        for m in group
    }
    return [m for m in mentions if id(m) not in drop]


def _unify_types(doc: Doc, mentions: list[Mention], lex: Lexicons) -> None:
    """One name, one type per article: a rule's decision for a name applies to all its mentions.

    - A one-word name tagged ORG (even only some of the time) that is the first or last word of
      a person's full name in the same article is that person ("Ivan Petrov ... Petrov said");
      so is one tagged as a place that is a person's surname ("John Kasich ... Kasich said",
      which spaCy often reads as a place at the start of a sentence). A place that is only a
      first name stays a place ("Charlotte" beside a bogus person "Charlotte Mayor").
    - "Kommersant" tagged PERSON in one sentence and found after "newspaper" in another is an
      ORG in both (a rule's type wins).
    - A PERSON followed by "reported" becomes an ORG only if no mention of the name is used like
      a person's (a title before it, or its last word standing alone as a PERSON).
    - Otherwise a name ending in an institution word ("Green Party", "Black Caucus") is an
      organisation, and spaCy's votes decide the rest, knowing its habits: a name tagged both
      PERSON and ORG is a person (it tags surnames ORG far more often than it tags organisations
      PERSON); one tagged both ORG and GPE is a place ("Lisbon" in a headline); other ties go
      to the place.
    """
    groups: dict[str, list[Mention]] = {}
    for m in mentions:
        if m.type in {"PERSON", "ORG", "LOCATION"} and not m.generic and not m.head_of:
            groups.setdefault(norm_key(m.span(doc).text), []).append(m)
    single_persons = {norm_key(m.span(doc).text) for m in mentions if m.type == "PERSON" and m.end - m.start == 1}
    full_names = [m.span(doc) for m in mentions if m.type == "PERSON" and m.end - m.start >= 2]
    name_parts = {norm_key(span[i].text) for span in full_names for i in (0, -1)}
    surnames = {norm_key(span[-1].text) for span in full_names}
    for key, group in groups.items():
        strong_types = {m.type for m in group if m.strong}
        one_word = all(m.end - m.start == 1 for m in group)
        if not strong_types and one_word and (
                (key in name_parts and any(m.type == "ORG" for m in group))
                or (key in surnames and any(m.type == "LOCATION" for m in group)
                    and not _is_acronym(group[0].span(doc).text))):
            new_type = "PERSON"
        elif len(strong_types) == 1:
            new_type = strong_types.pop()
        elif any(m.weak_org for m in group) and not _used_as_person(doc, group, key, single_persons, lex):
            new_type = "ORG"
        elif len({m.type for m in group}) > 1 and not strong_types:
            new_type = "ORG" if key.split()[-1] in lex.generic_heads else _vote([m.type for m in group])
        else:
            continue
        for m in group:
            if m.type != new_type:
                m.type = new_type
                m.label = "GPE" if new_type == "LOCATION" else new_type


def _vote(types: list[str]) -> str:
    """The type of a name spaCy tagged inconsistently (see :func:`_unify_types`)."""
    kinds = set(types)
    if kinds == {"PERSON", "ORG"}:
        return "PERSON"
    if kinds == {"ORG", "LOCATION"}:
        return "LOCATION"
    priority = {"LOCATION": 2, "PERSON": 1, "ORG": 0}
    return max(kinds, key=lambda k: (types.count(k), priority[k]))


def _used_as_person(doc: Doc, group: list[Mention], key: str, single_persons: set[str], lex: Lexicons) -> bool:
    last = key.split()[-1]
    if len(key.split()) > 1 and last in single_persons:
        return True
    return any(m.start > 0 and doc[m.start - 1].lower_.rstrip(".") in lex.titles for m in group)


# --------------------------------------------------------------------------------------------
# Propagation: mentions spaCy missed
# --------------------------------------------------------------------------------------------


def propagate_mentions(doc: Doc, mentions: list[Mention], rejected: list[tuple[int, int]], lex: Lexicons, facts: DocFacts) -> list[Mention]:
    """Other occurrences of names already found: spaCy often tags a name once and misses it later.

    Full names are searched as written (case-sensitive, whole words); names of bodies also in
    lower case after "the" ("the permanent council" after "the Permanent Council"); a person's
    surname alone where the tagger reads it as a proper noun or it is no common English word
    ("Fischer said", "Tavares told"; not "Baker" in "the Baker family said"). Occurrences
    inside a longer capitalised name ("Moscow" in "Moscow Mechanism"), in a span a rule
    rejected or spaCy gave another label (the month in "May said"), in boilerplate or after "#"
    are skipped. Generic words and acronym-plus-head mentions are not propagated: they only
    make sense next to their full name.
    """
    taken = [(m.start, m.end) for m in mentions] + rejected
    templates: dict[str, Mention] = {}
    for m in mentions:
        if m.generic or m.head_of or (m.type == "PERSON" and m.end - m.start < 2):
            continue
        templates.setdefault(m.span(doc).text, m)
    surnames = {t.text: replace(m, end=m.start + 1) for m in mentions if (t := _surname(doc, m, lex)) is not None}
    for text, tmpl in surnames.items():
        templates.setdefault(text, tmpl)
    found: list[Mention] = []
    doc_text = doc.text  # built anew on every access
    for text, tmpl in templates.items():
        any_case = _lowercase_reference_ok(text, tmpl, lex)
        if any_case:
            matches = [(m.start(), m.end(), m.group()) for m in
                       re.finditer(rf"(?<![\w#@]){re.escape(text)}(?!\w)", doc_text, re.IGNORECASE)]
        else:
            matches = _whole_word_occurrences(doc_text, text)
        for match_start, match_end, matched in matches:
            span = doc.char_span(match_start, match_end)
            if span is None or any(span.start < e and s < span.end for s, e in taken):
                continue
            if matched != text and (span.start == 0 or doc[span.start - 1].lower_ != "the"):
                continue
            if _in_boilerplate(doc, span.start, span.end) or _inside_longer_name(doc, span):
                continue
            if text in surnames and not _reads_as_name(span[0], facts):
                continue
            new = replace(tmpl, start=span.start, end=span.end, source="propagated", expands=None)
            found.append(new)
            taken.append((span.start, span.end))
    return found


def _is_word_char(ch: str) -> bool:
    """``re``'s ``\\w`` for str patterns: alphanumeric (any script, any kind of digit) or underscore."""
    return ch.isalnum() or ch == "_"


def _whole_word_occurrences(haystack: str, needle: str) -> list[tuple[int, int, str]]:
    """What ``re.finditer(r"(?<![\\w#@])NEEDLE(?!\\w)", haystack)`` finds, without compiling a pattern.

    Left to right, non-overlapping: after a hit the search resumes at its end, after a rejected
    position at the next character, as the regex engine does.
    """
    out: list[tuple[int, int, str]] = []
    size = len(needle)
    if not size:
        return [(m.start(), m.end(), m.group()) for m in re.finditer(r"(?<![\w#@])(?!\w)", haystack)]
    pos = haystack.find(needle)
    while pos >= 0:
        end = pos + size
        before = haystack[pos - 1] if pos else ""
        after = haystack[end] if end < len(haystack) else ""
        if (not before or (before not in "#@" and not _is_word_char(before))) and (not after or not _is_word_char(after)):
            out.append((pos, end, needle))
            pos = haystack.find(needle, end)
        else:
            pos = haystack.find(needle, pos + 1)
    return out


def _reads_as_name(token: Token, facts: DocFacts) -> bool:
    """Is this capitalised word used as a name here, not as a common word or another entity's word?"""
    if token.ent_type_ not in {"", *OWNED_LABELS}:  # "May" tagged DATE
        return False
    return token.pos_ == "PROPN" or not facts.vocabulary.is_common(token.text)


def _surname(doc: Doc, m: Mention, lex: Lexicons) -> Token | None:
    """The last word of a person's full name, if it can stand alone as a reference to them."""
    if m.type != "PERSON" or m.end - m.start < 2:
        return None
    last = doc[m.end - 1]
    word = last.lower_.rstrip(".")
    if len(word) < 2 or not _is_capitalised(last) or last.is_upper or countries.is_demonym(last.text):
        return None
    if word in lex.titles or word in lex.title_modifiers or word in lex.function_words or word in lex.generic_heads:
        return None
    return last


def _lowercase_reference_ok(text: str, tmpl: Mention, lex: Lexicons) -> bool:
    """May this name be found in lower case too? Only for bodies named by a generic head
    ("the permanent council", "the supervisory board"), and only after "the" (checked by the
    caller), since "divisive legacy" after a headline's "Divisive Legacy" is no reference."""
    words = text.split()
    return tmpl.type == "ORG" and len(words) >= 2 and words[-1].lower() in lex.generic_heads


def _inside_longer_name(doc: Doc, span: Span) -> bool:
    """Is the span glued to capitalised words that make it part of a longer name?"""
    nxt = doc[span.end] if span.end < len(doc) else None
    prev = doc[span.start - 1] if span.start > 0 else None
    if nxt is not None and _is_capitalised(nxt) and not nxt.is_sent_start and nxt.text not in POSSESSIVES:
        return True
    # A capitalised word before counts unless it is capitalised only for starting the sentence.
    return prev is not None and _is_capitalised(prev) and not span[0].is_sent_start and not prev.is_sent_start and prev.lower_ != "the"


def nested_countries(doc: Doc, mentions: list[Mention], lex: Lexicons) -> list[Mention]:
    """The country named at the front of a government body: "US" in "US State Department".

    The body stays one ORG; the country gets a mention of its own inside it, so "US", "USA" and
    "the United States" all link to one country. Only for names ending in a generic
    institution word (department, ministry, embassy ...): "USA Today" is a newspaper.
    """
    out: list[Mention] = []
    for m in mentions:
        span = m.span(doc)
        if m.type != "ORG" or len(span) < 2 or span[-1].lower_ not in lex.generic_heads:
            continue
        for size in range(min(3, len(span) - 1), 0, -1):
            found = countries.lookup(span[:size].text)
            if found and _is_capitalised(span[size]):
                out.append(Mention(m.start, m.start + size, type="COUNTRY", label="GPE", source="nested", code=found.code))
                break
    return out


# --------------------------------------------------------------------------------------------
# Clustering
# --------------------------------------------------------------------------------------------


def cluster_mentions(doc: Doc, mentions: list[Mention], lex: Lexicons) -> list[Cluster]:
    """Group mentions into one cluster per real-world thing, each type by its own rules."""
    clusters: list[Cluster] = []
    clusters += _cluster_countries([m for m in mentions if m.type == "COUNTRY"])
    clusters += _cluster_by_key(doc, [m for m in mentions if m.type == "LOCATION"], "LOCATION")
    clusters += _cluster_people(doc, [m for m in mentions if m.type == "PERSON"])
    clusters += _cluster_orgs(doc, [m for m in mentions if m.type == "ORG"], lex)
    for c in clusters:
        c.mentions.sort(key=lambda m: m.start)
    return sorted(clusters, key=lambda c: c.first)


def _cluster_countries(mentions: list[Mention]) -> list[Cluster]:
    """Countries are one entity per ISO code: "US", "USA" and "the United States" together."""
    by_code: dict[str, Cluster] = {}
    for m in mentions:
        by_code.setdefault(m.code or "", Cluster("COUNTRY", code=m.code)).mentions.append(m)
    return list(by_code.values())


def _cluster_by_key(doc: Doc, mentions: list[Mention], kind: str) -> list[Cluster]:
    """Exact matches after normalisation (case, accents, full stops, spacing)."""
    by_key: dict[str, Cluster] = {}
    for m in mentions:
        by_key.setdefault(norm_key(m.span(doc).text), Cluster(kind)).mentions.append(m)
    return list(by_key.values())


def _cluster_people(doc: Doc, mentions: list[Mention]) -> list[Cluster]:
    """Full names cluster by name; a lone first name or surname joins the full name it belongs to.

    "Bragason" joins "Guðni Bragason" when that is the only full name ending (or, failing that,
    starting) with it; with two candidates ("Hillary Clinton", "Bill Clinton") it joins the one
    mentioned most recently before it, or the first one after it when none precedes.
    """
    full = [m for m in mentions if m.end - m.start >= 2]
    singles = [m for m in mentions if m.end - m.start < 2]
    clusters = _cluster_by_key(doc, full, "PERSON")
    clusters = _merge_name_variants(doc, clusters)
    loose: dict[str, Cluster] = {}
    for m in singles:
        word = norm_key(m.span(doc).text)
        target = _pick_cluster(m, [c for c in clusters if word in {_name_words(doc, c)[-1]}])
        target = target or _pick_cluster(m, [c for c in clusters if word == _name_words(doc, c)[0]])
        if target is not None:
            target.mentions.append(m)
        else:
            loose.setdefault(word, Cluster("PERSON")).mentions.append(m)
    return clusters + list(loose.values())


def _name_words(doc: Doc, cluster: Cluster) -> list[str]:
    """The normalised words of the cluster's longest mention (do not modify the list returned).

    Clustering asks for them many times per cluster; clusters only ever gain mentions, so the
    answer is kept on the cluster until its mention count changes.
    """
    count = len(cluster.mentions)
    cached = cluster.__dict__.get("_name_words")
    if cached is not None and cached[0] == count and cached[1] is doc:
        return cached[2]
    longest = max(cluster.mentions, key=lambda m: (m.end - m.start, -m.start))
    words = [norm_key(w) for w in _words(longest.span(doc))] or [""]
    cluster.__dict__["_name_words"] = (count, doc, words)
    return words


def _merge_name_variants(doc: Doc, clusters: list[Cluster]) -> list[Cluster]:
    """"Hillary Clinton" joins "Hillary Rodham Clinton": same first and last word, one longer name."""
    out: list[Cluster] = []
    for c in sorted(clusters, key=lambda c: -len(_name_words(doc, c))):
        words = _name_words(doc, c)
        longer = [
            o
            for o in out
            if len(_name_words(doc, o)) > len(words) and (_name_words(doc, o)[0], _name_words(doc, o)[-1]) == (words[0], words[-1])
        ]
        if len(longer) == 1:
            longer[0].mentions.extend(c.mentions)
        else:
            out.append(c)
    return out


def _pick_cluster(m: Mention, candidates: list[Cluster]) -> Cluster | None:
    """The one candidate; else the most recently mentioned before ``m``; else the first after it."""
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    before = [(max(x.start for x in c.mentions if x.start < m.start), c) for c in candidates if any(x.start < m.start for x in c.mentions)]
    if before:
        return max(before, key=lambda p: p[0])[1]
    return min(candidates, key=lambda c: c.first)


def _cluster_orgs(doc: Doc, mentions: list[Mention], lex: Lexicons) -> list[Cluster]:
    """Organisations: exact names, then shorter forms, acronyms and generic heads join full names.

    - "State Department" joins "US State Department", "the Post" joins "New York Post" (the
      end of exactly one longer name);
    - "OSCE" joins the expansion it was defined with, or the one name whose initials it spells;
    - "the Network" joins the organisation whose head word is "Network" (the most recent one
      when there are several) and is dropped when there is none;
    - "the UN council" joins the organisation whose name starts with "UN" and whose head word
      is "Council" ("UN Human Rights Council"; "UN Committee Against Torture" for "UN committee").
    """
    def key(m: Mention) -> str:
        return norm_key(m.span(doc).text)

    named = [m for m in mentions if not m.generic and not m.head_of]
    clusters = _merge_suffixes(doc, _cluster_by_key(doc, [m for m in named if not _is_acronym(m.span(doc).text)], "ORG"))
    by_key = {key(m): c for c in clusters for m in c.mentions}
    # Acronyms defined in the text first, so every other use of them follows the definition.
    for m in sorted((m for m in named if _is_acronym(m.span(doc).text)), key=lambda m: (m.expands is None, m.start)):
        target = _acronym_target(doc, m, clusters, by_key, lex)
        if target is None:
            target = Cluster("ORG")
            clusters.append(target)
        target.mentions.append(m)
        by_key.setdefault(key(m), target)
    for m in [m for m in mentions if m.head_of]:
        target = _head_target(doc, m, clusters, lex)
        if target is None:  # no fuller name: the mention is just the acronym ("UN")
            m = replace(m, end=m.end - 1, head_of=None)
            if (target := by_key.get(key(m))) is None:
                target = by_key[key(m)] = Cluster("ORG")
                clusters.append(target)
        target.mentions.append(m)
    for m in [m for m in mentions if m.generic]:
        head = key(m)
        target = _pick_cluster(m, [c for c in clusters if len(_name_words(doc, c)) > 1 and head in _name_heads(doc, c, lex)])
        if target is not None:
            target.mentions.append(m)
    return clusters


def _head_target(doc: Doc, m: Mention, clusters: list[Cluster], lex: Lexicons) -> Cluster | None:
    """For "UN council": the organisation named "UN ... Council" (3+ words), if any."""
    first, head = norm_key(m.head_of or ""), norm_key(doc[m.end - 1].text)
    candidates = []
    for c in clusters:
        words = _name_words(doc, c)
        if len(words) > 2 and words[0] == first and head in _name_heads(doc, c, lex):
            candidates.append(c)
    return _pick_cluster(m, candidates)


def _name_heads(doc: Doc, cluster: Cluster, lex: Lexicons) -> set[str]:
    """The words a short reference may use for the name: its last word, and the word before its
    first inner function word ("Council" in "Council of Europe", "Committee" in "UN Committee
    Against Torture")."""
    words = _name_words(doc, cluster)
    heads = {words[-1]}
    for i in range(1, len(words)):
        if words[i] in lex.function_words:
            heads.add(words[i - 1])
            break
    return heads


def _merge_suffixes(doc: Doc, clusters: list[Cluster]) -> list[Cluster]:
    """A name that ends exactly one longer name is that organisation ("State Department" of
    "US State Department", "the Post" of "New York Post"); with two candidates it stays apart."""
    out: list[Cluster] = []
    for c in sorted(clusters, key=lambda c: -len(_name_words(doc, c))):
        words = _name_words(doc, c)
        longer = [o for o in out if len(_name_words(doc, o)) > len(words) and _name_words(doc, o)[-len(words) :] == words]
        if len(longer) == 1:
            longer[0].mentions.extend(c.mentions)
        else:
            out.append(c)
    return out


def _acronym_target(doc: Doc, m: Mention, clusters: list[Cluster], by_key: dict[str, Cluster], lex: Lexicons) -> Cluster | None:
    """The cluster an acronym stands for: its own name, its defined expansion, or matching initials."""
    key = norm_key(m.span(doc).text)
    if key in by_key:
        return by_key[key]
    if m.expands and m.expands in by_key:
        return by_key[m.expands]
    letters = _acronym_letters(m.span(doc).text)
    matches = [c for c in clusters if len(_name_words(doc, c)) >= 2 and initials_match(_display_words(doc, c), letters, lex)]
    return matches[0] if len(matches) == 1 else None


def _display_words(doc: Doc, cluster: Cluster) -> list[str]:
    """The fullest mention's words as written, split at spaces only ("Co-operation" stays one word)."""
    longest = max(cluster.mentions, key=lambda m: (m.end - m.start, -m.start))
    return longest.span(doc).text.split()


# --------------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------------


def build_entities(doc: Doc, clusters: list[Cluster], lex: Lexicons) -> tuple[list[dict], list[Span]]:
    """The ``records.Entity`` dicts (E1, E2, ... by first mention) and the labelled mention spans."""
    entities: list[dict] = []
    spans: list[Span] = []
    for n, cluster in enumerate(clusters, start=1):
        mentions = []
        for m in sorted(cluster.mentions, key=lambda m: (m.start, m.end)):
            span = m.span(doc)
            mentions.append({"start": span.start_char, "end": span.end_char, "text": span.text})
            spans.append(Span(doc, m.start, m.end, label=cluster.type))
        entities.append(
            {
                "id": f"E{n}",
                "type": cluster.type,
                "name": canonical_name(doc, cluster, lex),
                "country_code": cluster.code if cluster.type == "COUNTRY" else None,
                "mentions": mentions,
            }
        )
    return entities, sorted(spans, key=lambda s: (s.start, s.end))


def canonical_name(doc: Doc, cluster: Cluster, lex: Lexicons) -> str:
    """The name a reader expects: a country's common name; otherwise the fullest mention.

    Among equally long mentions the capitalised, earliest one wins; an organisation written in
    Title Case gets its small words in lower case ("Organization for Security and Co-operation
    in Europe").
    """
    if cluster.type == "COUNTRY" and cluster.code:
        return countries.country_name(cluster.code) or cluster.mentions[0].span(doc).text
    best = max(
        cluster.mentions,
        key=lambda m: (len(_words(m.span(doc))), len(m.span(doc).text), sum(t.text[:1].isupper() for t in m.span(doc)), -m.start),
    )
    name = " ".join(best.span(doc).text.split())
    return _tidy_org_name(name, lex) if cluster.type == "ORG" else name


def _tidy_org_name(name: str, lex: Lexicons) -> str:
    words = name.split(" ")
    if len(words) < 3:
        return name
    small = [w.lower() if w.lower() in lex.function_words and w[:1].isupper() and not w.isupper() else w for w in words[1:]]
    return " ".join([words[0], *small])


def _reset_ents(doc: Doc, clusters: list[Cluster]) -> None:
    """doc.ents with this stage's corrections; spans with labels it does not own are kept.

    spaCy's own PERSON/ORG/GPE/LOC/FAC spans are replaced by the corrected mentions, so the
    ones the rules rejected (a hashtag, "Justice" in "Justice Minister", boilerplate) are gone.
    Nested country mentions ("US" inside "US State Department") give way to the longer span.
    """
    ours = [Span(doc, m.start, m.end, label=_ent_label(c, m)) for c in clusters for m in c.mentions]
    kept = [e for e in doc.ents if e.label_ not in OWNED_LABELS and not any(e.start < s.end and s.start < e.end for s in ours)]
    doc.set_ents(filter_spans(ours + kept), default="outside")


def _ent_label(cluster: Cluster, m: Mention) -> str:
    if cluster.type == "COUNTRY":
        return "GPE"
    if cluster.type == "LOCATION":
        return m.label if m.label in {"GPE", "LOC", "FAC"} else "GPE"
    return cluster.type


# --------------------------------------------------------------------------------------------
# Public helper for later stages
# --------------------------------------------------------------------------------------------


def entity_for_char_span(doc: Doc, start: int, end: int) -> dict | None:
    """The entity (a ``doc._.entities`` dict) whose mention best covers [start, end), or None.

    Quotes and claims use it to link a speaker's words ("Bragason", "Igor Kochetkov from the
    Russian LGBT Network") to an entity: the mention with the largest overlap wins, ties going
    to the mention closest in length to the range.
    """
    best: tuple[tuple[int, int], dict] | None = None
    for entity in doc._.entities or []:
        for mention in entity["mentions"]:
            overlap = min(end, mention["end"]) - max(start, mention["start"])
            if overlap <= 0 and not (start == end and mention["start"] <= start < mention["end"]):
                continue
            score = (max(overlap, 0), -abs((mention["end"] - mention["start"]) - (end - start)))
            if best is None or score > best[0]:
                best = (score, entity)
    return best[1] if best else None


def iter_mentions(doc: Doc) -> Iterator[tuple[dict, dict]]:
    """(entity, mention) pairs in text order: handy for stages that walk the text."""
    pairs = [(e, m) for e in doc._.entities or [] for m in e["mentions"]]
    yield from sorted(pairs, key=lambda p: p[1]["start"])


extensions.register()
