"""The budget tables' printed sums (calc.costs.sum_checks), described as the book shows them: the
table by its note and number, what the sum adds up, and the sum written out by hand. The claims
register judges them; the chapter "Udgifter" lists them."""

from __future__ import annotations

import pandas as pd

from analysis.calc import costs
from analysis.data.registry import short_title
from analysis.present import danish


def table_names(lines: pd.DataFrame, registry: pd.DataFrame) -> dict[str, str]:
    """Each table as the book names it: the note's short title and the table number."""
    first = lines.drop_duplicates("table_id")
    return {
        t: f"{short_title(registry, s)}, {costs.table_number(title)}"
        for t, s, title in zip(first["table_id"], first["source_id"], first["table_title"])
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
