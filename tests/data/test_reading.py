"""How files are found and read: the inventory of a user's folder, the invisible characters, the
limits, and row numbers as the file shows them."""

from __future__ import annotations

import sys

import pytest

from analysis.data import DATASETS, DataError, DataFolder, limits
from analysis.data.inventory import survey
from analysis.data.loading import read_table
from analysis.data.reading import INVISIBLE, INVISIBLE_BYTES, describe, visible


def lines(found: list[DataError]) -> list[str]:
    return [f"{error.path.rsplit('/', 1)[-1]}: {error.message}" for error in found]


def test_every_code_point_is_judged_alike_as_text_and_as_bytes():
    for code in range(sys.maxunicode + 1):
        if 0xD800 <= code <= 0xDFFF:
            continue  # surrogates are no characters
        character = chr(code)
        as_bytes = INVISIBLE_BYTES.search(character.encode("utf-8")) is not None
        assert (INVISIBLE.search(character) is not None) == as_bytes, hex(code)


@pytest.mark.parametrize("allowed", ["\t", "\n", "\r", "æøå", "\u00a0", "\u00ad", "−", "…", "€", "🙂"])
def test_ordinary_text_is_allowed(allowed):
    assert INVISIBLE.search(allowed) is None


def test_an_invisible_character_is_named_and_shown_safely():
    assert describe("\u202e") == "U+202E (RIGHT-TO-LEFT OVERRIDE)"
    assert describe("\x1b") == "U+001B (a control character)"
    assert visible("ab\u202ecd") == "ab<U+202E>cd"


def test_a_folder_of_known_files_is_quiet(tmp_path):
    (tmp_path / "complaints.csv").write_text("x", encoding="utf-8")
    (tmp_path / "staffing.xlsx").write_bytes(b"x")
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "registry.csv").write_text("x", encoding="utf-8")
    (tmp_path / "sources" / "mine.txt").write_text("x", encoding="utf-8")
    assert survey(tmp_path, ["mine.txt"]) == ([], [])


@pytest.mark.parametrize(
    "name, expected",
    [
        ("complaints.CSV", "complaints.CSV: rename it to complaints.csv (names are in lower case)"),
        ("STAFFING.xlsx", "STAFFING.xlsx: rename it to staffing.xlsx (names are in lower case)"),
        ("complaints.xls", "complaints.xls: the book does not read .xls files: save it as Excel Workbook"),
        ("Compliance.ods", "Compliance.ods: the book does not read .ods files: save it as Excel Workbook"),
        ("complaint.csv", "complaint.csv: no data set is named 'complaint': rename it to complaints.csv"),
        (
            "budget lines.xlsx",
            "budget lines.xlsx: no data set is named 'budget lines': rename it to budget_lines",
        ),
        ("klager 2019.csv", "klager 2019.csv: no data set is named 'klager 2019': the data sets' names are"),
        ("registry.csv", "registry.csv: the source registry belongs in sources/: move it there"),
    ],
)
def test_a_file_the_user_surely_meant_as_data_is_an_error(tmp_path, name, expected):
    (tmp_path / name).write_text("x", encoding="utf-8")
    errors, warnings = survey(tmp_path, [])
    assert lines(errors)[0].startswith(expected) and len(errors) == 1 and not warnings


@pytest.mark.parametrize("name", ["README.md", "notes.txt", "~$complaints.xlsx", ".DS_Store", "Thumbs.db"])
def test_other_files_are_warnings(tmp_path, name):
    (tmp_path / name).write_text("x", encoding="utf-8")
    errors, warnings = survey(tmp_path, [])
    assert not errors and lines(warnings)[0].startswith(f"{name}: this file is not read (")


