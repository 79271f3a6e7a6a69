"""Consistency between the sources' statements: two statements about the same thing must agree.

Beyond the arithmetic within one table, a note can state one item two ways: an appropriation
printed under one name with two numbers (in one table or in two) is one appropriation, not two.
Each such finding is a row of the claims register, in the register's columns, with the status
"afviger" and what the book does about it (it adds the lines up as one item).
"""

from __future__ import annotations

import pandas as pd

from analysis.calc import costs
from analysis.claims.checks import Inputs
from analysis.data.registry import short_title
from analysis.present import danish as fmt
from analysis.vocabulary import DEVIATES

EXPLANATION = (
    "Samme bevilling står under ét navn med forskellige numre. Bogen gengiver numrene, som kilden "
    "trykker dem, men lægger linjerne sammen som én bevilling ({merged}), ikke som to."
)


def appropriation_rows(data: Inputs, registry: pd.DataFrame) -> list[dict]:
    """One register row per appropriation a note prints with several numbers."""
    lines = data.load("budget_lines")
    merged = costs.one_item(lines)
    rows = []
    for table_id, name, group in costs.appropriation_codes(lines):
        codes = list(dict.fromkeys(group["code"]))
        tables = fmt.listing(dict.fromkeys(data.table_names[t] for t in group["table_id"]))
        uses = fmt.listing(
            [f"{code} (rækken »{label}«)" for code, label in zip(group["code"], group["label"])]
        )
        first = lines[(lines["table_id"] == table_id) & (lines["row_id"] == group["row_id"].iloc[0])].iloc[0]
        source_id = first["source_id"]
        group_lines = lines.merge(group[["table_id", "row_id"]], on=["table_id", "row_id"])
        rows.append(
            {
                "claim_id": f"{table_id}-bevilling-{'-'.join(codes)}",
                "register_id": f"{table_id}-bevilling-{'-'.join(codes)}",
                "source_id": source_id,
                "source": short_title(registry, source_id),
                "quote": first["quote"],
                "what": f"{tables}: bevillingen »{name}«",
                "in_table": False,
                "user": bool((group_lines["kind"] == "user-supplied").any()),
                "category": "sammenhæng",
                "stated_text": " og ".join(codes),
                "stated": None,
                "cell": "",
                "unit": "",
                "rule": "sammenhæng",
                "tolerance": None,
                "tolerance_text": "samme nummer",
                "computed": None,
                "computed_unit": None,
                "computed_text": f"{fmt.number(len(codes))} numre for én bevilling",
                "how": f"står med numrene {uses}",
                "reason": "",
                "status": DEVIATES,
                "expected": DEVIATES,
                "explanation": EXPLANATION.format(merged=merged[group["appropriation"].iloc[0]]),
                "reproduced": None,
                "reproduced_text": "",
                "reproduced_how": "",
                "reproduced_status": "",
                "registered": False,
            }
        )
    return rows


def consistency(data: Inputs, registry: pd.DataFrame) -> pd.DataFrame:
    """Every consistency check between the sources' statements, as rows of the register."""
    return pd.DataFrame(appropriation_rows(data, registry))
