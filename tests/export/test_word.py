"""The budget notes' cost tables as Word documents: one per note, read back with python-docx. The
records are built by hand in the ledger's format (analysis.present.ledger.shown_table), and the
shipped book's own budget tables are drawn by the chapter and checked against their records."""

from __future__ import annotations

import zipfile

import docx
import pytest
import yaml
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm

from analysis.export import word
from analysis.paths import REPO_ROOT

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
USER_NOTE = "Rækker markeret * bygger på egne data."
EN_DASH, MINUS = "\u2013", "\u2212"
HOSTILE_LINK = '=HYPERLINK("http://x")'


def cell(value, shown=None):
    return {"value": value, "shown": value if shown is None else shown}


def row(cells, bold=False, indent=0, user=False):
    return {
        "cells": cells,
        "bold": bold,
        "indent": indent,
        "user": user,
        "kind": "user-supplied" if user else "stated",
        "sources": ["so49"],
    }


def record(caption, columns, numeric, rows, reproduces="so49", name="t"):
    return {
        "chapter": "udgifter",
        "id": "T_tbl-" + name,
        "caption": caption,
        "name": name,
        "reproduces": reproduces,
        "columns": columns,
        "numeric": numeric,
        "rows": rows,
    }


CAPTION_1 = "SO49 Servicekultur (2020): Tabel 1. Handicap (1.000 kr., 2021-prisniveau; I/U: udgift)"
CAPTION_2 = "SO49 Servicekultur (2020): Tabel 2. Alle år (1.000 kr., 2021-prisniveau)"
CAPTION_3 = "Budgetnotat Ø501 (2011): Tabel 1. Drift (1.000 kr., 2012-prisniveau)"
YEARS = ["2021", "2022", "2023", "2024"]

# Rows of table 1, in order: 0 heading, 1 indented with a zero, a negative and a missing amount,
# 2 indented twice, hostile label, 3 the user's row, 4 a hostile label and a text like a negative
# number, 5 the bold total.
TABLE_1 = record(
    CAPTION_1,
    ["Post", "Bevilling", *YEARS],
    [False, False, True, True, True, True],
    [
        row([cell("Serviceudgifter:"), cell(None, ""), *[cell(None, "")] * 4]),
        row(
            [
                cell("Flere sagsbehandlere"),
                cell("3220 - Borgere med handicap"),
                cell(0.0, "-"),
                cell(15000.0, "15.000"),
                cell(-1550.5, "-1.551"),
                cell(None, ""),
            ],
            indent=1,
        ),
        row(
            [cell(HOSTILE_LINK), cell("+45 x"), cell(700.0, "700"), *[cell(0.0, "-")] * 3],
            indent=2,
        ),
        row(
            [cell("Egen linje"), cell(""), *[cell(300.0, "300")] * 4],
            indent=1,
            user=True,
        ),
        row([cell("@SUM(A1)"), cell("-3.000"), *[cell(-3000.0, "-3.000")] * 4]),
        row(
            [
                cell("I alt"),
                cell(""),
                cell(-2000.0, "-2.000"),
                cell(12300.0, "12.300"),
                cell(-4550.5, "-4.551"),
                cell(-2700.0, "-2.700"),
            ],
            bold=True,
        ),
    ],
    name="so49-t1",
)
WIDE_YEARS = [str(y) for y in range(2017, 2025)]  # 9 columns with the label: a landscape page
TABLE_2 = record(
    CAPTION_2,
    ["Post", *WIDE_YEARS],
    [False] + [True] * 8,
    [
        row([cell("Drift"), *[cell(1000.0, "1.000")] * 8]),
        row([cell("I alt"), *[cell(1000.0, "1.000")] * 8], bold=True),
    ],
    name="so49-t2",
)
TABLE_3 = record(
    CAPTION_3,
    ["Post", "2012"],
    [False, True],
    [row([cell("Drift"), cell(4300.0, "4.300")]), row([cell("I alt"), cell(4300.0, "4.300")], bold=True)],
    reproduces="oe501",
    name="oe501-t1",
)
OTHER = record("Klager pr. år", ["År", "Klager"], [False, True], [row([cell("2021"), cell(5.0, "5")])], None)
RECORDS = [TABLE_1, OTHER, TABLE_2, TABLE_3]
TITLES = {"so49": "SO49 Servicekultur (2020)"}  # Ø501 has none: its id names it


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    folder = tmp_path_factory.mktemp("word") / "nested" / "folder"  # made by write
    paths = word.write(RECORDS, TITLES, folder)
    return folder, paths


