"""The book's figures as PNG and SVG (export/figures.py): drawn offline in chromium with the plotly.js
the book ships, with the chart's title, source line, Danish numbers and colours; kept in a cache;
read from executed notebooks as the page shows them."""

from __future__ import annotations

import base64
import http.server
import json
import re
import struct
import threading
import urllib.parse
import xml.etree.ElementTree as ElementTree

import nbformat
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from analysis.build import plotlyjs
from analysis.export import browser as chromium
from analysis.export import figures
from analysis.export.figures import Figure
from analysis.present import charts
from analysis.vocabulary import PALETTE

PLOTLY_JS, _ = plotlyjs.choose()
TITLE = "Udgifterne steg fra 2021 til 2023"
HOSTILE = "Tal & <b>ikke fed</b> <script>alert(1)</script>"
SOURCE = "Fiktive tal til testen"


def hex_rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))


def chart(title: str = TITLE, ys=(1200, 2500, 3400), height: int | None = 420) -> Figure:
    """A figure as a chapter makes it: the book's template, style(), values in the thousands."""
    fig = go.Figure(go.Bar(x=["2021", "2022", "2023"], y=list(ys), name="Udgifter"))
    fig.update_yaxes(tickformat=",d")  # as the chapters' axes: plotly separates 4 digits only when told
    if height:
        fig.update_layout(height=height)
    charts.style(fig, title=title, subtitle=HOSTILE, source=SOURCE, alt="Søjler for tre år.")
    content = json.loads(fig.to_json())
    return Figure(charts.figure_id(content), content)


