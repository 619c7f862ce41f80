"""The review server under load and abuse, and what its exports let through.

Deeply nested request bodies, bursts of concurrent saves, a save racing an accept on the same
claim, a body shorter than its Content-Length; spreadsheet formulas in every CSV cell; and a
ClaimReview file that must be safe to paste inside a <script> element.
"""

from __future__ import annotations

import csv
import http.client
import io
import json
import socket
import threading
import time
from pathlib import Path

import pytest
from test_review_server import _serve, call, log_lines, own
from test_review_store import line, make_record

from extractor.records import FactRecord
from extractor.review import server as server_module
from extractor.review.export import write_claimreview, write_verified_csv
from extractor.review.facts import Facts
from extractor.review.models import Verdict
from extractor.writers import CsvWriter

# --- 1: a body nested too deep -----------------------------------------------------------------


def test_deeply_nested_body_gets_400_with_a_json_error(tmp_path: Path) -> None:
    with _serve(tmp_path, make_record()) as srv:
        body = "[" * 30_000 + "]" * 30_000  # 60 KB, under the size limit
        status, headers, data = call(srv, "POST", "/api/decisions", body, own(srv))
        assert status == 400
        assert headers["content-type"].startswith("application/json")
        assert json.loads(data) == {"error": "The body is not a decision: JSON nested more than 100 levels deep."}
        # the server is still there
        assert call(srv, "POST", "/api/decisions", {"record_id": "city-bridge", "item_id": "Q1", "decision": "accept"}, own(srv))[0] == 200


# --- 6: bursts, races, slow bodies ------------------------------------------------------------


