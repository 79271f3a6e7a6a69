"""Reading and validating data files: every problem is one line naming file, row and column."""

import subprocess
import sys

import pytest

from analysis.data import DATASETS, DataError, DataFolder, parse_number
from analysis.data.loading import read_table


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("1564", 1564),
        ("1.564", 1564),
        ("12.250.000", 12250000),
        ("4,30", 4.3),
        ("4.30", 4.3),
        ("0.517", 0.517),
        ("- 3.000", -3000),
        ("\u22127", -7),
        ("1.564,5", 1564.5),
        (" 15 ", 15),
        ("", None),
    ],
)
def test_parse_number_reads_what_people_type(raw, expected):
    assert parse_number(raw) == expected


@pytest.mark.parametrize("raw", ["abc", "1,2,3", "12-", "nan", "inf", "1e5"])
def test_parse_number_rejects_non_numbers(raw):
    with pytest.raises(ValueError):
        parse_number(raw)


def test_shipped_data_is_valid(shipped):
    used = shipped.validate_all()
    assert set(used) == {"registry", *(name for name, d in DATASETS.items() if not d.optional)}
    complaints = shipped.load("complaints")
    assert str(complaints["year"].dtype) == "Int64"
    assert complaints.set_index(["year", "complaint_type"]).loc[(2018, "reality"), "count"] == 1564


def test_semicolon_csv_with_bom_and_danish_numbers(tmp_path):
    (tmp_path / "complaints.csv").write_text(
        "\ufeffyear;complaint_type;count;kind;source_id;quote;formula\n"
        "2018;reality;1.564;stated;klagetema2019;en sætning;\n"
        "2019;formality;539,4;derived;so49;en anden;580 × (1 − 0,07)\n",
        encoding="utf-8",
    )
    frame = DataFolder(tmp_path).load("complaints")
    assert frame["count"].tolist() == [1564.0, 539.4]
    assert frame["formula"].isna().tolist() == [True, False]


def test_xlsx_is_read_like_csv(tmp_path, shipped):
    shipped.load("complaints").to_excel(tmp_path / "complaints.xlsx", index=False)
    assert DataFolder(tmp_path).load("complaints")["count"].sum() == shipped.load("complaints")["count"].sum()


def test_missing_files_fall_back_to_shipped_data(tmp_path, shipped):
    folder = DataFolder(tmp_path)
    folder.load("complaints")
    assert folder.used["complaints"] == shipped.find("complaints")


@pytest.mark.parametrize(
    "find, replace, row, column, words",
    [
        ("2016,formality,486", "2016,formality,-486", 3, "count", "cannot be negative"),
        ("2016,formality,486", "2016,formality,many", 3, "count", "'many' is not a number"),
        ("2016,formality,486", "2015,formality,486", 3, "year' + 'complaint_type", "repeats a key"),
        ("2016,formality,486,stated", "2016,formality,486,guessed", 3, "kind", "must be one of"),
        (
            "2016,formality,486,stated,kkdk-klageopgoerelse-2017",
            "2016,formality,486,stated,nowhere",
            3,
            "source_id",
            "must be one of",
        ),
        ("2016,formality,486,stated", "2016,formality,486,derived", 3, "formula", "needs the formula"),
        ("2016,formality,486", "2016,formality,486.5", 3, "count", "whole number"),
        ("2016,formality,486", "1016,formality,486", 3, "year", "between 1900 and 2100"),
        ("2016,formality", "2016,appeal", 3, "complaint_type", "must be one of"),
    ],
)
def test_bad_rows_are_rejected_with_file_row_and_column(
    data_copy, edit_data, find, replace, row, column, words
):
    path = edit_data("complaints.csv", find, replace)
    with pytest.raises(DataError) as caught:
        DataFolder(data_copy).load("complaints")
    error = caught.value
    assert (error.row, error.column) == (row, column)
    assert words in error.message
    line = str(error)
    assert "\n" not in line and line.startswith(f"{path}, row {row}, column '{column}': ")


