"""Service targets and results (Kommuneqarfik Sermersooq, Greenland): status rules worked out by
hand, the shipped scorecard, facts for the prose, figures, schema rejections and the toc entry."""

import pytest
import yaml

from analysis.calc import scorecard
from analysis.data import DataError, DataFolder
from analysis.paths import REPO_ROOT

YEAR, QUARTER = 2019, 4


# --- The status rules ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "low, high, limit, direction, expected",
    [
        # at least 95
        (96, 99, 95, "at least", "met"),  # wholly above
        (95, 98, 95, "at least", "met"),  # the threshold itself meets "at least"
        (90, 95, 95, "at least", "partly met"),  # the shipped payments range: 90 < 95 <= 95
        (93, 97, 95, "at least", "partly met"),  # straddles from below to above
        (90, 94, 95, "at least", "not met"),  # wholly below
        (97, 97, 95, "at least", "met"),  # a single value is a range with low == high
        (94, 94, 95, "at least", "not met"),
        # at most 14 (days of waiting)
        (10, 14, 14, "at most", "met"),  # up to and including the ceiling
        (12, 16, 14, "at most", "partly met"),  # 12 <= 14 < 16
        (15, 20, 14, "at most", "not met"),  # wholly above the ceiling
        (15, 15, 14, "at most", "not met"),
        (14, 14, 14, "at most", "met"),
    ],
)
def test_range_status(low, high, limit, direction, expected):
    assert scorecard.range_status(low, high, limit, direction) == expected


def test_the_same_range_reads_opposite_ways_for_at_least_and_at_most():
    # 96-99 against 95: above it, so met as a floor and not met as a ceiling.
    assert scorecard.range_status(96, 99, 95, "at least") == "met"
    assert scorecard.range_status(96, 99, 95, "at most") == "not met"


def test_range_status_refuses_an_upside_down_range_and_unknown_direction():
    with pytest.raises(ValueError, match="upside down"):
        scorecard.range_status(95, 90, 95, "at least")
    with pytest.raises(ValueError, match="unknown direction"):
        scorecard.range_status(90, 95, 95, "exactly")


TARGET = {"target_id": "t", "value": 95.0, "direction": "at least", "unit": "pct"}
NO_THRESHOLD = {"target_id": "u", "value": float("nan"), "direction": None, "unit": None}


def result(low=None, high=None, unit="pct", verdict=None):
    return {
        "low": float("nan") if low is None else low,
        "high": float("nan") if high is None else high,
        "unit": unit,
        "stated_verdict": verdict,
    }


def test_assess_gives_all_five_statuses():
    assert scorecard.assess(TARGET, result(96, 98)).status == "met"
    assert scorecard.assess(TARGET, result(90, 95)).status == "partly met"
    assert scorecard.assess(TARGET, result(80, 85)).status == "not met"
    assert scorecard.assess(TARGET, None).status == "not measured"
    assert scorecard.assess(TARGET, result(22, 22, unit="per week")).status == "not assessable"


def test_assess_labels_and_reasons_are_danish():
    partly = scorecard.assess(TARGET, result(90, 95))
    assert partly.label == "delvist opfyldt"
    assert partly.reason.startswith("Resultatet (90-95 pct.) rækker over målets grænse (mindst 95 pct.)")
    assert scorecard.assess(TARGET, result(96, 98)).label == "opfyldt"
    assert scorecard.assess(TARGET, result(80, 85)).label == "ikke opfyldt"
    assert scorecard.assess(TARGET, None).label == "ikke målt"
    assert scorecard.assess(TARGET, None).reason == "Kilden oplyser intet resultat for målet."


def test_a_result_stated_in_words_takes_the_stated_verdict_without_a_number():
    met = scorecard.assess(TARGET, result(unit=None, verdict="met"))
    assert (met.status, met.label) == ("met", "opfyldt")
    assert "i ord" in met.reason and "intet tal" in met.reason
    assert scorecard.assess(TARGET, result(unit=None, verdict="not met")).status == "not met"


def test_a_result_in_another_unit_cannot_be_assessed_and_says_why():
    target = {"target_id": "c", "value": 18.0, "direction": "at least", "unit": "per week per caseworker"}
    # 22 > 18, but per week (for whom?) is not per week per caseworker: no verdict.
    verdict = scorecard.assess(target, result(22, 22, unit="per week"))
    assert verdict.status == "not assessable"
    assert "pr. uge" in verdict.reason and "pr. uge pr. sagsbehandler" in verdict.reason


