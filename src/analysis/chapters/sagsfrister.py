"""Sagsfrister før og efter finansiering: the share of cases decided within the deadline per
borgercenter against its target and the funding for more caseworkers; the same share computed
from a user's case extract; and formality complaints in two years."""

from __future__ import annotations

import html
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
from IPython.display import HTML
from plotly.subplots import make_subplots

from analysis.calc import cases as case_calc
from analysis.calc import complaints as complaint_calc
from analysis.calc import compliance as calc
from analysis.data import DataFolder, is_missing
from analysis.data.registry import short_titles
from analysis.data.schemas.compliance import cases_schema
from analysis.facts import Fact, derived, from_row, of_row, setting
from analysis.present import charts, danish, tables
from analysis.present.prose import say
from analysis.vocabulary import (
    BORGERCENTRE,
    KIND_LABEL,
    PERIOD_NAME,
    PROVENANCE,
    date_label,
    direction,
    period_label,
    year_span,
)

DATASETS = ("compliance", "compliance_targets", "funding_periods", "complaints", "cases", "assumptions")
STATUS_LABEL = {"granted": "bevilget", "proposed": "foreslået, ikke vedtaget"}
PANELS = ("Andel af sager afgjort inden for fristen", "Midler til flere sagsbehandlere")
CASE_FORMULA = "rettidigt afgjorte / (afgjorte + åbne over fristen) × 100"
# Each figure's values, as its table and CSV show them.
COLUMNS = {
    "frister": ["series", "period", "low", "high", "unit", "value_text", *PROVENANCE],
    "klager": ["series", "period", "count", "value_text", *PROVENANCE],
    "sagsudtraek": ["borgercenter", "period", "period_start", "period_end", *case_calc.STATUSES, "measured"]
    + ["pct", "kind", "source_id", "formula"],
}


@dataclass(frozen=True, eq=False)
class Cases:
    """Compliance computed from a user's case extract."""

    source: str  # the extract's file name: the values' source
    computed: pd.DataFrame  # per borgercenter and period, described for the page
    totals: dict[str, int]
    measured: pd.Timestamp
    period: str


@dataclass(frozen=True, eq=False)
class Result:
    shown_from: str
    shown_to: str
    measurements: pd.DataFrame  # every measurement, with its period and value in words
    targets: pd.DataFrame
    funding: pd.DataFrame
    complaints: pd.DataFrame  # formality complaints in the two years compared
    base_year: int
    year: int
    cases: Cases | None
    registry: pd.DataFrame

    @property
    def shown(self) -> pd.DataFrame:
        """The measurements within the figure's dates."""
        start, end = pd.Timestamp(self.shown_from), pd.Timestamp(self.shown_to)
        frame = self.measurements
        return frame[(frame["end"] >= start) & (frame["start"] <= end)].reset_index(drop=True)

    @property
    def money(self) -> pd.DataFrame:
        """The funding periods on the figure's time axis."""
        return calc.funding_shown(self.funding, self.shown_from, self.shown_to)


def compute(
    data: DataFolder,
    shown_from: str,
    shown_to: str,
    complaints_base_year: int,
    complaints_year: int,
    measurement_date: str | None = None,
    period: str = "quarter",
) -> Result:
    complaints = complaint_calc.yearly(
        data.load("complaints"), "formality", complaints_base_year, complaints_year
    )
    extract = data.load("cases")  # optional: None unless a user supplies a case extract
    return Result(
        shown_from,
        shown_to,
        _described(calc.measurements(data.load("compliance"))),
        data.load("compliance_targets"),
        data.load("funding_periods"),
        complaints[complaints["year"].isin([complaints_base_year, complaints_year])].reset_index(drop=True),
        complaints_base_year,
        complaints_year,
        None if extract is None else _cases(extract, data.used["cases"].name, measurement_date, period),
        data.sources(),
    )


