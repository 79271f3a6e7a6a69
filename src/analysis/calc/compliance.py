"""Case-processing deadlines (sagsfrister): the share of cases decided within the deadline per
borgercenter, measured at different times, against the target and the periods with extra funding.

Measurements cover different spans (a half-year, a quarter, a single day) and some are ranges
("80-90 pct."): they are drawn as what they are, never joined into a line or reduced to a midpoint.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from analysis.calc import complaints as complaint_calc
from analysis.present import charts, tables
from analysis.present import danish as fmt

LABEL = {
    "handicap": "Borgercenter Handicap",
    "voksne": "Borgercenter Voksne",
    "boern-og-unge": "Borgercenter Børn og Unge",
}
SHORT = {"handicap": "Handicap", "voksne": "Voksne", "boern-og-unge": "Børn og Unge"}
COLOUR = {"handicap": charts.PALETTE[0], "voksne": charts.PALETTE[3], "boern-og-unge": charts.PALETTE[1]}
STATUS_LABEL = {"granted": "bevilget", "proposed": "foreslået, ikke vedtaget"}
PROVENANCE = ["kind", "source_id", "quote", "formula"]


def measurements(compliance: pd.DataFrame, shown_from=None, shown_to=None) -> pd.DataFrame:
    """The measurements in time order with parsed dates, the point to draw them at (the middle of
    the span they cover), a Danish period name and whether the value is a range."""
    frame = compliance.assign(
        start=pd.to_datetime(compliance["period_start"]), end=pd.to_datetime(compliance["period_end"])
    )
    if shown_from is not None:
        frame = frame[frame["end"] >= pd.Timestamp(shown_from)]
    if shown_to is not None:
        frame = frame[frame["start"] <= pd.Timestamp(shown_to)]
    frame = frame.sort_values(["borgercenter", "end", "start"]).reset_index(drop=True)
    return frame.assign(
        midpoint=frame["start"] + (frame["end"] - frame["start"]) / 2,
        period=[fmt.period(s.date(), e.date()) for s, e in zip(frame["start"], frame["end"])],
        is_range=frame["high"] > frame["low"],
        value_text=[value_text(lo, hi) for lo, hi in zip(frame["low"], frame["high"])],
    )


def value_text(low: float, high: float) -> str:
    """81 -> "81 pct."; a range 80-90 -> "80-90 pct."."""
    return fmt.pct(low) if low == high else fmt.pct_range(low, high)


def change(first: pd.Series, last: pd.Series) -> float | None:
    """Change in percentage points between two measurements, or None when either is a range:
    a range has no single value to subtract."""
    if first["is_range"] or last["is_range"]:
        return None
    return float(last["low"] - first["low"])


def versus(low: float, high: float, reference: float, amount: bool = True) -> str:
    """Where a value or a range lies against a reference value, in words (no target name):
    "1 procentpoint over" (or just "over" without the amount)."""
    if low == high:
        difference = low - reference
        if difference == 0:
            return "præcis på"
        side = "over" if difference > 0 else "under"
        return f"{fmt.pct_points(abs(difference))} {side}" if amount else side
    if low >= reference:
        return "med hele intervallet på eller over"
    if high < reference:
        return "med hele intervallet under"
    return "med intervallet på begge sider af"


def funding_span(row: pd.Series) -> str:
    """ "2019–2021" for temporary funding, "varigt fra 2022" for permanent funding."""
    if row["duration"] == "permanent":
        return f"varigt fra {int(row['first_year'])}"
    return fmt.year_span(int(row["first_year"]), int(row["last_year"]))


def funding_amount(row: pd.Series) -> str:
    """The yearly amount in millions ("15 mio. kr. om året"), or that the source gives none."""
    amount = row["per_year_1000_kr"]
    if fmt.is_missing(amount):
        return "beløb ikke oplyst"
    return f"{fmt.thousand_kr_as_mio(amount, 0 if amount % 1000 == 0 else 1)} om året"


def funding_dates(funding: pd.DataFrame, shown_to) -> pd.DataFrame:
    """Funding periods as dates: 1 January of the first year to 31 December of the last year;
    permanent funding runs to the end of what is shown."""
    end = [
        pd.Timestamp(int(last), 12, 31) if not fmt.is_missing(last) else pd.Timestamp(shown_to)
        for last in funding["last_year"]
    ]
    return funding.assign(start=[pd.Timestamp(int(y), 1, 1) for y in funding["first_year"]], end=end)


# --- Facts for the prose ------------------------------------------------------------------------


def chapter_facts(
    compliance: pd.DataFrame,
    targets: pd.DataFrame,
    funding: pd.DataFrame,
    complaints: pd.DataFrame,
    base_year: int,
    year: int,
) -> dict[str, str]:
    """Every number the chapter's prose shows, written the Danish way (for glue)."""
    facts = {}
    shown = measurements(compliance)
    target_of = targets.set_index("borgercenter")["target"]
    for centre in LABEL:
        rows = shown[shown["borgercenter"] == centre]
        key = centre.replace("-", "_")
        first, last = (rows.iloc[0], rows.iloc[-1]) if len(rows) else (None, None)
        facts[f"{key}_count"] = fmt.number(len(rows))
        for name, row in (("first", first), ("last", last)):
            facts[f"{key}_{name}"] = row["value_text"] if row is not None else fmt.MISSING
            facts[f"{key}_{name}_period"] = row["period"] if row is not None else fmt.MISSING
        facts[f"{key}_change"] = _change_text(first, last)
        facts[f"{key}_target"] = fmt.pct(target_of.get(centre))
        facts[f"{key}_vs_target"] = _target_text(last, centre, target_of)
    for _, row in funding.iterrows():
        key = row["funding_id"].replace("-", "_")
        facts[f"{key}_span"] = funding_span(row)
        facts[f"{key}_amount"] = funding_amount(row)
        facts[f"{key}_decision"] = row["decision"]
    facts.update(complaint_facts(complaints, base_year, year))
    return facts


