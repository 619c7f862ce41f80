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
    """The key an entity or speaker name gets in its article, the rule that gave it, and the
    entity type the key belongs to (PERSON for an ORG-typed "Trump" that names a person)."""

    key: str | None
    rule: str
    type: str = "PERSON"


# Words that, right after a surname, show a headline or a clause was taken for a name
# ("Trump Says He Never ...", "Trump said"): the name is the surname alone.
CLAUSE_VERBS = frozenset(
    "says said tells told wants asks asked slams rips blasts hits calls vows plans warns urges "
    "claims denies defends admits attacks accuses praises backs wins loses leads to and on in at".split()
)


# Words after a name that make it the name of a place or body, not noise ("Muhammad Ali Center").
NAMED_AFTER = frozenset(
    "center centre foundation institute university library school hall college museum airport "
    "campaign administration memorial park street avenue prize award act fund".split()
)


def _leads(outer: list[str], inner: list[str], words: list[str]) -> bool:
    """Whether ``inner`` starts ``outer`` and what follows reads as a clause, not more name: a verb
    ("Donald Trump Wins", "Ted Cruz Apologizes"), a lower-case word or a number. "Aung San Suu
    Kyi" is not "Aung San", and "Muhammad Ali Center" is a place, not noise."""
    if len(inner) >= len(outer) or outer[: len(inner)] != inner:
        return False
    rest = outer[len(inner):]
    after = words[len(inner)] if len(words) > len(inner) else rest[0]
    verbish = rest[0] in CLAUSE_VERBS or (len(rest[0]) > 3 and rest[0].endswith("s")) or after[:1].islower() or not after[:1].isalpha()
    return verbish and not set(rest) <= SUFFIXES and not set(rest) & NAMED_AFTER


class ArticleNames:
    """The people an article names in full, to resolve its bare surnames and first names against.

    A PERSON name that is a real name plus noise the entity recogniser swept in ("Billionaire
    Donald Trump", "Donald Trump Rampages", "Trump Says He Never") is tied to that name, and is not
    itself a candidate for the article's bare surnames (else "Trump" would look ambiguous).
    """

    def __init__(self, entities: list[dict]) -> None:
        found: dict[str, tuple[PersonName, list[str]]] = {}  # key -> name, original words
        for entity in entities:
            if entity["type"] == "PERSON":
                parsed = person_name(entity["name"])
                if parsed and not parsed.single:
                    found.setdefault(parsed.key, (parsed, entity["name"].split()))
        self.noise: dict[str, Resolved] = {}
        for key, (parsed, words) in found.items():
            tokens = key.split()
            inside = sorted(k for k in found if _leads(tokens, k.split(), words))
            if len(inside) == 1:
                self.noise[key] = Resolved(inside[0], f"name starts with {inside[0].title()}: the words after taken for noise")
                continue
            owners = sorted(k for k, (p, _) in found.items() if k != key and p.last == tokens[0] and not p.suffix)
            second = words[1] if len(words) > 1 else ""
            if len(owners) == 1 and (second[:1].islower() or tokens[1] in CLAUSE_VERBS) and not set(tokens) & NAMED_AFTER:
                self.noise[key] = Resolved(owners[0], f"surname of {owners[0].title()} then a clause: taken for noise")
        self.full = {k: p for k, (p, _) in found.items() if k not in self.noise}

    def person_named_by(self, name: str) -> str | None:
        """The article's one person whose surname is all of ``name`` (for an entity typed ORG)."""
        words = _words(name)
        if len(words) != 1:
            return None
        owners = [k for k, p in self.full.items() if p.last == words[0] and not p.suffix]
        return owners[0] if len(owners) == 1 else None

    def _display(self, key: str) -> str:
        return key.title()

    def resolve_person(self, name: str) -> Resolved:
        """Key of a PERSON name in this article: full names stand alone; a single word is tied to
        the one person of the article with that surname (or first name), if there is exactly one."""
        parsed = person_name(name)
        if parsed is None:
            return Resolved(None, "no name")
        if not parsed.single:
            if parsed.key in self.noise:
                return self.noise[parsed.key]
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
