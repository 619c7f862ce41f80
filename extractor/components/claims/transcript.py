"""Transcripts: texts made of "SPEAKER: sentence" lines (debates, interviews, hearings).

In a transcript the claimant of a sentence is the line's speaker, not the article, and who is
speaking says a lot about check-worthiness: moderators and interviewers mostly ask, audiences
only react ("(APPLAUSE)"). A text is a transcript when most of its non-blank lines start with a
speaker label; each line's content range (after the label) is what the claims stage scores.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

#: "BOB SCHIEFFER: ...", "Donald Trump: ...", "SEN. BERNIE SANDERS (D-VT): ...", "Q: ...".
_LABEL = re.compile(r"[ \t]*(?P<speaker>[A-Z][A-Za-z.'’\-]*(?:[ \t]+[A-Za-z.'’\-(),]+){0,6}?)[ \t]*:[ \t]+(?=\S)")
#: Labels that are not people: stage directions and the audience.
_NOT_PEOPLE = {"system", "audience", "crowd", "unidentified male", "unidentified female", "unknown", "protester"}
#: A line whose whole content is in brackets is a stage direction: "(APPLAUSE)", "[LAUGHTER]".
_STAGE_DIRECTION = re.compile(r"^\s*[\(\[][^\)\]]*[\)\]]\s*$")
#: At least this many labelled lines, and this share of the non-blank lines, make a transcript.
MIN_LINES = 3
MIN_SHARE = 0.6


@dataclass(frozen=True)
class Line:
    """One labelled line: its speaker and the character range of what was said."""

    speaker: str
    start: int
    end: int
    reaction: bool


@dataclass(frozen=True)
class Speaker:
    """What the transcript says about a speaker's role, as model features."""

    name: str
    lines: int
    question_share: float
    line_share: float

    def features(self) -> list[str]:
        q = self.question_share
        qb = "0" if q < 0.05 else "lo" if q < 0.15 else "mid" if q < 0.3 else "hi"
        s = self.line_share
        sb = "tiny" if s < 0.03 else "small" if s < 0.15 else "mid" if s < 0.35 else "main"
        return [f"spk_q={qb}", f"spk_share={sb}", f"spk_q={qb}_share={sb}"]


@dataclass
class Transcript:
    lines: list[Line]
    speakers: dict[str, Speaker]

    def line_at(self, pos: int) -> int | None:
        """Index of the line whose content holds character ``pos`` (binary search)."""
        lo, hi = 0, len(self.lines)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.lines[mid].end <= pos:
                lo = mid + 1
            else:
                hi = mid
        if lo < len(self.lines) and self.lines[lo].start <= pos:
            return lo
        return None


def parse_transcript(text: str) -> Transcript | None:
    """The transcript's lines and speakers, or None when the text is not a transcript."""
    lines: list[Line] = []
    nonblank = labelled = 0
    pos = 0
    for raw in text.split("\n"):
        line_start, pos = pos, pos + len(raw) + 1
        if not raw.strip():
            continue
        nonblank += 1
        match = _LABEL.match(raw)
        if match is None:  # an unlabelled line continues the turn, unless it is a stage direction
            if lines:
                content = raw.rstrip()
                reaction = lines[-1].reaction or bool(_STAGE_DIRECTION.match(content))
                lines.append(Line(lines[-1].speaker, line_start, line_start + len(content), reaction))
            continue
        labelled += 1
        speaker = match.group("speaker").strip()
        content = raw[match.end():].rstrip()
        reaction = speaker.lower() in _NOT_PEOPLE or bool(_STAGE_DIRECTION.match(content))
        lines.append(Line(speaker, line_start + match.end(), line_start + match.end() + len(content), reaction))
    if labelled < MIN_LINES or labelled < MIN_SHARE * nonblank:
        return None
    return Transcript(lines, _speakers(text, lines))


def _speakers(text: str, lines: list[Line]) -> dict[str, Speaker]:
    said = [ln for ln in lines if not ln.reaction]
    count = Counter(ln.speaker for ln in said)
    questions = Counter(ln.speaker for ln in said if "?" in text[ln.start : ln.end])
    total = max(1, len(said))
    return {name: Speaker(name, n, questions[name] / n, n / total) for name, n in count.items()}
