"""Source texts are pinned: each registered text carries its SHA-256, and a text that changes
without its checksum is refused wherever it is read."""

import hashlib
import subprocess
import sys

import pytest

from analysis.data import DataError, DataFolder
from analysis.paths import DATA_DIR


def test_every_shipped_text_has_its_checksum_and_matches_it():
    registry = DataFolder().sources()
    texts = registry[registry["file"].notna()]
    assert len(texts) == 7
    for row in texts.itertuples():
        actual = hashlib.sha256((DATA_DIR / "sources" / row.file).read_bytes()).hexdigest()
        assert row.sha256 == actual, f"{row.file} changed without its checksum in sources/registry.csv"


def test_a_changed_text_is_refused_naming_the_file(data_copy):
    text = data_copy / "sources" / "003_59a13919285dd441.txt"
    text.write_text(text.read_text(encoding="utf-8").replace("580", "590", 1), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        DataFolder(data_copy).source_text("klagetema2019")
    assert str(caught.value).startswith(str(text)) and "SHA-256" in caught.value.message
    result = subprocess.run(
        [sys.executable, "-m", "analysis", "validate", str(data_copy)], capture_output=True, text=True
    )
    assert (
        result.returncode == 2
        and "003_59a13919285dd441.txt" in result.stderr
        and "Traceback" not in result.stderr
    )


def test_a_registered_text_needs_a_checksum(data_copy, edit_data):
    edit_data(
        "sources/registry.csv", ",1ab8dfa10365e7394032044387e49ca9491c533447de68c9ddd8125963ba0c60,", ",,"
    )
    with pytest.raises(DataError) as caught:
        DataFolder(data_copy).sources()
    assert (caught.value.row, caught.value.column) == (2, "sha256")
    assert "sha256sum" in caught.value.message


def test_a_users_registry_may_leave_out_the_new_columns(tmp_path):
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "registry.csv").write_text(
        "source_id,short_title,title,organisation,municipality,country,date,reference,file,url\n"
        "mit-notat,Mit notat,Mit notat,Forvaltningen,Københavns Kommune,Danmark,2024,,,https://example.invalid/x\n",
        encoding="utf-8",
    )
    registry = DataFolder(tmp_path).sources()
    assert "mit-notat" in set(registry["source_id"]) and registry["sha256"].notna().sum() == 7
