"""Applications received per period."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
import pandera.pandas as pa

from .columns import as_dates, count, date, period_rules, row_rule, text, with_provenance


def applications_schema(source_ids: Iterable[str]) -> pa.DataFrameSchema:
    def whole_months(df: pd.DataFrame) -> pd.Series:
        start, end = as_dates(df["period_start"]), as_dates(df["period_end"])
        # A missing or bad date is reported by its own column, not again here.
        return start.isna() | end.isna() | ((start.dt.day == 1) & end.dt.is_month_end)

    return with_provenance(
        {
            "application_type": text("Hvad der søges om, fx brøkpension."),
            "period_start": date("Periodens første dag (den 1. i en måned).", past=True),
            "period_end": date(
                "Periodens sidste dag (den sidste i en måned); en delperiode som januar-maj er tilladt.",
                past=True,
            ),
            "count": count("Antal modtagne ansøgninger i perioden."),
        },
        source_ids,
        unique=["application_type", "period_start"],
        rules=[
            *period_rules(),
            row_rule(
                "period_end",
                "a period must run from the first day of a month to the last day of a month",
                whole_months,
            ),
            row_rule(
                "count",
                "a stated count must be a whole number",
                lambda df: (df["kind"] != "stated") | (df["count"] % 1 == 0),
            ),
        ],
    )
