"""The budget notes' cost tables as Word documents, one per note, for an analyst to paste into
next year's budget note. They read as the originals do: each table under its caption (which states
1.000 kr. and the price level), sums in bold, parts indented, amounts right-aligned in Danish
numbers as the page writes them. A table wider than WIDE columns gets a landscape A4 page.

Input: the tables the chapters handed to the build (analysis.present.ledger.shown_table, each with
its "chapter"); only those that reproduce a source's printed table ("reproduces") get a copy.

What differs from the page, and only this: a zero amount printed "-" is an en dash "–" and a
negative amount's "-" a minus sign "−" (Danish typography); a text that a spreadsheet would run as
a formula starts with "'" (tables.neutralised: the tables get pasted on into spreadsheets too);
control characters, which a .docx cannot hold, are spaces; a row from the user's own data has
"*" after its label, with a note under its table. Text is written as text: no field codes."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

import docx
import yaml
from docx.document import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt, RGBColor

from analysis.data.schemas.sources import SOURCE_ID
from analysis.paths import REPO_ROOT
from analysis.present.tables import neutralised

FILE_SUFFIX = "-omkostninger.docx"
HEADING = "Omkostningstabeller fra {title}"
INTRO = (
    "Tabellerne er gengivet, som notatet trykker dem: beløb i 1.000 kr. med prisniveauet i hver "
    "tabeltekst; »–« betyder intet beløb."
)
USER_MARK = "*"
USER_NOTE = f"Rækker markeret {USER_MARK} bygger på egne data."
ZERO = "–"  # en dash: an amount the note prints as "-", nothing
MINUS = "\u2212"  # a true minus sign before a negative amount
LANGUAGE = "da-DK"
FONT, SIZE = "Calibri", Pt(10)
WIDE = 7  # a table with more columns than this goes on a landscape page
A4 = (Cm(21.0), Cm(29.7))
MARGIN = Cm(2)
INDENT = Cm(0.5)  # per level of a row
NUMBER_WIDTH = Cm(1.9)  # an amount column; the text columns share the rest of the line
MIN_TEXT_WIDTH = Cm(2.5)
# A .docx is XML 1.0, which cannot hold these (lxml refuses them); the page shows them as space.
UNWRITABLE = re.compile("[\x00-\x1f\ud800-\udfff\ufffe\uffff]")


def documents(records: Iterable[Mapping], titles: Mapping[str, str]) -> dict[str, Document]:
    """One Word document per source whose printed tables the records reproduce, keyed by the
    source id, holding its tables in the order given; the heading names the source by its title in
    `titles` (or its id). Tables that reproduce no source ("reproduces" None) get no copy."""
    by_source: dict[str, list[Mapping]] = {}
    for record in records:
        if record.get("reproduces"):
            by_source.setdefault(record["reproduces"], []).append(record)
    return {source: _document(titles.get(source) or source, found) for source, found in by_source.items()}


SOURCE_LINE = "Kilde: {title}, som notatet trykker tabellen."


def write(records: Iterable[Mapping], titles: Mapping[str, str], folder: Path | str) -> list[Path]:
    """Each of `documents` as <source id>-omkostninger.docx in `folder` (made if missing), each
    written to a temporary name first and renamed, so no half-written file ever has the name."""
    built = documents(records, titles)
    names = {source: file_name(source) for source in built}  # refuse a bad id before writing any
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    return [_saved(document, folder / names[source]) for source, document in built.items()]


def file_name(source_id: str) -> str:
    """The file of a source's tables; a source id is a plain name (lower-case letters, digits, -)."""
    if not isinstance(source_id, str) or not re.fullmatch(SOURCE_ID, source_id):
        raise ValueError(f"not a source id, so no file name: {source_id!r}")
    return source_id + FILE_SUFFIX


def _saved(document: Document, path: Path) -> Path:
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        document.save(str(temporary))
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    return path


# --- One document ----------------------------------------------------------------------------------


def _document(title: str, records: list[Mapping]) -> Document:
    document = docx.Document()
    _styles(document)
    _properties(document, HEADING.format(title=_plain(title)))
    _page(document.sections[0], _is_wide(records[0]))
    document.add_heading(_plain(HEADING.format(title=title)), level=1)
    document.add_paragraph(INTRO)
    for i, record in enumerate(records):
        if i and _is_wide(record) != _is_wide(records[i - 1]):
            _page(document.add_section(WD_SECTION.NEW_PAGE), _is_wide(record))
        _table(document, record, title)
    return document


def _is_wide(record: Mapping) -> bool:
    return len(record["columns"]) > WIDE


def _page(section, landscape: bool) -> None:
    """An A4 page, turned for a wide table."""
    width, height = A4
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (height, width) if landscape else (width, height)
    section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = MARGIN


