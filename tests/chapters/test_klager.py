"""The chapter 'Klager': its facts, figure and values, from the shipped data and from other data."""

import dataclasses

import fictitious
import pandas as pd
import pytest
from helpers import FrameFolder, written

from analysis.chapters import klager
from analysis.data import DataFolder
from analysis.present import prose
from analysis.present.danish import write

FOLDER_A = dataclasses.replace(fictitious.FOLDER_A, applications_format="csv", date_style="iso", cases=0)
FOLDER_B = dataclasses.replace(fictitious.FOLDER_B, date_style="iso", complaints_format="csv")


def series(values: dict[int, float], complaint_type: str = "formality") -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"year": y, "complaint_type": complaint_type, "count": v, "kind": "stated", "source_id": "so49"}
            | {"quote": "q", "formula": None}
            for y, v in values.items()
        ]
    )


def test_facts_from_the_shipped_data(shipped):
    facts = klager.facts(klager.compute(shipped, first_year=2010, last_year=2018))
    shown = written(facts)
    assert shown["formality_last"] == "580"
    assert shown["reality_last"] == "1.564"
    assert shown["average_stated"] == "566"
    assert shown["target"] == "437"
    assert shown["target_verdict"].startswith("Målet blev ikke nået: 143 klager over målet")
    assert shown["years_missing_count"] == "6"  # 2010-2014 and 2017
    # 448 -> 580: 132 / 448 = 29,46 pct.; 1859 -> 1564: -295 / 1859 = -15,87 pct.
    assert shown["formality_change"].startswith("steg med 29,5 pct. fra 2015 til 2018")
    assert shown["reality_change"].startswith("faldt med 15,9 pct. fra 2015 til 2018")
    assert "kan ikke genberegnes" in shown["average_check"]
    assert shown["outcome_targets_count"] == "2"
    assert (
        shown["outcome_targets"].startswith("højst 5 pct. for andelen")
        and "højst 15 pct." in shown["outcome_targets"]
    )


def test_facts_carry_their_provenance(shipped):
    facts = klager.facts(klager.compute(shipped, first_year=2010, last_year=2018))
    last = facts["formality_last"].provenance
    assert (last.kind, last.sources) == ("stated", ("klagetema2019",))
    assert "580" in last.quotes[0] or "Formalitetsklager" in last.quotes[0]
    change = facts["formality_change"].provenance
    assert change.kind == "derived" and change.formulas[0] == "(580 − 448) ÷ 448 × 100"
    assert set(change.sources) == {"kkdk-klageopgoerelse-2017", "klagetema2019"}
    assert facts["period"].provenance.kind == "parameter"
    verdict = facts["target_verdict"].provenance
    assert verdict.kind == "derived" and verdict.formulas == ("antal − mål", "(antal − mål) ÷ mål × 100")
    assert any("437" in quote for quote in verdict.quotes)  # the target, as the source words it


def test_facts_follow_the_data():
    """A complete period makes the average recomputable; a new last year changes the prose."""
    full = series({y: 500 + i for i, y in enumerate(range(2010, 2019))} | {2019: 450})  # 2010-2018: mean 504
    full = pd.concat([full, series({2019: 1400}, "reality")])
    shown = written(
        klager.facts(klager.compute(FrameFolder(complaints=full), first_year=2010, last_year=2019))
    )
    assert shown["average_check"] == "Genberegnet af de årlige tal giver gennemsnittet 504,0."
    assert shown["last_year"] == "2019" and shown["formality_last"] == "450"
    assert shown["target_actual"] == "508"
    assert shown["target_verdict"] == "Målet blev ikke nået: 71 klager over målet (16 pct. over)."


def test_a_met_target_and_a_missing_target_year_read_differently():
    met = written(klager.facts(klager.compute(FrameFolder(complaints=series({2018: 400})), 2010, 2018)))
    assert met["target_verdict"] == "Målet blev nået: 37 klager under målet."
    assert "For formalitetsklager er der færre end to år med tal i perioden" in met["counts_paragraph"]
    gone = klager.compute(FrameFolder(complaints=series({2016: 486})), first_year=2010, last_year=2018)
    assert written(klager.facts(gone))["target_verdict"] == (
        "Data har intet tal for formalitetsklager i 2018, så målopfyldelsen kan ikke vurderes."
    )
    assert klager.figure(gone).layout.title.text == "Klager pr. år 2010–2018"


@pytest.mark.parametrize(
    ("count", "verdict"), [(400, "nået"), (437, "nået"), (438, "ikke nået"), (None, "kan ikke afgøres")]
)
def test_the_targets_verdict_is_a_fact_of_its_own_for_the_ledger(count, verdict):
    """The ceiling is 437 in 2018 (the shipped benchmark): at or under it the target is met."""
    counts = series({2018: count}) if count is not None else series({2016: 486})
    fact = klager.facts(klager.compute(FrameFolder(complaints=counts), 2010, 2018))["target_met"]
    assert fact.form == "verdict" and write(fact) == verdict


