"""Case-deadline compliance and funding periods, checked against values worked out by hand."""

import pandas as pd
import pytest

from analysis.calc import compliance
from analysis.present import charts


def measured(rows):
    """A compliance table from (borgercenter, start, end, low, high) tuples."""
    return pd.DataFrame(
        [
            {
                "borgercenter": c,
                "period_start": s,
                "period_end": e,
                "low": lo,
                "high": hi,
                "kind": "stated",
                "source_id": "so49",
                "quote": "q",
                "formula": None,
            }
            for c, s, e, lo, hi in rows
        ]
    )


TARGET = pd.DataFrame(
    [
        {
            "borgercenter": "handicap",
            "target": 80.0,
            "kind": "stated",
            "source_id": "so49",
            "quote": "q",
            "formula": None,
        }
    ]
)


@pytest.fixture
def tables(shipped):
    return (
        shipped.load("compliance"),
        shipped.load("compliance_targets"),
        shipped.load("funding_periods"),
        shipped.load("complaints"),
    )


def test_measurements_are_drawn_at_the_middle_of_their_span(tables):
    shown = compliance.measurements(tables[0])
    voksne = shown[shown["borgercenter"] == "voksne"]
    # 1 January to 30 June 2019 is 180 days; half of it, 90 days after 1 January, is 1 April.
    assert voksne["midpoint"].iloc[0] == pd.Timestamp("2019-04-01")
    assert voksne["midpoint"].iloc[1] == pd.Timestamp("2019-12-31")  # a single day is its own middle
    assert voksne["period"].tolist() == ["1. halvår 2019", "ultimo 2019"]
    handicap = shown[shown["borgercenter"] == "handicap"]
    assert handicap["is_range"].tolist() == [True, False]
    assert handicap["value_text"].tolist() == ["80-90 pct.", "81 pct."]


def test_shown_window_keeps_only_measurements_that_touch_it(tables):
    shown = compliance.measurements(tables[0], shown_from="2020-01-01", shown_to="2020-12-31")
    assert shown["period"].tolist() == ["2. kvartal 2020"]  # both 2019 measurements end before 2020


def test_change_in_points_and_none_for_a_range():
    shown = compliance.measurements(
        measured(
            [
                ("voksne", "2019-01-01", "2019-06-30", 63, 63),
                ("voksne", "2019-12-31", "2019-12-31", 71, 71),
                ("handicap", "2019-12-31", "2019-12-31", 80, 90),
            ]
        )
    )
    voksne = shown[shown["borgercenter"] == "voksne"]
    assert compliance.change(voksne.iloc[0], voksne.iloc[1]) == 8  # 71 - 63
    assert compliance.change(voksne.iloc[1], shown[shown["borgercenter"] == "handicap"].iloc[0]) is None


@pytest.mark.parametrize(
    "low, high, reference, expected",
    [
        (81, 81, 80, "1 procentpoint over"),
        (71, 71, 80, "9 procentpoint under"),
        (80, 80, 80, "præcis på"),
        (80, 90, 80, "med hele intervallet på eller over"),
        (75, 85, 80, "med intervallet på begge sider af"),
        (70, 79, 80, "med hele intervallet under"),
    ],
)
def test_versus_a_target(low, high, reference, expected):
    assert compliance.versus(low, high, reference) == expected


def test_versus_without_the_amount():
    assert compliance.versus(81, 81, 80, amount=False) == "over"
    assert compliance.versus(71, 71, 80, amount=False) == "under"


def test_funding_span_and_amount(tables):
    funding = tables[2].set_index("funding_id")
    assert compliance.funding_span(funding.loc["handicap-budget-2019"]) == "2019–2021"
    assert compliance.funding_span(funding.loc["handicap-so49"]) == "varigt fra 2022"
    # 15.000 (1.000 kr.) = 15 mio. kr.; 5.000 (1.000 kr.) = 5 mio. kr.
    assert compliance.funding_amount(funding.loc["handicap-so49"]) == "15 mio. kr. om året"
    assert compliance.funding_amount(funding.loc["voksne-so49"]) == "5 mio. kr. om året"
    assert compliance.funding_amount(funding.loc["handicap-budget-2019"]) == "beløb ikke oplyst"
    odd = funding.loc["voksne-so49"].copy()
    odd["per_year_1000_kr"] = 2500  # 2.500 (1.000 kr.) = 2,5 mio. kr.
    assert compliance.funding_amount(odd) == "2,5 mio. kr. om året"


