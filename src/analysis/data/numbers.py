"""Numbers as people type them in data files (Danish or not), and what counts as missing."""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd

# "1.564" and "12.250.000" group thousands with dots (as Danish writes them); "0.517" does not.
_THOUSANDS = re.compile(r"-?[1-9]\d{0,2}(\.\d{3})+")
_PLAIN = re.compile(r"-?\d+(\.\d+)?")


def parse_numbers(raw: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Numbers as people type them ("1564", "1.564", "4,30", "4.30", "- 3.000", "−7"), parsed
    column-wise: (values as floats, NaN where empty or bad; True where a filled cell is no number)."""
    values = pd.Series(np.nan, index=raw.index)
    text = raw[raw.notna()].astype(object).astype(str)
    # Plain digits ("1564"), most cells of a large file, need none of the rules below.
    simple = text.str.isdecimal()
    values[text.index[simple]] = pd.to_numeric(text[simple], errors="coerce")
    text = text[~simple | values[text.index].isna()]
    text = text.str.replace(r"[\s\u00a0]", "", regex=True).str.replace("\u2212", "-", regex=False)
    # Danish: with a comma, dots group thousands and the comma is the decimal mark; without one,
    # dots group thousands only where they come in threes ("1.564", not "0.517").
    grouped = text.str.contains(",", regex=False) | text.str.fullmatch(_THOUSANDS.pattern)
    text = text.where(~grouped, text.str.replace(".", "", regex=False).str.replace(",", ".", regex=False))
    plain = text.str.fullmatch(_PLAIN.pattern)  # float() alone would also take "nan", "inf" and "1e5"
    values[text.index] = pd.to_numeric(text.where(plain), errors="coerce")
    bad = pd.Series(False, index=raw.index)
    bad[text.index] = (text != "") & ~plain
    return values, bad


def parse_number(raw: str) -> float | None:
    """One number as a person types it (see parse_numbers); None for an empty cell."""
    values, bad = parse_numbers(pd.Series([raw], dtype=object))
    if bad.iloc[0]:
        raise ValueError(f"not a number: {raw!r}")
    return None if pd.isna(values.iloc[0]) else float(values.iloc[0])


def is_missing(value) -> bool:
    """True for None, NaN and pandas' missing markers."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    try:
        return bool(math.isnan(value))
    except TypeError:
        return str(value) in {"<NA>", "NaT"}
