"""Speaker labels: a paragraph (or the title) that opens with a name and a colon.

Transcripts, debate write-ups and headlines give speech this way ('Bush: "The mission is to
destroy ISIS."', 'PENCE: ...'). A label cues the quotation after it, a quoted transcript is split
into one quotation per turn, and a labelled line without quotation marks is a quote of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Token

from ...spans import strip_span
from ..entities.base import spacy_ner
from .candidate import Candidate, DirectCue, apply_cue
from .context import Context, entity_covering, overlapping
from .marks import QuoteRegion

#: 'Trump: ...', 'Rep. Trey Gowdy (R-S.C.): ...', 'CNN President On Trump: ...' at a paragraph start.
_LABEL = re.compile(r"[ \t]*" "[\"\u201c]?" r"([A-Z][\w.'’()&-]*(?:[ \t]+[\w.'’()&-]+){0,7}?)[ \t]*:[ \t]*(?=\S)")
#: A heading set off by a dash before a label, and how far into a paragraph it may run.
_HEADING_DASH = re.compile(r"[ \t][-\u2013\u2014][ \t]+(?=[A-Z])")
_MAX_HEADING_CHARS = 200
#: 'More from Jones:' names Jones.
_FROM_SOURCE = re.compile(r"(?:More[ \t]+)?[Ff]rom[ \t]+")
#: Labels that head a paragraph without naming a speaker.
_NOT_SPEAKER_LABELS = frozenset(
    "note editor update updated correction source sources photo photos video watch read related see also "
    "caption credit image getty ap reuters via by q a transcript disclosure clarification warning "
    "subscribe follow listen share tags topics more and or but so the this that here what why how when".split()
)


@dataclass
class Label:
    """A speaker label: the name before the colon and the content after it."""

    name: tuple[int, int]  # the speaker's words
    content: tuple[int, int]  # after the colon, to the end of the paragraph


def speaker_labels(ctx: Context) -> dict[int, Label]:
    """Paragraphs (and the title) that open with a speaker's name and a colon, by content start.

    Transcripts, debate write-ups and headlines give speech this way: 'Bush: "The mission is to
    destroy ISIS."'. The name must be a person or organisation entity, or a transcript's capitals
    ('PENCE:'), and hold no verb, so 'He added: ...' and 'The reason is simple: ...' are not labels.
    """
    labels: dict[int, Label] = {}
    for start, end in ctx.paragraphs:
        if ctx.skipped(start, end) and not covers_title(ctx, start, end):
            continue
        found = _label_at(ctx, start, end, title=covers_title(ctx, start, end))
        if found is None:
            # a digest item: 'IOWA POLLS NOT WRONG, JUST TOO EARLY - Mark Blumenthal: "..."'
            dash = _HEADING_DASH.search(ctx.text, start, min(end, start + _MAX_HEADING_CHARS))
            found = _label_at(ctx, dash.end(), end) if dash else None
        if found is None:
            continue
        (name_start, name_end), match = found
        content = strip_span(ctx.text, match.end(), end)
        if content[1] - content[0] < 12:
            continue
        labels[content[0]] = Label((name_start, name_end), content)
    return labels


#: '(CROSSTALK.)', '(LAUGHTER)': a transcript's stage direction, nobody's words.
_STAGE_DIRECTION = re.compile(r"\([^()]*\)\.?")


def split_transcripts(ctx: Context, regions: list[QuoteRegion], labels: dict[int, Label]) -> list[QuoteRegion]:
    """A transcript quoted as one long quotation ('"WALLACE: ...' / '"PENCE: ...', each paragraph
    opening with a mark) is one quote per speaker turn: a paragraph that opens with a label starts a
    new quotation, one without continues the turn before it, and '(CROSSTALK.)' is nobody's."""
    by_name = {label.name[0]: label for label in labels.values()}
    out: list[QuoteRegion] = []
    for region in regions:
        if len(region.spans) < 2 or not any(s in by_name for s, _ in region.spans):
            out.append(region)
            continue
        turn: QuoteRegion | None = None
        for s, e in region.spans:
            label = by_name.get(s)
            if _STAGE_DIRECTION.fullmatch(ctx.text, s, e):
                continue  # '(CROSSTALK.)' interrupts no turn
            if label is None and ctx.skipped(s, e):
                turn = None  # 'Follow X on Twitter' ends the transcript
                continue
            if label is not None or turn is None:
                start = label.content[0] if label is not None else s
                turn = QuoteRegion(spans=[(start, e)], kind=region.kind, recovered=region.recovered,
                                   open_mark=start if label is not None else region.open_mark, close_mark=e)
                out.append(turn)
            else:
                turn.spans.append((s, e))
                turn.close_mark = e
    return out


def covers_title(ctx: Context, start: int, end: int) -> bool:
    """``start``-``end`` holds the whole title."""
    return ctx.title is not None and start <= ctx.title[0] and ctx.title[1] <= end


