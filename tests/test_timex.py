"""The TIMEX3 normalizer on its own: exact values for the expressions news text uses.

The anchor is Friday 2 November 2018 (the publication date of the OSCE example article).
"""

from __future__ import annotations

from datetime import date

import pytest

from extractor.normalize.timex import Timex, clean, is_ambiguous_alone, normalize, split_modifiers, words_to_numbers

FRIDAY = date(2018, 11, 2)


def value(text: str, anchor: date | None = FRIDAY, **hints) -> str | None:
    timex = normalize(text, anchor, **hints)
    assert timex is not None, f"{text!r} was not recognised"
    return timex.value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # calendar dates at the granularity the text gives
        ("Thursday November 1", "2018-11-01"),
        ("November 1", "2018-11-01"),
        ("August 30", "2018-08-30"),
        ("Sept. 4", "2018-09-04"),
        ("Dec. 2, 1956", "1956-12-02"),
        ("1 November 2018", "2018-11-01"),
        ("the 3rd of May", "2018-05-03"),
        ("March eighth", "2018-03-08"),
        ("Wednesday, April 25", "2018-04-25"),
        ("Tuesday, Dec. 5", "2017-12-05"),  # the nearer Dec. 5 is a Wednesday: the weekday decides
        ("2018-11-02", "2018-11-02"),
        ("11/2/2018", "2018-11-02"),
        ("February 2017", "2017-02"),
        ("May", "2018-05"),
        ("1991", "1991"),
        ("fiscal 1998", "1998"),
        ("the year two thousand", "2000"),
        ("nineteen ninety-seven", "1997"),
        # relative to the publication date
        ("today", "2018-11-02"),
        ("yesterday", "2018-11-01"),
        ("tomorrow", "2018-11-03"),
        ("this year", "2018"),
        ("last year", "2017"),
        ("next year", "2019"),
        ("this month", "2018-11"),
        ("next month", "2018-12"),
        ("last month", "2018-10"),
        ("this week", "2018-W44"),
        ("last week", "2018-W43"),
        ("next week", "2018-W45"),
        # "over the past year" is the twelve months to now, a length, not the calendar year before
        ("the past year", "P1Y"),
        ("the past month", "P1M"),
        ("the past week", "P1W"),
        ("the current fiscal year", "2018"),
        ("May this year", "2018-05"),
        ("April 1 last year", "2017-04-01"),
        ("April 3 this year", "2018-04-03"),
        ("last April", "2018-04"),
        ("next January", "2019-01"),
        ("last Oct. 23", "2018-10-23"),
        ("two years ago", "2016"),
        ("a year earlier", "2017"),
        ("three months ago", "2018-08"),
        ("10 days ago", "2018-10-23"),
        ("six weeks ago", "2018-W38"),
        # quarters, halves, seasons, decades, centuries
        ("the third quarter", "2018-Q3"),
        ("third-quarter", "2018-Q3"),
        ("the first quarter of 1990", "1990-Q1"),
        ("this year's third quarter", "2018-Q3"),
        ("next year's first quarter", "2019-Q1"),
        ("the second half of 1989", "1989-H2"),
        ("this quarter", "2018-Q4"),
        ("the quarter", "2018-Q3"),  # an earnings story: the quarter just ended
        ("the year-earlier quarter", "2017-Q3"),
        ("this summer", "2018-SU"),
        ("last fall", "2017-FA"),
        ("the winter of nineteen ninety-four", "1994-WI"),
        ("the 1990s", "199X"),
        ("the '90s", "199X"),
        ("the nineties", "199X"),
        ("the 20th century", "19"),
        ("this century", "20"),
        # weeks, weekends, holidays
        ("the weekend", "2018-W43-WE"),
        ("the week of March 6", "2018-W10"),
        ("Thanksgiving", "2018-11-22"),
        ("Christmas", "2018-12-25"),
        ("Election Day", "2018-11-06"),
        # times of day
        ("this morning", "2018-11-02TMO"),
        ("last night", "2018-11-01TNI"),
        ("Friday night", "2018-11-02TNI"),
        ("10 p.m.", "2018-11-02T22:00"),
        ("10:35 a.m.", "2018-11-02T10:35"),
        ("noon Saturday", "2018-11-03T12:00"),  # the day after the Friday anchor, not six days back
        ("5 p.m. EST Nov. 9", "2018-11-09T17:00"),
        # intervals
        ("January 2017 to the present", "2017-01/2018-11-02"),
        ("from 1990 to now", "1990/2018-11-02"),
        ("1990-95", "1990/1995"),
        # references
        ("now", "PRESENT_REF"),
        ("right now", "PRESENT_REF"),
        ("currently", "PRESENT_REF"),
        ("the present", "PRESENT_REF"),
        ("recently", "PAST_REF"),
        ("the past", "PAST_REF"),
        ("previously", "PAST_REF"),
        ("a few years ago", "PAST_REF"),
        ("the future", "FUTURE_REF"),
        ("the near future", "FUTURE_REF"),
        ("soon", "FUTURE_REF"),
    ],
)
def test_values(text: str, expected: str) -> None:
    assert value(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("three days", "P3D"),
        ("two hours", "PT2H"),
        ("a year", "P1Y"),
        ("five-year", "P5Y"),
        ("8-month-old", "P8M"),
        ("years", "PXY"),
        ("several months", "PXM"),
        ("the past two years", "P2Y"),
        ("the next few days", "PXD"),
        ("the weeks ahead", "PXW"),
        ("the first nine months", "P9M"),
        ("a year and a half", "P1Y6M"),
        ("2 1/2 years", "P2Y6M"),
        ("a minute and a half", "PT1M30S"),
        ("half an hour", "PT30M"),
        ("a decade", "P10Y"),
        ("two decades", "P20Y"),
        ("twenty four hours", "PT24H"),
        ("Eight trading days", "P8D"),
        ("three days later", "P3D"),  # counted from an event in the story, not from the article date
        ("two to three weeks", "P2W/P3W"),  # a range of lengths keeps both ends
        ("10-15 minutes", "PT10M/PT15M"),
        ("between five and 10 years", "P5Y/P10Y"),
        ("the next 12 to 18 months", "PXM"),  # TimeBank: a vague stretch ahead
        ("3 minutes 43 seconds", "PT3M43S"),
        ("two hours and 15 minutes", "PT2H15M"),
        ("1 hr 20 mins", "PT1H20M"),
        ("a while", "PXX"),
    ],
)
def test_durations(text: str, expected: str) -> None:
    timex = normalize(text, FRIDAY)
    assert timex is not None and timex.type == "DURATION" and timex.granularity == "duration"
    assert timex.value == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("every week", "P1W"),
        ("each month", "P1M"),
        ("every other day", "P2D"),
        ("twice a year", "P1Y"),
        ("daily", "P1D"),
        ("weekly", "P1W"),
        ("quarterly", "P3M"),
        ("every Tuesday", "XXXX-WXX-2"),
        ("Mondays", "XXXX-WXX-1"),
        ("each July", "XXXX-07"),
    ],
)
def test_sets(text: str, expected: str) -> None:
    assert normalize(text, FRIDAY) == Timex(expected, "SET", "set")