def test_figure_draws_gaps_references_and_derived_markers(shipped):
    fig = klager.figure(klager.compute(shipped, first_year=2010, last_year=2019))
    formality = next(t for t in fig.data if t.name == "Formalitetsklager")
    assert list(formality.x) == list(range(2010, 2020))
    assert [pd.isna(v) for v in formality.y] == [True] * 5 + [False, False, True, False, False]
    assert formality.connectgaps is False
    assert list(formality.marker.symbol)[-1] == "circle-open"  # 2019 is derived
    labels = [a.text for a in fig.layout.annotations]
    assert "Gennemsnit 2010–2018: 566" in labels and "Mål for 2018: højst 437" in labels
    assert sum(label == "ingen tal" for label in labels) == 2  # 2010-2014 and 2017
    assert "Markør: beregnet" in [t.name for t in fig.data]
    assert fig.layout.title.text == "580 formalitetsklager i 2018: over målet på 437"
    assert fig.layout.meta["alt"].startswith("Linjediagram")
    assert any(a.text.startswith("Kilde: ") for a in fig.layout.annotations)


def test_values_keep_missing_years_and_provenance(shipped):
    result = klager.compute(shipped, first_year=2010, last_year=2018)
    data = klager.values(result)
    assert len(data) == 2 * 9 + 2
    row = data[(data["measure"] == "Realitetsklager") & (data["year"] == "2018")].iloc[0]
    assert (row["value"], row["source_id"]) == (1564, "klagetema2019")
    assert data[data["year"] == "2012"]["value"].isna().all()
    html = klager.outcome_targets_table(result).data
    assert html.count("ikke målt") == 2 and "15 pct." in html


# --- The prose for other data: paragraphs from the rows they talk about --------------------------


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    root = tmp_path_factory.mktemp("fictitious")
    return {spec.name: DataFolder(fictitious.write(root / spec.name, spec)) for spec in (FOLDER_A, FOLDER_B)}


def _counts(folder: DataFolder) -> dict[tuple[int, str], float]:
    frame = folder.load("complaints")
    return {(int(y), t): float(n) for y, t, n in zip(frame["year"], frame["complaint_type"], frame["count"])}


def _n(value: float) -> str:
    return f"{int(value):,}".replace(",", ".")


def test_user_counts_are_marked_and_the_shipped_target_is_not_judged_against_them(folders):
    folder = folders["A"]
    counts = _counts(folder)
    facts = klager.facts(klager.compute(folder, first_year=2019, last_year=2023))
    shown = {key: prose.written(fact) for key, fact in facts.items()}
    assert shown["counts_paragraph"].startswith(
        f"I 2023 modtog forvaltningen {_n(counts[2023, 'formality'])} (brugerleveret) formalitetsklager og "
        f"{_n(counts[2023, 'reality'])} (brugerleveret) realitetsklager."
    )
    # 2021 has no reality count: the change still runs from 2019 to 2023
    change = (counts[2023, "reality"] - counts[2019, "reality"]) / counts[2019, "reality"] * 100
    assert (
        f"{abs(change):.1f}".replace(".", ",") + " pct. (beregnet af brugerleverede tal) fra 2019"
        in (shown["counts_paragraph"])
    )
    # The shipped target (2018) has no count in the user's data: no verdict, and the sentence says why.
    assert "Data har intet tal for formalitetsklager i 2018" in shown["target_paragraph"]
    assert "ifølge Temadrøftelse om klager (2019) højst 437" in shown["target_paragraph"]
    assert "Der kom" not in shown["target_paragraph"]
    assert "kan ikke genberegnes" in shown["average_paragraph"]
    assert shown["gaps_paragraph"] == "Data har tal for alle 5 år."
    assert shown["missing_years_advice"] == ""
    assert "ikke oplyst" not in shown["headline"] and "(brugerleveret)" in shown["headline"]
    legend = [t.name for t in klager.figure(klager.compute(folder, 2019, 2023)).data]
    assert "Markør: brugerleveret" in legend and "Markør: oplyst i kilden" not in legend


