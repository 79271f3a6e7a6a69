"""The timeline of a capital project (tidsplan for anlæg): which quarters a note's table marks
with an X, drawn as a Gantt chart."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analysis.present import charts
from analysis.present import danish as fmt
from analysis.vocabulary import year_span


def quarter_label(year: int, quarter: int) -> str:
    """2012, 2 -> "2. kvartal 2012"."""
    return f"{int(quarter)}. kvartal {int(year)}"


def runs(schedule: pd.DataFrame) -> pd.DataFrame:
    """Each activity's marked quarters as runs of consecutive quarters (one bar each), in table order:
    table_id, row_id, label, start and end (year, quarter), and the number of quarters."""
    found = []
    marked = schedule[schedule["scheduled"] == "yes"].assign(
        step=lambda d: d["year"].astype(int) * 4 + d["quarter"].astype(int) - 1
    )
    for (table_id, row_id), rows in marked.sort_values(["position", "step"]).groupby(
        ["table_id", "row_id"], sort=False
    ):
        steps = rows["step"].tolist()
        start = previous = steps[0]
        for step in steps[1:] + [None]:
            if step is not None and step == previous + 1:
                previous = step
                continue
            found.append(
                {
                    "table_id": table_id,
                    "row_id": row_id,
                    "label": rows["label"].iloc[0],
                    "start_year": start // 4,
                    "start_quarter": start % 4 + 1,
                    "end_year": previous // 4,
                    "end_quarter": previous % 4 + 1,
                    "quarters": previous - start + 1,
                }
            )
            start = previous = step
    return pd.DataFrame(found)


def span_text(run, short: bool = False) -> str:
    """A run as Danish text: "1.–4. kvartal 2012" (short: "1.–4. kv. 2012") or
    "4. kvartal 2012 – 1. kvartal 2013"."""
    word = "kv." if short else "kvartal"
    if run["start_year"] == run["end_year"]:
        quarters = (
            f"{run['start_quarter']}."
            if run["start_quarter"] == run["end_quarter"]
            else f"{run['start_quarter']}.–{run['end_quarter']}."
        )
        return f"{quarters} {word} {run['start_year']}"
    return (
        f"{run['start_quarter']}. {word} {run['start_year']} – {run['end_quarter']}. {word} {run['end_year']}"
    )


def schedule_facts(schedule: pd.DataFrame) -> dict[str, str]:
    """The timeline in words, for the prose."""
    found = runs(schedule)
    first = found.sort_values(["start_year", "start_quarter"]).iloc[0]
    last = found.sort_values(["end_year", "end_quarter"]).iloc[-1]
    return {
        "schedule_table_span": year_span(int(schedule["year"].min()), int(schedule["year"].max())),
        "schedule_start": quarter_label(first["start_year"], first["start_quarter"]),
        "schedule_end": quarter_label(last["end_year"], last["end_quarter"]),
        "schedule_activities": fmt.listing(
            [f"{r['label'].lstrip('- ').lower()} i {span_text(r)}" for _, r in found.iterrows()]
        ),
    }


def figure(schedule: pd.DataFrame, registry: pd.DataFrame) -> go.Figure:
    """A Gantt chart: a bar per run of marked quarters, on an axis of all the table's quarters."""
    first_year, last_year = int(schedule["year"].min()), int(schedule["year"].max())
    found = runs(schedule)
    labels = schedule.drop_duplicates("row_id").sort_values("position")["label"].tolist()
    fig = go.Figure()
    for _, run in found.iterrows():
        start = (run["start_year"] - first_year) * 4 + run["start_quarter"] - 1
        fig.add_trace(
            go.Bar(
                y=[charts.text(run["label"])],
                x=[run["quarters"]],
                base=[start],
                orientation="h",
                marker=dict(color=charts.PALETTE[0]),
                text=[span_text(run, short=True)],
                textposition="inside",
                insidetextanchor="middle",
                textfont=dict(color="white"),
                showlegend=False,
                hovertemplate=f"{charts.hover_text(run['label'])}: {span_text(run)}<extra></extra>",
            )
        )
    n = (last_year - first_year + 1) * 4
    for boundary in range(0, n + 1, 4):  # a line at each new year
        fig.add_vline(x=boundary, line=dict(color=charts.MUTED_GREY, width=1))
    for i, year in enumerate(range(first_year, last_year + 1)):  # the year under its four quarters
        fig.add_annotation(
            x=i * 4 + 2,
            y=0,
            xref="x",
            yref="paper",
            yshift=-42,
            text=f"<b>{year}</b>",
            showarrow=False,
            font=dict(size=14),
        )
    fig.update_xaxes(
        range=[0, n],
        tickvals=[i + 0.5 for i in range(n)],
        tickangle=0,
        ticktext=[f"{i % 4 + 1}." for i in range(n)],
        showgrid=False,
        ticks="",
        title_text="Kvartal og år",
        title_standoff=35,
    )
    fig.update_yaxes(
        categoryorder="array", categoryarray=[charts.text(label) for label in labels][::-1], showgrid=False
    )
    fig.update_layout(height=380, bargap=0.35, margin=dict(l=140, b=130, t=125))
    facts = schedule_facts(schedule)
    source_id = schedule["source_id"].iloc[0]
    name = registry.set_index("source_id").at[source_id, "short_title"]
    title = schedule["table_title"].iloc[0]
    return charts.style(
        fig,
        title=f"Anlægsprojektet ligger fra {facts['schedule_start']} til {facts['schedule_end']}",
        subtitle=f"Kvartaler markeret med X i tabellen, {year_span(first_year, last_year)}\n{title}",
        source=f"{name}, {title.split('.')[0]}",
        alt=f"Gantt-diagram over kvartalerne {year_span(first_year, last_year)}: "
        f"{facts['schedule_activities']}. Ingen andre kvartaler er markeret.",
    )
