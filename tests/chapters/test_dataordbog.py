"""The chapter 'Dataordbog': every data file of the contract and every chapter's parameters."""

from helpers import written

from analysis.chapters import dataordbog
from analysis.data import DATASETS, DataFolder
from analysis.data.schemas import SOURCES
from analysis.paths import DATA_DIR


def test_a_section_per_data_file_and_where_it_is_read_from(shipped):
    result = dataordbog.compute(shipped)
    html = dataordbog.dictionary(result).data
    for dataset in [SOURCES, *DATASETS.values()]:
        assert f'id="data-{dataset.name}"' in html
    assert "valgfri" in html and "ikke leveret (valgfri fil)" in html  # price_index is not shipped
    assert "læses fra <code>data/complaints.csv</code>" in html
    # Only the case extract may also be Parquet (data/inventory.py refuses it for the others).
    sections = {part.split('"', 1)[0]: part for part in html.split('id="data-')[1:]}
    assert "<code>cases.csv</code> (eller .xlsx eller .parquet)" in sections["cases"]
    assert "<code>complaints.csv</code> (eller .xlsx) " in sections["complaints"]
    assert sum(".parquet" in part for part in sections.values()) == 1
    assert written(dataordbog.facts(result))["n_datasets"] == str(len(DATASETS) + 1)
    assert written(dataordbog.facts(result))["per_file"] == "10"  # what validate lists per file


def test_the_parameters_table_lists_what_a_user_may_set(shipped):
    table = dataordbog.values(dataordbog.compute(shipped))
    assert {"first_year", "last_year", "shown_from"} <= set(table["Parameter"])
    assert not {"data_dir", "chapter_reads"} & set(table["Parameter"])  # the build sets those
    row = table[(table["Notebook"] == "klager") & (table["Parameter"] == "first_year")].iloc[0]
    assert (row["Kapitel"], row["Standardværdi"]) == ("Klager over sagsbehandlingen", "0")
    assert "0: the first year the data has" in row.iloc[-1]  # the comment says what 0 means


def test_the_data_note_is_a_whole_sentence_naming_what_the_page_read(shipped):
    from analysis.present import page

    dataordbog.compute(shipped)  # looks up where every file is, reads none of them
    note = page.data_note(shipped, "dataordbog").data
    assert ": ." not in note and ":</strong> ." not in note
    assert "<strong>Data brugt i kapitlet:</strong> registry.csv (leveret med bogen); assumptions.csv" in note


def test_the_dictionary_documents_the_date_forms_and_the_rules():
    from analysis.data.dictionary import columns

    compliance = columns(DATASETS["compliance"]).set_index("column")
    assert "31-12-2022, 31.12.2022 or 2022-12-31" in compliance.at["period_start", "rules"]
    registry = columns(SOURCES).set_index("column")
    assert "YYYY, YYYY-MM or a date written like 31-12-2022" in registry.at["date", "rules"]
    assert "31-12-2022, 31.12.2022 or 2022-12-31" in registry.at["accessed", "rules"]


def test_a_users_file_is_named_by_its_folder_never_by_its_path(tmp_path):
    folder = tmp_path / "mine-data"
    folder.mkdir()
    (folder / "complaints.csv").write_text(
        (DATA_DIR / "complaints.csv").read_text(encoding="utf-8"), encoding="utf-8"
    )
    shown = dataordbog.dictionary(dataordbog.compute(DataFolder(folder))).data
    assert "læses fra <code>mine-data/complaints.csv</code>" in shown
    assert str(tmp_path) not in shown
    assert "læses fra <code>data/staffing.csv</code>" in shown  # the book's own file, as before
