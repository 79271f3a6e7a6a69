"""Klager over sagsbehandlingen: complaints per year, the period average and the ceiling target."""

from __future__ import annotations

import html
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
from IPython.display import HTML

from analysis.calc import complaints as calc
from analysis.claims import needs
from analysis.data import DataError, DataFolder
from analysis.data.registry import short_titles
from analysis.facts import MISSING, Fact, derived, from_row, of_row, of_rows, setting
from analysis.present import charts, danish, tables
from analysis.present.prose import according_to, capitalised, listing, say, written
from analysis.vocabulary import PROVENANCE, direction, year_runs, year_span

DATASETS = ("complaints", "complaint_benchmarks", "complaint_proposals", "assumptions")
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
    proposals: pd.DataFrame  # the numbers in the proposals of the discussion of complaints
    registry: pd.DataFrame

    def of_type(self, complaint_type: str) -> pd.DataFrame:
        return self.series[self.series["complaint_type"] == complaint_type].reset_index(drop=True)


def compute(data: DataFolder, first_year: int = 0, last_year: int = 0) -> Result:
    """The yearly counts from first_year to last_year; 0 for either takes it from the data."""
    counts, benchmarks = data.load("complaints"), data.load("complaint_benchmarks")
    first_year, last_year = calc.data_span(counts, benchmarks, first_year, last_year)
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
        data.load("complaint_proposals"),
        data.sources(),
    )


def problems(data: DataFolder, first_year: int = 0, last_year: int = 0) -> list[DataError | str]:
    """What `compute` needs beyond the schemas: years that are years, the first not after the last,
    and no 0 where a change is reckoned in per cent of it (each type's first year with a count,
    and the ceiling target a count is measured against)."""
    found: list[DataError | str] = needs.years(first_year=first_year, last_year=last_year)
    if found:
        return found
    counts, benchmarks = data.load("complaints"), data.load("complaint_benchmarks")
    first, last = calc.data_span(counts, benchmarks, first_year, last_year)
    found += needs.order(("first_year", first_year, first), ("last_year", last_year, last))
    if found:
        return found
    for complaint_type in TYPE_LABEL:
        rows = counts[
            (counts["complaint_type"] == complaint_type)
            & counts["year"].between(first, last)
            & counts["count"].notna()
        ].sort_values("year")
        if len(rows) >= 2:  # a change from the first year with a count to the last
            found += needs.zero_bases(data, "complaints", rows.iloc[:1])
    ceiling = calc.benchmark(benchmarks, "formality", "ceiling")
    if ceiling is not None and ceiling["value"] == 0:
        found.append(needs.zero_base(data, "complaint_benchmarks", ceiling.name, "value"))
    return found


# --- Facts for the prose -------------------------------------------------------------------------


def facts(result: Result) -> dict[str, Fact]:
    found = _facts(result)
    return found | {"headline": _headline(found)}


def _facts(result: Result) -> dict[str, Fact]:
    formality, reality = result.of_type("formality"), result.of_type("reality")
    missing = calc.missing_years(formality)
    found = {
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
        **_proposal_facts(result),
    }
    found["last_year_counts"] = _counts_sentence(result, found)
    return found | {
        "counts_paragraph": _counts_paragraph(result, found),
        "target_paragraph": _target_paragraph(result, found),
        "average_paragraph": _average_paragraph(result, found),
        "gaps_paragraph": _gaps_paragraph(result),
        "missing_years_advice": _missing_years_advice(result),
    }


def _headline(found: dict[str, Fact]) -> Fact:
    """The chapter's finding on the front page: the last year's counts and the target's verdict."""
    return say("{counts} {target}", counts=found["last_year_counts"], target=found["target_headline"])


