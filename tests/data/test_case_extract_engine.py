"""The case extract's engine (data/extract.py): every file form gives the same cases, the contract's
rules run as queries with the exact messages, and a file is parsed once."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import time

import duckdb
import openpyxl
import pandas as pd
import pytest

from analysis.calc import cases as calc_cases
from analysis.data import DataError, DataFolder, extract, loading
from analysis.data.errors import RULE_SEPARATOR
from analysis.data.schemas.compliance import cases_schema

HEADER = ["case_id", "borgercenter", "case_type", "received_date", "decision_date", "deadline_days"]
ROWS = [
    ["A1", "handicap", "§ 100", "2020-01-02", "2020-01-20", "30"],
    ["A2", "voksne", "§ 85", "2020-02-01", "", "1000"],
    ["A3", "boern-og-unge", "§ 50", "2020-03-15", "2020-06-30", "90"],
    ["A4", "voksne", "§ 85", "2020-04-01", "2020-04-01", "14"],
]
EXPECTED = pd.DataFrame(
    {
        "borgercenter": ["handicap", "voksne", "boern-og-unge", "voksne"],
        "received_date": ["2020-01-02", "2020-02-01", "2020-03-15", "2020-04-01"],
        "decision_date": ["2020-01-20", None, "2020-06-30", "2020-04-01"],
        "deadline_days": [30, 1000, 90, 14],
    }
).astype({"borgercenter": "string", "received_date": "string", "decision_date": "string"})
EXPECTED = EXPECTED.astype({"deadline_days": "Int64"})


def csv(folder, rows, header=HEADER, separator=",", bom=False, name="cases.csv"):
    folder.mkdir(exist_ok=True)
    lines = [separator.join(header), *(separator.join(row) for row in rows)]
    path = folder / name
    path.write_bytes(("\ufeff" if bom else "").encode() + ("\n".join(lines) + "\n").encode())
    return path


def workbook(folder, rows, header=HEADER):
    folder.mkdir(exist_ok=True)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    path = folder / "cases.xlsx"
    book.save(path)
    return path


def parquet(folder, frame: pd.DataFrame):
    folder.mkdir(exist_ok=True)
    path = folder / "cases.parquet"
    con = duckdb.connect()
    con.register("frame", frame)
    con.execute(f"COPY frame TO '{path}' (FORMAT parquet)").fetchall()
    return path


def load(folder):
    return DataFolder(folder).load("cases")


def frame_of(folder) -> pd.DataFrame:
    return load(folder).frame()


def assert_expected(frame):
    pd.testing.assert_frame_equal(frame, EXPECTED, check_dtype=True)


@pytest.fixture
def queries_only(monkeypatch):
    """The whole-file pandas path is forbidden: what is checked here, the queries check."""

    def forbidden(*args, **kwargs):
        raise AssertionError("the extract took the whole-file pandas path")

    monkeypatch.setattr(extract, "_exact_copy", forbidden)


# --- One extract, every form of file ---------------------------------------------------------------


def test_comma_csv(tmp_path, queries_only):
    csv(tmp_path, ROWS)
    assert_expected(frame_of(tmp_path))


def test_semicolon_csv_with_a_byte_order_mark(tmp_path, queries_only):
    csv(tmp_path, ROWS, separator=";", bom=True)
    assert_expected(frame_of(tmp_path))


def test_danish_dates_comment_rows_and_blank_lines(tmp_path, queries_only):
    rows = [["# udtræk fra sagssystemet", "", "", "", "", ""], *ROWS]
    rows[1] = ["A1", "handicap", "§ 100", "2.1.2020", "20-01-2020", "30"]
    path = csv(tmp_path, rows)
    path.write_text(path.read_text(encoding="utf-8").replace("\nA3", "\n\nA3"), encoding="utf-8")
    assert_expected(frame_of(tmp_path))


def test_workbook_with_text_and_date_cells(tmp_path, queries_only):
    rows = [list(r) for r in ROWS]
    rows[0][3] = dt.datetime(2020, 1, 2)  # an Excel date cell
    rows[2][5] = 90  # a number cell
    rows[1][4] = None
    workbook(tmp_path, rows)
    assert_expected(frame_of(tmp_path))


def test_a_workbooks_cells_are_the_text_the_exact_reader_makes_of_them():
    cells = ["", " x ", "§ 85", dt.date(2020, 1, 2), dt.datetime(2020, 1, 2), dt.datetime(2020, 1, 2, 8, 30)]
    cells += [30.0, 1564.0, 0.517, 1.564, -3.0, 1e16, float("nan"), 7, True]
    assert extract._texts(cells) == [None if c == "" else loading.cell_text(c) for c in cells]


def test_parquet_with_typed_columns(tmp_path, queries_only):
    typed = pd.DataFrame(ROWS, columns=HEADER).replace({"": None})
    typed["received_date"] = pd.to_datetime(typed["received_date"])
    typed["decision_date"] = pd.to_datetime(typed["decision_date"]).dt.date
    typed["deadline_days"] = typed["deadline_days"].astype("int32")
    parquet(tmp_path, typed)
    assert_expected(frame_of(tmp_path))


def test_parquet_with_text_columns(tmp_path, queries_only):
    parquet(tmp_path, pd.DataFrame(ROWS, columns=HEADER).replace({"": None}))
    assert_expected(frame_of(tmp_path))


@pytest.fixture
def reads(monkeypatch):
    """The forms the queries read the file in: True for the contract's types (dates as dates),
    False for every cell as text (slower: each date is parsed by hand)."""
    forms = []
    checked = extract._checked

    def recording(source, schema, typed):
        forms.append(typed)
        return checked(source, schema, typed)

    monkeypatch.setattr(extract, "_checked", recording)
    return forms


def test_a_csv_with_iso_dates_and_a_parquet_with_date_columns_are_read_typed(tmp_path, queries_only, reads):
    csv(tmp_path / "csv", ROWS)
    assert_expected(frame_of(tmp_path / "csv"))
    assert reads == [True]
    typed = pd.DataFrame(ROWS, columns=HEADER).replace({"": None})
    for column in ("received_date", "decision_date"):
        typed[column] = pd.to_datetime(typed[column]).dt.date
    typed["deadline_days"] = typed["deadline_days"].astype("int64")
    parquet(tmp_path / "parquet", typed.assign(case_id=range(4)))  # a number as the key
    assert_expected(frame_of(tmp_path / "parquet"))
    assert reads == [True, True]


def test_danish_dates_are_read_as_text(tmp_path, queries_only, reads):
    rows = [list(r) for r in ROWS]
    rows[0][3] = "2.1.2020"
    csv(tmp_path, rows)
    assert_expected(frame_of(tmp_path))
    assert reads == [True, False]


def test_columns_in_another_order(tmp_path, queries_only):
    order = [5, 0, 3, 1, 4, 2]
    csv(tmp_path, [[r[i] for i in order] for r in ROWS], header=[HEADER[i] for i in order])
    assert_expected(frame_of(tmp_path))


# --- Parsed once -----------------------------------------------------------------------------------


def never(what):
    def called(*args, **kwargs):
        raise AssertionError(f"{what} again")

    return called


def test_a_file_is_parsed_once_and_again_when_it_changes(tmp_path, monkeypatch):
    path = csv(tmp_path, ROWS)
    first = load(tmp_path)
    assert first.rows == len(ROWS) and first.parquet.parent == extract.cache_folder()
    with monkeypatch.context() as patched:
        patched.setattr(extract, "_typed_copy", never("parsed"))
        again = load(tmp_path)  # just written: hashed again, not parsed again
        assert again.parquet == first.parquet
        assert_expected(again.frame())
        os.utime(path, (time.time() - 60, time.time() - 60))  # written a minute ago
        load(tmp_path)
        patched.setattr(extract, "_digest", never("hashed"))
        assert load(tmp_path).parquet == first.parquet  # known by its name, size and time

    csv(tmp_path, [ROWS[1], ROWS[0], *ROWS[2:]])  # the same size: a new time tells it apart
    changed = load(tmp_path)
    assert changed.parquet != first.parquet
    assert changed.frame()["received_date"].tolist()[:2] == ["2020-02-01", "2020-01-02"]


def test_the_build_takes_an_extracts_hash_from_its_read(tmp_path, monkeypatch):
    from analysis.build import cache

    path = csv(tmp_path, ROWS)
    os.utime(path, (time.time() - 60, time.time() - 60))
    load(tmp_path)
    assert extract.known_digest(path) == hashlib.sha256(path.read_bytes()).hexdigest()
    with monkeypatch.context() as patched:
        patched.setattr(cache, "open", never("read"), raising=False)  # the file is not read
        assert cache.file_hash(path) == hashlib.sha256(path.read_bytes()).hexdigest()
    csv(tmp_path, ROWS[:2])  # changed: the hash is the new bytes', whatever the clock says
    os.utime(path, (time.time() - 60, time.time() - 30))
    assert extract.known_digest(path) is None
    assert cache.file_hash(path) == hashlib.sha256(path.read_bytes()).hexdigest()


def test_only_the_newest_copies_are_kept(tmp_path, monkeypatch):
    monkeypatch.setenv(extract.CACHE_DIR, str(tmp_path / "cache"))
    for n in range(extract.KEEP + 2):
        csv(tmp_path / "data", ROWS[: n % len(ROWS) + 1] if n < len(ROWS) else ROWS[:1] + ROWS[2:])
        load(tmp_path / "data")
    assert len(list((tmp_path / "cache").glob("*.parquet"))) == extract.KEEP


def test_compliance_is_the_same_on_the_copy_and_on_the_frame(tmp_path):
    rows = [
        [
            f"C{i}",
            ["handicap", "voksne", "boern-og-unge"][i % 3],
            "§ 85",
            f"2021-{i % 11 + 1:02d}-0{i % 9 + 1}",
        ]
        + ([f"2021-12-{i % 28 + 1:02d}"] if i % 4 else [""])
        + [str(10 + i % 200)]
        for i in range(500)
    ]
    csv(tmp_path, rows)
    cases = load(tmp_path)
    on_copy = calc_cases.compliance(cases, "2021-12-31")
    on_frame = calc_cases.compliance(cases.frame(), "2021-12-31")
    pd.testing.assert_frame_equal(on_copy, on_frame)
    assert on_copy["measured"].sum() > 0
    assert calc_cases.totals(cases)["cases"] == 500


# --- The contract, as queries ----------------------------------------------------------------------

GOOD = ["A1", "handicap", "§ 100", "2020-01-02", "2020-01-20", "30"]
TOMORROW = (dt.date.today() + dt.timedelta(days=1)).isoformat()
# Per column of the contract: a cell that breaks each of its rules, and words of the message.
BROKEN = {
    "case_id": [("", "the cell is empty but a value is required"), ("A1", "repeats a key")],
    "borgercenter": [("tandpleje", "must be one of: handicap, voksne, boern-og-unge"), ("", "is empty")],
    "case_type": [("", "is empty"), ("§ 85\u200b", "invisible"), ("x" * 10_001, "more than the 10,000")],
    "received_date": [
        ("", "the cell is empty but a value is required"),
        ("2020-02-30", "no day in the calendar"),
        ("1/2/2020", "written both day/month and month/day"),
        ("1850-01-01", "1850"),
        (TOMORROW, "after today"),
    ],
    "decision_date": [
        ("2019-12-31", "the decision date is before the received date"),
        ("30.02.2020", "no day in the calendar"),
        (TOMORROW, "after today"),
    ],
    "deadline_days": [
        ("", "the cell is empty but a value is required"),
        ("0", "must be a positive whole number of days"),
        ("-5", "must be a positive whole number of days"),
        ('"30,5"', "'30,5' must be a whole number"),
        ("tredive", "'tredive' is not a number"),
    ],
}
CASES = [(column, cell, words) for column, found in BROKEN.items() for cell, words in found]


def test_every_column_and_rule_of_the_contract_is_tried():
    """A new column or rule in cases_schema needs a query in extract.py and a line in BROKEN."""
    schema = cases_schema()
    assert set(BROKEN) == set(schema.columns)
    for name, column in schema.columns.items():
        words = " ".join(w for _, w in BROKEN[name])
        for check in column.checks:
            if not extract.metadata_date(column):
                assert check.error in words, f"{name}: no broken cell tries {check.error!r}"
        if not column.nullable:
            assert "empty" in words, f"{name}: no broken cell tries an empty cell"
    for check in schema.checks:
        later, message = check.error.split(RULE_SEPARATOR, 1)
        assert any(message in words for _, words in BROKEN[later]), f"no broken cell tries {message!r}"
    assert schema.unique == [extract.KEY]


@pytest.mark.parametrize("column, cell, words", CASES, ids=[f"{c}-{w[:20]}" for c, _, w in CASES])
def test_a_broken_cell_is_found_by_the_queries(tmp_path, queries_only, column, cell, words):
    row = list(GOOD)
    row[0] = "A2"
    row[HEADER.index(column)] = cell
    if column == "decision_date" and cell == TOMORROW:
        row[HEADER.index("received_date")] = dt.date.today().isoformat()
    path = csv(tmp_path, [GOOD, row])
    with pytest.raises(DataError) as caught:
        load(tmp_path)
    assert (caught.value.row, caught.value.column) == (3, column), str(caught.value)
    assert words in caught.value.message
    assert str(caught.value).startswith(f"{path}, row 3, column '{column}': ")


def test_row_numbers_count_blank_lines_and_cells_over_several_lines(tmp_path, queries_only):
    rows = [
        ["B1", "handicap", '"§ 100\nfortsat"', "2020-01-02", "", "30"],
        ["B2", "handicap", "§ 100", "2020-01-02", "", "30"],
        ["B3", "handicap", "§ 100", "2020-01-02", "", "nul"],
    ]
    path = csv(tmp_path, rows)
    path.write_text(path.read_text(encoding="utf-8").replace("\nB2", "\n\n\nB2"), encoding="utf-8")
    # header 1, B1 on lines 2-3, two blank lines, B2 on 6, B3 on 7
    with pytest.raises(DataError, match=r"row 7, column 'deadline_days': 'nul' is not a number"):
        load(tmp_path)


def test_a_workbook_row_is_the_row_excel_shows(tmp_path, queries_only):
    rows = [list(GOOD), [None] * 6, [None] * 6, ["B2", "voksne", "§ 85", "2020-01-02", None, -3]]
    workbook(tmp_path, rows)
    with pytest.raises(DataError, match=r"cases.xlsx, row 5, column 'deadline_days': must be a positive"):
        load(tmp_path)


def test_a_parquet_row_is_its_place_in_the_file(tmp_path, queries_only):
    frame = pd.DataFrame([GOOD, ["B2", "voksne", "§ 85", "2020-01-02", None, "30"]] * 3, columns=HEADER)
    frame["case_id"] = [f"P{i}" for i in range(6)]
    frame.loc[4, "borgercenter"] = "tandpleje"
    parquet(tmp_path, frame)
    with pytest.raises(DataError, match=r"cases.parquet, row 5, column 'borgercenter': must be one of"):
        load(tmp_path)


def test_in_a_parquet_file_every_row_is_a_case(tmp_path, queries_only):
    """No comment rows or empty rows are skipped in Parquet (a program wrote it), as in its exact checks."""
    frame = pd.DataFrame([list(r) for r in ROWS], columns=HEADER).replace({"": None})
    frame.loc[0, "case_id"] = "#1"
    parquet(tmp_path / "hash", frame)
    assert load(tmp_path / "hash").rows == 4
    empty = pd.concat([frame, pd.DataFrame([[None] * 6], columns=HEADER)], ignore_index=True)
    parquet(tmp_path / "empty", empty.astype("string"))
    with pytest.raises(DataError, match=r"cases.parquet, row 5, column '\w+': the cell is empty"):
        load(tmp_path / "empty")


def test_a_parquet_file_without_cases_is_one_line(tmp_path):
    parquet(tmp_path, pd.DataFrame({c: pd.Series([], dtype="string") for c in HEADER}))
    with pytest.raises(DataError, match=r"cases.parquet: .*no (rows|data)"):
        load(tmp_path)


@pytest.mark.parametrize("sorted_at_a_time", [extract.SORTED, 1_000])
def test_a_repeated_case_deep_in_a_large_file_is_found_where_it_is(
    tmp_path, queries_only, monkeypatch, sorted_at_a_time
):
    """Also when the keys' hashes are sorted in parts (as in an extract of more than SORTED rows)."""
    monkeypatch.setattr(extract, "SORTED", sorted_at_a_time)
    rows = [[f"C{i}", "voksne", "§ 85", "2020-01-02", "", "30"] for i in range(20_000)]
    rows[17_000][0] = "C123"
    csv(tmp_path, rows)
    with pytest.raises(DataError, match=r"row 17002, column 'case_id': .*repeats a key"):
        load(tmp_path)