def test_a_target_without_threshold():
    assert scorecard.assess(NO_THRESHOLD, None).reason.startswith("Målet har ingen målbar tærskel")
    assert scorecard.assess(NO_THRESHOLD, result(40, 40, unit="count")).status == "not assessable"


@pytest.mark.parametrize(
    "low, high, unit, expected",
    [
        (90, 95, "pct", "90-95 pct."),
        (95, 95, "pct", "95 pct."),
        (22, 22, "per week", "22 pr. uge"),
        (1564, 1564, "count", "1.564"),
        (14, 14, "days", "14 dage"),
        (None, None, "pct", "ikke oplyst"),
    ],
)
def test_reported_keeps_a_range_a_range(low, high, unit, expected):
    assert scorecard.reported(low, high, unit) == expected


# --- The shipped data ----------------------------------------------------------------------------


@pytest.fixture
def tables(shipped):
    return shipped.load("service_targets"), shipped.load("service_results")


def test_shipped_scorecard(tables):
    targets, results = tables
    card = scorecard.scorecard(targets, results, YEAR, QUARTER).set_index("target_id")
    assert len(card) == 15  # the 15 targets listed under "Sagsfremstilling"; 2 removed ones are not scored
    assert card.loc["payments_on_time", "status"] == "partly met"
    assert card.loc["payments_on_time", "result"] == "90-95 pct."
    assert card.loc["interviews_within_10_days", "status"] == "met"
    assert "opfyldes" in card.loc["interviews_within_10_days", "result_quote"]
    assert card.loc["calendar_interviews", "status"] == "not assessable"
    assert card.loc["calendar_interviews", "threshold"] == "mindst 18 pr. uge pr. sagsbehandler"
    assert card.loc["housing_benefit_time", "threshold"] == "højst 5 dage"
    assert card.loc["application_waiting_time", "threshold"] == "højst 10 arbejdsdage"
    # By hand: 3 targets have a result (payments, interviews in words, calendar); 15 - 3 = 12 not measured.
    assert card["status"].value_counts().to_dict() == {
        "not measured": 12,
        "partly met": 1,
        "met": 1,
        "not assessable": 1,
    }


def test_activity_figures_have_no_target_and_removed_targets_are_listed(tables):
    targets, results = tables
    assert scorecard.activity(results, YEAR, QUARTER)["high"].tolist() == [270, 40, 40, 25]
    removed = scorecard.removed(targets)
    assert removed["target_id"].tolist() == ["weekly_action_plans", "phone_focus"]
    assert removed["threshold"].tolist() == ["mindst 10 pr. uge pr. sagsbehandler", "ingen målbar tærskel"]


def test_another_quarter_has_no_results(tables):
    targets, results = tables
    card = scorecard.scorecard(targets, results, 2020, 1)
    assert set(card["status"]) == {"not measured"}
    assert scorecard.activity(results, 2020, 1).empty


def test_a_result_for_an_unknown_target_is_a_data_error(tables):
    targets, results = tables
    broken = results.copy()
    broken.loc[5, "target_id"] = "nowhere"
    with pytest.raises(DataError) as caught:
        scorecard.scorecard(targets, broken, YEAR, QUARTER)
    assert (caught.value.row, caught.value.column) == (7, "target_id")  # data row 5 is file row 7
    assert "unknown target 'nowhere'" in str(caught.value)


def test_chapter_facts(shipped, tables):
    facts = scorecard.chapter_facts(*tables, shipped.sources(), YEAR, QUARTER)
    assert facts["period_long"] == "4. kvartal 2019 (oktober–december 2019)"
    assert facts["source_reference"] == "J.nr. EMN-2020-00627"
    assert facts["organisation"].startswith("Kommuneqarfik Sermersooq")
    assert (facts["n_active"], facts["n_threshold"], facts["n_with_result"]) == ("15", "6", "3")
    assert facts["n_not_measured"] == "12"
    assert facts["status_summary"] == "1 opfyldt, 1 delvist opfyldt og 1 kan ikke vurderes"
    assert (facts["n_removed"], facts["n_activity"]) == ("2", "4")
    assert facts["payments_on_time_result"] == "90-95 pct."
    assert facts["payments_on_time_threshold"] == "mindst 95 pct."
    assert facts["payments_on_time_status"] == "delvist opfyldt"
    assert facts["interviews_within_10_days_status"] == "opfyldt"
    assert facts["interviews_within_10_days_stated_quote"].endswith("indenfor 10 dage, opfyldes.")
    assert facts["calendar_interviews_status"] == "kan ikke vurderes"
    assert facts["conversations_per_week_value"] == "22 pr. uge"
    assert facts["conversations_value"] == "270" and facts["action_plan_followups_value"] == "25"
    assert facts["action_plans_for_all_status"] == "ikke målt"


