"""The review server: a stdlib ThreadingHTTPServer on 127.0.0.1 with HTML pages and a small JSON API.

Routes (nothing else; no path is ever taken from a request):
  GET  /                       the article list, with filters and search (query string)
  GET  /article/<id>           one article: highlighted text, its quotes, claims and attributions
  GET  /static/review.{js,css} the page's script and stylesheet (package data)
  GET  /api/decisions          the current decision of every reviewed item, as JSON
  POST /api/decisions          record one decision: {record_id, item_id, decision, correction?, verdict?}

Writes must come from the server's own page: the Origin header (or, without one, the Referer)
must be ``http://127.0.0.1:PORT`` and the body ``application/json``; anything else gets 403/415.
The Host header must name the server too (a guard against DNS rebinding). Every page is sent with
a Content-Security-Policy that allows scripts only from the server itself, never inline.
"""

from __future__ import annotations

import json
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

from pydantic import ValidationError

from ..readers.safejson import JsonTooDeep, loads_bounded
from .facts import Facts
from .items import STATUSES, TYPES, DecisionError, Filters, correction_summary, decide, record_items, speaker_names
from .models import DecisionRequest
from .render import DOT, KEYS_HELP, article_href, e, render_article, served_page, static_text
from .store import ReviewStore

HOST = "127.0.0.1"
MAX_BODY = 64 * 1024
#: Seconds a connection may stay silent (request line, headers or body) before it is answered
#: 408 and closed: a client that promises more body than it sends must not hold a thread forever.
REQUEST_TIMEOUT = 10.0
#: Listen backlog. The stdlib's 5 reset connections when a page (or a script) saved a burst of
#: decisions at once; the kernel caps this at net.core.somaxconn.
REQUEST_QUEUE_SIZE = 256
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
STATIC = {"review.js": "text/javascript; charset=utf-8", "review.css": "text/css; charset=utf-8"}


