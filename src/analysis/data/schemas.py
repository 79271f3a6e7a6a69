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
UNITS = ("count", "pct", "1000 kr", "mio. kr", "fte", "persons",
         "days", "working days", "per week", "per week per caseworker")
COMPLAINT_TYPES = ("formality", "reality")
BORGERCENTRE = ("handicap", "voksne", "boern-og-unge")
DIRECTIONS = ("at least", "at most")
VERDICTS = ("met", "not met")


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


def as_dates(column: pd.Series) -> pd.Series:
    """Dates written YYYY-MM-DD; anything else becomes NaT (the column's own check reports it)."""
    return pd.to_datetime(column, format="%Y-%m-%d", errors="coerce")


def date(description: str, nullable: bool = False) -> Column:
    """A calendar date written YYYY-MM-DD (kept as text; modules parse it)."""
    return text(description, nullable=nullable, checks=[Check(
        lambda s: as_dates(s).notna(),
        element_wise=False, error="must be a date written YYYY-MM-DD, e.g. 2019-12-31")])


def pct(description: str) -> Column:
    return Column(float, Check.in_range(0, 100, error="must be a percentage between 0 and 100"),
                  description=description)


def period_rules() -> list[Check]:
    """A period (period_start, period_end) may not end before it starts."""
    return [row_rule("period_end", "the period ends before it starts",
                     lambda df: ~(as_dates(df["period_end"]) < as_dates(df["period_start"])).fillna(False))]


def borgercenter(description: str = "Borgercentret: handicap (Borgercenter Handicap), voksne "
                                    "(Borgercenter Voksne) eller boern-og-unge (Borgercenter Børn og Unge).") -> Column:
    return one_of(BORGERCENTRE, description)


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
            "description": text("Hvad værdien er, i ord (vises i bogen)."),
            "first_year": year("Periodens første år.", nullable=True),
            "last_year": year("Periodens sidste år.", nullable=True),
            "value": Column(float, Check.ge(0, error="must be 0 or more"), description="Værdien."),
            "unit": one_of(UNITS, "Enheden: count (antal) eller pct (procent af de afgjorte sager)."),
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


def compliance_schema(source_ids: Iterable[str]) -> pa.DataFrameSchema:
    return with_provenance(
        {
            "borgercenter": borgercenter(),
            "period_start": date("Første dag i perioden, tallet gælder for (ÅÅÅÅ-MM-DD)."),
            "period_end": date("Sidste dag i perioden; samme dato som period_start for et tal på én dag, "
                               "fx ultimo året."),
            "low": pct("Andel af sagerne afgjort inden for fristen, i procent; for et interval den laveste værdi."),
            "high": pct("Som low; for et interval den højeste værdi, for et enkelt tal lig med low."),
        },
        source_ids,
        unique=["borgercenter", "period_start", "period_end"],
        rules=[*period_rules(),
               row_rule("high", "high is below low: a range is written low to high",
                        lambda df: df["high"] >= df["low"])],
    )


def compliance_targets_schema(source_ids: Iterable[str]) -> pa.DataFrameSchema:
    return with_provenance(
        {
            "borgercenter": borgercenter("Borgercentret, målet gælder for."),
            "target": pct("Målet for andelen af sager afgjort inden for fristen, i procent (mindst)."),
        },
        source_ids,
        unique=["borgercenter"],
    )


FUNDING_STATUS = ("granted", "proposed")
FUNDING_DURATION = ("temporary", "permanent")


