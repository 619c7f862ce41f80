"""Build models/first_names.json: first names that tell a person's gender, from Faker's name lists.

A "he" or "she" after a quote goes to a person whose gender is known or unknown: a known one is
preferred, a contradicting one never chosen. The hand list in models/quote_people.json knew 230
names, so most people quoted in real news ("Melanie", "Antonin", "Oyvind") had no gender until the
article said "he" or "she" right after naming them, and a "she" could land on a man.

Faker (MIT licence) ships, per locale, the common male and female first names of that country's
name statistics. We take every locale written in Latin letters and count in how many locales a
name is listed as male and as female; a name gets a gender only when one side has at least
RATIO times the other's locales ("Andrea": male in Italy, female in 20-odd locales: female;
"Jordan", "Taylor", "Hillary": listed both ways: no gender, the article decides). The output is
sorted, so the same Faker version always gives the same file (``make first-names``).
"""

from __future__ import annotations

import argparse
import importlib
import json
import pkgutil
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: One gender's locales must outnumber the other's this many times over for a name to tell it.
RATIO = 3
#: Locales whose lists are shorter than this are not name statistics (placeholders, transliterations).
MIN_NAMES = 10
_LATIN = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ÿĀ-žḀ-ỿ'-]+$")


def locale_lists() -> list[tuple[str, list[str], list[str]]]:
    """Per Faker person locale written in Latin letters: (locale, male names, female names)."""
    import faker.providers.person as person

    out = []
    for info in sorted(pkgutil.iter_modules(person.__path__), key=lambda m: m.name):
        provider = importlib.import_module(f"faker.providers.person.{info.name}").Provider
        male = [n for n in getattr(provider, "first_names_male", ()) or () if _LATIN.match(n)]
        female = [n for n in getattr(provider, "first_names_female", ()) or () if _LATIN.match(n)]
        if len(male) >= MIN_NAMES and len(female) >= MIN_NAMES:
            out.append((info.name, male, female))
    return out


def genders(lists: list[tuple[str, list[str], list[str]]], ratio: int = RATIO) -> dict[str, list[str]]:
    """Lower-cased names by gender; names listed both ways without a clear majority are left out."""
    male: Counter[str] = Counter()
    female: Counter[str] = Counter()
    for _, m, f in lists:
        male.update({n.lower() for n in m})
        female.update({n.lower() for n in f})
    out: dict[str, list[str]] = {"male": [], "female": []}
    for name in sorted(set(male) | set(female)):  # every name is listed at least once, so a tie is never 0 to 0
        if male[name] >= ratio * female[name]:
            out["male"].append(name)
        elif female[name] >= ratio * male[name]:
            out["female"].append(name)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "models" / "first_names.json")
    args = parser.parse_args()
    import faker

    lists = locale_lists()
    names = genders(lists)
    data = {
        "description": "First names that tell a person's gender (lower case), for resolving 'he'/'she' speakers. "
        "Built by scripts/build_first_names.py (make first-names) from the first-name lists of Faker's person "
        f"providers (MIT licence); a name counts when one gender's locales outnumber the other's {RATIO} to 1. "
        "models/quote_people.json's own list is consulted first.",
        "source": f"Faker {faker.VERSION}, {len(lists)} locales: " + ", ".join(name for name, _, _ in lists),
        "male": names["male"],
        "female": names["female"],
    }
    args.out.write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"{len(names['male'])} male and {len(names['female'])} female first names from {len(lists)} locales -> {args.out}",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
