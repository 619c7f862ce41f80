"""The static report: every article of a facts file in one self-contained HTML file.

Same renderer as the review page (render.py), read-only: no script at all, the stylesheet inlined,
no external address, and a Content-Security-Policy that forbids scripts should any slip in. When
a review file exists beside the facts, its decisions are shown and its corrections applied.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping
from pathlib import Path

from ..writers import open_output
from .facts import Facts
from .items import record_items
from .models import ReviewLine
from .render import DOT, e, render_article, static_page
from .store import Key


def build_report(facts: Facts, latest: Mapping[Key, ReviewLine], *, review_name: str | None = None, now: dt.datetime | None = None) -> str:
    now = now or dt.datetime.now(dt.timezone.utc)
    sections: list[str] = []
    toc: list[str] = []
    statuses: Counter[str] = Counter()
    quotes = claims = attributions = 0
    for n, record in enumerate(facts.records.values(), start=1):
        items = record_items(record, latest)
        statuses.update(i.status for i in items)
        quotes += len(record.quotes)
        claims += len(record.claims)
        attributions += len(record.attributions)
        anchor = f"a{n}"
        a = record.article
        toc.append(
            f'<li><a href="#{anchor}">{e(a.title or a.id)}</a> <span class="muted">'
            f"{len(record.quotes)} quotes{DOT}{len(record.claims)} claims{DOT}{len(record.attributions)} attributions</span></li>"
        )
        sections.append(f'<section class="report-article" id="{anchor}">{render_article(record, items, interactive=False)}</section>')
    review = ""
    if review_name is not None:
        counts = DOT.join(f"{statuses[s]} {s}" for s in ("accepted", "corrected", "rejected", "unreviewed"))
        review = f"<p>Review decisions from <b>{e(review_name)}</b>: {e(counts)}.</p>"
    intro = (
        f"<p>{len(facts.records)} articles{DOT}{quotes} quotes{DOT}{claims} claims{DOT}{attributions} attributions"
        + (f"{DOT}{facts.error_records} error records left out" if facts.error_records else "")
        + f'{DOT}<span class="muted">generated {e(now.isoformat(timespec="seconds"))}</span></p>'
        + review
    )
    body = f'{intro}<nav class="toc"><ol>{"".join(toc)}</ol></nav>{"".join(sections)}'
    header = f'<h1>extractor report</h1><span class="facts">{e(facts.path.name)}</span>'
    return static_page(f"extractor report \u2013 {facts.path.name}", body, header=header)


def write_report(facts: Facts, latest: Mapping[Key, ReviewLine], path: Path, *, review_name: str | None = None) -> None:
    page = build_report(facts, latest, review_name=review_name)
    with open_output(str(path)) as out:
        out.write(page)
