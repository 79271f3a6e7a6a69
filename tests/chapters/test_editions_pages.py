"""The pages on the edition, from an edition's files as the build writes them: what it was built
from (Om denne udgave) and what changed (Ændringer siden sidste udgave)."""

import json

import pandas as pd
import pytest

from analysis.calc.editions import compare
from analysis.chapters import aendringer, udgave
from analysis.present.danish import write

COMMIT = "0123456789abcdef0123456789abcdef01234567"
HOSTILE = "<script>window.__pwned=1</script>"


def entry(key, value, kind="number", chapter="klager", shown=None, file="", row=None):
    shown = shown if shown is not None else str(value)
    return {
        "chapter": chapter,
        "key": key,
        "kind": kind,
        "value": value,
        "shown": shown,
        "file": file,
        "row": row,
    }


def edition(folder, entries, previous=None, **stamp):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "ledger.json").write_text(json.dumps({"format": 1, "entries": entries}), encoding="utf-8")
    if previous is not None:
        (folder / "ledger-previous.json").write_text(
            json.dumps({"format": 1, "entries": previous}), encoding="utf-8"
        )
    made = {
        "built_at": "2027-06-30T14:05:00+02:00",
        "commit": COMMIT,
        "dirty": False,
        "data_folder": None,
        "files": [],
        "parameters": {},
        "python": "3.11.7",
        "packages": {"pandas": "3.1.1", "six": "1.16.0"},
        "ledger_sha256": "f" * 64,
        "compared_with": None,
    } | stamp
    (folder / "udgave.json").write_text(json.dumps(made), encoding="utf-8")
    return str(folder)


def test_outside_a_build_the_pages_say_so_and_show_no_tables(shipped):
    about = udgave.compute(shipped)
    assert "uden for en bygning" in write(udgave.facts(about)["built_at"])
    assert udgave.files_table(about).data == "" and udgave.reproduce(about).data == ""
    changes = aendringer.compute(shipped)
    assert "når bogen bygges" in write(aendringer.facts(changes)["summary"])


def test_the_page_about_the_edition_says_when_from_what_and_how_to_rebuild_it(tmp_path, shipped):
    folder = edition(
        tmp_path / "e",
        [entry("fakta | n", 1.0)],
        dirty=True,
        data_folder="mine",
        files=[
            {"dataset": "complaints", "file": "mine/complaints.csv", "from": "user", "sha256": "a" * 64},
            {"dataset": None, "file": f"mine/sources/{HOSTILE}.txt", "from": "user", "sha256": "b" * 64},
            {
                "dataset": "registry",
                "file": "data/sources/registry.csv",
                "from": "shipped",
                "sha256": "c" * 64,
            },
        ],
        parameters={"klager": {"first_year": 2015}},
    )
    result = udgave.compute(shipped, edition=folder)
    facts = {k: write(f) for k, f in udgave.facts(result).items()}
    assert facts["built_at"] == "30. juni 2027 kl. 14.05"
    assert facts["commit"] == "Koden er version 0123456789 med ændringer, der ikke var gemt i git."
    assert facts["data"] == (
        "Udgaven er bygget af egne data fra mappen »mine« og, for resten, de data, der følger med bogen: "
        "3 datafiler i alt."
    )
    assert facts["ledger"] == "Talregnskabet har 1 post."
    assert f'<code class="checksum">{"f" * 64}</code>' in udgave.links(result).data
    files = udgave.files_table(result).data
    assert "egne data" in files and "leveret med bogen" in files and "kildetekst" in files
    assert HOSTILE not in files and "&lt;script&gt;" in files
    assert all(digest * 64 in files for digest in "abc")
    parameters = udgave.parameters_table(result).data
    assert (
        "Klager over sagsbehandlingen" in parameters and "first_year" in parameters and "2015" in parameters
    )
    steps = udgave.reproduce(result).data
    assert f"git checkout {COMMIT}" in steps
    assert "make env\n.venv/bin/python -m analysis build --data mine/ -p klager.first_year=2015" in steps
    assert "Mappen »mine« skal indeholde de filer" in steps
    assert "ikke var gemt i git" in steps
    packages = udgave.packages_table(result).data
    assert "pandas" in packages.split("Vis alle")[0] and "six" not in packages.split("Vis alle")[0]
    assert "Vis alle 2 pakker" in packages