def test_types_and_granularity() -> None:
    assert normalize("Thursday November 1", FRIDAY) == Timex("2018-11-01", "DATE", "day")
    assert normalize("this week", FRIDAY) == Timex("2018-W44", "DATE", "week")
    assert normalize("the third quarter", FRIDAY) == Timex("2018-Q3", "DATE", "quarter")
    assert normalize("May this year", FRIDAY) == Timex("2018-05", "DATE", "month")
    assert normalize("the 1990s", FRIDAY) == Timex("199X", "DATE", "decade")
    assert normalize("now", FRIDAY) == Timex("PRESENT_REF", "DATE", "reference")
    assert normalize("January 2017 to the present", FRIDAY) == Timex("2017-01/2018-11-02", "DATE", "interval")
    assert normalize("10 p.m.", FRIDAY) == Timex("2018-11-02T22:00", "TIME", "time")


@pytest.mark.parametrize(
    ("text", "expected", "mod"),
    [
        ("about three years", "P3Y", "APPROX"),
        ("at least 30 days", "P30D", "EQUAL_OR_MORE"),
        ("more than four hours", "PT4H", "MORE_THAN"),
        ("nearly two years", "P2Y", "LESS_THAN"),
        ("a couple of years", "P2Y", "APPROX"),
        ("early next year", "2019", "START"),
        ("late November", "2018-11", "END"),
        ("mid-1990s", "199X", "MID"),
        ("the end of 1990", "1990", "END"),
        ("the end of the year", "2018", "END"),
        ("earlier this month", "2018-11", "START"),
        ("1990 and beyond", "1990", "ON_OR_AFTER"),
        ("post-1959", "1959", "AFTER"),
        ("year-end", "2018", "END"),
    ],
)
def test_modifiers(text: str, expected: str, mod: str) -> None:
    timex = normalize(text, FRIDAY)
    assert timex is not None and (timex.value, timex.mod) == (expected, mod)


