"""Complaint calculations, checked against values worked out by hand."""

import pandas as pd
import pytest

from analysis.calc import complaints


def series(values: dict[int, float | None]) -> pd.DataFrame:
    rows = [
        {
            "year": y,
            "complaint_type": "formality",
            "count": v,
            "kind": "stated",
            "source_id": "s",
            "quote": "q",
            "formula": None,
        }
        for y, v in values.items()
        if v is not None
    ]
    return pd.DataFrame(rows)


def test_yearly_lists_every_year_and_leaves_missing_ones_empty():
    frame = complaints.yearly(series({2015: 448, 2016: 486, 2018: 580}), "formality", 2014, 2018)
    assert frame["year"].tolist() == [2014, 2015, 2016, 2017, 2018]
    assert frame["count"].isna().tolist() == [True, False, False, True, False]
    assert complaints.missing_years(frame) == [2014, 2017]


def test_period_average_of_a_complete_period():
    frame = complaints.yearly(series({2016: 400, 2017: 500, 2018: 612}), "formality", 2016, 2018)
    assert complaints.period_average(frame, 2016, 2018) == pytest.approx(504)  # (400+500+612)/3


def test_period_average_refuses_a_period_with_gaps():
    frame = complaints.yearly(series({2016: 400, 2018: 612}), "formality", 2016, 2018)
    assert complaints.period_average(frame, 2016, 2018) is None


def test_percent_change_uses_the_base_year():
    frame = complaints.yearly(series({2015: 448, 2016: 486}), "formality", 2015, 2016)
    # (486 - 448) / 448 = 38 / 448 = 0.084821...: 8,48 pct. with 2015 as base
    assert complaints.percent_change(frame, 2015, 2016) == pytest.approx(8.4821, abs=1e-4)
    assert complaints.percent_change(frame, 2016, 2015) == pytest.approx(-7.8189, abs=1e-4)  # 38/486


def test_percent_change_needs_both_years():
    frame = complaints.yearly(series({2015: 448}), "formality", 2015, 2016)
    with pytest.raises(ValueError, match="2016"):
        complaints.percent_change(frame, 2015, 2016)


def test_attainment_against_a_ceiling():
    result = complaints.attainment(580, 437)
    assert not result.met
    assert result.excess == 143
    assert result.excess_pct == pytest.approx(32.72, abs=0.01)  # 143 / 437
    assert complaints.attainment(400, 437).met


def test_outcome_targets_are_the_percentage_benchmarks(shipped):
    benchmarks = shipped.load("complaint_benchmarks")
    targets = complaints.outcome_targets(benchmarks)
    assert sorted(targets["value"]) == [5, 15]
    assert complaints.yearly_benchmarks(benchmarks)["unit"].eq("count").all()


def test_first_to_last_skips_missing_years_and_needs_two():
    frame = complaints.yearly(series({2015: 448, 2018: 580}), "formality", 2014, 2019)
    change = complaints.first_to_last(frame)
    assert (change.base["year"], change.last["year"]) == (2015, 2018)
    assert change.percent == pytest.approx(29.4643, abs=1e-4)  # 132 / 448
    assert complaints.first_to_last(complaints.yearly(series({2015: 448}), "formality", 2015, 2016)) is None


def _counts(rows, kind="stated"):
    return pd.DataFrame(rows, columns=["year", "complaint_type", "count"]).assign(kind=kind)


def _benchmarks(rows):
    return pd.DataFrame(rows, columns=["first_year", "last_year", "unit"])


def test_the_years_shown_come_from_the_data_unless_given():
    counts = _counts([(2019, "formality", 500), (2023, "reality", 1500)])
    averages = _benchmarks(
        [(2010, 2018, "count"), (2005, 2030, "pct")]
    )  # a share's period is not a year shown
    assert complaints.data_span(counts, averages, 0, 0) == (2010, 2023)
    assert complaints.data_span(counts, averages.iloc[:0], 0, 0) == (2019, 2023)
    assert complaints.data_span(counts, averages, 2015, 0) == (2015, 2023)
    assert complaints.data_span(counts, averages, 0, 2020) == (2010, 2020)
    assert complaints.data_span(counts.iloc[:0], averages.iloc[:0], 0, 2020) == (2020, 2020)
    # A count derived from a stated change (SO49's 2019) does not extend the years shown.
    derived = pd.concat([counts, _counts([(2024, "formality", 480)], kind="derived")])
    assert complaints.data_span(derived, averages, 0, 0) == (2010, 2023)


def test_a_change_is_compared_between_the_last_two_years_with_a_count_unless_given():
    counts = _counts(
        [(2015, "formality", 448), (2018, "formality", 580), (2019, "formality", None), (2021, "reality", 9)]
    )
    assert complaints.compared_years(counts, "formality", 0, 0) == (2015, 2018)  # 2019 has no count
    assert complaints.compared_years(counts, "formality", 0, 2016) == (2015, 2016)
    assert complaints.compared_years(counts, "formality", 0, 2015) == (
        2014,
        2015,
    )  # none before: the year before
    assert complaints.compared_years(counts, "formality", 2010, 2018) == (2010, 2018)
    assert complaints.compared_years(counts, "reality", 0, 0) == (2020, 2021)
