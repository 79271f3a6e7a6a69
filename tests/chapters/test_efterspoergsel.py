"""The chapter 'Efterspørgsel': applications per period and per month, worked out by hand."""

import pytest
from helpers import FrameFolder, evaluate, written
from test_demand import applications

from analysis.chapters import efterspoergsel


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
    assert facts["partial_share_of_year"].startswith("kan ikke beregnes")
    assert facts["per_month_ratio"] == "0,8"  # 37,5 / 50 = 0,75, rounded half up


@pytest.fixture
def fig(shipped):
    return efterspoergsel.figure(chapter(shipped))


def test_figure_hatches_the_partial_period(fig):
    full = next(t for t in fig.data if t.name == "Helt år")
    partial = next(t for t in fig.data if t.name == "Del af et år (skraveret)")
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
        fig.layout.title.text
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
