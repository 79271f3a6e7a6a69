"""The optional case extract as a data file: loaded when supplied, each bad cell named by row and column."""

import pytest

from analysis.data import DataError, DataFolder

HEADER = "case_id,borgercenter,case_type,received_date,decision_date,deadline_days"


def write(folder, rows, header=HEADER):
    folder.mkdir(exist_ok=True)
    (folder / "cases.csv").write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return folder / "cases.csv"


def test_an_absent_extract_is_no_error(shipped):
    assert shipped.load("cases") is None


def test_a_supplied_extract_is_loaded(tmp_path):
    write(tmp_path, ["A,handicap,§ 100,2020-01-02,2020-01-20,30", "B,voksne,§ 85,2020-02-01,,1.000"])
    frame = DataFolder(tmp_path).load("cases").frame()
    assert frame["deadline_days"].tolist() == [30, 1000]
    assert frame["decision_date"].isna().tolist() == [False, True]


@pytest.mark.parametrize(
    "row, column, words",
    [
        (
            "B,voksne,§ 85,2020-02-01,2020-01-31,30",
            "decision_date",
            "the decision date is before the received date",
        ),
        ("B,voksne,§ 85,2020-02-01,,0", "deadline_days", "must be a positive whole number of days"),
        ("B,voksne,§ 85,2020-02-01,,-5", "deadline_days", "must be a positive whole number of days"),
        ('B,voksne,§ 85,2020-02-01,,"30,5"', "deadline_days", "'30,5' must be a whole number"),
        ("B,voksne,§ 85,2020-02-01,,tredive", "deadline_days", "'tredive' is not a number"),
        (
            "B,tandpleje,§ 85,2020-02-01,,30",
            "borgercenter",
            "must be one of: handicap, voksne, boern-og-unge",
        ),
        ("B,voksne,§ 85,1/2/2020,,30", "received_date", "written both day/month and month/day"),
        ("B,voksne,§ 85,2020-02-01,2020-02-30,30", "decision_date", "no day in the calendar"),
        ("B,voksne,§ 85,,,30", "received_date", "the cell is empty but a value is required"),
        ("A,voksne,§ 85,2020-02-01,,30", "case_id", "repeats a key"),
    ],
)
def test_bad_cases_are_rejected_with_file_row_and_column(tmp_path, row, column, words):
    path = write(tmp_path, ["A,handicap,§ 100,2020-01-02,2020-01-20,30", row])
    with pytest.raises(DataError) as caught:
        DataFolder(tmp_path).load("cases")
    assert (caught.value.row, caught.value.column) == (3, column)
    assert words in caught.value.message
    assert str(caught.value).startswith(f"{path}, row 3, column '{column}': ")


def test_the_first_bad_number_of_a_column_is_reported(tmp_path):
    rows = [f"C{i},handicap,§ 100,2020-01-02,,{v}" for i, v in enumerate(["30", "2.5", "x", "30"])]
    write(tmp_path, rows)
    with pytest.raises(DataError, match=r"row 3, column 'deadline_days': '2.5' must be a whole number"):
        DataFolder(tmp_path).load("cases")
