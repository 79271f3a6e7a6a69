"""A corpus of malformed data folders, about how files are found and read: files the book would
not read (wrong case, another format, an unknown name, a data set twice, links out of the folder),
places and causes (blank lines, cells spanning lines, an unclosed quote, the wrong sheet, the
encoding), bounds (empty-row and zip bombs, too many rows, too large, too long a cell) and
invisible characters. Each gets exit code 2 and one line, and the old book survives. Realistic
good folders (an .xlsx, blank lines, a README) still pass."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from hostile import (
    copy,
    corpus,
    csv_rows,
    gives_one_line,
    line_of,
    link_out,
    rename,
    replace_in,
    sheets,
    write,
    zip_bomb,
)

from analysis.build import cli
from analysis.data import DataFolder, limits
from analysis.paths import DATA_DIR

SHIPPED = (DATA_DIR / "complaints.csv").read_text(encoding="utf-8").splitlines(keepends=True)
HEADER = SHIPPED[0].rstrip("\n")
FIRST = "2015,formality,448,stated"  # row 2 of complaints.csv
SECOND = "2016,formality,486,stated"  # row 3
QUOTE = "I 2016 modtog forvaltningen 486 formalitetsklager"  # in rows 2 and 3
CASES_HEADER = "case_id,borgercenter,case_type,received_date,decision_date,deadline_days"
A_CASE = "A-1,handicap,BPA,2020-03-01,2020-03-10,30"
TEXT = "000_37a8f230a001604e.txt"  # a source text the registry names
COLUMNS = ["year", "complaint_type", "count", "kind", "source_id", "quote", "formula"]


def complaints_lines(edit):
    """complaints.csv with its lines (each ending in a line break) changed by `edit`."""
    return write("complaints.csv", "".join(edit(list(SHIPPED))))


def touch(name: str, content: bytes = b"x"):
    return write(name, content)


def fifo(name: str):
    return lambda folder: (folder / name).unlink() or os.mkfifo(folder / name)


def folder_named(name: str):
    def mutate(folder):
        (folder / name).unlink(missing_ok=True)
        (folder / name).mkdir()
        (folder / name / "x.csv").write_text("a\n1\n", encoding="utf-8")

    return mutate


def to_excel(name: str):
    def mutate(folder):
        import pandas as pd

        pd.read_csv(folder / f"{name}.csv", dtype=str).to_excel(folder / f"{name}.xlsx", index=False)

    return mutate


def sparse(name: str, size: int):
    """`name` keeps its content but grows to `size` bytes (a sparse file: no disk is used)."""

    def mutate(folder):
        with open(folder / name, "r+b") as file:
            file.truncate(size)

    return mutate


SHIPPED_ROWS = [line.rstrip("\n") for line in SHIPPED[1:]]


def with_cell(column: str, value: str):
    """complaints.xlsx whose row 2 holds `value` in `column` (the shipped rows otherwise)."""
    import csv

    rows = list(csv.reader(SHIPPED))
    rows[1][COLUMNS.index(column)] = value
    return sheets("complaints", ("Ark1", rows))


# (id, how the folder is broken, what the one line must say)
CASES = [
    # -- every file is read or reported --
    (
        "upper-case-suffix",
        rename("complaints.csv", "complaints.CSV"),
        r"complaints.CSV: rename it to complaints.csv",
    ),
    (
        "capital-name",
        rename("complaints.csv", "Complaints.csv"),
        r"Complaints.csv: rename it to complaints.csv",
    ),
    (
        "old-excel",
        rename("complaints.csv", "complaints.xls"),
        r"complaints.xls: the book does not read .xls files: save it as Excel Workbook \(.xlsx\) or CSV",
    ),
    (
        "libreoffice",
        copy("complaints.csv", "compliance.ods"),
        r"compliance.ods: .* save it as Excel Workbook",
    ),
    (
        "numbers",
        copy("complaints.csv", "staffing.numbers"),
        r"staffing.numbers: .* save it as Excel Workbook",
    ),
    (
        "macro-workbook",
        copy("complaints.csv", "training.xlsm"),
        r"training.xlsm: .* save it as Excel Workbook",
    ),
    (
        "csv-and-xlsx",
        to_excel("complaints"),
        r"complaints.xlsx: complaints.csv and complaints.xlsx both hold the data set complaints: keep one",
    ),
    (
        "misspelt",
        rename("complaints.csv", "complaint.csv"),
        r"complaint.csv: no data set is named 'complaint': rename it to complaints.csv",
    ),
    (
        "danish-name",
        rename("complaints.csv", "klager 2019.csv"),
        r"klager 2019.csv: no data set is named 'klager 2019': .*python -m analysis init-data",
    ),
    (
        "registry-outside-sources",
        rename("sources/registry.csv", "registry.csv"),
        r"data/registry.csv: the source registry belongs in sources/",
    ),
    (
        "data-set-in-sources",
        rename("complaints.csv", "sources/complaints.csv"),
        r"sources/complaints.csv: a data set belongs in the data folder itself, not in sources/",
    ),
    (
        "registry-wrong-case",
        rename("sources/registry.csv", "sources/Registry.csv"),
        r"sources/Registry.csv: rename it to registry.csv",
    ),
    ("sources-wrong-case", rename("sources", "Sources"), r"Sources: rename the folder to sources"),
    (
        "source-text-wrong-case",
        rename(f"sources/{TEXT}", f"sources/{TEXT.upper()}"),
        rf"sources/{TEXT.upper()}: rename it to {TEXT}",
    ),
    ("named-pipe", fifo("complaints.csv"), r"complaints.csv: is not a regular file"),
    (
        "folder-named-like-a-file",
        folder_named("complaints.csv"),
        r"complaints.csv: this is a folder, not a data file",
    ),
    # -- honest places and causes --
    (
        "blank-line-keeps-row-numbers",
        complaints_lines(
            lambda lines: [*lines[:2], "\n", lines[2], lines[3].replace(",stated,", ",guessed,"), *lines[4:]]
        ),
        r"complaints.csv, row 5, column 'kind': must be one of",
    ),
    (
        "cell-over-two-lines-keeps-row-numbers",
        complaints_lines(
            lambda lines: [
                lines[0],
                lines[1].replace("486 formalitetsklager", "486\nformalitetsklager"),
                lines[2].replace(",stated,", ",guessed,"),
                *lines[3:],
            ]
        ),
        r"complaints.csv, row 4, column 'kind': must be one of",
    ),
    (
        "unclosed-quote",
        complaints_lines(lambda lines: [*lines[:2], lines[2].replace('448.",', "448.,"), *lines[3:]]),
        r"complaints.csv, row 3: a double quote opens a cell that is never closed",
    ),
    (
        "unclosed-quote-at-the-end",
        complaints_lines(lambda lines: [*lines[:-1], lines[-1].rstrip("\n") + '"x\n']),
        r"complaints.csv, row 8: a double quote opens a cell that is never closed",
    ),
    (
        "extra-cells-after-a-cell-over-two-lines",
        complaints_lines(
            lambda lines: [
                lines[0],
                lines[1].replace("486 formalitetsklager", "486\nformalitetsklager"),
                lines[2].rstrip("\n") + ",extra\n",
                *lines[3:],
            ]
        ),
        r"complaints.csv, row 4: this row has more cells than the header",
    ),
    (
        "data-on-the-second-sheet",
        sheets(
            "complaints",
            ("Ark1", []),
            ("Ark2", [COLUMNS, [2015, "formality", 448, "user-supplied", "so49", "x"]]),
        ),
        r"complaints.xlsx: the data is on sheet 'Ark2', but only the first sheet \('Ark1'\) is read: move it",
    ),
    (
        "header-not-in-row-1",
        sheets(
            "complaints", ("Ark1", [[], [], COLUMNS, [2015, "formality", 448, "user-supplied", "so49", "x"]])
        ),
        r"complaints.xlsx: the header must be in row 1 of the first sheet, but its first filled row is row 3",
    ),
    (
        "latin-1-in-row-4",
        write(
            "complaints.csv",
            "".join(SHIPPED[:3]).encode() + "2018,formality,580,stated,so49,Kø,\n".encode("latin-1"),
        ),
        r"complaints.csv, row 4: the file is not UTF-8 text",
    ),
    # -- bounded --
    (
        "two-million-empty-rows-in-the-case-extract",
        csv_rows("cases.csv", CASES_HEADER, A_CASE, 2_000_000, empty=",,,,,"),
        r"cases.csv: 2,000,000 empty rows from row 3: delete them",
    ),
    (
        "a-million-blank-lines",
        csv_rows("complaints.csv", HEADER, SHIPPED_ROWS[0], 1_000_000),
        r"complaints.csv: 1,000,000 empty rows from row 3: delete them",
    ),
    (
        "too-many-rows",
        csv_rows("training.csv", "a,b", "1,2", limits.ORDINARY.rows + 1, empty=None),
        r"training.csv: the file has 100,002 rows below its header, more than the 100,000",
    ),
    (
        "file-too-large",
        sparse("staffing.csv", limits.ORDINARY.bytes + 1),
        r"staffing.csv: the file is 50.0 MB, more than the 50.0 MB this data file may have",
    ),
    (
        "zip-bomb",
        zip_bomb("complaints", 150 * limits.MB),
        r"complaints.xlsx: the workbook unpacks to 150.\d MB from [\d.]+ kB, more than the 100.0 MB",
    ),
    (
        "zip-bomb-by-ratio",
        zip_bomb("complaints", 40 * limits.MB),
        r"complaints.xlsx: the workbook unpacks to 40.\d MB from [\d.]+ kB, more than 100 times its size",
    ),
    (
        "cell-too-long",
        replace_in("complaints.csv", ",formality,448,stated,", ",formality,448,stated," + "x" * 20_000),
        r"complaints.csv, row 2, column 'source_id': the cell holds 20,\d+ characters, more than the 10,000",
    ),
    # -- links out of the folder --
    (
        "linked-data-file",
        link_out("complaints.csv"),
        r"complaints.csv: is a link to a file outside the data folder",
    ),
    ("linked-sources-folder", link_out("sources"), r"sources: is a link to a folder outside the data folder"),
    (
        "linked-source-text",
        link_out(f"sources/{TEXT}"),
        rf"{TEXT}: the text of source 'so49' lies outside the folder sources/",
    ),
    # -- invisible characters --
    (
        "right-to-left-override",
        replace_in("complaints.csv", QUOTE, "I 2016 modtog forvaltningen \u202e486 formalitetsklager"),
        r"complaints.csv, row 2, column 'quote': holds the invisible character U\+202E \(RIGHT-TO-LEFT "
        r"OVERRIDE\): delete it",
    ),
    (
        "zero-width-space-in-an-id",
        replace_in(
            "complaints.csv", "2015,formality,448,stated,kkdk", "2015,formality,448,stated,\u200bkkdk"
        ),
        r"complaints.csv, row 2, column 'source_id': holds the invisible character U\+200B \(ZERO WIDTH "
        r"SPACE\)",
    ),
    (
        "bell-in-a-header",
        replace_in("complaints.csv", "complaint_type", "complaint\x07_type"),
        r"complaints.csv, row 1, column 'complaint<U\+0007>_type': holds the invisible character U\+0007",
    ),
    (
        "nul-byte",
        replace_in("complaints.csv", "2015,formality", "2015,form\x00ality"),
        r"complaints.csv, row 2, column 'complaint_type': holds the invisible character U\+0000",
    ),
    (
        "c1-control",
        replace_in("complaints.csv", "2015,formality", "2015,form\x85ality"),
        r"complaints.csv, row 2, column 'complaint_type': holds the invisible character U\+0085",
    ),
    (
        "isolate-in-an-excel-cell",
        with_cell("quote", "I 2015 \u2067var\u2069 det 448"),
        r"complaints.xlsx, row 2, column 'quote': holds the invisible character U\+2067 \(RIGHT-TO-LEFT "
        r"ISOLATE\)",
    ),
]


@pytest.mark.parametrize("mutate, expected, through_build", corpus(CASES))
def test_a_malformed_file_gives_one_clear_line_and_leaves_the_book(
    mutate, expected, through_build, data_copy, tmp_path, capsys
):
    gives_one_line(mutate, expected, data_copy, tmp_path, capsys, through_build)


def test_several_cases_per_class():
    assert len(CASES) >= 35


# -- good folders still pass --


def _validates(folder, capsys) -> str:
    assert cli.main(["validate", str(folder)]) == 0, capsys.readouterr().err
    return capsys.readouterr().out


def test_a_folder_with_a_readme_and_lock_files_only_warns(data_copy, capsys):
    (data_copy / "notes.txt").write_text("mine", encoding="utf-8")
    (data_copy / "~$complaints.xlsx").write_bytes(b"lock")
    (data_copy / ".DS_Store").write_bytes(b"")
    (data_copy / "sources" / "draft.txt").write_text("a draft", encoding="utf-8")
    out = _validates(data_copy, capsys)
    for name in ["README.md", "notes.txt", "~$complaints.xlsx", ".DS_Store", "sources/draft.txt"]:
        assert f"warning: {data_copy / name}: this file is not read (" in out
    assert f"ok  complaints               {data_copy / 'complaints.csv'}" in out


def test_the_build_prints_the_warnings_too(data_copy, tmp_path, capsys):
    (data_copy / "Complaints.csv").write_text("x", encoding="utf-8")  # stops the build before notebooks run
    assert cli.main(["build", "--data", str(data_copy), "--out", str(tmp_path / "out")]) == 2
    out = capsys.readouterr().out
    assert f"warning: {data_copy / 'README.md'}: this file is not read (" in out


def test_blank_lines_excel_rows_and_cells_over_lines_are_read_right(data_copy, capsys):
    lines = list(SHIPPED)
    lines[1] = lines[1].replace("486 formalitetsklager", "486\nformalitetsklager")
    lines.insert(3, "\n")
    lines.insert(5, ",,,,,,\n")
    (data_copy / "complaints.csv").write_text("".join(lines) + "\n\n", encoding="utf-8")
    _validates(data_copy, capsys)
    frame = DataFolder(data_copy).load("complaints")
    assert frame.index.tolist() == [0, 2, 4, 6, 7, 8, 9]  # rows 2 (over two lines), 4, 6, 8-11
    assert frame["count"].tolist() == DataFolder().load("complaints")["count"].tolist()
    assert "486\nformalitetsklager" in frame["quote"].iloc[0]


def test_a_danish_semicolon_file_with_excel_s_empty_rows_is_read(data_copy, capsys):
    import csv

    rows = list(csv.reader(SHIPPED))
    text = "\n".join(";".join(f'"{c}"' if ";" in c else c for c in row) for row in rows)
    (data_copy / "complaints.csv").write_text(text + "\n" + ";;;;;;\n" * 40, encoding="utf-8-sig")
    _validates(data_copy, capsys)


def test_an_xlsx_with_one_sheet_and_a_link_inside_the_folder_pass(data_copy, capsys):
    import csv

    sheets("complaints", ("Ark1", list(csv.reader(SHIPPED))))(data_copy)
    (data_copy / "mine").mkdir()
    (data_copy / "staffing.csv").rename(data_copy / "mine" / "staffing.csv")
    (data_copy / "staffing.csv").symlink_to(data_copy / "mine" / "staffing.csv")
    out = _validates(data_copy, capsys)
    assert f"warning: {data_copy / 'mine'}: this folder is not read" in out
    assert "complaints.xlsx" in out


def test_an_xlsx_with_data_on_two_sheets_reads_the_first_and_warns(data_copy, capsys):
    import csv

    rows = list(csv.reader(SHIPPED))
    sheets("complaints", ("Klager", rows), ("Noter", [["mine noter"]]))(data_copy)
    out = _validates(data_copy, capsys)
    assert "complaints.xlsx: only the first sheet ('Klager') is read; 'Noter' also holds data" in out


# -- the path given, and what cannot be read --


def test_a_file_given_as_the_data_folder(tmp_path, capsys):
    given = tmp_path / "complaints.csv"
    given.write_text("x", encoding="utf-8")
    for command in (["validate", str(given)], ["build", "--data", str(given), "--out", str(tmp_path / "o")]):
        assert cli.main(command) == 2
        assert (
            f"{given}: this is a file, not a folder: give the folder that holds your data files"
            in line_of(capsys)
        )


def test_an_unreadable_folder_and_file_are_named(data_copy, monkeypatch, capsys):
    real_scandir, real_open = os.scandir, open

    def scandir(path):
        if str(path) == str(data_copy):
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    assert cli.main(["validate", str(data_copy)]) == 2
    assert f"{data_copy}: the data folder cannot be read (permission denied)" in line_of(capsys)
    monkeypatch.setattr(os, "scandir", real_scandir)

    def guarded(path, *args, **kwargs):
        if str(path) == str(data_copy / "complaints.csv"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr("builtins.open", guarded)
    assert cli.main(["validate", str(data_copy)]) == 2
    assert f"{data_copy / 'complaints.csv'}: the file cannot be read (permission denied)" in line_of(capsys)


# -- bombs are refused fast and in little memory --

BOMB_CHECK = """
import resource, sys, time
from pathlib import Path
from analysis.data import DataError, limits
from analysis.data.loading import read_table
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.perf_counter()
try:
    read_table(Path(sys.argv[1]), limits.of(Path(sys.argv[1]).stem))
except DataError as error:
    print(error.line())
print(time.perf_counter() - started, (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024)
"""


@pytest.mark.parametrize(
    "name, mutate, expected",
    [
        (
            "cases.csv",
            csv_rows("cases.csv", CASES_HEADER, A_CASE, 2_000_000, empty=",,,,,"),
            "2,000,000 empty rows",
        ),
        (
            "complaints.csv",
            csv_rows("complaints.csv", HEADER, SHIPPED_ROWS[0], 2_000_000),
            "2,000,000 empty rows",
        ),
        ("complaints.xlsx", zip_bomb("complaints", 2 * limits.GB // 10), "the workbook unpacks to"),
    ],
)
def test_a_bomb_is_refused_within_seconds_in_little_memory(name, mutate, expected, tmp_path):
    mutate(tmp_path)
    result = subprocess.run(
        [sys.executable, "-c", BOMB_CHECK, str(tmp_path / name)], capture_output=True, text=True, check=True
    )
    message, measures = result.stdout.strip().splitlines()
    seconds, megabytes = map(float, measures.split())
    assert expected in message
    assert seconds < 5 and megabytes < 500, (seconds, megabytes)
