"""The preflight: what every chapter needs of the data and the parameters, checked once the data
files validate and before any notebook runs (by `validate` and by `build`).

Each chapter module has `problems(data, **parameters)` beside its `compute`: the rules its
computation relies on that no schema can see (a claim's check that exists and the rows it reads,
no 0 a change is reckoned in per cent of, years and types the data has, dates that are dates,
a first year not after a last). A problem with a data row names the file, row and column; a
problem with a parameter names the chapter and the parameter. Every problem is one line, exit
code 2, as for a data file that does not validate.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from analysis.build.parameters import ParameterError
from analysis.data import DataError, DataFolder
from analysis.data.errors import DataErrors
from analysis.notebooks import RESERVED, chapter_notebooks, declared


class Problems(ParameterError):
    """What the chapters would fail on: problems with data rows (by file) and with parameters."""

    def __init__(self, data: list[DataError], parameters: list[str]):
        self.data, self.parameters = data, parameters
        super().__init__("\n".join(self.lines()))

    def lines(self) -> list[str]:
        return (DataErrors(self.data).lines() if self.data else []) + self.parameters


def chapter_parameters(notebook: Path, given: dict) -> dict:
    """The parameters a chapter computes with: its defaults, overridden by those given."""
    defaults = {name: p.default for name, p in declared(notebook).items() if name not in RESERVED}
    return defaults | {name: value for name, value in given.items() if name not in RESERVED}


def _chapter_problems(notebook: Path, folder: DataFolder, given: dict) -> list[DataError | str]:
    """One chapter's problems; where checking them fails itself, that failure as one line (the
    notebook would fail the same way, later and with a traceback)."""
    chapter = importlib.import_module(f"analysis.chapters.{notebook.stem}")
    try:
        return chapter.problems(folder, **chapter_parameters(notebook, given))
    except Exception as error:  # noqa: BLE001 (one line, never a traceback)
        return [f"the data cannot be checked for this chapter ({type(error).__name__}: {error})"]


def problems(folder: DataFolder, given: dict[Path, dict] | None = None) -> tuple[list[DataError], list[str]]:
    """Every chapter's problems with this data folder and these parameters (per notebook, as
    `parameters.resolve` gives them); the same problem found by two chapters is listed once."""
    data: dict[str, DataError] = {}
    parameters: dict[str, None] = {}
    for notebook in chapter_notebooks():
        for problem in _chapter_problems(notebook, folder, (given or {}).get(notebook, {})):
            if isinstance(problem, DataError):
                data.setdefault(problem.line_alone(), problem)
            else:
                parameters.setdefault(f"chapter '{notebook.stem}': {problem}")
    by_file: dict[str, list[DataError]] = {}
    for problem in sorted(data.values(), key=lambda p: (p.path, p.row or 0)):
        by_file.setdefault(problem.path, []).append(problem)
    return [DataError.of(found) for found in by_file.values()], list(parameters)


def check(folder: DataFolder, given: dict[Path, dict] | None = None) -> None:
    """Raise `Problems` (one line each) if any chapter would fail on this folder and parameters."""
    data, parameters = problems(folder, given)
    if data or parameters:
        raise Problems(data, parameters)
