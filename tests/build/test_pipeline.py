"""The build command: order of chapters, what readers see, and that failure never damages a book."""

import os
import subprocess
import sys

import nbformat
import pytest
from plotly.offline import get_plotlyjs_version

from analysis.build import outdir, plotlyjs
from analysis.build import pipeline as build
from analysis.notebooks import chapter_notebooks, toc_files
from analysis.paths import NOTEBOOKS_DIR


def test_toc_order_starts_with_the_introduction():
    files = toc_files()
    assert files[0] == "book/intro"
    assert "notebooks/klager" in files and "notebooks/kilder" in files
    assert files.index("notebooks/bemanding") < files.index("notebooks/kilder")
    assert files.index("notebooks/handlingsplan2007") < files.index("notebooks/kilder")


def test_every_notebook_is_in_the_book():
    in_book = {p.name for p in chapter_notebooks()}
    assert in_book == {p.name for p in NOTEBOOKS_DIR.glob("*.ipynb")}


def test_every_chapter_notebook_has_a_parameters_cell_with_data_dir():
    for notebook in chapter_notebooks():
        nb = nbformat.read(notebook, as_version=4)
        cells = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
        assert len(cells) == 1, notebook.name
        assert "data_dir = None" in cells[0].source, notebook.name


def test_reader_view_folds_code_and_removes_parameters(tmp_path):
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell("# T"),
            nbformat.v4.new_code_cell("x = 1", metadata={"tags": ["parameters"]}),
            nbformat.v4.new_code_cell("x = 2", metadata={"tags": ["injected-parameters"]}),
            nbformat.v4.new_code_cell("print(x)"),
        ]
    )
    path = tmp_path / "n.ipynb"
    nbformat.write(nb, path)
    build.reader_view(path)
    tags = [c.metadata.get("tags", []) for c in nbformat.read(path, as_version=4).cells]
    assert tags == [[], ["parameters", "remove-cell"], ["injected-parameters", "remove-cell"], ["hide-input"]]


def test_built_book_has_every_page(built_book):
    for page in ["index.html", *(f"{name}.html" for name in toc_files()), "_static/plotly.min.js"]:
        assert (built_book / page).is_file(), page


# Read when the module is collected, before the session's book is built.
NOTEBOOKS_BEFORE = {p.name: p.read_bytes() for p in NOTEBOOKS_DIR.glob("*.ipynb")}


def test_front_page_redirect_is_a_proper_page(built_book):
    front = (built_book / "index.html").read_text(encoding="utf-8")
    assert '<html lang="da">' in front and "<title>Budgetnotater, der kan genskabes</title>" in front
    # With an icon of its own the browser asks for no /favicon.ico (a 404 on the front page).
    assert (
        '<link rel="icon" href="_static/favicon.svg">' in front
        and (built_book / "_static" / "favicon.svg").is_file()
    )
    assert 'content="0; url=book/intro.html"' in front and '<a href="book/intro.html">' in front


def test_source_notebooks_are_not_written_over(built_book):
    """papermill writes executed copies elsewhere; the committed notebooks are untouched."""
    assert {p.name: p.read_bytes() for p in NOTEBOOKS_DIR.glob("*.ipynb")} == NOTEBOOKS_BEFORE


def test_chapter_pages_show_computed_numbers_not_code(built_book):
    page = (built_book / "notebooks" / "klager.html").read_text(encoding="utf-8")
    assert "1.564" in page and "580" in page and "437" in page
    assert "Målet blev ikke nået: 143 klager over målet" in page
    assert "data_dir = None" not in page  # the parameters cell is removed
    assert "klager.csv" in page and "data:text/csv" in page
    intro = (built_book / "book" / "intro.html").read_text(encoding="utf-8")
    assert "Kommuneqarfik Sermersooq" in intro


def test_plotly_js_is_served_once_and_loaded_only_by_pages_with_a_chart(built_book):
    library = built_book / "_static" / "plotly.min.js"
    chosen, _ = plotlyjs.choose()
    assert library.read_bytes() == chosen.read_bytes()  # the basic bundle when npm installed it
    assert plotlyjs.version(library) == get_plotlyjs_version()
    marker = library.read_text(encoding="utf-8")[
        :60
    ]  # its licence banner, which an inlined copy would carry too
    with_charts = 0
    for name in ["search", "genindex", *toc_files()]:
        page = built_book / f"{name}.html"
        html = page.read_text(encoding="utf-8")
        assert page.stat().st_size < 1_000_000, f"{name}.html is {page.stat().st_size:,} bytes"
        assert marker not in html, f"{name}.html inlines plotly.js"
        assert "fontawesome.js" not in html, f"{name}.html loads the theme's icon script"
        charts = 'class="plotly-graph-div"' in html
        with_charts += charts
        assert html.count("_static/plotly.min.js") == charts, f"{name}.html: plotly.js loaded {charts=}"
    assert with_charts >= 7


