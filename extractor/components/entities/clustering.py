"""Clustering: one cluster of mentions per real-world thing, each type by its own rules.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from spacy.tokens import Doc
from .acronyms import initials_match
from .base import Cluster, Lexicons, Mention, norm_key, _acronym_letters, _is_acronym, _words


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


def _cluster_by_key(doc: Doc, mentions: list[Mention], kind: str, key: Callable[[str], str] = norm_key) -> list[Cluster]:
    """Exact matches after normalisation (case, accents, full stops, spacing)."""
    by_key: dict[str, Cluster] = {}
    for m in mentions:
        by_key.setdefault(key(m.span(doc).text), Cluster(kind)).mentions.append(m)
    return list(by_key.values())


def _cluster_people(doc: Doc, mentions: list[Mention]) -> list[Cluster]:
    """Full names cluster by name; a lone first name or surname joins the full name it belongs to.

    "Bragason" joins "Guðni Bragason" when that is the only full name ending (or, failing that,
    starting) with it, a suffix aside ("Carlineo" joins "Patrick W. Carlineo Jr."); with two
    candidates ("Hillary Clinton", "Bill Clinton") it joins the one mentioned most recently before
    it, or the first one after it when none precedes. Names are counted in the words a reader
    sees (`person_words`), so "Rose-Lynn" alone is a first name, not a two-word name.
    """
    full: list[Mention] = []
    singles: list[Mention] = []
    for m in mentions:
        (full if len(person_words(m.span(doc).text)) >= 2 else singles).append(m)
    clusters = _cluster_by_key(doc, full, "PERSON")
    # "Wasserman Schultz" joins "Debbie Wasserman Schultz", "De Blasio" joins "Bill de Blasio"
    clusters = _merge_suffixes(doc, _merge_same_person(doc, clusters), _person_name)
    loose: dict[str, Cluster] = {}
    for m in singles:
        word = norm_key(m.span(doc).text)
        # "Assad" is the surname of "Bashar al-Assad"
        target = _pick_cluster(m, [c for c in clusters if word in _surnames(_person_name(doc, c))])
        target = target or _pick_cluster(m, [c for c in clusters if word == _person_name(doc, c)[0]])
        if target is not None:
            target.mentions.append(m)
        else:
            loose.setdefault(word, Cluster("PERSON")).mentions.append(m)
    return clusters + list(loose.values())


#: Initials written without spaces ("L.H.", "J.R.") are one initial per letter.
_RUN_OF_INITIALS = re.compile(r"^(?:[^\W\d_]\.){2,}$")


def person_words(text: str) -> list[str]:
    """A person's name in the words a reader counts: split at spaces only, so a hyphenated name
    ("Rose-Lynn", "Ocasio-Cortez") stays one word, and "L.H." is two initials; normalised as
    `norm_key` does."""
    words: list[str] = []
    for word in text.split():
        if _RUN_OF_INITIALS.match(word):
            words += [ch.casefold() for ch in word if ch != "."]
        elif key := norm_key(word).strip("'\"()[],;:"):
            words.append(key)
    return words


def _person_name(doc: Doc, cluster: Cluster) -> list[str]:
    """The person words of the cluster's fullest mention (most words, then most letters; kept on
    the cluster like `_name_words`)."""

    def fullest() -> list[str]:
        names = [person_words(m.span(doc).text) for m in cluster.mentions]
        return max(names, key=lambda w: (len(w), len("".join(w)))) or [""]

    return _kept(doc, cluster, "_person_name", fullest)


#: Generational suffixes that follow a surname ("Patrick W. Carlineo Jr." is Carlineo).
_NAME_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})


def _surname(words: list[str]) -> str:
    """The last word of a name that is not a generational suffix."""
    core = [w for w in words if w not in _NAME_SUFFIXES] or words
    return core[-1]


def _surnames(words: list[str]) -> tuple[str, ...]:
    """The surname, and the part after a hyphen that may stand alone ("al-Assad", "Assad")."""
    surname = _surname(words)
    return (surname, surname.rsplit("-", 1)[1]) if "-" in surname else (surname,)


def _kept(doc: Doc, cluster: Cluster, slot: str, compute: Callable[[], list[str]]) -> list[str]:
    """``compute()``'s words for the cluster, kept on it under ``slot`` (do not modify the list).

    Clustering asks for a cluster's name words many times; clusters only ever gain mentions, so
    the answer holds until the cluster's mention count changes.
    """
    count = len(cluster.mentions)
    cached = cluster.__dict__.get(slot)
    if cached is not None and cached[0] == count and cached[1] is doc:
        return cached[2]
    words = compute()
    cluster.__dict__[slot] = (count, doc, words)
    return words


def _name_words(doc: Doc, cluster: Cluster) -> list[str]:
    """The normalised words of the cluster's longest mention (do not modify the list returned)."""

    def longest() -> list[str]:
        mention = max(cluster.mentions, key=lambda m: (m.end - m.start, -m.start))
        return [norm_key(w) for w in _words(mention.span(doc))] or [""]

    return _kept(doc, cluster, "_name_words", longest)