def funding_periods_schema(source_ids: Iterable[str]) -> pa.DataFrameSchema:
    return with_provenance(
        {
            "funding_id": text("Kort id for bevillingen eller forslaget."),
            "borgercenter": borgercenter("Borgercentret, midlerne gælder for."),
            "status": one_of(FUNDING_STATUS, "granted (bevilget) eller proposed (foreslået, ikke vedtaget)."),
            "decision": text("Budgettet eller forslaget, midlerne kommer fra, fx Budget 2019."),
            "first_year": year("Første år med midler."),
            "last_year": year("Sidste år med midler; tom for varige midler.", nullable=True),
            "duration": one_of(FUNDING_DURATION, "temporary (midlertidige midler) eller permanent (varige midler)."),
            "per_year_1000_kr": Column(float, Check.ge(0, error="must be 0 or more"), nullable=True,
                                       description="Beløb pr. år i 1.000 kr.; tom, hvis kilden ikke oplyser det."),
        },
        source_ids,
        unique=["funding_id"],
        rules=[
            row_rule("last_year", "temporary funding needs a last year; permanent funding has none",
                     lambda df: (df["duration"] == "permanent") == df["last_year"].isna()),
            row_rule("last_year", "the period ends before it starts",
                     lambda df: ~(df["last_year"] < df["first_year"]).fillna(False)),
        ],
    )


def _filled(df: pd.DataFrame, column: str) -> pd.Series:
    return df[column].notna()


def _is_pct(df: pd.DataFrame) -> pd.Series:
    return df["unit"].eq("pct").fillna(False).astype(bool)


def service_targets_schema(source_ids: Iterable[str]) -> pa.DataFrameSchema:
    threshold = ["direction", "value", "unit"]
    return with_provenance(
        {
            "target_id": text("Kort id for servicemålet.",
                              checks=[Check.str_matches(r"^[a-z0-9][a-z0-9_]*$",
                                                        error="must be lower-case letters, digits and '_'")]),
            "label": text("Kort dansk betegnelse for målet (selve målet står ordret i quote)."),
            "in_force": one_of(("active", "removed"), "active (gældende mål) eller removed (fjernet af forvaltningen)."),
            "direction": one_of(DIRECTIONS, "Tærsklens retning: at least (mindst) eller at most (højst); "
                                            "tom, hvis målet ikke har en målbar tærskel.", nullable=True),
            "value": Column(float, Check.ge(0, error="must be 0 or more"), nullable=True,
                            description="Tærsklens værdi; tom, hvis målet ikke har en målbar tærskel."),
            "unit": one_of(UNITS, "Tærsklens enhed, fx pct, days (dage) eller per week per caseworker "
                                  "(pr. uge pr. sagsbehandler).", nullable=True),
        },
        source_ids,
        unique=["target_id"],
        rules=[
            *[row_rule(column, "a threshold needs all of direction, value and unit (or none of them)",
                       lambda df, c=column: _filled(df, c) | df[threshold].isna().all(axis=1))
              for column in threshold],
            row_rule("value", "a percentage must lie between 0 and 100",
                     lambda df: ~_is_pct(df) | ~(df["value"] > 100)),
        ],
    )


def applications_schema(source_ids: Iterable[str]) -> pa.DataFrameSchema:
    def whole_months(df: pd.DataFrame) -> pd.Series:
        start, end = as_dates(df["period_start"]), as_dates(df["period_end"])
        return ((start.dt.day == 1) & end.dt.is_month_end).fillna(True)  # bad dates are reported by their column
    return with_provenance(
        {
            "application_type": text("Hvad der søges om, fx brøkpension."),
            "period_start": date("Periodens første dag (den 1. i en måned)."),
            "period_end": date("Periodens sidste dag (den sidste i en måned); en delperiode som januar-maj er tilladt."),
            "count": count("Antal modtagne ansøgninger i perioden."),
        },
        source_ids,
        unique=["application_type", "period_start"],
        rules=[*period_rules(),
               row_rule("period_end", "a period must run from the first day of a month to the last day of a month",
                        whole_months),
               row_rule("count", "a stated count must be a whole number",
                        lambda df: (df["kind"] != "stated") | (df["count"] % 1 == 0))],
    )


