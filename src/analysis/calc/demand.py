"""Demand (efterspørgsel): applications received per period, and a fair comparison of periods of
different length as the average per month.

A period that covers only part of a year (January-May) is never scaled up to a whole year here:
the sources give no full-year figure, and applications need not spread evenly over the months.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from analysis.present import charts, tables
from analysis.present import danish as fmt
from analysis.vocabulary import period_label, whole_months, year_span

COLOUR = charts.PALETTE[0]
PROVENANCE = ["kind", "source_id", "quote", "formula"]
PANELS = ("Ansøgninger i perioden (oplyst)", "Gennemsnit pr. måned (beregnet)")


def periods(
    applications: pd.DataFrame, application_type: str, first_year: int, last_year: int
) -> pd.DataFrame:
    """The periods of one application type that start within the years shown, in time order, with
    their length in months, a Danish name, whether they cover less than a year, and the monthly
    average with the arithmetic behind it."""
    rows = applications[(applications["application_type"] == application_type)].copy()
    start_year = pd.to_datetime(rows["period_start"]).dt.year
    rows = rows[start_year.between(first_year, last_year)].sort_values("period_start").reset_index(drop=True)
    months = [whole_months(s, e) for s, e in zip(rows["period_start"], rows["period_end"])]
    return rows.assign(
        months=months,
        period=[period_label(s, e) for s, e in zip(rows["period_start"], rows["period_end"])],
        partial=[m < 12 for m in months],
        per_month=[c / m for c, m in zip(rows["count"], months)],
        per_month_formula=[f"{count_text(c)} ÷ {m}" for c, m in zip(rows["count"], months)],
    )


def count_text(count: float) -> str:
    return fmt.number(count, 0 if float(count).is_integer() else 1)


def percent_change(base: float, value: float) -> float:
    """Change from base to value in per cent of base."""
    return (value - base) / base * 100


# --- Facts for the prose ------------------------------------------------------------------------


def chapter_facts(
    applications: pd.DataFrame, application_type: str, first_year: int, last_year: int
) -> dict[str, str]:
    """Every number the chapter's prose shows, written the Danish way (for glue)."""
    shown = periods(applications, application_type, first_year, last_year)
    full, partial = shown[~shown["partial"]], shown[shown["partial"]]
    facts = {
        "application_type": application_type,
        "count_listing": fmt.listing(
            [f"{count_text(c)} i {p}" for c, p in zip(shown["count"], shown["period"])]
        )
        or "ingen tal",
        "per_month_listing": fmt.listing(
            [
                f"{fmt.number(v, 1)} i {p} ({f})"
                for v, p, f in zip(shown["per_month"], shown["period"], shown["per_month_formula"])
            ]
        )
        or "ingen tal",
        "partial_periods": fmt.listing(partial["period"]) or "ingen",
        "partial_note": _partial_note(partial),
    }
    if len(full) >= 2:
        first, last = full.iloc[0], full.iloc[-1]
        change = percent_change(first["count"], last["count"])
        direction = "steg" if change > 0 else "faldt" if change < 0 else "ændrede sig ikke"
        facts["full_years_change"] = (
            f"Fra {first['period']} til {last['period']} {direction} antallet med "
            f"{fmt.pct(abs(change))} (beregnet med {first['period']} som basisår)."
        )
    else:
        facts["full_years_change"] = "En ændring mellem hele år kan ikke beregnes (færre end to hele år)."
    if len(partial) and len(full):
        part, year = partial.iloc[-1], full[full["period_start"] < partial.iloc[-1]["period_start"]]
        if len(year):
            year = year.iloc[-1]
            facts["partial_share_of_year"] = (
                f"{count_text(part['count'])} ansøgninger på {fmt.number(part['months'])} måneder svarer til "
                f"{fmt.pct(part['count'] / year['count'] * 100)} af de {count_text(year['count'])} i hele {year['period']}"
            )
    facts.setdefault("partial_share_of_year", "kan ikke beregnes (ingen delperiode efter et helt år)")
    if len(shown) >= 2:
        first, last = shown.iloc[0], shown.iloc[-1]
        facts["per_month_first"], facts["per_month_last"] = (
            fmt.number(first["per_month"], 1),
            fmt.number(last["per_month"], 1),
        )
        facts["per_month_first_period"], facts["per_month_last_period"] = first["period"], last["period"]
        facts["per_month_ratio"] = fmt.number(last["per_month"] / first["per_month"], 1)
    else:
        for key in (
            "per_month_first",
            "per_month_last",
            "per_month_first_period",
            "per_month_last_period",
            "per_month_ratio",
        ):
            facts[key] = fmt.MISSING
    return facts


def _partial_note(partial: pd.DataFrame) -> str:
    if partial.empty:
        return "Alle perioder er hele år."
    parts = [f"{p} dækker kun {fmt.number(m)} måneder" for p, m in zip(partial["period"], partial["months"])]
    text = fmt.listing(parts)
    return f"{text[0].upper()}{text[1:]} og kan derfor ikke sammenlignes direkte med et helt år."


# --- The figure --------------------------------------------------------------------------------


