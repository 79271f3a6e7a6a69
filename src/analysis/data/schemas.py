"""The data contract: one pandera schema per data file, and the provenance every value carries.

Column descriptions are in Danish because the book's data dictionary shows them to readers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

import pandas as pd
import pandera.pandas as pa
from pandera.pandas import Check, Column

from .errors import RULE_SEPARATOR

KINDS = ("stated", "derived", "user-supplied")
UNITS = ("count", "pct", "1000 kr", "mio. kr", "fte", "persons")
COMPLAINT_TYPES = ("formality", "reality")
# Budget tables: the municipality's three steering areas, how a row is printed, income or expense.
AREAS = ("service", "capital", "statutory")
ROW_TYPES = ("heading", "line", "subtotal", "total")
INCOME_EXPENSE = ("I", "U")


def row_rule(column: str, message: str, holds: Callable[[pd.DataFrame], pd.Series]) -> Check:
    """A rule across columns of one row, blamed on `column` when it fails."""
    return Check(holds, error=f"{column}{RULE_SEPARATOR}{message}")


def text(description: str, nullable: bool = False, checks: Iterable[Check] = ()) -> Column:
    return Column(pd.StringDtype(), checks=list(checks), nullable=nullable, description=description)


def year(description: str, nullable: bool = False) -> Column:
    return Column("Int64", Check.in_range(1900, 2100, error="must be a year between 1900 and 2100"),
                  nullable=nullable, description=description)


def one_of(values: Iterable[str], description: str) -> Column:
    values = tuple(values)
    return text(description, checks=[Check.isin(values, error=f"must be one of: {', '.join(values)}")])


def provenance_columns(source_ids: Iterable[str]) -> dict[str, Column]:
    """Where a value comes from: the source, the verbatim sentence, and how it was obtained."""
    return {
        "kind": one_of(KINDS, "Hvordan værdien er fremkommet: stated (står i kilden), derived "
                              "(beregnet af oplyste værdier, se formula) eller user-supplied."),
        "source_id": one_of(sorted(source_ids), "Kildens id i kilderegistret (sources/registry.csv)."),
        "quote": text("Den ordrette sætning eller tabelrække i kilden, som værdien bygger på.",
                      checks=[Check.str_length(min_value=1, error="must hold the verbatim quote")]),
        "formula": text("Regnestykket for en beregnet værdi, fx 580 × (1 − 0,07); tom for oplyste værdier.",
                        nullable=True),
    }


def provenance_rules() -> list[Check]:
    return [
        row_rule("formula", "a derived value needs the formula it was computed with",
                 lambda df: (df["kind"] != "derived") | df["formula"].notna()),
        row_rule("formula", "only a derived value has a formula: clear it or set kind to derived",
                 lambda df: (df["kind"] == "derived") | df["formula"].isna()),
    ]


def with_provenance(columns: dict[str, Column], source_ids: Iterable[str], unique: list[str],
                    rules: Iterable[Check] = ()) -> pa.DataFrameSchema:
    return pa.DataFrameSchema(
        {**columns, **provenance_columns(source_ids)},
        checks=[*provenance_rules(), *rules],
        unique=unique,
        strict=True,
        report_duplicates="exclude_first",
    )


def count(description: str) -> Column:
    return Column(float, Check.ge(0, error="must be 0 or more: a count cannot be negative"),
                  description=description)


def sources_schema() -> pa.DataFrameSchema:
    return pa.DataFrameSchema(
        {
            "source_id": text("Kort id, som datafilerne henviser til.",
                              checks=[Check.str_matches(r"^[a-z0-9][a-z0-9-]*$",
                                                        error="must be lower-case letters, digits and '-'")]),
            "short_title": text("Kort navn til kildelinjer under figurer."),
            "title": text("Dokumentets titel."),
            "organisation": text("Udgiver (forvaltning eller afdeling)."),
            "municipality": text("Kommunen, dokumentet handler om."),
            "country": text("Land (Danmark eller Grønland)."),
            "date": text("Dato eller år (ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD).",
                         checks=[Check.str_matches(r"^\d{4}(-\d{2}(-\d{2})?)?$",
                                                   error="must be YYYY, YYYY-MM or YYYY-MM-DD")]),
            "reference": text("Sags- eller journalnummer.", nullable=True),
            "file": text("Kildetekstens filnavn i sources/.", nullable=True),
            "url": text("Offentlig adresse.", nullable=True),
        },
        checks=[row_rule("file", "a source needs a file or a url",
                         lambda df: df["file"].notna() | df["url"].notna())],
        unique=["source_id"],
        strict=True,
        report_duplicates="exclude_first",
    )


def complaints_schema(source_ids: Iterable[str]) -> pa.DataFrameSchema:
    return with_provenance(
        {
            "year": year("Kalenderår."),
            "complaint_type": one_of(COMPLAINT_TYPES, "formality (formalitetsklage) eller reality (realitetsklage)."),
            "count": count("Antal modtagne klager i året."),
        },
        source_ids,
        unique=["year", "complaint_type"],
        rules=[row_rule("count", "a stated count must be a whole number",
                        lambda df: (df["kind"] != "stated") | (df["count"] % 1 == 0))],
    )


def complaint_benchmarks_schema(source_ids: Iterable[str]) -> pa.DataFrameSchema:
    return with_provenance(
        {
            "benchmark_id": text("Kort id for referenceværdien."),
            "complaint_type": one_of(COMPLAINT_TYPES, "Klagetypen, værdien gælder."),
            "measure": one_of(("average", "ceiling"), "average (gennemsnit over perioden) eller ceiling (mål: højst)."),
            "first_year": year("Periodens første år.", nullable=True),
            "last_year": year("Periodens sidste år.", nullable=True),
            "value": Column(float, Check.ge(0, error="must be 0 or more"), description="Værdien."),
            "unit": one_of(UNITS, "Enheden: count (antal) eller pct (procent)."),
        },
        source_ids,
        unique=["benchmark_id"],
        rules=[
            row_rule("value", "a percentage must lie between 0 and 100",
                     lambda df: (df["unit"] != "pct") | (df["value"] <= 100)),
            row_rule("last_year", "the period ends before it starts",
                     lambda df: ~(df["last_year"] < df["first_year"]).fillna(False)),
        ],
    )


def _row_key(df: pd.DataFrame, row_column: str = "row_id") -> pd.Series:
    return df["table_id"] + "/" + df[row_column]


def _same_within_row(df: pd.DataFrame, columns: list[str]) -> pd.Series:
    """True where a table row has the same value in `columns` in every one of its year cells."""
    key = _row_key(df)
    return pd.concat([df[c].fillna("").astype(str).groupby(key).transform("nunique") <= 1
                      for c in columns], axis=1).all(axis=1)


def budget_lines_schema(source_ids: Iterable[str]) -> pa.DataFrameSchema:
    """The budget notes' tables in long form: one row per table row and column (year or "I alt")."""
    return with_provenance(
        {
            "table_id": text("Tabellens id, fx so49-t1 (notat og tabelnummer).",
                             checks=[Check.str_matches(r"^[a-z0-9][a-z0-9-]*$",
                                                       error="must be lower-case letters, digits and '-'")]),
            "table_title": text("Tabellens overskrift, ordret som i kilden."),
            "row_id": text("Rækkens id i tabellen."),
            "position": Column("Int64", Check.ge(1, error="must be 1 or more"),
                               description="Rækkens plads i tabellen, talt oppefra (1 = første række)."),
            "parent_row_id": text("Id på den række i samme tabel, som rækken summeres op i (tom for "
                                  "tabellens øverste niveau).", nullable=True),
            "counterpart": text("Rækken i en anden tabel, som rækken (alene eller sammen med andre) "
                                "udspecificerer, skrevet tabel-id/række-id; ellers tom.", nullable=True),
            "label": text("Rækkens tekst, som i kilden."),
            "row_type": one_of(ROW_TYPES, "Hvordan kilden trykker rækken: heading (mellemoverskrift uden "
                                          "beløb), line (almindelig række), subtotal (delsum, fx 'Serviceudgifter "
                                          "i alt') eller total (tabellens samlede sum)."),
            "area": Column(pd.StringDtype(), Check.isin(AREAS, error=f"must be one of: {', '.join(AREAS)}"),
                           nullable=True, description="Styringsområde: service (serviceudgifter), capital "
                                                      "(anlæg) eller statutory (lovbundet område); tom for en "
                                                      "sum over flere områder."),
            "committee": text("Udvalg, fx SUD (Socialudvalget), hvis kilden angiver det.", nullable=True),
            "appropriation": text("Bevilling (nummer og navn), som kilden skriver den.", nullable=True),
            "income_expense": Column(pd.StringDtype(), Check.isin(INCOME_EXPENSE, error="must be I or U"),
                                     nullable=True, description="I (indtægt) eller U (udgift), hvis kilden "
                                                                "angiver det."),
            "year": year("Budgetåret; tom for kolonnen 'I alt' (summen over tabellens år) og for "
                         "mellemoverskrifter.", nullable=True),
            "amount": Column(float, nullable=True, description="Beløbet i 1.000 kr. i rækkens prisniveau; "
                                                               "kildens '-' er gemt som 0. Tom for "
                                                               "mellemoverskrifter."),
            "price_level": year("Prisniveauet (p/l-året), beløbet er opgjort i, fx 2021 for '2021 p/l'."),
        },
        source_ids,
        unique=["table_id", "row_id", "year"],
        rules=[
            row_rule("amount", "a heading has no amount and every other row needs one",
                     lambda df: (df["row_type"] == "heading") == df["amount"].isna()),
            row_rule("year", "a heading has no year",
                     lambda df: (df["row_type"] != "heading") | df["year"].isna()),
            row_rule("parent_row_id", "names a row that is not in the same table",
                     lambda df: df["parent_row_id"].isna()
                     | _row_key(df, "parent_row_id").isin(set(_row_key(df)))),
            row_rule("parent_row_id", "a row cannot be its own parent",
                     lambda df: (df["parent_row_id"] != df["row_id"]).fillna(True)),
            row_rule("counterpart", "must name a row of another table as table-id/row-id",
                     lambda df: df["counterpart"].isna()
                     | (df["counterpart"].isin(set(_row_key(df)))
                        & (df["counterpart"].str.split("/").str[0] != df["table_id"]))),
            row_rule("label", "the row's label, position, parent, type and area must be the same in every year",
                     lambda df: _same_within_row(df, ["label", "position", "parent_row_id", "row_type",
                                                      "area", "counterpart"])),
            row_rule("price_level", "all rows of one table must have the same price level",
                     lambda df: df["price_level"].groupby(df["table_id"]).transform("nunique") <= 1),
        ],
    )


