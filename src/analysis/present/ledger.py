"""The numbers ledger of a chapter: every number its page shows (the facts its prose states, its
tables' cells, its charts' values) and every verdict and status it states, each with a key that
stays the same when the data change, the value, how the page writes it and its provenance.

The page's own helpers note the entries as they draw (page.glue, tables.table, tables.csv_download);
the chapter's last cell hands them to the build (`handed_over`), which gathers every chapter's
ledger from the executed notebooks and compares editions (build/edition.py). Outside a build
(nbval, a reader running a notebook by hand) that cell shows nothing.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Callable, Iterable, Mapping
from numbers import Real

import pandas as pd

from analysis.data import parse_number
from analysis.facts import MISSING as NO_PROVENANCE
from analysis.facts import Fact, Provenance, of_row
from analysis.present import danish
from analysis.present.prose import QUANTITIES
from analysis.vocabulary import PROVENANCE

MIME = "application/vnd.budgetnote.ledger+json"
ENABLED = "ANALYSIS_LEDGER"  # set by the build for the notebooks it runs
KINDS = ("number", "verdict", "status")  # a quantity; a target met or not; a check's status
SEPARATOR = " | "

_entries: list[dict] = []
_tables: list[dict] = []  # every table as the page shows it, for the downloads (analysis.export)
UNREAD = object()  # a cell of a number column that holds words


def name_of(caption: str) -> str:
    """A table's name for its keys: its caption with every number as "#", so that a caption that
    names the years or the price level shown keeps its key when next year's data arrive."""
    return " ".join(re.sub(r"\d+(?:[.,]\d+)*", "#", caption).split())


def note(key: str, value, shown: str, provenance: Provenance | None = None, kind: str = "number") -> None:
    """Note one entry of the page being drawn (the chapter is named when it is handed over)."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind of ledger entry {kind!r}; known: {', '.join(KINDS)}")
    origin = provenance or NO_PROVENANCE
    _entries.append(
        {
            "key": key,
            "kind": kind,
            "value": _plain(value, kind),
            "shown": shown,
            "source_kind": origin.kind,
            "sources": list(origin.sources),
            "quotes": list(origin.quotes),
            "formulas": list(origin.formulas),
            "user": origin.user,
        }
    )


def _plain(value, kind: str):
    """A value as JSON keeps it: a number as a float, a verdict or status as text, missing as None."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if kind == "number":
        return float(value)
    return str(value)


def is_number(value) -> bool:
    return isinstance(value, Real) and not isinstance(value, bool)


def fact(key: str, fact: Fact, shown: str) -> None:
    """A fact the prose states: a number in a number's form, or a verdict. A sentence is not an
    entry: the numbers in it are facts of their own."""
    if fact.form == "verdict":
        note(f"fakta{SEPARATOR}{key}", shown, shown, fact.provenance, "verdict")
    elif fact.form in QUANTITIES and (fact.missing or is_number(fact.value)):
        note(f"fakta{SEPARATOR}{key}", fact.value, shown, fact.provenance)


def frame(
    section: str,
    name: str,
    rows: pd.DataFrame,
    key: Iterable[str] | pd.Series = (),
    shown: Mapping[str, Callable[[object], str]] | None = None,
    states: Mapping[str, str] | None = None,
    provenance: Iterable[Provenance] | None = None,
    numbers: pd.DataFrame | None = None,
    written: Iterable[str] = (),
) -> None:
    """Every number of a table or a chart's data: one entry per numeric cell, keyed by `section`
    (tabel, data), the table's `name`, the row's name and the column. A row's name is the values of
    its `key` columns (default: the first column), or its entry in `key` given as a Series.
    `states` names text columns that hold a verdict or a status (column -> kind). A row's
    provenance is its own columns kind, source_id, quote and formula, or `provenance`. A column
    the page shows as written text takes its numbers from `numbers` (same rows, same column
    names) or, if it is one of the `written` columns, from reading the Danish text back."""
    names = list(key) if isinstance(key, pd.Series) else None
    key = [] if names is not None else list(key) or list(rows.columns[:1])
    values = _numbers(rows, numbers, written, key)
    shown = {**{c: (lambda v: v) for c in written}, **(shown or {})}
    states = dict(states or {})
    origins = list(provenance) if provenance is not None else None
    has_own = set(PROVENANCE) <= set(rows.columns)
    seen: dict[str, int] = {}
    for i, row in enumerate(rows.to_dict("records")):
        row_key = _key_part(names[i]) if names is not None else SEPARATOR.join(_key_part(row[c]) for c in key)
        seen[row_key] = seen.get(row_key, 0) + 1
        if seen[row_key] > 1:  # two rows alike in their key: told apart by their order
            row_key += f" #{seen[row_key]}"
        origin = origins[i] if origins is not None else of_row(row) if has_own else None
        for column, column_values in values.items():
            value, write = column_values[i], shown.get(column, danish.plain)
            if value is UNREAD:
                continue
            text = _text(row[column]) if column in written else _text(write(row[column]))
            text = danish.MISSING if _plain(value, "number") is None else text
            note(SEPARATOR.join((section, name, row_key, str(column))), value, text, origin)
        for column, kind in states.items():
            note(
                SEPARATOR.join((section, name, row_key, str(column))),
                row[column],
                str(row[column]),
                origin,
                kind,
            )


