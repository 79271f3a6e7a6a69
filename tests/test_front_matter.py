"""Front matter: sources page with the chapters using each source, glossary, data dictionary, intro."""

import re

import nbformat

from analysis.build.pipeline import chapter_notebooks, toc_files
from analysis.chapters import dataordbog as contract_page
from analysis.chapters import kilder as sources
from analysis.data import DATASETS
from analysis.data.dictionary import columns, key
from analysis.data.schemas import SOURCES


def test_chapter_datasets_reads_title_and_loads(tmp_path):
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell("Intro\n# Min titel\ntekst"),
            nbformat.v4.new_code_cell("a = data.load(\"complaints\")\nb = data.load( 'applications' )"),
        ]
    )
    path = tmp_path / "kapitel.ipynb"
    nbformat.write(nb, path)
    assert sources.chapter_datasets(path) == ("Min titel", {"complaints", "applications"})


def test_every_source_used_by_the_chapters_that_quote_it(shipped):
    usage = sources.chapters_using(shipped, chapter_notebooks())
    pages = lambda source_id: {page for _, page in usage.get(source_id, [])}  # noqa: E731
    assert "klager.html" in pages("klagetema2019")
    assert {"udgifter.html", "bemanding.html"} <= pages("oe501")
    assert pages("sermersooq2019q4") == {"sermersooq.html"}  # Greenland's figures stay in their chapter
    assert "sermersooq.html" not in pages("so49")


def test_source_entries_name_the_chapters(shipped):
    html = sources.source_entries(shipped.sources(), {"so49": [("Kapitel <x>", "k.html")]}).data
    assert 'id="kilde-so49"' in html and '<a href="k.html">Kapitel &lt;x&gt;</a>' in html
    assert html.count("ingen kapitler") == len(shipped.sources()) - 1
    assert html.count("Ikke Københavns Kommune") == 1


def test_dictionary_is_read_from_the_schemas():
    described = columns(DATASETS["complaints"]).set_index("column")
    assert list(described.index) == [
        "year",
        "complaint_type",
        "count",
        "kind",
        "source_id",
        "quote",
        "formula",
    ]
    assert described.loc["year", "type"] == "heltal" and described.loc["count", "type"] == "tal"
    assert described.loc["complaint_type", "allowed"] == "formality, reality"
    assert not described.loc["formula", "required"] and described.loc["year", "required"]
    assert "cannot be negative" in described.loc["count", "rules"]
    assert (
        "a stated count must be a whole number" in described.loc["count", "rules"]
    )  # a row rule, blamed on count
    assert key(DATASETS["complaints"]) == ["year", "complaint_type"]


def test_dictionary_page_has_a_section_per_data_file(shipped):
    html = contract_page.dictionary(shipped).data
    for dataset in [SOURCES, *DATASETS.values()]:
        assert f'id="data-{dataset.name}"' in html
    assert "valgfri" in html and "ikke leveret (valgfri fil)" in html  # price_index is not shipped
    facts = contract_page.facts()
    assert facts["n_datasets"] == str(len(DATASETS) + 1)


def test_front_matter_pages_are_in_the_book():
    files = toc_files()
    for page in ["book/intro", "notebooks/kilder", "book/ordliste", "notebooks/dataordbog"]:
        assert page in files


def test_intro_links_every_chapter():
    from analysis.paths import REPO_ROOT

    intro = (REPO_ROOT / "book" / "intro.md").read_text(encoding="utf-8")
    for notebook in chapter_notebooks():
        if notebook.stem not in {"kilder", "dataordbog"}:
            assert f"../notebooks/{notebook.name})" in intro, notebook.name


def test_built_intro_states_findings_with_computed_numbers(built_book):
    intro = (built_book / "book" / "intro.html").read_text(encoding="utf-8")
    assert "580" in intro and "1.564" in intro and "110,6 mio. kr." in intro
    assert "Kommuneqarfik Sermersooq" in intro


def test_the_sources_page_says_which_files_each_chapter_read_and_whose(tmp_path):
    from analysis.data import DataFolder

    (tmp_path / "complaints.csv").write_bytes((DataFolder().shipped_dir / "complaints.csv").read_bytes())
    html = sources.chapter_data(DataFolder(tmp_path), chapter_notebooks()).data
    cells = re.findall(r"<td[^>]*>(.*?)</td>", html)
    rows = [cells[i : i + 3] for i in range(0, len(cells), 3)]
    assert ["Klager over sagsbehandlingen", str(tmp_path / "complaints.csv"), "egne data"] in rows
    assert ["Klager over sagsbehandlingen", "data/complaint_benchmarks.csv", "leveret med bogen"] in rows
    assert ["Udgifter i budgetnotaterne", "price_index (valgfri, ikke leveret)", "—"] in rows
