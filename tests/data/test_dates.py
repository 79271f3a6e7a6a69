"""Dates as analysts have them: ISO, Danish (31-12-2022, 31.12.2022) and Excel date cells; a date
that reads two ways or is not in the calendar is one line saying how to write it."""

import datetime as dt

import openpyxl
import pandas as pd
import pytest

from analysis.data import DataError, DataFolder
from analysis.data.dates import parse_dates

HEADER = "borgercenter;period_start;period_end;low;high;kind;source_id;quote;formula\n"


def one(cell: str, partial: bool = False):
    dates, bad = parse_dates(pd.Series([cell], dtype=object), partial=partial)
    return dates.iloc[0], bad.get(0)


@pytest.mark.parametrize(
    "cell, iso",
    [
        ("2022-12-31", "2022-12-31"),
        ("31-12-2022", "2022-12-31"),
        ("31.12.2022", "2022-12-31"),
        ("01-02-2022", "2022-02-01"),  # day before month: the 1st of February
        ("1.2.2022", "2022-02-01"),
        (" 05.06.2020 ", "2020-06-05"),
        ("29-02-2024", "2024-02-29"),
    ],
)
def test_each_accepted_form_becomes_iso(cell, iso):
    assert one(cell) == (iso, None)


@pytest.mark.parametrize(
    "cell, words",
    [
        ("31-12-22", "two-digit year"),
        ("1/2/2022", "written both day/month and month/day"),
        ("12-31-2022", "no day in the calendar"),  # month first is no Danish date
        ("29-02-2023", "no day in the calendar"),
        ("2022-13-01", "no day in the calendar"),
        ("31-12.2022", "is not a date"),  # two different separators
        ("2022-12-31 13:45:00", "time of day"),
        ("december 2022", "is not a date"),
        ("2022", "is not a date"),  # a day is required here
    ],
)
def test_a_bad_or_ambiguous_date_says_how_to_write_it(cell, words):
    value, message = one(cell)
    assert pd.isna(value)
    assert words in message and "31-12-2022, 31.12.2022 or 2022-12-31" in message


def test_a_partial_date_column_keeps_a_year_or_a_month():
    assert one("2007", partial=True) == ("2007", None)
    assert one("2007-10", partial=True) == ("2007-10", None)
    assert one("12.10.2007", partial=True) == ("2007-10-12", None)
    assert "year and month" in one("oktober 2007", partial=True)[1]


def test_danish_dates_in_a_csv_are_loaded_as_iso(tmp_path):
    (tmp_path / "compliance.csv").write_text(
        HEADER + "handicap;01-01-2022;30-06-2022;80;80;user-supplied;so49;x;\n"
        "voksne;01.07.2022;31.12.2022;78,5;78,5;user-supplied;so49;x;\n"
        "handicap;2023-01-01;2023-06-30;81;81;user-supplied;so49;x;\n",
        encoding="utf-8-sig",
    )
    frame = DataFolder(tmp_path).load("compliance")
    assert frame["period_start"].tolist() == ["2022-01-01", "2022-07-01", "2023-01-01"]
    assert frame["period_end"].tolist() == ["2022-06-30", "2022-12-31", "2023-06-30"]


