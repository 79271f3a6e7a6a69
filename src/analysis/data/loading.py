"""Reading data files (CSV or Excel), parsing Danish numbers, validating against the schemas.

A `DataFolder` is what chapters load from: the user's folder first, then the shipped `data/`,
file by file, and it remembers which file each table came from so the book can say so.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import zipfile
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from analysis.paths import DATA_DIR

from .errors import DataError, file_row, from_failure_cases
from .numbers import parse_numbers
from .schemas import DATASETS, SOURCES, Dataset
from .schemas.columns import PRICE_LEVEL

SUFFIXES = (".csv", ".xlsx")
# When set (by the build, for one notebook), every file lookup is appended to this file as a JSON
# line: the build's cache then knows exactly which files a chapter read, and re-runs it when one changes.
READ_LOG = "ANALYSIS_READ_LOG"


def read_table(path: Path) -> pd.DataFrame:
    """All cells as text (None where empty), headers from the first row."""
    if path.suffix == ".xlsx":
        try:
            frame = pd.read_excel(path, dtype=str, keep_default_na=False, engine="openpyxl")
        except (zipfile.BadZipFile, KeyError, ValueError) as error:  # not a workbook, or no sheet
            raise DataError(
                path,
                f"the file is not an Excel workbook (.xlsx) that can be read ({error}): "
                "save it from Excel as 'Excel Workbook' or as 'CSV UTF-8'",
            ) from None
    else:
        try:
            first_line = path.read_text(encoding="utf-8-sig").split("\n", 1)[0]
        except UnicodeDecodeError:
            raise DataError(path, "the file is not UTF-8 text: save it as 'CSV UTF-8'") from None
        if not first_line.strip():
            raise DataError(path, "the file is empty: it needs a header row and at least one row of data")
        separator = ";" if first_line.count(";") > first_line.count(",") else ","
        try:
            # header=None: the header row fixes the width, so a row with extra cells is an error
            # (with a header, pandas would quietly turn the extra cells into an index).
            cells = pd.read_csv(
                path, header=None, dtype=str, keep_default_na=False, sep=separator, encoding="utf-8-sig"
            )
        except pd.errors.ParserError as error:  # e.g. "Expected 7 fields in line 5, saw 8"
            found = re.search(r"line (\d+), saw (\d+)", str(error))
            row = int(found.group(1)) if found else None
            raise DataError(
                path,
                "this row has more cells than the header: put text holding the "
                f"separator '{separator}' in double quotes",
                row=row,
            ) from None
        frame = cells.iloc[1:].reset_index(drop=True).set_axis(list(cells.iloc[0]), axis=1)
    if frame.empty:
        raise DataError(path, "the file has no rows of data below its header row")
    # A row whose first cell starts with "#" is a comment (templates carry a commented example);
    # the index is kept, so error messages still give the row's number in the file.
    comment = frame.iloc[:, 0].fillna("").astype(str).str.lstrip().str.startswith("#")
    if comment.all():
        raise DataError(
            path,
            "the file holds only commented rows (starting with '#'): fill in at least "
            "one row of data, or delete the file to use the shipped data",
        )
    frame = frame[~comment]
    frame.columns = [str(c).strip() for c in frame.columns]
    frame = frame.astype(object).apply(lambda col: col.str.strip())
    return frame.where(frame != "", None)


def _log_lookup(entry: dict) -> None:
    log = os.environ.get(READ_LOG)
    if log:
        with open(log, "a", encoding="utf-8") as out:
            out.write(json.dumps(entry) + "\n")


def _numeric_kind(column: pa.Column) -> str | None:
    name = str(column.dtype)
    return "int" if name.lower().startswith("int") else "float" if name.startswith("float") else None


def coerce(frame: pd.DataFrame, schema: pa.DataFrameSchema, path: Path) -> pd.DataFrame:
    """Text cells to the schema's types, with a row-and-column message for a cell that is no number."""
    frame = frame.copy()
    for name, column in schema.columns.items():
        if name not in frame.columns:
            continue  # the schema reports the missing column
        kind = _numeric_kind(column)
        if kind is None:
            frame[name] = frame[name].astype(pd.StringDtype())
            continue
        price_level = (column.metadata or {}).get(PRICE_LEVEL)
        raw = frame[name]
        if price_level:  # "2021 p/l" is the price level 2021
            raw = raw.str.replace(r"\s*p/l\s*$", "", case=False, regex=True)
        values, bad = parse_numbers(raw)
        if kind == "int":
            bad = bad | (values % 1 > 0)
        if bad.any():  # the first bad cell of the column, as a person reading the file finds it
            index = bad.idxmax()
            raw = frame.at[index, name]
            message = (
                f"'{raw}' is not a price level: write it like 2021 or '2021 p/l'"
                if price_level
                else f"'{raw}' must be a whole number"
                if values.notna()[index]
                else f"'{raw}' is not a number: write it like 1564, 1.564 or 4,30"
            )
            raise DataError(path, message, row=file_row(index), column=name)
        frame[name] = values.astype("Int64") if kind == "int" else values
    return frame


