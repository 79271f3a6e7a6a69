"""Reading a data file's cells, bounded and with honest places: a CSV is scanned as bytes before
pandas parses it (its size, rows, runs of empty rows, encoding and invisible characters), an .xlsx
file's zip is measured before openpyxl opens it and its sheet is streamed with a row limit.

Every frame's index is the row's number as the file shows it minus 2 (the header is row 1, the
first data row has index 0): a blank line or a cell spanning lines shifts nothing.
"""

from __future__ import annotations

import codecs
import csv
import mmap
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pandas as pd

from . import limits
from .errors import DataError, file_row

# Characters no cell may hold: C0 and C1 controls but tab, line feed and carriage return, and the
# invisible formatting that can make text read differently from what it is (bidi overrides,
# isolates and marks, zero-width characters, a byte order mark inside the text).
INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)
# The same characters as UTF-8 bytes: a CSV file is searched for them before it is parsed.
INVISIBLE_BYTES = re.compile(
    rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\xc2[\x80-\x9f]|\xd8\x9c|\xe2\x80[\x8b-\x8f\xaa-\xae]"
    rb"|\xe2\x81[\xa0-\xa4\xa6-\xa9]|\xef\xbb\xbf"
)
NAMES = {
    0x061C: "ARABIC LETTER MARK",
    0x200B: "ZERO WIDTH SPACE",
    0x200C: "ZERO WIDTH NON-JOINER",
    0x200D: "ZERO WIDTH JOINER",
    0x200E: "LEFT-TO-RIGHT MARK",
    0x200F: "RIGHT-TO-LEFT MARK",
    0x202A: "LEFT-TO-RIGHT EMBEDDING",
    0x202B: "RIGHT-TO-LEFT EMBEDDING",
    0x202C: "POP DIRECTIONAL FORMATTING",
    0x202D: "LEFT-TO-RIGHT OVERRIDE",
    0x202E: "RIGHT-TO-LEFT OVERRIDE",
    0x2060: "WORD JOINER",
    0x2066: "LEFT-TO-RIGHT ISOLATE",
    0x2067: "RIGHT-TO-LEFT ISOLATE",
    0x2068: "FIRST STRONG ISOLATE",
    0x2069: "POP DIRECTIONAL ISOLATE",
    0xFEFF: "ZERO WIDTH NO-BREAK SPACE",
}
BLANK = rb"[ \t,;\r]*\n"  # a line with no content (separators and spaces at most)
EMPTY_RUN = re.compile(rb"\n(?:" + BLANK + rb"){%d}" % limits.MAX_EMPTY_RUN)
CONTENT = re.compile(rb"[^ \t,;\r\n]")
CHUNK = 16 * limits.MB
# Bytes that may begin a sequence of INVISIBLE_BYTES: a chunk holding none of them is clean, and
# only chunks holding one (Danish text's "…" and "−" among them) are searched with the regex.
LEADS = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, 0xC2, 0xD8, 0xE2, 0xEF])
OTHERS = bytes(b for b in range(256) if b not in LEADS)
BOM = codecs.BOM_UTF8


def describe(character: str) -> str:
    """ "U+202E (RIGHT-TO-LEFT OVERRIDE)", "U+0007 (a control character)"."""
    code = ord(character)
    return f"U+{code:04X} ({NAMES.get(code, 'a control character')})"


def visible(text: str) -> str:
    """Text with every invisible character written as <U+XXXX>, safe to print in a message."""
    return INVISIBLE.sub(lambda m: f"<U+{ord(m.group()):04X}>", str(text))


def check_text(frame: pd.DataFrame, path: Path, invisible: bool = True) -> None:
    """Every cell and header: no text longer than MAX_CELL_CHARS, and (if `invisible`) no
    character of INVISIBLE. All such cells are reported, each with its row and column."""
    problems = []
    for header in frame.columns:  # named as far as a message can show it: it may be huge
        problems += _cell_problems(str(header), 1, visible(header)[:60])
    for position, name in enumerate(frame.columns):
        text = frame.iloc[:, position].dropna()  # every cell is text here (or missing)
        if text.empty:
            continue
        long = text[text.str.len() > limits.MAX_CELL_CHARS]
        odd = text[text.str.contains(INVISIBLE)] if invisible else text.iloc[:0]
        for index in long.index.union(odd.index):
            problems += _cell_problems(text[index], file_row(index), visible(name)[:60])
    if problems:
        raise DataError.of([DataError(path, m, row=r, column=c) for r, c, m in sorted(problems, key=_order)])


