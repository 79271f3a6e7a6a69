"""The action plan's files: each bad cell named by file, row and column."""

import pytest

from analysis.data import DataError, DataFolder


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
            "(or just the year, 2022, or year and month, 2022-12)",
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
def test_bad_rows_are_rejected(data_copy, edit_data, name, find, replace, row, column, words):
    path = edit_data(name, find, replace)
    with pytest.raises(DataError) as caught:
        DataFolder(data_copy).load(name.removesuffix(".csv"))
    error = caught.value
    assert (error.row, error.column) == (row, column), str(error)
    assert words in error.message
    assert "\n" not in str(error) and str(error).startswith(f"{path}, row {row}, column '{column}': ")


def test_a_dangling_initiative_stops_validation(data_copy, edit_data):
    import subprocess
    import sys

    edit_data("action_plan_commitments.csv", "call_centre,2,", "call_centre,11,")
    result = subprocess.run(
        [sys.executable, "-m", "analysis", "validate", str(data_copy)], capture_output=True, text=True
    )
    assert result.returncode == 2
    assert "row 6, column 'initiative'" in result.stderr and "Traceback" not in result.stderr