@pytest.fixture(scope="module")
def so49(written):
    return docx.Document(written[0] / "so49-omkostninger.docx")


def expected_text(data: dict, numeric: bool) -> str:
    """The cell as the module's docstring promises: the page's text, a zero "-" as an en dash, a
    negative amount's "-" as a minus sign, a text a spreadsheet would run behind "'"."""
    shown, value = data["shown"], data["value"]
    if numeric and shown == "-":
        return EN_DASH
    if numeric and isinstance(value, float) and value < 0:
        return MINUS + shown.removeprefix("-")
    if shown.startswith("- "):
        return EN_DASH + shown[1:]
    return "'" + shown if shown.startswith(FORMULA_START) else shown


def section_of_each_table(document) -> list:
    """The section each table lies in (a section ends at a paragraph holding a w:sectPr)."""
    found, index = [], 0
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:tbl"):
            found.append(document.sections[index])
        elif child.tag == qn("w:p") and child.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None:
            index += 1
    return found


def paragraph_text(element) -> str:
    return "".join(t.text or "" for t in element.iter(qn("w:t")))


def is_header(table_row) -> bool:
    flag = table_row._tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}")
    return flag is not None and flag.get(qn("w:val"), "true") not in ("false", "0")


def test_one_file_per_note_named_by_its_source(written):
    folder, paths = written
    assert sorted(p.name for p in folder.iterdir()) == ["oe501-omkostninger.docx", "so49-omkostninger.docx"]
    assert sorted(paths) == sorted(folder.iterdir())  # nothing else: no temporary file left over
    assert all(zipfile.is_zipfile(p) for p in paths)


def test_documents_hold_each_notes_tables_in_the_order_given():
    built = word.documents([TABLE_2, OTHER, TABLE_3, TABLE_1], TITLES)
    assert set(built) == {"so49", "oe501"}
    captions = [p.text for p in built["so49"].paragraphs if p.style.name == "Caption"]
    assert captions == [CAPTION_2, CAPTION_1]
    assert len(built["so49"].tables) == 2 and len(built["oe501"].tables) == 1


def test_a_book_with_no_reproduced_table_gets_no_document(tmp_path):
    assert word.write([OTHER], TITLES, tmp_path / "out") == []
    assert list((tmp_path / "out").iterdir()) == []


def test_heading_line_and_captions_above_their_tables(written, so49):
    heading = so49.paragraphs[0]
    assert heading.text == "Omkostningstabeller fra SO49 Servicekultur (2020)"
    assert heading.style.name == "Heading 1"
    intro = so49.paragraphs[1].text
    assert "1.000 kr." in intro and "prisniveau" in intro and "som notatet trykker dem" in intro
    oe501 = docx.Document(written[0] / "oe501-omkostninger.docx")
    assert oe501.paragraphs[0].text == "Omkostningstabeller fra oe501"  # no title given: the id
    for document, captions in ((so49, [CAPTION_1, CAPTION_2]), (oe501, [CAPTION_3])):
        above = [t._tbl.getprevious() for t in document.tables]
        assert [paragraph_text(p) for p in above] == captions
        assert [p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}").get(qn("w:val")) for p in above] == [
            "Caption"
        ] * len(captions)