def _styles(document: Document) -> None:
    """Calibri 10 pt, Danish (for spelling and hyphenation), captions in black as the notes print."""
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = defaults.find(qn("w:rFonts"))
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), FONT)
    _language(defaults)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = FONT, SIZE
    _language(normal.element.get_or_add_rPr())
    normal.paragraph_format.space_after = Pt(6)
    caption = document.styles["Caption"]
    caption.font.size, caption.font.color.rgb = SIZE, RGBColor(0, 0, 0)
    caption.hidden, caption.quick_style = False, True
    caption.paragraph_format.keep_with_next = True


def _language(properties) -> None:
    """w:lang da-DK on a run's properties (a style's or the document's defaults)."""
    lang = properties.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        properties.append(lang)
    for attribute in ("w:val", "w:eastAsia"):
        lang.set(qn(attribute), LANGUAGE)


def _properties(document: Document, title: str) -> None:
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    properties = document.core_properties
    properties.title, properties.language = title, LANGUAGE
    properties.author = properties.last_modified_by = _author()
    properties.comments = properties.subject = properties.keywords = ""
    properties.created = properties.modified = now
    properties.revision = 1


def _author() -> str:
    """The book's author as _config.yml names it, or none where that cannot be read."""
    try:
        config = yaml.safe_load((REPO_ROOT / "_config.yml").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return ""
    author = config.get("author") if isinstance(config, dict) else None
    return author if isinstance(author, str) else ""


# --- One table -------------------------------------------------------------------------------------


def _table(document: Document, record: Mapping, title: str) -> None:
    """The caption, the table (its header row repeated on every page), its source line, the notes
    the book makes on it (a printed sum that is off) and, where a row is built from the user's own
    data, the note that says so."""
    document.add_paragraph(_safe(record["caption"]), style="Caption")
    columns, numeric, rows = record["columns"], record["numeric"], record["rows"]
    table = document.add_table(rows=1 + len(rows), cols=len(columns))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    _widths(table, numeric, document.sections[-1])
    header = table.rows[0]
    _row_properties(header, "w:tblHeader", "w:cantSplit")
    for cell, column, right in zip(header.cells, columns, numeric):
        _write(cell, _safe(column), bold=True, right=right)
    for row, data in zip(table.rows[1:], rows):
        _row_properties(row, "w:cantSplit")
        _body_row(row, data, numeric)
    document.add_paragraph(_safe(SOURCE_LINE.format(title=title)))
    for note in record.get("notes") or []:
        document.add_paragraph(_safe(f"Note: {note}"))
    if any(data.get("user") for data in rows):
        document.add_paragraph(USER_NOTE)


def _body_row(row, data: Mapping, numeric: list[bool]) -> None:
    bold = bool(data.get("bold"))
    for j, (cell, shown, right) in enumerate(zip(row.cells, data["cells"], numeric)):
        text = _cell_text(shown, right)
        if j == 0 and data.get("user"):
            text += USER_MARK
        _write(cell, text, bold=bold, right=right, indent=int(data.get("indent") or 0) if j == 0 else 0)


def _cell_text(cell: Mapping, numeric: bool) -> str:
    """A cell as the page shows it ("shown"), with the substitutions in the module's docstring:
    in a number column "-" (nothing) is "–" and a negative amount's "-" is "−"; any text a
    spreadsheet would run is neutralised."""
    text = _plain(cell["shown"])
    if numeric and text == "-":
        return ZERO
    if numeric and _is_number(cell.get("value")) and re.match(r"-\d", text):
        text = MINUS + text[1:]
    if text.startswith("- "):  # a printed list dash ("- Handicap"): an en dash, as in Danish print
        text = ZERO + text[1:]
    return neutralised(text)


def _is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _plain(text) -> str:
    return UNWRITABLE.sub(" ", str(text))


def _safe(text) -> str:
    return neutralised(_plain(text))


def _write(cell, text: str, bold: bool, right: bool, indent: int = 0) -> None:
    """One cell's text, as a literal run (python-docx writes w:t, never a field)."""
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.space_after = Pt(0)
    if right:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if indent > 0:
        paragraph.paragraph_format.left_indent = INDENT * indent
    run = paragraph.add_run(text)
    if bold:
        run.bold = True


def _row_properties(row, *names: str) -> None:
    """Row flags: w:tblHeader (repeat as the header on every page), w:cantSplit (keep on a page)."""
    properties = row._tr.get_or_add_trPr()
    for name in names:
        flag = OxmlElement(name)
        flag.set(qn("w:val"), "true")
        properties.append(flag)


def _widths(table, numeric: list[bool], section) -> None:
    """Amount columns of one width; the text columns (the row labels) share the rest of the line."""
    line = section.page_width - section.left_margin - section.right_margin
    texts = max(1, numeric.count(False))
    text_width = Emu(max(int((line - NUMBER_WIDTH * numeric.count(True)) / texts), MIN_TEXT_WIDTH))
    table.autofit = False
    for column, right in zip(table.columns, numeric):
        width = NUMBER_WIDTH if right else text_width
        column.width = width
        for cell in column.cells:
            cell.width = width
