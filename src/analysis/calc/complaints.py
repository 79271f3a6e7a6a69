"""Complaints (klager): yearly counts, averages over a period, changes and targets."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from analysis.present import charts, tables
from analysis.present import danish as fmt

TYPE_LABEL = {"formality": "Formalitetsklager", "reality": "Realitetsklager"}
TYPE_COLOUR = dict(zip(TYPE_LABEL, charts.TWO_SERIES))


def yearly(complaints: pd.DataFrame, complaint_type: str, first_year: int, last_year: int) -> pd.DataFrame:
    """One row per year from first_year to last_year; years the data lacks have no count."""
    rows = complaints[complaints["complaint_type"] == complaint_type].set_index("year")
    years = pd.Index(range(first_year, last_year + 1), name="year")
    return rows.reindex(years)[["count", "kind", "source_id", "quote", "formula"]].reset_index()


def missing_years(series: pd.DataFrame) -> list[int]:
    return series.loc[series["count"].isna(), "year"].tolist()


def period_average(series: pd.DataFrame, first_year: int, last_year: int) -> float | None:
    """Mean count per year over the period, or None if any year of it is missing:
    an average over the years we happen to have would not be the period's average."""
    period = series[series["year"].between(first_year, last_year)]
    if period.empty or period["count"].isna().any() or len(period) != last_year - first_year + 1:
        return None
    return float(period["count"].mean())


def percent_change(series: pd.DataFrame, base_year: int, year: int) -> float:
    """Change from base_year to year in per cent of the base year's count."""
    counts = series.set_index("year")["count"]
    base, value = counts.get(base_year), counts.get(year)
    if fmt.is_missing(base) or fmt.is_missing(value):
        raise ValueError(f"no count for {base_year if fmt.is_missing(base) else year}")
    return (float(value) - float(base)) / float(base) * 100


@dataclass(frozen=True)
class Attainment:
    """How a value stands against a ceiling target ("at most")."""

    value: float
    ceiling: float

    @property
    def met(self) -> bool:
        return self.value <= self.ceiling

    @property
    def excess(self) -> float:
        """How far above the ceiling (0 or negative when met)."""
        return self.value - self.ceiling

    @property
    def excess_pct(self) -> float:
        return self.excess / self.ceiling * 100


def attainment(value: float, ceiling: float) -> Attainment:
    return Attainment(float(value), float(ceiling))


def yearly_benchmarks(benchmarks: pd.DataFrame) -> pd.DataFrame:
    """Averages and targets for the yearly counts (what the chart draws as lines)."""
    return benchmarks[benchmarks["unit"] == "count"]


def outcome_targets(benchmarks: pd.DataFrame) -> pd.DataFrame:
    """Targets for the outcome of complaints at Ankestyrelsen (shares in per cent)."""
    return benchmarks[benchmarks["unit"] == "pct"]


def benchmark(benchmarks: pd.DataFrame, complaint_type: str, measure: str) -> pd.Series | None:
    """The (first) benchmark of a type and measure, e.g. the formality average, or None."""
    counts = yearly_benchmarks(benchmarks)
    rows = counts[(counts["complaint_type"] == complaint_type) & (counts["measure"] == measure)]
    return None if rows.empty else rows.iloc[0]


# --- The chapter: facts for the prose, the chart, the table ------------------------------------


def chapter_facts(
    complaints: pd.DataFrame, benchmarks: pd.DataFrame, first_year: int, last_year: int
) -> dict[str, str]:
    """Every number the chapter's prose shows, already written the Danish way (for glue)."""
    formality = yearly(complaints, "formality", first_year, last_year)
    reality = yearly(complaints, "reality", first_year, last_year)
    present = formality.dropna(subset=["count"])["year"].tolist()
    facts = {
        "period": fmt.year_span(first_year, last_year),
        "last_year": str(last_year),
        "formality_last": fmt.number(formality["count"].iloc[-1]),
        "reality_last": fmt.number(reality["count"].iloc[-1]),
        "years_with_formality": fmt.listing(present) or "ingen",
        "years_missing_count": fmt.number(len(missing_years(formality))),
        "years_count": fmt.number(last_year - first_year + 1),
    }
    facts.update(_change_facts("formality", formality))
    facts.update(_change_facts("reality", reality))
    average = benchmark(benchmarks, "formality", "average")
    if average is not None:
        recomputed = period_average(
            yearly(complaints, "formality", int(average["first_year"]), int(average["last_year"])),
            int(average["first_year"]),
            int(average["last_year"]),
        )
        facts["average_stated"] = fmt.number(average["value"])
        facts["average_period"] = fmt.year_span(int(average["first_year"]), int(average["last_year"]))
        facts["average_check"] = (
            f"Genberegnet af de årlige tal giver gennemsnittet {fmt.number(recomputed, 1)}."
            if recomputed is not None
            else "Gennemsnittet kan ikke genberegnes her, fordi tallene for nogle af årene i perioden ikke er offentliggjort."
        )
    target = benchmark(benchmarks, "formality", "ceiling")
    if target is not None:
        year = int(target["last_year"])
        actual = yearly(complaints, "formality", year, year)["count"].iloc[0]
        facts["target"] = fmt.number(target["value"])
        facts["target_year"] = str(year)
        facts["target_actual"] = fmt.number(actual)
        if fmt.is_missing(actual):
            facts["target_verdict"] = (
                f"Tallet for {year} findes ikke i data, så målopfyldelsen kan ikke vurderes."
            )
        else:
            result = attainment(actual, target["value"])
            facts["target_verdict"] = (
                f"Målet blev nået: {fmt.number(-result.excess)} klager under målet."
                if result.met
                else f"Målet blev ikke nået: {fmt.number(result.excess)} klager over målet "
                f"({fmt.pct(result.excess_pct)} over)."
            )
    targets = outcome_targets(benchmarks)
    facts["outcome_targets"] = (
        fmt.listing([f"højst {fmt.pct(v)} for {d}" for v, d in zip(targets["value"], targets["description"])])
        or "ingen"
    )
    facts["outcome_targets_count"] = fmt.number(len(targets))
    return facts


