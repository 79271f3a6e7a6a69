"""The chapter 'Kilder': every source with the chapters that cite it, and the files each chapter read."""

import re

from helpers import written

from analysis.chapters import kilder
from analysis.data import DataFolder

READS = {
    "klager": {
        "title": "Klager <over> sagsbehandlingen",
        "files": [
            {"dataset": "complaints", "file": "mine-data/complaints.csv", "from": "user"},
            {"dataset": "registry", "file": "data/sources/registry.csv", "from": "shipped"},
        ],
        "sources": ["klagetema2019", "so49"],
    },
    "udgifter": {
        "title": "Udgifter",
        "files": [{"dataset": "price_index", "file": None, "from": None}],
        "sources": ["so49"],
    },
}


def test_facts_count_the_documents_by_municipality(shipped):
    shown = written(kilder.facts(kilder.compute(shipped)))
    assert shown["n_sources"] == "7"
    assert (
        shown["by_municipality"]
        == "6 fra Københavns Kommune (Danmark) og 1 fra Kommuneqarfik Sermersooq (Grønland)"
    )
    assert shown["other_municipalities"] == "Kommuneqarfik Sermersooq"


def test_every_source_names_the_chapters_whose_data_cite_it(shipped):
    html = kilder.entries(kilder.compute(shipped, chapter_reads=READS)).data
    so49 = html[html.index('id="kilde-so49"') : html.index('id="kilde-handlingsplan2007"')]
    assert (
        '<a href="klager.html">Klager &lt;over&gt; sagsbehandlingen</a> og <a href="udgifter.html">' in so49
    )
    assert html.count("ingen kapitler") == len(shipped.sources()) - 2  # so49 and klagetema2019 are cited
    assert html.count("Ikke Københavns Kommune") == 1


def test_the_files_table_says_which_file_each_chapter_read_and_whose(shipped):
    result = kilder.compute(shipped, chapter_reads=READS)
    rows = kilder.values(result).values.tolist()
    assert rows == [
        ["Klager <over> sagsbehandlingen", "mine-data/complaints.csv", "egne data"],
        ["Klager <over> sagsbehandlingen", "data/sources/registry.csv", "leveret med bogen"],
        ["Udgifter", "price_index (valgfri, ikke leveret)", "—"],
    ]
    html = kilder.table(result).data
    assert "Klager &lt;over&gt;" in html and len(re.findall("<tr", html)) == 4


def test_without_the_builds_record_the_page_says_where_it_comes_from(shipped):
    result = kilder.compute(shipped)
    assert "python -m analysis build" in kilder.table(result).data
    assert "Bruges i" not in kilder.entries(result).data


def test_the_front_page_names_the_users_folder_and_files_and_says_how_their_numbers_are_marked(
    shipped, tmp_path
):
    user = tmp_path / "mine-data"
    user.mkdir()
    result = kilder.compute(DataFolder(user), chapter_reads=READS)
    text = written(kilder.facts(result))["user_data"]
    assert text.startswith("Bogen er bygget med egne data fra mappen »mine-data«: »complaints.csv«.")
    assert "»brugerleveret«" in text and str(tmp_path) not in text


def test_without_user_files_the_front_page_says_the_book_uses_its_own_data(shipped):
    text = written(
        kilder.facts(
            kilder.compute(
                shipped,
                chapter_reads=READS | {"klager": {**READS["klager"], "files": [READS["klager"]["files"][1]]}},
            )
        )
    )["user_data"]
    assert text == "Bogen er bygget med de data, der følger med den."


# --- The source texts, shipped and supplied -------------------------------------------------------


def test_every_shipped_text_is_published_escaped_under_its_document(shipped):
    import html as html_module

    from analysis.paths import DATA_DIR

    result = kilder.compute(shipped)
    page = kilder.entries(result).data
    registry = shipped.sources()
    with_text = registry[registry["file"].notna()]
    assert len(with_text) == 7 and page.count('<details class="source-text">') == len(with_text)
    for row in with_text.itertuples():
        text = (DATA_DIR / "sources" / row.file).read_text(encoding="utf-8").strip()
        entry = page[page.index(f'id="kilde-{row.source_id}"') :]
        entry = entry[: entry.index("</details>")]
        assert html_module.escape(text) in entry, row.source_id
        assert f"<code>sources/{row.file}</code>, følger med bogen" in entry
    assert "data/sources/" not in page  # no path of the builder's machine or repository
    assert "<strong>Dato:</strong> 3. maj 2017<" in page and "<strong>Dato:</strong> 2011<" in page  # Danish
    shown = written(kilder.facts(result))["texts_published"]
    assert shown == (
        "Teksten til 7 dokumenter står i bogens data og kan læses under dokumentet nedenfor "
        "(klik på »Kildens tekst«)."
    )


def test_a_supplied_text_is_published_beside_the_shipped_ones(tmp_path):
    import hashlib

    from fictitious import FOLDER_B, write

    folder = write(tmp_path / "mine-data", FOLDER_B)
    text_path = folder / "sources" / "fiktivt_notat.txt"
    body = text_path.read_text(encoding="utf-8") + "Tabel <b>2</b> & »citat«\n"
    text_path.write_text(body, encoding="utf-8")
    registry = (folder / "sources" / "registry.csv").read_text(encoding="utf-8-sig")
    old = hashlib.sha256(body[: -len("Tabel <b>2</b> & »citat«\n")].encode()).hexdigest()
    assert old in registry
    (folder / "sources" / "registry.csv").write_text(
        registry.replace(old, hashlib.sha256(body.encode()).hexdigest()), encoding="utf-8-sig"
    )

    result = kilder.compute(DataFolder(folder))
    page = kilder.entries(result).data
    entry = page[page.index('id="kilde-fiktivt-notat"') :]
    entry = entry[: entry.index("</div>")]
    assert (
        "<h2>FIKTIVT budgetnotat B: flere sagsbehandlere (kun testdata)</h2>" in entry
    )  # the registry's title
    assert "Tabel &lt;b&gt;2&lt;/b&gt; &amp; »citat«" in entry and "<b>2</b>" not in entry
    assert (
        "<code>sources/fiktivt_notat.txt</code>, leveret af den, der byggede bogen (mappen »mine-data«)"
        in entry
    )
    assert str(tmp_path) not in page
    assert page.count('<details class="source-text">') == 8  # the 7 shipped texts and the user's
    assert 'id="kilde-fiktiv-bruger"' in page  # a document with only an address is listed, without text
    shown = written(kilder.facts(result))["texts_published"]
    assert shown == (
        "Teksten til 8 dokumenter står i bogens data og kan læses under dokumentet nedenfor "
        "(klik på »Kildens tekst«); heraf er 1 leveret af den, der byggede bogen. "
        "1 dokument har kun en adresse og ingen gemt tekst."
    )
