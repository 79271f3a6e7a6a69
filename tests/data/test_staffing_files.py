"""The staffing and training files: each bad cell named by file, row and column."""

import pytest

from analysis.data import DataError, DataFolder


@pytest.mark.parametrize(
    "name, find, replace, row, column, words",
    [
        ("staffing.csv", "temporary,4.3,", "temporary,-4.3,", 2, "amount_mio_kr", "0 or more"),
        (
            "staffing.csv",
            "4.3,2012 p/l",
            "4.3,2012 prices",
            2,
            "price_level",
            "is not a price level: write it like 2021 or '2021 p/l'",
        ),
        ("staffing.csv", "8.6,fte,no", "8.6,,no", 2, "staff_unit", "go together"),
        ("staffing.csv", "8.6,fte,no", "8.6,fte,", 2, "approximate", "go together"),
        ("staffing.csv", "8.6,fte,no", "8.6,fte,ca", 2, "approximate", "must be one of"),
        ("staffing.csv", "8.6,fte,no", "0,fte,no", 2, "staff", "more than 0"),
        (
            "staffing.csv",
            ",oe501_capacity,permanent,6.6",
            ",oe501_nothing,permanent,6.6",
            4,
            "part_of",
            "item_id of another row",
        ),
        ("staffing.csv", "28,persons,no,1", "28.5,persons,no,1", 6, "staff", "whole number"),
        ("staffing.csv", "28,persons,no,1", "28,fte,no,1", 6, "managers", "counted in persons"),
        ("staffing.csv", "temporary,4.3", "temporarily,4.3", 2, "permanence", "must be one of"),
        ("staffing.csv", "oe501_restoration,", "OE501 restoration,", 2, "item_id", "lower-case letters"),
        ("staffing.csv", "28,persons,no,1", "28,persons,no,1.5", 6, "managers", "whole number"),
        ("staffing.csv", "28,persons,no,1", "28,persons,no,-1", 6, "managers", "0 or more"),
        ("staffing.csv", "28,persons,no,1,stated", "28,persons,no,1,guessed", 6, "kind", "must be one of"),
        (
            "training.csv",
            "350,persons,yes,,",
            "350,persons,yes,2021 p/l,",
            2,
            "price_level",
            "needs its price level",
        ),
        (
            "training.csv",
            "participants,Borgercenter Handicap",
            "attendees,Borgercenter Handicap",
            2,
            "measure",
            "must be one of",
        ),
        ("training.csv", "350,persons", "-350,persons", 2, "value", "0 or more"),
        ("training.csv", "350,persons,yes", "350,persons,maybe", 2, "approximate", "must be one of"),
        (
            "training.csv",
            "6000,1000 kr,no,2021 p/l",
            "6000,1000 kr,no,",
            8,
            "price_level",
            "needs its price level",
        ),
        ("training.csv", "350,persons", "350,count", 2, "unit", "counted in persons"),
        ("training.csv", "350,persons", "350.5,persons", 2, "value", "whole number"),
        (
            "training.csv",
            "participants,Borgercenter Handicap",
            "participants,Borgercenter Ældre",
            2,
            "centre",
            "must be one of",
        ),
        (
            "training.csv",
            "participants,Borgercenter Handicap",
            "participants,",
            2,
            "centre",
            "belongs to a centre",
        ),
        ("training.csv", "2021 p/l,2021,2024", "2021 p/l,2025,2024", 8, "last_year", "ends before it starts"),
        (
            "training.csv",
            "6000,1000 kr,no,2021 p/l",
            "6000,count,no,",
            8,
            "unit",
            "an amount is in 1000 kr or mio. kr",
        ),
    ],
)
def test_bad_rows_are_rejected(data_copy, edit_data, name, find, replace, row, column, words):
    path = edit_data(name, find, replace)
    with pytest.raises(DataError) as caught:
        DataFolder(data_copy).load(name.removesuffix(".csv"))
    error = caught.value
    assert (error.row, error.column) == (row, column), str(error)
    assert words in error.message
    assert "\n" not in str(error) and str(error).startswith(f"{path}, row {row}, column '{column}': ")
