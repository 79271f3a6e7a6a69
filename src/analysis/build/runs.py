"""Running the book's notebooks: first the chapters, then the pages that report on what the
chapters read (those whose parameters cell declares `chapter_reads`, such as Kilder), then the
pages on the edition (those that declare `edition`). The second phase gets, as that parameter,
the reads the build recorded for each chapter of the first; the third the folder of the edition
the build made of the others (build/edition.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd

from analysis.build import cache
from analysis.build.execution import Job, Outcome, Progress, execute_all
from analysis.data import DataFolder
from analysis.notebooks import declared, title
from analysis.paths import shown

READS_PARAMETER = "chapter_reads"
EDITION_PARAMETER = "edition"


def run_notebooks(
    notebooks: list[Path],
    folder: DataFolder,
    parameters: dict[Path, dict],
    out_dir: Path,
    workers: int = 1,
    force: bool = False,
    progress: Callable[[str], None] = print,
    report_reads: bool = True,
    edition: Callable[[list[Outcome]], Path] | None = None,
) -> list[Outcome]:
    """Execute every notebook into `out_dir` (only those whose inputs changed); the outcomes
    come back in the order of `notebooks`. Without `report_reads`, the pages that report on the
    chapters' reads run with their default parameters too; without `edition` (which makes the
    edition of the other notebooks' outcomes and returns its folder), so do the edition's pages."""

    def job(notebook: Path, extra: dict | None = None) -> Job:
        label = shown(notebook)  # notebooks/klager.ipynb; a notebook outside the repository by its path
        place = Path(label) if not Path(label).is_absolute() else Path(notebook.name)
        return Job(notebook, out_dir / place, {**parameters[notebook], **(extra or {})}, label)

    names = {nb: declared(nb) for nb in notebooks}
    about = [nb for nb in notebooks if EDITION_PARAMETER in names[nb]]
    reporting = [nb for nb in notebooks if READS_PARAMETER in names[nb] and nb not in about]
    chapters = [nb for nb in notebooks if nb not in reporting and nb not in about]
    counter = Progress(len(notebooks), progress)
    first = execute_all([job(nb) for nb in chapters], folder, workers, force, progress, counter)
    reads = {READS_PARAMETER: chapter_reads(first, folder)} if report_reads else {}
    second = execute_all([job(nb, reads) for nb in reporting], folder, workers, force, progress, counter)
    made = {EDITION_PARAMETER: str(edition([*first, *second]))} if edition and about else {}
    third = execute_all([job(nb, made) for nb in about], folder, workers, force, progress, counter)
    by_notebook = {o.job.notebook: o for o in [*first, *second, *third]}
    return [by_notebook[nb] for nb in notebooks]


def chapter_reads(outcomes: list[Outcome], folder: DataFolder) -> dict[str, dict]:
    """What each chapter read, from the records its run left: its title, each data set with the
    file it came from (None for an optional one nobody supplied) and whether that file is the
    book's own, and the sources the data it read cite."""
    found = {}
    for outcome in outcomes:
        files = {}
        for read in cache.recorded_reads(outcome.job.record):
            if read.get("dataset") and read["read"]:  # a lookup for a file's content, found or not
                files.setdefault(read["dataset"], read["path"])  # a user's registry: the user's file
        found[outcome.job.notebook.stem] = {
            "title": title(outcome.job.notebook),
            "files": [printed_file(name, path, folder) for name, path in sorted(files.items())],
            "sources": sorted({s for name, path in files.items() if path for s in _cited(folder, name)}),
        }
    return found


def printed_file(dataset: str, path: str | None, folder: DataFolder) -> dict:
    """A file as the book may print it: a shipped one relative to the repository, a user's one
    inside the user's folder, named by the folder's name (never the builder's absolute path)."""
    if path is None:
        return {"dataset": dataset, "file": None, "from": None}
    path = Path(path)
    if path.is_relative_to(folder.shipped_dir) or folder.user_dir is None:
        return {"dataset": dataset, "file": shown(path), "from": "shipped"}
    inside = path.relative_to(folder.user_dir) if path.is_relative_to(folder.user_dir) else path.name
    return {"dataset": dataset, "file": f"{folder.user_dir.name}/{inside}", "from": "user"}


def _cited(folder: DataFolder, dataset: str) -> set[str]:
    frame = folder.sources() if dataset == "registry" else folder.load(dataset)
    if dataset == "registry" or not isinstance(frame, pd.DataFrame) or "source_id" not in frame:
        return set()  # the registry lists every source; a case extract cites none
    return set(frame["source_id"].dropna())