def test_a_clean_default_build_has_no_parameters_and_no_warning(tmp_path, shipped):
    result = udgave.compute(shipped, edition=edition(tmp_path / "e", []))
    assert "standardparametre" in udgave.parameters_table(result).data
    steps = udgave.reproduce(result).data
    assert "ikke var gemt" not in steps and "--data" not in steps and "-p " not in steps


OLD = [
    entry("a", 448.0, file="data/complaints.csv", row=2),
    entry("b", 486.0),
    entry("met", "ikke nået", kind="verdict"),
    entry("c1", "stemmer", kind="status", chapter="kontrol"),
    entry("c2", "stemmer", kind="status", chapter="kontrol"),
]


@pytest.mark.parametrize(
    ("changes", "summary"),
    [
        ({}, "Ingen tal er ændret siden sidste udgave."),
        ({"a": 450.0}, "1 tal er ændret."),
        ({"a": 450.0, "b": 1.0, "met": "nået"}, "2 tal er ændret og 1 mål har skiftet status."),
        ({"c1": "afviger", "c2": "afviger"}, "2 kontroller har skiftet status."),
        ({"c1": "afviger", "new": 5.0}, "1 tal er kommet til og 1 kontrol har skiftet status."),
    ],
)
def test_the_summary_counts_each_kind_of_change_in_danish(tmp_path, shipped, changes, summary):
    new = [
        {**e, "value": changes.get(e["key"], e["value"]), "shown": str(changes.get(e["key"], e["value"]))}
        for e in OLD
    ]
    new += [entry(k, v) for k, v in changes.items() if k not in {e["key"] for e in OLD}]
    result = aendringer.compute(shipped, edition=edition(tmp_path / "e", new, previous=OLD))
    assert write(aendringer.facts(result)["summary"]) == summary


def test_a_first_edition_has_nothing_to_compare_with(tmp_path, shipped):
    result = aendringer.compute(shipped, edition=edition(tmp_path / "e", OLD))
    assert write(aendringer.facts(result)["summary"]).startswith("Dette er den første udgave")
    assert aendringer.by_chapter(result).data == ""


def test_each_change_is_listed_under_its_chapter_with_where_it_comes_from(tmp_path, shipped):
    new = [dict(e) for e in OLD]
    new[0].update(value=450.0, shown="450", row=3)
    new[3].update(value="afviger", shown="afviger")
    new.append(entry(f"data | klager | {HOSTILE} | 2024 | value", 600.0))
    described = {"given": None, "built_at": "2027-01-02T08:00:00+01:00", "commit": COMMIT}
    described |= {"ledger_sha256": "x", "data_folder": "halvaar"}

    result = aendringer.compute(
        shipped, edition=edition(tmp_path / "e", new, previous=OLD, compared_with=described)
    )
    page = aendringer.by_chapter(result).data
    assert page.index("Klager over sagsbehandlingen") < page.index("Kontrol af tallene")
    assert "data/complaints.csv, række 3" in page and "+2" in page
    assert HOSTILE not in page and "&lt;script&gt;" in page
    assert write(aendringer.facts(result)["compared_with"]) == (
        "Tallene er sammenlignet med udgaven før denne i byggemappen, bygget 2. januar 2027 kl. 08.00 "
        "af egne data fra mappen »halvaar« med version 0123456789 af koden."
    )
    rows = aendringer.values(result)
    assert list(rows["change"]) == ["changed", "added", "status"]
    assert rows.loc[0, ["old", "new", "difference"]].tolist() == [448.0, 450.0, 2.0]


def test_the_pages_rows_are_the_comparisons():
    old, new = pd.DataFrame(OLD), pd.DataFrame([{**OLD[0], "value": 1.0}, *OLD[1:]])
    result = aendringer.Result(compare(old, new), True, None)
    assert aendringer.values(result)[["key", "old", "new"]].values.tolist() == [["a", 448.0, 1.0]]
