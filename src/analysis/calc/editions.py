"""Comparing two editions' numbers ledgers (data/editions.py): which numbers changed, which were
added or removed, which targets' verdicts and which checks' statuses changed. Entries are matched
by chapter and key, which stay the same when the data change (present/ledger.py)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

TOLERANCE = 1e-9  # relative: a number that moved less than this is the same number
ON = ["chapter", "key"]
CHANGED = ["chapter", "key", "old", "new", "difference", "old_shown", "new_shown", "file", "row"]
LISTED = ["chapter", "key", "kind", "value", "shown", "file", "row"]
FLIPPED = ["chapter", "key", "old_shown", "new_shown", "file", "row"]


@dataclass(frozen=True, eq=False)
class Comparison:
    changed: pd.DataFrame  # numbers in both editions with another value (CHANGED columns)
    added: pd.DataFrame  # entries only the new edition has (LISTED columns)
    removed: pd.DataFrame  # entries only the old edition had
    verdicts: pd.DataFrame  # targets whose verdict changed (FLIPPED columns)
    statuses: pd.DataFrame  # checks whose status changed

    @property
    def nothing(self) -> bool:
        return all(len(part) == 0 for part in (self.changed, self.added, self.removed, *self.flips))

    @property
    def flips(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        return self.verdicts, self.statuses


def compare(old: pd.DataFrame, new: pd.DataFrame) -> Comparison:
    """What differs from the `old` ledger to the `new`, in the new ledger's order (the book's)."""
    both = new.merge(old, on=ON, how="outer", suffixes=("", "_old"), indicator=True, sort=False)
    order = {key: i for i, key in enumerate(zip(new["chapter"], new["key"]))}
    both["order"] = [order.get(key, len(order)) for key in zip(both["chapter"], both["key"])]
    both = both.sort_values("order", kind="stable")
    present = both[both["_merge"] == "both"]
    numbers = present[(present["kind"] == "number") & (present["kind_old"] == "number")]
    moved = numbers[[_moved(a, b) for a, b in zip(numbers["value_old"], numbers["value"])]]
    changed = pd.DataFrame(
        {
            "chapter": moved["chapter"],
            "key": moved["key"],
            "old": pd.to_numeric(moved["value_old"]),
            "new": pd.to_numeric(moved["value"]),
            "old_shown": moved["shown_old"],
            "new_shown": moved["shown"],
            "file": moved["file"],
            "row": moved["row"],
        },
        columns=[c for c in CHANGED if c != "difference"],
    )
    changed.insert(4, "difference", changed["new"] - changed["old"])
    return Comparison(
        changed.reset_index(drop=True),
        _listed(both[both["_merge"] == "left_only"], ""),
        _listed(both[both["_merge"] == "right_only"], "_old"),
        _flipped(present, "verdict"),
        _flipped(present, "status"),
    )


def _moved(before, after) -> bool:
    if _missing(before) or _missing(after):
        return _missing(before) != _missing(after)
    before, after = float(before), float(after)
    return abs(after - before) > TOLERANCE * max(1.0, abs(before), abs(after))


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and value != value)


def _listed(rows: pd.DataFrame, suffix: str) -> pd.DataFrame:
    picked = {c: rows[c if c in ON else c + suffix] for c in LISTED}
    return pd.DataFrame(picked, columns=LISTED).reset_index(drop=True)


def _flipped(present: pd.DataFrame, kind: str) -> pd.DataFrame:
    rows = present[(present["kind"] == kind) & (present["kind_old"] == kind)]
    rows = rows[rows["value"].fillna("").astype(str) != rows["value_old"].fillna("").astype(str)]
    shown = rows.rename(columns={"shown_old": "old_shown", "shown": "new_shown"})
    return shown[FLIPPED].reset_index(drop=True)
