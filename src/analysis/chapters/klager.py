"""Klager over sagsbehandlingen: complaints per year, the period average and the ceiling target."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
from IPython.display import HTML

from analysis.calc import complaints as calc
from analysis.data import DataFolder
from analysis.data.registry import short_titles
from analysis.facts import Fact, derived, from_row, of_row, of_rows, setting
from analysis.present import charts, danish, tables
from analysis.present.prose import listing, say
from analysis.vocabulary import PROVENANCE, direction, year_runs, year_span

DATASETS = ("complaints", "complaint_benchmarks", "assumptions")
TYPE_LABEL = {"formality": "Formalitetsklager", "reality": "Realitetsklager"}
TYPE_COLOUR = dict(zip(TYPE_LABEL, charts.TWO_SERIES, strict=True))
COLUMNS = ["measure", "year", "value", *PROVENANCE]  # the figure's values, as its table and CSV show them
MEASURE_LABEL = {"average": "Gennemsnit, formalitetsklager", "ceiling": "Mål (højst), formalitetsklager"}


@dataclass(frozen=True, eq=False)
class Target:
    """The ceiling target for formality complaints, and the count of its year (None if missing)."""

    row: pd.Series
    actual: pd.Series  # the complaints row of the target's year (count may be missing)
    attainment: calc.Attainment | None


@dataclass(frozen=True, eq=False)
class Result:
    first_year: int
    last_year: int
    series: (
        pd.DataFrame
    )  # every year of both types: year, complaint_type, count (empty if missing), provenance
    benchmarks: pd.DataFrame  # the averages and targets of the yearly counts
    outcome_targets: pd.DataFrame  # the targets for Ankestyrelsen's decisions
    average: pd.Series | None  # the stated average of formality complaints
    recomputed_average: float | None  # the same average from the yearly counts, where all years are known
    target: Target | None
    registry: pd.DataFrame

    def of_type(self, complaint_type: str) -> pd.DataFrame:
        return self.series[self.series["complaint_type"] == complaint_type].reset_index(drop=True)


def compute(data: DataFolder, first_year: int, last_year: int) -> Result:
    counts, benchmarks = data.load("complaints"), data.load("complaint_benchmarks")
    series = pd.concat(
        [calc.yearly(counts, t, first_year, last_year).assign(complaint_type=t) for t in TYPE_LABEL],
        ignore_index=True,
    )
    average = calc.benchmark(benchmarks, "formality", "average")
    recomputed = None
    if average is not None:
        first, last = int(average["first_year"]), int(average["last_year"])
        recomputed = calc.period_average(calc.yearly(counts, "formality", first, last), first, last)
    ceiling = calc.benchmark(benchmarks, "formality", "ceiling")
    target = None
    if ceiling is not None:
        year = int(ceiling["last_year"])
        actual = calc.yearly(counts, "formality", year, year).iloc[0]
        result = None if pd.isna(actual["count"]) else calc.attainment(actual["count"], ceiling["value"])
        target = Target(ceiling, actual, result)
    return Result(
        first_year,
        last_year,
        series,
        calc.yearly_benchmarks(benchmarks),
        calc.outcome_targets(benchmarks),
        average,
        recomputed,
        target,
        data.sources(),
    )


# --- Facts for the prose -------------------------------------------------------------------------


def facts(result: Result) -> dict[str, Fact]:
    found = _facts(result)
    return found | {"headline": _headline(found)}


def _facts(result: Result) -> dict[str, Fact]:
    formality, reality = result.of_type("formality"), result.of_type("reality")
    missing = calc.missing_years(formality)
    return {
        "period": Fact((result.first_year, result.last_year), "year_span"),
        "last_year": setting(result.last_year, "year"),
        "formality_last": from_row(formality.iloc[-1], "count", "number"),
        "reality_last": from_row(reality.iloc[-1], "count", "number"),
        "formality_change": _change(formality),
        "reality_change": _change(reality),
        "years_missing_count": Fact(
            len(missing), "number", derived("optalt: år uden tal", of_rows(formality))
        ),
        "years_count": setting(result.last_year - result.first_year + 1, "number"),
        **_average_facts(result),
        **_target_facts(result),
        **_outcome_facts(result),
    }


def _headline(found: dict[str, Fact]) -> Fact:
    """The chapter's finding on the front page, made of its facts."""
    return say(
        "I {last_year} modtog Socialforvaltningen {formality_last} formalitetsklager og "
        "{reality_last} realitetsklager. Målet var højst {target} formalitetsklager i "
        "{target_year}. {target_verdict}",
        **{
            key: found[key]
            for key in (
                "last_year",
                "formality_last",
                "reality_last",
                "target",
                "target_year",
                "target_verdict",
            )
        },
    )


