"""Price levels: amounts in different p/l are never mixed without an index; with one, they are
converted. The index here is FICTITIOUS, made up for the test only: the book ships no index."""

import csv
import shutil

import pandas as pd
import pytest

from analysis.calc import costs, price_levels
from analysis.calc.price_levels import PriceLevelError
from analysis.data import DataError, DataFolder
from analysis.paths import DATA_DIR

FICTITIOUS_SOURCE = "test-fiktivt-indeks"


def user_folder(tmp_path, index_rows: list[tuple[str, str]] | None) -> DataFolder:
    """A user's data folder holding a price_index.csv (if rows are given) and a registry that names
    the made-up source; every other file falls back to the shipped data."""
    folder = tmp_path / "mine"
    (folder / "sources").mkdir(parents=True)
    shutil.copy(DATA_DIR / "sources" / "registry.csv", folder / "sources" / "registry.csv")
    with open(folder / "sources" / "registry.csv", "a", newline="", encoding="utf-8") as file:
        csv.writer(file, lineterminator="\n").writerow(
            [
                FICTITIOUS_SOURCE,
                "Fiktivt testindeks",
                "Fiktivt indeks (kun til test)",
                "Ingen",
                "Ingen",
                "Ingen",
                "2024",
                "",
                "",
                "https://example.invalid/fiktivt-indeks",
            ]
        )
    if index_rows is not None:
        with open(folder / "price_index.csv", "w", newline="", encoding="utf-8") as file:
            writer = csv.writer(file, lineterminator="\n")
            writer.writerow(["year", "index", "kind", "source_id", "quote", "formula"])
            for year, value in index_rows:
                writer.writerow([year, value, "user-supplied", FICTITIOUS_SOURCE, "fiktivt tal til test", ""])
    return DataFolder(folder)


# --- The optional data set -------------------------------------------------------------------------


def test_an_absent_optional_data_set_is_no_error(shipped):
    assert shipped.load("price_index") is None
    assert "price_index" not in shipped.used
    assert "price_index" not in shipped.validate_all()


def test_a_supplied_optional_data_set_is_loaded_and_noted(tmp_path):
    folder = user_folder(tmp_path, [("2012", "80"), ("2021", "100")])
    index = folder.load("price_index")
    assert index["index"].tolist() == [80, 100]
    assert "price_index" in folder.validate_all()
    assert folder.used["price_index"].parent == tmp_path / "mine"


def test_a_supplied_optional_data_set_is_validated(tmp_path):
    folder = user_folder(tmp_path, [("2012", "80"), ("2021", "0")])
    with pytest.raises(DataError) as caught:
        folder.load("price_index")
    assert (caught.value.row, caught.value.column) == (3, "index")
    assert "must be above 0" in caught.value.message


def test_a_required_data_set_that_is_absent_is_still_an_error(tmp_path):
    (tmp_path / "sources").mkdir()
    shutil.copy(DATA_DIR / "sources" / "registry.csv", tmp_path / "sources" / "registry.csv")
    folder = DataFolder(tmp_path, shipped_dir=tmp_path)
    with pytest.raises(DataError, match="budget_lines.csv: the data file is missing"):
        folder.load("budget_lines")
    assert folder.load("price_index") is None


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
    message = str(caught.value)
    assert "2012 p/l og 2021 p/l" in message and "price_index.csv" in message
    assert price_levels.require_one_price_level(amounts().iloc[[1]]) == 2021


def test_a_note_with_two_price_levels_cannot_be_summed(shipped):
    lines = shipped.load("budget_lines").copy()
    lines.loc[(lines["table_id"] == "oe501-t2"), "price_level"] = 2013
    with pytest.raises(PriceLevelError, match="2012 p/l og 2013 p/l"):
        costs.yearly_totals(lines)


def test_conversion_without_an_index_is_refused():
    with pytest.raises(PriceLevelError) as caught:
        price_levels.convert(amounts(), 2021, None)
    assert "2012 p/l og 2021 p/l kan ikke omregnes til 2021 p/l" in str(caught.value)
    assert "price_index.csv" in str(caught.value)


def test_conversion_needs_every_year_in_the_index():
    index = pd.DataFrame({"year": [2021], "index": [100.0]})
    with pytest.raises(PriceLevelError, match="mangler tal for 2012"):
        price_levels.convert(amounts(), 2021, index)


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
    assert converted["formula"].iloc[0] == "39.800 × 100 / 80"
    back = price_levels.convert(amounts(), 2012, index)
    assert back["amount"].tolist() == [39800, 88480]  # 110.600 × 80 / 100


def test_index_decimals_are_kept_in_the_formula():
    index = pd.DataFrame({"year": [2012, 2021], "index": [81.25, 100.0]})
    converted = price_levels.convert(amounts(), 2021, index)
    assert converted["formula"].iloc[0] == "39.800 × 100 / 81,25"
    assert converted["amount"].iloc[0] == pytest.approx(48984.615, abs=0.001)  # 39.800 × 100 / 81,25


def test_chapter_section_without_and_with_an_index(tmp_path, shipped):
    lines, registry = shipped.load("budget_lines"), shipped.sources()
    totals = costs.note_totals(lines, registry)
    refused = price_levels.comparison(totals, None, 2021).data
    assert "Ingen sammenligning på tværs af prisniveauer" in refused and "price_index.csv" in refused
    assert "2012 p/l" in refused
    index = user_folder(tmp_path, [("2012", "80"), ("2021", "100")]).load("price_index")
    shown = price_levels.comparison(totals, index, 2021).data
    # Ø501: 39.800 × 100 / 80 = 49.750; SO49: 110.600 unchanged
    assert "49.750" in shown and "110.600" in shown and "39.800 × 100 / 80" in shown
