"""Every table of the book as an Excel workbook, following the conventions of the UK government's
gptables for statistical spreadsheets: a cover sheet, a contents sheet and a notes sheet; one
sheet per table with its title in A1, one header row, no merged cells, the table as an Excel
table; numbers stored as numbers (in the unit the caption states, formatted as the page writes
them) and every blank cell explained. One workbook per chapter, and one for the whole book.

Nothing a workbook holds is a formula: openpyxl would write a text beginning with "=" as one, and
a spreadsheet runs a text beginning with "=", "+", "-" or "@"; such text is neutralised like the
book's CSV files, but a list dash or a minus in a text is typeset instead (present.tables.typeset).
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.table import Table, TableStyleInfo

from analysis.present.tables import typeset

NOT_GIVEN = "[x]"  # gptables' shorthand for a value that is not available
NOT_APPLICABLE = "[z]"  # ... and for a cell that has nothing to hold (a heading row's amounts)
USER_COLUMN = "Egne data"
HEADER_ROW = 5  # title, the sheet's one-table line, source, notes, then the table
BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
NOTES = {
    "missing": f"{NOT_GIVEN} betyder, at tallet ikke er oplyst: kilden eller data giver det ikke, og "
    "bogen gætter ikke.",
    "empty": f"{NOT_APPLICABLE} betyder, at cellen ikke skal have en værdi, fx beløbene ud for en "
    "overskrift; den er også tom i bogen.",
    "user": f"Kolonnen »{USER_COLUMN}« siger, om rækken bygger på brugerens egne data (ja) eller på "
    "bogens kilder (nej).",
    "zero": "Et beløb på nul vises som »-«, som budgetnotaterne trykker det; cellen indeholder tallet 0.",
}


@dataclass
class Sheet:
    """One table's sheet: its name in the workbook and the table it holds."""

    name: str
    table: dict
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class About:
    """What the cover sheet says of the book: its title, where the tables come from, the edition."""

    book: str
    edition: str = ""
    sources: Mapping[str, str] = field(default_factory=dict)  # source id -> title


def number_format(shown: str, value: float) -> str:
    """The Excel number format that writes `value` as the page writes it (`shown`): its decimals,
    a thousands separator, and a unit after it (" pct."); "-" for a zero the page prints as "-".
    Excel shows the separators of the reader's own locale (1.564,5 in a Danish Excel)."""
    decimals = re.search(r",(\d+)", shown)
    body = "#,##0" + ("." + "0" * len(decimals.group(1)) if decimals else "")
    unit = ' " pct."' if shown.rstrip().endswith("pct.") else ""
    fmt = f"{body}{unit}".replace(' "', '"')
    if shown.strip() in ("-", "–") and value == 0:
        return f'{fmt};-{fmt};"-"'
    return fmt


def _cell_value(cell: dict, numeric: bool):
    value = cell["value"]
    if not str(cell["shown"]).strip():
        return NOT_APPLICABLE
    if numeric and value is None:
        return NOT_GIVEN
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    return typeset(cell["shown"])


def _headers(table: dict, user: bool) -> list[str]:
    """Unique, non-empty headers (an Excel table needs them): a repeat gets its position."""
    seen: dict[str, int] = {}
    headers = []
    for i, column in enumerate([*table["columns"], *([USER_COLUMN] if user else [])]):
        name = " ".join(str(column).split()) or f"Kolonne {i + 1}"
        seen[name] = seen.get(name, 0) + 1
        headers.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return [typeset(h) for h in headers]


def _table_notes(table: dict) -> list[str]:
    notes = []
    cells = [(c, n) for row in table["rows"] for c, n in zip(row["cells"], table["numeric"])]
    if any(n and c["value"] is None and str(c["shown"]).strip() for c, n in cells):
        notes.append("missing")
    if any(not str(c["shown"]).strip() for c, _ in cells):
        notes.append("empty")
    if any(n and c["value"] == 0 and c["shown"].strip() in ("-", "–") for c, n in cells):
        notes.append("zero")
    if any(row["user"] for row in table["rows"]):
        notes.append("user")
    return notes


