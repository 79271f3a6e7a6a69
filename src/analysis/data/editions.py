"""Reading an edition's files back: the numbers ledger a build writes next to the HTML (every
number the book shows, see present/ledger.py) and the stamp of what the edition was built from.
`python -m analysis diff` and the page on what changed read them; a file that is no ledger is
refused in one line that says what to give instead."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from analysis.data.errors import DataError

LEDGER = "ledger.json"  # every number of the book, with its key and provenance
LEDGER_CSV = "ledger.csv"  # the same, for a spreadsheet
STAMP = "udgave.json"  # what the edition was built from
PREVIOUS = "ledger-previous.json"  # the ledger of the edition this one replaced
EDITION_FILES = (LEDGER, LEDGER_CSV, STAMP, PREVIOUS)
FORMAT = 1  # the ledger's format; a later one is refused rather than misread
# An entry's fields, in the CSV's column order; the lists are written joined by LIST_SEPARATOR.
COLUMNS = ("chapter", "key", "kind", "value", "shown", "source_kind", "sources", "quotes", "formulas")
COLUMNS += ("user", "file", "row")
LISTS = ("sources", "quotes", "formulas")
LIST_SEPARATOR = " ; "
REQUIRED = ("chapter", "key", "kind", "value", "shown")
HOW_TO = "give a ledger.json a build wrote, or the folder of a built book (its html or build folder)"


def ledger_file(path: Path) -> Path:
    """The ledger of a built book given as the ledger itself, the book's html folder or the build
    folder that holds html/."""
    path = Path(path)
    for candidate in (path, path / LEDGER, path / "html" / LEDGER):
        if candidate.is_file():
            return candidate
    raise DataError(path, f"no numbers ledger here: {HOW_TO}")


def read_ledger(path: Path) -> pd.DataFrame:
    """The entries of a ledger (a file or a book's folder), one row each; a DataError in one line
    for anything that is not a ledger this version can read."""
    path = ledger_file(path)
    try:
        content = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise DataError(path, f"not a numbers ledger ({error.__class__.__name__}): {HOW_TO}") from None
    if not isinstance(content, dict) or not isinstance(content.get("entries"), list):
        raise DataError(path, f"not a numbers ledger (no list of entries): {HOW_TO}")
    if content.get("format") != FORMAT:
        raise DataError(
            path,
            f"a ledger of format {content.get('format')!r}, this version reads format {FORMAT}: {HOW_TO}",
        )
    for number, entry in enumerate(content["entries"], start=1):
        lacking = [f for f in REQUIRED if not isinstance(entry, dict) or f not in entry]
        if lacking:
            raise DataError(path, f"entry {number} lacks {', '.join(lacking)}: {HOW_TO}")
    frame = pd.DataFrame(content["entries"], columns=list(COLUMNS))
    duplicated = frame.duplicated(["chapter", "key"])
    if duplicated.any():
        first = frame[duplicated].iloc[0]
        raise DataError(path, f"the key {first['key']!r} of {first['chapter']} appears twice: {HOW_TO}")
    return frame


def read_stamp(folder: Path) -> dict | None:
    """The stamp of a built book's folder (None where it has none or it is unreadable)."""
    try:
        return json.loads((Path(folder) / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
