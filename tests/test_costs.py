"""The budget notes' costs: every printed sum recomputed (checked here by hand arithmetic), the
discrepancies found, the tables as printed, the charts and the timeline."""

import re

import pandas as pd
import pytest

from analysis.calc import costs, schedule
from analysis.chapters import udgifter as costs_charts
from analysis.data import DataFolder
from analysis.paths import DATA_DIR
from analysis.present import charts


@pytest.fixture(scope="module")
def data():
    folder = DataFolder()
    return folder.load("budget_lines"), folder.sources(), folder.load("capital_schedule")


@pytest.fixture(scope="module")
def checks(data):
    lines, registry, _ = data
    return costs.sum_checks(lines, registry)


def check(checks, table_id, row_id, column, kind):
    found = checks[
        (checks["table_id"] == table_id)
        & (checks["row_id"] == row_id)
        & (checks["column"] == column)
        & (checks["check"] == kind)
    ]
    assert len(found) == 1, (table_id, row_id, column, kind)
    return found.iloc[0]


# --- Every recomputed total, worked out by hand from the source's table rows ----------------------


@pytest.mark.parametrize(
    "table_id, row_id, column, kind, stated, recomputed",
    [
        # SO49 Tabel 1, "Udgifter i alt (netto)":
        ("so49-t1", "total", "2021", "rows", 16400, 16400),  # 0 + 5.000 + 6.000 + 5.400
        ("so49-t1", "total", "2022", "rows", 31400, 31400),  # 15.000 + 5.000 + 6.000 + 5.400
        ("so49-t1", "total", "2024", "rows", 31400, 31400),  # 15.000 + 5.000 + 6.000 + 5.400
        ("so49-t1", "total", "I alt", "rows", 110600, 110600),  # 45.000 + 20.000 + 24.000 + 21.600
        ("so49-t1", "total", "I alt", "years", 110600, 110600),  # 16.400 + 31.400 + 31.400 + 31.400
        ("so49-t1", "handicap", "I alt", "years", 45000, 45000),  # 0 + 15.000 × 3
        ("so49-t1", "borgermoede", "I alt", "years", 21600, 21600),  # 5.400 × 4
        # SO49 Tabel 2, the parent rows and the total:
        ("so49-t2", "kompetence", "2021", "rows", 6000, 6000),  # 1.580 + 2.510 + 750 + 1.160
        ("so49-t2", "kompetence", "I alt", "rows", 24000, 24000),  # 6.320 + 10.040 + 3.000 + 4.640
        ("so49-t2", "borgermoede", "2023", "rows", 5400, 5400),  # 1.800 + 1.800 + 720 + 1.080
        ("so49-t2", "borgermoede", "I alt", "rows", 21600, 21600),  # 7.200 + 7.200 + 2.880 + 4.320
        ("so49-t2", "total", "2021", "rows", 16400, 16400),  # 0 + 1.960 + 3.040 + 6.000 + 5.400
        ("so49-t2", "total", "2022", "rows", 31400, 31400),  # 15.000 + 1.960 + 3.040 + 6.000 + 5.400
        ("so49-t2", "total", "I alt", "rows", 110600, 110600),  # 45.000 + 7.840 + 12.160 + 24.000 + 21.600
        ("so49-t2", "udsatte", "I alt", "years", 7840, 7840),  # 1.960 × 4
        ("so49-t2", "sindslidelse", "I alt", "years", 12160, 12160),  # 3.040 × 4
        ("so49-t2", "kompetence-udsatte", "I alt", "years", 3000, 3000),  # 750 × 4
        # SO49 Tabel 1 rows against the Tabel 2 lines that break them down:
        ("so49-t1", "voksne", "2021", "counterpart", 5000, 5000),  # 1.960 + 3.040 (two lines, no parent row)
        ("so49-t1", "voksne", "I alt", "counterpart", 20000, 20000),  # 7.840 + 12.160
        ("so49-t1", "total", "I alt", "counterpart", 110600, 110600),  # Tabel 2's "Udgifter i alt"
        # Ø501 Tabel 1:
        ("oe501-t1", "service-total", "2012", "rows", 17550, 17550),  # 4.300 + 1.000 + 12.250
        ("oe501-t1", "service-total", "2013", "rows", 12250, 12250),  # "-" + "-" + 12.250
        ("oe501-t1", "capital-total", "2012", "rows", 1000, 1000),  # 1.000
        ("oe501-t1", "capital-total", "2014", "rows", 0, 0),  # "-" printed, "-" in the row
        ("oe501-t1", "statutory-total", "2012", "rows", -3000, -3000),  # - 3.000
        ("oe501-t1", "statutory-total", "2015", "rows", -4500, -4500),  # - 4.500
        # "Samlede udgifter": the source prints minus signs the parts do not give.
        ("oe501-t1", "total", "2012", "rows", -15550, 15550),  # 17.550 + 1.000 − 3.000 = 15.550
        ("oe501-t1", "total", "2013", "rows", -7750, 7750),  # 12.250 + 0 − 4.500 = 7.750
        ("oe501-t1", "total", "2014", "rows", -7750, 7750),  # 12.250 + 0 − 4.500
        ("oe501-t1", "total", "2015", "rows", -7750, 7750),  # 12.250 + 0 − 4.500
        # Ø501 Tabel 2:
        ("oe501-t2", "service-total", "2012", "rows", 700, 700),
        ("oe501-t2", "service-total", "2013", "rows", 300, 300),
    ],
)
def test_recomputed_totals(checks, table_id, row_id, column, kind, stated, recomputed):
    found = check(checks, table_id, row_id, column, kind)
    assert (found["stated"], found["recomputed"]) == (stated, recomputed)
    assert found["difference"] == stated - recomputed


