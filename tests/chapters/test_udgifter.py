"""The chapter 'Udgifter': the tables as printed, the printed sums' deviations in words, the
charts of each note, the timeline and the notes in one price level."""

import dataclasses
import re

import fictitious
import pytest
from helpers import FrameFolder, user_folder, written
from IPython.display import HTML
from test_costs import constructed

from analysis.chapters import udgifter
from analysis.data import DataFolder
from analysis.paths import DATA_DIR
from analysis.present import charts
from analysis.vocabulary import SIGN_TURNED


@pytest.fixture(scope="module")
def result():
    return udgifter.compute(DataFolder(), target_price_level=2021)


@pytest.mark.parametrize(
    "total, sentence",
    [
        (100, None),
        (-100, "kilden trykker -100, men rækkerne under den summer til 100. Fortegnet er vendt"),
        (110, "kilden trykker 110, men rækkerne under den summer til 100."),
    ],
)
def test_deviations_in_a_constructed_table(shipped, total, sentence):
    checks = udgifter.compute(FrameFolder(budget_lines=constructed(total)), 2021).checks
    found = udgifter.deviations(checks)
    if sentence is None:
        assert found == []
    else:
        assert len(found) == 1 and sentence in found[0]
        assert ("Fortegnet er vendt" in found[0]) == (checks["status"].iloc[0] == SIGN_TURNED)


def test_deviation_sentence_for_the_shipped_data(result):
    facts = written(udgifter.facts(result))
    assert facts["n_checks"] == "84" and facts["n_checks_ok"] == "80" and facts["n_checks_off"] == "4"
    assert facts["deviations"] == (
        "Budgetnotat Ø501 (2011), Tabel 1, rækken »Samlede udgifter« (2012, 2013, 2014 og 2015): "
        "kilden trykker "
        "-15.550, -7.750, -7.750 og -7.750, men rækkerne under den summer til 15.550, 7.750, 7.750 og 7.750. "
        "Fortegnet er vendt: beløbene er lige store, men med modsat fortegn."
    )


def test_note_facts(result):
    so49 = written(udgifter.note_facts(result, "so49"))
    oe501 = written(udgifter.note_facts(result, "oe501"))
    assert so49["total"] == "110,6 mio. kr."  # 16.400 + 31.400 × 3 = 110.600
    assert oe501["total"] == "39,8 mio. kr."  # 16.250 + 8.050 + 7.750 + 7.750 = 39.800
    assert oe501["spending"] == "56,3 mio. kr."  # 4.300 + 1.000 + 49.000 + 1.000 + 700 + 300
    assert oe501["savings"] == "16,5 mio. kr."  # 3.000 + 4.500 × 3
    # Six activities, one of them a saving (1.4, printed below zero): five spend the 56,3 mio. kr.
    assert (oe501["n_activities"], oe501["n_spending"], oe501["n_savings"]) == ("6", "5", "1")
    assert so49["yearly"].startswith("16,4 mio. kr. i 2021, 31,4 mio. kr. i 2022")
    assert written(udgifter.facts(result))["price_levels"] == "2012 p/l og 2021 p/l"
    total = udgifter.note_facts(result, "so49")["total"].provenance
    assert total.kind == "derived" and total.sources == ("so49",)


def test_note_sentences_do_not_overstate(result):
    oe501 = written({"s": udgifter.note_sentence(result, "oe501")})["s"]
    assert oe501.startswith(
        "Budgetnotat Ø501 (2011) ønsker 56,3 mio. kr. til 5 aktiviteter over 2012–2015 og "
    )
    assert "besparelser på 16,5 mio. kr. (»1.4 Budgetforbedring efter genopretning«)" in oe501
    assert "i alt 39,8 mio. kr. (2012 p/l)" in oe501 and "Alle aktiviteterne" not in oe501  # three areas
    so49 = written({"s": udgifter.note_sentence(result, "so49")})["s"]
    assert so49.startswith(
        "SO49 Servicekultur (2020) ønsker 110,6 mio. kr. til 4 aktiviteter over 2021–2024."
    )
    assert "besparelser" not in so49 and so49.endswith("Alle aktiviteterne ligger på serviceområdet.")
    headline = written(udgifter.facts(result))["headline"]
    assert "koster" not in headline  # SO49 is a proposal: it asks, it does not cost
    assert headline.startswith("Kapitlet gengiver 4 udgiftstabeller fra 2 budgetnotater. SO49 Servicekultur")
    assert "Af de 84 summer, tabellerne trykker, stemmer 80; 4 afviger." in headline


