"""The claims stage: what is and is not a claim, claimants, quantities, links, and robustness."""

from __future__ import annotations

import json
import math

import pytest

from extractor.components.claims import ClaimModel, sentence_features
from extractor.pipeline import Stages, build_nlp
from extractor.records import Claim

STATS = (
    "Unemployment in Ohio fell to 4.5 percent last year, the lowest rate since 2001.\n\n"
    "According to the Labor Department, 120,000 jobs were created in Ohio in 2017.\n\n"
    "Thank you all for coming tonight.\n\n"
    "What will you do about taxes?\n\n"
    "I think we should all be kind to each other.\n\n"
    '"Our clinic treated 350 patients in March, twice as many as a year before," said Dr Maria Lopez.\n'
)


@pytest.fixture(scope="module")
def nlp():
    return build_nlp(None, Stages(quotes=True, claims=True))


def run(nlp, text: str, published: str | None = "2018-06-01"):
    doc = nlp.make_doc(text)
    doc._.published = published
    return next(nlp.pipe([doc]))


@pytest.fixture(scope="module")
def stats(nlp):
    """STATS with the cut lowered to 0.4: these tests are about how a claim is built, not ranked."""
    stage = nlp.get_pipe("extractor_claims")
    saved, stage.threshold = stage.threshold, 0.4
    try:
        return run(nlp, STATS)
    finally:
        stage.threshold = saved


def test_claims_are_valid_records_with_exact_offsets(stats) -> None:
    assert stats._.claims, "expected claims"
    for i, claim in enumerate(stats._.claims, start=1):
        Claim.model_validate(claim)
        assert claim["id"] == f"C{i}"
        assert stats.text[claim["start"] : claim["end"]] == claim["text"]
        assert 0.4 <= claim["checkworthiness"] <= 1.0


def test_statistics_are_claims_and_chatter_is_not(stats) -> None:
    texts = [c["text"] for c in stats._.claims]
    assert any(t.startswith("Unemployment in Ohio fell to 4.5 percent") for t in texts)
    assert any("120,000 jobs" in t for t in texts)
    assert not any("Thank you" in t or "taxes?" in t or "I think" in t for t in texts)


def test_quantities_of_a_claim(stats) -> None:
    claim = next(c for c in stats._.claims if c["text"].startswith("Unemployment"))
    assert [(q["text"], q["value"], q["unit"]) for q in claim["quantities"]] == [("4.5 percent", 4.5, "percent")]
    for q in claim["quantities"]:
        assert stats.text[q["start"] : q["end"]] == q["text"]


def test_according_to_gives_the_claimant(stats) -> None:
    claim = next(c for c in stats._.claims if "120,000" in c["text"])
    assert claim["claimant"]["name"] == "Labor Department"  # via the quote stage or our own "according to"
    assert [q["value"] for q in claim["quantities"]] == [120000]


def test_quoted_claim_has_the_speaker_and_quote(stats) -> None:
    claim = next(c for c in stats._.claims if "350 patients" in c["text"])
    quote = next(q for q in stats._.quotes if q["id"] == claim["quote_id"])
    assert claim["text"].startswith("Our clinic treated 350 patients")
    assert claim["claimant"]["name"] == quote["speaker"]["name"] == "Maria Lopez"
    assert quote["start"] <= claim["start"] and claim["end"] <= quote["end"]


def test_entity_and_date_links(stats) -> None:
    claim = next(c for c in stats._.claims if "120,000" in c["text"])
    names = {e["id"]: e["name"] for e in stats._.entities}
    assert "Ohio" in [names[i] for i in claim["entity_ids"]]
    dates = {d["id"]: d["value"] for d in stats._.dates}
    assert [dates[i] for i in claim["date_ids"]] == ["2017"]


def test_title_and_boilerplate_are_not_claims(nlp) -> None:
    text = ("Sign up for our newsletter\n\n16 Countries Sign Treaty On Plastic Waste\n\n"
            "Sixteen countries signed a treaty that cuts plastic waste by 40 percent by 2030.\n\n#plastic #treaty")
    doc = run(nlp, text)
    assert [c["text"] for c in doc._.claims] == [
        "Sixteen countries signed a treaty that cuts plastic waste by 40 percent by 2030."
    ]


def test_empty_and_odd_docs(nlp) -> None:
    for text in ["", "   \n\n  ", "?!", "42"]:
        doc = run(nlp, text, published=None)
        assert doc._.claims == []


def test_errors_become_warnings_not_exceptions(nlp) -> None:
    stage = nlp.get_pipe("extractor_claims")
    doc = nlp.make_doc("Prices rose 10 percent in 2017.")
    doc._.quotes = "not a list of quotes"  # a broken upstream stage
    doc = stage(doc)
    assert doc._.claims == []
    assert doc._.stage_warnings[-1]["code"] == "claims_failed"


def test_model_round_trip_and_features(nlp, tmp_path) -> None:
    model = nlp.get_pipe("extractor_claims").model
    path = tmp_path / "m.json"
    path.write_text(json.dumps(model.to_dict()), encoding="utf-8")
    again = ClaimModel.load(path)
    doc = nlp("Crime fell by 20 percent.")
    features = sentence_features(doc[:])
    assert "has_number" in features and "w=<num>" in features
    assert again.score(features) == pytest.approx(model.score(features))