def test_number_of_checks_per_table(checks):
    # SO49 T1: 5 rows with "I alt" (5) + the total's 5 columns (5) + 5 rows × 5 columns matched in T2 (25) = 35
    # SO49 T2: 14 rows with "I alt" (14) + 3 parent rows × 5 columns (15) = 29
    # Ø501 T1: 4 rows summing others × 4 years = 16; Ø501 T2: 1 × 4 = 4
    summary = costs.check_summary(checks).set_index("table")["checked"]
    assert summary.tolist() == [35, 29, 16, 4]
    assert len(checks) == 84


def test_the_sign_discrepancy_is_detected(checks):
    """Ø501 Tabel 1 prints "Samlede udgifter" as -15.550 and -7.750, but its parts add up to +15.550
    and +7.750. If this stops being detected, the chapter would hide the source's error."""
    off = checks[checks["status"] != costs.STATUS_OK]
    assert set(zip(off["table_id"], off["row_id"])) == {("oe501-t1", "total")}
    assert off["column"].tolist() == ["2012", "2013", "2014", "2015"]
    assert (off["status"] == costs.STATUS_SIGN).all()
    assert off["difference"].tolist() == [-31100, -15500, -15500, -15500]  # -15.550 − 15.550; -7.750 − 7.750
    assert off["sum"].iloc[0] == "17.550 + 1.000 − 3.000"


def test_status_tells_a_sign_error_from_other_errors():
    assert costs.status(100, 100) == costs.STATUS_OK
    assert costs.status(-100, 100) == costs.STATUS_SIGN
    assert costs.status(-100, 90) == costs.STATUS_OFF
    assert costs.status(0, 0) == costs.STATUS_OK


