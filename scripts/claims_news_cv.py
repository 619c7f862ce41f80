"""Cross-fitted real-news figures of the claims stage: every gold page scored by a model that did
not see it, through the whole product (HTML reader, pipeline, the stage's own filters, records).

For each of train_claims.NEWS_FOLDS folds of gold pages: fit the chosen setting on everything but
that fold's pages, calibrate on the cross-fitted scores of the other folds' pages, put the model
into the pipeline's claims component, and run ``extractor eval news`` on that fold's pages. The
folds' claims figures are summed into one report for all pages and one per gold directory (the
development gold and the held-out gold were annotated by different people: their figures apart
say whether a drop on one is the model or the annotation).
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from extractor.components.claims.model import ClaimModel
from extractor.eval.news import evaluate_news
from extractor.eval.news_scoring import Counts
from extractor.eval.reliability import format_reliability


@dataclass
class Tally:
    """The claims figures of `extractor eval news`, summed over folds."""

    counts: list[int] = field(default_factory=list)
    top_right: int = 0
    top_total: int = 0
    high: int = 0
    claims: Counts = field(default_factory=Counts)
    pairs: list = field(default_factory=list)

    def add(self, s) -> None:
        self.counts += s.claims_per_article
        self.top_right, self.top_total = self.top_right + s.p_at_3.right, self.top_total + s.p_at_3.total
        self.high += s.claims_high
        self.claims.add(s.claims.tp, s.claims.fp, s.claims.fn)
        self.pairs += s.claim_scores

    @property
    def precision(self) -> float:
        return self.claims.prf()[0]

    def report(self, title: str) -> str:
        kept, (p, r, _), c = sum(self.counts), self.claims.prf(), self.claims
        if not self.counts:
            return f"{title}: no pages"
        return "\n".join([
            f"{title}:",
            f"  claims precision {p:.3f}  recall {r:.3f}  (tp {c.tp}, fp {c.fp}, fn {c.fn})",
            f"  P@3 {self.top_right / self.top_total if self.top_total else 0:.3f} ({self.top_right} of {self.top_total})",
            f"  claims per article: median {statistics.median(self.counts):.1f}, mean {kept / len(self.counts):.2f}",
            f"  share at checkworthiness >= 0.9: {self.high / kept if kept else 0:.3f} ({self.high} of {kept})",
            format_reliability(self.pairs, "  reliability"),
        ])


def news_cv(data, x, names, setting, scores, news_dir: Path, threshold: float, folds_of, fit, calibrate,
            calibration_pages) -> tuple[str, Tally]:
    """The cross-fitted whole-product report (all pages, then each gold directory's pages apart)
    and the figures of all pages."""
    from extractor.pipeline import Pipeline

    c, w_news, w_cb = setting
    pipeline = Pipeline(None)
    stage = pipeline.nlp.get_pipe("extractor_claims")
    y = np.array([i.label for i in data.items])
    w = data.weights(w_news, w_cb)
    groups = np.array([i.group for i in data.items])
    total, by_dir = Tally(), {}
    for name, mask in folds_of(data):
        if not name.startswith("news"):
            continue
        held_out = set(groups[mask])
        pages = sorted(p for p in held_out if p in data.page_dirs)  # the gold pages (not PolNeAR's)
        clf = fit(x[~mask], y[~mask], w[~mask], c)
        others = {p: u for p, u in calibration_pages(data, scores).items() if p not in held_out}
        ab = calibrate(others)
        weights = {n: float(v) for n, v in zip(names, clf.coef_[0]) if v}
        stage.model = ClaimModel(weights, float(clf.intercept_[0]), threshold, ab)
        stage.threshold = threshold
        for directory in sorted({data.page_dirs[p] for p in pages}):
            with tempfile.TemporaryDirectory() as tmp:
                for page in pages:
                    if data.page_dirs[page] == directory:
                        shutil.copy(directory / f"{page}.json", tmp)
                report = evaluate_news(news_dir, Path(tmp), pipeline, only_gold=True)
            total.add(report.scores)
            by_dir.setdefault(directory, Tally()).add(report.scores)
    parts = [total.report(f"cross-fitted news (whole product, {len(total.counts)} pages, threshold {threshold})")]
    for directory, tally in sorted(by_dir.items()):
        parts.append(tally.report(f"  of which {directory} ({len(tally.counts)} pages, out of fold)"))
    return "\n".join(parts), total


#: Sentence kinds compared between gold directories (unit features, see claims/features.py).
_KINDS = {"a number": "has_number", "counts people": "counted=people", "in a quotation": "in_quote",
          "a quote mark": "has_quote_mark", "the lead (first unit)": "order=0", "future / modal": "future",
          "a comparative (JJR/RBR)": ("t=JJR", "t=RBR"), "a superlative (JJS/RBS)": ("t=JJS", "t=RBS")}


def compare_sets(data) -> str:
    """Claim density per page and the share of claims among sentences of each kind, per gold directory:
    whether two sets of annotators marked the same kinds of sentences as often."""
    lines = ["news gold by directory (eligible units): pages, units/page, claims/page, share of units that are claims; "
             "then per kind of unit: share that are claims (units)"]
    by_dir: dict = {}
    for item in data.items:
        if item.domain == "N" and item.group in data.page_dirs:
            by_dir.setdefault(data.page_dirs[item.group], []).append(item)
    for directory, items in sorted(by_dir.items()):
        pages = {i.group for i in items}
        pos = sum(i.label for i in items)
        per_page = [sum(i.label for i in items if i.group == p) for p in pages]
        lines.append(f"  {directory}: {len(pages)} pages, {len(items) / len(pages):.1f} units/page, "
                     f"{pos / len(pages):.2f} claims/page (median {statistics.median(per_page):.0f}), "
                     f"share {pos / len(items):.3f}")
        for kind, feats in _KINDS.items():
            feats = (feats,) if isinstance(feats, str) else feats
            inside = [i.label for i in items if any(f in i.features for f in feats)]
            if inside:
                lines.append(f"    {kind:<26} {sum(inside) / len(inside):.3f} ({len(inside)} units)")
        plain = [i.label for i in items if "has_number" not in i.features and "has_quote_mark" not in i.features
                 and "in_quote" not in i.features]
        lines.append(f"    {'no number, no quote':<26} {sum(plain) / max(1, len(plain)):.3f} ({len(plain)} units)")
    return "\n".join(lines)
