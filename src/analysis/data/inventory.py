"""What a user's data folder holds. Every file in it and in its sources/ is a data set of the
contract (`name.csv` or `name.xlsx`), the source registry, a source text the registry names, or
it is reported: as an error where the user surely meant a data file (a wrong case, another
spreadsheet format, a misspelt name, a data set given twice, a link out of the folder), as a
warning otherwise (a README, an Excel lock file). Nothing is silently ignored, and nothing outside
the folder is read through a link."""

from __future__ import annotations

import difflib
import stat
from collections.abc import Iterable
from pathlib import Path

from . import limits
from .errors import DataError
from .schemas import DATASETS, SOURCES

DATA_SUFFIXES = (".csv", ".xlsx")
# A case extract may also be Parquet (millions of rows; see extract.py); no other data set may.
LARGE_SUFFIXES = (".parquet",)


def suffixes(dataset: str) -> tuple[str, ...]:
    """The forms a data set's file may take: CSV first (the templates' form)."""
    return (*DATA_SUFFIXES, *LARGE_SUFFIXES) if dataset in limits.LARGE_DATASETS else DATA_SUFFIXES


# Spreadsheet formats a user may save by mistake; the book reads none of them.
SPREADSHEETS = {".xls", ".xlsm", ".xlsb", ".xltx", ".xltm", ".ods", ".numbers", ".tsv"}
SOURCES_DIR = "sources"
NOT_READ = "this file is not read"
WHERE_NAMES_ARE = (
    "the data sets' names are on the book's page Dataordbog, and `python -m analysis init-data DIR` "
    "writes a template of each"
)


def leaves(path: Path, root: Path) -> bool:
    """Whether `path` (a link, or inside a linked folder) resolves to a place outside `root`."""
    return not Path(path).resolve().is_relative_to(Path(root).resolve())


def link_leaving(path: Path, root: Path) -> DataError | None:
    """The error for the first part of `path` (a file in `root`, or a folder on the way to it)
    that is a link leading out of `root`; None if the path stays inside."""
    inside = Path(path).relative_to(root)
    for depth in range(1, len(inside.parts) + 1):
        part = Path(root).joinpath(*inside.parts[:depth])
        if leaves(part, root):
            return link_out(part)
    return None


def survey(folder: Path, texts: Iterable[str] | None) -> tuple[list[DataError], list[DataError]]:
    """The errors and the warnings about the files in a user's data folder. `texts` are the file
    names the source registry lists (None if the registry cannot be read: sources/ is then only
    checked for links and the registry's own name)."""
    errors: list[DataError] = []
    warnings: list[DataError] = []
    for entry in _entries(folder):
        if leaves(entry, folder):
            errors.append(link_out(entry))
        elif entry.name == SOURCES_DIR and entry.is_dir():
            found = _survey_sources(entry, folder, texts)
            errors += found[0]
            warnings += found[1]
        else:
            _sort(_top_level(entry), entry, errors, warnings)
    errors += _twice(folder, DATASETS)
    return errors, warnings


def _survey_sources(
    sources: Path, root: Path, texts: Iterable[str] | None
) -> tuple[list[DataError], list[DataError]]:
    errors: list[DataError] = []
    warnings: list[DataError] = []
    known = None if texts is None else {str(t) for t in texts}
    for entry in _entries(sources):
        if leaves(entry, root) and entry.name not in (known or ()):  # a text: source_text names it
            errors.append(link_out(entry))
        else:
            _sort(_in_sources(entry, known), entry, errors, warnings)
    errors += _twice(sources, [SOURCES.name])
    return errors, warnings


def _entries(folder: Path) -> list[Path]:
    try:
        return sorted(folder.iterdir())
    except PermissionError:
        raise DataError(folder, "the folder cannot be read (permission denied): allow reading it") from None


def _sort(verdict: tuple[str, str] | None, entry: Path, errors: list, warnings: list) -> None:
    if verdict is not None:
        kind, message = verdict
        (errors if kind == "error" else warnings).append(DataError(entry, message))


def link_out(entry: Path) -> DataError:
    what = "folder" if entry.is_dir() else "file"
    return DataError(
        entry, f"is a link to a {what} outside the data folder: copy the {what} itself into the data folder"
    )


