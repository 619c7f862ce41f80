"""Descriptions as speakers and masked signatures, on short news texts.

The guidelines (corpus/news-gold/GUIDELINES.md) name the organization behind "a WeWork
spokesperson", the person behind "Nadia Cruz's office", and the agency behind "the news agency";
a description whose owner is itself a description ("Bolivia's public defender's office") and a
bare "a spokesman" stay unnamed; "the statement" speaks for whoever "said in a statement" just
before. Review pages mask their reviewers' names ("– Jo** Al****"), and a dateline before a colon
("WASHINGTON: ...") is not a speaker's label.
"""

from __future__ import annotations

import pytest

from extractor.api import to_article
from extractor.pipeline import Pipeline, Stages

SPOKESPERSON = """WeWork faces New York inquiry

WeWork confirmed on Monday that it had been contacted by the state attorney general.

"We received an inquiry and are cooperating in the matter," said a WeWork spokesperson.

"We do not comment on investigations," a spokesman for the attorney general said.

"The review is routine," a spokeswoman for the Securities and Exchange Commission said.
"""

NEWS_AGENCY = """China reports new plague case

The patient hunted and ate a wild rabbit on Nov. 5, according to the state-run Xinhua News Agency.

The patient was hospitalized in the county of Huade, the news agency said.
"""

OFFICES = """Three killed in Bolivia clashes

Bolivia's public defender's office said another 30 people had been injured.

Public Ombudsman Nadia Cruz's office said the deaths were caused by gunshot wounds.
"""

STATEMENT = """Two US service members killed in Afghanistan

Two United States service members have been killed in a helicopter crash in Afghanistan, the US military said in a statement on Wednesday.

"The cause of the crash is under investigation," the statement said.
"""

PARENT_COMPANY = """WeWork withdraws its listing

WeWork's parent company, The We Company, announced on Sept. 30 that it was withdrawing its filing for an initial public offering.
"""

DATELINE = """With shattered dreams, deportees return home

WASHINGTON: Their American dream shattered, nearly 150 Indians returned home broke on Wednesday after being deported.

"This was the fourth time I have been deported," said Singh Jabarjung, 24.
"""

LEAD_THEN_NAME = """Man stabbed to death on commuter train

A California transit chief says a man has been stabbed to death on a Bay Area commuter train during a fight.

Interim BART Police Chief Ed Alvarez told reporters at a news conference that officers found the man bleeding.
"""

NEWSPAPER_REPORT = """South Dakota's meth campaign draws mockery

According to a report in the Argus Leader of Sioux Falls, Gov. Kristi Noem launched the campaign on Monday.

The report says the state has paid an ad agency nearly $449,000 so far this year.
"""

MASKED_REVIEWS = """Visitors review the show

We have brought some of these memorable reviews here!

“The show was really great. Booking was really easy.”

– Man**

“It was a 75-minute long play with the narrative texts shown on screen.”

– Jo** Al****
"""


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(stages=Stages(claims=False))


def _speakers(pipeline: Pipeline, text: str) -> list[tuple[str | None, str | None, str | None]]:
    record = next(pipeline.process([to_article({"id": "t", "text": text, "published": "2019-11-18"})]))
    items = sorted(record.quotes + record.attributions, key=lambda q: q.start)
    return [(q.speaker.name, q.speaker.mention.text if q.speaker.mention else None, q.speaker.resolution)
            if q.speaker else (None, None, None) for q in items]


PROSECUTORS = """Man pleads guilty to threatening congresswoman

A man pleaded guilty to threatening to assault and murder a United States official, the U.S. Attorney’s Office for the Western District of New York said in a statement.
"""


def test_an_office_no_entity_covers_is_named_in_full(pipeline: Pipeline) -> None:
    # its possessive owner and its "for ..." phrase belong to the name, not "Office" alone
    assert _speakers(pipeline, PROSECUTORS) == [
        ("U.S. Attorney’s Office for the Western District of New York",
         "U.S. Attorney’s Office for the Western District of New York", "explicit")]


def test_a_named_organizations_spokesperson_speaks_for_it(pipeline: Pipeline) -> None:
    said = _speakers(pipeline, SPOKESPERSON)
    assert ("WeWork", "a WeWork spokesperson", "description") in said
    # the attorney general is never named: the spokesman stays unnamed, not WeWork
    assert (None, "a spokesman", "description") in said
    assert ("Securities and Exchange Commission", "a spokeswoman", "description") in said