def _change_text(first: pd.Series | None, last: pd.Series | None) -> str:
    """The change between the first and the last measurement, as a sentence."""
    if first is None or first.equals(last):
        return "En ændring kan ikke beregnes: der er færre end to målinger."
    points = change(first, last)
    if points is None:
        if first["is_range"] and last["is_range"]:
            return (
                f"En ændring kan ikke beregnes som ét tal, fordi begge tal er intervaller "
                f"({first['value_text']} og {last['value_text']})."
            )
        ranged, single = (first, last) if first["is_range"] else (last, first)
        where = (
            "under"
            if single["low"] < ranged["low"]
            else "over"
            if single["low"] > ranged["high"]
            else "inden for"
        )
        return (
            f"En ændring fra {first['period']} til {last['period']} kan ikke beregnes som ét tal, fordi "
            f"tallet for {ranged['period']} er et interval ({ranged['value_text']}); "
            f"{single['value_text']} i {single['period']} ligger {where} intervallet."
        )
    direction = "steg" if points > 0 else "faldt" if points < 0 else "var"
    amount = f"med {fmt.pct_points(abs(points))}" if points else "uændret"
    return f"Fra {first['period']} til {last['period']} {direction} andelen {amount}."


def _target_text(last: pd.Series | None, centre: str, target_of: pd.Series) -> str:
    """The latest measurement against the centre's own target, or, if it has none, against the
    target the source gives for another centre (and saying so)."""
    if last is None or target_of.empty:
        return "kan ikke holdes op mod et mål"
    if centre in target_of.index:
        target = target_of[centre]
        return f"{versus(last['low'], last['high'], target)} målet ({fmt.pct(target)})"
    other, target = target_of.index[0], target_of.iloc[0]
    return (
        f"{versus(last['low'], last['high'], target)} {LABEL[other]}s mål ({fmt.pct(target)}); "
        f"kilden nævner intet mål for {LABEL[centre]}"
    )


def complaint_facts(complaints: pd.DataFrame, base_year: int, year: int) -> dict[str, str]:
    """Formality complaints in two years, saying which value is stated and which computed."""
    series = complaint_calc.yearly(complaints, "formality", base_year, year).set_index("year")
    facts = {"complaints_base_year": str(base_year), "complaints_year": str(year)}
    for key, y in (("complaints_base", base_year), ("complaints_value", year)):
        row = series.loc[y]
        facts[key] = _count_text(row["count"])
        facts[f"{key}_basis"] = _basis_text(row)
    try:
        difference = complaint_calc.percent_change(series.reset_index(), base_year, year)
        direction = "steg" if difference > 0 else "faldt" if difference < 0 else "var uændret"
        facts["complaints_change"] = f"{direction} med {fmt.pct(abs(difference))}"
    except ValueError:
        facts["complaints_change"] = "kan ikke beregnes (et af årene mangler)"
    return facts


