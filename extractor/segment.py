"""Segmentation: paragraphs, the title, boilerplate regions, and sentence boundaries.

News text carries structure that spaCy's parser does not see: a blank line ends a paragraph
(so no sentence may cross it), a closing quote mark belongs to the sentence it closes, and the
sign-up prompts, share buttons, hashtags and bylines around an article are not the article.
Boilerplate is *marked*, never removed, so record offsets still index the exact input text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from . import extensions
from .furniture import is_furniture
from .resources import load_json
from .spans import strip_span

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_SENTENCE_END = re.compile(r"[.!?:;…\"”’')\]]\s*$")
#: A single line break ends a paragraph when the line before it is short (titles, bylines,
#: list items) or ends a sentence; long lines that stop mid-sentence are hard-wrapped prose.
_SHORT_LINE = 60
_TITLE_MAX_WORDS = 30
_CLOSING_QUOTES = {'"', "”", "’", "'", "''", "»", "›"}
#: A stretch of more tokens than this without sentence punctuation is cut into sentences of this
#: size. Real sentences stay far below it; a 50,000-word run-on (a dump, a scraped word list) would
#: otherwise be one sentence, and the per-sentence stages would take a minute over it.
MAX_SENTENCE_TOKENS = 1000
_SENTENCE_PUNCT = frozenset(".!?…;:")


@dataclass(frozen=True)
class Boilerplate:
    start: int
    end: int
    kind: str


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Character ranges of the non-blank paragraphs, whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for match in _BLANK_LINE.finditer(text):
        spans.extend(_split_block(text, pos, match.start()))
        pos = match.end()
    spans.extend(_split_block(text, pos, len(text)))
    return spans


def _split_block(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a blank-line block at line breaks that end a line a reader would see as finished.

    Long lines that stop mid-sentence are hard-wrapped prose and run on into the next line.
    """
    out: list[tuple[int, int]] = []
    para_start = line_start = start
    while (newline := text.find("\n", line_start, end)) >= 0:
        line = text[line_start:newline]
        if len(line.strip()) < _SHORT_LINE or _SENTENCE_END.search(line):
            _append_trimmed(text, para_start, newline, out)
            para_start = newline + 1
        line_start = newline + 1
    _append_trimmed(text, para_start, end, out)
    return out


