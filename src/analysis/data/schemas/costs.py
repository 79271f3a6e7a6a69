"""The budget notes' cost tables, the capital-project timeline, and an optional price index."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
import pandera.pandas as pa
from pandera.pandas import Check, Column

from .columns import UNITS, by_unit, one_of, price_level, row_rule, text, with_provenance, year, yes_no

AREAS = ("service", "capital", "statutory")
ROW_TYPES = ("heading", "line", "subtotal", "total")
INCOME_EXPENSE = ("I", "U")


def _row_key(df: pd.DataFrame, row_column: str = "row_id") -> pd.Series:
    return df["table_id"] + "/" + df[row_column]


def _same_within_row(df: pd.DataFrame, columns: list[str]) -> pd.Series:
    """True where a table row has the same value in `columns` in every one of its year cells."""
    key = _row_key(df)
    return pd.concat(
        [df[c].fillna("").astype(str).groupby(key).transform("nunique") <= 1 for c in columns], axis=1
    ).all(axis=1)


def budget_lines_schema(source_ids: Iterable[str]) -> pa.DataFrameSchema:
    """The budget notes' tables in long form: one row per table row and column (year or "I alt")."""
    return with_provenance(
        {
            "table_id": text(
                "Tabellens id, fx so49-t1 (notat og tabelnummer).",
                checks=[
                    Check.str_matches(
                        r"^[a-z0-9][a-z0-9-]*$", error="must be lower-case letters, digits and '-'"
                    )
                ],
            ),
            "table_title": text("Tabellens overskrift, ordret som i kilden."),
            "row_id": text("Rækkens id i tabellen."),
            "position": Column(
                "Int64",
                Check.ge(1, error="must be 1 or more"),
                description="Rækkens plads i tabellen, talt oppefra (1 = første række).",
            ),
            "parent_row_id": text(
                "Id på den række i samme tabel, som rækken summeres op i (tom for tabellens øverste niveau).",
                nullable=True,
            ),
            "counterpart": text(
                "Rækken i en anden tabel, som rækken (alene eller sammen med andre) "
                "udspecificerer, skrevet tabel-id/række-id; ellers tom.",
                nullable=True,
            ),
            "label": text("Rækkens tekst, som i kilden."),
            "row_type": one_of(
                ROW_TYPES,
                "Hvordan kilden trykker rækken: heading (mellemoverskrift uden "
                "beløb), line (almindelig række), subtotal (delsum, fx 'Serviceudgifter "
                "i alt') eller total (tabellens samlede sum).",
            ),
            "area": Column(
                pd.StringDtype(),
                Check.isin(AREAS, error=f"must be one of: {', '.join(AREAS)}"),
                nullable=True,
                description="Styringsområde: service (serviceudgifter), capital "
                "(anlæg) eller statutory (lovbundet område); tom for en "
                "sum over flere områder.",
            ),
            "committee": text("Udvalg, fx SUD (Socialudvalget), hvis kilden angiver det.", nullable=True),
            "appropriation": text("Bevilling (nummer og navn), som kilden skriver den.", nullable=True),
            "income_expense": Column(
                pd.StringDtype(),
                Check.isin(INCOME_EXPENSE, error="must be I or U"),
                nullable=True,
                description="I (indtægt) eller U (udgift), hvis kilden angiver det.",
            ),
            "year": year(
                "Budgetåret; tom for kolonnen 'I alt' (summen over tabellens år) og for mellemoverskrifter.",
                nullable=True,
            ),
            "amount": Column(
                float,
                nullable=True,
                description="Beløbet i 1.000 kr. i rækkens prisniveau; "
                "kildens '-' er gemt som 0. Tom for "
                "mellemoverskrifter.",
            ),
            "price_level": price_level(
                "Prisniveauet, beløbet er opgjort i: p/l-året, fx 2021 eller 2021 p/l."
            ),
        },
        source_ids,
        unique=["table_id", "row_id", "year"],
        rules=[
            row_rule(
                "amount",
                "a heading has no amount and every other row needs one",
                lambda df: (df["row_type"] == "heading") == df["amount"].isna(),
            ),
            row_rule(
                "year", "a heading has no year", lambda df: (df["row_type"] != "heading") | df["year"].isna()
            ),
            row_rule(
                "parent_row_id",
                "names a row that is not in the same table",
                lambda df: df["parent_row_id"].isna() | _row_key(df, "parent_row_id").isin(set(_row_key(df))),
            ),
            row_rule(
                "parent_row_id",
                "a row cannot be its own parent",
                lambda df: (df["parent_row_id"] != df["row_id"]).fillna(True),
            ),
            row_rule(
                "counterpart",
                "must name a row of another table as table-id/row-id",
                lambda df: (
                    df["counterpart"].isna()
                    | (
                        df["counterpart"].isin(set(_row_key(df)))
                        & (df["counterpart"].str.split("/").str[0] != df["table_id"])
                    )
                ),
            ),
            row_rule(
                "label",
                "the row's label, position, parent, type and area must be the same in every year",
                lambda df: _same_within_row(
                    df, ["label", "position", "parent_row_id", "row_type", "area", "counterpart"]
                ),
            ),
            row_rule(
                "price_level",
                "all rows of one table must have the same price level",
                lambda df: df["price_level"].groupby(df["table_id"]).transform("nunique") <= 1,
            ),
        ],
    )


