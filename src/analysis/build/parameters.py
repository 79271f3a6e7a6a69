"""Notebook parameters given on the command line (`-p NAME=VALUE`) or in a YAML file (`--params`).

A name applies to every chapter whose parameters cell declares it; `chapter.name` (the
notebook's file name without .ipynb) applies to one chapter only, for names that several
chapters share with different meanings (first_year, last_year). A name no chapter declares,
or a value of the wrong type, is an error: a typo must never be silently ignored.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from analysis.notebooks import RESERVED, Parameter, declared


class ParameterError(Exception):
    """A parameter the chapters do not declare, or a value they cannot take."""


def parse_assignment(text: str) -> tuple[str, str]:
    """ "last_year=2024" -> ("last_year", "2024"); the text is converted once the parameter's type
    is known."""
    name, sep, raw = text.partition("=")
    if not sep or not name.strip():
        raise ParameterError(f"-p {text!r}: write it as NAME=VALUE, e.g. -p last_year=2024")
    return name.strip(), raw.strip()


def read_file(path: Path) -> dict[str, object]:
    """A YAML file of parameters: `name: value`, or `chapter: {name: value}` for one chapter."""
    try:
        loaded = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ParameterError(f"{path}: the parameters file does not exist") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f", line {mark.line + 1}" if mark else ""
        raise ParameterError(f"{path}{where}: not valid YAML ({getattr(error, 'problem', error)})") from None
    if loaded is None:
        return {}
    if not isinstance(loaded, dict):
        raise ParameterError(f"{path}: write one 'name: value' per line")
    flat = {}
    for key, value in loaded.items():
        if isinstance(value, dict):  # chapter: {name: value}
            flat.update({f"{key}.{name}": v for name, v in value.items()})
        else:
            flat[str(key)] = value
    return flat


def convert(parameter: Parameter, value):
    """A value for the parameter, of its default's type: "2024" -> 2024 for a year, a YAML date
    -> "2019-12-31" for a date written as text. Raises ParameterError when it cannot be."""
    default = parameter.default
    if isinstance(value, str) and not isinstance(default, str):
        try:
            value = yaml.safe_load(value) if value else None
        except yaml.YAMLError:
            pass
    if hasattr(value, "isoformat"):  # a YAML date: chapters take dates as text (papermill sends no dates)
        value = value.isoformat()
    if default is None or value is None:
        return value
    if isinstance(default, str):
        return str(value)
    number = isinstance(value, (int, float)) and not isinstance(value, bool)
    if isinstance(default, bool) and isinstance(value, bool):
        return value
    if isinstance(default, int) and not isinstance(default, bool) and number and float(value).is_integer():
        return int(value)
    if isinstance(default, float) and number:
        return float(value)
    kind = (
        "true or false"
        if isinstance(default, bool)
        else "a whole number"
        if isinstance(default, int)
        else "a number"
    )
    raise ParameterError(
        f"parameter {parameter.name!r} of chapter {parameter.notebook!r} must be {kind} "
        f"(its default is {default!r}), got {value!r}"
    )


def resolve(given: dict[str, object], notebooks: list[Path]) -> dict[Path, dict[str, object]]:
    """The parameters each notebook receives. Raises ParameterError for an unknown name."""
    cells = {notebook: declared(notebook) for notebook in notebooks}
    per_notebook: dict[Path, dict[str, object]] = {notebook: {} for notebook in notebooks}
    for key, value in given.items():
        chapter, _, name = key.rpartition(".")
        if name in RESERVED:
            raise ParameterError(f"parameter {name!r} cannot be set: {RESERVED[name]}")
        targets = [n for n in notebooks if (not chapter or n.stem == chapter) and name in cells[n]]
        if not targets:
            if chapter and chapter not in {n.stem for n in notebooks}:
                raise ParameterError(
                    f"unknown chapter {chapter!r} in {key!r}; chapters: "
                    f"{', '.join(n.stem for n in notebooks)}"
                )
            known = sorted({p for c in cells.values() for p in c if p not in RESERVED})
            raise ParameterError(
                f"unknown parameter {key!r}; the chapters' parameters are: {', '.join(known)} "
                "(the book's page 'Dataordbog' lists them)"
            )
        for notebook in targets:
            per_notebook[notebook][name] = convert(cells[notebook][name], value)
    return per_notebook