def service_results_schema(source_ids: Iterable[str]) -> pa.DataFrameSchema:
    return with_provenance(
        {
            "result_id": text("Kort id for resultatet.",
                              checks=[Check.str_matches(r"^[a-z0-9][a-z0-9_]*$",
                                                        error="must be lower-case letters, digits and '_'")]),
            "label": text("Resultatets betegnelse, som den står i kilden."),
            "target_id": text("Servicemålet (target_id i service_targets), resultatet gøres op imod; "
                              "tomt for et aktivitetstal uden mål.", nullable=True),
            "year": year("Året, resultatet gælder."),
            "quarter": Column("Int64", Check.in_range(1, 4, error="must be a quarter: 1, 2, 3 or 4"),
                              description="Kvartalet (1–4), resultatet gælder."),
            "low": Column(float, Check.ge(0, error="must be 0 or more"), nullable=True,
                          description="Resultatet, eller den nedre ende, hvis kilden giver et interval."),
            "high": Column(float, Check.ge(0, error="must be 0 or more"), nullable=True,
                           description="Den øvre ende af et interval; samme værdi som low for et enkelt tal."),
            "unit": one_of(UNITS, "Resultatets enhed, fx count (antal), pct eller per week (pr. uge).",
                           nullable=True),
            "stated_verdict": one_of(VERDICTS, "Kun når kilden i ord siger, at målet er opfyldt (met) "
                                               "eller ikke opfyldt (not met), uden et tal.", nullable=True),
        },
        source_ids,
        unique=["result_id"],
        rules=[
            row_rule("high", "the range is upside down: low is above high",
                     lambda df: ~(df["low"] > df["high"])),
            row_rule("high", "a result needs both low and high (the same value for a single number)",
                     lambda df: _filled(df, "low") == _filled(df, "high")),
            row_rule("low", "a result needs a value (low and high) or a stated_verdict",
                     lambda df: _filled(df, "low") | _filled(df, "stated_verdict")),
            row_rule("stated_verdict", "give either a value or a stated_verdict, not both",
                     lambda df: ~(_filled(df, "low") & _filled(df, "stated_verdict"))),
            row_rule("stated_verdict", "a stated_verdict must name the target it is about (target_id)",
                     lambda df: ~_filled(df, "stated_verdict") | _filled(df, "target_id")),
            row_rule("unit", "a value needs its unit",
                     lambda df: ~_filled(df, "low") | _filled(df, "unit")),
            row_rule("high", "a percentage must lie between 0 and 100",
                     lambda df: ~_is_pct(df) | ~(df["high"] > 100)),
            row_rule("target_id", "another row already reports a result for this target and quarter",
                     lambda df: df["target_id"].isna() | ~df.duplicated(["target_id", "year", "quarter"])),
        ],
    )


@dataclass(frozen=True)
class Dataset:
    """One data file of the contract: its name (the file stem), title and schema."""
    name: str
    title: str
    schema: Callable[[Iterable[str]], pa.DataFrameSchema]


SOURCES = Dataset("registry", "Kilderegister", lambda _ids: sources_schema())
DATASETS = {d.name: d for d in [
    Dataset("complaints", "Klager pr. år", complaints_schema),
    Dataset("complaint_benchmarks", "Gennemsnit og mål for klager", complaint_benchmarks_schema),
    Dataset("compliance", "Overholdelse af sagsbehandlingsfrister", compliance_schema),
    Dataset("compliance_targets", "Mål for overholdelse af sagsbehandlingsfrister", compliance_targets_schema),
    Dataset("funding_periods", "Midler til flere sagsbehandlere (bevilget og foreslået)", funding_periods_schema),
    Dataset("applications", "Modtagne ansøgninger pr. periode", applications_schema),
    Dataset("service_targets", "Servicemål, Kommuneqarfik Sermersooq (Grønland)", service_targets_schema),
    Dataset("service_results", "Resultater pr. kvartal, Kommuneqarfik Sermersooq (Grønland)",
            service_results_schema),
]}