def _count_text(count) -> str:
    return fmt.number(count, 0 if fmt.is_missing(count) or float(count).is_integer() else 1)


def _short_basis(row: pd.Series) -> str:
    """Label beside a point: "oplyst" or "beregnet: 580 × (1 − 0,07)"."""
    if fmt.is_missing(row["count"]):
        return fmt.MISSING
    return f"beregnet: {row['formula']}" if row["kind"] == "derived" else "oplyst"


def _basis_text(row: pd.Series) -> str:
    if fmt.is_missing(row["count"]):
        return "ikke oplyst"
    if row["kind"] == "derived":
        return f"beregnet som {row['formula']}, ikke oplyst i kilden"
    return charts.KIND_LABEL.get(row["kind"], row["kind"])


# --- The figures -------------------------------------------------------------------------------


def figure(
    compliance: pd.DataFrame,
    targets: pd.DataFrame,
    funding: pd.DataFrame,
    registry: pd.DataFrame,
    shown_from: str,
    shown_to: str,
) -> go.Figure:
    """Share of cases within the deadline per borgercenter (top) above the funding each centre had
    or is proposed to get (bottom), on one time axis."""
    shown = measurements(compliance, shown_from, shown_to)
    money = funding_dates(funding, shown_to)
    money = money[(money["start"] <= pd.Timestamp(shown_to)) & (money["end"] >= pd.Timestamp(shown_from))]
    fig = make_subplots(
        rows=2,
        cols=1,
        shared_xaxes=True,
        row_heights=[0.72, 0.28],
        vertical_spacing=0.1,
        subplot_titles=("Andel af sager afgjort inden for fristen", "Midler til flere sagsbehandlere"),
    )
    for _, row in money[money["status"] == "granted"].iterrows():
        # Shade the granted period behind the measurements, so "with funding" can be read off.
        fig.add_vrect(
            x0=row["start"],
            x1=min(row["end"], pd.Timestamp(shown_to)),
            row=1,
            col=1,
            fillcolor=COLOUR[row["borgercenter"]],
            opacity=0.08,
            line_width=0,
            annotation_text=charts.text(f"{SHORT[row['borgercenter']]}: midler fra {row['decision']}"),
            annotation_position="bottom left",
            annotation_font=dict(size=12, color=charts.REFERENCE_GREY),
            exclude_empty_subplots=False,
        )
    _target_lines(fig, targets, shown_from, shown_to)
    for centre in [c for c in LABEL if c in set(shown["borgercenter"])]:
        _measurement_traces(fig, shown[shown["borgercenter"] == centre], centre)
    _funding_lanes(fig, money, shown_from, shown_to)
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
        type="date", range=[shown_from, shown_to], dtick="M12", tickformat="%Y", ticklabelmode="period"
    )
    fig.update_yaxes(title_text="Pct. af sagerne", range=[0, 100], ticksuffix="", row=1, col=1)
    fig.update_yaxes(type="category", showgrid=False, zeroline=False, row=2, col=1)
    fig.update_layout(height=700, margin=dict(b=215), legend=dict(y=-0.07), barmode="overlay")
    for annotation in fig.layout.annotations:  # the subplot titles: left-aligned like the chart title
        if annotation.text in ("Andel af sager afgjort inden for fristen", "Midler til flere sagsbehandlere"):
            annotation.update(x=0, xanchor="left", font=dict(size=13, color=charts.REFERENCE_GREY))
    used = sorted(set(shown["source_id"]) | set(targets["source_id"]) | set(money["source_id"]))
    span = fmt.year_span(shown["start"].min().year, shown["end"].max().year) if len(shown) else ""
    return charts.style(
        fig,
        title=_title(shown, targets),
        subtitle=f"Pct. af sager afgjort inden for fristen, målt {span}, Københavns Kommune",
        source="; ".join(registry.set_index("source_id").loc[used, "short_title"])
        + ". Skraverede midler er kun foreslået.",
        alt=_alt_text(shown, targets, money),
    )


