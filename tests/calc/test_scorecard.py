"""Service targets and results (Kommuneqarfik Sermersooq, Greenland): the status rules worked out
by hand, and the shipped scorecard."""

import pytest

from analysis.calc import scorecard
from analysis.data import DataError

YEAR, QUARTER = 2019, 4


# --- The status rules ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "low, high, limit, direction, expected",
    [
        # at least 95
        (96, 99, 95, "at least", "met"),  # wholly above
        (95, 98, 95, "at least", "met"),  # the threshold itself meets "at least"
        (90, 95, 95, "at least", "partly met"),  # the shipped payments range: 90 < 95 <= 95
        (93, 97, 95, "at least", "partly met"),  # straddles from below to above
        (90, 94, 95, "at least", "not met"),  # wholly below
        (97, 97, 95, "at least", "met"),  # a single value is a range with low == high
        (94, 94, 95, "at least", "not met"),
        # at most 14 (days of waiting)
        (10, 14, 14, "at most", "met"),  # up to and including the ceiling
        (12, 16, 14, "at most", "partly met"),  # 12 <= 14 < 16
        (15, 20, 14, "at most", "not met"),  # wholly above the ceiling
        (15, 15, 14, "at most", "not met"),
        (14, 14, 14, "at most", "met"),
    ],
)
def test_range_status(low, high, limit, direction, expected):
    assert scorecard.range_status(low, high, limit, direction) == expected


def test_the_same_range_reads_opposite_ways_for_at_least_and_at_most():
    # 96-99 against 95: above it, so met as a floor and not met as a ceiling.
    assert scorecard.range_status(96, 99, 95, "at least") == "met"
    assert scorecard.range_status(96, 99, 95, "at most") == "not met"


def test_range_status_refuses_an_upside_down_range_and_unknown_direction():
    with pytest.raises(ValueError, match="upside down"):
        scorecard.range_status(95, 90, 95, "at least")
    with pytest.raises(ValueError, match="unknown direction"):
        scorecard.range_status(90, 95, 95, "exactly")


TARGET = {"target_id": "t", "value": 95.0, "direction": "at least", "unit": "pct"}
NO_THRESHOLD = {"target_id": "u", "value": float("nan"), "direction": None, "unit": None}


def result(low=None, high=None, unit="pct", verdict=None):
    return {
        "low": float("nan") if low is None else low,
        "high": float("nan") if high is None else high,
        "unit": unit,
        "stated_verdict": verdict,
    }


def test_assess_gives_all_five_statuses():
    assert scorecard.assess(TARGET, result(96, 98)).status == "met"
    assert scorecard.assess(TARGET, result(90, 95)).status == "partly met"
    assert scorecard.assess(TARGET, result(80, 85)).status == "not met"
    assert scorecard.assess(TARGET, None).status == "not measured"
    assert scorecard.assess(TARGET, result(22, 22, unit="per week")).status == "not assessable"


def test_assess_names_the_rule_that_gave_the_status():
    assert scorecard.assess(TARGET, result(90, 95)).why == "range"
    assert scorecard.assess(TARGET, None).why == "no result"
    assert scorecard.assess(TARGET, result(unit=None, verdict="met")) == scorecard.Assessment(
        "met", "in words"
    )
    assert scorecard.assess(TARGET, result(unit=None, verdict="not met")).status == "not met"
    other = {"target_id": "c", "value": 18.0, "direction": "at least", "unit": "per week per caseworker"}
    # 22 > 18, but per week (for whom?) is not per week per caseworker: no verdict.
    assert scorecard.assess(other, result(22, 22, unit="per week")) == scorecard.Assessment(
        "not assessable", "other unit"
    )
    assert scorecard.assess(NO_THRESHOLD, result(40, 40, unit="count")) == scorecard.Assessment(
        "not assessable", "no threshold"
    )


# --- The shipped data ----------------------------------------------------------------------------


@pytest.fixture
def tables(shipped):
    return shipped.load("service_targets"), shipped.load("service_results")


def test_shipped_scorecard(tables):
    targets, results = tables
    card = scorecard.scorecard(targets, results, YEAR, QUARTER).set_index("target_id")
    assert len(card) == 15  # the 15 targets listed under "Sagsfremstilling"; 2 removed ones are not scored
    assert card.loc["payments_on_time", "status"] == "partly met"
    assert (card.loc["payments_on_time", "low"], card.loc["payments_on_time", "high"]) == (90, 95)
    assert card.loc["interviews_within_10_days", "status"] == "met"
    assert "opfyldes" in card.loc["interviews_within_10_days", "result_quote"]
    assert card.loc["calendar_interviews", "status"] == "not assessable"
    # By hand: 3 targets have a result (payments, interviews in words, calendar); 15 - 3 = 12 not measured.
    assert card["status"].value_counts().to_dict() == {
        "not measured": 12,
        "partly met": 1,
        "met": 1,
        "not assessable": 1,
    }


def test_activity_figures_have_no_target_and_removed_targets_are_listed(tables):
    targets, results = tables
    assert scorecard.activity(results, YEAR, QUARTER)["high"].tolist() == [270, 40, 40, 25]
    removed = scorecard.removed(targets)
    assert removed["target_id"].tolist() == ["weekly_action_plans", "phone_focus"]


def test_another_quarter_has_no_results(tables):
    targets, results = tables
    card = scorecard.scorecard(targets, results, 2020, 1)
    assert set(card["status"]) == {"not measured"}
    assert scorecard.activity(results, 2020, 1).empty


def test_a_result_for_an_unknown_target_is_a_data_error(tables):
    targets, results = tables
    broken = results.copy()
    broken.loc[5, "target_id"] = "nowhere"
    with pytest.raises(DataError) as caught:
        scorecard.scorecard(targets, broken, YEAR, QUARTER)
    assert (caught.value.row, caught.value.column) == (7, "target_id")  # data row 5 is file row 7
    assert "unknown target 'nowhere'" in str(caught.value)
