"""Train models/quote_scorer.json: is a quote or attribution real, and is it right?

Data: PolNeAR's training articles (../shared/polnear/train), run through the product's own pipeline
with the judging step off; every item the rules output is labelled by the PolNeAR evaluator's own
matching (extractor.eval.polnear): *real* when it matches an annotated attribution, *right* when
it also has the right speaker. One exception: an item that is one part of an attribution of several
spans, which the evaluator pairs with another item, is real too (``part_of_matched``). Two logistic regressions over extractor.components.quotes.scoring
features. Selection and calibration never look at the data they are judged on:
- the regularization and the *real* threshold are chosen on out-of-fold scores (5 folds by article);
- the *right* probability is Platt-scaled on out-of-fold scores;
- the printed figures come from those out-of-fold scores, and from PolNeAR dev, which training
  never reads.
A third model, *speech*, is fitted on the real-news gold (corpus/news-gold, pages of
../shared/news read by the product's HTML reader): every quote the rules output there is labelled
speech when it matches a gold quote. Its regularization and threshold are chosen on out-of-fold
scores with the pages in 4 folds, and the printed figures are those out-of-fold ones (pages the
model being measured never saw). Quotes with an embedded post's signature are left out: the
signature is the evidence, and posts the gold's text never held would teach the opposite.
Deterministic: same data, same file. Usage: python scripts/train_quotes.py [--shared DIR]
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from binary_logistic import export, fit, predict  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from spacy.tokens import DocBin  # noqa: E402

from extractor.components.quotes.scoring import features, is_speech_act  # noqa: E402
from extractor.eval.news import read_page  # noqa: E402
from extractor.eval.news_gold import load_gold, placed_gold  # noqa: E402
from extractor.eval.news_scoring import match  # noqa: E402
from extractor.eval.polnear import _docs, char_set, judge, our_predictions, speaker_correct  # noqa: E402
from extractor.eval.polnear_corpus import read_split  # noqa: E402
from extractor.eval.reliability import calibration_bins  # noqa: E402
from extractor.pipeline import Pipeline, Stages, build_nlp  # noqa: E402


def items_of(articles, docs) -> tuple[list[list[str]], list[int], list[int], list[int]]:
    """Features, real and right labels (the PolNeAR evaluator's own verdict), and the article
    number of every item the rules output."""
    rows, real, right, groups = [], [], [], []
    for number, (article, doc) in enumerate(zip(articles, docs)):
        items = [(q, "quote") for q in doc._.quotes or []] + [(a, "attribution") for a in doc._.attributions or []]
        predictions = our_predictions(doc, [item for item, _ in items])
        pairs, ok = judge(article, predictions)
        for pi, (item, kind) in enumerate(items):
            rows.append(features(doc, item, kind))
            groups.append(number)
            part = None if pi in pairs else part_of_matched(article, predictions[pi], set(pairs.values()))
            real.append(int(pi in pairs or part is not None))
            right.append(int(ok[pi] if part is None else speaker_correct(article.text, part, predictions[pi])))
    return rows, real, right, groups


def part_of_matched(article, prediction, matched: set[int]):
    """The annotated attribution of several spans that ``prediction`` is one part of, when another
    item already matched it; else None.

    PolNeAR joins a speaker's consecutive quotations into one attribution of several spans, and
    its evaluator pairs each attribution with one item, so the second paragraph of a quotation
    ('"I just want to perform my own music," she said. / "That's it. I've tried ..."') counts as
    a false item. The news guidelines keep such a paragraph as a quote of its own, so for
    training it is what it is: real speech, right when its speaker is. Labelled by the evaluator
    alone, 71 of 114 such paragraphs on PolNeAR train were 'not real', and the model dropped them.
    """
    inside = char_set(article.text, prediction.spans)
    if not inside:
        return None
    for gi in sorted(matched):
        gold = article.attributions[gi]
        if len(gold.content) > 1 and len(inside & char_set(article.text, gold.content)) >= 0.8 * len(inside):
            return gold
    return None


def news_items(news_dir: Path, gold_dir: Path) -> tuple[list[list[str]], list[int], list[int], list[int], list[bool]]:
    """Features, speech labels (matches a gold quote), real labels (matches a gold quote or
    attribution), page number and whether the guidelines' speech acts cue it (kept as a quote
    whatever the model says) of every quote the rules output on the real-news gold pages."""
    golds = {g["id"]: g for g in load_gold(gold_dir)}
    paths = [p for p in sorted((news_dir / "html").glob("*.html*")) if p.name.split(".")[0] in golds]
    pipeline = Pipeline(None, stages=Stages(claims=False))
    rows, speech, real, groups, exempt = [], [], [], [], []
    for number, path in enumerate(paths):
        article = read_page(path)
        nlp = pipeline.gate(article)
        if nlp is None or article.error:
            continue
        nlp.get_pipe("quotes").judge = False
        doc = next(pipeline.run([article], None, nlp))
        gold, _ = placed_gold(golds[article.id], doc.text)
        quotes = [[tuple(s) for s in q["spans"]] for q in gold["quotes"]]
        beliefs = [[tuple(s) for s in a["spans"]] for a in gold["attributions"]]
        items = doc._.quotes or []
        predicted = [[tuple(s) for s in q["spans"]] for q in items]
        said = {i for i, _ in match(predicted, quotes)}
        either = {i for i, _ in match(predicted, quotes + beliefs)}
        for i, item in enumerate(items):
            names = features(doc, item, "quote")
            if "embedded_post" in names:
                continue
            rows.append(names)
            exempt.append(is_speech_act(item))
            speech.append(int(i in said))
            real.append(int(i in either))
            groups.append(number)
    return rows, speech, real, groups, exempt


def fit_speech(news_dir: Path, gold_dir: Path, beta: float = 0.5) -> dict:
    """The speech model (see the module docstring), with its out-of-fold figures printed."""
    rows, speech, real, groups, exempt = news_items(news_dir, gold_dir)
    y, y_real, spoken = np.array(speech), np.array(real), np.array(exempt, dtype=bool)
    print(f"news gold: {len(rows)} quotes, {y.mean():.3f} speech, {y_real.mean():.3f} speech or belief")
    best = None
    for c in (0.1, 0.3, 1.0):
        p = out_of_fold(rows, speech, groups, c, folds=4)
        loss = log_loss(p, y)
        print(f"  speech C={c}: out-of-fold log loss {loss:.4f}")
        if best is None or loss < best[0]:
            best = (loss, c, p)
    _, c, p = best
    best_t, best_f = 0.0, -1.0
    for t in np.arange(0.05, 0.9, 0.01):
        keep = (p >= t) | spoken
        tp = float((keep & (y == 1)).sum())
        precision, recall = tp / max(1, keep.sum()), tp / max(1, y.sum())
        f = (1 + beta**2) * precision * recall / max(1e-9, beta**2 * precision + recall)
        if f > best_f:
            best_t, best_f = float(round(t, 2)), f
    for t in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8):
        keep = (p >= t) | spoken
        print(f"  speech threshold {t}: quotes kept {int(keep.sum())}, speech or belief {y_real[keep].mean():.3f}, "
              f"gold quotes moved {int(((~keep) & (y == 1)).sum())}")
    keep = (p >= best_t) | spoken
    print(f"speech threshold {best_t} (quotes cued by the guidelines' speech acts always kept): out-of-fold, quotes kept {int(keep.sum())} of {len(y)}; speech or belief "
          f"{y_real[keep].mean():.3f} (all {y_real.mean():.3f}); gold quotes moved to attributions {int(((~keep) & (y == 1)).sum())} of {int(y.sum())}")
    vectorizer, model = fit(rows, speech, c, max_iter=2000)
    return {**export(vectorizer, model), "C": c, "threshold": best_t}


def out_of_fold(rows, labels, groups, c: float, folds: int = 5) -> np.ndarray:
    out = np.zeros(len(rows))
    for fold in range(folds):
        train = [i for i, g in enumerate(groups) if g % folds != fold]
        test = [i for i, g in enumerate(groups) if g % folds == fold]
        vectorizer, model = fit([rows[i] for i in train], [labels[i] for i in train], c, max_iter=2000)
        out[test] = predict(vectorizer, model, [rows[i] for i in test])
    return out


def log_loss(p: np.ndarray, y: np.ndarray) -> float:
    p = np.clip(p, 1e-9, 1 - 1e-9)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def platt(p: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    logits = np.log(np.clip(p, 1e-9, 1 - 1e-9) / np.clip(1 - p, 1e-9, 1))
    model = LogisticRegression(C=1e6, solver="lbfgs").fit(logits.reshape(-1, 1), y)
    return float(model.coef_[0][0]), float(model.intercept_[0])


def reliability(p: np.ndarray, y: np.ndarray, bins: int = 10) -> tuple[list[str], float]:
    rows, ece = calibration_bins(zip(p.tolist(), y.tolist()), bins)
    return [f"  {lo:.1f}-{hi:.1f}  {count:6d}  {mean:.3f}  {share:.3f}" for lo, hi, count, mean, share in rows], ece


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--out", type=Path, default=ROOT / "models" / "quote_scorer.json")
    parser.add_argument("--real-precision-weight", type=float, default=1.0, help="F-beta's beta for the real threshold (<1 favours precision)")
    parser.add_argument("--speech-precision-weight", type=float, default=0.5,
                        help="F-beta's beta for the speech threshold (0.5: a quote list that is speech first, as a fact-checker needs)")
    parser.add_argument("--docs-cache", type=Path,
                        help="keep the analysed training docs here between runs, to try new features without parsing again (development only)")
    args = parser.parse_args()
    articles = read_split(args.shared / "polnear", "train")
    nlp = build_nlp(None, Stages(quotes=True, claims=False, attributions=True))
    nlp.get_pipe("quotes").judge = False
    if args.docs_cache and args.docs_cache.exists():
        docs = list(DocBin().from_disk(args.docs_cache).get_docs(nlp.vocab))
    else:
        docs = list(_docs(nlp, articles))
        if args.docs_cache:
            DocBin(docs=docs, store_user_data=True).to_disk(args.docs_cache)
    rows, real, right, groups = items_of(articles, docs)
    y_real, y_right = np.array(real), np.array(right)
    print(f"train: {len(rows)} items, {y_real.mean():.3f} real, {y_right.mean():.3f} right")
    chosen = {}
    for name, y in (("real", y_real), ("right", y_right)):
        best = None
        for c in (0.1, 0.3, 1.0):
            p = out_of_fold(rows, list(y), groups, c)
            loss = log_loss(p, y)
            print(f"  {name} C={c}: out-of-fold log loss {loss:.4f}")
            if best is None or loss < best[0]:
                best = (loss, c, p)
        chosen[name] = best
    _, c_real, p_real = chosen["real"]
    beta2 = args.real_precision_weight ** 2
    best_t, best_f = 0.0, -1.0
    for t in np.arange(0.05, 0.8, 0.01):
        keep = p_real >= t
        tp = float((keep & (y_real == 1)).sum())
        precision, recall = tp / max(1, keep.sum()), tp / max(1, y_real.sum())
        f = (1 + beta2) * precision * recall / max(1e-9, beta2 * precision + recall)
        if f > best_f:
            best_t, best_f = float(round(t, 2)), f
    for t in (0.3, 0.4, 0.5, 0.6, 0.7):
        keep = p_real >= t
        print(f"  real threshold {t}: keeps {keep.mean():.3f}, precision {y_real[keep].mean():.3f}, real lost {int(((~keep) & (y_real == 1)).sum())}")
    keep = p_real >= best_t
    print(f"real threshold {best_t}: out-of-fold keeps {keep.mean():.3f} of items; precision "
          f"{y_real[keep].mean():.3f} (all items {y_real.mean():.3f}); real items lost {int(((~keep) & (y_real == 1)).sum())} of {int(y_real.sum())}")
    _, c_right, p_right = chosen["right"]
    a, b = platt(p_right[keep], y_right[keep])
    calibrated = 1 / (1 + np.exp(-(a * np.log(np.clip(p_right, 1e-9, 1) / np.clip(1 - p_right, 1e-9, 1)) + b)))
    lines, ece = reliability(calibrated[keep], y_right[keep])
    print("out-of-fold reliability of confidence (kept items): bin, count, mean confidence, share right")
    print("\n".join(lines))
    print(f"  expected calibration error {ece:.3f}")
    payload = {"_comment": "Written by scripts/train_quotes.py (make train-quotes) from PolNeAR train and the real-news gold; do not edit."}
    vectorizer, model = fit(rows, real, c_real, max_iter=2000)
    payload["real"] = {**export(vectorizer, model), "C": c_real, "threshold": best_t}
    vectorizer, model = fit(rows, right, c_right, max_iter=2000)
    payload["right"] = {**export(vectorizer, model), "C": c_right, "platt": [round(a, 4), round(b, 4)]}
    payload["speech"] = fit_speech(args.shared / "news", ROOT / "corpus" / "news-gold", args.speech_precision_weight)
    args.out.write_text(json.dumps(payload, indent=0) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
