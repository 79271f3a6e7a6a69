"""Antagelser og forbehold: every reading of the sources the book rests on, why, what it means
for the numbers if it does not hold, and the chapters that rely on it (data/assumptions.csv)."""

from __future__ import annotations

import html
from dataclasses import dataclass

import pandas as pd
from IPython.display import HTML

from analysis.data import DataFolder, is_missing
from analysis.data.registry import short_title
from analysis.facts import Fact, derived, of_rows
from analysis.notebooks import title
from analysis.paths import NOTEBOOKS_DIR
from analysis.present import danish, tables

DATASETS = ("assumptions",)


@dataclass(frozen=True, eq=False)
class Result:
    log: pd.DataFrame
    titles: dict[str, str]  # each chapter's title by its notebook's name
    registry: pd.DataFrame


def problems(data: DataFolder) -> list:
    """What `compute` needs beyond the schemas: nothing (see build/preflight.py)."""
    return []


def compute(data: DataFolder) -> Result:
    log = data.load("assumptions")
    names = {n.strip() for names in log["chapters"] for n in names.split(";")}
    return Result(
        log, {name: title(NOTEBOOKS_DIR / f"{name}.ipynb") for name in sorted(names)}, data.sources()
    )


def facts(result: Result) -> dict[str, Fact]:
    counted = derived("optalt i loggen over antagelser", of_rows(result.log.assign(kind="stated", quote="")))
    return {
        "n_assumptions": Fact(len(result.log), "number", counted),
        "n_chapters": Fact(len(result.titles), "number", counted),
    }


def entries(result: Result) -> HTML:
    """Each assumption with an anchor (antagelse-<id>): what, why, what it means, where it is used."""
    return HTML(
        '<ul class="assumptions">'
        + "".join(_entry(r, result) for r in result.log.to_dict("records"))
        + "</ul>"
    )


def _entry(row, result: Result) -> str:
    e = html.escape
    chapters = [n.strip() for n in row["chapters"].split(";")]
    links = danish.listing([f'<a href="{e(n)}.html">{e(result.titles[n])}</a>' for n in chapters])
    source = (
        ""
        if is_missing(row["source_id"])
        else f'<br/><strong>Kilde:</strong> <a href="kilder.html#kilde-{e(row["source_id"])}">'
        f"{e(short_title(result.registry, row['source_id']))}</a>"
    )
    return (
        f'<li id="antagelse-{e(row["assumption_id"])}"><strong>{e(row["statement"])}</strong><br/>'
        f"<strong>Hvorfor:</strong> {e(row['why'])}<br/><strong>Betydning:</strong> {e(row['impact'])}<br/>"
        f"<strong>Bruges i:</strong> {links}{source}</li>"
    )


def values(result: Result) -> pd.DataFrame:
    return result.log


def download(result: Result) -> HTML:
    return tables.csv_download(values(result), "antagelser.csv", "Hent antagelserne som CSV")