def test_every_cell_is_the_shown_text_with_only_the_documented_substitutions(so49):
    for table, data in zip(so49.tables, [TABLE_1, TABLE_2]):
        assert [c.text for c in table.rows[0].cells] == data["columns"]
        assert len(table.rows) == 1 + len(data["rows"])
        for table_row, source in zip(table.rows[1:], data["rows"]):
            expected = [expected_text(c, n) for c, n in zip(source["cells"], data["numeric"])]
            if source["user"]:
                expected[0] += "*"
            assert [c.text for c in table_row.cells] == expected


def test_the_substitutions_by_example(so49):
    rows = [[c.text for c in r.cells] for r in so49.tables[0].rows]
    assert rows[2] == ["Flere sagsbehandlere", "3220 - Borgere med handicap", "–", "15.000", "−1.551", ""]
    assert rows[3][:3] == ['\'=HYPERLINK("http://x")', "'+45 x", "700"]
    assert rows[4][0] == "Egen linje*"
    assert rows[5][:3] == ["'@SUM(A1)", "'-3.000", "−3.000"]  # text stays text; an amount gets "−"
    assert rows[6][2:] == ["−2.000", "12.300", "−4.551", "−2.700"]


def test_no_cell_starts_a_formula_and_nothing_is_a_field(written):
    for path in written[1]:
        document = docx.Document(path)
        cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
        assert cells and not [c for c in cells if c.startswith(FORMULA_START)]
        with zipfile.ZipFile(path) as package:
            body = package.read("word/document.xml").decode()
        assert not any(f in body for f in ("w:fldSimple", "w:instrText", "w:fldChar", "w:hyperlink"))


def test_bold_runs_exactly_on_sum_rows_and_the_header(so49):
    for table, data in zip(so49.tables, [TABLE_1, TABLE_2]):
        header_runs = [r for c in table.rows[0].cells for p in c.paragraphs for r in p.runs]
        assert header_runs and all(r.bold for r in header_runs)
        for table_row, source in zip(table.rows[1:], data["rows"]):
            runs = [r for c in table_row.cells for p in c.paragraphs for r in p.runs]
            assert runs and {bool(r.bold) for r in runs} == {source["bold"]}


def test_the_header_row_repeats_on_every_page(so49):
    for table in so49.tables:
        assert [is_header(r) for r in table.rows] == [True] + [False] * (len(table.rows) - 1)


def test_number_columns_are_right_aligned(so49):
    for table, data in zip(so49.tables, [TABLE_1, TABLE_2]):
        for table_row in table.rows:
            aligned = [c.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT for c in table_row.cells]
            assert aligned == data["numeric"]


def test_indented_rows_are_indented_in_their_first_cell(so49):
    table = so49.tables[0]
    indents = [r.cells[0].paragraphs[0].paragraph_format.left_indent or 0 for r in table.rows[1:]]
    levels = [r["indent"] for r in TABLE_1["rows"]]  # 0, 1, 2, 1, 0, 0
    assert [i > 0 for i in indents] == [lv > 0 for lv in levels]
    assert indents[1] == indents[3] and indents[2] > indents[1]  # deeper is further in
    others = [c.paragraphs[0].paragraph_format.left_indent for r in table.rows for c in r.cells[1:]]
    assert not any(others)


def test_a_wide_table_gets_a_landscape_a4_page(so49, written):
    narrow, wide = section_of_each_table(so49)
    assert narrow.orientation == WD_ORIENT.PORTRAIT and wide.orientation == WD_ORIENT.LANDSCAPE
    a4 = (round(Cm(21.0) / 10000), round(Cm(29.7) / 10000))
    assert (round(narrow.page_width / 10000), round(narrow.page_height / 10000)) == a4
    assert (round(wide.page_height / 10000), round(wide.page_width / 10000)) == a4
    oe501 = docx.Document(written[0] / "oe501-omkostninger.docx")
    assert [s.orientation for s in oe501.sections] == [WD_ORIENT.PORTRAIT]


def following(table, count: int) -> list[str]:
    """The texts of the `count` paragraphs after a table."""
    found, element = [], table._tbl
    for _ in range(count):
        element = element.getnext()
        found.append(paragraph_text(element))
    return found