def constructed(total_2020: float) -> pd.DataFrame:
    """A two-line table whose total is `total_2020` (the lines give 30 + 70 = 100)."""
    base = dict(
        table_id="x-t1",
        table_title="Tabel 1 - Prøve",
        counterpart=None,
        area="service",
        committee=None,
        appropriation=None,
        income_expense=None,
        price_level=2021,
        kind="stated",
        source_id="so49",
        quote="q",
        formula=None,
    )
    return pd.DataFrame(
        [
            {
                **base,
                "row_id": "a",
                "position": 1,
                "parent_row_id": "t",
                "label": "A",
                "row_type": "line",
                "year": 2020,
                "amount": 30.0,
            },
            {
                **base,
                "row_id": "b",
                "position": 2,
                "parent_row_id": "t",
                "label": "B",
                "row_type": "line",
                "year": 2020,
                "amount": 70.0,
            },
            {
                **base,
                "row_id": "t",
                "position": 3,
                "parent_row_id": None,
                "label": "I alt",
                "row_type": "total",
                "year": 2020,
                "amount": total_2020,
            },
        ]
    )


@pytest.mark.parametrize(
    "total, status, sentence",
    [
        (100, costs.STATUS_OK, None),
        (
            -100,
            costs.STATUS_SIGN,
            "kilden trykker -100, men rækkerne under den summer til 100. Fortegnet er vendt",
        ),
        (110, costs.STATUS_OFF, "kilden trykker 110, men rækkerne under den summer til 100."),
    ],
)
def test_discrepancies_in_a_constructed_table(data, total, status, sentence):
    _, registry, _ = data
    checks = costs.sum_checks(constructed(total), registry)
    assert checks["status"].tolist() == [status]
    found = costs.deviations(checks)
    if sentence is None:
        assert found == []
    else:
        assert len(found) == 1 and sentence in found[0]
        assert ("Fortegnet er vendt" in found[0]) == (status == costs.STATUS_SIGN)


def test_deviation_sentence_for_the_shipped_data(data):
    lines, registry, _ = data
    facts = costs.chapter_facts(lines, registry)
    assert facts["n_checks"] == "84" and facts["n_checks_ok"] == "80" and facts["n_checks_off"] == "4"
    assert facts["deviations"] == (
        "Budgetnotat Ø501 (2011), Tabel 1, rækken »Samlede udgifter« (2012, 2013, 2014 og 2015): kilden trykker "
        "-15.550, -7.750, -7.750 og -7.750, men rækkerne under den summer til 15.550, 7.750, 7.750 og 7.750. "
        "Fortegnet er vendt: beløbene er lige store, men med modsat fortegn."
    )


def test_structure_findings_name_the_missing_parent_row_and_the_appropriation_number(data):
    lines, registry, _ = data
    found = costs.structure_findings(lines, registry)
    assert len(found) == 2
    assert found[0].startswith(
        "SO49 Servicekultur (2020), Tabel 2: linjerne »udsatte voksne« og »voksne med "
        "sindslidelse« har ingen fælles overrække"
    )
    assert (
        "»Flere sagsbehandlere til udsatte voksne og voksne med sindslidelse« i SO49 Servicekultur (2020), Tabel 1"
        in found[0]
    )
    assert (
        "bevillingen »Børnefamilier med særlige behov« står med 2 forskellige numre: 3000 (rækken "
        "»Børneområdet«) og 000 (rækken »- Børneområdet«)"
    ) in found[1]


def test_appropriation_numbers_are_kept_as_printed(data):
    lines, _, _ = data
    printed = set(lines.loc[lines["table_id"] == "so49-t2", "appropriation"].dropna())
    assert {"3000 - Børnefamilier med særlige behov", "000 - Børnefamilier med særlige behov"} <= printed


