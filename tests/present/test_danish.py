import math

import pytest

from analysis.present import danish as fmt
from analysis.vocabulary import date_label, period_label, whole_months, year_runs, year_span


@pytest.mark.parametrize(
    "value, decimals, expected",
    [
        (1564, 0, "1.564"),
        (110600, 0, "110.600"),
        (4.3, 2, "4,30"),
        (-3000, 0, "-3.000"),
        (1234567.891, 2, "1.234.567,89"),
        (2.5, 0, "3"),  # half up, as by hand
        (7.75, 1, "7,8"),  # not 7,7 from binary rounding
        (-0.4, 0, "0"),  # no "-0"
        (0, 0, "0"),
    ],
)
def test_number(value, decimals, expected):
    assert fmt.number(value, decimals) == expected


def test_missing_values_say_so():
    assert fmt.number(None) == fmt.number(math.nan) == "ikke oplyst"
    assert fmt.pct(None) == "ikke oplyst"


def test_units():
    assert fmt.pct(81) == "81 pct."
    assert fmt.pct(7.8, 1) == "7,8 pct."
    assert fmt.pct_range(80, 90) == "80–90 pct."
    assert fmt.mio_kr(4.3, 2) == "4,30 mio. kr."
    assert fmt.mio_kr(110.6) == "110,6 mio. kr."
    assert fmt.thousand_kr_as_mio(110600) == "110,6 mio. kr."


def test_signed_pct():
    assert fmt.signed_pct(-7) == "-7 pct."
    assert fmt.signed_pct(9.27, 1) == "+9,3 pct."
    assert fmt.signed_pct(0.04, 1) == "0,0 pct."


def test_listing_and_years():
    assert fmt.listing(["2015", "2016", "2018"]) == "2015, 2016 og 2018"
    assert fmt.listing(["2018"]) == "2018"
    assert fmt.listing([]) == ""
    assert year_span(2010, 2018) == "2010–2018"
    assert year_span(2018, 2018) == "2018"
    assert year_runs([2017, 2010, 2011, 2012]) == [(2010, 2012), (2017, 2017)]


def test_count_makes_the_noun_agree():
    assert fmt.count(1, "sag", "sager") == "1 sag"
    assert fmt.count(0, "sag", "sager") == "0 sager"
    assert fmt.count(1564, "åben sag", "åbne sager") == "1.564 åbne sager"


def test_pct_points():
    assert fmt.pct_points(8) == "8 procentpoint"  # 71 - 63
    assert fmt.pct_points(1.25, 1) == "1,3 procentpoint"
    assert fmt.pct_points(None) == "ikke oplyst"


@pytest.mark.parametrize(
    "start, end, expected",
    [
        ("2019-01-01", "2019-12-31", "2019"),
        ("2019-01-01", "2019-06-30", "1. halvår 2019"),
        ("2019-07-01", "2019-12-31", "2. halvår 2019"),
        ("2020-04-01", "2020-06-30", "2. kvartal 2020"),
        ("2020-10-01", "2020-12-31", "4. kvartal 2020"),
        ("2020-01-01", "2020-05-31", "jan.–maj 2020"),
        ("2020-05-01", "2020-05-31", "maj 2020"),
        ("2019-11-01", "2020-02-29", "nov. 2019–feb. 2020"),
        ("2019-12-31", "2019-12-31", "ultimo 2019"),
        ("2020-05-15", "2020-05-15", "15. maj 2020"),
        ("2020-01-05", "2020-02-10", "5.1.2020–10.2.2020"),
        ("2019-02-01", "2019-07-31", "feb.–jul. 2019"),  # six months, but not a half-year
    ],
)
def test_period_names(start, end, expected):
    assert period_label(start, end) == expected


def test_whole_months():
    assert whole_months("2020-01-01", "2020-05-31") == 5
    assert whole_months("2018-01-01", "2018-12-31") == 12
    assert whole_months("2019-11-01", "2020-02-29") == 4  # nov, dec, jan, feb
    assert whole_months("2020-01-01", "2020-05-15") is None  # ends mid-month
    assert whole_months("2019-12-31", "2019-12-31") is None


def test_kr_rounds_to_the_nearest_amount():
    assert fmt.kr(515625, 1000) == "516.000 kr."  # 515,625 thousand rounds up
    assert fmt.kr(517241.38, 1000) == "517.000 kr."
    assert fmt.kr(500000) == "500.000 kr."
    assert fmt.kr(None) == "ikke oplyst"


def test_plain_uses_the_decimals_a_value_needs():
    assert fmt.plain(15) == "15"
    assert fmt.plain(8.6) == "8,6"
    assert fmt.plain(5.65) == "5,65"
    assert fmt.plain(1564) == "1.564"


def test_dates_as_precise_as_given():
    assert date_label("2007-10-12") == "12. oktober 2007"
    assert date_label("2007-06-01") == "1. juni 2007"
    assert date_label("2007-05") == "maj 2007"
    assert date_label("2006") == "2006"


@pytest.mark.parametrize(
    ("value", "expected"),
    [(10, "+10"), (-3.5, "-3,5"), (0, "0"), (0.001, "+0,001"), (-1564, "-1.564"), (None, "ikke oplyst")],
)
def test_a_difference_is_written_with_its_sign_and_the_decimals_that_show_it(value, expected):
    assert fmt.signed(value) == expected


def test_a_moment_is_written_the_danish_way_in_danish_time():
    assert fmt.moment("2026-12-05T10:03:44+01:00") == "5. december 2026 kl. 10.03"
    assert fmt.moment("2027-01-31T23:59:00+00:00") == "1. februar 2027 kl. 00.59"  # winter: UTC+1
    assert fmt.moment("2027-06-30T12:00:00+00:00") == "30. juni 2027 kl. 14.00"  # summer: UTC+2
