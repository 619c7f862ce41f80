"""Exports (verified CSV, ClaimReview JSON-LD), the renderer, the static report and their commands."""

from __future__ import annotations

import csv
import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
from click.testing import CliRunner
from test_review_store import TAX_TEXT, TEXT, line, make_attribution_record, make_record

from extractor.cli import main
from extractor.records import FactRecord
from extractor.review.facts import Facts, load_facts
from extractor.review.items import record_items
from extractor.review.models import QuoteCorrection, ReviewLine, SpeakerCorrection, Verdict, claimreview_schema
from extractor.review.render import item_layers, render_text

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_FILE = ROOT / "models" / "claimreview.schema.json"
HOSTILE = '<script>window.__pwned=1</script> "onload=window.__pwned=1 x=" <img src=x onerror="window.__pwned=1"> & done'


def _facts(tmp_path: Path, *records: FactRecord) -> Path:
    path = tmp_path / "facts.jsonl"
    path.write_text("".join(r.model_dump_json() + "\n" for r in records), encoding="utf-8")
    return path


def _decisions(path: Path, *lines) -> None:
    path.write_text("".join(x.to_json() + "\n" for x in lines), encoding="utf-8")


def _reviewed(tmp_path: Path) -> Path:
    """Two articles; the second's speaker is called "=Lee" to exercise spreadsheet-formula guarding."""
    facts = _facts(tmp_path, make_record(), make_record("other", title=None, speaker_name="=Lee"))
    start = TEXT.index("We will")
    _decisions(
        tmp_path / "facts.review.jsonl",
        line("Q1", "accept"),
        line("Q2", "correct", correction=QuoteCorrection(speaker=SpeakerCorrection(name="Tom Ray", entity_id="E2"), start=start, end=start + 7, text="We will")),
        line("Q3", "reject"),
        line("C1", "accept", verdict=Verdict(note="False: it costs 3 million", rating=1)),
        line("C2", "accept"),
        line("C3", "accept", verdict=Verdict(note="Unproven")),
        line("C3", "reject", minute=5),  # rejected later: no longer exported
        line("Q1", "accept", record="other"),
        line("C1", "accept", record="other", verdict=Verdict(note="True", rating=5)),
    )
    return facts


# --- ClaimReview --------------------------------------------------------------------------------


def test_schema_file_is_generated_from_the_model() -> None:
    assert json.loads(SCHEMA_FILE.read_text(encoding="utf-8")) == claimreview_schema(), (
        "models/claimreview.schema.json is stale: run `python -m extractor.review.models > models/claimreview.schema.json`"
    )


def _export(facts: Path, out: Path):
    """`extractor review FACTS --export OUT`, which must succeed."""
    result = CliRunner().invoke(main, ["review", str(facts), "--export", str(out)])
    assert result.exit_code == 0, result.output
    return result


def test_claimreview_export_validates_and_holds_the_verdicts(tmp_path: Path) -> None:
    facts = _reviewed(tmp_path)
    out = tmp_path / "claimreview.jsonld"
    result = _export(facts, out)
    assert f"2 ClaimReview items -> {out}" in result.stderr
    items = json.loads(out.read_text(encoding="utf-8"))
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    validator.validate(items)
    assert items[0] == {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "identifier": "city-bridge#C1",
        "claimReviewed": "the bridge will cost 5 million euros",
        "reviewRating": {"@type": "Rating", "alternateName": "False: it costs 3 million", "ratingValue": 1, "bestRating": 5, "worstRating": 1},
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Person", "name": "Ann Lee"},
            "datePublished": "2024-06-10",
            "appearance": [{"@type": "CreativeWork", "url": "https://news.example/bridge", "headline": "Bridge cost doubles", "datePublished": "2024-06-10"}],
        },
        "datePublished": "2024-06-12",
    }
    assert (items[1]["identifier"], items[1]["reviewRating"]["alternateName"], items[1]["itemReviewed"]["author"]["name"]) == ("other#C1", "True", "=Lee")
    assert items[1]["itemReviewed"]["appearance"] == [{"@type": "CreativeWork", "url": "https://news.example/bridge", "datePublished": "2024-06-10"}]