def test_the_news_agency_is_the_agency_named_before(pipeline: Pipeline) -> None:
    said = _speakers(pipeline, NEWS_AGENCY)
    assert said[-1] == ("Xinhua News Agency", "the news agency", "description")


def test_an_office_speaks_for_its_owner_only_when_the_owner_is_named(pipeline: Pipeline) -> None:
    said = _speakers(pipeline, OFFICES)
    assert said == [(None, "Bolivia's public defender's office", "description"),
                    ("Nadia Cruz", "Public Ombudsman Nadia Cruz's office", "description")]


def test_masked_reviewer_names_sign_their_quotes(pipeline: Pipeline) -> None:
    said = _speakers(pipeline, MASKED_REVIEWS)
    assert [name for name, _, _ in said] == ["Man**", "Jo** Al****"]


def test_the_statement_speaks_for_whoever_made_it(pipeline: Pipeline) -> None:
    said = _speakers(pipeline, STATEMENT)
    assert said[-1] == ("United States", "the statement", "description")


def test_an_organization_set_off_after_its_description_speaks(pipeline: Pipeline) -> None:
    said = _speakers(pipeline, PARENT_COMPANY)
    assert said == [("We Company", "We Company", "explicit")]


def test_a_dateline_is_not_a_speaker_label(pipeline: Pipeline) -> None:
    said = _speakers(pipeline, DATELINE)
    assert said == [("Singh Jabarjung", "Singh Jabarjung", "explicit")]


def test_a_lead_describes_who_the_next_paragraph_names(pipeline: Pipeline) -> None:
    said = _speakers(pipeline, LEAD_THEN_NAME)
    assert said[0] == ("Ed Alvarez", "A California transit chief", "description")


def test_a_report_in_a_newspaper_the_entity_stage_did_not_list_speaks_for_it(pipeline: Pipeline) -> None:
    said = _speakers(pipeline, NEWSPAPER_REPORT)
    assert said == [("Argus Leader", "a report", "description"), ("Argus Leader", "The report", "description")]


def test_a_participle_hung_on_the_medium_reports_the_poster(pipeline: Pipeline) -> None:
    text = ("Swift says she is barred from singing her old hits\n\n"
            "Then, last week, Taylor Swift posted on Twitter accusing Big Machine of trying to stop her "
            "performing tracks from her first six albums at the AMAs.\n")
    said = _speakers(pipeline, text)
    assert said == [("Taylor Swift", "Swift", "explicit"), ("Taylor Swift", "Taylor Swift", "explicit")]


def test_a_name_set_off_before_the_verb_names_a_subject_with_a_relative_clause(pipeline: Pipeline) -> None:
    text = ("Swift and her label settle their row\n\n"
            "The company that runs the AMAs, Dick Clark Productions, denies that anything has been definitely "
            "sorted, though.\n")
    said = _speakers(pipeline, text)
    assert said == [("Dick Clark Productions", "Dick Clark Productions", "explicit")]


SURNAME_AS_NOUN = ("Derek Scissors, a China scholar with the American Enterprise Institute, said the deal was close.\n\n"
                   "Scissors, who consults with administration officials, said the talks would go on into next year.")


def test_a_surname_the_tagger_reads_as_a_noun_is_still_the_person(pipeline: Pipeline) -> None:
    assert _speakers(pipeline, SURNAME_AS_NOUN) == [("Derek Scissors", "Derek Scissors", "explicit"),
                                                    ("Derek Scissors", "Scissors", "explicit")]


def test_a_peoples_adjective_before_a_states_voice_names_the_country(pipeline: Pipeline) -> None:
    said = _speakers(pipeline, "Jordan hosts many refugees. According to the Jordanian government, the country had "
                               "admitted more than 600,000 Syrians. The Russian and Syrian defense ministries said "
                               "the camp was closed.")
    assert said == [("Jordan", "the Jordanian government", "description"),
                    (None, "The Russian and Syrian defense ministries", "description")]


def test_a_title_with_no_name_beside_it_is_a_description(pipeline: Pipeline) -> None:
    # the tagger reads "CEO" as a proper noun; a title alone names no one, a name ending in one does
    said = _speakers(pipeline, 'Banks sell "financial health," as one neo-bank CEO told me. The Hollywood Reporter '
                               'said the film was delayed.')
    assert said == [(None, "CEO", "description"), ("Hollywood Reporter", "Hollywood Reporter", "explicit")]
