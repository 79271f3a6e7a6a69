"""Reading data files (CSV or Excel), parsing Danish numbers, validating against the schemas.

A `DataFolder` is what chapters load from: the user's folder first, then the shipped `data/`,
file by file, and it remembers which file each table came from so the book can say so.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import os
import re
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa

from analysis.paths import DATA_DIR

from . import extract, inventory, limits, reading
from .dates import parse_dates
from .errors import PER_FILE, RULE_SEPARATOR, DataError, DataErrors, failure_problems, file_row, shown
from .numbers import HOW, NUMBER, WHOLE, read_numbers
from .schemas import DATASETS, SOURCES, Dataset
from .schemas.columns import DATE, NUMBER_KIND, PAST, PRICE_LEVEL, UNIT_KINDS, UNIT_OF
from .schemas.sources import is_plain_file_name

SUFFIXES = (".csv", ".xlsx")
LARGE_SUFFIXES = inventory.LARGE_SUFFIXES  # a case extract may also be Parquet (see extract.py)
# When set (by the build, for one notebook), every file lookup is appended to this file as a JSON
# line: the build's cache then knows exactly which files a chapter read, and re-runs it when one changes.
READ_LOG = "ANALYSIS_READ_LOG"


def read_table(
    path: Path, bounds: limits.Limits = limits.ORDINARY, warn: Callable[[DataError], None] | None = None
) -> pd.DataFrame:
    """All cells as text (None where empty), headers from the first row. The index is the row's
    number in the file as Excel or an editor shows it, minus 2 (see `file_row`): empty rows are
    dropped but keep their number. A file over its `bounds` is refused before it is parsed, and so
    is a cell holding a control character or invisible formatting (see `INVISIBLE`); `warn` hears
    of what is read but may not be what the user meant (data on a sheet that is not read)."""
    path = Path(path)
    size = file_size(path)
    if size > bounds.bytes:
        too_large(path, size, bounds)
    if path.suffix == ".xlsx":
        frame = reading.read_xlsx(path, bounds, warn).map(cell_text)  # dates as YYYY-MM-DD
        reading.check_text(frame, path)
    else:
        frame, suspect = reading.read_csv(path, bounds)
        reading.check_text(frame, path, invisible=suspect)
    frame.columns = [str(c).strip() for c in frame.columns]
    check_header(frame, path)
    frame = frame.astype(object).apply(lambda col: col.str.strip())
    frame = frame.where(frame != "", None).dropna(how="all")  # empty rows go, the others keep their number
    if frame.empty:
        raise DataError(path, "the file has no rows of data below its header row")
    # A row whose first cell starts with "#" is a comment (templates carry a commented example).
    comment = frame.iloc[:, 0].fillna("").astype(str).str.startswith("#")
    if comment.all():
        raise DataError(
            path,
            "the file holds only commented rows (starting with '#'): fill in at least "
            "one row of data, or delete the file to use the shipped data",
        )
    return frame[~comment]


def too_large(path: Path, size: int, bounds: limits.Limits):
    raise DataError(
        path,
        f"the file is {limits.amount(size)}, more than the {limits.amount(bounds.bytes)} this data "
        "file may have: remove what does not belong in it (the limits are in analysis/data/limits.py)",
    )


def check_header(frame: pd.DataFrame, path: Path) -> None:
    """Each column named once: with a name twice, every rule would read the wrong one of them."""
    seen: set[str] = set()
    for number, name in enumerate(frame.columns, start=1):
        if name in seen:
            raise DataError(
                path,
                f"the header names the column '{reading.visible(name)[:60]}' twice (again in column "
                f"{number}): delete the repeated column or fix its name",
                row=1,
            )
        seen.add(name)


def file_size(path: Path) -> int:
    try:
        with open(path, "rb"):  # opening, not only stat: a file that cannot be read says so here
            return path.stat().st_size
    except PermissionError:
        raise DataError(path, "the file cannot be read (permission denied): allow reading it") from None


def cell_text(value) -> str:
    """A cell as text. An Excel date cell (a datetime from openpyxl, a Timestamp from pandas) becomes
    YYYY-MM-DD, or YYYY-MM-DD HH:MM:SS if it holds a time of day (a date column says that is wrong).
    A number cell keeps its exact value: a whole number without separators ("1564"), a fraction with
    a decimal comma and every digit it has ("0,517", "4,3"), as Danish Excel shows it; a fraction that
    would look like a thousands group ("1,564") gets a fourth decimal ("1,5640"), so the number rules
    (data/numbers.py) read every number cell as exactly the number it holds."""
    if isinstance(value, dt.datetime):  # pd.Timestamp is a datetime too
        return value.strftime("%Y-%m-%d" if value.time() == dt.time() else "%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool):
        if not math.isfinite(value):
            return str(value)  # refused by the number rules
        if float(value).is_integer():
            return str(int(value))
        text = np.format_float_positional(value, trim="-").replace(".", ",")
        return text + "0" if re.fullmatch(r"-?[1-9][0-9]{0,2},[0-9]{3}", text) else text
    return value if isinstance(value, str) else str(value)


def _log_lookup(entry: dict) -> None:
    log = os.environ.get(READ_LOG)
    if log:
        with open(log, "a", encoding="utf-8") as out:
            out.write(json.dumps(entry) + "\n")


def _numeric_kind(column: pa.Column) -> str | None:
    name = str(column.dtype)
    return "int" if name.lower().startswith("int") else "float" if name.startswith("float") else None


def coerce(frame: pd.DataFrame, schema: pa.DataFrameSchema, path: Path) -> pd.DataFrame:
    """Text cells to the schema's types, raising a row-and-column message for a cell that is no
    number or no date (the first, with the others kept: see `DataError.problems`)."""
    frame, problems = coerced(frame, schema, path)
    if problems:
        raise DataError.of(problems)
    return frame


def coerced(frame: pd.DataFrame, schema: pa.DataFrameSchema, path: Path) -> tuple[pd.DataFrame, list]:
    """Text cells to the schema's types and dates to YYYY-MM-DD text; every cell that is no number
    or no date, or that could be read two ways, is one problem (and empty in the frame returned).
    A column whose unit column says what each row holds (count, pct ...) is read row by row."""
    frame, problems = frame.copy(), []
    for name, column in schema.columns.items():
        if name not in frame.columns:
            continue  # the schema reports the missing column
        values, bad = _column(frame[name], column, _kinds(frame, column))
        frame[name] = values
        problems += [DataError(path, message, row=file_row(i), column=name) for i, message in bad.items()]
    return frame, sorted(problems, key=lambda p: p.row or 0)


def _kinds(frame: pd.DataFrame, column: pa.Column) -> str | pd.Series:
    """The kind of number a column holds (see data/numbers.py), or each row's, from its unit column."""
    metadata = column.metadata or {}
    unit = metadata.get(UNIT_OF)
    if unit and unit in frame.columns:
        units = frame[unit].astype(object).where(frame[unit].notna(), "")
        return units.map(lambda u: UNIT_KINDS.get(str(u).strip(), NUMBER))
    if NUMBER_KIND in metadata:
        return metadata[NUMBER_KIND]
    return WHOLE if _numeric_kind(column) == "int" else NUMBER


