"""A source text is only ever read from the sources/ folder it is found in: a registry `file` that
is a path, or a text that is a link out of the folder, is refused before anything is read, so
/etc/passwd can never be read, quoted or published on the Kilder page. The schema refuses such a
registry (tests/build/test_malformed_security.py); these tests go past the schema, as a future slip
in it would, and check that `source_text` still refuses."""

import hashlib
import pathlib
import shutil

import pandas as pd
import pytest

from analysis.chapters import kilder
from analysis.data import DataError, DataFolder
from analysis.paths import DATA_DIR

SECRET = "root:x:0:0:this is the secret"  # stands in for /etc/passwd: a file outside the data folder


@pytest.fixture
def outside(tmp_path) -> pathlib.Path:
    secret = tmp_path / "etc" / "passwd"
    secret.parent.mkdir()
    secret.write_text(SECRET, encoding="utf-8")
    return secret


@pytest.fixture
def reads(monkeypatch) -> list[pathlib.Path]:
    """Every file read with Path.read_bytes (how source texts are read) while the test runs."""
    seen = []
    original = pathlib.Path.read_bytes

    def read_bytes(self):
        seen.append(self.resolve())
        return original(self)

    monkeypatch.setattr(pathlib.Path, "read_bytes", read_bytes)
    return seen


def folder_naming(tmp_path, file: str, secret: pathlib.Path) -> DataFolder:
    """A user's data folder whose registry (already past the schema) names `file` for a source,
    with the checksum of the secret, so only the confinement stands between it and the page."""
    user = tmp_path / "mine"
    (user / "sources").mkdir(parents=True, exist_ok=True)
    folder = DataFolder(user)
    registry = folder.sources().copy()
    row = registry.iloc[[0]].assign(
        source_id="hostile", file=file, sha256=hashlib.sha256(secret.read_bytes()).hexdigest()
    )
    folder._cache["registry"] = pd.concat([registry, row], ignore_index=True).astype({"file": "string"})
    return folder


@pytest.mark.parametrize("name", ["PARENTS", "ABSOLUTE", "../passwd", "sources/../../etc/passwd"])
def test_a_path_in_the_registry_is_never_opened(tmp_path, outside, reads, name):
    file = {"PARENTS": "../" * 12 + str(outside).lstrip("/"), "ABSOLUTE": str(outside)}.get(name, name)
    folder = folder_naming(tmp_path, file, outside)
    reads.clear()
    with pytest.raises(DataError) as caught:
        folder.source_text("hostile")
    assert "is not a plain file name" in caught.value.message and caught.value.column == "file"
    assert SECRET not in str(caught.value)
    assert outside.resolve() not in reads
    with pytest.raises(DataError):  # the Kilder page, which prints every text, is never made
        kilder.compute(folder)


def test_a_text_that_links_out_of_sources_is_never_read(tmp_path, outside, reads):
    folder = folder_naming(tmp_path, "passwd.txt", outside)
    (tmp_path / "mine" / "sources" / "passwd.txt").symlink_to(outside)
    reads.clear()
    with pytest.raises(DataError) as caught:
        folder.source_text("hostile")
    assert "lies outside the folder sources/" in caught.value.message
    assert SECRET not in str(caught.value) and outside.resolve() not in reads


def test_a_sources_folder_that_is_a_link_elsewhere_is_refused(tmp_path, outside, reads):
    user = tmp_path / "mine"
    user.mkdir()
    (user / "sources").symlink_to(outside.parent)  # sources/ -> etc/: sources/passwd is the secret
    shutil.copy(DATA_DIR / "sources" / "registry.csv", outside.parent / "registry.csv")
    folder = folder_naming(tmp_path, "passwd", outside)
    reads.clear()
    with pytest.raises(DataError) as caught:
        folder.source_text("hostile")
    assert "lies outside the folder sources/" in caught.value.message
    assert outside.resolve() not in reads


def test_real_etc_passwd_is_never_read(tmp_path, reads):
    passwd = pathlib.Path("/etc/passwd")
    if not passwd.is_file():
        pytest.skip("no /etc/passwd on this machine")
    folder = folder_naming(tmp_path, "../../../../../../../../../../etc/passwd", passwd)
    reads.clear()
    with pytest.raises(DataError):
        folder.source_text("hostile")
    assert passwd.resolve() not in reads


def test_the_shipped_texts_are_still_read(shipped):
    assert "580" in shipped.source_text("klagetema2019")
