"""Dates the book can hold: years 1900-2100 in every date column (partial dates too), and no date
after today where the date is of something that has happened (a measurement, a receipt, a decision)."""

import datetime as dt

import pandas as pd
import pytest

from analysis.data import DataError, DataFolder
from analysis.data.dates import parse_dates


def one(cell: str, partial: bool = False, past: bool = False):
    dates, bad = parse_dates(pd.Series([cell], dtype=object), partial=partial, past=past)
    return (None if pd.isna(dates.iloc[0]) else dates.iloc[0]), bad.get(0)


@pytest.mark.parametrize(
    "cell, partial",
    [
        ("2300-01-01", False),
        ("01-01-2300", False),
        ("31.12.2263", False),
        ("1800-06-30", False),
        ("1899-12-31", False),
        ("2101-01-01", False),
        ("2300", True),
        ("1800-05", True),
        ("01.01.2300", True),
    ],
)
def test_a_year_outside_1900_2100_is_refused_before_it_reaches_pandas(cell, partial):
    value, message = one(cell, partial=partial)
    assert value is None
    assert message == f"'{cell}' lies outside the years 1900-2100 the book can handle: check the year"


@pytest.mark.parametrize("cell", ["1900-01-01", "2100-12-31", "31-12-2100", "01.01.1900"])
def test_the_ends_of_the_range_are_dates(cell):
    assert one(cell)[1] is None


def test_a_date_after_today_is_refused_where_it_must_have_happened():
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    today = dt.date.today()
    assert one(tomorrow.isoformat(), past=True) == (
        None,
        f"'{tomorrow.isoformat()}' lies in the future (today is {today.isoformat()}): a date of something "
        "that has happened cannot be after today; check the year",
    )
    assert one(today.strftime("%d-%m-%Y"), past=True) == (today.isoformat(), None)
    assert one(tomorrow.isoformat()) == (tomorrow.isoformat(), None)  # a plan may lie ahead


def test_digits_other_than_0_9_in_a_date_are_named():
    assert "holds the full-width digit '２'" in one("２０２２-01-01")[1]


CASES = "case_id,borgercenter,case_type,received_date,decision_date,deadline_days\n"


@pytest.mark.parametrize(
    "row, column",
    [
        ("A-1,handicap,BPA,2020-03-01,2099-01-10,30", "decision_date"),
        ("A-1,handicap,BPA,2099-03-01,,30", "received_date"),
        ("A-1,handicap,BPA,2300-03-01,,30", "received_date"),
    ],
)
def test_a_case_extract_refuses_future_and_impossible_dates(tmp_path, row, column):
    (tmp_path / "cases.csv").write_text(CASES + row + "\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        DataFolder(tmp_path).load("cases")
    assert [(p.row, p.column) for p in caught.value.problems] == [(2, column)]


def test_measurement_dates_in_the_future_are_refused(data_copy, edit_data):
    edit_data("compliance.csv", "voksne,2019-12-31,2019-12-31", "voksne,2019-12-31,2099-12-31")
    with pytest.raises(DataError, match=r"row 3, column 'period_end': '2099-12-31' lies in the future"):
        DataFolder(data_copy).load("compliance")


def test_a_commitment_may_lie_ahead_but_not_after_2100(data_copy, edit_data):
    edit_data("action_plan_commitments.csv", ",2005-08,august 2005", ",2099-08,august 2099")
    assert "2099-08" in set(DataFolder(data_copy).load("action_plan_commitments")["date"])
    edit_data("action_plan_commitments.csv", ",2099-08,august 2099", ",2101-08,august 2101")
    with pytest.raises(DataError, match=r"column 'date': '2101-08' lies outside the years 1900-2100"):
        DataFolder(data_copy).load("action_plan_commitments")