def test_claimreview_schema_refuses_what_is_not_a_claimreview() -> None:
    validator = jsonschema.Draft202012Validator(claimreview_schema())
    good = {
        "@context": "https://schema.org", "@type": "ClaimReview", "claimReviewed": "x", "datePublished": "2024-06-12",
        "reviewRating": {"@type": "Rating", "alternateName": "False"}, "itemReviewed": {"@type": "Claim"},
    }  # fmt: skip
    assert validator.is_valid([good])
    assert not validator.is_valid([{k: v for k, v in good.items() if k != "reviewRating"}])
    assert not validator.is_valid([{**good, "@type": "Review"}])
    assert not validator.is_valid([{k: v for k, v in good.items() if k != "@context"}])
    assert not validator.is_valid([{**good, "reviewRating": {"@type": "Rating", "alternateName": "x", "ratingValue": 9}}])


def test_claimreview_author_is_an_organization_for_an_org_claimant(tmp_path: Path) -> None:
    from extractor.review.export import claim_reviews

    record = make_record()
    record.claims[1].claimant.entity_id = "E3"
    record.claims[1].claimant.name = "Harbour Group"
    facts = Facts(path=tmp_path / "f.jsonl", records={"city-bridge": record})
    reviews = claim_reviews(facts, {("city-bridge", "C2"): line("C2", "accept", verdict=Verdict(note="Misleading"))})
    assert [r.itemReviewed.author.model_dump(by_alias=True) for r in reviews] == [{"@type": "Organization", "name": "Harbour Group"}]


# --- verified CSV -------------------------------------------------------------------------------


def _csv_rows(path: Path) -> list[dict]:
    return list(csv.DictReader(path.open(encoding="utf-8", newline="")))


def test_verified_csv_holds_accepted_items_with_corrections(tmp_path: Path) -> None:
    facts = _reviewed(tmp_path)
    out = tmp_path / "verified.csv"
    result = _export(facts, out)
    rows = _csv_rows(out)
    got = [(r["article_id"], r["item_id"], r["decision"], r["corrected"], r["text"], r["speaker"], r["verdict"], r["rating"]) for r in rows]
    assert got == [
        ("city-bridge", "Q1", "accept", "", "the bridge will cost 5 million euros", "Ann Lee", "", ""),
        ("city-bridge", "Q2", "correct", "speaker;span", "We will", "Tom Ray", "", ""),
        ("city-bridge", "C1", "accept", "", "the bridge will cost 5 million euros", "Ann Lee", "False: it costs 3 million", "1"),
        ("city-bridge", "C2", "accept", "", "the cost had doubled since 2019", "Tom Ray", "", ""),
        ("other", "Q1", "accept", "", "the bridge will cost 5 million euros", "'=Lee", "", ""),
        ("other", "C1", "accept", "", "the bridge will cost 5 million euros", "'=Lee", "True", "5"),
    ]
    # one span each: the words said are the span, also the corrected one (Q2 cut to "We will")
    assert [r["content"] for r in rows] == [r["text"] for r in rows]
    q2 = rows[1]
    start = TEXT.index("We will")
    assert (q2["start"], q2["end"], q2["speaker_entity_id"], q2["type"], q2["cue"]) == (str(start), str(start + 7), "E2", "direct", "said")
    assert rows[0]["reviewed_at"] == "2024-06-12T09:30:00+00:00"
    assert "6 accepted items (quotes, claims, attributions)" in result.stderr


def _tax(item: str, decision: str = "accept", **kw) -> ReviewLine:
    return line(item, decision, record="tax-plan", **kw)


def _reviewed_attributions(tmp_path: Path) -> Path:
    """city-bridge (no attributions) and tax-plan, with decisions on both of tax-plan's attributions."""
    facts = _facts(tmp_path, make_record(), make_attribution_record())
    _decisions(
        tmp_path / "facts.review.jsonl",
        line("Q1", "accept"),
        _tax("A1", "accept"),
        _tax("A2", "correct", correction=QuoteCorrection(speaker=SpeakerCorrection(name="=City council"), type="mixed")),
        _tax("Q1", "reject"),
        _tax("C1", "accept", verdict=Verdict(note="Unproven", rating=3)),
    )
    return facts


