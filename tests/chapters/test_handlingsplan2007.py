"""The chapter 'Handlingsplanen fra 2007': facts, the timeline and the values."""

import pytest
from helpers import FrameFolder, written

from analysis.chapters import handlingsplan2007


@pytest.mark.parametrize(
    "value, unit, counted, bound, expected",
    [
        (15, "persons", "medarbejdere", "exact", "15 medarbejdere"),
        (1, "persons", "medarbejder", "at_least", "mindst 1 medarbejder"),
        (4, "weeks", "uger", "at_most", "højst 4 uger"),
        (75, "pct", None, "threshold", "grænse: 75 pct."),
        (None, None, None, None, ""),
    ],
)
def test_value_text(value, unit, counted, bound, expected):
    assert handlingsplan2007.value_text(value, unit, counted, bound) == expected


def test_chapter_facts(shipped):
    facts = written(handlingsplan2007.facts(handlingsplan2007.compute(shipped)))
    assert facts["initiatives"] == "10" and facts["commitments"] == "10"
    assert facts["commitments_with_number"] == "8"  # all but the intro course and the FAU deadlines
    assert facts["initiatives_with_commitments"] == "6"  # 2, 3, 5, 7, 8, 9
    assert facts["groups_sentence"] == (
        'Nr. 1–5 under overskriften "Særligt i forhold til beretning 2006" og nr. 6–10 under overskriften '
        '"Opfølgning på tidligere beretninger".'
    )
    # 10 commitments, 8 of them with a number: the headline counts both, once
    assert facts["headline"] == (
        "Planen har 10 initiativer og 10 tilsagn med et tal eller en dato; 8 af dem har et tal."
    )
    assert facts["plan_date"] == "12. oktober 2007"
    assert (facts["dated"], facts["dated_before_plan"], facts["undated"]) == ("5", "5", "5")


def test_a_commitment_after_the_plan_changes_the_title(shipped):
    commitments = shipped.load("action_plan_commitments").copy()
    commitments.loc[commitments["commitment_id"] == "call_centre", "date"] = "2008-01-01"
    fig = handlingsplan2007.figure(
        handlingsplan2007.compute(FrameFolder(action_plan_commitments=commitments))
    )
    assert fig.layout.title.text == "4 af 5 daterede tilsagn ligger før handlingsplanens dato"


def test_timeline_figure(shipped):
    fig = handlingsplan2007.figure(handlingsplan2007.compute(shipped))
    names = [t.name for t in fig.data]
    assert names == [
        "Dato oplyst",
        "Kun måned oplyst",
        "Kun år oplyst",
    ]  # shape tells precision, not only colour
    days = fig.data[0]
    assert [str(x)[:10] for x in days.x] == ["2006-01-01", "2007-06-01"]
    assert days.mode == "markers"
    months = fig.data[1]
    assert [str(x)[:10] if x is not None else None for x in months.x] == [
        "2005-08-01",
        "2005-08-31",
        None,
        "2007-05-01",
        "2007-05-31",
        None,
    ]
    assert fig.layout.title.text == "Alle 5 daterede tilsagn ligger før handlingsplanens dato"
    assert list(fig.layout.yaxis.categoryarray)[-1] == "row-0"  # earliest commitment at the top
    labels = [a.text for a in fig.layout.annotations]
    assert (
        "<b>sommeren 2006</b>: Fælles sagsgange for BIF og SOF på de væsentligste snitflader (nr. 3)"
        in labels
    )
    assert "Planens dato: 12. oktober 2007" in labels
    assert fig.layout.shapes[0].x0 == "2007-10-12"
    assert fig.layout.meta["alt"].startswith("Tidslinje over 5 daterede tilsagn")


def test_commitments_sorted_by_initiative(shipped):
    data = handlingsplan2007.values(handlingsplan2007.compute(shipped))
    data = data[data["figure"] == "tilsagn"].reset_index(drop=True)
    assert data["initiative"].tolist() == [2, 2, 2, 3, 5, 7, 8, 9, 9, 9]
    assert (
        data.loc[0, "value_text"] == "15 medarbejdere"
        and data.loc[0, "initiative_title"] == "Call-center i BIF"
    )


def test_built_page_shows_the_plan(built_book):
    page = (built_book / "notebooks" / "handlingsplan2007.html").read_text(encoding="utf-8")
    for text in [
        "Almen kendt-funktion",
        "Opfølgning på tidligere beretninger",
        "15 medarbejdere",
        "21 fagteams",
        "højst 4 uger",
        "75 pct.",
        "12. oktober 2007",
        "handlingsplan2007_tilsagn.csv",
    ]:
        assert text in page, text


def test_the_numbers_are_one_generated_list(shipped):
    from analysis.notebooks import prose_keys

    result = handlingsplan2007.compute(shipped)
    ids = set(shipped.load("action_plan_commitments")["commitment_id"])
    assert not [k for k in prose_keys("handlingsplan2007") if any(k.startswith(i) for i in ids)]
    block = handlingsplan2007.numbers_block(result).data
    assert block.count("<li>") == 8
    assert "Call-center for jobcenterenhederne i drift: 15 medarbejdere (pr. 1. juni 2007).</li>" in block
    assert "grænse: 75 pct.</li>" in block and "pct..</li>" not in block
    assert "Frist for behandling af hjemviste sager på alle lovområder: højst 4 uger.</li>" in block


def test_other_commitments_change_counts_and_the_status_claim(shipped):
    commitments = shipped.load("action_plan_commitments").copy()
    later = commitments["date"].notna()
    commitments.loc[later, "date"] = "2009-01-01"  # every dated commitment now after the plan
    commitments.loc[commitments["commitment_id"] == "steering_group", "kind"] = "user-supplied"
    result = handlingsplan2007.compute(FrameFolder(action_plan_commitments=commitments))
    shown = written(handlingsplan2007.facts(result))
    assert shown["timeline_paragraph"].startswith(
        "5 af tilsagnene har en tidsangivelse, og 0 af dem ligger før planens dato. De 5 (beregnet af "
        "brugerleverede tal) tilsagn uden dato"  # the undated count includes the user's row
    )
    assert "status over tiltag" not in shown["timeline_paragraph"]
    block = handlingsplan2007.numbers_block(result).data
    assert "4 kontor- og centerchefer fra hver forvaltning (brugerleveret)." in block
    fewer = shipped.load("action_plan_commitments").iloc[:3]
    shown = written(
        handlingsplan2007.facts(handlingsplan2007.compute(FrameFolder(action_plan_commitments=fewer)))
    )
    # intro course and FAU deadlines have no number, the joint procedures have 10
    assert shown["headline"].endswith("3 tilsagn med et tal eller en dato; 1 af dem har et tal.")


def test_the_timeline_marks_a_users_commitment(shipped):
    commitments = shipped.load("action_plan_commitments").copy()
    commitments.loc[commitments["commitment_id"] == "call_centre", "kind"] = "user-supplied"
    fig = handlingsplan2007.figure(
        handlingsplan2007.compute(FrameFolder(action_plan_commitments=commitments))
    )
    labels = [a.text for a in fig.layout.annotations]
    assert any(t.startswith("<b>pr. 1. juni 2007</b>") and t.endswith("(brugerleveret)") for t in labels)
    assert "brugerens egne data" in labels[-1]
    plain = [a.text for a in handlingsplan2007.figure(handlingsplan2007.compute(shipped)).layout.annotations]
    assert not any("brugerleveret" in t for t in plain)