def _column(raw: pd.Series, column: pa.Column, kinds: str | pd.Series = NUMBER) -> tuple[pd.Series, dict]:
    """One column in the schema's type, and a message for each cell that cannot be."""
    metadata = column.metadata or {}
    if metadata.get(DATE):
        dates, bad = parse_dates(raw, partial=metadata[DATE] == "partial", past=bool(metadata.get(PAST)))
        return dates.astype(pd.StringDtype()), bad
    kind = _numeric_kind(column)
    if kind is None:
        return raw.astype(pd.StringDtype()), {}
    price_level = metadata.get(PRICE_LEVEL)
    text = raw.str.replace(r"\s*p/l\s*$", "", case=False, regex=True) if price_level else raw
    values, messages = read_numbers(text, kinds)  # "2021 p/l" is the price level 2021
    if price_level:  # a cell that is no number at all is said to be no price level
        messages = {
            i: f"'{raw[i]}' is not a price level: write it like 2021 or '2021 p/l'" if HOW in m else m
            for i, m in messages.items()
        }
    if kind == "int":
        messages |= {i: f"'{raw[i]}' must be a whole number" for i in values.index[values % 1 > 0]}
    values = values.where(~values.index.isin(list(messages)))
    return (values.astype("Int64") if kind == "int" else values), dict(sorted(messages.items()))