def capital_schedule_schema(source_ids: Iterable[str]) -> pa.DataFrameSchema:
    """A timeline table: for each activity and quarter, whether the source marks it with an X."""
    return with_provenance(
        {
            "table_id": text("Tabellens id, fx oe501-t4."),
            "table_title": text("Tabellens overskrift, ordret som i kilden."),
            "row_id": text("Aktivitetens id i tabellen."),
            "position": Column("Int64", Check.ge(1, error="must be 1 or more"),
                               description="Aktivitetens plads i tabellen, talt oppefra."),
            "label": text("Aktiviteten, som kilden skriver den."),
            "year": year("Året."),
            "quarter": Column("Int64", Check.in_range(1, 4, error="must be a quarter from 1 to 4"),
                              description="Kvartalet (1-4)."),
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
            "index": Column(float, Check.gt(0, error="must be above 0"),
                            description="Indekstallet for året; kun forholdet mellem to år bruges."),
        },
        source_ids,
        unique=["year"],
    )


@dataclass(frozen=True)
class Dataset:
    """One data file of the contract: its name (the file stem), title and schema.

    An optional data set is not shipped: a user may supply it, and its absence is no error."""
    name: str
    title: str
    schema: Callable[[Iterable[str]], pa.DataFrameSchema]
    optional: bool = False


SOURCES = Dataset("registry", "Kilderegister", lambda _ids: sources_schema())
DATASETS = {d.name: d for d in [
    Dataset("complaints", "Klager pr. år", complaints_schema),
    Dataset("complaint_benchmarks", "Gennemsnit og mål for klager", complaint_benchmarks_schema),
    Dataset("budget_lines", "Budgetnotaternes udgiftstabeller", budget_lines_schema),
    Dataset("capital_schedule", "Tidsplan for anlægsprojekter", capital_schedule_schema),
    Dataset("price_index", "Pris- og lønindeks (leveres af brugeren)", price_index_schema, optional=True),
]}
