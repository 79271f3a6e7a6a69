"""Demand (efterspørgsel): applications received per period, and a fair comparison of periods of
different length as the average per month.

A period that covers only part of a year (January-May) is never scaled up to a whole year here:
the sources give no full-year figure, and applications need not spread evenly over the months.
"""

from __future__ import annotations

import pandas as pd

from analysis.vocabulary import whole_months


def chosen(applications: pd.DataFrame, application_type: str, first_year: int, last_year: int):
    """The type and years to show: what is given, or from the data where it is empty or 0 (the
    first type in the file; the first and last year a period of that type starts in)."""
    kinds = applications["application_type"].dropna()
    application_type = application_type or (str(kinds.iloc[0]) if len(kinds) else "")
    rows = applications[applications["application_type"] == application_type]
    years = pd.to_datetime(rows["period_start"]).dt.year
    first = first_year or (int(years.min()) if len(years) else last_year)
    last = last_year or (int(years.max()) if len(years) else first)
    return application_type, first, last


def periods(
    applications: pd.DataFrame, application_type: str, first_year: int, last_year: int
) -> pd.DataFrame:
    """The periods of one application type that start within the years shown, in time order, with
    their length in months, whether they cover less than a year, and the average per month."""
    rows = applications[(applications["application_type"] == application_type)].copy()
    start_year = pd.to_datetime(rows["period_start"]).dt.year
    rows = rows[start_year.between(first_year, last_year)].sort_values("period_start").reset_index(drop=True)
    months = [whole_months(s, e) for s, e in zip(rows["period_start"], rows["period_end"])]
    return rows.assign(
        months=months,
        partial=[m < 12 for m in months],
        per_month=[c / m for c, m in zip(rows["count"], months)],
    )


def percent_change(base: float, value: float) -> float:
    """Change from base to value in per cent of base."""
    return (value - base) / base * 100


def year_before(shown: pd.DataFrame) -> tuple[pd.Series, pd.Series] | None:
    """The last part-year period and the last whole year before it, or None if there is no such pair."""
    full, partial = shown[~shown["partial"]], shown[shown["partial"]]
    if partial.empty:
        return None
    part = partial.iloc[-1]
    before = full[full["period_start"] < part["period_start"]]
    return None if before.empty else (part, before.iloc[-1])
