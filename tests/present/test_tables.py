"""The shared HTML tables: escaped data, bold totals, indented hierarchy."""

import re

import pandas as pd

from analysis.present import tables


def cell_styles(page: str) -> dict[str, str]:
    """CSS per cell id (pandas groups cells that share a style into one rule)."""
    found = {}
    for selectors, body in re.findall(r"([^{}]+)\{([^}]*)\}", page):
        for cell in re.findall(r"_(row\d+_col\d+)\b", selectors):
            found[cell] = found.get(cell, "") + body
    return found


def test_bold_rows_and_indent_levels():
    frame = pd.DataFrame({"Række": ["Del <b>", "Under-del", "I alt"], "2021": ["1", "2", "3"]})
    page = tables.table(
        frame,
        "Prøve",
        bold_rows=pd.Series([False, False, True]),
        numeric=("2021",),
        indent=pd.Series([0, 1, 0]),
    ).data
    styles = cell_styles(page)
    assert "font-weight: bold" in styles["row2_col0"] and "font-weight: bold" in styles["row2_col1"]
    assert "font-weight" not in styles.get("row0_col0", "")
    assert "padding-left: 2.1rem" in styles["row1_col0"]  # level 1: 0,6 + 1,5 rem
    assert "padding-left" not in styles.get("row0_col0", "") + styles.get(
        "row1_col1", ""
    )  # only the first column
    assert "Del &lt;b&gt;" in page


def test_without_indent_nothing_is_indented():
    page = tables.table(pd.DataFrame({"a": ["x"]}), "Prøve").data
    assert "padding-left" not in page


def test_a_formatter_adds_markup_to_escaped_data():
    """pandas escapes the data before a formatter runs (as markupsafe's Markup, whose replace()
    would escape the markup a formatter adds): the data stays escaped, the formatter's markup not."""
    frame = pd.DataFrame({"a": ["x <i>\ny"]})
    page = tables.table(frame, "Prøve", formats={"a": lambda text: text.replace("\n", "<br/>")}).data
    assert "x &lt;i&gt;<br/>y" in page


def test_table_sits_in_the_themes_scrolling_container():
    # The theme gives this container overflow-x and, when it overflows, a tab stop (keyboard scrolling).
    page = tables.table(pd.DataFrame({"a": ["x"]}), "Prøve").data
    assert page.startswith('<div class="pst-scrollable-table-container"><style') and page.endswith(
        "</table>\n</div>"
    )
