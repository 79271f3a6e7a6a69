"""Costs in the budget notes (udgifter): the notes' tables as printed, every printed sum recomputed
from its rows, and the amounts by activity and year.

A printed sum is never corrected: `sum_checks` puts what the source prints beside what its rows
add up to. Amounts of different price levels are never added here; see `price_levels` for that.
"""

from __future__ import annotations

import re

import pandas as pd

from analysis.calc import price_levels
from analysis.calc.tolerance import status
from analysis.data import is_missing
from analysis.vocabulary import TOTAL_COLUMN

SUMMED = ("subtotal", "total")  # row types the source prints as sums (in bold)
ROW_COLUMNS = ["table_id", "table_title", "row_id", "position", "parent_row_id", "counterpart", "label"]
ROW_COLUMNS += [
    "row_type",
    "area",
    "committee",
    "appropriation",
    "income_expense",
    "price_level",
    "source_id",
]
CHECK_ORDER = {"rows": 0, "years": 1, "counterpart": 2}
NOTE_TABLE = re.compile(r"^(?P<note>.+)-t\d+$")  # "so49-t2": table 2 of the note so49


def note_id(table_id: str, source_id: str) -> str:
    """The note a table belongs to: its id without the table number ("so49-t2" -> "so49"), or,
    for a table id without one, the id of the document it stands in."""
    found = NOTE_TABLE.match(table_id)
    return found.group("note") if found else source_id


def with_notes(lines: pd.DataFrame) -> pd.DataFrame:
    """The lines with a column `note_id` (see note_id)."""
    return lines.assign(note_id=[note_id(t, s) for t, s in zip(lines["table_id"], lines["source_id"])])


def column_name(year) -> str:
    """The column a cell stands in: its year, or TOTAL_COLUMN for the sum over the table's years."""
    return TOTAL_COLUMN if is_missing(year) else str(int(year))


def amount_columns(frame: pd.DataFrame) -> list[str]:
    """A wide table's amount columns: its years, then TOTAL_COLUMN where it prints one."""
    return [c for c in frame.columns if c == TOTAL_COLUMN or str(c).isdigit()]


def table_number(title: str) -> str:
    """ "Tabel 2 - Udgifter til service" -> "Tabel 2" (as the source numbers its tables)."""
    found = re.match(r"Tabel \d+", title)
    return found.group(0) if found else title


def table_rows(lines: pd.DataFrame) -> pd.DataFrame:
    """One row per printed table row, in print order, with its indent `level` and `has_rows`
    (whether other rows sum into it)."""
    rows = lines.drop_duplicates(["table_id", "row_id"])[ROW_COLUMNS].copy()
    order = {t: i for i, t in enumerate(lines["table_id"].unique())}
    rows = rows.sort_values(
        ["table_id", "position"], key=lambda c: c.map(order) if c.name == "table_id" else c
    )
    parents = set(zip(rows["table_id"], rows["parent_row_id"]))
    rows["has_rows"] = [(t, r) in parents for t, r in zip(rows["table_id"], rows["row_id"])]
    parent_of = dict(zip(zip(rows["table_id"], rows["row_id"]), rows["parent_row_id"]))

    def depth(table_id: str, row_id: str) -> int:
        seen = set()
        while not is_missing(parent_of.get((table_id, row_id))):
            if row_id in seen:
                raise ValueError(f"{table_id}: the rows {sorted(seen)} are each other's parents")
            seen.add(row_id)
            row_id = parent_of[(table_id, row_id)]
        return len(seen)

    # A table's own sum stands at the left, the rows summed into it too; only deeper rows indent.
    rows["level"] = [
        0 if kind == "heading" else max(depth(t, r) - 1, 0)
        for t, r, kind in zip(rows["table_id"], rows["row_id"], rows["row_type"])
    ]
    return rows.reset_index(drop=True)


def wide(lines: pd.DataFrame, table_id: str) -> pd.DataFrame:
    """One table as it is printed: a row per table row, a column per year (and TOTAL_COLUMN)."""
    table = lines[lines["table_id"] == table_id]
    cells = table[table["row_type"] != "heading"].assign(column=lambda d: d["year"].map(column_name))
    amounts = cells.pivot(index="row_id", columns="column", values="amount")
    columns = sorted((c for c in amounts.columns if c != TOTAL_COLUMN), key=int)
    columns += [TOTAL_COLUMN] if TOTAL_COLUMN in amounts.columns else []
    return table_rows(table).join(amounts[columns], on="row_id")