def _counts_sentence(result: Result, found: dict[str, Fact]) -> Fact:
    """What the last year shown has: both counts, one of them, or neither (and the latest year with any)."""
    formality, reality = result.of_type("formality"), result.of_type("reality")
    last = {"formality": formality.iloc[-1], "reality": reality.iloc[-1]}
    known = [t for t in TYPE_LABEL if not pd.isna(last[t]["count"])]
    year = found["last_year"]
    if len(known) == 2:
        return say(
            "I {year} modtog forvaltningen {f} formalitetsklager og {r} realitetsklager.",
            year=year,
            f=found["formality_last"],
            r=found["reality_last"],
        )
    if len(known) == 1:
        kind, other = known[0], next(t for t in TYPE_LABEL if t not in known)
        return say(
            "I {year} modtog forvaltningen {n} {what}. Data har intet tal for {other} i {year}.",
            of_rows(result.series),
            year=year,
            n=found[f"{kind}_last"],
            what=TYPE_LABEL[kind].lower(),
            other=TYPE_LABEL[other].lower(),
        )
    present = result.series.dropna(subset=["count"])
    if present.empty:
        return say(
            "Data har ingen klagetal for årene {period}. Vælg en periode med tal (parametrene "
            "first_year og last_year), eller læg tallene ind i complaints.csv.",
            of_rows(result.series),
            period=found["period"],
        )
    latest = int(present["year"].max())
    return say(
        "Data har ingen klagetal for {year}; det seneste år med tal i perioden er {latest}.",
        of_rows(result.series),
        year=year,
        latest=str(latest),
    )


def _change_sentence(found: dict[str, Fact], result: Result) -> Fact:
    changes = {t: calc.first_to_last(result.of_type(t)) for t in TYPE_LABEL}
    if all(c is not None for c in changes.values()):
        return say(
            "Formalitetsklagerne {f}, mens realitetsklagerne {r}.",
            f=found["formality_change"],
            r=found["reality_change"],
        )
    parts = [
        say("{what} {change}.", what=TYPE_LABEL[t], change=found[f"{t}_change"])
        if c is not None
        else say(
            "For {what} er der færre end to år med tal i perioden, så en ændring kan ikke beregnes.",
            of_rows(result.of_type(t)),
            what=TYPE_LABEL[t].lower(),
        )
        for t, c in changes.items()
    ]
    return say("{a} {b}", a=parts[0], b=parts[1])


def _counts_paragraph(result: Result, found: dict[str, Fact]) -> Fact:
    if result.series["count"].notna().sum() == 0:
        return found["last_year_counts"]
    return say("{counts} {change}", counts=found["last_year_counts"], change=_change_sentence(found, result))


def _change(series: pd.DataFrame) -> Fact:
    """The change from the first to the last year with a count, with the base year stated."""
    change = calc.first_to_last(series)
    if change is None:
        return Fact(None, "text", of_rows(series))
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
            "Gennemsnittet kan ikke genberegnes her, fordi data mangler tal for nogle af årene i perioden.",
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


def _average_paragraph(result: Result, found: dict[str, Fact]) -> Fact:
    if result.average is None:
        return say("Data indeholder intet gennemsnit for antallet af formalitetsklager over en periode.")
    source = according_to(of_row(result.average), result.registry)
    return say(
        "I perioden {period} kom der {source} i gennemsnit {value} formalitetsklager om året. {check}",
        period=found["average_period"],
        source=source,
        value=found["average_stated"],
        check=found["average_check"],
    )


def _target_facts(result: Result) -> dict[str, Fact]:
    if result.target is None:
        return {"target_headline": say("Data indeholder intet mål for antallet af formalitetsklager.")}
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
            "Data har intet tal for formalitetsklager i {year}, så målopfyldelsen kan ikke vurderes.",
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
    headline = say(
        "Målet var højst {target} formalitetsklager i {year}. {verdict}",
        target=facts["target"],
        year=facts["target_year"],
        verdict=verdict,
    )
    met_fact = Fact(None if met is None else met.met, "verdict", based_on)
    return {**facts, "target_verdict": verdict, "target_headline": headline, "target_met": met_fact}


def _target_paragraph(result: Result, found: dict[str, Fact]) -> Fact:
    if result.target is None:
        return found["target_headline"]
    actual = say("Der kom {n}. ", n=found["target_actual"]) if result.target.attainment is not None else ""
    return say(
        "Forvaltningens mål var {source} højst {target} formalitetsklager i {year}. {actual}{verdict}",
        source=according_to(of_row(result.target.row), result.registry),
        target=found["target"],
        year=found["target_year"],
        actual=actual,
        verdict=found["target_verdict"],
    )


