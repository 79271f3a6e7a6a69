"""The assumptions and caveats log: every reading of the sources the book rests on."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
import pandera.pandas as pa
from pandera.pandas import Check

from analysis.notebooks import toc_files

from .columns import row_rule, text


def chapters() -> list[str]:
    """The book's notebooks by name (klager, sagsfrister ...), as a log row names them."""
    return [name.split("/")[-1] for name in toc_files() if name.startswith("notebooks/")]


def _known_chapters(df: pd.DataFrame) -> pd.Series:
    known = set(chapters())
    return df["chapters"].fillna("").map(lambda names: all(n.strip() in known for n in names.split(";")))


def assumptions_schema(source_ids: Iterable[str]) -> pa.DataFrameSchema:
    ids = sorted(source_ids)
    return pa.DataFrameSchema(
        {
            "assumption_id": text(
                "Kort id for antagelsen.",
                checks=[
                    Check.str_matches(
                        r"^[a-z0-9][a-z0-9-]*$", error="must be lower-case letters, digits and '-'"
                    )
                ],
            ),
            "statement": text("Antagelsen: hvordan bogen læser kilden."),
            "why": text("Hvorfor bogen læser kilden sådan."),
            "impact": text("Hvad det betyder for tallene, hvis antagelsen ikke holder."),
            "chapters": text(
                "De kapitler, der bygger på antagelsen, adskilt med semikolon (fx klager;kontrol)."
            ),
            "source_id": text(
                "Kilden, antagelsen gælder (sources/registry.csv); tom for en antagelse om "
                "bogens egne regler.",
                nullable=True,
                checks=[Check.isin(ids, error="must be a source_id of sources/registry.csv")],
            ),
        },
        checks=[
            row_rule(
                "chapters",
                f"must name chapters of the book, separated by ';': {', '.join(chapters())}",
                _known_chapters,
            )
        ],
        unique=["assumption_id"],
        strict=True,
        report_duplicates="exclude_first",
    )
