"""Costs in the budget notes (udgifter): the notes' tables as printed, every printed sum recomputed
from its rows, and the amounts by activity and year.

A printed sum is never corrected: `sum_checks` puts what the source prints beside what its rows
add up to, and the chapter shows both. Amounts of different price levels are never added here;
see `price_levels` for that.
"""

from __future__ import annotations

import html
import re

import pandas as pd
from IPython.display import HTML

from analysis.calc import price_levels
from analysis.data import is_missing
from analysis.present import danish as fmt
from analysis.present import tables
from analysis.vocabulary import year_span

AREA_LABEL = {"service": "Service", "capital": "Anlæg", "statutory": "Lovbundet område"}
TOTAL_COLUMN = "I alt"  # the column some tables print with the sum over their years
SUMMED = ("subtotal", "total")  # row types the source prints as sums (in bold)
STATUS_OK = "stemmer"
STATUS_SIGN = "afviger: fortegnet er vendt"
STATUS_OFF = "afviger"
ROW_COLUMNS = [
    "table_id",
    "table_title",
    "row_id",
    "position",
    "parent_row_id",
    "counterpart",
    "label",
    "row_type",
    "area",
    "committee",
    "appropriation",
    "income_expense",
    "price_level",
    "source_id",
]


def price_label(level) -> str:
    """2021 -> "2021 p/l" (the price level as the notes write it)."""
    return f"{int(level)} p/l"


def column_name(year) -> str:
    """The column a cell stands in: its year, or "I alt" for the sum over the table's years."""
    return TOTAL_COLUMN if is_missing(year) else str(int(year))


def table_number(title: str) -> str:
    """ "Tabel 2 - Udgifter til service" -> "Tabel 2"."""
    found = re.match(r"Tabel \d+", title)
    return found.group(0) if found else title


def table_names(lines: pd.DataFrame, registry: pd.DataFrame) -> dict[str, str]:
    """Each table as the chapter names it: the note's short title and the table number."""
    notes = registry.set_index("source_id")["short_title"]
    first = lines.drop_duplicates("table_id")
    return {
        t: f"{notes[s]}, {table_number(title)}"
        for t, s, title in zip(first["table_id"], first["source_id"], first["table_title"])
    }


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
    """One table as it is printed: a row per table row, a column per year (and "I alt")."""
    table = lines[lines["table_id"] == table_id]
    cells = table[table["row_type"] != "heading"].assign(column=lambda d: d["year"].map(column_name))
    amounts = cells.pivot(index="row_id", columns="column", values="amount")
    columns = sorted((c for c in amounts.columns if c != TOTAL_COLUMN), key=int)
    columns += [TOTAL_COLUMN] if TOTAL_COLUMN in amounts.columns else []
    rows = table_rows(table)
    return rows.join(amounts[columns], on="row_id")


# --- Checking every printed sum -----------------------------------------------------------------


def _sum_text(parts) -> str:
    """[17550, 1000, -3000] -> "17.550 + 1.000 − 3.000" (the sum as one would write it by hand)."""
    text = ""
    for i, value in enumerate(parts):
        if i == 0:
            text = fmt.number(value)
        else:
            text += f" − {fmt.number(abs(value))}" if value < 0 else f" + {fmt.number(value)}"
    return text


def status(stated: float, recomputed: float, tolerance: float = 0.5) -> str:
    """Whether a stated number agrees with its recomputed value within `tolerance` (what the
    stated rounding allows; half a unit for the whole numbers of a budget table), or has only
    its sign wrong."""
    slack = tolerance * (1 + 1e-9)  # 9,25 rounds to 9,3: the bound itself agrees, binary floats or not
    if abs(stated - recomputed) <= slack:
        return STATUS_OK
    return STATUS_SIGN if abs(stated + recomputed) <= slack else STATUS_OFF


