"""Charts of the budget notes' costs: each note's activities year by year (stacked, savings below
zero) and each activity's amount over all its years. One chart per note: two notes in different
price levels never share an axis."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analysis.calc import costs
from analysis.data import is_missing
from analysis.present import charts, tables
from analysis.present import danish as fmt
from analysis.vocabulary import year_span

# A fill pattern per activity, so the stacked parts differ by more than colour.
PATTERNS = ["", "/", "\\", "x", ".", "-", "|", "+"]
NET_LABEL = "Netto i alt (beregnet)"
BAR_WIDTH = 0.55
NET_OFFSET = 0.42  # the net marker stands in the gap right of its year's bar


def _note(lines: pd.DataFrame, source_id: str) -> pd.DataFrame:
    cells = costs.activities(lines)
    return cells[cells["source_id"] == source_id]


def _subtitle(measure: str, cells: pd.DataFrame, registry: pd.DataFrame, source_id: str) -> str:
    period = year_span(int(cells["year"].min()), int(cells["year"].max()))
    price = costs.price_label(cells["price_level"].iloc[0])
    source = registry.set_index("source_id").loc[source_id]
    return f"{measure}, 1.000 kr. ({price}), {period}\n{source['organisation']}"


def _legend_below(fig: go.Figure, entries: int, left: int = 70) -> None:
    """A legend of one entry per line under the plot, and the source line under the legend,
    starting at the figure's left edge (`left` is the left margin)."""
    fig.update_layout(
        legend=dict(orientation="v", y=-0.1),
        margin=dict(t=150, b=110 + 21 * entries, l=left),
        height=500 + 21 * entries,
    )
    fig.update_annotations(
        selector=dict(xref="paper", yref="paper"), yshift=-(75 + 21 * entries), xshift=-(left - 10)
    )


def _source(registry: pd.DataFrame, source_id: str, cells: pd.DataFrame) -> str:
    tables_used = fmt.listing([costs.table_number(t) for t in cells["table_title"].unique()])
    return f"{registry.set_index('source_id').at[source_id, 'short_title']}, {tables_used}"


def yearly_figure(lines: pd.DataFrame, registry: pd.DataFrame, source_id: str) -> go.Figure:
    """One note's activities per year, stacked; savings (negative amounts) stack below zero, and an
    open marker shows the net amount of each year (recomputed)."""
    cells = _note(lines, source_id)
    years = sorted(int(y) for y in cells["year"].unique())
    fig = go.Figure()
    for i, (_, activity) in enumerate(cells.groupby(["table_id", "row_id"], sort=False)):
        label = activity["label"].iloc[0]
        fig.add_trace(
            go.Bar(
                x=activity["year"].astype(int),
                y=activity["amount"],
                name=charts.text(label),
                width=BAR_WIDTH,
                marker=dict(
                    color=charts.PALETTE[i % len(charts.PALETTE)],
                    pattern=dict(shape=PATTERNS[i % len(PATTERNS)], fgcolor="white", solidity=0.3),
                ),
                customdata=charts.danish(activity["amount"]),
                hovertemplate=f"{charts.hover_text(label)} %{{x}}: %{{customdata}} (1.000 kr.)<extra></extra>",
            )
        )
    net = cells.groupby("year")["amount"].sum().reindex(years)
    # The net beside its bar, on white, where it cannot hide in the stack.
    fig.add_trace(
        go.Scatter(
            x=[y + NET_OFFSET for y in years],
            y=net.to_numpy(),
            name=NET_LABEL,
            mode="markers+text",
            marker=dict(symbol=charts.KIND_SYMBOL["derived"], size=13, color=charts.TEXT, line=dict(width=2)),
            text=charts.danish(net),
            textposition="top center",
            textfont=dict(size=12),
            customdata=years,
            hovertemplate="Netto %{customdata}: %{text} (1.000 kr., beregnet)<extra></extra>",
        )
    )
    fig.update_layout(barmode="relative")
    fig.update_xaxes(tickvals=years, tickformat="d", range=[years[0] - 0.6, years[-1] + 0.8])
    up = cells[cells["amount"] > 0].groupby("year")["amount"].sum()
    down = cells[cells["amount"] < 0].groupby("year")["amount"].sum()
    top, bottom = max(up.max() if len(up) else 0, 1), min(down.min() if len(down) else 0, 0)
    fig.update_yaxes(
        title_text=f"1.000 kr. ({costs.price_label(cells['price_level'].iloc[0])})",
        tickformat=",d",
        range=[bottom - 0.08 * (top - bottom) if bottom < 0 else 0, top + 0.12 * (top - bottom)],
    )
    charts.style(
        fig,
        title=_yearly_title(net, registry, source_id),
        subtitle=_subtitle("Udgifter pr. aktivitet og år, besparelser under nul", cells, registry, source_id),
        source=_source(registry, source_id, cells)
        + ". Åben markør til højre for søjlen: netto, beregnet af søjlerne.",
        alt=_yearly_alt(cells, net, registry, source_id),
    )
    _legend_below(fig, len(fig.data))
    return fig


