"""Price levels (p/l): amounts are added or compared only within one price level.

A budget note states its amounts in the prices of one year ("2021 p/l"). Amounts in 2012 p/l and
2021 p/l cannot be added or compared as they stand: they must first be converted to one price
level with a price and wage index (such as KL's pris- og lønskøn). No public source for the index
values is known, so the book ships none. A user may supply one as the optional data file
price_index.csv; without it, anything that would mix price levels refuses with PriceLevelError.
"""

from __future__ import annotations

import pandas as pd


class PriceLevelError(Exception):
    """Amounts of different price levels would be added, compared or converted without an index
    that covers them. `reason` says which: "several" (amounts at several levels), "no index" or
    "index lacks" (the index has no number for the `missing` years)."""

    def __init__(self, reason: str, levels: list[int], target: int | None = None, missing: list[int] = ()):
        self.reason, self.levels, self.target, self.missing = reason, levels, target, list(missing)
        super().__init__(
            f"{reason}: amounts at price levels {levels}" + (f", index lacks {missing}" if missing else "")
        )


def levels(frame: pd.DataFrame) -> list[int]:
    return sorted(int(p) for p in frame["price_level"].dropna().unique())


def require_one_price_level(frame: pd.DataFrame) -> int:
    """The one price level of `frame`'s amounts; refuses if there are several."""
    found = levels(frame)
    if len(found) > 1:
        raise PriceLevelError("several", found)
    return found[0]


def convert(frame: pd.DataFrame, target: int, index: pd.DataFrame | None) -> pd.DataFrame:
    """`frame`'s amounts (column `amount`, in 1.000 kr.) in `target` p/l:
    amount × index[target] / index[own price level]. Converted rows become derived values and
    keep the two index numbers (`index_target`, `index_own`) and the amount before
    (`amount_before`); rows already in `target` p/l are left as they are."""
    needed = sorted(set(levels(frame)) | {int(target)})
    if needed == [int(target)]:
        return frame.copy()
    if index is None:
        raise PriceLevelError("no index", levels(frame), int(target))
    by_year = index.set_index("year")["index"]
    missing = [y for y in needed if y not in by_year.index]
    if missing:
        raise PriceLevelError("index lacks", levels(frame), int(target), missing)
    converted = frame.copy()
    moved = converted["price_level"] != target
    converted["amount_before"] = converted["amount"].where(moved)
    converted["index_own"] = converted["price_level"].map(lambda p: by_year[int(p)]).where(moved)
    converted["index_target"] = pd.Series(by_year[int(target)], index=converted.index).where(moved)
    converted.loc[moved, "amount"] = (
        converted.loc[moved, "amount"] * by_year[int(target)] / converted.loc[moved, "index_own"]
    )
    converted.loc[moved, "kind"] = "derived"
    converted["price_level"] = int(target)
    return converted
