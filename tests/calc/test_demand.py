"""Applications per period and per month, checked against values worked out by hand."""

import pandas as pd
import pytest

from analysis.calc import demand


def applications(rows):
    """An applications table from (start, end, count) tuples."""
    return pd.DataFrame(
        [
            {
                "application_type": "brøkpension",
                "period_start": s,
                "period_end": e,
                "count": c,
                "kind": "stated",
                "source_id": "so49",
                "quote": "q",
                "formula": None,
            }
            for s, e, c in rows
        ]
    )


@pytest.fixture
def shipped_applications(shipped):
    return shipped.load("applications")


def test_periods_and_monthly_averages(shipped_applications):
    shown = demand.periods(shipped_applications, "brøkpension", 2018, 2020)
    assert shown["period_start"].tolist() == ["2018-01-01", "2019-01-01", "2020-01-01"]
    assert shown["months"].tolist() == [12, 12, 5]
    assert shown["partial"].tolist() == [False, False, True]
    # 344 / 12 = 28,666...; 610 / 12 = 50,833...; 490 / 5 = 98
    assert shown["per_month"].tolist() == pytest.approx([28.6667, 50.8333, 98.0], abs=1e-4)


def test_years_shown_filter_by_period_start(shipped_applications):
    shown = demand.periods(shipped_applications, "brøkpension", 2019, 2020)
    assert shown["period_start"].tolist() == ["2019-01-01", "2020-01-01"]
    assert demand.periods(shipped_applications, "boligstøtte", 2018, 2020).empty


def test_percent_change():
    assert demand.percent_change(344, 610) == pytest.approx(77.3256, abs=1e-4)  # 266 / 344


def test_the_year_before_a_part_year(shipped_applications):
    part, year = demand.year_before(demand.periods(shipped_applications, "brøkpension", 2018, 2020))
    assert (part["period_start"], year["period_start"]) == ("2020-01-01", "2019-01-01")
    whole = applications([("2018-01-01", "2018-12-31", 600), ("2019-01-01", "2019-12-31", 450)])
    assert demand.year_before(demand.periods(whole, "brøkpension", 2018, 2019)) is None


def test_the_type_and_years_shown_come_from_the_data_unless_given():
    applications = pd.DataFrame(
        {
            "application_type": ["førtidspension", "brøkpension", "brøkpension"],
            "period_start": ["2015-01-01", "2018-01-01", "2020-07-01"],
        }
    )
    assert demand.chosen(applications, "", 0, 0) == ("førtidspension", 2015, 2015)
    assert demand.chosen(applications, "brøkpension", 0, 0) == ("brøkpension", 2018, 2020)
    assert demand.chosen(applications, "brøkpension", 2019, 0) == ("brøkpension", 2019, 2020)
    assert demand.chosen(applications, "ukendt", 0, 2022) == ("ukendt", 2022, 2022)