def test_each_table_is_followed_by_its_source_line(so49, written):
    line = "Kilde: SO49 Servicekultur (2020), som notatet trykker tabellen."
    assert [following(t, 1)[0] for t in so49.tables] == [line, line]


def test_the_user_marker_only_under_a_table_with_users_rows(so49, written):
    after = [following(t, 2)[1] for t in so49.tables]
    assert after[0] == USER_NOTE and after[1] != USER_NOTE
    assert sum(USER_NOTE in p.text for p in so49.paragraphs) == 1
    oe501 = docx.Document(written[0] / "oe501-omkostninger.docx")
    assert not any("egne data" in p.text for p in oe501.paragraphs)
    labels = [r.cells[0].text for t in oe501.tables + so49.tables for r in t.rows]
    assert [label for label in labels if label.endswith("*")] == ["Egen linje*"]


def test_danish_calibri_10_pt_and_the_books_author(so49):
    config = yaml.safe_load((REPO_ROOT / "_config.yml").read_text(encoding="utf-8"))
    assert so49.core_properties.author == config["author"] != ""
    assert so49.core_properties.title == "Omkostningstabeller fra SO49 Servicekultur (2020)"
    assert so49.core_properties.language == "da-DK"
    languages = so49.styles.element.findall(f".//{qn('w:lang')}")
    assert languages and {lang.get(qn("w:val")) for lang in languages} == {"da-DK"}
    normal = so49.styles["Normal"].font
    assert (normal.name, normal.size.pt) == ("Calibri", 10)
    assert so49.styles["Table Grid"] == so49.tables[0].style


def test_characters_a_docx_cannot_hold_become_spaces(tmp_path):
    broken = record("Tabel\x0b1", ["Post", "2021"], [False, True], [row([cell("a\x00b\tc"), cell(1.0, "1")])])
    (path,) = word.write([broken], TITLES, tmp_path)
    document = docx.Document(path)
    assert document.tables[0].rows[1].cells[0].text == "a b c"
    assert [p.text for p in document.paragraphs if p.style.name == "Caption"] == ["Tabel 1"]


def test_a_source_id_that_is_no_file_name_is_refused_before_anything_is_written(tmp_path):
    escaping = {**TABLE_3, "reproduces": "../oe501"}
    with pytest.raises(ValueError, match="not a source id"):
        word.write([TABLE_1, escaping], TITLES, tmp_path / "out")
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []
    assert not (tmp_path / "oe501-omkostninger.docx").exists()


def test_a_failed_write_leaves_the_old_file_and_no_half_written_one(tmp_path, monkeypatch):
    old = tmp_path / "oe501-omkostninger.docx"
    old.write_bytes(b"last year's")

    def breaks(self, path):
        with open(path, "wb") as out:
            out.write(b"half")
        raise OSError("disk full")

    monkeypatch.setattr(docx.document.Document, "save", breaks)
    with pytest.raises(OSError, match="disk full"):
        word.write([TABLE_3], TITLES, tmp_path)
    assert old.read_bytes() == b"last year's"
    assert [p.name for p in tmp_path.iterdir()] == [old.name]


# --- The shipped book's budget tables --------------------------------------------------------------


def number_read(text: str) -> float:
    """A Word cell read back as a number, Danish style: "1.564", "−15.550", "–" for nothing."""
    if text == EN_DASH:
        return 0.0
    return float(text.replace(MINUS, "-").replace(".", "").replace(",", "."))


@pytest.fixture(scope="module")
def shipped_tables():
    """The chapter's budget tables as it hands them to the build, drawn from the shipped data."""
    from analysis.chapters import udgifter
    from analysis.data import DataFolder
    from analysis.data.registry import short_title
    from analysis.present import ledger

    result = udgifter.compute(DataFolder(), target_price_level=2021)
    ledger.clear()
    try:
        for note in result.notes:
            for table_id in result.tables_of(note):
                udgifter.source_table(result, table_id)
        records = [{"chapter": "udgifter", **t} for t in ledger.tables()]
    finally:
        ledger.clear()
    titles = {
        r["reproduces"]: short_title(result.registry, r["reproduces"]) for r in records if r["reproduces"]
    }
    return records, titles