def test_facts_say_missing_when_a_named_row_is_absent(shipped, tables):
    targets, results = tables
    facts = scorecard.chapter_facts(
        targets, results[results["result_id"] != "conversations"], shipped.sources(), YEAR, QUARTER
    )
    assert facts["conversations_value"] == "ikke oplyst"
    assert facts["n_activity"] == "3"


# --- Figures and tables --------------------------------------------------------------------------


def test_range_figure_draws_the_range_and_the_threshold_marks(shipped, tables):
    targets, results = tables
    card = scorecard.scorecard(targets, results, YEAR, QUARTER)
    fig = scorecard.range_figure(card, shipped.sources(), YEAR, QUARTER)
    ranges = [t for t in fig.data if t.legendgroup == "result"]
    assert len(ranges) == 1 and list(ranges[0].x) == [90, 95]  # a range, not a midpoint
    marks = next(t for t in fig.data if t.name == "Mål (tærskel)")
    assert dict(zip(marks.y, marks.x)) == {"Rettidige udbetalinger": 95, "Samtaler inden for 10 dage": 90}
    labels = [a.text for a in fig.layout.annotations]
    assert "Resultat 90-95 pct.: delvist opfyldt" in labels
    assert "Intet tal, oplyst i ord: opfyldt" in labels  # no point drawn for a result in words
    assert "Mål: mindst 95 pct." in labels
    assert (
        fig.layout.title.text
        == "Rettidige udbetalinger: 90-95 pct. mod et mål på mindst 95 pct., delvist opfyldt"
    )
    assert "Kommuneqarfik Sermersooq, Grønland" in fig.layout.title.subtitle.text
    assert "4. kvartal 2019" in fig.layout.title.subtitle.text
    assert "Kilde: Sermersooq, 4. kvartal 2019" in labels
    assert "Grønland" in fig.layout.meta["alt"] and "delvist opfyldt" in fig.layout.meta["alt"]


def test_activity_figure_shows_counts_not_targets(shipped, tables):
    fig = scorecard.activity_figure(tables[1], shipped.sources(), YEAR, QUARTER)
    bars = fig.data[0]
    assert bars.type == "bar" and sorted(bars.x) == [25, 40, 40, 270]
    assert "Akutte samtaler" in bars.y
    assert "Markør: oplyst i kilden" in [t.name for t in fig.data]
    assert fig.layout.title.text.startswith("270 samtaler og 40 handlingsplaner i 4. kvartal 2019")
    assert "Kommuneqarfik Sermersooq, Grønland" in fig.layout.title.subtitle.text
    assert "Akutte samtaler: 40" in fig.layout.meta["alt"]


def test_scorecard_table_shows_status_words(tables):
    card = scorecard.scorecard(*tables, YEAR, QUARTER)
    page = scorecard.scorecard_table(card, YEAR, QUARTER).data
    for word in ["delvist opfyldt", "kan ikke vurderes", "ikke målt", "18 kalendersatte samtaler"]:
        assert word in page
    assert "Kommuneqarfik Sermersooq, Grønland" in page


def test_results_data_keeps_ranges_and_provenance(tables):
    targets, results = tables
    data = scorecard.results_data(results, targets, YEAR, QUARTER).set_index("result")
    row = data.loc["Udbetalinger rettidigt målt i procent"]
    assert (row["low"], row["high"], row["reported"]) == (90, 95, "90-95 pct.")
    assert row["source_id"] == "sermersooq2019q4" and "90-95%" in row["quote"]
    assert data.loc["Akutte samtaler", "target"] == "ingen (aktivitetstal)"
    assert set(data["place"]) == {"Kommuneqarfik Sermersooq, Grønland"}


# --- Schema rejections ---------------------------------------------------------------------------


