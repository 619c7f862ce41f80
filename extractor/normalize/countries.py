"""Country names as news text writes them -> ISO 3166-1 alpha-2 codes and common names.

pycountry knows every country's catalogue name ("Korea, Republic of"), common name and
official name; news text also uses short forms ("US", "U.K.", "Britain", "Holland", "Burma")
that live in ``models/country_aliases.json``. The same file gives each code the common name a
reader expects ("Russia", not pycountry's "Russian Federation").

Matching is forgiving about case, accents, full stops, apostrophes and a leading "the", except
for keys of three characters or fewer ("US", "UK", "UAE"), which must be written in capitals:
the pronoun "us" is not a country. Two-letter codes are never matched on their own.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

import pycountry

from ..resources import load_json

ALIASES_FILE = "country_aliases.json"
#: Keys this short are matched case-sensitively ("US" yes, "us" no).
_SHORT_KEY = 3
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s?$")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})


@dataclass(frozen=True)
class Country:
    """A resolved country: its ISO 3166-1 alpha-2 code and the common name to show readers."""

    code: str
    name: str


def normalize(name: str) -> str:
    """A lookup key: no accents, full stops, possessive or leading "the"; spaces collapsed.

    Case is kept so that short keys can be matched case-sensitively; callers fold it.
    """
    text = unicodedata.normalize("NFKD", name.translate(_APOSTROPHES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = " ".join(text.replace(".", "").replace("&", " and ").split())
    text = _LEADING_THE.sub("", text)
    if text.endswith(("'s", "'")) and len(text) > 3:
        text = _POSSESSIVE.sub("", text)
    return text.strip(" ,;:-")


def _key(name: str) -> str:
    """The index key for ``name``: exact for short keys, case-folded otherwise."""
    norm = normalize(name)
    return norm if len(norm) <= _SHORT_KEY else norm.casefold()


@cache
def _tables() -> tuple[dict[str, str], dict[str, str]]:
    """(key -> alpha-2 code, code -> common name), built once from pycountry and the alias file.

    Aliases are added last so they win over pycountry's names (a bare "Congo" follows news
    usage, not the ISO catalogue).
    """
    config = load_json(ALIASES_FILE)
    index: dict[str, str] = {}
    short_forms: dict[str, set[str]] = {}
    names: dict[str, str] = {}
    for country in pycountry.countries:
        code = country.alpha_2
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                index[_key(value)] = code
                if short := _catalogue_short_form(value):
                    short_forms.setdefault(_key(short), set()).add(code)
        common = getattr(country, "common_name", None)
        names[code] = config["names"].get(code) or common or _catalogue_short_form(country.name) or country.name
    # A short form shared by two countries ("Korea", "Virgin Islands") names neither.
    for key, codes in short_forms.items():
        if len(codes) == 1 and key not in index:
            index[key] = next(iter(codes))
    for alias, code in config["aliases"].items():
        index[_key(alias)] = code
    return index, names


def _catalogue_short_form(name: str) -> str | None:
    """"Bolivia, Plurinational State of" -> "Bolivia"; "Holy See (Vatican City State)" -> "Holy See"."""
    short = re.split(r"\s*[,(]", name, maxsplit=1)[0].strip()
    return short if short and short != name else None


def lookup(name: str) -> Country | None:
    """The country ``name`` refers to, or None when it is not (only) a country's name."""
    if not name or not any(ch.isalpha() for ch in name):
        return None
    index, names = _tables()
    code = index.get(_key(name))
    if code is None:
        return None
    return Country(code=code, name=names[code])


def country_code(name: str) -> str | None:
    """ISO 3166-1 alpha-2 code for a country name or alias ("USA" -> "US"), else None."""
    found = lookup(name)
    return found.code if found else None


def country_name(code: str) -> str | None:
    """The common name a reader expects for an alpha-2 code ("RU" -> "Russia"), else None."""
    return _tables()[1].get(code.upper())


@cache
def surface_forms(gap_fill: bool = False) -> tuple[str, ...]:
    """Every way of writing a country this module knows, as written (for a phrase matcher).

    With ``gap_fill``, names that are also people's names, US states or brands ("Chad",
    "Jordan", "Georgia") are left out: where spaCy saw no entity, they are probably not countries.
    """
    config = load_json(ALIASES_FILE)
    exclude = set(config.get("gap_fill_exclude", {}).get("names", [])) if gap_fill else set()
    forms: set[str] = set(config["aliases"])
    index, _ = _tables()
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if not value:
                continue
            forms.add(value)
            short = _catalogue_short_form(value)
            if short and _key(short) in index:
                forms.add(short)
    return tuple(sorted(f for f in forms if f not in exclude and lookup(f) is not None))


#: Endings that turn a country's name into its people's adjective or noun: (chars to drop, ending).
_DEMONYM_ENDINGS = (
    (0, "n"), (0, "an"), (0, "ian"), (0, "ese"), (0, "i"), (0, "ic"),  # Russia-n, Chile-an, Brazil-ian, Japan-ese, Iraq-i
    (1, "ian"), (1, "an"), (1, "ese"), (2, "an"),  # Ital(y)-ian, Mexic(o)-an, Chin(a)-ese, Belgi(um)-an
)


@cache
def _demonyms() -> dict[str, str | None]:
    """Lower-case demonym -> alpha-2 code (None for peoples without a country of their own)."""
    aliases = load_json(ALIASES_FILE)["aliases"]
    config = load_json(ALIASES_FILE).get("demonyms", {})
    index, names = _tables()
    table: dict[str, str | None] = {}
    bases = {name: code for code, name in names.items()} | {a: c for a, c in aliases.items() if len(a) > _SHORT_KEY}
    for base, code in bases.items():
        if " " in base or "," in base:
            continue
        for drop, ending in _DEMONYM_ENDINGS:
            stem = base[:-drop] if drop else base
            table.setdefault((stem + ending).casefold(), code)
        if base.endswith("stan") and len(base) >= 9:  # Kazakhstan -> Kazakh, Uzbekistan -> Uzbek
            table.setdefault(base[:-4].casefold(), code)
    for word, code in config.get("irregular", {}).items():
        table[word.casefold()] = code
    for word in config.get("peoples", []):
        table[word.casefold()] = None
    # Plurals: "Russians", "Kazakhs".
    for word, code in list(table.items()):
        table.setdefault(word + "s", code)
    # A country's own name is never its demonym ("Oman" + "i" is fine, "Iran" must stay Iran).
    for key in index:
        table.pop(key.casefold(), None)
    return table


def is_demonym(word: str) -> bool:
    """Is ``word`` a nationality or people word ("Russian", "Kazakhs", "Chechen"), not a name?"""
    return normalize(word).casefold() in _demonyms()


def demonym_code(word: str) -> str | None:
    """The country a nationality word points to ("Moldovan" -> "MD"), best effort; None if unknown."""
    return _demonyms().get(normalize(word).casefold())
