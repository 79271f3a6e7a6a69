"""The chapter 'Kontrol af tallene': the register counted and listed, the arithmetic shown."""

import dataclasses
import random

import fictitious
import pytest
from helpers import written

from analysis.chapters import kontrol, udgifter
from analysis.data import DataFolder
from analysis.vocabulary import AGREES, UNCHECKABLE

RESULT = kontrol.compute(DataFolder())
UDGIFTER = udgifter.compute(DataFolder(), target_price_level=2021)


def test_chapter_facts_count_the_claims():
    facts = written(kontrol.facts(RESULT))
    # 36 sentences, six of them over several years (3 + 4 + 4 + 3 + 4 + 3 cells): 51; 84 printed
    # sums; 1 appropriation printed with two numbers (SO49 Tabel 2: 3000 and 000).
    assert (facts["n_in_text"], facts["n_in_tables"], facts["n_between"]) == ("51", "84", "1")
    assert facts["n_claims"] == "136"
    # Off: kk.dk's two percentages, Ø501's four "Samlede udgifter" and the appropriation. Not
    # checkable: the 566 average, "steget"/"faldende" since 2010, SO49's 7 % and five staff counts
    # without a price per FTE.
    assert (facts["n_ok"], facts["n_off"], facts["n_unchecked"]) == ("120", "7", "9")
    assert facts["off_split"] == (
        "2 tal i kildernes tekst, 4 trykte summer i tabellerne og 1 bevilling med flere numre"
    )
    assert facts["off_sources"] == "kk.dk 11.06.2017, Budgetnotat Ø501 (2011) og SO49 Servicekultur (2020)"


def test_the_printed_sums_are_counted_as_udgifter_counts_them():
    mine, theirs = written(kontrol.facts(RESULT)), written(udgifter.facts(UDGIFTER))
    assert (
        (mine["n_in_tables"], mine["n_off_tables"])
        == (theirs["n_checks"], theirs["n_checks_off"])
        == (
            "84",
            "4",
        )
    )
    assert "4 trykte summer" in mine["headline"] and "4 afviger" in theirs["headline"]


def test_the_deviations_name_their_source_once():
    off = kontrol.deviations_list(RESULT).data
    assert "Budgetnotat Ø501 (2011):</strong> Budgetnotat Ø501 (2011)" not in off
    assert "<li>Budgetnotat Ø501 (2011), Tabel 1, »Samlede udgifter«: 2012: kilden skriver -15.550" in off
    assert (
        "SO49 Servicekultur (2020), Tabel 2: bevillingen »Børnefamilier med særlige behov«: står med " in off
    )
    assert "lægger linjerne sammen som én bevilling (3000 / 000 - Børnefamilier med særlige behov)" in off


def test_chapter_lists_show_the_arithmetic():
    rules = kontrol.rules_table(RESULT).data
    assert "9,25 til 9,35" in rules and "7,7 til 7,9" in rules and "4,25 til 4,75" in rules
    off = kontrol.deviations_list(RESULT).data
    assert "10,22 pct." in off and "(2.049 − 1.859) ÷ 2.049 × 100 = 9,27 pct." in off
    assert "2012: kilden skriver -15.550, regnet efter giver det 15.550" in off
    unchecked = kontrol.uncheckable_list(RESULT).data
    assert "Data har intet tal for 2010–2014 og 2017." in unchecked
    table = kontrol.claims_table(RESULT).data
    assert "<br/>" in table and "&lt;br" not in table  # line breaks are markup, data text is escaped


def test_built_page_and_introduction(built_book):
    page = (built_book / "notebooks" / "kontrol.html").read_text(encoding="utf-8")
    assert "kontrol_af_tallene.csv" in page and "data:text/csv" in page
    assert "136" in page and "10,22 pct." in page and "kan ikke efterprøves" in page
    assert "data_dir = None" not in page
    intro = (built_book / "book" / "intro.html").read_text(encoding="utf-8")
    assert "kontrol.html" in intro and "120" in intro


@pytest.fixture(scope="module")
def folder_a(tmp_path_factory):
    spec = dataclasses.replace(fictitious.FOLDER_A, applications_format="csv", date_style="iso", cases=0)
    return fictitious.write(tmp_path_factory.mktemp("a") / "A", spec)


@pytest.fixture(scope="module")
def folder_b(tmp_path_factory):
    spec = dataclasses.replace(fictitious.FOLDER_B, date_style="iso", complaints_format="csv")
    return fictitious.write(tmp_path_factory.mktemp("b") / "B", spec)


@pytest.mark.parametrize("which, checks, off", [("folder_a", "93", "6"), ("folder_b", "102", "6")])
def test_every_note_present_is_checked_with_the_counts_of_udgifter(request, which, checks, off):
    folder = request.getfixturevalue(which)
    mine = written(kontrol.facts(kontrol.compute(DataFolder(folder))))
    theirs = written(udgifter.facts(udgifter.compute(DataFolder(folder), target_price_level=2021)))
    # A: 84 + fn23's 9 printed sums, 2 of them off; B: 84 + xb1's 7 + xb2's 11, 2 of xb2's off.
    assert (mine["n_in_tables"], mine["n_off_tables"]) == (checks, off)
    assert (theirs["n_checks"], theirs["n_checks_off"]) == (checks, off)
    assert f"{off} trykte summer i tabellerne" in mine["headline"]