def _title(shown: pd.DataFrame, targets: pd.DataFrame) -> str:
    """The latest measurement per centre, and where it lies against the centre's own target."""
    parts = []
    target_of = targets.set_index("borgercenter")["target"]
    for centre in [c for c in LABEL if c in set(shown["borgercenter"])]:
        last = shown[shown["borgercenter"] == centre].iloc[-1]
        text = f"{SHORT[centre]} {last['value_text']}"
        if centre in target_of.index:
            text += f", {versus(last['low'], last['high'], target_of[centre], amount=False)} målet på {fmt.pct(target_of[centre])}"
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
            line=dict(color=charts.REFERENCE_GREY, width=2, dash="dash"),
        )
        fig.add_annotation(
            x=shown_to,
            y=row["target"],
            row=1,
            col=1,
            showarrow=False,
            xanchor="right",
            yanchor="bottom",
            font=dict(size=12, color=charts.REFERENCE_GREY),
            text=charts.text(f"Mål for {LABEL[row['borgercenter']]}: mindst {fmt.pct(row['target'])}"),
        )


def _measurement_traces(fig: go.Figure, rows: pd.DataFrame, centre: str) -> None:
    colour, label = COLOUR[centre], LABEL[centre]
    # Labels above the higher series and below the lower one keep them apart.
    above = rows["low"].mean() >= 75
    singles, ranges = rows[~rows["is_range"]], rows[rows["is_range"]]
    spans = singles[singles["end"] > singles["start"]]
    if len(spans):  # the span a measurement covers, as a thin bar: no line joins measurements
        xs, ys = [], []
        for _, row in spans.iterrows():
            xs += [row["start"], row["end"], None]
            ys += [row["low"], row["low"], None]
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                line=dict(color=colour, width=2),
                name=f"{SHORT[centre]}: måleperiode",
                legendgroup=centre,
                hoverinfo="skip",
                showlegend=False,
            ),
            row=1,
            col=1,
        )
    if len(singles):
        fig.add_trace(
            go.Scatter(
                x=singles["midpoint"],
                y=singles["low"],
                name=label,
                legendgroup=centre,
                mode="markers+text",
                marker=dict(
                    size=12,
                    color=colour,
                    symbol=[charts.KIND_SYMBOL[k] for k in singles["kind"]],
                    line=dict(color=colour, width=2),
                ),
                text=[f"{SHORT[centre]} {v}" for v in singles["value_text"]],
                textposition="top right" if above else "bottom center",
                textfont=dict(color=charts.readable(colour), size=13),
                customdata=[
                    [p, v, charts.KIND_LABEL[k]]
                    for p, v, k in zip(singles["period"], singles["value_text"], singles["kind"])
                ],
                hovertemplate=f"{label}, %{{customdata[0]}}: %{{customdata[1]}} (%{{customdata[2]}})<extra></extra>",
            ),
            row=1,
            col=1,
        )
    for _, row in ranges.iterrows():  # a range is a vertical bar with end caps, never a midpoint
        fig.add_trace(
            go.Scatter(
                x=[row["midpoint"], row["midpoint"]],
                y=[row["low"], row["high"]],
                mode="lines+markers",
                name=f"{label}: interval {row['value_text']} (ikke ét tal)",
                legendgroup=centre,
                line=dict(color=colour, width=5),
                marker=dict(symbol="line-ew-open", size=18, color=colour, line=dict(color=colour, width=3)),
                hovertemplate=f"{label}, {row['period']}: {row['value_text']} (interval, "
                f"{charts.KIND_LABEL[row['kind']]})<extra></extra>",
            ),
            row=1,
            col=1,
        )
        fig.add_annotation(
            x=row["midpoint"],
            y=(row["low"] + row["high"]) / 2,
            row=1,
            col=1,
            showarrow=False,
            xanchor="right",
            xshift=-12,
            font=dict(color=charts.readable(colour), size=13),
            text=charts.text(f"{SHORT[centre]} {row['value_text']} (interval)"),
        )


