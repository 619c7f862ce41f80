"""Rules on one mention: trim, split, strip titles and type it (see :func:`refine`).

Each rule repairs one habit of the small English model on news text (a newspaper tagged PERSON,
"Justice" in "Justice Minister" tagged ORG, a person swallowed by "Network's", a demonym tagged
as a place); their word lists live in ``models/entity_lexicons.json``.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from ...normalize import countries
from .base import DocFacts, Lexicons, Mention, norm_key, POSSESSIVES, trim, _is_acronym, _is_capitalised, _looks_like_full_name, _next_word
from .candidates import _is_media_noun


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
    m = _strip_titles(doc, _strip_leading_participle(doc, _strip_leading_verb(doc, m), facts), lex)
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


def _strip_leading_participle(doc: Doc, m: Mention, facts: DocFacts) -> Mention:
    """"Hosting Cook, Benioff asked ...": a sentence-opening participle the tagger took for a first
    name, so one person became two ("Tim Cook", "Hosting Cook"). Stripped only when the word is
    an English verb's -ing form and what is left is how the article names a person elsewhere
    (the last words of another PERSON span), so "Sterling Brown" or "Manning" alone stay."""
    if m.type != "PERSON" or m.end - m.start < 2 or not _starts_sentence(doc[m.start]):
        return m
    word = doc[m.start].lower_
    if not word.endswith("ing") or not _is_verb_form(word[:-3], facts):
        return m
    rest = [norm_key(t.text) for t in doc[m.start + 1 : m.end]]
    for ent in doc.ents:
        if ent.label_ == "PERSON" and ent.start != m.start and len(ent) > len(rest):
            if [norm_key(t.text) for t in ent[len(ent) - len(rest) :]] == rest:
                return replace(m, start=m.start + 1)
    return m


def _is_verb_form(stem: str, facts: DocFacts) -> bool:
    """"host" (hosting), "mak" -> "make" (making), "runn" -> "run" (running) is a known word."""
    words = facts.vocabulary.words
    return bool(stem) and (stem in words or stem + "e" in words or (len(stem) > 2 and stem[-1] == stem[-2] and stem[:-1] in words))


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