# --- Checking every printed sum -----------------------------------------------------------------


def sum_checks(lines: pd.DataFrame) -> pd.DataFrame:
    """Every sum the tables print, beside the sum of the cells it adds up (`parts`, in order):

    - "rows": a row that other rows sum into (a subtotal, a total, or a parent row), column by column;
    - "years": a row's TOTAL_COLUMN cell against its yearly cells;
    - "counterpart": a row against the rows of another table of the note that break it down
      (`from_table` names that table)."""
    rows = table_rows(lines).set_index(["table_id", "row_id"])
    cells = lines[lines["row_type"] != "heading"].assign(column=lambda d: d["year"].map(column_name))
    amount = cells.set_index(["table_id", "row_id", "column"])["amount"]
    found = []

    def add(table_id, row_id, column, check, parts, from_table=None):
        stated = amount.get((table_id, row_id, column))
        if stated is None:  # the source prints no such cell: nothing to compare
            return
        recomputed = float(sum(parts))
        found.append(
            {"table_id": table_id, "row_id": row_id, "label": rows.at[(table_id, row_id), "label"]}
            | {"column": column, "check": check, "parts": tuple(parts), "from_table": from_table}
            | {"stated": float(stated), "recomputed": recomputed, "difference": float(stated) - recomputed}
            | {"status": status(float(stated), recomputed)}
        )

    summed = cells.dropna(subset=["parent_row_id"]).groupby(
        ["table_id", "parent_row_id", "column"], sort=False
    )
    for (table_id, parent, column), group in summed:
        add(table_id, parent, column, "rows", group["amount"].tolist())
    for (table_id, row_id), group in cells.groupby(["table_id", "row_id"], sort=False):
        if TOTAL_COLUMN in set(group["column"]):
            years = group[group["column"] != TOTAL_COLUMN]
            add(table_id, row_id, TOTAL_COLUMN, "years", years["amount"].tolist())
    for (target, column), group in cells.dropna(subset=["counterpart"]).groupby(
        ["counterpart", "column"], sort=False
    ):
        table_id, row_id = target.split("/", 1)
        add(table_id, row_id, column, "counterpart", group["amount"].tolist(), group["table_id"].iloc[0])
    return _in_print_order(pd.DataFrame(found), lines, rows)


def _in_print_order(checks: pd.DataFrame, lines: pd.DataFrame, rows: pd.DataFrame) -> pd.DataFrame:
    order = {t: i for i, t in enumerate(lines["table_id"].unique())}
    keys = {
        "_table": checks["table_id"].map(order),
        "_row": [rows.at[(t, r), "position"] for t, r in zip(checks["table_id"], checks["row_id"])],
        "_check": checks["check"].map(CHECK_ORDER),
        "_column": checks["column"].map(lambda c: 9999 if c == TOTAL_COLUMN else int(c)),
    }
    return checks.assign(**keys).sort_values(list(keys)).drop(columns=list(keys)).reset_index(drop=True)


def unparented_breakdowns(lines: pd.DataFrame) -> list[tuple[pd.DataFrame, str]]:
    """Rows that together break down one row of another table (`table/row`, returned with them)
    but have no parent row of their own in their table, only its total above them."""
    rows = table_rows(lines)
    by_key = rows.set_index(["table_id", "row_id"])
    found = []
    for target, group in rows.dropna(subset=["counterpart"]).groupby("counterpart", sort=False):
        parents = set(group["parent_row_id"].fillna(""))
        table_id = group["table_id"].iloc[0]
        top = {r for r in parents if r == "" or by_key.at[(table_id, r), "row_type"] == "total"}
        if len(group) > 1 and parents == top:
            found.append((group, target))
    return found


def appropriation_codes(lines: pd.DataFrame) -> list[tuple[str, str, pd.DataFrame]]:
    """Appropriations a note prints under one name with different numbers, in one table or in
    several: (the first table, the name, the rows with `code`) for each. They are one item."""
    coded = with_notes(table_rows(lines)).dropna(subset=["appropriation"])
    parsed = coded["appropriation"].str.extract(r"^\s*(?P<code>\d+)\s*-\s*(?P<name>.+?)\s*$")
    coded = coded.join(parsed).dropna(subset=["code"])
    return [
        (group["table_id"].iloc[0], name, group)
        for (_, name), group in coded.groupby(["note_id", "name"], sort=False)
        if group["code"].nunique() > 1
    ]


