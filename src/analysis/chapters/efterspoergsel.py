"""Efterspørgsel: applications received per period, compared fairly as the average per month."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
from IPython.display import HTML
from plotly.subplots import make_subplots

from analysis.calc import demand as calc
from analysis.claims import needs
from analysis.data import DataError, DataFolder
from analysis.data.registry import short_titles
from analysis.facts import MISSING, Fact, derived, of_row, of_rows, setting
from analysis.present import charts, danish, tables
from analysis.present.prose import according_to, capitalised, listing, say, sources_named
from analysis.vocabulary import KIND_LABEL, MONTHS, PROVENANCE, as_date, direction, period_label, year_span

DATASETS = ("applications", "assumptions")
COLOUR = charts.PALETTE[0]
PANELS = ("Ansøgninger i perioden", "Gennemsnit pr. måned")
KIND_WORD = {"stated": "oplyst", "derived": "beregnet", "user-supplied": "brugerleveret"}
COLUMNS = ["measure", "period", "period_start", "period_end", "months", "value", "value_text", *PROVENANCE]


@dataclass(frozen=True, eq=False)
class Result:
    application_type: str
    first_year: int
    last_year: int
    periods: pd.DataFrame  # the periods shown, with their name and the arithmetic of the monthly average
    registry: pd.DataFrame


def compute(data: DataFolder, application_type: str = "", first_year: int = 0, last_year: int = 0) -> Result:
    """The periods of one application type in the years shown; an empty type or a year 0 is
    taken from the data (see calc.demand.chosen)."""
    applications = data.load("applications")
    application_type, first_year, last_year = calc.chosen(
        applications, application_type, first_year, last_year
    )
    shown = calc.periods(applications, application_type, first_year, last_year)
    shown = shown.assign(
        period=[period_label(s, e) for s, e in zip(shown["period_start"], shown["period_end"])],
        per_month_formula=[f"{danish.auto(c)} ÷ {m}" for c, m in zip(shown["count"], shown["months"])],
    )
    return Result(application_type, first_year, last_year, shown, data.sources())


def problems(
    data: DataFolder, application_type: str = "", first_year: int = 0, last_year: int = 0
) -> list[DataError | str]:
    """What `compute` needs beyond the schemas: a type the file has, years in order, and no 0 among
    the counts the averages and changes are reckoned in per cent of (the first period's, the
    first whole year's, and the whole year before the last part of a year)."""
    applications = data.load("applications")
    found: list[DataError | str] = needs.years(first_year=first_year, last_year=last_year)
    if application_type:
        found += needs.one_of(
            "application_type",
            application_type,
            applications["application_type"].dropna(),
            f"the types in {data.used['applications'].name}",
        )
    if found:
        return found
    kind, first, last = calc.chosen(applications, application_type, first_year, last_year)
    found += needs.order(("first_year", first_year, first), ("last_year", last_year, last))
    if found:
        return found
    shown = calc.periods(applications.assign(row=applications.index), kind, first, last)
    full, pair = shown[~shown["partial"]], calc.year_before(shown)
    bases = [shown.iloc[:1] if len(shown) >= 2 else None, full.iloc[:1] if len(full) >= 2 else None]
    bases.append(None if pair is None else pair[1].to_frame().T)
    rows = pd.concat([shown.iloc[:0], *[b for b in bases if b is not None]]).drop_duplicates("row")
    return found + needs.zero_bases(data, "applications", rows.set_index("row"))


# --- Facts for the prose -------------------------------------------------------------------------


def _count(row) -> Fact:
    return Fact(row["count"], "auto", of_row(row))


def _per_month(row) -> Fact:
    return Fact(row["per_month"], "number", derived(row["per_month_formula"], of_row(row)), decimals=1)


def facts(result: Result) -> dict[str, Fact]:
    found = _facts(result)
    return found | {"headline": _headline(found)}


def _facts(result: Result) -> dict[str, Fact]:
    shown = result.periods
    rows = shown.to_dict("records")
    every = of_rows(shown)
    found = {
        "application_type": setting(result.application_type),
        "count_listing": listing(
            [say("{n} i {p}", n=_count(r), p=r["period"]) for r in rows], every, empty="ingen tal"
        ),
        "per_month_listing": listing(
            [say("{n} i {p} ({f})", n=_per_month(r), p=r["period"], f=r["per_month_formula"]) for r in rows],
            every,
            empty="ingen tal",
        ),
        "partial_note": _partial_note(shown[shown["partial"]], every),
        "full_years_change": _full_years_change(shown[~shown["partial"]], every),
        "partial_share_of_year": _share_of_year(shown, every),
        **_first_and_last(shown),
    }
    return found | {
        "source_context": _source_context(result),
        "counts_paragraph": _counts_paragraph(result, found),
        "per_month_paragraph": _per_month_paragraph(result, found),
        "partial_caveat": _partial_caveat(shown, every),
        "projection_paragraph": _projection_paragraph(result),
    }


def _kind_phrase(provenance, registry: pd.DataFrame) -> str:
    """Where the chapter's numbers come from, as a sentence, from their provenance."""
    names = danish.write(sources_named(provenance, registry))
    if not names:
        return ""
    if provenance.kind == "user-supplied":
        return f"Tallene er brugerleverede ({names})."
    if provenance.kind == "derived":
        return f"Tallene er beregnet af tal fra {names}."
    return f"Tallene står i {names}."


def _source_context(result: Result) -> Fact:
    every = of_rows(result.periods)
    return Fact(_kind_phrase(every, result.registry), "text", every)


def _no_data(result: Result) -> Fact:
    return say(
        "Data har ingen ansøgninger om {type} i perioder, der begynder i {span}. Vælg en anden periode "
        "eller ansøgningstype (parametrene first_year, last_year og application_type), eller læg tallene "
        "ind i applications.csv.",
        of_rows(result.periods),
        type=result.application_type,
        span=year_span(result.first_year, result.last_year),
    )


def _counts_paragraph(result: Result, found: dict[str, Fact]) -> Fact:
    if result.periods.empty:
        return _no_data(result)
    source = according_to(of_rows(result.periods), result.registry)
    lead = capitalised(say("{s} modtog", s=source)) if source.value else "Ifølge data modtog"
    return say(
        "{lead} forvaltningen disse ansøgninger om {type}: {counts}. {change} {partial}",
        lead=lead,
        type=found["application_type"],
        counts=found["count_listing"],
        change=found["full_years_change"],
        partial=found["partial_note"],
    )


def _per_month_paragraph(result: Result, found: dict[str, Fact]) -> Fact:
    shown = result.periods
    if shown.empty:
        return Fact("", "text", of_rows(shown))
    text = say("Det giver {listing}.", listing=found["per_month_listing"])
    if len(shown) >= 2:
        text = say(
            "{text} I {last} kom der altså {ratio} gange så mange ansøgninger pr. måned som i {first}.",
            text=text,
            last=found["per_month_last_period"],
            ratio=found["per_month_ratio"],
            first=found["per_month_first_period"],
        )
    pair = calc.year_before(shown)
    if pair is None:
        return text
    part, year = pair
    faster = part["count"] / part["months"] > year["count"] / 12
    lead = "Også uden omregning ses stigningen:" if faster else "Uden omregning:"
    return say("{text} {lead} {share}.", text=text, lead=lead, share=found["partial_share_of_year"])


def _irregular(row) -> bool:
    """A part-year period that is no calendar half-year, quarter or month (e.g. January-May)."""
    months, start = int(row["months"]), as_date(row["period_start"]).month
    return months < 12 and (months not in (1, 3, 6) or (start - 1) % months != 0)


def _partial_caveat(shown: pd.DataFrame, every) -> Fact:
    """An irregular part-year period's average assumes it covers its last month whole."""
    partial = [r for r in shown.to_dict("records") if _irregular(r)]
    if not partial:
        return Fact("", "text", every)
    parts = [
        say("at {p} dækker hele {m}", p=r["period"], m=MONTHS[as_date(r["period_end"]).month - 1])
        for r in partial
    ]
    return say(
        "Gennemsnittet for en delperiode forudsætter, {parts}; data siger ikke, hvornår i måneden der "
        "blev talt op.",
        parts=listing(parts, every),
    )


def _projection_paragraph(result: Result) -> Fact:
    """What the data say about the years that part-year periods leave incomplete, and that the book
    does not scale them up."""
    shown = result.periods
    if shown.empty:
        return Fact("", "text", of_rows(shown))
    years = shown.assign(year=[as_date(s).year for s in shown["period_start"]])
    covered = years.groupby("year")["months"].sum()
    incomplete = years[years["partial"] & years["year"].map(covered < 12)]
    if incomplete.empty:
        whole = "Alle perioder er hele år" if not shown["partial"].any() else "Perioderne dækker hele år"
        return say(f"{whole}, så der er intet at fremskrive.", of_rows(shown))
    parts = []
    for year, rows in incomplete.groupby("year"):
        for row in rows.to_dict("records"):
            if row["kind"] == "stated" and isinstance(row["quote"], str):
                names = danish.write(sources_named(of_row(row), result.registry))
                parts.append(say("{s} skriver om {p}: »{q}«", s=names, p=row["period"], q=row["quote"]))
        parts.append(say("Data har intet tal for hele {y}.", of_rows(rows), y=str(year)))
    return say(
        "{parts} Bogen fremskriver ikke en delperiode til et helt år: et helårstal ville være et skøn, "
        "ikke et tal fra data. Delperioden vises, som den er, skraveret og mærket med sit antal måneder.",
        parts=Fact(" ".join(danish.write(p) for p in parts), "text", of_rows(incomplete)),
    )


def _headline(found: dict[str, Fact]) -> Fact:
    """The chapter's finding on the front page, made of its facts."""
    if found["per_month_first"].missing:
        return (
            found["counts_paragraph"]
            if found["count_listing"].value == "ingen tal"
            else say(
                "Ansøgninger om {application_type}: {counts}.",
                application_type=found["application_type"],
                counts=found["count_listing"],
            )
        )
    return say(
        "Ansøgninger om {application_type}: i gennemsnit {per_month_first} om måneden i "
        "{per_month_first_period} mod {per_month_last} i {per_month_last_period}.",
        **{
            key: found[key]
            for key in (
                "application_type",
                "per_month_first",
                "per_month_first_period",
                "per_month_last",
                "per_month_last_period",
            )
        },
    )


def _partial_note(partial: pd.DataFrame, every) -> Fact:
    if partial.empty:
        return say("Alle perioder er hele år.", every)
    parts = [
        say("{p} dækker kun {m} måneder", p=r["period"], m=danish.number(r["months"]))
        for r in partial.to_dict("records")
    ]
    return say(
        "{parts} og kan derfor ikke sammenlignes direkte med et helt år.",
        parts=capitalised(listing(parts, every)),
    )


def _full_years_change(full: pd.DataFrame, every) -> Fact:
    if len(full) < 2:
        return say("En ændring mellem hele år kan ikke beregnes, fordi data har færre end to hele år.", every)
    first, last = full.iloc[0], full.iloc[-1]
    change = calc.percent_change(first["count"], last["count"])
    formula = (
        f"({danish.auto(last['count'])} − {danish.auto(first['count'])}) ÷ "
        f"{danish.auto(first['count'])} × 100"
    )
    return say(
        "Fra {a} til {b} {verb} antallet med {amount} (beregnet med {a} som basisår).",
        a=first["period"],
        b=last["period"],
        verb=direction(change, same="ændrede sig ikke"),
        amount=Fact(abs(change), "pct", derived(formula, of_row(first), of_row(last))),
    )


def _share_of_year(shown: pd.DataFrame, every) -> Fact:
    pair = calc.year_before(shown)
    if pair is None:
        return Fact(None, "text", every)
    part, year = pair
    formula = f"{danish.auto(part['count'])} ÷ {danish.auto(year['count'])} × 100"
    share = Fact(part["count"] / year["count"] * 100, "pct", derived(formula, of_row(part), of_row(year)))
    return say(
        "{n} ansøgninger på {m} måneder svarer til {share} af de {total} i hele {year}",
        n=_count(part),
        m=danish.number(part["months"]),
        share=share,
        total=_count(year),
        year=year["period"],
    )


def _first_and_last(shown: pd.DataFrame) -> dict[str, Fact]:
    keys = ("per_month_first", "per_month_last", "per_month_first_period", "per_month_last_period")
    if len(shown) < 2:
        return {key: Fact(None, "text", MISSING) for key in (*keys, "per_month_ratio")}
    first, last = shown.iloc[0], shown.iloc[-1]
    ratio = derived(f"{danish.number(last['per_month'], 2)} ÷ {danish.number(first['per_month'], 2)}")
    return {
        "per_month_first": _per_month(first),
        "per_month_last": _per_month(last),
        "per_month_first_period": Fact(first["period"], "text", of_row(first)),
        "per_month_last_period": Fact(last["period"], "text", of_row(last)),
        "per_month_ratio": Fact(
            last["per_month"] / first["per_month"],
            "number",
            ratio | _per_month(first).provenance | _per_month(last).provenance,
            decimals=1,
        ),
    }


# --- The figure ----------------------------------------------------------------------------------


PANEL_PX, CHAR_PX, GAP_PX = 246, 9, 12  # a panel's width and a tick label's letters in the book
LABEL_CHAR_PX = 7  # a value label's letters (mostly digits, narrower than a period's name)


def _bar_texts(rows: pd.DataFrame) -> list[str]:
    return [
        danish.auto(c) + (f" (kun {danish.number(m)} mdr.)" if p else "")
        for c, m, p in zip(rows["count"], rows["months"], rows["partial"])
    ]


def _labels_fit(texts: list[str]) -> bool:
    """Whether value labels, one centred over each period, stand clear of their neighbours; where
    they would not, the hover and the table give the values."""
    slot = PANEL_PX / max(len(texts), 1)
    widths = [len(t) * LABEL_CHAR_PX for t in texts]
    return all((a + b) / 2 + GAP_PX / 2 <= slot for a, b in zip(widths, widths[1:]))


def _named_periods(periods: list[str]) -> list[str]:
    """The periods named under a panel: all where their names fit side by side, otherwise as many
    as fit, spread evenly (level names, so they never turn and run into the legend below)."""
    if not periods:
        return []
    if sum(len(p) * CHAR_PX + GAP_PX for p in periods) <= PANEL_PX:
        return periods
    widest = max(len(p) for p in periods) * CHAR_PX + GAP_PX
    fit = max(1, PANEL_PX // widest)
    return [periods[int((i + 0.5) * len(periods) / fit)] for i in range(fit)]


def figure(result: Result) -> go.Figure:
    """Left: the stated count per period, a part-year period hatched. Right: the computed average
    per month (open markers), which compares periods of different length fairly."""
    shown = result.periods
    panels = panel_titles(shown)
    fig = make_subplots(rows=1, cols=2, subplot_titles=panels, horizontal_spacing=0.14)
    for partial, rows in shown.groupby("partial", sort=True):
        fig.add_trace(_count_bars(rows, partial, _labels_fit(_bar_texts(shown))), row=1, col=1)
    fig.add_trace(
        go.Scatter(
            x=shown["period"],
            y=shown["per_month"],
            mode="markers+text" if _labels_fit(charts.danish(shown["per_month"], 1)) else "markers",
            name="Gennemsnit pr. måned",
            marker=dict(
                size=14, color=COLOUR, symbol=charts.KIND_SYMBOL["derived"], line=dict(color=COLOUR, width=3)
            ),
            text=charts.danish(shown["per_month"], 1),
            textposition="top center",
            textfont=dict(color=charts.TEXT),
            customdata=[
                [p, danish.number(v, 1), f]
                for p, v, f in zip(shown["period"], shown["per_month"], shown["per_month_formula"])
            ],
            hovertemplate="%{customdata[0]}: %{customdata[1]} pr. måned (beregnet: "
            "%{customdata[2]})<extra></extra>",
        ),
        row=1,
        col=2,
    )
    charts.kind_legend(fig, ["derived"])
    fig.update_xaxes(
        type="category",
        categoryorder="array",
        categoryarray=list(shown["period"]),
        tickmode="array",
        tickvals=_named_periods(list(shown["period"])),
        tickangle=0,
    )
    top = shown["count"].max() * 1.2 if len(shown) else 1
    fig.update_yaxes(
        title_text="Antal ansøgninger", tickformat=",d", rangemode="tozero", range=[0, top], row=1, col=1
    )
    top = shown["per_month"].max() * 1.25 if len(shown) else 1
    fig.update_yaxes(
        title_text="Ansøgninger pr. måned", tickformat=",d", rangemode="tozero", range=[0, top], row=1, col=2
    )
    charts.panel_titles(fig, panels)
    fig.update_layout(height=480, bargap=0.3, uniformtext=dict(minsize=12, mode="show"))
    return charts.style(
        fig,
        title=_title(result),
        subtitle=f"Modtagne ansøgninger om {result.application_type}, {_span(result)}. "
        "Socialforvaltningen, København",
        source=("; ".join(short_titles(result.registry, shown["source_id"])) or "Ingen data i perioden")
        + ". Gennemsnit pr. måned er beregnet (antal ÷ måneder); åben markør: beregnet.",
        alt=_alt_text(result),
    )


def panel_titles(shown: pd.DataFrame) -> tuple[str, str]:
    """The panels' titles say what kind of values they draw: the counts as the data give them
    (oplyst, brugerleveret, or both), the averages as computed (from the user's numbers, if so)."""
    kinds = [KIND_WORD[k] for k in KIND_WORD if k in set(shown["kind"].dropna())]
    counts = f"{PANELS[0]} ({' og '.join(kinds)})" if kinds else PANELS[0]
    user = (shown["kind"] == "user-supplied").any()
    # The right panel is narrow: the longer title takes two lines.
    means = f"{PANELS[1]} ({'beregnet af <br>brugerleverede tal' if user else 'beregnet'})"
    return counts, means


def _count_bars(rows: pd.DataFrame, partial: bool, labelled: bool = True) -> go.Bar:
    kinds = [KIND_WORD[k] for k in KIND_WORD if k in set(rows["kind"].dropna())]
    return go.Bar(
        x=rows["period"],
        y=rows["count"],
        name=("Del af et år (skraveret)" if partial else "Helt år") + f" ({' og '.join(kinds)})",
        marker=dict(
            color="white" if partial else COLOUR,
            line=dict(color=COLOUR, width=2),
            pattern=dict(shape="/", fgcolor=COLOUR, size=8, solidity=0.25) if partial else None,
        ),
        text=_bar_texts(rows),
        textposition="outside" if labelled else "none",
        textfont=dict(color=charts.TEXT),
        cliponaxis=False,
        customdata=[
            [p, danish.auto(c), danish.number(m), KIND_LABEL[k]]
            for p, c, m, k in zip(rows["period"], rows["count"], rows["months"], rows["kind"])
        ],
        hovertemplate="%{customdata[0]}: %{customdata[1]} ansøgninger på %{customdata[2]} måneder "
        "(%{customdata[3]})<extra></extra>",
    )


def _span(result: Result) -> str:
    shown = result.periods
    if len(shown) == 1:
        return shown["period"].iloc[0]
    if len(shown):
        return f"{shown['period'].iloc[0]} til {shown['period'].iloc[-1]}"
    return year_span(result.first_year, result.last_year)


def _title(result: Result) -> str:
    if len(result.periods) < 2:
        return f"Ansøgninger om {result.application_type}, {_span(result)}"
    ends = {key: danish.write(fact) for key, fact in _first_and_last(result.periods).items()}
    return (
        f"Ansøgninger om {result.application_type} pr. måned: fra {ends['per_month_first']} "
        f"({ends['per_month_first_period']}) til {ends['per_month_last']} ({ends['per_month_last_period']})"
    )


def _alt_text(result: Result) -> str:
    shown = result.periods
    counts = [
        f"{danish.auto(c)} i {p}" + (f" (kun {danish.number(m)} måneder)" if part else "")
        for c, p, m, part in zip(shown["count"], shown["period"], shown["months"], shown["partial"])
    ]
    means = [f"{danish.number(v, 1)} i {p}" for v, p in zip(shown["per_month"], shown["period"])]
    return (
        f"To diagrammer. Til venstre søjler med modtagne ansøgninger om {result.application_type}: "
        f"{danish.listing(counts)}; en periode på under et år er skraveret. Til højre det "
        "beregnede gennemsnit "
        f"pr. måned: {danish.listing(means)}."
    )


# --- The values behind the figure ----------------------------------------------------------------


def values(result: Result) -> pd.DataFrame:
    """Counts (as stated) and monthly averages (computed, with the formula) with their provenance."""
    shown = result.periods
    counts = shown.assign(
        measure="Ansøgninger i perioden",
        value=shown["count"],
        value_text=[danish.auto(c) for c in shown["count"]],
    )
    means = shown.assign(
        measure="Gennemsnit pr. måned",
        value=shown["per_month"].round(2),
        kind="derived",
        formula=shown["per_month_formula"],
        value_text=charts.danish(shown["per_month"], 1),
    )
    data = pd.concat([counts, means], ignore_index=True).assign(figure="ansoegninger")
    return data[["figure", *COLUMNS]]


def table(result: Result) -> HTML:
    return tables.with_sources(
        tables.of_figure(values(result), "ansoegninger"),
        caption=f"Ansøgninger om {result.application_type} med kilder",
        columns={"measure": "Serie", "period": "Periode", "months": "Måneder", "value_text": "Værdi"},
        formats={"Måneder": danish.number},
        numeric=("Måneder", "Værdi"),
        key=("Serie", "Periode"),
    )


def download(result: Result) -> HTML:
    rows = tables.of_figure(values(result), "ansoegninger", COLUMNS)
    return tables.csv_download(rows, "ansoegninger.csv", key=("measure", "period"))
