"""Every figure of the book as PNG and SVG, drawn as the page draws it.

The charts are read from the executed notebooks (`in_notebook`): the figure JSON each output
hands to plotly, and the div id ("fig-<12 hex>") the book renderer gave it on the page. `render`
draws them in Debian's chromium (export/browser.py), offline, with the plotly.js bundle the book
ships (its path is an argument: build/plotlyjs.py chooses it, and export/ cannot import build/),
so that an image has what the page has: the title, subtitle and source line, Danish number
formats and the book's colours. A PNG is drawn at twice the page's size (sharp in Word), an SVG
at the page's size. The figures' text was escaped when the chapters built them (present/charts);
nothing here unescapes it, and an SVG that holds a script or points outside itself is refused.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import os
import re
import shutil
import tempfile
import urllib.parse
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from analysis.export.browser import launched, offline

PLOTLY_JSON = "application/vnd.plotly.v1+json"
HIDDEN = {"remove-cell", "remove-output"}  # tags whose cell's outputs are not on the page
DIV = re.compile(r"<div\b[^>]*>")
DIV_ID = re.compile(r'\bid="(fig-[0-9a-f]{12})"')
CHART_CLASS = re.compile(r'\bclass="[^"]*\bplotly-graph-div\b')

# The page draws a chart 500 px high (unless its layout says otherwise) in a column about 800 px wide.
WIDTH, HEIGHT = 800, 500
FORMATS = ("png", "svg")
SCALE = {"png": 2, "svg": 1}
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
TIMEOUT_MS = 60_000  # for one image; plotly's toImage never takes more than a second or two
PROGRESS_EVERY = 10  # figures between two progress lines

BLANK_PAGE = """<!DOCTYPE html>
<html lang="da">
<head><meta charset="utf-8"><title>Figurer</title><script src="{plotly_js}"></script></head>
<body></body>
</html>
"""

TO_IMAGE = """async ([figure, options, timeout]) => {
    const late = new Promise((_, reject) =>
        setTimeout(() => reject(new Error(`no image after ${timeout} ms`)), timeout));
    return await Promise.race([Plotly.toImage(figure, options), late]);
}"""


class FigureError(RuntimeError):
    """A figure that could not be drawn; the message names its id."""


@dataclass(frozen=True)
class Figure:
    """One chart of the book: its id on the page ("fig-<12 hex>") and its plotly figure JSON
    (data, layout and, when given, config)."""

    id: str
    figure: dict


def in_notebook(path: Path) -> list[Figure]:
    """The charts of an executed notebook (nbformat 4) as the page shows them, in page order.
    A chart is an output with plotly's JSON whose HTML holds the book renderer's
    <div id="fig-..." class="plotly-graph-div">; outputs of cells tagged remove-cell or
    remove-output are not on the page and are left out."""
    notebook = json.loads(Path(path).read_text(encoding="utf-8"))
    charts = []
    for cell in notebook.get("cells", []):
        if HIDDEN & set(cell.get("metadata", {}).get("tags", [])):
            continue
        for output in cell.get("outputs", []):
            chart = _chart(output.get("data", {}))
            if chart is not None:
                charts.append(chart)
    return charts


def _chart(bundle: dict) -> Figure | None:
    if PLOTLY_JSON not in bundle:
        return None
    html = bundle.get("text/html", "")
    html = "".join(html) if isinstance(html, list) else html
    for div in DIV.findall(html):
        found = DIV_ID.search(div)
        if found and CHART_CLASS.search(div):
            return Figure(found.group(1), bundle[PLOTLY_JSON])
    return None


def render(
    figures: Sequence[Figure],
    names: Mapping[str, str],
    folder: Path,
    plotly_js: Path,
    cache: Path | None = None,
    progress: Callable[[str], None] | None = None,
    *,
    browser=None,
) -> dict[str, dict[str, Path]]:
    """Write folder/<names[id]>.png and .svg for every figure; returns {id: {"png": path, "svg": path}}.

    Each image is drawn by plotly.js (the file `plotly_js`, the bundle the book ships) in one
    offline chromium page, 800 px wide and as high as the figure's layout says (500 px if it says
    nothing); PNG at scale 2, SVG at scale 1. With `cache`, every image is kept there under a hash
    of what it is drawn from (the figure, the plotly.js file, size, format and scale), and a later
    call copies it instead of drawing it again; when every image is in the cache, no browser is
    started. `progress` gets a line now and then. `browser` is a launched Playwright browser to
    draw with, in the calling thread (the tests share one); by default chromium is launched for
    this call, in a thread of its own. A figure that cannot be drawn raises FigureError naming
    its id."""
    unique = _named(figures, names)
    for figure in unique:
        _check(figure)
    folder.mkdir(parents=True, exist_ok=True)
    bundle = hashlib.sha256(plotly_js.read_bytes()).hexdigest()
    targets = {figure.id: {f: folder / f"{names[figure.id]}.{f}" for f in FORMATS} for figure in unique}
    keys = {figure.id: {f: _key(figure, bundle, f) for f in FORMATS} for figure in unique}
    count = _Progress(len(unique), progress)
    to_draw = []
    for figure in unique:
        if cache is not None and all((cache / keys[figure.id][f]).is_file() for f in FORMATS):
            for f in FORMATS:
                shutil.copyfile(cache / keys[figure.id][f], targets[figure.id][f])
            count.done(cached=True)
        else:
            to_draw.append(figure)
    if to_draw:

        def draw_all(browser) -> None:
            with _drawing(plotly_js, browser) as draw:
                for figure in to_draw:
                    for f in FORMATS:
                        _write(draw(figure, f), targets[figure.id][f], cache, keys[figure.id][f])
                    count.done()

        if browser is not None:
            draw_all(browser)
        else:
            # Playwright's sync API refuses a thread that already runs it (the caller's own
            # browser) or an asyncio loop (a Jupyter kernel): chromium gets a thread of its own.
            with ThreadPoolExecutor(max_workers=1, thread_name_prefix="figures") as thread:
                thread.submit(draw_all, None).result()
    count.finish()
    return targets


def _named(figures: Sequence[Figure], names: Mapping[str, str]) -> list[Figure]:
    """The figures once each (a chart shown twice has one id), each with a file name of its own."""
    unique = list({figure.id: figure for figure in figures}.values())
    owners: dict[str, str] = {}
    for figure in unique:
        name = names.get(figure.id)
        if not name or name in (".", "..") or Path(name).name != name or "\\" in name:
            raise ValueError(f"figure {figure.id}: no usable file name (got {name!r})")
        if name in owners:
            raise ValueError(f"figures {owners[name]} and {figure.id} are both named {name!r}")
        owners[name] = figure.id
    return unique


def size(figure: Figure) -> tuple[int, int]:
    """Width and height in CSS pixels, as the page draws the chart."""
    return WIDTH, round(figure.figure.get("layout", {}).get("height") or HEIGHT)


def _key(figure: Figure, bundle: str, fmt: str) -> str:
    try:
        text = json.dumps(figure.figure, sort_keys=True, ensure_ascii=False)
    except (TypeError, ValueError) as error:
        raise FigureError(f"figure {figure.id} is not JSON: {error}") from error
    what = json.dumps([text, bundle, size(figure), fmt, SCALE[fmt]])
    return f"{hashlib.sha256(what.encode()).hexdigest()}.{fmt}"


class _Progress:
    def __init__(self, total: int, report: Callable[[str], None] | None):
        self.total, self.report, self.count, self.cached = total, report, 0, 0

    def done(self, cached: bool = False) -> None:
        self.count += 1
        self.cached += cached
        if self.report and self.count % PROGRESS_EVERY == 0 and self.count < self.total:
            self.report(f"Figures: {self.count} of {self.total} drawn as PNG and SVG")

    def finish(self) -> None:
        if self.report and self.total:
            kept = f" ({self.cached} from the cache)" if self.cached else ""
            self.report(f"Figures: {self.count} of {self.total} drawn as PNG and SVG{kept}")


def _write(content: bytes, target: Path, cache: Path | None, key: str) -> None:
    target.write_bytes(content)
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=cache, suffix=".part", delete=False) as part:
            part.write(content)
        os.replace(part.name, cache / key)  # whole or absent, even if the build is stopped


@contextlib.contextmanager
def _drawing(plotly_js: Path, browser) -> Iterator[Callable[[Figure, str], bytes]]:
    """draw(figure, format) -> the image's bytes, in one offline page that has loaded plotly.js."""
    with contextlib.ExitStack() as stack:
        if browser is None:
            browser = stack.enter_context(launched())
        context = browser.new_context(locale="da-DK")
        stack.callback(context.close)
        offline(context)
        blank = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="figures-"))) / "figures.html"
        blank.write_text(BLANK_PAGE.format(plotly_js=plotly_js.resolve().as_uri()), encoding="utf-8")
        tab = context.new_page()
        tab.goto(blank.as_uri())
        if not tab.evaluate("typeof Plotly === 'object' && typeof Plotly.toImage === 'function'"):
            raise FigureError(f"plotly.js did not load from {plotly_js}")
        trace_types = set(tab.evaluate("Object.keys(Plotly.PlotSchema.get().traces)"))
        yield lambda figure, fmt: _draw(tab, figure, fmt, trace_types)