def one_item(lines: pd.DataFrame) -> dict[str, str]:
    """Each appropriation printed with several numbers (appropriation_codes), mapped to one name
    for the item that carries all its numbers: "3000 - X" and "000 - X" -> "3000 / 000 - X"."""
    merged = {}
    for _, name, group in appropriation_codes(lines):
        label = f"{' / '.join(dict.fromkeys(group['code']))} - {name}"
        merged |= dict.fromkeys(group["appropriation"], label)
    return merged


# --- Amounts by activity ------------------------------------------------------------------------


def activities(lines: pd.DataFrame) -> pd.DataFrame:
    """The activities each note pays for, year by year: the rows no other row sums into, from the
    tables that do not just break down another table (so nothing is counted twice)."""
    rows = table_rows(lines)
    breakdowns = set(rows.loc[rows["counterpart"].notna(), "table_id"])
    leaves = rows[(rows["row_type"] == "line") & ~rows["has_rows"] & ~rows["table_id"].isin(breakdowns)]
    cells = with_notes(lines).merge(leaves[["table_id", "row_id"]], on=["table_id", "row_id"])
    return cells[cells["year"].notna()].reset_index(drop=True)


def yearly_totals(lines: pd.DataFrame) -> pd.DataFrame:
    """Each note's net amount per year: its activities added up (one price level per note)."""
    cells = activities(lines)
    for _, note in cells.groupby("note_id"):
        price_levels.require_one_price_level(note)
    return cells.groupby(["note_id", "year"], sort=False, as_index=False).agg(
        amount=("amount", "sum"), price_level=("price_level", "first"), source_id=("source_id", "first")
    )


def multi_year_totals(lines: pd.DataFrame) -> pd.DataFrame:
    """Each activity's amount over all its years (`parts`, year by year), recomputed, beside the
    TOTAL_COLUMN the source prints (where it prints one)."""
    cells = activities(lines)
    totals = cells.groupby(["note_id", "source_id", "table_id", "row_id"], sort=False, as_index=False).agg(
        label=("label", "first"),
        first_year=("year", "min"),
        last_year=("year", "max"),
        amount=("amount", "sum"),
        price_level=("price_level", "first"),
        parts=("amount", tuple),
    )
    stated = lines[lines["year"].isna() & lines["amount"].notna()].set_index(["table_id", "row_id"])["amount"]
    totals["stated_total"] = [stated.get((t, r)) for t, r in zip(totals["table_id"], totals["row_id"])]
    return totals


def by_appropriation(lines: pd.DataFrame, table_id: str, unnamed: str) -> pd.DataFrame:
    """A table's lowest rows added up by committee and appropriation (udvalg and bevilling), in
    the order the appropriations first appear; committee sums first (`level` 0). A row without a
    committee or appropriation counts under `unnamed`."""
    table = wide(lines, table_id)
    leaves = table[(table["row_type"] == "line") & ~table["has_rows"]]
    amounts = amount_columns(table)
    keys = leaves[["committee", "appropriation"]].replace(one_item(lines)).fillna(unnamed)
    parts = leaves.assign(committee=keys["committee"], appropriation=keys["appropriation"])
    by_line = parts.groupby(["committee", "appropriation"], sort=False)[amounts].sum().reset_index()
    by_line["lines"] = parts.groupby(["committee", "appropriation"], sort=False).size().to_numpy()
    shown = []
    for committee, group in by_line.groupby("committee", sort=False):
        shown.append(
            {"committee": committee, "appropriation": None, "level": 0}
            | group[amounts].sum().to_dict()
            | {"lines": int(group["lines"].sum())}
        )
        shown += [{**row, "level": 1} for row in group.to_dict("records")]
    return pd.DataFrame(shown)


def note_totals(lines: pd.DataFrame) -> pd.DataFrame:
    """One row per note: its years and net amount over them, in its own price level."""
    return (
        yearly_totals(lines)
        .groupby("note_id", sort=False)
        .agg(
            source_id=("source_id", "first"),
            first_year=("year", "min"),
            last_year=("year", "max"),
            amount=("amount", "sum"),
            price_level=("price_level", "first"),
        )
        .reset_index()
    )