def sum_checks(lines: pd.DataFrame, registry: pd.DataFrame) -> pd.DataFrame:
    """Every sum the tables print, beside the sum of the cells it adds up:

    - "rows": a row that other rows sum into (a subtotal, a total, or a parent row), column by column;
    - "years": a row's "I alt" cell against its yearly cells;
    - "counterpart": a row against the rows of another table of the note that break it down.
    """
    names = table_names(lines, registry)
    rows = table_rows(lines).set_index(["table_id", "row_id"])
    cells = lines[lines["row_type"] != "heading"].assign(column=lambda d: d["year"].map(column_name))
    amount = cells.set_index(["table_id", "row_id", "column"])["amount"]
    found = []

    def add(table_id, row_id, column, check, what, parts):
        stated = amount.get((table_id, row_id, column))
        if stated is None:  # the source prints no such cell: nothing to compare
            return
        recomputed = float(sum(parts))
        found.append(
            {
                "table_id": table_id,
                "table": names[table_id],
                "row_id": row_id,
                "label": rows.at[(table_id, row_id), "label"],
                "column": column,
                "check": check,
                "what": what,
                "stated": float(stated),
                "recomputed": recomputed,
                "difference": float(stated) - recomputed,
                "status": status(float(stated), recomputed),
                "sum": _sum_text(parts),
            }
        )

    for (table_id, parent, column), group in cells.dropna(subset=["parent_row_id"]).groupby(
        ["table_id", "parent_row_id", "column"], sort=False
    ):
        add(
            table_id,
            parent,
            column,
            "rows",
            "Rækken under" if len(group) == 1 else f"Sum af de {len(group)} rækker under",
            group["amount"].tolist(),
        )
    for (table_id, row_id), group in cells.groupby(["table_id", "row_id"], sort=False):
        if TOTAL_COLUMN in set(group["column"]):
            years = group[group["column"] != TOTAL_COLUMN]
            add(
                table_id,
                row_id,
                TOTAL_COLUMN,
                "years",
                f"Sum af rækkens {len(years)} år",
                years["amount"].tolist(),
            )
    for (target, column), group in cells.dropna(subset=["counterpart"]).groupby(
        ["counterpart", "column"], sort=False
    ):
        table_id, row_id = target.split("/", 1)
        other = names[group["table_id"].iloc[0]]
        what = (
            f"Tilsvarende linje i {table_number(other.split(', ')[-1])}"
            if len(group) == 1
            else f"Sum af de {len(group)} tilsvarende linjer i {table_number(other.split(', ')[-1])}"
        )
        add(table_id, row_id, column, "counterpart", what, group["amount"].tolist())

    checks = pd.DataFrame(found)
    order = {t: i for i, t in enumerate(lines["table_id"].unique())}
    checks["_table"] = checks["table_id"].map(order)
    checks["_row"] = [rows.at[(t, r), "position"] for t, r in zip(checks["table_id"], checks["row_id"])]
    checks["_column"] = checks["column"].map(lambda c: 9999 if c == TOTAL_COLUMN else int(c))
    checks["_check"] = checks["check"].map({"rows": 0, "years": 1, "counterpart": 2})
    return (
        checks.sort_values(["_table", "_row", "_check", "_column"])
        .drop(columns=["_table", "_row", "_column", "_check"])
        .reset_index(drop=True)
    )


def deviations(checks: pd.DataFrame) -> list[str]:
    """Each printed sum that differs from its rows, in one Danish sentence per row and check."""
    sentences = []
    off = checks[checks["status"] != STATUS_OK]
    parts = {"rows": "rækkerne under den", "years": "rækkens år", "counterpart": "de tilsvarende linjer"}
    for (table, label, check), group in off.groupby(["table", "label", "check"], sort=False):
        columns = fmt.listing(group["column"])
        stated = fmt.listing([fmt.number(v) for v in group["stated"]])
        recomputed = fmt.listing([fmt.number(v) for v in group["recomputed"]])
        sign = (
            " Fortegnet er vendt: beløbene er lige store, men med modsat fortegn."
            if (group["status"] == STATUS_SIGN).all()
            else ""
        )
        sentences.append(
            f"{table}, rækken »{label}« ({columns}): kilden trykker {stated}, men "
            f"{parts[check]} summer til {recomputed}.{sign}"
        )
    return sentences


