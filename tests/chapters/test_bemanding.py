"""The chapter 'Bemanding': amounts per FTE or caseworker, each note in its own price level,
and SO49's training plan, checked against values worked out by hand."""

import pytest
from helpers import FrameFolder, evaluate, flat, user_folder, written
from test_staffing import items

from analysis.chapters import bemanding


def test_every_formula_computes_its_value(shipped):
    for _, row in bemanding.compute(shipped).amounts.iterrows():
        assert evaluate(row["formula"]) == pytest.approx(row["value"]), row["formula"]


def test_divisors_in_words(shipped):
    amounts = bemanding.compute(shipped).amounts
    handicap = amounts[amounts["item_id"] == "so49_disability"].set_index("variant")
    assert handicap.loc["all", "divisor_text"] == "29 personer (28 sagsbehandlere + 1 afdelingsleder)"
    assert handicap.loc["caseworkers", "divisor_text"] == "28 sagsbehandlere (uden afdelingslederen)"
    assert handicap.loc["all", "formula"] == "15 × 1.000.000 ÷ (28 + 1)"
    assert amounts.set_index("item_id").loc["so49_adults", "divisor_text"] == "ca. 10 sagsbehandlere"
    several = bemanding.compute(FrameFolder(staffing=items(("x", 10, 2021, 18, "persons", "no", 2, None))))
    assert several.amounts["divisor_text"].iloc[1] == "18 sagsbehandlere (uden afdelingslederne)"


def test_parts_that_do_not_add_up_are_said_so():
    frame = items(
        ("total", 12.25, 2012, None, None, None, None, None),
        ("a", 6.60, 2012, 12.8, "fte", "no", None, "total"),
        ("b", 5.60, 2012, 10.9, "fte", "no", None, "total"),
    )
    facts = written(bemanding.facts(bemanding.compute(FrameFolder(staffing=frame))))
    assert facts["total_check"] == (
        "Det stemmer IKKE med den anbefalede bevilling på 12,25 mio. kr. (forskel -0,05 mio. kr.)."
    )
    assert facts["total_parts"] == "6,60 + 5,60 = 12,20 mio. kr."


def test_a_missing_centre_reads_as_not_stated(shipped):
    training = shipped.load("training")
    partial = training[
        ~((training["measure"] == "participants") & (training["centre"] == "Borgercenter Voksne"))
    ]
    facts = written(bemanding.facts(bemanding.compute(FrameFolder(training=partial))))
    assert facts["participants_voksne"] == "ikke oplyst" and "participants_total" not in facts


def test_chapter_facts_from_the_shipped_data(shipped):
    facts = written(bemanding.facts(bemanding.compute(shipped)))
    assert facts["oe501_restoration_per_person"] == "500.000 kr."
    assert facts["oe501_social_centre_per_person"] == "516.000 kr."  # 515.625 rounded to 1.000
    assert facts["oe501_social_centre_per_person_formula"] == "6,60 × 1.000.000 ÷ 12,8 = 515.625 kr."
    assert facts["oe501_disability_centre_per_person"] == "518.000 kr."  # 518.349
    assert facts["so49_disability_per_person"] == "517.000 kr."  # 517.241
    assert facts["so49_disability_per_caseworker"] == "536.000 kr."  # 535.714
    assert facts["so49_adults_per_person"] == "ca. 500.000 kr."
    assert facts["so49_adults_staff"] == "ca. 10"
    assert facts["oe501_capacity_parts"] == "6,60 + 5,65 = 12,25 mio. kr."
    assert facts["oe501_capacity_check"].startswith("Det stemmer med")
    assert facts["price_levels"] == "2012 p/l og 2021 p/l"
    assert facts["participants_total"] == "ca. 800"
    assert facts["specialists_per_centre"] == "3" and facts["specialists_total"] == "9"
    assert facts["funding_per_specialist"] == "600.000 kr."
    assert facts["competence_funding"] == "6 mio. kr." and facts["specialist_funding"] == "5,40 mio. kr."
    assert facts["competence_funding_period"] == "2021–2024"


