"""Tables as Excel workbooks (export/workbooks.py), read back with openpyxl: gptables' layout,
numbers as numbers in the page's format, blank cells explained, nothing a spreadsheet would run."""

from __future__ import annotations

import pandas as pd
import pytest
from openpyxl import load_workbook

from analysis.export import workbooks
from analysis.present import danish, ledger, tables


def drawn_table(frame: pd.DataFrame, caption: str, **options) -> dict:
    """The record the page hands over for a table drawn with tables.table (as a chapter draws it)."""
    ledger.clear()
    tables.table(frame, caption, **options)
    (record,) = ledger.tables()
    ledger.clear()
    return {"chapter": "klager", **record}


@pytest.fixture
def record() -> dict:
    frame = pd.DataFrame(
        {
            "Post": ["- Sagsbehandlere", '=HYPERLINK("http://x")', "@SUM(A1)", "-3.000 i alt"],
            "2021": [1500.4, None, 0.0, -1550.5],
            "Andel": ["81 pct.", "5 pct.", "ikke oplyst", "12,5 pct."],
        }
    )
    return drawn_table(
        frame,
        "Udgifter 2021 (1.000 kr., 2021 p/l)",
        formats={"2021": lambda v: "-" if v == 0 else danish.number(v)},
        numeric=("2021", "Andel"),
        bold_rows=pd.Series([False, False, False, True]),
        indent=pd.Series([1, 1, 1, 0]),
    )


def written(tmp_path, record, about=None):
    sheets = workbooks.sheets_of([record])
    book = workbooks.workbook(sheets, about or workbooks.About("Bogen"), "Klager", {"klager": "Klager"})
    return load_workbook(workbooks.save(book, tmp_path / "klager.xlsx"))


def test_workbook_has_cover_contents_notes_and_one_sheet_per_table(tmp_path, record):
    book = written(tmp_path, record)
    assert book.sheetnames == ["Forside", "Indhold", "Noter", "Tabel 1"]
    assert book["Forside"]["A1"].value == "Klager"
    assert book["Indhold"]["A5"].value == "Tabel 1"
    assert book["Indhold"]["A5"].hyperlink.location == "'Tabel 1'!A1"  # a link within the workbook
    assert book["Indhold"]["C5"].value == "Udgifter 2021 (1.000 kr., 2021 p/l)"
    for sheet in book.worksheets:
        assert not sheet.merged_cells.ranges, f"{sheet.title} merges cells"


def test_table_sheet_has_title_one_header_row_and_an_excel_table(tmp_path, record):
    sheet = written(tmp_path, record)["Tabel 1"]
    assert sheet["A1"].value == "Udgifter 2021 (1.000 kr., 2021 p/l)"
    assert [c.value for c in sheet[workbooks.HEADER_ROW]] == ["Post", "2021", "Andel"]
    (table,) = sheet.tables.values()
    assert table.ref == f"A{workbooks.HEADER_ROW}:C{workbooks.HEADER_ROW + 4}"
    assert all(sheet.cell(r, 1).value for r in range(1, workbooks.HEADER_ROW))  # no blank row above it


def test_numbers_are_numbers_in_the_pages_format(tmp_path, record):
    sheet = written(tmp_path, record)["Tabel 1"]
    first, third, total = (workbooks.HEADER_ROW + n for n in (1, 3, 4))
    assert sheet.cell(first, 2).value == 1500.4 and sheet.cell(first, 2).number_format == "#,##0"
    assert sheet.cell(first, 3).value == 81 and sheet.cell(first, 3).number_format == '#,##0" pct."'
    assert sheet.cell(total, 3).value == 12.5 and sheet.cell(total, 3).number_format == '#,##0.0" pct."'
    assert sheet.cell(third, 2).value == 0 and sheet.cell(third, 2).number_format.endswith(';"-"')
    assert sheet.cell(total, 2).value == -1550.5