def _described(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.assign(
        period=[period_label(s.date(), e.date()) for s, e in zip(frame["start"], frame["end"])],
        value_text=[danish.pct_range(lo, hi) for lo, hi in zip(frame["low"], frame["high"])],
    )


# --- Facts for the prose -------------------------------------------------------------------------


def facts(result: Result) -> dict[str, Fact]:
    found = _facts(result)
    return found | {"headline": _headline(found)}


def _facts(result: Result) -> dict[str, Fact]:
    target_of = result.targets.set_index("borgercenter")
    found = {}
    for centre in calc.centres(result.measurements):
        found |= _centre_facts(result, centre)
    if "handicap" in target_of.index:
        found["handicap_target"] = Fact(
            target_of.at["handicap", "target"], "pct", of_row(target_of.loc["handicap"])
        )
    for row in result.funding.to_dict("records"):
        key = row["funding_id"].replace("-", "_")
        found[f"{key}_span"] = Fact(funding_span(row), "text", of_row(row))
        found[f"{key}_amount"] = Fact(funding_amount(row), "text", of_row(row))
        if row["status"] == "granted":
            found[f"{key}_decision"] = Fact(row["decision"], "text", of_row(row))
    return found | _complaint_facts(result)


def _headline(found: dict[str, Fact]) -> Fact:
    """The chapter's finding on the front page, made of its facts."""
    return say(
        "Borgercenter Handicap, som fik midler i Budget 2019 for {handicap_budget_2019_span}, "
        "afgjorde {handicap_last} af sagerne inden for fristen i {handicap_last_period}: "
        "{handicap_vs_target}. Borgercenter Voksne gik fra {voksne_first} "
        "({voksne_first_period}) til {voksne_last} ({voksne_last_period}) med en handleplan, "
        "ikke med nye midler.",
        **{
            key: found[key]
            for key in (
                "handicap_budget_2019_span",
                "handicap_last",
                "handicap_last_period",
                "handicap_vs_target",
                "voksne_first",
                "voksne_first_period",
                "voksne_last",
                "voksne_last_period",
            )
        },
    )


def _centre_facts(result: Result, centre: str) -> dict[str, Fact]:
    rows = result.measurements[result.measurements["borgercenter"] == centre]
    first, last = rows.iloc[0], rows.iloc[-1]
    key = centre.replace("-", "_")
    return {
        f"{key}_first": Fact(first["value_text"], "text", of_row(first)),
        f"{key}_first_period": Fact(first["period"], "text", of_row(first)),
        f"{key}_last": Fact(last["value_text"], "text", of_row(last)),
        f"{key}_last_period": Fact(last["period"], "text", of_row(last)),
        f"{key}_change": _change(first, last),
        f"{key}_vs_target": _against_target(last, centre, result.targets),
    }


def _change(first: pd.Series, last: pd.Series) -> Fact:
    """The change between the first and the last measurement, as a sentence."""
    based_on = of_row(first) | of_row(last)
    if first.equals(last):
        return say("En ændring kan ikke beregnes: der er færre end to målinger.", based_on)
    points = calc.change(first, last)
    if points is None and first["is_range"] and last["is_range"]:
        return say(
            "En ændring kan ikke beregnes som ét tal, fordi begge tal er intervaller ({a} og {b}).",
            based_on,
            a=first["value_text"],
            b=last["value_text"],
        )
    if points is None:
        ranged, single = (first, last) if first["is_range"] else (last, first)
        where = {"below": "under", "above": "over", "inside": "inden for"}[calc.within(single, ranged)]
        return say(
            "En ændring fra {fp} til {lp} kan ikke beregnes som ét tal, fordi tallet for {rp} er et interval "
            "({rv}); {sv} i {sp} ligger {where} intervallet.",
            based_on,
            fp=first["period"],
            lp=last["period"],
            rp=ranged["period"],
            rv=ranged["value_text"],
            sv=single["value_text"],
            sp=single["period"],
            where=where,
        )
    formula = f"{danish.auto(last['low'])} − {danish.auto(first['low'])}"
    amount = Fact(abs(points), "pct_points", derived(formula, based_on))
    return say(
        "Fra {fp} til {lp} {verb} andelen {amount}.",
        fp=first["period"],
        lp=last["period"],
        verb=direction(points, same="var"),
        amount=say("med {n}", n=amount) if points else "uændret",
    )


def versus(low: float, high: float, reference: float, amount: bool = True) -> str:
    """Where a value or a range lies against a reference value, in words (no target named):
    "1 procentpoint over" (or just "over" without the amount)."""
    side = calc.side(low, high, reference)
    if side in ("above", "below"):
        word = "over" if side == "above" else "under"
        return f"{danish.pct_points(abs(low - reference))} {word}" if amount else word
    return {
        "on": "præcis på",
        "all above": "med hele intervallet på eller over",
        "all below": "med hele intervallet under",
        "across": "med intervallet på begge sider af",
    }[side]


def _against_target(last: pd.Series, centre: str, targets: pd.DataFrame) -> Fact:
    """The latest measurement against the centre's own target, or, if it has none, against the
    target the source gives for another centre (and saying so)."""
    if targets.empty:
        return say("kan ikke holdes op mod et mål", of_row(last))
    own = targets[targets["borgercenter"] == centre]
    target = (own if len(own) else targets).iloc[0]
    based_on = of_row(last) | of_row(target)
    where = versus(last["low"], last["high"], target["target"])
    goal = Fact(target["target"], "pct", of_row(target))
    if len(own):
        return say("{where} målet ({goal})", based_on, where=where, goal=goal)
    return say(
        "{where} {other}s mål ({goal}); kilden nævner intet mål for {centre}",
        based_on,
        where=where,
        other=BORGERCENTRE[target["borgercenter"]].label,
        goal=goal,
        centre=BORGERCENTRE[centre].label,
    )


def funding_span(row) -> str:
    """ "2019–2021" for temporary funding, "varigt fra 2022" for permanent funding."""
    if row["duration"] == "permanent":
        return f"varigt fra {int(row['first_year'])}"
    return year_span(int(row["first_year"]), int(row["last_year"]))


def funding_amount(row) -> str:
    """The yearly amount in millions ("15 mio. kr. om året"), or that the source gives none."""
    amount = row["per_year_1000_kr"]
    if is_missing(amount):
        return "beløb ikke oplyst"
    return f"{danish.thousand_kr_as_mio(amount, 0 if amount % 1000 == 0 else 1)} om året"


def _complaint_facts(result: Result) -> dict[str, Fact]:
    """Formality complaints in two years, saying which value is stated and which computed."""
    rows = result.complaints.set_index("year")
    found = {
        "complaints_base_year": setting(result.base_year, "year"),
        "complaints_year": setting(result.year, "year"),
    }
    for key, year in (("complaints_base", result.base_year), ("complaints_value", result.year)):
        row = rows.loc[year].to_dict()
        found[key] = from_row(row, "count", "auto")
        found[f"{key}_basis"] = Fact(_basis(row), "text", from_row(row, "count", "auto").provenance)
    found["complaints_change"] = _complaint_change(result)
    return found


def _complaint_change(result: Result) -> Fact:
    rows = result.complaints.set_index("year")
    base, value = rows.loc[result.base_year], rows.loc[result.year]
    based_on = from_row(base, "count", "auto").provenance | from_row(value, "count", "auto").provenance
    try:
        change = complaint_calc.percent_change(result.complaints, result.base_year, result.year)
    except ValueError:
        return say("kan ikke beregnes (et af årene mangler)", based_on)
    formula = (
        f"({danish.auto(value['count'])} − {danish.auto(base['count'])}) ÷ {danish.auto(base['count'])} × 100"
    )
    amount = Fact(abs(change), "pct", derived(formula, based_on))
    return say("{verb} med {amount}", verb=direction(change), amount=amount)


def _basis(row) -> str:
    if is_missing(row["count"]):
        return "ikke oplyst"
    if row["kind"] == "derived":
        return f"beregnet som {row['formula']}, ikke oplyst i kilden"
    return KIND_LABEL.get(row["kind"], row["kind"])


def _short_basis(row) -> str:
    """Label beside a point: "oplyst" or "beregnet: 580 × (1 − 0,07)"."""
    if is_missing(row["count"]):
        return danish.MISSING
    return f"beregnet: {row['formula']}" if row["kind"] == "derived" else "oplyst"


# --- The figure of measurements and funding --------------------------------------------------------


def figure(result: Result) -> go.Figure:
    """Share of cases within the deadline per borgercenter (top) above the funding each centre had
    or is proposed to get (bottom), on one time axis."""
    shown, money, targets = result.shown, result.money, result.targets
    fig = make_subplots(
        rows=2,
        cols=1,
        shared_xaxes=True,
        row_heights=[0.72, 0.28],
        vertical_spacing=0.1,
        subplot_titles=PANELS,
    )
    _granted_shading(fig, money, result.shown_to)
    _target_lines(fig, targets, result.shown_from, result.shown_to)
    for centre in calc.centres(shown):
        _measurement_traces(fig, shown[shown["borgercenter"] == centre], centre)
    _funding_lanes(fig, money, result.shown_from, result.shown_to)
    if (shown["end"] > shown["start"]).any():
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="lines",
                line=dict(color=charts.REFERENCE_GREY, width=2),
                name="Vandret streg: perioden, tallet er målt over",
                hoverinfo="skip",
            ),
            row=1,
            col=1,
        )
    charts.kind_legend(fig, shown["kind"])
    fig.update_xaxes(
        type="date",
        range=[result.shown_from, result.shown_to],
        dtick="M12",
        tickformat="%Y",
        ticklabelmode="period",
    )
    fig.update_yaxes(title_text="Pct. af sagerne", range=[0, 100], ticksuffix="", row=1, col=1)
    fig.update_yaxes(type="category", showgrid=False, zeroline=False, row=2, col=1)
    fig.update_layout(height=700, margin=dict(b=215), legend=dict(y=-0.07), barmode="overlay")
    charts.panel_titles(fig, PANELS)
    used = [*shown["source_id"], *targets["source_id"], *money["source_id"]]
    span = year_span(shown["start"].min().year, shown["end"].max().year) if len(shown) else ""
    return charts.style(
        fig,
        title=_title(shown, targets),
        subtitle=f"Pct. af sager afgjort inden for fristen, målt {span}, Københavns Kommune",
        source="; ".join(short_titles(result.registry, used)) + ". Skraverede midler er kun foreslået.",
        alt=_alt_text(shown, targets, money),
    )


