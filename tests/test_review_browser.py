"""The review page in a real Chromium (Debian's /usr/bin/chromium driven by Playwright).

No browser is ever downloaded: without /usr/bin/chromium (``make test`` installs it as root),
these tests skip with a loud message. The screenshot of the review page is kept in
tests/artifacts/review-page.png.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from test_review_server import serve_facts
from test_review_store import TEXT, make_record

from extractor.cli import main
from extractor.review.server import ReviewServer

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
HOSTILE = '<script>window.__pwned=1</script> "onload=window.__pwned=1 x=" <img src=x onerror="window.__pwned=1">'
EVIL_NAME = '<img src=x onerror="window.__pwned=1">Eve'


def _skip_loudly(reason: str) -> None:
    message = f"BROWSER TESTS SKIPPED: {reason}"
    print(f"\n{'!' * 78}\n{message}\n{'!' * 78}", file=sys.stderr)
    warnings.warn(message, stacklevel=2)
    pytest.skip(message)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory):
    """One headless Chromium for the module, with a fresh profile; every outside request is refused."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _skip_loudly("the playwright package is missing: pip install -e '.[dev]'")
    if not CHROMIUM.exists():
        _skip_loudly(f"{CHROMIUM} is missing; `make test` installs Debian's chromium when run as root (apt-get install chromium)")
    driver = sync_playwright().start()
    try:
        context = driver.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=str(CHROMIUM),
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1280, "height": 900},
        )
    except Exception as exc:  # noqa: BLE001 - any launch failure means: no usable browser here
        driver.stop()
        _skip_loudly(f"{CHROMIUM} could not be started: {str(exc).splitlines()[0]}")
    context.set_default_timeout(10_000)
    outside: list[str] = []

    def guard(route) -> None:
        request = route.request
        if request.url.startswith("http://127.0.0.1:") or (request.url.startswith("file:") and request.is_navigation_request()):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    context.outside_requests = outside
    yield context
    context.close()
    driver.stop()


@pytest.fixture(scope="module")
def sample_facts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's sample output: the extractor run over corpus/."""
    out = tmp_path_factory.mktemp("sample") / "facts.jsonl"
    result = CliRunner().invoke(main, ["extract", str(ROOT / "corpus"), "-o", str(out), "--published", "2024-06-12", "-q"])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture
def sample_server(sample_facts: Path, tmp_path: Path) -> Iterator[ReviewServer]:
    facts = tmp_path / "facts.jsonl"
    shutil.copyfile(sample_facts, facts)  # its own review file per test
    with serve_facts(facts) as srv:
        yield srv


def _page(browser):
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.js_errors = errors
    return page


def _review_lines(srv: ReviewServer) -> list[dict]:
    return [json.loads(x) for x in srv.app.store.path.read_text(encoding="utf-8").splitlines()]


