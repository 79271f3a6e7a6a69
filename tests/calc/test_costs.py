"""The budget notes' costs: every printed sum recomputed (checked here by hand arithmetic), the
amounts by activity, the tables' structure and the timeline's runs."""

import pandas as pd
import pytest

from analysis.calc import costs, schedule
from analysis.calc.tolerance import status
from analysis.data import DataFolder
from analysis.vocabulary import AGREES, DEVIATES, SIGN_TURNED


@pytest.fixture(scope="module")
def data():
    folder = DataFolder()
    return folder.load("budget_lines"), folder.sources(), folder.load("capital_schedule")


@pytest.fixture(scope="module")
def checks(data):
    return costs.sum_checks(data[0])


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
    # SO49 T1: 5 rows with "I alt" (5) + the total's 5 columns (5) + 5 rows × 5 columns matched in T2
    # (25) = 35
    # SO49 T2: 14 rows with "I alt" (14) + 3 parent rows × 5 columns (15) = 29
    # Ø501 T1: 4 rows summing others × 4 years = 16; Ø501 T2: 1 × 4 = 4
    assert checks.groupby("table_id", sort=False).size().tolist() == [35, 29, 16, 4]
    assert len(checks) == 84


def test_the_sign_discrepancy_is_detected(checks):
    """Ø501 Tabel 1 prints "Samlede udgifter" as -15.550 and -7.750, but its parts add up to +15.550
    and +7.750. If this stops being detected, the chapter would hide the source's error."""
    off = checks[checks["status"] != AGREES]
    assert set(zip(off["table_id"], off["row_id"])) == {("oe501-t1", "total")}
    assert off["column"].tolist() == ["2012", "2013", "2014", "2015"]
    assert (off["status"] == SIGN_TURNED).all()
    assert off["difference"].tolist() == [-31100, -15500, -15500, -15500]  # -15.550 − 15.550; -7.750 − 7.750
    assert off["parts"].iloc[0] == (17550, 1000, -3000)


def test_status_tells_a_sign_error_from_other_errors():
    assert status(100, 100) == AGREES
    assert status(-100, 100) == SIGN_TURNED
    assert status(-100, 90) == DEVIATES
    assert status(0, 0) == AGREES
    assert status(9.25, 9.3, 0.05) == AGREES  # the bound itself agrees, binary floats or not


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


@pytest.mark.parametrize("total, expected", [(100, AGREES), (-100, SIGN_TURNED), (110, DEVIATES)])
def test_discrepancies_in_a_constructed_table(total, expected):
    checks = costs.sum_checks(constructed(total))
    assert checks["status"].tolist() == [expected]
    assert checks["parts"].tolist() == [(30.0, 70.0)]


def test_structure_findings(data):
    breakdowns = costs.unparented_breakdowns(data[0])
    assert [(g["label"].tolist(), target) for g, target in breakdowns] == [
        (["udsatte voksne", "voksne med sindslidelse"], "so49-t1/voksne")
    ]
    [(table_id, name, rows)] = costs.appropriation_codes(data[0])
    assert (table_id, name, sorted(rows["code"])) == (
        "so49-t2",
        "Børnefamilier med særlige behov",
        ["000", "3000"],
    )


def test_appropriation_numbers_are_kept_as_printed(data):
    lines, _, _ = data
    printed = set(lines.loc[lines["table_id"] == "so49-t2", "appropriation"].dropna())
    assert {"3000 - Børnefamilier med særlige behov", "000 - Børnefamilier med særlige behov"} <= printed


def test_by_appropriation_adds_the_lowest_lines(data):
    lines, _, _ = data
    frame = costs.by_appropriation(lines, "so49-t2", unnamed="ikke angivet").set_index(
        "appropriation", drop=False
    )
    committee = frame[frame["level"] == 0].iloc[0]
    assert (committee["committee"], committee["2021"], committee["I alt"], committee["lines"]) == (
        "SUD",
        16400,
        110600,
        11,
    )
    # 3220: 0 + 2.510 + 1.800 = 4.310 in 2021; 15.000 + 2.510 + 1.800 = 19.310 in 2022; 45.000 +
    # 10.040 + 7.200
    row = frame.loc["3220 - Borgere med handicap"]
    assert (row["2021"], row["2022"], row["I alt"]) == (4310, 19310, 62240)
    assert frame.loc["3210 - Udsatte voksne", "2021"] == 3430  # 1.960 + 750 + 720
    assert frame.loc["3200 - Borgere med sindslidelse", "2021"] == 5280  # 3.040 + 1.160 + 1.080
    # One appropriation printed with two numbers (3000 and 000) is one item: 1.580 + 1.800 = 3.380,
    # over two lines; it is never summed as two appropriations.
    merged = frame.loc["3000 / 000 - Børnefamilier med særlige behov"]
    assert (merged["2021"], merged["lines"]) == (3380, 2)
    assert not (
        {"3000 - Børnefamilier med særlige behov", "000 - Børnefamilier med særlige behov"} & set(frame.index)
    )
    # 4.310 + 3.430 + 5.280 + 3.380 = 16.400, the table's total, over four appropriations
    level1 = frame[frame["level"] == 1]
    assert level1["2021"].sum() == 16400 and len(level1) == 4


def test_an_appropriation_with_two_numbers_in_two_tables_is_one_item(data):
    lines = data[0].copy()
    # Move the 000 row's number into another table of the same note: still one item.
    second = lines[lines["row_id"] == "borgermoede-boern"].assign(table_id="so49-t3", parent_row_id=None)
    lines = pd.concat([lines[lines["row_id"] != "borgermoede-boern"], second], ignore_index=True)
    [(table_id, name, rows)] = costs.appropriation_codes(lines)
    assert (name, sorted(rows["code"]), sorted(set(rows["table_id"]))) == (
        "Børnefamilier med særlige behov",
        ["000", "3000"],
        ["so49-t2", "so49-t3"],
    )
    assert costs.one_item(lines)["000 - Børnefamilier med særlige behov"] == (
        "3000 / 000 - Børnefamilier med særlige behov"
    )
    # Another note using the same name with another number is another item.
    other = second.assign(table_id="xx-t1", source_id="oe501")
    assert len(costs.appropriation_codes(pd.concat([data[0], other], ignore_index=True))) == 1


# --- Amounts by activity ------------------------------------------------------------------------


def test_activities_count_nothing_twice(data):
    lines, _, _ = data
    cells = costs.activities(lines)
    # SO49: the four rows of Tabel 1 (Tabel 2 breaks them down); Ø501: the five lines of Tabel 1 and
    # one of Tabel 2
    assert cells.groupby("source_id")["row_id"].nunique().to_dict() == {"so49": 4, "oe501": 6}
    assert set(cells["table_id"]) == {"so49-t1", "oe501-t1", "oe501-t2"}


def test_yearly_and_multi_year_totals(data):
    lines = data[0]
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
    totals = costs.note_totals(lines).set_index("source_id")
    assert (totals.loc["oe501", "first_year"], totals.loc["oe501", "last_year"]) == (2012, 2015)
    assert totals.loc["oe501", "amount"] == 39800 and totals.loc["oe501", "price_level"] == 2012


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
    assert runs[["start_year", "start_quarter", "end_year", "end_quarter"]].values.tolist() == [
        [2011, 4, 2012, 1],
        [2012, 3, 2012, 3],
    ]