def _draw(tab, figure: Figure, fmt: str, trace_types: set[str]) -> bytes:
    _check_traces(figure, trace_types)
    width, height = size(figure)
    options = {"format": fmt, "width": width, "height": height, "scale": SCALE[fmt]}
    try:
        url = tab.evaluate(TO_IMAGE, [figure.figure, options, TIMEOUT_MS])
    except Exception as error:  # Playwright's Error, or the page's own
        raise FigureError(f"figure {figure.id} could not be drawn as {fmt.upper()}: {error}") from error
    return _png(figure, url) if fmt == "png" else _svg(figure, url)


def _check(figure: Figure) -> None:
    """plotly.js draws an empty chart, and says nothing, for data it cannot read: refuse it here,
    before chromium starts."""
    content = figure.figure
    if not isinstance(content, dict):
        raise FigureError(f"figure {figure.id}: a figure is a JSON object, not {type(content).__name__}")
    data = content.get("data")
    if not isinstance(data, list) or not all(isinstance(trace, dict) for trace in data):
        raise FigureError(f"figure {figure.id}: its data is not a list of traces")
    for part in ("layout", "config"):
        if not isinstance(content.get(part, {}), dict):
            raise FigureError(f"figure {figure.id}: its {part} is not a JSON object")
    height = content.get("layout", {}).get("height")
    if height is not None and not (isinstance(height, int | float) and height > 0):
        raise FigureError(f"figure {figure.id}: its layout's height is {height!r}, not a number of pixels")