def structure_findings(lines: pd.DataFrame, registry: pd.DataFrame) -> list[str]:
    """What else does not add up in the tables' structure, in Danish sentences:
    rows that break down one row of another table without a parent row of their own, and one
    appropriation name printed with different numbers."""
    names = table_names(lines, registry)
    rows = table_rows(lines)
    found = []
    by_key = rows.set_index(["table_id", "row_id"])
    for target, group in rows.dropna(subset=["counterpart"]).groupby("counterpart", sort=False):
        parents = set(group["parent_row_id"].fillna(""))
        top = {
            r for r in parents if r == "" or by_key.at[(group["table_id"].iloc[0], r), "row_type"] == "total"
        }
        if len(group) > 1 and parents == top:  # several rows, and only the table's total above them
            table_id, row_id = target.split("/", 1)
            labels = fmt.listing([f"»{label}«" for label in group["label"]])
            found.append(
                f"{names[group['table_id'].iloc[0]]}: linjerne {labels} har ingen fælles overrække i "
                f"tabellen, så tabellen siger ikke selv, hvilken aktivitet de hører til. Tilsammen "
                f"svarer de til rækken »{by_key.at[(table_id, row_id), 'label']}« i {names[table_id]}."
            )
    coded = rows.dropna(subset=["appropriation"])
    parsed = coded["appropriation"].str.extract(r"^\s*(?P<code>\d+)\s*-\s*(?P<name>.+?)\s*$")
    coded = coded.join(parsed).dropna(subset=["code"])
    for (table_id, name), group in coded.groupby(["table_id", "name"], sort=False):
        if group["code"].nunique() > 1:
            uses = fmt.listing(
                [f"{code} (rækken »{label}«)" for code, label in zip(group["code"], group["label"])]
            )
            found.append(
                f"{names[table_id]}: bevillingen »{name}« står med {fmt.number(group['code'].nunique())} "
                f"forskellige numre: {uses}. Bogen gengiver numrene, som kilden trykker dem."
            )
    return found


# --- Amounts by activity ------------------------------------------------------------------------


def activities(lines: pd.DataFrame) -> pd.DataFrame:
    """The activities each note pays for, year by year: the rows no other row sums into, from the
    tables that do not just break down another table (so nothing is counted twice)."""
    rows = table_rows(lines)
    breakdowns = set(rows.loc[rows["counterpart"].notna(), "table_id"])
    leaves = rows[(rows["row_type"] == "line") & ~rows["has_rows"] & ~rows["table_id"].isin(breakdowns)]
    cells = lines.merge(leaves[["table_id", "row_id"]], on=["table_id", "row_id"])
    return cells[cells["year"].notna()].reset_index(drop=True)


def yearly_totals(lines: pd.DataFrame) -> pd.DataFrame:
    """Each note's net amount per year: its activities added up (one price level per note)."""
    cells = activities(lines)
    for _, note in cells.groupby("source_id"):
        price_levels.require_one_price_level(note, "et notats beløb")
    return cells.groupby(["source_id", "year"], sort=False, as_index=False).agg(
        amount=("amount", "sum"), price_level=("price_level", "first")
    )


def multi_year_totals(lines: pd.DataFrame) -> pd.DataFrame:
    """Each activity's amount over all its years, recomputed, beside the "I alt" the source prints
    (where it prints one)."""
    cells = activities(lines)
    totals = cells.groupby(["source_id", "table_id", "row_id"], sort=False, as_index=False).agg(
        label=("label", "first"),
        first_year=("year", "min"),
        last_year=("year", "max"),
        amount=("amount", "sum"),
        price_level=("price_level", "first"),
        parts=("amount", lambda a: _sum_text(a.tolist())),
    )
    stated = lines[lines["year"].isna() & lines["amount"].notna()].set_index(["table_id", "row_id"])["amount"]
    totals["stated_total"] = [stated.get((t, r)) for t, r in zip(totals["table_id"], totals["row_id"])]
    return totals


def note_facts(lines: pd.DataFrame, registry: pd.DataFrame) -> dict[str, str]:
    """Per note (keys start with its source_id): name, price level, period, yearly and total amounts."""
    facts = {}
    titles = registry.set_index("source_id")["short_title"]
    for source_id, years in yearly_totals(lines).groupby("source_id", sort=False):
        cells = activities(lines)
        cells = cells[cells["source_id"] == source_id]
        first, last = int(years["year"].min()), int(years["year"].max())
        facts.update(
            {
                f"{source_id}_name": titles[source_id],
                f"{source_id}_price": price_label(years["price_level"].iloc[0]),
                f"{source_id}_period": year_span(first, last),
                f"{source_id}_yearly": fmt.listing(
                    [
                        f"{fmt.thousand_kr_as_mio(a)} i {int(y)}"
                        for y, a in zip(years["year"], years["amount"])
                    ]
                ),
                f"{source_id}_total": fmt.thousand_kr_as_mio(years["amount"].sum()),
                f"{source_id}_spending": fmt.thousand_kr_as_mio(
                    cells.loc[cells["amount"] > 0, "amount"].sum()
                ),
                f"{source_id}_savings": fmt.thousand_kr_as_mio(
                    -cells.loc[cells["amount"] < 0, "amount"].sum()
                ),
                f"{source_id}_activities": fmt.number(cells["row_id"].nunique()),
            }
        )
    return facts


