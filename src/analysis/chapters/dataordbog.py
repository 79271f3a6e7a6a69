"""Dataordbog: every data file of the contract, described from its schema, and every chapter's
parameters, read from the notebooks' parameters cells."""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from IPython.display import HTML

from analysis.data import DataFolder, inventory
from analysis.data.dictionary import columns, datasets, key
from analysis.data.errors import PER_FILE
from analysis.data.schemas import SOURCES, Dataset
from analysis.facts import PARAMETER, Fact, derived
from analysis.notebooks import Parameter, chapter_notebooks, documented, title
from analysis.paths import NOTEBOOKS_DIR, shown
from analysis.present import tables

DATASETS = ("assumptions",)  # it looks up where every data file is read from, and reads none
HEADERS = {
    "column": "Kolonne",
    "type": "Type",
    "required": "Skal udfyldes",
    "allowed": "Tilladte værdier",
    "rules": "Regler (fejlbesked)",
    "description": "Beskrivelse",
}


@dataclass(frozen=True, eq=False)
class Result:
    found: dict[str, Path | None]  # each data set (the registry first) and the file it is read from
    parameters: list[Parameter]


def problems(data: DataFolder) -> list:
    """What `compute` needs beyond the schemas: nothing (see build/preflight.py)."""
    return []


def compute(data: DataFolder) -> Result:
    every = [SOURCES, *datasets()]
    found = {d.name: data.find(d.name, "sources" if d is SOURCES else "") for d in every}
    return Result(found, documented(chapter_notebooks()))


def facts(result: Result) -> dict[str, Fact]:
    contract = derived("optalt i datakontrakten")
    return {
        "n_datasets": Fact(len(result.found), "number", contract),
        "n_optional": Fact(sum(d.optional for d in datasets()), "number", contract),
        # How many problems `validate` lists per file before it counts the rest.
        "per_file": Fact(PER_FILE, "number", PARAMETER),
    }


def values(result: Result) -> pd.DataFrame:
    """Every chapter's parameters: name, default and the comment from its parameters cell."""
    rows = [
        {
            "Kapitel": title(NOTEBOOKS_DIR / f"{p.notebook}.ipynb"),
            "Notebook": p.notebook,
            "Parameter": p.name,
            "Standardværdi": "ingen" if p.default is None else str(p.default),
            "Beskrivelse (fra parametercellen, på engelsk)": p.help,
        }
        for p in result.parameters
    ]
    return pd.DataFrame(rows)


def parameters_table(result: Result) -> HTML:
    return tables.table(values(result), caption="Kapitlernes parametre")


def dictionary(result: Result) -> HTML:
    """A section per data file: title, file name, key, where the book reads it from, its columns."""
    return HTML("\n".join(_section(d, result.found[d.name]) for d in [SOURCES, *datasets()]))


def _published(path: Path) -> str:
    """A file as the page may name it: data/… for the book's own, the user's by folder and name
    (never a path of the machine that built the book)."""
    shipped = shown(path)
    return shipped if not Path(shipped).is_absolute() else f"{path.parent.name}/{path.name}"


def _section(dataset: Dataset, found: Path | None) -> str:
    subdir = "sources/" if dataset is SOURCES else ""
    where = (
        f"læses fra <code>{html.escape(_published(found))}</code>"
        if found
        else "ikke leveret (valgfri fil)"
        if dataset.optional
        else "mangler"
    )
    keys = ", ".join(f"<code>{html.escape(k)}</code>" for k in key(dataset))
    table = (
        columns(dataset).assign(required=lambda c: c["required"].map({True: "ja", False: "nej"})).fillna("")
    )
    return (
        f'<section class="dataset" id="data-{html.escape(dataset.name)}">'
        f"<h2>{html.escape(dataset.title)}</h2>"
        f"<p><strong>Fil:</strong> <code>{subdir}{html.escape(dataset.name)}.csv</code> "
        f"(eller {' eller '.join(inventory.suffixes(dataset.name)[1:])})"
        f"{' · <strong>valgfri</strong>' if dataset.optional else ''} · {where}"
        + (f" · <strong>Nøgle:</strong> {keys} (hver kombination højst én gang)" if keys else "")
        + "</p>"
        + tables.table(table.rename(columns=HEADERS), caption=f"Kolonner i {dataset.name}").data
        + "</section>"
    )
