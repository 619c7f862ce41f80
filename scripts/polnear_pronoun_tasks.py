"""Write the annotation tasks behind corpus/polnear-pronouns: real pronoun speakers of PolNeAR train.

PolNeAR marks a source as the words on the page ("he"), not whom they stand for, so the speaker
ranker learnt pronouns only from named sources with the name hidden. These tasks ask annotators
whom a real pronoun source stands for. Each task shows the article's opening line and the text
before the pronoun (at most WINDOW characters, the ranker's own reach) with the pronoun marked
[[he]]; the annotators see no system output. Tasks go to a folder outside the project (the texts
must not be copied into it); only offsets and the answer are kept (corpus/polnear-pronouns).
Sample: articles 0-599 of train (600-839 stay unread for other checks), at most two pronouns per
article, drawn with a fixed seed. A later batch passes the tasks already annotated (``--exclude
corpus/polnear-pronouns/pronouns.json``) and its own ``--seed``: the same articles, pronouns not yet
asked about, again at most two per article in the batch.
The annotators' answers (``answers-*.jsonl`` in OUT_DIR, one {"task", "antecedent", "kind",
"unsure"} per line) join the file with ``--merge``: each task's offsets, pronoun and answer.
Usage: python scripts/polnear_pronoun_tasks.py OUT_DIR [--n 400] [--parts 4] [--exclude FILE] [--seed N]
       python scripts/polnear_pronoun_tasks.py OUT_DIR --merge corpus/polnear-pronouns/pronouns.json
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor.eval.polnear_corpus import read_split  # noqa: E402

PRONOUNS = frozenset({"he", "she", "it", "they", "him", "her"})
WINDOW = 3000
FIRST_ARTICLES = 600


def sampled_articles(shared: Path) -> list:
    """The PolNeAR train articles tasks are drawn from (the first FIRST_ARTICLES)."""
    return read_split(shared / "polnear", "train")[:FIRST_ARTICLES]


def candidates(articles: list) -> list[dict]:
    out = []
    for number, article in enumerate(articles):
        seen = set()
        for attribution in article.attributions:
            if not attribution.source:
                continue
            start, end = attribution.source[0]
            if article.text[start:end].lower() in PRONOUNS and (start, end) not in seen:
                seen.add((start, end))
                out.append({"article": article.name, "number": number, "start": start, "end": end,
                            "pronoun": article.text[start:end]})
    return out


def view(text: str, start: int, end: int) -> str:
    """Opening line, then the text before the pronoun up to the end of its sentence, pronoun marked."""
    stop = len(text)
    for mark in (". ", ".\n", "? ", "! ", "\n"):
        found = text.find(mark, end)
        if found != -1:
            stop = min(stop, found + 1)
    head = text.split("\n", 1)[0]
    begin = max(0, start - WINDOW)
    body = text[begin:start] + "[[" + text[start:end] + "]]" + text[end:stop]
    return (f"HEADLINE/OPENING LINE: {head}\n\n" if begin > 0 else "") + ("..." if begin > 0 else "") + body


KINDS = frozenset({"person", "organization", "group", "unnamed", "none"})


def merge(out: Path, into: Path, shared: Path) -> None:
    """Append the answers in ``out`` to ``into`` (checked: known kinds, a name only for a named
    referent, no task twice), in article and offset order after the entries already there."""
    entries = json.loads(into.read_text(encoding="utf-8"))
    texts = {a.name: a.text for a in sampled_articles(shared)}
    new = []
    seen = {(e["article"], e["start"]) for e in entries}
    for path in sorted(out.glob("answers-*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            answer = json.loads(line)
            article, offsets = answer["task"].rsplit(":", 1)
            start, end = (int(x) for x in offsets.split("-"))
            kind, name = answer["kind"], answer["antecedent"]
            if kind not in KINDS or (name is None) != (kind not in ("person", "organization")):
                raise SystemExit(f"{path}:{number}: kind {kind!r} with antecedent {name!r}: fix the answer")
            if (article, start) in seen:
                raise SystemExit(f"{path}:{number}: task {answer['task']} is already in {into}")
            seen.add((article, start))
            new.append({"article": article, "start": start, "end": end, "pronoun": texts[article][start:end],
                        "antecedent": name, "kind": kind, "unsure": bool(answer.get("unsure"))})
    entries += sorted(new, key=lambda e: (e["article"], e["start"]))
    lines = ",\n".join(json.dumps(e, ensure_ascii=False) for e in entries)
    into.write_text(f"[\n{lines}\n]\n", encoding="utf-8")
    print(f"{len(new)} answers added; {len(entries)} in {into}", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--n", type=int, default=400)
    parser.add_argument("--parts", type=int, default=4)
    parser.add_argument("--exclude", type=Path, default=None, help="Tasks already annotated (pronouns.json).")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--merge", type=Path, default=None, help="Append OUT_DIR's answers to this pronouns.json.")
    args = parser.parse_args()
    if args.merge:
        merge(args.out, args.merge, args.shared)
        return
    done = set()
    if args.exclude:
        done = {(d["article"], d["start"]) for d in json.loads(args.exclude.read_text(encoding="utf-8"))}
    articles = sampled_articles(args.shared)
    pool = [item for item in candidates(articles) if (item["article"], item["start"]) not in done]
    random.Random(args.seed).shuffle(pool)
    per_article: dict[str, int] = {}
    chosen = []
    for item in pool:
        if per_article.get(item["article"], 0) < 2 and len(chosen) < args.n:
            per_article[item["article"]] = per_article.get(item["article"], 0) + 1
            chosen.append(item)
    texts = {a.name: a.text for a in articles}
    args.out.mkdir(parents=True, exist_ok=True)
    for part in range(args.parts):
        items = chosen[part::args.parts]
        with (args.out / f"tasks-{part + 1}.txt").open("w", encoding="utf-8") as f:
            for item in items:
                key = f"{item['article']}:{item['start']}-{item['end']}"
                f.write(f"=== TASK {key}\n{view(texts[item['article']], item['start'], item['end'])}\n\n")
        print(f"part {part + 1}: {len(items)} tasks", file=sys.stderr)


if __name__ == "__main__":
    main()