def _funding_lanes(fig: go.Figure, money: pd.DataFrame, shown_from, shown_to) -> None:
    """One lane per borgercenter: solid bars for granted funding, hatched bars for proposed funding."""
    lanes = [c for c in LABEL if c in set(money["borgercenter"])]
    for status in ("granted", "proposed"):
        rows = money[money["status"] == status]
        if rows.empty:
            continue
        proposed = status == "proposed"
        start = rows["start"].clip(lower=pd.Timestamp(shown_from))
        end = rows["end"].clip(upper=pd.Timestamp(shown_to)) + pd.Timedelta(days=1)
        texts = [
            f"{SHORT[c]}: {d}, {funding_span(r)}, {funding_amount(r)}"
            for c, d, (_, r) in zip(rows["borgercenter"], rows["decision"], rows.iterrows())
        ]
        fig.add_trace(
            go.Bar(
                y=[SHORT[c] for c in rows["borgercenter"]],
                base=start,
                x=(end - start).dt.total_seconds() * 1000,
                orientation="h",
                name=f"Midler {STATUS_LABEL[status]}"
                + (" (skraveret)" if proposed else "")
                + f": {fmt.listing(list(dict.fromkeys(rows['decision'])))}",
                marker=dict(
                    color="white" if proposed else [COLOUR[c] for c in rows["borgercenter"]],
                    line=dict(color=[COLOUR[c] for c in rows["borgercenter"]], width=2),
                    pattern=dict(shape="/", fgcolor=charts.MUTED_GREY, size=8, solidity=0.3)
                    if proposed
                    else None,
                    opacity=1 if proposed else 0.35,
                ),
                text=[
                    ("Foreslået: " if proposed else "Bevilget: ") + _short_funding(r)
                    for _, r in rows.iterrows()
                ],
                textposition="inside",
                insidetextanchor="start",
                textfont=dict(color=charts.TEXT, size=12),
                customdata=[[t, STATUS_LABEL[status]] for t in texts],
                hovertemplate="%{customdata[0]} (%{customdata[1]})<extra></extra>",
                width=0.6,
            ),
            row=2,
            col=1,
        )
    for centre in lanes:  # say so where a lane has no funding in view (absence is not drawn as zero)
        first = money.loc[money["borgercenter"] == centre, "start"].min()
        if first > pd.Timestamp(shown_from) + pd.Timedelta(days=365):
            fig.add_annotation(
                x=pd.Timestamp(shown_from) + pd.Timedelta(days=20),
                y=SHORT[centre],
                row=2,
                col=1,
                xanchor="left",
                showarrow=False,
                font=dict(size=12, color=charts.REFERENCE_GREY),
                text="ingen ekstra midler nævnt i kilden",
            )


def _short_funding(row: pd.Series) -> str:
    """Bar label: "varigt fra 2022, 15 mio. kr./år" (the decision is named in the legend and hover)."""
    return f"{funding_span(row)}, {funding_amount(row).replace(' om året', '/år')}"


def _alt_text(shown: pd.DataFrame, targets: pd.DataFrame, money: pd.DataFrame) -> str:
    parts = [
        "Punktdiagram over andelen af sager afgjort inden for fristen, med en tidslinje over midler nedenunder."
    ]
    for centre in [c for c in LABEL if c in set(shown["borgercenter"])]:
        rows = shown[shown["borgercenter"] == centre]
        values = [
            f"{v} ({p}" + (", interval)" if r else ")")
            for v, p, r in zip(rows["value_text"], rows["period"], rows["is_range"])
        ]
        parts.append(f"{LABEL[centre]}: {fmt.listing(values)}.")
    for _, row in targets.iterrows():
        parts.append(
            f"Stiplet linje: mål for {LABEL[row['borgercenter']]} på mindst {fmt.pct(row['target'])}"
        )
    for _, row in money.iterrows():
        parts.append(
            f"Midler til {LABEL[row['borgercenter']]}, {STATUS_LABEL[row['status']]}: {row['decision']}, "
            f"{funding_span(row)}, {funding_amount(row)}."
        )
    return " ".join(parts)