def _write_table(sheet, entry: Sheet, numbers: Mapping[str, int], sources: Mapping[str, str]) -> None:
    table = entry.table
    user = any(row["user"] for row in table["rows"])
    sheet["A1"] = typeset(table["caption"])
    sheet["A1"].font = TITLE
    sheet["A2"] = "Arket indeholder én tabel. Tabellens titel står i celle A1, og den begynder i række 5."
    found = sorted({s for row in table["rows"] for s in row["sources"]})
    sheet["A3"] = typeset(
        "Kilde: " + "; ".join(sources.get(s, s) for s in found) if found else "Kilde: bogens egne beregninger"
    )
    notes = " ".join(f"[note {numbers[n]}]" for n in entry.notes)
    sheet["A4"] = (
        f"Noter: {notes} (se arket »Noter«)" if notes else "Tabellen har ingen noter."
    )  # no blank row
    headers = _headers(table, user)
    for j, header in enumerate(headers, start=1):
        sheet.cell(HEADER_ROW, j, header).font = BOLD
    for i, row in enumerate(table["rows"], start=HEADER_ROW + 1):
        for j, (cell, numeric) in enumerate(zip(row["cells"], table["numeric"]), start=1):
            target = sheet.cell(i, j, _cell_value(cell, numeric))
            if isinstance(target.value, (int, float)):
                target.number_format = number_format(cell["shown"], target.value)
            if row["bold"]:
                target.font = BOLD
            if j == 1 and row["indent"]:
                target.alignment = Alignment(indent=row["indent"])
        if user:
            sheet.cell(i, len(headers), "ja" if row["user"] else "nej")
    last = HEADER_ROW + max(len(table["rows"]), 1)
    ref = f"A{HEADER_ROW}:{get_column_letter(len(headers))}{last}"
    excel = Table(displayName=f"Tabel_{entry.name.replace(' ', '_')}", ref=ref)
    excel.tableStyleInfo = TableStyleInfo(name="TableStyleLight1", showRowStripes=False)
    sheet.add_table(excel)
    for j, header in enumerate(headers, start=1):
        longest = max(
            [
                len(header),
                *(len(str(r["cells"][j - 1]["shown"])) for r in table["rows"] if j <= len(r["cells"])),
            ]
        )
        sheet.column_dimensions[get_column_letter(j)].width = min(max(10, longest + 2), 60)


def _cover(sheet, about: About, title: str, sheets: Sequence[Sheet]) -> None:
    lines = [
        (title, TITLE),
        (f"Fra bogen »{about.book}«.", None),
        (about.edition, None),
        ("", None),
        ("Om tabellerne", BOLD),
        (
            "Hver tabel står på sit eget ark, som den står i bogen. Tal er gemt som tal i den enhed, "
            "tabellens titel angiver; titlen angiver også prisniveauet for beløb.",
            None,
        ),
        ("Arket »Indhold« lister tabellerne; arket »Noter« har tabellernes noter.", None),
        (f"Tabellerne i projektmappen: {len(sheets)}.", None),
        (
            "Celler, der blander tal og ord (»ca. 350«, »80–90 pct.«, et beløb med sin enhed), står som "
            "tekst, som i bogen.",
            None,
        ),
    ]
    for i, (text, font) in enumerate([line for line in lines if line[0] or line[1] is None], start=1):
        sheet.cell(i, 1, typeset(text))
        if font:
            sheet.cell(i, 1).font = font
    sheet.column_dimensions["A"].width = 100


