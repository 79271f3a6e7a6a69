"""Tables for the book: pandas Styler with Danish number formats, escaped text, stable ids,
and a CSV download of a chart's data that works offline (a data: link, no extra file)."""

from __future__ import annotations

import base64
import hashlib
import html
import re
from collections.abc import Callable, Iterable, Mapping

import pandas as pd
from IPython.display import HTML

from analysis.data import is_missing
from analysis.data.schemas.sources import SOURCE_ID
from analysis.facts import Provenance, of_row
from analysis.present import danish as formatting
from analysis.present import ledger
from analysis.vocabulary import KIND_LABEL

Formatter = Callable[[object], str]


def _stable_id(caption: str) -> str:
    return "tbl-" + hashlib.sha1(caption.encode()).hexdigest()[:10]


def table(
    frame: pd.DataFrame,
    caption: str,
    formats: Mapping[str, Formatter] | None = None,
    bold_rows: pd.Series | None = None,
    numeric: tuple[str, ...] = (),
    indent: pd.Series | None = None,
    key: Iterable[str] = (),
    provenance: Iterable[Provenance] | None = None,
    numbers: pd.DataFrame | None = None,
    name: str | None = None,
    reproduces: str | None = None,
    notes: Iterable[str] = (),
) -> HTML:
    """An HTML table. Text from the data is escaped before `formats` run, so a formatter may
    return HTML of its own (a link) but data can never inject markup. `bold_rows` marks totals;
    `numeric` columns are right-aligned; `indent` (a level per row, 0 = none) indents the first
    column, so a hierarchy reads as in a printed budget table. Every number in it goes into the
    numbers ledger, its row named by the `key` columns (default: the first) and with the rows'
    `provenance` where the caller knows it: a number column's values, a `numeric` column's from
    `numbers` (its unrounded values, same rows and headers) or else read back from its text. The
    ledger names the table by `name`, or by its caption without its numbers (years change). The
    table also goes to the build as it is shown, for its Excel and (if it `reproduces` a source's
    printed table) Word copies, with the `notes` the page says of it elsewhere (a sum that is off)."""
    written = [c for c in numeric if not pd.api.types.is_numeric_dtype(frame[c])]
    title = name or ledger.name_of(caption)
    provenance = list(provenance) if provenance is not None else None
    ledger.frame("tabel", title, frame, key, formats, None, provenance, numbers, written)
    ledger.shown_table(
        "T_" + _stable_id(caption),
        caption,
        title,
        frame,
        texts(frame, formats or {}),
        numeric,
        numbers,
        provenance,
        bold=[] if bold_rows is None else bold_rows.reindex(frame.index).fillna(False),
        indent=[] if indent is None else indent.reindex(frame.index).fillna(0).astype(int),
        reproduces=reproduces,
        notes=notes,
    )
    # pandas hands a formatter the escaped text as markupsafe's Markup, whose methods (replace,
    # partition ...) would escape what the formatter adds: it gets a plain str instead.
    plain = {
        column: (lambda v, f=f: f(str(v) if isinstance(v, str) else v))
        for column, f in (formats or {}).items()
    }
    styler = (
        frame.style.format(plain, escape="html", na_rep=formatting.MISSING)
        .hide(axis="index")
        .set_caption(html.escape(caption))
        .set_table_attributes('class="book-table"')
    )
    if numeric:
        styler = styler.set_properties(subset=list(numeric), **{"text-align": "right"})
    if bold_rows is not None:
        bold = bold_rows.reindex(frame.index).fillna(False).to_numpy()
        styler = styler.apply(lambda col: ["font-weight: bold" if b else "" for b in bold], axis=0)
    if indent is not None:
        levels = indent.reindex(frame.index).fillna(0).astype(int).to_numpy()
        styler = styler.apply(
            lambda col: [f"padding-left: {0.6 + 1.5 * n}rem" if n else "" for n in levels],
            axis=0,
            subset=[frame.columns[0]],
        )
    # Wide tables (budget tables, provenance) scroll sideways in the theme's own table container,
    # which the theme makes reachable by keyboard (tabindex) whenever it overflows.
    return HTML(
        f'<div class="pst-scrollable-table-container">{styler.to_html(table_uuid=_stable_id(caption))}</div>'
    )


def texts(frame: pd.DataFrame, formats: Mapping[str, Formatter]) -> pd.DataFrame:
    """Each cell as the reader sees it in the table (what `table` writes, without its markup)."""
    precision = pd.get_option("styler.format.precision")

    def written(value, f: Formatter | None) -> str:
        if is_missing(value):
            return formatting.MISSING
        if f is not None:
            shown = f(html.escape(value) if isinstance(value, str) else value)
            lines = re.sub(r"<br\s*/?>", " ", str(shown))  # a line break reads as a space
            return html.unescape(" ".join(re.sub(r"<[^>]+>", "", lines).split()))
        return f"{value:.{precision}f}" if isinstance(value, float) else str(value)

    shown = pd.DataFrame(
        {i: [written(v, formats.get(c)) for v in frame.iloc[:, i]] for i, c in enumerate(frame.columns)},
        index=frame.index,
    )
    shown.columns = frame.columns
    return shown


