"""Complaints (klager): yearly counts, averages over a period, changes and ceiling targets."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.data import is_missing
from analysis.vocabulary import PROVENANCE

COMPLAINT_TYPES = ("formality", "reality")


def yearly(complaints: pd.DataFrame, complaint_type: str, first_year: int, last_year: int) -> pd.DataFrame:
    """One row per year from first_year to last_year; years the data lacks have no count."""
    rows = complaints[complaints["complaint_type"] == complaint_type].set_index("year")
    years = pd.Index(range(first_year, last_year + 1), name="year")
    return rows.reindex(years)[["count", *PROVENANCE]].reset_index()


def data_span(complaints: pd.DataFrame, benchmarks: pd.DataFrame, first_year: int, last_year: int):
    """The years to show: a year given (not 0) is kept. A 0 takes the first year the data speaks
    of (counts, and the periods of the yearly averages and targets), or the last year with a
    count as stated or supplied: a count derived from a stated change opens no year of its own."""
    counts = yearly_benchmarks(benchmarks)
    years = [*complaints["year"].dropna(), *counts["first_year"].dropna(), *counts["last_year"].dropna()]
    given = complaints.loc[complaints["count"].notna() & (complaints["kind"] != "derived"), "year"].dropna()
    first = first_year or (int(min(years)) if years else last_year)
    last = last_year or (int(given.max()) if len(given) else int(max(years)) if years else first)
    return first, last


def compared_years(complaints: pd.DataFrame, complaint_type: str, base_year: int, year: int):
    """The two years a change is computed between: given ones are kept; a 0 for the later year
    takes the last year with a count, a 0 for the base the last year with a count before it (or
    the year before, where none has)."""
    rows = complaints[(complaints["complaint_type"] == complaint_type) & complaints["count"].notna()]
    known = sorted(rows["year"].dropna().astype(int))
    year = year or (known[-1] if known else base_year + 1 if base_year else 0)
    earlier = [y for y in known if y < year]
    base_year = base_year or (earlier[-1] if earlier else year - 1)
    return base_year, year


def missing_years(series: pd.DataFrame) -> list[int]:
    return series.loc[series["count"].isna(), "year"].tolist()


def period_average(series: pd.DataFrame, first_year: int, last_year: int) -> float | None:
    """Mean count per year over the period, or None if any year of it is missing:
    an average over the years we happen to have would not be the period's average."""
    period = series[series["year"].between(first_year, last_year)]
    if period.empty or period["count"].isna().any() or len(period) != last_year - first_year + 1:
        return None
    return float(period["count"].mean())


def percent_change(series: pd.DataFrame, base_year: int, year: int) -> float:
    """Change from base_year to year in per cent of the base year's count."""
    counts = series.set_index("year")["count"]
    base, value = counts.get(base_year), counts.get(year)
    if is_missing(base) or is_missing(value):
        raise ValueError(f"no count for {base_year if is_missing(base) else year}")
    return (float(value) - float(base)) / float(base) * 100


@dataclass(frozen=True)
class Change:
    """The change between two years with a count, in per cent of the first (the base year)."""

    base: pd.Series  # the base year's row
    last: pd.Series  # the later year's row
    percent: float


def first_to_last(series: pd.DataFrame) -> Change | None:
    """The change from the first to the last year with a count, or None with fewer than two."""
    present = series.dropna(subset=["count"])
    if len(present) < 2:
        return None
    base, last = present.iloc[0], present.iloc[-1]
    return Change(base, last, percent_change(series, int(base["year"]), int(last["year"])))


@dataclass(frozen=True)
class Attainment:
    """How a value stands against a ceiling target ("at most")."""

    value: float
    ceiling: float

    @property
    def met(self) -> bool:
        return self.value <= self.ceiling

    @property
    def excess(self) -> float:
        """How far above the ceiling (0 or negative when met)."""
        return self.value - self.ceiling

    @property
    def excess_pct(self) -> float:
        return self.excess / self.ceiling * 100


def attainment(value: float, ceiling: float) -> Attainment:
    return Attainment(float(value), float(ceiling))


def yearly_benchmarks(benchmarks: pd.DataFrame) -> pd.DataFrame:
    """Averages and targets for the yearly counts (what the chart draws as lines)."""
    return benchmarks[benchmarks["unit"] == "count"]


def outcome_targets(benchmarks: pd.DataFrame) -> pd.DataFrame:
    """Targets for the outcome of complaints at Ankestyrelsen (shares in per cent)."""
    return benchmarks[benchmarks["unit"] == "pct"]


def benchmark(benchmarks: pd.DataFrame, complaint_type: str, measure: str) -> pd.Series | None:
    """The (first) benchmark of a type and measure, e.g. the formality average, or None."""
    counts = yearly_benchmarks(benchmarks)
    rows = counts[(counts["complaint_type"] == complaint_type) & (counts["measure"] == measure)]
    return None if rows.empty else rows.iloc[0]
