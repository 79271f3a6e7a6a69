"""The claims register: every number the sources compute or compare, with the check that
recomputes it (see analysis.claims)."""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandera.pandas as pa
from pandera.pandas import Check

from .columns import UNITS, one_of, provenance_columns, row_rule, text

# Words that state a direction rather than a number: above (+1) or below (-1) zero. "ikke er opnået"
# is said of a ceiling target, so it means above the ceiling.
DIRECTIONS = {
    "over": 1,
    "steget": 1,
    "stigning": 1,
    "løftet": 1,
    "øgning": 1,
    "ikke er opnået": 1,
    "under": -1,
    "faldet": -1,
    "faldende": -1,
    "fald": -1,
}
CLAIM_UNITS = (*UNITS, "kr", "years")
STATUSES = ("stemmer", "afviger", "afviger: fortegnet er vendt", "kan ikke efterprøves")
# "9,3", "ca. 7,8", "4½", "- 15.550", "15.000"; a direction word may lead a number ("faldet med 7").
NUMBER = r"(ca\. )?-?\s?\d[\d.]*(,\d+)?½?"
DIRECTION = "|".join(sorted(map(re.escape, DIRECTIONS), key=len, reverse=True))
STATED = re.compile(rf"^(({DIRECTION}) (med|på) )?{NUMBER}$|^({DIRECTION})$")
CALL = r"^\w+\(([^()]*)\)$"


def claims_schema(source_ids: Iterable[str]) -> pa.DataFrameSchema:
    provenance = provenance_columns(source_ids)
    return pa.DataFrameSchema(
        {
            "claim_id": text(
                "Kort id for påstanden.",
                checks=[
                    Check.str_matches(
                        r"^[a-z0-9][a-z0-9-]*$", error="must be lower-case letters, digits and '-'"
                    )
                ],
            ),
            "source_id": provenance["source_id"],
            "quote": provenance["quote"],
            "stated": text(
                "Tallet, som kilden skriver det (fx 9,3, ca. 7,8 eller 4½), eller et retningsord "
                "(over, steget, faldet ...); tomt, når tallet er en celle i en tabel i data.",
                nullable=True,
                checks=[
                    Check.str_matches(
                        STATED,
                        error=(
                            "must be a number as the source writes it (9,3; ca. 7,8; 4½) or a direction "
                            f"word ({', '.join(DIRECTIONS)})"
                        ),
                    )
                ],
            ),
            "unit": one_of(CLAIM_UNITS, "Enheden for det oplyste tal.", nullable=True),
            "check": text(
                "Kontrollen, der regner tallet efter i data, fx percent_change(reality, 2015, 2016).",
                checks=[Check.str_matches(CALL, error="must be a check written name(arguments)")],
            ),
            "reproduced_by": text(
                "For en kendt afvigelse: kontrollen, der regner tallet ud, som kilden "
                "ser ud til at have gjort.",
                nullable=True,
                checks=[Check.str_matches(CALL, error="must be a check written name(arguments)")],
            ),
            "expected": one_of(
                STATUSES, "Status ved bogens gennemgang; testene fejler, hvis den ændrer sig."
            ),
            "explanation": text(
                "Kort forklaring på dansk af en kendt afvigelse, eller hvorfor tallet ikke kan efterprøves.",
                nullable=True,
            ),
        },
        checks=[
            row_rule(
                "explanation",
                "a claim expected to deviate needs an explanation",
                lambda df: ~df["expected"].str.startswith("afviger") | df["explanation"].notna(),
            ),
            row_rule(
                "unit",
                "a stated number needs its unit",
                lambda df: df["stated"].isna() | df["stated"].isin(list(DIRECTIONS)) | df["unit"].notna(),
            ),
        ],
        unique=["claim_id"],
        strict=True,
        report_duplicates="exclude_first",
    )