def _gaps_paragraph(result: Result) -> Fact:
    formality = result.of_type("formality")
    missing = calc.missing_years(formality)
    years = setting(result.last_year - result.first_year + 1, "number")
    if not missing:
        return say("Data har tal for alle {n} år.", n=years)  # n is the range asked for
    if len(missing) == len(formality):
        return say(
            "Data har ingen tal for formalitetsklager i nogen af de {n} år i perioden.",
            of_rows(formality),
            n=years,
        )
    count = Fact(len(missing), "number", derived("optalt: år uden tal", of_rows(formality)))
    return say(
        "Data har ingen tal for formalitetsklager for {n} af de {total} år ({which}). De år står som huller "
        'i figuren og som "ikke oplyst" i tabellen: bogen gætter ikke tal, der ikke er offentliggjort.',
        n=count,
        total=years,
        which=listing([year_span(a, b) for a, b in year_runs(missing)], of_rows(formality)),
    )


def _missing_years_advice(result: Result) -> Fact:
    missing = calc.missing_years(result.of_type("formality"))
    if not missing:
        return Fact("", "text", of_rows(result.series))
    return say(
        "For antallet af klager mangler data {n} år. Lægges de manglende år ind i datafilen "
        "complaints.csv med kilde, tegner bogen dem automatisk, og et gennemsnit for en periode bliver "
        "da regnet efter i stedet for blot at blive gengivet.",
        n=Fact(len(missing), "number", derived("optalt: år uden tal", of_rows(result.of_type("formality")))),
    )


def _outcome_facts(result: Result) -> dict[str, Fact]:
    targets = result.outcome_targets
    parts = [
        say("højst {value} for {what}", value=Fact(r["value"], "pct", of_row(r)), what=r["description"])
        for r in targets.to_dict("records")
    ]
    count = Fact(len(targets), "number", derived("optalt", of_rows(targets)))
    if targets.empty:
        paragraph = say(
            "Data indeholder ingen mål for, hvordan det går realitetsklagerne i Ankestyrelsen.", MISSING
        )
    else:
        quotes = listing([f"»{q}«" for q in dict.fromkeys(targets["quote"].dropna())], of_rows(targets))
        paragraph = say(
            "Forvaltningen har også {n} mål for, hvordan det går realitetsklagerne, når Ankestyrelsen "
            "afgør dem: {targets}. Målene står {source}: {quotes} Data indeholder ingen resultater for "
            'de mål, så de står som "ikke målt" nedenfor, og der er ingen figur.',
            n=count,
            targets=listing(parts, of_rows(targets)),
            source=according_to(of_rows(targets), result.registry) if _all_stated(targets) else "i data",
            quotes=quotes if _all_stated(targets) else "",
        )
    return {
        "outcome_targets": listing(parts, of_rows(targets), empty="ingen"),
        "outcome_targets_count": count,
        "outcome_paragraph": paragraph,
    }


def _all_stated(rows: pd.DataFrame) -> bool:
    return bool(len(rows)) and bool((rows["kind"] == "stated").all())


# --- The proposals of the discussion of complaints -----------------------------------------------


def _proposal_number(row) -> Fact:
    """A proposal's number as its source words it: "ca. 120", "op til 5"."""
    fact = Fact(row["value"], "plain", of_row(row), approximate=row["bound"] == "approximately")
    return say("op til {n}", n=fact) if row["bound"] == "at most" else fact


def proposal_text(row) -> Fact:
    """One proposal's number in a sentence: "Borgercenter Handicap: … op til 100 medarbejdere pr. år
    i 2020–2021"."""
    per_year = " pr. år" if row["per_year"] == "yes" else ""
    first, last = row["first_year"], row["last_year"]
    years = "" if pd.isna(first) else f" i {year_span(int(first), int(first if pd.isna(last) else last))}"
    centre = f"{row['borgercenter']}: " if isinstance(row["borgercenter"], str) else ""
    return say(
        "{centre}{proposal}: {n} {counted}{per_year}{years}",
        centre=centre,
        proposal=row["proposal"],
        n=_proposal_number(row),
        counted=row["counted"],
        per_year=per_year,
        years=years,
    )


