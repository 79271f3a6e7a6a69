"""Nothing from data runs, links or calculates anywhere in the book: a book built from a data
folder with script, markup, template and formula payloads in every free-text column
(tests/hostile_book.py) is loaded page by page in Chromium, every link whose address is not one of
the book's own pages is clicked, and every CSV download is decoded. A check that could not fail
would prove nothing: the same checks are run against a deliberately unescaped page first."""

from __future__ import annotations

import base64
import csv
import io
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

import docx
import pytest
from conftest import serve
from hostile_book import PAYLOADS, hostile_folder
from openpyxl import load_workbook

from analysis.build import cli
from analysis.notebooks import toc_files

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

# Every write to window.__pwned, in any page or frame, is reported to the test (the payloads set it).
DETECTOR_JS = """(() => {
  let value;
  Object.defineProperty(window, '__pwned', {
    configurable: false,
    get() { return value; },
    set(v) { value = v; window.__reportPwned(location.href); },
  });
})();"""

# What a page holds that data could have made dangerous, with every folded section opened.
INSPECT_JS = r"""() => {
  document.querySelectorAll('details').forEach(d => d.open = true);
  const all = [...document.querySelectorAll('*')];
  const addresses = all.flatMap(e => ['href', 'src', 'action', 'formaction', 'xlink:href', 'data']
    .map(name => e.getAttribute(name)).filter(Boolean));
  return {
    bad_addresses: addresses.filter(
      a => /^(javascript|vbscript|data:text\/html)/i.test(a.replace(/[\s\x00-\x1f]/g, ''))),
    handlers: all.flatMap(e => [...e.attributes]
      .filter(a => a.name.toLowerCase().startsWith('on') && a.value.includes('__pwned'))
      .map(a => `<${e.tagName.toLowerCase()} ${a.name}="${a.value}">`)),
    text: document.body.innerText,
    downloads: [...document.querySelectorAll('a[href^="data:text/csv"]')].map(a => a.getAttribute('href')),
    // Links that are none of the book's own pages: addresses from data (and whatever else).
    foreign: [...document.querySelectorAll('a[href]')]
      .filter(a => !a.getAttribute('href').startsWith('data:text/csv') && a.origin !== location.origin)
      .map(a => a.getAttribute('href')),
  };
}"""


@dataclass
class Visit:
    """What the browser met on one page, and what clicking its foreign links ran."""

    bad_addresses: list[str] = field(default_factory=list)
    handlers: list[str] = field(default_factory=list)
    text: str = ""
    downloads: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    ran: list[str] = field(default_factory=list)  # where window.__pwned was set

    def formula_cells(self) -> list[str]:
        return [cell for href in self.downloads for cell in formula_cells(download_rows(href))]


def download_rows(href: str) -> list[list[str]]:
    """A data:text/csv;base64 download's rows, as a spreadsheet would split them."""
    payload = href.split("base64,", 1)[1]
    return list(csv.reader(io.StringIO(base64.b64decode(payload).decode("utf-8-sig"))))


def is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def formula_cells(rows: list[list[str]]) -> list[str]:
    """The cells a spreadsheet would run: text starting with = + - @, tab or CR (a number such as
    -4500 starts with '-' and is a number)."""
    return [c for row in rows for c in row if c.startswith(FORMULA_START) and not is_number(c)]


def visit_all(browser, base_url: str, paths: list[str]) -> dict[str, Visit]:
    """Every page in one tab, each inspected, then each of its foreign links clicked (outside
    addresses answer with a stub page: the test is offline)."""
    context = browser.new_context()
    ran: list[str] = []
    context.expose_binding("__reportPwned", lambda _source, where: ran.append(where))
    context.add_init_script(DETECTOR_JS)
    context.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith(base_url)
            else route.fulfill(status=200, content_type="text/html", body="<p>en anden side</p>")
        ),
    )
    page = context.new_page()
    found = {}
    for path in paths:
        ran.clear()
        page.goto(f"{base_url}/{path}")
        page.wait_for_load_state("networkidle")
        visit = found[path] = Visit(**page.evaluate(INSPECT_JS))
        for href in dict.fromkeys(visit.foreign):
            page.goto(f"{base_url}/{path}")
            page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
            link = page.locator(f"xpath=//a[@href={xpath(href)}]").first
            if link.is_visible():
                link.click(timeout=5_000)
            else:  # a link in a closed menu: clicked as a script would
                link.dispatch_event("click")
            page.wait_for_load_state("load")
        visit.ran = list(ran)
    context.close()
    return found


