"""Case-processing deadlines (sagsfrister): measurements of the share of cases decided within the
deadline per borgercenter, targets, and the periods with extra funding.

Measurements cover different spans (a half-year, a quarter, a single day) and some are ranges
("80-90 pct."): they are kept as what they are, never joined or reduced to a midpoint.
"""

from __future__ import annotations

import pandas as pd

from analysis.data import is_missing
from analysis.vocabulary import BORGERCENTRE


def measurements(compliance: pd.DataFrame, shown_from=None, shown_to=None) -> pd.DataFrame:
    """The measurements (within the shown dates, if given) per borgercenter in time order, with
    their dates, the point to draw them at (the middle of the span they cover) and whether the
    value is a range."""
    frame = compliance.assign(
        start=pd.to_datetime(compliance["period_start"]), end=pd.to_datetime(compliance["period_end"])
    )
    if shown_from is not None:
        frame = frame[frame["end"] >= pd.Timestamp(shown_from)]
    if shown_to is not None:
        frame = frame[frame["start"] <= pd.Timestamp(shown_to)]
    frame = frame.sort_values(["borgercenter", "end", "start"]).reset_index(drop=True)
    return frame.assign(
        midpoint=frame["start"] + (frame["end"] - frame["start"]) / 2, is_range=frame["high"] > frame["low"]
    )


def centres(frame: pd.DataFrame) -> list[str]:
    """The borgercentre a frame has rows for, in the book's order."""
    present = set(frame["borgercenter"])
    return [key for key in BORGERCENTRE if key in present]


def change(first: pd.Series, last: pd.Series) -> float | None:
    """Change in percentage points between two measurements, or None when either is a range:
    a range has no single value to subtract."""
    if first["is_range"] or last["is_range"]:
        return None
    return float(last["low"] - first["low"])


def side(low: float, high: float, reference: float) -> str:
    """Where a value (low == high) or a range lies against a reference: "on", "above" or "below"
    for a value; "all above" (on or above), "all below" or "across" for a range."""
    if low == high:
        return "on" if low == reference else "above" if low > reference else "below"
    if low >= reference:
        return "all above"
    return "all below" if high < reference else "across"


def met(low: float, high: float, target: float) -> bool | None:
    """Whether a share (or a range of it) reached a target of at least `target`: None for a range
    on both sides of it, which the measurement cannot settle."""
    return {"on": True, "above": True, "all above": True, "below": False, "all below": False}.get(
        side(low, high, target)
    )


def within(single: pd.Series, ranged: pd.Series) -> str:
    """Where a single measurement lies against a range: "below", "above" or "inside"."""
    if single["low"] < ranged["low"]:
        return "below"
    return "above" if single["low"] > ranged["high"] else "inside"


def funding_dates(funding: pd.DataFrame, shown_to) -> pd.DataFrame:
    """Funding periods as dates: 1 January of the first year to 31 December of the last year;
    permanent funding runs to the end of what is shown."""
    end = [
        pd.Timestamp(int(last), 12, 31) if not is_missing(last) else pd.Timestamp(shown_to)
        for last in funding["last_year"]
    ]
    return funding.assign(start=[pd.Timestamp(int(y), 1, 1) for y in funding["first_year"]], end=end)


def funding_shown(funding: pd.DataFrame, shown_from, shown_to) -> pd.DataFrame:
    """The funding periods that overlap the shown dates."""
    money = funding_dates(funding, shown_to)
    return money[(money["start"] <= pd.Timestamp(shown_to)) & (money["end"] >= pd.Timestamp(shown_from))]


def axis_range(measurements: pd.DataFrame, funding: pd.DataFrame) -> tuple[str, str] | None:
    """The figure's time axis when none is given: from half a year before the first measurement or
    funding period to 31 December of the year after the last year any measurement or funding
    period names (permanent funding is then drawn over at least one year). None without either."""
    starts = [*measurements["start"], *(pd.Timestamp(int(y), 1, 1) for y in funding["first_year"])]
    if not starts:
        return None
    years = [
        *(d.year for d in measurements["end"]),
        *(int(y) for y in funding["first_year"]),
        *(int(y) for y in funding["last_year"] if not is_missing(y)),
    ]
    first = min(starts) - pd.DateOffset(months=6)
    return first.date().isoformat(), f"{max(years) + 1}-12-31"


def funding_between(funding: pd.DataFrame, centre: str, start, end, status: str = "granted") -> pd.DataFrame:
    """A centre's funding periods (granted, by default) that overlap the dates from start to end."""
    money = funding_dates(funding, end)
    rows = money[(money["borgercenter"] == centre) & (money["status"] == status)]
    return rows[(rows["start"] <= pd.Timestamp(end)) & (rows["end"] >= pd.Timestamp(start))]


def decimals(value: float, most: int = 2) -> int:
    """The decimals a stated number needs (up to `most`): 81 -> 0; 78.5 -> 1."""
    if is_missing(value):
        return 0
    return next((d for d in range(most + 1) if round(float(value), d) == round(float(value), most)), most)
