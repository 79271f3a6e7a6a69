"""Handlingsplanen fra 2007: its ten initiatives, their measurable commitments, and a timeline of
the commitments that carry a date."""

from __future__ import annotations

import html
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
from IPython.display import HTML

from analysis.calc import action_plan as calc
from analysis.data import DataFolder, is_missing
from analysis.data.registry import entry, short_titles
from analysis.facts import Fact, derived, of_row, of_rows, registry
from analysis.present import charts, danish, tables
from analysis.present.prose import capitalised, listing, say, user_mark
from analysis.vocabulary import PROVENANCE, date_label, year_span

DATASETS = ("action_plan", "action_plan_commitments", "assumptions")
BOUND_WORD = {"exact": "", "at_least": "mindst", "at_most": "højst", "threshold": "grænse:"}
PRECISION_LABEL = {"day": "Dato oplyst", "month": "Kun måned oplyst", "year": "Kun år oplyst"}
COLUMNS = {
    "tilsagn": ["initiative", "initiative_title", "commitment", "value", "unit", "counted", "bound"]
    + ["value_text", "date", "when", *PROVENANCE],
    "initiativer": ["number", "title", "group", "summary", *PROVENANCE],
}
DOWNLOADS = {
    "tilsagn": ("handlingsplan2007_tilsagn.csv", "Hent tilsagnene som CSV"),
    "initiativer": ("handlingsplan2007_initiativer.csv", "Hent initiativerne som CSV"),
}
KEYS = {"tilsagn": ("initiative", "commitment"), "initiativer": ("number",)}  # a row in the ledger


@dataclass(frozen=True, eq=False)
class Result:
    plan: pd.DataFrame
    commitments: pd.DataFrame
    initiatives: pd.DataFrame  # in plan order, with how many commitments each has
    timeline: pd.DataFrame  # the dated commitments, earliest first
    written: pd.Timestamp  # the plan's own date (the first day it stands for)
    plan_source: str
    registry: pd.DataFrame

    @property
    def dated_before_plan(self) -> int:
        """How many dated commitments end before the plan's own date."""
        return int((self.timeline["end"] < self.written).sum())


def problems(data: DataFolder) -> list:
    """What `compute` needs beyond the schemas: nothing (see build/preflight.py)."""
    return []


def compute(data: DataFolder) -> Result:
    plan, commitments = data.load("action_plan"), data.load("action_plan_commitments")
    registry = data.sources()
    source = plan["source_id"].iloc[0]
    return Result(
        plan,
        commitments,
        calc.initiatives(plan, commitments),
        calc.dated(commitments, plan),
        calc.date_span(entry(registry, source)["date"])[0],
        source,
        registry,
    )


def value_text(value, unit, counted, bound) -> str:
    """A commitment's number as prose: "højst 4 uger", "mindst 1 medarbejder", "grænse: 75 pct."."""
    if is_missing(value):
        return ""
    number = danish.pct(value) if unit == "pct" else danish.plain(value)
    parts = [
        BOUND_WORD.get(bound, "") if not is_missing(bound) else "",
        number,
        "" if is_missing(counted) else str(counted),
    ]
    return " ".join(p for p in parts if p)


# --- Facts for the prose -------------------------------------------------------------------------


def facts(result: Result) -> dict[str, Fact]:
    found = _facts(result)
    found |= {
        "commitments_paragraph": _commitments_paragraph(found),
        "timeline_paragraph": _timeline_paragraph(result, found),
    }
    return found | {"headline": _headline(found)}


def _facts(result: Result) -> dict[str, Fact]:
    commitments, shown = result.commitments, result.initiatives
    counted = derived("optalt", of_rows(commitments))
    found = {
        "initiatives": Fact(len(shown), "number", derived("optalt", of_rows(result.plan))),
        "commitments": Fact(len(commitments), "number", counted),
        "commitments_with_number": Fact(int(commitments["value"].notna().sum()), "number", counted),
        "initiatives_with_commitments": Fact(int((shown["commitments"] > 0).sum()), "number", counted),
    }
    found["groups_sentence"] = _groups_sentence(shown)
    timeline = result.timeline
    before = result.dated_before_plan
    dated = derived("optalt", of_rows(timeline))
    return found | {
        "plan_date": Fact(
            entry(result.registry, result.plan_source)["date"], "date", registry(result.plan_source)
        ),
        "dated": Fact(len(timeline), "number", dated),
        "dated_before_plan": Fact(before, "number", dated | registry(result.plan_source)),
        "undated": Fact(len(commitments) - len(timeline), "number", counted),
    }


def _groups_sentence(shown: pd.DataFrame) -> Fact:
    """Which numbers stand under which heading of the plan, for any number of groups."""
    parts = [
        say(
            'nr. {numbers} under overskriften "{group}"',
            numbers=Fact((int(rows["number"].min()), int(rows["number"].max())), "year_span", of_rows(rows)),
            group=Fact(group, "text", of_rows(rows)),
        )
        for group, rows in shown.groupby("group", sort=False)
    ]
    if not parts:
        return say("Data indeholder ingen initiativer.", of_rows(shown))
    return capitalised(say("{parts}.", parts=listing(parts, of_rows(shown))))


