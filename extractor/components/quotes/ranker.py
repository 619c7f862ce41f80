"""Speaker ranking: which of the article's people or organizations a pronoun speaker ("he said",
"it said") stands for.

The rules this replaces took the nearest earlier entity of a compatible gender, which goes wrong
exactly where it hurts: a famous name mentioned in passing one sentence before the analyst who
is quoted ("George Soros ... 'It is a stock-specific market,' he said"), or a second woman named
in a story about another. Every entity mentioned before the anaphor is a candidate; a logistic
model scores each from what a reader uses: gender and type agreement, how recently and how often
the candidate was named, whether it was a clause's subject or already a speaker, how often it
was a subject against the others (who the story is about: "Taylor Swift has accused her label
..." before "Kim Kardashian weighed in"), whether the headline or the lead names it, whether
the lead has it as a subject, whether it opens the anaphor's paragraph, whether it was last the
subject of a sentence's main clause ("Nehlen responded to reports that Trump planned ..." is about
Nehlen, though Trump is a subject too), and its role against the anaphor's (a subject "he"
continues a subject). The weights come from ``scripts/train_speakers.py`` (``make train-speakers``),
which chooses among PolNeAR's named sources with the name hidden, its real pronoun sources
annotated in ``corpus/polnear-pronouns`` and the real-news gold's pronoun speakers.
Descriptions ("the minister said") keep the title rule of ``speakers``: the gold has too few that
an entity stands behind to learn from. The best candidate is taken only when its probability reaches the model's
threshold for the anaphor's group (one for "he"/"she", a higher one for "it"/"they", which often stand for
what the text never names); otherwise the speaker is left unresolved rather than guessed.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc

from ...resources import load_json
from ...spans import doc_text
from .logistic import probability

MODEL_FILE = "speaker_model.json"
#: How far back (characters) a candidate's last mention may be.
WINDOW = 3000
#: Speaker pronouns the ranker reads, by the form it scores them as.
PRONOUN_KINDS = {"he": "he", "him": "he", "his": "he", "himself": "he", "she": "she", "her": "she",
                 "herself": "she", "it": "it", "its": "it", "they": "they", "them": "they", "their": "they"}


#: Anaphors that share a threshold: "he" and "she" stand for a person the story names nearly
#: always; "it" and "they" stand as often for what it never names ("the report", "officials"),
#: so a candidate must be likelier before one of them is read as it.
THRESHOLD_GROUPS = {"he": "person", "she": "person", "it": "other", "they": "other"}


def threshold_group(kind: str) -> str:
    """The group whose threshold an anaphor of this kind ("he", "it", ...) must reach."""
    return THRESHOLD_GROUPS.get(kind, "other")


def threshold_for(model: dict, kind: str) -> float:
    """The model's threshold for this kind of anaphor (one for all in models trained before the
    groups)."""
    return float(model.get("thresholds", {}).get(threshold_group(kind), model["threshold"]))


def types_for(kind: str) -> tuple[str, ...]:
    """Entity types that may stand behind an anaphor: a person for he/she, an organization for it."""
    return {"he": ("PERSON",), "she": ("PERSON",), "it": ("ORG",)}.get(kind, ("PERSON", "ORG"))


@dataclass(frozen=True)
class Anaphor:
    """The words next to a cue that stand for a speaker without naming one."""

    start: int
    end: int
    #: 'he', 'she', 'it' or 'they'
    kind: str


@dataclass
class _Candidate:
    ref: object
    mentions: list[tuple[int, int]]


class Layout:
    """Positions a ranker asks about once per document: sentence and paragraph starts, the headline,
    each mention's syntactic role and whether it was the subject of a speech verb."""

    def __init__(self, doc: Doc, speech: frozenset[str]) -> None:
        self.doc = doc
        self.sentences = [s.start_char for s in doc.sents] if doc.has_annotation("SENT_START") else [0]
        text = doc_text(doc)
        paragraphs = doc._.paragraphs if doc.has_extension("paragraphs") else None
        self.paragraphs = sorted(int(s) for s, _ in paragraphs) if paragraphs else [0]
        title = getattr(doc._, "title", None) if doc.has_extension("title") else None
        self.title = (int(title[0]), int(title[1])) if title else (0, max(0, text.find("\n")) if "\n" in text else 0)
        self.lead_end = self._lead_end(text)
        self.speech = speech
        self._roles: dict[tuple[int, int], tuple[str, bool, bool]] = {}

    @staticmethod
    def _lead_end(text: str) -> int:
        """End of the first body paragraph after the headline."""
        seen = 0
        for i, ch in enumerate(text):
            if ch == "\n" and i > 0 and text[i - 1] != "\n":
                seen += 1
                if seen == 2:
                    return i
        return len(text)

    def sentence(self, pos: int) -> int:
        return bisect.bisect_right(self.sentences, pos) - 1

    def paragraph(self, pos: int) -> int:
        return bisect.bisect_right(self.paragraphs, pos) - 1

    def role(self, start: int, end: int) -> tuple[str, bool, bool]:
        """('subject' | 'possessive' | 'object' | 'other', was it the subject of a speech verb, was it
        the subject of its sentence's main clause: "Nehlen responded to reports that Trump planned
        ..." is about Nehlen, though Trump is a subject too)."""
        key = (start, end)
        if key not in self._roles:
            span = self.doc.char_span(start, end, alignment_mode="expand")
            if span is None or len(span) == 0:
                self._roles[key] = ("other", False, False)
            else:
                root = span.root
                dep = root.dep_
                if dep in ("nsubj", "nsubjpass"):
                    role = "subject"
                elif dep == "poss" or any(t.tag_ == "POS" for t in span):
                    role = "possessive"
                elif dep in ("dobj", "pobj", "dative"):
                    role = "object"
                else:
                    role = "other"
                spoke = dep == "nsubj" and root.head.lemma_.lower() in self.speech
                verb = root.head
                main = role == "subject" and verb.dep_ == "ROOT"
                self._roles[key] = (role, spoke, main)
        return self._roles[key]


