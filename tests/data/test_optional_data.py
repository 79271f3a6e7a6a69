"""An optional data set (price_index): absent is no error; supplied, it is validated and used.
The index here is FICTITIOUS, made up for the test only: the book ships no index."""

import shutil

import pytest
from helpers import user_folder

from analysis.data import DataError, DataFolder
from analysis.paths import DATA_DIR


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
