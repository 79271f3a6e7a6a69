"""Comparing two editions' ledgers: entries are matched by chapter and key."""

import pandas as pd

from analysis.calc.editions import compare


def ledger(*entries) -> pd.DataFrame:
    rows = [
        {"chapter": c, "key": k, "kind": kind, "value": v, "shown": s, "file": f, "row": r}
        for c, k, kind, v, s, f, r in entries
    ]
    return pd.DataFrame(rows)


OLD = ledger(
    ("klager", "a", "number", 448.0, "448", "data/complaints.csv", 2),
    ("klager", "b", "number", 486.0, "486", "data/complaints.csv", 3),
    ("klager", "gone", "number", 1.0, "1", "", None),
    ("klager", "met", "verdict", "ikke nået", "ikke nået", "", None),
    ("kontrol", "c1", "status", "stemmer", "stemmer", "", None),
    ("kontrol", "n", "number", None, "ikke oplyst", "", None),
)


def test_the_same_ledger_has_nothing_changed():
    assert compare(OLD, OLD).nothing


def test_a_changed_number_says_old_new_difference_and_where_the_new_one_comes_from():
    new = OLD.copy()
    new.loc[1, ["value", "shown", "row"]] = [490.0, "490", 4]
    result = compare(OLD, new)
    assert not result.nothing
    (row,) = result.changed.to_dict("records")
    assert (row["chapter"], row["key"], row["old"], row["new"], row["difference"]) == (
        "klager",
        "b",
        486.0,
        490.0,
        4.0,
    )
    assert (row["old_shown"], row["new_shown"], row["file"], row["row"]) == (
        "486",
        "490",
        "data/complaints.csv",
        4,
    )
    assert result.added.empty and result.removed.empty and result.verdicts.empty and result.statuses.empty


def test_a_number_that_appears_or_goes_missing_has_changed():
    new = OLD.copy()
    new.loc[5, ["value", "shown"]] = [3.0, "3"]
    new.loc[0, ["value", "shown"]] = [None, "ikke oplyst"]
    changed = compare(OLD, new).changed.set_index("key")
    assert set(changed.index) == {"a", "n"}
    assert pd.isna(changed.loc["a", "new"]) and pd.isna(changed.loc["a", "difference"])


def test_a_number_moved_by_less_than_float_noise_is_the_same():
    new = OLD.copy()
    new.loc[0, "value"] = 448.0 * (1 + 1e-12)
    assert compare(OLD, new).nothing


def test_added_and_removed_entries_are_listed():
    new = pd.concat(
        [OLD[OLD["key"] != "gone"], ledger(("klager", "2019", "number", 600.0, "600", "x.csv", 9))],
        ignore_index=True,
    )
    result = compare(OLD, new)
    assert result.added[["key", "value", "shown", "file", "row"]].to_dict("records") == [
        {"key": "2019", "value": 600.0, "shown": "600", "file": "x.csv", "row": 9}
    ]
    assert list(result.removed["key"]) == ["gone"] and list(result.removed["value"]) == [1.0]
    assert result.changed.empty


def test_a_flipped_verdict_and_a_changed_status_are_listed_apart_from_numbers():
    new = OLD.copy()
    new.loc[3, ["value", "shown"]] = ["nået", "nået"]
    new.loc[4, ["value", "shown"]] = ["afviger", "afviger"]
    result = compare(OLD, new)
    assert result.verdicts[["key", "old_shown", "new_shown"]].values.tolist() == [
        ["met", "ikke nået", "nået"]
    ]
    assert result.statuses[["key", "old_shown", "new_shown"]].values.tolist() == [
        ["c1", "stemmer", "afviger"]
    ]
    assert result.changed.empty


def test_the_same_key_in_another_chapter_is_another_entry():
    new = OLD.copy()
    new.loc[0, "chapter"] = "sagsfrister"
    result = compare(OLD, new)
    assert list(zip(result.added["chapter"], result.added["key"])) == [("sagsfrister", "a")]
    assert list(zip(result.removed["chapter"], result.removed["key"])) == [("klager", "a")]


def test_changes_come_in_the_new_ledgers_order_whatever_the_old_ones():
    new = OLD.copy()
    new["value"] = [449.0, 487.0, 2.0, "ikke nået", "stemmer", None]
    result = compare(OLD.iloc[::-1].reset_index(drop=True), new)
    assert list(result.changed["key"]) == ["a", "b", "gone"]