def test_verified_csv_holds_accepted_attributions(tmp_path: Path) -> None:
    facts = _reviewed_attributions(tmp_path)
    out = tmp_path / "verified.csv"
    result = _export(facts, out)
    rows = _csv_rows(out)
    columns = ["article_id", "item_id", "kind", "decision", "corrected", "type", "text", "start", "end", "speaker", "speaker_entity_id", "cue", "confidence", "verdict"]
    assert [[r[c] for c in columns] for r in rows] == [
        ["city-bridge", "Q1", "quote", "accept", "", "indirect", "the bridge will cost 5 million euros", "19", "55", "Ann Lee", "E1", "said", "0.8", ""],
        ["tax-plan", "C1", "claim", "accept", "", "", "the council will raise taxes next year", "19", "57", "Hugh Hill", "E1", "", "0.8", "Unproven"],
        ["tax-plan", "A1", "attribution", "accept", "", "indirect", "the council will raise taxes next year", "19", "57", "Hugh Hill", "E1", "believes", "0.6", ""],
        ["tax-plan", "A2", "attribution", "correct", "speaker;type", "mixed", TAX_TEXT[90:132], "90", "132", "'=City council", "", "expected", "0.35", ""],
    ]  # fmt: skip
    assert rows[3]["reviewed_at"] == "2024-06-12T09:30:00+00:00"
    assert rows[3]["content"] == "Mayor Ann Lee \u2026 to veto the plan"  # its two pieces, not the cue between
    assert "4 accepted items (quotes, claims, attributions)" in result.stderr


def test_attributions_never_reach_the_claimreview_export(tmp_path: Path) -> None:
    facts = _reviewed_attributions(tmp_path)
    out = tmp_path / "claimreview.jsonld"
    _export(facts, out)
    items = json.loads(out.read_text(encoding="utf-8"))
    assert [(i["identifier"], i["claimReviewed"], i["reviewRating"]["ratingValue"]) for i in items] == [
        ("tax-plan#C1", "the council will raise taxes next year", 3)
    ]


