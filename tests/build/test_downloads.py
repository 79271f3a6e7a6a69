"""The build's downloads (build/downloads.py) without a whole build: made from chapters run as the
build runs them, kept when nothing they are made from changed, and what happens on a
machine without chromium."""

from __future__ import annotations

import json
import threading

import pytest

from analysis.build import cli, downloads
from analysis.build.execution import Job, Outcome, run_notebook
from analysis.data import DataFolder
from analysis.export import browser
from analysis.paths import NOTEBOOKS_DIR


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    """Run chapters as the build does (their last cell hands their tables over); returns a function
    of chapter names giving their outcomes."""
    folder = tmp_path_factory.mktemp("executed")
    done = {}

    def run(*names: str) -> list[Outcome]:
        for name in names:
            if name not in done:
                job = Job(NOTEBOOKS_DIR / f"{name}.ipynb", folder / f"{name}.ipynb", {}, name)
                # In a thread of its own: papermill leaves an asyncio loop in the thread it runs in,
                # and Playwright's sync API (the PDF, the figures) refuses to start in such a thread.
                worker = threading.Thread(target=run_notebook, args=(job,))
                worker.start()
                worker.join()
                done[name] = Outcome(job, True, "test", 0.0)
        return [done[n] for n in names]

    return run


def no_chromium(monkeypatch) -> None:
    monkeypatch.setattr(browser, "chromium", lambda: None)


def test_a_pdf_without_chromium_is_one_line_before_anything_is_written(tmp_path, monkeypatch, capsys):
    no_chromium(monkeypatch)
    code = cli.main(["build", "--pdf", "--out", str(tmp_path / "out")])
    error = capsys.readouterr().err.strip().splitlines()
    assert code == 2
    assert len(error) == 1 and "chromium" in error[0] and "apt-get install chromium" in error[0]
    assert not (tmp_path / "out").exists()


def test_without_chromium_the_figures_are_left_out_and_the_build_says_so(tmp_path, monkeypatch, executed):
    no_chromium(monkeypatch)
    said = []
    found = downloads.write_figures(
        executed("klager"), tmp_path, tmp_path, tmp_path / "plotly.js", said.append
    )
    assert found == {}
    assert len(said) == 1 and said[0].startswith("warning:") and "chromium" in said[0]
    assert list(tmp_path.iterdir()) == []


def test_the_tables_are_written_and_linked_by_chapter(tmp_path, monkeypatch, executed):
    no_chromium(monkeypatch)  # the figures are tested below
    made = downloads.make(
        executed("klager", "udgifter"),
        DataFolder(),
        None,
        tmp_path,
        tmp_path / "none.js",
        "Bogen",
        False,
        print,
    )
    manifest = json.loads((made / downloads.MANIFEST).read_text(encoding="utf-8"))
    assert set(manifest["tables"]) == {"klager", "udgifter"}
    sheets = [link["sheet"] for link in manifest["tables"]["klager"].values()]
    assert sorted(sheets) == ["Tabel 1", "Tabel 2"]
    files = {p.name for p in made.iterdir()}
    assert {"klager-tabeller.xlsx", "udgifter-tabeller.xlsx", downloads.BOOK_TABLES} <= files
    assert {"so49-omkostninger.docx", "oe501-omkostninger.docx"} <= files
    word = [link for link in manifest["tables"]["udgifter"].values() if "docx" in link]
    assert {link["docx"] for link in word} == {"so49-omkostninger.docx", "oe501-omkostninger.docx"}
    assert "pdf" not in manifest["book"]


def test_the_same_outputs_give_the_same_downloads_which_are_not_written_again(
    tmp_path, monkeypatch, executed
):
    no_chromium(monkeypatch)  # the figures are tested elsewhere; here they would only take time
    first = downloads.make(
        executed("klager"), DataFolder(), None, tmp_path, tmp_path / "p.js", "Bogen", False, print
    )
    written = (first / "klager-tabeller.xlsx").stat().st_mtime_ns
    again = downloads.make(
        executed("klager"), DataFolder(), None, tmp_path, tmp_path / "p.js", "Bogen", False, print
    )
    assert again == first and (again / "klager-tabeller.xlsx").stat().st_mtime_ns == written
    with_pdf = downloads.make(
        executed("klager"), DataFolder(), None, tmp_path, tmp_path / "p.js", "Bogen", True, print
    )
    assert with_pdf != first
    assert json.loads((with_pdf / downloads.MANIFEST).read_text())["book"]["pdf"] == downloads.PDF


@pytest.mark.parametrize("chapter", ["klager", "udgifter"])
def test_every_figure_of_a_chapter_is_drawn_under_its_chapters_name(tmp_path, chapter, executed):
    if browser.chromium() is None:
        pytest.skip("chromium is not installed")
    from analysis.build import plotlyjs

    found = downloads.write_figures(
        executed(chapter), tmp_path, tmp_path, plotlyjs.choose()[0], lambda _: None
    )
    names = [f for links in found[chapter].values() for f in links.values()]
    count = len(found[chapter])
    assert count >= 1
    assert sorted(names) == sorted(
        f"{chapter}-figur-{i}.{kind}" for i in range(1, count + 1) for kind in ("png", "svg")
    )
    assert all((tmp_path / name).is_file() for name in names)