def _bucket(value: float, edges: tuple[float, ...]) -> str:
    return str(bisect.bisect_right(edges, value))


def gather(index, anaphor: Anaphor) -> list[_Candidate]:
    """Entities with a mention before the anaphor (outside quotations) within ``WINDOW``."""
    found: dict[int, _Candidate] = {}
    for start, end, ref in index.before(anaphor.start, limit=400):
        if anaphor.start - start > WINDOW:
            break
        if start < anaphor.end and end > anaphor.start:
            continue
        cand = found.setdefault(id(ref), _Candidate(ref, []))
        cand.mentions.append((start, end))
    return list(found.values())


def _gender_relation(anaphor: Anaphor, gender: str | None) -> str:
    wanted = {"he": "male", "she": "female"}.get(anaphor.kind)
    if wanted is None:
        return "any"
    if gender is None:
        return "unknown"
    return "match" if gender == wanted else "mismatch"


def features(index, layout: Layout, anaphor: Anaphor, cands: list[_Candidate]) -> list[list[str]]:
    """One list of feature names per candidate (the same order as ``cands``)."""
    a_sent, a_par = layout.sentence(anaphor.start), layout.paragraph(anaphor.start)
    kind = anaphor.kind
    compatible = [c for c in cands if _gender_relation(anaphor, getattr(c.ref, "gender", None)) != "mismatch"]
    by_recency = sorted(compatible, key=lambda c: -c.mentions[0][0])
    spoke_last = _last_speaker(layout, cands)
    subject_last, _ = _last_subject(layout, cands)
    main_last, main_pos = _last_subject(layout, cands, main=True)
    as_subject = {id(c): _times_subject(layout, c) for c in cands}
    a_role = layout.role(anaphor.start, anaphor.end)[0]
    par_first = _first_in_paragraph(layout, cands, anaphor.start)
    rows = []
    for cand in cands:
        ref = cand.ref
        last_start, last_end = cand.mentions[0]  # nearest first
        rel = _gender_relation(anaphor, getattr(ref, "gender", None))
        names = [f"k={kind}|t={ref.type}", f"k={kind}|g={rel}", f"t={ref.type}|g={rel}"]
        sents_back = a_sent - layout.sentence(last_start)
        names.append(f"s={_bucket(sents_back, (1, 2, 3, 4, 6, 10))}")
        names.append(f"k={kind}|s={_bucket(sents_back, (1, 2, 3, 6))}")
        names.append(f"p={_bucket(a_par - layout.paragraph(last_start), (1, 2, 3, 5))}")
        names.append(f"d={_bucket(anaphor.start - last_end, (60, 150, 300, 600, 1200))}")
        names.append(f"n={_bucket(len(cand.mentions), (2, 3, 5, 8))}")
        if cand in compatible:
            names.append(f"recent={min(by_recency.index(cand), 3)}")
            names.append(f"k={kind}|recent={min(by_recency.index(cand), 2)}")
            # ties share a rank: two people named once each are equally salient
            names.append(f"salient={min(sum(len(c.mentions) > len(cand.mentions) for c in compatible), 3)}")
            # salience as a subject: who the story is about is what its clauses are about
            if as_subject[id(cand)]:
                names.append(f"subj_salient={min(sum(as_subject[id(c)] > as_subject[id(cand)] for c in compatible), 2)}")
        else:
            names.append("incompatible")
        role, _, _ = layout.role(last_start, last_end)
        names.append(f"role={role}")
        names.append(f"role={role}|s={_bucket(sents_back, (1, 2, 3))}")
        names.append(f"arole={a_role}|role={role}")
        if cand is par_first:
            names.append("par_first")
        roles = [layout.role(s, e) for s, e in cand.mentions[:6]]
        if any(spoke for _, spoke, _ in roles):
            names.append("spoke")
        if cand is spoke_last:
            names.append("spoke_last")
        if cand is subject_last:
            names.append("subject_last")
        if cand is main_last:
            names.append("main_subject_last")
            names.append(f"main_subject_last|s={_bucket(a_sent - layout.sentence(main_pos), (1, 2, 3))}")
        if any(layout.title[0] <= s < layout.title[1] for s, _ in cand.mentions):
            names.append("in_title")
        if any(s < layout.lead_end for s, _ in cand.mentions):
            names.append("in_lead")
            if any(s < layout.lead_end and layout.role(s, e)[0] == "subject" for s, e in cand.mentions):
                names.append("lead_subject")
        if sents_back == 0:
            names.append("same_sentence")
        rows.append(names)
    return rows


