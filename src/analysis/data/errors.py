"""Turning what is wrong with a data file into lines a user can act on: one per problem, naming
the file, row and column and how to fix it."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

# Row-level rules that span several columns are pandera DataFrame checks; their error text
# carries the column to blame as "column|message" (see schemas.columns.row_rule).
RULE_SEPARATOR = "|"
PER_FILE = 10  # problems listed per file in one report; the rest are counted
# A check's message that begins with this names the cell's value there ("'…' is not a web address"
# becomes "'javascript:x' is not a web address"); the data dictionary shows it as it is.
VALUE = "'…'"


class DataError(Exception):
    """A problem with an input file, phrased for the person who maintains the data."""

    def __init__(
        self, path: Path | str, message: str, row: int | None = None, column: str | None = None, more: int = 0
    ):
        self.path, self.row, self.column, self.message, self.more = str(path), row, column, message, more
        self.problems: list[DataError] = [self]  # every problem found in the file, this one first
        super().__init__(self.line())

    @classmethod
    def of(cls, problems: list[DataError]) -> DataError:
        """The first of a file's problems, counting and keeping the rest (see `lines`)."""
        first = problems[0]
        error = cls(first.path, first.message, row=first.row, column=first.column, more=len(problems) - 1)
        error.problems = [error, *problems[1:]]
        return error

    def lines(self, cap: int = PER_FILE) -> list[str]:
        """Every problem in the file on its own line, at most `cap`, then how many more there are."""
        shown = [p.line_alone() for p in self.problems[:cap]]
        rest = len(self.problems) - cap
        if rest > 0:
            shown.append(f"… and {rest} more problem{'s' if rest > 1 else ''} in {self.path}")
        return shown

    def line_alone(self) -> str:
        """The problem's line without the count of the file's other problems."""
        where = [self.path]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        return f"{', '.join(where)}: {self.message}"

    def line(self) -> str:
        text = self.line_alone()
        if self.more:
            text += f" (and {self.more} more problem{'s' if self.more > 1 else ''} in this file)"
        return text


def file_row(index) -> int | None:
    """Spreadsheet row of a data row: row 1 holds the headers, so data row 0 is row 2."""
    return None if index is None or pd.isna(index) else int(index) + 2


class DataErrors(DataError):
    """Problems in several files, found in one run: each file's `DataError` with all its problems."""

    def __init__(self, errors: list[DataError], cap: int = PER_FILE):
        self.errors, self.cap = errors, cap
        first = errors[0]
        super().__init__(first.path, first.message, row=first.row, column=first.column, more=first.more)
        self.problems = [p for e in errors for p in e.problems]

    def lines(self, cap: int | None = None) -> list[str]:
        """Every file's problems (at most `cap` each), and with several files a count of them all."""
        shown = [line for error in self.errors for line in error.lines(cap or self.cap)]
        if len(self.errors) > 1:
            shown.append(f"{len(self.problems)} problems in {len(self.errors)} files")
        return shown

    def line(self) -> str:
        return "\n".join(self.lines())


def from_failure_cases(path: Path, cases: pd.DataFrame, key: list[str] | None = None) -> DataError:
    """pandera's failure cases as a DataError: the first, with every other one kept and counted.

    `key` is the schema's unique key: a repeated key is one problem, reported on all its columns.
    """
    return DataError.of(failure_problems(path, cases, key))


def failure_problems(path: Path, cases: pd.DataFrame, key: list[str] | None = None) -> list[DataError]:
    """Each of pandera's failure cases as a DataError, in the order a person reads the file."""
    problems = []
    for case in cases.itertuples(index=False):
        check = str(case.check)
        column = None if pd.isna(case.column) else str(case.column)
        if RULE_SEPARATOR in check:  # a cross-column rule names its own column
            column, message = check.split(RULE_SEPARATOR, 1)
        else:
            message = _describe(check, case.failure_case)
        if "uniqueness" in check and key:
            column = "' + '".join(key)
        # A cell's own rule (its format, its range) is reported before a rule that spans several
        # columns: a malformed date must not be blamed on the column it is compared with.
        problems.append((file_row(case.index), RULE_SEPARATOR in check, column, message))
    problems = sorted(set(problems), key=lambda p: (p[0] or 0, p[1], p[2] or "", p[3]))
    return [DataError(path, message, row=row, column=column) for row, _, column, message in problems]


def _describe(check: str, value) -> str:
    """pandera's built-in check names, said plainly."""
    if check == "column_in_dataframe":
        return f"the column '{value}' is missing: add it to the header row"
    if check == "column_in_schema":
        return f"unknown column '{value}': remove it or fix its spelling"
    if check.startswith("field_uniqueness") or check.startswith("multiple_fields_uniqueness"):
        return "this row repeats a key that an earlier row already has: each key may appear once"
    if check == "not_nullable":
        return "the cell is empty but a value is required"
    if check.startswith("coerce_dtype") or check.startswith("dtype"):
        return f"'{value}' has the wrong type ({check})"
    if check.startswith(VALUE):  # a message that names the value first: '…' stands for it
        return shown(value) + check[len(VALUE) :]
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{check} (got {value!r})"


def shown(value, width: int = 60) -> str:
    """A cell's value quoted for a message: on one line, control characters written as escapes
    (\\t, \\u202e), and cut to `width` characters with "…" (a hostile cell must not flood the terminal)."""
    text = str(value)
    text = text if len(text) <= width else text[: width - 1] + "…"
    return repr(text)
