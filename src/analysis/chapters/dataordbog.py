"""The data dictionary page: every data file of the contract, described from its schema."""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd
from IPython.display import HTML

from analysis.build import parameters
from analysis.chapters.kilder import chapter_datasets
from analysis.data import DataFolder
from analysis.data.dictionary import columns, datasets, key
from analysis.data.schemas import SOURCES
from analysis.paths import NOTEBOOKS_DIR, shown
from analysis.present import danish as fmt
from analysis.present import tables

HEADERS = {
    "column": "Kolonne",
    "type": "Type",
    "required": "Skal udfyldes",
    "allowed": "Tilladte værdier",
    "rules": "Regler (fejlbesked)",
    "description": "Beskrivelse",
}


def facts() -> dict[str, str]:
    every = datasets()
    return {
        "n_datasets": fmt.number(len(every) + 1),  # + the source registry
        "n_optional": fmt.number(sum(d.optional for d in every)),
    }


def parameters_table(notebooks: list[Path]) -> HTML:
    """Every chapter's parameters: name, default and the comment from its parameters cell."""
    rows = [
        {
            "Kapitel": chapter_datasets(NOTEBOOKS_DIR / f"{p.notebook}.ipynb")[0],
            "Notebook": p.notebook,
            "Parameter": p.name,
            "Standardværdi": "ingen" if p.default is None else str(p.default),
            "Beskrivelse (fra parametercellen, på engelsk)": p.help,
        }
        for p in parameters.table(notebooks)
    ]
    return tables.table(pd.DataFrame(rows), caption="Kapitlernes parametre")


def dictionary(folder: DataFolder) -> HTML:
    """A section per data file: title, file name, key, where the book reads it from, its columns."""
    parts = []
    for dataset in [SOURCES, *datasets()]:
        subdir = "sources/" if dataset is SOURCES else ""
        found = folder.find(dataset.name, subdir.rstrip("/"))
        where = (
            f"læses fra <code>{html.escape(shown(found))}</code>"
            if found
            else "ikke leveret (valgfri fil)"
            if dataset.optional
            else "mangler"
        )
        keys = ", ".join(f"<code>{html.escape(k)}</code>" for k in key(dataset))
        table = (
            columns(dataset)
            .assign(required=lambda c: c["required"].map({True: "ja", False: "nej"}))
            .fillna("")
        )
        parts.append(
            f'<section class="dataset" id="data-{html.escape(dataset.name)}">'
            f"<h2>{html.escape(dataset.title)}</h2>"
            f"<p><strong>Fil:</strong> <code>{subdir}{html.escape(dataset.name)}.csv</code> (eller .xlsx)"
            f"{' · <strong>valgfri</strong>' if dataset.optional else ''} · {where}"
            + (f" · <strong>Nøgle:</strong> {keys} (hver kombination højst én gang)" if keys else "")
            + "</p>"
            + tables.table(table.rename(columns=HEADERS), caption=f"Kolonner i {dataset.name}").data
            + "</section>"
        )
    return HTML("\n".join(parts))
