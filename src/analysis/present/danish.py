"""Danish number formatting: the one place that knows how a number is written in the book.

Danish uses "." to group thousands and "," for decimals (1.564; 4,30), writes per cent as
"pct." in running text and amounts in millions as "mio. kr.". Every number a reader sees,
in prose, tables or chart labels, goes through these functions.
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import ROUND_HALF_UP, Decimal
from numbers import Real

MISSING = "ikke oplyst"  # what a table cell says where the sources give no value


def is_missing(value) -> bool:
    """True for None, NaN and pandas' missing markers."""
    if value is None:
        return True
    try:
        return bool(math.isnan(value))
    except TypeError:
        return str(value) in {"<NA>", "NaT"}


def _rounded(value: Real, decimals: int) -> Decimal:
    # Half up, as people round by hand (2,5 -> 3), on the decimal text of the value, so
    # binary floats such as 7.75 do not round down; "-0" becomes "0".
    exact = Decimal(str(float(value))).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return exact if exact != 0 else abs(exact)


def number(value: Real, decimals: int = 0) -> str:
    """1564 -> "1.564"; 4.3 with decimals=2 -> "4,30"; -3000 -> "-3.000"."""
    if is_missing(value):
        return MISSING
    english = f"{_rounded(value, decimals):,.{decimals}f}"  # 1,564.00
    return english.translate(str.maketrans({",": ".", ".": ","}))


def count(value: Real, one: str, many: str) -> str:
    """A number of things, the noun agreeing: 1, "sag", "sager" -> "1 sag"; 1564 -> "1.564 sager"."""
    return f"{number(value)} {one if value == 1 else many}"


def pct(value: Real, decimals: int = 0) -> str:
    """81 -> "81 pct."; 7.8 with decimals=1 -> "7,8 pct." (value is already in per cent)."""
    return MISSING if is_missing(value) else f"{number(value, decimals)} pct."


def pct_range(low: Real, high: Real, decimals: int = 0) -> str:
    """A stated range: 80, 90 -> "80-90 pct."."""
    return f"{number(low, decimals)}-{number(high, decimals)} pct."


def pct_points(value: Real, decimals: int = 0) -> str:
    """A difference between two percentages: 8 -> "8 procentpoint" (never "pct.")."""
    return MISSING if is_missing(value) else f"{number(value, decimals)} procentpoint"


def mio_kr(value: Real, decimals: int = 1) -> str:
    """Millions of kroner: 110.6 -> "110,6 mio. kr."."""
    return MISSING if is_missing(value) else f"{number(value, decimals)} mio. kr."


def thousand_kr_as_mio(value: Real, decimals: int = 1) -> str:
    """Amounts stored in 1.000 kr.: 110600 -> "110,6 mio. kr."."""
    return MISSING if is_missing(value) else mio_kr(float(value) / 1000, decimals)


def signed_pct(value: Real, decimals: int = 0) -> str:
    """A change with its sign: -7 -> "-7 pct."; 9.3 with decimals=1 -> "+9,3 pct."."""
    if is_missing(value):
        return MISSING
    sign = "+" if _rounded(value, decimals) > 0 else ""
    return sign + pct(value, decimals)


def year_span(first: int, last: int) -> str:
    """2010, 2018 -> "2010–2018" (an en dash, as Danish typesetting writes periods)."""
    return f"{first}–{last}" if first != last else str(first)


def listing(items) -> str:
    """["2015", "2016", "2018"] -> "2015, 2016 og 2018"."""
    items = [str(i) for i in items]
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} og {items[-1]}" if items else ""


def year_runs(years) -> list[tuple[int, int]]:
    """Consecutive years grouped: [2010, 2011, 2012, 2017] -> [(2010, 2012), (2017, 2017)]."""
    runs: list[tuple[int, int]] = []
    for y in sorted(int(y) for y in years):
        if runs and y == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], y)
        else:
            runs.append((y, y))
    return runs


MONTHS = (
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
)
MONTHS_SHORT = ("jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec.")


def _date(value) -> dt.date:
    return value if type(value) is dt.date else dt.date.fromisoformat(str(value)[:10])


def _month_end(day: dt.date) -> bool:
    return (day + dt.timedelta(days=1)).day == 1


def period(start, end) -> str:
    """A period the way Danish budget notes name it: "2019", "1. halvår 2019", "2. kvartal 2020",
    "jan.–maj 2020", "ultimo 2019" (a single day on 31 December), "15. maj 2020" (another single day)."""
    start, end = _date(start), _date(end)
    if start == end:
        return (
            f"ultimo {end.year}"
            if (end.month, end.day) == (12, 31)
            else f"{end.day}. {MONTHS[end.month - 1]} {end.year}"
        )
    if start.day != 1 or not _month_end(end):
        return f"{start.day}.{start.month}.{start.year}–{end.day}.{end.month}.{end.year}"
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    if start.year == end.year:
        if months == 12:
            return str(start.year)
        if months == 6 and start.month in (1, 7):
            return f"{start.month // 6 + 1}. halvår {start.year}"
        if months == 3 and start.month in (1, 4, 7, 10):
            return f"{start.month // 3 + 1}. kvartal {start.year}"
        if months == 1:
            return f"{MONTHS[start.month - 1]} {start.year}"
        return f"{MONTHS_SHORT[start.month - 1]}–{MONTHS_SHORT[end.month - 1]} {start.year}"
    return f"{MONTHS_SHORT[start.month - 1]} {start.year}–{MONTHS_SHORT[end.month - 1]} {end.year}"


def whole_months(start, end) -> int | None:
    """Months in a period that runs from the 1st of a month to the last day of a month, else None:
    2020-01-01 to 2020-05-31 -> 5."""
    start, end = _date(start), _date(end)
    if start.day != 1 or not _month_end(end) or end < start:
        return None
    return (end.year - start.year) * 12 + end.month - start.month + 1


def kr(value: Real, nearest: int = 1) -> str:
    """Kroner, rounded to the nearest `nearest` kr.: 515625 with nearest=1000 -> "516.000 kr."."""
    if is_missing(value):
        return MISSING
    return f"{number(float(_rounded(float(value) / nearest, 0)) * nearest)} kr."


def plain(value: Real, max_decimals: int = 2) -> str:
    """A stated number with the decimals it needs (up to max_decimals): 15 -> "15"; 8.6 -> "8,6"."""
    if is_missing(value):
        return MISSING
    decimals = next(
        (d for d in range(max_decimals + 1) if round(float(value), d) == float(value)), max_decimals
    )
    return number(value, decimals)


MONTHS = (
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
)


def date(iso: str) -> str:
    """A date as precise as it is given: "2007-10-12" -> "12. oktober 2007"; "2007-05" -> "maj 2007"."""
    parts = [int(p) for p in str(iso).split("-")]
    if len(parts) == 3:
        return f"{parts[2]}. {MONTHS[parts[1] - 1]} {parts[0]}"
    return f"{MONTHS[parts[1] - 1]} {parts[0]}" if len(parts) == 2 else str(parts[0])
