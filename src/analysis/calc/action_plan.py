"""The 2007 action plan (Handlingsplan til Borgerrådgiverens beretning 2006): its ten initiatives,
their measurable commitments, and a timeline of the commitments that carry a date."""

from __future__ import annotations

import calendar

import pandas as pd
import plotly.graph_objects as go

from analysis.data import is_missing
from analysis.present import charts, tables
from analysis.present import danish as fmt
from analysis.vocabulary import date_label, year_span

BOUND_WORD = {"exact": "", "at_least": "mindst", "at_most": "højst", "threshold": "grænse:"}
PRECISION_LABEL = {"day": "Dato oplyst", "month": "Kun måned oplyst", "year": "Kun år oplyst"}


def initiatives(plan: pd.DataFrame, commitments: pd.DataFrame) -> pd.DataFrame:
    """The initiatives in plan order, with how many measurable commitments each has in the data."""
    counts = commitments.groupby("initiative").size()
    return (
        plan.sort_values("number")
        .assign(commitments=lambda p: p["number"].map(counts).fillna(0).astype(int))
        .reset_index(drop=True)
    )


def value_text(value, unit, counted, bound) -> str:
    """A commitment's number as prose: "højst 4 uger", "mindst 1 medarbejder", "grænse: 75 pct."."""
    if is_missing(value):
        return ""
    number = fmt.pct(value) if unit == "pct" else fmt.plain(value)
    parts = [
        BOUND_WORD.get(bound, "") if not is_missing(bound) else "",
        number,
        "" if is_missing(counted) else str(counted),
    ]
    return " ".join(p for p in parts if p)


def date_span(iso: str) -> tuple[pd.Timestamp, pd.Timestamp, str]:
    """The first and last day a date stands for, and its precision: "2006" is all of 2006."""
    parts = [int(p) for p in str(iso).split("-")]
    if len(parts) == 3:
        day = pd.Timestamp(*parts)
        return day, day, "day"
    if len(parts) == 2:
        last = calendar.monthrange(*parts)[1]
        return pd.Timestamp(parts[0], parts[1], 1), pd.Timestamp(parts[0], parts[1], last), "month"
    return pd.Timestamp(parts[0], 1, 1), pd.Timestamp(parts[0], 12, 31), "year"


def dated(commitments: pd.DataFrame, plan: pd.DataFrame) -> pd.DataFrame:
    """The commitments with a date, earliest first, with the span and precision of the date."""
    rows = commitments[commitments["date"].notna()].copy()
    spans = [date_span(d) for d in rows["date"]]
    rows["start"] = [s[0] for s in spans]
    rows["end"] = [s[1] for s in spans]
    rows["precision"] = [s[2] for s in spans]
    titles = plan.set_index("number")["title"]
    rows["initiative_title"] = rows["initiative"].map(titles)
    return rows.sort_values(["start", "end"]).reset_index(drop=True)


def plan_date(registry: pd.DataFrame, source_id: str) -> str:
    return registry.set_index("source_id").at[source_id, "date"]


# --- The chapter: facts for the prose, the chart, the tables ----------------------------------


def chapter_facts(plan: pd.DataFrame, commitments: pd.DataFrame, registry: pd.DataFrame) -> dict[str, str]:
    """Every number the chapter's prose shows, already written the Danish way (for glue)."""
    shown = initiatives(plan, commitments)
    facts = {
        "initiatives": fmt.number(len(shown)),
        "commitments": fmt.number(len(commitments)),
        "commitments_with_number": fmt.number(int(commitments["value"].notna().sum())),
        "initiatives_with_commitments": fmt.number(int((shown["commitments"] > 0).sum())),
    }
    for number, (group, rows) in enumerate(shown.groupby("group", sort=False), start=1):
        facts[f"group{number}"] = group
        facts[f"group{number}_count"] = fmt.number(len(rows))
        facts[f"group{number}_numbers"] = year_span(int(rows["number"].min()), int(rows["number"].max()))
    for _, row in commitments.iterrows():
        key = row["commitment_id"]
        facts[f"{key}_value"] = value_text(row["value"], row["unit"], row["counted"], row["bound"]) or "–"
        facts[f"{key}_number"] = value_text(row["value"], row["unit"], None, None) or "–"
        if not is_missing(row["when"]):
            facts[f"{key}_when"] = row["when"]
    timeline = dated(commitments, plan)
    source = plan["source_id"].iloc[0]
    written = date_span(plan_date(registry, source))[0]
    before = int((timeline["end"] < written).sum())
    facts.update(
        {
            "plan_date": date_label(plan_date(registry, source)),
            "dated": fmt.number(len(timeline)),
            "dated_before_plan": fmt.number(before),
            "undated": fmt.number(len(commitments) - len(timeline)),
        }
    )
    return facts