class ReviewApp:
    """The pages and the decision endpoint, independent of HTTP plumbing."""

    def __init__(self, facts: Facts, store: ReviewStore) -> None:
        self.facts = facts
        self.store = store
        self.static = {name: static_text(name).encode("utf-8") for name in STATIC}

    # -- pages --

    def _header(self, extra: str = "") -> str:
        return f'<h1><a href="/">extractor review</a></h1><span class="facts">{e(self.facts.path.name)}</span>{extra}'

    def _visible_ids(self, filters: Filters, latest) -> list[str]:
        ids = []
        for rid, record in self.facts.records.items():
            if not filters.active or any(filters.match(record, i) for i in record_items(record, latest)):
                ids.append(rid)
        return ids

    def index_page(self, filters: Filters) -> str:
        latest = self.store.snapshot()
        rows = []
        totals = {"quotes": 0, "claims": 0, "attributions": 0, "unreviewed": 0}
        for record in self.facts.records.values():
            items = record_items(record, latest)
            shown = [i for i in items if filters.match(record, i)]
            unreviewed = sum(i.line is None for i in items)
            totals["quotes"] += len(record.quotes)
            totals["claims"] += len(record.claims)
            totals["attributions"] += len(record.attributions)
            totals["unreviewed"] += unreviewed
            if filters.active and not shown:
                continue
            a = record.article
            rows.append(
                f'<tr class="{"done" if unreviewed == 0 else ""}" data-record="{e(a.id)}">'
                f'<td><a href="{e(article_href(a.id, filters))}">{e(a.title or a.id)}</a><br><span class="muted">{e(a.id)}</span></td>'
                f"<td>{e(a.published or '')}</td>"
                f'<td class="num" data-col="quotes">{len(record.quotes)}</td><td class="num" data-col="claims">{len(record.claims)}</td>'
                f'<td class="num" data-col="attributions">{len(record.attributions)}</td>'
                f'<td class="num" data-col="unreviewed">{unreviewed}</td>'
                + (f'<td class="num" data-col="shown">{len(shown)}</td>' if filters.active else "")
                + "</tr>"
            )
        head = (
            '<tr><th>Article</th><th>Published</th><th class="num">Quotes</th><th class="num">Claims</th>'
            '<th class="num">Attributions</th><th class="num">Unreviewed</th>'
        )
        head += '<th class="num">Matching</th></tr>' if filters.active else "</tr>"
        table = f'<table class="articles"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>' if rows else (
            '<p class="muted">No article has an item matching these filters.</p>'
        )
        summary = (
            f'<span class="facts">{len(self.facts.records)} articles{DOT}{totals["quotes"]} quotes{DOT}'
            f'{totals["claims"]} claims{DOT}{totals["attributions"]} attributions{DOT}{totals["unreviewed"]} unreviewed</span>'
        )
        body = self._problems() + self._filter_form(filters) + table
        return served_page("extractor review", body, header=self._header(summary))

    def _problems(self) -> str:
        notes = list(self.facts.problems[:20])
        if len(self.facts.problems) > 20:
            notes.append(f"\u2026 and {len(self.facts.problems) - 20} more")
        if self.facts.error_records:
            notes.append(f"{self.facts.error_records} error record(s) skipped: articles that could not be processed.")
        notes += self.store.log.problems[:20]
        if not notes:
            return ""
        return '<div class="problems">' + "<br>".join(e(n) for n in notes) + "</div>"

    def _filter_form(self, f: Filters) -> str:
        def options(values, current, blank):
            out = [f'<option value="">{e(blank)}</option>']
            out += [f'<option value="{e(v)}"{" selected" if v == current else ""}>{e(v)}</option>' for v in values]
            return "".join(out)

        speakers = speaker_names(list(self.facts.records.values()))
        if f.speaker and f.speaker not in speakers:
            speakers.append(f.speaker)  # a corrected speaker typed into the URL
        num = lambda v: "" if v is None else f"{v:g}"  # noqa: E731
        return (
            '<form class="filters" method="get" action="/" role="search">'
            f'<label>Search<input type="search" name="q" value="{e(f.q)}" placeholder="text, speaker, title"></label>'
            f'<label>Speaker<select name="speaker">{options(speakers, f.speaker, "any")}</select></label>'
            f'<label>Type<select name="type">{options(TYPES, f.type, "any")}</select></label>'
            f'<label>Confidence \u2265<input type="number" name="min_conf" min="0" max="1" step="0.05" value="{num(f.min_conf)}"></label>'
            f'<label>Confidence \u2264<input type="number" name="max_conf" min="0" max="1" step="0.05" value="{num(f.max_conf)}"></label>'
            f'<label>Review<select name="status">{options(STATUSES, f.status, "all")}</select></label>'
            '<button type="submit">Filter</button> <a href="/">reset</a>'
            '<span class="muted">(confidence of a claim: its check-worthiness)</span>'
            "</form>"
        )

    def article_page(self, record_id: str, filters: Filters) -> str | None:
        record = self.facts.record(record_id)
        if record is None:
            return None
        latest = self.store.snapshot()
        items = record_items(record, latest)
        shown = {i.id for i in items if filters.match(record, i)} if filters.active else None
        ids = self._visible_ids(filters, latest)
        if record_id not in ids:
            ids = list(self.facts.records)
        pos = ids.index(record_id)
        back = "/" + (f"?{filters.to_query()}" if filters.active else "")
        nav = [f'<a href="{e(back)}" data-nav="list">\u2190 all articles</a>']
        if pos > 0:
            nav.append(f'<a href="{e(article_href(ids[pos - 1], filters))}" data-nav="prev">previous</a>')
        if pos + 1 < len(ids):
            nav.append(f'<a href="{e(article_href(ids[pos + 1], filters))}" data-nav="next">next</a>')
        header = self._header(f'<span class="facts">{pos + 1} of {len(ids)}</span> ' + " ".join(nav))
        body = render_article(record, items, interactive=True, shown=shown) + KEYS_HELP
        title = f"{record.article.title or record.article.id} \u2013 extractor review"
        return served_page(title, body, header=header, body_attrs=f' data-record="{e(record_id)}"')

    # -- API --

    def decisions_json(self) -> list[dict]:
        return [json.loads(line.to_json()) for line in self.store.snapshot().values()]

    def decide(self, payload: bytes) -> tuple[int, dict]:
        try:
            data = loads_bounded(payload.decode("utf-8"))
        except JsonTooDeep as exc:
            return 400, {"error": f"The body is not a decision: JSON {exc}."}
        except (UnicodeDecodeError, json.JSONDecodeError):
            return 400, {"error": "The body is not JSON."}
        try:
            request = DecisionRequest.model_validate(data)
        except ValidationError as exc:
            err = exc.errors()[0]
            where = ".".join(str(p) for p in err["loc"])
            return 400, {"error": f"{where}: {str(err['msg']).removeprefix('Value error, ')}" if where else err["msg"]}
        record = self.facts.record(request.record_id)
        try:
            # read the current decision and append the new one under one lock: an accept racing a
            # verdict on the same claim must not bring the older verdict back
            line = self.store.update(request.record_id, request.item_id, lambda current: decide(record, request, current))
        except DecisionError as exc:
            return exc.status, {"error": exc.message}
        except OSError as exc:
            return 500, {"error": f"Could not save to {self.store.path.name}: {exc.strerror or exc}. Nothing was recorded."}
        return 200, {
            "ok": True,
            "status": {"accept": "accepted", "reject": "rejected", "correct": "corrected"}[line.decision],
            "summary": correction_summary(line),
            "line": json.loads(line.to_json()),
        }


class ReviewServer(ThreadingHTTPServer):
    """Bound to 127.0.0.1 only; port 0 picks a free port.

    ``request_timeout`` bounds how long one connection may stay silent; set it on an instance to
    change it (tests use a fraction of a second).
    """

    daemon_threads = True
    request_queue_size = REQUEST_QUEUE_SIZE
    request_timeout = REQUEST_TIMEOUT

    def __init__(self, app: ReviewApp, port: int = 0, *, log_requests: bool = False) -> None:
        self.app = app
        self.log_requests = log_requests
        super().__init__((HOST, port), ReviewHandler)

    @property
    def origin(self) -> str:
        return f"http://{HOST}:{self.server_port}"

    @property
    def url(self) -> str:
        return self.origin + "/"


