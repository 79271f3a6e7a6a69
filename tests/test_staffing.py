"""Staffing and unit amounts, checked against values worked out by hand."""

import pandas as pd
import pytest
from test_provenance import evaluate

from analysis.calc import staffing
from analysis.data import DataError, DataFolder

ITEM_COLUMNS = [
    "item_id",
    "label",
    "part_of",
    "permanence",
    "amount_mio_kr",
    "price_level",
    "staff",
    "staff_unit",
    "approximate",
    "managers",
    "kind",
    "source_id",
    "quote",
    "formula",
]


def items(*rows) -> pd.DataFrame:
    """Staffing rows from (item_id, amount, price level, staff, unit, approximate, managers, part_of)."""
    frame = [
        dict(
            zip(
                [
                    "item_id",
                    "amount_mio_kr",
                    "price_level",
                    "staff",
                    "staff_unit",
                    "approximate",
                    "managers",
                    "part_of",
                ],
                r,
            ),
            label=r[0],
            permanence="permanent",
            kind="stated",
            source_id="s",
            quote="q",
            formula=None,
        )
        for r in rows
    ]
    return pd.DataFrame(frame, columns=ITEM_COLUMNS)


@pytest.mark.parametrize(
    "amount, divisor, expected",
    [
        (4.30, 8.6, 500_000),  # 4.300.000 / 8,6 = 500.000 exactly
        (6.60, 12.8, 515_625),  # 6.600.000 / 12,8 = 515.625 exactly
        (5.65, 10.9, 518_348.62),  # 5.650.000 / 10,9 = 518.348,62...
        (15, 29, 517_241.38),  # 15.000.000 / (28 + 1) = 517.241,38...
        (15, 28, 535_714.29),  # 15.000.000 / 28 = 535.714,29...
        (5, 10, 500_000),  # 5.000.000 / ca. 10
    ],
)
def test_per_person_by_hand(amount, divisor, expected):
    assert staffing.per_person_kr(amount, divisor) == pytest.approx(expected, abs=0.01)


def test_per_person_refuses_no_people():
    with pytest.raises(ValueError, match="more than 0"):
        staffing.per_person_kr(15, 0)


def test_a_named_manager_gives_two_divisors(shipped):
    amounts = staffing.unit_amounts(shipped.load("staffing"))
    handicap = amounts[amounts["item_id"] == "so49_disability"].set_index("variant")
    assert handicap.loc["all", "divisor"] == 29  # 28 caseworkers + 1 manager
    assert handicap.loc["caseworkers", "divisor"] == 28
    assert handicap.loc["all", "divisor_text"] == "29 personer (28 sagsbehandlere + 1 afdelingsleder)"
    assert handicap.loc["caseworkers", "divisor_text"] == "28 sagsbehandlere (uden afdelingslederen)"
    assert handicap.loc["all", "formula"] == "15 × 1.000.000 ÷ (28 + 1)"
    # one row per amount with people, two for the one with a manager; the total 12,25 has no people
    assert len(amounts) == 6 and "oe501_capacity" not in set(amounts["item_id"])


def test_every_formula_computes_its_value(shipped):
    for _, row in staffing.unit_amounts(shipped.load("staffing")).iterrows():
        assert evaluate(row["formula"]) == pytest.approx(row["value"]), row["formula"]


def test_approximate_counts_stay_approximate(shipped):
    amounts = staffing.unit_amounts(shipped.load("staffing")).set_index("item_id")
    assert amounts.loc["so49_adults", "approximate"]
    assert amounts.loc["so49_adults", "divisor_text"] == "ca. 10 sagsbehandlere"
    assert not amounts.loc["oe501_restoration", "approximate"]


def test_several_managers_are_plural():
    amounts = staffing.unit_amounts(items(("x", 10, "2021 p/l", 18, "persons", "no", 2, None)))
    assert amounts["divisor"].tolist() == [20, 18]
    assert amounts["value"].tolist() == [500_000, pytest.approx(555_555.56, abs=0.01)]  # 10 mio. / 20; / 18
    assert amounts["divisor_text"].iloc[1] == "18 sagsbehandlere (uden afdelingslederne)"


def test_parts_add_up_to_the_stated_total(shipped):
    check = staffing.part_sums(shipped.load("staffing")).iloc[0]
    assert check["parts_sum"] == pytest.approx(12.25)  # 6,60 + 5,65
    assert check["stated"] == 12.25 and check["difference"] == 0
    assert check["formula"] == "6,60 + 5,65"