def test_by_appropriation_adds_the_lowest_lines(data):
    lines, _, _ = data
    frame = costs.by_appropriation(lines, "so49-t2").set_index("appropriation", drop=False)
    committee = frame[frame["level"] == 0].iloc[0]
    assert (committee["committee"], committee["2021"], committee["I alt"], committee["lines"]) == (
        "SUD",
        16400,
        110600,
        11,
    )
    # 3220: 0 + 2.510 + 1.800 = 4.310 in 2021; 15.000 + 2.510 + 1.800 = 19.310 in 2022; 45.000 + 10.040 + 7.200
    row = frame.loc["3220 - Borgere med handicap"]
    assert (row["2021"], row["2022"], row["I alt"]) == (4310, 19310, 62240)
    assert frame.loc["3210 - Udsatte voksne", "2021"] == 3430  # 1.960 + 750 + 720
    assert frame.loc["3200 - Borgere med sindslidelse", "2021"] == 5280  # 3.040 + 1.160 + 1.080
    assert frame.loc["3000 - Børnefamilier med særlige behov", "2021"] == 1580
    assert frame.loc["000 - Børnefamilier med særlige behov", "2021"] == 1800
    # 4.310 + 3.430 + 5.280 + 1.580 + 1.800 = 16.400, the table's total
    assert frame.loc[frame["level"] == 1, "2021"].sum() == 16400


# --- Amounts by activity ------------------------------------------------------------------------


def test_activities_count_nothing_twice(data):
    lines, _, _ = data
    cells = costs.activities(lines)
    # SO49: the four rows of Tabel 1 (Tabel 2 breaks them down); Ø501: the five lines of Tabel 1 and one of Tabel 2
    assert cells.groupby("source_id")["row_id"].nunique().to_dict() == {"so49": 4, "oe501": 6}
    assert set(cells["table_id"]) == {"so49-t1", "oe501-t1", "oe501-t2"}


def test_yearly_and_multi_year_totals(data):
    lines, registry, _ = data
    years = costs.yearly_totals(lines).set_index(["source_id", "year"])["amount"]
    assert years[("so49", 2021)] == 16400  # 0 + 5.000 + 6.000 + 5.400
    assert years[("so49", 2022)] == 31400
    assert years[("oe501", 2012)] == 16250  # 4.300 + 1.000 + 12.250 + 1.000 − 3.000 + 700
    assert years[("oe501", 2013)] == 8050  # 12.250 − 4.500 + 300
    assert years[("oe501", 2015)] == 7750  # 12.250 − 4.500
    totals = costs.multi_year_totals(lines).set_index("row_id")
    assert totals.loc["kapacitet", "amount"] == 49000  # 12.250 × 4
    assert totals.loc["budgetforbedring", "amount"] == -16500  # −3.000 − 4.500 × 3
    assert totals.loc["handicap", "stated_total"] == 45000
    assert pd.isna(totals.loc["kapacitet", "stated_total"])  # Ø501 prints no "I alt" column
    facts = costs.chapter_facts(lines, registry)
    assert facts["so49_total"] == "110,6 mio. kr."  # 16.400 + 31.400 × 3 = 110.600
    assert facts["oe501_total"] == "39,8 mio. kr."  # 16.250 + 8.050 + 7.750 + 7.750 = 39.800
    assert facts["oe501_spending"] == "56,3 mio. kr."  # 4.300 + 1.000 + 49.000 + 1.000 + 700 + 300
    assert facts["oe501_savings"] == "16,5 mio. kr."  # 3.000 + 4.500 × 3
    assert facts["so49_yearly"].startswith("16,4 mio. kr. i 2021, 31,4 mio. kr. i 2022")
    assert facts["price_levels"] == "2012 p/l og 2021 p/l"
    totals = costs.note_totals(lines, registry).set_index("source_id")
    assert totals.loc["oe501", "period"] == "2012–2015" and totals.loc["oe501", "price_level"] == 2012


# --- Tables as printed --------------------------------------------------------------------------