def figure(plan: pd.DataFrame, commitments: pd.DataFrame, registry: pd.DataFrame) -> go.Figure:
    """A timeline of the dated commitments: a point where the source gives the day, a bar over
    the month or year where it gives only that, and a line at the plan's own date. Each row's
    label stands above it, so the timeline keeps the page's full width."""
    timeline = dated(commitments, plan)
    timeline = timeline.assign(key=[f"row-{i}" for i in range(len(timeline))])
    fig = go.Figure()
    for precision, colour in zip(PRECISION_LABEL, charts.PALETTE):
        rows = timeline[timeline["precision"] == precision]
        if rows.empty:
            continue
        hover = [f"{charts.text(w)}: {charts.text(c)}" for w, c in zip(rows["when"], rows["commitment"])]
        if precision == "day":
            fig.add_trace(
                go.Scatter(
                    x=rows["start"],
                    y=rows["key"],
                    mode="markers",
                    name=PRECISION_LABEL[precision],
                    marker=dict(symbol=charts.KIND_SYMBOL["stated"], size=13, color=colour),
                    customdata=hover,
                    hovertemplate="%{customdata}<extra></extra>",
                )
            )
        else:
            # Each span as a thick line from its first to its last day; None breaks between spans.
            xs, ys, hovers = [], [], []
            for (_, row), text in zip(rows.iterrows(), hover):
                xs += [row["start"], row["end"], None]
                ys += [row["key"], row["key"], None]
                hovers += [text, text, None]
            fig.add_trace(
                go.Scatter(
                    x=xs,
                    y=ys,
                    mode="lines",
                    name=PRECISION_LABEL[precision],
                    line=dict(color=colour, width=12 if precision == "month" else 8),
                    customdata=hovers,
                    hovertemplate="%{customdata}<extra></extra>",
                )
            )
    for _, row in timeline.iterrows():
        fig.add_annotation(
            x=0,
            xref="paper",
            y=row["key"],
            yshift=12,
            xanchor="left",
            yanchor="bottom",
            showarrow=False,
            align="left",
            font=dict(size=12),
            bgcolor="white",
            text=f"<b>{charts.text(row['when'])}</b>: {charts.text(row['commitment'])} "
            f"(nr. {row['initiative']})",
        )
    source = plan["source_id"].iloc[0]
    written = plan_date(registry, source)
    fig.add_shape(
        type="line",
        x0=written,
        x1=written,
        y0=0,
        y1=1,
        yref="paper",
        line=dict(color=charts.REFERENCE_GREY, width=2, dash="dash"),
    )
    fig.add_annotation(
        x=written,
        y=1,
        yref="paper",
        yshift=2,
        text=f"Planens dato: {date_label(written)}",
        showarrow=False,
        xanchor="right",
        yanchor="bottom",
        bgcolor="white",
        font=dict(size=12, color=charts.REFERENCE_GREY),
    )
    first, last = timeline["start"].min(), max(timeline["end"].max(), pd.Timestamp(written))
    fig.update_xaxes(
        type="date",
        tickformat="%Y",
        dtick="M12",
        ticklabelmode="period",
        range=[pd.Timestamp(first.year, 1, 1), pd.Timestamp(last.year + 1, 1, 1)],
    )
    # Earliest at the top: the category order runs from the bottom up.
    fig.update_yaxes(
        type="category",
        categoryorder="array",
        categoryarray=list(timeline["key"][::-1]),
        showticklabels=False,
        showgrid=False,
        zeroline=False,
        range=[-0.6, len(timeline) - 0.1],
    )
    fig.update_layout(
        height=260 + 75 * len(timeline),
        margin=dict(l=20, r=30, t=110, b=150),
        legend=dict(y=-0.18 * 600 / (260 + 75 * len(timeline))),
    )
    facts = chapter_facts(plan, commitments, registry)
    names = registry.set_index("source_id").loc[[source], "short_title"]
    return charts.style(
        fig,
        title=(
            f"Alle {facts['dated']} daterede tilsagn ligger før handlingsplanens dato"
            if facts["dated"] == facts["dated_before_plan"]
            else f"{facts['dated_before_plan']} af {facts['dated']} daterede tilsagn ligger før handlingsplanens dato"
        ),
        subtitle="Tilsagn med tidsangivelse, Socialforvaltningen og BIF, Københavns Kommune",
        source="; ".join(names) + f". {facts['undated']} tilsagn uden dato står kun i tabellen.",
        alt=_alt_text(timeline, facts),
    )


