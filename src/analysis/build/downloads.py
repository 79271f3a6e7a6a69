"""The book's downloads, made from what the chapters handed to the build: every table as Excel
(one workbook per chapter and one for the book), the budget notes' cost tables as Word, and every
figure as PNG and SVG (through chromium; without it the build says so and offers none).

They are written to a folder that the HTML build copies into html/hent/, with a manifest that the
Sphinx extension reads to put "Hent ..." links under each table and figure and on the front page
(sphinx_ext.py). Figures are drawn once: BUILD/figures/ keeps each rendering under its content.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path

from analysis.build import cache
from analysis.build.edition import handed
from analysis.build.execution import Outcome
from analysis.data import DataFolder, editions
from analysis.export import browser, word, workbooks
from analysis.notebooks import title
from analysis.present import danish

FOLDER = "hent"  # in the HTML: html/hent/
MANIFEST = "hent.json"  # beside the files: what the pages link to
BOOK_TABLES = "bogens-tabeller.xlsx"
PDF = "budgetnotater.pdf"
DOWNLOADS = "downloads"  # in the build folder: one folder per set of downloads made
FIGURE_CACHE = "figures"  # in the build folder: each figure drawn, by its content
KEEP = 3  # sets of downloads kept


def chapter_tables(outcomes: Iterable[Outcome]) -> dict[str, list[dict]]:
    """Every chapter's tables as its page shows them (present/ledger.shown_table), in book order."""
    return {chapter["chapter"]: chapter.get("tables", []) for chapter in handed(outcomes)}


def edition_line(folder: Path | None) -> str:
    """When the edition whose stamp lies in `folder` was built, as the downloads say it ("" if none)."""
    stamp = (editions.read_stamp(folder) if folder else None) or {}
    return f"Udgave bygget {danish.moment(stamp['built_at'])}." if stamp.get("built_at") else ""


def about(book_title: str, edition: Path | None, folder: DataFolder) -> workbooks.About:
    registry = folder.sources()
    return workbooks.About(
        book_title, edition_line(edition), dict(zip(registry["source_id"], registry["short_title"]))
    )


def write_tables(tables: dict[str, list[dict]], target: Path, facts: workbooks.About, titles: dict) -> dict:
    """A workbook per chapter and one for the book; returns the manifest's entries for tables:
    chapter -> table id -> its file and sheet."""
    links: dict[str, dict[str, dict]] = {}
    every: list[workbooks.Sheet] = []
    for chapter, shown in tables.items():
        if not shown:
            continue
        name = f"{chapter}-tabeller.xlsx"
        sheets = workbooks.sheets_of(shown)
        workbooks.save(workbooks.workbook(sheets, facts, titles[chapter], titles), target / name)
        links[chapter] = {s.table["id"]: {"xlsx": name, "sheet": s.name} for s in reversed(sheets)}
        every += workbooks.sheets_of(shown, prefix=chapter[:24])
    if every:
        whole = workbooks.workbook(every, facts, f"Alle tabeller i »{facts.book}«", titles)
        workbooks.save(whole, target / BOOK_TABLES)
    reproduced = [t for shown in tables.values() for t in shown if t.get("reproduces")]
    for path in word.write(reproduced, facts.sources, target):
        for table in reproduced:
            if word.file_name(table["reproduces"]) == path.name:
                links[table["chapter"]][table["id"]]["docx"] = path.name
    return links


def write_figures(
    outcomes: Iterable[Outcome], target: Path, build_dir: Path, plotly_js: Path, progress: Callable
) -> dict:
    """Every figure as PNG and SVG, named <chapter>-figur-<n>; returns the manifest's entries for
    figures, or none (with a line saying why) when there is no chromium."""
    from analysis.export import figures

    found = {o.job.notebook.stem: figures.in_notebook(o.job.output) for o in outcomes}
    if not any(found.values()):
        return {}
    if browser.chromium() is None:
        progress(f"warning: no figures as PNG/SVG: chromium is not installed: {browser.INSTALL}")
        return {}
    names = {f.id: f"{chapter}-figur-{i}" for chapter, fs in found.items() for i, f in enumerate(fs, 1)}
    every = [f for fs in found.values() for f in fs]
    drawn = figures.render(every, names, target, plotly_js, build_dir / FIGURE_CACHE, progress)
    return {
        chapter: {f.id: {kind: path.name for kind, path in drawn[f.id].items()} for f in fs}
        for chapter, fs in found.items()
        if fs
    }


def make(
    outcomes: list[Outcome],
    folder: DataFolder,
    edition: Path | None,
    build_dir: Path,
    plotly_js: Path,
    book_title: str,
    pdf: bool,
    progress: Callable[[str], None] = print,
) -> Path | None:
    """Write every download with its manifest into BUILD/downloads/<hash of what they are made
    from> and return that folder: the same chapters' outputs, edition and package give the same
    folder, which is then not written again. A book of no chapters offers nothing (None)."""
    if not outcomes:
        return None
    inputs = [cache.package_hash(), str(edition), str(pdf), str(browser.chromium()), str(plotly_js)]
    inputs += [cache.file_hash(o.job.output) for o in outcomes]
    target = build_dir / DOWNLOADS / hashlib.sha256("\0".join(inputs).encode()).hexdigest()[:16]
    if (target / MANIFEST).is_file():
        return target
    partial = target.with_name(f".{target.name}.tmp")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    progress("Writing the tables as Excel and Word, the figures as PNG and SVG ...")
    facts = about(book_title, edition, folder)
    titles = {o.job.notebook.stem: title(o.job.notebook) for o in outcomes}
    manifest = {
        "folder": FOLDER,
        "tables": write_tables(chapter_tables(outcomes), partial, facts, titles),
        "figures": write_figures(outcomes, partial, build_dir, plotly_js, progress),
        "book": {"xlsx": BOOK_TABLES, **({"pdf": PDF} if pdf else {})},
    }
    (partial / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(partial, target)
    for old in sorted(target.parent.iterdir(), key=lambda p: p.stat().st_mtime, reverse=True)[KEEP:]:
        if old != target:
            shutil.rmtree(old, ignore_errors=True)
    return target


def published(made: Path, html: Path) -> None:
    """Put the downloads into the book's HTML folder (before it is published), without the manifest."""
    shutil.copytree(made, html / FOLDER, ignore=shutil.ignore_patterns(MANIFEST), dirs_exist_ok=True)