def png_size(path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n" and head[12:16] == b"IHDR"
    return struct.unpack(">II", head[16:24])


def svg_root(path) -> ElementTree.Element:
    return ElementTree.fromstring(path.read_text(encoding="utf-8"))


def texts(root: ElementTree.Element, css_class: str | None = None) -> list[str]:
    """The text of each <text> element (of the groups with `css_class`, if given), as read."""
    groups = [g for g in root.iter() if css_class in (g.get("class") or "").split()] if css_class else [root]
    return ["".join(t.itertext()) for g in groups for t in g.iter() if t.tag.endswith("}text")]


@pytest.fixture(scope="module")
def drawn(tmp_path_factory, browser):
    """One figure drawn the way the build draws: render() launches chromium itself. (`browser`
    is asked for only so that the module skips loudly without chromium.)"""
    folder = tmp_path_factory.mktemp("figures")
    figure = chart()
    lines: list[str] = []
    paths = figures.render([figure], {figure.id: "udgifter-1"}, folder, PLOTLY_JS, progress=lines.append)
    return figure, paths, lines


def test_the_png_is_twice_the_pages_size_and_has_the_books_colours(drawn, browser):
    figure, paths, _ = drawn
    png = paths[figure.id]["png"]
    assert png.name == "udgifter-1.png" and png_size(png) == (1600, 840)
    page = browser.new_page()
    try:
        colours = page.evaluate(
            """async (url) => {
                const image = new Image();
                image.src = url;
                await image.decode();
                const canvas = document.createElement("canvas");
                [canvas.width, canvas.height] = [image.width, image.height];
                const context = canvas.getContext("2d");
                context.drawImage(image, 0, 0);
                const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
                const counts = {};
                for (let i = 0; i < pixels.length; i += 4) {
                    const key = `${pixels[i]},${pixels[i + 1]},${pixels[i + 2]}`;
                    counts[key] = (counts[key] || 0) + 1;
                }
                return counts;
            }""",
            "data:image/png;base64," + base64.b64encode(png.read_bytes()).decode(),
        )
    finally:
        page.close()
    assert sum(colours.values()) == 1600 * 840
    assert max(colours, key=colours.get) == "255,255,255"  # the page's white
    bars = ",".join(map(str, hex_rgb(PALETTE[0])))  # the template's first colour
    assert colours.get(bars, 0) > 20_000, "the bars are not drawn in the book's first colour"
    assert len(colours) > 50  # text, anti-aliased, in greys


def test_the_svg_has_the_title_source_line_and_danish_ticks(drawn):
    figure, paths, _ = drawn
    svg = paths[figure.id]["svg"]
    assert svg.name == "udgifter-1.svg"
    root = svg_root(svg)
    assert (root.get("width"), root.get("height")) == ("800", "420")
    words = texts(root)
    assert TITLE in words
    assert f"Kilde: {SOURCE}" in words
    ticks = texts(root, "ytick")
    assert "1.000" in ticks and "3.000" in ticks, ticks
    assert not [t for t in ticks if "," in t], ticks
    assert f"rgb({', '.join(map(str, hex_rgb(PALETTE[0])))})" in svg.read_text(encoding="utf-8")


def test_text_stays_text_and_the_svg_has_no_script(drawn):
    figure, paths, _ = drawn
    text = paths[figure.id]["svg"].read_text(encoding="utf-8")
    root = ElementTree.fromstring(text)
    assert HOSTILE in texts(root)  # shown as written: neither bold nor markup
    assert "<script" not in text.lower()
    assert not [e for e in root.iter() if e.tag.rpartition("}")[2].lower() == "script"]
    assert not [t for t in texts(root) if t == "ikke fed"]  # no <b> made a span of its own


def test_one_figure_reports_one_line(drawn):
    assert drawn[2] == ["Figures: 1 of 1 drawn as PNG and SVG"]


def test_a_second_render_copies_from_the_cache_and_redraws_only_what_changed(tmp_path, browser, monkeypatch):
    drawn_now: list[tuple[str, str]] = []
    draw = figures._draw

    def counted(tab, figure, fmt, trace_types):
        drawn_now.append((figure.id, fmt))
        return draw(tab, figure, fmt, trace_types)

    monkeypatch.setattr(figures, "_draw", counted)
    first, second = chart(), chart(title="Udgifterne faldt", ys=(3400, 2500, 1200))
    names = {first.id: "a", second.id: "b"}
    cache = tmp_path / "cache"
    cold = figures.render([first, second], names, tmp_path / "cold", PLOTLY_JS, cache, browser=browser)
    assert sorted(drawn_now) == sorted((f.id, x) for f in (first, second) for x in ("png", "svg"))

    drawn_now.clear()
    monkeypatch.setattr(figures, "launched", lambda: pytest.fail("a warm cache started chromium"))
    lines: list[str] = []
    warm = figures.render([first, second], names, tmp_path / "warm", PLOTLY_JS, cache, lines.append)
    assert drawn_now == []
    assert lines == ["Figures: 2 of 2 drawn as PNG and SVG (2 from the cache)"]
    for figure in (first, second):
        for fmt in ("png", "svg"):
            assert warm[figure.id][fmt].read_bytes() == cold[figure.id][fmt].read_bytes()
            assert warm[figure.id][fmt].parent == tmp_path / "warm"

    changed = chart(title="Udgifterne faldt", ys=(3400, 2500, 1000))
    names[changed.id] = "b"
    figures.render([first, changed], names, tmp_path / "again", PLOTLY_JS, cache, browser=browser)
    assert sorted(drawn_now) == [(changed.id, "png"), (changed.id, "svg")]


def chart_output(figure_id: str, content: dict, html: str | None = None) -> dict:
    html = html or (
        f'<figure class="chart" aria-describedby="{figure_id}-alt"><div style="height:500px; width:100%;">'
        f'<div id="{figure_id}" class="plotly-graph-div" style="height:100%; width:100%;"></div>'
        f"<script>Plotly.newPlot(...)</script></div></figure>"
    )
    return nbformat.v4.new_output(
        "display_data", data={"application/vnd.plotly.v1+json": content, "text/html": html}
    )


def test_in_notebook_finds_the_charts_the_page_shows_in_page_order(tmp_path):
    shown, by_renderer = chart(title="Vist"), chart(title="Vist af bogens renderer")
    bundle = pio.renderers._build_mime_bundle(by_renderer.figure, renderers_string="plotly_mimetype+book")
    hidden = {"remove-cell": chart(title="Fjernet celle"), "remove-output": chart(title="Fjernet output")}
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_markdown_cell("# Kapitel"),
        nbformat.v4.new_code_cell(
            outputs=[
                nbformat.v4.new_output("stream", name="stdout", text="1.000\n"),
                chart_output(shown.id, shown.figure),
                nbformat.v4.new_output("execute_result", data={"text/plain": "42"}, execution_count=1),
            ]
        ),
        *[
            nbformat.v4.new_code_cell(metadata={"tags": [tag]}, outputs=[chart_output(f.id, f.figure)])
            for tag, f in hidden.items()
        ],
        nbformat.v4.new_code_cell(
            outputs=[
                chart_output("fig-0123456789ab", shown.figure, html="<p>Ingen figur her</p>"),
                nbformat.v4.new_output(
                    "display_data", data={"text/html": chart_output(shown.id, {})["data"]["text/html"]}
                ),
            ]
        ),
        nbformat.v4.new_code_cell(
            metadata={"tags": ["hide-input"]},
            outputs=[nbformat.v4.new_output("display_data", data=bundle)],
        ),
    ]
    path = tmp_path / "kapitel.ipynb"
    nbformat.write(notebook, path)
    found = figures.in_notebook(path)
    assert [f.id for f in found] == [shown.id, charts.figure_id(by_renderer.figure)]
    assert found[0].figure == shown.figure
    assert found[1].figure["data"] == by_renderer.figure["data"]
    assert found[1].figure["layout"]["title"] == by_renderer.figure["layout"]["title"]


