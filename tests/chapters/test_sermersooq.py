"""The chapter on Kommuneqarfik Sermersooq (Greenland): reasons and words, facts for the prose,
figures and tables, and its place in the table of contents."""

import pytest
import yaml
from helpers import FrameFolder, flat, written
from test_scorecard import NO_THRESHOLD, TARGET, result

from analysis.chapters import sermersooq
from analysis.paths import REPO_ROOT

YEAR, QUARTER = 2019, 4


def card_row(target, found):
    """A scorecard row as the chapter describes it, for one target and result."""
    from analysis.calc import scorecard

    verdict = scorecard.assess(target, found)
    found = found or {}
    return {**target, "status": verdict.status, "why": verdict.why, "result_unit": found.get("unit")} | {
        k: found.get(k) for k in ("low", "high", "stated_verdict")
    }


def test_reasons_are_danish():
    # 90–95 against "at least 95": only the top end touches the threshold; nothing reaches beyond it
    assert sermersooq.reason(card_row(TARGET, result(90, 95))) == (
        "Kun intervallets øverste ende (95 pct.) når målet (mindst 95 pct.); resten af resultatet "
        "(90–95 pct.) gør ikke."
    )
    assert sermersooq.reason(card_row(TARGET, result(90, 97))).startswith(
        "Resultatet (90–97 pct.) ligger på begge sider af målets grænse (mindst 95 pct.)"
    )
    assert sermersooq.reason(card_row(TARGET, None)) == "Kilden oplyser intet resultat for målet."
    met = sermersooq.reason(card_row(TARGET, result(unit=None, verdict="met")))
    assert "i ord" in met and "intet tal" in met
    other = {"target_id": "c", "value": 18.0, "direction": "at least", "unit": "per week per caseworker"}
    why = sermersooq.reason(card_row(other, result(22, 22, unit="per week")))
    assert "pr. uge" in why and "pr. uge pr. sagsbehandler" in why
    assert sermersooq.reason(card_row(NO_THRESHOLD, None)).startswith("Målet har ingen målbar tærskel")


@pytest.mark.parametrize(
    "low, high, unit, expected",
    [
        (90, 95, "pct", "90–95 pct."),
        (95, 95, "pct", "95 pct."),
        (22, 22, "per week", "22 pr. uge"),
        (1564, 1564, "count", "1.564"),
        (14, 14, "days", "14 dage"),
        (None, None, "pct", "ikke oplyst"),
    ],
)
def test_reported_keeps_a_range_a_range(low, high, unit, expected):
    assert sermersooq.reported(low, high, unit) == expected


def test_thresholds_in_words(shipped):
    card = sermersooq.compute(shipped, YEAR, QUARTER).card.set_index("target_id")
    assert card.loc["calendar_interviews", "threshold"] == "mindst 18 pr. uge pr. sagsbehandler"
    assert card.loc["housing_benefit_time", "threshold"] == "højst 5 dage"
    assert card.loc["application_waiting_time", "threshold"] == "højst 10 arbejdsdage"
    assert card.loc["payments_on_time", "result"] == "90–95 pct."
    assert card.loc["payments_on_time", "status_label"] == "delvist opfyldt"


def test_chapter_facts(shipped):
    facts = written(sermersooq.facts(sermersooq.compute(shipped, YEAR, QUARTER)))
    assert facts["period_long"] == "4. kvartal 2019 (oktober–december 2019)"
    assert facts["source_reference"] == "J.nr. EMN-2020-00627"
    assert facts["organisation"].startswith("Kommuneqarfik Sermersooq")
    assert (facts["n_active"], facts["n_threshold"], facts["n_with_result"]) == ("15", "6", "3")
    assert facts["n_not_measured"] == "12"
    assert facts["status_summary"] == "1 opfyldt, 1 delvist opfyldt og 1 kan ikke vurderes"
    assert (facts["n_removed"], facts["n_activity"]) == ("2", "4")
    assert facts["payments_on_time_result"] == "90–95 pct."
    assert facts["payments_on_time_threshold"] == "mindst 95 pct."
    assert facts["payments_on_time_status"] == "delvist opfyldt"
    assert facts["interviews_within_10_days_status"] == "opfyldt"
    assert facts["interviews_within_10_days_stated_quote"].endswith("indenfor 10 dage, opfyldes.")
    assert facts["calendar_interviews_status"] == "kan ikke vurderes"
    assert facts["conversations_per_week_value"] == "22 pr. uge"
    assert facts["conversations_value"] == "270" and facts["action_plan_followups_value"] == "25"
    assert facts["action_plans_for_all_status"] == "ikke målt"


def test_facts_say_missing_when_a_named_row_is_absent(shipped):
    results = shipped.load("service_results")
    folder = FrameFolder(service_results=results[results["result_id"] != "conversations"])
    facts = written(sermersooq.facts(sermersooq.compute(folder, YEAR, QUARTER)))
    assert facts["conversations_value"] == "ikke oplyst"
    assert facts["n_activity"] == "3"


# --- Figures and tables --------------------------------------------------------------------------


