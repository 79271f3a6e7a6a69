"""Danish numbers: the one place that knows how a number is written in the book.

Danish groups thousands with "." and writes decimals after "," (1.564; 4,30), per cent as "pct."
in running text and amounts in millions as "mio. kr.". The separators come from CLDR (Babel,
locale da_DK); rounding is half up, as people round by hand. Every number a reader sees, in
prose, tables or chart labels, goes through these functions, and `write` writes a fact.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from numbers import Real
from zoneinfo import ZoneInfo

from babel.dates import format_datetime
from babel.numbers import format_decimal

from analysis.data import is_missing
from analysis.facts import Fact
from analysis.vocabulary import date_label, period_label, year_span

MISSING = "ikke oplyst"  # what the page says where the sources give no value
LOCALE = "da_DK"


def _rounded(value: Real, decimals: int) -> Decimal:
    # On the decimal text of the value, so binary floats such as 7.75 do not round down; "-0" is "0".
    exact = Decimal(str(float(value))).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return exact if exact != 0 else abs(exact)


def number(value: Real, decimals: int = 0) -> str:
    """1564 -> "1.564"; 4.3 with decimals=2 -> "4,30"; -3000 -> "-3.000"."""
    if is_missing(value):
        return MISSING
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(_rounded(value, decimals), format=pattern, locale=LOCALE)


def auto(value: Real, decimals: int = 1) -> str:
    """A whole number without decimals, any other with `decimals`: 1564 -> "1.564"; 539.4 -> "539,4"."""
    whole = is_missing(value) or float(value).is_integer()
    return number(value, 0 if whole else decimals)


def plain(value: Real, max_decimals: int = 2) -> str:
    """A stated number with the decimals it needs (up to max_decimals): 15 -> "15"; 8.6 -> "8,6"."""
    if is_missing(value):
        return MISSING
    decimals = next(
        (d for d in range(max_decimals + 1) if round(float(value), d) == float(value)), max_decimals
    )
    return number(value, decimals)


def count(value: Real, one: str, many: str) -> str:
    """A number of things, the noun agreeing: 1, "sag", "sager" -> "1 sag"; 1564 -> "1.564 sager"."""
    return f"{number(value)} {one if value == 1 else many}"


def pct(value: Real, decimals: int = 0) -> str:
    """81 -> "81 pct."; 7.8 with decimals=1 -> "7,8 pct." (value is already in per cent)."""
    return MISSING if is_missing(value) else f"{number(value, decimals)} pct."


def pct_range(low: Real, high: Real, decimals: int = 0) -> str:
    """A stated range: 80, 90 -> "80–90 pct." (an en dash, as Danish writes ranges); a single
    value (low == high) -> "81 pct."."""
    if low == high:
        return pct(low, decimals)
    return f"{number(low, decimals)}–{number(high, decimals)} pct."


def pct_points(value: Real, decimals: int = 0) -> str:
    """A difference between two percentages: 8 -> "8 procentpoint" (never "pct.")."""
    return MISSING if is_missing(value) else f"{number(value, decimals)} procentpoint"


def signed_pct(value: Real, decimals: int = 0) -> str:
    """A change with its sign: -7 -> "-7 pct."; 9.3 with decimals=1 -> "+9,3 pct."."""
    if is_missing(value):
        return MISSING
    sign = "+" if _rounded(value, decimals) > 0 else ""
    return sign + pct(value, decimals)


def signed(value: Real) -> str:
    """A difference with its sign and the decimals it needs: 10 -> "+10"; -3.5 -> "-3,5"; 0 -> "0";
    a small one with the decimals that show it (0.001 -> "+0,001")."""
    if is_missing(value):
        return MISSING
    text = plain(value)
    if float(value) != 0 and set(text) <= set("-0,"):
        text = plain(value, 6)
    return "+" + text if float(value) > 0 else text


def moment(iso: str) -> str:
    """A moment as Danish time (the book's readers are in Denmark): "2026-12-05T09:03:44+00:00" ->
    "5. december 2026 kl. 10.03"."""
    moment = dt.datetime.fromisoformat(iso)
    return format_datetime(
        moment, "d. MMMM y 'kl.' HH.mm", tzinfo=ZoneInfo("Europe/Copenhagen"), locale=LOCALE
    )


def mio_kr(value: Real, decimals: int = 1) -> str:
    """Millions of kroner: 110.6 -> "110,6 mio. kr."."""
    return MISSING if is_missing(value) else f"{number(value, decimals)} mio. kr."


def thousand_kr_as_mio(value: Real, decimals: int = 1) -> str:
    """Amounts stored in 1.000 kr.: 110600 -> "110,6 mio. kr."."""
    return MISSING if is_missing(value) else mio_kr(float(value) / 1000, decimals)


def kr(value: Real, nearest: int = 1) -> str:
    """Kroner, rounded to the nearest `nearest` kr.: 515625 with nearest=1000 -> "516.000 kr."."""
    if is_missing(value):
        return MISSING
    return f"{number(float(_rounded(float(value) / nearest, 0)) * nearest)} kr."


def listing(items) -> str:
    """["2015", "2016", "2018"] -> "2015, 2016 og 2018"."""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} og {items[-1]}"


# Whether a target was met: True, False, or None where the data cannot tell.
VERDICT = {True: "nået", False: "ikke nået", None: "kan ikke afgøres"}

# How `write` writes a fact of each form; `decimals` is passed on where the form takes it.
FORMS = {
    "text": lambda value: MISSING if is_missing(value) else str(value),
    "number": number,
    "auto": auto,
    "plain": plain,
    "pct": pct,
    "pct_points": pct_points,
    "signed_pct": signed_pct,
    "mio_kr": mio_kr,
    "thousand_kr_as_mio": thousand_kr_as_mio,
    "kr": kr,
    "kr_thousands": lambda value: kr(value, 1000),
    "year": lambda value: MISSING if is_missing(value) else str(int(value)),
    "year_span": lambda value: year_span(*value),
    "period": lambda value: period_label(*value),
    "date": lambda value: MISSING if is_missing(value) else date_label(value),
    "verdict": lambda value: VERDICT[None if is_missing(value) else bool(value)],
}


def write(fact: Fact) -> str:
    """A fact as the page writes it: "1.564", "7,8 pct.", "ca. 86", "ikke oplyst"."""
    writer = FORMS[fact.form]
    text = writer(fact.value) if fact.decimals is None else writer(fact.value, fact.decimals)
    return f"ca. {text}" if fact.approximate and not fact.missing else text