def test_accept_and_correct_survive_a_reload(browser, sample_server: ReviewServer) -> None:
    from playwright.sync_api import expect

    facts_path = sample_server.app.facts.path
    digest = hashlib.sha256(facts_path.read_bytes()).hexdigest()
    # The article, quotes and new speaker come from the sample output itself, not hard-coded ids.
    record = next(r for r in sample_server.app.facts.records.values() if len(r.quotes) >= 2)
    accept_id, fix = record.quotes[0].id, record.quotes[1]
    new_speaker = next(e for e in record.entities if e.type == "PERSON" and e.id != (fix.speaker.entity_id if fix.speaker else None))

    page = _page(browser)
    page.goto(sample_server.url)
    expect(page.locator("table.articles tbody tr")).to_have_count(len(sample_server.app.facts.records))
    page.get_by_role("link", name=record.article.title or record.article.id).click()
    page.wait_for_url(f"**/article/{record.article.id}")
    expect(page.locator(f'.doc .hl-quote[data-item="{accept_id}"]').first).to_be_visible()

    first = page.locator(f"#item-{accept_id}")
    first.get_by_role("button", name="Accept").click()
    expect(first.locator('[data-role="status"]')).to_have_text("accepted")

    card = page.locator(f"#item-{fix.id}")
    card.locator('button[data-action="open-form"]').click()
    card.locator('select[name="speaker"]').select_option(new_speaker.id)
    card.get_by_role("button", name="Save correction").click()
    expect(page.locator(f'#item-{fix.id} [data-role="status"]')).to_have_text(f"corrected: speaker \u2192 {new_speaker.name}")
    # the page shows itself again so the highlighting follows the correction
    expect(page.locator(f'#item-{fix.id} [data-role="meta"] b')).to_have_text(new_speaker.name)

    page.reload()
    expect(page.locator(f'#item-{accept_id} [data-role="status"]')).to_have_text("accepted")
    expect(page.locator(f'#item-{fix.id} [data-role="status"]')).to_have_text(f"corrected: speaker \u2192 {new_speaker.name}")
    expect(page.locator(f'#item-{fix.id} [data-role="meta"] b')).to_have_text(new_speaker.name)
    assert new_speaker.name in page.locator(f'.doc .hl-quote[data-item="{fix.id}"]').first.get_attribute("title")
    expect(page.locator(f"#item-{fix.id}")).to_have_class("item kind-quote st-corrected focus")  # the address names it
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "review-page.png"), full_page=True)

    lines = _review_lines(sample_server)
    assert [(x["record_id"], x["item_id"], x["decision"], x["correction"], x["verdict"]) for x in lines] == [
        (record.article.id, accept_id, "accept", None, None),
        (record.article.id, fix.id, "correct", {"speaker": {"name": new_speaker.name, "entity_id": new_speaker.id}}, None),
    ]
    assert all(x["time"].endswith("Z") and sorted(x) == ["correction", "decision", "item_id", "record_id", "time", "verdict"] for x in lines)
    assert hashlib.sha256(facts_path.read_bytes()).hexdigest() == digest  # the facts file is never touched
    assert page.js_errors == [] and browser.outside_requests == []
    page.close()