def test_figure_keeps_price_levels_in_separate_panels(shipped):
    fig = bemanding.figure(bemanding.compute(shipped))
    bars = [t for t in fig.data if t.type == "bar"]
    assert [t.name for t in bars] == ["2012 p/l", "2021 p/l"]  # one trace per price level, never mixed
    assert [t.xaxis for t in bars] == ["x", "x2"]  # each on its own axis
    assert [round(v) for v in bars[0].x] == [518349, 515625, 500000]  # first item on top
    assert [round(v) for v in bars[1].x] == [500000, 535714, 517241]
    assert list(bars[1].text) == ["ca. 500.000 kr.", "536.000 kr.", "517.000 kr."]
    assert list(bars[1].marker.pattern.shape) == ["/", "", ""]  # the estimate is hatched, not only coloured
    assert fig.layout.xaxis.title.text.endswith("2012 p/l") and fig.layout.xaxis2.title.text.endswith(
        "2021 p/l"
    )
    assert "Intet prisindeks" in flat(fig.layout.title.subtitle.text)
    labels = [flat(a.text) for a in fig.layout.annotations]  # long labels wrap
    assert any("15 mio. kr. ÷ 29 personer (28 sagsbehandlere + 1 afdelingsleder)" in t for t in labels)
    assert "<b>Budgetnotat Ø501 (2011)</b>: beløb i 2012 p/l" in labels
    assert fig.layout.meta["alt"].startswith("Vandret søjlediagram")
    assert "intet prisindeks" in fig.layout.meta["alt"]


def test_figure_escapes_labels_from_data(shipped):
    frame = shipped.load("staffing").copy()
    frame.loc[0, "label"] = "<script>x</script>"
    labels = [
        a.text for a in bemanding.figure(bemanding.compute(FrameFolder(staffing=frame))).layout.annotations
    ]
    assert not any("<script>" in t for t in labels) and any("&lt;script&gt;" in t for t in labels)


def test_training_figure(shipped):
    fig = bemanding.training_figure(bemanding.compute(shipped))
    bar = fig.data[0]
    assert list(bar.x) == [250, 200, 350]  # Børn og Unge, Voksne, Handicap from the bottom up
    assert list(bar.text) == ["ca. 250 sagsbehandlere", "ca. 200 sagsbehandlere", "ca. 350 sagsbehandlere"]
    assert bar.y[-1] == "Borgercenter Handicap<br>+ 3 borgermødespecialister"
    assert fig.layout.title.text == "Ca. 800 sagsbehandlere i 3 borgercentre skal opkvalificeres"
    assert "I alt ca. 800" in fig.layout.meta["alt"]


def test_values_keep_price_levels_and_provenance(shipped):
    data = bemanding.values(bemanding.compute(shipped))
    data = data[data["figure"] == "bemanding"]
    # 6 amounts + 5 staff counts + 1 manager count + 6 amounts per person
    assert len(data) == 18
    assert data.loc[data["unit"] == "mio. kr.", "price_level"].notna().all()
    derived = data[data["kind"] == "derived"]
    assert len(derived) == 6 and derived["formula"].notna().all()


def test_training_values_have_stated_and_derived_rows(shipped):
    data = bemanding.values(bemanding.compute(shipped))
    data = data[data["figure"] == "opkvalificering"]
    assert (data["kind"] == "stated").sum() == 8 and (data["kind"] == "derived").sum() == 3
    row = data[data["measure"] == "Beløb pr. borgermødespecialist"].iloc[0]
    assert row["formula"] == "5.400 × 1.000 ÷ (3 + 3 + 3)" and evaluate(row["formula"]) == 600_000


def test_built_page_shows_the_numbers(built_book):
    page = (built_book / "notebooks" / "bemanding.html").read_text(encoding="utf-8")
    for text in [
        "517.000 kr.",
        "536.000 kr.",
        "15 × 1.000.000 ÷ (28 + 1) = 517.241 kr.",
        "ca. 10",
        "2012 p/l",
        "2021 p/l",
        "ca. 800",
        "600.000 kr.",
        "bemanding.csv",
        "opkvalificering.csv",
    ]:
        assert text in page, text


def test_built_pages_stay_light(built_book):
    for name in ["bemanding.html", "handlingsplan2007.html"]:
        assert (built_book / "notebooks" / name).stat().st_size < 1_000_000, name


# --- Prose and blocks for any data: no item ids in the prose, marks, the index said as it is -----


def test_the_prose_uses_no_key_made_from_an_item(shipped):
    from analysis.notebooks import prose_keys

    used = prose_keys("bemanding")
    ids = set(shipped.load("staffing")["item_id"])
    assert not [k for k in used if any(k.startswith(i) for i in ids)]
    assert not [k for k in used if k.startswith(("participants_", "specialists_")) and k.count("_") > 1]


