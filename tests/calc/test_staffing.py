"""Staffing and unit amounts, checked against values worked out by hand."""

import pandas as pd
import pytest

from analysis.calc import staffing

ITEM_COLUMNS = [
    "item_id",
    "label",
    "part_of",
    "permanence",
    "amount_mio_kr",
    "price_level",
    "staff",
    "staff_unit",
    "approximate",
    "managers",
    "kind",
    "source_id",
    "quote",
    "formula",
]


def items(*rows) -> pd.DataFrame:
    """Staffing rows from (item_id, amount, price level, staff, unit, approximate, managers, part_of)."""
    frame = [
        dict(
            zip(
                [
                    "item_id",
                    "amount_mio_kr",
                    "price_level",
                    "staff",
                    "staff_unit",
                    "approximate",
                    "managers",
                    "part_of",
                ],
                r,
            ),
            label=r[0],
            permanence="permanent",
            kind="stated",
            source_id="s",
            quote="q",
            formula=None,
        )
        for r in rows
    ]
    return pd.DataFrame(frame, columns=ITEM_COLUMNS)


@pytest.mark.parametrize(
    "amount, divisor, expected",
    [
        (4.30, 8.6, 500_000),  # 4.300.000 / 8,6 = 500.000 exactly
        (6.60, 12.8, 515_625),  # 6.600.000 / 12,8 = 515.625 exactly
        (5.65, 10.9, 518_348.62),  # 5.650.000 / 10,9 = 518.348,62...
        (15, 29, 517_241.38),  # 15.000.000 / (28 + 1) = 517.241,38...
        (15, 28, 535_714.29),  # 15.000.000 / 28 = 535.714,29...
        (5, 10, 500_000),  # 5.000.000 / ca. 10
    ],
)
def test_per_person_by_hand(amount, divisor, expected):
    assert staffing.per_person_kr(amount, divisor) == pytest.approx(expected, abs=0.01)


def test_per_person_refuses_no_people():
    with pytest.raises(ValueError, match="more than 0"):
        staffing.per_person_kr(15, 0)


def test_a_named_manager_gives_two_divisors(shipped):
    amounts = staffing.unit_amounts(shipped.load("staffing"))
    handicap = amounts[amounts["item_id"] == "so49_disability"].set_index("variant")
    assert handicap.loc["all", "divisor"] == 29  # 28 caseworkers + 1 manager
    assert handicap.loc["caseworkers", "divisor"] == 28
    # one row per amount with people, two for the one with a manager; the total 12,25 has no people
    assert len(amounts) == 6 and "oe501_capacity" not in set(amounts["item_id"])


def test_approximate_counts_stay_approximate(shipped):
    amounts = staffing.unit_amounts(shipped.load("staffing")).set_index("item_id")
    assert amounts.loc["so49_adults", "approximate"]
    assert not amounts.loc["oe501_restoration", "approximate"]


def test_several_managers():
    amounts = staffing.unit_amounts(items(("x", 10, 2021, 18, "persons", "no", 2, None)))
    assert amounts["divisor"].tolist() == [20, 18]
    assert amounts["value"].tolist() == [500_000, pytest.approx(555_555.56, abs=0.01)]  # 10 mio. / 20; / 18


def test_parts_add_up_to_the_stated_total(shipped):
    check = staffing.part_sums(shipped.load("staffing")).iloc[0]
    assert check["parts_sum"] == pytest.approx(12.25)  # 6,60 + 5,65
    assert check["stated"] == 12.25 and check["difference"] == 0
    assert check["parts"] == (6.6, 5.65) and check["price_level"] == 2012


def test_parts_that_do_not_add_up_are_reported():
    frame = items(
        ("total", 12.25, 2012, None, None, None, None, None),
        ("a", 6.60, 2012, 12.8, "fte", "no", None, "total"),
        ("b", 5.60, 2012, 10.9, "fte", "no", None, "total"),
    )
    assert staffing.part_sums(frame).iloc[0]["difference"] == pytest.approx(-0.05)  # 12,20 − 12,25


def test_amounts_at_two_price_levels_are_never_added():
    frame = items(
        ("total", 20, 2021, None, None, None, None, None),
        ("a", 15, 2021, 28, "persons", "no", None, "total"),
        ("b", 5, 2012, 10, "persons", "no", None, "total"),
    )
    with pytest.raises(
        ValueError, match="2012 and 2021 price level cannot be combined without a price index"
    ):
        staffing.part_sums(frame)
    with pytest.raises(ValueError, match="price index"):
        staffing.same_price_level(frame)
    assert staffing.same_price_level(frame.iloc[:2]) == 2021


def test_training_totals_by_hand(shipped):
    derived = staffing.training_derived(shipped.load("training")).set_index("measure")
    assert derived.loc["participants_total", "value"] == 800  # 350 + 200 + 250
    assert derived.loc["participants_total", "approximate"]  # a sum of estimates is an estimate
    assert derived.loc["specialists_total", "value"] == 9  # 3 + 3 + 3
    assert derived.loc["funding_per_specialist", "value"] == 600_000  # 5.400 × 1.000 / 9
    assert derived.loc["funding_per_specialist", "price_level"] == 2021
    # No amount per participant: the competence money also pays for methods and new staff.
    assert "competence_per_participant" not in derived.index and len(derived) == 3


def test_training_totals_need_every_centre(shipped):
    training = shipped.load("training")
    partial = training[
        ~((training["measure"] == "participants") & (training["centre"] == "Borgercenter Voksne"))
    ]
    assert "participants_total" not in set(staffing.training_derived(partial)["measure"])