def _yearly_title(net: pd.Series, registry: pd.DataFrame, source_id: str) -> str:
    name = registry.set_index("source_id").at[source_id, "short_title"]
    period = year_span(int(net.index.min()), int(net.index.max()))
    low, high = fmt.thousand_kr_as_mio(net.min()), fmt.thousand_kr_as_mio(net.max())
    each_year = (
        f"{high} hvert år" if low == high else f"mellem {low.replace(' mio. kr.', '')} og {high} om året"
    )
    return f"{name}: netto {fmt.thousand_kr_as_mio(net.sum())} over {period},\n{each_year}"


def _yearly_alt(cells, net, registry, source_id) -> str:
    name = registry.set_index("source_id").at[source_id, "short_title"]
    price = costs.price_label(cells["price_level"].iloc[0])
    parts = [f"Stablet søjlediagram over {name}s udgifter pr. aktivitet og år i 1.000 kr. ({price})."]
    for _, activity in cells.groupby(["table_id", "row_id"], sort=False):
        values = fmt.listing(
            [f"{fmt.number(a)} i {int(y)}" for y, a in zip(activity["year"], activity["amount"])]
        )
        parts.append(f"{activity['label'].iloc[0]}: {values}.")
    parts.append(
        "Netto i alt (beregnet): " + fmt.listing([f"{fmt.number(a)} i {y}" for y, a in net.items()]) + "."
    )
    return " ".join(parts)


