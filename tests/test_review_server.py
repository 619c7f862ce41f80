"""The review server over real HTTP (no browser): routes, origin checks, what reaches the log."""

from __future__ import annotations

import http.client
import json
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from test_review_store import TAX_TEXT, make_attribution_record, make_record

from extractor.records import FactRecord
from extractor.review import review_path_for
from extractor.review.facts import load_facts
from extractor.review.server import ReviewApp, ReviewServer
from extractor.review.store import ReviewStore


@contextmanager
def serve_facts(facts: Path) -> Iterator[ReviewServer]:
    """A server on any free port over a facts file, with the review file beside it (kept if it exists)."""
    srv = ReviewServer(ReviewApp(load_facts(facts), ReviewStore(review_path_for(facts))), 0)
    thread = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield srv
    finally:
        srv.shutdown()
        srv.server_close()


@contextmanager
def _serve(tmp_path: Path, *records: FactRecord) -> Iterator[ReviewServer]:
    """A server over these records written to tmp_path/facts.jsonl."""
    facts = tmp_path / "facts.jsonl"
    facts.write_text("".join(r.model_dump_json() + "\n" for r in records), encoding="utf-8")
    with serve_facts(facts) as srv:
        yield srv


@pytest.fixture
def server(tmp_path: Path) -> Iterator[ReviewServer]:
    with _serve(tmp_path, make_record(), make_record("a/b c", title="Second")) as srv:
        yield srv


@pytest.fixture
def attr_server(tmp_path: Path) -> Iterator[ReviewServer]:
    """city-bridge (3 quotes, 3 claims, no attribution) and tax-plan (Q1, C1, A1 by Hugh Hill, A2 with no source)."""
    with _serve(tmp_path, make_record(), make_attribution_record()) as srv:
        yield srv


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


# --- attributions: a third kind of item, reviewed like quotes -----------------------------------


def _section(page: str, name: str) -> str:
    """The <ol> of one section of the item list (quotes, claims, attributions)."""
    found = re.search(rf'<ol class="{name}">(.*?)</ol>', page)
    assert found is not None, name
    return found.group(1)


def _card(page: str, item: str) -> str:
    found = re.search(rf'<li class="item [^"]*" id="item-{item}".*?</li>', page)
    assert found is not None, item
    return found.group(0)


def test_article_list_counts_attributions(attr_server: ReviewServer) -> None:
    page = call(attr_server, "GET", "/")[2].decode()
    assert '<th class="num">Claims</th><th class="num">Attributions</th><th class="num">Unreviewed</th>' in page
    rows = dict(re.findall(r'<tr class="[^"]*" data-record="([^"]+)">(.*?)</tr>', page))
    cols = {rid: dict(re.findall(r'<td class="num" data-col="(\w+)">(\d+)</td>', row)) for rid, row in rows.items()}
    assert cols == {
        "city-bridge": {"quotes": "3", "claims": "3", "attributions": "0", "unreviewed": "6"},
        "tax-plan": {"quotes": "1", "claims": "1", "attributions": "2", "unreviewed": "4"},
    }
    assert "2 articles \u00b7 4 quotes \u00b7 4 claims \u00b7 2 attributions \u00b7 10 unreviewed" in page
    page = call(attr_server, "GET", "/?type=indirect&speaker=%28unknown%29")[2].decode()  # only A2 matches
    assert re.findall(r'data-record="([^"]+)"', page) == ["tax-plan"]
    assert '<td class="num" data-col="shown">1</td>' in page


def test_article_page_lists_attributions_in_their_own_section(attr_server: ReviewServer) -> None:
    page = call(attr_server, "GET", "/article/tax-plan")[2].decode()
    assert page.index("<h3>Quotes</h3>") < page.index("<h3>Claims</h3>") < page.index('<h3>Attributions</h3><ol class="attributions">')
    assert re.findall(r'id="item-(\w+)"', _section(page, "quotes")) == ["Q1"]
    assert re.findall(r'id="item-(\w+)"', _section(page, "claims")) == ["C1"]
    assert re.findall(r'id="item-(\w+)"', _section(page, "attributions")) == ["A1", "A2"]
    a1 = _card(page, "A1")
    assert a1.startswith('<li class="item kind-attribution st-unreviewed" id="item-A1" data-item="A1" data-kind="attribution" tabindex="-1">')
    assert '<span class="item-id">A1</span><span class="badge" data-role="type">indirect attribution</span><span class="muted">confidence 0.60</span>' in a1
    assert '<blockquote class="item-text" data-role="text">the council will raise taxes next year</blockquote>' in a1
    assert '<div class="item-meta" data-role="meta">Speaker: <b>Hugh Hill</b> <span class="muted">(explicit)</span> \u00b7 cue \u201cbelieves\u201d</div>' in a1
    assert '<form class="fix fix-quote" hidden data-orig-entity="E1" data-orig-name="Hugh Hill" data-orig-type="indirect" data-orig-start="19" data-orig-end="57">' in a1
    assert [f'data-action="{x}"' in a1 for x in ("accept", "reject", "open-form")] == [True, True, True]
    a2 = _card(page, "A2")
    assert '<blockquote class="item-text" data-role="text">Mayor Ann Lee \u2026 to veto the plan</blockquote>' in a2
    assert 'Speaker: <span class="muted">unknown speaker</span> \u00b7 cue \u201cexpected\u201d' in a2
    # in the text: its own quieter layer, with the speaker mention and the cue drawn as a quote's
    assert '<span class="hl hl-attribution t0 st-unreviewed" data-item="A1" title="A1 indirect attribution \u2013 Hugh Hill">' in page
    assert '<span class="lbl lbl-attribution t0" data-item="A1" aria-hidden="true">A1</span>' in page
    assert '<span class="hl hl-speaker t0 st-unreviewed" data-item="A1" title="A1 speaker: Hugh Hill"><span class="seg" data-s="0">Hugh Hill</span>' in page
    assert '<span class="hl hl-cue t0 st-unreviewed" data-item="A1" title="A1 cue: believe"><span class="seg" data-s="10">believes</span>' in page
    assert page.count('data-item="A2" title="A2 indirect attribution \u2013 unknown speaker"') == 2  # its two pieces
    assert '<span class="hl-attribution">attribution</span>' in page  # the legend
    assert "correct a quote or attribution" in page
    empty = call(attr_server, "GET", "/article/city-bridge")[2].decode()
    assert '<h3>Attributions</h3><ol class="attributions"><li class=muted>none</li></ol>' in empty


