"""Train the claim model (models/claims_model.json) from the ClaimBuster sentences.

Why ClaimBuster only: it is published under CC BY 4.0 (Zenodo record 3836810), so weights
trained on it may ship with attribution; CheckThat! 2019 is "free for general research use",
so it is used for evaluation only. Sentences that also occur in a CheckThat! debate (three 2016
presidential debates are in both) and the ClaimBuster test sentences are left out of training,
so both evaluations score sentences the model never saw.

Reproducible: fixed data, fixed hyper-parameters, a deterministic solver. Usage:

    python scripts/train_claims.py --claimbuster ../shared/claims/claimbuster \\
        --checkthat ../shared/claims/checkthat2019/training --out models/claims_model.json
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor.components.claims import ClaimModel, sentence_features  # noqa: E402
from extractor.pipeline import Stages, build_nlp  # noqa: E402

#: Inverse regularisation strength, chosen by 5-fold cross-validation on the training sentences.
C = 0.1
#: Weights smaller than this are dropped: they change no decision and only grow the file.
MIN_WEIGHT = 1e-3
#: Features seen in fewer training sentences than this are dropped (names, typos).
MIN_COUNT = 2
THRESHOLD = 0.5


def normalized(text: str) -> str:
    """A key for spotting the same sentence in two data sets despite punctuation and case."""
    return re.sub(r"\W+", " ", text.lower()).strip()


def checkthat_keys(directory: Path) -> set[str]:
    keys = set()
    for path in sorted(directory.glob("*.tsv")):
        for line in path.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) >= 3:
                keys.add(normalized(parts[2]))
    return keys


def training_rows(claimbuster: Path, checkthat: Path | None) -> tuple[list[dict], dict]:
    """ClaimBuster train.json minus sentences seen in test.json or in any CheckThat! debate."""
    rows = json.loads((claimbuster / "train.json").read_text(encoding="utf-8"))
    held_out = {normalized(r["text"]) for r in json.loads((claimbuster / "test.json").read_text(encoding="utf-8"))}
    in_checkthat = checkthat_keys(checkthat) if checkthat else set()
    kept, dropped_test, dropped_checkthat = [], 0, 0
    for row in rows:
        key = normalized(row["text"])
        if key in held_out:
            dropped_test += 1
        elif key in in_checkthat:
            dropped_checkthat += 1
        else:
            kept.append(row)
    stats = {"claimbuster_train": len(rows), "kept": len(kept), "dropped_in_test": dropped_test,
             "dropped_in_checkthat": dropped_checkthat, "positives": sum(r["label"] for r in kept)}
    return kept, stats


def featurize(texts: Iterable[str], nlp) -> list[list[str]]:
    """Features of each text as one article, through the same pipeline as at run time."""
    docs = (nlp.make_doc(text) for text in texts)
    return [sentence_features(doc[:]) for doc in nlp.pipe(docs, batch_size=256)]


def fit(features: list[list[str]], labels: list[int], c: float = C) -> ClaimModel:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts: dict[str, int] = {}
    for feats in features:
        for f in feats:
            counts[f] = counts.get(f, 0) + 1
    kept = [{f: 1 for f in feats if counts[f] >= MIN_COUNT} for feats in features]
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform(kept).tocsr()
    x.indices, x.indptr = x.indices.astype("int32"), x.indptr.astype("int32")  # liblinear wants 32-bit
    clf = LogisticRegression(C=c, class_weight="balanced", solver="liblinear", max_iter=1000, random_state=0)
    clf.fit(x, labels)
    names = vectorizer.get_feature_names_out()
    weights = {str(n): round(float(w), 4) for n, w in zip(names, clf.coef_[0]) if abs(w) >= MIN_WEIGHT}
    return ClaimModel(weights=weights, bias=round(float(clf.intercept_[0]), 4), threshold=THRESHOLD)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--claimbuster", type=Path, required=True)
    parser.add_argument("--checkthat", type=Path, default=None, help="CheckThat! TSVs whose sentences to keep out of training")
    parser.add_argument("--out", type=Path, default=ROOT / "models" / "claims_model.json")
    args = parser.parse_args(argv)

    rows, stats = training_rows(args.claimbuster, args.checkthat)
    nlp = build_nlp(None, Stages(quotes=False, claims=False))
    features = featurize((r["text"] for r in rows), nlp)
    model = fit(features, [int(r["label"]) for r in rows])
    model.meta = {
        "trained_on": "ClaimBuster (Arslan et al., ICWSM 2020), two_class/train.json, CC BY 4.0, doi:10.5281/zenodo.3609356",
        "excluded": "sentences also in ClaimBuster test.json or in any CheckThat! 2019 training debate",
        "data": stats, "C": C, "min_count": MIN_COUNT, "features": len(model.weights),
    }
    args.out.write_text(json.dumps(model.to_dict(), ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n",
                        encoding="utf-8")
    print(f"wrote {args.out}: {len(model.weights)} weights; {stats}")


if __name__ == "__main__":
    main()
