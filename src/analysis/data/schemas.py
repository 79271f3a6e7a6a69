"""The data contract: one pandera schema per data file, and the provenance every value carries.

Column descriptions are in Danish because the book's data dictionary shows them to readers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable

import pandas as pd
import pandera.pandas as pa
from pandera.pandas import Check, Column

from .errors import RULE_SEPARATOR

KINDS = ("stated", "derived", "user-supplied")
UNITS = ("count", "pct", "1000 kr", "mio. kr", "fte", "persons", "weeks")
KR_UNITS = ("1000 kr", "mio. kr")
COMPLAINT_TYPES = ("formality", "reality")
CENTRES = ("Borgercenter Handicap", "Borgercenter Voksne", "Borgercenter Børn og Unge")
ACTION_PLAN_GROUPS = ("Særligt i forhold til beretning 2006", "Opfølgning på tidligere beretninger")


def row_rule(column: str, message: str, holds: Callable[[pd.DataFrame], pd.Series]) -> Check:
    """A rule across columns of one row, blamed on `column` when it fails."""
    return Check(holds, error=f"{column}{RULE_SEPARATOR}{message}")


def text(description: str, nullable: bool = False, checks: Iterable[Check] = ()) -> Column:
    return Column(pd.StringDtype(), checks=list(checks), nullable=nullable, description=description)


def year(description: str, nullable: bool = False) -> Column:
    return Column("Int64", Check.in_range(1900, 2100, error="must be a year between 1900 and 2100"),
                  nullable=nullable, description=description)


def one_of(values: Iterable[str], description: str, nullable: bool = False) -> Column:
    values = tuple(values)
    return text(description, nullable=nullable,
                checks=[Check.isin(values, error=f"must be one of: {', '.join(values)}")])


def calendar_date(description: str, nullable: bool = False) -> Column:
    """A date as precise as the source gives it: YYYY, YYYY-MM or YYYY-MM-DD."""
    return text(description, nullable=nullable,
                checks=[Check.str_matches(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$",
                                          error="must be YYYY, YYYY-MM or YYYY-MM-DD")])


def price_level(description: str, nullable: bool = False) -> Column:
    """The price level of an amount as budget notes write it ("2021 p/l"): amounts at different
    price levels must never be added or compared without a price index."""
    return text(description, nullable=nullable,
                checks=[Check.str_matches(r"^\d{4} p/l$", error="must be a price level like '2021 p/l'")])


def yes_no(description: str, nullable: bool = False) -> Column:
    return one_of(("yes", "no"), description, nullable=nullable)


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
            "date": calendar_date("Dato eller år (ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD)."),
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


def _is(df: pd.DataFrame, column: str, value, equal: bool = True) -> pd.Series:
    """column == value (or !=) as plain booleans: an empty cell is neither equal nor different."""
    result = df[column].eq(value) if equal else df[column].ne(value)
    return result.fillna(False).astype(bool)


def _whole(column: str, what: str, applies=lambda df: pd.Series(True, index=df.index)) -> Check:
    return row_rule(column, f"{what} must be a whole number",
                    lambda df: ~applies(df) | df[column].isna() | (df[column] % 1 == 0).fillna(True))


def _together(first: str, second: str) -> Check:
    """Two columns that only make sense together: both filled or both empty."""
    return row_rule(second, f"'{first}' and '{second}' go together: fill both or neither",
                    lambda df: df[first].isna() == df[second].isna())


def staffing_schema(source_ids: Iterable[str]) -> pa.DataFrameSchema:
    return with_provenance(
        {
            "item_id": text("Kort id for beløbet.", checks=[Check.str_matches(
                r"^[a-z0-9_]+$", error="must be lower-case letters, digits and '_'")]),
            "label": text("Hvad beløbet går til, med kildens ord."),
            "part_of": text("Id på den samlede bevilling, beløbet er en del af; tom hvis ingen.", nullable=True),
            "permanence": one_of(("temporary", "permanent"), "temporary (midlertidig) eller permanent (varig)."),
            "amount_mio_kr": Column(float, Check.ge(0, error="must be 0 or more"),
                                    description="Beløbet pr. år i mio. kr."),
            "price_level": price_level("Beløbets prisniveau, fx 2021 p/l."),
            "staff": Column(float, Check.gt(0, error="must be more than 0"), nullable=True,
                            description="Antal årsværk eller sagsbehandlere, beløbet svarer til; tom hvis ikke oplyst."),
            "staff_unit": one_of(("fte", "persons"), "fte (årsværk) eller persons (personer).", nullable=True),
            "approximate": yes_no("yes, hvis kilden skriver antallet som ca.-tal; ellers no.", nullable=True),
            "managers": Column(float, Check.ge(0, error="must be 0 or more"), nullable=True,
                               description="Antal ledere (afdelingsledere), der er nævnt ud over sagsbehandlerne."),
        },
        source_ids,
        unique=["item_id"],
        rules=[
            row_rule("part_of", "must be the item_id of another row in this file",
                     lambda df: df["part_of"].isna() | (df["part_of"].isin(df["item_id"]) & _is(df, "part_of", df["item_id"], False))),
            _together("staff", "staff_unit"),
            _together("staff", "approximate"),
            row_rule("managers", "managers are counted in persons: set staff_unit to persons",
                     lambda df: df["managers"].isna() | _is(df, "staff_unit", "persons")),
            _whole("managers", "a number of managers"),
            _whole("staff", "a number of persons", lambda df: _is(df, "staff_unit", "persons")),
        ],
    )


TRAINING_MEASURES = ("participants", "specialists", "competence_funding", "specialist_funding")


def training_schema(source_ids: Iterable[str]) -> pa.DataFrameSchema:
    people = lambda df: df["measure"].isin(["participants", "specialists"])  # noqa: E731
    return with_provenance(
        {
            "measure": one_of(TRAINING_MEASURES, "participants (sagsbehandlere, der skal opkvalificeres), "
                              "specialists (borgermødespecialister), competence_funding eller specialist_funding "
                              "(beløb pr. år)."),
            "centre": one_of(CENTRES, "Borgercentret; tom for beløb til alle tre centre.", nullable=True),
            "value": Column(float, Check.ge(0, error="must be 0 or more"), description="Værdien."),
            "unit": one_of(UNITS, "Enheden: persons (personer) eller 1000 kr / mio. kr (beløb pr. år)."),
            "approximate": yes_no("yes, hvis kilden skriver tallet som ca.-tal; ellers no."),
            "price_level": price_level("Prisniveau for beløb, fx 2021 p/l; tom for antal.", nullable=True),
            "first_year": year("Første år, beløbet gælder.", nullable=True),
            "last_year": year("Sidste år, beløbet gælder.", nullable=True),
        },
        source_ids,
        unique=["measure", "centre"],
        rules=[
            row_rule("unit", "people are counted in persons", lambda df: ~people(df) | (df["unit"] == "persons")),
            row_rule("centre", "a number of people belongs to a centre", lambda df: ~people(df) | df["centre"].notna()),
            row_rule("unit", "an amount is in 1000 kr or mio. kr", lambda df: people(df) | df["unit"].isin(KR_UNITS)),
            row_rule("price_level", "an amount needs its price level, and only an amount has one",
                     lambda df: df["unit"].isin(KR_UNITS) == df["price_level"].notna()),
            _whole("value", "a number of persons", lambda df: _is(df, "unit", "persons")),
            row_rule("last_year", "the period ends before it starts",
                     lambda df: ~(df["last_year"] < df["first_year"]).fillna(False)),
        ],
    )


def action_plan_schema(source_ids: Iterable[str]) -> pa.DataFrameSchema:
    return with_provenance(
        {
            "number": Column("Int64", Check.ge(1, error="must be 1 or more"), description="Initiativets nummer i handlingsplanen."),
            "title": text("Initiativets titel, som den står i handlingsplanens oversigt."),
            "group": one_of(ACTION_PLAN_GROUPS, "Overskriften, initiativet står under i handlingsplanen."),
            "summary": text("Kort resumé skrevet til bogen (ikke et citat)."),
        },
        source_ids,
        unique=["number"],
    )


BOUNDS = ("exact", "at_least", "at_most", "threshold")


def action_plan_commitments_schema(source_ids: Iterable[str]) -> pa.DataFrameSchema:
    return with_provenance(
        {
            "commitment_id": text("Kort id for tilsagnet.", checks=[Check.str_matches(
                r"^[a-z0-9_]+$", error="must be lower-case letters, digits and '_'")]),
            "initiative": Column("Int64", Check.ge(1, error="must be 1 or more"),
                                 description="Nummeret på initiativet i action_plan.csv, tilsagnet hører til."),
            "commitment": text("Tilsagnet kort, med bogens ord."),
            "value": Column(float, Check.ge(0, error="must be 0 or more"), nullable=True,
                            description="Det målbare tal i tilsagnet; tom hvis tilsagnet kun er en dato."),
            "unit": one_of(UNITS, "Tallets enhed: count, persons, pct eller weeks.", nullable=True),
            "counted": text("Hvad tallet tæller, fx fagteams; tom for procenter.", nullable=True),
            "bound": one_of(BOUNDS, "exact, at_least (mindst), at_most (højst, fx en frist) eller threshold "
                                    "(en grænse, der udløser noget).", nullable=True),
            "date": calendar_date("Hvornår, så præcist som kilden siger det (ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD).",
                                  nullable=True),
            "when": text("Tidsangivelsen med kildens ord, fx sommeren 2006.", nullable=True),
        },
        source_ids,
        unique=["commitment_id"],
        rules=[
            _together("value", "unit"),
            _together("value", "bound"),
            _together("date", "when"),
            row_rule("value", "a percentage must lie between 0 and 100",
                     lambda df: ~_is(df, "unit", "pct") | (df["value"] <= 100).fillna(True)),
        ],
    )


@dataclass(frozen=True)
class Dataset:
    """One data file of the contract: its name (the file stem), title and schema."""
    name: str
    title: str
    schema: Callable[[Iterable[str]], pa.DataFrameSchema]
    # Columns whose values must exist in another data set: {column: (data set, its column)}.
    references: dict[str, tuple[str, str]] = field(default_factory=dict)


SOURCES = Dataset("registry", "Kilderegister", lambda _ids: sources_schema())
DATASETS = {d.name: d for d in [
    Dataset("complaints", "Klager pr. år", complaints_schema),
    Dataset("complaint_benchmarks", "Gennemsnit og mål for klager", complaint_benchmarks_schema),
    Dataset("staffing", "Beløb og årsværk/sagsbehandlere", staffing_schema),
    Dataset("training", "Opkvalificering og borgermødespecialister", training_schema),
    Dataset("action_plan", "Handlingsplanens initiativer (2007)", action_plan_schema),
    Dataset("action_plan_commitments", "Handlingsplanens målbare tilsagn (2007)", action_plan_commitments_schema,
            references={"initiative": ("action_plan", "number")}),
]}