def capital_schedule_schema(source_ids: Iterable[str]) -> pa.DataFrameSchema:
    """A timeline table: for each activity and quarter, whether the source marks it with an X."""
    return with_provenance(
        {
            "table_id": text("Tabellens id, fx oe501-t4."),
            "table_title": text("Tabellens overskrift, ordret som i kilden."),
            "row_id": text("Aktivitetens id i tabellen."),
            "position": Column(
                "Int64",
                Check.ge(1, error="must be 1 or more"),
                description="Aktivitetens plads i tabellen, talt oppefra.",
            ),
            "label": text("Aktiviteten, som kilden skriver den."),
            "year": year("Året."),
            "quarter": Column(
                "Int64",
                Check.in_range(1, 4, error="must be a quarter from 1 to 4"),
                description="Kvartalet (1-4).",
            ),
            "scheduled": one_of(("yes", "no"), "yes, hvis kilden sætter X i kvartalet, ellers no."),
        },
        source_ids,
        unique=["table_id", "row_id", "year", "quarter"],
    )


def price_index_schema(source_ids: Iterable[str]) -> pa.DataFrameSchema:
    """A price and wage index (e.g. KL's pris- og lønskøn) to convert amounts between price levels."""
    return with_provenance(
        {
            "year": year("Prisniveauets år (p/l-året)."),
            "index": Column(
                float,
                Check.gt(0, error="must be above 0"),
                description="Indekstallet for året; kun forholdet mellem to år bruges.",
            ),
        },
        source_ids,
        unique=["year"],
    )


def note_figures_schema(source_ids: Iterable[str]) -> pa.DataFrameSchema:
    """Other numbers a budget note gives outside its tables: estimates as ranges (which together
    may make up a total the note states) and the scope of its work (cases, staff)."""
    return with_provenance(
        {
            "figure_id": text("Tallets id."),
            "note_id": text("Notatet, tallet står i: tabel-id'ernes første del, fx oe501 (for oe501-t1)."),
            "group_id": text(
                "Id for en gruppe af skøn, der tilsammen udgør en total, kilden oplyser; ellers tom.",
                nullable=True,
            ),
            "label": text("Hvad tallet er, kort og på dansk."),
            "first_year": year("Det første år, tallet gælder for; tom, hvis kilden ikke nævner et år.", True),
            "last_year": year("Det sidste år; tom for »og frem« eller intet år.", nullable=True),
            "low": Column(
                float,
                description="Tallet, eller intervallets nedre grænse (1 for 1-2 mio. kr.).",
                metadata=by_unit(),
            ),
            "high": Column(
                float,
                description="Intervallets øvre grænse; samme tal som low for ét tal.",
                metadata=by_unit(),
            ),
            "unit": one_of(UNITS, "Enheden: fx mio. kr, count (antal sager) eller persons."),
            "approximate": yes_no("yes, hvis kilden skriver tallet som ca.-tal eller skøn; ellers no."),
        },
        source_ids,
        unique=["figure_id"],
        rules=[
            row_rule("high", "must be at least low", lambda df: df["high"] >= df["low"]),
            row_rule(
                "last_year",
                "must be the first year or later",
                lambda df: df["last_year"].isna() | (df["last_year"] >= df["first_year"]).fillna(False),
            ),
        ],
    )
