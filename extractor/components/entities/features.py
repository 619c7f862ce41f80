"""What the learned entity decision sees of each candidate mention, and the extra candidates it may promote.

The rules (candidates, refine, unify, propagation) propose mentions; the model in
:mod:`.decision` keeps, retypes or drops each one. Its evidence is written here as plain string
features so that training (scripts/train_entities.py, scikit-learn) and run time (plain Python
over the JSON weights) see exactly the same thing: the words and their shape, the words around,
spaCy's own label (PRODUCT, WORK_OF_ART, EVENT, LAW, NORP are evidence against PERSON/ORG), the
rules' type and source, gazetteers, whether the line is a headline in capitals, and what the same
string is elsewhere in the article: its labels and types, and the company its other mentions keep
(the words beside them, the words they hang on, whether one speaks), and whether it is the name
of a results or standings row (:mod:`.tables`).

Extra candidates widen recall beyond the rules: spaCy's spans with labels we do not map
(NORP "Democrats" may be a party, PRODUCT may be a company), runs of capitalised proper nouns
nobody tagged, the spans of the CRF tagger (:mod:`.tagger`), the names of table rows, and in a headline in capitals the words that name something the body names
("LEICESTERSHIRE" when the body has "Leicestershire").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Span

from ...normalize import countries
from ...resources import load_json
from .base import POSSESSIVES, DocFacts, Mention, _in_boilerplate, _is_capitalised, _token_near, _word_near, first_names, norm_key, title_words
from .speaking import speaker_role
from .tagger import CANDIDATE_LABELS, tag_feature

#: spaCy labels that are candidates only through the model (never typed by the rules).
OTHER_LABELS = frozenset({"NORP", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"})
_JOINERS = frozenset({"of", "de", "du", "la", "van", "von", "der", "del", "&", "for", "and"})
_MAX_NGRAM = 4


@dataclass(frozen=True)
class DocContext:
    """Article-wide facts about strings, computed once per doc."""

    ner_labels: dict[str, frozenset[str]]  # key -> spaCy labels of that exact string anywhere
    rule_types: dict[str, frozenset[str]]  # key -> rule types of the candidates with that string
    person_parts: frozenset[str]  # words of multi-word candidates the rules type PERSON
    longer_types: dict[str, frozenset[str]]  # word -> rule types of longer candidates containing it
    lower_words: frozenset[str]  # words written in lower case somewhere in the article
    counts: dict[str, int]  # key -> number of candidates with that string
    caps_lines: frozenset[int]  # token indexes that sit in a line written in capitals
    money_sents: frozenset[int]  # start tokens of sentences that name a price or sum
    money_level: str  # how much of the article is prices: "none", "some", "many" (deals pages)
    #: key -> the words around every mention of that string and the words they hang on: a string
    #: that is a "Stadia controller" and "on Stadia" in one paragraph is a product in the next
    company: dict[str, frozenset[str]]

    @classmethod
    def of(cls, doc: Doc, mentions: list[Mention]) -> DocContext:
        ner: dict[str, set[str]] = {}
        for ent in doc.ents:
            ner.setdefault(norm_key(ent.text), set()).add(ent.label_)
        rules: dict[str, set[str]] = {}
        longer: dict[str, set[str]] = {}
        counts: dict[str, int] = {}
        parts: set[str] = set()
        company: dict[str, set[str]] = {}
        for m in mentions:
            span = m.span(doc)
            key = norm_key(span.text)
            counts[key] = counts.get(key, 0) + 1
            company.setdefault(key, set()).update(_company_of(doc, span, m))
            if m.type != "NONE":
                rules.setdefault(key, set()).add(m.type)
            if len(span) > 1:
                for t in span:
                    longer.setdefault(norm_key(t.text), set()).add(m.type)
                    if m.type == "PERSON":
                        parts.add(norm_key(t.text))
        return cls(
            ner_labels={k: frozenset(v) for k, v in ner.items()},
            rule_types={k: frozenset(v) for k, v in rules.items()},
            person_parts=frozenset(parts),
            longer_types={k: frozenset(v) for k, v in longer.items()},
            lower_words=frozenset(t.text for t in doc if t.is_lower and t.is_alpha),
            counts=counts,
            caps_lines=frozenset(_caps_line_tokens(doc)),
            money_sents=frozenset(e.sent.start for e in doc.ents if e.label_ == "MONEY"),
            money_level=_money_level(doc),
            company={k: frozenset(v) for k, v in company.items()},
        )


def _company_of(doc: Doc, span: Span, m: Mention) -> list[str]:
    """The words next to one mention and the word it hangs on, and whether it speaks, as
    article-wide evidence about its string."""
    out = [f"dprev={_word_near(doc, m.start - 1, -1)}", f"dnext={_word_near(doc, m.end, 1)}",
           f"dhead={span.root.head.lemma_.lower()}"]
    if speaker_role(span) is not None:
        out.append("dspeaks")
    return out


def _money_level(doc: Doc) -> str:
    """Sums of money per 1,000 words, bucketed: a deals page or a product guide lists prices in
    nearly every paragraph, and there the capitalised names are mostly products, not firms. A
    short text with one sum is not such a page: "many" takes five sums at least."""
    sums = sum(1 for e in doc.ents if e.label_ == "MONEY")
    rate = 1000 * sums / (sum(1 for t in doc if t.is_alpha) or 1)
    return "none" if sums == 0 else "many" if sums >= 5 and rate >= 8 else "some"


@cache
def _companies() -> frozenset[str]:
    """Keys of the companies news names most (``companies`` in ``models/entity_lexicons.json``)."""
    return frozenset(norm_key(w) for w in load_json("entity_lexicons.json")["companies"]["words"])


def _caps_line_tokens(doc: Doc) -> list[int]:
    """Tokens of lines whose letters are (nearly) all capitals: headlines, "CRICKET - ..."."""
    out: list[int] = []
    line: list[int] = []

    def flush() -> None:
        letters = [ch for i in line for ch in doc[i].text if ch.isalpha()]
        if len(letters) >= 4 and sum(ch.isupper() for ch in letters) / len(letters) >= 0.8:
            out.extend(line)
        line.clear()

    for tok in doc:
        if tok.is_space and "\n" in tok.text:
            flush()
        else:
            line.append(tok.i)
        if "\n" in tok.whitespace_:
            flush()
    flush()
    return out


def extra_candidates(doc: Doc, mentions: list[Mention], facts: DocFacts) -> list[Mention]:
    """Spans the rules did not propose that the model may still make entities (type "NONE")."""
    taken = [(m.start, m.end) for m in mentions]

    def free(start: int, end: int) -> bool:
        return end > start and not any(start < e and s < end for s, e in taken) and not _in_boilerplate(doc, start, end)

    out: list[Mention] = []

    def add(start: int, end: int, source: str, label: str) -> None:
        if free(start, end):
            out.append(Mention(start, end, type="NONE", label=label, source=source))
            taken.append((start, end))

    for start, end in facts.rows:
        add(start, end, "row", "")
    for (start, end), label in sorted(facts.tags.items()):
        if label in CANDIDATE_LABELS:
            add(*_name_bounds(doc, start, end), "crf", label)
    for ent in doc.ents:
        if ent.label_ in OTHER_LABELS:
            start, end = _name_bounds(doc, ent.start, ent.end)
            add(start, end, "other", ent.label_)
    known = {norm_key(m.span(doc).text) for m in mentions} | {norm_key(e.text) for e in doc.ents}
    caps = set(_caps_line_tokens(doc))
    i = 0
    while i < len(doc):
        if i in caps:  # a headline in capitals: only strings the article or a gazetteer names
            for n in range(_MAX_NGRAM, 0, -1):
                span = doc[i : i + n]
                if len(span) == n and all(t.i in caps and t.is_alpha for t in span):
                    key = norm_key(span.text)
                    if key in known or key in facts.gazetteer_keys or countries.lookup(span.text):
                        add(i, i + n, "caps", "")
                        break
            i += 1
            continue
        if _is_capitalised(doc[i]) and doc[i].pos_ == "PROPN":
            j = i + 1
            while j < len(doc) and (
                (_is_capitalised(doc[j]) and doc[j].pos_ == "PROPN" and doc[j].text not in POSSESSIVES)
                or (doc[j].lower_ in _JOINERS and j + 1 < len(doc) and _is_capitalised(doc[j + 1]) and doc[j + 1].pos_ == "PROPN")
            ):
                j += 1
            add(i, j, "propn", "")
            i = j
            continue
        i += 1
    return out


def _name_bounds(doc: Doc, start: int, end: int) -> tuple[int, int]:
    while start < end and (doc[start].lower_ == "the" or doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].text in POSSESSIVES or doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return start, end


def _shape(span: Span) -> str:
    out = []
    for t in span:
        if t.is_space:
            continue
        if t.like_num or t.text[:1].isdigit():
            out.append("d")
        elif t.is_punct:
            out.append("p")
        elif t.is_upper and len(t.text) > 1:
            out.append("A")
        elif t.text[:1].isupper():
            out.append("X")
        else:
            out.append("a")
    return "".join(out)[:6]


def _camel(text: str) -> bool:
    """A capital after a small letter inside one word (iPhone, MacBook, eGift, PlayStation):
    how product and brand names are written, rarely people's or places'."""
    return any(a.islower() and b.isupper() for a, b in zip(text, text[1:]))


def _model_number(tok) -> bool:
    """A token that reads as a model or version number: digits, or letters and digits mixed
    ("Series 3", "RAV4", "AW3418DW", "R6700")."""
    if tok is None or not any(ch.isdigit() for ch in tok.text):
        return False
    return not tok.like_num or (tok.is_digit and len(tok.text) <= 2)


def _context_features(doc: Doc, span: Span, m: Mention, ctx: DocContext) -> list[str]:
    """The company a name keeps: the word classes around it, whether it is written like a
    product (camel case, a model number), sits in a sentence with a price, on a page of prices,
    or modifies a common noun ("Tumblr post", "Netflix documentary", "Arrowhead water")."""
    prev, nxt = _token_near(doc, m.start - 1, -1), _token_near(doc, m.end, 1)
    words = [t for t in span if not t.is_space]
    # A title before a name ("Senator Ames", "Col. Steven H. Warren") is tagged PROPN like the
    # first word of a longer name the span missed; it is told apart, as it speaks for a person.
    # The tokenizer may split the abbreviation's dot off ("Col" "."): the title is the word before it.
    title = _token_near(doc, prev.i - 1, -1) if prev is not None and prev.text == "." else prev
    prev_class = "EDGE" if prev is None else "TITLE" if _is_title(title) else prev.pos_
    f = [f"tag={words[-1].tag_}", f"prev_pos={prev_class}",
         f"next_pos={_next_class(nxt)}", f"money_doc={ctx.money_level}"]
    if any(_camel(t.text) for t in words):
        f.append("camel")
    if any(_model_number(t) for t in words) or _model_number(nxt):
        f.append("model_number")
    if span.sent.start in ctx.money_sents:
        f.append("money_sent")
    root = span.root
    if root.dep_ == "compound" and root.head.pos_ == "NOUN":
        f.append("modifies_noun")
    if prev is not None and prev.text in {"“", '"', "‘"} and nxt is not None and nxt.text in {"”", '"', "’"}:
        f.append("in_quote_marks")
    return f


def _is_title(tok) -> bool:
    return tok is not None and tok.lower_.rstrip(".") in title_words()


def _next_class(nxt) -> str:
    """The word class after a name, with a title ("Association President Keith Gambill") and a
    date ("the Committee Tuesday") told apart from the next word of a longer name: all three are
    PROPN, but only the last says the span stopped short of the name."""
    if nxt is None:
        return "EDGE"
    if _is_title(nxt):
        return "TITLE"
    if nxt.ent_type_ in ("DATE", "TIME"):
        return "DATE"
    return nxt.pos_


def features(doc: Doc, m: Mention, ctx: DocContext, facts: DocFacts) -> list[str]:
    """The model's evidence for one candidate, as feature names (all of weight 1)."""
    span = m.span(doc)
    key = norm_key(span.text)
    words = [t for t in span if not t.is_space]
    first, last = words[0], words[-1]
    caps = m.start in ctx.caps_lines
    f = [
        "bias",
        f"src={m.source}",
        f"rt={m.type}",
        f"src_rt={m.source}_{m.type}",
        f"lab={m.label}",
        f"ent={first.ent_type_ or 'O'}",
        f"shape={_shape(span)}",
        f"n={min(len(words), 4)}",
        f"first={first.lower_}",
        f"last={last.lower_}",
        f"suf={last.lower_[-3:]}",
        f"prev={_word_near(doc, m.start - 1, -1)}",
        f"next={_word_near(doc, m.end, 1)}",
        f"prev2={_word_near(doc, m.start - 2, -1)}_{_word_near(doc, m.start - 1, -1)}",
        f"pos={first.pos_}_{last.pos_}",
        f"dep={span.root.dep_}",
        f"head={span.root.head.lemma_.lower()}",
    ]
    if m.source == "crf":  # on every candidate it cost real news 1.7 points of F1 (see README)
        f.append(tag_feature(facts.tags, m.start, m.end))
    f += [f"w={t.lower_}" for t in words[:5]]
    if len(words) == 1:
        f.append(f"one={first.lower_}")
    if caps:
        f += ["caps_line", f"caps_src={m.source}"]
    if first.is_sent_start:
        f.append("sent_start")
    if (role := speaker_role(span)) is not None:
        f += ["speaks", f"speaks={role}", f"speaks_rt={m.type}"]
    if m.strong:
        f.append("strong")
    if m.weak_org:
        f.append("weak_org")
    if m.generic:
        f.append("generic")
    if m.code or countries.lookup(span.text):
        f.append("country")
    if countries.is_demonym(span.text):
        f.append("demonym")
    if key in facts.gazetteer_keys:
        f.append("gazetteer")
    if key in _companies():
        f.append("company_name")
    if len(words) > 1 and first.lower_ in first_names():  # mostly a person, whatever spaCy's label
        f.append("first_name")
    if len(words) == 1 and facts.vocabulary.is_common(first.text):
        f.append("common")
    if len(words) == 1 and first.lower_ in ctx.lower_words:
        f.append("lower_elsewhere")
    f += [f"doc_lab={lab}" for lab in sorted(ctx.ner_labels.get(key, ()))]
    f += [f"doc_rt={t}" for t in sorted(ctx.rule_types.get(key, ()))]
    if len(words) == 1:
        if key in ctx.person_parts:
            f.append("person_part")
        f += [f"in_longer={t}" for t in sorted(ctx.longer_types.get(key, ()))]
    f.append(f"count={min(ctx.counts.get(key, 1), 3)}")
    f += sorted(ctx.company.get(key, ()))
    f += _context_features(doc, span, m, ctx)
    if caps:
        f += [f"caps_doc_rt={t}" for t in sorted(ctx.rule_types.get(key, ()))]
    if (row := facts.rows.get((m.start, m.end))) is not None:
        f += [f"row={row}", f"row_rt={m.type}"]
    elif any(s <= m.start and m.end <= e for s, e in facts.rows):
        f.append("row_part")
    return f