def _change(series: pd.DataFrame) -> Fact:
    """The change from the first to the last year with a count, with the base year stated."""
    change = calc.first_to_last(series)
    if change is None:
        return say("kan ikke beregnes (færre end to år med tal)", of_rows(series))
    base, last = change.base, change.last
    formula = (
        f"({danish.auto(last['count'])} − {danish.auto(base['count'])}) ÷ {danish.auto(base['count'])} × 100"
    )
    amount = Fact(abs(change.percent), "pct", derived(formula, of_row(base), of_row(last)), decimals=1)
    return say(
        "{verb} med {amount} fra {base} til {year} (beregnet med {base} som basisår)",
        verb=direction(change.percent),
        amount=amount,
        base=str(int(base["year"])),
        year=str(int(last["year"])),
    )


def _average_facts(result: Result) -> dict[str, Fact]:
    if result.average is None:
        return {}
    row = result.average
    stated = of_row(row)
    period = Fact((int(row["first_year"]), int(row["last_year"])), "year_span", stated)
    if result.recomputed_average is None:
        check = say(
            "Gennemsnittet kan ikke genberegnes her, fordi tallene for nogle af årene i perioden ikke er "
            "offentliggjort.",
            of_rows(result.of_type("formality")),
        )
    else:
        years = result.series[result.series["year"].between(row["first_year"], row["last_year"])]
        value = Fact(
            result.recomputed_average, "number", derived("gennemsnit af de årlige tal", of_rows(years)), 1
        )
        check = say("Genberegnet af de årlige tal giver gennemsnittet {value}.", value=value)
    return {
        "average_stated": Fact(row["value"], "number", stated),
        "average_period": period,
        "average_check": check,
    }


def _target_facts(result: Result) -> dict[str, Fact]:
    if result.target is None:
        return {}
    target = result.target
    year = int(target.row["last_year"])
    facts = {
        "target": Fact(target.row["value"], "number", of_row(target.row)),
        "target_year": Fact(year, "year", of_row(target.row)),
        "target_actual": from_row(target.actual, "count", "number"),
    }
    based_on = of_row(target.row) | of_row(target.actual)
    met = target.attainment
    if met is None:
        verdict = say(
            "Tallet for {year} findes ikke i data, så målopfyldelsen kan ikke vurderes.",
            based_on,
            year=str(year),
        )
    elif met.met:
        under = Fact(-met.excess, "number", derived("mål − antal", based_on))
        verdict = say("Målet blev nået: {n} klager under målet.", n=under)
    else:
        over = Fact(met.excess, "number", derived("antal − mål", based_on))
        share = Fact(met.excess_pct, "pct", derived("(antal − mål) ÷ mål × 100", based_on))
        verdict = say("Målet blev ikke nået: {n} klager over målet ({share} over).", n=over, share=share)
    return {**facts, "target_verdict": verdict}


def _outcome_facts(result: Result) -> dict[str, Fact]:
    targets = result.outcome_targets
    parts = [
        say("højst {value} for {what}", value=Fact(r["value"], "pct", of_row(r)), what=r["description"])
        for r in targets.to_dict("records")
    ]
    return {
        "outcome_targets": listing(parts, of_rows(targets), empty="ingen"),
        "outcome_targets_count": Fact(len(targets), "number", derived("optalt", of_rows(targets))),
    }


# --- The figure ----------------------------------------------------------------------------------


def figure(result: Result) -> go.Figure:
    """Complaints per year, gaps where years are missing, with the average and target as lines."""
    fig = go.Figure()
    first, last = result.first_year, result.last_year
    for complaint_type, label in TYPE_LABEL.items():
        _series_trace(fig, result.of_type(complaint_type), label, TYPE_COLOUR[complaint_type])
    for _, ref in result.benchmarks.iterrows():
        _reference_line(fig, ref, first, last)
    # Shade only years no series has; a year one series lacks shows as a gap in its line.
    has_value = result.series.groupby("year")["count"].apply(lambda c: c.notna().any())
    for start, end in year_runs(has_value.index[~has_value]):
        fig.add_vrect(
            x0=start - 0.4,
            x1=end + 0.4,
            fillcolor=charts.MUTED_GREY,
            opacity=0.25,
            line_width=0,
            annotation_text="ingen tal",
            annotation_position="bottom",
        )
    charts.kind_legend(fig, result.series["kind"].dropna())
    fig.update_xaxes(tickvals=list(range(first, last + 1)), tickformat="d", range=[first - 0.6, last + 0.6])
    fig.update_yaxes(title_text="Antal klager", tickformat=",d")
    used = [*result.series["source_id"].dropna(), *result.benchmarks["source_id"]]
    period = year_span(first, last)
    return charts.style(
        fig,
        title=_title(result),
        subtitle="Modtagne formalitets- og realitetsklager pr. år, Socialforvaltningen, "
        f"Københavns Kommune, {period}",
        source="; ".join(short_titles(result.registry, used)) + ". Åbne markører: beregnet, ikke oplyst.",
        alt=_alt_text(result),
    )