def test_keyboard_review_and_a_verdict_exported_as_claimreview(browser, sample_server: ReviewServer, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    record = next(r for r in sample_server.app.facts.records.values() if len(r.quotes) >= 2 and r.claims)
    q1, q2 = record.quotes[0].id, record.quotes[1].id
    claim = record.claims[0]
    page = _page(browser)
    page.goto(sample_server.url + f"article/{record.article.id}")
    expect(page.locator(f"#item-{q1}")).to_have_class("item kind-quote st-unreviewed focus")  # starts at the first open item
    page.keyboard.press("a")  # accept, then move on
    expect(page.locator(f'#item-{q1} [data-role="status"]')).to_have_text("accepted")
    expect(page.locator(f"#item-{q2}")).to_have_class("item kind-quote st-unreviewed focus")
    page.keyboard.press("r")
    expect(page.locator(f'#item-{q2} [data-role="status"]')).to_have_text("rejected")
    page.keyboard.press("k")
    page.keyboard.press("k")
    expect(page.locator(f"#item-{q1}")).to_have_class("item kind-quote st-accepted focus")
    expect(page.locator(f'.doc .hl-quote.active[data-item="{q1}"]').first).to_be_visible()

    card = page.locator(f"#item-{claim.id}")
    card.locator('button[data-action="open-form"]').click()
    card.locator('input[name="note"]').fill("False: the real figure is lower")
    card.locator('select[name="rating"]').select_option("1")
    card.get_by_role("button", name="Save verdict").click()
    expect(card.locator('[data-role="status"]')).to_have_text("accepted \u00b7 verdict: False: the real figure is lower (1/5)")

    # "use selected text": a selection inside the text becomes offsets, surrounding spaces trimmed
    quote = record.quotes[1]
    seg = page.locator(f'.doc .hl-quote[data-item="{quote.id}"] .seg').first
    offset, words = int(seg.get_attribute("data-s")), seg.text_content()
    assert record.text[offset : offset + len(words)] == words
    a = words.index(" ") + 1
    b = a + len(words[a:].split(" ")[0]) + 1  # one word and the space after it
    page.evaluate(SELECT, [quote.id, a, b])
    fix_card = page.locator(f"#item-{quote.id}")
    fix_card.locator('button[data-action="open-form"]').click()
    fix_card.locator('button[data-action="use-selection"]').click()
    expect(fix_card.locator('input[name="start"]')).to_have_value(str(offset + a))
    expect(fix_card.locator('input[name="end"]')).to_have_value(str(offset + b - 1))
    fix_card.locator('button[data-action="cancel"]').click()
    expect(fix_card.locator("form.fix")).to_be_hidden()

    assert [(x["item_id"], x["decision"]) for x in _review_lines(sample_server)] == [(q1, "accept"), (q2, "reject"), (claim.id, "accept")]
    out = tmp_path / "claimreview.jsonld"
    result = CliRunner().invoke(main, ["review", str(sample_server.app.facts.path), "--export", str(out)])
    assert result.exit_code == 0, result.output
    items = json.loads(out.read_text(encoding="utf-8"))
    schema = json.loads((ROOT / "models" / "claimreview.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER).validate(items)
    assert [(i["claimReviewed"], i["reviewRating"]["alternateName"], i["reviewRating"]["ratingValue"]) for i in items] == [
        (claim.text, "False: the real figure is lower", 1)
    ]
    assert page.js_errors == [] and browser.outside_requests == []
    page.close()


SELECT = """([item, a, b]) => {
  const text = document.querySelector(`.doc .hl-quote[data-item="${item}"] .seg`).firstChild;
  const range = document.createRange();
  range.setStart(text, a);
  range.setEnd(text, b);
  getSelection().removeAllRanges();
  getSelection().addRange(range);
}"""
NO_ELEMENTS_FROM_TEXT = "document.querySelectorAll('main script, main img, main iframe, [onload], [onerror]').length"


def test_hostile_text_never_runs(browser, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    record = make_record("evil", text=TEXT + " " + HOSTILE, title="<script>window.__pwned=1</script>Title", speaker_name=EVIL_NAME)
    facts = tmp_path / "facts.jsonl"
    facts.write_text(record.model_dump_json() + "\n", encoding="utf-8")
    page = _page(browser)
    with serve_facts(facts) as srv:
        page.goto(srv.url)
        assert page.evaluate("typeof window.__pwned") == "undefined"
        expect(page.locator("table.articles tbody td a")).to_have_text("<script>window.__pwned=1</script>Title")
        page.locator("table.articles tbody td a").click()
        page.wait_for_url("**/article/evil")
        expect(page.locator("#item-Q1")).to_have_class("item kind-quote st-unreviewed focus")  # review.js runs
        assert HOSTILE in page.locator(".doc").inner_text()
        expect(page.locator(".doc-col h2")).to_have_text("<script>window.__pwned=1</script>Title")
        expect(page.locator('#item-Q1 [data-role="meta"] b')).to_have_text(EVIL_NAME)
        # a free-text speaker name with markup goes through the form, the log and back
        card = page.locator("#item-Q3")
        card.locator('button[data-action="open-form"]').click()
        card.locator('select[name="speaker"]').select_option("other")
        card.locator('input[name="speaker_name"]').fill('"><svg onload="window.__pwned=1">')
        card.get_by_role("button", name="Save correction").click()
        expect(page.locator('#item-Q3 [data-role="meta"] b')).to_have_text('"><svg onload="window.__pwned=1">')
        page.reload()
        expect(page.locator('#item-Q3 [data-role="status"]')).to_have_text('corrected: speaker \u2192 "><svg onload="window.__pwned=1">')
        page.locator(".doc .hl-quote").first.hover()
        assert page.evaluate("typeof window.__pwned") == "undefined"
        assert page.evaluate(NO_ELEMENTS_FROM_TEXT) == 0
        assert page.evaluate("document.querySelectorAll('svg').length") == 0

    report = tmp_path / "report.html"
    result = CliRunner().invoke(main, ["report", str(facts), "-o", str(report)])
    assert result.exit_code == 0, result.output
    page.goto(report.as_uri())
    expect(page.locator(".doc-col h2")).to_have_text("<script>window.__pwned=1</script>Title")
    assert HOSTILE in page.locator(".doc").inner_text()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.evaluate(NO_ELEMENTS_FROM_TEXT) == 0
    expect(page.locator('#item-Q3 [data-role="meta"] b')).to_have_text('"><svg onload="window.__pwned=1">')
    # the report's highlighting: quotes, speaker, cue and claim layers are drawn by the inlined stylesheet
    colour = page.locator(".doc .hl-quote").first.evaluate("el => getComputedStyle(el).backgroundColor")
    assert colour == "rgb(255, 240, 168)"
    assert page.js_errors == [] and browser.outside_requests == []
    page.close()
