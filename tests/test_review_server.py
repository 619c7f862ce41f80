"""The review server over real HTTP (no browser): routes, origin checks, what reaches the log."""

from __future__ import annotations

import http.client
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_review_store import make_record

from extractor.review.facts import load_facts
from extractor.review.server import ReviewApp, ReviewServer
from extractor.review.store import ReviewStore


@pytest.fixture
def server(tmp_path: Path) -> Iterator[ReviewServer]:
    facts = tmp_path / "facts.jsonl"
    facts.write_text(make_record().model_dump_json() + "\n" + make_record("a/b c", title="Second").model_dump_json() + "\n", encoding="utf-8")
    srv = ReviewServer(ReviewApp(load_facts(facts), ReviewStore(tmp_path / "facts.review.jsonl")), 0)
    thread = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()


def call(srv: ReviewServer, method: str, path: str, body: dict | str | None = None, headers: dict | None = None) -> tuple[int, dict, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", srv.server_port, timeout=10)
    payload = body if isinstance(body, str) or body is None else json.dumps(body)
    conn.request(method, path, body=payload, headers=headers or {})
    response = conn.getresponse()
    data = response.read()
    conn.close()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, data


ACCEPT = {"record_id": "city-bridge", "item_id": "Q1", "decision": "accept"}


def own(srv: ReviewServer) -> dict:
    return {"Origin": srv.origin, "Content-Type": "application/json"}


def log_lines(srv: ReviewServer) -> list[str]:
    path = srv.app.store.path
    return path.read_text(encoding="utf-8").splitlines() if path.exists() else []


def test_server_listens_on_loopback_only(server: ReviewServer) -> None:
    assert server.server_address[0] == "127.0.0.1"
    assert server.url == f"http://127.0.0.1:{server.server_port}/"


def test_pages_carry_a_strict_content_security_policy(server: ReviewServer) -> None:
    status, headers, body = call(server, "GET", "/")
    assert status == 200
    assert "script-src 'self'" in headers["content-security-policy"]
    assert "default-src 'none'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    page = body.decode()
    assert 'href="/article/a%2Fb%20c"' in page  # ids are URL-encoded
    status, _, body = call(server, "GET", "/article/a%2Fb%20c")
    assert status == 200 and 'data-record="a/b c"' in body.decode()
    assert call(server, "GET", "/article/missing")[0] == 404


@pytest.mark.parametrize("path", ["/static/../facts.jsonl", "/static/review.py", "/static/%2e%2e/store.py", "/../../etc/passwd", "/facts.jsonl"])
def test_no_file_outside_the_two_static_files_is_served(server: ReviewServer, path: str) -> None:
    status, _, body = call(server, "GET", path)
    assert status == 404
    assert b"city-bridge" not in body


def test_static_files(server: ReviewServer) -> None:
    status, headers, body = call(server, "GET", "/static/review.js")
    assert (status, headers["content-type"]) == (200, "text/javascript; charset=utf-8")
    assert b"innerHTML" not in body  # the script writes text only through textContent
    assert call(server, "GET", "/static/review.css")[0] == 200


def test_decision_from_the_page_is_saved(server: ReviewServer) -> None:
    status, _, body = call(server, "POST", "/api/decisions", ACCEPT, own(server))
    assert status == 200
    data = json.loads(body)
    assert (data["status"], data["summary"], data["line"]["item_id"]) == ("accepted", "accepted", "Q1")
    assert [json.loads(x)["decision"] for x in log_lines(server)] == ["accept"]
    assert json.loads(call(server, "GET", "/api/decisions")[2]) == [data["line"]]


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({"Origin": "http://evil.example", "Content-Type": "application/json"}, 403),
        ({"Origin": "null", "Content-Type": "application/json"}, 403),
        ({"Origin": "http://localhost:{port}", "Content-Type": "application/json"}, 403),
        ({"Content-Type": "application/json"}, 403),  # neither Origin nor Referer
        ({"Referer": "http://evil.example/http://127.0.0.1:{port}/", "Content-Type": "application/json"}, 403),
        ({"Referer": "http://127.0.0.1:{port}.evil.example/", "Content-Type": "application/json"}, 403),
        ({"Origin": "http://127.0.0.1:{port}", "Content-Type": "text/plain"}, 415),
        ({"Origin": "http://127.0.0.1:{port}", "Content-Type": "application/x-www-form-urlencoded"}, 415),
    ],
)
def test_foreign_writes_are_refused_and_write_nothing(server: ReviewServer, headers: dict, status: int) -> None:
    headers = {k: v.format(port=server.server_port) for k, v in headers.items()}
    got, _, body = call(server, "POST", "/api/decisions", ACCEPT, headers)
    assert got == status
    assert "error" in json.loads(body)
    assert log_lines(server) == []
    assert not server.app.store.path.exists()