def _granted_shading(fig: go.Figure, money: pd.DataFrame, shown_to: str) -> None:
    """Shade each granted period behind the measurements, so "with funding" can be read off."""
    for _, row in money[money["status"] == "granted"].iterrows():
        centre = BORGERCENTRE[row["borgercenter"]]
        fig.add_vrect(
            x0=row["start"],
            x1=min(row["end"], pd.Timestamp(shown_to)),
            row=1,
            col=1,
            fillcolor=centre.colour,
            opacity=0.08,
            line_width=0,
            annotation_text=charts.text(f"{centre.short}: midler fra {row['decision']}"),
            annotation_position="bottom left",
            exclude_empty_subplots=False,
        )


def _title(shown: pd.DataFrame, targets: pd.DataFrame) -> str:
    """The latest measurement per centre, and where it lies against the centre's own target."""
    parts = []
    target_of = targets.set_index("borgercenter")["target"]
    for centre in calc.centres(shown):
        last = shown[shown["borgercenter"] == centre].iloc[-1]
        text = f"{BORGERCENTRE[centre].short} {last['value_text']}"
        if centre in target_of.index:
            where = versus(last["low"], last["high"], target_of[centre], amount=False)
            text += f", {where} målet på {danish.pct(target_of[centre])}"
        parts.append(text)
    return "; ".join(parts) if parts else "Ingen målinger af sagsfrister i perioden"


