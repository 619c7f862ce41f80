"""One identity per person (and organisation, place, country) across the corpus, on evidence.

Inside an article, names were already keyed (names.py: titles dropped, a bare surname tied to the
article's one full name with that surname). Across articles the rules are, in order:

1. same key: "Donald Trump" in one article is "Donald Trump" in another; organisations and places
   by their plain name, countries by their ISO code.
2. middle initials: "Donald J. Trump" joins "Donald Trump" when the corpus knows only one set of
   middle initials for that first name and surname; "George W. Bush" and "George H. W. Bush" stay
   apart, and a bare "George Bush" then joins neither. A suffix ("Jr.") is always part of the name.
3. a bare surname, in an article that names nobody of that surname in full, is the surname's
   dominant bearer when one person holds at least DOMINANT of the articles that name someone of
   that surname in full (newsroom style names the very famous by surname alone); otherwise it is
   left unresolved. A first name alone is never tied across articles.

Every name key gets a row in ``people_names`` with the rule that tied it (or left it alone), so a
merge can always be explained. Person ids stay stable across loads as long as their key does.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field

import sqlite_utils

from .names import SUFFIXES, PersonName

# A quote's speaker the recogniser typed ORG and named by one word ("Trump said"): a person when that
# word is a dominant bearer's surname, else the organisation of that name.
ORG_SPEAKER = "ORG-SPEAKER"
DOMINANT = 0.8  # share of a surname's full-name articles one person must hold to own the bare surname
MIN_ARTICLES = 3  # and in at least this many articles


@dataclass
class _Person:
    type: str
    key: str
    names: dict[str, int] = field(default_factory=dict)  # display name -> articles
    own: set[str] = field(default_factory=set)  # names whose key is the person's key itself

    def display(self) -> str:
        """The most used of the names keyed exactly like the person ("Donald Trump", not "Trump")."""
        pool = {n: a for n, a in self.names.items() if n in self.own} or self.names
        return max(pool, key=lambda n: (pool[n], len(n), n)) if pool else self.key


def parse_key(key: str) -> PersonName:
    """A stored PERSON key back into its parts (titles are already gone; keep every word)."""
    words = key.split()
    suffix = words.pop() if len(words) > 1 and words[-1] in SUFFIXES else ""
    if len(words) == 1:
        return PersonName("", (), words[0], suffix)
    return PersonName(words[0], tuple(words[1:-1]), words[-1], suffix)


def _initials_only(name: PersonName) -> bool:
    return all(len(m) == 1 for m in name.middles)


Key = tuple[str, str]  # (entity type, name key)


def decide(keys: dict[Key, dict[str, int]], articles: dict[Key, int], speaker_keys: set[Key]) -> dict[Key, tuple[Key | None, str]]:
    """For each (type, key): the (type, person key) it belongs to, or None, and the rule why.

    ``keys`` are entity keys with their display names (and in how many articles each is used),
    ``articles`` how many articles use each key; ``speaker_keys`` are keys speakers carry without
    an entity, which may join a person but never found one.
    """
    decision: dict[Key, tuple[Key | None, str]] = {}
    persons: dict[str, PersonName] = {}
    for (etype, key) in keys:
        if etype != "PERSON":
            decision[(etype, key)] = ((etype, key), "country code" if etype == "COUNTRY" else "same name")
        elif not key.startswith("?"):
            persons[key] = parse_key(key)
    # Rule 2: group full names by first name + surname + suffix; fold initials when unambiguous.
    groups: dict[str, list[str]] = defaultdict(list)
    for key, name in persons.items():
        if not name.single:
            groups[name.base if _initials_only(name) else key].append(key)
    person_of: dict[str, str] = {}  # PERSON key -> person key
    for base, members in groups.items():
        middles = {persons[k].middles for k in members if persons[k].middles}
        if len(middles) <= 1:
            for k in members:
                person_of[k] = base
                middle = " ".join(m.upper() + "." for m in persons[k].middles)
                decision[("PERSON", k)] = (("PERSON", base), "same name" if k == base else f"middle initial {middle}: the corpus has no other")
        else:
            shown = " and ".join(sorted(k.title() for k in members if persons[k].middles))
            for k in members:
                if persons[k].middles:
                    person_of[k] = k
                    decision[("PERSON", k)] = (("PERSON", k), "same name")
                else:
                    decision[("PERSON", k)] = (None, f"first name and surname of several people ({shown}): not tied")
    # Rule 3: bare surnames and single words.
    by_surname: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    first_names: set[str] = set()
    for k, base in person_of.items():
        name = persons[k]
        by_surname[(name.last, name.suffix)][base] += articles[("PERSON", k)]  # "Trump Jr." is not "Trump"
        first_names.add(name.first)
    singles = {k for k, n in persons.items() if n.single}
    singles |= {k for t, k in speaker_keys if t == "PERSON" and not k.startswith("?") and parse_key(k).single}
    singles |= {k for t, k in speaker_keys if t == ORG_SPEAKER}
    for word in singles:
        single = parse_key(word)
        bearers = by_surname.get((single.last, single.suffix))
        if bearers:
            total = sum(bearers.values())
            top = max(bearers, key=lambda b: (bearers[b], b))
            if bearers[top] >= DOMINANT * total and bearers[top] >= MIN_ARTICLES:
                rule = f"surname alone: {top.title()} holds {bearers[top]} of {total} articles with a full name ending in {word.title()}"
                decision[("PERSON", word)] = (("PERSON", top), rule)
            else:
                shown = ", ".join(f"{b.title()} ({n})" for b, n in sorted(bearers.items(), key=lambda x: -x[1])[:4])
                decision[("PERSON", word)] = (None, f"surname alone, no dominant bearer among {shown}: not tied")
        elif word in first_names and not single.suffix:
            decision[("PERSON", word)] = (None, "first name alone: not tied across articles")
        elif ("PERSON", word) in keys:
            decision[("PERSON", word)] = (("PERSON", word), "single name, nobody else bears it")
    for etype, key in keys:
        if key.startswith("?"):
            decision[(etype, key)] = (None, "surname shared by several people in its article: not tied")
    # Speakers without an entity join an existing person only.
    founded = {target for target, _ in decision.values() if target}
    for skey in speaker_keys:
        if skey in decision:
            continue
        if skey[0] == ORG_SPEAKER:
            person, rule = decision.get(("PERSON", skey[1]), (None, ""))
            if person and rule.startswith("surname alone:"):
                decision[skey] = (person, f"speaker typed ORG, one word; {rule}")
            else:
                organisation = ("ORG", skey[1])
                decision[skey] = (organisation if organisation in founded else None, "speaker typed ORG: the organisation of that name")
            continue
        name = parse_key(skey[1]) if not skey[1].startswith("?") else None
        target = ("PERSON", person_of.get(skey[1]) or (name.base if name and not name.single else skey[1]))
        if target in founded:
            decision[skey] = (target, "speaker named like this person")
        else:
            decision[skey] = (None, "speaker without an entity, no such person in the corpus")
    return decision


def _gather(db: sqlite_utils.Database) -> tuple[dict[Key, dict[str, int]], dict[Key, int], set[Key]]:
    keys: dict[Key, dict[str, int]] = defaultdict(dict)
    for etype, key, name, count in db.execute(
        "SELECT key_type, name_key, name, COUNT(DISTINCT article_id) FROM entities WHERE name_key IS NOT NULL GROUP BY key_type, name_key, name"
    ):
        keys[(etype, key)][name] = count
    articles = {(etype, key): count for etype, key, count in db.execute(
        "SELECT key_type, name_key, COUNT(DISTINCT article_id) FROM entities WHERE name_key IS NOT NULL GROUP BY key_type, name_key"
    )}
    speakers = set()
    for table in ("quotes", "attributions"):
        speakers |= set(db.execute(
            f"SELECT DISTINCT speaker_type, speaker_key FROM [{table}] WHERE (speaker_entity_id IS NULL OR speaker_type = '{ORG_SPEAKER}') AND speaker_key IS NOT NULL"
        ).fetchall())
    return keys, articles, {tuple(s) for s in speakers}  # type: ignore[misc]


def resolve_people(db: sqlite_utils.Database) -> int:
    """Rebuild ``people`` and ``people_names`` from the stored keys and point every entity, quote and
    attribution at its person, in one transaction. Returns how many people there are."""
    with db.atomic():
        keys, articles, speaker_keys = _gather(db)
        decision = decide(keys, articles, speaker_keys)
        wanted: dict[tuple[str, str], _Person] = {}
        for source, (target, _rule) in decision.items():
            if target is None:
                continue
            person = wanted.setdefault(target, _Person(*target))
            for name, count in keys.get(source, {}).items():
                person.names[name] = person.names.get(name, 0) + count
                if source == target:
                    person.own.add(name)
        existing = {(t, k): i for i, t, k in db.execute("SELECT id, type, key FROM people")}
        next_id = max(existing.values(), default=0) + 1
        ids: dict[tuple[str, str], int] = {}
        rows = []
        for target, person in wanted.items():
            if target in existing:
                ids[target] = existing[target]
            else:
                ids[target], next_id = next_id, next_id + 1
            variants = sorted(person.names, key=lambda n: (-person.names[n], n))[:50]
            rows.append({"id": ids[target], "type": person.type, "key": person.key, "name": person.display(),
                         "variants": json.dumps(variants, ensure_ascii=False), "articles": 0, "quotes": 0})
        db.execute("DELETE FROM people_names")
        if rows:
            db.table("people").upsert_all(rows, pk="id")
        db.table("people_names").insert_all(
            ({"type": t, "key": k, "person_id": ids[target] if target else None, "rule": rule,
              "articles": articles.get((t, k), 0)}
             for (t, k), (target, rule) in decision.items()),
            batch_size=1000,
        )
        lookup = "(SELECT person_id FROM people_names pn WHERE pn.type = {t}.{type_col} AND pn.key = {t}.{key_col})"
        for table, type_col, key_col in (("entities", "key_type", "name_key"), ("quotes", "speaker_type", "speaker_key"),
                                         ("attributions", "speaker_type", "speaker_key")):
            sub = lookup.format(t=table, type_col=type_col, key_col=key_col)
            db.execute(f"UPDATE [{table}] SET person_id = {sub} WHERE person_id IS NOT {sub}")
        db.execute("DELETE FROM people WHERE id NOT IN (SELECT person_id FROM people_names WHERE person_id IS NOT NULL)")
        db.execute(
            "UPDATE people SET articles = (SELECT COUNT(DISTINCT article_id) FROM entities e WHERE e.person_id = people.id), "
            "quotes = (SELECT COUNT(*) FROM quotes q WHERE q.person_id = people.id)"
        )
        return db.execute("SELECT COUNT(*) FROM people").fetchone()[0]