def test_referer_of_the_own_page_is_enough_without_origin(server: ReviewServer) -> None:
    headers = {"Referer": f"{server.origin}/article/city-bridge", "Content-Type": "application/json"}
    assert call(server, "POST", "/api/decisions", ACCEPT, headers)[0] == 200
    assert len(log_lines(server)) == 1


def test_foreign_host_is_refused_and_localhost_redirected(server: ReviewServer) -> None:
    port = server.server_port
    assert call(server, "GET", "/", headers={"Host": f"evil.example:{port}"})[0] == 403
    status, headers, _ = call(server, "GET", "/article/city-bridge", headers={"Host": f"localhost:{port}"})
    assert (status, headers["location"]) == (302, f"{server.origin}/article/city-bridge")
    assert call(server, "POST", "/api/decisions", ACCEPT, {**own(server), "Host": f"evil.example:{port}"})[0] == 403
    assert log_lines(server) == []


def test_bad_decisions_get_a_message_and_write_nothing(server: ReviewServer) -> None:
    cases = [
        ("{not json", 400, "not JSON"),
        ({**ACCEPT, "decision": "maybe"}, 400, "decision"),
        ({**ACCEPT, "item_id": "../../x"}, 400, "item_id"),
        ({**ACCEPT, "item_id": "Q9"}, 404, "has no Q9"),
        ({**ACCEPT, "record_id": "nope"}, 404, "No article 'nope'"),
        ({**ACCEPT, "path": "/etc/passwd"}, 400, "path"),
        ({**ACCEPT, "decision": "correct", "correction": {"start": 0, "end": 99999}}, 400, "end inside the text"),
    ]
    for body, status, message in cases:
        got, _, data = call(server, "POST", "/api/decisions", body, own(server))
        assert (got, message in json.loads(data)["error"]) == (status, True), (body, data)
    assert call(server, "PUT", "/api/decisions", ACCEPT, own(server))[0] == 405
    assert call(server, "POST", "/api/decisions", "x" * 70_000, own(server))[0] == 413
    assert log_lines(server) == []


def test_article_list_filters(server: ReviewServer) -> None:
    call(server, "POST", "/api/decisions", ACCEPT, own(server))
    page = call(server, "GET", "/?status=unreviewed&type=direct")[2].decode()
    assert page.count('<tr class="" data-record=') == 2
    assert '<td class="num" data-col="shown">1</td>' in page
    page = call(server, "GET", "/?q=Second")[2].decode()
    assert 'data-record="a/b c"' in page and 'data-record="city-bridge"' not in page
    page = call(server, "GET", "/?speaker=Nobody")[2].decode()
    assert "No article has an item matching these filters." in page
    article = call(server, "GET", "/article/city-bridge?type=claim")[2].decode()
    assert article.count('<li class="item kind-claim') == 3 and 'class="item kind-quote' not in article
    assert "3 items hidden by the filters." in article


def test_a_decision_that_cannot_be_saved_says_so(server: ReviewServer, tmp_path: Path) -> None:
    blocked = tmp_path / "blocked.review.jsonl"
    blocked.mkdir()  # appending to a directory fails like a full or read-only disk
    server.app.store.path = blocked
    status, _, body = call(server, "POST", "/api/decisions", ACCEPT, own(server))
    assert status == 500
    assert json.loads(body)["error"].startswith("Could not save to blocked.review.jsonl: ")
    assert server.app.store.get("city-bridge", "Q1") is None  # not shown as decided either
