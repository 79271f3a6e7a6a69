"""The built book in headless Chromium, offline: figures are really drawn, pages are accessible."""

from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from conftest import AXE, skip_loudly
from legibility import LEGIBILITY_JS, illegible

from analysis.build import plotlyjs
from analysis.notebooks import toc_files
from analysis.present import charts


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


def test_deadline_figures_are_drawn_with_their_data(page, served_book):
    page.goto(f"{served_book}/notebooks/sagsfrister.html")
    page.wait_for_selector("svg.main-svg", timeout=15_000)
    figures = page.locator("figure.chart")
    assert figures.count() == 2
    main = figures.nth(0)
    assert (
        main.locator("text.gtitle").text_content()
        == "Handicap 81 pct., over målet på 80 pct.; Voksne 71 pct."
    )
    # Measurements: Voksne 2 and Handicap 1 single values, plus the range's two end caps.
    assert main.locator("g.scatterlayer g.trace g.points path.point").count() >= 5
    assert main.locator("g.barlayer g.point").count() == 3  # one granted, two proposed funding bars
    text = main.inner_text()
    assert "Mål for Borgercenter Handicap: mindst 80 pct." in text
    assert "interval 80–90 pct. (ikke ét tal)" in text  # the range, named in the legend
    assert "Midler foreslået, ikke vedtaget (skraveret)" in text
    complaints = figures.nth(1)
    assert complaints.locator("g.scatterlayer g.trace g.points path.point").count() >= 2
    assert "539,4 (beregnet: 580 × (1 − 0,07))" in complaints.inner_text()
    assert page.problems == []


def test_demand_figure_is_drawn_with_its_data(page, served_book):
    page.goto(f"{served_book}/notebooks/efterspoergsel.html")
    page.wait_for_selector("svg.main-svg", timeout=15_000)
    figure = page.locator("figure.chart").first
    assert figure.locator("text.gtitle").text_content().startswith("Ansøgninger om brøkpension pr. måned")
    assert figure.locator("g.barlayer g.point").count() == 3  # 2018, 2019 and the part-year
    assert figure.locator("g.scatterlayer g.trace g.points path.point").count() >= 3
    text = figure.inner_text()
    assert "490 (kun 5 mdr.)" in text and "98,0" in text and "jan.–maj 2020" in text
    assert page.problems == []


def test_sermersooq_figures_are_drawn_with_their_data(page, served_book):
    page.goto(f"{served_book}/notebooks/sermersooq.html")
    page.wait_for_selector("svg.main-svg", timeout=15_000)
    assert "Ikke Københavns Kommune" in page.locator("div.admonition").first.inner_text()
    ranges, activity = page.locator("figure.chart").all()
    # The payments range: one line with a marker at each end (90 and 95), and two threshold marks.
    assert ranges.locator("g.scatterlayer g.trace g.points path.point").count() >= 4
    assert ranges.locator("text.gtitle").text_content().startswith("Rettidige udbetalinger: 90–95 pct.")
    assert "Mål: mindst 95 pct." in ranges.inner_text()
    # Four activity bars (270, 40, 40, 25), each with its value beside it.
    assert activity.locator("g.barlayer g.point").count() == 4
    assert "270" in activity.locator("g.scatterlayer").text_content()
    assert activity.locator("text.gtitle").text_content().startswith("270 samtaler")
    assert "Kommuneqarfik Sermersooq, Grønland" in " ".join(activity.inner_text().split())  # the subtitle
    assert page.problems == []


def test_staffing_figures_are_drawn_with_their_data(page, served_book):
    page.goto(f"{served_book}/notebooks/bemanding.html")
    page.wait_for_selector("svg.main-svg", timeout=15_000)
    unit_amounts, training = page.locator("figure.chart").nth(0), page.locator("figure.chart").nth(1)
    # Two panels, one per price level, with 3 + 3 bars (the manager gives SO49 Handicap two bars).
    assert unit_amounts.locator("g.barlayer g.trace").count() == 2
    assert unit_amounts.locator("g.barlayer g.point").count() == 6
    text = unit_amounts.inner_text()
    for label in ["2012 p/l", "2021 p/l", "517.000 kr.", "ca. 500.000 kr."]:
        assert label in text, label
    assert training.locator("g.barlayer g.point").count() == 3
    assert training.locator("text.gtitle").text_content().startswith("Ca. 800 sagsbehandlere")
    assert page.problems == []


