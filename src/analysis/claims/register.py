"""Checking the sources' own numbers (kontrol af tallene).

Every total, average, percentage, change, target and per-FTE amount a source states is a claim
in data/claims.csv: the sentence or table row, the number as the source writes it, the check
that recomputes it (analysis.claim_checks) and the status found when the book was reviewed.
Here each claim is recomputed and judged within the rounding the source's own writing allows.
"""

from __future__ import annotations

import inspect
import re
from dataclasses import dataclass, replace

import pandas as pd

from analysis.calc.tolerance import status
from analysis.claims.checks import CHECKS, Inputs, Outcome
from analysis.data import DataError, DataFolder, is_missing, parse_number
from analysis.data.errors import file_row
from analysis.data.registry import short_title
from analysis.data.schemas.claims import DIRECTION, DIRECTIONS
from analysis.present import danish as fmt
from analysis.vocabulary import AGREES, DEVIATES, UNCHECKABLE
from analysis.vocabulary import UNIT_LABEL as VOCABULARY_UNITS

KR = {"kr": 1, "1000 kr": 1_000, "mio. kr": 1_000_000}
# The amounts of table cells are in 1.000 kr., which their tables' caption says once.
UNIT_LABEL = VOCABULARY_UNITS | {"1000 kr": ""}


@dataclass(frozen=True)
class Stated:
    """A stated number and the difference its writing allows (None: only its sign counts)."""

    value: float
    tolerance: float | None
    decimals: int = 0
    rule: str = "afrunding"  # which rule gave the tolerance: afrunding, ca., ½ or retning


def read_stated(text: str) -> Stated:
    """How a source writes a number, and what it allows: "9,3" is 9,25-9,35 (half a unit of its
    last digit), "ca. 7,8" a whole unit either way, "4½" a quarter either way; a direction word
    ("steget", "over") only gives a sign, and may lead a number ("faldet med 7" is -7)."""
    text = " ".join(text.split())
    if text in DIRECTIONS:
        return Stated(DIRECTIONS[text], None, rule="retning")
    sign = 1
    led = re.match(rf"^({DIRECTION}) (?:med|på) (.+)$", text)
    if led:
        sign, text = DIRECTIONS[led.group(1)], led.group(2)
    approximate = text.startswith("ca. ")
    text = text.removeprefix("ca. ")
    half = text.endswith("½")
    number = parse_number(text.removesuffix("½"))
    decimals = len(text.split(",")[1].removesuffix("½")) if "," in text else 0
    step = 0.5 if half else 10.0**-decimals
    value = number + (0.5 if number >= 0 else -0.5) * half
    rule = "ca." if approximate else "½" if half else "afrunding"
    return Stated(sign * value, step if approximate else step / 2, decimals + half, rule)


def judge(stated: Stated, outcome: Outcome) -> str:
    if outcome.value is None:
        return UNCHECKABLE
    if stated.tolerance is None:
        return AGREES if outcome.value * stated.value > 0 else DEVIATES
    return status(stated.value, outcome.value, stated.tolerance)


def shown(value: float | None, decimals: int) -> str:
    """A recomputed number with the stated number's decimals, and one more where those hide a
    difference (437,4 beside a stated 437)."""
    if value is None:
        return "–"
    exact = round(value, decimals) == round(value, 6)
    return fmt.number(value, decimals if exact else decimals + 1)


def _call(text: str) -> tuple[str, list[str]]:
    name, args = re.match(r"^(\w+)\((.*)\)$", text.strip()).groups()
    return name, [a.strip() for a in args.split(",") if a.strip()]


def run(data: Inputs, text: str, path, index, column: str) -> list[Outcome]:
    """The outcomes of one check named in the register; a wrong name or argument is a data error."""
    name, args = _call(text)
    where = dict(row=file_row(index), column=column)
    if name not in CHECKS:
        raise DataError(path, f"unknown check '{name}'; known: {', '.join(CHECKS)}", **where)
    try:
        inspect.signature(CHECKS[name]).bind(data, *args)
    except TypeError:
        raise DataError(path, f"'{text}' has the wrong number of arguments", **where) from None
    try:
        found = CHECKS[name](data, *args)
    except (LookupError, ValueError) as error:
        raise DataError(path, f"'{text}' cannot be computed: {error}", **where) from None
    return found if isinstance(found, list) else [found]