def test_oe501_figures_outside_the_tables_are_shown_with_their_quotes(result):
    items = [udgifter.written(f) for f in udgifter.figure_facts(result, "oe501")]
    cases = next(i for i in items if "3.200" in i)
    assert (
        "ca. 3.200" in cases
        and "»Frem til udgangen af 2012 vil Socialforvaltningen gennemgå samtlige ca. 3.200 sager" in cases
    )
    staff = next(i for i in items if "200 personer" in i)
    assert "ca. 200 personer" in staff and "»Kompetenceudviklingen omfatter ca. 200 medarbejdere" in staff
    assert any("(2012): ca. 1–2 mio. kr." in i for i in items)  # an en dash between the bounds
    assert any("(fra 2013): ca. 2–4 mio. kr." in i for i in items)
    assert udgifter.figure_facts(result, "so49") == []
    html = "".join(p.data for p in udgifter.note_sections(result) if isinstance(p, HTML))
    assert "ca. 3.200" in html and "Notatet giver også tal uden for tabellerne" in html


def test_structure_findings_name_the_missing_parent_row_and_the_appropriation_number(result):
    found = udgifter.structure_findings(result)
    assert len(found) == 2
    assert found[0].startswith(
        "SO49 Servicekultur (2020), Tabel 2: linjerne »udsatte voksne« og »voksne med "
        "sindslidelse« har ingen fælles overrække"
    )
    assert (
        "»Flere sagsbehandlere til udsatte voksne og voksne med sindslidelse« i SO49 "
        "Servicekultur (2020), Tabel 1" in found[0]
    )
    assert (
        "bevillingen »Børnefamilier med særlige behov« står med 2 forskellige numre: 3000 (rækken "
        "»Børneområdet«) og 000 (rækken »- Børneområdet«)"
    ) in found[1]
    assert "lægger linjerne sammen som én bevilling" in found[1]


def test_the_appropriation_table_sums_one_item_once(result):
    page = udgifter.appropriation_table(result, "so49-t2").data
    assert "3000 / 000 - Børnefamilier med særlige behov" in page
    assert "<td>3000 - Børnefamilier" not in page and "<td>000 - Børnefamilier" not in page


def flat(text: str) -> str:
    """A chart title as one line (the chart template breaks long titles with <br>)."""
    return " ".join(text.replace("<br>", " ").split())


def styled_rows(page: str, style: str) -> set[int]:
    """The rows whose first cell carries `style` in the table's CSS (pandas groups the selectors)."""
    rows = set()
    for selectors, body in re.findall(r"([^{}]+)\{([^}]*)\}", page):
        if style in body:
            rows |= {int(r) for r in re.findall(r"_row(\d+)_col0\b", selectors)}
    return rows