def _commitments_paragraph(found: dict[str, Fact]) -> Fact:
    if found["commitments"].value == 0:
        return say("Data indeholder ingen målbare tilsagn.", found["commitments"].provenance)
    return say(
        "Bogen har fundet {n} tilsagn med et tal eller en dato, fordelt på {i} af initiativerne; {k} af dem "
        "har et tal:",
        n=found["commitments"],
        i=found["initiatives_with_commitments"],
        k=found["commitments_with_number"],
    )


def _timeline_paragraph(result: Result, found: dict[str, Fact]) -> Fact:
    dated, before = len(result.timeline), result.dated_before_plan
    if dated == 0:
        return say(
            "Ingen af tilsagnene har en tidsangivelse, så der er ingen tidslinje.", found["dated"].provenance
        )
    text = say(
        "{dated} af tilsagnene har en tidsangivelse, og {before} af dem ligger før planens dato.",
        dated=found["dated"],
        before=found["dated_before_plan"],
    )
    if before * 2 > dated:
        text = say(
            "{text} Planen er altså i høj grad en status over tiltag, der allerede var besluttet eller sat i "
            "gang, da den blev skrevet.",
            text=text,
        )
    if found["undated"].value:
        text = say(
            "{text} De {n} tilsagn uden dato står kun i tabellen ovenfor.", text=text, n=found["undated"]
        )
    return text


# --- The timeline --------------------------------------------------------------------------------


def _headline(found: dict[str, Fact]) -> Fact:
    """The chapter's finding on the front page, made of its facts."""
    return say(
        "Planen har {initiatives} initiativer og {commitments} tilsagn med et tal eller en dato; "
        "{with_number} af dem har et tal.",
        initiatives=found["initiatives"],
        commitments=found["commitments"],
        with_number=found["commitments_with_number"],
    )


