"""Price levels (p/l): amounts are added or compared only within one price level.

A budget note states its amounts in the prices of one year ("2021 p/l"). Amounts in 2012 p/l and
2021 p/l cannot be added or compared as they stand: they must first be converted to one price
level with a price and wage index (such as KL's pris- og lønskøn). No public source for the index
values is known, so the book ships none. A user may supply one as the optional data file
price_index.csv; without it, anything that would mix price levels refuses with PriceLevelError.
"""

from __future__ import annotations

import html

import pandas as pd
from IPython.display import HTML

from analysis.present import danish as fmt
from analysis.present import tables

HOW_TO_SUPPLY = (
    "Læg en fil price_index.csv i en datamappe (kolonnerne year, index, kind, source_id, quote og "
    "formula; ét indekstal pr. prisniveau, fx fra KL's pris- og lønskøn, med kilden tilføjet i "
    "sources/registry.csv), og byg bogen med python -m analysis build --data MAPPE."
)


class PriceLevelError(Exception):
    """Amounts of different price levels would be added, compared or converted without an index
    that covers them. The message (Danish: the book shows it) says which levels and what to do."""


def _label(level) -> str:
    return f"{int(level)} p/l"


def levels(frame: pd.DataFrame) -> list[int]:
    return sorted(int(p) for p in frame["price_level"].dropna().unique())


def require_one_price_level(frame: pd.DataFrame, what: str = "beløbene") -> int:
    """The one price level of `frame`'s amounts; refuses if there are several."""
    found = levels(frame)
    if len(found) > 1:
        raise PriceLevelError(
            f"{what[0].upper() + what[1:]} er i forskellige prisniveauer "
            f"({fmt.listing([_label(p) for p in found])}) og kan ikke lægges sammen eller "
            f"sammenlignes uden et prisindeks. {HOW_TO_SUPPLY}"
        )
    return found[0]


def _exact(value: float) -> str:
    """An index number with all its decimals, Danish style (100 -> "100"; 103.25 -> "103,25")."""
    decimals = len(repr(float(value)).split(".")[1].rstrip("0"))
    return fmt.number(value, decimals)


def convert(frame: pd.DataFrame, target: int, index: pd.DataFrame | None) -> pd.DataFrame:
    """`frame`'s amounts (column `amount`, in 1.000 kr.) in `target` p/l:
    amount × index[target] / index[own price level]. Converted rows become derived values with
    the formula; rows already in `target` p/l are left as they are."""
    needed = sorted(set(levels(frame)) | {int(target)})
    if needed == [int(target)]:
        return frame.copy()
    if index is None:
        raise PriceLevelError(
            f"Beløb i {fmt.listing([_label(p) for p in levels(frame)])} kan ikke omregnes til "
            f"{_label(target)}, fordi bogen ikke har et prisindeks. {HOW_TO_SUPPLY}"
        )
    by_year = index.set_index("year")["index"]
    missing = [y for y in needed if y not in by_year.index]
    if missing:
        raise PriceLevelError(
            f"Prisindekset mangler tal for {fmt.listing([str(y) for y in missing])}, så beløbene "
            f"kan ikke omregnes til {_label(target)}. {HOW_TO_SUPPLY}"
        )
    converted = frame.copy()
    moved = converted["price_level"] != target
    own = converted.loc[moved, "price_level"].map(lambda p: by_year[int(p)])
    converted.loc[moved, "formula"] = [
        f"{fmt.number(a)} × {_exact(by_year[int(target)])} / {_exact(i)}"
        for a, i in zip(converted.loc[moved, "amount"], own)
    ]
    converted.loc[moved, "amount"] = converted.loc[moved, "amount"] * by_year[int(target)] / own
    converted.loc[moved, "kind"] = "derived"
    converted["price_level"] = int(target)
    return converted


def comparison(totals: pd.DataFrame, index: pd.DataFrame | None, target: int) -> HTML:
    """The notes' totals side by side in one price level, or, without an index, the reason why not.

    `totals` has one row per note: name, period, amount (1.000 kr. over the period) and price_level."""
    try:
        converted = convert(totals.assign(kind="stated", formula=None), target, index)
    except PriceLevelError as error:
        return HTML(
            f'<div class="admonition warning"><p class="admonition-title">Ingen sammenligning på tværs af '
            f"prisniveauer</p><p>{html.escape(str(error))}</p></div>"
        )
    shown = pd.DataFrame(
        {
            "Notat": converted["name"],
            "Periode": converted["period"],
            "Oprindeligt prisniveau": totals["price_level"].map(_label),
            f"I alt, 1.000 kr. ({_label(target)})": converted["amount"].map(fmt.number),
            "Omregning": converted["formula"].fillna("ingen (allerede i dette prisniveau)"),
        }
    )
    return tables.table(
        shown,
        f"Notaternes samlede beløb omregnet til {_label(target)} med det brugerleverede prisindeks",
        numeric=(f"I alt, 1.000 kr. ({_label(target)})",),
    )
