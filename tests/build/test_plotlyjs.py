"""Which plotly.js the book ships (plotlyjs.py), and that only pages with a chart load it
(sphinx_ext.py). The built book's pages are weighed in the browser: tests/book/test_browser.py."""

import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import skip_loudly
from plotly.offline import get_plotlyjs_version

from analysis.build import pipeline, plotlyjs, sphinx_ext
from analysis.data import DataFolder
from analysis.paths import REPO_ROOT

VERSION = get_plotlyjs_version()


def bundle(folder: Path, banner: str) -> Path:
    path = folder / "plotly-basic.min.js"
    path.write_text(f"/**\n* {banner}\n* Copyright 2012-2026, Plotly, Inc.\n*/\n(function(){{}})", "utf-8")
    return path


def test_the_basic_bundle_at_the_python_packages_version_is_shipped_without_a_word(tmp_path):
    basic = bundle(tmp_path, f"plotly.js (basic - minified) v{VERSION}")
    assert plotlyjs.choose(basic) == (basic, None)


@pytest.mark.parametrize(
    "banner, why",
    [
        (None, "plotly.js-basic-dist-min is not installed (run `npm ci`, or `make book`)"),
        (
            "plotly.js (basic - minified) v3.0.1",
            f"plotly.js-basic-dist-min is v3.0.1, but the plotly package draws with v{VERSION}",
        ),
        ("some other script", "states no plotly.js version"),
    ],
    ids=["missing", "other-version", "no-banner"],
)
def test_otherwise_the_full_library_is_shipped_with_one_warning_line(tmp_path, banner, why):
    basic = bundle(tmp_path, banner) if banner else tmp_path / "plotly-basic.min.js"
    chosen, warning = plotlyjs.choose(basic)
    assert chosen == plotlyjs.FULL and plotlyjs.version(chosen) == VERSION
    assert warning.startswith("warning: ") and why in warning and "\n" not in warning
    assert warning.endswith(
        f"chart pages load the full plotly.js ({plotlyjs.FULL.stat().st_size / 1e6:.1f} MB) instead"
    )


def test_package_json_pins_the_basic_bundle_at_the_python_packages_plotly_js():
    package = json.loads((REPO_ROOT / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((REPO_ROOT / "package-lock.json").read_text(encoding="utf-8"))
    assert package["dependencies"][plotlyjs.PACKAGE] == VERSION
    assert lock["packages"][f"node_modules/{plotlyjs.PACKAGE}"]["version"] == VERSION


def test_the_installed_basic_bundle_is_the_one_shipped():
    if not plotlyjs.BASIC.is_file():
        skip_loudly("plotly.js-basic-dist-min is not installed (npm ci): THE BOOK SHIPS THE FULL plotly.js")
    assert plotlyjs.version(plotlyjs.BASIC) == VERSION
    assert plotlyjs.choose() == (plotlyjs.BASIC, None)
    assert plotlyjs.BASIC.stat().st_size < plotlyjs.FULL.stat().st_size / 3


class App:
    """What the extension's handlers use of Sphinx's application."""

    def __init__(self, srcdir: Path):
        self.srcdir, self.scripts = srcdir, []

    def add_js_file(self, filename, **attributes):
        self.scripts.append(filename)


def staged(tmp_path: Path) -> Path:
    (tmp_path / "_plotly").mkdir()
    (tmp_path / "_plotly" / "plotly.min.js").write_text("/* plotly */", encoding="utf-8")
    return tmp_path


CHART = '<figure class="chart"><div id="fig-1" class="plotly-graph-div" style="height:500px"></div></figure>'


def test_the_extension_loads_plotly_js_on_a_page_only_when_it_holds_a_chart(tmp_path):
    app = App(staged(tmp_path))
    for body in ["<p>Ingen figur; ordet plotly-graph-div i teksten er ingen figur.</p>", "", None]:
        context = {"body": body} if body is not None else {}
        sphinx_ext._load_plotly_where_charts_are(app, "book/intro", "page.html", context, None)
    assert app.scripts == []
    sphinx_ext._load_plotly_where_charts_are(app, "notebooks/klager", "page.html", {"body": CHART}, None)
    assert app.scripts == ["plotly.min.js"]


def test_the_extension_serves_the_staged_bundle_from_static_and_warns_when_none_was_staged(tmp_path, caplog):
    config = SimpleNamespace(html_static_path=["_static"])
    sphinx_ext._serve_plotly(App(tmp_path), config)
    assert config.html_static_path == ["_static"]  # nothing staged: nothing served
    sphinx_ext._load_plotly_where_charts_are(
        App(tmp_path), "notebooks/klager", "page.html", {"body": CHART}, None
    )
    assert "notebooks/klager draws a chart, but no _plotly/plotly.min.js was staged" in caplog.text
    sphinx_ext._serve_plotly(App(staged(tmp_path)), config)
    assert config.html_static_path == ["_static", str(tmp_path / "_plotly")]


@pytest.fixture
def fake_book(monkeypatch):
    """A build with no notebooks whose jupyter-book records the plotly.js staged for it."""
    monkeypatch.setattr(DataFolder, "validate_all", lambda self: {})
    monkeypatch.setattr(pipeline, "chapter_notebooks", lambda: [])
    staged_bundles = []

    def jupyter_book(stage):
        staged_bundles.append((stage / "_plotly" / "plotly.min.js").read_bytes())
        html = stage / "_build" / "html"
        html.mkdir(parents=True)
        (html / "index.html").write_text("new book", encoding="utf-8")

    monkeypatch.setattr(pipeline, "jupyter_book", jupyter_book)
    return staged_bundles


def test_without_the_basic_bundle_the_build_ships_the_full_library_and_rebuilds_once_it_is_there(
    tmp_path, monkeypatch, fake_book
):
    monkeypatch.setattr(plotlyjs, "BASIC", tmp_path / "node_modules" / "plotly-basic.min.js")
    printed = []
    pipeline.build(build_dir=tmp_path / "out", progress=printed.append)
    assert fake_book == [plotlyjs.FULL.read_bytes()]
    warnings = [line for line in printed if line.startswith("warning")]
    assert len(warnings) == 1 and "plotly.js-basic-dist-min is not installed" in warnings[0], printed

    plotlyjs.BASIC.parent.mkdir()
    basic = bundle(plotlyjs.BASIC.parent, f"plotly.js (basic - minified) v{VERSION}")
    printed.clear()
    pipeline.build(build_dir=tmp_path / "out", progress=printed.append)
    assert fake_book[1:] == [basic.read_bytes()]  # the HTML was built again, with the basic bundle
    assert not [line for line in printed if line.startswith("warning")], printed
