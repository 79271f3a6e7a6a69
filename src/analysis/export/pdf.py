"""The whole book as one PDF, printed by chromium from the built HTML, offline.

The pages' articles are put together in one document in the order of the table of contents (each
page's ids and links made its own, links between pages made links within the PDF, links to
anything else made links to the HTML edition), behind a cover and a table of contents. chromium
prints it twice: the first print's named destinations tell on which page each chapter begins, and
the second print has those numbers in its contents. The PDF is tagged (headings, tables with their
header cells, each chart a figure whose alternative text is the chart's text alternative) and has
bookmarks. Figures stay vector graphics (plotly draws SVG); a table wider than the page is scaled
down to fit it; code is left out.
"""

from __future__ import annotations

import html
import os
import re
import tempfile
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup

from analysis.export import browser

PRINT_CSS = Path(__file__).with_name("print.css")
CONTENTS = "indhold"  # the id of the contents, a named destination of the PDF
PRINT_FILE = "_print.html"  # written beside index.html while printing, then removed
A4_CONTENT_PX = 672  # A4's width less the page margins (16 mm each side), in CSS pixels
A4_CONTENT_HEIGHT_PX = 900  # a little less than its height less the margins (38 mm): 979 px
FOOTER = (
    '<div style="font-size:8pt;width:100%;text-align:center;color:#505a5f;">'
    '<span class="pageNumber"></span></div>'
)
MIN_SCALE = 0.45  # a table is scaled down to fit the page, but never below this

Part = tuple[str | None, Sequence[str]]  # a caption of the contents and its pages (paths without .html)


def page_id(page: str) -> str:
    return "side-" + re.sub(r"[^a-z0-9]+", "-", page.lower()).strip("-")


def _article(html_folder: Path, page: str, pages: set[str], base: str) -> tuple[str, str]:
    """A page's article, its ids and links made fit for the one document; and its title."""
    path = html_folder / f"{page}.html"
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    article = soup.find("article") or soup.body
    prefix = f"{page_id(page)}--"
    _own_ids(article, prefix)
    for tag in article.find_all(["a", "link"], href=True):
        tag["href"] = _link(tag["href"], page, prefix, pages, base)
    for tag in article.find_all("img", src=True):
        tag["src"] = urljoin(page, tag["src"])
    for chart in article.select("figure.chart"):
        _chart_for_paper(chart)
    for folded in article.find_all("details"):
        if "hide" not in (folded.get("class") or []):  # what a reader unfolds is on paper; code is not
            folded["open"] = ""
    heading = article.find("h1")
    title = heading.get_text(" ", strip=True).rstrip("#¶ ") if heading else page
    return f'<section class="print-page" id="{page_id(page)}">{article.decode_contents()}</section>', title


def _own_ids(article, prefix: str) -> None:
    """Give the article's ids (and what refers to them) the page's prefix, but for two kinds: a
    chart's own script draws it by its id, and a table's style rules find its cells by theirs
    (pandas' T_...); those are made of the content, so unique anyway."""
    for tag in article.find_all(id=True):
        if not (str(tag["id"]).startswith("T_") or "plotly-graph-div" in (tag.get("class") or [])):
            tag["id"] = prefix + tag["id"]
    for attribute in ("aria-describedby", "aria-labelledby", "for"):
        for tag in article.find_all(attrs={attribute: True}):
            tag[attribute] = " ".join(prefix + part for part in str(tag[attribute]).split())


def _chart_for_paper(chart) -> None:
    """A chart's <figure> as a plain block whose drawing carries the text alternative: in print the
    drawing becomes an image (AS_IMAGES), the one figure of the tagged PDF."""
    chart.name = "div"
    alt = chart.select_one("figcaption.chart-alt")
    if alt is not None:
        alt.name = "p"
    graph = chart.select_one(".plotly-graph-div")
    if graph is not None:
        graph["aria-label"] = (
            alt.get_text(" ", strip=True).removeprefix("Figuren i tekst:").strip() if alt else ""
        )