def test_a_claim_is_not_judged_against_another_sources_numbers(folder_a):
    register = kontrol.compute(DataFolder(folder_a)).register.set_index("claim_id")
    # SO49's sentence on 2. kvartal 2020 is now held against the user's 2020 figure and target.
    claim = register.loc["so49-handicap-over-target"]
    assert claim["status"] == UNCHECKABLE
    assert claim["reason"].startswith(f"Tallene kommer nu fra FIKTIVE data {fictitious.FOLDER_A.name}")
    # Ø501's claims rest on Ø501's own tables, which the folder keeps: still judged.
    assert register.loc["oe501-restoration-amount", "status"] == AGREES
    # fn23's printed sums are judged against fn23's own rows.
    assert register.loc["fn23-t1-total/2023/rows", "status"] == "afviger"
    # SO49's Voksne 2019 has no measurement in the user's data: the claim cannot be checked.
    assert register.loc["so49-voksne-raised", "status"] == UNCHECKABLE
    assert register.loc["so49-voksne-raised", "reason"] == (
        "De tal, påstanden bygger på, findes ikke i de data, bogen er bygget med."
    )
    page = kontrol.uncheckable_list(kontrol.compute(DataFolder(folder_a))).data
    assert "Tallene kommer nu fra FIKTIVE data" in page


def test_the_oe501_estimates_check_the_savings_totals():
    register = RESULT.register.set_index("claim_id")
    # 2012: 1–2 (adults) + 1–2 (children) = 2–4, holds 3; 2013-: 1–2 + 2–4 = 3–6, holds 4½.
    assert register.loc["oe501-savings-2012-parts", ["computed_text", "status"]].tolist() == ["2–4", AGREES]
    assert register.loc["oe501-savings-later-parts/2013", ["computed_text", "status"]].tolist() == [
        "3–6",
        AGREES,
    ]
    table = kontrol.claims_table(RESULT).data
    assert "skønnene for 2012: (1–2) + (1–2) = 2–4" in table


def test_estimates_that_do_not_reach_the_total_deviate(data_copy, edit_data):
    edit_data("note_figures.csv", "2013,,2,4,mio. kr", "2013,,1,2,mio. kr")  # 1–2 + 1–2 = 2–4: no 4½
    register = kontrol.compute(DataFolder(data_copy)).register.set_index("claim_id")
    assert register.loc["oe501-savings-later-parts/2013", ["computed_text", "status"]].tolist() == [
        "2–4",
        "afviger",
    ]
    assert register.loc["oe501-savings-2012-parts", "status"] == AGREES


@pytest.mark.parametrize("seed", [3, 4, 5])
def test_counts_agree_for_generated_notes(tmp_path, seed):
    """Any number of new notes, each with any number of years and lines, some with a wrong printed
    total: Udgifter and Kontrol count the same printed sums, and exactly the wrong ones deviate."""
    rng = random.Random(seed)
    notes, expected_checks, wrong = [], 84, 0
    for i in range(rng.randint(1, 4)):
        years = tuple(range(2030, 2030 + rng.randint(1, 6)))
        lines = tuple(
            (f"Aktivitet {j}", tuple(float(rng.randrange(0, 5000, 100)) for _ in years))
            for j in range(1, rng.randint(1, 4) + 1)
        )
        error = 100 if i == 0 else rng.choice([0, 0, 100, -20])  # at least one wrong total
        notes.append(fictitious.Note(f"gen{i}", f"FIKTIVT notat G{i}", 2030, years, lines, error))
        # The total row's sum in each year and in "I alt"; each row's "I alt" against its years.
        expected_checks += (len(years) + 1) + (len(lines) + 1)
        wrong += 2 if error else 0  # the first year's total and the total's "I alt" (by its rows)
    folder = fictitious.write(tmp_path / "g", fictitious.Spec(name=f"G{seed}", notes=tuple(notes)))
    mine = written(kontrol.facts(kontrol.compute(DataFolder(folder))))
    result = udgifter.compute(DataFolder(folder), target_price_level=2021)
    theirs = written(udgifter.facts(result))
    assert (mine["n_in_tables"], theirs["n_checks"]) == (str(expected_checks),) * 2
    assert (mine["n_off_tables"], theirs["n_checks_off"]) == (str(4 + wrong),) * 2
    assert theirs["tables_and_notes"].endswith(f"fra {2 + len(notes)} budgetnotater")
    assert len(result.notes) == 2 + len(notes)


def test_a_users_printed_sums_are_not_said_to_be_the_sources(tmp_path):
    spec = dataclasses.replace(fictitious.FOLDER_A, applications_format="csv", date_style="iso", cases=0)
    folder = fictitious.notes_as_users(fictitious.write(tmp_path / "A", spec))
    off = kontrol.deviations_list(kontrol.compute(DataFolder(folder))).data
    assert "2023: de brugerleverede data har 2.900, regnet efter giver det 2.800" in off
    assert "2012: kilden skriver -15.550" in off  # Ø501's row is still the source's