def is_name(ctx: Context, start: int, end: int, headline: bool = False) -> bool:
    """The words name a speaker: an entity, a name the article uses elsewhere, a transcript's
    capitals, or in a headline a title-cased source."""
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    if span is None or not 1 <= len(span) <= 8:
        return False
    words = [t for t in span if t.is_alpha]
    if not words or words[0].lower_ in _NOT_SPEAKER_LABELS or len(words[0].text) < 2:
        return False
    if any(t.pos_ in ("VERB", "AUX") and not t.is_title for t in span):
        return False
    if any(t.ent_type_ in ("PERSON", "ORG") for t in span) or _known_name(ctx, words):
        return True
    if headline:
        # headlines capitalise every word; a source there is a name or a role ('Former White
        # House Doctor'), never a pronoun or a plain noun phrase ('Poll', 'New Data')
        return len(words) >= 2 and all(t.is_title or t.is_upper for t in words) and not any(
            t.pos_ == "PRON" for t in span)
    # a transcript's speaker in capitals ('PENCE:', 'MR. TRUMP:'); other capitalised words are
    # headings, and a place is the dateline that opens a story ('NEW DELHI: Their American dream ...')
    if _is_place(ctx, span):
        return False
    return len(words) <= 3 and all(t.is_upper for t in words)


#: Entity-stage types that are places.
_PLACE_TYPES = frozenset({"LOCATION", "COUNTRY"})
#: spaCy NER labels that are places.
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def _is_place(ctx: Context, span) -> bool:
    """The words are a place: spaCy's GPE/LOC (as the tagger read them, before the entity stage
    dropped a dateline), or a LOCATION/COUNTRY of the entity stage."""
    if all(t.ent_type_ in _PLACE_LABELS for t in span if t.is_alpha):
        return True
    if any(e.start <= span.start and span.end <= e.end for e in spacy_ner(ctx.doc, _PLACE_LABELS)):
        return True
    return entity_covering(ctx.doc._.entities or [], span.start_char, span.end_char, _PLACE_TYPES) is not None


def _label_at(ctx: Context, pos: int, end: int, title: bool = False) -> tuple[tuple[int, int], re.Match] | None:
    """A speaker label starting at ``pos``: its name's span and the match, or None. A headline's
    label may also be a source that is not a name ('Poll: Trump leads in Ohio')."""
    match = _LABEL.match(ctx.text, pos, end)
    if match is None:
        return None
    name_start, name_end = match.start(1), match.end(1)
    source = _FROM_SOURCE.match(ctx.text, name_start, name_end)
    if source:
        name_start = source.end()  # 'More from Jones:', 'From the report:'
    cut = re.search(r"\s(?:on|about|to|in|at)\s", ctx.text[name_start:name_end], flags=re.IGNORECASE)
    if cut:
        name_end = name_start + cut.start()
    if is_name(ctx, name_start, name_end) or (title and _is_source_noun(ctx, name_start, name_end)):
        return (name_start, name_end), match
    return None


#: What a headline names as a source when it names no one: 'Poll: ...', 'Report: ...'.
_HEADLINE_SOURCE_NOUNS = frozenset(
    "poll polls survey report study studies experts officials sources aides advisers historians analysts "
    "economists scientists critics voters democrats republicans newspaper".split()
)


def _is_source_noun(ctx: Context, start: int, end: int) -> bool:
    words = ctx.text[start:end].split()
    return 1 <= len(words) <= 2 and words[-1].lower() in _HEADLINE_SOURCE_NOUNS


def _known_name(ctx: Context, words: list[Token]) -> bool:
    """Capitalised words ending in the last word of a person or organisation the article names
    elsewhere: 'Trump:' in a headline the tagger left unlabelled, when the body has 'Donald Trump'."""
    if not all(t.is_title or t.is_upper for t in words):
        return False
    last = words[-1].text
    return any(ent.label_ in ("PERSON", "ORG") and ent[-1].text == last for ent in ctx.doc.ents)


def label_cue(ctx: Context, labels: dict[int, Label], region: QuoteRegion) -> DirectCue | None:
    """The label that opens the paragraph a quotation opens, as its cue."""
    label = labels.get(region.open_mark)
    return as_cue(ctx, label) if label is not None else None


def as_cue(ctx: Context, label: Label) -> DirectCue:
    """A label as a cue: its name speaks."""
    return DirectCue(None, ctx.token_at(label.name[1] - 1), "label", name_span=label.name)


def labelled_lines(ctx: Context, labels: dict[int, Label], bounds, index) -> list[Candidate]:
    """Labels whose words are not in quotation marks: 'Clinton: Our goal is to defeat ISIS.'"""
    found = []
    for label in labels.values():
        start, end = label.content
        if covers_title(ctx, label.name[0], end):
            continue  # the headline's own rule
        if overlapping(bounds, start, end):
            continue  # quoted words are handled with the other quotations
        span = ctx.doc.char_span(start, end, alignment_mode="expand")
        if span is None or sum(1 for t in span if t.is_alpha) < 4 or not any(t.pos_ in ("VERB", "AUX") for t in span):
            continue
        cand = Candidate(type="direct", spans=[(start, end)], quotation=True)
        apply_cue(ctx, cand, as_cue(ctx, label), index)
        found.append(cand)
    return found
