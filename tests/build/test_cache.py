"""The execution cache re-runs a notebook exactly when something it depends on changed, and
execution runs notebooks side by side."""

import json
import shutil

import nbformat
import pytest

from analysis.build import cache, execution
from analysis.data import DataFolder
from analysis.notebooks import chapter_notebooks
from analysis.paths import NOTEBOOKS_DIR


def notebook(path, code: str):
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell("data_dir = None", metadata={"tags": ["parameters"]}),
            nbformat.v4.new_code_cell(code),
        ]
    )
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)
    return path


@pytest.fixture
def chapters(tmp_path):
    """Two tiny chapters: one reads complaints.csv, the other the staffing table."""
    return [
        notebook(
            tmp_path / "reads_complaints.ipynb",
            "from analysis.data import DataFolder\nprint(len(DataFolder(data_dir).load('complaints')))",
        ),
        notebook(
            tmp_path / "reads_staffing.ipynb",
            "from analysis.data import DataFolder\nprint(len(DataFolder(data_dir).load('staffing')))",
        ),
    ]


def jobs_for(chapters, build, data_dir, **extra):
    return [
        execution.Job(nb, build / nb.name, {"data_dir": str(data_dir), **extra}, nb.name) for nb in chapters
    ]


def run(chapters, build, data_dir, **options):
    lines = []
    outcomes = execution.execute_all(
        jobs_for(chapters, build, data_dir), DataFolder(data_dir), progress=lines.append, **options
    )
    return {o.job.label: (o.ran, o.reason) for o in outcomes}, lines


def test_only_the_notebook_that_reads_a_changed_file_runs_again(chapters, tmp_path, data_copy):
    build = tmp_path / "build"
    first, _ = run(chapters, build, data_copy, workers=2)
    assert first == {
        "reads_complaints.ipynb": (True, "not run before"),
        "reads_staffing.ipynb": (True, "not run before"),
    }
    again, lines = run(chapters, build, data_copy)
    assert again == {"reads_complaints.ipynb": (False, ""), "reads_staffing.ipynb": (False, "")}
    assert "[1/2] cached reads_complaints.ipynb" in lines

    with open(data_copy / "complaints.csv", "a", encoding="utf-8") as out:
        out.write('2017,formality,500,user-supplied,klagetema2019,"Socialforvaltningen",\n')
    changed, lines = run(chapters, build, data_copy)
    assert changed == {
        "reads_complaints.ipynb": (True, "complaints.csv changed"),
        "reads_staffing.ipynb": (False, ""),
    }
    assert any(
        "ran    reads_complaints.ipynb" in line and "(complaints.csv changed)" in line for line in lines
    )
    # One cached, one ran: each notebook is counted once, in the order they finish.
    assert [line.split("]")[0] + "]" for line in lines if line.startswith("[")] == ["[1/2]", "[2/2]"]
    forced, _ = run(chapters, build, data_copy, force=True)
    assert forced == {"reads_complaints.ipynb": (True, "--force"), "reads_staffing.ipynb": (True, "--force")}


def record_for(tmp_path, data_dir, reads: dict[str, bool]):
    """A cache record as a run that looked up these data sets would leave it (read: True when it
    read the content, False when it only asked where the file is); no kernel needed."""
    nb = notebook(tmp_path / "c.ipynb", "print(1)")
    executed = tmp_path / "out.ipynb"
    shutil.copy(nb, executed)
    log = tmp_path / "reads.log"
    log.write_text(
        "".join(
            json.dumps(
                {"dataset": name, "candidates": [f"{name}.csv", f"{name}.xlsx"], "found": None, "read": read}
            )
            + "\n"
            for name, read in reads.items()
        )
    )
    folder = DataFolder(data_dir)
    current = cache.fingerprint(
        nb, {"data_dir": str(data_dir)}, cache.dependencies(), cache.declared_parameters()
    )
    cache.store(tmp_path / "record.json", current, log, folder, seconds=1.5)
    return nb, executed, current, folder


def stale(tmp_path, nb, executed, current, folder):
    return cache.why_stale(tmp_path / "record.json", executed, current, folder)


def test_a_fresh_record_is_reused(tmp_path, data_copy):
    nb, executed, current, folder = record_for(tmp_path, data_copy, {"complaints": True})
    assert stale(tmp_path, nb, executed, current, folder) is None


def test_each_kind_of_change_is_named(tmp_path, data_copy):
    nb, executed, current, folder = record_for(tmp_path, data_copy, {"complaints": True, "price_index": True})
    assert stale(tmp_path, nb, executed, {**current, "parameters": "{}"}, folder) == "its parameters changed"
    assert stale(tmp_path, nb, executed, {**current, "code": "x"}, folder) == "code it imports changed"
    assert (
        stale(tmp_path, nb, executed, {**current, "dependencies": "x"}, folder)
        == "the locked dependency versions changed"
    )
    assert stale(tmp_path, nb, executed, {**current, "notebook": "x"}, folder) == "the notebook changed"
    assert stale(tmp_path, nb, executed, {**current, "declared": "x"}, folder).startswith(
        "a chapter's parameters cell changed"
    )
    # An optional file nobody had supplied appears: the chapter that looked for it must run.
    (data_copy / "price_index.csv").write_text("year,index\n2012,100\n", encoding="utf-8")
    assert stale(tmp_path, nb, executed, current, folder) == "price_index.csv was added"
    (data_copy / "price_index.csv").unlink()
    (data_copy / "complaints.csv").unlink()
    assert stale(tmp_path, nb, executed, current, folder) == "complaints.csv is now read from " + str(
        folder.shipped_dir / "complaints.csv"
    )
    executed.unlink()
    assert stale(tmp_path, nb, executed, current, folder) == "not run before"


