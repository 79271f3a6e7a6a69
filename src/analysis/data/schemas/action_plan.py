"""The 2007 action plan: its initiatives and measurable commitments."""

from __future__ import annotations

from collections.abc import Iterable

import pandera.pandas as pa
from pandera.pandas import Check, Column

from .columns import UNITS, by_unit, calendar_date, equals, one_of, row_rule, text, together, with_provenance

ACTION_PLAN_GROUPS = ("Særligt i forhold til beretning 2006", "Opfølgning på tidligere beretninger")
BOUNDS = ("exact", "at_least", "at_most", "threshold")


def action_plan_schema(source_ids: Iterable[str]) -> pa.DataFrameSchema:
    return with_provenance(
        {
            "number": Column(
                "Int64",
                Check.ge(1, error="must be 1 or more"),
                description="Initiativets nummer i handlingsplanen.",
            ),
            "title": text("Initiativets titel, som den står i handlingsplanens oversigt."),
            "group": one_of(ACTION_PLAN_GROUPS, "Overskriften, initiativet står under i handlingsplanen."),
            "summary": text("Kort resumé skrevet til bogen (ikke et citat)."),
        },
        source_ids,
        unique=["number"],
    )


def action_plan_commitments_schema(source_ids: Iterable[str]) -> pa.DataFrameSchema:
    return with_provenance(
        {
            "commitment_id": text(
                "Kort id for tilsagnet.",
                checks=[
                    Check.str_matches(r"^[a-z0-9_]+$", error="must be lower-case letters, digits and '_'")
                ],
            ),
            "initiative": Column(
                "Int64",
                Check.ge(1, error="must be 1 or more"),
                description="Nummeret på initiativet i action_plan.csv, tilsagnet hører til.",
            ),
            "commitment": text("Tilsagnet kort, med bogens ord."),
            "value": Column(
                float,
                Check.ge(0, error="must be 0 or more"),
                nullable=True,
                description="Det målbare tal i tilsagnet; tom hvis tilsagnet kun er en dato.",
                metadata=by_unit(),
            ),
            "unit": one_of(UNITS, "Tallets enhed: count, persons, pct eller weeks.", nullable=True),
            "counted": text("Hvad tallet tæller, fx fagteams; tom for procenter.", nullable=True),
            "bound": one_of(
                BOUNDS,
                "exact, at_least (mindst), at_most (højst, fx en frist) eller threshold "
                "(en grænse, der udløser noget).",
                nullable=True,
            ),
            "date": calendar_date(
                "Hvornår, så præcist som kilden siger det (ÅÅÅÅ, ÅÅÅÅ-MM eller en dato).", nullable=True
            ),
            "when": text("Tidsangivelsen med kildens ord, fx sommeren 2006.", nullable=True),
        },
        source_ids,
        unique=["commitment_id"],
        rules=[
            together("value", "unit"),
            together("value", "bound"),
            together("date", "when"),
            row_rule(
                "value",
                "a percentage must lie between 0 and 100",
                lambda df: ~equals(df, "unit", "pct") | (df["value"] <= 100).fillna(True),
            ),
        ],
    )
