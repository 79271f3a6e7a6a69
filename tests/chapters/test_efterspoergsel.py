"""The chapter 'Efterspørgsel': applications per period and per month, worked out by hand."""

import dataclasses

import fictitious
import pytest
from helpers import FrameFolder, evaluate, flat, written
from test_demand import applications

from analysis.chapters import efterspoergsel
from analysis.data import DataFolder
from analysis.notebooks import prose_keys
from analysis.present import prose

FOLDER_A = dataclasses.replace(fictitious.FOLDER_A, applications_format="csv", date_style="iso", cases=0)
FOLDER_B = dataclasses.replace(fictitious.FOLDER_B, date_style="iso", complaints_format="csv")


def chapter(data, first_year=2018, last_year=2020):
    return efterspoergsel.compute(data, "brøkpension", first_year, last_year)


def test_periods_are_named_and_their_arithmetic_shown(shipped):
    shown = chapter(shipped).periods
    assert shown["period"].tolist() == ["2018", "2019", "jan.–maj 2020"]
    assert shown["per_month_formula"].tolist() == ["344 ÷ 12", "610 ÷ 12", "490 ÷ 5"]
    # The shown arithmetic gives the shown value.
    assert [evaluate(f) for f in shown["per_month_formula"]] == pytest.approx(shown["per_month"].tolist())


def test_formula_writes_thousands_the_danish_way():
    folder = FrameFolder(applications=applications([("2019-01-01", "2019-12-31", 1564)]))
    assert chapter(folder, 2019, 2019).periods["per_month_formula"].iloc[0] == "1.564 ÷ 12"
    assert evaluate("1.564 ÷ 12") == pytest.approx(130.3333, abs=1e-4)


def test_chapter_facts_from_the_shipped_data(shipped):
    facts = written(efterspoergsel.facts(chapter(shipped)))
    assert facts["count_listing"] == "344 i 2018, 610 i 2019 og 490 i jan.–maj 2020"
    assert facts["per_month_listing"] == (
        "28,7 i 2018 (344 ÷ 12), 50,8 i 2019 (610 ÷ 12) og 98,0 i jan.–maj 2020 (490 ÷ 5)"
    )
    assert (
        facts["full_years_change"]
        == "Fra 2018 til 2019 steg antallet med 77 pct. (beregnet med 2018 som basisår)."
    )
    assert facts["per_month_ratio"] == "3,4"  # 98 / 28,667 = 3,419
    # 490 / 610 = 0,803
    assert (
        facts["partial_share_of_year"]
        == "490 ansøgninger på 5 måneder svarer til 80 pct. af de 610 i hele 2019"
    )
    assert (
        facts["partial_note"]
        == "Jan.–maj 2020 dækker kun 5 måneder og kan derfor ikke sammenlignes direkte med et helt år."
    )
    assert (facts["per_month_first"], facts["per_month_last"]) == ("28,7", "98,0")


def test_chapter_facts_follow_the_data():
    rows = applications([("2018-01-01", "2018-12-31", 600), ("2019-01-01", "2019-12-31", 450)])
    facts = written(efterspoergsel.facts(chapter(FrameFolder(applications=rows), 2018, 2019)))
    assert (
        facts["full_years_change"]
        == "Fra 2018 til 2019 faldt antallet med 25 pct. (beregnet med 2018 som basisår)."
    )
    assert facts["partial_note"] == "Alle perioder er hele år."
    assert facts["partial_share_of_year"] == "ikke oplyst"  # no part-year period: the prose leaves it out
    paragraph = facts["per_month_paragraph"]
    assert paragraph.endswith("som i 2018.") and "uden omregning" not in paragraph
    assert facts["per_month_ratio"] == "0,8"  # 37,5 / 50 = 0,75, rounded half up


@pytest.fixture
def fig(shipped):
    return efterspoergsel.figure(chapter(shipped))


def test_figure_hatches_the_partial_period(fig):
    full = next(t for t in fig.data if t.name == "Helt år (oplyst)")
    partial = next(t for t in fig.data if t.name == "Del af et år (skraveret) (oplyst)")
    assert list(full.x) == ["2018", "2019"] and list(full.y) == [344, 610]
    assert list(partial.x) == ["jan.–maj 2020"] and list(partial.y) == [490]
    assert partial.marker.pattern.shape == "/" and full.marker.pattern.shape is None
    assert list(partial.text) == ["490 (kun 5 mdr.)"]