def validate(frame: pd.DataFrame, schema: pa.DataFrameSchema, path: Path) -> pd.DataFrame:
    """The frame in the schema's types, or a DataError with every problem in the file."""
    frame, problems = coerced(frame, schema, path)
    try:
        frame = schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        # A cell already reported (no number, no date) is not reported again as empty, and a
        # missing column only as missing (not again by each rule that reads it).
        # A rule across columns is not checked in a row whose cell was refused: it would read the
        # refused cell as empty ("staff and staff_unit go together") and blame the wrong cell.
        seen = {(p.row, p.column) for p in problems}
        missing = {name for name in schema.columns if name not in frame.columns}
        cases, refused = errors.failure_cases, {p.row for p in problems}
        rule = cases["check"].astype(str).str.contains(RULE_SEPARATOR, regex=False)
        found = failure_problems(
            path, cases[~(rule & cases["index"].map(file_row).isin(refused))], schema.unique
        )
        problems += [
            p
            for p in found
            if (p.row, p.column) not in seen and not (p.column in missing and "is missing" not in p.message)
        ]
    if problems:
        raise DataError.of(sorted(problems, key=lambda p: p.row or 0))
    return frame


def _check_folder(folder: Path) -> None:
    """The folder given with --data: it must be a folder the book can read."""
    if folder.is_file():
        raise DataError(folder, "this is a file, not a folder: give the folder that holds your data files")
    if not folder.exists():
        raise DataError(folder, "the data folder does not exist")
    if not folder.is_dir():
        raise DataError(folder, "this is not a folder: give the folder that holds your data files")
    try:
        with os.scandir(folder) as entries:
            next(entries, None)
    except PermissionError:
        raise DataError(
            folder, "the data folder cannot be read (permission denied): allow reading it"
        ) from None


