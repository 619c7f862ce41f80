"""`extractor eval news`: the product on real news pages (../shared/news) against corpus/news-gold.

Every page is read by the product's own HTML reader and analysed by the product's pipeline (the
language gate included), so the figures are what a user gets. Three kinds of figures:
- layers, on the pages with a gold file (news_scoring says how items are matched);
- the language of every page, against the gold's `language` and corpus/news-gold/languages.json;
- text extraction, on every page: bag-of-words precision and recall of the record's text, and of
  the part left for analysis (boilerplate regions taken out), against the page's `articleBody`.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..article import Article
from ..build import build_record, build_unanalysed_record
from ..extensions import boilerplate_ranges
from ..readers.decode import decode_bytes
from ..readers.html import article_from_html
from ..records import FactRecord
from .news_gold import Placement, load_gold, placed_gold
from .news_scoring import TYPES, Counts, NewsScores, score_page
from .reliability import format_reliability

_WORD = re.compile(r"\w+")


@dataclass
class NewsReport:
    scores: NewsScores = field(default_factory=NewsScores)
    pages: int = 0
    gold_pages: int = 0
    changed: list[str] = field(default_factory=list)
    lost_spans: list[str] = field(default_factory=list)
    languages: Counter = field(default_factory=Counter)
    language_errors: list[str] = field(default_factory=list)
    text_full: Counts = field(default_factory=Counts)
    text_analysed: Counts = field(default_factory=Counts)
    layers_on_foreign_pages: int = 0


def read_page(path: Path) -> Article:
    """A saved page (``<id>.html.gz`` or ``.html``) as the product's HTML reader sees it."""
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    page_id = path.name.split(".")[0]
    decoded = decode_bytes(data, str(path), max_chars=10**9)
    return article_from_html(decoded.text, page_id, str(path))


def analyse(pipeline, articles: list[Article]) -> Iterator[tuple[FactRecord, list[tuple[int, int]]]]:
    """Records plus each one's boilerplate regions (and title line), which records do not carry."""
    for article in articles:
        nlp = pipeline.gate(article)
        if nlp is None or article.error:
            yield (build_unanalysed_record(article) if nlp is None else build_record(article, None)), []
            continue
        doc = next(pipeline.run([article], None, nlp))
        regions = boilerplate_ranges(doc)
        if doc._.title:
            regions.append((int(doc._.title[0]), int(doc._.title[1])))
        yield build_record(article, doc), regions


def bag_of_words(text: str) -> Counter:
    return Counter(w.lower() for w in _WORD.findall(text))


def _text_counts(counts: Counts, produced: str, body: str) -> None:
    got, want = bag_of_words(produced), bag_of_words(body)
    tp = sum((got & want).values())
    counts.add(tp, sum(got.values()) - tp, sum(want.values()) - tp)


def _outside(text: str, regions: list[tuple[int, int]]) -> str:
    keep, last = [], 0
    for start, end in sorted(regions):
        if start > last:
            keep.append(text[last:start])
        last = max(last, end)
    keep.append(text[last:])
    return " ".join(keep)


def evaluate_news(news_dir: Path, gold_dir: Path, pipeline, only_gold: bool = False,
                  progress: Callable[[str], None] | None = None) -> NewsReport:
    """Run the product over the pages and score it; ``only_gold`` skips pages without a gold file."""
    truth = json.loads((news_dir / "ground-truth.json").read_text(encoding="utf-8"))
    golds = {g["id"]: g for g in load_gold(gold_dir)}
    languages_file = gold_dir / "languages.json"
    languages = json.loads(languages_file.read_text(encoding="utf-8")) if languages_file.exists() else {}
    paths = sorted((news_dir / "html").glob("*.html*"))
    if only_gold:
        paths = [p for p in paths if p.name.split(".")[0] in golds]
    report = NewsReport()
    articles = [read_page(p) for p in paths]
    for article, (record, regions) in zip(articles, analyse(pipeline, articles)):
        report.pages += 1
        if progress:
            progress(article.id)
        expected = golds[article.id]["language"] if article.id in golds else languages.get(article.id)
        found = record.article.language
        report.languages[found] += 1
        if expected and found != expected:
            report.language_errors.append(f"{article.id[:8]}: {found} (expected {expected})")
        if expected and expected != "en":
            report.layers_on_foreign_pages += sum(len(x) for x in (record.entities, record.quotes, record.attributions, record.claims))
        body = truth.get(article.id, {}).get("articleBody")
        if body is not None:
            _text_counts(report.text_full, record.text, body)
            _text_counts(report.text_analysed, _outside(record.text, regions), body)
        if article.id in golds:
            gold, placement = placed_gold(golds[article.id], record.text)
            _note_placement(report, article.id, placement)
            report.gold_pages += 1
            score_page(report.scores, gold, record, regions)
    return report


def _note_placement(report: NewsReport, page_id: str, placement: Placement) -> None:
    if placement.changed:
        report.changed.append(page_id[:8])
    report.lost_spans.extend(f"{page_id[:8]} {what}" for what in placement.lost)


