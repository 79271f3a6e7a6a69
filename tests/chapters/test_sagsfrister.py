"""The chapter 'Sagsfrister': its facts, figures and values, checked against values worked out by hand."""

from pathlib import Path

import nbformat
import pandas as pd
import papermill
import pytest
from helpers import FrameFolder, written
from test_cases import EXTRACT, extract  # tests/calc: the extract worked out by hand

from analysis.chapters import sagsfrister
from analysis.paths import NOTEBOOKS_DIR
from analysis.present import charts
from analysis.present.danish import write
from analysis.vocabulary import BORGERCENTRE


def measured(rows):
    """A compliance table from (borgercenter, start, end, low, high) tuples."""
    return pd.DataFrame(
        [
            {"borgercenter": c, "period_start": s, "period_end": e, "low": lo, "high": hi, "kind": "stated"}
            | {"source_id": "so49", "quote": "q", "formula": None}
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


def chapter(data, base_year=2018, year=2019):
    return sagsfrister.compute(data, "2018-07-01", "2023-12-31", base_year, year)


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
    assert sagsfrister.versus(low, high, reference) == expected


def test_versus_without_the_amount():
    assert sagsfrister.versus(81, 81, 80, amount=False) == "over"
    assert sagsfrister.versus(71, 71, 80, amount=False) == "under"


def test_funding_span_and_amount(shipped):
    funding = shipped.load("funding_periods").set_index("funding_id")
    assert sagsfrister.funding_span(funding.loc["handicap-budget-2019"]) == "2019–2021"
    assert sagsfrister.funding_span(funding.loc["handicap-so49"]) == "varigt fra 2022"
    # 15.000 (1.000 kr.) = 15 mio. kr.; 5.000 (1.000 kr.) = 5 mio. kr.
    assert sagsfrister.funding_amount(funding.loc["handicap-so49"]) == "15 mio. kr. om året"
    assert sagsfrister.funding_amount(funding.loc["voksne-so49"]) == "5 mio. kr. om året"
    assert sagsfrister.funding_amount(funding.loc["handicap-budget-2019"]) == "beløb ikke oplyst"
    odd = funding.loc["voksne-so49"].copy()
    odd["per_year_1000_kr"] = 2500  # 2.500 (1.000 kr.) = 2,5 mio. kr.
    assert sagsfrister.funding_amount(odd) == "2,5 mio. kr. om året"


def test_chapter_facts_from_the_shipped_data(shipped):
    result = chapter(shipped)
    facts = written(sagsfrister.facts(result))
    assert set(facts) >= {
        "intro",
        "spans",
        "funding_text",
        "headline",
        "complaints_change",
        "complaints_values",
    }
    assert not any(key.startswith(("handicap", "voksne", "boern")) for key in facts)  # fixed keys only
    handicap = " ".join(write(p) for p in sagsfrister.centre_paragraphs(result)["handicap"])
    assert handicap.startswith(
        "Ultimo 2019 afgjorde Borgercenter Handicap 80–90 pct. af sagerne inden for fristen og i 2. kvartal "
        "2020 81 pct., ifølge SO49 Servicekultur (2020). En ændring fra ultimo 2019 til 2. kvartal 2020 kan "
        "ikke beregnes som ét tal, fordi tallet for ultimo 2019 er et interval (80–90 pct.); 81 pct. i 2. "
        "kvartal 2020 ligger inden for intervallet. I 2. kvartal 2020 lå andelen 1 procentpoint over målet "
        "(80 pct.)."  # 81 - 80
    )
    voksne = " ".join(write(p) for p in sagsfrister.centre_paragraphs(result)["voksne"])
    # Voksne has no target of its own: 71 - 80 = -9 against Handicap's, and the text says whose.
    assert (
        "Ultimo 2019 lå andelen 9 procentpoint under Borgercenter Handicaps mål (80 pct.); data har "
        "intet mål "
        "for Borgercenter Voksne, så sammenligningen er kun vejledende." in voksne
    )
    assert "Fra 1. halvår 2019 til ultimo 2019 steg andelen med 8 procentpoint." in voksne  # 71 - 63


def test_chapter_facts_follow_the_data():
    rows = measured(
        [
            ("handicap", "2019-01-01", "2019-06-30", 70, 70),
            ("handicap", "2020-04-01", "2020-06-30", 85.5, 85.5),
        ]
        + [("voksne", "2019-01-01", "2019-06-30", 60, 60)]
    )
    result = chapter(FrameFolder(compliance=rows, compliance_targets=TARGET))
    handicap = " ".join(write(p) for p in sagsfrister.centre_paragraphs(result)["handicap"])
    # 85,5 - 70 = 15,5 and 85,5 - 80 = 5,5: the decimal the data gives is kept.
    assert "Fra 1. halvår 2019 til 2. kvartal 2020 steg andelen med 15,5 procentpoint." in handicap
    assert "I 2. kvartal 2020 lå andelen 5,5 procentpoint over målet (80 pct.)." in handicap
    voksne = " ".join(write(p) for p in sagsfrister.centre_paragraphs(result)["voksne"])
    assert voksne.startswith(
        "I 1. halvår 2019 afgjorde Borgercenter Voksne 60 pct. af sagerne inden for fristen"
    )
    assert "ændring" not in voksne  # one measurement: no change is spoken of


def test_each_centre_with_a_target_has_a_verdict_on_its_latest_measurement():
    rows = measured(
        [
            ("handicap", "2019-01-01", "2019-06-30", 90, 90),
            ("handicap", "2020-04-01", "2020-06-30", 79, 79),  # the latest: under the target of 80
            ("voksne", "2019-01-01", "2019-06-30", 60, 60),  # no target of its own: no verdict
        ]
    )
    facts = sagsfrister.facts(chapter(FrameFolder(compliance=rows, compliance_targets=TARGET)))
    verdicts = {key: write(f) for key, f in facts.items() if f.form == "verdict"}
    assert verdicts == {"target_met_handicap": "ikke nået"}
    ranged = measured([("handicap", "2019-01-01", "2019-12-31", 75, 85)])  # on both sides of 80
    facts = sagsfrister.facts(chapter(FrameFolder(compliance=ranged, compliance_targets=TARGET)))
    assert write(facts["target_met_handicap"]) == "kan ikke afgøres"


def test_complaint_facts_say_which_value_is_computed(shipped):
    facts = written(sagsfrister.facts(chapter(shipped)))
    assert facts["complaints_base"] == "580" and facts["complaints_base_basis"] == "oplyst i kilden"
    assert facts["complaints_value"] == "539,4"
    assert facts["complaints_value_basis"] == "beregnet som 580 × (1 − 0,07), ikke oplyst i kilden"
    # (539,4 - 580) / 580 = -0,07
    assert "faldt med 7 pct. fra 2018 til 2019" in facts["complaints_change"]
    assert facts["complaints_values"] == (
        "Tallet for 2018, 580 formalitetsklager, står i Temadrøftelse om klager (2019). Tallet for "
        "2019, 539,4, "
        "er beregnet som 580 × (1 − 0,07), ikke oplyst i kilden. Det vises derfor med en åben markør."
    )


def test_complaint_facts_with_a_missing_year(shipped):
    facts = written(sagsfrister.facts(chapter(shipped, 2016, 2017)))  # no count for 2017
    assert facts["complaints_value"] == "ikke oplyst" and facts["complaints_value_basis"] == "ikke oplyst"
    assert facts["complaints_change"] == (
        "Data har intet tal for formalitetsklager i 2017, så ændringen fra 2016 til 2017 kan ikke beregnes."
    )
    assert facts["complaints_values"] == (
        "Tallet for 2016, 486 formalitetsklager, står i kk.dk 11.06.2017. Data har intet tal for 2017."
    )


@pytest.fixture
def fig(shipped):
    return sagsfrister.figure(chapter(shipped))


def test_figure_draws_the_range_as_a_bar_not_a_midpoint(fig):
    ranged = next(t for t in fig.data if "interval" in (t.name or ""))
    assert list(ranged.y) == [80, 90, None]  # one bar; None ends it
    assert ranged.x[0] == ranged.x[1] == pd.Timestamp("2019-12-31")
    assert ranged.name == "Borgercenter Handicap: interval 80–90 pct. (ikke ét tal)"
    all_y = [y for t in fig.data if t.type == "scatter" and t.y is not None for y in t.y if y is not None]
    assert 85 not in all_y  # (80 + 90) / 2 is drawn nowhere


def test_figure_never_joins_measurements_with_a_line(fig):
    points = [
        t for t in fig.data if t.type == "scatter" and t.name in {c.label for c in BORGERCENTRE.values()}
    ]
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
    # The range's label would reach into the axis in the text column: the legend names it instead.
    assert "Handicap 80–90 pct. (interval)" not in labels
    assert labels.count("ingen ekstra midler nævnt i data") == 1  # only Voksne's lane is empty at first
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
    assert "80–90 pct. (ultimo 2019, interval)" in alt and "foreslået, ikke vedtaget" in alt


def test_complaints_figure_marks_the_computed_year(shipped):
    fig = sagsfrister.complaints_figure(chapter(shipped))
    series = fig.data[0]
    assert list(series.x) == [2018, 2019] and list(series.y) == [580, 539.4]
    assert list(series.marker.symbol) == ["circle", "circle-open"]
    assert list(series.text) == ["580 (oplyst)", "539,4 (beregnet: 580 × (1 − 0,07))"]
    assert fig.layout.title.text == "Formalitetsklager faldt med 7 pct. fra 2018 til 2019"
    assert {"Markør: oplyst i kilden", "Markør: beregnet"} <= {t.name for t in fig.data}
    assert fig.layout.xaxis.tickformat == "d"


def test_values_keep_provenance_and_missing_amounts(shipped):
    data = sagsfrister.values(chapter(shipped))
    data = data[data["figure"] == "frister"]
    assert len(data) == 4 + 1 + 3  # measurements, the target, funding periods
    row = data[data["series"].str.contains("Budget 2019")].iloc[0]
    assert pd.isna(row["low"]) and row["value_text"] == "beløb ikke oplyst"
    ranged = data[data["period"] == "ultimo 2019"].set_index("series").loc["Borgercenter Handicap"]
    assert (ranged["low"], ranged["high"], ranged["source_id"]) == (80, 90, "so49")
    assert data["quote"].notna().all()


def test_complaint_values(shipped):
    data = sagsfrister.values(chapter(shipped))
    data = data[data["figure"] == "klager"]
    assert data["value_text"].tolist() == ["580", "539,4"]
    assert data["formula"].tolist()[1] == "580 × (1 − 0,07)"


def test_chapter_page_shows_the_numbers(built_book):
    page = (built_book / "notebooks" / "sagsfrister.html").read_text(encoding="utf-8")
    assert "80–90 pct." in page and "81 pct." in page and "8 procentpoint" in page
    assert "ved hjælp af en handleplan" in page
    assert "sagsfrister.csv" in page and "formalitetsklager.csv" in page
    assert "data_dir = None" not in page


def test_provenance_names_the_file_and_the_formula():
    folder = FrameFolder(cases=extract())
    folder.used["cases"] = Path("mit_udtraek.xlsx")
    chapter_result = sagsfrister.compute(
        folder, "2018-07-01", "2023-12-31", 2018, 2019, "2020-06-30", "quarter"
    )
    result = chapter_result.cases.computed
    assert set(result["kind"]) == {"derived"} and set(result["source_id"]) == {"mit_udtraek.xlsx"}
    assert result.iloc[1]["formula"] == (
        "rettidigt afgjorte / (afgjorte + åbne over fristen) × 100 = 0 / (1 + 2) × 100"
    )
    assert result["period"].tolist()[:2] == ["1. kvartal 2020", "2. kvartal 2020"]
    assert result["value_text"].tolist()[:2] == ["66,7 pct.", "0,0 pct."]
    year = sagsfrister.compute(folder, "2018-07-01", "2023-12-31", 2018, 2019, "2020-06-30", "year")
    assert year.cases.computed["period"].tolist()[0] == "2020 (til 30. juni 2020)"  # cut at the date
    table = sagsfrister.table(chapter_result, "sagsudtraek").data
    assert "mit_udtraek.xlsx" in table and 'href="kilder.html#kilde-mit_udtraek' not in table
    assert "= 2 / (3 + 0) × 100" in table


# --- Compliance from a case extract -----------------------------------------------------------------


def run_chapter(tmp_path, **parameters) -> str:
    """The chapter executed with papermill; the HTML and text of all its outputs."""
    output = tmp_path / "sagsfrister.ipynb"
    papermill.execute_notebook(
        str(NOTEBOOKS_DIR / "sagsfrister.ipynb"),
        str(output),
        parameters=parameters,
        kernel_name="python3",
        progress_bar=False,
        cwd=str(tmp_path),
    )
    nb = nbformat.read(output, as_version=4)
    return "\n".join(
        str(o.get("data", {}).get("text/html", "")) + str(o.get("data", {}).get("text/plain", ""))
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.get("outputs", [])
    )


def test_chapter_without_an_extract_says_how_to_supply_one(tmp_path):
    shown = run_chapter(tmp_path)
    assert "Bogen kan også beregne overholdelsen selv af et sagsudtræk" in shown
    assert 'href="dataordbog.html#data-cases"' in shown and "case_id, borgercenter, case_type" in shown
    assert "init-data MAPPE --only cases" in shown
    assert "beregnet af sagsudtrækket" not in shown


def test_chapter_with_an_extract_shows_the_computed_compliance(tmp_path, data_copy):
    rows = [",".join("" if v is None else str(v) for v in (*row[:2], "§ 100", *row[2:])) for row in EXTRACT]
    header = "case_id,borgercenter,case_type,received_date,decision_date,deadline_days"
    (data_copy / "cases.csv").write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    shown = run_chapter(tmp_path, data_dir=str(data_copy), measurement_date="2020-06-30", period="quarter")
    assert "Bogen kan også beregne" not in shown
    assert "med 13 sager, opgjort pr. 30. juni 2020 og pr. kvartal" in shown
    assert "4 sager afgjort inden for fristen, 3 afgjort efter fristen og 2 åbne sager over fristen" in shown
    assert "3 åbne sager, der stadig er inden for fristen, og 1 sag modtaget efter" in shown
    assert "Andel af sager afgjort inden for fristen, beregnet af" in shown  # the figure (JSON-escaped æ)
    assert "Overholdelse beregnet af sagsudtrækket" in shown and "66,7 pct." in shown  # the table
    assert "sagsfrister_beregnet.csv" in shown and "data:text/csv" in shown
    assert "cases.csv (egne data fra mappen »data«)" in shown  # the data note names the user's file, no path


def test_built_book_links_the_sentence_to_the_data_dictionary_entry(built_book):
    chapter = (built_book / "notebooks" / "sagsfrister.html").read_text(encoding="utf-8")
    assert "Bogen kan også beregne overholdelsen selv af et sagsudtræk" in chapter
    assert 'href="dataordbog.html#data-cases"' in chapter and "Regnereglen" in chapter
    dictionary = (built_book / "notebooks" / "dataordbog.html").read_text(encoding="utf-8")
    assert 'id="data-cases"' in dictionary and "the decision date is before the received date" in dictionary


def test_chapter_runs_on_a_users_folder_and_marks_the_users_values(tmp_path):
    """Folder A (half-years 2020-2023, funding for Voksne 2022-2023, a case extract) through the
    notebook: every fact the prose uses exists, and what it shows names the user's data."""
    import dataclasses

    import fictitious

    spec = dataclasses.replace(fictitious.FOLDER_A, applications_format="csv", date_style="iso", cases=2000)
    folder = fictitious.write(tmp_path / "A", spec)
    shown = run_chapter(tmp_path, data_dir=str(folder), complaints_base_year=2022, complaints_year=2023)
    assert "<h3>Borgercenter Handicap</h3>" in shown and "<h3>Borgercenter Voksne</h3>" in shown
    assert "(brugerleveret)" in shown and "r: brugerleveret" in shown  # "Markør" is JSON-escaped in figures
    assert "Borgercentret havde midler fra FIKTIVT budget 2022 i en del af perioden" in shown
    assert "Sådan læses" not in shown  # no reading of SO49 concerns the user's rows
    assert "Beregnet af sagsudtrækket <code>cases.csv</code> med 2.000 sager" in shown
    assert "(egne data fra mappen »A«)" in shown
