"""The book as PDF (export/pdf.py), read back: its text (pdftotext) holds every chapter's title and
the numbers its prose states, it has a figure for every chart of the HTML, each with its text
alternative, no word leaves the page, its contents have page numbers, and it is tagged."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import skip_loudly
from pypdf import PdfReader

from analysis.export import pdf as book_pdf
from analysis.notebooks import toc_files
from analysis.present import danish


@pytest.fixture(scope="module")
def pdf_file(built_book) -> Path:
    path = built_book / "hent" / "budgetnotater.pdf"
    if not path.is_file():
        skip_loudly("the book was built without its PDF (no chromium): THE PDF TESTS ARE SKIPPED")
    if shutil.which("pdftotext") is None:
        skip_loudly("pdftotext is missing (apt-get install poppler-utils): THE PDF TESTS ARE SKIPPED")
    return path


def pdf_text(path: Path) -> str:
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(text.split())


@pytest.fixture(scope="module")
def text(pdf_file) -> str:
    return pdf_text(pdf_file)


def chart_count(built_book: Path) -> int:
    return sum(
        (built_book / f"{name}.html").read_text(encoding="utf-8").count('class="plotly-graph-div"')
        for name in toc_files()
        if (built_book / f"{name}.html").is_file()
    )


def structure(reader: PdfReader) -> list[tuple[str, object]]:
    """Every element of the PDF's structure tree as (its type, its alternative text)."""
    found, stack = [], [reader.trailer["/Root"]["/StructTreeRoot"]]
    while stack:
        element = stack.pop().get_object()
        if not isinstance(element, dict):
            continue
        if "/S" in element:
            found.append((str(element["/S"]), element.get("/Alt")))
        kids = element.get("/K")
        stack += kids if isinstance(kids, list) else [kids] if kids is not None else []
    return found


def test_pdf_holds_every_chapters_title_and_the_numbers_its_prose_states(built_book, text):
    for name in toc_files():
        page = built_book / f"{name}.html"
        title = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find("h1")
        assert " ".join(title.get_text(" ").replace("#", "").split()) in text, name
    ledger = json.loads((built_book / "ledger.json").read_text(encoding="utf-8"))["entries"]
    stated = [e for e in ledger if e["key"].startswith("fakta |") and e["kind"] == "number"]
    assert len({e["chapter"] for e in stated}) >= 6
    for entry in stated:
        if entry["shown"] != danish.MISSING:
            assert entry["shown"] in text, f"{entry['chapter']}: {entry['key']} ({entry['shown']})"


def test_pdf_leaves_out_the_code(text):
    assert "from analysis" not in text and "Vis koden" not in text


def test_pdf_has_a_figure_with_its_text_alternative_for_every_chart(built_book, pdf_file, text):
    charts = chart_count(built_book)
    assert charts >= 10
    figures = [alt for kind, alt in structure(PdfReader(pdf_file)) if kind == "/Figure"]
    assert len(figures) == charts
    assert all(alt and len(str(alt)) > 20 for alt in figures)
    assert text.count("Figuren i tekst:") == charts


def test_pdf_is_tagged_in_danish_with_headings_and_table_headers(pdf_file):
    reader = PdfReader(pdf_file)
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] and root["/Lang"] == "da"
    kinds = [kind for kind, _ in structure(reader)]
    assert kinds.count("/H1") >= len(toc_files()) and "/TH" in kinds and "/Table" in kinds


def test_no_word_of_the_pdf_leaves_its_page(pdf_file):
    xhtml = subprocess.run(
        ["pdftotext", "-bbox", str(pdf_file), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = re.findall(r'<page width="([\d.]+)" height="[\d.]+">(.*?)</page>', xhtml, re.DOTALL)
    assert pages
    outside = []
    for number, (width, body) in enumerate(pages, start=1):
        for x_max, word in re.findall(r'xMax="([\d.]+)"[^>]*>([^<]*)<', body):
            if float(x_max) > float(width) - 20:  # the right margin is 16 mm (45 pt)
                outside.append(f"page {number}: {word}")
    assert outside == []


def test_contents_give_the_page_each_chapter_begins_on(pdf_file):
    reader = PdfReader(pdf_file)
    begins = book_pdf.page_numbers(pdf_file)
    first = min(begins[book_pdf.page_id(page)] for page in toc_files())
    contents = " ".join(reader.pages[i].extract_text() for i in range(1, first - 1))  # after the cover
    assert "Indhold" in contents
    for page in toc_files():
        number = begins[book_pdf.page_id(page)]
        title = reader.pages[number - 1].extract_text().strip().splitlines()[0]
        line = next((line for line in contents.splitlines() if line.startswith(title[:15])), "")
        assert line.rstrip().endswith(f" {number}"), f"{page} begins on page {number}: {line!r}"
    assert not re.search(r"\b000\b", contents)


def test_links_between_chapters_stay_in_the_pdf_and_others_lead_to_the_html(pdf_file):
    reader = PdfReader(pdf_file)
    inside, outside = 0, []
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object()
            if "/Dest" in action:
                inside += 1
            elif "/A" in action and "/URI" in action["/A"]:
                outside.append(str(action["/A"]["/URI"]))
    assert inside >= len(toc_files())  # the contents at least
    assert not any(uri.endswith((".ipynb", ".md")) for uri in outside)
    # No link leads to where the book was built: the HTML edition is found from the PDF's folder.
    assert [uri for uri in outside if not uri.startswith(("http://", "https://", "mailto:"))] == [
        uri for uri in outside if uri.startswith("../") and "_build" not in uri and "stage-" not in uri
    ]
    assert "../index.html" in outside  # the cover