def _change_facts(complaint_type: str, series: pd.DataFrame) -> dict[str, str]:
    """Change from the first to the last year with a count, with the base year stated."""
    present = series.dropna(subset=["count"])
    if len(present) < 2:
        return {f"{complaint_type}_change": "kan ikke beregnes (færre end to år med tal)"}
    base, year = int(present["year"].iloc[0]), int(present["year"].iloc[-1])
    change = percent_change(series, base, year)
    direction = "steg" if change > 0 else "faldt" if change < 0 else "var uændret"
    return {
        f"{complaint_type}_change": f"{direction} med {fmt.pct(abs(change), 1)} fra {base} til {year} "
        f"(beregnet med {base} som basisår)"
    }


def figure(
    complaints: pd.DataFrame,
    benchmarks: pd.DataFrame,
    registry: pd.DataFrame,
    first_year: int,
    last_year: int,
) -> go.Figure:
    """Complaints per year, gaps where years are missing, with the average and target as lines."""
    fig = go.Figure()
    years = list(range(first_year, last_year + 1))
    shown = pd.concat(
        [yearly(complaints, t, first_year, last_year).assign(complaint_type=t) for t in TYPE_LABEL]
    )
    for complaint_type, label in TYPE_LABEL.items():
        series = shown[shown["complaint_type"] == complaint_type]
        fig.add_trace(
            go.Scatter(
                x=series["year"],
                y=series["count"],
                name=label,
                mode="lines+markers",
                connectgaps=False,
                line=dict(color=TYPE_COLOUR[complaint_type], width=3),
                marker=dict(
                    size=11,
                    color=TYPE_COLOUR[complaint_type],
                    symbol=[charts.KIND_SYMBOL.get(k, "circle") for k in series["kind"].fillna("stated")],
                ),
                customdata=[
                    [n, charts.KIND_LABEL.get(k, "")]
                    for n, k in zip(charts.danish(series["count"]), series["kind"].fillna(""))
                ],
                hovertemplate=f"{label} %{{x}}: %{{customdata[0]}} (%{{customdata[1]}})<extra></extra>",
            )
        )
    for _, ref in yearly_benchmarks(benchmarks).iterrows():
        _reference_line(fig, ref, first_year, last_year)
    # Shade only years no series has; a year one series lacks shows as a gap in its line.
    has_value = shown.groupby("year")["count"].apply(lambda c: c.notna().any())
    for start, end in fmt.year_runs(has_value.index[~has_value]):
        fig.add_vrect(
            x0=start - 0.4,
            x1=end + 0.4,
            fillcolor=charts.MUTED_GREY,
            opacity=0.25,
            line_width=0,
            annotation_text="ingen tal",
            annotation_position="bottom",
            annotation_font_color=charts.REFERENCE_GREY,
        )
    charts.kind_legend(fig, shown["kind"].dropna())
    fig.update_xaxes(tickvals=years, tickformat="d", range=[first_year - 0.6, last_year + 0.6])
    fig.update_yaxes(title_text="Antal klager", tickformat=",d")
    facts = chapter_facts(complaints, benchmarks, first_year, last_year)
    used = sorted(set(shown["source_id"].dropna()) | set(yearly_benchmarks(benchmarks)["source_id"]))
    names = registry.set_index("source_id").loc[used, "short_title"]
    return charts.style(
        fig,
        title=_title(facts),
        subtitle=f"Modtagne formalitets- og realitetsklager pr. år, Socialforvaltningen, Københavns Kommune, {facts['period']}",
        source="; ".join(names) + ". Åbne markører: beregnet, ikke oplyst.",
        alt=_alt_text(shown, facts),
    )