class ReviewHandler(BaseHTTPRequestHandler):
    server: ReviewServer
    server_version = "extractor-review"
    sys_version = ""

    def setup(self) -> None:
        self.timeout = self.server.request_timeout  # StreamRequestHandler applies it to the socket
        super().setup()

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the stdlib's name
        if self.server.log_requests:
            super().log_message(format, *args)

    # -- plumbing --

    def _send(self, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Content-Security-Policy", CSP)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("X-Frame-Options", "DENY")
        self.send_header("Referrer-Policy", "same-origin")
        self.send_header("Cache-Control", "no-store")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _json(self, status: int, data: object) -> None:
        self._send(status, json.dumps(data, ensure_ascii=False).encode("utf-8"), "application/json; charset=utf-8")

    def _html(self, status: int, page: str) -> None:
        self._send(status, page.encode("utf-8"), "text/html; charset=utf-8")

    def _error(self, status: int, message: str) -> None:
        if self.path.startswith("/api/") or self.command != "GET":
            self._json(status, {"error": message})
        else:
            self._html(status, served_page(f"{status}", f"<p>{e(message)}</p><p><a href=\"/\">all articles</a></p>", header="<h1>extractor review</h1>"))

    def _host_ok(self) -> bool:
        """True for our own Host; a localhost GET is redirected there, anything else refused."""
        host = (self.headers.get("Host") or "").lower()
        port = self.server.server_port
        if host == f"{HOST}:{port}":
            return True
        if host == f"localhost:{port}" and self.command in ("GET", "HEAD"):
            self._send(HTTPStatus.FOUND, b"", "text/plain", {"Location": self.server.origin + self.path})
            return False
        self._error(HTTPStatus.FORBIDDEN, f"Open the review page at {self.server.url}")
        return False

    def _same_origin(self) -> bool:
        origin = self.headers.get("Origin")
        own = self.server.origin
        if origin is not None:
            return origin == own
        referer = self.headers.get("Referer")
        return referer is not None and (referer == own or referer.startswith(own + "/"))

    # -- methods --

    def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
        if not self._host_ok():
            return
        url = urlsplit(self.path)
        path = url.path
        params = parse_qs(url.query, keep_blank_values=True)
        app = self.server.app
        if path == "/":
            self._html(200, app.index_page(Filters.from_query(params)))
        elif path.startswith("/article/"):
            page = app.article_page(unquote(path[len("/article/") :]), Filters.from_query(params))
            if page is None:
                self._error(HTTPStatus.NOT_FOUND, "There is no such article in the facts file.")
            else:
                self._html(200, page)
        elif path.startswith("/static/") and path[len("/static/") :] in STATIC:
            name = path[len("/static/") :]
            self._send(200, app.static[name], STATIC[name])
        elif path == "/api/decisions":
            self._json(200, app.decisions_json())
        elif path == "/favicon.ico":
            self._send(HTTPStatus.NO_CONTENT, b"", "image/x-icon")
        else:
            self._error(HTTPStatus.NOT_FOUND, "Not found.")

    do_HEAD = do_GET

    def do_POST(self) -> None:  # noqa: N802
        if not self._host_ok():
            return
        if not self._same_origin():
            self._json(HTTPStatus.FORBIDDEN, {"error": "Decisions are accepted only from the review page itself."})
            return
        if urlsplit(self.path).path != "/api/decisions":
            self._json(HTTPStatus.NOT_FOUND, {"error": "Not found."})
            return
        content_type = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if content_type != "application/json":
            self._json(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, {"error": "Send the decision as application/json."})
            return
        try:
            length = int(self.headers.get("Content-Length") or "")
        except ValueError:
            self._json(HTTPStatus.LENGTH_REQUIRED, {"error": "Content-Length is required."})
            return
        if length < 0 or length > MAX_BODY:
            self._json(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, {"error": f"A decision is at most {MAX_BODY} bytes."})
            return
        try:
            body = self.rfile.read(length)
        except TimeoutError:  # the socket timeout set in setup(): fewer bytes came than promised
            wait = f"{self.server.request_timeout:g} s"
            self._give_up(HTTPStatus.REQUEST_TIMEOUT, f"The request body did not arrive in time ({wait}); nothing was recorded.")
            return
        if len(body) < length:  # the client closed its side early
            self._give_up(HTTPStatus.BAD_REQUEST, f"The body ended after {len(body)} of its {length} bytes; nothing was recorded.")
            return
        status, data = self.server.app.decide(body)
        self._json(status, data)

    def _give_up(self, status: int, message: str) -> None:
        """Answer a request whose body never fully came, then close the connection."""
        self.close_connection = True
        try:
            self._json(status, {"error": message})
        except OSError:
            pass  # the client is gone; the connection is closed either way

    def _not_allowed(self) -> None:
        self._send(HTTPStatus.METHOD_NOT_ALLOWED, b'{"error": "Method not allowed."}', "application/json", {"Allow": "GET, HEAD, POST"})

    do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _not_allowed
