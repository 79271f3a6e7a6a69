"""The 2007 action plan: initiatives, commitments, dates and the timeline."""

import pandas as pd
import pytest

from analysis.calc import action_plan
from analysis.data import DataError, DataFolder


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
    "value, unit, counted, bound, expected",
    [
        (15, "persons", "medarbejdere", "exact", "15 medarbejdere"),
        (1, "persons", "medarbejder", "at_least", "mindst 1 medarbejder"),
        (4, "weeks", "uger", "at_most", "højst 4 uger"),
        (75, "pct", None, "threshold", "grænse: 75 pct."),
        (None, None, None, None, ""),
    ],
)
def test_value_text(value, unit, counted, bound, expected):
    assert action_plan.value_text(value, unit, counted, bound) == expected


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


def test_chapter_facts(shipped):
    facts = action_plan.chapter_facts(
        shipped.load("action_plan"), shipped.load("action_plan_commitments"), shipped.sources()
    )
    assert facts["initiatives"] == "10" and facts["commitments"] == "10"
    assert facts["commitments_with_number"] == "8"  # all but the intro course and the FAU deadlines
    assert facts["initiatives_with_commitments"] == "6"  # 2, 3, 5, 7, 8, 9
    assert (facts["group1_numbers"], facts["group2_numbers"]) == ("1–5", "6–10")
    assert facts["call_centre_value"] == "15 medarbejdere" and facts["call_centre_when"] == "pr. 1. juni 2007"
    assert facts["phone_cover_value"] == "mindst 1 medarbejder"
    assert facts["answer_rate_number"] == "75 pct."
    assert facts["remitted_cases_value"] == "højst 4 uger"
    assert facts["steering_group_value"] == "4 kontor- og centerchefer fra hver forvaltning"
    assert facts["plan_date"] == "12. oktober 2007"
    assert (facts["dated"], facts["dated_before_plan"], facts["undated"]) == ("5", "5", "5")


def test_a_commitment_after_the_plan_changes_the_title(shipped):
    commitments = shipped.load("action_plan_commitments").copy()
    commitments.loc[commitments["commitment_id"] == "call_centre", "date"] = "2008-01-01"
    fig = action_plan.figure(shipped.load("action_plan"), commitments, shipped.sources())
    assert fig.layout.title.text == "4 af 5 daterede tilsagn ligger før handlingsplanens dato"


def test_timeline_figure(shipped):
    fig = action_plan.figure(
        shipped.load("action_plan"), shipped.load("action_plan_commitments"), shipped.sources()
    )
    names = [t.name for t in fig.data]
    assert names == [
        "Dato oplyst",
        "Kun måned oplyst",
        "Kun år oplyst",
    ]  # shape tells precision, not only colour
    days = fig.data[0]
    assert [str(x)[:10] for x in days.x] == ["2006-01-01", "2007-06-01"]
    assert days.mode == "markers"
    months = fig.data[1]
    assert [str(x)[:10] if x is not None else None for x in months.x] == [
        "2005-08-01",
        "2005-08-31",
        None,
        "2007-05-01",
        "2007-05-31",
        None,
    ]
    assert fig.layout.title.text == "Alle 5 daterede tilsagn ligger før handlingsplanens dato"
    assert list(fig.layout.yaxis.categoryarray)[-1] == "row-0"  # earliest commitment at the top
    labels = [a.text for a in fig.layout.annotations]
    assert (
        "<b>sommeren 2006</b>: Fælles sagsgange for BIF og SOF på de væsentligste snitflader (nr. 3)"
        in labels
    )
    assert "Planens dato: 12. oktober 2007" in labels
    assert fig.layout.shapes[0].x0 == "2007-10-12"
    assert fig.layout.meta["alt"].startswith("Tidslinje over 5 daterede tilsagn")


