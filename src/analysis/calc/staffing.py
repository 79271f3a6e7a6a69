"""Staffing and unit amounts (bemanding og enhedsomkostninger): what the budget notes set aside per
FTE or caseworker, whether stated parts add up to stated totals, and SO49's training plan.

Amounts carry the price level the note states (2012 for "2012 p/l"). The data holds no price
index, so nothing here adds, subtracts or compares amounts across price levels: `same_price_level`
refuses.
"""

from __future__ import annotations

import pandas as pd

from analysis.data import is_missing
from analysis.vocabulary import PROVENANCE

PEOPLE = ("participants", "specialists")  # the training plan's counts of people; the rest are amounts
KR_PER_UNIT = {"kr": 1, "1000 kr": 1_000, "mio. kr": 1_000_000}


def same_price_level(amounts: pd.DataFrame) -> int:
    """The one price level of some amounts; refuses amounts at different levels (no index in the data)."""
    levels = sorted({int(level) for level in amounts["price_level"].dropna()})
    if len(levels) != 1:
        raise ValueError(
            f"amounts at {' and '.join(map(str, levels)) or 'no'} price level cannot be combined "
            "without a price index"
        )
    return levels[0]


def per_person_kr(amount_mio_kr: float, divisor: float) -> float:
    """Kroner per FTE or person a year: the amount in mio. kr. divided by the number of people."""
    if not divisor > 0:
        raise ValueError("the number of FTEs or persons must be more than 0")
    return float(amount_mio_kr) * 1_000_000 / float(divisor)


def unit_amounts(staffing: pd.DataFrame) -> pd.DataFrame:
    """One row per amount that names a number of FTEs or caseworkers, with the amount per person.

    Where leaders are named besides the caseworkers ("28 sagsbehandlere og en afdelingsleder"),
    the note does not say how the amount is split, so both divisors are given: all persons
    (variant "all"), and the caseworkers alone ("caseworkers")."""
    rows = []
    for item in staffing[staffing["staff"].notna()].to_dict("records"):
        staff, managers = float(item["staff"]), item["managers"]
        led = not is_missing(managers) and managers > 0
        divisors = [("all", staff + managers), ("caseworkers", staff)] if led else [("all", staff)]
        for variant, divisor in divisors:
            rows.append(
                {
                    **{k: item[k] for k in ("item_id", "label", "permanence", "price_level", "staff_unit")},
                    "staff": staff,
                    "managers": managers if led else None,
                    "variant": variant,
                    "amount_mio_kr": float(item["amount_mio_kr"]),
                    "divisor": divisor,
                    "approximate": item["approximate"] == "yes",
                    "value": per_person_kr(item["amount_mio_kr"], divisor),
                    **{k: item[k] for k in PROVENANCE},
                    "kind": "derived",
                }
            )
    return pd.DataFrame(rows)


def part_sums(staffing: pd.DataFrame) -> pd.DataFrame:
    """For each stated total with stated parts (part_of): the parts, their sum and the total."""
    rows = []
    for total in staffing[staffing["item_id"].isin(staffing["part_of"].dropna())].to_dict("records"):
        parts = staffing[staffing["part_of"] == total["item_id"]]
        level = same_price_level(pd.concat([parts, pd.DataFrame([total])]))
        summed = float(parts["amount_mio_kr"].sum())
        rows.append(
            {
                "item_id": total["item_id"],
                "label": total["label"],
                "price_level": level,
                "parts": tuple(parts["amount_mio_kr"]),
                "parts_sum": summed,
                "stated": float(total["amount_mio_kr"]),
                "difference": round(summed - float(total["amount_mio_kr"]), 6),
            }
        )
    columns = ["item_id", "label", "price_level", "parts", "parts_sum", "stated", "difference"]
    return pd.DataFrame(rows, columns=columns)


# --- The training plan (SO49) ------------------------------------------------------------------


def training_by_centre(training: pd.DataFrame) -> pd.DataFrame:
    """Participants and borgermødespecialister per centre, in the order the source lists them."""
    people = training[training["measure"].isin(PEOPLE)]
    wide = people.pivot(index="centre", columns="measure", values="value")
    approx = people[people["measure"] == "participants"].set_index("centre")["approximate"] == "yes"
    order = list(dict.fromkeys(people["centre"]))  # every centre any row names, in the source's order
    return (
        wide.reindex(order)
        .assign(participants_approximate=approx.reindex(order).fillna(False).astype(bool))
        .reset_index()
        .rename_axis(columns=None)
    )


def training_derived(training: pd.DataFrame) -> pd.DataFrame:
    """Totals whose arithmetic is unambiguous, each with the values it adds (`terms`) and, for an
    amount per person, the amount and its unit it divides. The competence money per participant is
    NOT computed: it also pays for new methods and for training new staff, and the participant
    counts are estimates."""
    centres = training_by_centre(training)
    first = lambda measure: training[training["measure"] == measure].iloc[0]
    rows = []
    participants = centres["participants"].dropna()
    if len(participants) == len(centres) and len(participants):
        rows.append(
            {"measure": "participants_total", "value": float(participants.sum()), "unit": "persons"}
            | {"approximate": bool(centres["participants_approximate"].any()), "terms": tuple(participants)}
            | {k: first("participants")[k] for k in ("quote", "source_id")}
        )
    specialists = centres.get("specialists", pd.Series(dtype=float)).dropna()
    funding = training[training["measure"] == "specialist_funding"]
    if len(specialists) == len(centres) and len(specialists):
        count = float(specialists.sum())
        rows.append(
            {"measure": "specialists_total", "value": count, "unit": "persons", "approximate": False}
            | {"terms": tuple(specialists)}
            | {k: first("specialists")[k] for k in ("quote", "source_id")}
        )
        if len(funding) == 1 and count > 0:
            amount = funding.iloc[0]
            factor = KR_PER_UNIT[amount["unit"]]
            rows.append(
                {"measure": "funding_per_specialist", "value": float(amount["value"]) * factor / count}
                | {"unit": "kr", "approximate": False, "price_level": amount["price_level"]}
                | {"terms": tuple(specialists), "amount": float(amount["value"]), "factor": factor}
                | {k: amount[k] for k in ("quote", "source_id")}
            )
    columns = ["measure", "value", "unit", "approximate", "price_level", "terms", "amount", "factor"]
    frame = pd.DataFrame(rows, columns=[*columns, "quote", "source_id"])
    return frame.assign(kind="derived")


def training_funding(training: pd.DataFrame, measure: str) -> pd.Series | None:
    """An amount of the training plan (competence_funding or specialist_funding), or None."""
    rows = training[training["measure"] == measure]
    return None if rows.empty else rows.iloc[0]
