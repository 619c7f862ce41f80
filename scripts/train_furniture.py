"""Train models/furniture_model.json: which extracted paragraphs of a web page are not the article.

Data: the pages of ../shared/news, read by the product's own HTML reader and cut into the
product's own paragraphs; a paragraph is *article* when its words are in the page's
`articleBody` (ground-truth.json, marked by people), else *furniture*. Model: logistic
regression over extractor.furniture.features. The regularization is chosen, and the decision
threshold set, by leave-one-page-out cross-validation (every figure printed comes from pages the
model did not see); the threshold is the lowest at which cross-validated furniture precision stays
at or above --precision, since hiding article text costs more than keeping a teaser.
Deterministic: same data, same file. Usage: python scripts/train_furniture.py [--shared DIR]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from binary_logistic import export, fit, predict  # noqa: E402
from extractor.furniture import features  # noqa: E402
from extractor.readers.decode import decode_bytes  # noqa: E402
from extractor.readers.html import article_from_html  # noqa: E402
from extractor.segment import paragraphs  # noqa: E402

_WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def page_examples(news: Path) -> tuple[list[list[str]], list[int], list[int], list[int]]:
    truth = json.loads((news / "ground-truth.json").read_text(encoding="utf-8"))
    rows, labels, groups, sizes = [], [], [], []
    for number, path in enumerate(sorted((news / "html").glob("*.html.gz"))):
        page_id = path.name.split(".")[0]
        html = decode_bytes(gzip.decompress(path.read_bytes()), str(path), max_chars=10**9).text
        text = article_from_html(html, page_id, str(path)).text
        body = Counter(words(truth[page_id]["articleBody"]))
        paras = paragraphs(text)
        for index, (start, end) in enumerate(paras):
            para = text[start:end]
            mine = Counter(words(para))
            if not mine:
                continue
            shared = sum((mine & body).values())
            rows.append(features(para, index, len(paras)))
            labels.append(int(shared < 0.8 * sum(mine.values())))
            groups.append(number)
            sizes.append(sum(mine.values()))
    return rows, labels, groups, sizes


def page_frequent(rows: list[list[str]], groups: list[int], min_pages: int) -> set[str]:
    """Features seen on at least ``min_pages`` pages: a word of one page's sidebar teaches nothing."""
    pages: dict[str, set[int]] = {}
    for names, group in zip(rows, groups):
        for name in names:
            pages.setdefault(name, set()).add(group)
    return {name for name, seen in pages.items() if len(seen) >= min_pages}


def cross_validated(rows, labels, groups, c: float, min_pages: int) -> np.ndarray:
    """Leave-one-page-out probabilities (the vocabulary, too, is chosen without the held-out page)."""
    out = np.zeros(len(rows))
    for page in sorted(set(groups)):
        train = [i for i, g in enumerate(groups) if g != page]
        test = [i for i, g in enumerate(groups) if g == page]
        keep = page_frequent([rows[i] for i in train], [groups[i] for i in train], min_pages)
        vectorizer, model = fit([[n for n in rows[i] if n in keep] for i in train], [labels[i] for i in train], c)
        out[test] = predict(vectorizer, model, [[n for n in rows[i] if n in keep] for i in test])
    return out


def at_threshold(probabilities, labels, sizes, threshold: float) -> tuple[float, float, int]:
    marked = probabilities >= threshold
    y = np.array(labels, dtype=bool)
    w = np.array(sizes)
    tp = int(w[marked & y].sum())
    precision = tp / w[marked].sum() if marked.any() else 1.0
    recall = tp / w[y].sum()
    return precision, recall, int(w[marked & ~y].sum())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--out", type=Path, default=ROOT / "models" / "furniture_model.json")
    parser.add_argument("--precision", type=float, default=0.9, help="cross-validated furniture precision (words) to keep")
    parser.add_argument("--min-pages", type=int, default=2, help="a feature must occur on this many pages (2: lower leave-one-page-out loss than 3)")
    args = parser.parse_args()
    rows, labels, groups, sizes = page_examples(args.shared / "news")
    print(f"{len(rows)} paragraphs on {len(set(groups))} pages; {sum(labels)} furniture")
    best = None
    for c in (0.3, 1.0, 3.0):
        probabilities = cross_validated(rows, labels, groups, c, args.min_pages)
        y = np.array(labels)
        loss = -np.mean(y * np.log(probabilities + 1e-9) + (1 - y) * np.log(1 - probabilities + 1e-9))
        print(f"C={c}: leave-one-page-out log loss {loss:.4f}")
        if best is None or loss < best[0]:
            best = (loss, c, probabilities)
    _, c, probabilities = best
    for candidate in (0.3, 0.4, 0.5, 0.6, 0.7):
        p, r, hidden = at_threshold(probabilities, labels, sizes, candidate)
        print(f"  threshold {candidate}: precision {p:.3f}, recall {r:.3f}, article words hidden {hidden}")
    threshold = 0.99
    for candidate in np.arange(0.50, 0.99, 0.01):
        precision, _, _ = at_threshold(probabilities, labels, sizes, candidate)
        if precision >= args.precision:
            threshold = float(round(candidate, 2))
            break
    precision, recall, hidden = at_threshold(probabilities, labels, sizes, threshold)
    print(f"chosen C={c}, threshold {threshold}: leave-one-page-out furniture precision {precision:.3f}, "
          f"recall {recall:.3f} (words); article words hidden {hidden} of {sum(s for s, l in zip(sizes, labels) if not l)}")
    keep = page_frequent(rows, groups, args.min_pages)
    vectorizer, model = fit([[n for n in r if n in keep] for r in rows], labels, c)
    exported = export(vectorizer, model)
    weights = exported["weights"]
    payload = {
        "_comment": "Written by scripts/train_furniture.py (make train-furniture) from ../shared/news; do not edit.",
        "C": c, "threshold": threshold, "bias": exported["bias"],
        "cv": {"precision": round(precision, 3), "recall": round(recall, 3)},
        "weights": weights,
    }
    args.out.write_text(json.dumps(payload, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({len(weights)} weights)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