def complaints_figure(
    complaints: pd.DataFrame, registry: pd.DataFrame, base_year: int, year: int
) -> go.Figure:
    """Formality complaints in two years; a computed value is drawn with an open marker."""
    series = complaint_calc.yearly(complaints, "formality", base_year, year)
    series = series[series["year"].isin([base_year, year])]
    kinds = series["kind"].fillna("stated")
    basis = [_basis_text(r) for _, r in series.iterrows()]
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
            text=[
                f"{_count_text(c)} ({_short_basis(r)})"
                for c, (_, r) in zip(series["count"], series.iterrows())
            ],
            textposition="top center",
            cliponaxis=False,
            customdata=[[_count_text(c), b] for c, b in zip(series["count"], basis)],
            hovertemplate="Formalitetsklager %{x}: %{customdata[0]} (%{customdata[1]})<extra></extra>",
        )
    )
    charts.kind_legend(fig, kinds)
    fig.update_xaxes(tickvals=[base_year, year], tickformat="d", range=[base_year - 0.6, year + 0.6])
    fig.update_yaxes(
        title_text="Antal klager",
        tickformat=",d",
        rangemode="tozero",
        range=[0, max(series["count"].max() * 1.25, 1) if series["count"].notna().any() else 1],
    )
    fig.update_layout(height=440)
    facts = complaint_facts(complaints, base_year, year)
    used = sorted(set(series["source_id"].dropna()))
    return charts.style(
        fig,
        title=f"Formalitetsklager {facts['complaints_change']} fra {base_year} til {year}",
        subtitle=f"Modtagne formalitetsklager pr. år, Socialforvaltningen, Københavns Kommune, {base_year} og {year}",
        source="; ".join(registry.set_index("source_id").loc[used, "short_title"])
        + ". Åben markør: beregnet, ikke oplyst.",
        alt=(
            f"Punktdiagram med to år. {base_year}: {facts['complaints_base']} formalitetsklager "
            f"({facts['complaints_base_basis']}). {year}: {facts['complaints_value']} ({facts['complaints_value_basis']})."
        ),
    )


# --- The values behind the figures -------------------------------------------------------------


def chart_data(
    compliance: pd.DataFrame, targets: pd.DataFrame, funding: pd.DataFrame, shown_from: str, shown_to: str
) -> pd.DataFrame:
    """The main figure's values in long form with their provenance: the table and the CSV download."""
    shown = measurements(compliance, shown_from, shown_to)
    rows = [shown.assign(series=shown["borgercenter"].map(LABEL), unit="pct.")]
    rows.append(
        targets.assign(
            series=[f"Mål, {LABEL[c]}" for c in targets["borgercenter"]],
            period="",
            low=targets["target"],
            high=targets["target"],
            unit="pct. (mindst)",
            value_text=[fmt.pct(t) for t in targets["target"]],
        )
    )
    rows.append(
        funding.assign(
            series=[
                f"Midler, {LABEL[c]} ({STATUS_LABEL[s]}): {d}"
                for c, s, d in zip(funding["borgercenter"], funding["status"], funding["decision"])
            ],
            period=[funding_span(r) for _, r in funding.iterrows()],
            low=funding["per_year_1000_kr"],
            high=funding["per_year_1000_kr"],
            unit="1.000 kr. pr. år",
            value_text=[funding_amount(r) for _, r in funding.iterrows()],
        )
    )
    data = pd.concat(rows, ignore_index=True)
    return data[["series", "period", "low", "high", "unit", "value_text", *PROVENANCE]]


def complaint_data(complaints: pd.DataFrame, base_year: int, year: int) -> pd.DataFrame:
    series = complaint_calc.yearly(complaints, "formality", base_year, year)
    series = series[series["year"].isin([base_year, year])]
    return series.assign(
        series="Formalitetsklager",
        period=series["year"].astype(str),
        value_text=[_count_text(c) for c in series["count"]],
    )[["series", "period", "count", "value_text", *PROVENANCE]]


def values_table(data: pd.DataFrame, caption: str):
    """Values with their source and verbatim quote (or formula), so every number can be traced."""
    return tables.with_sources(
        data.dropna(subset=["quote"]),
        caption=caption,
        columns={"series": "Serie", "period": "Periode", "value_text": "Værdi"},
        numeric=("Værdi",),
    )