def _break(data_copy, name, find, replace):
    path = data_copy / name
    text = path.read_text(encoding="utf-8")
    assert find in text, f"test setup: {find!r} not in {name}"
    path.write_text(text.replace(find, replace, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "name, find, replace, row, column, words",
    [
        ("service_results.csv", "2019,4,90,95,pct", "2019,4,95,90,pct", 7, "high", "upside down"),
        ("service_results.csv", "2019,4,90,95,pct", "2019,4,90,105,pct", 7, "high", "between 0 and 100"),
        ("service_results.csv", "2019,4,90,95,pct", "2019,4,90,,pct", 7, "high", "both low and high"),
        ("service_results.csv", "2019,4,90,95,pct", "2019,4,-90,95,pct", 7, "low", "0 or more"),
        ("service_results.csv", "2019,4,90,95,pct", "2019,5,90,95,pct", 7, "quarter", "1, 2, 3 or 4"),
        ("service_results.csv", "2019,4,90,95,pct", "2019,4,90,95,", 7, "unit", "needs its unit"),
        ("service_results.csv", "2019,4,90,95,pct", "2019,4,90,95,percent", 7, "unit", "must be one of"),
        (
            "service_results.csv",
            "2019,4,,,,met",
            "2019,4,,,,",
            8,
            "low",
            "a value (low and high) or a stated_verdict",
        ),
        ("service_results.csv", "2019,4,,,,met", "2019,4,,,,probably", 8, "stated_verdict", "must be one of"),
        ("service_results.csv", "2019,4,,,,met", "2019,4,90,90,pct,met", 8, "stated_verdict", "not both"),
        (
            "service_results.csv",
            "interviews_within_10_days,2019",
            "payments_on_time,2019",
            8,
            "target_id",
            "already reports a result",
        ),
        ("service_targets.csv", "at least,95,pct", "at least,105,pct", 11, "value", "between 0 and 100"),
        (
            "service_targets.csv",
            "at least,95,pct",
            ",95,pct",
            11,
            "direction",
            "all of direction, value and unit",
        ),
        (
            "service_targets.csv",
            "at least,95,pct",
            "at least,,pct",
            11,
            "value",
            "all of direction, value and unit",
        ),
        ("service_targets.csv", "at least,95,pct", "about,95,pct", 11, "direction", "must be one of"),
        (
            "service_targets.csv",
            "payments_on_time,Rettidige udbetalinger,active",
            "payments_on_time,Rettidige udbetalinger,paused",
            11,
            "in_force",
            "must be one of",
        ),
    ],
)
def test_bad_rows_are_rejected_with_file_row_and_column(data_copy, name, find, replace, row, column, words):
    path = _break(data_copy, name, find, replace)
    with pytest.raises(DataError) as caught:
        DataFolder(data_copy).load(name.removesuffix(".csv"))
    error = caught.value
    assert (error.row, error.column) == (row, column), str(error)
    assert words in error.message
    assert "\n" not in str(error) and str(error).startswith(f"{path}, row {row}, column '{column}': ")


# --- The table of contents -----------------------------------------------------------------------


def test_the_chapter_has_its_own_part_after_the_chapters():
    parts = yaml.safe_load((REPO_ROOT / "_toc.yml").read_text(encoding="utf-8"))["parts"]
    captions = [p["caption"] for p in parts]
    assert (
        captions.index("Til sammenligning: Kommuneqarfik Sermersooq (Grønland)")
        == captions.index("Kapitler") + 1
    )
    own = parts[captions.index("Til sammenligning: Kommuneqarfik Sermersooq (Grønland)")]
    assert [c["file"] for c in own["chapters"]] == ["notebooks/sermersooq"]
    chapters = parts[captions.index("Kapitler")]["chapters"]
    assert "notebooks/sermersooq" not in [c["file"] for c in chapters]  # never among Copenhagen's chapters


def test_built_page_warns_that_it_is_not_copenhagen(built_book):
    page = (built_book / "notebooks" / "sermersooq.html").read_text(encoding="utf-8")
    top = page[page.index("<h1") : page.index('id="scorekort"')]
    assert "Ikke Københavns Kommune" in top and "admonition" in top and "Grønland" in top
    assert "delvist opfyldt" in page and "90-95 pct." in page and "kan ikke vurderes" in page
    assert "sermersooq_resultater.csv" in page and "data:text/csv" in page
    assert "data_dir = None" not in page