def _order(problem) -> tuple:
    return problem[0] or 0, problem[1] or ""


def _cell_problems(text: str, row: int, column: str | None) -> list[tuple]:
    found = []
    if len(text) > limits.MAX_CELL_CHARS:
        found.append(
            (
                row,
                column,
                f"the cell holds {len(text):,} characters, more than the {limits.MAX_CELL_CHARS:,} a "
                "cell may hold: shorten it",
            )
        )
    odd = INVISIBLE.search(text)
    if odd:
        found.append((row, column, f"holds the invisible character {describe(odd.group())}: delete it"))
    return found


# CSV


@dataclass(frozen=True)
class _Scan:
    separator: str
    lines: int  # lines in the file (a last line without a line break counts)
    suspect: bool  # it holds a byte sequence of INVISIBLE somewhere


def read_csv(path: Path, bounds: limits.Limits) -> tuple[pd.DataFrame, bool]:
    """The cells of a CSV file as text, and whether an invisible character may be in one."""
    scanned = scan(path, bounds)
    try:
        # header=None: the header row fixes the width, so a row with extra cells is an error
        # (with a header, pandas would quietly turn the extra cells into an index).
        cells = pd.read_csv(
            path,
            header=None,
            dtype=str,
            keep_default_na=False,
            sep=scanned.separator,
            encoding="utf-8-sig",
            skip_blank_lines=False,
        )
    except pd.errors.ParserError as error:  # e.g. "Expected 7 fields in line 5, saw 8"
        raise _parser_error(path, scanned, str(error)) from None
    if len(cells) == scanned.lines:  # one record a line: record i (the header is 0) is on line i + 1
        cells.index = pd.RangeIndex(-1, len(cells) - 1)
    else:  # a cell spans lines, or a quote is not closed: the csv module knows the lines
        starts = _record_lines(path, scanned.separator)
        if len(starts) == len(cells):
            cells.index = pd.Index(starts) - 2
    return cells.iloc[1:].set_axis(list(cells.iloc[0]), axis=1), scanned.suspect


def _parser_error(path: Path, scan: _Scan, error: str) -> DataError:
    if "EOF inside string" in error:
        _record_lines(path, scan.separator)  # raises, naming the row where the quote opens
    found = re.search(r"line (\d+), saw (\d+)", error)
    row = int(found.group(1)) if found else None  # pandas counts records: the line where it starts
    row = _record_lines(path, scan.separator, until=row)[-1] if row else None
    return DataError(
        path,
        f"this row has more cells than the header: put text holding the separator '{scan.separator}' "
        "in double quotes",
        row=row,
    )


def data_record_lines(path: Path, separator: str) -> list[int]:
    """The line each record below the header starts on, blank lines left out (as DuckDB reads a CSV)."""
    starts, line = [], 1
    with open(path, encoding="utf-8-sig", newline="") as text:
        reader = csv.reader(text, delimiter=separator)
        for record in reader:
            if record:
                starts.append(line)
            line = reader.line_num + 1
    return starts[1:]


def header_cells(path: Path, separator: str) -> list[str]:
    """The header row's cells, stripped (as read_table names the columns)."""
    with open(path, encoding="utf-8-sig", newline="") as text:
        return [cell.strip() for cell in next(csv.reader(text, delimiter=separator), [])]


