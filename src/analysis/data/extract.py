"""The case extract (the optional data set `cases`): read and checked by DuckDB, kept as Parquet.

A case extract is the one data file that grows with the municipality: a decade of a large one is
ten million rows. It is read once, by DuckDB (CSV with comma or semicolon, `.xlsx` through
calamine, or Parquet), checked with the contract's rules as queries, and kept as a typed Parquet
file named by the SHA-256 of the file's bytes and of these rules: a rebuild with the same file,
and every notebook of a build, reads that file and parses nothing.

The queries decide only *whether* rows break the contract. Which rows, and what to tell the user,
is left to the code that checks every other data file (`loading.validate`), run on just the rows
the queries found, so every message is the same one line naming file, row and column. A file in a
form the queries do not read (an invisible character, a header that is not the contract's, a CSV
that DuckDB cannot parse, a cell the rules read but the queries do not, such as "1.000") goes
through that code whole: slower, never different.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
import pandera.pandas as pa

from analysis.paths import BUILD_DIR

from . import limits, loading, reading
from .dates import FIRST_YEAR, LAST_YEAR
from .errors import DataError
from .schemas.columns import DATE, PAST

# Where the typed copies are kept: the build sets it to its own folder (BUILD/extracts).
CACHE_DIR = "ANALYSIS_EXTRACT_CACHE"
EXTRACTS = "extracts"  # the folder in a build folder (and _build/, for `validate`)
KEEP = 3  # typed copies kept (the newest used), so that switching between extracts is quick
# What DuckDB may hold in memory; it works out of core beyond it (in the cache folder).
MEMORY_LIMIT = "1500MB"
# The columns the book computes with; the typed copy holds these and two of the checks' own.
KEPT = ("borgercenter", "received_date", "decision_date", "deadline_days")
KEY = "case_id"  # unique: the copy keeps its hash, to count repeats
LATER_NOT_BEFORE = (("decision_date", "received_date"),)  # the schema's not_before rule, as SQL
# The characters no cell may hold (reading.INVISIBLE), as a pattern DuckDB's regular expressions read.
INVISIBLE = "".join(c if c in "[]-" else f"\\x{{{ord(c):x}}}" for c in reading.INVISIBLE.pattern)
INTEGERS = {"TINYINT", "SMALLINT", "INTEGER", "BIGINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT"}
SORTED = 25_000_000  # key hashes sorted at a time to find repeats (8 bytes each)
EXPLAINED = 1_000  # rows at most handed to the exact checks to say what is wrong
RECENT = 2.0  # seconds: a file changed this recently is hashed again (see _seen)


@dataclass(frozen=True)
class CaseExtract:
    """A validated case extract: its typed Parquet copy, the file it was read from and its rows.
    It is a path (os.PathLike) to the copy, which calc.cases queries."""

    parquet: Path
    source: Path
    rows: int
    fresh: bool = False  # read from the file now (not the copy of an earlier read)

    def __fspath__(self) -> str:
        return str(self.parquet)

    def frame(self) -> pd.DataFrame:
        """The kept columns as the other data sets are handed over: dates as YYYY-MM-DD text."""
        columns = ", ".join(f"strftime({c}, '%Y-%m-%d') AS {c}" if c.endswith("_date") else c for c in KEPT)
        frame = duckdb.execute(f"SELECT {columns} FROM read_parquet({_literal(self.parquet)})").df()
        dates = [c for c in KEPT if c.endswith("_date")]
        return frame.astype({c: pd.StringDtype() for c in [*dates, "borgercenter"]}).astype(
            {"deadline_days": "Int64"}
        )


def read(
    path: Path,
    schema: pa.DataFrameSchema,
    bounds: limits.Limits,
    warn: Callable[[DataError], None] | None = None,
) -> CaseExtract:
    """The extract in `path`, validated: from the typed copy if this file was read before."""
    path = Path(path)
    size = loading.file_size(path)
    if size > bounds.bytes:
        loading.too_large(path, size, bounds)
    folder = cache_folder()
    known = _seen(path, folder)
    if known is not None and (folder / f"{_key(known)}.parquet").is_file():  # unchanged since read
        return _cached(folder / f"{_key(known)}.parquet", path)
    digest, lines = _digest(path)
    kept = folder / f"{_key(digest)}.parquet"
    if kept.is_file():
        _remember(path, folder, digest)
        return _cached(kept, path)
    folder.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="extract-", dir=folder))
    try:
        with _connection(work) as con:
            rows = _typed_copy(con, path, schema, bounds, warn, work / "typed.parquet", lines)
        os.replace(work / "typed.parquet", kept)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        with contextlib.suppress(OSError):
            folder.rmdir()  # a file refused on first read leaves no empty folder in the build's
    _remember(path, folder, digest)
    _forget_old(folder)
    return CaseExtract(kept, path, rows, fresh=True)


def cache_folder() -> Path:
    return Path(os.environ.get(CACHE_DIR) or BUILD_DIR / EXTRACTS)


def known_digest(path: Path) -> str | None:
    """The SHA-256 of the file's bytes, as the last read of it found, if the file is unchanged since
    (the build's record of what each chapter read uses it, rather than hash a large file again)."""
    return _seen(Path(path), cache_folder())


def _cached(kept: Path, path: Path) -> CaseExtract:
    os.utime(kept)  # the newest used is kept longest
    return CaseExtract(kept, path, _rows(kept))


# The content hash of a file is remembered by the file's identity (path, size, modification time to
# the nanosecond, inode), so that each notebook of a build does not hash a large extract again: a
# file changed in any way gets a new modification time, and is hashed (and read) anew.


def _identity(path: Path) -> str:
    info = path.stat()
    key = f"{path.resolve()}|{info.st_size}|{info.st_mtime_ns}|{info.st_ino}|{info.st_dev}"
    return hashlib.sha256(key.encode()).hexdigest()


def _seen(path: Path, folder: Path) -> str | None:
    """The hash remembered for this file, unless it was changed in the last seconds: a file system
    stamps times in ticks of milliseconds, so a file written twice in one tick looks unchanged."""
    try:
        if time.time() - path.stat().st_mtime < RECENT:
            return None
        return (folder / f"{_identity(path)}.seen").read_text(encoding="ascii").strip() or None
    except (OSError, UnicodeDecodeError):
        return None


def _remember(path: Path, folder: Path, digest: str) -> None:
    with contextlib.suppress(OSError):  # only a shortcut: without it the file is hashed again
        note = folder / f"{_identity(path)}.seen"
        temporary = note.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(digest, encoding="ascii")
        os.replace(temporary, note)


def _digest(path: Path) -> tuple[str, int]:
    """The SHA-256 of the file's bytes, and the file's lines (counted on the way: a CSV's skipped
    lines are checked)."""
    digest, lines, last = hashlib.sha256(), 0, b"\n"
    with open(path, "rb") as data:
        while block := data.read(1 << 22):
            digest.update(block)
            lines += block.count(b"\n")
            last = block[-1:]
    return digest.hexdigest(), lines + (last != b"\n")


def _key(digest: str) -> str:
    """The typed copy's name: the file's hash and the rules it is checked by, so that a change of
    the rules reads every file anew."""
    return hashlib.sha256(f"{digest}|{_rules_digest()}".encode()).hexdigest()


@functools.cache
def _rules_digest() -> str:
    """The hash of the rules an extract is checked by (this module and the schemas): read once."""
    rules = hashlib.sha256()
    for source in (Path(__file__), Path(__file__).parent / "schemas" / "compliance.py"):
        rules.update(source.read_bytes())
    return rules.hexdigest()


def _rows(parquet: Path) -> int:
    return duckdb.execute(f"SELECT count(*) FROM read_parquet({_literal(parquet)})").fetchall()[0][0]


def _forget_old(folder: Path) -> None:
    """Keep the KEEP newest-used copies; remove work folders a killed read left over a day ago."""
    copies = sorted(folder.glob("*.parquet"), key=_modified, reverse=True)
    for old in copies[KEEP:]:
        old.unlink(missing_ok=True)
    notes = sorted(folder.glob("*.seen"), key=_modified, reverse=True)
    for old in notes[10 * KEEP :]:
        old.unlink(missing_ok=True)
    for work in folder.glob("extract-*"):
        if work.is_dir() and time.time() - _modified(work) > 24 * 3600:
            shutil.rmtree(work, ignore_errors=True)


def _modified(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:  # removed meanwhile by another build
        return 0.0


def _connection(work: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(
        config={
            "memory_limit": MEMORY_LIMIT,
            "temp_directory": str(work),
            "preserve_insertion_order": True,
            # Pushed into the reader, the row filter (_a_row) trims each cell a second time: every
            # query here reads the whole file, so pushing filters down gains nothing (10M rows: 0.4 s).
            "disabled_optimizers": "filter_pushdown",
        }
    )
    try:  # a progress bar on the terminal would garble the build's lines
        con.execute("SET enable_progress_bar = false").fetchall()
    except duckdb.Error:
        pass  # in a notebook without ipywidgets DuckDB draws none, and refuses to be told
    return con


def _literal(text) -> str:
    return "'" + str(text).replace("'", "''") + "'"


def _name(column: str) -> str:
    return '"' + column.replace('"', '""') + '"'


# --- Reading the file as a relation ---------------------------------------------------------------


@dataclass
class Source:
    """The file as DuckDB reads it: a relation (SQL) with one column per header cell, and how its
    rows are numbered as the user sees them (see `lines`)."""

    path: Path
    header: list[str]
    sql: str
    records: int  # rows below the header, as the reader sees them (a CSV: its lines)
    typed_sql: str | None = None  # the file with some columns read as their type (the fast path)
    typed: frozenset[str] = frozenset()  # those columns: dates as DATE, whole numbers as integers
    separator: str = ","
    line_column: str | None = None  # an .xlsx sheet: the row number is a column of the relation
    # A CSV or a sheet may hold comment rows (# ...) and empty rows, which are skipped; in a Parquet
    # file (written by a program) every row is a case, as the exact checks read it too.
    every_row_a_case: bool = False


def _source(con, path: Path, schema, bounds, warn, lines: int) -> Source | None:
    """The relation for the file; None where only the exact path can read it."""
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        return _parquet(con, path, schema, bounds)
    if suffix == ".xlsx":
        return _workbook(con, path, bounds, warn)
    return _csv(path, schema, lines)


def _csv(path: Path, schema, lines: int) -> Source | None:
    """DuckDB reads the CSV: it checks the encoding itself, so the byte scan of read_table (tens of
    seconds on a large file) is left to the exact path, which a file DuckDB refuses takes."""
    header_line = _first_line_of(path)
    if header_line is None:
        return None
    separator = ";" if header_line.count(";") > header_line.count(",") else ","
    header = reading.header_cells(path, separator)
    options = (
        f"delim={_literal(separator)}, quote='\"', escape='\"', header=true, auto_detect=false, "
        "strict_mode=true"
    )
    text = "{" + ", ".join(f"{_literal(c)}: 'VARCHAR'" for c in header) + "}"
    sql = f"read_csv({_literal(path)}, columns={text}, {options})"
    source = Source(path, header, sql, records=lines - 1, separator=separator)
    types = {name: _csv_type(column) for name, column in schema.columns.items()}
    if set(header) == set(types) and len(header) == len(types):
        typed = "{" + ", ".join(f"{_literal(c)}: {_literal(types[c])}" for c in header) + "}"
        source.typed_sql = f"read_csv({_literal(path)}, columns={typed}, dateformat='%Y-%m-%d', {options})"
        source.typed = frozenset(name for name, kind in types.items() if kind == "DATE")
    return source


def _first_line_of(path: Path) -> str | None:
    """The header line, or None if it is no UTF-8 text or empty (the exact path says so)."""
    with open(path, "rb") as file:
        first = file.readline(64 * 1024)
    try:
        line = first.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    return line if line.strip() else None


def _csv_type(column: pa.Column) -> str:
    # Only dates: DuckDB would read "1.000" as the number 1, where the rules read 1000.
    return "DATE" if metadata_date(column) else "VARCHAR"


def _workbook(con, path: Path, bounds, warn) -> Source | None:
    """The first sheet through calamine (many times faster than openpyxl), each cell as the text
    `read_table` makes of it; a workbook whose first sheet is empty goes the exact way (which
    says where the data is)."""
    import python_calamine

    reading.check_zip(path, bounds)
    try:
        book = python_calamine.CalamineWorkbook.from_path(str(path))
        rows = book.get_sheet_by_index(0).to_python(skip_empty_area=False)
    except Exception:  # noqa: BLE001 (openpyxl, on the exact path, names what is wrong)
        return None
    if len(rows) < 2 or len(rows) - 1 > bounds.rows:
        return None
    others = [name for i, name in enumerate(book.sheet_names) if i and _has_data(book, i)]
    reading.warn_other_sheets(path, book.sheet_names[0], others, warn)
    header = [loading.cell_text(c).strip() for c in rows[0]]
    width = len(header)
    if len(set(header)) < width or any(len(row) != width for row in rows):
        return None  # a repeated column name, or a ragged sheet: the exact checks say what is wrong
    body = rows[1:]
    cells = pd.DataFrame({name: _texts([row[i] for row in body]) for i, name in enumerate(header)})
    cells["__line"] = range(2, len(cells) + 2)
    con.register("workbook", cells)
    return Source(path, header, "workbook", records=len(cells), line_column="__line")


def _texts(cells) -> list[str | None]:
    """Each cell as `loading.cell_text` writes it (None where empty), the usual cells (text, a date,
    a whole number) without its general case: a sheet of a million rows has millions of cells."""
    texts = []
    for cell in cells:
        kind = type(cell)
        if kind is str:
            texts.append(cell or None)
        elif kind is dt.date:
            texts.append(cell.isoformat())
        elif kind is float and cell.is_integer() and abs(cell) < 1e15:
            texts.append(str(int(cell)))
        else:
            texts.append(loading.cell_text(cell))
    return texts


def _has_data(book, index: int) -> bool:
    return any(any(c != "" for c in row) for row in book.get_sheet_by_index(index).to_python(nrows=50))


def _parquet(con, path: Path, schema, bounds) -> Source:
    relation = f"read_parquet({_literal(path)})"
    try:
        rows = con.execute(f"SELECT count(*) FROM {relation}").fetchall()[0][0]
        header = [d[0] for d in con.execute(f"SELECT * FROM {relation} LIMIT 0").description]
    except duckdb.Error as error:
        raise DataError(
            path, f"the file is not a Parquet file that can be read ({_first_line(error)})"
        ) from None
    if rows > bounds.rows:
        raise DataError(
            path, f"the file has {rows:,} rows, more than the {bounds.rows:,} a case extract may have"
        )
    types = dict(
        con.execute(f"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM {relation})").fetchall()
    )
    # Every column as text, as a CSV cell would be: one set of rules reads every form of the file.
    columns = ", ".join(f"{_as_text(_name(c), types[c])} AS {_name(c)}" for c in header)
    source = Source(path, header, f"(SELECT {columns} FROM {relation})", records=rows, every_row_a_case=True)
    # Dates stored as dates and whole numbers as integers are taken as they are: no text to parse.
    source.typed = frozenset(
        name
        for name, column in schema.columns.items()
        if types.get(name) == "DATE"
        and metadata_date(column)
        or types.get(name) in INTEGERS
        and str(column.dtype).lower().startswith("int")
    )
    if source.typed:
        kept = ", ".join(
            _name(c) if c in source.typed else f"{_as_text(_name(c), types[c])} AS {_name(c)}" for c in header
        )
        source.typed_sql = f"(SELECT {kept} FROM {relation})"
    return source


def _as_text(column: str, kind: str) -> str:
    """A typed Parquet value as the text a spreadsheet cell of it gives (loading.cell_text):
    a date, or a timestamp at midnight, as YYYY-MM-DD; a whole float as a whole number."""
    if kind == "DATE":
        return f"strftime({column}, '%Y-%m-%d')"
    if kind.startswith("TIMESTAMP"):
        return (
            f"CASE WHEN {column}::TIME = TIME '00:00' THEN strftime({column}, '%Y-%m-%d') "
            f"ELSE {column}::VARCHAR END"
        )
    if kind in ("FLOAT", "DOUBLE") or kind.startswith("DECIMAL"):
        return (
            f"CASE WHEN {column} = trunc({column}) AND abs({column}) < 1e15 "
            f"THEN {column}::BIGINT::VARCHAR ELSE {column}::VARCHAR END"
        )
    return f"{column}::VARCHAR"


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0][:200]


# --- The contract as queries ----------------------------------------------------------------------


def _cell(column: str) -> str:
    # trim() copies every cell; most have no space to trim, and looking is cheap (10M rows: -0.5 s)
    cell = f"{_name(column)}::VARCHAR"
    return (
        f"nullif(CASE WHEN prefix({cell}, ' ') OR suffix({cell}, ' ') THEN trim({cell}) ELSE {cell} END, '')"
    )


def _date(text: str) -> str:
    """A date written as the rules accept it (data/dates.py): ISO, or day first with - or ."""
    return (
        f"(CASE WHEN length({text}) = 10 AND {text}[5] = '-' AND {text}[8] = '-' "
        f"AND regexp_full_match({text}, '[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}') THEN try_cast({text} AS DATE) "
        f"WHEN regexp_full_match({text}, '[0-9]{{1,2}}-[0-9]{{1,2}}-[0-9]{{4}}') "
        f"THEN try_strptime({text}, '%d-%m-%Y')::DATE "
        f"WHEN regexp_full_match({text}, '[0-9]{{1,2}}\\.[0-9]{{1,2}}\\.[0-9]{{4}}') "
        f"THEN try_strptime({text}, '%d.%m.%Y')::DATE END)"
    )


# A rule is written on two placeholders: a column's cell as text (TEXT) and its typed value (VALUE).
TEXT, VALUE = "\x00text\x00", "\x00value\x00"


@dataclass(frozen=True)
class Rule:
    value: str  # the typed value, as SQL on TEXT
    broken: tuple[str, ...]  # the conditions under which a row breaks the column's rules


def _rules(schema: pa.DataFrameSchema, typed: frozenset[str]) -> dict[str, Rule]:
    """Per column: its value as SQL, and the conditions under which a row breaks its rules; the
    columns in `typed` are read as their type (a date, an integer), the others as text."""
    today = _literal(dt.date.today().isoformat())
    found = {}
    for name, column in schema.columns.items():
        broken = [] if column.nullable else [f"{TEXT} IS NULL"]
        metadata = column.metadata or {}
        if metadata.get(DATE):
            value = TEXT if name in typed else _date(TEXT)
            broken += [
                f"({TEXT} IS NOT NULL AND {VALUE} IS NULL)",
                f"{VALUE} NOT BETWEEN DATE '{FIRST_YEAR}-01-01' AND DATE '{LAST_YEAR}-12-31'",
            ]
            if metadata.get(PAST):
                broken.append(f"{VALUE} > DATE {today}")
        elif str(column.dtype).lower().startswith("int"):
            # As text, only digits: DuckDB would read "1.000" as 1, where the rules refuse it.
            value = (
                f"{TEXT}::BIGINT"
                if name in typed
                else f"(CASE WHEN regexp_full_match({TEXT}, '[0-9]{{1,15}}') THEN {TEXT}::BIGINT END)"
            )
            broken.append(f"({TEXT} IS NOT NULL AND {VALUE} IS NULL)")
            broken.append(f"abs({VALUE}) >= 1e15")  # more digits than a cell of text may have
            broken += [f"{VALUE} < {m}" for m in _statistics(column, "min_value")]
        else:
            value = TEXT
            allowed = _statistics(column, "allowed_values")
            broken += [f"{VALUE} NOT IN ({', '.join(_literal(v) for v in values)})" for values in allowed]
            if not allowed:  # a value of the list is short and has no hidden characters
                broken.append(f"length({TEXT}) > {limits.MAX_CELL_CHARS}")
                broken.append(f"regexp_matches({TEXT}, {_literal(INVISIBLE)})")
        found[name] = Rule(value, tuple(broken))
    return found


def _text(name: str, typed: frozenset[str]) -> str:
    """A cell as text (trimmed, empty as NULL), or as its type where it is read typed."""
    return _name(name) if name in typed else _cell(name)


def _written(sql: str, text: str, value: str = "") -> str:
    return sql.replace(VALUE, value).replace(TEXT, text)


def _broken(rules: dict[str, Rule], text, value) -> str:
    """Whether a row breaks a rule of one row, given each column's text and value as SQL."""
    conditions = [_written(b, text(n), value(n)) for n, rule in rules.items() for b in rule.broken]
    conditions += [f"{value(later)} < {value(earlier)}" for later, earlier in LATER_NOT_BEFORE]
    return f"coalesce({' OR '.join(f'({c})' for c in conditions)}, false)"


def metadata_date(column: pa.Column) -> bool:
    return bool((column.metadata or {}).get(DATE))


def _statistics(column: pa.Column, key: str) -> list:
    return [c.statistics[key] for c in column.checks if key in (c.statistics or {})]


def _checked(source: Source, schema: pa.DataFrameSchema, typed: bool) -> str:
    """Every row of the file with the kept columns typed, `_id` (the key's hash) and `_broken`
    (whether the row breaks a rule of one row); comment rows and empty rows left out (_a_row). Each
    cell is trimmed once and each value typed once, in layers: text, then values, then the rules."""
    native = source.typed if typed else frozenset()
    rules = _rules(schema, native)
    cells = ", ".join(f"{_text(c, native)} AS {_name(c)}" for c in source.header)
    values = ", ".join(f"{_written(r.value, _name(n))} AS {_value(n)}" for n, r in rules.items())
    kept = ", ".join(f"{_value(c)} AS {c}" for c in KEPT)
    return (
        f"SELECT {kept}, hash({_value(KEY)}) AS _id, {_broken(rules, _name, _value)} AS _broken FROM ("
        f"SELECT *, {values} FROM (SELECT {cells} FROM {source.typed_sql if typed else source.sql}) "
        f"WHERE {_a_row(source, _name)})"
    )


def _value(name: str) -> str:
    return _name(f"value of {name}")


def _a_row(source: Source, cell) -> str:
    """Not a comment row (its first cell starts with #) and not an empty row, given each cell as SQL."""
    if source.every_row_a_case:
        return "true"
    first = f"coalesce({cell(source.header[0])}::VARCHAR, '')"
    filled = " OR ".join(f"{cell(c)} IS NOT NULL" for c in source.header)
    return f"NOT starts_with({first}, '#') AND ({filled})"


def _typed_copy(con, path, schema, bounds, warn, target: Path, lines: int) -> int:
    """Write the typed copy to `target` and return its rows, or raise what is wrong."""
    source = _source(con, path, schema, bounds, warn, lines)
    if source is None or not _header_is_the_contracts(source, schema):
        return _exact_copy(con, path, schema, bounds, warn, target)
    written = False
    if source.typed_sql:
        try:  # the file read with its dates (and a Parquet file its numbers) typed: the usual forms
            con.execute(
                f"COPY ({_checked(source, schema, True)}) TO {_literal(target)} (FORMAT parquet)"
            ).fetchall()
            written = True
        except duckdb.Error:
            pass  # a cell in another form (a Danish date, a comment row): read it as text
    if not written:
        try:
            con.execute(
                f"COPY ({_checked(source, schema, False)}) TO {_literal(target)} (FORMAT parquet)"
            ).fetchall()
        except duckdb.Error:  # a CSV DuckDB cannot parse: the exact reader says where and why
            return _exact_copy(con, path, schema, bounds, warn, target)
    rows, broken = con.execute(
        f"SELECT count(*), count(*) FILTER (WHERE _broken) FROM read_parquet({_literal(target)})"
    ).fetchall()[0]
    if rows == 0 or rows > bounds.rows or source.records - rows > limits.MAX_EMPTY_RUN:
        # No case, too many, or many rows skipped (empty, comments, blank lines): the exact checks
        # say which, and where (a long run of empty rows is refused)
        return _exact_copy(con, path, schema, bounds, warn, target)
    if broken or _repeated(con, target, rows):
        _explain(con, source, schema, target)  # raises, unless
        return _exact_copy(
            con, path, schema, bounds, warn, target
        )  # the rules accept what the queries did not
    return rows


def _repeated(con, copy: Path, rows: int) -> bool:
    """Whether two rows of the typed copy share their key's hash (a repeated key, or rarely two keys
    with one hash, which the exact checks then clear). numpy sorts the hashes many times faster than
    DuckDB counts them distinct (10M rows: 0.2 s against 0.9 s), SORTED of them at a time."""
    parts = -(-rows // SORTED)
    for part in range(parts):
        where = f"WHERE _id % {parts} = {part}" if parts > 1 else ""
        ids = con.execute(f"SELECT _id FROM read_parquet({_literal(copy)}) {where}").fetchnumpy()["_id"]
        ids.sort()
        if (ids[1:] == ids[:-1]).any():
            return True
    return False


def _header_is_the_contracts(source: Source, schema) -> bool:
    """The header names each of the contract's columns once; else the exact checks say what is wrong
    (on the header alone: they read no row)."""
    if len(source.header) == len(schema.columns) and set(source.header) == set(schema.columns):
        return True
    if source.path.suffix.lower() != ".parquet":
        empty = pd.DataFrame({c: pd.Series([], dtype=object) for c in dict.fromkeys(source.header)})
        reading.check_text(empty, source.path)
        loading.check_header(pd.DataFrame(columns=source.header), source.path)
    else:
        empty = pd.DataFrame({c: pd.Series([], dtype=object) for c in source.header})
    loading.validate(empty, schema, source.path)
    return False


def _explain(con, source: Source, schema, typed: Path) -> None:
    """Raise the exact checks' problems with the rows the queries found (at most EXPLAINED)."""
    rules = _rules(schema, frozenset())
    broken = _broken(rules, _cell, lambda name: _written(rules[name].value, _cell(name)))
    number = source.line_column and _name(source.line_column) or "row_number() OVER ()"
    repeated = (
        f"SELECT _id FROM read_parquet({_literal(typed)}) GROUP BY _id HAVING count(*) > 1 LIMIT {EXPLAINED}"
    )
    found = con.execute(
        f"SELECT * FROM (SELECT {number} AS __number, * FROM {source.sql}) WHERE {_a_row(source, _cell)} "
        f"AND ({broken} OR hash({_cell(KEY)}) IN ({repeated})) ORDER BY __number LIMIT {EXPLAINED}"
    ).df()
    if found.empty:
        return
    lines = _lines(con, source, found["__number"].tolist())
    frame = found[[c for c in source.header]].astype(object)
    frame = frame.where(frame.notna(), None).apply(lambda col: col.str.strip())
    frame.index = pd.Index([line - 2 for line in lines])
    frame = frame.where(frame != "", None)
    reading.check_text(frame, source.path)
    loading.validate(frame, schema, source.path)


def _lines(con, source: Source, numbers: list[int]) -> list[int]:
    """The row (as an editor or Excel shows it) of each numbered record (numbered from 1)."""
    if source.line_column or source.path.suffix.lower() == ".parquet":
        return numbers  # Parquet has no header line: row 1 is the first record, as in _exact_copy
    if _one_record_a_line(con, source):
        return [n + 1 for n in numbers]
    starts = reading.data_record_lines(source.path, source.separator)  # a cell over lines, a blank line
    return [starts[n - 1] for n in numbers]


def _one_record_a_line(con, source: Source) -> bool:
    with open(source.path, "rb") as file:
        lines = sum(block.count(b"\n") for block in iter(lambda: file.read(1 << 24), b""))
        file.seek(-1, os.SEEK_END)
        lines += file.read(1) != b"\n"
    return con.execute(f"SELECT count(*) FROM {source.sql}").fetchall()[0][0] == lines - 1


def _exact_copy(con, path: Path, schema, bounds, warn, target: Path) -> int:
    """The exact checks on the whole file (loading.validate), then the typed copy from their result."""
    if path.suffix.lower() == ".parquet":
        frame = con.execute(f"SELECT * FROM {_parquet(con, path, schema, bounds).sql}").df().astype(object)
        frame = frame.where(frame.notna(), None)
        frame.index = frame.index - 1  # row 1 is the first row (as if a header were row 1)
        if frame.empty:  # as a CSV without rows is refused (loading.read_table)
            raise DataError(path, "the file has no rows of data: it holds the columns but no cases")
    else:
        frame = loading.read_table(path, bounds, warn)
    frame = loading.validate(frame, schema, path)
    con.register("validated", frame)
    source = Source(path, list(frame.columns), "validated", records=len(frame), every_row_a_case=True)
    con.execute(f"COPY ({_checked(source, schema, False)}) TO {_literal(target)} (FORMAT parquet)").fetchall()
    return len(frame)
