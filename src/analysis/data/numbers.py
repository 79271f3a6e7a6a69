"""Numbers as people type them in data files (Danish or not), read by the column's kind, and refused
with the reason when they could be read two ways. What counts as missing.

How a cell is read (every rule names the cell and says how to write it when it refuses):

- Digits are 0-9. Any other digit (full-width "１５０００", Arabic-Indic "١٥", superscript "²") is
  refused, naming it: a filled cell never silently becomes empty.
- A sign may lead: "-", the minus sign "−" or "+", also with a space after it ("- 3.000" is -3000).
  "-0" is 0. A trailing sign ("12-"), an en dash ("–7"), scientific notation ("1e5"), "inf" and
  "nan" are refused.
- Thousands are grouped by a dot ("1.564", "12.250.000", as Danish writes them) or a space ("15 000",
  also a no-break or thin space), in groups of three; a space elsewhere ("1 5") is refused. A comma
  never groups thousands: "12,250,000" is refused.
- The decimal mark is a comma ("4,30", "1.564,5"), or a dot where it cannot group thousands
  ("4.30", "0.517", "1234.5": not a single dot followed by exactly three digits).
- "1.564" and "1,564" (one dot or comma, then exactly three digits) each read two ways, a factor
  1000 apart. The column decides:
  - where the column's other cells write Danish (a decimal comma "4,30", thousands dots
    "12.250.000") or show no style at all, "1.564" is 1564 and "1,564" is 1,564;
  - where they write decimals with a point ("4.30", "0.517"), both are refused, naming that row;
  - a column holding both "1.564" and "1,564" and nothing that shows its style is refused;
  - a column that writes decimals both ways ("4.30" and "4,30", or "0.517" and "12.250.000") is
    refused: the cells of the less common style, naming a row of the other (on a tie, the cells
    with a decimal point).
- By the column's kind: in a whole-number column (counts, persons, Int64 columns) "1,632" is
  refused ("a count is a whole number"); a year or price level is written without a thousands dot
  or comma ("2.018" is refused); a percentage that looks like a share ("0.630" where the column
  holds percentages of a whole) is refused (see `share_problems`).
- An Excel number cell is read as the number it holds (data/loading.py writes it so these rules
  read it exactly: 1.564 as "1,5640", 1564.0 as "1564").
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .errors import file_row

# The kinds of number a column (or a row, where a unit column decides) holds.
NUMBER = "number"  # an amount, a rate, an index: any number
COUNT = "count"  # a count of cases, complaints, persons: whole when stated
WHOLE = "whole"  # an Int64 column: a position, a quarter, a number of days
YEAR = "year"  # a year
PRICE_LEVEL = "price level"  # a year whose prices an amount is in ("2021 p/l" is read as 2021)
PCT = "pct"  # a percentage of a whole (cases decided in time): a value under 1 is a share
PCT_SMALL = "pct-small"  # a percentage that may be small: shares only when every value is at most 1
WHAT = {YEAR: "a year", PRICE_LEVEL: "a price level"}
WHOLE_SAYS = {COUNT: "a count is a whole number", WHOLE: "the column takes whole numbers"}

# Styles a cell shows: DANISH (a decimal comma, thousands dots), POINT (a decimal point), or
# AMBIGUOUS_DOT / AMBIGUOUS_COMMA ("1.564" / "1,564", read by the column's style).
DANISH, POINT, AMBIGUOUS_DOT, AMBIGUOUS_COMMA = "danish", "point", "dot3", "comma3"

_SPACES = re.compile(r"[\s\u00a0\u2007\u2009\u202f]")
_SIGNED = re.compile(r"([-+\u2212]?)[\s\u00a0\u2007\u2009\u202f]*(.*)", re.S)
_SPACE_GROUPED = re.compile(r"[1-9][0-9]{0,2}( [0-9]{3})+([.,][0-9]+)?")
_FORMS = [  # (pattern, style, reading) for the cell without sign and spaces
    (re.compile(r"[0-9]+"), None, "plain"),
    (re.compile(r"[1-9][0-9]{0,2}\.[0-9]{3}"), AMBIGUOUS_DOT, "thousands"),
    (re.compile(r"[1-9][0-9]{0,2}(\.[0-9]{3}){2,}"), DANISH, "thousands"),
    (re.compile(r"[1-9][0-9]{0,2}(\.[0-9]{3})+,[0-9]+"), DANISH, "danish"),
    (re.compile(r"[1-9][0-9]{0,2},[0-9]{3}"), AMBIGUOUS_COMMA, "danish"),
    (re.compile(r"[0-9]+,[0-9]+"), DANISH, "danish"),
    (re.compile(r"[0-9]+\.[0-9]+"), POINT, "point"),
]
_COMMA_GROUPED = re.compile(r"[1-9][0-9]{0,2}(,[0-9]{3})+(\.[0-9]+)?")
_SCIENTIFIC = re.compile(r"[0-9.,]*[0-9][eE][-+]?[0-9]+")
_NOT_FINITE = {"inf", "infinity", "nan", "∞"}
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015"
HOW = "write it like 1564, 1.564 or 4,30"


@dataclass(frozen=True)
class _Cell:
    """One cell read alone: its value (the thousands reading for "1.564"), the other reading of an
    ambiguous cell, the style it shows, or why it is no number."""

    value: float = math.nan
    other: float = math.nan
    style: str | None = None
    problem: str | None = None


def foreign_digit(cell: str) -> str | None:
    """Why a cell holding a digit other than 0-9 is refused ("'１５０００' holds the full-width digit
    '１' ..."), or None."""
    foreign = next((c for c in cell if c.isdigit() and not "0" <= c <= "9"), None)
    if foreign is None:
        return None
    return f"'{cell}' holds the {_digit_name(foreign)} '{foreign}': type it with the digits 0-9"


def _digit_name(char: str) -> str:
    """'full-width digit', 'Arabic-Indic digit', 'superscript digit' ..."""
    name = unicodedata.name(char, "").rsplit(" ", 1)[0]  # "FULLWIDTH DIGIT ONE" -> "FULLWIDTH DIGIT"
    if "DIGIT" not in name.split():
        name += " DIGIT"
    plain = {"DIGIT", "SUPERSCRIPT", "SUBSCRIPT", "CIRCLED"}
    words = [w.lower() if w in plain else w.title() for w in name.split()]
    return " ".join(words).replace("Fullwidth", "full-width")


def _read_cell(cell: str) -> _Cell:
    if foreign := foreign_digit(cell):
        return _Cell(problem=foreign)
    sign, body = _SIGNED.fullmatch(cell.strip()).groups()
    if any(c in _DASHES for c in body[:1]):
        return _Cell(
            problem=f"'{cell}' starts with a dash, not a minus: write a negative number with '-', e.g. -7"
        )
    if _SPACE_GROUPED.fullmatch(_SPACES.sub(" ", body)):
        body = _SPACES.sub("", body)
    elif _SPACES.search(body) and any(f.fullmatch(_SPACES.sub("", body)) for f, _, _ in _FORMS):
        return _Cell(problem=f"'{cell}' has a space inside the number: write it like 1564, 1.564 or 15 000")
    negative = -1.0 if sign in ("-", "\u2212") else 1.0
    for pattern, style, reading in _FORMS:
        if pattern.fullmatch(body):
            value = negative * _value(body, reading)
            other = negative * _value(body, "point" if style == AMBIGUOUS_DOT else "thousands")
            return _Cell(
                value + 0.0, other + 0.0 if style in (AMBIGUOUS_DOT, AMBIGUOUS_COMMA) else math.nan, style
            )
    return _Cell(problem=_not_a_number(cell, body))


def _value(body: str, reading: str) -> float:
    if reading == "thousands":
        return float(body.replace(".", "").replace(",", ""))
    if reading == "danish":
        return float(body.replace(".", "").replace(",", "."))
    return float(body)  # plain or point


def _not_a_number(cell: str, body: str) -> str:
    if _SCIENTIFIC.fullmatch(body):
        return f"'{cell}' is written in scientific notation: write the number in full, e.g. 100000 for 1e5"
    if body.lower() in _NOT_FINITE:
        return f"'{cell}' is not a number: write a number, or leave the cell empty if the value is unknown"
    if _COMMA_GROUPED.fullmatch(body):
        return (
            f"'{cell}' groups thousands with commas (as English writes numbers): write it without them "
            "or with dots, e.g. 12250000 or 12.250.000"
        )
    return f"'{cell}' is not a number: {HOW}"


def read_numbers(raw: pd.Series, kinds: str | pd.Series = NUMBER) -> tuple[pd.Series, dict]:
    """One column's cells as numbers by the column's kind (or each row's, see NUMBER ... PCT_SMALL):
    (floats, NaN where empty or refused; {index: why} for each filled cell that is refused)."""
    values = pd.Series(np.nan, index=raw.index)
    text = raw[raw.notna()].astype(object).astype(str)
    # Plain digits ("1564"), most cells of a large file, need none of the rules below.
    simple = text.str.isdecimal() & text.str.isascii()
    values[text.index[simple]] = text[simple].astype(float)
    rest = text[~simple]
    rest = rest[rest.str.strip() != ""]
    # Each distinct text is read once: a column repeats its values.
    read = {cell: _read_cell(cell) for cell in pd.unique(rest)}
    cells = rest.map(read)
    problems = rest.map({cell: r.problem for cell, r in read.items()}).dropna().to_dict()
    problems |= _style_problems(
        rest, cells, rest.map({c: r.style for c, r in read.items()}), _per_row(kinds, rest.index)
    )
    fine = rest[~rest.index.isin(list(problems))]
    values[fine.index] = fine.map({cell: r.value for cell, r in read.items()}).astype(float)
    if not isinstance(kinds, str) or kinds in (PCT, PCT_SMALL):
        problems |= share_problems(values, raw, _per_row(kinds, raw.index))
    # A float holds 15 significant digits exactly: a longer number would be read as another.
    huge = values.abs() >= 1e15
    problems |= {
        i: f"'{text[i]}' has more digits than a number can hold exactly: check it" for i in values.index[huge]
    }
    values[list(problems)] = np.nan
    return values, dict(sorted(problems.items()))


def _per_row(kinds: str | pd.Series, index: pd.Index) -> pd.Series:
    return pd.Series(kinds, index=index, dtype=object) if isinstance(kinds, str) else kinds.reindex(index)


def _style_problems(text: pd.Series, cells: pd.Series, styles: pd.Series, kinds: pd.Series) -> dict:
    """The cells the column's kind or style cannot read one way (see the module's docstring); a
    cell's first problem is the one reported."""
    problems = _kind_problems(text, cells, styles, kinds)
    danish, point = styles.index[styles == DANISH], styles.index[styles == POINT]
    if len(danish) and len(point):  # the less common style is refused (Danish, the book's, wins a tie)
        loser, winner = (danish, point) if len(danish) < len(point) else (point, danish)
        shown = f"row {file_row(winner[0])} ('{text[winner[0]]}')"
        problems = {**{i: _mixed(text[i], styles[i], shown) for i in loser}, **problems}
        point = point if winner is point else point[:0]
    ambiguous = styles.index[styles.isin([AMBIGUOUS_DOT, AMBIGUOUS_COMMA])]
    if len(point):
        shown = f"row {file_row(point[0])} ('{text[point[0]]}') writes decimals with a point"
        problems = {**{i: _two_readings(text[i], cells[i], styles[i], shown) for i in ambiguous}, **problems}
    elif not len(danish):
        problems = {**_factor_1000(text, cells, styles), **problems}
    return problems


def _kind_problems(text: pd.Series, cells: pd.Series, styles: pd.Series, kinds: pd.Series) -> dict:
    """'1,632' in a whole-number column, '2.018' or '2,018' as a year."""
    problems = {}
    for index in styles.index[styles.eq(AMBIGUOUS_COMMA) & kinds.isin([COUNT, WHOLE])]:
        whole = cells[index].other
        problems[index] = (
            f"'{text[index]}' has a decimal comma, but {WHOLE_SAYS[kinds[index]]}: "
            f"write {whole:.0f} or {_danish_thousands(whole)}"
        )
    years = styles.isin([AMBIGUOUS_DOT, AMBIGUOUS_COMMA]) & kinds.isin([YEAR, PRICE_LEVEL])
    for index in styles.index[years]:
        year = cells[index].value if styles[index] == AMBIGUOUS_DOT else cells[index].other
        mark = "thousands dot" if styles[index] == AMBIGUOUS_DOT else "comma"
        also = f" or '{year:.0f} p/l'" if kinds[index] == PRICE_LEVEL else ""
        problems[index] = (
            f"'{text[index]}': {WHAT[kinds[index]]} is written without a {mark}: {year:.0f}{also}"
        )
    return problems


def _two_readings(cell: str, read: _Cell, style: str, shown: str) -> str:
    whole, fraction = (read.value, read.other) if style == AMBIGUOUS_DOT else (read.other, read.value)
    return (
        f"'{cell}' could be {whole:.0f} or {_danish(fraction)}, as {shown}: write whole numbers "
        f"without a thousands dot ({whole:.0f}) and decimals with a comma throughout the column"
    )


def _factor_1000(text: pd.Series, cells: pd.Series, styles: pd.Series) -> dict:
    """With no style shown, "1.564" and "1,564" in one column are refused (the commas)."""
    dots, commas = styles.index[styles == AMBIGUOUS_DOT], styles.index[styles == AMBIGUOUS_COMMA]
    if not len(dots):
        return {}
    first = dots[0]
    return {
        index: (
            f"'{text[index]}' and '{text[first]}' in row {file_row(first)} would be read a factor 1000 "
            f"apart ({_danish(cells[index].value)} and {cells[first].value:.0f}): write whole numbers "
            "without a thousands dot, e.g. 1564"
        )
        for index in commas
    }


def _mixed(cell: str, style: str, shown: str) -> str:
    if style == DANISH:
        return (
            f"'{cell}' is written the Danish way (a decimal comma or thousands dots), but {shown} has a "
            "decimal point: write every number of the column the same way"
        )
    return (
        f"'{cell}' has a decimal point, but {shown} is written the Danish way: write every number of "
        "the column the same way (Danish: 4,30 and 1.564)"
    )


def share_problems(values: pd.Series, raw: pd.Series, kinds: pd.Series) -> dict:
    """Percentages written as shares ("0.630" for 63 pct.): in a PCT column every value between 0
    and 1 (a percentage of a whole, such as cases decided in time, is never that small), in PCT_SMALL
    rows only when every one of them is at most 1 (a small percentage such as 0,5 is possible there).
    Refused rather than warned: a share read as a percentage is wrong by a factor 100, and a warning
    on a build that succeeds is easily missed."""
    fraction = values.gt(0) & values.lt(1)
    strict = kinds.eq(PCT) & fraction
    small = kinds.eq(PCT_SMALL)
    looks = strict | (
        small & fraction if values[small].dropna().le(1).all() else pd.Series(False, index=values.index)
    )
    return {
        index: (
            f"'{raw[index]}' looks like a share ({_danish(values[index])}): write percentages, "
            f"e.g. {_danish(values[index] * 100)}"
        )
        for index in values.index[looks]
    }


def _danish(value: float) -> str:
    """1.564 -> '1,564'; 63.0 -> '63' (for messages)."""
    return np.format_float_positional(round(value, 10), trim="-").replace(".", ",")


def _danish_thousands(value: float) -> str:
    return f"{value:,.0f}".replace(",", ".")


def parse_numbers(raw: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Numbers as people type them ("1564", "1.564", "4,30", "4.30", "- 3.000", "−7"), read as one
    column of plain numbers (see `read_numbers`): (values as floats, NaN where empty or bad; True
    where a filled cell is refused)."""
    values, problems = read_numbers(raw)
    bad = pd.Series(False, index=raw.index)
    bad[list(problems)] = True
    return values, bad


def parse_number(raw: str) -> float | None:
    """One number as a person types it (see read_numbers); None for an empty cell."""
    values, problems = read_numbers(pd.Series([raw], dtype=object))
    if problems:
        raise ValueError(f"not a number: {problems[0]}")
    return None if pd.isna(values.iloc[0]) else float(values.iloc[0])


def is_missing(value) -> bool:
    """True for None, NaN and pandas' missing markers."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    try:
        return bool(math.isnan(value))
    except TypeError:
        return str(value) in {"<NA>", "NaT"}