def _record_lines(path: Path, separator: str, until: int | None = None) -> list[int]:
    """The line each record starts on (the header's is 1), or a DataError naming the row where a
    double quote opens a cell that is never closed (or closes it before the cell ends).
    `until`: stop after this many records."""
    starts, line = [], 1
    with open(path, encoding="utf-8-sig", newline="") as text:
        reader = csv.reader(text, delimiter=separator, strict=True)
        try:
            for _ in reader:
                starts.append(line)
                line = reader.line_num + 1
                if until is not None and len(starts) >= until:
                    break
        except csv.Error:
            raise DataError(
                path,
                "a double quote opens a cell that is never closed (or text follows its closing quote): "
                'close it or remove it, and write a double quote inside a quoted cell as ""',
                row=line,
            ) from None
    return starts


def scan(path: Path, bounds: limits.Limits) -> _Scan:
    """A CSV file checked as bytes before it is parsed: its header, encoding, empty rows, rows
    and whether it may hold an invisible character (located later, in the parsed cells)."""
    with open(path, "rb") as file:
        first = file.readline(64 * 1024)
    try:
        header = first.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DataError(path, "the file is not UTF-8 text: save it as 'CSV UTF-8'", row=1) from None
    if not header.strip():
        raise DataError(path, "the file is empty: it needs a header row and at least one row of data")
    separator = ";" if header.count(";") > header.count(",") else ","
    with open(path, "rb") as file, mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ) as data:
        lines, suspect = _lines(data, path)
        _empty_runs(data, path)
        if lines - 1 > bounds.rows:
            raise DataError(
                path,
                f"the file has {lines - 1:,} rows below its header, more than the {bounds.rows:,} this "
                "data file may have: remove what does not belong in it (the limits are in "
                "analysis/data/limits.py)",
            )
    return _Scan(separator, lines, suspect)


def _lines(data: mmap.mmap, path: Path) -> tuple[int, bool]:
    """The number of lines, and whether a byte sequence of INVISIBLE_BYTES is in the file, checking
    on the way that the file is UTF-8 (naming the row if not)."""
    decoder, lines, suspect = codecs.getincrementaldecoder("utf-8")(), 0, False
    for start in range(0, len(data), CHUNK):
        chunk = data[start : start + CHUNK]
        try:
            decoder.decode(chunk, final=start + CHUNK >= len(data))
        except UnicodeDecodeError as error:
            row = lines + chunk[: max(error.start, 0)].count(b"\n") + 1
            raise DataError(
                path,
                "the file is not UTF-8 text (this row holds a character in another encoding): "
                "save it as 'CSV UTF-8'",
                row=row,
            ) from None
        lines += chunk.count(b"\n")
        if not suspect and chunk.translate(None, OTHERS):  # a chunk with a lead byte: search it
            begin = len(BOM) if start == 0 and chunk.startswith(BOM) else start
            suspect = INVISIBLE_BYTES.search(data, begin, start + CHUNK + 2) is not None
    return lines + (1 if len(data) and data[-1:] != b"\n" else 0), suspect


def _newlines(data: mmap.mmap, start: int, end: int) -> int:
    return sum(data[at : min(at + CHUNK, end)].count(b"\n") for at in range(start, end, CHUNK))


def _empty_runs(data: mmap.mmap, path: Path) -> None:
    """A run of more than MAX_EMPTY_RUN empty rows (blank, or separators only) is refused."""
    run = EMPTY_RUN.search(data)
    if run is None:
        return
    first = _newlines(data, 0, run.start() + 1) + 1  # the first empty line's number
    content = CONTENT.search(data, run.end())
    last = _newlines(data, 0, content.start()) if content else _newlines(data, 0, len(data))
    raise DataError(
        path,
        f"{last - first + 1:,} empty rows from row {first}: delete them (and any data below them "
        "belongs directly below the rows above)",
    )


# Excel


def read_xlsx(path: Path, bounds: limits.Limits, warn: Callable[[DataError], None] | None) -> pd.DataFrame:
    """The cells of an .xlsx file's first sheet as Python values (dates as datetimes), the header
    from its first row; a sheet that is empty while another holds the data says so."""
    check_zip(path, bounds)
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError) as error:
        raise _not_a_workbook(path, error) from None
    try:
        sheets = book.worksheets
        if not sheets:
            raise _not_a_workbook(path, "it has no sheet")
        rows = _sheet_rows(sheets[0], path, bounds)
        others = [sheet.title for sheet in sheets[1:] if _has_data(sheet)]
    finally:
        book.close()
    if not rows and others:
        raise DataError(
            path,
            f"the data is on sheet '{visible(others[0])}', but only the first sheet "
            f"('{visible(sheets[0].title)}') is read: move it to the first sheet",
        )
    warn_other_sheets(path, sheets[0].title, others, warn)
    return _frame(rows, path)


