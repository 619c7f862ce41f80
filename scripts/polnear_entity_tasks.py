"""Write the annotation tasks behind corpus/polnear-entities: named entities of PolNeAR train articles.

The entity decision learnt real news from 78 gold pages; its other data, CoNLL-2003, is Reuters of
1996. These tasks ask annotators for every PERSON, ORG, COUNTRY and LOCATION in PolNeAR train
articles (US political news, 2015-16) by the entities section of corpus/news-gold/GUIDELINES.md,
in the gold's draft form: per entity its type, canonical name, the names that mark every whole-word
occurrence, and the offsets to leave out (``except``). Each task shows an article with the offset of
each paragraph; the annotators see no system output. Tasks go to a folder outside the project (the
texts must not be copied into it); only offsets and the names are kept
(corpus/polnear-entities/entities.json).
Sample: ``--n`` articles drawn with a fixed seed from the pronoun tasks' pool (articles 0-599 of
train), split into ``--parts`` task files.

Usage: python scripts/polnear_entity_tasks.py OUT_DIR [--n 60] [--parts 6] [--seed 23]
       python scripts/polnear_entity_tasks.py OUT_DIR --find ARTICLE "words"
       python scripts/polnear_entity_tasks.py OUT_DIR --check answers-K.json
       python scripts/polnear_entity_tasks.py OUT_DIR --merge corpus/polnear-entities/entities.json
Answers (``answers-*.json`` in OUT_DIR): {article: {"entities": [{"type", "name", "names", "except"?,
"mentions"?}], "notes"?}}.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from news_gold import DraftError, build_entities, print_occurrences  # noqa: E402
from polnear_claim_tasks import answers, digest, write_entries  # noqa: E402
from polnear_pronoun_tasks import sampled_articles as task_pool  # noqa: E402


def write_tasks(out: Path, shared: Path, n: int, parts: int, seed: int) -> None:
    """Task files: each article's paragraphs, each with its offset in the article's text."""
    out.mkdir(parents=True, exist_ok=True)
    pool = task_pool(shared)
    articles = [pool[i] for i in sorted(random.Random(seed).sample(range(len(pool)), n))]
    for part in range(parts):
        blocks = []
        for article in articles[part::parts]:
            lines, offset = [], 0
            for paragraph in article.text.split("\n"):
                if paragraph.strip():
                    lines.append(f"[{offset}] {paragraph}")
                offset += len(paragraph) + 1
            blocks.append(f"=== ARTICLE {article.name} ===\n" + "\n".join(lines) + "\n")
        (out / f"tasks-{part + 1}.txt").write_text("\n".join(blocks), encoding="utf-8")
        print(f"tasks-{part + 1}.txt: {len(articles[part::parts])} articles")
    (out / "index.json").write_text(json.dumps([a.name for a in articles], indent=1), encoding="utf-8")


def placed(text: str, answer: dict) -> list[dict]:
    """The answer's entities with every mention placed (the gold pages' rules: longest names first,
    whole words, no overlaps, ``except`` offsets left out)."""
    return build_entities(text, answer.get("entities", []), [])


def check(out: Path, answers: Path, shared: Path) -> None:
    """Every mention of every answered article in its context, for the annotator to read over."""
    texts = {a.name: a.text for a in task_pool(shared)}
    for name, answer in json.loads(answers.read_text(encoding="utf-8")).items():
        text = texts[name]
        try:
            entities = placed(text, answer)
        except DraftError as exc:
            print(f"{name}: {exc}")
            continue
        for entity in entities:
            for m in entity["mentions"]:
                s, e = m["start"], m["end"]
                context = f"{text[max(0, s - 40):s]}[[{text[s:e]}]]{text[e:e + 30]}".replace("\n", " / ")
                print(f"{name} {entity['type']:8} {entity['name'][:28]:28} {s:>6}  {context}")


def merge(out: Path, into: Path, shared: Path) -> None:
    """The answers in ``out`` as one file: per article, each entity's type, name and mentions
    (offsets, the name as written, and a digest of the article so a moved text is caught)."""
    tasks = set(json.loads((out / "index.json").read_text(encoding="utf-8")))
    texts = {a.name: a.text for a in task_pool(shared)}
    entries = []
    for path, name, answer in answers(out, tasks, set()):
        try:
            entities = placed(texts[name], answer)
        except DraftError as exc:
            raise SystemExit(f"{path}: article {name}: {exc}") from exc
        entries.append({"article": name, "digest": digest(texts[name]), "notes": answer.get("notes", ""),
                        "entities": [{"type": e["type"], "name": e["name"],
                                      "mentions": [[m["start"], m["end"], texts[name][m["start"]:m["end"]]] for m in e["mentions"]]}
                                     for e in entities]})
    write_entries(into, entries)
    print(f"{into}: {len(entries)} articles, {sum(len(e['entities']) for e in entries)} entities, "
          f"{sum(len(x['mentions']) for e in entries for x in e['entities'])} mentions")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="a folder outside the project for tasks and answers")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--n", type=int, default=60)
    parser.add_argument("--parts", type=int, default=6)
    parser.add_argument("--seed", type=int, default=23)
    parser.add_argument("--find", nargs=2, metavar=("ARTICLE", "WORDS"), help="offsets of WORDS in ARTICLE, in context")
    parser.add_argument("--check", type=Path, help="print every mention an answers file marks, in context")
    parser.add_argument("--merge", type=Path, help="join the answers in OUT into this file")
    args = parser.parse_args()
    if args.find:
        print_occurrences({a.name: a.text for a in task_pool(args.shared)}[args.find[0]], args.find[1])
    elif args.check:
        check(args.out, args.check, args.shared)
    elif args.merge:
        merge(args.out, args.merge, args.shared)
    else:
        write_tasks(args.out, args.shared, args.n, args.parts, args.seed)


if __name__ == "__main__":
    main()