def chapter_facts(lines: pd.DataFrame, registry: pd.DataFrame) -> dict[str, str]:
    """Every number the chapter's prose shows, written the Danish way (for glue)."""
    checks = sum_checks(lines, registry)
    off = checks[checks["status"] != STATUS_OK]
    findings = structure_findings(lines, registry)
    facts = note_facts(lines, registry)
    facts.update(
        {
            "n_tables": fmt.number(lines["table_id"].nunique()),
            "n_checks": fmt.number(len(checks)),
            "n_checks_ok": fmt.number(len(checks) - len(off)),
            "n_checks_off": fmt.number(len(off)),
            "deviations": " ".join(deviations(checks))
            or "Alle trykte summer stemmer med de tal, de summerer.",
            "n_findings": fmt.number(len(findings)),
            "price_levels": fmt.listing([price_label(p) for p in sorted(lines["price_level"].unique())]),
        }
    )
    return facts


# --- Tables -------------------------------------------------------------------------------------


def _amount_text(value) -> str:
    """A cell of a budget table: "-" for nothing, as the notes print it; blank beside a heading."""
    if is_missing(value):
        return ""
    return "-" if value == 0 else fmt.number(value)


# The columns that describe a row, with their header; a column with one value in every row is said
# once in the caption instead, so the table keeps to the page's width.
DESCRIPTIVE = {
    "area": "Styringsområde",
    "committee": "Udvalg",
    "appropriation": "Bevilling",
    "income_expense": "I/U",
}


def _descriptive_text(column: str, value: str) -> str:
    return AREA_LABEL.get(value, value).lower() if column == "area" else value


def source_table(lines: pd.DataFrame, table_id: str, registry: pd.DataFrame) -> HTML:
    """A table as the note prints it: its rows in order, sums in bold, parts indented, 1.000 kr."""
    shown = wide(lines, table_id)
    amounts = [c for c in shown.columns if c == TOTAL_COLUMN or c.isdigit()]
    headings = (shown["row_type"] == "heading").any()
    columns, same = {"label": "Post"}, []  # the notes print no header here; a reader of the table needs one
    for column, header in DESCRIPTIVE.items():
        values = shown[column].dropna().unique()
        if len(values) == 0 or (column == "area" and headings):  # the table's headings name the areas
            continue
        if len(values) == 1:
            name = "I/U:" if header == "I/U" else header.lower()
            same.append(f"{name} {_descriptive_text(column, values[0])}")
        else:
            columns[column] = header
    frame = shown[[*columns, *amounts]].copy()
    if "area" in frame:
        frame["area"] = frame["area"].map(AREA_LABEL)
    for column in amounts:
        frame[column] = frame[column].map(_amount_text)
    frame = frame.rename(columns=columns).fillna("")
    note = registry.set_index("source_id").at[shown["source_id"].iloc[0], "short_title"]
    every_row = f"; alle rækker: {', '.join(same)}" if same else ""
    caption = (
        f"{note}: {shown['table_title'].iloc[0]} "
        f"(1.000 kr., {price_label(shown['price_level'].iloc[0])}{every_row})"
    )
    return tables.table(
        frame,
        caption,
        bold_rows=shown["row_type"].isin(SUMMED),
        numeric=tuple(amounts),
        indent=shown["level"],
    )


def by_appropriation(lines: pd.DataFrame, table_id: str) -> pd.DataFrame:
    """A table's lowest rows added up by committee and appropriation (udvalg and bevilling), in
    the order the appropriations first appear; committee sums first."""
    table = wide(lines, table_id)
    leaves = table[(table["row_type"] == "line") & ~table["has_rows"]]
    amounts = [c for c in table.columns if c == TOTAL_COLUMN or c.isdigit()]
    keys = leaves[["committee", "appropriation"]].fillna("ikke angivet")
    parts = leaves.assign(committee=keys["committee"], appropriation=keys["appropriation"])
    by_line = parts.groupby(["committee", "appropriation"], sort=False)[amounts].sum().reset_index()
    by_line["lines"] = parts.groupby(["committee", "appropriation"], sort=False).size().to_numpy()
    shown = []
    for committee, group in by_line.groupby("committee", sort=False):
        shown.append(
            {
                "committee": committee,
                "appropriation": None,
                "level": 0,
                **group[amounts].sum().to_dict(),
                "lines": int(group["lines"].sum()),
            }
        )
        shown += [{**row, "level": 1} for row in group.to_dict("records")]
    return pd.DataFrame(shown)