def claims_lines(s: NewsScores, overlap: bool = True) -> list[str]:
    """The claims figures of a report: the eval of the news gold and the PolNeAR claims check
    (scripts/eval_polnear_claims.py) print the same lines; ``overlap=False`` leaves out the P / R /
    F1 line, which the news report prints in its table of layers."""
    share = "  {:<46} {:>6.3f}   ({} of {})"
    p, r, f1 = s.claims.prf()
    total_claims = sum(s.claims_per_article)
    mean = total_claims / len(s.claims_per_article) if s.claims_per_article else 0.0
    prf = f"  {'claims (overlap) P / R / F1':<46} {p:>6.3f} / {r:.3f} / {f1:.3f}   ({s.claims.tp} / {s.claims.fp} / {s.claims.fn})"
    return [
        *([prf] if overlap else []),
        share.format("claims P@3 (top three by checkworthiness)", s.p_at_3.value, s.p_at_3.right, s.p_at_3.total),
        f"  {'claims per article: median / mean':<46} {s.claims_median:>6.1f} / {mean:.1f}",
        share.format("claims at checkworthiness >= 0.9", s.claims_high / total_claims if total_claims else 0.0, s.claims_high, total_claims),
        format_reliability(s.claim_scores, "  claims reliability"),
    ]


def format_report(report: NewsReport, show_errors: int = 0) -> str:
    s = report.scores
    lines = [f"Real news: {report.pages} pages, {report.gold_pages} with gold."]
    if report.changed:
        lines.append(f"WARNING: {len(report.changed)} pages' text changed since annotation (spans re-placed by their words): {', '.join(report.changed)}")
    if report.lost_spans:
        lines.append(f"WARNING: {len(report.lost_spans)} gold spans not found in today's text: " + "; ".join(report.lost_spans[:10]))
    row = "  {:<34} {:>6.3f} {:>6.3f} {:>6.3f}   ({} / {} / {})"
    lines.append("\n{:<36} {:>6} {:>6} {:>6}".format("layer", "P", "R", "F1"))
    lines.append(row.format("entity mentions (span + type)", *s.mentions.prf(), s.mentions.tp, s.mentions.fp, s.mentions.fn))
    for t in TYPES:
        c = s.per_type[t]
        lines.append(row.format(f"  {t}", *c.prf(), c.tp, c.fp, c.fn))
    lines.append(row.format("quotes (overlap)", *s.quotes.prf(), s.quotes.tp, s.quotes.fp, s.quotes.fn))
    lines.append(row.format("attributions (overlap)", *s.attributions.prf(), s.attributions.tp, s.attributions.fp, s.attributions.fn))
    lines.append(row.format("dates (overlap)", *s.dates.prf(), s.dates.tp, s.dates.fp, s.dates.fn))
    lines.append(row.format("claims (overlap)", *s.claims.prf(), s.claims.tp, s.claims.fp, s.claims.fn))
    lines.append(row.format("text, whole record vs articleBody", *report.text_full.prf(), report.text_full.tp, report.text_full.fp, report.text_full.fn))
    lines.append(row.format("text, analysed (no boilerplate)", *report.text_analysed.prf(), report.text_analysed.tp, report.text_analysed.fp, report.text_analysed.fn))
    share = "  {:<46} {:>6.3f}   ({} of {})"
    lines.append("")
    lines.append(share.format("listed entities right (type and name)", s.listed_entities.value, s.listed_entities.right, s.listed_entities.total))
    lines.append(share.format("entities clustered right (all types)", s.clusters.value, s.clusters.right, s.clusters.total))
    lines.append(share.format("people clustered right", s.people_clusters.value, s.people_clusters.right, s.people_clusters.total))
    lines.append(share.format("quotes that are real speech or belief", s.quotes_speech_or_belief.value, s.quotes_speech_or_belief.right, s.quotes_speech_or_belief.total))
    lines.append(share.format("speaker right (matched quotes)", s.speaker.value, s.speaker.right, s.speaker.total))
    lines.append(share.format("  through a pronoun", s.speaker_pronoun.value, s.speaker_pronoun.right, s.speaker_pronoun.total))
    lines.append(f"  {'  a wrong named person':<46} {s.speaker_wrong_person / s.speaker.total if s.speaker.total else 0:>6.3f}   ({s.speaker_wrong_person})")
    lines.append(share.format("attributions that are speech or belief", s.attribution_real.value, s.attribution_real.right, s.attribution_real.total))
    lines.append(share.format("date values right (matched dates)", s.date_values.value, s.date_values.right, s.date_values.total))
    lines.extend(claims_lines(s, overlap=False))
    lines.append(share.format("furniture marked as boilerplate (chars)", s.furniture_marked / s.furniture_chars if s.furniture_chars else 0.0, s.furniture_marked, s.furniture_chars))
    lines.append(share.format("boilerplate that is furniture (chars)", s.boilerplate_in_furniture / s.boilerplate_chars if s.boilerplate_chars else 0.0, s.boilerplate_in_furniture, s.boilerplate_chars))
    lines.append("")
    languages = ", ".join(f"{code}: {n}" for code, n in report.languages.most_common())
    lines.append(f"languages: {languages}; wrong: {len(report.language_errors)} {report.language_errors}")
    lines.append(f"items (entities, quotes, attributions, claims) on pages not in English: {report.layers_on_foreign_pages}")
    if show_errors:
        for kind, items in sorted(s.errors.items()):
            lines.append(f"\n{kind} errors ({len(items)}):")
            lines.extend(f"  {e}" for e in items[:show_errors])
    return "\n".join(lines)