def test_sources_holds_the_registry_and_the_texts_it_names(tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    for name in ["registry.csv", "registry.xlsx", "Mine.txt", "other.txt", "complaints.csv"]:
        (sources / name).write_text("x", encoding="utf-8")
    errors, warnings = survey(tmp_path, ["mine.txt"])
    assert lines(errors) == [
        "Mine.txt: rename it to mine.txt, the name sources/registry.csv gives it",
        "complaints.csv: a data set belongs in the data folder itself, not in sources/: move it up",
        "registry.xlsx: registry.csv and registry.xlsx both hold the data set registry: keep one "
        "(delete or move the other)",
    ]
    assert lines(warnings) == [
        "other.txt: this file is not read (no row of sources/registry names it in the column file)"
    ]


def test_a_source_text_over_its_limit_is_an_error(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_TEXT_BYTES", 10)
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "big.txt").write_text("x" * 11, encoding="utf-8")
    assert lines(survey(tmp_path, ["big.txt"])[0]) == [
        "big.txt: the source text is 11 bytes, more than the 10 bytes a source text may be: store only "
        "the document's text"
    ]


def test_links_inside_the_folder_are_followed_and_links_out_are_not(tmp_path):
    folder, outside = tmp_path / "mine", tmp_path / "elsewhere.csv"
    (folder / "kept").mkdir(parents=True)
    outside.write_text("x", encoding="utf-8")
    (folder / "kept" / "staffing.csv").write_text("x", encoding="utf-8")
    (folder / "staffing.csv").symlink_to(folder / "kept" / "staffing.csv")
    (folder / "complaints.csv").symlink_to(outside)
    errors, _ = survey(folder, [])
    assert lines(errors) == [
        "complaints.csv: is a link to a file outside the data folder: copy the file itself into the data "
        "folder"
    ]
    with pytest.raises(DataError, match="complaints.csv: is a link to a file outside the data folder"):
        DataFolder(folder).find("complaints")


def test_every_data_set_has_limits():
    assert limits.of("cases") == limits.LARGE and limits.LARGE.rows >= 100_000_000
    for name in DATASETS:
        assert limits.of(name).bytes >= limits.ORDINARY.bytes


def test_the_longest_shipped_cell_is_far_below_the_cell_limit(shipped):
    for name in ["registry", *(n for n, d in DATASETS.items() if not d.optional)]:
        path = shipped.find(name, "sources" if name == "registry" else "")
        frame = read_table(path)
        longest = max(frame[c].dropna().astype(str).str.len().max() for c in frame.columns)
        assert longest < limits.MAX_CELL_CHARS / 5, name


def test_row_numbers_are_the_lines_of_the_file(tmp_path):
    path = tmp_path / "training.csv"
    path.write_text('a,b\n1,"two\nlines"\n\n3,4\n,\n5,6\n\n', encoding="utf-8")
    frame = read_table(path)
    assert frame.index.tolist() == [0, 3, 5]  # rows 2, 5 and 7
    assert frame["b"].tolist() == ["two\nlines", "4", "6"]


def test_an_xlsx_row_number_counts_empty_rows(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    for row in [["a", "b"], [1, 2.0], [], [None, None], [3, 4.5]]:
        book.active.append(row)
    book.save(tmp_path / "training.xlsx")
    frame = read_table(tmp_path / "training.xlsx")
    assert frame.index.tolist() == [0, 3]
    assert frame.values.tolist() == [["1", "2"], ["3", "4,5"]]  # a number cell as Danish Excel shows it


def test_a_sheet_over_its_row_limit_is_refused_while_streaming(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    for row in [["a", "b"], *([[1, 2]] * 5)]:
        book.active.append(row)
    book.save(tmp_path / "training.xlsx")
    small = limits.Limits(bytes=limits.MB, rows=4, unpacked=limits.MB)
    with pytest.raises(DataError, match="the sheet has more than 4 rows below its header"):
        read_table(tmp_path / "training.xlsx", small)
    assert len(read_table(tmp_path / "training.xlsx")) == 5


def test_a_csv_over_its_row_limit_is_refused_before_parsing(tmp_path):
    (tmp_path / "training.csv").write_text("a,b\n" + "1,2\n" * 5, encoding="utf-8")
    small = limits.Limits(bytes=limits.MB, rows=4, unpacked=limits.MB)
    with pytest.raises(DataError, match="the file has 5 rows below its header, more than the 4"):
        read_table(tmp_path / "training.csv", small)


def test_a_huge_header_cell_is_refused_without_echoing_it(tmp_path):
    path = tmp_path / "complaints.csv"
    path.write_text("year,complaint_type,count" + "x" * 50_000 + "\n2015,formality,448\n", encoding="utf-8")
    with pytest.raises(DataError) as error:
        read_table(path)
    line = error.value.line()
    assert "more than the 10,000 a cell may hold" in line and len(line) < 400, line
