"""The notebooks in notebooks/ are committed with the outputs of a default run (shipped data,
default parameters), so nbval can check that data, module and stored results still agree.

`python -m analysis store-outputs` (`make notebooks`) refreshes them: it executes every chapter
with the build's machinery into _build/stored/ and writes each back with its outputs, minus the
run's timestamps and durations, so the same inputs always give byte-identical files.
"""

from __future__ import annotations

import os

import nbformat

from analysis.build.execution import Job, execute_all
from analysis.build.pipeline import chapter_notebooks
from analysis.data import DataFolder
from analysis.paths import BUILD_DIR, REPO_ROOT

VOLATILE = ("papermill", "execution")  # run timestamps and durations, per notebook and per cell


def clean(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    for key in VOLATILE:
        notebook.metadata.pop(key, None)
    for cell in notebook.cells:
        for key in VOLATILE:
            cell.metadata.pop(key, None)
    return notebook


def store_outputs(progress=print) -> None:
    jobs = [
        Job(nb, BUILD_DIR / "stored" / nb.relative_to(REPO_ROOT), {}, str(nb.relative_to(REPO_ROOT)))
        for nb in chapter_notebooks()
    ]
    for outcome in execute_all(jobs, DataFolder(), workers=os.cpu_count() or 1, progress=progress):
        executed = clean(nbformat.read(outcome.job.output, as_version=4))
        nbformat.write(executed, outcome.job.notebook)
        progress(f"stored {outcome.job.label}")
