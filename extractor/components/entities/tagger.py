"""A second opinion on where names are: a linear-chain CRF over the tokens (python-crfsuite).

spaCy's small model finds only part of the names a reader marks: on CoNLL-2003 dev its spans
match 76% of the persons and 44% of the organisations exactly, and the rules cannot add what
nobody proposed. A CRF tagger trained on CoNLL-2003 train and the real-news gold pages, which
reads spaCy's own tags and labels as features beside the words, their shape and the first-name
list, proposes more names and a label for each (PER, ORG, LOC, MISC). It decides nothing itself:
where no other candidate stands, its spans are candidates the learned decision (:mod:`.decision`)
judges like any other, with its label as one more feature ("crf=ORG"). Its label on every
candidate, spaCy's too, cost real news 1.7 points of F1 and was left out (README, Entities).
Trained by ``make train-tagger`` (scripts/train_tagger.py); the weights ship as
``models/entity_tagger.crfsuite``.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc

from ...resources import model_path
from .base import first_names

TAGGER_FILE = "entity_tagger.crfsuite"
#: The tagger's labels that name something the product types (MISC stays a feature only).
CANDIDATE_LABELS = frozenset({"PER", "ORG", "LOC"})


@lru_cache(maxsize=65536)
def _shape(word: str) -> str:
    """"McDonald" -> "XxXx", "U.S." -> "X.X.", "1996-08-30" -> "d-d-d": runs collapsed, 6 at most."""
    out: list[str] = []
    for ch in word:
        c = "X" if ch.isupper() else "x" if ch.islower() else "d" if ch.isdigit() else ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)[:6]


def token_features(doc: Doc) -> list[list[str]]:
    """Per token: the word, its shape and affixes, spaCy's tags and NER label, and the same for
    two tokens either side. Training and run time both call this, so they see the same evidence."""
    names = first_names()
    tokens = list(doc)  # one pass: iterating a Doc builds a Token object per step
    toks = [(t.text, t.lower_, _shape(t.text), t.pos_, t.ent_iob_ + "-" + t.ent_type_ if t.ent_type_ else "O") for t in tokens]
    out: list[list[str]] = []
    for i, tok in enumerate(tokens):
        text, lower, shape, pos, ner = toks[i]
        f = ["b", "w=" + lower, "sh=" + shape, "p3=" + lower[:3], "s3=" + lower[-3:], "pos=" + pos,
             "tag=" + tok.tag_, "ner=" + ner, "dep=" + tok.dep_]
        if text[:1].isupper():
            f.append("title")
        if text.isupper():
            f.append("upper")
        if lower in names:
            f.append("first")
        if tok.is_sent_start:
            f.append("ss")
        for step in (-2, -1, 1, 2):
            j = i + step
            if 0 <= j < len(toks):
                f += [f"{step}w={toks[j][1]}", f"{step}sh={toks[j][2]}", f"{step}pos={toks[j][3]}", f"{step}ner={toks[j][4]}"]
                if step in (-1, 1):
                    f.append(f"{step}first={toks[j][1] in names}")
            else:
                f.append(f"{step}edge")
        out.append(f)
    return out


def bio_labels(doc: Doc, spans: list[tuple[int, int, str]]) -> list[str]:
    """Gold character spans as one BIO label per token (for training)."""
    labels = ["O"] * len(doc)
    for start, end, kind in spans:
        inside = [t.i for t in doc if t.idx >= start and t.idx + len(t.text) <= end and not t.is_space]
        for k, i in enumerate(inside):
            labels[i] = ("B-" if k == 0 else "I-") + kind
    return labels


def label_spans(labels: list[str]) -> dict[tuple[int, int], str]:
    """BIO labels as token spans -> label; an I- after another label starts a span of its own."""
    out: dict[tuple[int, int], str] = {}
    start, kind = None, ""
    for i, label in enumerate([*labels, "O"]):
        if start is not None and (label == "O" or label.startswith("B-") or label[2:] != kind):
            out[(start, i)] = kind
            start = None
        if label != "O" and start is None:
            start, kind = i, label[2:]
    return out


class SequenceTagger:
    """The trained CRF, opened lazily in each process (a crfsuite handle does not pickle)."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._tagger = None

    def __getstate__(self) -> dict:
        return {"path": self.path}

    def __setstate__(self, state: dict) -> None:
        self.path, self._tagger = state["path"], None

    def spans(self, doc: Doc) -> dict[tuple[int, int], str]:
        """Token spans -> the tagger's label for one doc."""
        if len(doc) == 0:
            return {}
        if self._tagger is None:
            import pycrfsuite

            tagger = pycrfsuite.Tagger()
            tagger.open(self.path)
            self._tagger = tagger
        return label_spans(self._tagger.tag(token_features(doc)))


def load_tagger(name: str) -> SequenceTagger | None:
    """The shipped tagger from ``models/``; "" turns it off."""
    return SequenceTagger(str(model_path(name))) if name else None


def tag_feature(tags: dict[tuple[int, int], str], start: int, end: int) -> str:
    """What the tagger says of a candidate's tokens: its label for exactly that span ("crf=ORG"),
    a label on an overlapping span ("crf_part=PER": it sees other bounds), or nothing ("crf=O")."""
    if (start, end) in tags:
        return f"crf={tags[(start, end)]}"
    part = next((label for (s, e), label in sorted(tags.items()) if s < end and start < e), None)
    return f"crf_part={part}" if part else "crf=O"