def _contents(sheet, sheets: Sequence[Sheet], chapters: Mapping[str, str]) -> None:
    sheet["A1"] = "Indhold"
    sheet["A1"].font = TITLE
    sheet["A2"] = "Arket indeholder én tabel: hver tabel i projektmappen med det ark, den står på."
    headers = ["Ark", "Kapitel", "Tabel"]
    for j, header in enumerate(headers, start=1):
        sheet.cell(4, j, header).font = BOLD
    for i, entry in enumerate(sheets, start=5):
        link = sheet.cell(i, 1, entry.name)
        link.hyperlink = Hyperlink(ref=link.coordinate, location=f"'{entry.name}'!A1")
        sheet.cell(i, 2, typeset(chapters.get(entry.table["chapter"], entry.table["chapter"])))
        sheet.cell(i, 3, typeset(entry.table["caption"]))
    excel = Table(displayName="Indhold", ref=f"A4:C{4 + max(len(sheets), 1)}")
    excel.tableStyleInfo = TableStyleInfo(name="TableStyleLight1", showRowStripes=False)
    sheet.add_table(excel)
    for column, width in zip("ABC", (12, 30, 100)):
        sheet.column_dimensions[column].width = width


def _notes(sheet, numbers: Mapping[str, int]) -> None:
    """The notes sheet: each note's text by its number (`numbers`: text -> number)."""
    sheet["A1"] = "Noter"
    sheet["A1"].font = TITLE
    sheet["A2"] = (
        "Arket indeholder én tabel: noterne, som tabellernes ark henviser til som [note N]."
        if numbers
        else "Ingen af projektmappens tabeller har noter."
    )
    sheet.cell(4, 1, "Note").font = BOLD
    sheet.cell(4, 2, "Forklaring").font = BOLD
    for i, (note, number) in enumerate(sorted(numbers.items(), key=lambda n: n[1]), start=5):
        sheet.cell(i, 1, f"[note {number}]")
        sheet.cell(i, 2, typeset(note)).alignment = Alignment(wrap_text=True, vertical="top")
    if numbers:
        excel = Table(displayName="Noter", ref=f"A4:B{4 + len(numbers)}")
        excel.tableStyleInfo = TableStyleInfo(name="TableStyleLight1", showRowStripes=False)
        sheet.add_table(excel)
    sheet.column_dimensions["A"].width = 12
    sheet.column_dimensions["B"].width = 100


def sheets_of(tables: Iterable[dict], prefix: str = "Tabel") -> list[Sheet]:
    """A sheet for each table, named "<prefix> 1", "<prefix> 2" ... in order, with its notes: what
    its signs mean, and what the page says of the table itself (a printed sum that is off)."""
    sheets = []
    for i, table in enumerate(tables, start=1):
        name = f"{prefix} {i}"
        own = [f"Arket »{name}«: {note}" for note in table.get("notes", [])]
        sheets.append(Sheet(name, table, [NOTES[key] for key in _table_notes(table)] + own))
    return sheets


def workbook(sheets: Sequence[Sheet], about: About, title: str, chapters: Mapping[str, str]) -> Workbook:
    """The workbook of `sheets` (see sheets_of) with its cover, contents and notes sheets."""
    book = Workbook()
    used = list(dict.fromkeys(note for s in sheets for note in s.notes))  # in order of first use
    numbers = {note: i for i, note in enumerate(used, start=1)}
    _cover(book.active, about, title, sheets)
    book.active.title = "Forside"
    _contents(book.create_sheet("Indhold"), sheets, chapters)
    _notes(book.create_sheet("Noter"), numbers)
    for entry in sheets:
        _write_table(book.create_sheet(entry.name), entry, numbers, about.sources)
    book.properties.title = title
    book.properties.language = "da-DK"
    return book


def save(book: Workbook, path: Path) -> Path:
    """Write the workbook whole or not at all (a temporary file, then a rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(suffix=".xlsx", dir=path.parent)
    os.close(handle)
    try:
        book.save(temporary)
        os.chmod(temporary, 0o644)  # mkstemp makes it readable by its owner only
        os.replace(temporary, path)
    finally:
        Path(temporary).unlink(missing_ok=True)
    return path