def test_200_concurrent_saves_are_all_acknowledged_and_kept(tmp_path: Path) -> None:
    with _serve(tmp_path, make_record()) as srv:
        n = 200
        barrier = threading.Barrier(n)
        results: list[object] = [None] * n

        def save(i: int) -> None:
            item = ("Q1", "Q2", "Q3", "C1", "C2", "C3")[i % 6]
            body = json.dumps({"record_id": "city-bridge", "item_id": item, "decision": "accept" if i % 2 else "reject"})
            barrier.wait()
            try:
                conn = http.client.HTTPConnection("127.0.0.1", srv.server_port, timeout=30)
                conn.request("POST", "/api/decisions", body=body, headers=own(srv))
                response = conn.getresponse()
                results[i] = response.status
                response.read()
                conn.close()
            except OSError as exc:
                results[i] = repr(exc)

        threads = [threading.Thread(target=save, args=(i,)) for i in range(n)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert [r for r in results if r != 200] == []
        assert len(log_lines(srv)) == n


def test_an_accept_racing_a_verdict_never_loses_the_verdict(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Accepting a claim keeps its verdict; a verdict saved meanwhile must not be overwritten by the older one."""
    real_decide = server_module.decide

    def slow_decide(*args, **kwargs):
        time.sleep(0.005)  # widen the window between reading the current state and appending
        return real_decide(*args, **kwargs)

    monkeypatch.setattr(server_module, "decide", slow_decide)
    with _serve(tmp_path, make_record()) as srv:
        base = {"record_id": "city-bridge", "item_id": "C1", "decision": "accept"}
        assert call(srv, "POST", "/api/decisions", {**base, "verdict": {"note": "v0", "rating": 1}}, own(srv))[0] == 200

        def worker(k: int) -> None:
            for j in range(5):
                body = {**base, "verdict": {"note": f"v{k}-{j}", "rating": 2}} if k % 2 else base
                assert call(srv, "POST", "/api/decisions", body, own(srv))[0] == 200

        threads = [threading.Thread(target=worker, args=(k,)) for k in range(16)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        lines = [json.loads(x) for x in log_lines(srv)]
        assert len(lines) == 81
        assert all(x["verdict"] is not None for x in lines)
        # A verdict save writes a note never seen before; an accept copies the current verdict, so
        # in the log's own order it must repeat the line right before it, never an older note.
        seen: set[str] = set()
        stale = []
        for i, x in enumerate(lines):
            note = x["verdict"]["note"]
            if note in seen and note != lines[i - 1]["verdict"]["note"]:
                stale.append((i, note, lines[i - 1]["verdict"]["note"]))
            seen.add(note)
        assert stale == []
        current = json.loads(call(srv, "GET", "/api/decisions")[2])
        assert current == [lines[-1]]


def test_a_body_shorter_than_its_length_times_out_and_frees_the_thread(tmp_path: Path) -> None:
    with _serve(tmp_path, make_record()) as srv:
        srv.request_timeout = 0.5
        before = threading.active_count()
        sock = socket.create_connection(("127.0.0.1", srv.server_port), timeout=5)
        head = (
            f"POST /api/decisions HTTP/1.1\r\nHost: 127.0.0.1:{srv.server_port}\r\nOrigin: {srv.origin}\r\n"
            "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n"
        )
        sock.sendall(head.encode("ascii") + b'{"record_id": ')  # 14 of the 100 bytes, then silence
        started = time.monotonic()
        reply = b""
        try:
            while chunk := sock.recv(4096):
                reply += chunk
        except TimeoutError:
            pass
        finally:
            sock.close()
        assert time.monotonic() - started < 3
        status_line, _, rest = reply.partition(b"\r\n")
        assert status_line == b"HTTP/1.0 408 Request Timeout"
        assert json.loads(rest.partition(b"\r\n\r\n")[2]) == {"error": "The request body did not arrive in time (0.5 s); nothing was recorded."}
        deadline = time.monotonic() + 2
        while threading.active_count() > before and time.monotonic() < deadline:
            time.sleep(0.02)
        assert threading.active_count() <= before
        assert log_lines(srv) == []


def test_server_backlog_is_sized_for_bursts() -> None:
    assert server_module.ReviewServer.request_queue_size >= 128


# --- 7: formulas in CSV cells, </script> in JSON-LD -------------------------------------------


def test_csv_cell_escapes_text_that_would_start_a_formula_and_leaves_numbers() -> None:
    from extractor.writers import csv_cell

    assert [csv_cell(v) for v in ["=1+1", "+1", "-3.5", "@SUM(A1)", "\tx", "\rx", "ok", "", " =x"]] == [
        "'=1+1", "'+1", "'-3.5", "'@SUM(A1)", "'\tx", "'\rx", "ok", "", " =x",
    ]  # fmt: skip
    assert [csv_cell(v) for v in [-3.5, 0, 12, None]] == [-3.5, 0, 12, None]


def _hostile_record() -> FactRecord:
    record = make_record(rid='=HYPERLINK("http://evil.example","x")', speaker_name="=Lee")
    record.article.url = '=HYPERLINK("http://evil.example")'
    record.article.title = "@title"
    return record


def test_extract_csv_escapes_every_text_cell() -> None:
    out = io.StringIO()
    writer = CsvWriter(out, "quotes")
    writer.write(_hostile_record())
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert {r["article_id"] for r in rows} == {'\'=HYPERLINK("http://evil.example","x")'}
    assert [r["speaker"] for r in rows] == ["'=Lee", "'=Lee", "Tom Ray"]
    assert [r["start"] for r in rows] == [str(q.start) for q in _hostile_record().quotes]  # numbers stay numbers
    assert [r["confidence"] for r in rows] == ["0.8", "0.93", "0.55"]
    for table in ("entities", "claims", "dates", "attributions"):
        out = io.StringIO()
        CsvWriter(out, table).write(_hostile_record())
        assert not any(cell.startswith(("=", "+", "-", "@")) for row in csv.reader(io.StringIO(out.getvalue())) for cell in row)


def test_review_csv_escapes_url_and_article_id(tmp_path: Path) -> None:
    record = _hostile_record()
    facts = Facts(path=tmp_path / "f.jsonl", records={record.article.id: record})
    rid = record.article.id
    latest = {(rid, "Q1"): line("Q1", "accept", record=rid)}
    write_verified_csv(facts, latest, tmp_path / "v.csv")
    [row] = list(csv.DictReader((tmp_path / "v.csv").open(encoding="utf-8", newline="")))
    assert (row["article_id"], row["url"], row["title"], row["speaker"]) == (
        '\'=HYPERLINK("http://evil.example","x")', '\'=HYPERLINK("http://evil.example")', "'@title", "'=Lee",
    )  # fmt: skip
    assert (row["start"], row["confidence"]) == (str(record.quotes[0].start), "0.8")


def test_claimreview_json_ld_is_safe_inside_a_script_element(tmp_path: Path) -> None:
    record = make_record()
    facts = Facts(path=tmp_path / "f.jsonl", records={"city-bridge": record})
    note = "False </script><script>alert(1)</script> & more"
    latest = {("city-bridge", "C1"): line("C1", "accept", verdict=Verdict(note=note, rating=1))}
    out = tmp_path / "cr.jsonld"
    write_claimreview(facts, latest, out)
    raw = out.read_text(encoding="utf-8")
    assert "<" not in raw and ">" not in raw and "&" not in raw
    assert "\\u003c/script\\u003e" in raw and "\\u0026 more" in raw
    assert json.loads(raw)[0]["reviewRating"]["alternateName"] == note
