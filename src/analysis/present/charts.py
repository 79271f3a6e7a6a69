"""Chart styling: one plotly template for every chart, and the renderer the book pages use.

Importing this module registers the template "budgetnote" (made the default, as afcharts
does) and the renderer "book", which writes the figure as HTML without plotly.js. The build
serves one plotly.js from the book's _static/ (nothing is fetched from the internet), and only
the pages that hold a chart load it: its <div class="plotly-graph-div"> is what the book's
Sphinx extension looks for (analysis/build/sphinx_ext.py). That plotly.js is the basic bundle
(scatter, bar and pie traces, 1.2 MB; analysis/build/plotlyjs.py), so a chart drawn here must
use those trace types; any other type would need a bigger bundle (the browser tests check it).
"""

from __future__ import annotations

import hashlib
import html
import json
import textwrap

import plotly.graph_objects as go
import plotly.io as pio
from plotly.io.base_renderers import MimetypeRenderer

from analysis.present import danish as formatting
from analysis.vocabulary import KIND_LABEL, PALETTE

TWO_SERIES = [PALETTE[0], PALETTE[3]]  # afcharts' pair for two series
REFERENCE_GREY = PALETTE[4]
MUTED_GREY = "#BFBFBF"
TEXT = "#0B0C0C"
FONT = "Arial, Helvetica, 'Liberation Sans', sans-serif"

# Derived values are drawn with open markers, stated ones filled: marker shape, not colour, tells.
KIND_SYMBOL = {"stated": "circle", "derived": "circle-open", "user-supplied": "diamond"}

# Text on a chart that is content, not a note: a label beside a bar or row, a panel's heading.
LABEL_FONT = dict(size=12, color=TEXT)
HEADING_FONT = dict(size=14, color=TEXT)

TEMPLATE_BOTTOM_MARGIN = 110  # room under the plot for the legend and the source line
# A note line under a chart is wrapped to fit the book's text column (about 720 px at 12 px).
NOTE_CHARACTERS = 95
NOTE_LINE_HEIGHT = 16
NOTE_FOOT = 5  # room under the note's last line, for its letters' descent
# Titles wrap the same way (18 px and 14 px type); each added line widens the top margin.
TITLE_CHARACTERS, TITLE_LINE_HEIGHT = 60, 24
SUBTITLE_CHARACTERS, SUBTITLE_LINE_HEIGHT = 78, 18
TEMPLATE_TOP_MARGIN = 100

pio.templates["budgetnote"] = go.layout.Template(
    layout=dict(
        colorway=list(PALETTE),
        separators=",.",  # Danish: decimal comma, thousands dot
        font=dict(family=FONT, size=14, color=TEXT),
        # The title block hangs from the top (not centred in the margin, plotly's default), so a
        # wrapped title or subtitle grows down by its lines and style() widens the margin by them.
        title=dict(
            x=0, xanchor="left", y=1, yref="container", yanchor="top", pad=dict(t=30), font=dict(size=18)
        ),
        paper_bgcolor="white",
        plot_bgcolor="white",
        margin=dict(l=70, r=30, t=TEMPLATE_TOP_MARGIN, b=TEMPLATE_BOTTOM_MARGIN),
        legend=dict(orientation="h", x=0, y=-0.12, xanchor="left", yanchor="top"),
        hoverlabel=dict(font=dict(family=FONT)),
        # Notes on a chart (reference lines, shaded periods, labels) are small, grey and point at
        # nothing; lines drawn for reference are grey too.
        annotationdefaults=dict(showarrow=False, font=dict(size=12, color=REFERENCE_GREY)),
        shapedefaults=dict(line=dict(color=REFERENCE_GREY, width=2)),
        xaxis=dict(showline=True, linecolor=TEXT, ticks="outside", showgrid=False, zeroline=False),
        yaxis=dict(
            showline=False, gridcolor="#D9D9D9", zeroline=True, zerolinecolor=TEXT, rangemode="tozero"
        ),
    )
)
# Merged once: named "plotly_white+budgetnote", plotly would merge the two for every figure (20 ms).
pio.templates["book"] = pio.templates.merge_templates(
    pio.templates["plotly_white"], pio.templates["budgetnote"]
)
pio.templates.default = "book"


def text(value: str) -> str:
    """Text for a chart (a title, a trace name, a category, an annotation): plotly reads it as
    HTML, so text from data is escaped here; a newline ("\n") becomes a line break."""
    return html.escape(str(value), quote=False).replace("\n", "<br>")  # plotly knows no &quot;


def hover_text(value: str) -> str:
    """Text for a hover template, which also reads %{...} as a placeholder: braces escaped too."""
    return text(value).replace("{", "&#123;").replace("}", "&#125;")