def figure(result: Result) -> go.Figure:
    """A timeline of the dated commitments: a point where the source gives the day, a bar over
    the month or year where it gives only that, and a line at the plan's own date. Each row's
    label stands above it, so the timeline keeps the page's full width."""
    timeline = result.timeline.assign(key=[f"row-{i}" for i in range(len(result.timeline))])
    fig = go.Figure()
    for precision, colour in zip(PRECISION_LABEL, charts.PALETTE):
        rows = timeline[timeline["precision"] == precision]
        if len(rows):
            fig.add_trace(_dated_trace(rows, precision, colour))
    for _, row in timeline.iterrows():
        fig.add_annotation(
            x=0,
            xref="paper",
            y=row["key"],
            yshift=12,
            xanchor="left",
            yanchor="bottom",
            align="left",
            font=charts.LABEL_FONT,
            bgcolor="white",
            text=f"<b>{charts.text(row['when'])}</b>: {charts.text(row['commitment'])} (nr. "
            f"{row['initiative']})" + (" (brugerleveret)" if row["kind"] == "user-supplied" else ""),
        )
    written = entry(result.registry, result.plan_source)["date"]
    fig.add_shape(
        type="line",
        x0=written,
        x1=written,
        y0=0,
        y1=1,
        yref="paper",
        line=dict(dash="dash"),
    )
    fig.add_annotation(
        x=written,
        y=1,
        yref="paper",
        yshift=2,
        text=f"Planens dato: {date_label(written)}",
        xanchor="right",
        yanchor="bottom",
        bgcolor="white",
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
    height = 260 + 75 * len(timeline)
    fig.update_layout(
        height=height, margin=dict(l=20, r=30, t=110, b=150), legend=dict(y=-0.18 * 600 / height)
    )
    shown = {key: danish.write(fact) for key, fact in facts(result).items()}
    title = (
        f"Alle {shown['dated']} daterede tilsagn ligger før handlingsplanens dato"
        if result.dated_before_plan == len(result.timeline)
        else (
            f"{shown['dated_before_plan']} af {shown['dated']} daterede tilsagn ligger før "
            "handlingsplanens dato"
        )
    )
    return charts.style(
        fig,
        title=title,
        subtitle="Tilsagn med tidsangivelse, Socialforvaltningen og BIF, Københavns Kommune",
        source="; ".join(short_titles(result.registry, [result.plan_source]))
        + f". {shown['undated']} tilsagn uden dato står kun i tabellen."
        + (
            " Tilsagn mærket (brugerleveret) er brugerens egne data."
            if (timeline["kind"] == "user-supplied").any()
            else ""
        ),
        alt=_alt_text(timeline, shown),
    )


def _dated_trace(rows: pd.DataFrame, precision: str, colour: str) -> go.Scatter:
    hover = [f"{charts.text(w)}: {charts.text(c)}" for w, c in zip(rows["when"], rows["commitment"])]
    if precision == "day":
        return go.Scatter(
            x=rows["start"],
            y=rows["key"],
            mode="markers",
            name=PRECISION_LABEL[precision],
            marker=dict(symbol=charts.KIND_SYMBOL["stated"], size=13, color=colour),
            customdata=hover,
            hovertemplate="%{customdata}<extra></extra>",
        )
    # Each span as a thick line from its first to its last day; None breaks between spans.
    records = rows.to_dict("records")
    return go.Scatter(
        x=[x for r in records for x in (r["start"], r["end"], None)],
        y=[y for r in records for y in (r["key"], r["key"], None)],
        mode="lines",
        name=PRECISION_LABEL[precision],
        line=dict(color=colour, width=12 if precision == "month" else 8),
        customdata=[h for text in hover for h in (text, text, None)],
        hovertemplate="%{customdata}<extra></extra>",
    )


def _alt_text(timeline: pd.DataFrame, shown: dict[str, str]) -> str:
    items = [
        f"{w}: {c} (initiativ {n})"
        for w, c, n in zip(timeline["when"], timeline["commitment"], timeline["initiative"])
    ]
    return (
        f"Tidslinje over {shown['dated']} daterede tilsagn, det tidligste øverst: {'; '.join(items)}. "
        f"En stiplet lodret linje markerer handlingsplanens dato, {shown['plan_date']}; "
        f"{shown['dated_before_plan']} af tilsagnene ligger før den. Punkter har en præcis dato, "
        "bjælker dækker den måned eller det år, kilden nævner."
    )


# --- The commitments with a number: one generated list -------------------------------------------


def numbers_block(result: Result) -> HTML:
    """Every commitment with a number, in the plan's order: the initiative, the commitment, its
    number in words and its time where the source gives one."""
    rows = result.commitments[result.commitments["value"].notna()].sort_values("initiative", kind="stable")
    titles = result.plan.set_index("number")["title"]
    items = []
    for row in rows.to_dict("records"):
        value = value_text(row["value"], row["unit"], row["counted"], row["bound"])
        mark = user_mark(of_row(row))
        when = "" if is_missing(row["when"]) else f" ({row['when']})"
        title = titles.get(row["initiative"], "")
        text = f"{row['commitment']}: {value}" + (f" ({mark})" if mark else "") + when
        text += "" if text.endswith(".") else "."
        head = f"Nr. {int(row['initiative'])}, {title}:"
        items.append(f"<li><strong>{html.escape(head)}</strong> {html.escape(text)}</li>")
    return HTML(f'<ul class="findings">{"".join(items)}</ul>' if items else "")


# --- The values and tables -----------------------------------------------------------------------


def values(result: Result) -> pd.DataFrame:
    """The commitments in initiative order with the initiative's title and the value in words
    ("tilsagn": the timeline's values), and the initiatives ("initiativer")."""
    commitments = result.commitments
    rows = commitments.assign(
        initiative_title=commitments["initiative"].map(result.plan.set_index("number")["title"]),
        value_text=[
            value_text(*r) for r in commitments[["value", "unit", "counted", "bound"]].itertuples(index=False)
        ],
    ).sort_values(["initiative", "date"], na_position="last")
    return pd.concat(
        [rows[COLUMNS["tilsagn"]].assign(figure="tilsagn"), result.plan.assign(figure="initiativer")],
        ignore_index=True,
    )


def initiatives_tables(result: Result) -> list[HTML]:
    """The initiatives, one table per group of the plan (the group heading is the caption):
    number and title as in the source, and the book's short summary."""
    shown = result.initiatives
    shown = shown.assign(initiative=[f"{n}. {t}" for n, t in zip(shown["number"], shown["title"])])
    return [
        tables.with_sources(
            rows,
            caption=f"{group} (nr. {year_span(int(rows['number'].min()), int(rows['number'].max()))})",
            columns={"initiative": "Initiativ", "summary": "Kort resumé (bogens)"},
        )
        for group, rows in shown.groupby("group", sort=False)
    ]


def table(result: Result) -> HTML:
    """Each commitment with its number and time, and the verbatim quote it rests on."""
    data = tables.of_figure(values(result), "tilsagn")
    figures = [
        " · ".join(p for p in (v, "" if is_missing(w) else w) if p) or "–"
        for v, w in zip(data["value_text"], data["when"])
    ]
    commitment = [
        f"{n}. {t}: {c}" for n, t, c in zip(data["initiative"], data["initiative_title"], data["commitment"])
    ]
    return tables.with_sources(
        data.assign(commitment=commitment, figures=figures),
        caption="Handlingsplanens målbare tilsagn (med initiativets nummer og titel) og ordrette citater",
        columns={"commitment": "Initiativ og tilsagn", "figures": "Tal og tid"},
    )


def download(result: Result, part: str = "tilsagn") -> HTML:
    filename, label = DOWNLOADS[part]
    rows = tables.of_figure(values(result), part, COLUMNS[part])
    return tables.csv_download(rows, filename, label=label, key=KEYS[part])
