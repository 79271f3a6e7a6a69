"""Running the notebooks: what the build records of each chapter's reads, which parameters reach
which chapter, and a progress line per notebook."""

import os
import shutil

from analysis.build import cache, parameters, runs
from analysis.build.execution import Job, Outcome
from analysis.chapters import klager
from analysis.data import DataFolder
from analysis.data.loading import READ_LOG
from analysis.notebooks import chapter_notebooks
from analysis.paths import DATA_DIR, NOTEBOOKS_DIR


def ran_klager(tmp_path, folder: DataFolder) -> Outcome:
    """A record as the build keeps it for the chapter 'Klager' run on `folder` (no kernel needed)."""
    log = tmp_path / "klager.reads.log"
    os.environ[READ_LOG] = str(log)
    try:
        klager.compute(folder, first_year=2010, last_year=2018)
    finally:
        os.environ.pop(READ_LOG)
    job = Job(NOTEBOOKS_DIR / "klager.ipynb", tmp_path / "klager.ipynb", {}, "klager")
    cache.store(job.record, {}, log, folder, seconds=1.0)
    return Outcome(job, ran=True, reason="", seconds=1.0)


def test_the_reads_name_each_file_whose_it_is_and_the_sources_it_cites(tmp_path):
    user = tmp_path / "mine"
    user.mkdir()
    shutil.copy(DATA_DIR / "complaints.csv", user / "complaints.csv")
    folder = DataFolder(user)
    reads = runs.chapter_reads([ran_klager(tmp_path, folder)], folder)["klager"]
    assert reads["title"] == "Klager over sagsbehandlingen"
    assert reads["files"] == [
        {"dataset": "complaint_benchmarks", "file": "data/complaint_benchmarks.csv", "from": "shipped"},
        {"dataset": "complaint_proposals", "file": "data/complaint_proposals.csv", "from": "shipped"},
        {"dataset": "complaints", "file": "mine/complaints.csv", "from": "user"},
        {"dataset": "registry", "file": "data/sources/registry.csv", "from": "shipped"},
    ]
    assert {"klagetema2019", "kkdk-klageopgoerelse-2017"} <= set(reads["sources"])
    assert "sermersooq2019q4" not in reads["sources"]
    # The book never prints where the builder keeps the folder: only the folder's own name.
    assert str(tmp_path) not in str(reads)


def test_a_parameter_reaches_only_the_chapters_that_declare_it():
    given = parameters.resolve({"shown_from": "2019-01-01", "klager.first_year": 2012}, chapter_notebooks())
    reached = {notebook.stem: values for notebook, values in given.items() if values}
    assert reached == {"sagsfrister": {"shown_from": "2019-01-01"}, "klager": {"first_year": 2012}}
