"""The source registry as the book shows it: one entry per document, with its municipality."""

from __future__ import annotations

import html
import re
from pathlib import Path

import nbformat
import pandas as pd
from IPython.display import HTML

from analysis.data import DataFolder
from analysis.paths import shown
from analysis.present import danish as fmt
from analysis.present import tables

HOME = "Københavns Kommune"  # the municipality the book is about


def municipality_facts(registry: pd.DataFrame) -> dict[str, str]:
    """How many documents come from which municipality, for the prose."""
    counts = registry.groupby(["municipality", "country"], sort=False).size()
    parts = [f"{fmt.number(n)} fra {m} ({c})" for (m, c), n in counts.items()]
    others = [m for m, _ in counts.index if m != HOME]
    facts = {
        "n_sources": fmt.number(len(registry)),
        "by_municipality": fmt.listing(parts),
        "other_municipalities": fmt.listing(others) or "ingen",
    }
    return facts


_LOADS = re.compile(r"""\.load\(\s*["'](\w+)["']""")


def chapter_datasets(notebook: Path) -> tuple[str, set[str]]:
    """A chapter's title (its first heading) and the data sets its code loads."""
    nb = nbformat.read(notebook, as_version=4)
    title = next(
        (
            line[2:].strip()
            for cell in nb.cells
            if cell.cell_type == "markdown"
            for line in cell.source.splitlines()
            if line.startswith("# ")
        ),
        notebook.stem,
    )
    loads = {name for cell in nb.cells if cell.cell_type == "code" for name in _LOADS.findall(cell.source)}
    return title, loads


def chapters_using(folder: DataFolder, notebooks: list[Path]) -> dict[str, list[tuple[str, str]]]:
    """For each source id, the chapters (title, page) whose data quote it."""
    usage: dict[str, list[tuple[str, str]]] = {}
    for notebook in notebooks:
        title, loads = chapter_datasets(notebook)
        ids = set()
        for name in sorted(loads):  # sorted: the page must not change with set order
            frame = folder.load(name)
            if frame is not None and "source_id" in frame:
                ids |= set(frame["source_id"].dropna())
        for source_id in sorted(ids):
            usage.setdefault(source_id, []).append((title, f"{notebook.stem}.html"))
    return usage


def chapter_data(folder: DataFolder, notebooks: list[Path]) -> HTML:
    """A table: for each chapter, the data files it reads and whether they are the book's own or
    the user's (a build with --data mixes both, file by file)."""
    rows = []
    for notebook in notebooks:
        title, loads = chapter_datasets(notebook)
        for name in sorted(loads):
            found = folder.find(name)
            rows.append(
                {
                    "Kapitel": title,
                    "Datafil": shown(found) if found else f"{name} (valgfri, ikke leveret)",
                    "Hvorfra": "—"
                    if found is None
                    else "leveret med bogen"
                    if found.is_relative_to(folder.shipped_dir)
                    else "egne data",
                }
            )
    return tables.table(pd.DataFrame(rows), caption="Datafiler brugt i hvert kapitel")


def source_entries(registry: pd.DataFrame, usage: dict[str, list[tuple[str, str]]] | None = None) -> HTML:
    """Every source with an anchor (kilde-<id>) that tables and chapters link to, and the
    chapters that use it."""
    blocks = []
    usage = usage or {}
    for row in registry.itertuples(index=False):
        foreign = row.municipality != HOME
        details = [
            f"<strong>Udgiver:</strong> {html.escape(row.organisation)}",
            f"<strong>Kommune:</strong> {html.escape(row.municipality)} ({html.escape(row.country)})",
            f"<strong>Dato:</strong> {html.escape(row.date)}",
        ]
        if not fmt.is_missing(row.reference):
            details.append(f"<strong>Reference:</strong> {html.escape(row.reference)}")
        if not fmt.is_missing(row.url):
            details.append(
                f'<strong>Adresse:</strong> <a href="{html.escape(row.url)}">{html.escape(row.url)}</a>'
            )
        if not fmt.is_missing(row.file):
            details.append(
                f"<strong>Tekst i bogens data:</strong> <code>data/sources/{html.escape(row.file)}</code>"
            )
        chapters = [
            f'<a href="{html.escape(page)}">{html.escape(title)}</a>'
            for title, page in usage.get(row.source_id, [])
        ]
        details.append(f"<strong>Bruges i:</strong> {fmt.listing(chapters) or 'ingen kapitler'}")
        warning = (
            (
                f'<p class="admonition warning"><strong>Ikke Københavns Kommune:</strong> dokumentet er fra '
                f"{html.escape(row.municipality)} i {html.escape(row.country)}. Dets tal vises kun i eget "
                f"kapitel og er ikke Københavns.</p>"
            )
            if foreign
            else ""
        )
        blocks.append(
            f'<div class="source-entry" id="kilde-{html.escape(row.source_id)}">'
            f"<h2>{html.escape(row.title)}</h2>{warning}<p>"
            + "<br/>".join(details)
            + f"<br/><strong>Id i data:</strong> <code>{html.escape(row.source_id)}</code></p></div>"
        )
    return HTML("\n".join(blocks))
