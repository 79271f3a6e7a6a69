"""Notebook parameters given on the command line (`-p NAME=VALUE`) or in a YAML file (`--params`).

A name applies to every chapter whose parameters cell declares it; `chapter.name` (the
notebook's file name without .ipynb) applies to one chapter only, for names that several
chapters share with different meanings (first_year, last_year). A name no chapter declares,
or a value of the wrong type, is an error: a typo must never be silently ignored. A parameter's
type is the one its chapter's `compute` declares, so a parameter whose default is None is
checked too. A parameters file is bounded: its size, its nesting and no YAML aliases.
"""

from __future__ import annotations

import importlib
import inspect
from pathlib import Path

import yaml

from analysis.notebooks import RESERVED, Parameter, declared


class ParameterError(Exception):
    """A parameter the chapters do not declare, or a value they cannot take."""

    def lines(self) -> list[str]:
        """The problems, one line each (see preflight.Problems for several)."""
        return [str(self)]


def parse_assignment(text: str) -> tuple[str, str]:
    """ "last_year=2024" -> ("last_year", "2024"); the text is converted once the parameter's type
    is known."""
    name, sep, raw = text.partition("=")
    if not sep or not name.strip():
        raise ParameterError(f"-p {text!r}: write it as NAME=VALUE, e.g. -p last_year=2024")
    return name.strip(), raw.strip()


MAX_FILE_BYTES = 1_000_000  # a parameters file holds a few lines; anything this large is a mistake


class _PlainLoader(yaml.SafeLoader):
    """YAML without anchors and aliases (`&a`, `*a`): a parameters file has no use for them, and
    nested aliases ("billion laughs") would make a few hundred bytes expand to gigabytes."""

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise yaml.composer.ComposerError(
                None,
                None,
                "anchors and aliases (& and *) are not allowed: write each value out",
                event.start_mark,
            )
        return super().compose_node(parent, index)

    def construct_mapping(self, node, deep=False):
        """A name given twice is an error: YAML would silently keep the last."""
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"'{key}' is given twice: keep one", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


# Dates stay text ("2019-12-31"), as chapters take them: YAML's own date reading would stop with a
# Python error on an impossible date (2019-13-01), which the chapter's rule can say plainly.
_PlainLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _load(path: Path):
    """The YAML in `path`, bounded: its size is checked before it is read, and no alias expands."""
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise ParameterError(f"{path}: not a file: give a YAML file of parameters")
        if size > MAX_FILE_BYTES:
            raise ParameterError(
                f"{path}: the parameters file is {size:,} bytes, more than {MAX_FILE_BYTES:,}: "
                "it should hold a few 'name: value' lines"
            )
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_PlainLoader)  # noqa: S506 (safe loader)
    except FileNotFoundError:
        raise ParameterError(f"{path}: the parameters file does not exist") from None
    except UnicodeDecodeError:
        raise ParameterError(f"{path}: the parameters file is not UTF-8 text: save it as UTF-8") from None
    except RecursionError:
        raise ParameterError(f"{path}: nested too deeply: write 'name: value' lines") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f", line {mark.line + 1}" if mark else ""
        raise ParameterError(f"{path}{where}: not valid YAML ({getattr(error, 'problem', error)})") from None


def read_file(path: Path) -> dict[str, object]:
    """A YAML file of parameters: `name: value`, or `chapter: {name: value}` for one chapter;
    nothing nested deeper, no anchors or aliases, at most MAX_FILE_BYTES."""
    path = Path(path)
    loaded = _load(path)
    if loaded is None:
        return {}
    if not isinstance(loaded, dict):
        raise ParameterError(f"{path}: write one 'name: value' per line")
    flat = {}
    for key, value in loaded.items():
        if isinstance(value, dict):  # chapter: {name: value}
            for name, v in value.items():
                if isinstance(v, (dict, list)):
                    raise ParameterError(
                        f"{path}: '{key}.{name}' holds a {'mapping' if isinstance(v, dict) else 'list'}: "
                        "a parameter is one value (nest at most chapter: name: value)"
                    )
                flat[f"{key}.{name}"] = v
        else:
            flat[str(key)] = value
    return flat


# The types a parameters cell may declare (`name: int = 0`), and what a value must be for each.
TYPE_WORDS = {"bool": "true or false", "int": "a whole number", "float": "a number", "str": "text"}


def annotation(parameter: Parameter) -> str:
    """The type the chapter's `compute` declares for the parameter ("str | None", "int"): the one
    place a parameter's type is written, whatever its default in the parameters cell."""
    module = importlib.import_module(f"analysis.chapters.{parameter.notebook}")
    found = inspect.signature(module.compute).parameters.get(parameter.name)
    if found is None or found.annotation is inspect.Parameter.empty:
        raise ValueError(f"{parameter.notebook}.compute declares no type for {parameter.name!r}")
    kind = found.annotation
    return kind if isinstance(kind, str) else getattr(kind, "__name__", str(kind))


def kinds(parameter: Parameter) -> tuple[str, bool]:
    """The parameter's type and whether it may be None (see `annotation`): "str | None" -> ("str", True)."""
    names = [n.strip() for n in annotation(parameter).replace("Optional[", "").rstrip("]").split("|")]
    nullable = "None" in names
    names = [n for n in names if n != "None"]
    if len(names) != 1 or names[0] not in TYPE_WORDS:
        raise ValueError(f"{parameter.notebook}.{parameter.name}: unsupported type {annotation(parameter)!r}")
    return names[0], nullable


def _typed(kind: str, value):
    """`value` as `kind`, or None when it cannot be (a bool is never a number, nor a number text)."""
    if kind == "bool":
        return value if isinstance(value, bool) else None
    if isinstance(value, bool) or isinstance(value, (list, dict)):
        return None
    if kind == "str":
        return str(value)
    if not isinstance(value, (int, float)):
        return None
    if kind == "float":
        return float(value)
    return int(value) if float(value).is_integer() else None


def convert(parameter: Parameter, value):
    """A value for the parameter, of its declared type (see `kinds`): "2024" -> 2024 for a year,
    a YAML date -> "2019-12-31" for a date written as text, "" -> None where None is allowed.
    Raises ParameterError when it cannot be."""
    kind, nullable = kinds(parameter)
    if isinstance(value, str) and kind != "str":
        try:
            value = yaml.load(value, Loader=_PlainLoader) if value else None  # noqa: S506 (safe loader)
        except (yaml.YAMLError, RecursionError):
            pass
    if hasattr(value, "isoformat"):  # a YAML date: chapters take dates as text (papermill sends no dates)
        value = value.isoformat()
    if value is None or (nullable and value == ""):
        if nullable:
            return None
    else:
        typed = _typed(kind, value)
        if typed is not None:
            return typed
    default = "" if parameter.default is None else f" (its default is {parameter.default!r})"
    raise ParameterError(
        f"parameter {parameter.name!r} of chapter {parameter.notebook!r} must be {TYPE_WORDS[kind]}"
        f"{' or empty' if nullable else ''}{default}, got {value!r}"
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