class DataFolder:
    """The data a build uses: files in `user_dir` where present, the shipped data otherwise."""

    def __init__(self, user_dir: Path | str | None = None, shipped_dir: Path = DATA_DIR):
        self.user_dir = Path(user_dir) if user_dir else None
        if self.user_dir:
            _check_folder(self.user_dir)
        self.shipped_dir = Path(shipped_dir)
        self.used: dict[str, Path] = {}  # the file each data set was read from
        self.lookups: list[dict] = []  # every lookup, as the build's cache records it (see READ_LOG)
        self._cache: dict[str, pd.DataFrame] = {}
        self.texts: dict[str, Path] = {}  # the file each source text was read from (source_text)
        # What the user should know but that does not stop the build (a file that is not read):
        # `validate` and the build print each as "warning: FILE: ...".
        self.warnings: list[DataError] = []
        self._warned: set[str] = set()
        # Lines on long work (reading a case extract of millions of rows); the build and
        # `validate` print them, a notebook does not.
        self.progress: Callable[[str], None] = lambda _line: None

    def find(self, name: str, subdir: str = "", read: bool = False) -> Path | None:
        """The file a data set is read from (the user's first), or None if there is none.
        `read`: the caller reads the file's content (not only where it is)."""
        suffixes = SUFFIXES + (LARGE_SUFFIXES if name in limits.LARGE_DATASETS else ())
        return self.lookup([str(Path(subdir) / f"{name}{suffix}") for suffix in suffixes], read, name)

    def lookup(self, candidates: list[str], read: bool = False, dataset: str | None = None) -> Path | None:
        """The first of these relative paths that exists, in the user's folder first, then in the
        shipped data. The lookup is recorded (`lookups`) and logged for the build's cache (see
        READ_LOG), with the data set it is for."""
        found = next(
            (
                folder / candidate
                for folder in filter(None, [self.user_dir, self.shipped_dir])
                for candidate in candidates
                if (folder / candidate).is_file()
            ),
            None,
        )
        # Never read a data file through a link out of the user's folder (a source text, looked up
        # without a data set, is checked by source_text, which names the source).
        leaving = inventory.link_leaving(found, self.user_dir) if dataset and self.supplied(found) else None
        if leaving:
            raise leaving
        self._record(
            {
                "dataset": dataset,
                "candidates": candidates,
                "found": str(found) if found else None,
                "read": read,
            }
        )
        return found

    def _record(self, entry: dict) -> None:
        self.lookups.append(entry)
        _log_lookup(entry)

    def _load(self, dataset: Dataset, subdir: str = "") -> pd.DataFrame | None:
        if dataset.name not in self._cache:
            path = self.find(dataset.name, subdir, read=True)
            if path is None and dataset.optional:
                return None  # an optional data set nobody supplied: the chapter says what it lacks
            if path is None:
                raise DataError(self.shipped_dir / subdir / f"{dataset.name}.csv", "the data file is missing")
            ids = [] if dataset is SOURCES else self.sources()["source_id"]
            if dataset.name in limits.LARGE_DATASETS:  # millions of rows: DuckDB reads it (extract.py)
                frame = self._read_extract(path, dataset, ids)
            else:
                frame = read_table(path, limits.of(dataset.name), self._warn)
                frame = validate(frame, dataset.schema(ids), path)
                self._check_references(dataset, frame, path)
            self._cache[dataset.name] = frame
            self.used[dataset.name] = path
        return self._cache[dataset.name]

    def _read_extract(self, path: Path, dataset: Dataset, ids) -> extract.CaseExtract:
        self.progress(f"  reading {path.name} ({file_size(path) / 1e6:,.1f} MB) ...")
        started = time.perf_counter()
        cases = extract.read(path, dataset.schema(ids), limits.of(dataset.name), self._warn)
        how = (
            f"read and checked in {time.perf_counter() - started:.1f} s"
            if cases.fresh
            else "unchanged since it was last checked"
        )
        self.progress(f"  {path.name}: {cases.rows:,} cases, {how}")
        return cases

    def _warn(self, warning: DataError) -> None:
        if warning.line() not in self._warned:
            self._warned.add(warning.line())
            self.warnings.append(warning)

    def warning_lines(self, cap: int = 2 * PER_FILE) -> list[str]:
        """The warnings, one line each, at most `cap`, then how many more there are."""
        lines = [f"warning: {w.line()}" for w in self.warnings[:cap]]
        if len(self.warnings) > cap:
            lines.append(f"warning: … and {len(self.warnings) - cap} more files or sheets that are not read")
        return lines

    def _check_references(self, dataset: Dataset, frame: pd.DataFrame, path: Path) -> None:
        """A value that points into another file (an initiative number, say) must exist there."""
        problems = []
        for column, (other, other_column) in dataset.references.items():
            known = set(self.load(other)[other_column].dropna())
            problems += [
                DataError(
                    path,
                    f"'{value}' is not a {other_column} in {self.used[other].name}",
                    row=file_row(index),
                    column=column,
                )
                for index, value in frame[column].items()
                if not pd.isna(value) and value not in known
            ]
        if problems:
            raise DataError.of(problems)

    def sources(self) -> pd.DataFrame:
        """The source registry (sources/registry.csv). A user's registry adds to the shipped one
        (a row with a shipped id replaces that row), so the shipped files keep their sources."""
        if SOURCES.name not in self._cache:
            registry = self._load(SOURCES, "sources")
            shipped = self.shipped_dir / "sources" / f"{SOURCES.name}.csv"
            if self.used[SOURCES.name] != shipped and shipped.is_file():
                # An absolute path: the shipped registry is read too, whatever the user's folder holds.
                self._record(
                    {
                        "dataset": SOURCES.name,
                        "candidates": [str(shipped)],
                        "found": str(shipped),
                        "read": True,
                    }
                )
                base = validate(read_table(shipped), SOURCES.schema([]), shipped)
                self._cache[SOURCES.name] = pd.concat(
                    [base[~base["source_id"].isin(registry["source_id"])], registry], ignore_index=True
                )
        return self._cache[SOURCES.name]

    def load(self, name: str) -> pd.DataFrame | extract.CaseExtract | None:
        """A validated data table by name, e.g. "complaints"; None for an optional data set
        (e.g. "price_index") that neither the user's folder nor data/ holds. The case extract
        ("cases", millions of rows) is a `CaseExtract`: its typed Parquet copy, which calc.cases
        queries (`.frame()` gives it as a table)."""
        if name not in DATASETS:
            raise KeyError(f"unknown data set {name!r}; known: {', '.join(DATASETS)}")
        return self._load(DATASETS[name])

    def source_text(self, source_id: str) -> str:
        """The stored text of a source document (for quoting and checking quotes), after checking
        it is the text the registry pinned with its SHA-256."""
        entry = self.sources().set_index("source_id").loc[source_id]
        registry = self.used.get(SOURCES.name, self.shipped_dir / "sources" / f"{SOURCES.name}.csv")
        if not is_plain_file_name(entry["file"]):  # the schema refuses it too: never open such a path
            raise DataError(registry, _not_plain(entry["file"], source_id), column="file")
        found = self.lookup([f"sources/{entry['file']}"], read=True)
        if found is None:
            missing = self.shipped_dir / "sources" / str(entry["file"])
            raise DataError(missing, f"the text of source '{source_id}' is missing")
        _inside_sources(found, source_id)
        content = found.read_bytes()
        pinned = entry.get("sha256")
        if isinstance(pinned, str) and hashlib.sha256(content).hexdigest() != pinned:
            raise DataError(
                found,
                f"the text is not the one the registry pinned for source '{source_id}' (its SHA-256 "
                "differs): restore the text, or if it was changed on purpose, enter its new checksum "
                "in the column sha256 of sources/registry.csv",
            )
        self.texts[source_id] = found
        try:
            return content.decode("utf-8")
        except UnicodeDecodeError as error:
            line = content[: error.start].count(b"\n") + 1
            raise DataError(
                found,
                f"the text of source '{source_id}' is not UTF-8 text (line {line} holds a byte UTF-8 "
                "does not have): save it as UTF-8 text (and enter its new checksum in the registry)",
            ) from None

    def supplied(self, path: Path | None) -> bool:
        """Whether a file is the user's (in the folder given with --data), not the shipped data's."""
        return bool(path and self.user_dir and Path(path).is_relative_to(self.user_dir))

    def validate_all(self) -> dict[str, Path]:
        """Load every data set and check every registered source text and the quotes of the user's
        rows in the texts the user supplied. Every problem in every file is found in one run: one
        file's problems raise its DataError, several files' a DataErrors. Returns the files used
        (optional data sets that are absent are skipped)."""
        errors: list[DataError] = []

        def attempt(check) -> None:
            try:
                check()
            except DataError as error:
                for one in error.errors if isinstance(error, DataErrors) else [error]:
                    if all(one.path != e.path for e in errors):  # another file's problem, once
                        errors.append(one)

        attempt(self.sources)
        registry_ok = SOURCES.name in self._cache
        if not registry_ok:  # the user's registry is broken: check the rest without it
            self._cache[SOURCES.name] = self._fallback_registry()
        attempt(lambda: self._survey(self.sources()["file"].dropna() if registry_ok else None))
        for name in DATASETS:
            attempt(lambda name=name: self.load(name))
        registry = self.sources()
        for source_id in registry.loc[registry["file"].notna(), "source_id"] if registry_ok else []:
            attempt(lambda source_id=source_id: self.source_text(source_id))
        for name in list(self.used):
            attempt(lambda name=name: self._check_quotes(name))
        if errors:
            raise errors[0] if len(errors) == 1 else DataErrors(errors)
        return dict(self.used)

    def _survey(self, texts) -> None:
        """Every file in the user's folder is read, or reported (see inventory.py): errors raise,
        warnings are kept in `warnings`."""
        if self.user_dir is None:
            return
        errors, warnings = inventory.survey(self.user_dir, texts)
        for warning in warnings:
            self._warn(warning)
        if errors:
            raise errors[0] if len(errors) == 1 else DataErrors(errors)

    def _fallback_registry(self) -> pd.DataFrame:
        """The shipped registry and the ids of the user's (broken) one, so that the other files'
        source ids are checked against what the user meant rather than failing with it."""
        shipped = self.shipped_dir / "sources" / f"{SOURCES.name}.csv"
        base = validate(read_table(shipped), SOURCES.schema([]), shipped) if shipped.is_file() else None
        try:
            user = read_table(self.find(SOURCES.name, "sources"))[["source_id"]].dropna()
        except (DataError, KeyError, TypeError):
            user = pd.DataFrame({"source_id": []})
        every = pd.concat([base, user.astype(pd.StringDtype())], ignore_index=True)
        return every.drop_duplicates("source_id")

    def _check_quotes(self, name: str) -> None:
        """In a file of the user's, a stated row whose source text the user supplied must quote it
        verbatim: its `quote` stands in the text, spacing aside (runs of spaces, tabs and line
        breaks count as one space); text left out is marked with "…" and the parts stand in order."""
        path, frame = self.used[name], self._cache.get(name)
        if not isinstance(frame, pd.DataFrame) or not self.supplied(path):
            return  # a case extract quotes nothing
        if not {"kind", "quote", "source_id"} <= set(frame):
            return
        files = self.sources().set_index("source_id")["file"]
        texts = {
            i: self.source_text(i)
            for i in set(frame["source_id"].dropna())
            if self.supplied(self.texts.get(i))
        }
        problems = []
        for index, row in frame[frame["kind"] == "stated"].iterrows():
            source_id = row["source_id"]
            if source_id not in texts or is_verbatim(row["quote"], texts[source_id]):
                continue
            problems.append(
                DataError(
                    path,
                    f"the quote does not stand verbatim in the text of source '{source_id}' "
                    f"(sources/{files[source_id]}): copy the sentence exactly from the text (spacing "
                    "may differ; mark text left out with …), or set kind to user-supplied",
                    row=file_row(index),
                    column="quote",
                )
            )
        if problems:
            raise DataError.of(problems)


def _not_plain(name, source_id: str) -> str:
    return (
        f"{shown(name)} (the text of source '{source_id}') is not a plain file name: put the text in "
        "sources/ and write its name, e.g. notat-2019.txt"
    )


def _inside_sources(found: Path, source_id: str) -> None:
    """A source text must lie in the sources/ folder it was found in, also once links are followed
    (a link to /etc/passwd is no source text): the book never reads, nor publishes, a file elsewhere."""
    sources = found.parent.parent.resolve() / "sources"  # found is FOLDER/sources/NAME
    if not found.resolve().is_relative_to(sources):
        raise DataError(
            found,
            f"the text of source '{source_id}' lies outside the folder sources/ (it is a link to "
            "another place): copy the text itself into sources/",
        )


def _spaced(text: str) -> str:
    return " ".join(text.split())


def is_verbatim(quote: str, text: str) -> bool:
    """Whether a quote stands in a text, spacing aside; "…" leaves text out (the parts in order)."""
    text, position = _spaced(text), 0
    for part in (_spaced(p) for p in str(quote).split("…")):
        position = text.find(part, position)
        if position < 0:
            return False
        position += len(part)
    return True
