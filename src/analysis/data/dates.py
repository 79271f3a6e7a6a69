"""Dates as analysts write them: ISO (2022-12-31), Danish (31-12-2022, 31.12.2022) or as Excel date
cells (which `read_table` turns into ISO text). Each form is read with an explicit format, never
guessed: a date that could mean two days (a two-digit year, 1/2/2022) is an error that says how to
write it, and the data folder keeps every date as ISO text (YYYY-MM-DD).

Every date, partial ones too, lies in the years 1900-2100 (what the book's calculations can hold:
pandas' timestamps end in 2262), and a date of something that has happened (a measurement, a
decision: `past`) cannot lie after today."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from .numbers import foreign_digit

ISO = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# Day before month, as Danish writes dates; the same separator twice, the year in full.
DANISH = {r"[0-9]{1,2}-[0-9]{1,2}-[0-9]{4}": "%d-%m-%Y", r"[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{4}": "%d.%m.%Y"}
_DANISH = re.compile(r"(\d{1,2})([-.])(\d{1,2})\2(\d{4})")
_SHORT_YEAR = re.compile(r"\d{1,2}([-./])\d{1,2}\1\d{2}")
_SLASHED = re.compile(r"\d{1,2}/\d{1,2}/\d{4}")
_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[ T]\d{1,2}:\d{2}(:\d{2})?")
# Less precise dates (a source dated only by its year or month) where a column allows them.
_YEAR_MONTH = re.compile(r"[0-9]{4}(-(0[1-9]|1[0-2]))?")
FIRST_YEAR, LAST_YEAR = 1900, 2100
FORMS = "31-12-2022, 31.12.2022 or 2022-12-31"


def parse_dates(raw: pd.Series, partial: bool = False, past: bool = False) -> tuple[pd.Series, dict]:
    """Dates in any accepted form -> (ISO text YYYY-MM-DD, NA where empty or bad; {index: message}
    for each bad cell). `partial`: YYYY and YYYY-MM are kept as they are (a date as precise as its
    source gives it). `past`: a date after today is refused. Whole columns at once: a case extract
    has hundreds of thousands of dates."""
    text = raw[raw.notna()].astype(object).astype(str).str.strip()
    out = pd.Series(pd.NA, index=raw.index, dtype=object)
    # The year is checked before the calendar: pandas cannot hold a day after 2262.
    iso = text[text.str.fullmatch(ISO.pattern) & _in_range(text.str[:4])]
    parsed = pd.to_datetime(iso, format="%Y-%m-%d", errors="coerce")
    out[parsed.index[parsed.notna()]] = iso[parsed.notna()]
    for pattern, form in DANISH.items():
        these = text[text.str.fullmatch(pattern)]
        these = these[_in_range(these.str[-4:])]
        days = pd.to_datetime(these, format=form, errors="coerce")
        out[days.index[days.notna()]] = days[days.notna()].dt.strftime("%Y-%m-%d")
    if partial:
        rough = text[text.str.fullmatch(_YEAR_MONTH.pattern)]
        rough = rough[_in_range(rough.str[:4])]
        out[rough.index] = rough
    bad = {index: problem(text[index], partial) for index in text.index[out[text.index].isna()]}
    if past:
        today = dt.date.today().isoformat()
        later = out[text.index].dropna()
        bad |= {
            index: f"'{text[index]}' lies in the future (today is {today}): a date of something that "
            "has happened cannot be after today; check the year"
            for index in later.index[later > today]
        }
        out[list(bad)] = pd.NA
    return out, dict(sorted(bad.items()))


def _in_range(years: pd.Series) -> pd.Series:
    """Which four-digit years (as text) lie in FIRST_YEAR-LAST_YEAR."""
    return years.between(str(FIRST_YEAR), str(LAST_YEAR))


def problem(cell: str, partial: bool = False) -> str:
    """Why a cell is no date, and how to write it."""
    also = " (or just the year, 2022, or year and month, 2022-12)" if partial else ""
    if foreign := foreign_digit(cell):
        return foreign
    if _SHORT_YEAR.fullmatch(cell):
        return (
            f"'{cell}' has a two-digit year, which could be 19xx or 20xx: write the year in full, "
            f"e.g. {FORMS}"
        )
    if _SLASHED.fullmatch(cell):
        return (
            f"'{cell}' uses '/', written both day/month and month/day: write day before month "
            f"with '-' or '.', or year first, e.g. {FORMS}"
        )
    if _TIME.fullmatch(cell):
        return (
            f"'{cell}' holds a time of day, but the column takes a date: format the cells as dates "
            f"(in Excel: Format Cells, Date) or write them like {FORMS}"
        )
    year = _year(cell, partial)
    if year is not None and not FIRST_YEAR <= year <= LAST_YEAR:
        return f"'{cell}' lies outside the years {FIRST_YEAR}-{LAST_YEAR} the book can handle: check the year"
    if ISO.fullmatch(cell) or _DANISH.fullmatch(cell):
        return f"'{cell}' is no day in the calendar: check the day and the month (write it like {FORMS})"
    return f"'{cell}' is not a date: write it like {FORMS}{also}"


def _year(cell: str, partial: bool) -> int | None:
    """The year of a cell written in one of the accepted forms (None for any other cell)."""
    if ISO.fullmatch(cell) or (partial and _YEAR_MONTH.fullmatch(cell)):
        return int(cell[:4])
    if _DANISH.fullmatch(cell):
        return int(cell[-4:])
    return None
