"""Complaint calculations, checked against values worked out by hand."""

import pandas as pd
import pytest

from analysis.calc import complaints


def series(values: dict[int, float | None]) -> pd.DataFrame:
    rows = [
        {
            "year": y,
            "complaint_type": "formality",
            "count": v,
            "kind": "stated",
            "source_id": "s",
            "quote": "q",
            "formula": None,
        }
        for y, v in values.items()
        if v is not None
    ]
    return pd.DataFrame(rows)


def test_yearly_lists_every_year_and_leaves_missing_ones_empty():
    frame = complaints.yearly(series({2015: 448, 2016: 486, 2018: 580}), "formality", 2014, 2018)
    assert frame["year"].tolist() == [2014, 2015, 2016, 2017, 2018]
    assert frame["count"].isna().tolist() == [True, False, False, True, False]
    assert complaints.missing_years(frame) == [2014, 2017]


def test_period_average_of_a_complete_period():
    frame = complaints.yearly(series({2016: 400, 2017: 500, 2018: 612}), "formality", 2016, 2018)
    assert complaints.period_average(frame, 2016, 2018) == pytest.approx(504)  # (400+500+612)/3


def test_period_average_refuses_a_period_with_gaps():
    frame = complaints.yearly(series({2016: 400, 2018: 612}), "formality", 2016, 2018)
    assert complaints.period_average(frame, 2016, 2018) is None


def test_percent_change_uses_the_base_year():
    frame = complaints.yearly(series({2015: 448, 2016: 486}), "formality", 2015, 2016)
    # (486 - 448) / 448 = 38 / 448 = 0.084821...: 8,48 pct. with 2015 as base
    assert complaints.percent_change(frame, 2015, 2016) == pytest.approx(8.4821, abs=1e-4)
    assert complaints.percent_change(frame, 2016, 2015) == pytest.approx(-7.8189, abs=1e-4)  # 38/486


def test_percent_change_needs_both_years():
    frame = complaints.yearly(series({2015: 448}), "formality", 2015, 2016)
    with pytest.raises(ValueError, match="2016"):
        complaints.percent_change(frame, 2015, 2016)


def test_attainment_against_a_ceiling():
    result = complaints.attainment(580, 437)
    assert not result.met
    assert result.excess == 143
    assert result.excess_pct == pytest.approx(32.72, abs=0.01)  # 143 / 437
    assert complaints.attainment(400, 437).met


def test_chapter_facts_from_the_shipped_data(shipped):
    facts = complaints.chapter_facts(
        shipped.load("complaints"), shipped.load("complaint_benchmarks"), 2010, 2018
    )
    assert facts["formality_last"] == "580"
    assert facts["reality_last"] == "1.564"
    assert facts["average_stated"] == "566"
    assert facts["target"] == "437"
    assert facts["target_verdict"].startswith("Målet blev ikke nået: 143 klager over målet")
    assert facts["years_missing_count"] == "6"  # 2010-2014 and 2017
    # 448 -> 580: 132 / 448 = 29,46 pct.; 1859 -> 1564: -295 / 1859 = -15,87 pct.
    assert facts["formality_change"].startswith("steg med 29,5 pct. fra 2015 til 2018")
    assert facts["reality_change"].startswith("faldt med 15,9 pct. fra 2015 til 2018")
    assert "kan ikke genberegnes" in facts["average_check"]


def test_chapter_facts_follow_the_data(shipped):
    """A complete period makes the average recomputable; a new last year changes the prose."""
    full = series({y: 500 + i for i, y in enumerate(range(2010, 2019))})  # 500..508, mean 504
    full = pd.concat([full, series({2019: 450}), series({2019: 1400}).assign(complaint_type="reality")])
    facts = complaints.chapter_facts(full, shipped.load("complaint_benchmarks"), 2010, 2019)
    assert facts["average_check"] == "Genberegnet af de årlige tal giver gennemsnittet 504,0."
    assert facts["last_year"] == "2019" and facts["formality_last"] == "450"
    assert facts["target_actual"] == "508"


def test_figure_draws_gaps_references_and_derived_markers(shipped):
    fig = complaints.figure(
        shipped.load("complaints"), shipped.load("complaint_benchmarks"), shipped.sources(), 2010, 2019
    )
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


def test_chart_data_keeps_missing_years_and_provenance(shipped):
    data = complaints.chart_data(shipped.load("complaints"), shipped.load("complaint_benchmarks"), 2010, 2018)
    assert len(data) == 2 * 9 + 2
    row = data[(data["measure"] == "Realitetsklager") & (data["year"] == "2018")].iloc[0]
    assert (row["value"], row["source_id"]) == (1564, "klagetema2019")
    assert data[data["year"] == "2012"]["value"].isna().all()


def test_outcome_targets_are_targets_without_results(shipped):
    benchmarks = shipped.load("complaint_benchmarks")
    targets = complaints.outcome_targets(benchmarks)
    assert sorted(targets["value"]) == [5, 15]
    assert complaints.yearly_benchmarks(benchmarks)["unit"].eq("count").all()
    facts = complaints.chapter_facts(shipped.load("complaints"), benchmarks, 2010, 2018)
    assert facts["outcome_targets_count"] == "2"
    assert (
        facts["outcome_targets"].startswith("højst 5 pct. for andelen")
        and "højst 15 pct." in facts["outcome_targets"]
    )
    html = complaints.outcome_targets_table(benchmarks).data
    assert html.count("ikke målt") == 2 and "15 pct." in html