def xpath(text: str) -> str:
    """A string literal for XPath (which has no escapes): concat() of its quoted parts."""
    if "'" not in text:
        return f"'{text}'"
    return "concat(" + ', "\'", '.join(f"'{part}'" for part in text.split("'")) + ")"


# --- The checks can fail: a page that does not escape its data ------------------------------------

HOSTILE_CSV = 'label,amount\n"=HYPERLINK(""http://evil"")",-4500\n'
ENCODED = base64.b64encode(HOSTILE_CSV.encode()).decode()
UNESCAPED = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>Uescapet</title></head><body>
<h2>Kilde {PAYLOADS[0]}</h2><p>Udgiver {PAYLOADS[1]}</p>
<p><a href="javascript:window.__pwned=1">Adresse</a></p>
<p><a download="x.csv" href="data:text/csv;charset=utf-8;base64,{ENCODED}">Hent</a></p></body></html>"""


def test_the_checks_catch_a_page_that_does_not_escape_its_data(browser, tmp_path):
    (tmp_path / "uescapet.html").write_text(UNESCAPED, encoding="utf-8")
    with serve(tmp_path) as url:
        visit = visit_all(browser, url, ["uescapet.html"])["uescapet.html"]
    # the script and the img's onerror (how many times depends on when the image fails to load:
    # on the first load and again before the link is clicked); then clicking the javascript: link
    assert len(visit.ran) >= 2
    assert visit.bad_addresses == ["javascript:window.__pwned=1"]
    assert visit.handlers == ['<img onerror="window.__pwned=1">']
    assert PAYLOADS[0] not in visit.text and PAYLOADS[1] not in visit.text  # markup, not text
    assert visit.formula_cells() == ['=HYPERLINK("http://evil")']  # -4500 is a number


def test_formula_cells_are_text_that_starts_a_formula():
    rows = [["a", "'=1+1", "-4500", "-0.5", "+45", "-2+3", "@SUM(A1)", "\tx", "'-3.000", "−3.000"]]
    assert formula_cells(rows) == ["-2+3", "@SUM(A1)", "\tx"]


# --- The hostile book --------------------------------------------------------------------------------


def pages_of(html: Path) -> list[str]:
    extra = [name for name in ("index.html", "search.html", "genindex.html") if (html / name).exists()]
    return [*extra, *(f"{name}.html" for name in toc_files())]


@pytest.fixture(scope="module")
def hostile_book(tmp_path_factory) -> Path:
    """The book built from the hostile folder, over a book of the shipped data (so that its page
    on what changed lists the hostile rows); returns its html/."""
    base = tmp_path_factory.mktemp("hostile")
    hostile_folder(base / "fjendtlig")
    assert cli.main(["build", "--out", str(base / "build")]) == 0
    assert cli.main(["build", "--data", str(base / "fjendtlig"), "--out", str(base / "build")]) == 0
    return base / "build" / "html"


@pytest.fixture(scope="module")
def hostile_visits(browser, hostile_book) -> dict[str, Visit]:
    with serve(hostile_book) as url:
        yield visit_all(browser, url, pages_of(hostile_book))


def test_nothing_from_data_runs_on_any_page_or_link(hostile_visits):
    assert len(hostile_visits) >= len(toc_files())
    problems = [
        f"{path}: window.__pwned set at {where}" for path, v in hostile_visits.items() for where in v.ran
    ]
    problems += [f"{path}: address {a}" for path, v in hostile_visits.items() for a in v.bad_addresses]
    problems += [f"{path}: handler {h}" for path, v in hostile_visits.items() for h in v.handlers]
    assert problems == [], "\n".join(problems)


def test_the_addresses_from_data_were_clicked(hostile_visits):
    clicked = hostile_visits["notebooks/kilder.html"].foreign
    assert len([href for href in clicked if "__pwned" in href]) == 8  # every registry address


def test_the_payloads_are_shown_as_text_where_the_data_is(hostile_visits):
    shown = {p: [path for path, v in hostile_visits.items() if p in v.text] for p in PAYLOADS}
    assert all(shown.values()), {p: pages for p, pages in shown.items() if not pages}
    kilder = hostile_visits["notebooks/kilder.html"].text
    assert all(p in kilder for p in PAYLOADS[:2])  # the hostile source's titles, and its text
    quiet = [p for p, v in hostile_visits.items() if p.startswith("notebooks/") and "__pwned" not in v.text]
    # Every chapter shows data, and the page on what changed the hostile rows' keys; the dictionary
    # shows the rules, and the page on the edition the files' names and checksums.
    assert quiet == ["notebooks/dataordbog.html", "notebooks/udgave.html"]


def test_no_download_cell_of_the_hostile_book_starts_a_formula(hostile_visits):
    downloads = [href for v in hostile_visits.values() for href in v.downloads]
    assert len(downloads) >= 14
    cells = [c for href in downloads for row in download_rows(href) for c in row]
    assert sum(c.startswith("'=HYPERLINK") for c in cells) > 0  # the payload is there, neutralised
    problems = {path: v.formula_cells() for path, v in hostile_visits.items() if v.formula_cells()}
    assert problems == {}


# --- The shipped book's downloads ---------------------------------------------------------------------


def test_no_download_of_the_book_starts_a_formula_and_numbers_stay_numbers(built_book):
    downloads = [
        match
        for page in built_book.rglob("*.html")
        for match in re.findall(r'href="(data:text/csv;charset=utf-8;base64,[^"]+)"', page.read_text("utf-8"))
    ]
    assert len(downloads) >= 14
    rows = [row for href in downloads for row in download_rows(href)]
    assert formula_cells(rows) == []
    numbers = [c for row in rows for c in row if c.startswith("-") and is_number(c)]
    assert len(numbers) > 20  # the savings: negative numbers, written as numbers
    assert any(c.startswith("'- ") for row in rows for c in row)  # "- Idriftssættelse": text, neutralised


# --- The hostile book's files to download -------------------------------------------------------------


def test_no_workbook_or_word_cell_of_the_hostile_book_is_or_starts_a_formula(hostile_book):
    folder = hostile_book / "hent"
    texts = []
    for path in sorted(folder.glob("*.xlsx")):
        for sheet in load_workbook(path).worksheets:
            for cell in (c for row in sheet.iter_rows() for c in row):
                assert cell.data_type != "f", f"{path.name} {sheet.title}!{cell.coordinate} is a formula"
                texts += [cell.value] if isinstance(cell.value, str) else []
    documents = sorted(folder.glob("*.docx"))
    assert documents, "the hostile book's cost tables have no Word documents"
    for path in documents:
        document = docx.Document(path)
        texts += [p.text for p in document.paragraphs]
        texts += [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert any(t.startswith("'=HYPERLINK") for t in texts)  # the payload is there, neutralised
    assert [t for t in texts if t.startswith(("=", "+", "-", "@"))] == []


def test_the_hostile_books_figures_hold_its_text_as_text(hostile_book):
    figures = sorted((hostile_book / "hent").glob("*.svg"))
    assert figures
    for path in figures:
        for element in ET.parse(path).iter():
            tag = element.tag.rsplit("}", 1)[-1]
            assert tag not in ("script", "foreignObject", "iframe"), f"{path.name}: <{tag}>"
            assert not [a for a in element.attrib if a.lower().startswith("on")], (
                f"{path.name}: {element.attrib}"
            )
