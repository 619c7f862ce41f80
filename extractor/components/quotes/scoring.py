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

The features describe the item, not its words: its type and list, the cue's lemma, how the speaker
was found, the content's length and shape (a finite verb, capitals, final punctuation), where it
sits (title, first paragraph, a whole paragraph), and the rules' own prior confidence.
"""

from __future__ import annotations

import math
import re
from functools import cache

from spacy.tokens import Doc

from ...resources import load_json

MODEL_FILE = "quote_scorer.json"
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you", "who", "which", "that"})
_STOP = re.compile(r"[.!?…][\"'”’)]*\s*$")


def _bucket(value: float, edges: tuple[float, ...]) -> int:
    return sum(value > edge for edge in edges)


def features(doc: Doc, item: dict, kind: str) -> list[str]:
    """Binary feature names for one quote (``kind`` "quote") or attribution ("attribution")."""
    text = doc.text
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
    if any(t.tag_ in _FINITE for t in words):
        names.append("finite")
    elif not any(t.pos_ in ("VERB", "AUX") for t in words):
        names.append("verbless")
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
            break
    return names


@cache
def _models() -> dict | None:
    try:
        return load_json(MODEL_FILE)
    except FileNotFoundError:
        return None


def _probability(model: dict, names: list[str]) -> float:
    weights = model["weights"]
    score = model["bias"] + sum(weights.get(n, 0.0) for n in names)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))


def judge(doc: Doc, items: list[dict], kind: str, min_confidence: float = 0.0) -> list[dict]:
    """``items`` with ``confidence`` set to the calibrated probability of being right, without the
    ones the ``real`` model rejects or under ``min_confidence``, renumbered (Q1, Q2, ... or A1, ...)."""
    models = _models()
    if models is None or not items:
        return items
    kept = []
    for item in items:
        names = features(doc, item, kind)
        if _probability(models["real"], names) < models["real"]["threshold"]:
            continue
        raw = _probability(models["right"], names)
        a, b = models["right"]["platt"]
        logit = math.log(max(raw, 1e-9) / max(1 - raw, 1e-9))
        item["confidence"] = round(1.0 / (1.0 + math.exp(-(a * logit + b))), 2)
        if item["confidence"] >= min_confidence:
            kept.append(item)
    prefix = "Q" if kind == "quote" else "A"
    for n, item in enumerate(kept, 1):
        item["id"] = f"{prefix}{n}"
    return kept
