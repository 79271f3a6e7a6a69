"""The page 'Antagelser og forbehold' and the assumptions log it is made from."""

import pytest
from helpers import written

from analysis.chapters import antagelser
from analysis.data import DataError, DataFolder
from analysis.present import page


def test_every_assumption_says_why_what_it_means_and_where_it_is_used(shipped):
    result = antagelser.compute(shipped)
    html = antagelser.entries(result).data
    assert (
        html.count('<li id="antagelse-')
        == len(result.log)
        == int(written(antagelser.facts(result))["n_assumptions"])
    )
    ultimo = html[html.index('id="antagelse-ultimo-aaret"') :].split("</li>")[0]
    assert "Hvorfor:" in ultimo and "Betydning:" in ultimo
    assert '<a href="sagsfrister.html">Sagsfrister før og efter finansiering</a>' in ultimo
    assert '<a href="kilder.html#kilde-so49">SO49 Servicekultur (2020)</a>' in ultimo


def test_the_readings_once_scattered_over_readme_and_prose_are_in_the_log(shipped):
    ids = set(antagelser.compute(shipped).log["assumption_id"])
    assert {
        "ultimo-aaret",
        "alle-sagsomraader",
        "fald-7-procent",
        "realitetsklager-2016",
        "januar-til-maj",
    } <= ids


def test_chapters_that_rely_on_a_reading_link_to_the_page(shipped):
    # ultimo-aaret, maal-eller-maaling, alle-sagsomraader, fald-7-procent, handleplan-ikke-midler, aabne-sager
    assert "Kapitlet bygger på 6 antagelser" in page.data_note(shipped, "sagsfrister").data
    assert 'href="antagelser.html"' in page.data_note(shipped, "klager").data
    assert "antagelse" not in page.data_note(shipped, "dataordbog").data


def test_text_from_the_log_is_escaped(data_copy, edit_data):
    edit_data("assumptions.csv", "SO49's »80-90 pct.", "<script>x</script> »80-90 pct.")
    html = antagelser.entries(antagelser.compute(DataFolder(data_copy))).data
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_a_row_must_name_chapters_of_the_book(data_copy, edit_data):
    edit_data("assumptions.csv", ",sagsfrister,so49\n", ",sagsfristerne,so49\n")
    with pytest.raises(DataError) as caught:
        DataFolder(data_copy).load("assumptions")
    assert caught.value.column == "chapters" and "klager" in caught.value.message