def _alt_text(timeline: pd.DataFrame, facts: dict[str, str]) -> str:
    items = [
        f"{w}: {c} (initiativ {n})"
        for w, c, n in zip(timeline["when"], timeline["commitment"], timeline["initiative"])
    ]
    return (
        f"Tidslinje over {facts['dated']} daterede tilsagn, det tidligste øverst: {'; '.join(items)}. "
        f"En stiplet lodret linje markerer handlingsplanens dato, {facts['plan_date']}; "
        f"{facts['dated_before_plan']} af tilsagnene ligger før den. Punkter har en præcis dato, "
        "bjælker dækker den måned eller det år, kilden nævner."
    )


def initiatives_tables(plan: pd.DataFrame, commitments: pd.DataFrame) -> list:
    """The initiatives, one table per group of the plan (the group heading is the caption):
    number and title as in the source, and the book's short summary."""
    shown = initiatives(plan, commitments)
    shown = shown.assign(initiative=[f"{n}. {t}" for n, t in zip(shown["number"], shown["title"])])
    return [
        tables.with_sources(
            rows,
            caption=f"{group} (nr. {year_span(int(rows['number'].min()), int(rows['number'].max()))})",
            columns={"initiative": "Initiativ", "summary": "Kort resumé (bogens)"},
        )
        for group, rows in shown.groupby("group", sort=False)
    ]


def commitments_data(plan: pd.DataFrame, commitments: pd.DataFrame) -> pd.DataFrame:
    """Commitments in initiative order with the initiative's title and the value in words (table and CSV)."""
    titles = plan.set_index("number")["title"]
    rows = commitments.assign(
        initiative_title=commitments["initiative"].map(titles),
        value_text=[
            value_text(*r) for r in commitments[["value", "unit", "counted", "bound"]].itertuples(index=False)
        ],
    )
    return rows.sort_values(["initiative", "date"], na_position="last").reset_index(drop=True)[
        [
            "initiative",
            "initiative_title",
            "commitment",
            "value",
            "unit",
            "counted",
            "bound",
            "value_text",
            "date",
            "when",
            "kind",
            "source_id",
            "quote",
            "formula",
        ]
    ]


def commitments_table(data: pd.DataFrame):
    """Each commitment with its number and time, and the verbatim quote it rests on."""
    figures = [
        " · ".join(p for p in (v, "" if is_missing(w) else w) if p) or "–"
        for v, w in zip(data["value_text"], data["when"])
    ]
    return tables.with_sources(
        data.assign(
            commitment=[
                f"{n}. {t}: {c}"
                for n, t, c in zip(data["initiative"], data["initiative_title"], data["commitment"])
            ],
            figures=figures,
        ),
        caption="Handlingsplanens målbare tilsagn (med initiativets nummer og titel) og ordrette citater",
        columns={"commitment": "Initiativ og tilsagn", "figures": "Tal og tid"},
    )
