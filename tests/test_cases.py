"""Compliance computed from a case extract, on small extracts whose answers were worked out by hand."""

import re

import nbformat
import pandas as pd
import papermill
import pytest

from analysis.calc import cases
from analysis.data import DataError, DataFolder
from analysis.paths import NOTEBOOKS_DIR
from analysis.present import tables

HEADER = "case_id,borgercenter,case_type,received_date,decision_date,deadline_days"
# Measured as of 30 June 2020. Days are calendar days from receipt to decision (2020 is a leap year).
EXTRACT = [
    ("H1", "handicap", "2020-01-02", "2020-01-20", 30),  # 18 days: on time, 1st quarter
    ("H2", "handicap", "2020-01-10", "2020-03-01", 30),  # 21 + 29 + 1 = 51 days: late, 1st quarter
    ("H3", "handicap", "2020-03-01", "2020-03-31", 30),  # 30 days, the deadline day itself: on time
    ("H4", "handicap", "2020-03-01", "2020-04-01", 30),  # 31 days: late, decided in the 2nd quarter
    ("H5", "handicap", "2020-05-01", None, 30),  # open, 60 days at 30 June: open-late, 2nd quarter
    ("H6", "handicap", "2020-06-15", None, 30),  # open, 15 days: within, left out
    ("H7", "handicap", "2020-05-20", "2020-07-10", 30),  # decided after 30 June: open, 41 days: open-late
    ("H8", "handicap", "2020-06-20", "2020-07-05", 30),  # decided after 30 June: open, 10 days: left out
    ("H9", "handicap", "2020-07-02", "2020-07-03", 30),  # received after 30 June: left out
    ("H10", "handicap", "2020-05-31", None, 30),  # open, exactly 30 days: still within, left out
    ("V1", "voksne", "2019-11-01", "2020-01-15", 56),  # 30 + 31 + 14 = 75 days: late, 1st quarter 2020
    ("V2", "voksne", "2019-12-01", "2019-12-20", 56),  # 19 days: on time, 4th quarter 2019
    ("V3", "voksne", "2020-04-01", "2020-05-26", 56),  # 30 + 25 = 55 days: on time, 2nd quarter
]


def extract(rows=EXTRACT) -> pd.DataFrame:
    """The extract as the data folder hands it over: text dates, whole-number deadlines."""
    frame = pd.DataFrame(
        rows, columns=["case_id", "borgercenter", "received_date", "decision_date", "deadline_days"]
    ).assign(case_type="§ 100")
    return frame.astype({"received_date": "string", "decision_date": "string", "deadline_days": "Int64"})


def by_period(result: pd.DataFrame) -> dict:
    return {
        (r.borgercenter, r.period_start): (r.on_time, r.late, r.open_late, r.open_within)
        for r in result.itertuples()
    }


def test_quarters_as_of_the_end_of_june():
    result = cases.compliance(extract(), "2020-06-30", "quarter")
    # (on time, decided late, open past the deadline, open within it)
    assert by_period(result) == {
        ("handicap", "2020-01-01"): (2, 1, 0, 0),  # H1, H3 on time; H2 late
        ("handicap", "2020-04-01"): (0, 1, 2, 3),  # H4 late; H5, H7 open-late; H6, H8, H10 within
        ("voksne", "2019-10-01"): (1, 0, 0, 0),  # V2
        ("voksne", "2020-01-01"): (0, 1, 0, 0),  # V1
        ("voksne", "2020-04-01"): (1, 0, 0, 0),  # V3
    }
    shares = dict(zip(zip(result["borgercenter"], result["period_start"]), result["low"]))
    assert shares[("handicap", "2020-01-01")] == pytest.approx(200 / 3)  # 2 / (3 + 0)
    assert shares[("handicap", "2020-04-01")] == 0  # 0 / (1 + 2)
    assert shares[("voksne", "2019-10-01")] == 100
    assert (result["low"] == result["high"]).all()
    handicap_q2 = result.iloc[1]
    assert handicap_q2["period"] == "2. kvartal 2020" and handicap_q2["period_end"] == "2020-06-30"
    assert handicap_q2["value_text"] == "0,0 pct."
    assert result.iloc[0]["value_text"] == "66,7 pct."