def test_an_invalid_date_is_one_line_with_file_row_and_column(tmp_path):
    path = tmp_path / "compliance.csv"
    path.write_text(
        HEADER + "handicap;01-01-2022;30-06-2022;80;80;user-supplied;so49;x;\n"
        "voksne;01.07.2022;31-12-22;78;78;user-supplied;so49;x;\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as caught:
        DataFolder(tmp_path).load("compliance")
    error = caught.value
    assert (error.row, error.column, error.more) == (3, "period_end", 0)  # not also "is empty"
    assert str(error) == (
        f"{path}, row 3, column 'period_end': '31-12-22' has a two-digit year, which could be 19xx "
        "or 20xx: write the year in full, e.g. 31-12-2022, 31.12.2022 or 2022-12-31"
    )


APPLICATION_HEADER = ["application_type", "period_start", "period_end", "count", "kind", "source_id", "quote"]


def _workbook(path, rows):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([*APPLICATION_HEADER, "formula"])
    for row in rows:
        sheet.append([*row, None])
    book.save(path)


def test_excel_date_cells_written_by_openpyxl_are_dates(tmp_path):
    path = tmp_path / "applications.xlsx"
    _workbook(
        path,
        [
            (
                "brøkpension",
                dt.datetime(2022, 1, 1),
                dt.datetime(2022, 6, 30),
                120,
                "user-supplied",
                "so49",
                "x",
            ),
            ("brøkpension", dt.date(2022, 7, 1), "31-12-2022", 130, "user-supplied", "so49", "x"),
        ],
    )
    assert openpyxl.load_workbook(path).active["B2"].is_date  # a real date cell, not text
    frame = DataFolder(tmp_path).load("applications")
    assert frame["period_start"].tolist() == ["2022-01-01", "2022-07-01"]
    assert frame["period_end"].tolist() == ["2022-06-30", "2022-12-31"]


def test_excel_date_cells_written_by_pandas_are_dates(tmp_path):
    frame = pd.DataFrame(
        {
            "application_type": ["førtidspension"],
            "period_start": [pd.Timestamp("2021-01-01")],
            "period_end": [pd.Timestamp("2021-12-31")],
            "count": [512],
            "kind": ["user-supplied"],
            "source_id": ["so49"],
            "quote": ["x"],
            "formula": [None],
        }
    )
    frame.to_excel(tmp_path / "applications.xlsx", index=False)
    loaded = DataFolder(tmp_path).load("applications")
    assert loaded[["period_start", "period_end"]].values.tolist() == [["2021-01-01", "2021-12-31"]]


def test_an_excel_cell_with_a_time_of_day_is_an_error(tmp_path):
    _workbook(
        tmp_path / "applications.xlsx",
        [
            (
                "brøkpension",
                dt.datetime(2022, 1, 1, 13, 45),
                dt.datetime(2022, 6, 30),
                1,
                "user-supplied",
                "so49",
                "x",
            )
        ],
    )
    with pytest.raises(DataError) as caught:
        DataFolder(tmp_path).load("applications")
    assert (caught.value.row, caught.value.column) == (2, "period_start")
    assert "'2022-01-01 13:45:00' holds a time of day" in caught.value.message


def _date_columns() -> list[tuple[str, str, str]]:
    from analysis.data import DATASETS
    from analysis.data.dictionary import SOURCE_PLACEHOLDER
    from analysis.data.schemas import SOURCES
    from analysis.data.schemas.columns import DATE

    return [
        (dataset.name, name, (column.metadata or {}).get(DATE))
        for dataset in [SOURCES, *DATASETS.values()]
        for name, column in dataset.schema(SOURCE_PLACEHOLDER).columns.items()
        if "date" in name or name.startswith("period_") or name == "accessed"
    ]


def test_every_date_column_of_the_contract_reads_every_form():
    found = _date_columns()
    assert (
        len(found) >= 9
    )  # registry date and accessed, 2 × compliance, 2 × applications, 2 × cases, commitments
    assert all(precision in ("day", "partial") for _, _, precision in found), found


def test_a_case_extract_with_danish_dates(tmp_path):
    (tmp_path / "cases.csv").write_text(
        "case_id,borgercenter,case_type,received_date,decision_date,deadline_days\n"
        "A-1,handicap,§ 41,05.01.2022,2022-02-01,30\n"
        "A-2,voksne,§ 85,28-02-2022,,60\n",
        encoding="utf-8",
    )
    cases = DataFolder(tmp_path).load("cases").frame()
    assert cases["received_date"].tolist() == ["2022-01-05", "2022-02-28"]
    assert cases["decision_date"].tolist()[0] == "2022-02-01" and pd.isna(cases["decision_date"].iloc[1])


def test_a_users_registry_with_danish_dates(tmp_path):
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "registry.csv").write_text(
        "source_id;short_title;title;organisation;municipality;country;date;reference;file;url;sha256;accessed\n"
        "min-kilde;Min kilde;Min kilde;KK;Københavns Kommune;Danmark;01.09.2023;;;https://x.invalid;;"
        "03-05-2024\n"
        "min-anden;Min anden;Min anden;KK;Københavns Kommune;Danmark;2023-09;;;https://y.invalid;;\n",
        encoding="utf-8",
    )
    registry = DataFolder(tmp_path).sources().set_index("source_id")
    assert (
        registry.at["min-kilde", "date"] == "2023-09-01"
        and registry.at["min-kilde", "accessed"] == "2024-05-03"
    )
    assert registry.at["min-anden", "date"] == "2023-09"
