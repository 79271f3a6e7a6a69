"""Reading and validating data files: every problem is one line naming file, row and column."""

import subprocess
import sys

import pandas as pd
import pytest

from analysis.data import DATASETS, DataError, DataFolder, parse_number
from analysis.data.loading import read_table


@pytest.mark.parametrize("raw, expected", [
    ("1564", 1564), ("1.564", 1564), ("12.250.000", 12250000), ("4,30", 4.3), ("4.30", 4.3),
    ("0.517", 0.517), ("- 3.000", -3000), ("\u22127", -7), ("1.564,5", 1564.5), (" 15 ", 15), ("", None),
])
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
        "2019;formality;539,4;derived;so49;en anden;580 × (1 − 0,07)\n", encoding="utf-8")
    frame = DataFolder(tmp_path).load("complaints")
    assert frame["count"].tolist() == [1564.0, 539.4]
    assert frame["formula"].isna().tolist() == [True, False]


def test_xlsx_is_read_like_csv(tmp_path, shipped):
    shipped.load("complaints").to_excel(tmp_path / "complaints.xlsx", index=False)
    assert DataFolder(tmp_path).load("complaints")["count"].sum() == shipped.load("complaints")["count"].sum()


def test_missing_files_fall_back_to_shipped_data(tmp_path, shipped):
    folder = DataFolder(tmp_path)
    folder.load("complaints")
    assert folder.used["complaints"] == shipped.path("complaints")


def _break(data_copy, find, replace, name="complaints.csv"):
    path = data_copy / name
    text = path.read_text(encoding="utf-8")
    assert find in text, f"test setup: {find!r} not in {name}"
    path.write_text(text.replace(find, replace, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize("find, replace, row, column, words", [
    ("2016,formality,486", "2016,formality,-486", 3, "count", "cannot be negative"),
    ("2016,formality,486", "2016,formality,many", 3, "count", "'many' is not a number"),
    ("2016,formality,486", "2015,formality,486", 3, "year' + 'complaint_type", "repeats a key"),
    ("2016,formality,486,stated", "2016,formality,486,guessed", 3, "kind", "must be one of"),
    ("2016,formality,486,stated,kkdk-klageopgoerelse-2017", "2016,formality,486,stated,nowhere", 3,
     "source_id", "must be one of"),
    ("2016,formality,486,stated", "2016,formality,486,derived", 3, "formula", "needs the formula"),
    ("2016,formality,486", "2016,formality,486.5", 3, "count", "whole number"),
    ("2016,formality,486", "1016,formality,486", 3, "year", "between 1900 and 2100"),
    ("2016,formality", "2016,appeal", 3, "complaint_type", "must be one of"),
])
def test_bad_rows_are_rejected_with_file_row_and_column(data_copy, find, replace, row, column, words):
    path = _break(data_copy, find, replace)
    with pytest.raises(DataError) as caught:
        DataFolder(data_copy).load("complaints")
    error = caught.value
    assert (error.row, error.column) == (row, column)
    assert words in error.message
    line = str(error)
    assert "\n" not in line and line.startswith(f"{path}, row {row}, column '{column}': ")


def test_percentages_over_100_are_rejected(data_copy):
    _break(data_copy, "566,count", "566,pct", "complaint_benchmarks.csv")
    with pytest.raises(DataError, match=r"row 2, column 'value': a percentage must lie between 0 and 100"):
        DataFolder(data_copy).load("complaint_benchmarks")


@pytest.mark.parametrize("content, words", [
    ("", "the file is empty"),
    ("year,complaint_type,count,kind,source_id,quote,formula\n", "no rows of data"),
    ("year,complaint_type,count,kind,source_id,quote\n2018,reality,1564,stated,so49,q\n", "'formula' is missing"),
    ("year,complaint_type,count,kind,source_id,quote,formula,extra\n2018,reality,1564,stated,so49,q,,x\n",
     "unknown column 'extra'"),
    ("year,complaint_type,count,kind,source_id,quote,formula\n2018,reality,1564,stated,so49,a, b,c\n",
     "more cells than the header"),
])
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


def test_validate_command_reports_one_line_and_exit_code_2(data_copy):
    _break(data_copy, "2016,formality,486", "2016,formality,-486")
    result = subprocess.run([sys.executable, "-m", "analysis", "validate", str(data_copy)],
                            capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.strip().count("\n") == 0
    assert "row 3, column 'count'" in result.stderr and "Traceback" not in result.stderr


def test_validate_command_lists_files_when_valid():
    result = subprocess.run([sys.executable, "-m", "analysis", "validate"], capture_output=True, text=True)
    assert result.returncode == 0
    assert "complaints" in result.stdout and "registry" in result.stdout


def test_validate_missing_folder(tmp_path):
    result = subprocess.run([sys.executable, "-m", "analysis", "validate", str(tmp_path / "nope")],
                            capture_output=True, text=True)
    assert result.returncode == 2 and "does not exist" in result.stderr
