"""Write the annotation tasks behind corpus/polnear-claims: check-worthy sentences of PolNeAR train.

The claims model learnt what a news claim is from 78 gold pages (about 2,400 sentences); the
debates and ClaimBuster it also reads are speech, not news prose. These tasks ask annotators which
sentences of PolNeAR train articles (US political news, 2015-16) a fact-checker would check, by
the claims section of corpus/news-gold/GUIDELINES.md. Each task shows one article as the product
splits it: every sentence the claims stage may score numbered [n], the rest (headline lines,
questions, fragments) shown for context without a number. The annotators see no system output.
Tasks go to a folder outside the project (the texts must not be copied into it); only offsets and
the answers are kept (corpus/polnear-claims/claims.json).
Sample: ``--n`` articles drawn with a fixed seed from the pronoun tasks' pool (articles 0-599 of
train; 600-839 stay unread for other checks), split into ``--parts`` task files.
Answers (``answers-*.json`` in OUT_DIR: {article: {"claims": [n, ...], "top3": [n, ...]}}) join the
file with ``--merge``: per article, its batch, each claim's sentence offsets, a digest of its words
(a check that the text has not moved, without copying it) and whether it is one of the article's
top three.
A later batch passes the articles already annotated (``--exclude corpus/polnear-claims/claims.json``)
and its own ``--seed``; each entry records its ``batch``, so an earlier batch's tasks are rebuilt
by excluding only the batches before it (``--batch K``). Batches 1-3 (seeds 7, 11, 13) are training
data; 4 and 5 (seeds 17, 19) are held out (scripts/eval_polnear_claims.py).
Usage: python scripts/polnear_claim_tasks.py OUT_DIR [--n 60] [--parts 4] [--seed 7] [--exclude FILE [--batch K]]
       python scripts/polnear_claim_tasks.py OUT_DIR --merge corpus/polnear-claims/claims.json
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from polnear_pronoun_tasks import sampled_articles as task_pool  # noqa: E402


def digest(sentence: str) -> str:
    """A short digest of a sentence's words: stored with its offsets so that training can check the
    text is still the one annotated, without keeping any of PolNeAR's text in the project."""
    return hashlib.sha256(" ".join(sentence.split()).encode("utf-8")).hexdigest()[:16]


def sampled_articles(shared: Path, n: int, seed: int, exclude: frozenset[str] = frozenset()) -> list:
    """``n`` articles of the task pool, leaving out those named in ``exclude`` (a batch already
    annotated), in corpus order."""
    articles = [a for a in task_pool(shared) if a.name not in exclude]
    chosen = sorted(random.Random(seed).sample(range(len(articles)), n))
    return [articles[i] for i in chosen]


def numbered_units(article) -> list[tuple[int, int, bool]]:
    """(start, end, eligible) of every unit the claims stage sees in the article, as the product
    analyses a plain-text article (the pipeline that feeds the claims stage, quotes included)."""
    from extractor.article import Article
    from extractor.components.claims.features import document_units

    doc = next(claims_pipeline().run([Article(id=article.name, text=article.text, published=article.published)]))
    units, _ = document_units(doc, vectors=False)
    return [(u.start, u.end, u.eligible) for u in units]


@functools.cache
def claims_pipeline():
    """The pipeline that feeds the claims stage (quotes included), loaded once: the tasks and the
    training (scripts/claims_data.polnear_items) read the articles through the same one."""
    from extractor.pipeline import Pipeline, Stages

    return Pipeline(None, Stages(quotes=True, claims=False))


def task_text(article, units: list[tuple[int, int, bool]]) -> tuple[str, dict[int, tuple[int, int]]]:
    """The article with its scorable sentences numbered, and number -> offsets."""
    text = article.text
    out, numbers, cursor = [], {}, 0
    for start, end, eligible in units:
        out.append(text[cursor:start])
        if eligible:
            numbers[len(numbers) + 1] = (start, end)
            out.append(f"[{len(numbers)}] {text[start:end]}")
        else:
            out.append(text[start:end])
        cursor = end
    out.append(text[cursor:])
    return "".join(out), numbers


