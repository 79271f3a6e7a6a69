"""Ændringer siden sidste udgave: the numbers of this edition compared with those of the edition
it replaces (or the one given with --compare-with): per chapter, every number that changed (old ->
new, the difference and the data file and row it comes from), numbers added and removed, targets
whose verdict and checks whose status changed. The build gives the page its edition's folder
(build/edition.py); `python -m analysis diff` prints the same comparison."""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from IPython.display import HTML

from analysis.calc.editions import Comparison, compare
from analysis.data import DataFolder, editions, is_missing
from analysis.facts import Fact, derived, setting
from analysis.notebooks import title
from analysis.paths import NOTEBOOKS_DIR
from analysis.present import danish, page, tables
from analysis.present.prose import say

DATASETS = ("assumptions",)  # the page's data note reads the assumptions, as every page's does
COUNTED = derived("optalt ved at sammenligne de to udgavers talregnskab (ledger.json) nøgle for nøgle")
# The columns of the page's download: one row per change.
COLUMNS = ["chapter", "change", "key", "old", "new", "difference", "old_shown", "new_shown", "file", "row"]
CHANGE_LABEL = {
    "changed": "ændret",
    "added": "tilføjet",
    "removed": "fjernet",
    "verdict": "mål skiftet",
    "status": "status skiftet",
}


@dataclass(frozen=True, eq=False)
class Result:
    comparison: Comparison | None  # None: a first edition, or no edition (the page outside a build)
    built: bool  # the page was given an edition by the build
    compared_with: dict | None  # what the edition was compared with (build/edition.py: _described)


def problems(data: DataFolder) -> list:
    """What `compute` needs beyond the schemas: nothing (see build/preflight.py)."""
    return []


def compute(data: DataFolder, edition: str | None = None) -> Result:
    """The comparison of the edition in the folder `edition` with the one before it."""
    if edition is None:
        return Result(None, False, None)
    folder = Path(edition)
    stamp = editions.read_stamp(folder) or {}
    if not (folder / editions.PREVIOUS).is_file():
        return Result(None, True, None)
    old, new = editions.read_ledger(folder / editions.PREVIOUS), editions.read_ledger(folder)
    return Result(compare(old, new), True, stamp.get("compared_with"))


def facts(result: Result) -> dict[str, Fact]:
    return {"summary": summary(result.comparison, result.built), "compared_with": _compared_with(result)}


def summary(comparison: Comparison | None, built: bool = True) -> Fact:
    """The one line the front page shows: "12 tal er ændret, 2 mål har skiftet status."."""
    if not built:
        return setting(
            "Siden viser, hvilke tal der er ændret, når bogen bygges med python -m analysis build."
        )
    if comparison is None:
        return say("Dette er den første udgave: der er ingen tidligere udgave at sammenligne med.", COUNTED)
    if comparison.nothing:
        return say("Ingen tal er ændret siden sidste udgave.", COUNTED)
    parts = [
        (len(comparison.changed), "tal", "tal", "er ændret"),
        (len(comparison.added), "tal", "tal", "er kommet til"),
        (len(comparison.removed), "tal", "tal", "er fjernet"),
        (len(comparison.verdicts), "mål", "mål", "har skiftet status"),
        (len(comparison.statuses), "kontrol", "kontroller", "har skiftet status"),
    ]
    said = [f"{danish.count(n, one, many)} {verb}" for n, one, many, verb in parts if n]
    text = danish.listing(said)
    return say(text[:1].upper() + text[1:] + ".", COUNTED)


def _compared_with(result: Result) -> Fact:
    described = result.compared_with
    if not result.built or described is None:
        return setting("")
    when = f", bygget {danish.moment(described['built_at'])}" if described.get("built_at") else ""
    folder = described.get("data_folder")
    data = f" af egne data fra mappen »{folder}«" if folder else " af de data, der følger med bogen"
    data = data if "data_folder" in described else ""
    commit = f" med version {described['commit'][:10]} af koden" if described.get("commit") else ""
    given = described.get("given")
    what = f"talregnskabet »{given}«" if given else "udgaven før denne i byggemappen"
    return setting(f"Tallene er sammenlignet med {what}{when}{data}{commit}.")


# --- the page's tables -------------------------------------------------------------------------


def values(result: Result) -> pd.DataFrame:
    """Every change, one row each, in the book's order (the page's download)."""
    c = result.comparison
    if c is None:
        return pd.DataFrame(columns=COLUMNS)
    parts = [
        c.changed.assign(change="changed"),
        c.added.assign(change="added", new=c.added["value"], new_shown=c.added["shown"]),
        c.removed.assign(change="removed", old=c.removed["value"], old_shown=c.removed["shown"]),
        c.verdicts.assign(change="verdict"),
        c.statuses.assign(change="status"),
    ]
    rows = pd.concat([p for p in parts if len(p)], ignore_index=True) if any(len(p) for p in parts) else None
    return pd.DataFrame(columns=COLUMNS) if rows is None else rows.reindex(columns=COLUMNS)


def by_chapter(result: Result) -> HTML:
    """Per chapter, a heading and its changes in one table, folded away when there are many."""
    changes = values(result)
    if changes.empty:
        return HTML("")
    blocks = []
    for chapter, rows in changes.groupby("chapter", sort=False):
        name = (
            title(NOTEBOOKS_DIR / f"{chapter}.ipynb")
            if (NOTEBOOKS_DIR / f"{chapter}.ipynb").is_file()
            else chapter
        )
        heading = f'<h3><a href="{html.escape(chapter)}.html">{html.escape(name)}</a></h3>'
        counted = danish.count(len(rows), "ændring", "ændringer")
        table = _table(rows, f"Ændringer i {name}")
        body = page.folded(table, f"Vis alle {counted}").data if len(rows) > 10 else table.data
        blocks.append(f"{heading}<p>{html.escape(counted)}.</p>{body}")
    return HTML("".join(blocks))


def _table(rows: pd.DataFrame, caption: str) -> HTML:
    shown = pd.DataFrame(
        {
            "Ændring": rows["change"].map(CHANGE_LABEL),
            "Tal": rows["key"].map(readable_key),
            "Før": rows["old_shown"].fillna("–"),
            "Nu": rows["new_shown"].fillna("–"),
            "Forskel": [_difference(d) for d in rows["difference"]],
            "Kommer fra": [where(f, r) for f, r in zip(rows["file"], rows["row"])],
        }
    )
    return tables.table(shown, caption, numeric=("Før", "Nu", "Forskel"), key=("Tal",))


def _difference(value) -> str:
    return "" if is_missing(value) else danish.signed(value)


def readable_key(key: str) -> str:
    """A ledger key as a reader reads it: "klager › Formalitetsklager › 2016 › value"."""
    return " › ".join(part for part in key.split(" | ") if part)


def where(file, row) -> str:
    """The data file and row a value was read from: "data/complaints.csv, række 4"."""
    if is_missing(file) or not file:
        return "–"
    return f"{file}, række {int(row)}" if not is_missing(row) else str(file)


def download(result: Result) -> HTML:
    return tables.csv_download(values(result), "aendringer.csv", "Hent alle ændringer som CSV", key=("key",))