def test_action_plan_timeline_is_drawn(page, served_book):
    page.goto(f"{served_book}/notebooks/handlingsplan2007.html")
    page.wait_for_selector("svg.main-svg", timeout=15_000)
    figure = page.locator("figure.chart").first
    # Two commitments with an exact day are points; three month/year spans are lines.
    assert figure.locator("g.scatterlayer g.trace g.points path.point").count() == 2
    assert figure.locator("g.scatterlayer g.trace path.js-line").count() >= 2
    assert (
        figure.locator("text.gtitle").text_content()
        == "Alle 5 daterede tilsagn ligger før handlingsplanens dato"
    )
    assert "sommeren 2006" in figure.inner_text()
    assert page.locator("table.book-table").count() == 3  # two groups of initiatives and the commitments
    assert page.problems == []


def test_costs_figures_are_drawn_with_their_data(page, served_book):
    page.goto(f"{served_book}/notebooks/udgifter.html")
    page.wait_for_selector("svg.main-svg", timeout=15_000)
    figures = page.locator("figure.chart")
    assert figures.count() == 5  # per note: yearly and multi-year; and the timeline
    # A wrapped title is one sentence: its lines joined with single spaces.
    titles = [" ".join(figures.nth(i).locator("text.gtitle").text_content().split()) for i in range(5)]
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


# --- Every page, every figure ----------------------------------------------------------------

# Each plotly figure on the page: is it in a <figure class="chart">, is it drawn, how many traces
# hold drawn data (markers, bars, lines), and the text of the caption its figure is described by.
FIGURES_JS = """() => [...document.querySelectorAll('.plotly-graph-div')].map(div => {
  const figure = div.closest('figure.chart');
  const caption = figure && document.getElementById(figure.getAttribute('aria-describedby'));
  const label = caption && caption.querySelector('strong');
  return {
    id: div.id,
    in_figure: !!figure,
    drawn: !!div.querySelector('svg.main-svg'),
    traces_with_data: [...div.querySelectorAll('g.trace')].filter(
      t => t.querySelector('path.point, g.point > path, path.js-line[d]:not([d=""])')).length,
    alt: caption && caption.tagName === 'FIGCAPTION' && figure.contains(caption)
      ? caption.textContent.replace(label ? label.textContent : '', '').trim() : '',
    types: (div.data || []).map(trace => trace.type || 'scatter'),
  };
})"""

# The trace types the page's plotly.js can draw (none on a page that loads no plotly.js).
TRACE_TYPES_JS = "() => window.Plotly ? Object.keys(Plotly.PlotSchema.get().traces) : []"

# The theme's icons, drawn from Font Awesome's webfont by its stylesheet (no icon script): each
# visible icon's glyph, and whether a loaded font face of its family and weight draws it.
ICONS_JS = """async () => {
  await document.fonts.ready;
  const loaded = [...document.fonts].filter(f => f.status === 'loaded');
  return [...document.querySelectorAll('.fa-solid, .fas, .fa-regular, .far, .fa-brands, .fab')]
    .filter(icon => icon.getBoundingClientRect().width > 0)
    .map(icon => {
      const before = getComputedStyle(icon, '::before');
      const family = before.fontFamily.split(',')[0].replace(/["']/g, '').trim();
      return {icon: icon.getAttribute('class'), glyph: before.content,
              font: loaded.some(f => f.family.replace(/["']/g, '') === family
                                     && String(f.weight) === before.fontWeight)};
    });
}"""

