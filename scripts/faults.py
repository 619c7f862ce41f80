"""`make faults`: replay every reported input/review fault end to end and say whether the fix holds.

Each case builds its own inputs in a temporary directory, runs the real command line
(``.venv/bin/extractor`` in a subprocess) or a real review server started by it, and returns
(what was tried, held). The table lists them all; the exit status is 1 when any did not hold.
Cases for signals, the worker pool and Dask live in scripts/faults_batch.py (same shape) and
run here too when that file exists.
"""

from __future__ import annotations

import csv
import http.client
import importlib.util
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXTRACTOR = next((p for p in (Path(sys.executable).parent / "extractor", ROOT / ".venv" / "bin" / "extractor") if p.exists()), Path("extractor"))
Case = tuple[str, Callable[[], tuple[str, bool]]]
TMP = Path(tempfile.mkdtemp(prefix="extractor-faults-"))

TEXT = (
    'Mayor Ann Lee said the bridge will cost 5 million euros. "We will build it by 2026," Lee said. '
    "Critics, including Tom Ray of the Harbour Group, said the cost had doubled since 2019."
)
EVIL_ID = '=HYPERLINK("http://evil.example","x")'
EVIL_URL = '=HYPERLINK("http://evil.example")'


# --- helpers -------------------------------------------------------------------------------------


def cli(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(EXTRACTOR), *args], capture_output=True, text=True, timeout=timeout, cwd=TMP)


def extract(name: str, data: bytes, *args: str) -> tuple[subprocess.CompletedProcess[str], list[dict]]:
    """`extractor extract FILE -o OUT -q ARGS`: the process and the records it wrote."""
    path, out = TMP / name, TMP / f"{name}.out.jsonl"
    path.write_bytes(data)
    run = cli("extract", str(path), "-o", str(out), "-q", *args)
    records = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()] if out.exists() else []
    return run, records


def jsonl(*objects: dict | str) -> bytes:
    return "".join((o if isinstance(o, str) else json.dumps(o)) + "\n" for o in objects).encode("utf-8")


def codes(record: dict) -> list[str]:
    return [w["code"] for w in record["warnings"]]


@contextmanager
def review_server() -> Iterator[tuple[int, Path]]:
    """`extractor review FACTS --port 0 --no-browser` on two extracted articles, with an empty review
    log: (port, review log path). The facts are extracted once and shared by every server."""
    facts = TMP / "review" / "facts.jsonl"
    if not facts.exists():
        facts.parent.mkdir(exist_ok=True)
        source = TMP / "review" / "in.jsonl"
        source.write_bytes(jsonl({"id": "city", "text": TEXT, "published": "2024-06-12", "url": "https://news.example/bridge"},
                                 {"id": EVIL_ID, "text": "Mayor Ann Lee said the tax will rise by 3 percent next year.", "url": EVIL_URL}))  # fmt: skip
        run = cli("extract", str(source), "-o", str(facts), "-q")
        assert run.returncode == 0, run.stderr
    facts.with_name("facts.review.jsonl").unlink(missing_ok=True)
    proc = subprocess.Popen([str(EXTRACTOR), "review", str(facts), "--port", "0", "--no-browser"], stderr=subprocess.PIPE, text=True, cwd=TMP)
    try:
        port = None
        deadline = time.monotonic() + 120
        while port is None and time.monotonic() < deadline:
            line = proc.stderr.readline()
            if not line:
                raise RuntimeError("the review server exited before listening")
            if m := re.search(r"http://127\.0\.0\.1:(\d+)/", line):
                port = int(m.group(1))
        assert port is not None, "the review server never printed its address"
        threading.Thread(target=proc.stderr.read, daemon=True).start()  # keep its pipe drained
        yield port, facts.with_name("facts.review.jsonl")
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()


def post(port: int, body: dict | str, timeout: float = 30) -> tuple[int, dict]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    payload = body if isinstance(body, str) else json.dumps(body)
    headers = {"Origin": f"http://127.0.0.1:{port}", "Content-Type": "application/json"}
    conn.request("POST", "/api/decisions", body=payload, headers=headers)
    response = conn.getresponse()
    data = response.read()
    conn.close()
    return response.status, json.loads(data) if data else {}


