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

Everything is computed on whole columns with numpy (no Python loop over cases), so an extract of
millions of cases takes seconds.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.data.schemas.columns import as_dates
from analysis.vocabulary import BORGERCENTRE, PERIOD_MONTHS

# What happened to a case as of the measurement date, numbered 2 × open + late; all but
# open_within are measured.
STATUSES = ("on_time", "late", "open_within", "open_late")


def _days(dates: pd.Series) -> np.ndarray:
    """Dates (YYYY-MM-DD text, as the data folder gives them, or datetimes) as days since 1970;
    a missing date becomes the largest int64, i.e. later than any measurement date."""
    days = as_dates(dates).to_numpy().astype("datetime64[D]")
    return np.where(np.isnat(days), np.iinfo(np.int64).max, days.view(np.int64))


def measurement_day(cases: pd.DataFrame, measured=None) -> pd.Timestamp:
    """The measurement date: as given, or else the latest date in the extract."""
    if measured is not None:
        return pd.Timestamp(measured)
    return pd.Series([as_dates(cases[c]).max() for c in ("received_date", "decision_date")]).max()


def statuses(cases: pd.DataFrame, measured) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per case: whether it counts at all (received by the measurement date), its status (an
    index into STATUSES) and the day (since 1970) of the period it belongs to."""
    day = (pd.Timestamp(measured) - pd.Timestamp(0)).days
    received, decided_on = _days(cases["received_date"]), _days(cases["decision_date"])
    deadline = cases["deadline_days"].to_numpy(dtype=np.int64, na_value=0)
    decided = decided_on <= day
    late = np.where(decided, decided_on, day) - received > deadline  # deadline day itself is on time
    status = (2 * ~decided + late).astype(np.int8)
    return received <= day, status, np.where(decided, decided_on, day)


def period_starts(days: np.ndarray, months: int) -> tuple[np.ndarray, np.ndarray]:
    """Each day's period as a running number, and the first day of each numbered period.

    A day-to-period table over the few thousand days spanned is looked up once per case, which
    is much faster than converting millions of dates to months."""
    first, last = days.min(), days.max()
    span = np.arange(first, last + 1).astype("datetime64[D]").astype("datetime64[M]").view(np.int64) // months
    number = span[days - first] - span[0]
    starts = ((np.arange(span[-1] - span[0] + 1) + span[0]) * months).astype("datetime64[M]")
    return number, starts


def compliance(cases: pd.DataFrame, measured=None, period: str = "quarter") -> pd.DataFrame:
    """Compliance per borgercenter and period, one row per period with measured cases, in the
    book's order of the borgercentre: counts per status, `measured`, the share on time in per
    cent (low = high, as in compliance.csv), the period's dates, and `cut` where the period ends
    early, at the measurement date (`full_end` is where it would have ended)."""
    if period not in PERIOD_MONTHS:
        raise ValueError(f"period must be one of {', '.join(PERIOD_MONTHS)}, not {period!r}")
    measured = measurement_day(cases, measured)
    counted, status, days = statuses(cases, measured)
    units, names = pd.factorize(cases["borgercenter"])
    if not counted.all():
        units, status, days = units[counted], status[counted], days[counted]
    if len(days) == 0:  # every case was received after the measurement date
        empty = pd.DataFrame(columns=[*STATUSES, "borgercenter", "start", "measured"])
        return _dated(empty.astype({"start": "datetime64[s]"}), measured, period)
    number, starts = period_starts(days, PERIOD_MONTHS[period])
    # One pass counts every (unit, period, status): the key enumerates all combinations.
    key = (units.astype(np.int64) * len(starts) + number) * len(STATUSES) + status
    counts = np.bincount(key, minlength=len(names) * len(starts) * len(STATUSES))
    frame = pd.DataFrame(counts.reshape(-1, len(STATUSES)), columns=list(STATUSES))
    frame["borgercenter"] = np.repeat(np.asarray(names, dtype=object), len(starts))
    frame["start"] = pd.to_datetime(np.tile(starts, len(names)))
    frame["measured"] = frame["on_time"] + frame["late"] + frame["open_late"]
    frame = frame[frame["measured"] > 0].reset_index(drop=True)
    return _dated(frame, measured, period)


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


def totals(cases: pd.DataFrame, measured=None) -> dict[str, int]:
    """How many cases of the extract fall under each status, and how many were received later."""
    counted, status, _ = statuses(cases, measurement_day(cases, measured))
    found = dict(zip(STATUSES, np.bincount(status[counted], minlength=len(STATUSES)).tolist()))
    return {"cases": len(cases), "received_later": int((~counted).sum()), **found}
