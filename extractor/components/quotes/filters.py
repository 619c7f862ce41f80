"""Quotation marks that quote no one, and candidates that repeat another.

A nickname inside a name ('Marcia "Cia" Price'), the title of a show or a work ('on CBS's "Face
the Nation"') and a short quotation with no cue (a scare quote) are not quotes; reported speech
cued inside another quote's content, and exact duplicates, are dropped.
"""

from __future__ import annotations

import bisect
import re

from .candidate import Candidate
from .context import Context, opens_sentence, title_cased
from .marks import QuoteRegion

#: 'Marcia "Cia" Price': a capitalised word, a quoted nickname of up to three words, a capitalised word
_NAME_BEFORE = re.compile(r"\b[A-Z][\w.'’-]*[ \xa0]$")
_NAME_AFTER = re.compile(r"^[ \xa0][A-Z][\w'’-]+")
_NICKNAME = re.compile(r"^[A-Z][\w.'’-]*(?:[ \xa0][A-Z][\w.'’-]*){0,2}$")


def is_nickname(text: str, region: QuoteRegion) -> bool:
    """'Del. Marcia "Cia" Price': part of a name, not a quotation; left in, it would also hide the
    cue after it from the real quote before it."""
    if len(region.spans) != 1 or region.recovered:
        return False
    return bool(
        _NICKNAME.match(text[region.start : region.end])
        and _NAME_BEFORE.search(text[max(0, region.open_mark - 40) : region.open_mark])
        and _NAME_AFTER.match(text[region.close_mark : region.close_mark + 40])
    )


#: "on CBS's", "ABC News’s", "an appearance on", "the book", "a Web ad,", "titled": what comes
#: before the name of a show or a work; and "told" before the show told ('told "Fox and Friends."')
_TITLE_BEFORE = re.compile(
    r"(?:['’]s|\bon|\b(?:book|film|movie|documentary|show|program|programme|series|ad|advert|commercial|video"
    r"|song|album|play|musical|novel|memoir|column|op-ed|essay|podcast|episode|titled|entitled|told|tells|telling),?)[ \xa0]$",
    re.IGNORECASE,
)


#: 'an episode of', 'this weekend's broadcast of': a work's part or airing, then its name
_PART_OF = re.compile(
    r"\b(?:episode|broadcast|edition|segment|installment|instalment|chapter|season|premiere|clip|trailer|screening)"
    r" of[ \xa0]$",
    re.IGNORECASE,
)
#: '"Keepin' It Real" radio program': the kind of work named right after the title
_WORK_AFTER = re.compile(
    r"^,?[ \xa0]+(?:(?:radio|TV|television|talk|cable|news|late-night|morning|web|online|hit|new|upcoming)[ \xa0]+)?"
    r"(?:show|program|programme|documentary|film|movie|series|podcast|album|book|memoir|novel|song|sitcom|musical)s?\b",
    re.IGNORECASE,
)


def _short_title(text: str, region: QuoteRegion) -> bool:
    """One closed quotation of at most six words, most of them capitalised: shaped like a name."""
    if len(region.spans) != 1 or region.recovered:
        return False
    content = text[region.start : region.end]
    return len(content.split()) <= 6 and title_cased(content)


def is_show_title(text: str, region: QuoteRegion) -> bool:
    """'on CBS's "Face the Nation,"', 'an episode of "The Steve Harvey Morning Show,"', 'his
    "Keepin' It Real" radio program': a short title-cased name where a work's name goes is a
    programme or a work, not words anyone said."""
    if not _short_title(text, region):
        return False
    before = text[max(0, region.open_mark - 30) : region.open_mark]
    return bool(_TITLE_BEFORE.search(before[-14:]) or _PART_OF.search(before)
                or _WORK_AFTER.match(text[region.close_mark : region.close_mark + 40]))


def is_subhead(ctx: Context, region: QuoteRegion) -> bool:
    """A paragraph that is only a short quoted title ("'Legend in the Coal Fields.'" between two
    sections) is a subheading, however it was taken from someone's words."""
    if not _short_title(ctx.text, region):
        return False
    para_start, para_end = ctx.paragraphs[ctx.paragraph_of(region.open_mark)]
    return not ctx.text[para_start : region.open_mark].strip() and not ctx.text[region.close_mark : para_end].strip(" \xa0\t\n.")


def is_standalone(ctx: Context, region: QuoteRegion, min_tokens: int) -> bool:
    """A quotation with no cue is a quote only when it is a sentence of its own, not a scare quote."""
    start, end = region.start, region.end
    first = ctx.token_at(start)
    words = sum(1 for t in ctx.doc[first.i : ctx.token_at(max(start, end - 1)).i + 1] if not t.is_punct)
    if words < min_tokens:
        return False
    return opens_sentence(ctx, region)


def drop_nested(cands: list[Candidate]) -> list[Candidate]:
    """Drop reported speech cued inside another quote's content.

    'Nine in ten voters say they think she could win' reports what the voters say; the belief
    inside it is part of that content, not a second quote. When two reports each hold the other's
    cue ('He said he was tickled that, when he speaks, he is often asked about her views', where
    the parser also read 'he is often asked' as a cue set off by commas), the earlier cue governs.
    """
    spans = sorted((s, e, id(c)) for c in cands for s, e in c.spans)
    starts = [s for s, _, _ in spans]
    by_id = {id(c): c for c in cands}

    def holders(cand: Candidate) -> list[Candidate]:
        pos = cand.cue[0]
        i = bisect.bisect_right(starts, pos)
        return [by_id[owner] for s, e, owner in spans[max(0, i - 20) : i] if s <= pos < e and owner != id(cand)]

    def nested(cand: Candidate) -> bool:
        return any(
            not (not h.quotation and h.cue is not None and h.cue[0] > cand.cue[0] and cand in holders(h))
            for h in holders(cand)
        )

    return [c for c in cands if c.quotation or c.cue is None or not nested(c)]


def dedupe(cands: list[Candidate]) -> list[Candidate]:
    """Drop exact duplicates (two rules finding the same content)."""
    seen: set[tuple[int, int]] = set()
    out = []
    for c in cands:
        key = (c.start, c.end)
        if key in seen or c.end <= c.start:
            continue
        seen.add(key)
        out.append(c)
    return out


def drop_absorbed(cands: list[Candidate]) -> list[Candidate]:
    """Drop an indirect quote whose content lies inside a mixed quote: 'praising Mayor Reyes as a
    "steady hand"' reports "Mayor Reyes as a 'steady hand'" once, not "Mayor Reyes" a second time."""
    mixed = [c for c in cands if c.type == "mixed"]

    def absorbed(cand: Candidate) -> bool:
        return any(m is not cand and all(any(ms <= s and e <= me for ms, me in m.spans) for s, e in cand.spans)
                   for m in mixed)

    return [c for c in cands if c.type != "indirect" or not absorbed(c)]
