"""Reading a ledger back: a book's folder or the file itself; anything else in one clear line."""

import json

import pytest

from analysis.data import DataError
from analysis.data.editions import FORMAT, read_ledger, read_stamp

ENTRY = {"chapter": "klager", "key": "fakta | n", "kind": "number", "value": 1.0, "shown": "1"}


def written(folder, content) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    text = content if isinstance(content, str) else json.dumps(content)
    (folder / "ledger.json").write_text(text, encoding="utf-8")


@pytest.mark.parametrize("given", ["build/html/ledger.json", "build/html", "build"])
def test_a_ledger_is_found_from_the_file_the_html_folder_or_the_build_folder(tmp_path, given):
    written(tmp_path / "build" / "html", {"format": FORMAT, "entries": [ENTRY]})
    frame = read_ledger(tmp_path / given)
    assert frame[["chapter", "key", "value"]].values.tolist() == [["klager", "fakta | n", 1.0]]


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("{not json", "not a numbers ledger"),
        ([1, 2], "no list of entries"),
        ({"format": FORMAT + 1, "entries": []}, "this version reads format"),
        ({"format": FORMAT, "entries": [{"chapter": "klager"}]}, "entry 1 lacks key, kind, value, shown"),
        ({"format": FORMAT, "entries": [ENTRY, ENTRY]}, "appears twice"),
        ("\udcff", "not a numbers ledger"),
    ],
)
def test_what_is_no_ledger_is_refused_in_one_line_naming_the_file(tmp_path, content, says):
    path = tmp_path / "ledger.json"
    if content == "\udcff":
        path.write_bytes(b"\xff\xfe\x00garbage")
    else:
        written(tmp_path, content)
    with pytest.raises(DataError) as error:
        read_ledger(path)
    (line,) = error.value.lines()
    assert says in line and str(path) in line and "give a ledger.json a build wrote" in line


def test_a_folder_without_a_ledger_says_what_to_give(tmp_path):
    with pytest.raises(DataError, match="no numbers ledger here"):
        read_ledger(tmp_path)


def test_a_missing_or_broken_stamp_is_none(tmp_path):
    assert read_stamp(tmp_path) is None
    (tmp_path / "udgave.json").write_text("{", encoding="utf-8")
    assert read_stamp(tmp_path) is None
    (tmp_path / "udgave.json").write_text('{"commit": "abc"}', encoding="utf-8")
    assert read_stamp(tmp_path) == {"commit": "abc"}