def test_figure_monthly_averages_are_drawn_as_computed(fig):
    means = next(t for t in fig.data if t.name == "Gennemsnit pr. måned")
    assert list(means.y) == pytest.approx([28.6667, 50.8333, 98.0], abs=1e-4)
    assert means.marker.symbol == "circle-open"
    assert list(means.text) == ["28,7", "50,8", "98,0"]
    assert "Markør: beregnet" in [t.name for t in fig.data]


def test_figure_has_no_full_year_projection(fig):
    # 490 / 5 × 12 = 1.176 would be a projection: no trace may carry a value that large.
    values = [y for t in fig.data if t.y is not None for y in t.y if y is not None]
    assert max(values) == 610


def test_figure_title_axes_and_alt(fig):
    assert (
        flat(fig.layout.title.text)
        == "Ansøgninger om brøkpension pr. måned: fra 28,7 (2018) til 98,0 (jan.–maj 2020)"
    )
    assert list(fig.layout.xaxis.categoryarray) == ["2018", "2019", "jan.–maj 2020"]
    assert "kun 5 måneder" in fig.layout.meta["alt"]
    assert fig.layout.annotations[-1].text.startswith("Kilde: SO49 Servicekultur (2020)")


def test_values_mark_averages_as_derived(shipped):
    data = efterspoergsel.values(chapter(shipped))
    assert len(data) == 6
    means = data[data["measure"] == "Gennemsnit pr. måned"]
    assert means["kind"].eq("derived").all() and means["formula"].tolist() == [
        "344 ÷ 12",
        "610 ÷ 12",
        "490 ÷ 5",
    ]
    assert means["value_text"].tolist() == ["28,7", "50,8", "98,0"]
    counts = data[data["measure"] == "Ansøgninger i perioden"]
    assert counts["kind"].eq("stated").all() and counts["formula"].isna().all()


def test_chapter_page_shows_the_numbers(built_book):
    page = (built_book / "notebooks" / "efterspoergsel.html").read_text(encoding="utf-8")
    assert "344 ÷ 12" in page and "490 ÷ 5" in page and "98,0" in page
    assert "ansoegninger.csv" in page and "data_dir = None" not in page


# --- Other data: the user's kind, other types and lengths, an empty range -------------------------


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    root = tmp_path_factory.mktemp("fictitious")
    return {spec.name: DataFolder(fictitious.write(root / spec.name, spec)) for spec in (FOLDER_A, FOLDER_B)}


def test_the_shipped_prose_names_its_source_and_quotes_the_part_year(shipped):
    facts = written(efterspoergsel.facts(chapter(shipped)))
    assert facts["counts_paragraph"].startswith(
        "Ifølge SO49 Servicekultur (2020) modtog forvaltningen disse ansøgninger om brøkpension: 344 i 2018"
    )
    # 490 in 5 months is 98 a month, more than 610 / 12 = 50,8 in 2019: the increase shows
    assert "Også uden omregning ses stigningen: 490 ansøgninger på 5 måneder" in facts["per_month_paragraph"]
    assert facts["partial_caveat"].startswith(
        "Gennemsnittet for en delperiode forudsætter, at jan.–maj 2020 dækker hele maj"
    )
    assert facts["projection_paragraph"].startswith(
        "SO49 Servicekultur (2020) skriver om jan.–maj 2020: »Indtil videre er der i 2020 (fra januar til "
        "maj) modtaget 490 ansøgninger"
    )
    assert "Data har intet tal for hele 2020." in facts["projection_paragraph"]


def test_user_applications_are_marked_in_prose_and_chart(folders):
    folder = folders["A"]
    rows = folder.load("applications")
    first = rows.iloc[0]
    result = chapter(folder, 2020, 2023)
    shown = {k: prose.written(f) for k, f in efterspoergsel.facts(result).items()}
    assert shown["counts_paragraph"].startswith(
        "Efter brugerleverede data (FIKTIVE data A) modtog forvaltningen disse ansøgninger om brøkpension: "
        f"{int(first['count'])} (brugerleveret) i 1. halvår 2020"
    )
    assert "Ifølge" not in shown["counts_paragraph"] and "SO49" not in shown["counts_paragraph"]
    assert shown["partial_caveat"] == ""  # calendar half-years need no caveat about their last month
    assert shown["projection_paragraph"].startswith(
        "Perioderne dækker hele år, så der er intet at fremskrive."
    )
    fig = efterspoergsel.figure(result)
    panels = [flat(a.text) for a in fig.layout.annotations]
    assert "Ansøgninger i perioden (brugerleveret)" in panels
    assert "Gennemsnit pr. måned (beregnet af brugerleverede tal)" in panels
    assert not any("(oplyst)" in str(t) for t in panels + [tr.name for tr in fig.data])


