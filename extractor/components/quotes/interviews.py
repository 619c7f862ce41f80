"""Question-and-answer interviews: each answer is a quote of the person interviewed.

A Q&A page ("Q: What's it like to ...?" / "A: I am very honored ...") gives speech without quote
marks or cues: the "A:" paragraphs, and the paragraphs that continue an answer up to the next
question, are the interviewee's words (the news guidelines: one quote per paragraph, resolved by
context). The interviewee is the person the article names most often outside the questions; when
the article names no person, the answers stay unattributed rather than guessed.
"""

from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Doc

from ...spans import doc_text, strip_span
from . import speakers
from .candidate import Candidate
from .context import Context
from .entity_index import EntityIndex

#: 'Q:', 'Q.', 'Question:' and 'A:', 'A.', 'Answer:' opening a paragraph.
_QUESTION = re.compile(r"[ \t]*(?:Q|Question)[ \t]*[:.][ \t]+(?=\S)")
_ANSWER = re.compile(r"[ \t]*(?:A|Answer)[ \t]*[:.][ \t]+(?=\S)")
_ANY_QUESTION = re.compile(r"(?m)^[ \t]*(?:Q|Question)[ \t]*[:.][ \t]+\S")
#: How many of each a page needs before its paragraphs are read as an interview.
MIN_TURNS = 2
#: Shortest answer worth a quote (characters), so a lone "Yes." stays out.
MIN_ANSWER_CHARS = 12


def interview_answers(ctx: Context, index: EntityIndex, bounds: list[tuple[int, int]]) -> list[Candidate]:
    """The answers of a Q&A page as quotes of the interviewee; nothing on other pages."""
    if not _ANY_QUESTION.search(ctx.text):
        return []  # most pages: no paragraph opens with a question
    turns = _turns(ctx)
    answers = [(s, e) for s, e in answer_spans(ctx, turns) if not _mostly_quoted(bounds, s, e)]
    if not answers:
        return []
    speaker = _interviewee(index, [(s, e) for k, s, e, _ in turns if k == "Q"])
    found = []
    for start, end in answers:
        cand = Candidate(type="direct", spans=[(start, end)], quotation=True)
        if speaker is not None:
            cand.speaker = speakers.Resolved(speaker, None, "context")
        found.append(cand)
    return found


def answer_spans(ctx: Context, turns: list[tuple[str, int, int, int]] | None = None) -> list[tuple[int, int]]:
    """The content of every answer paragraph of a Q&A page (after "A:"), and of the paragraphs
    that continue an answer up to the next question; none on other pages."""
    turns = _turns(ctx) if turns is None else turns
    if sum(t[0] == "Q" for t in turns) < MIN_TURNS or sum(t[0] == "A" for t in turns) < MIN_TURNS:
        return []
    answers: list[tuple[int, int]] = []
    answering = False
    for kind, _, end, content_start in turns:
        if kind:
            answering = kind == "A"
        if answering:
            content = strip_span(ctx.text, content_start, end)
            if content[1] - content[0] >= MIN_ANSWER_CHARS:
                answers.append(content)
    return answers


def answers_of(doc: Doc) -> set[tuple[int, int]]:
    """``answer_spans`` of a parsed doc; a page with no "Q" paragraph start is not read further."""
    if not _ANY_QUESTION.search(doc_text(doc)):
        return set()
    return set(answer_spans(Context(doc)))


def _turns(ctx: Context) -> list[tuple[str, int, int, int]]:
    """Each body paragraph as (Q, A or '', start, end, where its words start)."""
    turns = []
    for start, end in ctx.paragraphs:
        if ctx.skipped(start, end):
            continue
        if (q := _QUESTION.match(ctx.text, start, end)) is not None:
            turns.append(("Q", start, end, q.end()))
        elif (a := _ANSWER.match(ctx.text, start, end)) is not None:
            turns.append(("A", start, end, a.end()))
        else:
            turns.append(("", start, end, start))
    return turns


def _mostly_quoted(bounds: list[tuple[int, int]], start: int, end: int) -> bool:
    """An answer that is itself one quotation is read with the other quotations."""
    inside = sum(max(0, min(end, e) - max(start, s)) for s, e in bounds)
    return 2 * inside > end - start


def _interviewee(index: EntityIndex, questions: list[tuple[int, int]]):
    """The person named most often outside the questions (the first named among equals)."""
    counts: Counter = Counter()
    first: dict[str, int] = {}
    refs = {}
    for start, _, ref in index.mentions:
        if ref.type != "PERSON" or any(s <= start < e for s, e in questions):
            continue
        counts[ref.name] += 1
        first.setdefault(ref.name, start)
        refs[ref.name] = ref
    if not counts:
        return None
    name = max(counts, key=lambda n: (counts[n], -first[n]))
    return refs[name]
