"""Deadline compliance computed from a case extract (the optional data set `cases`): the share of
cases decided within the deadline, per borgercenter and period, as of a measurement date.

The rule (the chapter states it in Danish):
- a case received after the measurement date is left out;
- a case decided on or before the measurement date counts in the period of its decision date:
  on time if decided at most `deadline_days` calendar days after it was received (the deadline
  day itself is on time), late otherwise;
- a case not decided by the measurement date (no decision date, or a later one) is open: if the
  deadline passed before the measurement date it counts as late, in the period of the measurement
  date; if it is still within the deadline it is left out (its outcome is not known yet);
- compliance = decided on time / (decided + open past the deadline) × 100.

The rule is one DuckDB query (`COUNTED`), run where the extract is: a validated extract's typed
Parquet copy (data/extract.py), or a table (the hand-worked tests), so ten million cases take a
second or two and little memory; the same SQL runs in any warehouse that holds the cases.
"""

from __future__ import annotations

import os

import duckdb
import numpy as np
import pandas as pd

from analysis.vocabulary import BORGERCENTRE, PERIOD_MONTHS

# What happened to a case as of the measurement date; all but open_within are measured.
STATUSES = ("on_time", "late", "open_within", "open_late")
COLUMNS = ("borgercenter", "received_date", "decision_date", "deadline_days")

# Each case's status as of $measured, and the first day of the period it counts in.
STATUS = """
WITH dated AS (
    SELECT borgercenter, CAST(received_date AS DATE) AS received,
           CAST(decision_date AS DATE) AS decided_on, coalesce(deadline_days, 0) AS deadline
    FROM {cases}
), status AS (
    SELECT borgercenter, received <= $measured AS counted,
           coalesce(decided_on <= $measured, false) AS decided,
           CASE WHEN decided THEN decided_on ELSE $measured END AS day,
           day - received > deadline AS late  -- the deadline day itself is on time
    FROM dated
)
"""
# The rule: counts per borgercenter, period and status; `counted` is false for the cases received
# after the measurement date (left out of the shares; the chapter says how many).
COUNTED = (
    STATUS
    + """
SELECT borgercenter, counted,
       make_date(year(day), (month(day) - 1) // $months * $months + 1, 1) AS start,
       count(*) FILTER (WHERE decided AND NOT late) AS on_time,
       count(*) FILTER (WHERE decided AND late) AS late,
       count(*) FILTER (WHERE NOT decided AND NOT late) AS open_within,
       count(*) FILTER (WHERE NOT decided AND late) AS open_late
FROM status GROUP BY ALL
"""
)


def _query(cases, sql: str, **parameters) -> pd.DataFrame:
    """Run `sql` on the extract: a path (os.PathLike) to its typed Parquet copy, or a table."""
    con = duckdb.connect()
    try:  # a progress bar on the terminal would garble the build's lines
        con.execute("SET enable_progress_bar = false").fetchall()
    except duckdb.Error:
        pass  # in a notebook without ipywidgets DuckDB draws none, and refuses to be told
    if isinstance(cases, pd.DataFrame):
        con.register("extract", cases[list(COLUMNS)])
        relation = "extract"
    else:
        relation = "read_parquet('" + os.fspath(cases).replace("'", "''") + "')"
    try:
        return con.execute(sql.format(cases=relation), parameters).df()
    finally:
        con.close()


def measurement_day(cases, measured=None) -> pd.Timestamp:
    """The measurement date: as given, or else the latest date in the extract."""
    if measured is not None:
        return pd.Timestamp(measured)
    latest = _query(
        cases,
        "SELECT max(CAST(received_date AS DATE)) AS r, max(CAST(decision_date AS DATE)) AS d FROM {cases}",
    ).iloc[0]
    return pd.Series([pd.Timestamp(v) for v in latest if not pd.isna(v)]).max()


def compliance(cases, measured=None, period: str = "quarter") -> pd.DataFrame:
    """Compliance per borgercenter and period, one row per period with measured cases, in the
    book's order of the borgercentre: counts per status, `measured`, the share on time in per
    cent (low = high, as in compliance.csv), the period's dates, and `cut` where the period ends
    early, at the measurement date (`full_end` is where it would have ended)."""
    return compliance_and_totals(cases, measured, period)[0]


def totals(cases, measured=None) -> dict[str, int]:
    """How many cases of the extract fall under each status, and how many were received later."""
    return compliance_and_totals(cases, measured)[1]


def compliance_and_totals(
    cases, measured=None, period: str = "quarter"
) -> tuple[pd.DataFrame, dict[str, int]]:
    """`compliance` and `totals` from one pass over the extract (ten million cases: a few tenths
    of a second each)."""
    if period not in PERIOD_MONTHS:
        raise ValueError(f"period must be one of {', '.join(PERIOD_MONTHS)}, not {period!r}")
    measured = measurement_day(cases, measured)
    frame = _query(cases, COUNTED, measured=measured.date(), months=PERIOD_MONTHS[period])
    frame = frame.astype({s: np.int64 for s in STATUSES}).assign(start=pd.to_datetime(frame["start"]))
    cases = frame[list(STATUSES)].sum(axis=1)  # each case has one status
    found = {"cases": int(cases.sum()), "received_later": int(cases[~frame["counted"]].sum())}
    frame = frame[frame["counted"]]
    found |= {status: int(frame[status].sum()) for status in STATUSES}
    frame = frame.assign(measured=frame["on_time"] + frame["late"] + frame["open_late"])
    frame = frame[frame["measured"] > 0].reset_index(drop=True)
    return _dated(frame[[*STATUSES, "borgercenter", "start", "measured"]], measured, period), found


def _dated(frame: pd.DataFrame, measured: pd.Timestamp, period: str) -> pd.DataFrame:
    """The share and the period's dates for the (few) result rows, in the book's order."""
    end = frame["start"] + pd.DateOffset(months=PERIOD_MONTHS[period]) - pd.Timedelta(days=1)
    cut = end > measured
    share = 100 * frame["on_time"] / frame["measured"]
    frame = frame.assign(
        period_start=frame["start"].dt.strftime("%Y-%m-%d"),
        period_end=end.where(~cut, measured).dt.strftime("%Y-%m-%d"),
        full_end=end.dt.strftime("%Y-%m-%d"),  # where the period would end, were it not cut
        cut=cut,
        low=share,
        high=share,
    )
    order = {c: i for i, c in enumerate(BORGERCENTRE)}
    frame = frame.sort_values(
        ["borgercenter", "start"], key=lambda c: c.map(order) if c.name == "borgercenter" else c
    )
    return frame.drop(columns=["start"]).reset_index(drop=True)