def _target_lines(fig: go.Figure, targets: pd.DataFrame, shown_from, shown_to) -> None:
    for _, row in targets.iterrows():
        fig.add_shape(
            type="line",
            x0=shown_from,
            x1=shown_to,
            y0=row["target"],
            y1=row["target"],
            row=1,
            col=1,
            line=dict(dash="dash"),
        )
        fig.add_annotation(
            x=shown_to,
            y=row["target"],
            row=1,
            col=1,
            xanchor="right",
            yanchor="bottom",
            text=charts.text(
                f"Mål for {BORGERCENTRE[row['borgercenter']].label}: mindst {danish.pct(row['target'])}"
            ),
        )


def _measurement_traces(fig: go.Figure, rows: pd.DataFrame, key: str) -> None:
    centre = BORGERCENTRE[key]
    singles, ranges = rows[~rows["is_range"]], rows[rows["is_range"]]
    spans = singles[singles["end"] > singles["start"]]
    if len(spans):  # the span a measurement covers, as a thin bar: no line joins measurements
        fig.add_trace(
            go.Scatter(
                x=[x for _, r in spans.iterrows() for x in (r["start"], r["end"], None)],
                y=[y for _, r in spans.iterrows() for y in (r["low"], r["low"], None)],
                mode="lines",
                line=dict(color=centre.colour, width=2),
                name=f"{centre.short}: måleperiode",
                legendgroup=key,
                hoverinfo="skip",
                showlegend=False,
            ),
            row=1,
            col=1,
        )
    if len(singles):
        # Labels above the higher series and below the lower one keep them apart.
        above = rows["low"].mean() >= 75
        fig.add_trace(_single_trace(singles, key, above), row=1, col=1)
    for _, row in ranges.iterrows():  # a range is a vertical bar with end caps, never a midpoint
        _range_trace(fig, row, key)