def test_source_table_reads_like_the_original(result):
    page = udgifter.source_table(result, "oe501-t1").data
    assert "Budgetnotat Ø501 (2011): Tabel 1. (1) Handleplan" in page and "(1.000 kr., 2012 p/l)" in page
    assert "-15.550" in page and "17.550" in page
    # Rows from the top: 0 heading, 1-3 lines, 4 subtotal, 5 heading, 6 line, 7 subtotal, 8 heading,
    # 9 line, 10 subtotal, 11 "Samlede udgifter".
    assert styled_rows(page, "font-weight: bold") == {4, 7, 10, 11}
    assert styled_rows(page, "padding-left: 2.1rem") == {1, 2, 3, 6, 9}  # the lines under a subtotal
    assert ">-</td>" in page  # nothing is printed as "-", as in the note
    assert "Styringsområde" not in page  # the table's headings say it
    assert ">Post</th>" in page  # the row labels have a column header
    t1 = udgifter.source_table(result, "so49-t1").data
    assert "(1.000 kr., 2021 p/l; alle rækker: styringsområde service)" in t1  # one value: said once
    assert "I alt" in t1 and "110.600" in t1
    t2 = udgifter.source_table(result, "so49-t2").data
    assert "alle rækker: styringsområde service, udvalg SUD, I/U: U)" in t2
    assert ">Bevilling</th>" in t2 and "000 - Børnefamilier med særlige behov" in t2


def test_checks_table_shows_stated_recomputed_difference_and_status(result):
    page = udgifter.deviations_table(result).data
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


def test_yearly_figure_stacks_activities_with_savings_below_zero(result):
    fig = udgifter.yearly_figure(result, "oe501")
    bars = [t for t in fig.data if t.type == "bar"]
    assert len(bars) == 6 and fig.layout.barmode == "relative"
    saving = next(t for t in bars if t.name.startswith("1.4"))
    assert list(saving.y) == [-3000, -4500, -4500, -4500]
    assert len({t.marker.pattern.shape for t in bars}) == 6  # fill patterns, not colour alone
    net = next(t for t in fig.data if t.name == udgifter.NET_LABEL)
    assert list(net.y) == [16250, 8050, 7750, 7750] and net.marker.symbol == "circle-open"
    assert list(net.text) == ["16.250", "8.050", "7.750", "7.750"]
    assert fig.layout.xaxis.tickformat == "d" and fig.layout.yaxis.range[0] < -4500
    assert flat(fig.layout.title.text) == (
        "Budgetnotat Ø501 (2011): netto 39,8 mio. kr. over 2012–2015, mellem 7,8 og 16,3 mio. kr. om året"
    )
    assert "1.000 kr. (2012 p/l), 2012–2015" in flat(fig.layout.title.subtitle.text)
    assert "(2012 p/l)" in fig.layout.yaxis.title.text
    assert fig.layout.annotations[-1].text.startswith("Kilde: Budgetnotat Ø501 (2011), Tabel 1 og Tabel 2")
    assert (
        fig.layout.meta["alt"].startswith("Stablet søjlediagram")
        and "-3.000 i 2012" in fig.layout.meta["alt"]
    )


def test_one_chart_per_note_never_mixes_price_levels(result):
    so49 = udgifter.yearly_figure(result, "so49")
    assert [t.name for t in so49.data if t.type == "bar"] == [
        "Flere sagsbehandlere til handicapområdet",
        "Flere sagsbehandlere til udsatte voksne og voksne med sindslidelse",
        "Kompetenceudvikling og metoder til borgerinddragelse",
        "Borgermødespecialister",
    ]
    assert "2021 p/l" in so49.layout.yaxis.title.text and "2012" not in so49.layout.yaxis.title.text
    assert flat(so49.layout.title.text).startswith(
        "SO49 Servicekultur (2020): netto 110,6 mio. kr. over 2021–2024"
    )


def test_multi_year_figure(result):
    fig = udgifter.multi_year_figure(result, "so49")
    bars, stated = fig.data
    assert list(bars.x) == [21600, 24000, 20000, 45000]  # bottom to top: the table's last row first
    assert list(stated.x) == [21600, 24000, 20000, 45000]  # the "I alt" column agrees
    assert fig.layout.title.text == (
        "Største post i SO49 Servicekultur (2020) over 2021–2024: <br>"
        "Flere sagsbehandlere til handicapområdet (45,0 mio. kr.)"
    )
    oe501 = udgifter.multi_year_figure(result, "oe501")
    assert len(oe501.data) == 1  # Ø501 prints no "I alt" column: no stated markers
    assert min(oe501.data[0].x) == -16500
    # A number inside a bar reads on it: white on the dark blue, near-black on the orange saving.
    colours = dict(zip(oe501.data[0].x, oe501.data[0].insidetextfont.color))
    assert colours[-16500] == charts.TEXT and {colours[x] for x in colours if x > 0} == {"#FFFFFF"}


