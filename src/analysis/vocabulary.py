"""The book's vocabulary, defined once for every layer: the borgercentre, the kinds of value and
their provenance columns, price levels, periods, units, verdicts and the words for a change.

Keys are what the data files write ("handicap", "stated"); labels are what the book writes
("Borgercenter Handicap", "oplyst i kilden"). Month names come from CLDR (Babel, da_DK).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from babel.dates import get_month_names

HOME = "Københavns Kommune"  # the municipality the book is about

# The book's colours: the UK Analysis Function's colour-blind-safe palette (afcharts). The chart
# template draws with them, and each borgercenter has its own.
PALETTE = ("#12436D", "#28A197", "#801650", "#F46A25", "#3D3D3D", "#A285D1")


@dataclass(frozen=True)
class Borgercenter:
    key: str  # as the data files write it
    label: str  # Borgercenter Handicap
    short: str  # Handicap
    colour: str


BORGERCENTRE = {
    c.key: c
    for c in (
        Borgercenter("handicap", "Borgercenter Handicap", "Handicap", PALETTE[0]),
        Borgercenter("voksne", "Borgercenter Voksne", "Voksne", PALETTE[3]),
        Borgercenter("boern-og-unge", "Borgercenter Børn og Unge", "Børn og Unge", PALETTE[1]),
    )
}
BY_LABEL = {c.label: c for c in BORGERCENTRE.values()}  # some files name a centre by its label


# --- Where a value comes from ------------------------------------------------------------------

KINDS = ("stated", "derived", "user-supplied")
KIND_LABEL = {"stated": "oplyst i kilden", "derived": "beregnet", "user-supplied": "brugerleveret"}
PROVENANCE = ("kind", "source_id", "quote", "formula")  # the columns every data row carries


# --- Money --------------------------------------------------------------------------------------


TOTAL_COLUMN = "I alt"  # the column a budget table prints with the sum over its years
AREA_LABEL = {"service": "Service", "capital": "Anlæg", "statutory": "Lovbundet område"}  # styringsområder


def price_label(level) -> str:
    """A price level (the year whose prices and wages an amount is in): 2021 -> "2021 p/l"."""
    return f"{int(level)} p/l"


# --- Periods ------------------------------------------------------------------------------------

MONTHS = tuple(get_month_names("wide", locale="da_DK").values())  # januar ... december
MONTHS_SHORT = tuple(get_month_names("abbreviated", locale="da_DK").values())  # jan. ... dec.
PERIOD_MONTHS = {"quarter": 3, "half-year": 6, "year": 12}
PERIOD_NAME = {"quarter": "kvartal", "half-year": "halvår", "year": "år"}


def year_span(first: int, last: int) -> str:
    """2010, 2018 -> "2010–2018" (an en dash, as Danish typesetting writes periods)."""
    return f"{first}–{last}" if first != last else str(first)


def quarter_label(year: int, quarter: int) -> str:
    """2012, 2 -> "2. kvartal 2012"."""
    return f"{int(quarter)}. kvartal {int(year)}"


def quarter_months(quarter: int) -> str:
    """2 -> "april–juni"."""
    first = (int(quarter) - 1) * 3
    return f"{MONTHS[first]}–{MONTHS[first + 2]}"


def as_date(value) -> dt.date:
    return value if type(value) is dt.date else dt.date.fromisoformat(str(value)[:10])


def month_end(day: dt.date) -> bool:
    return (day + dt.timedelta(days=1)).day == 1


def whole_months(start, end) -> int | None:
    """Months in a period that runs from the 1st of a month to the last day of a month, else None:
    2020-01-01 to 2020-05-31 -> 5."""
    start, end = as_date(start), as_date(end)
    if start.day != 1 or not month_end(end) or end < start:
        return None
    return (end.year - start.year) * 12 + end.month - start.month + 1


def period_label(start, end) -> str:
    """A period the way Danish budget notes name it: "2019", "1. halvår 2019", "2. kvartal 2020",
    "jan.–maj 2020", "ultimo 2019" (a single day on 31 December), "15. maj 2020" (another single day)."""
    start, end = as_date(start), as_date(end)
    if start == end:
        if (end.month, end.day) == (12, 31):
            return f"ultimo {end.year}"
        return f"{end.day}. {MONTHS[end.month - 1]} {end.year}"
    months = whole_months(start, end)
    if months is None:
        return f"{start.day}.{start.month}.{start.year}–{end.day}.{end.month}.{end.year}"
    if start.year != end.year:
        return f"{MONTHS_SHORT[start.month - 1]} {start.year}–{MONTHS_SHORT[end.month - 1]} {end.year}"
    if months == 12:
        return str(start.year)
    if months == 6 and start.month in (1, 7):
        return f"{start.month // 6 + 1}. halvår {start.year}"
    if months == 3 and start.month in (1, 4, 7, 10):
        return quarter_label(start.year, start.month // 3 + 1)
    if months == 1:
        return f"{MONTHS[start.month - 1]} {start.year}"
    return f"{MONTHS_SHORT[start.month - 1]}–{MONTHS_SHORT[end.month - 1]} {start.year}"


def date_label(iso: str) -> str:
    """A date as precise as it is given: "2007-10-12" -> "12. oktober 2007"; "2007-05" -> "maj 2007"."""
    parts = [int(p) for p in str(iso).split("-")]
    if len(parts) == 3:
        return f"{parts[2]}. {MONTHS[parts[1] - 1]} {parts[0]}"
    return f"{MONTHS[parts[1] - 1]} {parts[0]}" if len(parts) == 2 else str(parts[0])


# --- Units --------------------------------------------------------------------------------------

# How an amount is written after its number (the data files' units).
UNIT_LABEL = {
    "pct": "pct.",
    "pct points": "procentpoint",
    "count": "",
    "days": "dage",
    "working days": "arbejdsdage",
    "weeks": "uger",
    "per week": "pr. uge",
    "per week per caseworker": "pr. uge pr. sagsbehandler",
    "per month": "pr. måned",
    "persons": "personer",
    "fte": "årsværk",
    "years": "år",
    "kr": "kr.",
    "1000 kr": "t. kr.",
    "mio. kr": "mio. kr.",
}
# How "measured in ..." reads in a sentence.
UNIT_PHRASE = {
    "pct": "i procent",
    "count": "som et antal",
    "days": "i dage",
    "working days": "i arbejdsdage",
    "per week": "pr. uge",
    "per week per caseworker": "pr. uge pr. sagsbehandler",
}
STAFF_NOUN = {"fte": "årsværk", "persons": "sagsbehandlere"}


# --- Verdicts -----------------------------------------------------------------------------------

# A stated number held against its recomputed value (the claims register writes these).
AGREES = "stemmer"
DEVIATES = "afviger"
SIGN_TURNED = "afviger: fortegnet er vendt"
UNCHECKABLE = "kan ikke efterprøves"


def direction(change: float, up: str = "steg", down: str = "faldt", same: str = "var uændret") -> str:
    """The verb for a change: 9.3 -> "steg", -7 -> "faldt", 0 -> "var uændret"."""
    return up if change > 0 else down if change < 0 else same


def year_runs(years) -> list[tuple[int, int]]:
    """Consecutive years grouped: [2010, 2011, 2012, 2017] -> [(2010, 2012), (2017, 2017)]."""
    runs: list[tuple[int, int]] = []
    for y in sorted(int(y) for y in years):
        if runs and y == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], y)
        else:
            runs.append((y, y))
    return runs
