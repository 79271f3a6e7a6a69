"""Service targets and results: a scorecard of each stated target against the result reported
for a quarter, the activity figures that have no target, and the targets that were removed.

The data come from Kommuneqarfik Sermersooq in Greenland, not from Copenhagen; nothing here is
compared with Copenhagen's figures.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from analysis.data import DataError, is_missing
from analysis.data.errors import file_row

STATUSES = ("met", "partly met", "not met", "not assessable", "not measured")


def range_status(low: float, high: float, limit: float, direction: str) -> str:
    """Where a reported range lies against a threshold: wholly on the right side is "met", across
    it "partly met", wholly on the wrong side "not met". A single value is a range with low == high;
    the threshold itself counts as the right side (at least 95 is met by 95)."""
    if low > high:
        raise ValueError(f"the range is upside down: {low} > {high}")
    if direction == "at least":
        right = [low >= limit, high >= limit]
    elif direction == "at most":
        right = [low <= limit, high <= limit]
    else:
        raise ValueError(f"unknown direction {direction!r}: use 'at least' or 'at most'")
    return "met" if all(right) else "not met" if not any(right) else "partly met"


@dataclass(frozen=True)
class Assessment:
    status: str  # one of STATUSES
    why: str  # which rule gave it: "no result", "in words", "no threshold", "other unit" or "range"


def assess(target: Mapping, result: Mapping | None) -> Assessment:
    """The status of one target given the result reported for it (None: no result)."""
    if result is None:
        return Assessment("not measured", "no result")
    verdict = result.get("stated_verdict")
    if not is_missing(verdict):
        return Assessment(verdict, "in words")
    if is_missing(target.get("value")):
        return Assessment("not assessable", "no threshold")
    if result["unit"] != target["unit"]:
        return Assessment("not assessable", "other unit")
    status = range_status(
        float(result["low"]), float(result["high"]), float(target["value"]), target["direction"]
    )
    return Assessment(status, "range")


def in_quarter(results: pd.DataFrame, year: int, quarter: int) -> pd.DataFrame:
    return results[(results["year"] == year) & (results["quarter"] == quarter)]


def scorecard(targets: pd.DataFrame, results: pd.DataFrame, year: int, quarter: int) -> pd.DataFrame:
    """One row per target in force: the target as stated and its threshold, the quarter's result
    (low, high, result_unit, stated_verdict), and the status with the rule that gave it (why). A
    result naming an unknown target is an error in the data."""
    known = set(targets["target_id"])
    for index, target_id in results["target_id"].items():
        if not is_missing(target_id) and target_id not in known:
            raise DataError(
                "service_results.csv",
                f"unknown target '{target_id}': it must be a target_id of service_targets.csv",
                row=file_row(index),
                column="target_id",
            )
    found = {
        r["target_id"]: r
        for r in in_quarter(results, year, quarter).to_dict("records")
        if not is_missing(r["target_id"])
    }
    rows = []
    for target in targets[targets["in_force"] == "active"].to_dict("records"):
        result = found.get(target["target_id"])
        verdict = assess(target, result)
        rows.append(
            {k: target[k] for k in ("target_id", "label", "direction", "value", "unit", "source_id")}
            | {"target_quote": target["quote"], "status": verdict.status, "why": verdict.why}
            | {k: (result or {}).get(k) for k in ("low", "high", "stated_verdict", "kind")}
            | {"result_unit": (result or {}).get("unit"), "result_quote": (result or {}).get("quote")}
            | {"result_source_id": (result or {}).get("source_id")}
        )
    return pd.DataFrame(rows)


def activity(results: pd.DataFrame, year: int, quarter: int) -> pd.DataFrame:
    """Results with no target (counts of conversations, action plans ...): activity, not attainment."""
    rows = in_quarter(results, year, quarter)
    return rows[rows["target_id"].isna()].reset_index(drop=True)


def removed(targets: pd.DataFrame) -> pd.DataFrame:
    """Targets the administration has removed, with the quote that says so and why."""
    return targets[targets["in_force"] == "removed"].reset_index(drop=True)
