"""A learned judgement of each quote and attribution: is it real, and is it right?

The extraction rules find candidates; whether a candidate is speech someone reported (not a
scare-quoted term, a title, a slogan, a video's caption) and whether its speaker is right are
questions of evidence that data answers better than one more rule. Two logistic models over the
same features (scripts/train_quotes.py, ``make train-quotes``) are fitted on PolNeAR's training
articles, where every attribution is annotated:

- ``real``: the item matches an annotated attribution (its content is attributed speech or belief);
  items under the model's threshold are dropped, so the lists stay speech;
- ``right``: it matches *and* its speaker is right; after Platt scaling fitted on out-of-fold
  scores (never on the data the model was fitted on), this probability is the item's
  ``confidence``: of items at 0.8, about eight in ten are right.

PolNeAR annotates every attribution, speech or not ('the video shows ...', 'a study found ...',
'SoftBank agreed to ...'), so it cannot teach what a fact-checker's list of *quotes* should hold.
A third model, ``speech``, is fitted on the real-news gold (corpus/news-gold, whose guidelines draw
that line): is a quote the rules found speech someone reported? Quotes under its threshold move to
``attributions`` with the confidence they had, so nothing PolNeAR scores is lost (it scores quotes
and attributions together) while ``quotes`` stays speech.

The features describe the item, not its words: its type and list, the cue's lemma and the kind of
word it is (speech verb, communicative act, belief frame, naming verb) and its place in the
sentence, how the speaker was found and what the speaker's words are (a name, people, a body, or a
thing such as 'the video' or 'the data'), the content's length and shape (a clause, an infinitive,
a noun phrase; a finite verb, capitals, final punctuation; a quotation that is a part of a noun
phrase, as scare quotes and names of things are), where it sits (title, first paragraph, a whole
paragraph, a line that reads as a heading or caption), and the rules' own prior confidence.
"""

from __future__ import annotations

import math
import re
from functools import cache

from spacy.tokens import Doc

from ...resources import load_json
from ...spans import doc_text
from . import cues, interviews
from .logistic import probability
from .posts import signed_after

MODEL_FILE = "quote_scorer.json"
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you", "who", "which", "that"})
_STOP = re.compile(r"[.!?…][\"'”’)]*\s*$")


def _bucket(value: float, edges: tuple[float, ...]) -> int:
    return sum(value > edge for edge in edges)