def test_range_figure_draws_the_range_and_the_threshold_marks(shipped):
    fig = sermersooq.range_figure(sermersooq.compute(shipped, YEAR, QUARTER))
    ranges = [t for t in fig.data if t.legendgroup == "result"]
    assert len(ranges) == 1 and list(ranges[0].x) == [90, 95]  # a range, not a midpoint
    marks = next(t for t in fig.data if t.name == "Mål (tærskel)")
    assert dict(zip(marks.y, marks.x)) == {"Rettidige udbetalinger": 95, "Samtaler inden for 10 dage": 90}
    labels = [a.text for a in fig.layout.annotations]
    assert "Resultat 90–95 pct.: delvist opfyldt" in labels
    assert "Intet tal, oplyst i ord: opfyldt" in labels  # no point drawn for a result in words
    assert "Mål: mindst 95 pct." in labels
    assert (
        flat(fig.layout.title.text)
        == "Rettidige udbetalinger: 90–95 pct. mod et mål på mindst 95 pct., delvist opfyldt"
    )
    assert "Kommuneqarfik Sermersooq, Grønland" in flat(fig.layout.title.subtitle.text)
    assert "4. kvartal 2019" in flat(fig.layout.title.subtitle.text)
    assert "Kilde: Sermersooq, 4. kvartal 2019" in labels
    assert "Grønland" in fig.layout.meta["alt"] and "delvist opfyldt" in fig.layout.meta["alt"]


def test_activity_figure_shows_counts_not_targets(shipped):
    fig = sermersooq.activity_figure(sermersooq.compute(shipped, YEAR, QUARTER))
    bars = fig.data[0]
    assert bars.type == "bar" and sorted(bars.x) == [25, 40, 40, 270]
    assert "Akutte samtaler" in bars.y
    assert "Markør: oplyst i kilden" in [t.name for t in fig.data]
    assert flat(fig.layout.title.text).startswith("270 samtaler og 40 handlingsplaner i 4. kvartal 2019")
    assert "Kommuneqarfik Sermersooq, Grønland" in flat(fig.layout.title.subtitle.text)
    assert "Akutte samtaler: 40" in fig.layout.meta["alt"]


def test_scorecard_table_shows_status_words(shipped):
    page = sermersooq.scorecard_table(sermersooq.compute(shipped, YEAR, QUARTER)).data
    for word in ["delvist opfyldt", "kan ikke vurderes", "ikke målt", "18 kalendersatte samtaler"]:
        assert word in page
    assert "Kommuneqarfik Sermersooq, Grønland" in page


def test_values_keep_ranges_and_provenance(shipped):
    data = sermersooq.values(sermersooq.compute(shipped, YEAR, QUARTER))
    data = data[data["figure"] == "resultater"].set_index("result")
    row = data.loc["Udbetalinger rettidigt målt i procent"]
    assert (row["low"], row["high"], row["reported"]) == (90, 95, "90–95 pct.")
    assert row["source_id"] == "sermersooq2019q4" and "90-95%" in row["quote"]
    assert data.loc["Akutte samtaler", "target"] == "ingen (aktivitetstal)"
    assert set(data["place"]) == {"Kommuneqarfik Sermersooq, Grønland"}


def test_removed_targets_keep_their_threshold_in_words(shipped):
    page = sermersooq.removed_table(sermersooq.compute(shipped, YEAR, QUARTER)).data
    assert "mindst 10 pr. uge pr. sagsbehandler" in page and "ingen målbar tærskel" in page


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
    assert "delvist opfyldt" in page and "90–95 pct." in page and "kan ikke vurderes" in page
    assert "sermersooq_resultater.csv" in page and "data:text/csv" in page
    assert "data_dir = None" not in page


# --- Prose for other quarters and data: whole sentences, the commitment quoted ---------------------


def test_the_quarterly_reporting_commitment_is_quoted(shipped):
    shown = written(sermersooq.facts(sermersooq.compute(shipped, year=2019, quarter=4)))
    assert shown["commitments"].startswith(
        "Ifølge Sermersooq, 4. kvartal 2019 vil forvaltningen fremlægge statistik på resultatmål "
        "hvert kvartal"
    )
    assert "»Myndighedsområdet i Forvaltning for Velfærd og Arbejdsmarked ønsker" in shown["commitments"]
    assert "kvartalsvis fremlægge statistik på resultatmål.«" in shown["commitments"]


def test_the_shipped_sections_read_from_their_rows(shipped):
    shown = written(sermersooq.facts(sermersooq.compute(shipped, year=2019, quarter=4)))
    assert shown["payments_paragraph"].startswith(
        'Målet lyder: "At 95 procent af alle udbetalinger foregår rettidigt". Ifølge Sermersooq, 4. kvartal '
        "2019 skete 90–95 pct. af udbetalingerne rettidigt: et interval, ikke et enkelt tal."
    )
    assert "rækker over" not in shown["payments_paragraph"]
    assert 'status "opfyldt"' in shown["in_words_paragraph"]
    assert (
        "Notatet siger ikke, om de 40 akutte samtaler indgår i de 270 samtaler."
        in shown["activity_paragraph"]
    )
    assert shown["removed_paragraph"].startswith(
        "Ifølge Sermersooq, 4. kvartal 2019 har forvaltningen fjernet 2"
    )
    assert "2019" not in shown["removed_paragraph"].split("fjernet")[1]


def test_a_quarter_without_results_says_so(shipped):
    from analysis.notebooks import prose_keys

    shown = written(sermersooq.facts(sermersooq.compute(shipped, year=2020, quarter=1)))
    assert (
        shown["headline"]
        == "Data har ingen resultater for servicemålene i 1. kvartal 2020 (januar–marts 2020)."
    )
    assert shown["payments_paragraph"].endswith("Data har intet resultat for målet i 1. kvartal 2020.")
    assert (
        shown["activity_paragraph"]
        == "Data har ingen aktivitetstal uden mål for 1. kvartal 2020 (januar–marts 2020)."
    )
    assert shown["in_words_paragraph"] == shown["action_plans_paragraph"] == ""
    used = prose_keys("sermersooq")
    assert not [k for k in used if "ikke oplyst" in shown[k]]
