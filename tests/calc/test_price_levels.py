"""Price levels: amounts in different p/l are never mixed without an index; with one, they are
converted. The index here is FICTITIOUS, made up for the test only: the book ships no index."""

import pandas as pd
import pytest
from helpers import user_folder

from analysis.calc import costs, price_levels
from analysis.calc.price_levels import PriceLevelError

# --- Refusing to mix price levels ----------------------------------------------------------------------


def amounts() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "name": ["A", "B"],
            "period": ["2012–2015", "2021–2024"],
            "amount": [39800.0, 110600.0],
            "price_level": [2012, 2021],
            "kind": "stated",
            "formula": None,
        }
    )


def test_adding_amounts_of_two_price_levels_is_refused():
    with pytest.raises(PriceLevelError) as caught:
        price_levels.require_one_price_level(amounts())
    assert (caught.value.reason, caught.value.levels) == ("several", [2012, 2021])
    assert price_levels.require_one_price_level(amounts().iloc[[1]]) == 2021


def test_a_note_with_two_price_levels_cannot_be_summed(shipped):
    lines = shipped.load("budget_lines").copy()
    lines.loc[(lines["table_id"] == "oe501-t2"), "price_level"] = 2013
    with pytest.raises(PriceLevelError) as caught:
        costs.yearly_totals(lines)
    assert caught.value.levels == [2012, 2013]


def test_conversion_without_an_index_is_refused():
    with pytest.raises(PriceLevelError) as caught:
        price_levels.convert(amounts(), 2021, None)
    assert (caught.value.reason, caught.value.levels, caught.value.target) == ("no index", [2012, 2021], 2021)


def test_conversion_needs_every_year_in_the_index():
    index = pd.DataFrame({"year": [2021], "index": [100.0]})
    with pytest.raises(PriceLevelError) as caught:
        price_levels.convert(amounts(), 2021, index)
    assert (caught.value.reason, caught.value.missing) == ("index lacks", [2012])


def test_amounts_already_in_the_target_level_need_no_index():
    same = amounts().iloc[[1]]
    assert price_levels.convert(same, 2021, None)["amount"].tolist() == [110600]


def test_conversion_with_a_fictitious_index(tmp_path):
    index = user_folder(tmp_path, [("2012", "80"), ("2021", "100")]).load("price_index")
    converted = price_levels.convert(amounts(), 2021, index)
    # 39.800 × 100 / 80 = 49.750 (fictitious index); 110.600 is already in 2021 p/l
    assert converted["amount"].tolist() == [49750, 110600]
    assert converted["price_level"].tolist() == [2021, 2021]
    assert converted["kind"].tolist() == ["derived", "stated"]
    assert converted[["amount_before", "index_target", "index_own"]].iloc[0].tolist() == [39800, 100, 80]
    back = price_levels.convert(amounts(), 2012, index)
    assert back["amount"].tolist() == [39800, 88480]  # 110.600 × 80 / 100


def test_index_decimals_are_kept():
    index = pd.DataFrame({"year": [2012, 2021], "index": [81.25, 100.0]})
    converted = price_levels.convert(amounts(), 2021, index)
    assert converted["amount"].iloc[0] == pytest.approx(48984.615, abs=0.001)  # 39.800 × 100 / 81,25
