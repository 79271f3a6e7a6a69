"""The budget tables' printed sums (calc.costs.sum_checks), described as the book shows them: the
table by its note and number, what the sum adds up, and the sum written out by hand. The claims
register judges them; the chapter "Udgifter" lists them."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.calc import costs
from analysis.data.registry import short_title
from analysis.present import danish
from analysis.vocabulary import AGREES


def table_names(lines: pd.DataFrame, registry: pd.DataFrame) -> dict[str, str]:
    """Each table as the book names it: the note's short title and the table number (and the
    note's id where one document holds several notes, so that no two tables share a name)."""
    first = costs.with_notes(lines.drop_duplicates("table_id"))
    notes_per_source = first.groupby("source_id")["note_id"].nunique()
    return {
        t: f"{short_title(registry, s)}, "
        + (f"{n}, " if notes_per_source[s] > 1 else "")
        + costs.table_number(title)
        for t, s, n, title in zip(
            first["table_id"], first["source_id"], first["note_id"], first["table_title"]
        )
    }


def sum_text(parts) -> str:
    """[17550, 1000, -3000] -> "17.550 + 1.000 − 3.000" (the sum as one would write it by hand)."""
    text = danish.number(parts[0]) if len(parts) else ""
    for value in parts[1:]:
        text += f" − {danish.number(abs(value))}" if value < 0 else f" + {danish.number(value)}"
    return text


def _what(check, names: dict[str, str]) -> str:
    n = len(check["parts"])
    if check["check"] == "rows":
        return "Rækken under" if n == 1 else f"Sum af de {n} rækker under"
    if check["check"] == "years":
        return f"Sum af rækkens {n} år"
    other = costs.table_number(names[check["from_table"]].split(", ")[-1])
    return f"Tilsvarende linje i {other}" if n == 1 else f"Sum af de {n} tilsvarende linjer i {other}"


def described(lines: pd.DataFrame, registry: pd.DataFrame) -> pd.DataFrame:
    """Every printed sum with `table` (its name), `what` it adds up and `sum` written out."""
    checks = costs.sum_checks(lines)
    names = table_names(lines, registry)
    records = checks.to_dict("records")
    return checks.assign(
        table=checks["table_id"].map(names),
        what=[_what(c, names) for c in records],
        sum=[sum_text(c["parts"]) for c in records],
    )


@dataclass(frozen=True)
class SumCounts:
    checked: int
    agree: int
    deviate: int  # a turned sign deviates too


def sum_counts(checks: pd.DataFrame) -> SumCounts:
    """How many printed sums were checked and how they came out: the one count of the printed
    sums the book states, on Udgifter, on Kontrol af tallene and on the front page. `checks` has
    one row per printed cell and a `status` (described(), or the register's table cells)."""
    agree = int((checks["status"] == AGREES).sum())
    return SumCounts(len(checks), agree, len(checks) - agree)