# Every visible text in the charts, with its colour and what it stands on: the white paper of the
# template, or the bar it is printed inside (a patterned bar: each colour of its pattern).
# axe cannot judge text in SVG ("incomplete"), so the test does, with charts.contrast.
CHART_TEXT_JS = """() => {
  const hex = (colour, alpha = 1) => '#' + colour.match(/[\\d.]+/g).slice(0, 3).map(Number)
    .map(v => Math.round(v * alpha + 255 * (1 - alpha)).toString(16).padStart(2, '0')).join('');
  const fills = shape => {
    const style = getComputedStyle(shape), pattern = style.fill.match(/url\\("?#([^")]+)/);
    if (pattern)
      return [...document.getElementById(pattern[1]).querySelectorAll('rect, path')].flatMap(fills);
    return [hex(style.fill, Number(style.fillOpacity) * Number(style.opacity))];
  };
  return [...document.querySelectorAll('figure.chart svg text')]
    .filter(t => t.textContent.trim() && t.getBBox().width > 0)
    .map(t => {
      const style = getComputedStyle(t), bar = t.classList.contains('bartext-inside') && t.closest('g.point');
      return {text: t.textContent, colour: hex(style.fill), size: parseFloat(style.fontSize),
              bold: Number(style.fontWeight) >= 700,
              on: bar ? fills(bar.querySelector('path')) : ['#ffffff']};
    });
}"""

# Folded code is content too: unfold it, and end its fade-in at once (axe would judge half-faded text).
OPEN_FOLDED_JS = """() => { document.querySelectorAll('details').forEach(d => d.open = true);
  document.getAnimations().forEach(a => a.finish()); }"""

# The theme's two colour modes: every page is checked in light (the book's default) and in dark.
MODES = ("light", "dark")

# Dark mode as a reader turns it on: the theme's switcher in the header, clicked until the page is
# dark (it cycles light, auto, dark), with its transitions ended at once. The switcher stores the
# choice; it is forgotten again, so the next page opens in the book's default mode.
DARK_MODE_JS = """() => { const button = document.querySelector('.theme-switch-button');
  for (let i = 0; button && i < 3 && document.documentElement.dataset.theme !== 'dark'; i++) button.click();
  document.getAnimations().forEach(a => a.finish());
  localStorage.removeItem('mode'); localStorage.removeItem('theme');
  return document.documentElement.dataset.theme; }"""

# Every text in the article's tables (captions, header and data cells, and what they hold: links,
# code, bold), with its colour and the colour it stands on: the first opaque background among it
# and its ancestors, with any translucent ones between laid over it, as the browser paints them.
# One entry per table for each look (colour, background, size, weight), with an example text.
TABLE_TEXT_JS = """() => {
  const rgba = colour => {
    const match = colour.match(/^rgba?\\(([^)]*)\\)$/);
    if (!match) throw new Error(`not an sRGB colour: ${colour}`);
    const [r, g, b, a = 1] = match[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
    return [r, g, b, a];
  };
  const over = (top, below) => [0, 1, 2].map(i => top[i] * top[3] + below[i] * (1 - top[3]));
  const hex = rgb => '#' + rgb.map(v => Math.round(v).toString(16).padStart(2, '0')).join('');
  const background = element => {
    const layers = [];
    for (let e = element; e; e = e.parentElement) {
      const colour = rgba(getComputedStyle(e).backgroundColor);
      if (colour[3] > 0) layers.push(colour);
      if (colour[3] >= 1) break;
    }
    return layers.reverse().reduce((below, layer) => over(layer, below), [255, 255, 255]);
  };
  const seen = new Map();
  document.querySelectorAll('.bd-article table').forEach((table, index) => {
    const name = table.caption ? table.caption.textContent.trim().slice(0, 60) : `table ${index + 1}`;
    table.querySelectorAll('caption, th, td, caption *, th *, td *').forEach(element => {
      const own = [...element.childNodes].find(n => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
      if (!own || !element.getClientRects().length) return;
      const style = getComputedStyle(element), on = background(element);
      const look = {table: name, tag: element.tagName.toLowerCase(), colour: hex(over(rgba(style.color), on)),
                    on: hex(on), size: parseFloat(style.fontSize), bold: Number(style.fontWeight) >= 700};
      const key = JSON.stringify(look);
      if (!seen.has(key)) seen.set(key, {...look, text: own.textContent.trim().slice(0, 40)});
    });
  });
  return [...seen.values()];
}"""

