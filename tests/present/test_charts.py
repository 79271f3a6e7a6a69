"""The shared chart template and the book renderer."""

from pathlib import Path

import plotly.graph_objects as go
import plotly.io as pio
import pytest
from plotly.subplots import make_subplots

from analysis.present import charts


def test_template_is_the_default_and_danish():
    assert pio.templates.default == "book"
    merged = pio.templates.merge_templates(pio.templates["plotly_white"], pio.templates["budgetnote"])
    assert pio.templates["book"].to_plotly_json() == merged.to_plotly_json()
    layout = pio.templates["budgetnote"].layout
    assert layout.separators == ",."
    assert list(layout.colorway) == list(charts.PALETTE)


def test_style_sets_title_subtitle_source_and_alt():
    fig = charts.style(
        go.Figure(),
        title="Flere klager <b>",
        subtitle="Antal, 2010–2018",
        source="Temadrøftelse (2019)",
        alt="En beskrivelse",
    )
    assert fig.layout.title.text == "Flere klager &lt;b&gt;"  # data text can never become markup
    assert fig.layout.title.subtitle.text == "Antal, 2010–2018"
    assert fig.layout.annotations[-1].text == "Kilde: Temadrøftelse (2019)"
    assert fig.layout.meta["alt"] == "En beskrivelse"


def test_style_turns_newlines_into_line_breaks_after_escaping():
    fig = charts.style(
        go.Figure(), title="Første linje <i>\nanden", subtitle="a\nb", source="K1\nK2", alt="x\ny"
    )
    assert fig.layout.title.text == "Første linje &lt;i&gt; <br>anden"
    assert fig.layout.title.subtitle.text == "a <br>b"
    assert fig.layout.annotations[-1].text == "Kilde: K1 <br>K2"
    assert fig.layout.meta["alt"] == "x y"  # the text alternative is plain text


def _render(fig):
    return charts.BookRenderer().to_mimebundle(fig.to_dict())["text/html"]


def test_renderer_writes_no_plotlyjs_and_fetches_nothing():
    page = _render(go.Figure(go.Scatter(x=[1, 2], y=[3, 4])))
    assert "Plotly.newPlot" in page
    assert "<script src" not in page and "cdn" not in page.lower()
    assert len(page) < 20_000  # the 4.8 MB library is not inlined


def test_renderer_output_is_deterministic_and_carries_the_alt_text():
    def make():
        return charts.style(
            go.Figure(go.Scatter(x=[1], y=[2])), title="T", subtitle="S", source="K", alt="Tal <i>i</i> tekst"
        )

    fig = make()
    first = _render(fig)
    assert first == _render(make())  # the same chart built again gives the same HTML
    assert '<figcaption class="chart-alt"' in first and "Tal &lt;i&gt;i&lt;/i&gt; tekst" in first
    div_id = charts.figure_id(fig.to_dict())
    assert f'id="{div_id}"' in first and f'aria-describedby="{div_id}-alt"' in first


def test_different_figures_get_different_ids():
    assert charts.figure_id(go.Figure(go.Bar(y=[1])).to_dict()) != charts.figure_id(
        go.Figure(go.Bar(y=[2])).to_dict()
    )


def test_source_line_sits_at_the_foot_of_the_bottom_margin():
    default = charts.style(go.Figure(), title="T", subtitle="S", source="K", alt="A")
    assert default.layout.annotations[-1].yshift == -95  # template margin 110, less a line
    tall = go.Figure(layout=dict(margin=dict(b=215)))
    tall = charts.style(tall, title="T", subtitle="S", source="K", alt="A")
    assert tall.layout.annotations[-1].yshift == -200


def test_contrast_is_the_wcag_ratio():
    assert charts.contrast("#000000", "#FFFFFF") == pytest.approx(21)  # (1 + 0,05) / (0 + 0,05)
    assert charts.contrast("#FFFFFF", "#FFFFFF") == 1
    # Worked by hand from WCAG's relative luminance: orange L = 0,2967, so 1,05 / 0,3467 = 3,03;
    # dark blue L = 0,0525, so 1,05 / 0,1025 = 10,25.
    assert charts.contrast("#F46A25", "#FFFFFF") == pytest.approx(3.03, abs=0.01)
    assert charts.contrast("#FFFFFF", "#12436D") == pytest.approx(10.25, abs=0.01)


def test_readable_keeps_a_colour_only_where_text_in_it_reads():
    assert charts.readable("#12436D") == "#12436D"  # 10,25:1 on white
    assert charts.readable("#F46A25") == charts.TEXT  # 3,03:1 on white: too light for text
    assert charts.readable(charts.TEXT, on="#12436D") == "#FFFFFF"  # near-black on dark blue: 1,9:1
    assert charts.readable(charts.TEXT, on="#F46A25") == charts.TEXT  # 6,5:1 beats white's 3,03:1


def test_recurring_style_lives_in_the_template():
    """Notes and reference lines take their look from the template, not from each chart."""
    layout = pio.templates["budgetnote"].layout
    assert layout.annotationdefaults.showarrow is False
    font = layout.annotationdefaults.font
    assert (font.size, font.color) == (12, charts.REFERENCE_GREY)
    assert (layout.shapedefaults.line.color, layout.shapedefaults.line.width) == (charts.REFERENCE_GREY, 2)
    chapters = Path(charts.__file__).parents[1] / "chapters"
    for module in chapters.glob("*.py"):
        text = module.read_text(encoding="utf-8")
        for literal in ("showarrow=False", "size=12, color=charts.REFERENCE_GREY"):
            assert literal not in text, f"{module.name} repeats the template's style: {literal}"


def test_subplot_titles_stand_left_over_their_panels():
    fig = make_subplots(rows=1, cols=2, subplot_titles=("A", "B"), horizontal_spacing=0.1)
    charts.panel_titles(fig, ("A", "B"))
    starts = [fig.layout.xaxis.domain[0], fig.layout.xaxis2.domain[0]]
    assert [a.x for a in fig.layout.annotations] == starts
    assert {a.xanchor for a in fig.layout.annotations} == {"left"}


def test_a_long_source_line_wraps_and_the_margin_grows_by_its_lines():
    source = "; ".join(f"Dokument nummer {i} med en lang titel (2019)" for i in range(1, 6))
    fig = charts.style(go.Figure(), title="T", subtitle="S", source=source, alt="A")
    lines = fig.layout.annotations[-1].text.split(" <br>")
    assert len(lines) == 3  # 5 x 42 characters and "Kilde: " wrap at 95 characters
    assert all(len(line) <= charts.NOTE_CHARACTERS for line in lines)
    assert " ".join(lines) == f"Kilde: {source}"  # nothing lost
    assert (
        fig.layout.margin.b == charts.TEMPLATE_BOTTOM_MARGIN + charts.NOTE_FOOT + 2 * charts.NOTE_LINE_HEIGHT
    )
    assert fig.layout.annotations[-1].yshift == -95  # it still starts at the foot of the legend


def test_a_long_title_wraps_and_the_top_margin_grows_by_its_lines():
    title = "Formalitetsklager faldt med 6 pct. (beregnet af brugerleverede tal) fra 2018 til 2019"
    fig = charts.style(go.Figure(), title=title, subtitle="Kort", source="K", alt="A")
    lines = fig.layout.title.text.split(" <br>")
    assert len(lines) == 2 and " ".join(lines) == title
    assert fig.layout.margin.t == charts.TEMPLATE_TOP_MARGIN + charts.TITLE_LINE_HEIGHT
