"""Service targets and results (Kommuneqarfik Sermersooq, Greenland)."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
import pandera.pandas as pa
from pandera.pandas import Check, Column

from .columns import UNITS, by_unit, filled, one_of, row_rule, text, with_provenance, year

DIRECTIONS = ("at least", "at most")
VERDICTS = ("met", "not met")


def _is_pct(df: pd.DataFrame) -> pd.Series:
    return df["unit"].eq("pct").fillna(False).astype(bool)


def service_targets_schema(source_ids: Iterable[str]) -> pa.DataFrameSchema:
    threshold = ["direction", "value", "unit"]
    return with_provenance(
        {
            "target_id": text(
                "Kort id for servicemålet.",
                checks=[
                    Check.str_matches(
                        r"^[a-z0-9][a-z0-9_]*$", error="must be lower-case letters, digits and '_'"
                    )
                ],
            ),
            "label": text("Kort dansk betegnelse for målet (selve målet står ordret i quote)."),
            "in_force": one_of(
                ("active", "removed"), "active (gældende mål) eller removed (fjernet af forvaltningen)."
            ),
            "direction": one_of(
                DIRECTIONS,
                "Tærsklens retning: at least (mindst) eller at most (højst); "
                "tom, hvis målet ikke har en målbar tærskel.",
                nullable=True,
            ),
            "value": Column(
                float,
                Check.ge(0, error="must be 0 or more"),
                nullable=True,
                description="Tærsklens værdi; tom, hvis målet ikke har en målbar tærskel.",
                metadata=by_unit(),
            ),
            "unit": one_of(
                UNITS,
                "Tærsklens enhed, fx pct, days (dage) eller per week per caseworker "
                "(pr. uge pr. sagsbehandler).",
                nullable=True,
            ),
        },
        source_ids,
        unique=["target_id"],
        rules=[
            *[
                row_rule(
                    column,
                    "a threshold needs all of direction, value and unit (or none of them)",
                    lambda df, c=column: filled(df, c) | df[threshold].isna().all(axis=1),
                )
                for column in threshold
            ],
            row_rule(
                "value",
                "a percentage must lie between 0 and 100",
                lambda df: ~_is_pct(df) | ~(df["value"] > 100),
            ),
        ],
    )


def service_results_schema(source_ids: Iterable[str]) -> pa.DataFrameSchema:
    return with_provenance(
        {
            "result_id": text(
                "Kort id for resultatet.",
                checks=[
                    Check.str_matches(
                        r"^[a-z0-9][a-z0-9_]*$", error="must be lower-case letters, digits and '_'"
                    )
                ],
            ),
            "label": text("Resultatets betegnelse, som den står i kilden."),
            "target_id": text(
                "Servicemålet (target_id i service_targets), resultatet gøres op imod; "
                "tomt for et aktivitetstal uden mål.",
                nullable=True,
            ),
            "year": year("Året, resultatet gælder."),
            "quarter": Column(
                "Int64",
                Check.in_range(1, 4, error="must be a quarter: 1, 2, 3 or 4"),
                description="Kvartalet (1–4), resultatet gælder.",
            ),
            "low": Column(
                float,
                Check.ge(0, error="must be 0 or more"),
                nullable=True,
                description="Resultatet, eller den nedre ende, hvis kilden giver et interval.",
                metadata=by_unit(),
            ),
            "high": Column(
                float,
                Check.ge(0, error="must be 0 or more"),
                nullable=True,
                description="Den øvre ende af et interval; samme værdi som low for et enkelt tal.",
                metadata=by_unit(),
            ),
            "unit": one_of(
                UNITS, "Resultatets enhed, fx count (antal), pct eller per week (pr. uge).", nullable=True
            ),
            "stated_verdict": one_of(
                VERDICTS,
                "Kun når kilden i ord siger, at målet er opfyldt (met) "
                "eller ikke opfyldt (not met), uden et tal.",
                nullable=True,
            ),
        },
        source_ids,
        unique=["result_id"],
        rules=[
            row_rule(
                "high", "the range is upside down: low is above high", lambda df: ~(df["low"] > df["high"])
            ),
            row_rule(
                "high",
                "a result needs both low and high (the same value for a single number)",
                lambda df: filled(df, "low") == filled(df, "high"),
            ),
            row_rule(
                "low",
                "a result needs a value (low and high) or a stated_verdict",
                lambda df: filled(df, "low") | filled(df, "stated_verdict"),
            ),
            row_rule(
                "stated_verdict",
                "give either a value or a stated_verdict, not both",
                lambda df: ~(filled(df, "low") & filled(df, "stated_verdict")),
            ),
            row_rule(
                "stated_verdict",
                "a stated_verdict must name the target it is about (target_id)",
                lambda df: ~filled(df, "stated_verdict") | filled(df, "target_id"),
            ),
            row_rule("unit", "a value needs its unit", lambda df: ~filled(df, "low") | filled(df, "unit")),
            row_rule(
                "high",
                "a percentage must lie between 0 and 100",
                lambda df: ~_is_pct(df) | ~(df["high"] > 100),
            ),
            row_rule(
                "target_id",
                "another row already reports a result for this target and quarter",
                lambda df: df["target_id"].isna() | ~df.duplicated(["target_id", "year", "quarter"]),
            ),
        ],
    )


FREQUENCIES = ("quarter", "half-year", "year")


def service_commitments_schema(source_ids: Iterable[str]) -> pa.DataFrameSchema:
    """What the administration commits to beyond its targets, e.g. to report results every quarter."""
    return with_provenance(
        {
            "commitment_id": text("Kort id for tilsagnet."),
            "label": text("Tilsagnet, kort i ord (bogens gengivelse; selve teksten står ordret i quote)."),
            "frequency": one_of(
                FREQUENCIES,
                "Hvor ofte: quarter (hvert kvartal), half-year (hvert halvår) eller year (hvert år); "
                "tom, hvis tilsagnet ikke gentages.",
                nullable=True,
            ),
        },
        source_ids,
        unique=["commitment_id"],
    )