def test_blank_cells_are_marked_and_explained(tmp_path, record):
    book = written(tmp_path, record)
    sheet = book["Tabel 1"]
    assert sheet.cell(workbooks.HEADER_ROW + 2, 2).value == "[x]"
    assert sheet.cell(workbooks.HEADER_ROW + 3, 3).value == "[x]"
    assert "[note 1]" in sheet["A4"].value
    notes = {book["Noter"].cell(r, 1).value: book["Noter"].cell(r, 2).value for r in range(5, 8)}
    assert "ikke er oplyst" in notes["[note 1]"]
    assert any("nul" in (text or "") for text in notes.values())  # the "-" of a zero amount


def test_no_text_cell_is_a_formula_or_starts_like_one(tmp_path, record):
    book = written(tmp_path, record)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate} is a formula"
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(("=", "+", "-", "@")), cell.value
    assert book["Tabel 1"].cell(workbooks.HEADER_ROW + 2, 1).value == '\'=HYPERLINK("http://x")'
    assert book["Tabel 1"].cell(workbooks.HEADER_ROW + 1, 1).value == "– Sagsbehandlere"  # no "'" shows
    assert book["Tabel 1"].cell(workbooks.HEADER_ROW + 4, 1).value == "−3.000 i alt"


def test_sums_are_bold_and_parts_indented(tmp_path, record):
    sheet = written(tmp_path, record)["Tabel 1"]
    assert sheet.cell(workbooks.HEADER_ROW + 4, 1).font.bold
    assert not sheet.cell(workbooks.HEADER_ROW + 1, 1).font.bold
    assert sheet.cell(workbooks.HEADER_ROW + 1, 1).alignment.indent == 1


def test_a_table_without_notes_says_so_rather_than_leave_a_blank_row(tmp_path):
    sheet = written(tmp_path, drawn_table(pd.DataFrame({"År": [2023], "Antal": [5]}), "Klager"))["Tabel 1"]
    assert sheet["A4"].value == "Tabellen har ingen noter."


def test_rows_from_the_users_own_data_are_marked(tmp_path):
    from analysis.facts import Provenance

    frame = pd.DataFrame({"År": [2023, 2024], "Antal": [1800, 1810]})
    mine = Provenance("user-supplied", ("mine.csv",), (), (), True)
    theirs = Provenance("stated", ("kk-2019",), ("1.800",), (), False)
    record = drawn_table(frame, "Klager", provenance=[theirs, mine])
    sheet = written(tmp_path, record, workbooks.About("Bogen", sources={"kk-2019": "Temadrøftelse"}))[
        "Tabel 1"
    ]
    assert sheet.cell(workbooks.HEADER_ROW, 3).value == workbooks.USER_COLUMN
    assert [sheet.cell(workbooks.HEADER_ROW + n, 3).value for n in (1, 2)] == ["nej", "ja"]
    assert "Temadrøftelse" in sheet["A3"].value and "mine.csv" in sheet["A3"].value


@pytest.mark.parametrize(
    ("shown", "value", "expected"),
    [
        ("1.564", 1564, "#,##0"),
        ("539,4", 539.4, "#,##0.0"),
        ("4,30", 4.3, "#,##0.00"),
        ("81 pct.", 81, '#,##0" pct."'),
        ("-", 0, '#,##0;-#,##0;"-"'),
        ("-15.550", -15550, "#,##0"),
    ],
)
def test_number_format_writes_the_number_as_the_page_does(shown, value, expected):
    assert workbooks.number_format(shown, value) == expected


def test_a_cell_the_page_leaves_empty_is_marked_as_having_nothing_to_hold(tmp_path):
    frame = pd.DataFrame({"Post": ["Service", "Sagsbehandlere"], "2021": ["", "15.000"]})
    numbers = pd.DataFrame({"2021": [None, 15000.0]})
    book = written(tmp_path, drawn_table(frame, "Tabel", numeric=("2021",), numbers=numbers))
    sheet = book["Tabel 1"]
    assert sheet.cell(workbooks.HEADER_ROW + 1, 2).value == "[z]"
    assert sheet.cell(workbooks.HEADER_ROW + 2, 2).value == 15000
    assert book["Noter"]["A5"].value == "[note 1]" and "[z]" in book["Noter"]["B5"].value
