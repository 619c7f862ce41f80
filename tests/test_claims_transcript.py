"""Transcripts ("SPEAKER: sentence" lines), claim kinds, ranks and the threshold."""

from __future__ import annotations

import pytest

from extractor.components.claims import ClaimStage
from extractor.components.claims.transcript import parse_transcript
from extractor.pipeline import Stages, build_nlp

TRANSCRIPT = (
    "MODERATOR: Good evening and welcome to the first debate of the campaign.\n"
    "MODERATOR: Senator Smith, what will you do about the jobs that left Ohio?\n"
    "SMITH: Under my plan we created 2 million jobs in four years, more than any other state.\n"
    "SYSTEM: (APPLAUSE)\n"
    "JONES: That is simply not true, because unemployment in Ohio rose by 3 percent last year.\n"
    "(LAUGHTER)\n"
    "MODERATOR: Thank you, Senator Jones.\n"
)


@pytest.fixture(scope="module")
def nlp():
    return build_nlp(None, Stages(quotes=True, claims=True))


def run(nlp, text: str, threshold: float | None = None):
    stage = nlp.get_pipe("extractor_claims")
    saved = stage.threshold
    stage.threshold = threshold if threshold is not None else saved
    try:
        doc = nlp.make_doc(text)
        doc._.published = "2016-10-09"
        return next(nlp.pipe([doc]))
    finally:
        stage.threshold = saved


def test_a_transcript_is_recognized_with_its_speakers_and_reactions() -> None:
    found = parse_transcript(TRANSCRIPT)
    assert found is not None
    assert [ln.speaker for ln in found.lines] == ["MODERATOR", "MODERATOR", "SMITH", "SYSTEM", "JONES", "JONES", "MODERATOR"]
    assert [ln.reaction for ln in found.lines] == [False, False, False, True, False, True, False]
    assert TRANSCRIPT[found.lines[2].start : found.lines[2].end].startswith("Under my plan")
    assert found.speakers["MODERATOR"].question_share == pytest.approx(1 / 3)
    assert parse_transcript("Update: the vote was postponed.\n\nThe council meets on Monday.\n") is None


def test_transcript_claims_have_the_line_speaker_and_skip_questions_and_reactions(nlp) -> None:
    doc = run(nlp, TRANSCRIPT)
    got = {c["claimant"]["name"]: c["text"] for c in doc._.claims}
    assert got == {
        "SMITH": "Under my plan we created 2 million jobs in four years, more than any other state.",
        "JONES": "That is simply not true, because unemployment in Ohio rose by 3 percent last year.",
    }
    scored = [doc.text[s:e] for s, e, _ in doc._.claim_scores]
    assert not any("?" in t or "APPLAUSE" in t or "LAUGHTER" in t or "MODERATOR" in t for t in scored)


def test_claims_are_ranked_and_typed(nlp) -> None:
    text = ("The city's population grew by 12 percent between 2010 and 2020.\n\n"
            "It is now the largest city in the state.\n\n"
            "Officials said the new bridge will open in March.\n\n"
            "Traffic deaths fell because the speed limit was lowered.\n")
    doc = run(nlp, text, threshold=0.0)  # every unit: this test is about ranks and kinds
    claims = doc._.claims
    assert len(claims) == 4
    assert sorted(c["rank"] for c in claims) == list(range(1, len(claims) + 1))
    by_rank = sorted(claims, key=lambda c: c["rank"])
    assert [c["checkworthiness"] for c in by_rank] == sorted((c["checkworthiness"] for c in claims), reverse=True)
    kinds = {c["text"][:20]: c["kind"] for c in claims}
    assert kinds.get("The city's populatio") == "statistic"
    assert kinds.get("It is now the larges") == "superlative"
    assert kinds.get("the new bridge will ") == "prediction"  # narrowed to what the officials said
    assert kinds.get("Traffic deaths fell ") == "causal"


def test_the_threshold_keeps_fewer_claims_when_raised(nlp) -> None:
    stage: ClaimStage = nlp.get_pipe("extractor_claims")
    doc = run(nlp, TRANSCRIPT)
    scores = sorted(s for _, _, s in doc._.claim_scores)
    saved = stage.threshold
    try:
        stage.threshold = 0.0
        everything = stage(doc)._.claims
        stage.threshold = 1.01
        nothing = stage(doc)._.claims
    finally:
        stage.threshold = saved
    assert nothing == []
    # every scored unit but the procedural thanks ("Thank you, Senator Jones.": no number, no comparison)
    assert len(everything) == len(scores) - 1 and not any(c["text"].startswith("Thank you") for c in everything)


def test_min_checkworthiness_flag_changes_the_list(tmp_path) -> None:
    import json
    import os
    import subprocess
    import sys

    path = tmp_path / "debate.txt"
    path.write_text(TRANSCRIPT, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "EXTRACTOR_MIN_CHECKWORTHINESS"}

    def claims(*flags: str) -> list[str]:
        out = subprocess.run([sys.executable, "-m", "extractor", "extract", str(path), "-q", *flags],
                             capture_output=True, text=True, check=True, env=env).stdout
        return [c["claimant"]["name"] for c in json.loads(out)["claims"]]

    assert claims() == ["SMITH", "JONES"]  # the transcript default, 0.02 (SMITH 0.126, JONES 0.033)
    assert claims("--min-checkworthiness", "0.1") == ["SMITH"]
    assert claims("--min-checkworthiness", "0.99") == []
