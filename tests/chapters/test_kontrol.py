"""The chapter 'Kontrol af tallene': the register counted and listed, the arithmetic shown."""

from helpers import written

from analysis.chapters import kontrol
from analysis.data import DataFolder

RESULT = kontrol.compute(DataFolder())


def test_chapter_facts_count_the_claims():
    facts = written(kontrol.facts(RESULT))
    # 34 sentences, five of them over several years (3 + 4 + 4 + 3 + 4 cells): 47; 84 printed sums.
    assert (facts["n_in_text"], facts["n_in_tables"], facts["n_claims"]) == ("47", "84", "131")
    # Off: kk.dk's two percentages and Ø501's four "Samlede udgifter". Not checkable: the 566 average,
    # "steget"/"faldende" since 2010, SO49's 7 % and five staff counts without a price per FTE.
    assert (facts["n_ok"], facts["n_off"], facts["n_unchecked"]) == ("116", "6", "9")
    assert facts["off_sources"] == "kk.dk 11.06.2017 og Budgetnotat Ø501 (2011)"


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
    assert "131" in page and "10,22 pct." in page and "kan ikke efterprøves" in page
    assert "data_dir = None" not in page
    intro = (built_book / "book" / "intro.html").read_text(encoding="utf-8")
    assert "kontrol.html" in intro and "116" in intro