def test_bad_data_fails_before_anything_is_touched(tmp_path, data_copy, capsys):
    (data_copy / "complaints.csv").write_text("year,complaint_type\n", encoding="utf-8")
    html = tmp_path / "b" / "html"
    html.mkdir(parents=True)
    (html / "index.html").write_text("old book", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "analysis", "build", "--data", str(data_copy)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.returncode == 2
    assert "complaints.csv" in result.stderr and "Traceback" not in result.stderr


def test_a_failing_notebook_keeps_the_old_book(tmp_path, monkeypatch):
    broken = tmp_path / "broken.ipynb"
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 / 0")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, broken)
    monkeypatch.setattr(build, "chapter_notebooks", lambda: [broken])
    monkeypatch.setattr(build, "REPO_ROOT", tmp_path)
    old = tmp_path / "_build" / "html"
    old.mkdir(parents=True)
    (old / "index.html").write_text("old book", encoding="utf-8")
    with pytest.raises(build.BuildError, match=r"broken.ipynb, cell 1 \(1 / 0\): ZeroDivisionError"):
        build.build(build_dir=tmp_path / "_build", progress=lambda _: None)
    assert (old / "index.html").read_text(encoding="utf-8") == "old book"
    assert (tmp_path / "_build" / "executed" / "broken.ipynb").is_file()  # kept for inspection


def test_a_failing_jupyter_book_keeps_the_old_book(tmp_path, monkeypatch):
    def fail(stage):
        raise build.BuildError("jupyter-book build failed")

    monkeypatch.setattr(build, "jupyter_book", fail)
    monkeypatch.setattr(build, "chapter_notebooks", lambda: [])
    old = tmp_path / "html"
    old.mkdir()
    (old / "index.html").write_text("old book", encoding="utf-8")
    with pytest.raises(build.BuildError):
        build.build(build_dir=tmp_path, progress=lambda _: None)
    assert (old / "index.html").read_text(encoding="utf-8") == "old book"
    assert [p.name for p in tmp_path.iterdir()] == ["html"]  # no staging folder left behind


def test_publish_replaces_the_old_book_by_switching_a_link(tmp_path):
    (tmp_path / "new").mkdir()
    (tmp_path / "new" / "index.html").write_text("new", encoding="utf-8")
    (tmp_path / "html").mkdir()  # a book built before versions: taken over
    (tmp_path / "html" / "index.html").write_text("old", encoding="utf-8")
    version = outdir.publish(tmp_path / "new", tmp_path)
    assert (tmp_path / "html" / "index.html").read_text(encoding="utf-8") == "new"
    assert (tmp_path / "html").is_symlink() and (tmp_path / "html").resolve() == version
    assert os.readlink(tmp_path / "html") == f"books/{version.name}"  # relative: the folder may move
    assert sorted(p.name for p in tmp_path.iterdir()) == ["books", "html"]
    assert [p.name for p in (tmp_path / "books").iterdir()] == [version.name]


def test_help_explains_every_command():
    result = subprocess.run([sys.executable, "-m", "analysis", "--help"], capture_output=True, text=True)
    assert result.returncode == 0
    for command in ["build", "validate"]:
        assert command in result.stdout
    build_help = subprocess.run(
        [sys.executable, "-m", "analysis", "build", "--help"], capture_output=True, text=True
    ).stdout
    assert "--data" in build_help


def test_costs_chapter_shows_the_discrepancies_and_the_price_level_refusal(built_book):
    page = (built_book / "notebooks" / "udgifter.html").read_text(encoding="utf-8")
    assert "110,6 mio. kr." in page and "39,8 mio. kr." in page
    assert "kilden trykker -15.550, -7.750, -7.750 og -7.750" in page  # glued from the checks
    assert "afviger: fortegnet er vendt" in page and "000 - Børnefamilier med særlige behov" in page
    assert "Ingen sammenligning på tværs af prisniveauer" in page  # no index is shipped
    for csv in [
        "udgifter_so49.csv",
        "udgifter_oe501.csv",
        "tidsplan_oe501.csv",
        "udgifter.csv",
        "kontrol_af_summer.csv",
    ]:
        assert f'download="{csv}"' in page, csv


@pytest.mark.parametrize(
    "body, warning",
    [
        ("[a chapter](missing.md)", "missing"),  # a link to a page that does not exist
        ("{ref}`no-such-label`", "no-such-label"),  # a cross-reference to nothing
    ],
)
def test_the_strict_build_fails_on_a_broken_link_or_reference(tmp_path, body, warning):
    (tmp_path / "_config.yml").write_text(
        "title: t\nexecute:\n  execute_notebooks: 'off'\n", encoding="utf-8"
    )
    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: intro\n", encoding="utf-8")
    (tmp_path / "intro.md").write_text(f"# Intro\n\nSee {body}.\n", encoding="utf-8")
    with pytest.raises(build.BuildError, match=warning):
        build.jupyter_book(tmp_path)