def test_values_have_provenance(result):
    values = udgifter.values(result)
    values = values[values["figure"].isin(["so49", "oe501"])]
    assert len(values) == 4 * 5 + 6 * 4  # SO49: 4 activities × (4 years + I alt); Ø501: 6 × 4 years
    row = values[
        (values["activity"] == "1.4 Budgetforbedring efter genopretning") & (values["year"] == "2012")
    ].iloc[0]
    assert (row["amount"], row["price_level"], row["kind"]) == (-3000, "2012 p/l", "stated")
    assert row["quote"].startswith("1.4 Budgetforbedring efter genopretning\t- 3.000")


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


def test_gantt_quarters_match_the_raw_tab_structure(result):
    timeline = result.timeline
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


def test_gantt_runs_facts_and_figure(result):
    runs = result.runs
    assert runs[
        ["row_id", "start_year", "start_quarter", "end_year", "end_quarter", "quarters"]
    ].values.tolist() == [["udvikling", 2012, 1, 2012, 4, 4], ["idriftsaettelse", 2012, 2, 2012, 4, 3]]
    facts = written(udgifter.facts(result))
    assert (
        facts["schedule_activities"]
        == "udvikling i 1.–4. kvartal 2012 og idriftssættelse i 2.–4. kvartal 2012"
    )
    assert (facts["schedule_start"], facts["schedule_end"], facts["schedule_table_span"]) == (
        "1. kvartal 2012",
        "4. kvartal 2012",
        "2011–2014",
    )
    fig = udgifter.timeline_figure(result)
    # Quarters count from 1. kv. 2011 = 0: 1. kv. 2012 is 4, 2. kv. 2012 is 5.
    assert [(t.base[0], t.x[0]) for t in fig.data] == [(4, 4), (5, 3)]
    assert list(fig.layout.xaxis.range) == [0, 16] and len(fig.layout.xaxis.ticktext) == 16
    assert flat(fig.layout.title.text) == "Anlægsprojektet ligger fra 1. kvartal 2012 til 4. kvartal 2012"
    assert fig.layout.meta["alt"].startswith("Gantt-diagram over kvartalerne 2011–2014")


def test_span_text_of_a_run_across_a_new_year():
    run = {"start_year": 2011, "start_quarter": 4, "end_year": 2012, "end_quarter": 1}
    assert udgifter.span_text(run) == "4. kvartal 2011 – 1. kvartal 2012"
    assert (
        udgifter.span_text(run | {"start_year": 2012, "start_quarter": 3, "end_quarter": 3})
        == "3. kvartal 2012"
    )
    assert udgifter.span_text(
        run | {"start_year": 2012, "start_quarter": 1, "end_quarter": 4}, short=True
    ) == ("1.–4. kv. 2012")


def test_table_titles_stand_in_the_sources(result):
    lines, timeline = result.lines, result.timeline
    folder = DataFolder()
    for frame in (lines, timeline):
        for source_id, title in set(zip(frame["source_id"], frame["table_title"])):
            assert title in folder.source_text(source_id)
    # The price level each table states in its header row.
    assert re.search(r"1\.000 kr\., 2021 p/l", folder.source_text("so49"))
    assert "1.000 kr. – 2012 p/l" in folder.source_text("oe501")