def test_the_headline_says_what_the_notes_give_not_a_salary(shipped):
    shown = written(bemanding.facts(bemanding.compute(shipped)))
    # Ø501: 4,30/8,6 = 500.000; 6,60/12,8 = 515.625; 5,65/10,9 = 518.349 -> 500.000-518.000, three amounts.
    # SO49: 15/29 = 517.241; 15/28 = 535.714; 5/10 = ca. 500.000 -> 500.000-536.000.
    assert shown["headline"].startswith(
        "Bevillingen delt på de årsværk eller sagsbehandlere, notaterne nævner, giver pr. person pr. år "
        "i Budgetnotat Ø501 (2011) 500.000–518.000 kr. (3 beløb, 2012 p/l) og i SO49 Servicekultur (2020) "
        "500.000–536.000 kr. (3 beløb, heraf et ca.-tal, 2021 p/l). Det er bevillingen delt ud, ikke en løn."
    )
    assert "koster" not in shown["headline"]
    assert shown["notes_named"] == "2 budgetnotater, Budgetnotat Ø501 (2011) og SO49 Servicekultur (2020)"


def test_no_index_is_said_only_when_there_is_none(shipped, tmp_path):
    without = written(bemanding.facts(bemanding.compute(shipped)))
    assert "Data indeholder intet prisindeks" in without["headline"]
    mine = user_folder(tmp_path, [("2012", "100"), ("2021", "118,2")])
    result = bemanding.compute(mine)
    shown = written(bemanding.facts(result))
    assert "intet prisindeks" not in shown["headline"] + shown["price_level_paragraph"]
    assert "Data indeholder et prisindeks, men kapitlet omregner ikke beløbene" in shown["headline"]
    assert shown["index_paragraph"].startswith("Data indeholder et prisindeks")
    fig = bemanding.figure(result)
    assert "Intet prisindeks" not in fig.layout.title.subtitle.text
    assert "intet prisindeks" not in fig.layout.meta["alt"]


def test_items_block_lists_any_items_with_marks_and_checks():
    frame = items(
        ("Ny enhed", 12.0, 2024, None, None, None, None, None),
        ("Del A", 7.0, 2024, 14, "fte", "no", None, "Ny enhed"),
        ("Del B", 5.5, 2024, 10, "persons", "yes", None, "Ny enhed"),
    ).assign(kind="user-supplied", source_id="so49")
    result = bemanding.compute(FrameFolder(staffing=frame))
    block = bemanding.items_block(result).data
    # 7 / 14 = 500.000 per FTE; 5,5 / 10 = 550.000 per caseworker (an estimate); 7 + 5,5 = 12,5 != 12
    assert (
        "14 årsværk svarende til 7 mio. kr. (brugerleveret), det vil sige 500.000 kr. (beregnet af " in block
    )
    assert "ca. 10 sagsbehandlere svarende til 5,50 mio. kr. (brugerleveret)" in block
    assert "Antallet er et skøn i notatet, så beløbet pr. sagsbehandler er det også." in block
    assert "Delene giver tilsammen 7 + 5,50 = 12,50 mio. kr. Det stemmer IKKE" in block
    shown = written(bemanding.facts(result))
    assert shown["price_level_paragraph"].endswith("Alle beløb er i samme prisniveau.")
    assert shown["notes_named"] == "1 budgetnotat, SO49 Servicekultur (2020)"


def test_training_paragraphs_for_missing_parts(shipped):
    training = shipped.load("training")
    partial = training[
        ~((training["measure"] == "participants") & (training["centre"] == "Borgercenter Voksne"))
        & (training["measure"] != "specialist_funding")
    ]
    shown = written(bemanding.facts(bemanding.compute(FrameFolder(training=partial))))
    assert shown["training_paragraph"].startswith(
        "Forvaltningen forventer, at ca. 350 sagsbehandlere i Borgercenter Handicap, ca. 250 i Borgercenter "
        "Børn og Unge og et antal, som data ikke oplyser, i Borgercenter Voksne skal deltage i "
        "opkvalificeringen. Summen kan ikke regnes ud, fordi et af antallene mangler."
    )
    assert shown["specialists_paragraph"].endswith(
        "i alt 9 (3 + 3 + 3 = 9). Data indeholder intet beløb til dem."
    )


def test_charts_say_when_the_numbers_are_the_users(shipped):
    training = shipped.load("training").assign(kind="user-supplied")
    staffing = shipped.load("staffing").assign(kind="user-supplied")
    result = bemanding.compute(FrameFolder(training=training, staffing=staffing))
    assert "(brugerleveret)" in bemanding.training_figure(result).data[0].hovertemplate
    assert (
        "Beregnet af brugerleverede tal." in [a.text for a in bemanding.figure(result).layout.annotations][-1]
    )
    shipped_fig = bemanding.training_figure(bemanding.compute(shipped))
    assert "(oplyst i kilden som ca.-tal)" in shipped_fig.data[0].hovertemplate