def test_report_lists_attributions(tmp_path: Path) -> None:
    facts = _reviewed_attributions(tmp_path)
    out = tmp_path / "report.html"
    result = CliRunner().invoke(main, ["report", str(facts), "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "<p>2 articles \u00b7 4 quotes \u00b7 4 claims \u00b7 2 attributions \u00b7 " in page
    assert "1 quotes \u00b7 1 claims \u00b7 2 attributions</span>" in page
    assert "Review decisions from <b>facts.review.jsonl</b>: 3 accepted \u00b7 1 corrected \u00b7 1 rejected \u00b7 5 unreviewed." in page
    assert page.count('<h3>Attributions</h3><ol class="attributions">') == 2
    assert '<li class="item kind-attribution st-corrected" id="item-A2" data-item="A2" data-kind="attribution" tabindex="-1">' in page
    assert "corrected: speaker \u2192 =City council; type \u2192 mixed" in page
    assert "<form" not in page and ".hl-attribution" in page  # read-only, and the stylesheet draws the layer


def test_export_refuses_unknown_formats_and_never_overwrites_the_facts(tmp_path: Path) -> None:
    facts = _reviewed(tmp_path)
    before = facts.read_bytes()
    runner = CliRunner()
    bad = runner.invoke(main, ["review", str(facts), "--export", str(tmp_path / "x.xlsx")])
    assert bad.exit_code == 2 and "name a .csv file" in bad.stderr
    onto = runner.invoke(main, ["report", str(facts), "-o", str(facts)])
    assert onto.exit_code == 2 and "would overwrite" in onto.stderr
    assert facts.read_bytes() == before


def test_review_command_reports_bad_lines_and_refuses_an_empty_file(tmp_path: Path) -> None:
    facts = tmp_path / "facts.jsonl"
    error = FactRecord(article={"id": "broken"}, text="", error={"code": "empty_input", "message": "empty"})
    facts.write_text(make_record().model_dump_json() + "\n{oops\n" + error.model_dump_json() + "\n", encoding="utf-8")
    result = _export(facts, tmp_path / "v.csv")
    assert f"extractor: {facts}:2: not JSON" in result.stderr
    assert "skipped 1 error record(s)" in result.stderr
    empty = tmp_path / "empty.jsonl"
    empty.write_text(error.model_dump_json() + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["review", str(empty), "--no-browser"])
    assert result.exit_code == 1
    assert f"nothing to review in {empty}" in result.stderr and "extractor extract ARTICLES -o" in result.stderr
    review_file = tmp_path / "facts.review.jsonl"
    review_file.write_text("", encoding="utf-8")
    result = CliRunner().invoke(main, ["review", str(review_file), "--no-browser"])
    assert result.exit_code == 2 and "is a review file" in result.stderr


# --- renderer -----------------------------------------------------------------------------------


class _Segs(HTMLParser):
    """Collects the text of every .seg piece and the classes of the boxes around it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.pieces: list[tuple[int, str, tuple[str, ...]]] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append(tag)
        a = dict(attrs)
        self.stack.append(a.get("class", ""))
        if "seg" in a.get("class", "").split():
            self.pieces.append((int(a["data-s"]), "", tuple(c for c in self.stack[:-1] if c.startswith("hl "))))

    def handle_endtag(self, tag) -> None:
        self.stack.pop()

    def handle_data(self, data) -> None:
        if self.stack and self.stack[-1] == "seg":
            s, text, boxes = self.pieces[-1]
            self.pieces[-1] = (s, text + data, boxes)


def test_rendered_pieces_are_the_text_exactly_with_overlapping_layers() -> None:
    record = make_record()
    text = record.text
    parser = _Segs()
    parser.feed(render_text(text, item_layers(record_items(record, {}))))
    assert "".join(p[1] for p in parser.pieces) == text
    for start, piece, _ in parser.pieces:
        assert text[start : start + len(piece)] == piece
    boxes: dict[str, tuple[str, ...]] = {}
    for _, piece, classes in parser.pieces:
        boxes.setdefault(piece, classes)  # the first piece with these words
    # "the bridge ... euros" is Q1 and C1 inside C3: two claim tracks and a quote, claims outermost
    assert boxes["the bridge will cost 5 million euros"] == (
        "hl hl-claim t1 st-unreviewed", "hl hl-claim t0 st-unreviewed", "hl hl-quote t0 st-unreviewed",
    )  # fmt: skip
    assert boxes["Ann Lee"] == ("hl hl-claim t0 st-unreviewed", "hl hl-speaker t0 st-unreviewed")
    assert boxes["Tom Ray"] == ("hl hl-speaker t0 st-unreviewed",)
    assert boxes["said"] == ("hl hl-claim t0 st-unreviewed", "hl hl-cue t0 st-unreviewed")


def test_attribution_layers_are_their_own_kind_with_speaker_and_cue() -> None:
    record = make_attribution_record()
    parser = _Segs()
    parser.feed(render_text(record.text, item_layers(record_items(record, {}))))
    assert "".join(p[1] for p in parser.pieces) == record.text
    boxes = {piece: classes for _, piece, classes in parser.pieces}
    assert boxes["the council will raise taxes next year"] == ("hl hl-claim t0 st-unreviewed", "hl hl-attribution t0 st-unreviewed")
    assert boxes["Hugh Hill"] == ("hl hl-speaker t0 st-unreviewed",)
    assert boxes["believes"] == ("hl hl-cue t0 st-unreviewed",)
    assert boxes["We will fight it,"] == ("hl hl-quote t0 st-unreviewed",)
    assert boxes["Mayor Ann Lee"] == boxes["to veto the plan"] == ("hl hl-attribution t0 st-unreviewed",)  # A2's two pieces
    assert boxes["expected"] == ("hl hl-cue t0 st-unreviewed",) and boxes[" is "] == ()


def test_everything_from_the_record_is_escaped() -> None:
    record = make_record(text=TEXT + " " + HOSTILE, title='<script>window.__pwned=1</script>', speaker_name='<b onmouseover="x()">Lee</b>')
    html = render_text(record.text, item_layers(record_items(record, {})))
    assert "<script" not in html and "<img" not in html and "<b " not in html
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt; &quot;onload=window.__pwned=1 x=&quot;" in html
    assert 'title="Q1 speaker: &lt;b onmouseover=&quot;x()&quot;&gt;Lee&lt;/b&gt;"' in html


# --- static report ------------------------------------------------------------------------------


def test_report_is_self_contained_and_shows_decisions(tmp_path: Path) -> None:
    hostile = make_record("evil", text=TEXT + " " + HOSTILE, title="<script>window.__pwned=1</script>", speaker_name='<img src=x onerror="window.__pwned=1">')
    facts = _facts(tmp_path, make_record(), hostile)
    _decisions(tmp_path / "facts.review.jsonl", line("Q1", "accept"), line("C1", "accept", verdict=Verdict(note="False")))
    digest = hashlib.sha256(facts.read_bytes()).hexdigest()
    out = tmp_path / "share" / "report.html"
    result = CliRunner().invoke(main, ["report", str(facts), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert f"2 articles -> {out}" in result.stderr
    page = out.read_text(encoding="utf-8")
    assert "<script" not in page.lower()
    assert not re.search(r"<(link|img|iframe|object|embed)\b", page, re.I)
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page.replace('href="https://news.example/bridge"', ""))
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert ".hl-quote" in page  # the stylesheet is inlined
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page
    assert "Review decisions from <b>facts.review.jsonl</b>: 2 accepted \u00b7 0 corrected \u00b7 0 rejected \u00b7 10 unreviewed." in page
    assert "accepted \u00b7 verdict: False" in page
    assert hashlib.sha256(facts.read_bytes()).hexdigest() == digest
    assert len(load_facts(facts).records) == 2