def test_the_notes_in_one_price_level_without_and_with_an_index(tmp_path, result):
    refused = udgifter.comparison(result).data
    assert "Ingen sammenligning på tværs af prisniveauer" in refused and "price_index.csv" in refused
    assert "2012 p/l" in refused
    folder = user_folder(tmp_path, [("2012", "80"), ("2021", "100")])
    shown = udgifter.comparison(udgifter.compute(folder, target_price_level=2021)).data
    # Ø501: 39.800 × 100 / 80 = 49.750; SO49: 110.600 unchanged
    assert "49.750" in shown and "110.600" in shown and "39.800 × 100 / 80" in shown
    lacking = user_folder(tmp_path / "b", [("2021", "100")])
    assert "Prisindekset mangler tal for 2012" in udgifter.comparison(udgifter.compute(lacking, 2021)).data


# --- Any number of notes: the fictitious folders ---------------------------------------------------


def _fictitious(tmp_path_factory, which: str):
    spec = (
        dataclasses.replace(fictitious.FOLDER_A, applications_format="csv", date_style="iso", cases=0)
        if which == "A"
        else dataclasses.replace(fictitious.FOLDER_B, date_style="iso", complaints_format="csv")
    )
    return DataFolder(fictitious.write(tmp_path_factory.mktemp(which) / which, spec))


@pytest.fixture(scope="module")
def folder_a(tmp_path_factory):
    return _fictitious(tmp_path_factory, "A")


@pytest.fixture(scope="module")
def folder_b(tmp_path_factory):
    return _fictitious(tmp_path_factory, "B")


def _sections(result) -> list[str]:
    html = "".join(p.data for p in udgifter.note_sections(result) if isinstance(p, HTML))
    return re.findall(r'<h3 class="note-section">(.*?)</h3>', html)


def test_a_new_note_gets_its_own_section_and_is_counted(folder_a):
    result = udgifter.compute(folder_a, target_price_level=2021)
    facts = written(udgifter.facts(result))
    # Shipped: 4 tables from 2 notes; FOLDER_A adds fn23's one table.
    assert (facts["n_tables"], facts["n_notes"]) == ("5", "3")
    assert result.notes == ["so49", "oe501", "fn23"]
    headings = _sections(result)
    assert len(headings) == 3
    assert (
        headings[2] == f"Fiktivt notat {fictitious.FOLDER_A.name}: 16,1 mio. kr. over 2023–2026"
    )  # no saving
    # fn23: 2.000+500+300 = 2.800, 4.800, 4.500, 4.000 = 16.100 (1.000 kr.), 2023 p/l
    sentence = written({"s": udgifter.note_sentence(result, "fn23")})["s"]
    assert "ønsker 16,1 mio. kr. til 3 aktiviteter over 2023–2026" in sentence and "(2023 p/l)" in sentence
    # Its printed total is 100 too high in 2023, and so is its "I alt" (16.200 against 16.100).
    assert facts["n_checks"] == "93"  # 84 + the total row's 5 cells + the 4 rows' "I alt"
    assert facts["n_checks_off"] == "6"  # Ø501's four turned signs + fn23's two
    assert (
        "kilden trykker 2.900 og 16.200, men rækkerne under den summer til 2.800 og 16.100"
        in (facts["deviations"])
    )
    figure = udgifter.yearly_figure(result, "fn23")
    assert "2023 p/l" in figure.layout.yaxis.title.text
    assert {t.name for t in figure.data if t.type == "bar"} == {
        "Flere sagsbehandlere",
        "Kompetenceudvikling",
        "It-understøttelse",
    }


def test_two_notes_in_one_document_are_two_sections(folder_b):
    result = udgifter.compute(folder_b, target_price_level=2021)
    facts = written(udgifter.facts(result))
    assert (facts["n_tables"], facts["n_notes"]) == ("6", "4")
    name = f"Fiktivt notat {fictitious.FOLDER_B.name}"
    assert [h.split(":")[0] for h in _sections(result)][2:] == [f"{name}, xb1", f"{name}, xb2"]
    xb2 = written({"s": udgifter.note_sentence(result, "xb2")})["s"]
    # xb2: 800+100 = 900 a year on 2 activities (5.900 over six years with 900 from 2023), the
    # "Besparelse" row below zero is a saving: 6 × 50 = 300.
    assert "ønsker 5,9 mio. kr. til 2 aktiviteter over 2022–2027" in xb2
    assert "besparelser på 0,3 mio. kr. (»Besparelse«)" in xb2
    # xb2's total is printed 20 too low: 830 and 5.580 against 850 and 5.600.
    assert facts["n_checks_off"] == "6" and "kilden trykker 830 og 5.580" in facts["deviations"]
    assert f"{name}, xb2, Tabel 1" in facts["deviations"]  # two notes of one document: by id