def validate(frame: pd.DataFrame, schema: pa.DataFrameSchema, path: Path) -> pd.DataFrame:
    try:
        return schema.validate(coerce(frame, schema, path), lazy=True)
    except pa.errors.SchemaErrors as errors:
        raise from_failure_cases(path, errors.failure_cases, schema.unique) from None


class DataFolder:
    """The data a build uses: files in `user_dir` where present, the shipped data otherwise."""

    def __init__(self, user_dir: Path | str | None = None, shipped_dir: Path = DATA_DIR):
        self.user_dir = Path(user_dir) if user_dir else None
        if self.user_dir and not self.user_dir.is_dir():
            raise DataError(self.user_dir, "the data folder does not exist")
        self.shipped_dir = Path(shipped_dir)
        self.used: dict[str, Path] = {}  # the file each data set was read from
        self.lookups: list[dict] = []  # every lookup, as the build's cache records it (see READ_LOG)
        self._cache: dict[str, pd.DataFrame] = {}

    def find(self, name: str, subdir: str = "", read: bool = False) -> Path | None:
        """The file a data set is read from (the user's first), or None if there is none.
        `read`: the caller reads the file's content (not only where it is)."""
        return self.lookup([str(Path(subdir) / f"{name}{suffix}") for suffix in SUFFIXES], read, name)

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
            frame = validate(read_table(path), dataset.schema(ids), path)
            self._check_references(dataset, frame, path)
            self._cache[dataset.name] = frame
            self.used[dataset.name] = path
        return self._cache[dataset.name]

    def _check_references(self, dataset: Dataset, frame: pd.DataFrame, path: Path) -> None:
        """A value that points into another file (an initiative number, say) must exist there."""
        for column, (other, other_column) in dataset.references.items():
            known = set(self.load(other)[other_column].dropna())
            for index, value in frame[column].items():
                if not pd.isna(value) and value not in known:
                    raise DataError(
                        path,
                        f"'{value}' is not a {other_column} in {self.used[other].name}",
                        row=file_row(index),
                        column=column,
                    )

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

    def load(self, name: str) -> pd.DataFrame | None:
        """A validated data table by name, e.g. "complaints"; None for an optional data set
        (e.g. "price_index") that neither the user's folder nor data/ holds."""
        if name not in DATASETS:
            raise KeyError(f"unknown data set {name!r}; known: {', '.join(DATASETS)}")
        return self._load(DATASETS[name])

    def source_text(self, source_id: str) -> str:
        """The stored text of a source document (for quoting and checking quotes), after checking
        it is the text the registry pinned with its SHA-256."""
        entry = self.sources().set_index("source_id").loc[source_id]
        found = self.lookup([f"sources/{entry['file']}"], read=True)
        if found is None:
            missing = self.shipped_dir / "sources" / str(entry["file"])
            raise DataError(missing, f"the text of source '{source_id}' is missing")
        content = found.read_bytes()
        pinned = entry.get("sha256")
        if isinstance(pinned, str) and hashlib.sha256(content).hexdigest() != pinned:
            raise DataError(
                found,
                f"the text is not the one the registry pinned for source '{source_id}' (its SHA-256 "
                "differs): restore the text, or if it was changed on purpose, enter its new checksum "
                "in the column sha256 of sources/registry.csv",
            )
        return content.decode("utf-8")

    def validate_all(self) -> dict[str, Path]:
        """Load every data set once, raising the first problem found; returns the files used
        (optional data sets that are absent are skipped)."""
        registry = self.sources()
        for name in DATASETS:
            self.load(name)
        for source_id in registry.loc[registry["file"].notna(), "source_id"]:
            self.source_text(source_id)  # every registered text is there and is the pinned one
        return dict(self.used)
