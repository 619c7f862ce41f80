"""Corpus database benchmark: load throughput, file size per 1,000 articles, and `who` query time
on a large synthetic corpus. Prints figures, asserts nothing.

Real records first: ``--records FILE`` (JSON lines from `extractor extract`), else the 84 PolNeAR
dev articles extracted now when ../shared is present, else the project's own corpus/articles.
The synthetic corpus repeats those records with new article ids (and publication dates spread
over three years, so "newest first" has work to do) until it holds ``--articles`` articles.

Figures: load time and articles per second for 1,000 articles into a new database and for the
whole synthetic corpus (people settled included), the file size per 1,000 articles, a reload of
the same 1,000 (all skipped), and the median time of `who` for the most quoted person, with and
without ``--about``, over ``--runs`` runs, in process and as the command line (a fresh process).
Usage: ``python bench/db_bench.py [--articles N] [--records FILE] [--shared DIR]`` (``make bench``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor.db import load_files, open_db  # noqa: E402
from extractor.db.queries import top_speakers, who  # noqa: E402


def real_records(args: argparse.Namespace, tmp: Path) -> list[dict]:
    """The real records the synthetic corpus is made of (extracted now unless --records is given)."""
    if args.records:
        path = args.records
    else:
        source = args.shared / "polnear" / "dev" / "text"
        if not source.is_dir():
            source = ROOT / "corpus" / "articles"
        path = tmp / "real.jsonl"
        print(f"extracting the real records from {source} ...", flush=True)
        subprocess.run([sys.executable, "-m", "extractor", "extract", str(source), "-o", str(path), "-q"], check=True)
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in records if not r.get("error")]


def synthetic(records: list[dict], count: int, path: Path) -> Path:
    """``count`` articles: the real records again and again, each copy with a new id and date."""
    start = dt.date(2022, 1, 1)
    with path.open("w", encoding="utf-8") as handle:
        for n in range(count):
            record = records[n % len(records)]
            copy = dict(record, article=dict(record["article"], id=f"{record['article']['id']}#{n // len(records)}",
                                             published=(start + dt.timedelta(days=n % 1096)).isoformat()))
            handle.write(json.dumps(copy, ensure_ascii=False) + "\n")
    return path


def db_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))


def timed_load(db_path: Path, facts: Path) -> tuple[float, str]:
    """Wall seconds of one load, and its summary line with the CPU seconds it took (the machine may be shared)."""
    db = open_db(db_path)
    started, cpu = time.perf_counter(), time.process_time()
    summary = load_files(db, [facts])
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return seconds, f"{summary.line()}; CPU {cpu:.1f} s"


def median_time(runs: int, call) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=50_000, help="Size of the synthetic corpus for the query figures.")
    parser.add_argument("--records", type=Path, help="Real records to repeat (default: extract them now).")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="db-bench-") as name:
        tmp = Path(name)
        records = real_records(args, tmp)
        print(f"real records: {len(records)} articles")

        small = synthetic(records, 1000, tmp / "1k.jsonl")
        seconds, line = timed_load(tmp / "1k.db", small)
        size = db_size(tmp / "1k.db")
        print(f"load 1,000 articles into a new database: {seconds:6.1f} s ({1000 / seconds:,.0f} articles/s); {line}")
        print(f"database size per 1,000 articles:       {size / 1e6:6.1f} MB (JSON lines: {small.stat().st_size / 1e6:.1f} MB)")
        seconds, line = timed_load(tmp / "1k.db", small)
        print(f"reload the same 1,000 (all unchanged):   {seconds:6.1f} s; {line}")

        big = synthetic(records, args.articles, tmp / "big.jsonl")
        seconds, line = timed_load(tmp / "big.db", big)
        size = db_size(tmp / "big.db")
        print(f"load {args.articles:,} articles:                {seconds:6.1f} s ({args.articles / seconds:,.0f} articles/s); {line}")
        print(f"database size at {args.articles:,}:             {size / 1e9:6.2f} GB ({size / args.articles * 1000 / 1e6:.1f} MB per 1,000)")

        db = open_db(tmp / "big.db")
        name_ = top_speakers(db, 1)[0]["name"]
        count = len(who(db, name_)[1])
        about_word = "people"
        in_process = median_time(args.runs, lambda: who(db, name_))
        about = median_time(args.runs, lambda: who(db, name_, about=about_word))
        limited = median_time(args.runs, lambda: who(db, name_, limit=20))
        db.close()
        command = [sys.executable, "-m", "extractor", "who", name_, "--db", str(tmp / "big.db"), "--format", "csv"]
        cli = median_time(args.runs, lambda: subprocess.run(command, check=True, capture_output=True))
        print(f"who {name_!r} at {args.articles:,} articles ({count:,} quotes), median of {args.runs}:")
        print(f"  every quote, in process:               {in_process * 1000:8.1f} ms")
        print(f"  newest 20 (--limit 20), in process:    {limited * 1000:8.1f} ms")
        print(f"  --about {about_word}, in process:            {about * 1000:8.1f} ms")
        print(f"  extractor who ... --format csv (fresh process, all rows): {cli:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