def test_stated_user_data_names_its_own_source_and_judges_its_own_target(folders):
    folder = folders["B"]
    counts = _counts(folder)
    bench = folder.load("complaint_benchmarks").set_index("measure")
    ceiling, average = float(bench.loc["ceiling", "value"]), float(bench.loc["average", "value"])
    shown = {k: prose.written(f) for k, f in klager.facts(klager.compute(folder, 2004, 2024)).items()}
    actual = counts[2024, "formality"]
    assert shown["target_paragraph"].startswith(
        f"Forvaltningens mål var ifølge Fiktivt notat B højst {_n(ceiling)} formalitetsklager i 2024. "
        f"Der kom {_n(actual)}."
    )
    assert ("Målet blev nået" if actual <= ceiling else "Målet blev ikke nået") in shown["target_paragraph"]
    assert shown["average_paragraph"].startswith(
        f"I perioden 2004–2024 kom der ifølge Fiktivt notat B i gennemsnit {_n(average)} formalitetsklager"
    )
    assert "Temadrøftelse" not in shown["target_paragraph"] + shown["average_paragraph"]
    # 2007, 2012 and 2013 are missing: three of 21 years, named as runs
    assert shown["gaps_paragraph"].startswith(
        "Data har ingen tal for formalitetsklager for 3 af de 21 år (2007 og 2012–2013)."
    )
    assert "brugerleveret" not in shown["counts_paragraph"]  # stated in the supplied text


def test_a_range_without_data_says_so_in_whole_sentences(shipped):
    shown = {k: prose.written(f) for k, f in klager.facts(klager.compute(shipped, 2030, 2032)).items()}
    assert shown["counts_paragraph"] == (
        "Data har ingen klagetal for årene 2030–2032. Vælg en periode med tal (parametrene first_year og "
        "last_year), eller læg tallene ind i complaints.csv."
    )
    assert (
        shown["gaps_paragraph"] == "Data har ingen tal for formalitetsklager i nogen af de 3 år i perioden."
    )
    assert "ikke oplyst" not in shown["headline"] and "kan ikke beregnes" not in shown["headline"]
    assert klager.figure(klager.compute(shipped, 2030, 2032)).layout.title.text == "Klager pr. år 2030–2032"


def test_the_last_year_with_one_type_only_says_which_is_missing():
    rows = pd.concat([series({2017: 500, 2018: 480}), series({2017: 1500}, "reality")])
    shown = written(klager.facts(klager.compute(FrameFolder(complaints=rows), 2017, 2018)))
    assert shown["counts_paragraph"].startswith(
        "I 2018 modtog forvaltningen 480 formalitetsklager. Data har intet tal for realitetsklager i 2018. "
        "Formalitetsklager faldt med 4,0 pct. fra 2017 til 2018"
    )
    assert "For realitetsklager er der færre end to år med tal i perioden" in shown["counts_paragraph"]


def test_the_proposals_are_listed_with_their_quotes(shipped):
    result = klager.compute(shipped, first_year=2010, last_year=2018)
    shown = written(klager.facts(result))
    assert shown["proposals_intro"].startswith(
        "Ifølge Temadrøftelse om klager (2019) rummer forslagene til nye indsatser mod klager 4 tal."
    )
    page = klager.proposals_list(result).data
    for expected in (
        "Borgercenter Voksne: Kompetenceudvikling gennem kurser i metoden Styrket Borgerkontakt: ca. 120 "
        "medarbejdere.",
        "op til 100 medarbejdere pr. år i 2020–2021.",
        "op til 5 sager.",
        "Pilotforløb med analysemetoden Klagerejsen: 2 enheder.",
        "»Forvaltningen forventer, at brugen af mæglere kan afprøves i op til fem sager.«",
    ):
        assert expected in page
    empty = FrameFolder(complaint_proposals=shipped.load("complaint_proposals").iloc[0:0])
    none = klager.compute(empty, first_year=2010, last_year=2018)
    assert written(klager.facts(none))["proposals_intro"] == (
        "Data indeholder ingen forslag med tal om klagearbejdet."
    )
    assert klager.proposals_list(none).data == ""


def test_outcome_targets_quote_their_own_row(shipped):
    shown = written(klager.facts(klager.compute(shipped, first_year=2010, last_year=2018)))
    assert (
        "Målene står ifølge Temadrøftelse om klager (2019): »Derudover har forvaltningen"
        in (shown["outcome_paragraph"])
    )
    assert "Forvaltningen afventer data fra Ankestyrelsen" in shown["outcome_paragraph"]


def test_year_ticks_thin_out_with_many_years():
    assert klager.year_ticks(2010, 2018) == list(range(2010, 2019))
    assert klager.year_ticks(2004, 2024) == list(range(2004, 2025, 2))  # 21 years: every 2nd
    assert len(klager.year_ticks(1930, 2019)) <= klager.MAX_YEAR_TICKS  # 10 × the shipped 9 years


def test_alt_text_names_a_users_count():
    rows = series({2017: 500, 2018: 480}).assign(kind="user-supplied")
    fig = klager.figure(klager.compute(FrameFolder(complaints=rows), 2017, 2018))
    assert "500 i 2017 (brugerleveret) og 480 i 2018 (brugerleveret)" in fig.layout.meta["alt"]