def _single_trace(singles: pd.DataFrame, key: str, above: bool) -> go.Scatter:
    centre = BORGERCENTRE[key]
    return go.Scatter(
        x=singles["midpoint"],
        y=singles["low"],
        name=centre.label,
        legendgroup=key,
        mode="markers+text",
        marker=dict(
            size=12,
            color=centre.colour,
            symbol=[charts.KIND_SYMBOL[k] for k in singles["kind"]],
            line=dict(color=centre.colour, width=2),
        ),
        text=[f"{centre.short} {v}" for v in singles["value_text"]],
        textposition="top right" if above else "bottom center",
        textfont=dict(color=charts.readable(centre.colour), size=13),
        customdata=[
            [p, v, KIND_LABEL[k]]
            for p, v, k in zip(singles["period"], singles["value_text"], singles["kind"])
        ],
        hovertemplate=f"{centre.label}, %{{customdata[0]}}: %{{customdata[1]}} "
        f"(%{{customdata[2]}})<extra></extra>",
    )


def _range_trace(fig: go.Figure, row: pd.Series, key: str) -> None:
    centre = BORGERCENTRE[key]
    fig.add_trace(
        go.Scatter(
            x=[row["midpoint"], row["midpoint"]],
            y=[row["low"], row["high"]],
            mode="lines+markers",
            name=f"{centre.label}: interval {row['value_text']} (ikke ét tal)",
            legendgroup=key,
            line=dict(color=centre.colour, width=5),
            marker=dict(
                symbol="line-ew-open", size=18, color=centre.colour, line=dict(color=centre.colour, width=3)
            ),
            hovertemplate=f"{centre.label}, {row['period']}: {row['value_text']} (interval, "
            f"{KIND_LABEL[row['kind']]})<extra></extra>",
        ),
        row=1,
        col=1,
    )
    fig.add_annotation(
        x=row["midpoint"],
        y=(row["low"] + row["high"]) / 2,
        row=1,
        col=1,
        xanchor="right",
        xshift=-12,
        font=dict(color=charts.readable(centre.colour), size=13),
        text=charts.text(f"{centre.short} {row['value_text']} (interval)"),
    )


def _funding_lanes(fig: go.Figure, money: pd.DataFrame, shown_from, shown_to) -> None:
    """One lane per borgercenter: solid bars for granted funding, hatched bars for proposed funding."""
    for status in ("granted", "proposed"):
        rows = money[money["status"] == status]
        if len(rows):
            fig.add_trace(_funding_bars(rows, status, shown_from, shown_to), row=2, col=1)
    for key in calc.centres(money):  # say so where a lane has no funding in view (absence is not zero)
        first = money.loc[money["borgercenter"] == key, "start"].min()
        if first > pd.Timestamp(shown_from) + pd.Timedelta(days=365):
            fig.add_annotation(
                x=pd.Timestamp(shown_from) + pd.Timedelta(days=20),
                y=BORGERCENTRE[key].short,
                row=2,
                col=1,
                xanchor="left",
                text="ingen ekstra midler nævnt i kilden",
            )


def _funding_bars(rows: pd.DataFrame, status: str, shown_from, shown_to) -> go.Bar:
    proposed = status == "proposed"
    start = rows["start"].clip(lower=pd.Timestamp(shown_from))
    end = rows["end"].clip(upper=pd.Timestamp(shown_to)) + pd.Timedelta(days=1)
    records = rows.to_dict("records")
    colours = [BORGERCENTRE[c].colour for c in rows["borgercenter"]]
    texts = [
        f"{BORGERCENTRE[r['borgercenter']].short}: {r['decision']}, {funding_span(r)}, {funding_amount(r)}"
        for r in records
    ]
    short = [f"{funding_span(r)}, {funding_amount(r).replace(' om året', '/år')}" for r in records]
    return go.Bar(
        y=[BORGERCENTRE[c].short for c in rows["borgercenter"]],
        base=start,
        x=(end - start).dt.total_seconds() * 1000,
        orientation="h",
        name=f"Midler {STATUS_LABEL[status]}"
        + (" (skraveret)" if proposed else "")
        + f": {danish.listing(list(dict.fromkeys(rows['decision'])))}",
        marker=dict(
            color="white" if proposed else colours,
            line=dict(color=colours, width=2),
            pattern=dict(shape="/", fgcolor=charts.MUTED_GREY, size=8, solidity=0.3) if proposed else None,
            opacity=1 if proposed else 0.35,
        ),
        text=[("Foreslået: " if proposed else "Bevilget: ") + s for s in short],
        textposition="inside",
        insidetextanchor="start",
        textfont=dict(color=charts.TEXT, size=12),
        customdata=[[t, STATUS_LABEL[status]] for t in texts],
        hovertemplate="%{customdata[0]} (%{customdata[1]})<extra></extra>",
        width=0.6,
    )