class Counting(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self):
        Counting.requests.append(self.path)
        self.send_response(404)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_nothing_is_fetched_from_the_internet_and_the_figure_still_draws(tmp_path, browser):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Counting)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        figure = chart(height=None)
        images = [
            dict(source=url, xref="paper", yref="paper", x=0, y=1, sizex=0.3, sizey=0.3)
            for url in (f"http://127.0.0.1:{server.server_port}/logo.png", "https://example.org/x.png")
        ]
        figure.figure["layout"]["images"] = images
        paths = figures.render([figure], {figure.id: "ude"}, tmp_path, PLOTLY_JS, browser=browser)
    finally:
        server.shutdown()
    assert Counting.requests == []
    assert png_size(paths[figure.id]["png"]) == (1600, 1000)  # no layout height: 500 px, as on the page
    text = paths[figure.id]["svg"].read_text(encoding="utf-8")
    assert svg_root(paths[figure.id]["svg"]).get("height") == "500"
    assert TITLE in text and "127.0.0.1" not in text and "example.org" not in text


@pytest.mark.parametrize(
    "broken, why",
    [
        (lambda f: f.update(data="ikke en liste"), "not a list of traces"),
        (lambda f: f.update(data=[{"type": "choropleth", "z": [1]}]), "draws no choropleth"),
        (lambda f: f.update(layout="ikke et objekt"), "layout is not a JSON object"),
        (lambda f: f["layout"].update(height="høj"), "height is 'høj', not a number of pixels"),
    ],
    ids=["data-not-a-list", "trace-not-in-bundle", "layout-not-an-object", "height-not-a-number"],
)
def test_a_figure_that_cannot_be_drawn_raises_naming_its_id(tmp_path, browser, broken, why):
    good, bad = chart(title="God"), chart(title="Brudt")
    broken(bad.figure)
    with pytest.raises(figures.FigureError, match=re.escape(why)) as raised:
        figures.render([good, bad], {good.id: "god", bad.id: "brudt"}, tmp_path, PLOTLY_JS, browser=browser)
    assert bad.id in str(raised.value) and good.id not in str(raised.value)


def test_a_file_that_is_not_plotly_js_is_refused(tmp_path, browser):
    fake = tmp_path / "plotly.min.js"
    fake.write_text("window.notPlotly = true;", encoding="utf-8")
    figure = chart()
    with pytest.raises(figures.FigureError, match="plotly.js did not load"):
        figures.render([figure], {figure.id: "x"}, tmp_path / "out", fake, browser=browser)


@pytest.mark.parametrize(
    "names, why",
    [
        ({}, "no usable file name"),
        ({"A": "../ude"}, "no usable file name"),
        ({"A": "sub/fil"}, "no usable file name"),
        ({"A": "samme", "B": "samme"}, "are both named 'samme'"),
    ],
)
def test_every_figure_needs_a_file_name_of_its_own(tmp_path, names, why):
    first, second = chart(), chart(title="Anden")
    names = {{"A": first.id, "B": second.id}[key]: name for key, name in names.items()}
    with pytest.raises(ValueError, match=re.escape(why)):
        figures.render([first, second], names, tmp_path, PLOTLY_JS)
    assert list(tmp_path.iterdir()) == []


def test_without_chromium_the_one_line_says_how_to_get_it(tmp_path, monkeypatch):
    monkeypatch.setattr(chromium, "chromium", lambda: None)
    figure = chart()
    with pytest.raises(chromium.NoBrowser, match="apt-get install chromium"):
        figures.render([figure], {figure.id: "x"}, tmp_path, PLOTLY_JS)


def test_progress_is_told_now_and_then_not_for_every_figure(tmp_path, browser, monkeypatch):
    monkeypatch.setattr(figures, "_draw", lambda tab, figure, fmt, trace_types: b"drawn")
    many = [chart(title=f"Figur {n}") for n in range(1, 12)]
    lines: list[str] = []
    figures.render(
        many,
        {f.id: f"figur-{n}" for n, f in enumerate(many)},
        tmp_path,
        PLOTLY_JS,
        None,
        lines.append,
        browser=browser,
    )
    assert lines == ["Figures: 10 of 11 drawn as PNG and SVG", "Figures: 11 of 11 drawn as PNG and SVG"]
    assert len(list(tmp_path.iterdir())) == 22


@pytest.mark.parametrize(
    "svg, why",
    [
        ('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "holds a <"),
        (
            '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
            '<image xlink:href="https://example.org/x.png"/></svg>',
            "points outside itself",
        ),
        ("<svg><text>ikke lukket</svg>", "not XML"),
    ],
    ids=["script", "outside-link", "not-xml"],
)
def test_an_svg_with_a_script_or_a_link_outside_itself_is_refused(svg, why):
    figure = chart()
    with pytest.raises(figures.FigureError, match=re.escape(why)) as raised:
        figures._svg(figure, "data:image/svg+xml," + urllib.parse.quote(svg))
    assert figure.id in str(raised.value)