def appropriation_table(lines: pd.DataFrame, table_id: str, registry: pd.DataFrame) -> HTML:
    frame = by_appropriation(lines, table_id)
    amounts = [c for c in frame.columns if c == TOTAL_COLUMN or str(c).isdigit()]
    shown = pd.DataFrame(
        {
            "Udvalg og bevilling": [
                a if isinstance(a, str) else f"Udvalg {c} i alt"
                for c, a in zip(frame["committee"], frame["appropriation"])
            ],
            "Antal linjer": frame["lines"].map(fmt.number),
        }
    )
    for column in amounts:
        shown[column] = frame[column].map(_amount_text)
    price = price_label(lines.loc[lines["table_id"] == table_id, "price_level"].iloc[0])
    caption = (
        f"{table_names(lines, registry)[table_id]} lagt sammen pr. udvalg og bevilling, beregnet af "
        f"tabellens nederste linjer (1.000 kr., {price})"
    )
    return tables.table(
        shown,
        caption,
        bold_rows=frame["level"] == 0,
        numeric=("Antal linjer", *amounts),
        indent=frame["level"],
    )


def checks_table(checks: pd.DataFrame, caption: str) -> HTML:
    """The checks as a table: what the source prints, what its parts add up to, the difference."""
    shown = pd.DataFrame(
        {
            "Tabel og række": checks["table"] + ": " + checks["label"],
            "Kolonne": checks["column"],
            "Oplyst i kilden": checks["stated"].map(fmt.number),
            "Genberegnet": checks["recomputed"].map(fmt.number),
            "Forskel": checks["difference"].map(fmt.number),
            "Status": checks["status"],
            "Kontrol og regnestykke": checks["what"] + ": " + checks["sum"],
        }
    )
    return tables.table(
        shown,
        caption,
        bold_rows=checks["status"] != STATUS_OK,
        numeric=("Oplyst i kilden", "Genberegnet", "Forskel"),
    )


def all_checks(checks: pd.DataFrame) -> HTML:
    """Every check, folded away under a summary line (the deviations are shown on their own)."""
    inner = checks_table(checks, f"Alle {fmt.number(len(checks))} kontroller af trykte summer").data
    return HTML(f"<details><summary>Vis alle {fmt.number(len(checks))} kontroller</summary>{inner}</details>")


def check_summary(checks: pd.DataFrame) -> pd.DataFrame:
    """Per table: how many printed sums were checked, how many agree and how many do not."""
    return (
        checks.groupby("table", sort=False)
        .agg(
            checked=("status", "size"),
            ok=("status", lambda s: int((s == STATUS_OK).sum())),
            off=("status", lambda s: int((s != STATUS_OK).sum())),
        )
        .reset_index()
    )


def check_summary_table(checks: pd.DataFrame) -> HTML:
    summary = check_summary(checks)
    shown = pd.DataFrame(
        {
            "Tabel": summary["table"],
            "Kontrollerede summer": summary["checked"].map(fmt.number),
            "Stemmer": summary["ok"].map(fmt.number),
            "Afviger": summary["off"].map(fmt.number),
        }
    )
    return tables.table(
        shown,
        "Kontrol af summer: antal trykte summer pr. tabel, og hvor mange der stemmer",
        bold_rows=summary["off"] > 0,
        numeric=("Kontrollerede summer", "Stemmer", "Afviger"),
    )


def findings_list(sentences: list[str]) -> HTML:
    """Findings as a list (data text escaped)."""
    if not sentences:
        return HTML("<p>Ingen.</p>")
    return HTML('<ul class="findings">' + "".join(f"<li>{html.escape(s)}</li>" for s in sentences) + "</ul>")


def note_totals(lines: pd.DataFrame, registry: pd.DataFrame) -> pd.DataFrame:
    """One row per note: its name, period and net amount over the period, in its own price level."""
    titles = registry.set_index("source_id")["short_title"]
    years = yearly_totals(lines)
    totals = (
        years.groupby("source_id", sort=False)
        .agg(
            first_year=("year", "min"),
            last_year=("year", "max"),
            amount=("amount", "sum"),
            price_level=("price_level", "first"),
        )
        .reset_index()
    )
    totals["name"] = totals["source_id"].map(titles)
    totals["period"] = [year_span(int(f), int(l)) for f, l in zip(totals["first_year"], totals["last_year"])]
    return totals
