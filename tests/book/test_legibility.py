"""Charts stay legible with three and ten times the shipped number of points: every chapter's
charts are drawn from dense fictitious folders, as the book draws them (its renderer, its text
column's width, the book's own plotly.js), and their labels are measured in the browser."""

from __future__ import annotations

import importlib
import inspect
import shutil
from pathlib import Path

import plotly.graph_objects as go
import pytest
from conftest import serve
from fictitious import Note, Spec, write
from legibility import LEGIBILITY_JS, illegible

from analysis.build import plotlyjs
from analysis.data import DataFolder
from analysis.notebooks import chapter_notebooks, declared
from analysis.present import charts

COLUMN = 672  # px: the width of the book's text column in a 1280 px wide window


def _note(points: int) -> Note:
    years = tuple(range(2020, 2020 + min(points, 8)))
    lines = tuple((f"FIKTIV aktivitet nummer {i}", tuple(100 * i for _ in years)) for i in range(1, points))
    return Note("dense", "FIKTIVT notat med mange linjer", 2020, years, lines)


# The shipped data has 4 years of complaints, 2 compliance measurements per centre, 3 application
# periods and cost tables of 3-7 rows; these have 3 and 10 times as many.
DENSE = {
    "3x": Spec(
        name="3x",
        complaint_years=tuple(range(2012, 2024)),
        compliance_years=(2021, 2022, 2023),
        compliance_months=6,
        centres=("handicap", "voksne"),
        targets={"handicap": 80, "voksne": 75},
        funding=(("handicap", "granted", 2022, 2023), ("voksne", "proposed", 2024, None)),
        application_years=(2021, 2022, 2023),
        application_months=4,
        notes=(_note(12),),
        cases=500,
    ),
    "10x": Spec(
        name="10x",
        complaint_years=tuple(range(1985, 2025)),
        compliance_years=tuple(range(2019, 2024)),
        compliance_months=3,
        centres=("handicap", "voksne"),
        targets={"handicap": 80, "voksne": 75},
        funding=(("handicap", "granted", 2020, 2021), ("voksne", "granted", 2022, None)),
        application_years=tuple(range(2016, 2026)),
        application_months=3,
        notes=(_note(30),),
        cases=3000,
    ),
}


def chart_functions(module):
    """The module's charts: public functions that take the result alone and return a figure."""
    for name, function in inspect.getmembers(module, inspect.isfunction):
        signature = inspect.signature(function)
        required = [p for p in signature.parameters.values() if p.default is inspect.Parameter.empty]
        if not name.startswith("_") and signature.return_annotation in (go.Figure, "go.Figure"):
            if len(required) == 1 and function.__module__ == module.__name__:
                yield name, function


def drawn_charts(folder: DataFolder) -> dict[str, go.Figure]:
    found = {}
    for notebook in chapter_notebooks():
        module = importlib.import_module(f"analysis.chapters.{notebook.stem}")
        parameters = {n: p.default for n, p in declared(notebook).items() if n != "data_dir"}
        result = module.compute(folder, **parameters)
        for name, function in chart_functions(module):
            found[f"{notebook.stem}.{name}"] = function(result)
    return found


def page_of(figures: dict[str, go.Figure]) -> str:
    body = "".join(
        f'<section style="width:{COLUMN}px">{charts.BookRenderer().to_mimebundle(fig.to_dict())["text/html"]}'
        "</section>"
        for fig in figures.values()
    )
    return (
        '<!doctype html><html lang="da"><head><meta charset="utf-8">'
        f'<script src="plotly.min.js"></script></head><body>{body}</body></html>'
    )


def measured(browser, folder: Path, figures: dict[str, go.Figure]) -> list[dict]:
    shutil.copy2(plotlyjs.choose()[0], folder / "plotly.min.js")  # the bundle the book ships
    (folder / "charts.html").write_text(page_of(figures), encoding="utf-8")
    with serve(folder) as url:
        page = browser.new_page()
        page.goto(f"{url}/charts.html")
        page.wait_for_load_state("networkidle")
        found = page.evaluate(LEGIBILITY_JS)
        page.close()
    return found


@pytest.mark.parametrize("density", sorted(DENSE))
def test_charts_stay_legible_with_many_more_points(density, tmp_path, browser):
    folder = DataFolder(write(tmp_path / "data", DENSE[density]))
    figures = drawn_charts(folder)
    assert len(figures) >= 8  # every chapter's charts, drawn from the dense data
    found = measured(browser, tmp_path, figures)
    assert len(found) == len(figures)
    assert illegible(found) == [], "\n".join(illegible(found))


def test_the_measurement_finds_labels_on_labels_and_labels_cut_off(tmp_path, browser):
    crowded = go.Figure(go.Scatter(x=[1, 2], y=[1, 2]))
    crowded.add_annotation(x=1.5, y=1.5, text="Et langt mærke her")
    crowded.add_annotation(x=1.5, y=1.5, text="Et andet mærke")
    cut = go.Figure(go.Scatter(x=[1, 2], y=[1, 2]))
    cut.add_annotation(x=1, y=0, xref="paper", yref="paper", xanchor="left", text="x" * 300)
    found = measured(browser, tmp_path, {"crowded": crowded, "cut": cut})
    problems = illegible(found)
    assert any("'Et langt mærke her' lies on 'Et andet mærke'" in p for p in problems), problems
    assert any("is cut off" in p and "xxxx" in p for p in problems), problems