@pytest.mark.parametrize(
    "name, find, replace, row, column, words",
    [
        ("compliance.csv", "2019-06-30", "2019-02-30", 2, "period_end", "no day in the calendar"),
        ("compliance.csv", "2019-06-30", "30.06.19", 2, "period_end", "two-digit year"),
        (
            "compliance.csv",
            "2019-01-01,2019-06-30",
            "2019-07-01,2019-06-30",
            2,
            "period_end",
            "ends before it starts",
        ),
        ("compliance.csv", ",80,90,", ",90,80,", 4, "high", "high is below low"),
        ("compliance.csv", ",81,81,", ",81,181,", 5, "high", "between 0 and 100"),
        ("compliance.csv", "handicap,2020", "tandpleje,2020", 5, "borgercenter", "must be one of"),
        (
            "compliance.csv",
            "voksne,2019-12-31,2019-12-31",
            "voksne,2019-01-01,2019-06-30",
            3,
            "borgercenter' + 'period_start' + 'period_end",
            "repeats a key",
        ),
        ("compliance_targets.csv", "handicap,80,", "handicap,800,", 2, "target", "between 0 and 100"),
        (
            "funding_periods.csv",
            "2019,2021,temporary",
            "2019,,temporary",
            2,
            "last_year",
            "needs a last year",
        ),
        (
            "funding_periods.csv",
            "2022,,permanent",
            "2022,2024,permanent",
            3,
            "last_year",
            "permanent funding has none",
        ),
        (
            "funding_periods.csv",
            "2019,2021,temporary",
            "2021,2019,temporary",
            2,
            "last_year",
            "ends before it starts",
        ),
        ("funding_periods.csv", ",granted,", ",maybe,", 2, "status", "must be one of"),
        ("funding_periods.csv", ",15000,", ",-15000,", 3, "per_year_1000_kr", "must be 0 or more"),
        (
            "applications.csv",
            "2020-05-31",
            "2020-05-15",
            4,
            "period_end",
            "first day of a month to the last day",
        ),
        (
            "applications.csv",
            "2020-01-01,2020-05-31",
            "2020-01-02,2020-05-31",
            4,
            "period_end",
            "first day of a month",
        ),
        ("applications.csv", ",490,", ",490.5,", 4, "count", "whole number"),
        ("applications.csv", ",490,", ",-490,", 4, "count", "cannot be negative"),
        (
            "applications.csv",
            "2019-01-01,2019-12-31",
            "2018-01-01,2019-12-31",
            3,
            "application_type' + 'period_start",
            "repeats a key",
        ),
    ],
)
def test_bad_rows_in_the_deadline_and_demand_tables(
    data_copy, edit_data, name, find, replace, row, column, words
):
    path = edit_data(name, find, replace)
    with pytest.raises(DataError) as caught:
        DataFolder(data_copy).load(name.removesuffix(".csv"))
    error = caught.value
    assert (error.row, error.column) == (row, column)
    assert words in error.message
    assert str(error).startswith(f"{path}, row {row}, column '{column}': ")


def test_percentages_over_100_are_rejected(data_copy, edit_data):
    edit_data("complaint_benchmarks.csv", "566,count", "566,pct")
    with pytest.raises(DataError, match=r"row 2, column 'value': a percentage must lie between 0 and 100"):
        DataFolder(data_copy).load("complaint_benchmarks")


@pytest.mark.parametrize(
    "content, words",
    [
        ("", "the file is empty"),
        ("year,complaint_type,count,kind,source_id,quote,formula\n", "no rows of data"),
        (
            "year,complaint_type,count,kind,source_id,quote\n2018,reality,1564,stated,so49,q\n",
            "'formula' is missing",
        ),
        (
            "year,complaint_type,count,kind,source_id,quote,formula,extra\n2018,reality,1564,stated,so49,q,,x\n",
            "unknown column 'extra'",
        ),
        (
            "year,complaint_type,count,kind,source_id,quote,formula\n2018,reality,1564,stated,so49,a, b,c\n",
            "more cells than the header",
        ),
    ],
)
def test_malformed_files(tmp_path, content, words):
    (tmp_path / "complaints.csv").write_text(content, encoding="utf-8")
    with pytest.raises(DataError, match=words):
        DataFolder(tmp_path).load("complaints")


def test_file_that_is_not_utf8(tmp_path):
    (tmp_path / "complaints.csv").write_bytes("year,complaint_type\n2018,æøå\n".encode("latin-1"))
    with pytest.raises(DataError, match="not UTF-8"):
        DataFolder(tmp_path).load("complaints")


def test_read_table_strips_and_empties(tmp_path):
    (tmp_path / "t.csv").write_text("a , b\n x ,\n", encoding="utf-8")
    frame = read_table(tmp_path / "t.csv")
    assert list(frame.columns) == ["a", "b"]
    assert frame.iloc[0].tolist() == ["x", None]


def test_validate_command_reports_one_line_and_exit_code_2(data_copy, edit_data):
    edit_data("complaints.csv", "2016,formality,486", "2016,formality,-486")
    result = subprocess.run(
        [sys.executable, "-m", "analysis", "validate", str(data_copy)], capture_output=True, text=True
    )
    assert result.returncode == 2
    # stdout holds only warnings (the copy's README.md is not read); the problem is on stderr
    assert [line for line in result.stdout.splitlines() if not line.startswith("warning: ")] == []
    assert result.stderr.strip().count("\n") == 0
    assert "row 3, column 'count'" in result.stderr and "Traceback" not in result.stderr


def test_validate_command_lists_files_when_valid():
    result = subprocess.run([sys.executable, "-m", "analysis", "validate"], capture_output=True, text=True)
    assert result.returncode == 0
    assert "complaints" in result.stdout and "registry" in result.stdout


def test_validate_missing_folder(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "analysis", "validate", str(tmp_path / "nope")], capture_output=True, text=True
    )
    assert result.returncode == 2 and "does not exist" in result.stderr


# --- The budget tables' data sets ------------------------------------------------------------------