def test_hierarchy_levels(data):
    lines, _, _ = data
    rows = costs.table_rows(lines).set_index(["table_id", "row_id"])["level"]
    assert rows[("oe501-t1", "genopretning")] == 1 and rows[("oe501-t1", "service-total")] == 0
    assert rows[("oe501-t1", "service-heading")] == 0 and rows[("oe501-t1", "total")] == 0
    assert rows[("so49-t2", "kompetence-boern")] == 1 and rows[("so49-t2", "kompetence")] == 0
    assert rows[("so49-t2", "udsatte")] == 0  # printed without a parent row


def test_rows_that_are_each_others_parents_are_refused():
    frame = constructed(100)
    frame.loc[frame["row_id"] == "t", "parent_row_id"] = "a"
    with pytest.raises(ValueError, match="each other's parents"):
        costs.table_rows(frame)


def styled_rows(page: str, style: str) -> set[int]:
    """The rows whose first cell carries `style` in the table's CSS (pandas groups the selectors)."""
    rows = set()
    for selectors, body in re.findall(r"([^{}]+)\{([^}]*)\}", page):
        if style in body:
            rows |= {int(r) for r in re.findall(r"_row(\d+)_col0\b", selectors)}
    return rows


def test_source_table_reads_like_the_original(data):
    lines, registry, _ = data
    page = costs.source_table(lines, "oe501-t1", registry).data
    assert "Budgetnotat Ø501 (2011): Tabel 1. (1) Handleplan" in page and "(1.000 kr., 2012 p/l)" in page
    assert "-15.550" in page and "17.550" in page
    # Rows from the top: 0 heading, 1-3 lines, 4 subtotal, 5 heading, 6 line, 7 subtotal, 8 heading,
    # 9 line, 10 subtotal, 11 "Samlede udgifter".
    assert styled_rows(page, "font-weight: bold") == {4, 7, 10, 11}
    assert styled_rows(page, "padding-left: 2.1rem") == {1, 2, 3, 6, 9}  # the lines under a subtotal
    assert ">-</td>" in page  # nothing is printed as "-", as in the note
    assert "Styringsområde" not in page  # the table's headings say it
    assert ">Post</th>" in page  # the row labels have a column header
    t1 = costs.source_table(lines, "so49-t1", registry).data
    assert "(1.000 kr., 2021 p/l; alle rækker: styringsområde service)" in t1  # one value: said once
    assert "I alt" in t1 and "110.600" in t1
    t2 = costs.source_table(lines, "so49-t2", registry).data
    assert "alle rækker: styringsområde service, udvalg SUD, I/U: U)" in t2
    assert ">Bevilling</th>" in t2 and "000 - Børnefamilier med særlige behov" in t2


def test_checks_table_shows_stated_recomputed_difference_and_status(checks):
    page = costs.checks_table(checks[checks["status"] != costs.STATUS_OK], "Afvigelser").data
    for text in [
        "Oplyst i kilden",
        "Genberegnet",
        "Forskel",
        "Status",
        "-15.550",
        "15.550",
        "-31.100",
        "afviger: fortegnet er vendt",
    ]:
        assert text in page


# --- Charts ---------------------------------------------------------------------------------------


def test_yearly_figure_stacks_activities_with_savings_below_zero(data):
    lines, registry, _ = data
    fig = costs_charts.yearly_figure(lines, registry, "oe501")
    bars = [t for t in fig.data if t.type == "bar"]
    assert len(bars) == 6 and fig.layout.barmode == "relative"
    saving = next(t for t in bars if t.name.startswith("1.4"))
    assert list(saving.y) == [-3000, -4500, -4500, -4500]
    assert len({t.marker.pattern.shape for t in bars}) == 6  # fill patterns, not colour alone
    net = next(t for t in fig.data if t.name == costs_charts.NET_LABEL)
    assert list(net.y) == [16250, 8050, 7750, 7750] and net.marker.symbol == "circle-open"
    assert list(net.text) == ["16.250", "8.050", "7.750", "7.750"]
    assert fig.layout.xaxis.tickformat == "d" and fig.layout.yaxis.range[0] < -4500
    assert fig.layout.title.text == (
        "Budgetnotat Ø501 (2011): netto 39,8 mio. kr. over 2012–2015,<br>mellem 7,8 og 16,3 mio. kr. om året"
    )
    assert "1.000 kr. (2012 p/l), 2012–2015" in fig.layout.title.subtitle.text
    assert "(2012 p/l)" in fig.layout.yaxis.title.text
    assert fig.layout.annotations[-1].text.startswith("Kilde: Budgetnotat Ø501 (2011), Tabel 1 og Tabel 2")
    assert (
        fig.layout.meta["alt"].startswith("Stablet søjlediagram")
        and "-3.000 i 2012" in fig.layout.meta["alt"]
    )


