"""HTML for a record: its text with overlapping span layers, and its quotes, claims and attributions beside it.

One renderer serves both the review page (interactive) and the static report (read-only). The
text is split at every span boundary, as displaCy's ``style="span"`` does; each piece is wrapped in
one inline box per layer covering it: claims (underlines, one track per overlapping claim), quotes
(background), attributions (a quieter dotted underline: beliefs and stances, not speech), the
speaker mention and the cue (their own colours). Every piece of article text,
name, title and id goes through ``html.escape``; nothing from a record reaches the page unescaped.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from urllib.parse import quote as urlquote

from ..records import FactRecord
from .items import QUOTE_KINDS, TYPES, Filters, Item, correction_summary
from .models import RATING_LABELS

KIND_ORDER = {"claim": 0, "quote": 1, "attribution": 2, "speaker": 3, "cue": 4}  # outermost first
MAX_TRACK = 3
DOT = " \u00b7 "


def e(value: object) -> str:
    """Escape for text and for double- or single-quoted attribute values."""
    return html.escape(str(value), quote=True)


def static_text(name: str) -> str:
    """A file of extractor/review/static/ (package data)."""
    return resources.files(__package__).joinpath("static", name).read_text(encoding="utf-8")


def article_href(record_id: str, filters: Filters | None = None) -> str:
    query = filters.to_query() if filters is not None else ""
    return f"/article/{urlquote(record_id, safe='')}" + (f"?{query}" if query else "")


# --- the text with its layers ------------------------------------------------------------------


@dataclass(frozen=True)
class Layer:
    start: int
    end: int
    kind: str  # quote, attribution, speaker, cue, claim
    item: str  # Q1, C2, A3: the item the layer belongs to
    title: str  # tooltip
    status: str  # the item's review status
    label: str | None = None  # shown at the layer's start (quotes, attributions and claims)
    track: int = 0


def item_layers(items: Iterable[Item]) -> list[Layer]:
    """The highlighted stretches of a record's items: quote and attribution pieces, speaker mentions, cues, claims."""
    layers: list[Layer] = []
    for item in items:
        if item.kind in QUOTE_KINDS:
            layers += _quote_layers(item)
        elif item.kind == "claim":
            title = f"{item.id} claim, check-worthiness {item.confidence:.2f}" + (f" \u2013 {item.speaker}" if item.speaker else "")
            layers.append(Layer(item.start, item.end, "claim", item.id, title, item.status, item.id))
    return _assign_tracks(layers)


def _quote_layers(item: Item) -> list[Layer]:
    """A quote's or an attribution's pieces (layer kind = item kind), its speaker mention and its cue."""
    if item.quote is None:
        return []
    who = item.speaker or (f"\u201c{item.mention_text}\u201d, unresolved" if item.mention_text else "unknown speaker")
    title = f"{item.id} {item.type} {item.kind} \u2013 {who}"
    layers = [
        Layer(start, end, item.kind, item.id, title, item.status, item.id if n == 0 else None) for n, (start, end) in enumerate(item.spans)
    ]
    speaker = item.quote.speaker
    if speaker is not None and speaker.mention is not None:
        m = speaker.mention
        layers.append(Layer(m.start, m.end, "speaker", item.id, f"{item.id} speaker: {speaker.name or m.text}", item.status))
    cue = item.quote.cue
    if cue is not None:
        layers.append(Layer(cue.start, cue.end, "cue", item.id, f"{item.id} cue: {cue.lemma}", item.status))
    return layers


def _assign_tracks(layers: list[Layer]) -> list[Layer]:
    """Give overlapping layers of one kind different tracks (greedy interval colouring)."""
    out: list[Layer] = []
    for kind in KIND_ORDER:
        ends: list[int] = []
        for layer in sorted((x for x in layers if x.kind == kind), key=lambda x: (x.start, -x.end)):
            track = next((t for t, end in enumerate(ends) if end <= layer.start), len(ends))
            if track == len(ends):
                ends.append(layer.end)
            else:
                ends[track] = layer.end
            out.append(Layer(**{**layer.__dict__, "track": min(track, MAX_TRACK)}))
    return out


