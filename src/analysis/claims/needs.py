"""What the book's computations need of the data and the parameters beyond what the schemas
check: a count a change is reckoned in per cent of is not 0, years and dates a chapter is asked
for are years and dates, a first year is not after a last. Each chapter's `problems` (and the
claims register's checks) use these, and the build runs them before any notebook (see
build/preflight.py), so a folder that validates is one every chapter can compute.

A problem with a data row is a DataError naming its file, row and column; a problem with a
parameter is a line of text naming the parameter.
"""

from __future__ import annotations

import datetime as dt
import re

from analysis.data import DataError, DataFolder
from analysis.data.errors import file_row

FIRST_YEAR, LAST_YEAR = 1900, 2100  # as the schemas bound a year
ZERO_BASE = (
    "this {column} is the base of a change in per cent (the book divides by it), and no change is "
    "a percentage of 0: correct it, or leave the cell empty if the number is not known"
)


class ZeroBase(ValueError):
    """A computation would divide by a value of 0 in a data row: `error` names the row."""

    def __init__(self, error: DataError):
        self.error = error
        super().__init__(error.line_alone())


def zero_base(data: DataFolder, dataset: str, index, column: str = "count") -> DataError:
    """The problem of a 0 in `column` of the data row `index` that a change is reckoned from."""
    return DataError(
        data.used.get(dataset, dataset), ZERO_BASE.format(column=column), row=file_row(index), column=column
    )


def zero_bases(data: DataFolder, dataset: str, rows, column: str = "count") -> list[DataError]:
    """The problems of each of these rows (data rows with their index) whose `column` is 0."""
    return [zero_base(data, dataset, index, column) for index, value in rows[column].items() if value == 0]


def years(**given: int) -> list[str]:
    """Each year parameter given (0 means "from the data") must be a year the data could hold."""
    return [
        f"parameter {name!r} is {value}: give a year between {FIRST_YEAR} and {LAST_YEAR}, or 0 to take "
        "it from the data"
        for name, value in given.items()
        if value and not FIRST_YEAR <= value <= LAST_YEAR
    ]


def order(first: tuple[str, int, int], last: tuple[str, int, int]) -> list[str]:
    """A first year after the last: each is (parameter, value given, value used)."""
    (first_name, first_given, first_used), (last_name, last_given, last_used) = first, last
    if first_used <= last_used:
        return []

    def said(name, given, used):
        return f"{name!r} ({used}{'' if given else ', from the data'})"

    after = f"{said(first_name, first_given, first_used)} is after {said(last_name, last_given, last_used)}"
    return [
        f"parameter {after}: choose {first_name} at or before {last_name}, or 0 for either to take it "
        "from the data"
    ]


DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def dates(**given: str | None) -> list[str]:
    """Each date parameter given (None: from the data) must be a date YYYY-MM-DD in 1900-2100."""
    found = []
    for name, value in given.items():
        if value is None:
            continue
        try:
            day = dt.date.fromisoformat(value) if DATE.match(str(value)) else None
        except ValueError:
            day = None
        if day is None:
            found.append(f"parameter {name!r} is {value!r}: write a date as YYYY-MM-DD, e.g. 2020-06-30")
        elif not FIRST_YEAR <= day.year <= LAST_YEAR:
            found.append(f"parameter {name!r} is {value}: give a date between {FIRST_YEAR} and {LAST_YEAR}")
    return found


def one_of(name: str, value, allowed, where: str = "") -> list[str]:
    """A parameter that must be one of `allowed` (e.g. the types a data file has)."""
    allowed = list(dict.fromkeys(allowed))
    if value in allowed:
        return []
    there = f" {where}" if where else ""
    return [f"parameter {name!r} is {value!r}, not one of{there}: {', '.join(map(str, allowed)) or 'none'}"]