def test_one_chart_per_note_never_mixes_price_levels(data):
    lines, registry, _ = data
    so49 = costs_charts.yearly_figure(lines, registry, "so49")
    assert [t.name for t in so49.data if t.type == "bar"] == [
        "Flere sagsbehandlere til handicapområdet",
        "Flere sagsbehandlere til udsatte voksne og voksne med sindslidelse",
        "Kompetenceudvikling og metoder til borgerinddragelse",
        "Borgermødespecialister",
    ]
    assert "2021 p/l" in so49.layout.yaxis.title.text and "2012" not in so49.layout.yaxis.title.text
    assert so49.layout.title.text.startswith("SO49 Servicekultur (2020): netto 110,6 mio. kr. over 2021–2024")


def test_multi_year_figure(data):
    lines, registry, _ = data
    fig = costs_charts.multi_year_figure(lines, registry, "so49")
    bars, stated = fig.data
    assert list(bars.x) == [21600, 24000, 20000, 45000]  # bottom to top: the table's last row first
    assert list(stated.x) == [21600, 24000, 20000, 45000]  # the "I alt" column agrees
    assert fig.layout.title.text == (
        "Største post i SO49 Servicekultur (2020) over 2021–2024:<br>"
        "Flere sagsbehandlere til handicapområdet (45,0 mio. kr.)"
    )
    oe501 = costs_charts.multi_year_figure(lines, registry, "oe501")
    assert len(oe501.data) == 1  # Ø501 prints no "I alt" column: no stated markers
    assert min(oe501.data[0].x) == -16500
    # A number inside a bar reads on it: white on the dark blue, near-black on the orange saving.
    colours = dict(zip(oe501.data[0].x, oe501.data[0].insidetextfont.color))
    assert colours[-16500] == charts.TEXT and {colours[x] for x in colours if x > 0} == {"#FFFFFF"}


def test_chart_data_has_provenance(data):
    lines, registry, _ = data
    values = costs_charts.chart_data(lines, registry)
    assert len(values) == 4 * 5 + 6 * 4  # SO49: 4 activities × (4 years + I alt); Ø501: 6 × 4 years
    row = values[
        (values["activity"] == "1.4 Budgetforbedring efter genopretning") & (values["year"] == "2012")
    ].iloc[0]
    assert (row["amount"], row["price_level"], row["kind"]) == (-3000, "2012 p/l", "stated")
    assert row["quote"].startswith("1.4 Budgetforbedring efter genopretning\t- 3.000")


# --- The timeline (Ø501 Tabel 4) -------------------------------------------------------------------


def raw_marked_quarters(text: str) -> dict[str, list[tuple[int, int]]]:
    """Read Tabel 4 straight from the source text: the year row names a year above its first
    quarter, the quarter row names each quarter, and an X marks a quarter by its tab position."""
    lines = text.split("\n")
    at = next(i for i, line in enumerate(lines) if "Tabel 4. Tidsangivelse" in line)
    years, quarters = lines[at + 2].split("\t"), lines[at + 3].split("\t")
    column, year = {}, None
    for i in range(1, len(years)):
        year = int(years[i]) if years[i].strip() else year
        column[i] = (year, int(quarters[i].split(".")[0]))
    found = {}
    for line in lines[at + 4 : at + 6]:
        cells = line.split("\t")
        found[cells[0]] = [column[i] for i in range(1, len(cells)) if cells[i].strip() == "X"]
    return found