def _numbers(rows: pd.DataFrame, numbers, written, key) -> dict[str, list]:
    """The numbers of each column that holds them, in row order."""
    found = {}
    for column in rows.columns:
        if column in key or column in PROVENANCE:
            continue
        if numbers is not None and column in numbers:
            found[column] = list(numbers[column])
        elif column in written:
            found[column] = [_read(text) for text in rows[column]]
        elif _is_numeric(rows[column]):
            found[column] = list(rows[column])
    return found


def _read(text):
    """A number as a table writes it ("1.564", "-3.000", "4,30", "81 pct."); None where the page says there is
    none ("ikke oplyst", blank); UNREAD for a cell that is no number ("28,7 pr. måned")."""
    plain = _text(text).removesuffix(" pct.")  # a share written as the book writes it: "81 pct."
    if plain in (danish.MISSING, "", "–"):
        return None
    try:
        return parse_number(plain)
    except ValueError:
        return UNREAD


def _key_part(value) -> str:
    if _plain(value, "text") is None:
        return "–"
    if is_number(value) and float(value).is_integer():
        return str(int(value))  # a year read as 2019.0 is the year 2019
    return " ".join(str(value).split())


def _text(written: str) -> str:
    """What a formatter wrote, without its markup (a table cell may be a link or bold)."""
    return " ".join(re.sub(r"<[^>]+>", "", str(written)).split())


def shown_table(
    table_id: str,
    caption: str,
    name: str,
    rows: pd.DataFrame,
    texts: pd.DataFrame,
    numeric: Iterable[str],
    numbers: pd.DataFrame | None = None,
    provenance: Iterable[Provenance] | None = None,
    bold: Iterable[bool] = (),
    indent: Iterable[int] = (),
    reproduces: str | None = None,
    notes: Iterable[str] = (),
) -> None:
    """A table as the page shows it, for its workbook and Word copies: each cell's value (a number
    in the unit its caption states, None where there is none, or text) and its text on the page
    (`texts`, the same frame written as the reader sees it). A column holds numbers if it is
    numeric or is named in `numeric`; its values come from `numbers` where given, else from the
    frame, else from reading its text back. `reproduces` names the source whose printed table
    this is (a budget note's cost table), so that it can be given back in the note's layout;
    `notes` are sentences the copies carry with it (a printed sum that is off)."""
    numeric = [c for c in rows.columns if c in set(numeric) or _is_numeric(rows[c])]
    values = _numbers(rows, numbers, [c for c in numeric if not _is_numeric(rows[c])], [])
    origins = list(provenance) if provenance is not None else None
    has_own = set(PROVENANCE) <= set(rows.columns)
    bold, indent = list(bold) or [False] * len(rows), list(indent) or [0] * len(rows)
    records = []
    for i, row in enumerate(rows.to_dict("records")):
        origin = origins[i] if origins is not None else of_row(row) if has_own else NO_PROVENANCE
        cells = []
        for j, column in enumerate(rows.columns):
            shown = str(texts.iat[i, j])
            read = column in values and values[column][i] is not UNREAD  # a number, or None
            cells.append({"value": _plain(values[column][i], "number") if read else shown, "shown": shown})
        records.append(
            {
                "cells": cells,
                "bold": bool(bold[i]),
                "indent": int(indent[i]),
                "user": bool(origin.user),
                "kind": origin.kind,
                "sources": list(origin.sources),
            }
        )
    _tables.append(
        {
            "id": table_id,
            "caption": caption,
            "name": name,
            "reproduces": reproduces,
            "notes": [str(note) for note in notes],
            "columns": [str(c) for c in rows.columns],
            "numeric": [c in values for c in rows.columns],
            "rows": records,
        }
    )


def _is_numeric(column: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column)


def tables() -> list[dict]:
    """The tables drawn so far (see shown_table)."""
    return list(_tables)


def entries(chapter: str) -> list[dict]:
    """The entries noted so far, each named with `chapter`. A key noted twice (two tables whose
    captions differ only in their numbers) is told apart by its order, as rows are."""
    seen: dict[str, int] = {}
    found = []
    for entry in _entries:
        seen[entry["key"]] = seen.get(entry["key"], 0) + 1
        key = entry["key"] + (f" #{seen[entry['key']]}" if seen[entry["key"]] > 1 else "")
        found.append({"chapter": chapter, **entry, "key": key})
    return found


def clear() -> None:
    _entries.clear()
    _tables.clear()


def handed_over(chapter: str):
    """The chapter's ledger as an output the build reads (its last cell); nothing outside a build."""
    found, shown = entries(chapter), [{"chapter": chapter, **t} for t in tables()]
    clear()
    if not os.environ.get(ENABLED):
        return None
    from IPython.display import display

    display({MIME: {"chapter": chapter, "entries": found, "tables": shown}}, raw=True)
    return None
