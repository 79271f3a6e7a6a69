"""The timeline of a capital project (tidsplan for anlæg): the quarters a note's table marks with
an X, as runs of consecutive quarters."""

from __future__ import annotations

import pandas as pd


def runs(schedule: pd.DataFrame) -> pd.DataFrame:
    """Each activity's marked quarters as runs of consecutive quarters (one bar each), in table order:
    table_id, row_id, label, start and end (year, quarter), and the number of quarters."""
    found = []
    marked = schedule[schedule["scheduled"] == "yes"].assign(
        step=lambda d: d["year"].astype(int) * 4 + d["quarter"].astype(int) - 1
    )
    for (table_id, row_id), rows in marked.sort_values(["position", "step"]).groupby(
        ["table_id", "row_id"], sort=False
    ):
        steps = rows["step"].tolist()
        start = previous = steps[0]
        for step in steps[1:] + [None]:
            if step is not None and step == previous + 1:
                previous = step
                continue
            found.append(
                {
                    "table_id": table_id,
                    "row_id": row_id,
                    "label": rows["label"].iloc[0],
                    "start_year": start // 4,
                    "start_quarter": start % 4 + 1,
                    "end_year": previous // 4,
                    "end_quarter": previous % 4 + 1,
                    "quarters": previous - start + 1,
                }
            )
            start = previous = step
    return pd.DataFrame(found)


def first_and_last(found: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """The run that starts first and the run that ends last."""
    first = found.sort_values(["start_year", "start_quarter"]).iloc[0]
    return first, found.sort_values(["end_year", "end_quarter"]).iloc[-1]