def render_text(text: str, layers: Sequence[Layer]) -> str:
    """The text as HTML: every piece between two span boundaries, wrapped in one box per layer.

    Each piece is a ``<span class="seg" data-s=OFFSET>`` holding exactly ``text[a:b]`` (escaped),
    so the page can turn a selection back into offsets.
    """
    n = len(text)
    valid = [x for x in layers if 0 <= x.start < x.end <= n]
    bounds = sorted({0, n, *(x.start for x in valid), *(x.end for x in valid)})
    starts: dict[int, list[Layer]] = {}
    for layer in valid:
        if layer.label:
            starts.setdefault(layer.start, []).append(layer)
    out: list[str] = []
    for a, b in zip(bounds, bounds[1:]):
        for layer in sorted(starts.get(a, ()), key=lambda x: (KIND_ORDER[x.kind], x.item)):
            out.append(
                f'<span class="lbl lbl-{layer.kind} t{layer.track}" data-item="{e(layer.item)}" aria-hidden="true">{e(layer.label)}</span>'
            )
        active = sorted((x for x in valid if x.start <= a and x.end >= b), key=lambda x: (KIND_ORDER[x.kind], -x.track if x.kind == "claim" else x.track))
        for layer in active:
            out.append(
                f'<span class="hl hl-{layer.kind} t{layer.track} st-{e(layer.status)}" data-item="{e(layer.item)}" title="{e(layer.title)}">'
            )
        out.append(f'<span class="seg" data-s="{a}">{e(text[a:b])}</span>')
        out.append("</span>" * len(active))
    return "".join(out)


LEGEND = (
    '<div class="legend" aria-label="legend">'
    '<span class="hl-quote">quote</span><span class="hl-attribution">attribution</span><span class="hl-speaker">speaker mention</span>'
    '<span class="hl-cue">cue</span><span class="hl-claim">claim</span></div>'
)


# --- the items ---------------------------------------------------------------------------------


def _speaker_line(item: Item) -> str:
    if item.kind in QUOTE_KINDS:
        speaker = item.quote.speaker if item.quote else None
        if speaker is None:
            who = '<span class="muted">unknown speaker</span>'
        else:
            name = f"<b>{e(speaker.name)}</b>" if speaker.name else '<span class="muted">unresolved</span>'
            how = [e(speaker.resolution)] if speaker.resolution else []
            if speaker.mention is not None and speaker.mention.text != speaker.name:
                how.insert(0, f"\u201c{e(speaker.mention.text)}\u201d")
            who = name + (f' <span class="muted">({", ".join(how)})</span>' if how else "")
        cue = item.quote.cue if item.quote else None
        cue_html = f" \u00b7 cue \u201c{e(cue.text)}\u201d" if cue is not None else ""
        return f"Speaker: {who}{cue_html}"
    claim = item.claim
    who = f"<b>{e(item.speaker)}</b>" if item.speaker else '<span class="muted">unknown</span>'
    extra = []
    if claim is not None and claim.quote_id:
        extra.append(f"from {e(claim.quote_id)}")
    if claim is not None and claim.quantities:
        extra.append("quantities: " + ", ".join(e(q.text) for q in claim.quantities))
    return f"Claimant: {who}" + (" \u00b7 " + " \u00b7 ".join(extra) if extra else "")


