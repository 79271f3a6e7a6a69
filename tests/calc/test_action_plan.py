"""The 2007 action plan: initiatives, commitments and the spans their dates stand for."""

import pandas as pd
import pytest

from analysis.calc import action_plan


def test_ten_initiatives_in_two_groups(shipped):
    shown = action_plan.initiatives(shipped.load("action_plan"), shipped.load("action_plan_commitments"))
    assert shown["number"].tolist() == list(range(1, 11))
    assert shown.loc[shown["number"] <= 5, "group"].eq("Særligt i forhold til beretning 2006").all()
    assert shown.loc[shown["number"] >= 6, "group"].eq("Opfølgning på tidligere beretninger").all()
    assert shown.set_index("number").at[2, "title"] == "Call-center i BIF"
    # commitments per initiative: 2 has the call centre, its 21 teams and the phone cover; 9 has three
    assert shown.set_index("number")["commitments"].to_dict() == {
        1: 0,
        2: 3,
        3: 1,
        4: 0,
        5: 1,
        6: 0,
        7: 1,
        8: 1,
        9: 3,
        10: 0,
    }


@pytest.mark.parametrize(
    "iso, start, end, precision",
    [
        ("2007-06-01", "2007-06-01", "2007-06-01", "day"),
        ("2007-05", "2007-05-01", "2007-05-31", "month"),
        ("2008-02", "2008-02-01", "2008-02-29", "month"),  # a leap year
        ("2006", "2006-01-01", "2006-12-31", "year"),  # "sommeren 2006": only the year is certain
    ],
)
def test_date_span_is_as_wide_as_the_source_is_vague(iso, start, end, precision):
    assert action_plan.date_span(iso) == (pd.Timestamp(start), pd.Timestamp(end), precision)


def test_dated_commitments_in_order(shipped):
    timeline = action_plan.dated(shipped.load("action_plan_commitments"), shipped.load("action_plan"))
    assert timeline["commitment_id"].tolist() == [
        "intro_course",
        "deadlines_in_force",
        "joint_procedures",
        "deadline_measurement",
        "call_centre",
    ]
    assert timeline["precision"].tolist() == ["month", "day", "year", "month", "day"]
