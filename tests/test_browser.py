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


def test_sermersooq_figures_are_drawn_with_their_data(page, served_book):
    page.goto(f"{served_book}/notebooks/sermersooq.html")
    page.wait_for_selector("svg.main-svg", timeout=15_000)
    assert "Ikke Københavns Kommune" in page.locator("div.admonition").first.inner_text()
    ranges, activity = page.locator("figure.chart").all()
    # The payments range: one line with a marker at each end (90 and 95), and two threshold marks.
    assert ranges.locator("g.scatterlayer g.trace g.points path.point").count() >= 4
    assert ranges.locator("text.gtitle").text_content().startswith("Rettidige udbetalinger: 90-95 pct.")
    assert "Mål: mindst 95 pct." in ranges.inner_text()
    # Four activity bars (270, 40, 40, 25), each with its value beside it.
    assert activity.locator("g.barlayer g.point").count() == 4
    assert "270" in activity.locator("g.scatterlayer").text_content()
    assert activity.locator("text.gtitle").text_content().startswith("270 samtaler")
    assert "Kommuneqarfik Sermersooq, Grønland" in activity.inner_text()  # the subtitle
    assert page.problems == []


def test_pages_load_without_errors_or_outside_requests(page, served_book):
    for path in ["index.html", "book/intro.html", "notebooks/klager.html", "notebooks/sermersooq.html",
                 "notebooks/kilder.html"]:
        page.goto(f"{served_book}/{path}")
        page.wait_for_load_state("networkidle")
    assert page.problems == []
    outside = [url for url in page.requests if not url.startswith(served_book) and not url.startswith("data:")]
    assert outside == []