def _append_trimmed(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    start, end = strip_span(text, start, end)
    if end > start:
        out.append((start, end))


@cache
def _boilerplate_patterns() -> tuple[int, tuple[tuple[str, re.Pattern[str]], ...]]:
    config = load_json("boilerplate.json")
    compiled = tuple(
        (kind, re.compile(pattern)) for kind, patterns in config["patterns"].items() for pattern in patterns
    )
    return int(config["max_chars"]), compiled


def boilerplate_kind(paragraph: str) -> str | None:
    """The kind of boilerplate a whole paragraph is (signup, share, hashtags, byline), or None."""
    max_chars, patterns = _boilerplate_patterns()
    if len(paragraph) > max_chars:
        return None
    for kind, pattern in patterns:
        if pattern.match(paragraph):
            return kind
    return None


def find_boilerplate(text: str, paras: list[tuple[int, int]]) -> list[Boilerplate]:
    """Paragraphs that are not the article: fixed phrasings by pattern, page furniture (teasers,
    related-story lists) by the model of extractor.furniture."""
    found = []
    for index, (start, end) in enumerate(paras):
        kind = boilerplate_kind(text[start:end])
        if kind is None and is_furniture(text[start:end], index, len(paras)):
            kind = "furniture"
        if kind:
            found.append(Boilerplate(start, end, kind))
    return found


def find_title(text: str, paras: list[tuple[int, int]], boilerplate: list[Boilerplate], given: str | None = None) -> tuple[int, int] | None:
    """The title line: the given title where the text repeats it, else the first headline-like paragraph.

    A headline is the first non-boilerplate paragraph, followed by more text, that is short and
    either lacks a final full stop or is mostly capitalised words ("Stealth Over Health: ...").
    """
    skipped = {(b.start, b.end) for b in boilerplate}
    body = [p for p in paras if p not in skipped]
    if given:
        for start, end in body[:3]:
            if text[start:end].strip().rstrip(".").lower() == given.strip().rstrip(".").lower():
                return (start, end)
        return None
    if len(body) < 2:
        return None
    start, end = body[0]
    candidate = text[start:end]
    if "\n" in candidate:
        return None
    words = candidate.split()
    if not words or len(words) > _TITLE_MAX_WORDS:
        return None
    # a closing mark after the stop still ends a sentence: 'Petrov said: "These claims are false."'
    if not candidate.rstrip().rstrip("".join(_CLOSING_QUOTES)).endswith((".", "!")) or _mostly_capitalised(words):
        return (start, end)
    return None


def _mostly_capitalised(words: list[str]) -> bool:
    content = [w for w in words if len(w) > 3]
    if len(content) < 2:
        return False
    capitalised = sum(1 for w in content if w[0].isupper() or w[0].isdigit())
    return capitalised / len(content) >= 0.75


@Language.factory("extractor_segmenter", default_config={"detect_title": True})
def make_segmenter(nlp: Language, name: str, detect_title: bool) -> "Segmenter":
    return Segmenter(detect_title=detect_title)


class Segmenter:
    """Runs before the parser: records paragraphs, title and boilerplate, and fixes sentence starts.

    The parser respects preset ``is_sent_start`` values, so paragraph starts become hard
    sentence starts and a closing quote mark after sentence-final punctuation is kept with its
    sentence.
    """

    def __init__(self, detect_title: bool = True) -> None:
        self.detect_title = detect_title

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        paras = paragraphs(text)
        boilerplate = find_boilerplate(text, paras)
        doc._.paragraphs = [[s, e] for s, e in paras]
        doc._.boilerplate = [[b.start, b.end, b.kind] for b in boilerplate]
        if self.detect_title and doc._.title is None:
            title = find_title(text, paras, boilerplate, given=doc._.given_title)
            doc._.title = list(title) if title else None
        set_sentence_starts(doc, paras)
        stretches = cut_long_runs(doc)
        if stretches:
            _warn_long_runs(doc, stretches)
        return doc


def set_sentence_starts(doc: Doc, paras: list[tuple[int, int]]) -> None:
    starts = {s for s, _ in paras}
    for token in doc:
        if token.i == 0:
            continue
        if token.idx in starts:
            token.is_sent_start = True
        elif token.is_space:
            # Whitespace tokens stay with the sentence before them.
            token.is_sent_start = False
        elif token.text in _CLOSING_QUOTES and _closes_sentence(doc, token.i):
            token.is_sent_start = False
            after = _next_word(doc, token.i)
            if after is not None and after.idx not in starts and _attribution_follows(doc, token.i, after.i):
                after.is_sent_start = False  # '"Who wants that?" she said.' is one sentence


def cut_long_runs(doc: Doc, limit: int = MAX_SENTENCE_TOKENS) -> int:
    """Force a sentence start every ``limit`` tokens of a stretch without sentence punctuation.

    Runs after the paragraph starts are set, so a stretch ends at a paragraph break or at a
    token such as ``.``, ``?`` or ``;``. Returns how many stretches were cut (0 for real prose).
    A token the segmenter has kept with its sentence (``is_sent_start`` False) is never a cut.
    """
    run = stretches = 0
    cutting = False
    for token in doc:
        if token.is_sent_start:  # a paragraph start, or the doc's first token
            run, cutting = 0, False
        elif run >= limit and not token.is_space and token.is_sent_start is None:
            token.is_sent_start = True
            stretches += not cutting
            run, cutting = 0, True
        run += 1
        if token.text in _SENTENCE_PUNCT:
            run, cutting = 0, False
    return stretches


def _warn_long_runs(doc: Doc, stretches: int) -> None:
    what = "1 stretch of" if stretches == 1 else f"{stretches} stretches of"
    verb = "was" if stretches == 1 else "were"
    warnings = list(doc._.stage_warnings or [])
    warnings.append({
        "code": "long_sentence",
        "message": f"{what} over {MAX_SENTENCE_TOKENS:,} tokens without sentence punctuation {verb} cut into sentences of "
        f"at most {MAX_SENTENCE_TOKENS:,} tokens; a quote or date across a cut may be missed.",
    })  # fmt: skip
    doc._.stage_warnings = warnings


def _next_word(doc: Doc, i: int):
    j = i + 1
    while j < len(doc) and doc[j].is_space and "\n" not in doc[j].text:
        j += 1
    return doc[j] if j < len(doc) and not doc[j].is_space else None


def _attribution_follows(doc: Doc, mark: int, i: int) -> bool:
    """The words after a closing quote attribute it: a lower-case word ('she said'), or, after a
    question or exclamation, a reporting verb within the next few words ('"...?" Bush said.').
    After a full stop a new sentence starts ('"..." Russia insisted that ...')."""
    if doc[i].is_lower and doc[i].is_alpha:
        return True
    if doc[mark - 1].text not in ("?", "!", ","):
        return False  # '...neighborhood." Russia insisted that ...' is a new sentence
    forms = _speech_forms()
    for j in range(i, min(i + 6, len(doc))):
        token = doc[j]
        if token.is_punct or token.is_space:
            return False
        if token.lower_ in forms:
            return j + 1 < len(doc) and doc[j + 1].lower_ != "that"
    return False


@cache
def _speech_forms() -> frozenset[str]:
    """Past and present forms of the reporting verbs in models/speech_verbs.json ('said', 'tweets')."""
    forms = {"said", "says", "told", "tells", "wrote", "writes", "spoke", "thought", "put"}
    for lemma in load_json("speech_verbs.json")["speech"]:
        if " " in lemma:
            continue
        stem = lemma[:-1] if lemma.endswith("e") else lemma
        forms.update({lemma + "s", stem + "ed"})
        if lemma.endswith("y"):
            forms.update({lemma[:-1] + "ies", lemma[:-1] + "ied"})
    return frozenset(forms)


def _closes_sentence(doc: Doc, i: int) -> bool:
    """A quote mark right after ``.``/``!``/``?`` that is followed by space or the end closes that sentence."""
    prev = doc[i - 1]
    if prev.whitespace_ or prev.text[-1:] not in {".", "!", "?", ",", "…"}:
        return False
    return i + 1 >= len(doc) or bool(doc[i].whitespace_) or doc[i + 1].is_space or doc[i + 1].is_punct


extensions.register()
