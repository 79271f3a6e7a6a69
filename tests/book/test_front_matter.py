"""Front matter: sources page with the chapters using each source, glossary, data dictionary, intro."""

from analysis.data import DATASETS
from analysis.data.dictionary import columns, key
from analysis.notebooks import chapter_notebooks, toc_files


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
