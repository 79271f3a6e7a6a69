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
from analysis.claims.checks import CHECKS, Inputs, Outcome, printed_sums, unknown
from analysis.claims.consistency import consistency
from analysis.claims.needs import ZeroBase
from analysis.data import DataError, DataFolder, is_missing, parse_number
from analysis.data.errors import file_row
from analysis.data.registry import short_title, short_titles
from analysis.data.schemas.claims import DIRECTION, DIRECTIONS
from analysis.paths import DATA_DIR
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
    if outcome.high is not None:  # a range: the stated number must lie within it (and its rounding)
        slack = stated.tolerance or 0
        inside = outcome.value - slack <= stated.value <= outcome.high + slack
        return AGREES if inside else DEVIATES
    if stated.tolerance is None:
        return AGREES if outcome.value * stated.value > 0 else DEVIATES
    return status(stated.value, outcome.value, stated.tolerance)


def shown(value: float | None, decimals: int, high: float | None = None) -> str:
    """A recomputed number with the stated number's decimals, and one more where those hide a
    difference (437,4 beside a stated 437); a range as "3–6"."""
    if value is None:
        return "–"
    if high is not None:
        return f"{fmt.plain(value)}–{fmt.plain(high)}"
    exact = round(value, decimals) == round(value, 6)
    return fmt.number(value, decimals if exact else decimals + 1)


def _call(text: str) -> tuple[str, list[str]]:
    name, args = re.match(r"^(\w+)\((.*)\)$", text.strip()).groups()
    return name, [a.strip() for a in args.split(",") if a.strip()]


def run(data: Inputs, text: str, path, index, column: str, lenient: bool = False) -> list[Outcome]:
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
    except ZeroBase as error:  # the data row with the 0 is what to correct
        if lenient:
            return [unknown(ZERO)]
        raise error.error from None
    except (LookupError, ValueError) as error:
        if lenient:
            return [unknown(GONE)]
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
            high=None if outcome.high is None else outcome.high * factor,
        )
    raise DataError(
        path, f"the check gives {outcome.unit}, the claim states {unit}", row=file_row(index), column="unit"
    )


GONE = "De tal, påstanden bygger på, findes ikke i de data, bogen er bygget med."
ZERO = "Tallet, ændringen regnes i procent af, er 0 i de data, bogen er bygget med."


def _lenient(folder: DataFolder) -> bool:
    """The shipped claims were reviewed against the shipped data; with a user's data some of the
    values they rest on may be gone, which makes them uncheckable rather than the data wrong."""
    return folder.user_dir is not None and folder.used["claims"].is_relative_to(DATA_DIR)


def problems(folder: DataFolder) -> list[DataError]:
    """What the register would refuse, found before it is built: every claim's check and
    reproduced_by run as `register` runs them (a check that does not exist, wrong arguments, rows
    of the data a claim of the user's needs but the data lack, a 0 a change is reckoned from)."""
    claims, data, found = folder.load("claims"), Inputs(folder), []
    path, lenient = folder.used["claims"], _lenient(folder)
    for index, claim in claims.iterrows():
        for column in ("check", "reproduced_by"):
            if is_missing(claim[column]):
                continue
            try:
                for outcome in run(data, claim[column], path, index, column, lenient):
                    _in_unit(outcome, None if is_missing(claim["unit"]) else claim["unit"], path, index)
            except DataError as error:
                found.append(error)
    return found


def register(folder: DataFolder) -> pd.DataFrame:
    """Every claim recomputed: one row per claim and cell, with its status and how it was reached;
    then every printed sum of every table no claim names (a user's new note too), and the
    consistency checks between the sources' statements (consistency.py)."""
    claims = folder.load("claims")
    path = folder.used["claims"]
    registry = folder.sources()
    data = Inputs(folder)
    lenient = _lenient(folder)
    reviewed = set(pd.read_csv(DATA_DIR / "sources" / "registry.csv", dtype=str)["source_id"])
    rows = []
    for index, claim in claims.iterrows():
        claim = {k: None if is_missing(v) else v for k, v in claim.items()}
        reproduced = None
        if claim["reproduced_by"]:
            reproduced = _in_unit(
                run(data, claim["reproduced_by"], path, index, "reproduced_by", lenient)[0],
                claim["unit"],
                path,
                index,
            )
        for outcome in run(data, claim["check"], path, index, "check", lenient):
            outcome = _in_unit(outcome, claim["unit"], path, index)
            outcome = _from_own_sources(outcome, claim["source_id"], reviewed, registry)
            rows.append(_row(claim, outcome, reproduced, registry, path, index) | {"registered": True})
    named = {tuple(_call(c)[1][:2]) for c in claims["check"] if _call(c)[0] == "printed_sums"}
    rows += _unregistered_sums(data, named, registry)
    between = consistency(data, registry)
    frame = pd.DataFrame(rows)
    frame = pd.concat([frame, between], ignore_index=True) if len(between) else frame
    return frame.assign(unit=frame["unit"].fillna(""), explanation=frame["explanation"].fillna(""))