def test_a_year_cut_at_the_measurement_date():
    result = cases.compliance(extract(), "2020-06-30", "year")
    assert by_period(result) == {
        ("handicap", "2020-01-01"): (2, 2, 2, 3),
        ("voksne", "2019-01-01"): (1, 0, 0, 0),
        ("voksne", "2020-01-01"): (1, 1, 0, 0),
    }
    assert result["low"].tolist() == pytest.approx([100 * 2 / 6, 100, 50])
    assert result["period"].tolist() == ["2020 (til 30. juni 2020)", "2019", "2020 (til 30. juni 2020)"]
    assert result["period_end"].tolist() == ["2020-06-30", "2019-12-31", "2020-06-30"]


def test_half_years():
    result = cases.compliance(extract(), "2020-06-30", "half-year")
    assert by_period(result) == {
        ("handicap", "2020-01-01"): (2, 2, 2, 3),
        ("voksne", "2019-07-01"): (1, 0, 0, 0),
        ("voksne", "2020-01-01"): (1, 1, 0, 0),
    }
    assert result["period"].tolist() == ["1. halvår 2020", "2. halvår 2019", "1. halvår 2020"]


def test_measurement_date_defaults_to_the_latest_date_in_the_extract():
    assert cases.measurement_day(extract()) == pd.Timestamp("2020-07-10")  # H7's decision
    result = cases.compliance(extract(), period="quarter")
    # As of 10 July: H7 decided, 51 days, late; H8 15 days and H9 1 day on time; H5 (70 days) and
    # H10 (40 days) open past the deadline; H6 (25 days) open within it.
    assert by_period(result)[("handicap", "2020-07-01")] == (2, 1, 2, 1)
    assert by_period(result)[("handicap", "2020-04-01")] == (0, 1, 0, 0)  # H4 only
    assert result.iloc[2]["period"] == "3. kvartal 2020 (til 10. juli 2020)"
    assert result.iloc[2]["low"] == 40  # 2 / (3 + 2)


def test_an_open_case_on_its_deadline_day_is_within_and_the_day_after_late():
    one = [("A", "voksne", "2020-03-01", None, 30)]
    assert by_period(cases.compliance(extract(one), "2020-03-31")) == {}  # 30 days: within, nothing measured
    assert by_period(cases.compliance(extract(one), "2020-04-01")) == {("voksne", "2020-04-01"): (0, 0, 1, 0)}


def test_every_case_received_after_the_measurement_date():
    result = cases.compliance(extract(), "2010-01-01")
    assert result.empty and "low" in result.columns


def test_typed_dates_give_the_same_result():
    typed = extract().assign(
        **{c: pd.to_datetime(extract()[c]) for c in ("received_date", "decision_date")},
        borgercenter=lambda f: f["borgercenter"].astype("category"),
    )
    assert by_period(cases.compliance(typed, "2020-06-30")) == by_period(
        cases.compliance(extract(), "2020-06-30")
    )


def test_totals_count_every_case_once():
    assert cases.totals(extract(), "2020-06-30") == {
        "cases": 13,
        "received_later": 1,
        "on_time": 4,
        "late": 3,
        "open_late": 2,
        "open_within": 3,
    }


def test_provenance_names_the_file_and_the_formula():
    result = cases.compliance(extract(), "2020-06-30", source="mit_udtraek.xlsx")
    assert set(result["kind"]) == {"derived"} and set(result["source_id"]) == {"mit_udtraek.xlsx"}
    assert result.iloc[1]["formula"] == (
        "rettidigt afgjorte / (afgjorte + åbne over fristen) × 100 = 0 / (1 + 2) × 100"
    )
    table = cases.values_table(result).data
    assert "mit_udtraek.xlsx" in table and 'href="kilder.html#kilde-mit_udtraek' not in table
    assert "= 2 / (3 + 0) × 100" in table


def test_unknown_period_is_refused():
    with pytest.raises(ValueError, match="quarter, half-year, year"):
        cases.compliance(extract(), "2020-06-30", "month")


def test_registered_sources_are_still_linked():
    assert tables.source_link("so49") == '<a href="kilder.html#kilde-so49">so49</a>'
    assert tables.source_link("cases.csv") == "cases.csv"


# --- The data set ---------------------------------------------------------------------------------


def write(folder, rows, header=HEADER):
    folder.mkdir(exist_ok=True)
    (folder / "cases.csv").write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return folder / "cases.csv"


def test_an_absent_extract_is_no_error(shipped):
    assert shipped.load("cases") is None


