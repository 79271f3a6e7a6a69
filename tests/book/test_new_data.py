"""Re-running the book with an analyst's data: a longer (fictitious) complaint series in CSV as
Danish Excel writes it and in .xlsx, only the chapters that read a changed file re-run, and text
from data never becomes markup in tables or charts."""

import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
from conftest import serve

from analysis.build.pipeline import build
from analysis.data.loading import read_table
from analysis.notebooks import toc_files
from analysis.paths import DATA_DIR

FIXTURE = Path(__file__).parents[1] / "fixtures" / "fictitious-2024"
HOSTILE = "<script>alert(1)</script>"
HOSTILE_IMG = '<img src="x" onerror="alert(2)">'


@pytest.fixture(scope="module")
def analyst(tmp_path_factory):
    """The fixture folder copied, built into one build folder, then switched to .xlsx and rebuilt."""
    folder = tmp_path_factory.mktemp("analyst") / "data"
    shutil.copytree(FIXTURE, folder)
    out = folder.parent / "build"
    csv_lines, xlsx_lines = [], []
    build(folder, build_dir=out, parameters={"klager.last_year": 2024}, progress=csv_lines.append)
    csv_page = (out / "html" / "notebooks" / "klager.html").read_text(encoding="utf-8")
    # The same data as an Excel workbook (numbers as numbers), in place of the CSV.
    read_table(folder / "complaints.csv").to_excel(folder / "complaints.xlsx", index=False)
    (folder / "complaints.csv").unlink()
    build(folder, build_dir=out, parameters={"klager.last_year": 2024}, progress=xlsx_lines.append)
    return {
        "out": out,
        "csv_page": csv_page,
        "csv_lines": csv_lines,
        "xlsx_lines": xlsx_lines,
        "folder": folder,
    }


def prose(page: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", page))


@pytest.mark.parametrize("form", ["csv_page", "xlsx_page"])
def test_glued_prose_shows_the_users_last_year(analyst, form):
    page = (
        analyst["csv_page"]
        if form == "csv_page"
        else (analyst["out"] / "html" / "notebooks" / "klager.html").read_text(encoding="utf-8")
    )
    text = prose(page)
    # Worked out from the fixture: 2024 has 440 formality and 1.850 reality complaints, both the
    # user's; formality went from 448 (2015) to 440 (2024): (440 - 448) / 448 = -1,8 pct.
    assert (
        "I 2024 modtog forvaltningen 440 (brugerleveret) formalitetsklager og 1.850 (brugerleveret) "
        "realitetsklager" in text
    )
    assert "faldt med 1,8 pct. (beregnet af brugerleverede tal) fra 2015 til 2024" in text
    assert "Klager pr. år 2010–2024" in text
    assert "egne data" in text and "FIKTIVE testdata" in text


def test_only_the_chapters_that_read_the_changed_file_ran_again(analyst):
    ran = [line for line in analyst["xlsx_lines"] if "] ran " in line]
    cached = [line for line in analyst["xlsx_lines"] if "] cached " in line]
    assert ran and cached
    about = ("kilder.ipynb", "udgave.ipynb", "aendringer.ipynb")  # pages on the other pages
    chapters = [line for line in ran if not any(name in line for name in about)]
    assert all(
        "complaints.csv is now read from" in line and "complaints.xlsx" in line for line in chapters
    ), ran
    # The sources page lists the files each chapter read: it runs again because that changed; so
    # do the pages on the edition, whose stamp lists the files with their checksums.
    assert any("kilder.ipynb" in line and "(what the chapters read changed)" in line for line in ran)
    assert any("udgave.ipynb" in line and "(the edition changed)" in line for line in ran)
    assert any("klager.ipynb" in line for line in ran)
    assert not any("udgifter.ipynb" in line for line in ran)  # the costs chapter reads no complaints
    assert any("udgifter.ipynb" in line for line in cached)


def test_the_users_years_are_drawn(analyst, browser):
    with serve(analyst["out"] / "html") as url:
        page = browser.new_page()
        page.goto(f"{url}/notebooks/klager.html")
        page.wait_for_selector("svg.main-svg")
        figure = page.locator("figure.chart").first
        ticks = figure.locator("g.xtick text").all_text_contents()
        assert ticks[-1] == "2024" and "2020" in ticks
        # 2015, 2016, 2018 and 2019-2024 for each series: 9 + 9 markers.
        assert figure.locator("g.scatterlayer g.trace g.points path.point").count() >= 18
        assert "1.850 i 2024" in figure.locator("figcaption").inner_text()
        page.close()


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """Shipped data with markup typed into text cells that tables, legends and source lines show."""
    folder = tmp_path_factory.mktemp("hostile") / "data"
    shutil.copytree(DATA_DIR, folder)

    def set_cell(name, column, old, new):
        path = folder / name
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        assert (frame[column] == old).any(), (name, column, old)
        frame.loc[frame[column] == old, column] = new
        frame.to_csv(path, index=False)

    set_cell("budget_lines.csv", "label", "Flere sagsbehandlere til handicapområdet", HOSTILE)
    set_cell("service_targets.csv", "label", "Kalendersatte samtaler pr. sagsbehandler", HOSTILE_IMG)
    set_cell(
        "complaint_benchmarks.csv", "description", "gennemsnitligt antal formalitetsklager pr. år", HOSTILE
    )
    set_cell("sources/registry.csv", "short_title", "SO49 Servicekultur (2020)", "SO49 " + HOSTILE_IMG)
    out = folder.parent / "build"
    build(folder, build_dir=out, progress=lambda _: None)
    return out / "html"


def test_text_from_data_is_shown_as_text_never_run(hostile, browser):
    dialogs = []
    with serve(hostile) as url:
        page = browser.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for path in ["index.html", *(f"{name}.html" for name in toc_files())]:
            page.goto(f"{url}/{path}")
            page.wait_for_load_state("networkidle")
        page.goto(f"{url}/notebooks/udgifter.html")
        page.wait_for_selector("svg.main-svg")
        assert HOSTILE in page.locator("table").first.inner_text() or any(
            HOSTILE in t for t in page.locator("table").all_inner_texts()
        )
        assert any(HOSTILE in t for t in page.locator("figure.chart").all_inner_texts())  # a legend or label
        page.goto(f"{url}/notebooks/sagsfrister.html")
        page.wait_for_selector("svg.main-svg")
        assert any("SO49 " + HOSTILE_IMG in t for t in page.locator("figure.chart").all_inner_texts())
        page.close()
    assert dialogs == []
