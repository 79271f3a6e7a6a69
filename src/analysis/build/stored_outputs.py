"""The notebooks in notebooks/ are committed with the outputs of a default run (shipped data,
default parameters), so nbval can check that data, module and stored results still agree.

`python -m analysis store-outputs` (`make notebooks`) refreshes them: it executes every chapter
with the build's machinery into _build/stored/ and writes each back with its outputs, minus the
run's timestamps and durations, so the same inputs always give byte-identical files.
"""

from __future__ import annotations

import os

import nbformat

from analysis.build import outdir
from analysis.build.runs import run_notebooks
from analysis.data import DataFolder
from analysis.notebooks import chapter_notebooks
from analysis.paths import BUILD_DIR, NOTEBOOKS_DIR

VOLATILE = ("papermill", "execution")  # run timestamps and durations, per notebook and per cell
LEDGER_TAG = "ledger"  # the chapter's last cell, which hands its numbers ledger to the build
TEMPORARY = ".writing"  # a notebook being written: .klager.ipynb.writing, renamed when complete


def clean(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The executed notebook as it is stored: no run timestamps or durations, and no parameters
    cell papermill injected (the stored run is the default one), and no numbers ledger (a run
    outside a build, as nbval's, shows none)."""
    notebook.cells = [c for c in notebook.cells if "injected-parameters" not in c.metadata.get("tags", [])]
    for key in VOLATILE:
        notebook.metadata.pop(key, None)
    for cell in notebook.cells:
        if LEDGER_TAG in cell.metadata.get("tags", []):
            cell.outputs = []
        for key in VOLATILE:
            cell.metadata.pop(key, None)
    return notebook


def store_outputs(progress=print) -> None:
    """Run every chapter with the defaults and write each back to notebooks/, holding _build's
    lock (it runs in _build/stored/) and replacing each notebook in one rename, so a build
    reading notebooks/ meanwhile sees the old notebook or the new, never half of one."""
    notebooks = chapter_notebooks()
    with outdir.writes_to(BUILD_DIR, advice=""), outdir.exclusive(BUILD_DIR, "store-outputs", advice=""):
        outdir.remove_leftovers(BUILD_DIR)
        for leftover in NOTEBOOKS_DIR.glob(f".*{TEMPORARY}*"):
            leftover.unlink()
        # Default parameters only: the pages on what the chapters read get no record from the build.
        outcomes = run_notebooks(
            notebooks,
            DataFolder(),
            {nb: {} for nb in notebooks},
            BUILD_DIR / "stored",
            os.cpu_count() or 1,
            progress=progress,
            report_reads=False,
        )
        for outcome in outcomes:
            executed = clean(nbformat.read(outcome.job.output, as_version=4))
            temporary = outcome.job.notebook.with_name(f".{outcome.job.notebook.name}{TEMPORARY}")
            nbformat.write(executed, temporary)
            os.replace(temporary, outcome.job.notebook)
            progress(f"stored {outcome.job.label}")
