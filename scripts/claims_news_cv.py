"""Cross-fitted real-news figures of the claims stage: every gold page scored by a model that did
not see it, through the whole product (HTML reader, pipeline, the stage's own filters, records).

For each of train_claims.NEWS_FOLDS folds of gold pages: fit the chosen setting on everything but
that fold's pages, calibrate on the cross-fitted scores of the other folds' pages, put the model
into the pipeline's claims component, and run ``extractor eval news`` on that fold's pages. The
folds' claims figures are summed into one report (the figures `extractor eval news` prints for
claims, which with the shipped model would be in-sample).
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
from pathlib import Path

import numpy as np

from extractor.components.claims.model import ClaimModel
from extractor.eval.news import evaluate_news
from extractor.eval.reliability import format_reliability


def news_cv(data, x, names, setting, scores, news_dir: Path, gold_dir: Path, threshold: float, folds_of, fit, calibrate, news_pages) -> str:
    from extractor.pipeline import Pipeline

    c, w_news, w_cb = setting
    pipeline = Pipeline(None)
    stage = pipeline.nlp.get_pipe("extractor_claims")
    y = np.array([i.label for i in data.items])
    w = np.array([w_news if i.domain == "N" else w_cb if i.group == "claimbuster" else 1.0 for i in data.items])
    groups = np.array([i.group for i in data.items])
    counts, top_right, top_total, high, tp, fp, fn, pairs = [], 0, 0, 0, 0, 0, 0, []
    for name, mask in folds_of(data):
        if not name.startswith("news"):
            continue
        pages = sorted(set(groups[mask]))
        clf = fit(x[~mask], y[~mask], w[~mask], c)
        others = {p: u for p, u in news_pages(data, scores).items() if p not in pages}
        ab = calibrate(others)
        weights = {n: float(v) for n, v in zip(names, clf.coef_[0]) if v}
        stage.model = ClaimModel(weights, float(clf.intercept_[0]), threshold, ab)
        stage.threshold = threshold
        with tempfile.TemporaryDirectory() as tmp:
            for page in pages:
                shutil.copy(gold_dir / f"{page}.json", tmp)
            report = evaluate_news(news_dir, Path(tmp), pipeline, only_gold=True)
        s = report.scores
        counts += s.claims_per_article
        top_right, top_total, high = top_right + s.p_at_3.right, top_total + s.p_at_3.total, high + s.claims_high
        tp, fp, fn = tp + s.claims.tp, fp + s.claims.fp, fn + s.claims.fn
        pairs += s.claim_scores
    kept = sum(counts)
    lines = [
        f"cross-fitted news (whole product, {len(counts)} pages, threshold {threshold}):",
        f"  claims precision {tp / (tp + fp) if tp + fp else 0:.3f}  recall {tp / (tp + fn) if tp + fn else 0:.3f}  "
        f"(tp {tp}, fp {fp}, fn {fn})",
        f"  P@3 {top_right / top_total if top_total else 0:.3f} ({top_right} of {top_total})",
        f"  claims per article: median {statistics.median(counts):.1f}, mean {kept / len(counts):.2f}",
        f"  share at checkworthiness >= 0.9: {high / kept if kept else 0:.3f} ({high} of {kept})",
        format_reliability(pairs, "  reliability"),
    ]
    return "\n".join(lines)
