"""Name keys: turn the names an article uses into comparable keys, and resolve short names inside
one article.

Why keys and not names: "Donald J. Trump", "President Trump" and "Trump's" must be compared on
what identifies the person (first name, middle initials, surname, suffix), while "Donald Trump Jr."
must stay apart from his father, so a suffix is part of the key and a title never is.

Everything here looks at one article at a time; the corpus-level rules (middle initials, a bare
surname's dominant bearer) live in people.py.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Leading words that are a role or courtesy, never part of who the person is.
TITLES = frozenset(
    "mr mrs ms miss mx dr prof professor president vice former sen senator rep representative gov "
    "governor secretary gen general col colonel lt capt captain sgt judge justice chief sir dame lord "
    "lady rev reverend pope king queen prince princess mayor minister chancellor premier ambassador "
    "candidate nominee speaker leader chairman chairwoman chair ceo commissioner attorney sheriff "
    "officer adm admiral first elect deputy acting".split()
)
# Trailing words that tell two people of the same name apart: part of the key.
SUFFIXES = frozenset("jr sr ii iii iv v".split())
_ARTICLES = frozenset({"the"})
_POSSESSIVE = re.compile(r"['’]s?$")
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*|\d+", re.UNICODE)
# A speaker named without an entity is a person's name only when it looks like one: 2-4 words,
# each capitalised (or an initial), nothing else ("officials", "a report that says" are not).
_NAME_WORD = re.compile(r"^(?:[A-Z][\w'’.-]*|[A-Z]\.?)$")


@dataclass(frozen=True)
class PersonName:
    """A person's name split into what identifies them."""

    first: str
    middles: tuple[str, ...]  # middle names or initials, in order
    last: str
    suffix: str

    @property
    def key(self) -> str:
        """The full key: every part kept ("donald j trump")."""
        return " ".join(part for part in (self.first, *self.middles, self.last, self.suffix) if part)

    @property
    def base(self) -> str:
        """First name, surname and suffix only ("donald trump"): the key without middles."""
        return " ".join(part for part in (self.first, self.last, self.suffix) if part)

    @property
    def single(self) -> bool:
        """One word only: a bare surname or first name, which says little on its own."""
        return not self.first


def _words(name: str) -> list[str]:
    folded = unicodedata.normalize("NFKC", name).casefold()
    words = [_POSSESSIVE.sub("", w).replace("’", "'") for w in _WORD.findall(folded)]
    return [w for w in words if w]


def person_name(name: str) -> PersonName | None:
    """Split a person's name, dropping leading titles and a possessive; None when nothing is left."""
    words = _words(name)
    while words and words[0] in TITLES and len(words) > 1:
        words.pop(0)
    suffix = words.pop() if len(words) > 1 and words[-1] in SUFFIXES else ""
    if not words:
        return None
    if len(words) == 1:
        return PersonName("", (), words[0], suffix)
    return PersonName(words[0], tuple(words[1:-1]), words[-1], suffix)


def plain_key(name: str) -> str:
    """Key of an organisation or place: case, punctuation, a leading "the" and a possessive ignored."""
    words = _words(name)
    if len(words) > 1 and words[0] in _ARTICLES:
        words = words[1:]
    return " ".join(words)


def looks_like_name(text: str) -> bool:
    """Whether a speaker given without an entity is written like a proper name ("Jane Smith")."""
    words = text.split()
    return 1 <= len(words) <= 4 and all(_NAME_WORD.match(w) for w in words)


@dataclass(frozen=True)
class Resolved:
    """The key an entity or speaker name gets in its article, and the rule that gave it."""

    key: str | None
    rule: str


class ArticleNames:
    """The people an article names in full, to resolve its bare surnames and first names against."""

    def __init__(self, entities: list[dict]) -> None:
        self.full: dict[str, PersonName] = {}  # key -> name, PERSON entities of two words or more
        self.keys: dict[tuple[str, str], str] = {}  # (type, plain key) -> key, every entity
        for entity in entities:
            if entity["type"] == "PERSON":
                parsed = person_name(entity["name"])
                if parsed and not parsed.single:
                    self.full.setdefault(parsed.key, parsed)

    def _display(self, key: str) -> str:
        return key.title()

    def resolve_person(self, name: str) -> Resolved:
        """Key of a PERSON name in this article: full names stand alone; a single word is tied to
        the one person of the article with that surname (or first name), if there is exactly one."""
        parsed = person_name(name)
        if parsed is None:
            return Resolved(None, "no name")
        if not parsed.single:
            titled = _words(name)[:1] != [parsed.first]
            return Resolved(parsed.key, "full name, title dropped" if titled else "full name")
        word = parsed.last
        if parsed.suffix:  # "Trump Jr.": only a full name with that suffix
            by_surname = sorted(k for k, p in self.full.items() if p.last == word and p.suffix == parsed.suffix)
        else:  # "Trump": the father before the son; the son when he is the only one
            by_surname = sorted(k for k, p in self.full.items() if p.last == word and not p.suffix)
            by_surname = by_surname or sorted(k for k, p in self.full.items() if p.last == word)
        if len(by_surname) == 1:
            return Resolved(by_surname[0], f"surname in article: {self._display(by_surname[0])}")
        if len(by_surname) > 1:
            names = ", ".join(self._display(k) for k in by_surname)
            return Resolved(f"?{parsed.key}", f"surname shared in article by {names}: left alone")
        by_first = sorted(k for k, p in self.full.items() if p.first == word) if not parsed.suffix else []
        if len(by_first) == 1:
            return Resolved(by_first[0], f"first name in article: {self._display(by_first[0])}")
        return Resolved(parsed.key, "single word, no full name in article")

    def resolve_speaker_words(self, words: str) -> Resolved:
        """A speaker given only as words, no entity ("Trump accused Holt of being a"): tied to the
        one person of the article whose full name or surname those words start with."""
        tokens = _words(words)
        hits = sorted(
            k for k, p in self.full.items()
            if tokens[: len(k.split())] == k.split() or tokens[:1] == [p.last]
        )
        if len(hits) == 1:
            return Resolved(hits[0], f"speaker words name {self._display(hits[0])}")
        return Resolved(None, "speaker words name no single person")
