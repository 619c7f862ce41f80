"""The review log (append-only, fsync'ed, latest line wins), decisions, corrections and filters."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest

from extractor.records import Attribution, Claim, Claimant, Cue, Entity, FactRecord, Quote, Span, Speaker
from extractor.review import review_path_for
from extractor.review.facts import load_facts
from extractor.review.items import DecisionError, Filters, correction_summary, decide, record_items, speaker_names
from extractor.review.models import DecisionRequest, QuoteCorrection, ReviewLine, SpeakerCorrection, Verdict
from extractor.review.store import ReviewStore, read_log

TEXT = (
    'Mayor Ann Lee said the bridge will cost 5 million euros. "We will build it by 2026," Lee said. '
    "Critics, including Tom Ray of the Harbour Group, said the cost had doubled since 2019."
)
T0 = dt.datetime(2024, 6, 12, 9, 30, tzinfo=dt.timezone.utc)


def _span(text: str, sub: str, after: int = 0) -> Span:
    start = text.index(sub, after)
    return Span(start=start, end=start + len(sub), text=sub)


def make_record(rid: str = "city-bridge", text: str = TEXT, title: str | None = "Bridge cost doubles", speaker_name: str = "Ann Lee") -> FactRecord:
    """A small hand-made record: 3 quotes, 3 claims (C3 overlaps C1), 3 entities."""
    lee = _span(text, "Ann Lee")
    lee2 = _span(text, "Lee said", text.index('"')) if '"' in text else lee
    lee2 = Span(start=lee2.start, end=lee2.start + 3, text="Lee")
    ray = _span(text, "Tom Ray")
    harbour = _span(text, "Harbour Group")
    said = [i for i in range(len(text)) if text.startswith("said", i)]
    q1 = _span(text, "the bridge will cost 5 million euros")
    q2 = _span(text, "We will build it by 2026,")
    q3 = _span(text, "the cost had doubled since 2019")
    first = _span(text, "Mayor Ann Lee said the bridge will cost 5 million euros.")

    def cue(i: int) -> Cue:
        return Cue(text="said", lemma="say", start=said[i], end=said[i] + 4)

    def quote(qid: str, kind: str, span: Span, speaker: Speaker, i: int, conf: float) -> Quote:
        return Quote(id=qid, type=kind, text=span.text, start=span.start, end=span.end, spans=[(span.start, span.end)], speaker=speaker, cue=cue(i), confidence=conf)

    def claim(cid: str, span: Span, claimant: Claimant | None, qid: str | None, score: float) -> Claim:
        return Claim(id=cid, text=span.text, start=span.start, end=span.end, checkworthiness=score, claimant=claimant, quote_id=qid)

    return FactRecord(
        article={"id": rid, "title": title, "published": "2024-06-10", "url": "https://news.example/bridge", "source": f"{rid}.txt"},
        text=text,
        entities=[
            Entity(id="E1", type="PERSON", name=speaker_name, mentions=[lee, lee2]),
            Entity(id="E2", type="PERSON", name="Tom Ray", mentions=[ray]),
            Entity(id="E3", type="ORG", name="Harbour Group", mentions=[harbour]),
        ],
        quotes=[
            quote("Q1", "indirect", q1, Speaker(entity_id="E1", name=speaker_name, mention=lee, resolution="explicit"), 0, 0.8),
            quote("Q2", "direct", q2, Speaker(entity_id="E1", name=speaker_name, mention=lee2, resolution="explicit"), 1, 0.93),
            quote("Q3", "indirect", q3, Speaker(entity_id="E2", name="Tom Ray", mention=ray, resolution="explicit"), 2, 0.55),
        ],
        claims=[
            claim("C1", q1, Claimant(entity_id="E1", name=speaker_name), "Q1", 0.9),
            claim("C2", q3, Claimant(entity_id="E2", name="Tom Ray"), "Q3", 0.7),
            claim("C3", first, None, None, 0.6),
        ],
    )


TAX_TEXT = 'Hugh Hill believes the council will raise taxes next year. "We will fight it," Hill said. Mayor Ann Lee is expected to veto the plan.'


def make_attribution_record(rid: str = "tax-plan") -> FactRecord:
    """TAX_TEXT as the pipeline extracts it (attributions on), plus one claim by hand.

    Q1 is speech; A1 a belief of Hugh Hill ("believes"); A2 has no source ("is expected to") and
    two pieces around its cue; C1 covers A1's words but is not taken from any quote.
    """
    text = TAX_TEXT
    hill, hill2, lee = _span(text, "Hugh Hill"), _span(text, "Hill", 60), _span(text, "Ann Lee")
    q1, a1 = _span(text, "We will fight it,"), _span(text, "the council will raise taxes next year")
    a2a, a2b = _span(text, "Mayor Ann Lee"), _span(text, "to veto the plan")

    def cue(word: str, lemma: str) -> Cue:
        span = _span(text, word)
        return Cue(text=word, lemma=lemma, start=span.start, end=span.end)

    return FactRecord(
        article={"id": rid, "title": "Tax plan", "published": "2024-06-12"},
        text=text,
        entities=[
            Entity(id="E1", type="PERSON", name="Hugh Hill", mentions=[hill, hill2]),
            Entity(id="E2", type="PERSON", name="Ann Lee", mentions=[lee]),
        ],
        quotes=[
            Quote(
                id="Q1", type="direct", text=q1.text, start=q1.start, end=q1.end, spans=[(q1.start, q1.end)],
                speaker=Speaker(entity_id="E1", name="Hugh Hill", mention=hill2, resolution="explicit"), cue=cue("said", "say"), confidence=0.93,
            ),
        ],
        attributions=[
            Attribution(
                id="A1", type="indirect", text=a1.text, start=a1.start, end=a1.end, spans=[(a1.start, a1.end)],
                speaker=Speaker(entity_id="E1", name="Hugh Hill", mention=hill, resolution="explicit"), cue=cue("believes", "believe"), confidence=0.6,
            ),
            Attribution(
                id="A2", type="indirect", text=text[a2a.start : a2b.end], start=a2a.start, end=a2b.end, spans=[(a2a.start, a2a.end), (a2b.start, a2b.end)],
                speaker=None, cue=cue("expected", "expect"), confidence=0.35,
            ),
        ],
        claims=[Claim(id="C1", text=a1.text, start=a1.start, end=a1.end, checkworthiness=0.8, claimant=Claimant(entity_id="E1", name="Hugh Hill"))],
    )  # fmt: skip


def line(item: str, decision: str = "accept", record: str = "city-bridge", minute: int = 0, **kw) -> ReviewLine:
    return ReviewLine(record_id=record, item_id=item, decision=decision, time=T0 + dt.timedelta(minutes=minute), **kw)


# --- the log -----------------------------------------------------------------------------------


def test_review_file_sits_beside_the_facts() -> None:
    assert review_path_for(Path("out/facts.jsonl")) == Path("out/facts.review.jsonl")
    assert review_path_for(Path("out/facts.json")) == Path("out/facts.json.review.jsonl")


def test_appended_lines_read_back_latest_wins(tmp_path: Path) -> None:
    path = tmp_path / "f.review.jsonl"
    store = ReviewStore(path)
    store.append(line("Q1", "accept", minute=0))
    store.append(line("Q1", "reject", minute=1))
    store.append(line("C1", "accept", minute=2, verdict=Verdict(note="False", rating=1)))
    raw = path.read_text(encoding="utf-8").splitlines()
    assert len(raw) == 3
    assert json.loads(raw[0]) == {
        "record_id": "city-bridge", "item_id": "Q1", "decision": "accept", "correction": None, "verdict": None,
        "time": "2024-06-12T09:30:00Z",
    }  # fmt: skip
    log = read_log(path)
    assert log.lines == 3 and log.problems == []
    assert {k: v.decision for k, v in log.latest.items()} == {("city-bridge", "Q1"): "reject", ("city-bridge", "C1"): "accept"}
    assert log.get("city-bridge", "C1").verdict == Verdict(note="False", rating=1)
    assert ReviewStore(path).get("city-bridge", "Q1").decision == "reject"  # a new server sees it too


def test_every_decision_is_fsynced_before_append_returns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    synced: list[int] = []
    real = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (synced.append(fd), real(fd)))
    store = ReviewStore(tmp_path / "f.review.jsonl")
    store.append(line("Q1"))
    count = len(synced)
    store.append(line("Q2"))
    assert count >= 1  # the file (and, when created, its directory)
    assert len(synced) == count + 1


def test_torn_last_line_is_ignored_and_fenced_off(tmp_path: Path) -> None:
    path = tmp_path / "f.review.jsonl"
    path.write_text(line("Q1").to_json() + "\n" + '{"record_id": "city-bridge", "item_id": "Q2", "deci', encoding="utf-8")
    log = read_log(path)
    assert (log.lines, log.problems, list(log.latest)) == (1, [], [("city-bridge", "Q1")])
    ReviewStore(path).append(line("Q3", "reject"))
    raw = path.read_text(encoding="utf-8").split("\n")
    assert raw[1] == '{"record_id": "city-bridge", "item_id": "Q2", "deci'  # kept, on its own line
    assert json.loads(raw[2])["item_id"] == "Q3"
    log = read_log(path)
    assert sorted(log.latest) == [("city-bridge", "Q1"), ("city-bridge", "Q3")]
    assert len(log.problems) == 1 and log.problems[0].startswith(f"{path}:2: unreadable decision")


def test_review_line_rules() -> None:
    with pytest.raises(ValueError, match="only quotes and attributions can be corrected"):
        line("C1", "correct", correction=QuoteCorrection(type="direct"))
    with pytest.raises(ValueError, match="'correct' needs one"):
        line("Q1", "correct")
    with pytest.raises(ValueError, match="a verdict belongs to an accepted claim"):
        line("C1", "reject", verdict=Verdict(note="False"))
    with pytest.raises(ValueError, match="a verdict belongs to an accepted claim"):
        line("Q1", "accept", verdict=Verdict(note="False"))
    with pytest.raises(ValueError, match="give both start and end"):
        QuoteCorrection(start=3)
    with pytest.raises(ValueError, match="must change"):
        QuoteCorrection()
    with pytest.raises(ValueError):
        Verdict(note="False", rating=6)


# --- decisions checked against the record -------------------------------------------------------


def request(item: str, decision: str, **kw) -> DecisionRequest:
    return DecisionRequest.model_validate({"record_id": "city-bridge", "item_id": item, "decision": decision, **kw})


def test_decide_fills_in_canonical_speaker_and_quote_text() -> None:
    record = make_record()
    start = TEXT.index("We will")
    req = request("Q2", "correct", correction={"speaker": {"name": "whoever", "entity_id": "E2"}, "start": start, "end": start + 15})
    out = decide(record, req, None, now=T0)
    assert out.correction == QuoteCorrection(speaker=SpeakerCorrection(name="Tom Ray", entity_id="E2"), start=start, end=start + 15, text="We will build i")
    assert out.time == T0
    assert correction_summary(out) == f"corrected: speaker \u2192 Tom Ray; span \u2192 {start}\u2013{start + 15}"


@pytest.mark.parametrize(
    ("req", "status", "message"),
    [
        ({"record_id": "nope", "item_id": "Q1", "decision": "accept"}, 404, "No article 'nope'"),
        ({"item_id": "Q9", "decision": "accept"}, 404, "has no Q9"),
        ({"item_id": "Q1", "decision": "correct", "correction": {"speaker": {"name": "X", "entity_id": "E9"}}}, 400, "no entity E9"),
        ({"item_id": "Q1", "decision": "correct", "correction": {"start": 5, "end": 10_000}}, 400, "end inside the text"),
        ({"item_id": "Q1", "decision": "correct", "correction": {"start": 56, "end": 57}}, 400, "only white space"),
        ({"item_id": "C1", "decision": "correct", "correction": {"type": "direct"}}, 400, "only quotes and attributions can be corrected"),
    ],
)
def test_decide_refuses(req: dict, status: int, message: str) -> None:
    record = make_record()
    data = {"record_id": "city-bridge", **req}
    target = record if data["record_id"] == "city-bridge" else None
    with pytest.raises(DecisionError) as info:
        decide(target, DecisionRequest.model_validate(data), None)
    assert info.value.status == status
    assert message in info.value.message


def test_accepting_a_claim_again_keeps_its_verdict_and_rejecting_drops_it() -> None:
    record = make_record()
    with_verdict = decide(record, request("C1", "accept", verdict={"note": "Mostly false", "rating": 2}), None)
    again = decide(record, request("C1", "accept"), with_verdict)
    assert again.verdict == Verdict(note="Mostly false", rating=2)
    cleared = decide(record, request("C1", "accept", verdict=None), with_verdict)
    assert cleared.verdict is None
    assert decide(record, request("C1", "reject"), with_verdict).verdict is None


# --- items after review --------------------------------------------------------------------------


def test_corrections_apply_to_quote_and_to_the_claim_taken_from_it() -> None:
    record = make_record()
    start = TEXT.index("We will")
    latest = {
        ("city-bridge", "Q1"): line("Q1", "correct", correction=QuoteCorrection(speaker=SpeakerCorrection(name="Tom Ray", entity_id="E2"), type="mixed")),
        ("city-bridge", "Q2"): line("Q2", "correct", correction=QuoteCorrection(start=start, end=start + 7, text="We will")),
        ("city-bridge", "C2"): line("C2", "reject"),
    }
    items = {i.id: i for i in record_items(record, latest)}
    q1 = items["Q1"]
    assert (q1.status, q1.type, q1.speaker, q1.speaker_entity_id, q1.text) == ("corrected", "mixed", "Tom Ray", "E2", "the bridge will cost 5 million euros")
    assert q1.quote.speaker.mention is None  # "Ann Lee" does not name Tom Ray
    q2 = items["Q2"]
    assert (q2.text, q2.start, q2.end, q2.spans, q2.speaker) == ("We will", start, start + 7, ((start, start + 7),), "Ann Lee")
    assert items["C1"].speaker == "Tom Ray"  # C1 is Q1's content: its claimant follows the corrected speaker
    assert items["C2"].status == "rejected" and not items["C2"].accepted
    assert items["C3"].status == "unreviewed" and items["C3"].speaker is None


def test_correction_made_on_other_text_keeps_the_extracted_boundaries() -> None:
    record = make_record()
    stale = QuoteCorrection(start=0, end=5, text="Hello")  # the facts were re-extracted since
    items = {i.id: i for i in record_items(record, {("city-bridge", "Q1"): line("Q1", "correct", correction=stale)})}
    assert (items["Q1"].start, items["Q1"].text) == (record.quotes[0].start, "the bridge will cost 5 million euros")


def test_filters() -> None:
    record = make_record()
    latest = {("city-bridge", "Q1"): line("Q1", "accept"), ("city-bridge", "C1"): line("C1", "reject")}
    items = record_items(record, latest)

    def ids(**query) -> list[str]:
        f = Filters.from_query({k: [v] for k, v in query.items()})
        return [i.id for i in items if f.match(record, i)]

    assert ids() == ["Q1", "Q2", "Q3", "C1", "C2", "C3"]
    assert ids(type="direct") == ["Q2"]
    assert ids(type="claim", status="unreviewed") == ["C2", "C3"]
    assert ids(status="reviewed") == ["Q1", "C1"]
    assert ids(status="rejected") == ["C1"]
    assert ids(speaker="Tom Ray") == ["Q3", "C2"]
    assert ids(speaker="(unknown)") == ["C3"]
    assert ids(max_conf="0.6") == ["Q3", "C3"]
    assert ids(min_conf="0.9") == ["Q2", "C1"]
    assert ids(q="DOUBLED") == ["Q3", "C2"]
    assert ids(q="bridge cost doubles") == ["Q1", "Q2", "Q3", "C1", "C2", "C3"]  # the title
    assert Filters.from_query({"type": ["<script>"], "status": ["x"], "min_conf": ["abc"], "max_conf": ["7"]}) == Filters(max_conf=1.0)
    assert Filters(q="a b", type="claim", min_conf=0.5).to_query() == "q=a+b&type=claim&min_conf=0.5"


# --- the facts file ----------------------------------------------------------------------------


def test_load_facts_skips_bad_lines_and_error_records(tmp_path: Path) -> None:
    good = make_record().model_dump_json()
    error = FactRecord(article={"id": "broken"}, text="", error={"code": "empty_input", "message": "empty"}).model_dump_json()
    path = tmp_path / "facts.jsonl"
    path.write_text("\n".join([good, "{oops", error, '{"text": 3}', good, "", make_record("other").model_dump_json()[:40]]), encoding="utf-8")
    facts = load_facts(path)
    assert list(facts.records) == ["city-bridge"]
    assert facts.error_records == 1
    assert [p.split(": ", 1)[0] for p in facts.problems] == [f"{path}:2", f"{path}:4", f"{path}:5", f"{path}:7"]
    assert "not JSON" in facts.problems[0]
    assert "not an extractor record" in facts.problems[1]
    assert "repeats line 1" in facts.problems[2]
    assert "torn last line" in facts.problems[3]


# --- attributions: reviewed and corrected like quotes ---------------------------------------------


def test_attributions_come_after_quotes_and_claims_and_take_corrections() -> None:
    record = make_attribution_record()
    latest = {
        ("tax-plan", "A1"): line("A1", "correct", record="tax-plan", correction=QuoteCorrection(speaker=SpeakerCorrection(name="Ann Lee", entity_id="E2"))),
        ("tax-plan", "A2"): line("A2", "reject", record="tax-plan"),
    }
    items = record_items(record, latest)
    assert [(i.kind, i.id, i.status) for i in items] == [
        ("quote", "Q1", "unreviewed"), ("claim", "C1", "unreviewed"), ("attribution", "A1", "corrected"), ("attribution", "A2", "rejected"),
    ]  # fmt: skip
    a1, a2 = items[2], items[3]
    assert (a1.type, a1.speaker, a1.speaker_entity_id, a1.text, a1.confidence) == ("indirect", "Ann Lee", "E2", "the council will raise taxes next year", 0.6)
    assert a1.quote.speaker.mention is None and a1.original.speaker.name == "Hugh Hill"  # "Hugh Hill" does not name Ann Lee
    assert a1.quote.cue.text == "believes" and a1.accepted
    assert (a2.speaker, a2.spans, a2.mention_text) == (None, ((90, 103), (116, 132)), None)
    assert items[1].speaker == "Hugh Hill"  # a claim's claimant follows corrected quotes only, never an attribution


def test_decide_checks_attribution_corrections_like_quote_corrections() -> None:
    record = make_attribution_record()

    def req(item: str, decision: str, **kw) -> DecisionRequest:
        return DecisionRequest.model_validate({"record_id": "tax-plan", "item_id": item, "decision": decision, **kw})

    out = decide(record, req("A2", "correct", correction={"speaker": {"name": "whoever", "entity_id": "E2"}, "type": "mixed"}), None, now=T0)
    assert out.correction == QuoteCorrection(speaker=SpeakerCorrection(name="Ann Lee", entity_id="E2"), type="mixed")
    assert decide(record, req("A1", "accept"), None, now=T0).decision == "accept"
    for request_, status, message in [
        (req("A3", "accept"), 404, "Article 'tax-plan' has no A3."),
        (req("A1", "correct", correction={"start": 20, "end": 500}), 400, "end inside the text"),
        (req("A1", "correct", correction={"start": 18, "end": 19}), 400, "only white space"),
        (req("A1", "correct", correction={"speaker": {"name": "X", "entity_id": "E7"}}), 400, "no entity E7"),
    ]:
        with pytest.raises(DecisionError) as info:
            decide(record, request_, None)
        assert (info.value.status, message in info.value.message) == (status, True)
    with pytest.raises(ValueError, match="a verdict belongs to an accepted claim"):
        line("A1", "accept", verdict=Verdict(note="False"))


def test_filters_and_speaker_names_cover_attributions() -> None:
    record = make_attribution_record()
    items = record_items(record, {("tax-plan", "A1"): line("A1", "accept", record="tax-plan")})

    def ids(**query) -> list[str]:
        f = Filters.from_query({k: [v] for k, v in query.items()})
        return [i.id for i in items if f.match(record, i)]

    assert ids(type="indirect") == ["A1", "A2"]
    assert ids(type="direct") == ["Q1"]
    assert ids(speaker="Hugh Hill") == ["Q1", "C1", "A1"]
    assert ids(speaker="(unknown)") == ["A2"]
    assert ids(status="accepted") == ["A1"]
    assert ids(max_conf="0.5") == ["A2"]
    assert ids(q="veto") == ["A2"]
    assert speaker_names([record]) == ["Hugh Hill", "(unknown)"]  # A2 has no source