def _title(facts: dict[str, str]) -> str:
    if "target" in facts and facts["target_actual"] != fmt.MISSING:
        met = "ikke nået" not in facts["target_verdict"]
        return (
            f"{facts['target_actual']} formalitetsklager i {facts['target_year']}: "
            f"{'inden for' if met else 'over'} målet på {facts['target']}"
        )
    return f"Klager pr. år {facts['period']}"


def _reference_line(fig: go.Figure, ref: pd.Series, first_year: int, last_year: int) -> None:
    average = ref["measure"] == "average"
    x0 = max(first_year, int(ref["first_year"])) if average else first_year
    x1 = min(last_year, int(ref["last_year"])) if average else last_year
    period = fmt.year_span(int(ref["first_year"]), int(ref["last_year"]))
    label = (
        f"Gennemsnit {period}: {fmt.number(ref['value'])}"
        if average
        else f"Mål for {period}: højst {fmt.number(ref['value'])}"
    )
    fig.add_shape(
        type="line",
        x0=x0 - 0.4,
        x1=x1 + 0.4,
        y0=ref["value"],
        y1=ref["value"],
        line=dict(color=charts.REFERENCE_GREY, width=2, dash="dot" if average else "dash"),
    )
    fig.add_annotation(
        x=x0 - 0.4,
        y=ref["value"],
        text=label,
        showarrow=False,
        xanchor="left",
        yanchor="bottom" if average else "top",
        font=dict(size=12, color=charts.REFERENCE_GREY),
    )


def _alt_text(shown: pd.DataFrame, facts: dict[str, str]) -> str:
    parts = [f"Linjediagram over modtagne klager pr. år {facts['period']}."]
    for complaint_type, label in TYPE_LABEL.items():
        present = shown[(shown["complaint_type"] == complaint_type) & shown["count"].notna()]
        values = [
            f"{fmt.number(n)} i {y}" + (" (beregnet)" if k == "derived" else "")
            for y, n, k in zip(present["year"], present["count"], present["kind"])
        ]
        parts.append(f"{label}: {fmt.listing(values) or 'ingen tal'}.")
    parts.append(f"Der er ingen tal for {facts['years_missing_count']} af {facts['years_count']} år.")
    if "average_stated" in facts:
        parts.append(
            f"Stiplet linje: gennemsnit {facts['average_period']} på {facts['average_stated']} formalitetsklager."
        )
    if "target" in facts:
        parts.append(
            f"Stiplet linje: mål for {facts['target_year']} på højst {facts['target']} formalitetsklager."
        )
    return " ".join(parts)


def chart_data(
    complaints: pd.DataFrame, benchmarks: pd.DataFrame, first_year: int, last_year: int
) -> pd.DataFrame:
    """The chart's values in long form with their provenance: the table and the CSV download."""
    series = pd.concat(
        [yearly(complaints, t, first_year, last_year).assign(measure=TYPE_LABEL[t]) for t in TYPE_LABEL]
    )
    references = yearly_benchmarks(benchmarks).assign(
        measure=lambda b: b["measure"].map(
            {"average": "Gennemsnit, formalitetsklager", "ceiling": "Mål (højst), formalitetsklager"}
        ),
        year=lambda b: [fmt.year_span(int(f), int(l)) for f, l in zip(b["first_year"], b["last_year"])],
        count=lambda b: b["value"],
    )
    rows = pd.concat([series.assign(year=series["year"].astype(str)), references])
    return (
        rows[["measure", "year", "count", "kind", "source_id", "quote", "formula"]]
        .rename(columns={"count": "value"})
        .reset_index(drop=True)
    )


def values_table(data: pd.DataFrame, first_year: int, last_year: int):
    """The chart's values as a table a reader can trace to the sources (years without a value
    are left to the chart's gaps and the CSV)."""
    return tables.with_sources(
        data.dropna(subset=["value"]),
        caption=f"Klager pr. år {fmt.year_span(first_year, last_year)} med kilder",
        columns={"measure": "Serie", "year": "År", "value": "Antal"},
        formats={"Antal": lambda v: fmt.number(v, 0 if float(v).is_integer() else 1)},
        numeric=("Antal",),
    )


def outcome_targets_table(benchmarks: pd.DataFrame):
    """The targets for Ankestyrelsen's decisions, which the sources give no results for."""
    targets = outcome_targets(benchmarks).assign(result=fmt.MISSING, status="ikke målt")
    return tables.with_sources(
        targets,
        caption="Mål for udfaldet af realitetsklager i Ankestyrelsen",
        columns={"description": "Mål", "value": "Højst", "result": "Resultat", "status": "Status"},
        formats={"Højst": fmt.pct},
        numeric=("Højst",),
    )
