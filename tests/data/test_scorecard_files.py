"""The service targets and results files: each bad cell named by file, row and column."""

import pytest

from analysis.data import DataError, DataFolder


@pytest.mark.parametrize(
    "name, find, replace, row, column, words",
    [
        ("service_results.csv", "2019,4,90,95,pct", "2019,4,95,90,pct", 7, "high", "upside down"),
        ("service_results.csv", "2019,4,90,95,pct", "2019,4,90,105,pct", 7, "high", "between 0 and 100"),
        ("service_results.csv", "2019,4,90,95,pct", "2019,4,90,,pct", 7, "high", "both low and high"),
        ("service_results.csv", "2019,4,90,95,pct", "2019,4,-90,95,pct", 7, "low", "0 or more"),
        ("service_results.csv", "2019,4,90,95,pct", "2019,5,90,95,pct", 7, "quarter", "1, 2, 3 or 4"),
        ("service_results.csv", "2019,4,90,95,pct", "2019,4,90,95,", 7, "unit", "needs its unit"),
        ("service_results.csv", "2019,4,90,95,pct", "2019,4,90,95,percent", 7, "unit", "must be one of"),
        (
            "service_results.csv",
            "2019,4,,,,met",
            "2019,4,,,,",
            8,
            "low",
            "a value (low and high) or a stated_verdict",
        ),
        ("service_results.csv", "2019,4,,,,met", "2019,4,,,,probably", 8, "stated_verdict", "must be one of"),
        ("service_results.csv", "2019,4,,,,met", "2019,4,90,90,pct,met", 8, "stated_verdict", "not both"),
        (
            "service_results.csv",
            "interviews_within_10_days,2019",
            "payments_on_time,2019",
            8,
            "target_id",
            "already reports a result",
        ),
        ("service_targets.csv", "at least,95,pct", "at least,105,pct", 11, "value", "between 0 and 100"),
        (
            "service_targets.csv",
            "at least,95,pct",
            ",95,pct",
            11,
            "direction",
            "all of direction, value and unit",
        ),
        (
            "service_targets.csv",
            "at least,95,pct",
            "at least,,pct",
            11,
            "value",
            "all of direction, value and unit",
        ),
        ("service_targets.csv", "at least,95,pct", "about,95,pct", 11, "direction", "must be one of"),
        (
            "service_targets.csv",
            "payments_on_time,Rettidige udbetalinger,active",
            "payments_on_time,Rettidige udbetalinger,paused",
            11,
            "in_force",
            "must be one of",
        ),
    ],
)
def test_bad_rows_are_rejected_with_file_row_and_column(
    data_copy, edit_data, name, find, replace, row, column, words
):
    path = edit_data(name, find, replace)
    with pytest.raises(DataError) as caught:
        DataFolder(data_copy).load(name.removesuffix(".csv"))
    error = caught.value
    assert (error.row, error.column) == (row, column), str(error)
    assert words in error.message
    assert "\n" not in str(error) and str(error).startswith(f"{path}, row {row}, column '{column}': ")