def _alt_text(shown: pd.DataFrame, targets: pd.DataFrame, money: pd.DataFrame) -> str:
    parts = [
        "Punktdiagram over andelen af sager afgjort inden for fristen, med en tidslinje over "
        "midler nedenunder."
    ]
    for key in calc.centres(shown):
        rows = shown[shown["borgercenter"] == key]
        values = [
            f"{v} ({p}" + (", interval)" if r else ")")
            for v, p, r in zip(rows["value_text"], rows["period"], rows["is_range"])
        ]
        parts.append(f"{BORGERCENTRE[key].label}: {danish.listing(values)}.")
    for _, row in targets.iterrows():
        label = BORGERCENTRE[row["borgercenter"]].label
        parts.append(f"Stiplet linje: mål for {label} på mindst {danish.pct(row['target'])}")
    for row in money.to_dict("records"):
        label = BORGERCENTRE[row["borgercenter"]].label
        parts.append(
            f"Midler til {label}, {STATUS_LABEL[row['status']]}: {row['decision']}, "
            f"{funding_span(row)}, {funding_amount(row)}."
        )
    return " ".join(parts)


# --- The figure of formality complaints ----------------------------------------------------------


def complaints_figure(result: Result) -> go.Figure:
    """Formality complaints in two years; a computed value is drawn with an open marker."""
    series, base_year, year = result.complaints, result.base_year, result.year
    kinds = series["kind"].fillna("stated")
    rows = series.to_dict("records")
    fig = go.Figure(
        go.Scatter(
            x=series["year"],
            y=series["count"],
            mode="markers+text",
            name="Formalitetsklager",
            marker=dict(
                size=16,
                color=charts.PALETTE[0],
                symbol=[charts.KIND_SYMBOL[k] for k in kinds],
                line=dict(color=charts.PALETTE[0], width=3),
            ),
            text=[f"{danish.auto(r['count'])} ({_short_basis(r)})" for r in rows],
            textposition="top center",
            cliponaxis=False,
            customdata=[[danish.auto(r["count"]), _basis(r)] for r in rows],
            hovertemplate="Formalitetsklager %{x}: %{customdata[0]} (%{customdata[1]})<extra></extra>",
        )
    )
    charts.kind_legend(fig, kinds)
    fig.update_xaxes(tickvals=[base_year, year], tickformat="d", range=[base_year - 0.6, year + 0.6])
    top = max(series["count"].max() * 1.25, 1) if series["count"].notna().any() else 1
    fig.update_yaxes(title_text="Antal klager", tickformat=",d", rangemode="tozero", range=[0, top])
    fig.update_layout(height=440)
    shown = {key: danish.write(fact) for key, fact in _complaint_facts(result).items()}
    return charts.style(
        fig,
        title=f"Formalitetsklager {shown['complaints_change']} fra {base_year} til {year}",
        subtitle="Modtagne formalitetsklager pr. år, Socialforvaltningen, Københavns Kommune, "
        f"{base_year} og {year}",
        source="; ".join(short_titles(result.registry, series["source_id"].dropna()))
        + ". Åben markør: beregnet, ikke oplyst.",
        alt=(
            f"Punktdiagram med to år. {base_year}: {shown['complaints_base']} formalitetsklager "
            f"({shown['complaints_base_basis']}). {year}: {shown['complaints_value']} "
            f"({shown['complaints_value_basis']})."
        ),
    )


# --- Compliance computed from a case extract -----------------------------------------------------


def _cases(extract: pd.DataFrame, source: str, measured, period: str) -> Cases:
    day = case_calc.measurement_day(extract, measured)
    computed = case_calc.compliance(extract, day, period)
    cut_to = f" (til {date_label(day.date().isoformat())})"
    described = computed.assign(
        period=[
            period_label(s, e) + (cut_to if c else "")
            for s, e, c in zip(computed["period_start"], computed["full_end"], computed["cut"])
        ],
        series=[BORGERCENTRE[c].label for c in computed["borgercenter"]],
        value_text=[danish.pct(v, 1) for v in computed["low"]],
        kind="derived",
        source_id=source,
        quote=None,
        formula=[
            f"{CASE_FORMULA} = {danish.number(t)} / ({danish.number(t + la)} + {danish.number(o)}) × 100"
            for t, la, o in zip(computed["on_time"], computed["late"], computed["open_late"])
        ],
    )
    return Cases(source, described, case_calc.totals(extract, day), day, period)