def multi_year_figure(lines: pd.DataFrame, registry: pd.DataFrame, source_id: str) -> go.Figure:
    """Each activity's amount over all its years (recomputed, bars), with the "I alt" the note
    prints where it prints one (filled markers)."""
    totals = costs.multi_year_totals(lines)
    totals = totals[totals["source_id"] == source_id].iloc[::-1]  # first activity at the top
    cells = _note(lines, source_id)
    labels = [_wrap(label) for label in totals["label"]]
    colours = [charts.PALETTE[0] if a >= 0 else charts.PALETTE[3] for a in totals["amount"]]
    fig = go.Figure(
        go.Bar(
            x=totals["amount"],
            y=labels,
            orientation="h",
            name="Sum af årene (beregnet)",
            marker=dict(color=colours),
            text=charts.danish(totals["amount"]),
            textposition="auto",
            cliponaxis=False,
            insidetextfont=dict(color=[charts.readable(charts.TEXT, on=c) for c in colours]),
            customdata=[[p] for p in totals["parts"]],
            hovertemplate="%{y}: %{text} = %{customdata[0]} (1.000 kr., beregnet)<extra></extra>",
        )
    )
    stated = totals.dropna(subset=["stated_total"])
    if not stated.empty:
        fig.add_trace(
            go.Scatter(
                x=stated["stated_total"],
                y=[_wrap(label) for label in stated["label"]],
                mode="markers",
                name="»I alt« oplyst i kilden",
                marker=dict(symbol="line-ns", size=26, line=dict(width=4, color=charts.PALETTE[3])),
                customdata=charts.danish(stated["stated_total"]),
                hovertemplate="%{y}: %{customdata} oplyst i kilden (1.000 kr.)<extra></extra>",
            )
        )
    price = costs.price_label(cells["price_level"].iloc[0])
    span = max(abs(totals["amount"]).max(), 1)
    fig.update_xaxes(
        tickformat=",d",
        zeroline=True,
        zerolinecolor=charts.TEXT,
        showgrid=True,
        gridcolor="#D9D9D9",
        range=[min(totals["amount"].min(), 0) - 0.1 * span, totals["amount"].max() + 0.1 * span],
    )
    fig.update_yaxes(showgrid=False)
    fig.update_layout(showlegend=True)
    largest = totals.loc[totals["amount"].idxmax()]
    period = year_span(int(cells["year"].min()), int(cells["year"].max()))
    name = registry.set_index("source_id").at[source_id, "short_title"]
    alt = (
        f"Vandret søjlediagram: hver aktivitets samlede beløb i {name} over {period} i 1.000 kr. ({price}), "
        "beregnet som summen af årene: "
        + fmt.listing(
            [
                f"{label} {fmt.number(a)}"
                + (f" (kilden oplyser {fmt.number(s)})" if not is_missing(s) else "")
                for label, a, s in zip(
                    totals["label"][::-1], totals["amount"][::-1], totals["stated_total"][::-1]
                )
            ]
        )
        + "."
    )
    charts.style(
        fig,
        title=f"Største post i {name} over {period}:\n{largest['label']} "
        f"({fmt.thousand_kr_as_mio(largest['amount'])})",
        subtitle=_subtitle("Hver aktivitets beløb lagt sammen over årene", cells, registry, source_id),
        source=_source(registry, source_id, cells)
        + ".\nSøjler: beregnet som summen af årene"
        + ("; lodrette streger: »I alt« oplyst i kilden." if not stated.empty else "."),
        alt=alt,
    )
    _legend_below(fig, len(fig.data), left=300)
    fig.update_layout(height=260 + 60 * len(totals) + 21 * len(fig.data))
    return fig


def _wrap(label: str, width: int = 38) -> str:
    """Break a long axis label into lines (plotly reads <br>); the words are escaped first."""
    lines, current = [], ""
    for word in label.split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    return "<br>".join(charts.text(line) for line in lines + [current])


def chart_data(lines: pd.DataFrame, registry: pd.DataFrame) -> pd.DataFrame:
    """The charts' stated values (each activity per year, and the "I alt" the notes print) with
    their provenance: the table under the charts and the CSV download."""
    cells = costs.activities(lines)
    stated_totals = lines[lines["year"].isna() & lines["amount"].notna()].merge(
        cells[["table_id", "row_id"]].drop_duplicates(), on=["table_id", "row_id"]
    )
    rows = pd.concat([cells, stated_totals])
    notes = registry.set_index("source_id")["short_title"]
    return pd.DataFrame(
        {
            "note": rows["source_id"].map(notes),
            "activity": rows["label"],
            "year": rows["year"].map(costs.column_name),
            "amount": rows["amount"],
            "price_level": rows["price_level"].map(costs.price_label),
            "kind": rows["kind"],
            "source_id": rows["source_id"],
            "quote": rows["quote"],
            "formula": rows["formula"],
        }
    ).reset_index(drop=True)


def values_table(data: pd.DataFrame):
    return tables.with_sources(
        data,
        caption="Figurernes tal pr. aktivitet og år med kilder (1.000 kr. i notatets prisniveau)",
        columns={
            "activity": "Aktivitet",
            "year": "År",
            "amount": "Beløb (1.000 kr.)",
            "price_level": "Prisniveau",
        },  # the source column names the note (the CSV has its title)
        formats={"Beløb (1.000 kr.)": fmt.number},
        numeric=("Beløb (1.000 kr.)",),
    )
