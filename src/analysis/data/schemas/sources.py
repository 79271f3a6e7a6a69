"""The source registry: every document the data quotes."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.pandas import Check, Column

from .columns import calendar_date, date, row_rule, text

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
            "date": calendar_date(
                "Dato eller år (ÅÅÅÅ, ÅÅÅÅ-MM eller en dato som 31-12-2022 eller 2022-12-31)."
            ),
            "reference": text("Sags- eller journalnummer.", nullable=True),
            "file": text("Kildetekstens filnavn i sources/.", nullable=True),
            "url": text("Offentlig adresse.", nullable=True),
            # A text is pinned: the checksum of the stored file, checked whenever it is read.
            "sha256": Column(
                pd.StringDtype(),
                Check.str_matches(
                    r"^[0-9a-f]{64}$", error="must be the file's SHA-256: 64 characters 0-9 and a-f"
                ),
                nullable=True,
                required=False,
                description="Kildetekstens SHA-256-kontrolsum (sha256sum FIL); skal udfyldes, "
                "når file er udfyldt.",
            ),
            "accessed": date(
                "For en webside: den dag, teksten blev hentet (fx 31-12-2022 eller 2022-12-31); tom, "
                "hvis det ikke vides.",
                nullable=True,
                required=False,
            ),
        },
        checks=[
            row_rule(
                "file", "a source needs a file or a url", lambda df: df["file"].notna() | df["url"].notna()
            ),
            row_rule(
                "sha256",
                "a source text needs its SHA-256 checksum (on Linux: sha256sum FILE; in PowerShell: "
                "Get-FileHash FILE)",
                lambda df: df["file"].isna() | df.get("sha256", pd.Series(None, index=df.index)).notna(),
            ),
        ],
        unique=["source_id"],
        strict=True,
        report_duplicates="exclude_first",
    )
