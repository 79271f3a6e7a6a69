"""The source registry: every document the data quotes."""

from __future__ import annotations

import pandera.pandas as pa
from pandera.pandas import Check

from .columns import row_rule, text

SOURCE_ID = r"^[a-z0-9][a-z0-9-]*$"  # how a source id is written


def sources_schema() -> pa.DataFrameSchema:
    return pa.DataFrameSchema(
        {
            "source_id": text(
                "Kort id, som datafilerne henviser til.",
                checks=[Check.str_matches(SOURCE_ID, error="must be lower-case letters, digits and '-'")],
            ),
            "short_title": text("Kort navn til kildelinjer under figurer."),
            "title": text("Dokumentets titel."),
            "organisation": text("Udgiver (forvaltning eller afdeling)."),
            "municipality": text("Kommunen, dokumentet handler om."),
            "country": text("Land (Danmark eller Grønland)."),
            "date": text(
                "Dato eller år (ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD).",
                checks=[
                    Check.str_matches(
                        r"^\d{4}(-\d{2}(-\d{2})?)?$", error="must be YYYY, YYYY-MM or YYYY-MM-DD"
                    )
                ],
            ),
            "reference": text("Sags- eller journalnummer.", nullable=True),
            "file": text("Kildetekstens filnavn i sources/.", nullable=True),
            "url": text("Offentlig adresse.", nullable=True),
        },
        checks=[
            row_rule(
                "file", "a source needs a file or a url", lambda df: df["file"].notna() | df["url"].notna()
            )
        ],
        unique=["source_id"],
        strict=True,
        report_duplicates="exclude_first",
    )