def _link(href: str, page: str, prefix: str, pages: set[str], base: str) -> str:
    """A link of `page` as the one document has it: within the document where the target is in it,
    else to the HTML edition (`base`: its web address, or "" for a path within the HTML folder)."""
    parts = urlsplit(href)
    if parts.scheme or href.startswith("//"):
        return href  # a web address, mailto: ...
    if not parts.path:
        return f"#{prefix}{parts.fragment}" if parts.fragment else href
    target = urljoin(page, parts.path)
    stem = target.removesuffix(".html")
    if stem in pages:
        return f"#{page_id(stem)}--{parts.fragment}" if parts.fragment else f"#{page_id(stem)}"
    return base + target + (f"#{parts.fragment}" if parts.fragment else "")


def _contents(parts: Sequence[Part], titles: dict[str, str], numbers: dict[str, int]) -> str:
    rows = []
    for caption, pages in parts:
        if caption:
            rows.append(f'<li class="part"><span>{html.escape(caption)}</span></li>')
        for page in pages:
            number = numbers.get(page_id(page))
            shown = str(number) if number is not None else "000"  # the same width in both prints
            rows.append(
                f'<li><a href="#{page_id(page)}">{html.escape(titles[page])}</a>'
                f'<span class="dots"></span><span class="page">{shown}</span></li>'
            )
    return (
        f'<nav class="print-contents" id="{CONTENTS}" aria-label="Indhold"><h2>Indhold</h2>'
        f"<ol>{''.join(rows)}</ol></nav>"
    )


@dataclass(frozen=True)
class Printed:
    """The book as one HTML document, but for its contents' page numbers (see `html`)."""

    head: str
    cover: str
    parts: Sequence[Part]
    titles: dict[str, str]
    articles: str

    def html(self, numbers: dict[str, int]) -> str:
        """The document, its contents giving the page (from 1) of each named place in `numbers`."""
        contents = _contents(self.parts, self.titles, numbers)
        return f"{self.head}<body>{self.cover}{contents}{self.articles}</body></html>"


def document(html_folder: Path, parts: Sequence[Part], title: str, edition: str, base: str) -> Printed:
    """The built book in `html_folder` as one document (to be written beside its index.html),
    its pages in the order of `parts`; `base` is the web address of the HTML edition, or "" for
    links within the HTML folder (made relative to the PDF when it is printed: `relative_links`)."""
    pages = [page for _, ps in parts for page in ps if (html_folder / f"{page}.html").is_file()]
    parts = [(caption, [p for p in ps if p in pages]) for caption, ps in parts]
    articles, titles = [], {}
    for page in pages:
        article, titles[page] = _article(html_folder, page, set(pages), base)
        articles.append(article)
    where = base + "index.html"
    shown = where if base else "index.html i bogens mappe"
    cover = (
        f'<section class="print-cover"><h1>{html.escape(title)}</h1><p>{html.escape(edition)}</p>'
        f"<p>Bogen findes også som hjemmeside med interaktive figurer og tallene til at hente: "
        f'<a href="{html.escape(where)}">{html.escape(shown)}</a>.</p></section>'
    )
    return Printed(_head(html_folder, title), cover, parts, titles, "".join(articles))


def _head(html_folder: Path, title: str) -> str:
    first = next(iter(sorted(html_folder.glob("book/*.html"))), None) or html_folder / "index.html"
    soup = BeautifulSoup(first.read_text(encoding="utf-8"), "html.parser")
    sheets = [
        urljoin(first.relative_to(html_folder).as_posix(), link["href"])
        for link in soup.find_all("link", rel="stylesheet", href=True)
    ]
    links = "".join(f'<link rel="stylesheet" href="{html.escape(s)}">' for s in sheets)
    plotly = "_static/plotly.min.js"
    script = f'<script src="{plotly}"></script>' if (html_folder / plotly).is_file() else ""
    return (
        f'<!DOCTYPE html><html lang="da" data-theme="light" data-mode="light"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title>{links}<style>{PRINT_CSS.read_text(encoding='utf-8')}</style>"
        f"{script}</head>"
    )


FIT_TABLES = f"""() => {{
  for (const table of document.querySelectorAll('table')) {{
    const room = table.parentElement.clientWidth || {A4_CONTENT_PX};
    if (table.scrollWidth > room) {{
      table.style.zoom = Math.max({MIN_SCALE}, room / table.scrollWidth);
    }}
    if (table.getBoundingClientRect().height < {A4_CONTENT_HEIGHT_PX}) {{
      table.style.breakInside = 'avoid';  // a table that fits on a page stays whole, with its caption
    }}
  }}
}}"""