def how_to_supply() -> HTML:
    """The one sentence shown when no extract is supplied (the columns come from the schema)."""
    columns = ", ".join(cases_schema().columns)
    return HTML(
        f"<p>Bogen kan også beregne overholdelsen selv af et sagsudtræk med én række pr. sag: læg "
        f"en fil <code>cases.csv</code> (eller .xlsx) med kolonnerne <code>{columns}</code> i en "
        f'datamappe (se <a href="dataordbog.html#data-cases">dataordbogen</a>; en skabelon skrives med '
        f"<code>python -m analysis init-data MAPPE --only cases</code>), og byg bogen med "
        f"<code>python -m analysis build --data MAPPE</code>.</p>"
    )


def cases_summary(result: Result) -> HTML:
    """What the computation used: the file, the measurement date, the period and the counts."""
    cases = result.cases
    n = {key: danish.number(value) for key, value in cases.totals.items()}
    count = lambda key, one="sag", many="sager": danish.count(cases.totals[key], one, many)
    return HTML(
        f"<p>Beregnet af sagsudtrækket <code>{html.escape(cases.source)}</code> med {count('cases')}, "
        f"opgjort pr. {date_label(cases.measured.date().isoformat())} og pr. {PERIOD_NAME[cases.period]}. "
        f"Med i opgørelsen: {count('on_time')} afgjort inden for fristen, {n['late']} afgjort efter fristen "
        f"og {count('open_late', 'åben sag', 'åbne sager')} over fristen, som tæller som for sent. Ikke med: "
        f"{count('open_within', 'åben sag', 'åbne sager')}, der stadig er inden for fristen, og "
        f"{count('received_later')} modtaget efter opgørelsesdatoen. Tallene er beregnet af egne data, "
        f"ikke oplyst i en kilde, og vises med åben markør.</p>"
    )


def cases_figure(result: Result) -> go.Figure:
    """Computed compliance per borgercenter, drawn at the middle of each period, with each
    borgercenter's target. A period without measured cases leaves a gap in the line."""
    computed, targets = result.cases.computed, result.targets
    start, end = pd.to_datetime(computed["period_start"]), pd.to_datetime(computed["period_end"])
    shown = computed.assign(midpoint=start + (end - start) / 2)
    every = pd.Index(sorted(set(shown["period_start"])))
    fig = go.Figure()
    for key, rows in shown.groupby("borgercenter", sort=False):
        fig.add_trace(_computed_trace(rows.set_index("period_start").reindex(every), key, every))
    for _, row in targets[targets["borgercenter"].isin(set(computed["borgercenter"]))].iterrows():
        fig.add_hline(
            y=row["target"],
            line=dict(dash="dash"),
            annotation=dict(
                text=charts.text(
                    f"Mål for {BORGERCENTRE[row['borgercenter']].label}: mindst {danish.pct(row['target'])}"
                ),
                xanchor="right",
            ),
            annotation_position="top right",
        )
    fig.update_yaxes(range=[0, 105], ticksuffix=" pct.")
    fig.update_layout(height=480)
    alt = " ".join(
        f"{BORGERCENTRE[c].label}: "
        + danish.listing([f"{v} ({p})" for v, p in zip(r["value_text"], r["period"])])
        + "."
        for c, r in computed.groupby("borgercenter", sort=False)
    )
    return charts.style(
        fig,
        title="Andel af sager afgjort inden for fristen, beregnet af sagsudtrækket",
        subtitle=f"Pct. pr. {PERIOD_NAME[result.cases.period]} og borgercenter; åbne sager over fristen "
        "tæller som for sent",
        source=f"egne data, {result.cases.source}. Åben markør: beregnet.",
        alt=f"Linjediagram over den beregnede andel af sager afgjort inden for fristen. {alt}",
    )