def _quote_form(record: FactRecord, item: Item) -> str:
    original = item.original
    assert original is not None and item.quote is not None
    orig_speaker = original.speaker
    speaker = item.quote.speaker
    current_entity = speaker.entity_id if speaker else None
    free_name = speaker.name if speaker and speaker.name and not speaker.entity_id else ""
    options = ['<option value="">(unknown)</option>' if not current_entity and not free_name else ""]
    for entity in record.entities:
        selected = " selected" if entity.id == current_entity else ""
        options.append(f'<option value="{e(entity.id)}" data-name="{e(entity.name)}"{selected}>{e(entity.name)} ({e(entity.type)}, {e(entity.id)})</option>')
    options.append(f'<option value="other"{" selected" if free_name else ""}>another name\u2026</option>')
    types = "".join(f'<option value="{t}"{" selected" if t == item.type else ""}>{t}</option>' for t in TYPES if t != "claim")
    attrs = (
        f'data-orig-entity="{e(orig_speaker.entity_id or "") if orig_speaker else ""}" '
        f'data-orig-name="{e(orig_speaker.name or "") if orig_speaker else ""}" '
        f'data-orig-type="{e(original.type)}" data-orig-start="{original.start}" data-orig-end="{original.end}"'
    )
    return (
        f'<form class="fix fix-quote" hidden {attrs}>'
        f'<label for="sp-{e(item.id)}">Speaker</label><select id="sp-{e(item.id)}" name="speaker">{"".join(options)}</select>'
        f'<label for="spn-{e(item.id)}">Name</label><input id="spn-{e(item.id)}" name="speaker_name" maxlength="300" value="{e(free_name)}" '
        f'placeholder="when not in the list">'
        f'<label for="ty-{e(item.id)}">Type</label><select id="ty-{e(item.id)}" name="type">{types}</select>'
        f'<label>Span</label><span class="row"><input type="number" name="start" min="0" value="{item.start}" aria-label="start">'
        f'<input type="number" name="end" min="1" value="{item.end}" aria-label="end">'
        f'<button type="button" data-action="use-selection">use selected text</button></span>'
        f'<span class="row"><button type="submit">Save correction</button><button type="button" data-action="cancel">Cancel</button></span>'
        "</form>"
    )


def _claim_form(item: Item) -> str:
    verdict = item.line.verdict if item.line is not None else None
    note = verdict.note if verdict else ""
    rating = verdict.rating if verdict else None
    options = '<option value="">no rating</option>' + "".join(
        f'<option value="{n}"{" selected" if n == rating else ""}>{n} \u2013 {e(label)}</option>' for n, label in RATING_LABELS.items()
    )
    return (
        '<form class="fix fix-claim" hidden>'
        f'<label for="vn-{e(item.id)}">Verdict</label><input id="vn-{e(item.id)}" name="note" maxlength="2000" value="{e(note)}" '
        'placeholder="e.g. False: the figure is from 2019">'
        f'<label for="vr-{e(item.id)}">Rating</label><select id="vr-{e(item.id)}" name="rating">{options}</select>'
        '<span class="row"><button type="submit">Save verdict</button><button type="button" data-action="cancel">Cancel</button></span>'
        "</form>"
    )


def render_item(record: FactRecord, item: Item, interactive: bool) -> str:
    correctable = item.kind in QUOTE_KINDS  # quotes and attributions: the correction form; claims: a verdict
    kind_label = f"{item.type} {item.kind}" if correctable else "claim"
    measure = f"confidence {item.confidence:.2f}" if correctable else f"check-worthiness {item.confidence:.2f}"
    parts = [
        f'<li class="item kind-{item.kind} st-{e(item.status)}" id="item-{e(item.id)}" data-item="{e(item.id)}" data-kind="{item.kind}" tabindex="-1">',
        '<div class="item-head">',
        f'<span class="item-id">{e(item.id)}</span><span class="badge" data-role="type">{e(kind_label)}</span>',
        f'<span class="muted">{measure}</span>',
        f'<span class="status" data-role="status">{e(correction_summary(item.line))}</span>',
        "</div>",
        f'<blockquote class="item-text" data-role="text">{e(item.content)}</blockquote>',
        f'<div class="item-meta" data-role="meta">{_speaker_line(item)}</div>',
    ]
    if interactive:
        fix = ("Correct", "c") if correctable else ("Verdict", "v")
        parts.append(
            '<div class="actions">'
            '<button type="button" data-action="accept" title="accept (a)">Accept <kbd>a</kbd></button>'
            '<button type="button" data-action="reject" title="reject (r)">Reject <kbd>r</kbd></button>'
            f'<button type="button" data-action="open-form" title="{fix[0].lower()} ({fix[1]})">{fix[0]} <kbd>{fix[1]}</kbd></button>'
            "</div>"
        )
        parts.append(_quote_form(record, item) if correctable else _claim_form(item))
    parts.append("</li>")
    return "".join(parts)


