"""Page snippets: facts glued for the prose (only those it uses), lists, folds and warnings."""

import pytest

from analysis.facts import Fact
from analysis.notebooks import prose_keys
from analysis.paths import DATA_DIR
from analysis.present import page


def test_the_prose_keys_come_from_the_chapter_and_the_pages_that_cite_it():
    keys = prose_keys("klager")
    assert {"counts_paragraph", "average_paragraph"} <= keys  # the chapter's own markdown
    assert "headline" in keys  # cited by the introduction, book/intro.md


def test_only_facts_the_prose_uses_are_glued(monkeypatch):
    glued = {}
    monkeypatch.setattr(page, "prose_keys", lambda chapter: {"a", "b"})
    monkeypatch.setattr(page, "myst_glue", lambda key, text, display: glued.update({key: text}))
    page.glue({"a": Fact(1564, "number"), "b": Fact(7.8, "pct", decimals=1), "unused": Fact(1)}, "x")
    assert glued == {"a": "1.564", "b": "7,8 pct."}


def test_a_fact_the_prose_needs_but_the_chapter_lacks_is_an_error(monkeypatch):
    monkeypatch.setattr(page, "prose_keys", lambda chapter: {"a", "missing"})
    with pytest.raises(KeyError, match="the prose of x uses facts the chapter does not make: missing"):
        page.glue({"a": Fact(1)}, "x")


def test_findings_folds_and_warnings_escape_their_text():
    assert (
        page.findings([("<b>", "a < b")]).data
        == '<ul class="findings"><li><strong>&lt;b&gt;</strong> a &lt; b</li></ul>'
    )
    assert page.findings([]).data == "<p>Ingen.</p>"
    assert page.folded(page.findings(["x"]), "Vis <alt>").data.startswith("<details><summary>Vis &lt;alt&gt;")
    assert "&lt;script&gt;" in page.warning("Advarsel", "<script>").data


def test_the_data_note_names_the_users_folder_never_its_path(tmp_path):
    from analysis.data import DataFolder

    user = tmp_path / "mine-data"
    user.mkdir()
    (user / "complaints.csv").write_bytes((DATA_DIR / "complaints.csv").read_bytes())
    folder = DataFolder(user)
    folder.load("complaints")
    note = page.data_note(folder, "klager", data_dir=str(user), first_year=2010).data
    assert "complaints.csv (egne data fra mappen »mine-data«)" in note
    assert "first_year = 2010" in note
    assert str(tmp_path) not in note and "data_dir" not in note


def test_a_page_that_read_no_data_file_says_so(monkeypatch):
    from IPython.display import HTML

    from analysis.data import DataFolder

    monkeypatch.setattr(page, "assumptions_note", lambda folder, chapter: HTML(""))
    note = page.data_note(DataFolder(), "nothing").data
    assert "Data brugt i kapitlet:</strong> ingen datafiler" in note and ": ." not in note
