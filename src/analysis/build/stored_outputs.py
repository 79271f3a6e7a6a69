"""The notebooks in notebooks/ are committed with the outputs of a default run (shipped data,
default parameters), so nbval can check that data, module and stored results still agree.

`python -m analysis store-outputs` (`make notebooks`) refreshes them: it executes every chapter
with the build's machinery into _build/stored/ and writes each back with its outputs, minus the
run's timestamps and durations, so the same inputs always give byte-identical files.
"""

from __future__ import annotations

import os

import nbformat

from analysis.build.runs import run_notebooks
from analysis.data import DataFolder
from analysis.notebooks import chapter_notebooks
from analysis.paths import BUILD_DIR

VOLATILE = ("papermill", "execution")  # run timestamps and durations, per notebook and per cell


def clean(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The executed notebook as it is stored: no run timestamps or durations, and no parameters
    cell papermill injected (the stored run is the default one)."""
    notebook.cells = [c for c in notebook.cells if "injected-parameters" not in c.metadata.get("tags", [])]
    for key in VOLATILE:
        notebook.metadata.pop(key, None)
    for cell in notebook.cells:
        for key in VOLATILE:
            cell.metadata.pop(key, None)
    return notebook


def store_outputs(progress=print) -> None:
    notebooks = chapter_notebooks()
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
        nbformat.write(executed, outcome.job.notebook)
        progress(f"stored {outcome.job.label}")