def test_vector_features_come_from_the_pipeline_the_model_was_trained_with(nlp) -> None:
    """The signs of a sentence's mean context vector are features only for the pipeline whose
    tok2vec they were trained on: another pipeline's vectors would mean nothing to the weights."""
    doc = nlp("Crime fell by 20 percent.")
    with_vectors = [f for f in sentence_features(doc[:]) if f.startswith("v") and f[1].isdigit()]
    assert with_vectors and all(f[-1] in "+-" for f in with_vectors)
    assert not [f for f in sentence_features(doc[:], vectors=False) if f in with_vectors]
    model = nlp.get_pipe("extractor_claims").model
    assert model.use_vectors and model.fits(nlp.meta)
    assert not model.fits({**nlp.meta, "name": "core_web_md"}) and not model.fits({**nlp.meta, "version": "3.7.1"})
    assert not ClaimModel({}, 0.0).fits(nlp.meta)  # a model trained without them


def test_calibration_sees_the_page_length() -> None:
    """The same raw score is a likelier claim on a short page than on a long one (annotators mark
    about seven claims per page whatever its length); debates longer than MAX_UNITS count as that
    long; a model file with the old two-number calibration still loads and ignores length."""
    from extractor.components.claims.model import MAX_UNITS

    model = ClaimModel({"w=rose": 1.0}, 0.0, calibration=(1.0, 2.0, -0.5))
    assert model.probability(0.0, 1) == pytest.approx(1 / (1 + math.exp(-2.0)))
    assert model.probability(0.0, 20) == pytest.approx(1 / (1 + math.exp(-(2.0 - 0.5 * math.log(20)))))
    assert model.probability(0.0, 5000) == model.probability(0.0, MAX_UNITS) < model.probability(0.0, 50)
    assert model.score(["w=rose"], units=20) == pytest.approx(model.probability(1.0, 20))
    old = ClaimModel.from_dict({"weights": {}, "bias": 0.0, "calibration": [2.0, -1.0]})
    assert old.probability(0.5, 1) == old.probability(0.5, 300) == pytest.approx(0.5)


def test_a_text_shorter_than_any_calibration_page_counts_as_the_shortest() -> None:
    """Below the shortest page the calibration saw, the length term would extrapolate: a one-line
    text made "Good evening and welcome to the debate." a claim at 0.80."""
    model = ClaimModel({}, 0.0, calibration=(1.0, 2.0, -0.5), min_units=8)
    assert model.probability(0.0, 1) == model.probability(0.0, 8) == pytest.approx(1 / (1 + math.exp(-(2.0 - 0.5 * math.log(8)))))
    assert model.probability(0.0, 9) < model.probability(0.0, 8)
    assert ClaimModel.from_dict(model.to_dict()).min_units == 8


def test_osce_acceptance(nlp, shared_dir) -> None:
    """The seed article: a short ranked list. Measured, not the target (all 8 gold claims in at most
    12): at the default threshold (0.6, chosen for news precision) 4 of its 8 gold claims are in the
    list of 8; the model ranks the others at 0.15-0.52, so at 0.15 all 8 are in a list of 16. The
    lead ("16 member countries ...", 0.52) falls under the default cut, so its restatement ("On
    Thursday November 1, sixteen member states ...") is listed there instead; in the long list the
    lead is in and the restatement is left out."""
    text = (shared_dir / "examples" / "osce-chechnya.txt").read_text(encoding="utf-8")
    gold = json.loads((shared_dir / "examples" / "osce-chechnya.gold.json").read_text(encoding="utf-8"))
    stage = nlp.get_pipe("extractor_claims")

    def found_in(claims: list[dict]) -> list[str]:
        return [item["text"][:20] for item in gold["claims"]
                if any(c["start"] < item["span"][1] and item["span"][0] < c["end"] for c in claims)]

    default = stage.model.threshold
    assert default == 0.6
    saved, stage.threshold = stage.threshold, 0.15
    try:
        low = run(nlp, text, "2018-11-02")._.claims
    finally:
        stage.threshold = saved
    assert len(found_in(low)) == 8 and len(low) == 16
    assert not [c for c in low if c["text"].startswith("On Thursday November 1")]
    doc = run(nlp, text, "2018-11-02")
    claims = doc._.claims
    # The default list is the top of the same ranking, with the restatement standing for the lead.
    restated = [c["text"] for c in claims if c["text"].startswith("On Thursday November 1")]
    assert len(restated) == 1
    assert [c["text"] for c in claims if c["text"] not in restated] == [c["text"] for c in low if c["checkworthiness"] >= default]
    assert found_in(claims) == ["the Russian LGBT Net", "14 people contacted ", "Three of the people ",
                                "The Russian LGBT Net"]
    assert len(claims) == 8
    by_rank = sorted(claims, key=lambda c: c["rank"])
    assert [c["rank"] for c in by_rank] == list(range(1, 9))
    assert [c["checkworthiness"] for c in by_rank] == sorted((c["checkworthiness"] for c in claims), reverse=True)
    values = {q["value"] for c in low for q in c["quantities"]}
    assert {16, 114, 92, 41, 14, 35, 3, 8} <= values
    for claim in low:
        assert not (doc._.title[0] < claim["end"] and claim["start"] < doc._.title[1])
        for b_start, b_end, _ in doc._.boilerplate:
            assert not (b_start < claim["end"] and claim["start"] < b_end)
        if claim["quote_id"]:
            assert claim["claimant"] is not None