# --- 1, 2, 3: readers ---------------------------------------------------------------------------


def deep_json_line() -> tuple[str, bool]:
    run, records = extract("deep.jsonl", jsonl({"id": "a", "text": TEXT}, "[" * 100_000 + "]" * 100_000, {"id": "b", "text": TEXT}))
    errors = [r["error"] and r["error"]["code"] for r in records]
    message = records[1]["error"]["message"] if len(records) == 3 and records[1]["error"] else ""
    held = run.returncode == 0 and errors == [None, "malformed_json", None] and message.startswith(str(TMP / "deep.jsonl") + ":2:")
    return f"JSON line nested 100,000 deep between two good lines: exit {run.returncode}, errors {errors}", held


def deep_json_body() -> tuple[str, bool]:
    with review_server() as (port, _):
        status, data = post(port, "[" * 30_000 + "]" * 30_000)
        after, _ = post(port, {"record_id": "city", "item_id": "Q1", "decision": "accept"})
    return f"review POST nested 30,000 deep: {status} {data.get('error')!r}; next save {after}", status == 400 and "error" in data and after == 200


def lone_surrogates() -> tuple[str, bool]:
    line = '{"id": "s\\ud800", "title": "T\\udc00", "text": "The mayor said \\ud800 the bridge will open on Monday."}'
    run, records = extract("surrogate.jsonl", (line + "\n").encode("ascii"))
    ok = run.returncode == 0 and len(records) == 1 and "invalid_unicode" in codes(records[0]) and records[0]["article"]["id"] == "s\ufffd"
    return f'"\\ud800" in id, title and text: exit {run.returncode}, warnings {codes(records[0]) if records else None}', ok


def utf16_files() -> tuple[str, bool]:
    story = "Le ministre a déclaré que la réforme était prête, a dit le porte-parole lundi.\n"
    results = []
    for name, data in [("bom.txt", story.encode("utf-16")), ("le.txt", story.encode("utf-16-le")), ("be.txt", story.encode("utf-16-be"))]:
        run, records = extract(name, data)
        error = (records[0]["error"] or {}).get("code") if records else "no record"
        results.append((name, run.returncode, error, records[0]["text"] == story if records else False))
    held = all(rc == 0 and err is None and same for _, rc, err, same in results)
    return "UTF-16 with BOM, LE and BE without: " + ", ".join(f"{n} {'text ok' if s else e}" for n, _, e, s in results), held


def late_nul() -> tuple[str, bool]:
    body = ("The council met on Monday. " * 400).encode("ascii")  # 10,800 bytes
    _, records = extract("late-nul.txt", body[:9000] + b"\x00" + body[9000:])
    code = records[0]["error"]["code"] if records and records[0]["error"] else None
    return f"NUL byte at offset 9,000 of a text file: error {code}", code == "binary_input"


# --- 6: review server -------------------------------------------------------------------------


