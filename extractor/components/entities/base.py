"""Shared data of the entities stage: word lists, mentions, clusters, and small text helpers.

Every other module of the package works on :class:`Mention` token ranges and asks the same
questions of the text (is this capitalised, an acronym, inside boilerplate, a possessive?);
they live here so the modules with one job each do not import one another in circles.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ...extensions import in_boilerplate
from ...resources import load_json
from ...normalize import countries
PATTERNS_FILE = "entity_patterns.jsonl"


LEXICONS_FILE = "entity_lexicons.json"


SPANS_KEY = "entities"
#: spaCy's own NER spans, kept when the stage replaces ``doc.ents``: later stages that ask "is
#: this word a place at all?" (a dateline before a colon) need the tagger's reading even where
#: the entity decision dropped the mention (news gold marks no datelines).
RAW_NER_KEY = "spacy_ner"


def spacy_ner(doc: Doc, labels: frozenset[str]) -> list[Span]:
    """spaCy's own NER spans with one of ``labels``, as the tagger read them before the entity
    stage replaced ``doc.ents`` (none when that stage did not run)."""
    return [e for e in doc.spans.get(RAW_NER_KEY, ()) if e.label_ in labels]


#: spaCy NER label -> our entity type (GPE may become COUNTRY after a country look-up).
NER_TYPES = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "LOCATION", "LOC": "LOCATION", "FAC": "LOCATION"}


#: Labels whose doc.ents spans this stage owns and rewrites; others are left as spaCy set them.
OWNED_LABELS = frozenset(NER_TYPES)


POSSESSIVES = frozenset({"'s", "’s", "'", "’", "'S", "’S"})


_ACRONYM = re.compile(r"^[A-Z][A-Za-z&.]*[A-Z]\.?$")


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
    #: (key of a name, key of the name its group joins): "vw" -> "volkswagen" (``aliases``)
    aliases: tuple[tuple[str, str], ...] = ()

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
            aliases=tuple((norm_key(name), norm_key(group[0]))
                          for group in data.get("aliases", {}).get("groups", []) for name in group[1:]),
        )

    def canonical_key(self, key: str) -> str:
        """The key of the name an organisation's other name joins ("vw" -> "volkswagen"), else ``key``."""
        for alias, canonical in self.aliases:
            if alias == key:
                return canonical
        return key


@dataclass(frozen=True)
class DocFacts:
    """What the rules need to know about the whole article while judging one mention."""

    norp: frozenset[str]  # keys of spaCy's NORP mentions ("chechen")
    person_words: frozenset[str]  # keys of the capitalised words of spaCy's PERSON mentions
    gazetteer_keys: frozenset[str]  # keys of the organisation gazetteer's names
    vocabulary: CommonWords
    #: names of results and standings rows (see .tables), token span -> row kind; filled only
    #: for the learned decision (EntityStage.candidate_mentions), which alone reads them
    rows: dict[tuple[int, int], str] = field(default_factory=dict, hash=False, compare=False)
    #: token span -> the CRF tagger's label (see .tagger), filled like ``rows``
    tags: dict[tuple[int, int], str] = field(default_factory=dict, hash=False, compare=False)

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


def _in_boilerplate(doc: Doc, start: int, end: int) -> bool:
    span = doc[start:end]
    return in_boilerplate(doc, span.start_char, span.end_char)


def _next_word(doc: Doc, i: int) -> Token | None:
    """The next token after ``i`` skipping a possessive ("Kommersant's reporter")."""
    while i < len(doc) and (doc[i].is_space or doc[i].text in POSSESSIVES):
        i += 1
    return doc[i] if i < len(doc) else None


def _looks_like_full_name(span: Span) -> bool:
    """Two or three capitalised proper nouns, none a nationality word: "Igor Kochetkov", "Tim Cook"."""
    return 2 <= len(span) <= 3 and all(
        _is_capitalised(t) and t.pos_ == "PROPN" and not t.like_num and not countries.is_demonym(t.text) for t in span
    )


def _overlaps(a: Mention, b: Mention) -> bool:
    return a.start < b.end and b.start < a.end


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


def _trimmed(doc: Doc, m: Mention) -> Mention | None:
    start, end = trim(doc, m.start, m.end)
    return replace(m, start=start, end=end) if end > start else None


def _inside_longer_name(doc: Doc, span: Span) -> bool:
    """Is the span glued to capitalised words that make it part of a longer name?"""
    nxt = doc[span.end] if span.end < len(doc) else None
    prev = doc[span.start - 1] if span.start > 0 else None
    if nxt is not None and _is_capitalised(nxt) and not nxt.is_sent_start and nxt.text not in POSSESSIVES:
        return True
    # A capitalised word before counts unless it is capitalised only for starting the sentence.
    return prev is not None and _is_capitalised(prev) and not span[0].is_sent_start and not prev.is_sent_start and prev.lower_ != "the"


def _word_near(doc: Doc, i: int, step: int) -> str:
    """The lower-cased word ``step`` away from ``i`` (spaces skipped), or "<edge>"."""
    tok = _token_near(doc, i, step)
    return tok.lower_ if tok is not None else "<edge>"


def _token_near(doc: Doc, i: int, step: int) -> Token | None:
    while 0 <= i < len(doc) and doc[i].is_space:
        i += step
    return doc[i] if 0 <= i < len(doc) else None


@functools.cache
def title_words() -> frozenset[str]:
    """Titles and honorifics of ``models/entity_lexicons.json`` ("Senator", "Col.", "CEO"), lower case."""
    return frozenset(w.lower() for w in load_json(LEXICONS_FILE)["titles"]["words"])


@functools.cache
def first_names() -> frozenset[str]:
    """The lower-cased first names of ``models/first_names.json`` ("ingrid", "antonin"), either gender:
    evidence of a person for the learned decision and for the CRF tagger alike."""
    data = load_json("first_names.json")
    return frozenset(data["male"]) | frozenset(data["female"])
