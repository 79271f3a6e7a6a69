"""Case-deadline compliance and funding periods, checked against values worked out by hand."""

import pandas as pd
import pytest

from analysis.calc import compliance


def measured(rows):
    """A compliance table from (borgercenter, start, end, low, high) tuples."""
    return pd.DataFrame(
        [
            {
                "borgercenter": c,
                "period_start": s,
                "period_end": e,
                "low": lo,
                "high": hi,
                "kind": "stated",
                "source_id": "so49",
                "quote": "q",
                "formula": None,
            }
            for c, s, e, lo, hi in rows
        ]
    )


@pytest.fixture
def tables(shipped):
    return (shipped.load("compliance"),)


def test_measurements_are_drawn_at_the_middle_of_their_span(tables):
    shown = compliance.measurements(tables[0])
    voksne = shown[shown["borgercenter"] == "voksne"]
    # 1 January to 30 June 2019 is 180 days; half of it, 90 days after 1 January, is 1 April.
    assert voksne["midpoint"].iloc[0] == pd.Timestamp("2019-04-01")
    assert voksne["midpoint"].iloc[1] == pd.Timestamp("2019-12-31")  # a single day is its own middle
    assert voksne["end"].tolist() == [pd.Timestamp("2019-06-30"), pd.Timestamp("2019-12-31")]
    handicap = shown[shown["borgercenter"] == "handicap"]
    assert handicap["is_range"].tolist() == [True, False]
    assert handicap[["low", "high"]].values.tolist() == [[80, 90], [81, 81]]


def test_shown_window_keeps_only_measurements_that_touch_it(tables):
    shown = compliance.measurements(tables[0], shown_from="2020-01-01", shown_to="2020-12-31")
    assert shown["period_end"].tolist() == ["2020-06-30"]  # both 2019 measurements end before 2020


def test_change_in_points_and_none_for_a_range():
    shown = compliance.measurements(
        measured(
            [
                ("voksne", "2019-01-01", "2019-06-30", 63, 63),
                ("voksne", "2019-12-31", "2019-12-31", 71, 71),
                ("handicap", "2019-12-31", "2019-12-31", 80, 90),
            ]
        )
    )
    voksne = shown[shown["borgercenter"] == "voksne"]
    assert compliance.change(voksne.iloc[0], voksne.iloc[1]) == 8  # 71 - 63
    assert compliance.change(voksne.iloc[1], shown[shown["borgercenter"] == "handicap"].iloc[0]) is None


@pytest.mark.parametrize(
    "low, high, reference, expected",
    [(81, 81, 80, "above"), (71, 71, 80, "below"), (80, 80, 80, "on"), (80, 90, 80, "all above")]
    + [(75, 85, 80, "across"), (70, 79, 80, "all below")],
)
def test_side_of_a_reference(low, high, reference, expected):
    assert compliance.side(low, high, reference) == expected


def test_funding_dates_run_permanent_funding_to_the_end_of_the_axis(shipped):
    money = compliance.funding_dates(shipped.load("funding_periods"), "2023-12-31").set_index("funding_id")
    assert money.loc["handicap-budget-2019", "end"] == pd.Timestamp("2021-12-31")
    assert money.loc["handicap-so49", "end"] == pd.Timestamp("2023-12-31")
    assert len(compliance.funding_shown(shipped.load("funding_periods"), "2022-06-01", "2023-12-31")) == 2


def test_axis_range_follows_the_data(shipped):
    measured = compliance.measurements(shipped.load("compliance"))
    funding = shipped.load("funding_periods")
    # First measurement 1 January 2019, less half a year; latest year named: 2022 (handicap-so49), plus one.
    assert compliance.axis_range(measured, funding) == ("2018-07-01", "2023-12-31")
    assert compliance.axis_range(measured.iloc[0:0], funding.iloc[0:0]) is None


def test_funding_between_the_dates(shipped):
    funding = shipped.load("funding_periods")
    # Budget 2019 runs 2019-2021: it overlaps 2020 for Handicap, not Voksne (which had no granted funding).
    rows = compliance.funding_between(funding, "handicap", "2020-01-01", "2020-06-30")
    assert list(rows["funding_id"]) == ["handicap-budget-2019"]
    assert compliance.funding_between(funding, "handicap", "2022-01-01", "2022-12-31").empty
    assert compliance.funding_between(funding, "voksne", "2019-01-01", "2023-12-31").empty
    proposed = compliance.funding_between(funding, "voksne", "2019-01-01", "2023-12-31", status="proposed")
    assert list(proposed["funding_id"]) == ["voksne-so49"]


def test_decimals_as_given():
    assert [compliance.decimals(v) for v in (81, 78.5, 8.25, 15.0)] == [0, 1, 2, 0]


@pytest.mark.parametrize(
    ("low", "high", "met"),
    [(80, 80, True), (81, 81, True), (79.9, 79.9, False), (80, 90, True), (70, 79, False), (75, 85, None)],
)
def test_a_target_of_at_least_80_is_met_or_not_or_cannot_be_settled_by_a_range_across_it(low, high, met):
    assert compliance.met(low, high, 80) is met