def _series_trace(fig: go.Figure, series: pd.DataFrame, label: str, colour: str) -> None:
    kinds = series["kind"].fillna("stated")
    fig.add_trace(
        go.Scatter(
            x=series["year"],
            y=series["count"],
            name=label,
            mode="lines+markers",
            connectgaps=False,
            line=dict(color=colour, width=3),
            marker=dict(size=11, color=colour, symbol=[charts.KIND_SYMBOL.get(k, "circle") for k in kinds]),
            customdata=[
                [n, charts.KIND_LABEL.get(k, "")]
                for n, k in zip(charts.danish(series["count"]), series["kind"].fillna(""), strict=True)
            ],
            hovertemplate=f"{label} %{{x}}: %{{customdata[0]}} (%{{customdata[1]}})<extra></extra>",
        )
    )


def _title(result: Result) -> str:
    target = result.target
    if target is None or target.attainment is None:
        return f"Klager pr. år {year_span(result.first_year, result.last_year)}"
    side = "inden for" if target.attainment.met else "over"
    return (
        f"{danish.number(target.actual['count'])} formalitetsklager i {int(target.row['last_year'])}: "
        f"{side} målet på {danish.number(target.row['value'])}"
    )


def _reference_line(fig: go.Figure, ref: pd.Series, first_year: int, last_year: int) -> None:
    average = ref["measure"] == "average"
    x0 = max(first_year, int(ref["first_year"])) if average else first_year
    x1 = min(last_year, int(ref["last_year"])) if average else last_year
    period = year_span(int(ref["first_year"]), int(ref["last_year"]))
    value = danish.number(ref["value"])
    label = f"Gennemsnit {period}: {value}" if average else f"Mål for {period}: højst {value}"
    fig.add_shape(
        type="line",
        x0=x0 - 0.4,
        x1=x1 + 0.4,
        y0=ref["value"],
        y1=ref["value"],
        line=dict(dash="dot" if average else "dash"),
    )
    fig.add_annotation(
        x=x0 - 0.4,
        y=ref["value"],
        text=label,
        xanchor="left",
        yanchor="bottom" if average else "top",
    )


def _alt_text(result: Result) -> str:
    period = year_span(result.first_year, result.last_year)
    parts = [f"Linjediagram over modtagne klager pr. år {period}."]
    for complaint_type, label in TYPE_LABEL.items():
        present = result.of_type(complaint_type).dropna(subset=["count"])
        values = [
            f"{danish.number(n)} i {y}" + (" (beregnet)" if k == "derived" else "")
            for y, n, k in zip(present["year"], present["count"], present["kind"], strict=True)
        ]
        parts.append(f"{label}: {danish.listing(values) or 'ingen tal'}.")
    missing = len(calc.missing_years(result.of_type("formality")))
    parts.append(
        f"Der er ingen tal for {danish.number(missing)} af {result.last_year - result.first_year + 1} år."
    )
    if result.average is not None:
        row = result.average
        parts.append(
            f"Stiplet linje: gennemsnit {year_span(int(row['first_year']), int(row['last_year']))} på "
            f"{danish.number(row['value'])} formalitetsklager."
        )
    if result.target is not None:
        row = result.target.row
        year, value = int(row["last_year"]), danish.number(row["value"])
        parts.append(f"Stiplet linje: mål for {year} på højst {value} formalitetsklager.")
    return " ".join(parts)


# --- The values behind the figure ----------------------------------------------------------------


def values(result: Result) -> pd.DataFrame:
    """The figure's values in long form with their provenance: the table and the CSV download."""
    series = result.series.assign(
        measure=result.series["complaint_type"].map(TYPE_LABEL), year=result.series["year"].astype(str)
    )
    references = result.benchmarks.assign(
        measure=result.benchmarks["measure"].map(MEASURE_LABEL),
        year=[
            year_span(int(f), int(last))
            for f, last in zip(result.benchmarks["first_year"], result.benchmarks["last_year"], strict=True)
        ],
        count=result.benchmarks["value"],
    )
    rows = pd.concat([series, references])[["measure", "year", "count", *PROVENANCE]]
    return (
        rows.rename(columns={"count": "value"})
        .assign(figure="klager")[["figure", *COLUMNS]]
        .reset_index(drop=True)
    )


def table(result: Result) -> HTML:
    """The figure's values as a table a reader can trace to the sources (years without a value
    are left to the figure's gaps and the CSV)."""
    return tables.with_sources(
        tables.of_figure(values(result), "klager").dropna(subset=["value"]),
        caption=f"Klager pr. år {year_span(result.first_year, result.last_year)} med kilder",
        columns={"measure": "Serie", "year": "År", "value": "Antal"},
        formats={"Antal": danish.auto},
        numeric=("Antal",),
    )


def download(result: Result) -> HTML:
    return tables.csv_download(tables.of_figure(values(result), "klager", COLUMNS), "klager.csv")


def outcome_targets_table(result: Result) -> HTML:
    """The targets for Ankestyrelsen's decisions, which the sources give no results for."""
    targets = result.outcome_targets.assign(result=danish.MISSING, status="ikke målt")
    return tables.with_sources(
        targets,
        caption="Mål for udfaldet af realitetsklager i Ankestyrelsen",
        columns={"description": "Mål", "value": "Højst", "result": "Resultat", "status": "Status"},
        formats={"Højst": danish.pct},
        numeric=("Højst",),
    )