def test_chapter_facts_from_the_shipped_data(tables):
    facts = compliance.chapter_facts(*tables, 2018, 2019)
    assert facts["handicap_first"] == "80-90 pct." and facts["handicap_first_period"] == "ultimo 2019"
    assert facts["handicap_last"] == "81 pct." and facts["handicap_last_period"] == "2. kvartal 2020"
    assert facts["handicap_vs_target"] == "1 procentpoint over målet (80 pct.)"  # 81 - 80
    assert facts["handicap_change"] == (
        "En ændring fra ultimo 2019 til 2. kvartal 2020 kan ikke beregnes som ét tal, fordi tallet for "
        "ultimo 2019 er et interval (80-90 pct.); 81 pct. i 2. kvartal 2020 ligger inden for intervallet."
    )
    assert facts["voksne_change"] == "Fra 1. halvår 2019 til ultimo 2019 steg andelen med 8 procentpoint."
    # Voksne has no target of its own: 71 - 80 = -9 against Handicap's, and the text says whose.
    assert facts["voksne_vs_target"] == (
        "9 procentpoint under Borgercenter Handicaps mål (80 pct.); "
        "kilden nævner intet mål for Borgercenter Voksne"
    )
    assert facts["voksne_target"] == "ikke oplyst"
    assert facts["handicap_budget_2019_span"] == "2019–2021"
    assert facts["handicap_budget_2019_amount"] == "beløb ikke oplyst"
    assert (
        facts["voksne_so49_span"] == "varigt fra 2021" and facts["voksne_so49_amount"] == "5 mio. kr. om året"
    )
    assert (
        facts["handicap_so49_span"] == "varigt fra 2022"
        and facts["handicap_so49_amount"] == "15 mio. kr. om året"
    )
    assert facts["boern_og_unge_first"] == "ikke oplyst"  # keys without '-' for glue
    assert all("-" not in key for key in facts)


def test_chapter_facts_follow_the_data(tables):
    rows = measured(
        [("handicap", "2019-01-01", "2019-06-30", 70, 70), ("handicap", "2020-04-01", "2020-06-30", 85, 85)]
    )
    facts = compliance.chapter_facts(rows, TARGET, tables[2], tables[3], 2018, 2019)
    assert (
        facts["handicap_change"] == "Fra 1. halvår 2019 til 2. kvartal 2020 steg andelen med 15 procentpoint."
    )
    assert facts["handicap_vs_target"] == "5 procentpoint over målet (80 pct.)"  # 85 - 80
    assert facts["voksne_change"] == "En ændring kan ikke beregnes: der er færre end to målinger."


def test_complaint_facts_say_which_value_is_computed(tables):
    facts = compliance.complaint_facts(tables[3], 2018, 2019)
    assert facts["complaints_base"] == "580" and facts["complaints_base_basis"] == "oplyst i kilden"
    assert facts["complaints_value"] == "539,4"
    assert facts["complaints_value_basis"] == "beregnet som 580 × (1 − 0,07), ikke oplyst i kilden"
    assert facts["complaints_change"] == "faldt med 7 pct."  # (539,4 - 580) / 580 = -40,6 / 580 = -0,07


def test_complaint_facts_with_a_missing_year(tables):
    facts = compliance.complaint_facts(tables[3], 2016, 2017)  # no count for 2017
    assert facts["complaints_value"] == "ikke oplyst" and facts["complaints_value_basis"] == "ikke oplyst"
    assert facts["complaints_change"].startswith("kan ikke beregnes")


@pytest.fixture
def fig(tables, shipped):
    return compliance.figure(tables[0], tables[1], tables[2], shipped.sources(), "2018-07-01", "2023-12-31")


def test_figure_draws_the_range_as_a_bar_not_a_midpoint(fig):
    ranged = next(t for t in fig.data if "interval" in (t.name or ""))
    assert list(ranged.y) == [80, 90]
    assert ranged.x[0] == ranged.x[1] == pd.Timestamp("2019-12-31")
    assert ranged.name == "Borgercenter Handicap: interval 80-90 pct. (ikke ét tal)"
    all_y = [y for t in fig.data if t.type == "scatter" and t.y is not None for y in t.y if y is not None]
    assert 85 not in all_y  # (80 + 90) / 2 is drawn nowhere


def test_figure_never_joins_measurements_with_a_line(fig):
    points = [t for t in fig.data if t.type == "scatter" and t.name in compliance.LABEL.values()]
    assert {t.name for t in points} == {"Borgercenter Handicap", "Borgercenter Voksne"}
    assert all(t.mode == "markers+text" for t in points)
    # Labels in the series' colour where it reads as text (blue); the orange is too light (3:1).
    assert {t.name: t.textfont.color for t in points} == {
        "Borgercenter Handicap": charts.PALETTE[0],
        "Borgercenter Voksne": charts.TEXT,
    }
    # The spans a measurement covers are separate strokes (None between them), one per measurement.
    spans = [t for t in fig.data if (t.name or "").endswith("måleperiode")]
    voksne = next(t for t in spans if t.name.startswith("Voksne"))
    assert list(voksne.x) == [pd.Timestamp("2019-01-01"), pd.Timestamp("2019-06-30"), None]
    assert list(voksne.y) == [63, 63, None]