def write_tasks(out: Path, shared: Path, n: int, parts: int, seed: int, exclude: Path | None = None,
                batch: int | None = None) -> None:
    """Task files for a new batch, or with ``batch`` those of an earlier one again (only the
    batches before it are left out of the draw, as they were when it was drawn)."""
    out.mkdir(parents=True, exist_ok=True)
    entries = json.loads(exclude.read_text(encoding="utf-8")) if exclude else []
    done = frozenset(e["article"] for e in entries if batch is None or e["batch"] < batch)
    articles = sampled_articles(shared, n, seed, done)
    index = {}
    for part in range(parts):
        chunk = articles[part::parts]
        blocks = []
        for article in chunk:
            body, numbers = task_text(article, numbered_units(article))
            index[article.name] = {str(k): v for k, v in numbers.items()}
            blocks.append(f"=== ARTICLE {article.name} ({len(numbers)} numbered sentences) ===\n{body.strip()}\n")
        (out / f"tasks-{part + 1}.txt").write_text("\n".join(blocks), encoding="utf-8")
        print(f"tasks-{part + 1}.txt: {len(chunk)} articles")
    (out / "index.json").write_text(json.dumps(index, indent=1), encoding="utf-8")


def answers(out: Path, tasks, seen: set[str]) -> Iterator[tuple[Path, str, dict]]:
    """Every (file, article, answer) of the ``answers-*.json`` files in ``out``, in file order; stops
    at an article that is not among ``tasks`` or is in ``seen`` (answered twice), and adds each to it."""
    for path in sorted(out.glob("answers-*.json")):
        for name, answer in json.loads(path.read_text(encoding="utf-8")).items():
            if name not in tasks or name in seen:
                raise SystemExit(f"{path}: article {name} is not a task, or is answered twice")
            seen.add(name)
            yield path, name, answer


def write_entries(into: Path, entries: list[dict]) -> None:
    """The merged entries, sorted by article, as the corpus file ``into``."""
    entries.sort(key=lambda e: e["article"])
    into.parent.mkdir(parents=True, exist_ok=True)
    into.write_text(json.dumps(entries, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def merge(out: Path, into: Path, shared: Path) -> None:
    """Add the answers in ``out`` to ``into``: per article, its claims' offsets and digests,
    checked (known sentence numbers, top three among the claims, no article twice)."""
    index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    texts = {a.name: a.text for a in task_pool(shared)}
    entries = json.loads(into.read_text(encoding="utf-8")) if into.exists() else []
    seen = {e["article"] for e in entries}
    batch = max((e["batch"] for e in entries), default=0) + 1
    for path, name, answer in answers(out, index, seen):
        numbers = index[name]
        claims = sorted({int(k) for k in answer.get("claims", [])})
        top3 = {int(k) for k in answer.get("top3", [])}
        unknown = [k for k in claims if str(k) not in numbers]
        if unknown or not top3 <= set(claims) or len(top3) > 3:
            raise SystemExit(f"{path}: article {name}: unknown sentences {unknown} or a top three "
                             f"{sorted(top3)} that is not among its claims")
        spans = []
        for k in claims:
            start, end = numbers[str(k)]
            spans.append({"start": start, "end": end, "digest": digest(texts[name][start:end]), "top3": k in top3})
        entries.append({"article": name, "batch": batch, "sentences": len(numbers), "claims": spans})
    write_entries(into, entries)
    print(f"{into}: {len(entries)} articles, {sum(len(e['claims']) for e in entries)} claims "
          f"of {sum(e['sentences'] for e in entries)} sentences")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="a folder outside the project for tasks and answers")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--n", type=int, default=60)
    parser.add_argument("--parts", type=int, default=4)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--exclude", type=Path, help="a claims file whose articles are not drawn again (a later batch)")
    parser.add_argument("--batch", type=int,
                        help="with --exclude: write the tasks of this earlier batch again (only the batches before it are excluded)")
    parser.add_argument("--merge", type=Path, help="add the answers in OUT to this file")
    args = parser.parse_args()
    if args.merge:
        merge(args.out, args.merge, args.shared)
    else:
        write_tasks(args.out, args.shared, args.n, args.parts, args.seed, args.exclude, args.batch)


if __name__ == "__main__":
    main()