def _check_traces(figure: Figure, trace_types: set[str]) -> None:
    missing = sorted({str(trace.get("type", "scatter")) for trace in figure.figure["data"]} - trace_types)
    if missing:
        raise FigureError(f"figure {figure.id}: the book's plotly.js draws no {', '.join(missing)} traces")


def _png(figure: Figure, url: str) -> bytes:
    head, _, body = url.partition(",")
    content = base64.b64decode(body) if head == "data:image/png;base64" else b""
    if not content.startswith(PNG_SIGNATURE):
        raise FigureError(f"figure {figure.id}: plotly.js gave no PNG ({url[:40]!r})")
    return content


def _svg(figure: Figure, url: str) -> bytes:
    head, _, body = url.partition(",")
    if not head.startswith("data:image/svg+xml"):
        raise FigureError(f"figure {figure.id}: plotly.js gave no SVG ({url[:40]!r})")
    text = base64.b64decode(body).decode("utf-8") if head.endswith(";base64") else urllib.parse.unquote(body)
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError as error:
        raise FigureError(f"figure {figure.id}: the SVG is not XML: {error}") from error
    for element in root.iter():
        if element.tag.rpartition("}")[2].lower() in ("script", "foreignobject"):
            raise FigureError(f"figure {figure.id}: the SVG holds a <{element.tag}>")
        for name, value in element.attrib.items():
            if name.rpartition("}")[2] == "href" and not value.startswith(("data:", "#")):
                raise FigureError(f"figure {figure.id}: the SVG points outside itself ({value[:60]})")
    return text.encode("utf-8")