def features(doc: Doc, item: dict, kind: str) -> list[str]:
    """Binary feature names for one quote (``kind`` "quote") or attribution ("attribution")."""
    text = doc_text(doc)
    spans = [tuple(s) for s in item["spans"]] or [(item["start"], item["end"])]
    tokens = [t for s, e in spans if (span := doc.char_span(s, e, alignment_mode="expand")) is not None for t in span]
    words = [t for t in tokens if not (t.is_punct or t.is_space)]
    kind_type = f"{kind}_{item['type']}"
    names = [f"kind={kind}", f"type={kind_type}", f"prior={round(item['confidence'] * 10)}"]
    length = _bucket(len(words), (1, 2, 3, 6, 12, 25, 50))
    names += [f"len={length}", f"len_type={kind_type}_{length}", f"spans={min(len(spans), 3)}"]
    cue = item.get("cue")
    if cue is None:
        names += ["cue=none", f"cue_none_type={kind_type}"]
    else:
        names.append(f"cue={cue['lemma']}")
        names += _cue_evidence(doc, cue, kind_type)
        if cue["lemma"].startswith("not "):
            names.append("cue_negated")
        gap = min(abs(cue["start"] - spans[0][0]), abs(cue["end"] - spans[-1][1]), abs(cue["start"] - spans[-1][1]))
        names.append(f"cue_gap={_bucket(gap, (3, 10, 30, 80, 200))}")
    speaker = item.get("speaker")
    if not speaker or not (speaker.get("name") or speaker.get("mention")):
        names += ["speaker=none", f"speaker_none_type={kind_type}"]
    else:
        resolution = speaker.get("resolution")
        names.append(f"res={resolution}")
        names.append(f"res_type={kind_type}_{resolution}")
        if speaker.get("entity_id"):
            names.append("speaker_entity")
        mention = (speaker.get("mention") or {}).get("text", "")
        if mention.lower() in _PRONOUNS:
            names.append(f"speaker_pronoun={mention.lower()}")
        elif len(mention.split()) == 1 and mention[:1].islower():
            names.append("speaker_common_noun")
        if not speaker.get("entity_id") and speaker.get("mention"):
            kind_of = _speaker_kind(doc, speaker["mention"])
            names += [f"speaker_kind={kind_of}", f"speaker_kind_type={kind_type}_{kind_of}"]
    if any(t.tag_ in _FINITE for t in words):
        names.append("finite")
    elif not any(t.pos_ in ("VERB", "AUX") for t in words):
        names.append("verbless")
    shape = _shape(words)
    names += [f"shape={shape}", f"shape_type={kind_type}_{shape}"]
    if item["type"] == "direct" and _inside_noun_phrase(words):
        names += ["in_noun_phrase", f"in_noun_phrase_len={min(length, 4)}"]
    content = text[spans[0][0] : spans[-1][1]]
    if content[:1].isupper():
        names.append("capital")
    if _STOP.search(content):
        names.append("ends_stop")
    if "?" in content:
        names.append("question")
    alpha = [t for t in words if t.is_alpha]
    if len(alpha) >= 2 and all(t.text[0].isupper() for t in alpha if len(t) > 3):
        names.append("titlecase")
    if alpha and sum(t.pos_ == "PROPN" for t in alpha) / len(alpha) > 0.5:
        names.append("mostly_names")
    if signed_after(text, spans[-1][1]):
        names.append("embedded_post")
    title = doc._.title
    if title and spans[0][0] < title[1] and title[0] < spans[-1][1]:
        names.append("in_title")
    paragraphs = doc._.paragraphs or []
    for index, (start, end) in enumerate(paragraphs):
        if start <= spans[0][0] < end:
            if index == 0:
                names.append("first_paragraph")
            covered = sum(max(0, min(e, end) - max(s, start)) for s, e in spans)
            if covered >= 0.8 * (end - start):
                names.append("whole_paragraph")
            if _reads_as_heading(text[start:end]):
                names.append("heading_line")
            break
    return names


def _cue_evidence(doc: Doc, cue: dict, kind_type: str) -> list[str]:
    """What kind of word the cue is in the lexicon, and where it sits in its sentence: a speech
    verb at the root reports; 'shows', 'found', 'agreed to' or a cue in a clause hung on the
    content ('..., as most companies reported') often do not."""
    lex = cues.lexicon()
    lemma = cue["lemma"].removeprefix("not ")
    names = []
    for label, words in (("speech", lex.speech), ("act", lex.speech_acts), ("naming", lex.naming),
                         ("direct_only", lex.direct_only)):
        if lemma in words:
            names.append(f"cue_class={label}")
    if lemma in lex.verb_frames:
        names.append("cue_class=frame")
    span = doc.char_span(cue["start"], cue["end"], alignment_mode="expand")
    if span is not None and len(span):
        dep = span[0].dep_ if span[0].dep_ in _CUE_DEPS else "other"
        names += [f"cue_dep={dep}", f"cue_dep_type={kind_type}_{dep}"]
    return names


_CUE_DEPS = frozenset({"ROOT", "ccomp", "conj", "advcl", "relcl", "xcomp", "acl", "pcomp", "parataxis", "prep"})


def _speaker_kind(doc: Doc, mention: dict) -> str:
    """What the speaker's words are when no entity was found: people ('officials'), a body ('the
    company'), a name, a pronoun, or a thing ('the video', 'the data') that shows rather than says."""
    span = doc.char_span(mention["start"], mention["end"], alignment_mode="expand")
    if span is None or not len(span):
        return "unknown"
    head = span.root
    if head.pos_ == "PRON":
        return "pronoun"
    if head.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or head.pos_ == "PROPN":
        return "name"
    if cues.is_people(head):
        return "people"
    lemma = head.lemma_.lower()
    if lemma in cues.EVIDENCE_NOUNS or lemma in cues.lexicon().issued_media:
        return "evidence"
    if cues.may_voice(head):
        return "body"
    return "thing"


