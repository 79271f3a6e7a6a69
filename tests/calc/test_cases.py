"""Compliance computed from a case extract, on small extracts whose answers were worked out by hand."""

import pandas as pd
import pytest

from analysis.calc import cases

# Measured as of 30 June 2020. Days are calendar days from receipt to decision (2020 is a leap year).
EXTRACT = [
    ("H1", "handicap", "2020-01-02", "2020-01-20", 30),  # 18 days: on time, 1st quarter
    ("H2", "handicap", "2020-01-10", "2020-03-01", 30),  # 21 + 29 + 1 = 51 days: late, 1st quarter
    ("H3", "handicap", "2020-03-01", "2020-03-31", 30),  # 30 days, the deadline day itself: on time
    ("H4", "handicap", "2020-03-01", "2020-04-01", 30),  # 31 days: late, decided in the 2nd quarter
    ("H5", "handicap", "2020-05-01", None, 30),  # open, 60 days at 30 June: open-late, 2nd quarter
    ("H6", "handicap", "2020-06-15", None, 30),  # open, 15 days: within, left out
    ("H7", "handicap", "2020-05-20", "2020-07-10", 30),  # decided after 30 June: open, 41 days: open-late
    ("H8", "handicap", "2020-06-20", "2020-07-05", 30),  # decided after 30 June: open, 10 days: left out
    ("H9", "handicap", "2020-07-02", "2020-07-03", 30),  # received after 30 June: left out
    ("H10", "handicap", "2020-05-31", None, 30),  # open, exactly 30 days: still within, left out
    ("V1", "voksne", "2019-11-01", "2020-01-15", 56),  # 30 + 31 + 14 = 75 days: late, 1st quarter 2020
    ("V2", "voksne", "2019-12-01", "2019-12-20", 56),  # 19 days: on time, 4th quarter 2019
    ("V3", "voksne", "2020-04-01", "2020-05-26", 56),  # 30 + 25 = 55 days: on time, 2nd quarter
]


def extract(rows=EXTRACT) -> pd.DataFrame:
    """The extract as the data folder hands it over: text dates, whole-number deadlines."""
    frame = pd.DataFrame(
        rows, columns=["case_id", "borgercenter", "received_date", "decision_date", "deadline_days"]
    ).assign(case_type="§ 100")
    return frame.astype({"received_date": "string", "decision_date": "string", "deadline_days": "Int64"})


def by_period(result: pd.DataFrame) -> dict:
    return {
        (r.borgercenter, r.period_start): (r.on_time, r.late, r.open_late, r.open_within)
        for r in result.itertuples()
    }


def test_quarters_as_of_the_end_of_june():
    result = cases.compliance(extract(), "2020-06-30", "quarter")
    # (on time, decided late, open past the deadline, open within it)
    assert by_period(result) == {
        ("handicap", "2020-01-01"): (2, 1, 0, 0),  # H1, H3 on time; H2 late
        ("handicap", "2020-04-01"): (0, 1, 2, 3),  # H4 late; H5, H7 open-late; H6, H8, H10 within
        ("voksne", "2019-10-01"): (1, 0, 0, 0),  # V2
        ("voksne", "2020-01-01"): (0, 1, 0, 0),  # V1
        ("voksne", "2020-04-01"): (1, 0, 0, 0),  # V3
    }
    shares = dict(zip(zip(result["borgercenter"], result["period_start"]), result["low"]))
    assert shares[("handicap", "2020-01-01")] == pytest.approx(200 / 3)  # 2 / (3 + 0)
    assert shares[("handicap", "2020-04-01")] == 0  # 0 / (1 + 2)
    assert shares[("voksne", "2019-10-01")] == 100
    assert (result["low"] == result["high"]).all()
    handicap_q2 = result.iloc[1]
    assert handicap_q2["period_end"] == "2020-06-30" and not handicap_q2["cut"]


def test_a_year_cut_at_the_measurement_date():
    result = cases.compliance(extract(), "2020-06-30", "year")
    assert by_period(result) == {
        ("handicap", "2020-01-01"): (2, 2, 2, 3),
        ("voksne", "2019-01-01"): (1, 0, 0, 0),
        ("voksne", "2020-01-01"): (1, 1, 0, 0),
    }
    assert result["low"].tolist() == pytest.approx([100 * 2 / 6, 100, 50])
    assert result["period_start"].tolist() == ["2020-01-01", "2019-01-01", "2020-01-01"]
    assert result["period_end"].tolist() == ["2020-06-30", "2019-12-31", "2020-06-30"]
    assert result["cut"].tolist() == [True, False, True]  # 2020 ends at the measurement date
    assert result["period_end"].tolist() == ["2020-06-30", "2019-12-31", "2020-06-30"]


def test_half_years():
    result = cases.compliance(extract(), "2020-06-30", "half-year")
    assert by_period(result) == {
        ("handicap", "2020-01-01"): (2, 2, 2, 3),
        ("voksne", "2019-07-01"): (1, 0, 0, 0),
        ("voksne", "2020-01-01"): (1, 1, 0, 0),
    }
    assert result["period_start"].tolist() == ["2020-01-01", "2019-07-01", "2020-01-01"]
    assert not result["cut"].any()


def test_measurement_date_defaults_to_the_latest_date_in_the_extract():
    assert cases.measurement_day(extract()) == pd.Timestamp("2020-07-10")  # H7's decision
    result = cases.compliance(extract(), period="quarter")
    # As of 10 July: H7 decided, 51 days, late; H8 15 days and H9 1 day on time; H5 (70 days) and
    # H10 (40 days) open past the deadline; H6 (25 days) open within it.
    assert by_period(result)[("handicap", "2020-07-01")] == (2, 1, 2, 1)
    assert by_period(result)[("handicap", "2020-04-01")] == (0, 1, 0, 0)  # H4 only
    assert (result.iloc[2]["period_start"], result.iloc[2]["period_end"]) == ("2020-07-01", "2020-07-10")
    assert result.iloc[2]["cut"]
    assert result.iloc[2]["low"] == 40  # 2 / (3 + 2)


def test_an_open_case_on_its_deadline_day_is_within_and_the_day_after_late():
    one = [("A", "voksne", "2020-03-01", None, 30)]
    assert by_period(cases.compliance(extract(one), "2020-03-31")) == {}  # 30 days: within, nothing measured
    assert by_period(cases.compliance(extract(one), "2020-04-01")) == {("voksne", "2020-04-01"): (0, 0, 1, 0)}


def test_every_case_received_after_the_measurement_date():
    result = cases.compliance(extract(), "2010-01-01")
    assert result.empty and "low" in result.columns


def test_typed_dates_give_the_same_result():
    typed = extract().assign(
        **{c: pd.to_datetime(extract()[c]) for c in ("received_date", "decision_date")},
        borgercenter=lambda f: f["borgercenter"].astype("category"),
    )
    assert by_period(cases.compliance(typed, "2020-06-30")) == by_period(
        cases.compliance(extract(), "2020-06-30")
    )


def test_totals_count_every_case_once():
    assert cases.totals(extract(), "2020-06-30") == {
        "cases": 13,
        "received_later": 1,
        "on_time": 4,
        "late": 3,
        "open_late": 2,
        "open_within": 3,
    }


def test_unknown_period_is_refused():
    with pytest.raises(ValueError, match="quarter, half-year, year"):
        cases.compliance(extract(), "2020-06-30", "month")
