"""Building blocks of the data contract: column types, cross-column rules, and the provenance
columns every data file carries. Column descriptions are Danish: the book's data dictionary
shows them to readers."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pandas as pd
import pandera.pandas as pa
from pandera.pandas import Check, Column

from .. import numbers
from ..dates import FORMS
from ..errors import RULE_SEPARATOR

KINDS = ("stated", "derived", "user-supplied")
UNITS = (
    "count",
    "pct",
    "1000 kr",
    "mio. kr",
    "fte",
    "persons",
    "weeks",
    "days",
    "working days",
    "per week",
    "per week per caseworker",
)
KR_UNITS = ("1000 kr", "mio. kr")
PRICE_LEVEL = "price level"  # marks a column read as a price level ("2021 p/l" -> 2021)
DATE = "date"  # marks a date column: "day" (a calendar date) or "partial" (YYYY and YYYY-MM allowed too)
PAST = "past"  # marks a date column whose dates cannot lie in the future (a measurement, a decision)
NUMBER_KIND = "number kind"  # the kind of number a column holds (data/numbers.py: count, pct, year ...)
UNIT_OF = "unit column"  # names the column whose unit says each row's kind of number (see UNIT_KINDS)
# A row's unit -> the kind of number its value is: persons and counts are whole, a percentage in a
# column of several units may be small (0,5 pct.); any other unit takes any number.
UNIT_KINDS = {"count": numbers.COUNT, "persons": numbers.COUNT, "pct": numbers.PCT_SMALL}


def by_unit(unit: str = "unit") -> dict:
    """The metadata of a value column whose unit column says what each row holds."""
    return {UNIT_OF: unit}


def row_rule(column: str, message: str, holds: Callable[[pd.DataFrame], pd.Series]) -> Check:
    """A rule across columns of one row, blamed on `column` when it fails."""
    return Check(holds, error=f"{column}{RULE_SEPARATOR}{message}")


def text(description: str, nullable: bool = False, checks: Iterable[Check] = ()) -> Column:
    return Column(pd.StringDtype(), checks=list(checks), nullable=nullable, description=description)


def year(description: str, nullable: bool = False) -> Column:
    return Column(
        "Int64",
        Check.in_range(1900, 2100, error="must be a year between 1900 and 2100"),
        nullable=nullable,
        description=description,
        metadata={NUMBER_KIND: numbers.YEAR},
    )


def one_of(values: Iterable[str], description: str, nullable: bool = False) -> Column:
    values = tuple(values)
    return text(
        description,
        nullable=nullable,
        checks=[Check.isin(values, error=f"must be one of: {', '.join(values)}")],
    )


def calendar_date(description: str, nullable: bool = False, required: bool = True) -> Column:
    """A date as precise as the source gives it: YYYY, YYYY-MM or a day (see `date`); kept as text."""
    return Column(
        pd.StringDtype(),
        checks=[
            Check.str_matches(
                r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$",
                error=f"must be YYYY, YYYY-MM or a date written like {FORMS}",
            )
        ],
        nullable=nullable,
        required=required,
        description=description,
        metadata={DATE: "partial"},
    )


def date(description: str, nullable: bool = False, required: bool = True, past: bool = False) -> Column:
    """A calendar date, written 2019-12-31, 31-12-2019 or 31.12.2019, or an Excel date cell. Loading
    turns each into YYYY-MM-DD text (see data/dates.py), which modules parse. `past`: the date of
    something that has happened (a measurement, a decision), so it cannot lie after today."""
    return Column(
        pd.StringDtype(),
        checks=[
            Check(
                lambda s: as_dates(s).notna(),
                element_wise=False,
                error=f"must be a date written like {FORMS} (or an Excel date cell)",
            )
        ],
        nullable=nullable,
        required=required,
        description=description,
        metadata={DATE: "day", PAST: past},
    )


def as_dates(column: pd.Series) -> pd.Series:
    """Dates written YYYY-MM-DD; anything else becomes NaT (the column's own check reports it)."""
    return pd.to_datetime(column, format="%Y-%m-%d", errors="coerce")


def not_before(later: str, earlier: str, message: str) -> Check:
    """The date in `later` may not lie before the date in `earlier` (an empty date is no error)."""
    return row_rule(later, message, lambda df: ~(as_dates(df[later]) < as_dates(df[earlier])).fillna(False))


def period_rules() -> list[Check]:
    """A period (period_start, period_end) may not end before it starts."""
    return [not_before("period_end", "period_start", "the period ends before it starts")]


def price_level(description: str, nullable: bool = False) -> Column:
    """The price level of an amount: the year whose prices and wages it is in, written "2021" or
    as budget notes write it, "2021 p/l" (both are read as the year). Amounts at different price
    levels must never be added or compared without a price index."""
    return Column(
        "Int64",
        Check.in_range(1900, 2100, error="must be a price level like 2021 or '2021 p/l'"),
        nullable=nullable,
        description=description,
        metadata={PRICE_LEVEL: True, NUMBER_KIND: numbers.PRICE_LEVEL},
    )


def yes_no(description: str, nullable: bool = False) -> Column:
    return one_of(("yes", "no"), description, nullable=nullable)


def pct(description: str) -> Column:
    """A percentage of a whole (of the cases decided in time, say): a value between 0 and 1 is a
    share written by mistake and refused (data/numbers.py)."""
    return Column(
        float,
        Check.in_range(0, 100, error="must be a percentage between 0 and 100"),
        description=description,
        metadata={NUMBER_KIND: numbers.PCT},
    )


def count(description: str) -> Column:
    """A count: "1,632" is refused, since a count is a whole number (a derived count may have
    decimals: 539,4)."""
    return Column(
        float,
        Check.ge(0, error="must be 0 or more: a count cannot be negative"),
        description=description,
        metadata={NUMBER_KIND: numbers.COUNT},
    )


def filled(df: pd.DataFrame, column: str) -> pd.Series:
    return df[column].notna()


def equals(df: pd.DataFrame, column: str, value, equal: bool = True) -> pd.Series:
    """column == value (or !=) as plain booleans: an empty cell is neither equal nor different."""
    result = df[column].eq(value) if equal else df[column].ne(value)
    return result.fillna(False).astype(bool)


def whole_number(column: str, what: str, applies=lambda df: pd.Series(True, index=df.index)) -> Check:
    return row_rule(
        column,
        f"{what} must be a whole number",
        lambda df: ~applies(df) | df[column].isna() | (df[column] % 1 == 0).fillna(True),
    )


def together(first: str, second: str) -> Check:
    """Two columns that only make sense together: both filled or both empty."""
    return row_rule(
        second,
        f"'{first}' and '{second}' go together: fill both or neither",
        lambda df: df[first].isna() == df[second].isna(),
    )


def provenance_columns(source_ids: Iterable[str]) -> dict[str, Column]:
    """Where a value comes from: the source, the verbatim sentence, and how it was obtained."""
    return {
        "kind": one_of(
            KINDS,
            "Hvordan værdien er fremkommet: stated (står i kilden), derived "
            "(beregnet af oplyste værdier, se formula) eller user-supplied.",
        ),
        "source_id": one_of(sorted(source_ids), "Kildens id i kilderegistret (sources/registry.csv)."),
        "quote": text(
            "Den ordrette sætning eller tabelrække i kilden, som værdien bygger på.",
            checks=[Check.str_length(min_value=1, error="must hold the verbatim quote")],
        ),
        "formula": text(
            "Regnestykket for en beregnet værdi, fx 580 × (1 − 0,07); tom for oplyste værdier.", nullable=True
        ),
    }


def provenance_rules() -> list[Check]:
    return [
        row_rule(
            "formula",
            "a derived value needs the formula it was computed with",
            lambda df: (df["kind"] != "derived") | df["formula"].notna(),
        ),
        row_rule(
            "formula",
            "only a derived value has a formula: clear it or set kind to derived",
            lambda df: (df["kind"] == "derived") | df["formula"].isna(),
        ),
    ]


def with_provenance(
    columns: dict[str, Column], source_ids: Iterable[str], unique: list[str], rules: Iterable[Check] = ()
) -> pa.DataFrameSchema:
    return pa.DataFrameSchema(
        {**columns, **provenance_columns(source_ids)},
        checks=[*provenance_rules(), *rules],
        unique=unique,
        strict=True,
        report_duplicates="exclude_first",
    )