AXE_RUN_JS = """() => axe.run(document,
    {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
  .then(result => result.violations.map(
    v => ({rule: v.id, help: v.help, targets: v.nodes.map(n => n.target.join(' '))})))"""


@dataclass
class Visit:
    """What a reader's browser met on one page."""

    errors: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    figures: list[dict] = field(default_factory=list)
    chart_texts: list[dict] = field(default_factory=list)
    layout: list[dict] = field(default_factory=list)  # each chart's labels, measured
    violations: dict[str, list[dict]] = field(default_factory=dict)  # per mode; empty without axe-core
    table_texts: dict[str, list[dict]] = field(default_factory=dict)  # per mode: each look of table text
    responses: list[tuple[str, int]] = field(default_factory=list)  # each URL fetched, its body's bytes
    trace_types: list[str] = field(default_factory=list)  # what the page's plotly.js can draw
    icons: list[dict] = field(default_factory=list)

    @property
    def bytes(self) -> int:
        return sum(size for _, size in self.responses)


def book_pages(built_book) -> list[str]:
    """Every page of the book: the table of contents, and the front, search and index pages."""
    extra = [name for name in ("index.html", "search.html", "genindex.html") if (built_book / name).exists()]
    return [*extra, *(f"{name}.html" for name in toc_files())]


@pytest.fixture(scope="session")
def visits(browser, served_book, built_book) -> dict[str, Visit]:
    """Every page visited once, one after the other in one browser tab (a fresh tab per page is
    five times slower); every test below reads these visits.

    Every page is loaded cold: each request is fetched here and handed to the page (routing
    turns the browser's cache off), so every byte a page needs is counted for that page, the
    exact length of each response's body; a request outside the book is refused."""
    context = browser.new_context()
    page = context.new_page()
    found = {}

    def fetch(route):
        if not route.request.url.startswith(served_book):
            route.abort()  # offline, as a reader's book must work; the request is recorded below
            return
        response = route.fetch()
        body = response.body()
        weighed.append((route.request.url, len(body)))
        route.fulfill(response=response, body=body)

    page.route("**/*", fetch)
    # The listeners write to the visit of the page being shown.
    page.on("pageerror", lambda error: visit.errors.append(f"page error: {error}"))
    page.on(
        "console",
        lambda message: (
            visit.errors.append(f"console error: {message.text} ({message.location.get('url')})")
            if message.type == "error"
            else None
        ),
    )
    page.on(
        "request",
        lambda request: (
            visit.outside.append(request.url)
            if not request.url.startswith((served_book, "data:", "blob:"))
            else None
        ),
    )
    for path in book_pages(built_book):
        visit = found[path] = Visit()
        weighed = visit.responses
        page.goto(f"{served_book}/{path}")
        page.wait_for_load_state("networkidle")
        weighed = []  # what the tests' own scripts fetch is not the page's (axe-core reads the CSS)
        visit.figures = page.evaluate(FIGURES_JS)
        visit.chart_texts = page.evaluate(CHART_TEXT_JS)
        visit.layout = page.evaluate(LEGIBILITY_JS)
        visit.trace_types = page.evaluate(TRACE_TYPES_JS)
        visit.icons = page.evaluate(ICONS_JS)
        page.evaluate(OPEN_FOLDED_JS)
        if AXE.exists():
            page.add_script_tag(path=str(AXE))
        for mode in MODES:  # the same page, in light and then in dark mode
            if mode == "dark" and page.evaluate(DARK_MODE_JS) != "dark":
                visit.errors.append("the theme switcher did not turn the page dark")
                break
            visit.table_texts[mode] = page.evaluate(TABLE_TEXT_JS)
            if AXE.exists():
                visit.violations[mode] = page.evaluate(AXE_RUN_JS)
    context.close()
    return found