def _edit(data_copy, name: str, match: dict, **changes) -> int:
    """Change cells of every data row that matches `match`; returns the file row of the first."""
    import csv

    path = data_copy / f"{name}.csv"
    with open(path, newline="", encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    hits = [i for i, row in enumerate(rows) if all(row[k] == v for k, v in match.items())]
    assert hits, f"test setup: no row matches {match}"
    for i in hits:
        for column, value in changes.items():
            assert column in rows[i], f"test setup: no column {column}"
            rows[i][column] = value
    with open(path, "w", newline="", encoding="utf-8") as file:
        writer = csv.DictWriter(file, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return hits[0] + 2


HEADING = dict(table_id="oe501-t1", row_id="service-heading")
LINE = dict(table_id="oe501-t1", row_id="genopretning")  # all four years of a row
LINE_2012 = dict(LINE, year="2012")
T2_LINE = dict(table_id="so49-t2", row_id="udsatte")


@pytest.mark.parametrize(
    "match, changes, column, words",
    [
        (LINE, {"row_type": "sum"}, "row_type", "must be one of"),
        (LINE, {"area": "drift"}, "area", "must be one of"),
        (T2_LINE, {"income_expense": "X"}, "income_expense", "must be I or U"),
        (LINE_2012, {"amount": ""}, "amount", "a heading has no amount and every other row needs one"),
        (HEADING, {"amount": "100"}, "amount", "a heading has no amount"),
        (HEADING, {"year": "2012"}, "year", "a heading has no year"),
        (LINE_2012, {"amount": "4.300,5x"}, "amount", "is not a number"),
        (LINE_2012, {"year": "2012.5"}, "year", "whole number"),
        (LINE, {"parent_row_id": "nowhere"}, "parent_row_id", "not in the same table"),
        (LINE, {"parent_row_id": "genopretning"}, "parent_row_id", "its own parent"),
        (T2_LINE, {"counterpart": "so49-t1/nowhere"}, "counterpart", "must name a row of another table"),
        (T2_LINE, {"counterpart": "so49-t2/total"}, "counterpart", "must name a row of another table"),
        (LINE_2012, {"label": "Noget andet"}, "label", "must be the same in every year"),
        (LINE_2012, {"price_level": "2013"}, "price_level", "same price level"),
        (HEADING, {"table_id": "Ø501 T1"}, "table_id", "lower-case letters"),
        (LINE, {"position": "0"}, "position", "must be 1 or more"),
        (LINE_2012, {"year": "2013"}, "table_id' + 'row_id' + 'year", "repeats a key"),
        (LINE_2012, {"kind": "derived"}, "formula", "needs the formula"),
    ],
)
def test_bad_budget_lines_are_rejected_with_file_row_and_column(data_copy, match, changes, column, words):
    row = _edit(data_copy, "budget_lines", match, **changes)
    with pytest.raises(DataError) as caught:
        DataFolder(data_copy).load("budget_lines")
    error = caught.value
    assert error.column == column and words in error.message
    if column not in ("label", "price_level", "table_id' + 'row_id' + 'year"):  # rules that span rows
        assert error.row == row
    assert str(error).startswith(f"{data_copy / 'budget_lines.csv'}, row ")


@pytest.mark.parametrize(
    "changes, column, words",
    [
        ({"quarter": "5"}, "quarter", "a quarter from 1 to 4"),
        ({"scheduled": "X"}, "scheduled", "must be one of"),
        ({"year": "1850"}, "year", "between 1900 and 2100"),
    ],
)
def test_bad_schedule_rows_are_rejected(data_copy, changes, column, words):
    row = _edit(data_copy, "capital_schedule", dict(row_id="udvikling", year="2011", quarter="2"), **changes)
    with pytest.raises(DataError) as caught:
        DataFolder(data_copy).load("capital_schedule")
    assert (caught.value.row, caught.value.column) == (row, column) and words in caught.value.message


@pytest.mark.parametrize(
    "content, row, column, words",
    [
        (
            "year,index,kind,source_id,quote,formula\n2012,-1,user-supplied,so49,q,\n",
            2,
            "index",
            "must be above 0",
        ),
        (
            "year,index,kind,source_id,quote,formula\n2012,80,user-supplied,so49,q,\n2012,81,user-supplied,so49,q,\n",
            3,
            "year",
            "repeats a key",
        ),
        (
            "year,index,kind,source_id,quote,formula\n2012,80,user-supplied,nowhere,q,\n",
            2,
            "source_id",
            "must be one of",
        ),
    ],
)
def test_bad_price_index_rows_are_rejected(tmp_path, content, row, column, words):
    (tmp_path / "price_index.csv").write_text(content, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        DataFolder(tmp_path).load("price_index")
    assert (caught.value.row, caught.value.column) == (row, column) and words in caught.value.message


def test_many_files_that_are_not_read_are_counted_not_each_listed(data_copy):
    for number in range(30):
        (data_copy / f"junk{number}.txt").write_text("x", encoding="utf-8")
    folder = DataFolder(data_copy)
    folder.validate_all()
    lines = folder.warning_lines(cap=20)
    assert len(folder.warnings) == 31 and len(lines) == 21  # the 30 and the copied README.md
    assert lines[-1] == "warning: … and 11 more files or sheets that are not read"
