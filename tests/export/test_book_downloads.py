"""The built book's downloads: every table's workbook holds what the page shows, every figure has
its PNG and SVG, the book has its workbook and PDF, and the links under tables and figures lead to
them. Compared with the HTML pages and with the numbers ledger, not with the code that wrote them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from openpyxl import load_workbook

from analysis.export import workbooks
from analysis.notebooks import toc_files
from analysis.present import danish
from analysis.present.tables import FORMULA_START

NUMBER_TEXT = re.compile(r"^(-?[\d.]+(,\d+)?( pct\.)?|-)$")  # a number as the page writes it; "-" is zero


def pages(built_book: Path) -> dict[str, BeautifulSoup]:
    found = {}
    for name in toc_files():
        page = built_book / f"{name}.html"
        if page.is_file():
            found[name] = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    return found


@pytest.fixture(scope="module")
def book_pages(built_book) -> dict[str, BeautifulSoup]:
    return pages(built_book)


def linked(page_file: Path, anchor) -> Path:
    return (page_file.parent / anchor["href"]).resolve()


def html_table(table) -> tuple[list[str], list[list[str]]]:
    """A table's headers and cells as a reader sees them (a line break reads as a space)."""
    for br in table.find_all("br"):
        br.replace_with(" ")
    text = lambda cell: " ".join(cell.get_text().split())
    return [text(th) for th in table.select("thead th")], [
        [text(td) for td in tr.select("td")] for tr in table.select("tbody tr")
    ]


def unneutralised(text: str) -> str:
    """A text cell as the page shows it: without the "'" that keeps a spreadsheet from running it,
    and with the hyphen where the workbook typesets a list dash or a minus (tables.typeset)."""
    if text.startswith("\u2013 ") or re.match("\u2212\\d", text):
        return "-" + text[1:]
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_START) else text


def cell_text(cell) -> str:
    """A workbook cell written as the page writes it (its number format's decimals and unit)."""
    value = cell.value
    if not isinstance(value, (int, float)):
        return " ".join(unneutralised(str(value)).split())  # as a browser shows it
    fmt = cell.number_format
    if fmt.endswith(';"-"') and value == 0:
        return "-"
    decimals = len(fmt.split(".")[1].split('"')[0].split(";")[0]) if "." in fmt.split(";")[0] else 0
    return danish.number(value, decimals) + (" pct." if "pct." in fmt else "")


def test_every_table_links_to_a_workbook_sheet_holding_what_the_page_shows(built_book, book_pages):
    checked = 0
    for name, soup in book_pages.items():
        for table in soup.select("table.book-table"):
            container = table.find_parent("div", class_="pst-scrollable-table-container")
            link = container.find_next_sibling("p", class_="downloads")
            assert link is not None and "Hent tabellen som Excel" in link.get_text(), (
                f"{name}: {table['id']} has no link"
            )
            excel = link.find("a", string="Hent tabellen som Excel")
            sheet_name = re.search(r"arket »(.+?)«", link.get_text())[1]
            sheet = load_workbook(linked(built_book / f"{name}.html", excel))[sheet_name]
            headers, rows = html_table(table)
            assert unneutralised(sheet["A1"].value) == " ".join(table.caption.get_text(" ").split())
            got = [unneutralised(str(c.value)) for c in sheet[workbooks.HEADER_ROW]][: len(headers)]
            assert got == headers, f"{name} {sheet_name}"
            for r, row in enumerate(rows, start=workbooks.HEADER_ROW + 1):
                for c, text in enumerate(row, start=1):
                    cell = sheet.cell(r, c)
                    if (text, cell.value) in [
                        (danish.MISSING, workbooks.NOT_GIVEN),
                        ("", workbooks.NOT_APPLICABLE),
                    ]:
                        continue
                    if isinstance(cell.value, (int, float)):
                        assert NUMBER_TEXT.match(text), f"{name} {sheet_name} {cell.coordinate}: {text!r}"
                    assert cell_text(cell) == unneutralised(text), f"{name} {sheet_name} {cell.coordinate}"
            checked += 1
    assert checked >= 20  # the shipped book has tables in most chapters


def test_every_number_of_a_table_in_the_ledger_is_in_its_chapters_workbook(built_book):
    entries = json.loads((built_book / "ledger.json").read_text(encoding="utf-8"))["entries"]
    by_chapter: dict[str, set[float]] = {}
    for entry in entries:
        if entry["key"].startswith("tabel |") and entry["value"] is not None and entry["kind"] == "number":
            by_chapter.setdefault(entry["chapter"], set()).add(round(entry["value"], 6))
    assert by_chapter
    for chapter, values in by_chapter.items():
        book = load_workbook(built_book / "hent" / f"{chapter}-tabeller.xlsx")
        cells = {
            round(float(c.value), 6)
            for sheet in book.worksheets[3:]
            for row in sheet.iter_rows(min_row=workbooks.HEADER_ROW + 1)
            for c in row
            if isinstance(c.value, (int, float))
        }
        assert values <= cells, f"{chapter}: {sorted(values - cells)[:5]} not in its workbook"


def test_the_books_workbook_holds_every_table(built_book, book_pages):
    shown = sum(len(soup.select("table.book-table")) for soup in book_pages.values())
    book = load_workbook(built_book / "hent" / "bogens-tabeller.xlsx")
    assert book.sheetnames[:3] == ["Forside", "Indhold", "Noter"]
    assert len(book.sheetnames) - 3 == shown


def test_every_figure_links_to_its_png_and_svg(built_book, book_pages):
    drawn = 0
    for name, soup in book_pages.items():
        for figure in soup.select("figure.chart"):
            link = figure.find_next_sibling("p", class_="downloads")
            assert link is not None, f"{name}: a figure without its downloads"
            png, svg = (linked(built_book / f"{name}.html", link.find("a", string=k)) for k in ("PNG", "SVG"))
            assert all(a.get_text() in a["aria-label"] for a in link.find_all("a"))  # WCAG 2.5.3
            assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
            title = figure.select_one(".plotly-graph-div")
            assert svg.read_text(encoding="utf-8").lstrip().startswith("<svg"), svg
            assert title is not None
            drawn += 1
    assert drawn >= 10


def test_budget_tables_link_to_their_notes_word_document(built_book, book_pages):
    links = [
        a for a in book_pages["notebooks/udgifter"].select("p.downloads a") if a.get_text().endswith("Word")
    ]
    assert links, "no cost table offers its Word document"
    for a in links:
        assert linked(built_book / "notebooks/udgifter.html", a).suffix == ".docx"
        assert linked(built_book / "notebooks/udgifter.html", a).is_file()


def test_front_page_offers_the_pdf_and_the_books_workbook(built_book, book_pages):
    offered = {a.get_text(): a["href"] for a in book_pages["book/intro"].select("p.downloads a")}
    assert offered["Hent hele bogen som PDF"] == "../hent/budgetnotater.pdf"
    assert offered["Hent alle bogens tabeller som Excel"] == "../hent/bogens-tabeller.xlsx"
    assert (built_book / "hent" / "budgetnotater.pdf").is_file()