def test_every_page_loads_without_errors_or_outside_requests(visits):
    assert len(visits) >= len(toc_files()) + 1
    problems = [f"{path}: {error}" for path, visit in visits.items() for error in visit.errors]
    problems += [f"{path}: request to {url}" for path, visit in visits.items() for url in visit.outside]
    assert problems == [], "\n".join(problems)


def test_every_chart_is_drawn_with_data_and_described_in_text(visits, built_book):
    figures = [(path, figure) for path, visit in visits.items() for figure in visit.figures]
    # Every figure the HTML holds was found in the browser (14 charts in the chapters today).
    written = sum(
        (built_book / path).read_text(encoding="utf-8").count('class="plotly-graph-div"') for path in visits
    )
    assert len(figures) == written >= 14
    problems = [
        f"{path} {figure['id']}: {problem}"
        for path, figure in figures
        for problem, failed in [
            ("not in a <figure class='chart'>", not figure["in_figure"]),
            ("not drawn (no svg.main-svg)", not figure["drawn"]),
            ("no trace with drawn data", figure["traces_with_data"] == 0),
            ("no text alternative (figcaption named by aria-describedby)", not figure["alt"]),
        ]
        if failed
    ]
    assert problems == [], "\n".join(problems)


# --- Page weight: what a reader's browser fetches for each page, cold ------------------------

LIGHT = 2_000_000  # bytes a page without a chart may fetch, everything included
WITH_CHARTS = 3_500_000


def plotly_js(visit: Visit) -> list[tuple[str, int]]:
    return [(url, size) for url, size in visit.responses if "plotly" in urlsplit(url).path]


def test_every_page_is_light_when_fetched_cold(visits, built_book):
    # Without npm the book ships the full plotly.js (4.8 MB), and no chart page can be this light.
    _, fallback = plotlyjs.choose()
    problems = [
        f"{path}: {visit.bytes:,} bytes, over {limit:,}; largest: "
        + ", ".join(
            f"{urlsplit(url).path} {size:,}"
            for size, url in sorted((size, url) for url, size in visit.responses)[-3:]
        )
        for path, visit in visits.items()
        for limit in [WITH_CHARTS if visit.figures else LIGHT]
        if visit.bytes > limit and not (visit.figures and fallback)
    ]
    assert problems == [], "\n".join(problems)
    # The counts are whole: every page fetched the theme's stylesheet itself (none came from a
    # cache), and its size is the file's, to the byte.
    stylesheet = (built_book / "_static" / "styles" / "pydata-sphinx-theme.css").stat().st_size
    for path, visit in visits.items():
        fetched = [
            size for url, size in visit.responses if url.split("?")[0].endswith("/pydata-sphinx-theme.css")
        ]
        assert fetched == [stylesheet], path
    if fallback:
        skip_loudly(f"{fallback}: PAGES WITH CHARTS WERE NOT WEIGHED (run `npm ci`)")


def test_only_pages_with_a_chart_load_plotly_js_which_draws_their_traces(visits, built_book):
    library = (built_book / "_static" / "plotly.min.js").stat().st_size
    with_charts = {path for path, visit in visits.items() if visit.figures}
    assert len(with_charts) >= 7 and len(visits) - len(with_charts) >= 8
    for path, visit in visits.items():
        if path in with_charts:
            assert [size for _, size in plotly_js(visit)] == [library], path
            used = {kind for figure in visit.figures for kind in figure["types"]}
            assert used and used <= set(visit.trace_types), (
                f"{path}: {used - set(visit.trace_types)} not drawn"
            )
        else:
            assert plotly_js(visit) == [] and visit.trace_types == [], f"{path} loads {plotly_js(visit)}"