def test_a_supplied_extract_is_loaded(tmp_path):
    write(tmp_path, ["A,handicap,§ 100,2020-01-02,2020-01-20,30", "B,voksne,§ 85,2020-02-01,,1.000"])
    frame = DataFolder(tmp_path).load("cases")
    assert frame["deadline_days"].tolist() == [30, 1000]
    assert frame["decision_date"].isna().tolist() == [False, True]


@pytest.mark.parametrize(
    "row, column, words",
    [
        (
            "B,voksne,§ 85,2020-02-01,2020-01-31,30",
            "decision_date",
            "the decision date is before the received date",
        ),
        ("B,voksne,§ 85,2020-02-01,,0", "deadline_days", "must be a positive whole number of days"),
        ("B,voksne,§ 85,2020-02-01,,-5", "deadline_days", "must be a positive whole number of days"),
        ('B,voksne,§ 85,2020-02-01,,"30,5"', "deadline_days", "'30,5' must be a whole number"),
        ("B,voksne,§ 85,2020-02-01,,tredive", "deadline_days", "'tredive' is not a number"),
        (
            "B,tandpleje,§ 85,2020-02-01,,30",
            "borgercenter",
            "must be one of: handicap, voksne, boern-og-unge",
        ),
        ("B,voksne,§ 85,01-02-2020,,30", "received_date", "must be a date written YYYY-MM-DD"),
        ("B,voksne,§ 85,2020-02-01,2020-02-30,30", "decision_date", "must be a date written YYYY-MM-DD"),
        ("B,voksne,§ 85,,,30", "received_date", "the cell is empty but a value is required"),
        ("A,voksne,§ 85,2020-02-01,,30", "case_id", "repeats a key"),
    ],
)
def test_bad_cases_are_rejected_with_file_row_and_column(tmp_path, row, column, words):
    path = write(tmp_path, ["A,handicap,§ 100,2020-01-02,2020-01-20,30", row])
    with pytest.raises(DataError) as caught:
        DataFolder(tmp_path).load("cases")
    assert (caught.value.row, caught.value.column) == (3, column)
    assert words in caught.value.message
    assert str(caught.value).startswith(f"{path}, row 3, column '{column}': ")


def test_the_first_bad_number_of_a_column_is_reported(tmp_path):
    rows = [f"C{i},handicap,§ 100,2020-01-02,,{v}" for i, v in enumerate(["30", "2.5", "x", "30"])]
    write(tmp_path, rows)
    with pytest.raises(DataError, match=r"row 3, column 'deadline_days': '2.5' must be a whole number"):
        DataFolder(tmp_path).load("cases")


# --- The chapter ----------------------------------------------------------------------------------


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
    write(
        data_copy,
        [
            ",".join("" if v is None else str(v) for v in row[:2])
            + ",§ 100,"
            + ",".join("" if v is None else str(v) for v in row[2:])
            for row in EXTRACT
        ],
    )
    shown = run_chapter(tmp_path, data_dir=str(data_copy), measurement_date="2020-06-30", period="quarter")
    assert "Bogen kan også beregne" not in shown
    assert "med 13 sager, opgjort pr. 30. juni 2020 og pr. kvartal" in shown
    assert "4 sager afgjort inden for fristen, 3 afgjort efter fristen og 2 åbne sager over fristen" in shown
    assert "3 åbne sager, der stadig er inden for fristen, og 1 sag modtaget efter" in shown
    assert (
        "Andel af sager afgjort inden for fristen, beregnet af sagsudtr" in shown
    )  # the figure (JSON-escaped æ)
    assert "Overholdelse beregnet af sagsudtrækket" in shown and "66,7 pct." in shown  # the table
    assert "sagsfrister_beregnet.csv" in shown and "data:text/csv" in shown
    assert re.search(r"cases\.csv \(egne data: [^)]*data\)", shown)  # the data note names the user's file


def test_built_book_links_the_sentence_to_the_data_dictionary_entry(built_book):
    chapter = (built_book / "notebooks" / "sagsfrister.html").read_text(encoding="utf-8")
    assert "Bogen kan også beregne overholdelsen selv af et sagsudtræk" in chapter
    assert 'href="dataordbog.html#data-cases"' in chapter and "Regnereglen" in chapter
    dictionary = (built_book / "notebooks" / "dataordbog.html").read_text(encoding="utf-8")
    assert 'id="data-cases"' in dictionary and "the decision date is before the received date" in dictionary
