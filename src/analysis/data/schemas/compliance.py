"""Case-deadline compliance per borgercenter, its targets and the funding for caseworkers, and
the optional case extract that compliance can be computed from."""

from __future__ import annotations

from collections.abc import Iterable

import pandera.pandas as pa
from pandera.pandas import Check, Column

from analysis.vocabulary import BORGERCENTRE as CENTRES

from .columns import date, not_before, one_of, pct, period_rules, row_rule, text, with_provenance, year

BORGERCENTRE = tuple(CENTRES)  # the keys, as the vocabulary defines them
FUNDING_STATUS = ("granted", "proposed")
FUNDING_DURATION = ("temporary", "permanent")


_NAMED = [f"{c.key} ({c.label})" for c in CENTRES.values()]
WHICH = f"{', '.join(_NAMED[:-1])} eller {_NAMED[-1]}"  # handicap (Borgercenter Handicap), ...


def borgercenter(description: str = f"Borgercentret: {WHICH}.") -> Column:
    return one_of(BORGERCENTRE, description)


def compliance_schema(source_ids: Iterable[str]) -> pa.DataFrameSchema:
    return with_provenance(
        {
            "borgercenter": borgercenter(),
            "period_start": date("Første dag i perioden, tallet gælder for.", past=True),
            "period_end": date(
                "Sidste dag i perioden; samme dato som period_start for et tal på én dag, fx ultimo året.",
                past=True,
            ),
            "low": pct(
                "Andel af sagerne afgjort inden for fristen, i procent; for et interval den laveste værdi."
            ),
            "high": pct("Som low; for et interval den højeste værdi, for et enkelt tal lig med low."),
        },
        source_ids,
        unique=["borgercenter", "period_start", "period_end"],
        rules=[
            *period_rules(),
            row_rule(
                "high",
                "high is below low: a range is written low to high",
                lambda df: df["high"] >= df["low"],
            ),
        ],
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


def funding_periods_schema(source_ids: Iterable[str]) -> pa.DataFrameSchema:
    return with_provenance(
        {
            "funding_id": text("Kort id for bevillingen eller forslaget."),
            "borgercenter": borgercenter("Borgercentret, midlerne gælder for."),
            "status": one_of(FUNDING_STATUS, "granted (bevilget) eller proposed (foreslået, ikke vedtaget)."),
            "decision": text("Budgettet eller forslaget, midlerne kommer fra, fx Budget 2019."),
            "first_year": year("Første år med midler."),
            "last_year": year("Sidste år med midler; tom for varige midler.", nullable=True),
            "duration": one_of(
                FUNDING_DURATION, "temporary (midlertidige midler) eller permanent (varige midler)."
            ),
            "per_year_1000_kr": Column(
                float,
                Check.ge(0, error="must be 0 or more"),
                nullable=True,
                description="Beløb pr. år i 1.000 kr.; tom, hvis kilden ikke oplyser det.",
            ),
        },
        source_ids,
        unique=["funding_id"],
        rules=[
            row_rule(
                "last_year",
                "temporary funding needs a last year; permanent funding has none",
                lambda df: (df["duration"] == "permanent") == df["last_year"].isna(),
            ),
            row_rule(
                "last_year",
                "the period ends before it starts",
                lambda df: ~(df["last_year"] < df["first_year"]).fillna(False),
            ),
        ],
    )


def cases_schema() -> pa.DataFrameSchema:
    """A case extract from the case-management system: one row per case. It is the user's own
    data, not quoted from a document, so it has no provenance columns: the file is its source."""
    return pa.DataFrameSchema(
        {
            "case_id": text("Sagens id (sagsnummer); hver sag står én gang."),
            "borgercenter": borgercenter(f"Borgercentret, der behandler sagen: {WHICH}."),
            "case_type": text("Sagstypen, som sagssystemet kalder den, fx en paragraf i serviceloven."),
            "received_date": date("Datoen, ansøgningen eller henvendelsen blev modtaget.", past=True),
            "decision_date": date(
                "Datoen, der blev truffet afgørelse; tom, så længe sagen er åben.", nullable=True, past=True
            ),
            "deadline_days": Column(
                "Int64",
                Check.ge(1, error="must be a positive whole number of days"),
                description="Sagsbehandlingsfristen i kalenderdage fra modtagelsen.",
            ),
        },
        checks=[
            not_before("decision_date", "received_date", "the decision date is before the received date")
        ],
        unique=["case_id"],
        strict=True,
        report_duplicates="exclude_first",
    )