def figure(
    applications: pd.DataFrame, registry: pd.DataFrame, application_type: str, first_year: int, last_year: int
) -> go.Figure:
    """Left: the stated count per period, a part-year period hatched. Right: the computed average
    per month (open markers), which compares periods of different length fairly."""
    shown = periods(applications, application_type, first_year, last_year)
    fig = make_subplots(rows=1, cols=2, subplot_titles=PANELS, horizontal_spacing=0.14)
    for partial, rows in shown.groupby("partial", sort=True):
        fig.add_trace(
            go.Bar(
                x=rows["period"],
                y=rows["count"],
                name="Del af et år (skraveret)" if partial else "Helt år",
                marker=dict(
                    color="white" if partial else COLOUR,
                    line=dict(color=COLOUR, width=2),
                    pattern=dict(shape="/", fgcolor=COLOUR, size=8, solidity=0.25) if partial else None,
                ),
                text=[
                    count_text(c) + (f" (kun {fmt.number(m)} mdr.)" if partial else "")
                    for c, m in zip(rows["count"], rows["months"])
                ],
                textposition="outside",
                textfont=dict(color=charts.TEXT),
                cliponaxis=False,
                customdata=[
                    [p, count_text(c), fmt.number(m), charts.KIND_LABEL[k]]
                    for p, c, m, k in zip(rows["period"], rows["count"], rows["months"], rows["kind"])
                ],
                hovertemplate="%{customdata[0]}: %{customdata[1]} ansøgninger på %{customdata[2]} måneder "
                "(%{customdata[3]})<extra></extra>",
            ),
            row=1,
            col=1,
        )
    fig.add_trace(
        go.Scatter(
            x=shown["period"],
            y=shown["per_month"],
            mode="markers+text",
            name="Gennemsnit pr. måned",
            marker=dict(
                size=14, color=COLOUR, symbol=charts.KIND_SYMBOL["derived"], line=dict(color=COLOUR, width=3)
            ),
            text=charts.danish(shown["per_month"], 1),
            textposition="top center",
            textfont=dict(color=charts.TEXT),
            customdata=[
                [p, fmt.number(v, 1), f]
                for p, v, f in zip(shown["period"], shown["per_month"], shown["per_month_formula"])
            ],
            hovertemplate="%{customdata[0]}: %{customdata[1]} pr. måned (beregnet: %{customdata[2]})<extra></extra>",
        ),
        row=1,
        col=2,
    )
    charts.kind_legend(fig, ["derived"])
    order = list(shown["period"])
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=order)
    fig.update_yaxes(
        title_text="Antal ansøgninger",
        tickformat=",d",
        rangemode="tozero",
        range=[0, shown["count"].max() * 1.2 if len(shown) else 1],
        row=1,
        col=1,
    )
    fig.update_yaxes(
        title_text="Ansøgninger pr. måned",
        tickformat=",d",
        rangemode="tozero",
        range=[0, shown["per_month"].max() * 1.25 if len(shown) else 1],
        row=1,
        col=2,
    )
    for annotation in fig.layout.annotations:  # the panel titles, left-aligned like the chart title
        if annotation.text in PANELS:
            annotation.update(font=dict(size=13, color=charts.REFERENCE_GREY))
    fig.update_layout(height=480, bargap=0.3, uniformtext=dict(minsize=12, mode="show"))
    facts = chapter_facts(applications, application_type, first_year, last_year)
    names = registry.set_index("source_id").loc[sorted(set(shown["source_id"])), "short_title"]
    span = (
        f"{shown['period'].iloc[0]} til {shown['period'].iloc[-1]}"
        if len(shown)
        else year_span(first_year, last_year)
    )
    return charts.style(
        fig,
        title=(
            f"Ansøgninger om {application_type} pr. måned: fra {facts['per_month_first']} "
            f"({facts['per_month_first_period']}) til {facts['per_month_last']} ({facts['per_month_last_period']})"
        ),
        subtitle=f"Modtagne ansøgninger om {application_type}, {span}. Socialforvaltningen, København",
        source="; ".join(names)
        + ". Gennemsnit pr. måned er beregnet (antal ÷ måneder); åben markør: beregnet.",
        alt=_alt_text(shown, application_type),
    )


def _alt_text(shown: pd.DataFrame, application_type: str) -> str:
    counts = [
        f"{count_text(c)} i {p}" + (f" (kun {fmt.number(m)} måneder)" if part else "")
        for c, p, m, part in zip(shown["count"], shown["period"], shown["months"], shown["partial"])
    ]
    means = [f"{fmt.number(v, 1)} i {p}" for v, p in zip(shown["per_month"], shown["period"])]
    return (
        f"To diagrammer. Til venstre søjler med modtagne ansøgninger om {application_type}: "
        f"{fmt.listing(counts)}; en periode på under et år er skraveret. Til højre det beregnede gennemsnit "
        f"pr. måned: {fmt.listing(means)}."
    )


# --- The values behind the figure --------------------------------------------------------------


def chart_data(
    applications: pd.DataFrame, application_type: str, first_year: int, last_year: int
) -> pd.DataFrame:
    """Counts (as stated) and monthly averages (computed, with the formula) with their provenance."""
    shown = periods(applications, application_type, first_year, last_year)
    counts = shown.assign(
        measure="Ansøgninger i perioden",
        value=shown["count"],
        value_text=[count_text(c) for c in shown["count"]],
    )
    means = shown.assign(
        measure="Gennemsnit pr. måned",
        value=shown["per_month"].round(2),
        kind="derived",
        formula=shown["per_month_formula"],
        value_text=charts.danish(shown["per_month"], 1),
    )
    data = pd.concat([counts, means], ignore_index=True)
    return data[
        ["measure", "period", "period_start", "period_end", "months", "value", "value_text", *PROVENANCE]
    ]


def values_table(data: pd.DataFrame, application_type: str):
    return tables.with_sources(
        data,
        caption=f"Ansøgninger om {application_type} med kilder",
        columns={"measure": "Serie", "period": "Periode", "months": "Måneder", "value_text": "Værdi"},
        formats={"Måneder": fmt.number},
        numeric=("Måneder", "Værdi"),
    )