def test_a_range_or_type_without_data_says_so(folders):
    facts = efterspoergsel.facts(chapter(folders["B"], 2015, 2024))  # B has førtidspension only
    shown = {k: prose.written(f) for k, f in facts.items()}
    expected = (
        "Data har ingen ansøgninger om brøkpension i perioder, der begynder i 2015–2024. Vælg en anden "
        "periode eller ansøgningstype (parametrene first_year, last_year og application_type), eller læg "
        "tallene ind i applications.csv."
    )
    assert shown["counts_paragraph"] == expected and shown["headline"] == expected
    assert shown["per_month_paragraph"] == shown["projection_paragraph"] == ""
    used = prose_keys("efterspoergsel") | {"headline"}
    assert not [k for k in used if "ikke oplyst" in shown[k] or "kan ikke beregnes (" in shown[k]]


def test_another_type_with_a_partial_last_year(folders):
    folder = folders["B"]
    rows = folder.load("applications").sort_values("period_start")
    last = rows.iloc[-1]
    result = efterspoergsel.compute(folder, "førtidspension", 2015, 2024)
    shown = {k: prose.written(f) for k, f in efterspoergsel.facts(result).items()}
    # The last period runs from 1 January to the end of February 2024: two months, and no whole 2024.
    assert str(last["period_end"])[:10] == "2024-02-29"
    assert "at jan.–feb. 2024 dækker hele februar" in shown["partial_caveat"]
    assert shown["projection_paragraph"].startswith(
        "Data har intet tal for hele 2024."
    )  # user-supplied: no quote
    assert "(beregnet af brugerleverede tal)" in shown["headline"]


def test_many_periods_drop_the_value_labels():
    rows = applications([(f"{y}-01-01", f"{y}-12-31", 100 + y - 1990) for y in range(1991, 2021)])
    fig = efterspoergsel.figure(chapter(FrameFolder(applications=rows), 1991, 2020))  # 10 × 3 periods
    bars = [t for t in fig.data if t.type == "bar"]
    means = next(t for t in fig.data if t.name == "Gennemsnit pr. måned")
    assert all(b.textposition == "none" for b in bars) and means.mode == "markers"
    shipped = efterspoergsel.figure(chapter(FrameFolder(applications=rows.iloc[:3]), 1991, 1993))
    assert next(t for t in shipped.data if t.name == "Gennemsnit pr. måned").mode == "markers+text"


def test_period_names_under_a_panel_are_all_shown_where_they_fit_and_spread_where_not():
    from analysis.chapters.efterspoergsel import _named_periods

    shipped = ["2018", "2019", "jan.–maj 2020"]  # 4 + 4 + 13 letters: 225 px of a 246 px panel
    assert _named_periods(shipped) == shipped
    halves = [f"{h}. halvår {y}" for y in range(2021, 2026) for h in (1, 2)]
    # 14 letters: 138 px each, so one fits: the middle period of the ten.
    assert _named_periods(halves) == [halves[5]] == ["2. halvår 2023"]
    years = [str(y) for y in range(2000, 2025)]  # 4 letters: 48 px, so 5 of the 25, spread evenly
    assert _named_periods(years) == ["2002", "2007", "2012", "2017", "2022"]
    assert _named_periods([]) == []


def test_value_labels_are_drawn_only_where_they_stand_clear_of_their_neighbours():
    from analysis.chapters.efterspoergsel import _labels_fit

    # Shipped: 3 periods of 82 px; "490 (kun 5 mdr.)" (112 px) beside "610" (21 px) leaves 10 px.
    assert _labels_fit(["344", "610", "490 (kun 5 mdr.)"])
    assert not _labels_fit(["336 (kun 6 mdr.)"] * 8)  # 8 half-years: 31 px each for 112 px labels
    assert _labels_fit(["56,0"] * 6) and not _labels_fit(["56,0"] * 8)  # 28 px labels in 41 and 31 px