def test_the_shipped_notes_each_get_their_tables(shipped_tables, tmp_path):
    records, titles = shipped_tables
    assert {r["name"]: r["reproduces"] for r in records} == {
        "so49-t1": "so49",
        "so49-t2": "so49",
        "oe501-t1": "oe501",
        "oe501-t2": "oe501",
    }
    paths = word.write(records, titles, tmp_path)
    assert sorted(p.name for p in paths) == ["oe501-omkostninger.docx", "so49-omkostninger.docx"]
    for path in paths:
        source = path.name.removesuffix("-omkostninger.docx")
        document = docx.Document(path)
        mine = [r for r in records if r["reproduces"] == source]
        assert document.paragraphs[0].text == f"Omkostningstabeller fra {titles[source]}"
        assert [p.text for p in document.paragraphs if p.style.name == "Caption"] == [
            r["caption"] for r in mine
        ]
        for table, data in zip(document.tables, mine, strict=True):
            check_shipped_table(table, data)


def check_shipped_table(table, data):
    """Totals bold and nothing else; every amount reads back as the record's number."""
    assert len(table.rows) == 1 + len(data["rows"])
    for table_row, source in zip(table.rows[1:], data["rows"]):
        runs = [r for c in table_row.cells for p in c.paragraphs for r in p.runs]
        assert {bool(r.bold) for r in runs} == {source["bold"]}
        for text, value, numeric in zip([c.text for c in table_row.cells], source["cells"], data["numeric"]):
            if numeric and isinstance(value["value"], float):
                assert number_read(text) == round(value["value"])
            elif numeric:
                assert value["value"] is None and text == ""


def test_the_shipped_totals_read_as_the_notes_print_them(shipped_tables):
    records, titles = shipped_tables
    built = word.documents(records, titles)
    so49_t1 = [[c.text for c in r.cells] for r in built["so49"].tables[0].rows]
    assert so49_t1[-1] == ["Udgifter i alt (netto)", "16.400", "31.400", "31.400", "31.400", "110.600"]
    assert all(r.bold for c in built["so49"].tables[0].rows[-1].cells for r in c.paragraphs[0].runs)
    oe501_t1 = built["oe501"].tables[0]
    bold = [i for i, r in enumerate(oe501_t1.rows[1:]) if r.cells[0].paragraphs[0].runs[0].bold]
    assert bold == [4, 7, 10, 11]  # the subtotals and "Samlede udgifter", as the page shows them
    assert [c.text for c in oe501_t1.rows[-1].cells] == [
        "Samlede udgifter",
        "−15.550",
        "−7.750",
        "−7.750",
        "−7.750",
    ]
    assert [c.text for c in oe501_t1.rows[2].cells][2:] == ["–", "–", "–"]  # 1.1: nothing after 2012


def test_a_printed_list_dash_before_a_label_is_an_en_dash_not_a_quote(tmp_path):
    table = record(CAPTION_2, ["Post", "2021"], [False, True], [row([cell("- Handicap"), cell(5.0, "5")])])
    (path,) = word.write([table], {}, tmp_path)
    (label,) = [t.rows[1].cells[0].text for t in docx.Document(path).tables]
    assert label == "– Handicap"


def test_the_books_notes_on_a_table_follow_it(tmp_path):
    note = "Rækken »I alt« (2021): kilden trykker -5, men rækkerne summer til 5."
    table = {**record(CAPTION_2, ["Post", "2021"], [False, True], [row([cell("I alt"), cell(-5.0, "-5")])])}
    (path,) = word.write([{**table, "notes": [note]}], {"so49": "SO49"}, tmp_path)
    (written_table,) = docx.Document(path).tables
    assert following(written_table, 2) == ["Kilde: SO49, som notatet trykker tabellen.", f"Note: {note}"]
