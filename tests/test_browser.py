"""The built book in headless Chromium, offline: figures are really drawn."""

import pytest


@pytest.fixture
def page(browser, served_book):
    context = browser.new_context()
    page = context.new_page()
    page.problems = []
    page.requests = []
    page.on("pageerror", lambda error: page.problems.append(str(error)))
    page.on("request", lambda request: page.requests.append(request.url))
    yield page
    context.close()


def test_complaints_figure_is_drawn_with_its_data(page, served_book):
    page.goto(f"{served_book}/notebooks/klager.html")
    page.wait_for_selector("svg.main-svg", timeout=15_000)
    figure = page.locator("figure.chart").first
    assert figure.locator("svg.main-svg").count() >= 1
    # One scatter trace per series, with a marker for each year that has a value (3 + 3).
    points = figure.locator("g.scatterlayer g.trace g.points path.point")
    assert points.count() >= 6
    assert figure.locator("text.gtitle").text_content().startswith("580 formalitetsklager i 2018")
    assert "Gennemsnit 2010–2018: 566" in figure.inner_text()
    assert page.problems == []


def test_costs_figures_are_drawn_with_their_data(page, served_book):
    page.goto(f"{served_book}/notebooks/udgifter.html")
    page.wait_for_selector("svg.main-svg", timeout=15_000)
    figures = page.locator("figure.chart")
    assert figures.count() == 5  # per note: yearly and multi-year; and the timeline
    titles = [figures.nth(i).locator("text.gtitle").text_content() for i in range(5)]
    assert titles[0].startswith("SO49 Servicekultur (2020): netto 110,6 mio. kr.")
    assert titles[2].startswith("Budgetnotat Ø501 (2011): netto 39,8 mio. kr.")
    assert titles[4] == "Anlægsprojektet ligger fra 1. kvartal 2012 til 4. kvartal 2012"
    # SO49 yearly: 4 activities × 4 years of bars (0 in 2021 draws an empty bar) and 4 net markers.
    so49 = figures.nth(0)
    assert so49.locator("g.barlayer g.trace").count() == 4
    assert so49.locator("g.scatterlayer g.points path.point").count() == 4
    # Ø501 yearly: the savings are drawn below the zero line.
    oe501 = figures.nth(2)
    assert oe501.locator("g.barlayer g.trace").count() == 6
    ticks = [t.replace("\u2212", "-") for t in oe501.locator("g.ytick text").all_text_contents()]
    assert "-5.000" in ticks and "0" in ticks
    # The timeline: one bar per activity.
    gantt = figures.nth(4)
    assert gantt.locator("g.barlayer g.point").count() == 2
    assert "1.–4. kv. 2012" in gantt.inner_text() and "2011" in gantt.inner_text()
    assert any("afviger: fortegnet er vendt" in t for t in page.locator("table").all_inner_texts())
    assert page.problems == []


def test_pages_load_without_errors_or_outside_requests(page, served_book):
    for path in ["index.html", "book/intro.html", "notebooks/klager.html", "notebooks/udgifter.html",
                 "notebooks/kilder.html"]:
        page.goto(f"{served_book}/{path}")
        page.wait_for_load_state("networkidle")
    assert page.problems == []
    outside = [url for url in page.requests if not url.startswith(served_book) and not url.startswith("data:")]
    assert outside == []