class TestWeekdays:
    """A bare weekday: the most recent one (TimeBank: 271 of 286 point back), unless the verb is
    future or the most recent one is six days back."""

    def test_past_tense_is_the_day_before(self) -> None:
        assert value("Thursday", tense="past") == "2018-11-01"

    def test_no_tense_points_back(self) -> None:
        assert value("Monday") == "2018-10-29"

    def test_the_anchor_weekday_is_the_anchor(self) -> None:
        assert value("Friday", tense="past") == "2018-11-02"

    def test_six_days_back_is_tomorrow_instead(self) -> None:
        # a story dated Friday that tells what happened "on Saturday" was filed the evening before
        assert value("Saturday", tense="past") == "2018-11-03"
        assert value("Saturday") == "2018-11-03"
        assert value("last Saturday") == "2018-10-27"

    def test_future_tense_points_forward(self) -> None:
        assert value("Thursday", tense="future") == "2018-11-08"
        assert value("Friday", tense="future") == "2018-11-02"

    def test_last_and_next(self) -> None:
        assert value("last Friday") == "2018-10-26"
        assert value("next Monday") == "2018-11-05"
        assert value("this coming Sunday") == "2018-11-04"


class TestYearOfUndatedMonthDay:
    def test_recent_past_wins(self) -> None:
        assert value("April 3") == "2018-04-03"
        assert value("August 30") == "2018-08-30"

    def test_near_future_wins(self) -> None:
        assert value("Jan. 2") == "2019-01-02"
        assert value("December") == "2018-12"

    def test_future_tense(self) -> None:
        assert value("April 3", tense="future") == "2019-04-03"


def test_a_year_earlier_in_an_earnings_sentence_is_a_quarter() -> None:
    assert value("a year earlier", grain="quarter") == "2017-Q3"
    assert value("a year ago", grain="quarter") == "2017-Q3"
    assert value("a year ago") == "2017"


@pytest.mark.parametrize("text", ["we", "We", "may", "march", "sun", "Sun", "fall", "spring", "second", "Oct", "",
                                  "the day", "44", "80486", "Stauber", "quarter point"])
def test_not_dates(text: str) -> None:
    assert normalize(text, FRIDAY) is None


def test_capitalised_may_alone_is_a_month_but_lower_case_is_not() -> None:
    assert value("May") == "2018-05"
    assert is_ambiguous_alone("may") and is_ambiguous_alone("march") and is_ambiguous_alone("we")
    assert not is_ambiguous_alone("May")


def test_without_anchor_relative_values_are_unknown_but_absolute_ones_are_kept() -> None:
    assert normalize("last year", None) == Timex(None, "DATE", "year")
    assert normalize("yesterday", None) == Timex(None, "DATE", "day")
    assert value("1991", None) == "1991"
    assert value("February 2017", None) == "2017-02"
    assert value("three days", None) == "P3D"
    assert value("November 1", None) == "XXXX-11-01"


def test_dateparser_fallback_only_when_allowed() -> None:
    assert value("2018/11/02") == "2018-11-02"  # no rule for this layout: dateparser reads it
    assert normalize("2018/11/02", FRIDAY, use_dateparser=False) is None
    # Words dateparser would misread never reach it.
    assert normalize("more than four hours Friday", FRIDAY) is None


def test_helpers() -> None:
    assert clean("Third-Quarter's ") == "third quarter"
    assert words_to_numbers("nineteen ninety six") == "1996"
    assert words_to_numbers("twenty four hours") == "24 hours"
    assert words_to_numbers("a hundred years") == "100 years"
    assert split_modifiers("about 3 years") == ("3 years", "APPROX")
    assert split_modifiers("1990 or so") == ("1990", "APPROX")


def test_a_week_of_a_day_without_a_year_has_no_value() -> None:
    timex = normalize("the week of March 6", None)
    assert timex is not None and (timex.value, timex.granularity) == (None, "week")


def test_a_past_tense_month_day_is_the_last_one() -> None:
    # By distance alone (future distances weigh 2.5 times) January 10 from November 20 is the next one.
    anchor = date(2019, 11, 20)
    assert value("January 10", anchor) == "2020-01-10"
    assert value("January 10", anchor, tense="past") == "2019-01-10"


@pytest.mark.parametrize(("text", "expected"), [
    ("recent years", "PAST_REF"), ("in recent months", "PAST_REF"), ("the coming weeks", "FUTURE_REF"),
    ("upcoming years", "FUTURE_REF"), ("the past few weeks", "PXW"), ("the next few days", "PXD"),
])
def test_recent_and_coming_periods_point_at_a_time(text: str, expected: str) -> None:
    assert value(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("the September quarter", "2018-Q3"), ("the June quarter", "2018-Q2"), ("December quarter", "2018-Q4"),
])
def test_a_quarter_named_by_its_last_month(text: str, expected: str) -> None:
    assert value(text) == expected


def test_a_quarter_needs_a_quarter_end_month() -> None:
    assert normalize("the October quarter", FRIDAY) is None


def test_a_century_is_written_with_its_two_digits() -> None:
    assert value("the 14th century") == "13"
    assert value("the beginning of the 21st century") == "20"
