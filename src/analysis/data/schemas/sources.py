"""The source registry: every document the data quotes."""

from __future__ import annotations

import re

import pandas as pd
import pandera.pandas as pa
from pandera.pandas import Check, Column

from ..errors import VALUE
from .columns import calendar_date, date, row_rule, text

SOURCE_ID = r"^[a-z0-9][a-z0-9-]*$"  # how a source id is written
# A source text's name in sources/: a plain file name (no folder, no "..", not hidden), so the
# registry can only ever point at a file inside the data folder's sources/.
PLAIN_FILE_NAME = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$"
# A document's public address: http(s) with a host, and nothing a browser would read otherwise
# (no javascript:, data: or file: URL, no "//host" or relative path, no space, control character,
# backslash, quote or angle bracket anywhere, so no case or whitespace trick can hide a scheme).
WEB_ADDRESS = re.compile(r"https?://[\w-]+(\.[\w-]+)*\.?(:\d{1,5})?([/?#].*)?", re.IGNORECASE)
FORBIDDEN_IN_ADDRESS = set('\\"<>`')


def is_plain_file_name(name) -> bool:
    """Whether a registry's `file` is a plain name of a file in sources/ (not a path anywhere else)."""
    return isinstance(name, str) and ".." not in name and re.fullmatch(PLAIN_FILE_NAME, name) is not None


def is_web_address(url) -> bool:
    """Whether a text is an http:// or https:// address with a host, safe to make a link of."""
    return (
        isinstance(url, str)
        and url.isprintable()
        and not any(c.isspace() or c in FORBIDDEN_IN_ADDRESS for c in url)
        and WEB_ADDRESS.fullmatch(url) is not None
    )


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
            "file": text(
                "Kildetekstens filnavn i sources/ (kun et filnavn, fx notat-2019.txt).",
                nullable=True,
                checks=[
                    Check(
                        lambda s: s.map(is_plain_file_name),
                        error=f"{VALUE} is not a plain file name: put the text in sources/ and write "
                        "its name, e.g. notat-2019.txt",
                    )
                ],
            ),
            "url": text(
                "Offentlig adresse, der begynder med https:// (eller http://).",
                nullable=True,
                checks=[
                    Check(
                        lambda s: s.map(is_web_address),
                        error=f"{VALUE} is not a web address: write the document's address beginning "
                        "with https://",
                    )
                ],
            ),
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