def test_figure_has_the_target_funding_and_labels(fig):
    lines = [s for s in fig.layout.shapes if s.type == "line"]
    assert [s.y0 for s in lines] == [80]
    labels = [a.text for a in fig.layout.annotations]
    assert "Mål for Borgercenter Handicap: mindst 80 pct." in labels
    assert "Handicap: midler fra Budget 2019" in labels
    assert "Handicap 80-90 pct. (interval)" in labels
    assert labels.count("ingen ekstra midler nævnt i kilden") == 1  # only Voksne's lane is empty at first
    shaded = [s for s in fig.layout.shapes if s.type == "rect"]
    assert len(shaded) == 1 and shaded[0].x0 == pd.Timestamp("2019-01-01")


def test_figure_funding_bars_granted_solid_proposed_hatched(fig):
    granted = next(t for t in fig.data if t.type == "bar" and "bevilget" in t.name)
    proposed = next(t for t in fig.data if t.type == "bar" and "foreslået" in t.name)
    assert granted.name == "Midler bevilget: Budget 2019"
    assert proposed.name.startswith("Midler foreslået, ikke vedtaget (skraveret)")
    assert granted.marker.pattern.shape is None and proposed.marker.pattern.shape == "/"
    # 1 January 2019 to 1 January 2022 is 365 + 366 + 365 = 1096 days.
    assert list(granted.x) == [1096 * 86_400_000]
    assert list(granted.text) == ["Bevilget: 2019–2021, beløb ikke oplyst"]
    assert sorted(proposed.text) == [
        "Foreslået: varigt fra 2021, 5 mio. kr./år",
        "Foreslået: varigt fra 2022, 15 mio. kr./år",
    ]
    # Permanent funding runs to the end of the axis: 1 January 2021 to 1 January 2024 is 1095 days.
    voksne = list(proposed.y).index("Voksne")
    assert proposed.x[voksne] == 1095 * 86_400_000


def test_figure_title_source_and_alt(fig):
    assert fig.layout.title.text == "Handicap 81 pct., over målet på 80 pct.; Voksne 71 pct."
    assert fig.layout.title.subtitle.text.endswith("målt 2019–2020, Københavns Kommune")
    assert fig.layout.xaxis.tickformat == "%Y"
    assert "Markør: oplyst i kilden" in [t.name for t in fig.data]
    assert fig.layout.annotations[-1].text.startswith("Kilde: SO49 Servicekultur (2020)")
    alt = fig.layout.meta["alt"]
    assert "80-90 pct. (ultimo 2019, interval)" in alt and "foreslået, ikke vedtaget" in alt


def test_complaints_figure_marks_the_computed_year(tables, shipped):
    fig = compliance.complaints_figure(tables[3], shipped.sources(), 2018, 2019)
    series = fig.data[0]
    assert list(series.x) == [2018, 2019] and list(series.y) == [580, 539.4]
    assert list(series.marker.symbol) == ["circle", "circle-open"]
    assert list(series.text) == ["580 (oplyst)", "539,4 (beregnet: 580 × (1 − 0,07))"]
    assert fig.layout.title.text == "Formalitetsklager faldt med 7 pct. fra 2018 til 2019"
    assert {"Markør: oplyst i kilden", "Markør: beregnet"} <= {t.name for t in fig.data}
    assert fig.layout.xaxis.tickformat == "d"


def test_chart_data_keeps_provenance_and_missing_amounts(tables):
    data = compliance.chart_data(*tables[:3], "2018-07-01", "2023-12-31")
    assert len(data) == 4 + 1 + 3  # measurements, the target, funding periods
    row = data[data["series"].str.contains("Budget 2019")].iloc[0]
    assert pd.isna(row["low"]) and row["value_text"] == "beløb ikke oplyst"
    ranged = data[data["period"] == "ultimo 2019"].set_index("series").loc["Borgercenter Handicap"]
    assert (ranged["low"], ranged["high"], ranged["source_id"]) == (80, 90, "so49")
    assert data["quote"].notna().all()


def test_complaint_data(tables):
    data = compliance.complaint_data(tables[3], 2018, 2019)
    assert data["value_text"].tolist() == ["580", "539,4"]
    assert data["formula"].tolist()[1] == "580 × (1 − 0,07)"


def test_chapter_page_shows_the_numbers(built_book):
    page = (built_book / "notebooks" / "sagsfrister.html").read_text(encoding="utf-8")
    assert "80-90 pct." in page and "81 pct." in page and "8 procentpoint" in page
    assert "ved hjælp af en handleplan" in page
    assert "sagsfrister.csv" in page and "formalitetsklager.csv" in page
    assert "data_dir = None" not in page