def _proposal_facts(result: Result) -> dict[str, Fact]:
    rows = result.proposals
    if rows.empty:
        return {"proposals_intro": say("Data indeholder ingen forslag med tal om klagearbejdet.", MISSING)}
    count = Fact(len(rows), "number", derived("optalt", of_rows(rows)))
    source = according_to(of_rows(rows), result.registry)
    return {
        "proposals_intro": say(
            "{source}rummer forslagene til nye indsatser mod klager {n} tal. De står nedenfor, hvert med "
            "det citat eller den datafil, det bygger på.",
            n=count,
            source=capitalised(say("{s} ", s=source)) if source.value else "I data ",
        )
    }


def proposals_list(result: Result) -> HTML:
    """The proposals' numbers as a list, each with its quote (stated rows) or its kind."""
    items = []
    for row in result.proposals.to_dict("records"):
        quote = (
            f' <span class="quote">»{html.escape(str(row["quote"]))}«</span>'
            if row["kind"] == "stated" and isinstance(row["quote"], str)
            else ""
        )
        items.append(f"<li>{html.escape(written(proposal_text(row)))}.{quote}</li>")
    return HTML(f'<ul class="findings">{"".join(items)}</ul>' if items else "")


# --- The figure ----------------------------------------------------------------------------------


def figure(result: Result) -> go.Figure:
    """Complaints per year, gaps where years are missing, with the average and target as lines."""
    fig = go.Figure()
    first, last = result.first_year, result.last_year
    for complaint_type, label in TYPE_LABEL.items():
        _series_trace(fig, result.of_type(complaint_type), label, TYPE_COLOUR[complaint_type])
    # The highest line's label stands above it, every other one's below: two lines close together
    # (an average just under a target) never have their labels on top of each other.
    highest = result.benchmarks["value"].max() if len(result.benchmarks) else None
    for _, ref in result.benchmarks.iterrows():
        _reference_line(fig, ref, first, last, above=ref["value"] == highest)
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
    fig.update_xaxes(tickvals=year_ticks(first, last), tickformat="d", range=[first - 0.6, last + 0.6])
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


MAX_YEAR_TICKS = 15  # more year labels than this overlap on a page-wide chart


def year_ticks(first: int, last: int) -> list[int]:
    """Every year up to MAX_YEAR_TICKS years, else every 2nd, 5th or 10th year, so labels never overlap."""
    span = last - first + 1
    step = next((s for s in (1, 2, 5, 10, 20, 50) if span / s <= MAX_YEAR_TICKS), 100)
    return [y for y in range(first, last + 1) if (y - first) % step == 0]


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
    shown = target is not None and result.first_year <= int(target.row["last_year"]) <= result.last_year
    if not shown or target.attainment is None:
        return f"Klager pr. år {year_span(result.first_year, result.last_year)}"
    side = "inden for" if target.attainment.met else "over"
    return (
        f"{danish.number(target.actual['count'])} formalitetsklager i {int(target.row['last_year'])}: "
        f"{side} målet på {danish.number(target.row['value'])}"
    )


def _reference_line(fig: go.Figure, ref: pd.Series, first_year: int, last_year: int, above: bool) -> None:
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
        yanchor="bottom" if above else "top",
    )


def _alt_text(result: Result) -> str:
    period = year_span(result.first_year, result.last_year)
    parts = [f"Linjediagram over modtagne klager pr. år {period}."]
    for complaint_type, label in TYPE_LABEL.items():
        present = result.of_type(complaint_type).dropna(subset=["count"])
        values = [
            f"{danish.number(n)} i {y}"
            + ({"derived": " (beregnet)", "user-supplied": " (brugerleveret)"}.get(k, ""))
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
        key=("Serie", "År"),
    )


def download(result: Result) -> HTML:
    return tables.csv_download(
        tables.of_figure(values(result), "klager", COLUMNS), "klager.csv", key=("measure", "year")
    )


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