def test_a_file_only_looked_up_reruns_when_it_moves_not_when_its_content_changes(tmp_path, data_copy):
    nb, executed, current, folder = record_for(tmp_path, data_copy, {"applications": False})
    with open(data_copy / "applications.csv", "a", encoding="utf-8") as out:
        out.write("\n")
    assert stale(tmp_path, nb, executed, current, folder) is None
    (data_copy / "applications.csv").unlink()
    assert stale(tmp_path, nb, executed, current, folder).startswith("applications.csv is now read from")


def test_stored_outputs_do_not_count_as_a_change_of_the_notebook(tmp_path):
    nb = notebook(tmp_path / "n.ipynb", "print(1)")
    before = cache.notebook_hash(nb)
    with_outputs = nbformat.read(nb, as_version=4)
    with_outputs.cells[1].outputs = [nbformat.v4.new_output("stream", text="1\n")]
    with_outputs.cells[1].execution_count = 1
    nbformat.write(with_outputs, nb)
    assert cache.notebook_hash(nb) == before
    with_outputs.cells[1].source = "print(2)"
    nbformat.write(with_outputs, nb)
    assert cache.notebook_hash(nb) != before


def test_the_html_fingerprint_follows_the_whole_package_source(tmp_path):
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "a.py").write_text("x = 1\n")
    before = cache.package_hash(package)
    (package / "a.py").write_text("x = 2\n")
    changed = cache.package_hash(package)
    assert changed != before
    (package / "templates").mkdir()
    (package / "templates" / "page.html").write_text("<p>")  # the theme templates count too
    with_template = cache.package_hash(package)
    assert with_template != changed
    (package / "__pycache__").mkdir()
    (package / "__pycache__" / "a.pyc").write_bytes(b"\0")  # compiled files do not
    assert cache.package_hash(package) == with_template


def test_parallel_failures_name_the_notebook_and_the_others_finish(tmp_path, data_copy):
    good = notebook(tmp_path / "good.ipynb", "print('fine')")
    bad = notebook(tmp_path / "bad.ipynb", "raise ValueError('broken on purpose')")
    build = tmp_path / "build"
    with pytest.raises(
        execution.BuildError,
        match=r"bad.ipynb, cell 2 \(raise ValueError\(.broken on purpose.\)\): ValueError: broken on purpose",
    ):
        execution.execute_all(
            jobs_for([good, bad], build, data_copy), DataFolder(data_copy), workers=2, progress=lambda _: None
        )
    assert (build / "good.inputs.json").is_file()  # the good one finished and is cached
    assert not (build / "bad.inputs.json").exists()  # the failed one is not
    assert (build / "bad.ipynb").is_file()  # but is kept for inspection


def test_the_longest_notebook_of_the_last_run_starts_first(tmp_path, data_copy):
    quick, slow = (
        notebook(tmp_path / "quick.ipynb", "print(1)"),
        notebook(tmp_path / "slow.ipynb", "print(2)"),
    )
    build = tmp_path / "build"
    build.mkdir()
    for name, seconds in [("quick", 1.0), ("slow", 9.0)]:  # records of an earlier run, now stale
        (build / f"{name}.inputs.json").write_text(
            json.dumps({"fingerprint": {}, "reads": [], "seconds": seconds})
        )
    lines = []
    execution.execute_all(
        jobs_for([quick, slow], build, data_copy), DataFolder(data_copy), progress=lines.append
    )
    started = [line.split()[1] for line in lines if line.strip().startswith("running")]
    assert started == ["slow.ipynb", "quick.ipynb"]
    assert cache.last_seconds(build / "slow.inputs.json") > 0  # the new run's own duration


def test_the_fingerprint_follows_every_chapters_parameters_cell(tmp_path):
    """The data dictionary lists every chapter's parameters, so a changed comment in one notebook
    must re-run it (the stored Dataordbog once kept a comment that was gone)."""
    before = cache.declared_parameters()
    klager = tmp_path / "klager.ipynb"
    text = (NOTEBOOKS_DIR / "klager.ipynb").read_text(encoding="utf-8")
    assert "# first year shown" in text
    klager.write_text(text.replace("# first year shown", "# the first year on the chart"), encoding="utf-8")
    shipped = chapter_notebooks()
    with_changed = [klager if nb.name == "klager.ipynb" else nb for nb in shipped]
    assert cache.declared_parameters(with_changed) != before == cache.declared_parameters(shipped)
