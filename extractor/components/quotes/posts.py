"""Embedded social posts: the post's words are a direct quote of the account that signs it.

A page that embeds a tweet shows its words and then a signature line, '— Kristi Noem
(@govkristinoem) November 18, 2019': the display name, the handle in brackets, the date. No verb
reports the words, so no cue finds them; the signature is the evidence of who wrote them. The
post is the paragraph before a signature that stands alone (as the HTML reader writes an embedded
post: its words as one paragraph, then the signature), or the words before the dash when the
signature ends the paragraph. Trailing links ('https://t.co/…', 'pic.twitter.com/…') are no part
of the words. The quote has no cue and the signature's name as its speaker (``explicit``).
"""

from __future__ import annotations

import re

from ...spans import strip_span
from . import speakers
from .candidate import Candidate
from .context import Context

#: '— Name (@handle) Month D, YYYY': a dash, a display name, the handle, the date (a time may follow)
SIGNATURE = re.compile(
    r"(?P<dash>[—–]|-{1,2})[ \xa0]*(?P<name>[^\s()@—–][^()@\n]{0,80}?)[ \xa0]*\(@(?P<handle>\w{1,30})\)[ \xa0]*"
    r"(?P<date>(?:[A-Z][a-z]{2,8}\.?[ \xa0]\d{1,2},[ \xa0]\d{4}|\d{1,2}[ \xa0][A-Z][a-z]{2,8}[ \xa0]\d{4})"
    r"(?:[ \xa0]*(?:at[ \xa0])?\d{1,2}:\d{2}[ \xa0]*[APap]\.?[Mm]\.?)?)[ \xa0]*$"
)
#: a link at the end of a post, with what may sit between two links
_TRAILING_LINK = re.compile(r"(?:[ \xa0]*(?:https?://|pic\.twitter\.com/|www\.)\S+)+[ \xa0]*$")
#: a display name's ends: emoji and symbols around the name are not part of it
_NAME_END = re.compile(r"^[\W_]+|[\W_]+$")


def embedded_posts(ctx: Context, index: speakers.EntityIndex) -> list[Candidate]:
    """One direct quote, cue null, per signed post of ``ctx``, its speaker the signature's name."""
    found = []
    text = ctx.text
    for number, (start, end) in enumerate(ctx.paragraphs):
        match = SIGNATURE.search(text, start, end)
        if match is None:
            continue
        if text[start : match.start()].strip():  # 'words — Name (@handle) date' in one paragraph
            body = (start, match.start())
        else:  # the signature alone: the post is the paragraph before it, its links left out
            body = _previous_words(ctx, number)
        if body is None:
            continue
        words = _without_links(text, *body)
        if words is None or ctx.skipped(*words) or ctx.skipped(match.start("name"), match.end("name")):
            continue
        name = _display_name(text, match.start("name"), match.end("name"))
        if name is None:
            continue
        cand = Candidate(type="direct", spans=[words], quotation=True)
        cand.speaker = _author(ctx, name, index)
        found.append(cand)
    return found


def signed_after(text: str, end: int) -> bool:
    """Whether a post's signature follows ``end`` (after links and white space, on the same line
    or the next paragraph): the words before it are an embedded post."""
    rest = _LEADING_LINKS.sub("", text[end : end + 400]).lstrip(" \xa0\n")
    return bool(SIGNATURE.match(rest.split("\n", 1)[0]))


#: links where a post's words end
_LEADING_LINKS = re.compile(r"^(?:[ \xa0]*(?:https?://|pic\.twitter\.com/|www\.)\S+)+")


def _author(ctx: Context, name: tuple[int, int], index: speakers.EntityIndex) -> speakers.Resolved:
    """The signature's name as the speaker: the entity named there when its mention is the whole
    name but for one word before it ('Governor Kristi Noem', 'The Nigerian Senate'), else the
    display name as written ('PFF CLE Browns' is an account about the Browns, not the Browns)."""
    entity = index.at(*name)
    if entity is not None:
        mention = next(((s, e) for s, e, ref in index.mentions if ref is entity and name[0] <= s and e <= name[1]), None)
        if mention is None or mention[1] != name[1] or len(ctx.text[name[0] : mention[0]].split()) > 1:
            entity = None
    words = ctx.text[name[0] : name[1]]
    if entity is None and index.at(*name) is None:
        # the entity stage did not keep the signature's own mention (a name on a line of its
        # own has little context): the entity the article names that way elsewhere still signs it
        parts = words.split()
        entity = index.by_name(" ".join(parts)) or (index.by_name(" ".join(parts[1:])) if len(parts) > 2 else None)
    return speakers.Resolved(entity, name, "explicit", name=words)


def _previous_words(ctx: Context, number: int) -> tuple[int, int] | None:
    """The paragraph before paragraph ``number`` that holds more than links; None when it is
    another post's signature (two signatures in a row sign nothing between them)."""
    for start, end in reversed(ctx.paragraphs[max(0, number - 3) : number]):
        if SIGNATURE.search(ctx.text, start, end):
            return None
        if _without_links(ctx.text, start, end) is not None:
            return start, end
    return None


def _without_links(text: str, start: int, end: int) -> tuple[int, int] | None:
    """[start, end) without the links that end it and the white space and dash around it; None
    when no words are left."""
    start, end = strip_span(text, start, end)
    link = _TRAILING_LINK.search(text, start, end)
    if link is not None:
        end = link.start()
    while end > start and text[end - 1] in " \xa0\n—–-":
        end -= 1
    if not any(ch.isalnum() for ch in text[start:end]):
        return None
    return strip_span(text, start, end)


def _display_name(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The signature's name without the emoji or symbols around it."""
    name = text[start:end]
    head = _NAME_END.match(name)
    lead = head.end() if head else 0
    tail = _NAME_END.search(name[lead:])
    stop = lead + (tail.start() if tail else len(name) - lead)
    if stop <= lead or not any(ch.isalpha() for ch in name[lead:stop]):
        return None
    return start + lead, start + stop


def without_inside(cands: list[Candidate], posts: list[Candidate]) -> list[Candidate]:
    """``cands`` with ``posts`` added and without the candidates inside a post: the post is one
    quote of its author, and speech it reports is part of it (as for nested reports)."""
    if not posts:
        return cands
    kept = [c for c in cands if not any(p.start <= c.start and c.end <= p.end for p in posts)]
    return kept + posts