def test_parts_that_do_not_add_up_are_reported():
    frame = items(
        ("total", 12.25, "2012 p/l", None, None, None, None, None),
        ("a", 6.60, "2012 p/l", 12.8, "fte", "no", None, "total"),
        ("b", 5.60, "2012 p/l", 10.9, "fte", "no", None, "total"),
    )
    assert staffing.part_sums(frame).iloc[0]["difference"] == pytest.approx(-0.05)  # 12,20 − 12,25
    facts = staffing.staffing_facts(frame)
    assert facts["total_check"] == (
        "Det stemmer IKKE med den anbefalede bevilling på 12,25 mio. kr. (forskel -0,05 mio. kr.)."
    )


def test_amounts_at_two_price_levels_are_never_added():
    frame = items(
        ("total", 20, "2021 p/l", None, None, None, None, None),
        ("a", 15, "2021 p/l", 28, "persons", "no", None, "total"),
        ("b", 5, "2012 p/l", 10, "persons", "no", None, "total"),
    )
    with pytest.raises(ValueError, match="2012 p/l and 2021 p/l .* without a price index"):
        staffing.part_sums(frame)
    with pytest.raises(ValueError, match="price index"):
        staffing.same_price_level(frame)
    assert staffing.same_price_level(frame.iloc[:2]) == "2021 p/l"


def test_training_totals_by_hand(shipped):
    derived = staffing.training_derived(shipped.load("training")).set_index("measure")
    assert derived.loc["participants_total", "value"] == 800  # 350 + 200 + 250
    assert derived.loc["participants_total", "approximate"]  # a sum of estimates is an estimate
    assert derived.loc["specialists_total", "value"] == 9  # 3 + 3 + 3
    assert derived.loc["funding_per_specialist", "value"] == 600_000  # 5.400 × 1.000 / 9
    assert derived.loc["funding_per_specialist", "price_level"] == "2021 p/l"
    # No amount per participant: the competence money also pays for methods and new staff.
    assert "competence_per_participant" not in derived.index and len(derived) == 3


def test_training_totals_need_every_centre(shipped):
    training = shipped.load("training")
    partial = training[
        ~((training["measure"] == "participants") & (training["centre"] == "Borgercenter Voksne"))
    ]
    derived = staffing.training_derived(partial)
    assert "participants_total" not in set(derived["measure"])
    assert staffing.training_facts(partial)["participants_adults"] == "ikke oplyst"


def test_chapter_facts_from_the_shipped_data(shipped):
    facts = staffing.chapter_facts(shipped.load("staffing"), shipped.load("training"))
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
    fig = staffing.figure(shipped.load("staffing"), shipped.sources())
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
    assert "Intet prisindeks" in fig.layout.title.subtitle.text
    labels = [a.text for a in fig.layout.annotations]
    assert any("15 mio. kr. ÷ 29 personer (28 sagsbehandlere + 1 afdelingsleder)" in t for t in labels)
    assert "<b>Budgetnotat Ø501 (2011)</b>: beløb i 2012 p/l" in labels
    assert fig.layout.meta["alt"].startswith("Vandret søjlediagram")
    assert "intet prisindeks" in fig.layout.meta["alt"]


def test_figure_escapes_labels_from_data(shipped):
    frame = shipped.load("staffing").copy()
    frame.loc[0, "label"] = "<script>x</script>"
    labels = [a.text for a in staffing.figure(frame, shipped.sources()).layout.annotations]
    assert not any("<script>" in t for t in labels) and any("&lt;script&gt;" in t for t in labels)


def test_training_figure(shipped):
    fig = staffing.training_figure(shipped.load("training"), shipped.sources())
    bar = fig.data[0]
    assert list(bar.x) == [250, 200, 350]  # Børn og Unge, Voksne, Handicap from the bottom up
    assert list(bar.text) == ["ca. 250 sagsbehandlere", "ca. 200 sagsbehandlere", "ca. 350 sagsbehandlere"]
    assert bar.y[-1] == "Borgercenter Handicap<br>+ 3 borgermødespecialister"
    assert fig.layout.title.text == "Ca. 800 sagsbehandlere i 3 borgercentre skal opkvalificeres"
    assert "I alt ca. 800" in fig.layout.meta["alt"]


def test_chart_data_keeps_price_levels_and_provenance(shipped):
    data = staffing.chart_data(shipped.load("staffing"))
    # 6 amounts + 5 staff counts + 1 manager count + 6 amounts per person
    assert len(data) == 18
    assert data.loc[data["unit"] == "mio. kr.", "price_level"].notna().all()
    derived = data[data["kind"] == "derived"]
    assert len(derived) == 6 and derived["formula"].notna().all()


