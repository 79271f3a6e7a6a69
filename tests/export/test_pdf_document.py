"""The one document the PDF is printed from (export/pdf.document), made of a small built book:
pages in the contents' order, ids made the page's own except those that styles and scripts find
things by, links within the book kept inside the document, other links to the HTML edition."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from analysis.export import pdf

PAGE = """<!DOCTYPE html><html><head><link rel="stylesheet" href="../_static/book.css"></head><body>
<article class="bd-article"><section id="om"><h1>{title}<a class="headerlink" href="#om">#</a></h1>
<style>#T_tbl-1_row0_col0 {{ font-weight: bold; }}</style>
<table id="T_tbl-1" class="book-table"><tr><td id="T_tbl-1_row0_col0">I alt</td></tr></table>
<p><a href="#om">her</a> <a href="{other}.html#om">der</a> <a href="ordliste.html">ordliste</a>
<a href="https://example.org/">ude</a> <a href="../hent/x.xlsx">fil</a></p>
<figure class="chart" aria-describedby="fig-abc-alt"><div id="fig-abc" class="plotly-graph-div"></div>
<figcaption class="chart-alt" id="fig-abc-alt"><strong>Figuren i tekst:</strong> Søjler.</figcaption>
</figure></section></article></body></html>"""


def small_book(folder: Path) -> Path:
    (folder / "notebooks").mkdir(parents=True)
    (folder / "book").mkdir()
    (folder / "notebooks" / "a.html").write_text(PAGE.format(title="Kapitel A", other="b"), encoding="utf-8")
    (folder / "notebooks" / "b.html").write_text(PAGE.format(title="Kapitel B", other="a"), encoding="utf-8")
    (folder / "book" / "intro.html").write_text(PAGE.format(title="Forside", other="../notebooks/a"))
    return folder


def printed(tmp_path) -> BeautifulSoup:
    parts = [(None, ["book/intro"]), ("Kapitler", ["notebooks/b", "notebooks/a", "notebooks/mangler"])]
    document = pdf.document(small_book(tmp_path), parts, "Bogen", "Udgave bygget i dag.", "")
    return BeautifulSoup(document.html({pdf.page_id("notebooks/a"): 7}), "html.parser")


def test_pages_come_in_the_contents_order_behind_a_cover_and_contents(tmp_path):
    soup = printed(tmp_path)
    assert [s["id"] for s in soup.select("section.print-page")] == [
        "side-book-intro",
        "side-notebooks-b",
        "side-notebooks-a",
    ]
    contents = [" ".join(li.get_text(" ").split()) for li in soup.select("nav.print-contents li")]
    assert contents == ["Forside 000", "Kapitler", "Kapitel B 000", "Kapitel A 7"]  # no page of a missing one
    assert soup.select_one(".print-cover h1").get_text() == "Bogen"


def test_ids_are_the_pages_own_but_for_tables_and_charts(tmp_path):
    soup = printed(tmp_path)
    b = soup.select_one("#side-notebooks-b")
    assert b.select_one("section")["id"] == "side-notebooks-b--om"
    assert b.select_one("table")["id"] == "T_tbl-1"  # its style rules find it by this id
    assert b.select_one("td")["id"] == "T_tbl-1_row0_col0"
    assert b.select_one(".plotly-graph-div")["id"] == "fig-abc"  # its script draws it by this id


def test_links_stay_in_the_document_where_they_can_and_lead_to_the_html_edition_otherwise(tmp_path):
    links = {a.get_text(): a["href"] for a in printed(tmp_path).select("#side-notebooks-b a")}
    assert links["her"] == "#side-notebooks-b--om"
    assert links["der"] == "#side-notebooks-a--om"
    assert links["ordliste"] == "notebooks/ordliste.html"  # not in the PDF: the HTML edition
    assert links["ude"] == "https://example.org/"
    assert links["fil"] == "hent/x.xlsx"


def test_a_chart_is_a_plain_block_whose_alternative_text_is_the_charts(tmp_path):
    chart = printed(tmp_path).select_one("#side-notebooks-a .plotly-graph-div")
    assert chart["aria-label"] == "Søjler."
    assert chart.find_parent("figure") is None  # its image is the one figure in the tagged PDF


def test_the_pdf_prints_from_a_thread_that_runs_an_asyncio_loop(tmp_path):
    """As in a Jupyter kernel, or after papermill: Playwright's sync API refuses such a thread."""
    import asyncio
    import threading

    from analysis.export import browser

    if browser.chromium() is None:
        pytest.skip("chromium is not installed")
    (tmp_path / "book").mkdir()
    (tmp_path / "book" / "intro.html").write_text(
        "<html><body><article><h1>Forside</h1><p>Tekst.</p></article></body></html>", encoding="utf-8"
    )
    target = tmp_path / "hent" / "bog.pdf"

    async def in_a_loop():
        pdf.write(tmp_path, target, "Bogen", [(None, ["book/intro"])], progress=lambda _: None)

    errors = []
    # A thread of the test's own, whatever loop the test process already has in its main thread.
    worker = threading.Thread(target=lambda: errors.extend(_raised(lambda: asyncio.run(in_a_loop()))))
    worker.start()
    worker.join()
    assert errors == []
    assert target.read_bytes()[:5] == b"%PDF-"


def _raised(call) -> list[BaseException]:
    try:
        call()
    except BaseException as error:  # noqa: BLE001 - handed to the test's own thread
        return [error]
    return []