PROVENANCE_HEADERS = {"kind": "Grundlag", "source_id": "Kilde", "basis": "Citat eller beregning"}


def with_sources(
    frame: pd.DataFrame,
    caption: str,
    columns: Mapping[str, str],
    formats: Mapping[str, Formatter] | None = None,
    numeric: tuple[str, ...] = (),
    key: Iterable[str] = (),
) -> HTML:
    """A table of values with their provenance, so a reader can trace every number.

    `frame` has the data columns named in `columns` (data name -> Danish header) plus the
    provenance columns kind, source_id, quote and formula. The last column shows the formula
    for a derived value and the verbatim quote otherwise. `formats` and `numeric` use the
    Danish headers, and so does `key` (the columns that name a row in the ledger)."""
    basis = [f if isinstance(f, str) else q for f, q in zip(frame["formula"], frame["quote"])]
    shown = frame.assign(basis=basis, kind=frame["kind"].map(KIND_LABEL))
    shown = shown[[*columns, *PROVENANCE_HEADERS]].rename(columns={**columns, **PROVENANCE_HEADERS})
    origins = [of_row(row) for row in frame.to_dict("records")]
    return table(
        shown,
        caption,
        formats={"Kilde": source_link, **(formats or {})},
        numeric=numeric,
        key=key,
        provenance=origins,
    )


# A spreadsheet reads a cell starting with one of these as a formula (OWASP, "CSV injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralised(value):
    """A text cell a spreadsheet would run as a formula, made plain text by a leading "'" (as OWASP
    recommends; Excel and LibreOffice then show the text as it is). Numbers, negative ones
    included, are no text and stay numbers; so is anything else that is not a str. A text that
    looks like a negative number ("-3.000") is text, and neutralised: only a number is a number."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_START) else value


def typeset(value):
    """A text cell for a file a person reads (a workbook, a document), which a spreadsheet must
    not run either: a printed list dash ("- Handicap") becomes an en dash and the minus before a
    number in a text ("-3.000 kr.") a minus sign, as Danish print writes them, so no "'" shows;
    any other text a spreadsheet would run is neutralised. Anything but a str is left as it is."""
    if isinstance(value, str) and value.startswith("- "):
        return "\u2013" + value[1:]
    if isinstance(value, str) and value[:1] == "-" and value[1:2].isdigit():
        return "\u2212" + value[1:]
    return neutralised(value)


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with every text cell neutralised (see `neutralised`), for any file a spreadsheet
    opens (CSV, xlsx). Numeric columns are left as they are."""
    safe = frame.copy()
    for column in frame.columns:
        if not pd.api.types.is_numeric_dtype(frame[column]):
            safe[column] = frame[column].map(neutralised)
    return safe


def csv_download(
    frame: pd.DataFrame,
    filename: str,
    label: str = "Hent figurens tal som CSV",
    key: Iterable[str] = (),
    states: Mapping[str, str] | None = None,
) -> HTML:
    """A link that downloads `frame` as a UTF-8 CSV (with BOM, so Danish Excel reads æøå), its text
    cells safe to open in a spreadsheet (see `spreadsheet_safe`). Its numbers go into the numbers
    ledger under the file's name, each row named by its `key` columns; `states` names the columns
    that hold a verdict or a status (see ledger.frame)."""
    ledger.frame("data", filename.rsplit(".", 1)[0], frame, key, states=states)
    content = spreadsheet_safe(frame).to_csv(index=False)
    payload = base64.b64encode(("\ufeff" + content).encode("utf-8")).decode("ascii")
    return HTML(
        f'<p class="csv-download"><a download="{html.escape(filename)}" '
        f'href="data:text/csv;charset=utf-8;base64,{payload}">{html.escape(label)} '
        f"({html.escape(filename)})</a></p>"
    )


def source_link(source_id: str) -> str:
    """A link to the source's entry on the sources page (the page lives beside the chapters). A
    value computed from a user's own file names the file instead: it is no registered source."""
    if not re.fullmatch(SOURCE_ID, source_id):
        return source_id
    return f'<a href="kilder.html#kilde-{source_id}">{source_id}</a>'


def of_figure(values: pd.DataFrame, figure: str, columns: list[str] | None = None) -> pd.DataFrame:
    """The rows of one figure in a chapter's values (its `figure` column), with that figure's
    columns; numbers get back their own types (a whole-number column is no float)."""
    rows = values[values["figure"] == figure].reset_index(drop=True)
    return rows[columns].convert_dtypes() if columns else rows