def test_structure_findings_are_counted_in_a_sentence(result, shipped):
    assert written(udgifter.facts(result))["findings_sentence"] == (
        "Ud over summerne har bogen fundet 2 uoverensstemmelser i tabellernes opbygning:"
    )
    lines = shipped.load("budget_lines")
    only_oe501 = udgifter.compute(FrameFolder(budget_lines=lines[lines["source_id"] == "oe501"]), 2021)
    assert written(udgifter.facts(only_oe501))["findings_sentence"] == (
        "Ud over summerne har bogen ikke fundet uoverensstemmelser i tabellernes opbygning."
    )


def test_one_note_is_named_in_the_singular(shipped):
    lines = shipped.load("budget_lines")
    result = udgifter.compute(FrameFolder(budget_lines=lines[lines["source_id"] == "so49"]), 2021)
    facts = written(udgifter.facts(result))
    assert facts["tables_and_notes"] == "2 udgiftstabeller fra 1 budgetnotat"
    assert facts["price_levels_sentence"] == "Notatet er opgjort i 2021 p/l."
    assert facts["headline"].startswith(
        "Kapitlet gengiver 2 udgiftstabeller fra 1 budgetnotat. SO49 Servicekultur (2020): 110,6 mio. kr. "
        "over 2021–2024 (2021 p/l). Af de "
    )
    assert len(_sections(result)) == 1


def test_a_users_note_is_marked_as_the_users(tmp_path):
    spec = dataclasses.replace(fictitious.FOLDER_A, applications_format="csv", date_style="iso", cases=0)
    folder = fictitious.notes_as_users(fictitious.write(tmp_path / "A", spec))
    result = udgifter.compute(DataFolder(folder), target_price_level=2021)
    facts = written(udgifter.facts(result))
    # The user's wrong total: the data (not a source) has 2.900, the rows add up to 2.800.
    assert (
        "rækken »Udgifter i alt« (2023 og I alt): data har 2.900 (brugerleveret) og 16.200 (brugerleveret), "
        "men rækkerne under den summer til 2.800 (beregnet af brugerleverede tal)"
    ) in facts["deviations"]
    assert "kilden trykker -15.550" in facts["deviations"]  # Ø501's stays the source's
    sentence = written({"s": udgifter.note_sentence(result, "fn23")})["s"]
    assert "16,1 mio. kr. (beregnet af brugerleverede tal)" in sentence
    figure = udgifter.yearly_figure(result, "fn23")
    assert {t.name for t in figure.data if t.type == "bar"} == {
        "Flere sagsbehandlere (brugerleveret)",
        "Kompetenceudvikling (brugerleveret)",
        "It-understøttelse (brugerleveret)",
    }
    assert "brugerleveret" not in " ".join(t.name for t in udgifter.yearly_figure(result, "so49").data)
    assert "; brugerleveret" in udgifter.source_table(result, "fn23-t1").data
    assert "brugerleveret" not in udgifter.source_table(result, "so49-t1").data


def test_a_short_savings_label_gives_way_to_the_activity_names():
    import pandas as pd

    # A saving of 300 beside 5.300: 6 pct. of the widest bar, so its label would sit on the names.
    assert udgifter._label_positions(pd.Series([5300, 600, -300])) == ["auto", "auto", "none"]
    # Ø501's saving of 16.500 beside 49.000 (34 pct.) is long enough to hold its own label.
    assert udgifter._label_positions(pd.Series([49000, -16500])) == ["auto", "auto"]