def test_a_header_that_is_not_the_contracts_is_one_line(tmp_path):
    path = csv(tmp_path, ROWS, header=[*HEADER[:-1], "frist"])
    with pytest.raises(DataError) as caught:
        load(tmp_path)
    assert str(caught.value).startswith(str(path)) and "deadline_days" in str(caught.value)


def test_a_file_that_is_not_parquet_is_one_line(tmp_path):
    tmp_path.mkdir(exist_ok=True)
    (tmp_path / "cases.parquet").write_bytes(b"PAR1 not really")
    with pytest.raises(DataError, match=r"cases.parquet: the file is not a Parquet file that can be read"):
        load(tmp_path)


def test_only_a_case_extract_may_be_parquet(data_copy):
    parquet(data_copy, pd.DataFrame({"year": [2010]}))
    (data_copy / "cases.parquet").rename(data_copy / "complaints.parquet")
    with pytest.raises(DataError, match=r"complaints.parquet.*only a case extract may be Parquet"):
        DataFolder(data_copy).validate_all()


def test_a_csv_and_a_parquet_extract_side_by_side_is_an_error(data_copy):
    csv(data_copy, ROWS)
    parquet(data_copy, pd.DataFrame(ROWS, columns=HEADER))
    with pytest.raises(DataError, match=r"cases.parquet: cases.csv and cases.parquet both hold the data set"):
        DataFolder(data_copy).validate_all()


