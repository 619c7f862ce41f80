"""The article's people and organizations by position, for speaker resolution.

Speakers are looked up by where their mentions are: the entity a cue's subject overlaps, the
entities named before a pronoun (never inside a quotation: a name the speaker utters is not the
speaker), the nearest one introduced with a title ("the minister"). Without the entity stage,
spaCy's own PERSON/ORG spans stand in.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from spacy.tokens import Doc

from ...spans import doc_text
from . import descriptions
from .cues import lexicon
from .gender import of_person

SPEAKER_TYPES = ("PERSON", "ORG")
#: How far back (characters) a subject can be and still be what a pronoun continues.
_SUBJECT_WINDOW = 400
#: spaCy labels that can name a source when the entity stage is absent.
_FALLBACK_LABELS = {"PERSON": "PERSON", "ORG": "ORG"}


@dataclass
class EntityRef:
    id: str | None
    type: str
    name: str
    gender: str | None = None


@dataclass
class EntityIndex:
    """The article's PERSON/ORG mentions, sorted, for lookups by position."""

    doc: Doc
    excluded: list[tuple[int, int]]  # quote regions: mentions inside are not antecedents
    mentions: list[tuple[int, int, EntityRef]] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    _layout: object = None

    def layout(self):
        """Sentence, paragraph and role lookups for the speaker ranker, made once per document."""
        if self._layout is None:
            from .ranker import Layout  # the ranker reads this index: import late

            self._layout = Layout(self.doc, lexicon().speech)
        return self._layout

    @classmethod
    def build(cls, doc: Doc, excluded: list[tuple[int, int]]) -> "EntityIndex":
        index = cls(doc=doc, excluded=sorted(excluded))
        entities = doc._.entities if doc._.entities is not None else _fallback_entities(doc)
        text = doc_text(doc)
        for ent in entities:
            if ent.get("type") not in SPEAKER_TYPES:
                continue
            ref = EntityRef(id=ent.get("id"), type=ent["type"], name=ent["name"])
            if ref.type == "PERSON":
                ref.gender = of_person(doc, text, ent, index.inside_quote)
            for m in ent.get("mentions", []):
                index.mentions.append((int(m["start"]), int(m["end"]), ref))
        index.mentions.sort(key=lambda m: (m[0], m[1]))
        index.starts = [m[0] for m in index.mentions]
        return index

    def inside_quote(self, start: int) -> bool:
        i = bisect.bisect_right(self.excluded, (start, 1 << 60)) - 1
        return i >= 0 and self.excluded[i][0] <= start < self.excluded[i][1]

    def at(self, start: int, end: int, types: tuple[str, ...] = SPEAKER_TYPES) -> EntityRef | None:
        """The entity with a mention overlapping [start, end), preferring the longest overlap."""
        i = bisect.bisect_left(self.starts, end)
        best, best_overlap = None, 0
        for m_start, m_end, ref in self.mentions[max(0, i - 8) : i]:
            overlap = min(end, m_end) - max(start, m_start)
            if overlap > best_overlap and ref.type in types:
                best, best_overlap = ref, overlap
        return best

    def by_name(self, name: str) -> EntityRef | None:
        """The entity whose canonical name is ``name`` (case aside), if the article has one."""
        key = name.casefold()
        return next((ref for _, _, ref in self.mentions if ref.name.casefold() == key), None) if key else None

    def by_last_word(self, word: str) -> EntityRef | None:
        """The one entity whose canonical name ends in ``word`` ('Trump' -> Donald Trump); None when
        none or several do."""
        found = {ref.name: ref for _, _, ref in self.mentions if ref.name.split()[-1:] == [word]}
        return next(iter(found.values())) if len(found) == 1 else None

    def before(self, pos: int, limit: int = 40):
        """Mentions that start before ``pos``, nearest first, outside quotations."""
        i = bisect.bisect_left(self.starts, pos)
        for j in range(i - 1, max(-1, i - 1 - limit), -1):
            mention = self.mentions[j]
            if not self.inside_quote(mention[0]):
                yield mention

    def by_pronoun(self, pos: int, gender: str | None, types: tuple[str, ...] = ("PERSON",)) -> EntityRef | None:
        """The nearest earlier entity of a matching gender; one of unknown gender only when none matches.

        A pronoun usually continues the topic: an entity that was the subject of a recent clause
        ('Shirvanian told the AP, "..." He added') wins over a nearer one named in passing.
        """
        for start, end, ref in self.before(pos, limit=12):
            if pos - start > _SUBJECT_WINDOW:
                break
            if ref.type in types and ref.gender == gender and gender is not None and self._is_subject(start, end):
                return ref
        unknown = None
        for _, _, ref in self.before(pos):
            if ref.type not in types:
                continue
            if gender is None or ref.gender == gender:
                return ref
            if ref.gender is None and unknown is None:
                unknown = ref
        return unknown

    def _is_subject(self, start: int, end: int) -> bool:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return span is not None and len(span) > 0 and span.root.dep_ in ("nsubj", "nsubjpass")

    def by_title(self, pos: int, lemma: str) -> EntityRef | None:
        """The nearest earlier entity whose introduction uses ``lemma`` ("minister", "newspaper")."""
        for start, end, ref in self.before(pos):
            if lemma in descriptions.title_words(self.doc, start, end):
                return ref
        return None

    def by_title_after(self, pos: int, lemma: str) -> EntityRef | None:
        """The first person introduced with ``lemma`` soon after ``pos``: a lead describes who spoke
        and the next paragraph names them ("A California transit chief says ..." then "Interim
        BART Police Chief Ed Alvarez told reporters")."""
        i = bisect.bisect_right(self.starts, pos)
        for start, end, ref in self.mentions[i : i + 12]:
            if start - pos > descriptions.CATAPHOR_WINDOW:
                break
            if ref.type == "PERSON" and not self.inside_quote(start) and lemma in descriptions.title_words(self.doc, start, end):
                return ref
        return None


def _fallback_entities(doc: Doc) -> list[dict]:
    """PERSON/ORG entities from spaCy's NER when the entity stage is not in the pipeline.

    Surnames are merged into the full name that ends with them ("Bragason" -> "Guðni Bragason").
    No ids are given: they would not refer to anything in the record.
    """
    clusters: dict[tuple[str, str], dict] = {}
    for ent in doc.ents:
        label = _FALLBACK_LABELS.get(ent.label_)
        if label is None:
            continue
        words = [t.text for t in ent if not t.is_punct and t.lower_ not in ("'s", "’s")]
        if not words:
            continue
        key = (label, words[-1].lower() if label == "PERSON" else " ".join(words).lower())
        cluster = clusters.setdefault(key, {"id": None, "type": label, "name": "", "mentions": []})
        name = " ".join(words)
        if len(name) > len(cluster["name"]):
            cluster["name"] = name
        cluster["mentions"].append({"start": ent.start_char, "end": ent.end_char})
    return list(clusters.values())