def render_article(record: FactRecord, items: Sequence[Item], *, interactive: bool, shown: set[str] | None = None, heading: str = "h2") -> str:
    """The text with its layers beside the lists of quotes, claims and attributions (``shown``: ids to list)."""
    a = record.article
    meta = [x for x in (a.published, a.author, a.source) if x]
    url = f' \u00b7 <a href="{e(a.url)}" rel="noopener noreferrer">source</a>' if a.url and a.url.startswith(("http://", "https://")) else ""
    listed = [i for i in items if shown is None or i.id in shown]
    quotes, claims, attributions = (
        "".join(render_item(record, i, interactive) for i in listed if i.kind == kind) for kind in ("quote", "claim", "attribution")
    )
    hidden = len(items) - len(listed)
    note = f'<p class="muted" data-role="filtered">{hidden} item{"s" if hidden != 1 else ""} hidden by the filters.</p>' if hidden else ""
    return (
        '<div class="article">'
        '<section class="doc-col">'
        f"<{heading}>{e(a.title or a.id)}</{heading}>"
        f'<div class="doc-meta">{e(DOT.join([a.id, *meta]))}{url}</div>'
        f"{LEGEND}"
        f'<div class="doc" data-len="{len(record.text)}">{render_text(record.text, item_layers(items))}</div>'
        "</section>"
        '<aside class="items">'
        f"{note}"
        f'<h3>Quotes</h3><ol class="quotes">{quotes or "<li class=muted>none</li>"}</ol>'
        f'<h3>Claims</h3><ol class="claims">{claims or "<li class=muted>none</li>"}</ol>'
        f'<h3>Attributions</h3><ol class="attributions">{attributions or "<li class=muted>none</li>"}</ol>'
        "</aside>"
        "</div>"
    )


# --- page shells -------------------------------------------------------------------------------

KEYS_HELP = (
    '<p class="keys"><kbd>j</kbd>/<kbd>k</kbd> next/previous item \u00b7 <kbd>a</kbd> accept \u00b7 <kbd>r</kbd> reject \u00b7 '
    "<kbd>c</kbd> correct a quote or attribution \u00b7 <kbd>v</kbd> verdict on a claim \u00b7 <kbd>Esc</kbd> close the form \u00b7 "
    "<kbd>n</kbd>/<kbd>p</kbd> next/previous article</p>"
)


def served_page(title: str, body: str, *, header: str, body_attrs: str = "") -> str:
    """A page of the review server: stylesheet and script from /static (the CSP allows nothing inline)."""
    return (
        "<!doctype html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{e(title)}</title>"
        '<link rel="stylesheet" href="/static/review.css">'
        '<script src="/static/review.js" defer></script>'
        f"</head><body{body_attrs}>"
        f'<header class="top">{header}</header><main>{body}</main><div id="msg" role="status" aria-live="polite"></div>'
        "</body></html>\n"
    )


REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"


def static_page(title: str, body: str, *, header: str) -> str:
    """A self-contained page: stylesheet inlined, no script at all, and a CSP that forbids any."""
    css = static_text("review.css").replace("</", "<\\/")
    return (
        "<!doctype html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{REPORT_CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{e(title)}</title>"
        f"<style>{css}</style>"
        "</head><body>"
        f'<header class="top">{header}</header><main>{body}</main>'
        "</body></html>\n"
    )