DRAWN = (
    """() => [...document.querySelectorAll('.plotly-graph-div')].every(d => d.querySelector('.main-svg'))"""
)

# Each chart becomes one SVG image of itself, at the width of the page: still vector graphics, and
# tagged as one figure whose alternative text is the chart's (a drawn chart is many SVG elements,
# each of which chromium would tag as a figure without one).
AS_IMAGES = """async () => {
  for (const chart of [...document.querySelectorAll('.plotly-graph-div')]) {
    const width = chart.clientWidth, height = chart.clientHeight;
    const url = await Plotly.toImage(chart, {format: 'svg', width, height});
    const image = new Image(width, height);
    image.alt = chart.getAttribute('aria-label') || '';
    image.className = 'print-chart';
    const loaded = new Promise(done => { image.onload = done; image.onerror = done; });
    image.src = url;
    chart.replaceWith(image);
    await loaded;
  }
}"""


def _print(browser_, document_path: Path, target: Path) -> None:
    context = browser_.new_context(viewport={"width": A4_CONTENT_PX, "height": 1000})
    browser.offline(context)
    try:
        page = context.new_page()
        page.emulate_media(media="print")
        page.goto(document_path.as_uri(), wait_until="load")
        page.wait_for_function(DRAWN, timeout=60_000)
        page.evaluate(AS_IMAGES)
        page.evaluate(FIT_TABLES)
        page.pdf(
            path=str(target),
            format="A4",
            margin={"top": "18mm", "bottom": "20mm", "left": "16mm", "right": "16mm"},
            print_background=True,
            display_header_footer=True,
            header_template="<span></span>",
            footer_template=FOOTER,
            tagged=True,
            outline=True,
        )
    finally:
        context.close()


def page_numbers(pdf: Path) -> dict[str, int]:
    """The page (from 1) each named destination of the PDF lies on: chromium names them by id."""
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    return {
        name.lstrip("/"): reader.get_destination_page_number(dest) + 1
        for name, dest in reader.named_destinations.items()
    }


def relative_links(pdf: Path, html_folder: Path) -> int:
    """Make the PDF's links into the HTML folder relative to the PDF, and return how many: chromium
    writes every link as an absolute address, which for a file is where the book was built."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject, TextStringObject

    built = html_folder.resolve().as_uri() + "/"
    up = os.path.relpath(html_folder.resolve(), pdf.resolve().parent).replace(os.sep, "/") + "/"
    writer = PdfWriter(clone_from=PdfReader(pdf))
    changed = 0
    for page in writer.pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            uri = str(action.get("/URI", "")) if action is not None else ""
            if uri.startswith(built):
                action[NameObject("/URI")] = TextStringObject(up + uri.removeprefix(built))
                changed += 1
    with open(pdf, "wb") as file:
        writer.write(file)
    return changed


def write(
    html_folder: Path,
    target: Path,
    title: str,
    parts: Sequence[Part],
    edition: str = "",
    address: str = "",
    progress: Callable[[str], None] = print,
) -> float:
    """Print the built book in `html_folder` as `target` (written whole or not at all); returns the
    seconds it took. Its links to the HTML edition lead to `address` (its web address) if given,
    else to the HTML folder, relative to the PDF (which works wherever the folder is copied)."""
    started = time.perf_counter()
    printed = document(html_folder, parts, title, edition, address)
    doc = html_folder / PRINT_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, first = tempfile.mkstemp(suffix=".pdf", dir=target.parent)
    os.close(handle)
    first = Path(first)

    def print_twice() -> None:
        with browser.launched() as chromium:
            doc.write_text(printed.html({}), encoding="utf-8")
            _print(chromium, doc, first)
            numbers = page_numbers(first)
            progress(f"  the PDF has its contents' page numbers ({len(numbers)} places found)")
            doc.write_text(printed.html(numbers), encoding="utf-8")
            _print(chromium, doc, first)

    try:
        # Playwright's sync API refuses a thread that runs an asyncio loop (a Jupyter kernel, or
        # what papermill leaves behind): chromium gets a thread of its own.
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="pdf") as thread:
            thread.submit(print_twice).result()
        relative_links(first, html_folder)
        first.chmod(0o644)  # mkstemp makes it readable by its owner only; the book is for everyone
        os.replace(first, target)
    finally:
        first.unlink(missing_ok=True)
        doc.unlink(missing_ok=True)
    return time.perf_counter() - started
