"""Complaints per year, and the stated averages and targets."""

from __future__ import annotations

from collections.abc import Iterable

import pandera.pandas as pa
from pandera.pandas import Check, Column

from analysis.vocabulary import BY_LABEL

from .columns import UNITS, by_unit, count, one_of, row_rule, text, with_provenance, year

COMPLAINT_TYPES = ("formality", "reality")
BOUNDS = ("exact", "approximately", "at most")  # how a proposal words its number


def complaints_schema(source_ids: Iterable[str]) -> pa.DataFrameSchema:
    return with_provenance(
        {
            "year": year("Kalenderår."),
            "complaint_type": one_of(
                COMPLAINT_TYPES, "formality (formalitetsklage) eller reality (realitetsklage)."
            ),
            "count": count("Antal modtagne klager i året."),
        },
        source_ids,
        unique=["year", "complaint_type"],
        rules=[
            row_rule(
                "count",
                "a stated count must be a whole number",
                lambda df: (df["kind"] != "stated") | (df["count"] % 1 == 0),
            )
        ],
    )


def complaint_benchmarks_schema(source_ids: Iterable[str]) -> pa.DataFrameSchema:
    return with_provenance(
        {
            "benchmark_id": text("Kort id for referenceværdien."),
            "complaint_type": one_of(COMPLAINT_TYPES, "Klagetypen, værdien gælder."),
            "measure": one_of(
                ("average", "ceiling"), "average (gennemsnit over perioden) eller ceiling (mål: højst)."
            ),
            "description": text("Hvad værdien er, i ord (vises i bogen)."),
            "first_year": year("Periodens første år.", nullable=True),
            "last_year": year("Periodens sidste år.", nullable=True),
            "value": Column(
                float, Check.ge(0, error="must be 0 or more"), description="Værdien.", metadata=by_unit()
            ),
            "unit": one_of(UNITS, "Enheden: count (antal) eller pct (procent af de afgjorte sager)."),
        },
        source_ids,
        unique=["benchmark_id"],
        rules=[
            row_rule(
                "value",
                "a percentage must lie between 0 and 100",
                lambda df: (df["unit"] != "pct") | (df["value"] <= 100),
            ),
            row_rule(
                "last_year",
                "the period ends before it starts",
                lambda df: ~(df["last_year"] < df["first_year"]).fillna(False),
            ),
        ],
    )


def complaint_proposals_schema(source_ids: Iterable[str]) -> pa.DataFrameSchema:
    """The numbers in the proposals of a discussion of complaints (who is to be trained, in how
    many cases a method is to be tried): one row per number, with the proposal it belongs to."""
    return with_provenance(
        {
            "proposal_id": text("Kort id for tallet."),
            "borgercenter": one_of(tuple(BY_LABEL), "Borgercentret, forslaget gælder.", nullable=True),
            "proposal": text("Forslaget, kort i ord (bogens gengivelse; selve teksten står i quote)."),
            "value": count("Tallet i forslaget."),
            "counted": text("Hvad der tælles, i ord, fx medarbejdere, sager eller enheder."),
            "bound": one_of(
                BOUNDS, "exact (præcist tal), approximately (ca.-tal) eller at most (op til, højst)."
            ),
            "first_year": year(
                "Første år, tallet gælder (tom, hvis forslaget ikke nævner år).", nullable=True
            ),
            "last_year": year("Sidste år, tallet gælder.", nullable=True),
            "per_year": one_of(("yes", "no"), "yes, hvis tallet gælder pr. år; ellers no."),
        },
        source_ids,
        unique=["proposal_id"],
        rules=[
            row_rule(
                "last_year",
                "the period ends before it starts",
                lambda df: ~(df["last_year"] < df["first_year"]).fillna(False),
            )
        ],
    )