def test_every_icon_is_drawn_from_the_webfont_without_the_icon_script(visits):
    problems = []
    for path, visit in visits.items():
        problems += [f"{path}: requests {url}" for url, _ in visit.responses if "fontawesome.js" in url]
        problems += [f"{path}: no icon shown"] if len(visit.icons) < 3 else []
        for icon in visit.icons:
            glyph = icon["glyph"]  # as CSS gives it: a quoted character of Font Awesome's private range
            if not (len(glyph) == 3 and glyph[0] == glyph[2] == '"' and 0xE000 <= ord(glyph[1]) <= 0xF8FF):
                problems.append(f"{path}: {icon['icon']} has no glyph ({glyph})")
            elif not icon["font"]:
                problems.append(f"{path}: {icon['icon']}: no loaded font draws it")
    assert problems == [], "\n".join(problems)


def test_no_chart_label_lies_on_another_or_is_cut_off(visits):
    charts_measured = [chart for visit in visits.values() for chart in visit.layout]
    assert len(charts_measured) >= 14 and sum(chart["texts"] for chart in charts_measured) > 100
    problems = [line for path, visit in visits.items() for line in illegible(visit.layout, path)]
    assert problems == [], "\n".join(problems)


def aa_minimum(text: dict) -> float:
    """The contrast WCAG AA asks of a text: 3:1 for large text (24 px, or bold from 18.66 px), else 4.5:1."""
    large = text["size"] >= 24 or (text["bold"] and text["size"] >= 18.66)
    return 3 if large else 4.5


def test_chart_text_meets_wcag_aa_contrast(visits):
    texts = [(path, text) for path, visit in visits.items() for text in visit.chart_texts]
    assert len(texts) > 100
    problems = []
    for path, text in texts:
        worst = min(charts.contrast(text["colour"], background) for background in text["on"])
        if worst < aa_minimum(text):
            problems.append(f"{path}: {text['text']!r} in {text['colour']} on {text['on']}: {worst:.2f}:1")
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("mode", MODES)
def test_axe_finds_no_wcag_a_or_aa_violations(visits, axe_core, mode):
    assert [path for path, visit in visits.items() if mode not in visit.violations] == []
    problems = [
        f"{path}: {v['rule']} ({v['help']}) at {', '.join(v['targets'])}"
        for path, visit in visits.items()
        for v in visit.violations[mode]
    ]
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("mode", MODES)
def test_table_text_meets_wcag_aa_contrast(visits, mode):
    # axe judges these too, but only what it can compute; this measures every table's every text.
    assert [path for path, visit in visits.items() if mode not in visit.table_texts] == []
    texts = [(path, text) for path, visit in visits.items() for text in visit.table_texts[mode]]
    assert len({(path, text["table"]) for path, text in texts}) >= 50  # 53 book tables today
    assert {text["tag"] for _, text in texts} >= {"caption", "th", "td", "a"}
    problems = [
        f"{path}: {text['table']!r}: <{text['tag']}> {text['text']!r} in {text['colour']} on {text['on']}: "
        f"{ratio:.2f}:1"
        for path, text in texts
        for ratio in [charts.contrast(text["colour"], text["on"])]
        if ratio < aa_minimum(text)
    ]
    assert problems == [], "\n".join(problems)


def test_claims_page_reads_with_its_tables(page, served_book):
    page.goto(f"{served_book}/notebooks/kontrol.html")
    page.wait_for_load_state("networkidle")
    tables = page.locator("table.book-table")
    assert tables.count() == 4  # the rounding rules, claims per source, claims in the text, printed sums
    printed = tables.nth(3)
    assert not printed.is_visible()  # the 84 printed sums are folded away ...
    page.locator("details summary", has_text="Vis de trykte summer").click()
    assert printed.is_visible() and printed.locator("tbody tr").count() == 84  # ... until asked for
    text = page.locator("main").inner_text()
    assert "(2.049 − 1.859) ÷ 2.049 × 100 = 9,27 pct." in text  # how kk.dk got its 9,3
    assert "Data har intet tal for 2010–2014 og 2017." in text
    assert page.problems == []