def test_training_data_has_stated_and_derived_rows(shipped):
    data = staffing.training_data(shipped.load("training"))
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


# --- Schema rejections: one line naming file, row and column ------------------------------------


def _break(data_copy, name, find, replace):
    path = data_copy / name
    text = path.read_text(encoding="utf-8")
    assert find in text, f"test setup: {find!r} not in {name}"
    path.write_text(text.replace(find, replace, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "name, find, replace, row, column, words",
    [
        ("staffing.csv", "temporary,4.3,", "temporary,-4.3,", 2, "amount_mio_kr", "0 or more"),
        ("staffing.csv", "4.3,2012 p/l", "4.3,2012 prices", 2, "price_level", "like '2021 p/l'"),
        ("staffing.csv", "8.6,fte,no", "8.6,,no", 2, "staff_unit", "go together"),
        ("staffing.csv", "8.6,fte,no", "8.6,fte,", 2, "approximate", "go together"),
        ("staffing.csv", "8.6,fte,no", "8.6,fte,ca", 2, "approximate", "must be one of"),
        ("staffing.csv", "8.6,fte,no", "0,fte,no", 2, "staff", "more than 0"),
        (
            "staffing.csv",
            ",oe501_capacity,permanent,6.6",
            ",oe501_nothing,permanent,6.6",
            4,
            "part_of",
            "item_id of another row",
        ),
        ("staffing.csv", "28,persons,no,1", "28.5,persons,no,1", 6, "staff", "whole number"),
        ("staffing.csv", "28,persons,no,1", "28,fte,no,1", 6, "managers", "counted in persons"),
        ("staffing.csv", "temporary,4.3", "temporarily,4.3", 2, "permanence", "must be one of"),
        ("staffing.csv", "oe501_restoration,", "OE501 restoration,", 2, "item_id", "lower-case letters"),
        ("staffing.csv", "28,persons,no,1", "28,persons,no,1.5", 6, "managers", "whole number"),
        ("staffing.csv", "28,persons,no,1", "28,persons,no,-1", 6, "managers", "0 or more"),
        ("staffing.csv", "28,persons,no,1,stated", "28,persons,no,1,guessed", 6, "kind", "must be one of"),
        (
            "training.csv",
            "350,persons,yes,,",
            "350,persons,yes,2021 p/l,",
            2,
            "price_level",
            "needs its price level",
        ),
        (
            "training.csv",
            "participants,Borgercenter Handicap",
            "attendees,Borgercenter Handicap",
            2,
            "measure",
            "must be one of",
        ),
        ("training.csv", "350,persons", "-350,persons", 2, "value", "0 or more"),
        ("training.csv", "350,persons,yes", "350,persons,maybe", 2, "approximate", "must be one of"),
        (
            "training.csv",
            "6000,1000 kr,no,2021 p/l",
            "6000,1000 kr,no,",
            8,
            "price_level",
            "needs its price level",
        ),
        ("training.csv", "350,persons", "350,count", 2, "unit", "counted in persons"),
        ("training.csv", "350,persons", "350.5,persons", 2, "value", "whole number"),
        (
            "training.csv",
            "participants,Borgercenter Handicap",
            "participants,Borgercenter Ældre",
            2,
            "centre",
            "must be one of",
        ),
        (
            "training.csv",
            "participants,Borgercenter Handicap",
            "participants,",
            2,
            "centre",
            "belongs to a centre",
        ),
        ("training.csv", "2021 p/l,2021,2024", "2021 p/l,2025,2024", 8, "last_year", "ends before it starts"),
        (
            "training.csv",
            "6000,1000 kr,no,2021 p/l",
            "6000,count,no,",
            8,
            "unit",
            "an amount is in 1000 kr or mio. kr",
        ),
    ],
)
def test_bad_rows_are_rejected(data_copy, name, find, replace, row, column, words):
    path = _break(data_copy, name, find, replace)
    with pytest.raises(DataError) as caught:
        DataFolder(data_copy).load(name.removesuffix(".csv"))
    error = caught.value
    assert (error.row, error.column) == (row, column), str(error)
    assert words in error.message
    assert "\n" not in str(error) and str(error).startswith(f"{path}, row {row}, column '{column}': ")


def test_built_pages_stay_light(built_book):
    for name in ["bemanding.html", "handlingsplan2007.html"]:
        assert (built_book / "notebooks" / name).stat().st_size < 1_000_000, name
