"""The chapter 'Klager': its facts, figure and values, from the shipped data and from other data."""

import pandas as pd
from helpers import FrameFolder, written

from analysis.chapters import klager


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
    assert met["formality_change"] == "kan ikke beregnes (færre end to år med tal)"
    gone = klager.compute(FrameFolder(complaints=series({2016: 486})), first_year=2010, last_year=2018)
    assert written(klager.facts(gone))["target_verdict"].startswith("Tallet for 2018 findes ikke i data")
    assert klager.figure(gone).layout.title.text == "Klager pr. år 2010–2018"


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