def _from_own_sources(outcome: Outcome, source_id: str, reviewed: set, registry: pd.DataFrame) -> Outcome:
    """A claim is judged only against values from the sources it was reviewed with or from its
    own source: where its inputs now come from another source (a user's figure in place of the
    shipped one), it cannot be checked, and says where the numbers come from now."""
    other = [s for s in outcome.inputs if s not in reviewed and s != source_id]
    if not other:
        return outcome
    names = fmt.listing(short_titles(registry, other, keep_order=True))
    return replace(
        outcome,
        value=None,
        high=None,
        reason=f"Tallene kommer nu fra {names}, ikke fra de kilder, påstanden blev efterprøvet med; "
        "bogen holder ikke en kildes påstand op mod andre kilders tal.",
    )


def _row(claim: dict, outcome: Outcome, reproduced, registry, path, index) -> dict:
    if outcome.stated is not None:
        stated_text = fmt.plain(outcome.stated)
    elif not claim["stated"]:
        raise DataError(
            path, "the claim needs the number as the source writes it", row=file_row(index), column="stated"
        )
    else:
        stated_text = claim["stated"]
    stated = read_stated(stated_text)
    status_found = judge(stated, outcome)
    return {
        "claim_id": "/".join(filter(None, [claim["claim_id"], outcome.cell])),
        "register_id": claim["claim_id"],
        "source_id": claim["source_id"],
        "source": short_title(registry, claim["source_id"]),
        "quote": claim["quote"],
        "what": outcome.what or claim["quote"],
        "in_table": outcome.stated is not None,
        "user": outcome.user,
        "category": "sum" if outcome.stated is not None else "tekst",
        "stated_text": stated_text,
        "stated": stated.value,
        "cell": outcome.cell.split("/")[0],
        "unit": claim["unit"],
        "rule": stated.rule,
        "tolerance": stated.tolerance,
        "tolerance_text": _tolerance_text(stated),
        "computed": outcome.value,
        "computed_unit": outcome.unit,
        "computed_text": shown(outcome.value, stated.decimals, outcome.high),
        "how": outcome.how,
        "reason": outcome.reason,
        "status": status_found,
        "expected": claim["expected"] or status_found,  # a sum no claim names was never reviewed
        "explanation": claim["explanation"],
        "reproduced": None if reproduced is None else reproduced.value,
        "reproduced_text": "" if reproduced is None else shown(reproduced.value, stated.decimals),
        "reproduced_how": "" if reproduced is None else reproduced.how,
        "reproduced_status": "" if reproduced is None else judge(stated, reproduced),
    }


def _unregistered_sums(data: Inputs, named: set, registry: pd.DataFrame) -> list[dict]:
    """The printed sums of every table row no claim names: every note present is checked, the
    shipped ones and a user's."""
    rows = []
    lines = data.load("budget_lines")
    for (table_id, row_id), _ in data.sum_checks.groupby(["table_id", "row_id"], sort=False):
        if (table_id, row_id) in named:
            continue
        first = lines[(lines["table_id"] == table_id) & (lines["row_id"] == row_id)].iloc[0]
        claim = {
            "claim_id": f"{table_id}-{row_id}",
            "source_id": first["source_id"],
            "quote": first["quote"],
            "stated": None,
            "unit": "1000 kr",
            "expected": None,
            "explanation": None,
        }
        for outcome in printed_sums(data, table_id, row_id):
            rows.append(_row(claim, outcome, None, registry, None, None) | {"registered": False})
    return rows


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
    changed = register[register["status"] != register["expected"]]
    return [mismatch(claim) for _, claim in changed.iterrows()]