def _last_speaker(layout: Layout, cands: list[_Candidate]) -> _Candidate | None:
    best, best_pos = None, -1
    for cand in cands:
        for s, e in cand.mentions:
            if layout.role(s, e)[1] and s > best_pos:
                best, best_pos = cand, s
                break
    return best


def _times_subject(layout: Layout, cand: _Candidate) -> int:
    """How many of the candidate's mentions are a clause's subject."""
    return sum(layout.role(s, e)[0] == "subject" for s, e in cand.mentions)


def _first_in_paragraph(layout: Layout, cands: list[_Candidate], pos: int) -> _Candidate | None:
    """The candidate named first in the anaphor's paragraph, before it: what the paragraph is about."""
    par_start = layout.paragraphs[layout.paragraph(pos)]
    best, best_pos = None, pos
    for cand in cands:
        for s, _ in cand.mentions:
            if par_start <= s < best_pos:
                best, best_pos = cand, s
    return best


def _last_subject(layout: Layout, cands: list[_Candidate], main: bool = False) -> tuple[_Candidate | None, int]:
    """The candidate that was last a subject (of a main clause, with ``main``), among each one's
    three latest mentions, and where."""
    best, best_pos = None, -1
    for cand in cands:
        for s, e in cand.mentions[:3]:
            role, _, main_subject = layout.role(s, e)
            if (main_subject if main else role == "subject") and s > best_pos:
                best, best_pos = cand, s
                break
    return best, best_pos


@cache
def _model() -> dict | None:
    try:
        return load_json(MODEL_FILE)
    except FileNotFoundError:
        return None


def available() -> bool:
    return _model() is not None


def agrees(names: list[str]) -> bool:
    """False for a candidate whose known gender contradicts "he"/"she": it is never chosen, however
    salient. The model weighs the mismatch, but one trained on a few hundred real pronouns weighed
    it too little and gave "she" to the man of "said his team". Cross-fitted, the veto cost that
    model one real pronoun of 443 and the shipped one none (scripts/train_speakers.py)."""
    return not any(name.endswith("|g=mismatch") for name in names)


def choose(index, layout: Layout, anaphor: Anaphor, types: tuple[str, ...]) -> tuple[object | None, float]:
    """The most probable candidate among entities of ``types`` that agree with the anaphor, and its
    probability; None when none reaches the model's threshold for this kind of anaphor."""
    model = _model()
    cands = [c for c in gather(index, anaphor) if c.ref.type in types]
    if model is None or not cands:
        return None, 0.0
    rows = features(index, layout, anaphor, cands)
    scored = [(probability(model, names), n) for n, names in enumerate(rows) if agrees(names)]
    if not scored:
        return None, 0.0
    p, n = max(scored)
    return (cands[n].ref if p >= threshold_for(model, anaphor.kind) else None), p