def _shape(words: list) -> str:
    """The content's grammatical shape, from the root of its first clause: a finite clause, an
    infinitive ('agreed to inject ...'), a gerund, a noun phrase ('found evidence of ...'), or other."""
    if not words:
        return "empty"
    inside = {t.i for t in words}
    root = next((t for t in words if t.head.i not in inside or t.head.i == t.i), words[0])
    if root.tag_ in _FINITE or any(c.tag_ in _FINITE and c.dep_ in ("aux", "auxpass") for c in root.children):
        return "finite"
    if root.tag_ == "VB" and any(c.tag_ == "TO" for c in root.children):
        return "infinitive"
    if root.tag_ == "VBG":
        return "gerund"
    if root.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
        return "noun_phrase"
    if root.pos_ == "ADJ":
        return "adjective"
    return "other"


def _inside_noun_phrase(words: list) -> bool:
    """A quotation that is a part of a noun phrase outside it: 'his "tough on China" stance', 'the
    word "We"': a name or a term, not words someone said."""
    if not words:
        return False
    inside = {t.i for t in words}
    roots = [t for t in words if t.head.i not in inside]
    return len(roots) == 1 and roots[0].dep_ in ("compound", "amod", "nmod", "appos", "poss") and roots[0].head.pos_ in ("NOUN", "PROPN")


def _reads_as_heading(paragraph: str) -> bool:
    """A short line without a sentence's final punctuation: a heading, a caption or a label."""
    line = paragraph.strip()
    return 0 < len(line.split()) <= 12 and not _STOP.search(line) and not line.endswith((":", ",", ";"))


@cache
def _models() -> dict | None:
    try:
        return load_json(MODEL_FILE)
    except FileNotFoundError:
        return None


def judge(doc: Doc, items: list[dict], kind: str, min_confidence: float = 0.0) -> list[dict]:
    """``items`` with ``confidence`` set to the calibrated probability of being right, without the
    ones the ``real`` model rejects or under ``min_confidence``, renumbered (Q1, Q2, ... or A1, ...)."""
    models = _models()
    if models is None or not items:
        return items
    kept = []
    for item in items:
        names = features(doc, item, kind)
        if probability(models["real"], names) < models["real"]["threshold"]:
            continue
        raw = probability(models["right"], names)
        a, b = models["right"]["platt"]
        logit = math.log(max(raw, 1e-9) / max(1 - raw, 1e-9))
        item["confidence"] = round(1.0 / (1.0 + math.exp(-(a * logit + b))), 2)
        if item["confidence"] >= min_confidence:
            kept.append(item)
    prefix = "Q" if kind == "quote" else "A"
    for n, item in enumerate(kept, 1):
        item["id"] = f"{prefix}{n}"
    return kept


def keep_speech(doc: Doc, quotes: list[dict]) -> tuple[list[dict], list[dict]]:
    """``quotes`` split into the ones the ``speech`` model takes for reported speech and the
    others (a study's findings, an agreement to act, the writer's own musings), which belong
    with the attributions; both keep their confidence. Unchanged without a speech model."""
    models = _models()
    model = (models or {}).get("speech")
    if model is None or not quotes:
        return quotes, []
    speech, other = [], []
    answers = interviews.answers_of(doc)  # a Q&A page's answers are speech by their form
    for item in quotes:
        keep = (is_speech_act(item) or (item["start"], item["end"]) in answers
                or probability(model, features(doc, item, "quote")) >= model["threshold"])
        (speech if keep else other).append(item)
    return renumbered(speech, "Q"), other


#: the cues the news guidelines name as speech ('said, told, wrote, tweeted, posted, announced,
#: added, according to, in a statement, asked'; 'denying, accusing, promising and announcing are
#: speech'): a quote they cue stays a quote whatever the speech model, fitted on a few hundred
#: quotes, makes of a verb it rarely saw
SPEECH_ACTS = frozenset({"say", "tell", "write", "tweet", "post", "announce", "add", "according to", "statement",
                         "ask", "deny", "accuse", "promise"})


def is_speech_act(item: dict) -> bool:
    """Whether the item's cue is one of the guidelines' acts of speech (not negated)."""
    cue = item.get("cue")
    return cue is not None and cue["lemma"] in SPEECH_ACTS


def renumbered(items: list[dict], prefix: str) -> list[dict]:
    """``items`` in text order with ids ``<prefix>1``, ``<prefix>2``, ..."""
    items = sorted(items, key=lambda item: (item["start"], item["end"]))
    for n, item in enumerate(items, 1):
        item["id"] = f"{prefix}{n}"
    return items