def test_validate_says_when_it_reads_an_extract_and_when_it_need_not(
    data_copy, capsys, tmp_path, monkeypatch
):
    from analysis.build import cli

    monkeypatch.setenv(extract.CACHE_DIR, str(tmp_path / "cache"))  # not read by an earlier test
    csv(data_copy, ROWS)
    os.utime(data_copy / "cases.csv", (time.time() - 60, time.time() - 60))
    assert cli.main(["validate", str(data_copy)]) == 0
    first = capsys.readouterr().out
    assert "  reading cases.csv (0.0 MB) ..." in first
    assert re.search(r"  cases.csv: 4 cases, read and checked in \d+\.\d s", first)
    assert cli.main(["validate", str(data_copy)]) == 0
    assert "  cases.csv: 4 cases, unchanged since it was last checked" in capsys.readouterr().out


def test_spaces_around_a_cell_are_not_part_of_its_value(tmp_path, queries_only):
    padded = [[f"  {cell} " if cell else "   " for cell in row] for row in ROWS]
    csv(tmp_path, padded)
    assert_expected(frame_of(tmp_path))
    repeated = [*ROWS, [" A1", *ROWS[1][1:]]]  # " A1" is the key A1 again
    csv(tmp_path / "repeated", repeated)
    with pytest.raises(DataError, match=r"row 6, column 'case_id': .*repeats a key"):
        load(tmp_path / "repeated")