def warn_other_sheets(path: Path, first: str, others: list[str], warn) -> None:
    """Tell `warn` that sheets besides the first hold data, which is not read."""
    if others and warn:
        names = ", ".join(f"'{visible(name)}'" for name in others)
        warn(
            DataError(
                path,
                f"only the first sheet ('{visible(first)}') is read; {names} also holds data, "
                "which the book does not read",
            )
        )


def _not_a_workbook(path: Path, error) -> DataError:
    return DataError(
        path,
        f"the file is not an Excel workbook (.xlsx) that can be read ({error}): "
        "save it from Excel as 'Excel Workbook' or as 'CSV UTF-8'",
    )


def check_zip(path: Path, bounds: limits.Limits) -> None:
    """The workbook's members, measured from the zip's directory before anything is unpacked (Python's
    zipfile never unpacks more than a member declares)."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise _not_a_workbook(path, error) from None
    unpacked = sum(m.file_size for m in members)
    packed = sum(m.compress_size for m in members)
    bomb = any(
        m.file_size > limits.RATIO_FROM and m.file_size > limits.MAX_RATIO * max(m.compress_size, 1)
        for m in members
    )
    if unpacked > bounds.unpacked or bomb:
        raise DataError(
            path,
            f"the workbook unpacks to {limits.amount(unpacked)} from {limits.amount(packed)}, "
            + (
                f"more than the {limits.amount(bounds.unpacked)} this data file may have"
                if unpacked > bounds.unpacked
                else f"more than {limits.MAX_RATIO} times its size, which no real worksheet does"
            )
            + ": save only the data, as a new workbook or as 'CSV UTF-8'",
        )


def _sheet_rows(sheet, path: Path, bounds: limits.Limits) -> dict[int, tuple]:
    """The sheet's non-empty rows by their row number (the header's is 1), at most bounds.rows
    below the header. Empty rows cost nothing: they are not kept."""
    rows: dict[int, tuple] = {}
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        if any(v is not None and v != "" for v in values):
            rows[number] = values
            if len(rows) > bounds.rows + 1:
                raise DataError(
                    path,
                    f"the sheet has more than {bounds.rows:,} rows below its header, the most this data "
                    "file may have: remove what does not belong in it (the limits are in "
                    "analysis/data/limits.py)",
                )
    return rows


def _has_data(sheet) -> bool:
    return any(any(v is not None and v != "" for v in values) for values in sheet.iter_rows(values_only=True))


def _frame(rows: dict[int, tuple], path: Path) -> pd.DataFrame:
    """The rows as a frame of Python values ("" where empty), the first row as the header, as
    pandas' read_excel reads them (whole numbers as int, trailing empty columns dropped)."""
    if not rows:
        raise DataError(path, "the first sheet is empty: it needs a header row and at least one row of data")
    if 1 not in rows:
        raise DataError(
            path,
            f"the header must be in row 1 of the first sheet, but its first filled row is row {min(rows)}: "
            "delete the rows above it",
        )
    width = max(_width(values) for values in rows.values())
    header = [f"Unnamed: {i}" if v is None or v == "" else v for i, v in enumerate(_pad(rows.pop(1), width))]
    frame = pd.DataFrame(
        [[_value(v) for v in _pad(values, width)] for values in rows.values()],
        index=pd.Index([number - 2 for number in rows], dtype="int64"),
        columns=header,
        dtype=object,
    )
    return frame


def _width(values: tuple) -> int:
    filled = [i for i, v in enumerate(values) if v is not None and v != ""]
    return filled[-1] + 1 if filled else 0


def _pad(values: tuple, width: int) -> list:
    return (list(values) + [None] * width)[:width]


def _value(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