def style(fig: go.Figure, *, title: str, subtitle: str, source: str, alt: str) -> go.Figure:
    """Give a chart its message title, a subtitle (measure, unit, period, place), a source line
    and a text alternative (shown under the chart by the book renderer). Title, subtitle and
    source may hold "\n" for a line break."""
    titles, subtitles = wrapped(title, TITLE_CHARACTERS), wrapped(subtitle, SUBTITLE_CHARACTERS)
    top = fig.layout.margin.t if fig.layout.margin.t is not None else TEMPLATE_TOP_MARGIN
    added = TITLE_LINE_HEIGHT * (len(titles) - 1) + SUBTITLE_LINE_HEIGHT * (len(subtitles) - 1)
    fig.update_layout(
        title=dict(text=_lines(titles), subtitle=dict(text=_lines(subtitles))),
        meta={"alt": alt.replace("\n", " ")},
        margin_t=top + added,
    )
    # The source line sits at the foot of the bottom margin, however tall a chart makes it; a
    # long one wraps, and the margin grows by the lines it adds.
    bottom = fig.layout.margin.b if fig.layout.margin.b is not None else TEMPLATE_BOTTOM_MARGIN
    lines = wrapped(f"Kilde: {source}")
    fig.update_layout(margin_b=bottom + NOTE_FOOT + NOTE_LINE_HEIGHT * (len(lines) - 1))
    fig.add_annotation(
        text=_lines(lines),
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        yshift=-(bottom - 15),
        xanchor="left",
        yanchor="top",
        showarrow=False,
        align="left",
        font=dict(size=12, color=REFERENCE_GREY),
    )
    return fig


def wrapped(note: str, width: int = NOTE_CHARACTERS) -> list[str]:
    """A note's lines: its own line breaks kept, each line wrapped at `width` characters."""
    return [part for line in note.split("\n") for part in textwrap.wrap(line, width) or [""]]


def _lines(lines: list[str]) -> str:
    # The space before a break keeps the words apart in the text a browser reads out or copies.
    return " <br>".join(text(line) for line in lines)


def contrast(first: str, second: str) -> float:
    """The WCAG 2 contrast ratio of two "#RRGGBB" colours, from 1 (same) to 21 (black on white)."""

    def luminance(colour: str) -> float:
        channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
        r, g, b = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    light, dark = sorted([luminance(first), luminance(second)], reverse=True)
    return (light + 0.05) / (dark + 0.05)


def readable(colour: str, on: str = "#FFFFFF") -> str:
    """`colour` for text on the background `on` if it meets WCAG AA for normal text (4.5:1);
    otherwise TEXT or white, whichever contrasts more. Half the palette is too light for text on
    white (orange 3,0:1), and white on those colours is no better."""
    if contrast(colour, on) >= 4.5:
        return colour
    return max([TEXT, "#FFFFFF"], key=lambda candidate: contrast(candidate, on))


def kind_legend(fig: go.Figure, kinds) -> None:
    """Legend entries that say what filled and open markers mean."""
    for kind in [k for k in KIND_SYMBOL if k in set(kinds)]:
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=f"Markør: {KIND_LABEL[kind]}",
                marker=dict(symbol=KIND_SYMBOL[kind], color=REFERENCE_GREY, size=10),
                hoverinfo="skip",
            )
        )


def figure_id(fig_dict: dict) -> str:
    """A stable element id from the figure's content, so re-running a notebook gives the same HTML."""
    digest = hashlib.sha1(json.dumps(fig_dict, sort_keys=True, default=str).encode()).hexdigest()
    return f"fig-{digest[:12]}"


class BookRenderer(MimetypeRenderer):
    """HTML for the book: the chart without plotly.js or MathJax (nothing is fetched from the
    internet), wrapped in a <figure> whose caption holds the chart's text alternative."""

    def to_mimebundle(self, fig_dict):
        div_id = figure_id(fig_dict)
        chart = pio.to_html(
            fig_dict,
            include_plotlyjs=False,
            include_mathjax=False,
            full_html=False,
            div_id=div_id,
            default_width="100%",
            default_height=500,
            validate=False,
            config={"displaylogo": False, "responsive": True},
        )
        alt = (fig_dict.get("layout", {}).get("meta") or {}).get("alt", "")
        caption = (
            (
                f'<figcaption class="chart-alt" id="{div_id}-alt"><strong>Figuren i tekst:</strong> '
                f"{html.escape(alt)}</figcaption>"
            )
            if alt
            else ""
        )
        return {
            "text/html": f'<figure class="chart" aria-describedby="{div_id}-alt">{chart}{caption}</figure>'
        }


pio.renderers["book"] = BookRenderer()
pio.renderers.default = "plotly_mimetype+book"


def danish(values, decimals: int = 0) -> list[str]:
    """Hover and label texts in Danish number format."""
    return [formatting.number(v, decimals) for v in values]


def panel_titles(fig: go.Figure, titles) -> None:
    """The titles make_subplots centres over its panels, left-aligned over each panel (like the
    chart's own title) and quieter than it."""
    starts = {
        round(sum(axis.domain) / 2, 6): axis.domain[0]
        for name, axis in fig.layout.to_plotly_json().items()
        if name.startswith("xaxis")
        for axis in [fig.layout[name]]
    }
    for annotation in fig.layout.annotations:
        if annotation.text in titles:
            x = starts.get(round(annotation.x, 6), annotation.x)
            annotation.update(x=x, xanchor="left", font=dict(size=13, color=REFERENCE_GREY))
