"""Amounts against FTEs or caseworkers, and the training plan."""

from __future__ import annotations

from collections.abc import Iterable

import pandera.pandas as pa
from pandera.pandas import Check, Column

from analysis.vocabulary import BY_LABEL

from ..numbers import COUNT
from .columns import (
    KR_UNITS,
    NUMBER_KIND,
    UNITS,
    by_unit,
    equals,
    one_of,
    price_level,
    row_rule,
    text,
    together,
    whole_number,
    with_provenance,
    year,
    yes_no,
)

CENTRES = tuple(BY_LABEL)  # training.csv names a centre by its label
TRAINING_MEASURES = ("participants", "specialists", "competence_funding", "specialist_funding")


def staffing_schema(source_ids: Iterable[str]) -> pa.DataFrameSchema:
    return with_provenance(
        {
            "item_id": text(
                "Kort id for beløbet.",
                checks=[
                    Check.str_matches(r"^[a-z0-9_]+$", error="must be lower-case letters, digits and '_'")
                ],
            ),
            "label": text("Hvad beløbet går til, med kildens ord."),
            "part_of": text(
                "Id på den samlede bevilling, beløbet er en del af; tom hvis ingen.", nullable=True
            ),
            "permanence": one_of(
                ("temporary", "permanent"), "temporary (midlertidig) eller permanent (varig)."
            ),
            "amount_mio_kr": Column(
                float, Check.ge(0, error="must be 0 or more"), description="Beløbet pr. år i mio. kr."
            ),
            "price_level": price_level("Beløbets prisniveau, fx 2021 p/l."),
            "staff": Column(
                float,
                Check.gt(0, error="must be more than 0"),
                nullable=True,
                description="Antal årsværk eller sagsbehandlere, beløbet svarer til; tom hvis ikke oplyst.",
                metadata=by_unit("staff_unit"),
            ),
            "staff_unit": one_of(
                ("fte", "persons"), "fte (årsværk) eller persons (personer).", nullable=True
            ),
            "approximate": yes_no("yes, hvis kilden skriver antallet som ca.-tal; ellers no.", nullable=True),
            "managers": Column(
                float,
                Check.ge(0, error="must be 0 or more"),
                nullable=True,
                description="Antal ledere (afdelingsledere), der er nævnt ud over sagsbehandlerne.",
                metadata={NUMBER_KIND: COUNT},
            ),
        },
        source_ids,
        unique=["item_id"],
        rules=[
            row_rule(
                "part_of",
                "must be the item_id of another row in this file",
                lambda df: (
                    df["part_of"].isna()
                    | (df["part_of"].isin(df["item_id"]) & equals(df, "part_of", df["item_id"], False))
                ),
            ),
            together("staff", "staff_unit"),
            together("staff", "approximate"),
            row_rule(
                "managers",
                "managers are counted in persons: set staff_unit to persons",
                lambda df: df["managers"].isna() | equals(df, "staff_unit", "persons"),
            ),
            whole_number("managers", "a number of managers"),
            whole_number("staff", "a number of persons", lambda df: equals(df, "staff_unit", "persons")),
        ],
    )


def training_schema(source_ids: Iterable[str]) -> pa.DataFrameSchema:
    people = lambda df: df["measure"].isin(["participants", "specialists"])
    return with_provenance(
        {
            "measure": one_of(
                TRAINING_MEASURES,
                "participants (sagsbehandlere, der skal opkvalificeres), "
                "specialists (borgermødespecialister), competence_funding eller specialist_funding "
                "(beløb pr. år).",
            ),
            "centre": one_of(CENTRES, "Borgercentret; tom for beløb til alle tre centre.", nullable=True),
            "value": Column(
                float, Check.ge(0, error="must be 0 or more"), description="Værdien.", metadata=by_unit()
            ),
            "unit": one_of(UNITS, "Enheden: persons (personer) eller 1000 kr / mio. kr (beløb pr. år)."),
            "approximate": yes_no("yes, hvis kilden skriver tallet som ca.-tal; ellers no."),
            "price_level": price_level("Prisniveau for beløb, fx 2021 p/l; tom for antal.", nullable=True),
            "first_year": year("Første år, beløbet gælder.", nullable=True),
            "last_year": year("Sidste år, beløbet gælder.", nullable=True),
        },
        source_ids,
        unique=["measure", "centre"],
        rules=[
            row_rule(
                "unit", "people are counted in persons", lambda df: ~people(df) | (df["unit"] == "persons")
            ),
            row_rule(
                "centre",
                "a number of people belongs to a centre",
                lambda df: ~people(df) | df["centre"].notna(),
            ),
            row_rule(
                "unit",
                "an amount is in 1000 kr or mio. kr",
                lambda df: people(df) | df["unit"].isin(KR_UNITS),
            ),
            row_rule(
                "price_level",
                "an amount needs its price level, and only an amount has one",
                lambda df: df["unit"].isin(KR_UNITS) == df["price_level"].notna(),
            ),
            whole_number("value", "a number of persons", lambda df: equals(df, "unit", "persons")),
            row_rule(
                "last_year",
                "the period ends before it starts",
                lambda df: ~(df["last_year"] < df["first_year"]).fillna(False),
            ),
        ],
    )