def _in_unit(outcome: Outcome, unit: str | None, path, index) -> Outcome:
    """The outcome in the claim's unit (amounts convert between kr., 1.000 kr. and mio. kr.)."""
    if outcome.value is None or unit is None or outcome.unit == unit:
        return outcome
    if outcome.unit in KR and unit in KR:
        factor = KR[outcome.unit] / KR[unit]
        return replace(
            outcome,
            value=outcome.value * factor,
            unit=unit,
            stated=None if outcome.stated is None else outcome.stated * factor,
        )
    raise DataError(
        path, f"the check gives {outcome.unit}, the claim states {unit}", row=file_row(index), column="unit"
    )


def register(folder: DataFolder) -> pd.DataFrame:
    """Every claim recomputed: one row per claim and cell, with its status and how it was reached."""
    claims = folder.load("claims")
    path = folder.used["claims"]
    registry = folder.sources()
    data = Inputs(folder)
    rows = []
    for index, claim in claims.iterrows():
        claim = {k: None if is_missing(v) else v for k, v in claim.items()}
        reproduced = None
        if claim["reproduced_by"]:
            reproduced = _in_unit(
                run(data, claim["reproduced_by"], path, index, "reproduced_by")[0], claim["unit"], path, index
            )
        for outcome in run(data, claim["check"], path, index, "check"):
            outcome = _in_unit(outcome, claim["unit"], path, index)
            if outcome.stated is not None:
                stated_text = fmt.plain(outcome.stated)
            elif not claim["stated"]:
                raise DataError(
                    path,
                    "the claim needs the number as the source writes it",
                    row=file_row(index),
                    column="stated",
                )
            else:
                stated_text = claim["stated"]
            stated = read_stated(stated_text)
            rows.append(
                {
                    "claim_id": "/".join(filter(None, [claim["claim_id"], outcome.cell])),
                    "register_id": claim["claim_id"],
                    "source_id": claim["source_id"],
                    "source": short_title(registry, claim["source_id"]),
                    "quote": claim["quote"],
                    "what": outcome.what or claim["quote"],
                    "in_table": outcome.stated is not None,
                    "stated_text": stated_text,
                    "stated": stated.value,
                    "cell": outcome.cell.split("/")[0],
                    "unit": claim["unit"],
                    "rule": stated.rule,
                    "tolerance": stated.tolerance,
                    "tolerance_text": _tolerance_text(stated),
                    "computed": outcome.value,
                    "computed_unit": outcome.unit,
                    "computed_text": shown(outcome.value, stated.decimals),
                    "how": outcome.how,
                    "reason": outcome.reason,
                    "status": judge(stated, outcome),
                    "expected": claim["expected"],
                    "explanation": claim["explanation"],
                    "reproduced": None if reproduced is None else reproduced.value,
                    "reproduced_text": "" if reproduced is None else shown(reproduced.value, stated.decimals),
                    "reproduced_how": "" if reproduced is None else reproduced.how,
                    "reproduced_status": "" if reproduced is None else judge(stated, reproduced),
                }
            )
    frame = pd.DataFrame(rows)
    return frame.assign(unit=frame["unit"].fillna(""), explanation=frame["explanation"].fillna(""))


def _tolerance_text(stated: Stated) -> str:
    if stated.tolerance is None:
        return "retning"
    return f"±{fmt.plain(stated.tolerance, 3)}"


def mismatch(claim: pd.Series) -> str:
    """One line naming a claim whose status is not the one registered, and what moved."""
    return (
        f"claim '{claim['claim_id']}' ({claim['source_id']}) is now '{claim['status']}', registered "
        f"'{claim['expected']}': stated {claim['stated_text']} {claim['unit'] or ''} "
        f"(allows {claim['tolerance_text']}), computed {claim['computed_text']} [{claim['how']}]"
        f"{' ' + claim['reason'] if claim['reason'] else ''}; in: {claim['what']!r}"
    )


def mismatches(register: pd.DataFrame) -> list[str]:
    """A line for every claim whose status is not the one registered (none, with the shipped data)."""
    return [mismatch(claim) for _, claim in register[register["status"] != register["expected"]].iterrows()]