def test_attribution_decisions_are_saved_and_shown_after_reload(attr_server: ReviewServer, tmp_path: Path) -> None:
    accept = {"record_id": "tax-plan", "item_id": "A1", "decision": "accept"}
    fix = {
        "record_id": "tax-plan", "item_id": "A2", "decision": "correct",
        "correction": {"speaker": {"name": "whoever", "entity_id": "E2"}, "type": "mixed"},
    }  # fmt: skip
    status, _, body = call(attr_server, "POST", "/api/decisions", accept, own(attr_server))
    assert (status, json.loads(body)["status"], json.loads(body)["summary"]) == (200, "accepted", "accepted")
    status, _, body = call(attr_server, "POST", "/api/decisions", fix, own(attr_server))
    assert (status, json.loads(body)["summary"]) == (200, "corrected: speaker \u2192 Ann Lee; type \u2192 mixed")
    saved = [json.loads(x) for x in log_lines(attr_server)]
    assert [(x["record_id"], x["item_id"], x["decision"], x["correction"], x["verdict"]) for x in saved] == [
        ("tax-plan", "A1", "accept", None, None),
        ("tax-plan", "A2", "correct", {"speaker": {"name": "Ann Lee", "entity_id": "E2"}, "type": "mixed"}, None),  # the entity's own name
    ]
    assert json.loads(call(attr_server, "GET", "/api/decisions")[2]) == saved

    _assert_tax_plan_reviewed(attr_server)  # the page loaded again
    with _serve(tmp_path, make_record(), make_attribution_record()) as restarted:  # a new server reads the review file back
        _assert_tax_plan_reviewed(restarted)


def _assert_tax_plan_reviewed(srv: ReviewServer) -> None:
    page = call(srv, "GET", "/article/tax-plan")[2].decode()
    a1, a2 = _card(page, "A1"), _card(page, "A2")
    assert a1.startswith('<li class="item kind-attribution st-accepted" id="item-A1"')
    assert '<span class="status" data-role="status">accepted</span>' in a1
    assert a2.startswith('<li class="item kind-attribution st-corrected" id="item-A2"')
    assert '<span class="badge" data-role="type">mixed attribution</span>' in a2
    assert '<span class="status" data-role="status">corrected: speaker \u2192 Ann Lee; type \u2192 mixed</span>' in a2
    assert 'Speaker: <b>Ann Lee</b> \u00b7 cue \u201cexpected\u201d' in a2
    assert '<option value="E2" data-name="Ann Lee" selected>' in a2
    assert 'title="A2 mixed attribution \u2013 Ann Lee"' in page
    assert '<span class="status" data-role="status">unreviewed</span>' in _card(page, "C1")  # the claim is untouched
    assert "Claimant: <b>Hugh Hill</b>" in _card(page, "C1")
    index = call(srv, "GET", "/")[2].decode()
    assert "2 attributions \u00b7 8 unreviewed" in index


def test_attribution_span_correction_is_checked_against_the_text(attr_server: ReviewServer) -> None:
    start = TAX_TEXT.index("the council")
    body = {"record_id": "tax-plan", "item_id": "A1", "decision": "correct", "correction": {"start": start, "end": start + 11}}
    status, _, data = call(attr_server, "POST", "/api/decisions", body, own(attr_server))
    assert (status, json.loads(data)["line"]["correction"]) == (200, {"start": start, "end": start + 11, "text": "the council"})
    page = call(attr_server, "GET", "/article/tax-plan")[2].decode()
    assert '<blockquote class="item-text" data-role="text">the council</blockquote>' in _card(page, "A1")


def test_bad_attribution_decisions_get_a_message_and_write_nothing(attr_server: ReviewServer) -> None:
    a1 = {"record_id": "tax-plan", "item_id": "A1", "decision": "accept"}
    cases = [
        ({**a1, "item_id": "A9"}, 404, "Article 'tax-plan' has no A9."),
        ({**a1, "record_id": "city-bridge"}, 404, "Article 'city-bridge' has no A1."),  # an id of another article
        ({**a1, "item_id": "X1"}, 400, "item_id"),
        ({**a1, "decision": "correct", "correction": {"start": 0, "end": 99999}}, 400, "end inside the text"),
        ({**a1, "decision": "correct", "correction": {"speaker": {"name": "X", "entity_id": "E9"}}}, 400, "Article 'tax-plan' has no entity E9."),
        ({**a1, "verdict": {"note": "False"}}, 400, "a verdict belongs to an accepted claim"),
    ]
    for body, status, message in cases:
        got, _, data = call(attr_server, "POST", "/api/decisions", body, own(attr_server))
        assert (got, message in json.loads(data)["error"]) == (status, True), (body, data)
    assert log_lines(attr_server) == []