def _computed_trace(rows: pd.DataFrame, key: str, every: pd.Index) -> go.Scatter:
    """One borgercenter's computed shares; missing periods (reindexed to every period) are gaps."""
    centre = BORGERCENTRE[key]
    return go.Scatter(
        x=rows["midpoint"].fillna(pd.Series(pd.to_datetime(every), index=every)),
        y=rows["low"],
        name=f"{centre.label} (beregnet)",
        mode="lines+markers",
        line=dict(color=centre.colour, width=2),
        marker=dict(size=10, symbol=charts.KIND_SYMBOL["derived"], color=centre.colour, line=dict(width=2)),
        customdata=[
            [p, v, danish.number(m)]
            for p, v, m in zip(
                rows["period"].fillna(""), rows["value_text"].fillna(""), rows["measured"].fillna(0)
            )
        ],
        hovertemplate=f"{centre.label}, %{{customdata[0]}}: %{{customdata[1]}} af %{{customdata[2]}} "
        "målte sager<extra></extra>",
    )


# --- The values behind the figures ---------------------------------------------------------------


def values(result: Result) -> pd.DataFrame:
    """Every figure's values in long form with their provenance (`figure` names the figure):
    the tables and the CSV downloads."""
    shown = result.shown
    parts = [
        shown.assign(series=[BORGERCENTRE[c].label for c in shown["borgercenter"]], unit="pct."),
        result.targets.assign(
            series=[f"Mål, {BORGERCENTRE[c].label}" for c in result.targets["borgercenter"]],
            period="",
            low=result.targets["target"],
            high=result.targets["target"],
            unit="pct. (mindst)",
            value_text=[danish.pct(t) for t in result.targets["target"]],
        ),
        _funding_values(result.funding),
    ]
    frister = pd.concat(parts, ignore_index=True).assign(figure="frister")
    complaints = result.complaints.assign(
        figure="klager",
        series="Formalitetsklager",
        period=result.complaints["year"].astype(str),
        value_text=[danish.auto(c) for c in result.complaints["count"]],
    )
    frames = [frister[["figure", *COLUMNS["frister"]]], complaints[["figure", *COLUMNS["klager"]]]]
    if result.cases is not None:
        computed = result.cases.computed.assign(figure="sagsudtraek", pct=result.cases.computed["low"])
        frames.append(computed[["figure", *COLUMNS["sagsudtraek"], "series", "value_text", "quote"]])
    return pd.concat(frames, ignore_index=True)


def _funding_values(funding: pd.DataFrame) -> pd.DataFrame:
    records = funding.to_dict("records")
    return funding.assign(
        series=[
            f"Midler, {BORGERCENTRE[r['borgercenter']].label} ({STATUS_LABEL[r['status']]}): {r['decision']}"
            for r in records
        ],
        period=[funding_span(r) for r in records],
        low=funding["per_year_1000_kr"],
        high=funding["per_year_1000_kr"],
        unit="1.000 kr. pr. år",
        value_text=[funding_amount(r) for r in records],
    )


CAPTIONS = {
    "frister": "Sagsfrister, mål og midler med kilder",
    "klager": "Formalitetsklager med kilder",
    "sagsudtraek": "Overholdelse beregnet af sagsudtrækket",
}
DOWNLOADS = {
    "frister": ("sagsfrister.csv", "Hent figurens tal som CSV"),
    "klager": ("formalitetsklager.csv", "Hent klagetallene som CSV"),
    "sagsudtraek": ("sagsfrister_beregnet.csv", "Hent de beregnede tal som CSV"),
}


def table(result: Result, figure: str = "frister") -> HTML:
    """A figure's values with their source and verbatim quote (or formula)."""
    rows = tables.of_figure(values(result), figure)
    if figure == "sagsudtraek":  # the counts behind each share stand in its formula; the CSV has all
        headers = {"series": "Borgercenter", "period": "Periode", "value_text": "Inden for fristen"}
        headers["open_within"] = "Åbne inden for fristen (ikke med)"
        return tables.with_sources(
            rows,
            caption=CAPTIONS[figure],
            columns=headers,
            formats={headers["open_within"]: danish.number},
            numeric=(headers["value_text"], headers["open_within"]),
        )
    return tables.with_sources(
        rows.dropna(subset=["quote"]),
        caption=CAPTIONS[figure],
        columns={"series": "Serie", "period": "Periode", "value_text": "Værdi"},
        numeric=("Værdi",),
    )


def download(result: Result, figure: str = "frister") -> HTML:
    filename, label = DOWNLOADS[figure]
    return tables.csv_download(tables.of_figure(values(result), figure, COLUMNS[figure]), filename, label)