def same_first_name(a: str, b: str) -> bool:
    """"Josh" and "Joshua", "J" and "John": a short form the longer first name starts with.

    Three letters at least (or an initial), so "Al" and "Alan" or "Jo" and "Joe" stay apart.
    """
    short, long = sorted((a, b), key=len)
    return short == long or (long.startswith(short) and (len(short) >= 3 or len(short) == 1))


def same_person(a: list[str], b: list[str]) -> bool:
    """Two full names (person words) that can name one person: the same surname, first names one
    a short form or initial of the other, and middle names that agree where both have one.

    "Hillary Clinton" and "Hillary Rodham Clinton", "J. Apte" and "John Apte", "B. U. Nzeribe"
    and "Benjamin Nzeribe", "Pat Carlineo" and "Patrick W. Carlineo", "Donald Jr." and "Donald
    Trump Jr."; but not "George H. W. Bush" and "George W. Bush" (the middle names differ), nor
    names of which one has a generational suffix the other lacks ("Donald Trump Jr." and "Donald
    J. Trump", "Duncan Hunter Sr." and "Duncan Hunter": a father and son often share the rest).
    """
    suffix = {w for w in a if w in _NAME_SUFFIXES}
    if suffix != {w for w in b if w in _NAME_SUFFIXES}:
        return False  # "Donald Trump Jr." is not "Donald J. Trump"
    a, b = [w for w in a if w not in _NAME_SUFFIXES], [w for w in b if w not in _NAME_SUFFIXES]
    if suffix and min(len(a), len(b)) == 1 and len(a) != len(b):
        return a[0] == b[0]  # "Donald Jr." and "Donald Trump Jr."
    if len(a) < 2 or len(b) < 2 or a[-1] != b[-1] or not same_first_name(a[0], b[0]):
        return False
    return all(same_first_name(x, y) for x, y in zip(a[1:-1], b[1:-1]))


def _merge_same_person(doc: Doc, clusters: list[Cluster]) -> list[Cluster]:
    """Each full name joins the one fuller name that `same_person` accepts; with two ("J. Smith"
    beside "John Smith" and "Jane Smith") it stays apart, since the text does not say which."""
    out: list[Cluster] = []
    for c in sorted(clusters, key=lambda c: (-len(_person_name(doc, c)), -len("".join(_person_name(doc, c))), c.first)):
        words = _person_name(doc, c)
        fits = [o for o in out if same_person(words, _person_name(doc, o))]
        if len(fits) == 1:
            fits[0].mentions.extend(c.mentions)
        else:
            out.append(c)
    return out


def _join_longer(doc: Doc, clusters: list[Cluster], fits: Callable[[list[str], list[str]], bool],
                 name: Callable[[Doc, Cluster], list[str]] = _name_words) -> list[Cluster]:
    """Each cluster joins the one longer cluster whose name words ``fits(short, long)`` accepts;
    with two or more such names it stays apart (the text does not say which one it means)."""
    out: list[Cluster] = []
    for c in sorted(clusters, key=lambda c: -len(name(doc, c))):
        words = name(doc, c)
        longer = [o for o in out if fits(words, name(doc, o))]
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
    def org_key(text: str) -> str:
        return lex.canonical_key(norm_key(text))  # "VW" and "Volkswagen" are one key

    def key(m: Mention) -> str:
        return org_key(m.span(doc).text)

    named = [m for m in mentions if not m.generic and not m.head_of]
    clusters = _merge_suffixes(doc, _cluster_by_key(doc, [m for m in named if not _is_acronym(m.span(doc).text)], "ORG", org_key))
    clusters = _merge_kind_word(doc, clusters, lex)
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


def _merge_suffixes(doc: Doc, clusters: list[Cluster], name: Callable[[Doc, Cluster], list[str]] = _name_words) -> list[Cluster]:
    """A name that is the whole ending of exactly one longer name is that organisation or person
    ("State Department" of "US State Department", "the Post" of "New York Post", "Wasserman
    Schultz" of "Debbie Wasserman Schultz"); with two candidates it stays apart. Every word must
    match, so "Bernie Sanders" and "Sarah Huckabee Sanders", or "Hillary Clinton" and "Bill
    Clinton", stay two people."""
    return _join_longer(doc, clusters, lambda short, long: len(long) > len(short) and long[-len(short):] == short, name)


def _merge_kind_word(doc: Doc, clusters: list[Cluster], lex: Lexicons) -> list[Cluster]:
    """"Bucknell" joins "Bucknell University", "Treasury" joins "Treasury Department": a name that
    is exactly one longer name without its last word, when that word only says what kind of
    body it is (`generic_heads`: university, department, group, ...) or that it is an outlet
    ("Breitbart" and "Breitbart News": the media `name_words`). Only one such longer name, and
    only one word, so "United Nations" and "United Nations Security Council" stay apart."""
    return _join_longer(doc, clusters, lambda short, long: len(long) == len(short) + 1 and long[:-1] == short
                        and (long[-1] in lex.generic_heads or long[-1] in lex.media_name_words))


def _acronym_target(doc: Doc, m: Mention, clusters: list[Cluster], by_key: dict[str, Cluster], lex: Lexicons) -> Cluster | None:
    """The cluster an acronym stands for: its own name (or the name it is another name of), its
    defined expansion, or matching initials."""
    key = lex.canonical_key(norm_key(m.span(doc).text))
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