def test_commitments_data_sorted_by_initiative(shipped):
    data = action_plan.commitments_data(shipped.load("action_plan"), shipped.load("action_plan_commitments"))
    assert data["initiative"].tolist() == [2, 2, 2, 3, 5, 7, 8, 9, 9, 9]
    assert (
        data.loc[0, "value_text"] == "15 medarbejdere"
        and data.loc[0, "initiative_title"] == "Call-center i BIF"
    )


def test_built_page_shows_the_plan(built_book):
    page = (built_book / "notebooks" / "handlingsplan2007.html").read_text(encoding="utf-8")
    for text in [
        "Almen kendt-funktion",
        "Opfølgning på tidligere beretninger",
        "15 medarbejdere",
        "21 fagteams",
        "højst 4 uger",
        "75 pct.",
        "12. oktober 2007",
        "handlingsplan2007_tilsagn.csv",
    ]:
        assert text in page, text


# --- Schema rejections --------------------------------------------------------------------------


def _break(data_copy, name, find, replace):
    path = data_copy / name
    text = path.read_text(encoding="utf-8")
    assert find in text, f"test setup: {find!r} not in {name}"
    path.write_text(text.replace(find, replace, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "name, find, replace, row, column, words",
    [
        ("action_plan.csv", "2,Call-center i BIF", "1,Call-center i BIF", 3, "number", "repeats a key"),
        ("action_plan.csv", "2,Call-center i BIF", "0,Call-center i BIF", 3, "number", "1 or more"),
        (
            "action_plan.csv",
            "Call-center i BIF,Særligt",
            "Call-center i BIF,Andet",
            3,
            "group",
            "must be one of",
        ),
        (
            "action_plan_commitments.csv",
            "call_centre,2,",
            "call_centre,11,",
            6,
            "initiative",
            "'11' is not a number in action_plan.csv",
        ),
        ("action_plan_commitments.csv", "15,persons", "15,", 6, "unit", "go together"),
        (
            "action_plan_commitments.csv",
            "call_centre,2,",
            "Call centre,2,",
            6,
            "commitment_id",
            "lower-case letters",
        ),
        (
            "action_plan_commitments.csv",
            "15,persons,medarbejdere,exact",
            "15,persons,medarbejdere,",
            6,
            "bound",
            "go together",
        ),
        ("action_plan_commitments.csv", "15,persons", "-15,persons", 6, "value", "0 or more"),
        (
            "action_plan_commitments.csv",
            "intro_course,7,",
            "call_centre,7,",
            6,
            "commitment_id",
            "repeats a key",
        ),
        (
            "action_plan_commitments.csv",
            "2007-06-01,pr. 1. juni",
            "2007-13,pr. 1. juni",
            6,
            "date",
            "YYYY-MM",
        ),
        (
            "action_plan_commitments.csv",
            "2007-06-01,pr. 1. juni 2007",
            "2007-06-01,",
            6,
            "when",
            "go together",
        ),
        ("action_plan_commitments.csv", "75,pct", "175,pct", 10, "value", "between 0 and 100"),
        ("action_plan_commitments.csv", "at_most", "below", 11, "bound", "must be one of"),
        ("action_plan_commitments.csv", "4,weeks", "4,fortnights", 11, "unit", "must be one of"),
    ],
)
def test_bad_rows_are_rejected(data_copy, name, find, replace, row, column, words):
    path = _break(data_copy, name, find, replace)
    with pytest.raises(DataError) as caught:
        DataFolder(data_copy).load(name.removesuffix(".csv"))
    error = caught.value
    assert (error.row, error.column) == (row, column), str(error)
    assert words in error.message
    assert "\n" not in str(error) and str(error).startswith(f"{path}, row {row}, column '{column}': ")


def test_a_dangling_initiative_stops_validation(data_copy):
    import subprocess
    import sys

    _break(data_copy, "action_plan_commitments.csv", "call_centre,2,", "call_centre,11,")
    result = subprocess.run(
        [sys.executable, "-m", "analysis", "validate", str(data_copy)], capture_output=True, text=True
    )
    assert result.returncode == 2
    assert "row 6, column 'initiative'" in result.stderr and "Traceback" not in result.stderr