def _top_level(entry: Path) -> tuple[str, str] | None:
    """("error" | "warning", message) for a file the book would not read as it is; None if it does."""
    name, stem, suffix = entry.name, Path(entry.name).stem, Path(entry.name).suffix
    if entry.is_dir():
        if name.lower() == SOURCES_DIR:
            return "error", f"rename the folder to {SOURCES_DIR} (lower case): the book reads only that name"
        if suffix.lower() in DATA_SUFFIXES and stem.lower() in DATASETS:
            return "error", "this is a folder, not a data file: put the file itself here"
        return "warning", "this folder is not read (only the data files and sources/ are)"
    if _system_file(name):
        return "warning", f"{NOT_READ} (an Excel lock file or a file the system keeps)"
    if not entry.is_file():
        return "error", "is not a regular file: put the data file itself here"
    if suffix.lower() in (*DATA_SUFFIXES, *LARGE_SUFFIXES) or suffix.lower() in SPREADSHEETS:
        return _data_name(stem, suffix, DATASETS, registry=True)
    return "warning", f"{NOT_READ} (the book reads the data sets' .csv or .xlsx files and sources/)"


def _data_name(
    stem: str, suffix: str, names: Iterable[str], registry: bool = False
) -> tuple[str, str] | None:
    """The verdict on a spreadsheet's name among the data sets `names`; `registry`: the folder is
    the data folder itself, where a registry is misplaced (it belongs in sources/)."""
    names = list(names)
    if suffix.lower() in SPREADSHEETS:
        target = stem.lower() if stem.lower() in names else stem
        return "error", (
            f"the book does not read {suffix} files: save it as Excel Workbook (.xlsx) or CSV UTF-8 "
            f"({target}.xlsx or {target}.csv)"
        )
    if stem in names and suffix in DATA_SUFFIXES:
        return None
    if stem in names and suffix in LARGE_SUFFIXES:
        if stem in limits.LARGE_DATASETS:
            return None
        return "error", f"only a case extract may be Parquet: save {stem} as {stem}.csv or {stem}.xlsx"
    if stem.lower() in names:
        return "error", f"rename it to {stem.lower()}{suffix.lower()} (names are in lower case)"
    if registry and stem.lower() == SOURCES.name:
        return "error", f"the source registry belongs in {SOURCES_DIR}/: move it there"
    close = difflib.get_close_matches(stem.lower().replace(" ", "_"), names, n=1, cutoff=0.6)
    if close:
        return "error", (
            f"no data set is named '{stem}': rename it to {close[0]}{suffix.lower()} if it holds that "
            "data, or move it out of the folder"
        )
    return "error", f"no data set is named '{stem}': {WHERE_NAMES_ARE}; rename the file or move it out"


def _in_sources(entry: Path, texts: set[str] | None) -> tuple[str, str] | None:
    name, stem, suffix = entry.name, Path(entry.name).stem, Path(entry.name).suffix
    if entry.is_dir():
        return "warning", "this folder is not read (source texts lie directly in sources/)"
    if texts is not None and name in texts:
        return _text_size(entry)
    if _system_file(name):
        return "warning", f"{NOT_READ} (an Excel lock file or a file the system keeps)"
    if not entry.is_file():
        return "error", "is not a regular file: put the source text itself here"
    if stem in DATASETS:
        return "error", "a data set belongs in the data folder itself, not in sources/: move it up"
    if stem.lower() == SOURCES.name:
        return _data_name(stem, suffix, [SOURCES.name])
    wrong_case = [t for t in texts or () if t.lower() == name.lower()]
    if wrong_case:
        return "error", f"rename it to {wrong_case[0]}, the name sources/registry.csv gives it"
    if texts is None:
        return None  # the registry cannot be read (and is reported): nothing to judge by
    return "warning", f"{NOT_READ} (no row of sources/registry names it in the column file)"


def _text_size(entry: Path) -> tuple[str, str] | None:
    size = entry.stat().st_size
    if size > limits.MAX_TEXT_BYTES:
        return "error", (
            f"the source text is {limits.amount(size)}, more than the {limits.amount(limits.MAX_TEXT_BYTES)} "
            "a source text may be: store only the document's text"
        )
    return None


def _system_file(name: str) -> bool:
    """Excel's lock files (~$name.xlsx), LibreOffice's (.~lock.name#), .DS_Store, Thumbs.db."""
    return name.startswith(("~$", ".")) or name.lower() in {"thumbs.db", "desktop.ini"}


def _twice(folder: Path, names: Iterable[str]) -> list[DataError]:
    """A data set given in two files (CSV, .xlsx, Parquet): the book would read one, ignore the other."""
    found = []
    for name in names:
        files = [
            f"{name}{suffix}"
            for suffix in (*DATA_SUFFIXES, *LARGE_SUFFIXES)
            if _regular(folder / f"{name}{suffix}")
        ]
        if len(files) > 1:
            found.append(
                DataError(
                    folder / files[-1],
                    f"{' and '.join(files)} both hold the data set {name}: "
                    "keep one (delete or move the other)",
                )
            )
    return found


def _regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False
