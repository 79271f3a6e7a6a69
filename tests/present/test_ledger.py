"""The numbers ledger a page notes while it draws: keys that survive new data and reordered rows,
values as the page shows them, and provenance from the rows."""

import pandas as pd
import pytest

from analysis.facts import Fact, Provenance, derived
from analysis.present import ledger, tables


@pytest.fixture(autouse=True)
def empty_ledger():
    ledger.clear()
    yield
    ledger.clear()


def noted() -> dict[str, dict]:
    return {entry["key"]: entry for entry in ledger.entries("kapitel")}


def test_a_caption_names_its_table_without_its_years_or_amounts():
    assert ledger.name_of("Klager pr. år 2010–2018 med kilder") == "Klager pr. år #–# med kilder"
    assert ledger.name_of("Udgifter (1.000 kr., 2021 p/l)") == "Udgifter (# kr., # p/l)"
    assert ledger.name_of("Klager pr. år 2012–2024 med kilder") == ledger.name_of(
        "Klager pr. år 2010–2018 med kilder"
    )


def test_a_table_notes_each_number_by_its_row_and_column_with_the_rows_provenance():
    rows = pd.DataFrame(
        {
            "measure": ["Formalitetsklager", "Formalitetsklager"],
            "year": ["2015", "2016"],
            "value": [448.0, None],
            "kind": ["stated", pd.NA],
            "source_id": ["kkdk", pd.NA],
            "quote": ["tallet i 2015 var 448", pd.NA],
            "formula": [pd.NA, pd.NA],
        }
    )
    ledger.frame("data", "klager", rows, key=("measure", "year"))
    found = noted()
    assert set(found) == {
        "data | klager | Formalitetsklager | 2015 | value",
        "data | klager | Formalitetsklager | 2016 | value",
    }
    first = found["data | klager | Formalitetsklager | 2015 | value"]
    assert (first["value"], first["shown"], first["source_kind"]) == (448.0, "448", "stated")
    assert first["sources"] == ["kkdk"] and first["quotes"] == ["tallet i 2015 var 448"]
    gap = found["data | klager | Formalitetsklager | 2016 | value"]
    assert gap["value"] is None and gap["shown"] == "ikke oplyst" and gap["source_kind"] == "missing"


def test_keys_do_not_depend_on_the_order_of_the_rows():
    rows = pd.DataFrame(
        {"series": ["a", "b", "c", "a"], "period": ["1", "1", "1", "2"], "value": [1.0, 2.0, 3.0, 4.0]}
    )
    ledger.frame("data", "x", rows, key=("series", "period"))
    before = {k: e["value"] for k, e in noted().items()}
    ledger.clear()
    ledger.frame("data", "x", rows.iloc[[3, 1, 0, 2]], key=("series", "period"))
    assert {k: e["value"] for k, e in noted().items()} == before


def test_rows_alike_in_their_key_are_told_apart_by_their_order():
    rows = pd.DataFrame({"label": ["I alt", "I alt"], "amount": [1.0, 2.0]})
    ledger.frame("tabel", "t", rows)
    assert [(k, e["value"]) for k, e in noted().items()] == [
        ("tabel | t | I alt | amount", 1.0),
        ("tabel | t | I alt #2 | amount", 2.0),
    ]


def test_a_year_read_as_a_float_names_its_row_as_the_year():
    rows = pd.DataFrame({"year": [2019.0], "count": [5]})
    ledger.frame("data", "y", rows, key=("year",))
    assert list(noted()) == ["data | y | 2019 | count"]


def test_a_column_written_as_danish_text_is_read_back_and_words_are_left_out():
    shown = pd.DataFrame(
        {"Post": ["a", "b", "c", "d"], "2021": ["1.564", "-3.000", "ikke oplyst", "28,7 pr. måned"]}
    )
    tables.table(shown, "Tabel 2021", numeric=("2021",))
    found = {k: (e["value"], e["shown"]) for k, e in noted().items()}
    assert found == {
        "tabel | Tabel # | a | 2021": (1564.0, "1.564"),
        "tabel | Tabel # | b | 2021": (-3000.0, "-3.000"),
        "tabel | Tabel # | c | 2021": (None, "ikke oplyst"),
    }


def test_unrounded_numbers_given_beside_a_written_column_are_the_values():
    shown = pd.DataFrame({"Post": ["a"], "Beløb": ["2"]})
    tables.table(shown, "T", numeric=("Beløb",), numbers=pd.DataFrame({"Beløb": [1.6]}))
    assert noted()["tabel | T | a | Beløb"]["value"] == 1.6
    assert noted()["tabel | T | a | Beløb"]["shown"] == "2"


def test_a_table_with_sources_gives_each_cell_its_rows_provenance_and_the_pages_writing():
    rows = pd.DataFrame(
        {
            "year": ["2018"],
            "count": [1564.0],
            "kind": ["derived"],
            "source_id": ["s"],
            "quote": [pd.NA],
            "formula": ["a + b"],
        }
    )
    tables.with_sources(
        rows, "Klager 2018", {"year": "År", "count": "Antal"}, formats={"Antal": lambda v: f"<b>{v:,.0f}</b>"}
    )
    entry = noted()["tabel | Klager # | 2018 | Antal"]
    assert entry["source_kind"] == "derived" and entry["formulas"] == ["a + b"]
    assert entry["shown"] == "1,564"  # as the formatter wrote it, without its markup


def test_a_download_notes_verdicts_and_statuses_from_the_columns_named():
    rows = pd.DataFrame({"claim_id": ["c1"], "stated": [9.3], "status": ["afviger"]})
    tables.csv_download(rows, "kontrol.csv", key=("claim_id",), states={"status": "status"})
    found = noted()
    assert found["data | kontrol | c1 | status"]["kind"] == "status"
    assert found["data | kontrol | c1 | status"]["value"] == "afviger"
    assert found["data | kontrol | c1 | stated"]["value"] == 9.3


def test_a_fact_is_noted_when_it_is_a_number_or_a_verdict_never_a_sentence():
    origin = derived("a − b")
    ledger.fact("n", Fact(12, "number", origin), "12")
    ledger.fact("share", Fact(None, "pct", origin), "ikke oplyst")
    ledger.fact("met", Fact(False, "verdict", origin), "ikke nået")
    ledger.fact("sentence", Fact("Der kom 12 klager.", "text", origin), "Der kom 12 klager.")
    ledger.fact("year", Fact(2018, "year", origin), "2018")
    found = noted()
    assert set(found) == {"fakta | n", "fakta | share", "fakta | met"}
    assert found["fakta | met"]["kind"] == "verdict" and found["fakta | met"]["value"] == "ikke nået"
    assert found["fakta | share"]["value"] is None


def test_a_ledger_is_handed_over_only_in_a_build(monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda data, raw=False: shown.append(data))
    ledger.note("k", 1, "1", Provenance("stated", ("s",), ("q",)))
    monkeypatch.delenv(ledger.ENABLED, raising=False)
    ledger.handed_over("klager")
    assert shown == [] and ledger.entries("klager") == []  # cleared: the next page starts empty
    ledger.note("k", 1, "1")
    monkeypatch.setenv(ledger.ENABLED, "1")
    ledger.handed_over("klager")
    (bundle,) = shown
    assert bundle[ledger.MIME]["chapter"] == "klager"
    assert [e["key"] for e in bundle[ledger.MIME]["entries"]] == ["k"]


def test_an_unknown_kind_of_entry_is_refused():
    with pytest.raises(ValueError, match="unknown kind"):
        ledger.note("k", 1, "1", kind="colour")