def test_gantt_quarters_match_the_raw_tab_structure(data):
    _, _, timeline = data
    raw = raw_marked_quarters((DATA_DIR / "sources" / "002_611c474c1f0c9685.txt").read_text(encoding="utf-8"))
    # Read by hand from `cat -A`: "- Udvikling" has 4 empty cells (2011) and then X in cells 5-8 (2012
    # 1.-4. kv.); "- Idriftssættelse" has 5 empty cells and X in cells 6-8 (2012 2.-4. kv.).
    by_hand = {
        "- Udvikling": [(2012, 1), (2012, 2), (2012, 3), (2012, 4)],
        "- Idriftssættelse": [(2012, 2), (2012, 3), (2012, 4)],
    }
    assert raw == by_hand
    marked = timeline[timeline["scheduled"] == "yes"]
    in_data = {label: list(zip(g["year"], g["quarter"])) for label, g in marked.groupby("label", sort=False)}
    assert in_data == by_hand
    assert len(timeline) == 2 * 16  # two activities × 16 quarters of 2011–2014


def test_gantt_runs_facts_and_figure(data):
    _, registry, timeline = data
    runs = schedule.runs(timeline)
    assert runs[
        ["row_id", "start_year", "start_quarter", "end_year", "end_quarter", "quarters"]
    ].values.tolist() == [["udvikling", 2012, 1, 2012, 4, 4], ["idriftsaettelse", 2012, 2, 2012, 4, 3]]
    facts = schedule.schedule_facts(timeline)
    assert (
        facts["schedule_activities"]
        == "udvikling i 1.–4. kvartal 2012 og idriftssættelse i 2.–4. kvartal 2012"
    )
    assert (facts["schedule_start"], facts["schedule_end"], facts["schedule_table_span"]) == (
        "1. kvartal 2012",
        "4. kvartal 2012",
        "2011–2014",
    )
    fig = schedule.figure(timeline, registry)
    # Quarters count from 1. kv. 2011 = 0: 1. kv. 2012 is 4, 2. kv. 2012 is 5.
    assert [(t.base[0], t.x[0]) for t in fig.data] == [(4, 4), (5, 3)]
    assert list(fig.layout.xaxis.range) == [0, 16] and len(fig.layout.xaxis.ticktext) == 16
    assert fig.layout.title.text == "Anlægsprojektet ligger fra 1. kvartal 2012 til 4. kvartal 2012"
    assert fig.layout.meta["alt"].startswith("Gantt-diagram over kvartalerne 2011–2014")


def test_gantt_splits_a_gap_into_two_bars():
    rows = [
        {
            "table_id": "t",
            "row_id": "a",
            "position": 1,
            "label": "A",
            "year": y,
            "quarter": q,
            "scheduled": "yes" if (y, q) in {(2011, 4), (2012, 1), (2012, 3)} else "no",
        }
        for y in (2011, 2012)
        for q in (1, 2, 3, 4)
    ]
    runs = schedule.runs(pd.DataFrame(rows))
    assert [schedule.span_text(r) for _, r in runs.iterrows()] == [
        "4. kvartal 2011 – 1. kvartal 2012",
        "3. kvartal 2012",
    ]


def test_table_titles_stand_in_the_sources(data):
    lines, _, timeline = data
    folder = DataFolder()
    for frame in (lines, timeline):
        for source_id, title in set(zip(frame["source_id"], frame["table_title"])):
            assert title in folder.source_text(source_id)
    # The price level each table states in its header row.
    assert re.search(r"1\.000 kr\., 2021 p/l", folder.source_text("so49"))
    assert "1.000 kr. – 2012 p/l" in folder.source_text("oe501")
