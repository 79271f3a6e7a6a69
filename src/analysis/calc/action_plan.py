"""The 2007 action plan (Handlingsplan til Borgerrådgiverens beretning 2006): its initiatives, their
measurable commitments, and the commitments that carry a date, with the span the date stands for."""

from __future__ import annotations

import calendar

import pandas as pd


def initiatives(plan: pd.DataFrame, commitments: pd.DataFrame) -> pd.DataFrame:
    """The initiatives in plan order, with how many measurable commitments each has in the data."""
    counts = commitments.groupby("initiative").size()
    return (
        plan.sort_values("number")
        .assign(commitments=lambda p: p["number"].map(counts).fillna(0).astype(int))
        .reset_index(drop=True)
    )


def date_span(iso: str) -> tuple[pd.Timestamp, pd.Timestamp, str]:
    """The first and last day a date stands for, and its precision: "2006" is all of 2006."""
    parts = [int(p) for p in str(iso).split("-")]
    if len(parts) == 3:
        day = pd.Timestamp(*parts)
        return day, day, "day"
    if len(parts) == 2:
        last = calendar.monthrange(*parts)[1]
        return pd.Timestamp(parts[0], parts[1], 1), pd.Timestamp(parts[0], parts[1], last), "month"
    return pd.Timestamp(parts[0], 1, 1), pd.Timestamp(parts[0], 12, 31), "year"


def dated(commitments: pd.DataFrame, plan: pd.DataFrame) -> pd.DataFrame:
    """The commitments with a date, earliest first, with the span and precision of the date."""
    rows = commitments[commitments["date"].notna()].copy()
    spans = [date_span(d) for d in rows["date"]]
    rows["start"] = [s[0] for s in spans]
    rows["end"] = [s[1] for s in spans]
    rows["precision"] = [s[2] for s in spans]
    rows["initiative_title"] = rows["initiative"].map(plan.set_index("number")["title"])
    return rows.sort_values(["start", "end"]).reset_index(drop=True)