def concurrent_saves() -> tuple[str, bool]:
    n = 200
    with review_server() as (port, log):
        barrier = threading.Barrier(n)
        results: list[object] = [None] * n

        def save(i: int) -> None:
            barrier.wait()
            try:
                results[i] = post(port, {"record_id": "city", "item_id": ("Q1", "Q2", "Q3", "C1", "C2")[i % 5], "decision": "accept"})[0]
            except OSError as exc:
                results[i] = type(exc).__name__

        threads = [threading.Thread(target=save, args=(i,)) for i in range(n)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        kept = len(log.read_text(encoding="utf-8").splitlines()) if log.exists() else 0
    failed = [r for r in results if r != 200]
    return f"{n} concurrent saves: {n - len(failed)} acknowledged, {kept} lines kept, failures {sorted(set(map(str, failed)))}", not failed and kept == n


def accept_verdict_race() -> tuple[str, bool]:
    base = {"record_id": "city", "item_id": "C1", "decision": "accept"}
    with review_server() as (port, log):
        post(port, {**base, "verdict": {"note": "v0", "rating": 1}})

        def worker(k: int) -> None:
            for j in range(10):
                post(port, {**base, "verdict": {"note": f"v{k}-{j}", "rating": 2}} if k % 2 else base)

        threads = [threading.Thread(target=worker, args=(k,)) for k in range(16)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        lines = [json.loads(x) for x in log.read_text(encoding="utf-8").splitlines()]
    seen: set[str] = set()
    stale = 0
    for i, line in enumerate(lines):
        note = (line["verdict"] or {}).get("note")
        if note is None or (note in seen and note != (lines[i - 1]["verdict"] or {}).get("note")):
            stale += 1
        seen.add(note)
    return f"{len(lines) - 1} accepts and verdicts on one claim from 16 threads: {stale} lines with a lost or older verdict", stale == 0 and len(lines) == 161


def short_body() -> tuple[str, bool]:
    with review_server() as (port, log):
        sock = socket.create_connection(("127.0.0.1", port), timeout=30)
        head = f"POST /api/decisions HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: http://127.0.0.1:{port}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n"
        sock.sendall(head.encode("ascii") + b'{"record_id": ')
        started, reply = time.monotonic(), b""
        try:
            while chunk := sock.recv(4096):
                reply += chunk
        except TimeoutError:
            pass
        sock.close()
        waited = time.monotonic() - started
        after, _ = post(port, {"record_id": "city", "item_id": "Q1", "decision": "accept"})
    status = reply.split(b"\r\n", 1)[0].decode("latin-1")
    held = status.endswith("408 Request Timeout") and waited < 25 and after == 200
    return f"body 14 of 100 bytes then silence: '{status}' after {waited:.1f} s; server still saves ({after})", held


# --- 7: exports --------------------------------------------------------------------------------


def extract_csv() -> tuple[str, bool]:
    path = TMP / "evil.jsonl"
    path.write_bytes(jsonl({"id": EVIL_ID, "text": TEXT, "url": EVIL_URL}))
    out = TMP / "evil.csv"
    run = cli("extract", str(path), "--format", "csv", "-o", str(out), "-q")
    rows = list(csv.reader(out.open(encoding="utf-8", newline=""))) if out.exists() else []
    bad = [c for row in rows[1:] for c in row if c.startswith(("=", "+", "-", "@"))]
    return f"extract --format csv, article id {EVIL_ID}: exit {run.returncode}, {len(rows) - 1} rows, formula cells {len(bad)}", run.returncode == 0 and len(rows) > 1 and not bad


def review_exports() -> tuple[str, bool]:
    with review_server() as (port, _):
        post(port, {"record_id": EVIL_ID, "item_id": "Q1", "decision": "accept"})
        post(port, {"record_id": "city", "item_id": "C1", "decision": "accept", "verdict": {"note": "False </script><script>alert(1)</script> & co", "rating": 1}})
    facts = TMP / "review" / "facts.jsonl"
    out_csv, out_ld = TMP / "review" / "verified.csv", TMP / "review" / "claimreview.jsonld"
    cli("review", str(facts), "--export", str(out_csv))
    cli("review", str(facts), "--export", str(out_ld))
    rows = list(csv.DictReader(out_csv.open(encoding="utf-8", newline=""))) if out_csv.exists() else []
    evil = [r for r in rows if r["article_id"].lstrip("'") == EVIL_ID]
    cells_ok = bool(evil) and evil[0]["article_id"] == "'" + EVIL_ID and evil[0]["url"] == "'" + EVIL_URL
    ld = out_ld.read_text(encoding="utf-8") if out_ld.exists() else ""
    ld_ok = bool(ld) and "</script>" not in ld and "<" not in ld and json.loads(ld)[0]["reviewRating"]["alternateName"].startswith("False </script>")
    return f"review CSV article_id/url escaped: {cells_ok}; ClaimReview without a literal '<': {ld_ok}", cells_ok and ld_ok


# --- 8: smaller ------------------------------------------------------------------------------


def stray_guillemet() -> tuple[str, bool]:
    text = "Prices rose « sharply last year. “We are worried,” said Anna Smith. “It is bad,” said John Jones."
    _, records = extract("guillemet.txt", text.encode("utf-8"))
    quotes = [q["text"] for q in records[0]["quotes"]] if records else []
    return f"stray « before two quotes: found {quotes}", quotes == ["We are worried,", "It is bad,"]


def run_on_sentence() -> tuple[str, bool]:
    started = time.monotonic()
    run, records = extract("run-on.txt", " ".join(["the"] * 50_000).encode("ascii"))
    took = time.monotonic() - started
    warned = bool(records) and "long_sentence" in codes(records[0])
    return f"50,000 words, no punctuation: {took:.1f} s with model loading, long_sentence warning {warned}", run.returncode == 0 and warned and took < 45


def extreme_published() -> tuple[str, bool]:
    text = "The council met on Monday. The vote is on March 3, 2019, and again in 2020. Yesterday it rained."
    found = []
    for published in ("0001-01-01", "9999-12-31"):
        _, records = extract(f"pub-{published}.txt", text.encode("ascii"), "--published", published)
        r = records[0] if records else {"dates": [], "warnings": []}
        found.append((published, [(d["text"], d["value"]) for d in r["dates"]], "dates_failed" in codes(r)))
    held = all(len(dates) == 4 and ("March 3, 2019", "2019-03-03") in dates and not failed for _, dates, failed in found)
    return "published " + "; ".join(f"{p}: {len(d)} dates{' (dates_failed)' if f else ''}" for p, d, f in found), held


def nested_html() -> tuple[str, bool]:
    para = "<p>The mayor of Springfield said on Monday that the new bridge over the river will open in June, after three years of work.</p>\n"
    depth = 5_000_000 // 11  # "<div>" + "</div>" per level
    page = "<html><head><title>Bridge opens</title></head><body>" + "<div>" * depth + para * 5 + "</div>" * depth + "</body></html>"
    run, records = extract("nested.html", page.encode("utf-8"))
    r = records[0] if records else {"error": "none", "text": ""}
    held = run.returncode == 0 and r["error"] is None and r["text"].count("The mayor of Springfield") == 5
    return f"{len(page) / 1e6:.1f} MB page, article under {depth:,} nested divs: error {r['error'] and r['error']['code']}", held


CASES: list[Case] = [
    ("1 deep JSON line (reader)", deep_json_line),
    ("1 deep JSON body (review server)", deep_json_body),
    ("2 lone surrogates", lone_surrogates),
    ("3 UTF-16 text files", utf16_files),
    ("3 NUL past the first 8 KB", late_nul),
    ("6 200 concurrent saves", concurrent_saves),
    ("6 accept/verdict race", accept_verdict_race),
    ("6 body shorter than Content-Length", short_body),
    ("7 extract --format csv formulas", extract_csv),
    ("7 review CSV and JSON-LD", review_exports),
    ("8a stray « hides quotes", stray_guillemet),
    ("8b 50,000-word sentence", run_on_sentence),
    ("8c published 0001-01-01 / 9999-12-31", extreme_published),
    ("8d 5 MB nested divs", nested_html),
]


def batch_cases() -> list[Case]:
    """scripts/faults_batch.py's CASES (signals, worker pool, Dask), when that file exists."""
    path = Path(__file__).with_name("faults_batch.py")
    if not path.exists():
        return []
    spec = importlib.util.spec_from_file_location("faults_batch", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["faults_batch"] = module
    spec.loader.exec_module(module)
    return list(module.CASES)


def main() -> int:
    cases = list(CASES)
    try:
        cases += batch_cases()
    except Exception as exc:  # noqa: BLE001 - a broken companion file is itself a fault to report
        cases.append(("faults_batch.py", lambda exc=exc: (f"could not load: {type(exc).__name__}: {exc}", False)))
    rows = []
    for name, case in cases:
        started = time.monotonic()
        try:
            tried, held = case()
        except Exception as exc:  # noqa: BLE001 - a case that crashes did not hold
            tried, held = f"raised {type(exc).__name__}: {exc}", False
        rows.append((name, tried, "yes" if held else "no"))
        print(f"  {name}: {'held' if held else 'NOT HELD'} ({time.monotonic() - started:.1f} s)", file=sys.stderr, flush=True)
    widths = [max(len(r[i]) for r in [("fault", "tried", "held"), *rows]) for i in range(3)]
    for row in [("fault", "tried", "held"), tuple("-" * w for w in widths), *rows]:
        print(" | ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip())
    shutil.rmtree(TMP, ignore_errors=True)
    failed = [r[0] for r in rows if r[2] != "yes"]
    print(f"\n{len(rows) - len(failed)} of {len(rows)} held" + (f"; not held: {', '.join(failed)}" if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
