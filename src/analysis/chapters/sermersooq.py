"""Service- og resultatmål i Kommuneqarfik Sermersooq: a scorecard of each stated target against
the result reported for a quarter, the activity figures without a target, and the removed targets.

The data come from Kommuneqarfik Sermersooq in Greenland, not from Copenhagen: every title and
subtitle names the place, and nothing here is compared with Copenhagen's figures.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
from IPython.display import HTML

from analysis.calc import scorecard as calc
from analysis.data import DataError, DataFolder, is_missing
from analysis.data.registry import entry, short_titles
from analysis.facts import MISSING, Fact, derived, of_row, of_rows, registry, setting
from analysis.present import charts, danish, tables
from analysis.present.prose import according_to, capitalised, listing, say, written
from analysis.vocabulary import PROVENANCE, UNIT_LABEL, UNIT_PHRASE, quarter_label, quarter_months

DATASETS = ("service_targets", "service_results", "service_commitments", "assumptions")

PLACE = "Kommuneqarfik Sermersooq, Grønland"
STATUS_LABEL = {
    "met": "opfyldt",
    "partly met": "delvist opfyldt",
    "not met": "ikke opfyldt",
    "not assessable": "kan ikke vurderes",
    "not measured": "ikke målt",
}
DIRECTION_LABEL = {"at least": "mindst", "at most": "højst"}
# The rows the chapter's prose talks about by name; absent rows read "ikke oplyst".
PROSE_TARGETS = (
    "payments_on_time",
    "interviews_within_10_days",
    "calendar_interviews",
    "action_plans_for_all",
)
PROSE_RESULTS = ("conversations", "acute_conversations", "conversations_per_week", "action_plans")
PROSE_RESULTS += ("action_plan_followups", "interviews_within_10_days_stated")
# Legends sit at the bottom of the whole figure, below the axis title and the source line.
SOURCE_LINE_ROOM = 34  # px at the foot of the chart that the source line needs under the legend


def bottom_legend(height: int) -> dict:
    """The legend at the foot of the chart, just above the source line."""
    return dict(yref="container", y=SOURCE_LINE_ROOM / height, yanchor="bottom")


CARD_COLUMNS = [
    "target_id",
    "label",
    "target_quote",
    "direction",
    "value",
    "unit",
    "threshold",
    "low",
    "high",
]
CARD_COLUMNS += ["result_unit", "result", "result_quote", "status_label", "reason", "kind", "source_id"]
COLUMNS = {
    "resultater": ["place", "period", "result", "reported", "low", "high", "unit", "target", *PROVENANCE],
    "scorekort": CARD_COLUMNS,
}
DOWNLOADS = {
    "resultater": ("sermersooq_resultater.csv", "Hent figurens tal som CSV"),
    "scorekort": ("sermersooq_scorekort.csv", "Hent scorekortet som CSV"),
}
# A row of each download in the numbers ledger: its key columns, and the columns with a verdict.
KEYS = {"resultater": ("result",), "scorekort": ("target_id",)}
VERDICTS = {"resultater": {}, "scorekort": {"status_label": "verdict"}}


@dataclass(frozen=True, eq=False)
class Result:
    year: int
    quarter: int
    targets: pd.DataFrame
    results: pd.DataFrame  # the quarter's results
    card: pd.DataFrame  # one row per target in force, with its threshold, result and status in words
    registry: pd.DataFrame
    commitments: pd.DataFrame | None = None  # what the administration commits to besides its targets

    @property
    def period(self) -> str:
        return quarter_label(self.year, self.quarter)


def compute(data: DataFolder, year: int, quarter: int) -> Result:
    targets, results = data.load("service_targets"), data.load("service_results")
    card = calc.scorecard(targets, results, year, quarter)
    return Result(
        year,
        quarter,
        targets,
        calc.in_quarter(results, year, quarter),
        _described(card),
        data.sources(),
        data.load("service_commitments"),
    )


def problems(data: DataFolder, year: int, quarter: int) -> list[DataError | str]:
    """What `compute` needs: a quarter from 1 to 4 that the results file reports on."""
    results = data.load("service_results")
    reported = sorted({(int(y), int(q)) for y, q in zip(results["year"], results["quarter"])})
    if (year, quarter) in reported:
        return []
    name = data.used["service_results"].name
    return [
        f"parameters 'year' ({year}) and 'quarter' ({quarter}): {name} has no results for that quarter; "
        "it has results for " + ", ".join(f"year={y} quarter={q}" for y, q in reported)
    ]


def amount(value, unit) -> str:
    """A value with its unit, the Danish way: 95 pct. -> "95 pct."; 14 days -> "14 dage"; 270 -> "270"."""
    if is_missing(value):
        return danish.MISSING
    if unit == "pct":
        return f"{danish.auto(value)} pct."
    return f"{danish.auto(value)} {UNIT_LABEL.get(unit, unit)}".strip()


def reported(low, high, unit) -> str:
    """A reported result; a range stays a range, with an en dash: 90, 95 pct -> "90–95 pct."."""
    if is_missing(low):
        return danish.MISSING
    if low == high:
        return amount(low, unit)
    return f"{danish.auto(low)}–{amount(high, unit)}"


def threshold(target: Mapping) -> str:
    """ "mindst 95 pct.", "højst 14 dage"; "ingen målbar tærskel" for a target without one."""
    if is_missing(target.get("value")):
        return "ingen målbar tærskel"
    return f"{DIRECTION_LABEL[target['direction']]} {amount(target['value'], target['unit'])}"


def _result_text(row: Mapping) -> str:
    if is_missing(row.get("low")) and is_missing(row.get("stated_verdict")):
        return danish.MISSING
    if not is_missing(row.get("stated_verdict")):
        return f"{STATUS_LABEL[row['stated_verdict']]} ifølge forvaltningen (oplyst i ord, intet tal)"
    return reported(row["low"], row["high"], row.get("result_unit", row.get("unit")))


def reason(row: Mapping) -> str:
    """Why a target has its status, in Danish, for the scorecard."""
    shown, limit = _result_text(row), threshold(row)
    if row["why"] == "no result":
        if is_missing(row["value"]):
            return "Målet har ingen målbar tærskel, og kilden oplyser intet resultat."
        return "Kilden oplyser intet resultat for målet."
    if row["why"] == "in words":
        verb = "opfyldes" if row["status"] == "met" else "ikke opfyldes"
        return f"Forvaltningen skriver i ord, at målet {verb}; der er intet tal."
    if row["why"] == "no threshold":
        return f"Resultatet ({shown}) har ingen målbar tærskel at holdes op imod."
    if row["why"] == "other unit":
        result, target = (
            UNIT_PHRASE.get(row["result_unit"], row["result_unit"]),
            UNIT_PHRASE.get(row["unit"], row["unit"]),
        )
        return (
            f"Resultatet ({shown}) er opgjort {result}, målet {target}: enhederne er forskellige, "
            "så resultatet kan ikke holdes op mod målet."
        )
    return {
        "met": f"Hele resultatet ({shown}) ligger på den rigtige side af målet ({limit}).",
        "partly met": _partly(row, shown, limit),
        "not met": f"Hele resultatet ({shown}) ligger på den forkerte side af målet ({limit}).",
    }[row["status"]]


def _partly(row: Mapping, shown: str, limit: str) -> str:
    """A range with one part on each side of the threshold; an end that only touches it says so."""
    edge = {row.get("low"): "nederste", row.get("high"): "øverste"}.get(row.get("value"))
    if edge:
        end = amount(row["value"], row.get("result_unit", row.get("unit")))
        return (
            f"Kun intervallets {edge} ende ({end}) når målet ({limit}); resten af resultatet ({shown}) "
            "gør ikke."
        )
    return (
        f"Resultatet ({shown}) ligger på begge sider af målets grænse ({limit}): en del af intervallet "
        "når målet, en del gør ikke."
    )


def _described(card: pd.DataFrame) -> pd.DataFrame:
    records = card.to_dict("records")
    described = card.assign(
        threshold=[threshold(r) for r in records],
        result=[_result_text(r) if r["why"] != "no result" else danish.MISSING for r in records],
        status_label=card["status"].map(STATUS_LABEL),
        reason=[reason(r) for r in records],
    )
    return described[[*CARD_COLUMNS, "status", "why", "result_source_id"]]


# --- Facts for the prose -------------------------------------------------------------------------


def facts(result: Result) -> dict[str, Fact]:
    found = _facts(result)
    return found | {"headline": _headline(found)}


def _facts(result: Result) -> dict[str, Fact]:
    card, targets = result.card, result.targets
    counts = card["status"].value_counts()
    source_id = targets["source_id"].iloc[0]
    document = entry(result.registry, source_id)
    assessed = derived("optalt i scorekortet", of_rows(card))
    count = lambda n: Fact(int(n), "number", assessed)
    summary = [
        f"{danish.number(counts[s])} {label}"
        for s, label in STATUS_LABEL.items()
        if counts.get(s, 0) and s != "not measured"
    ]
    found = {
        "period": setting(result.period),
        "period_long": setting(f"{result.period} ({quarter_months(result.quarter)} {result.year})"),
        "source_title": Fact(document["title"], "text", registry(source_id)),
        "source_reference": Fact(document["reference"], "text", registry(source_id)),
        "organisation": Fact(document["organisation"], "text", registry(source_id)),
        "n_active": count(len(card)),
        "n_threshold": count(card["value"].notna().sum()),
        "n_with_result": count((card["status"] != "not measured").sum()),
        "n_not_measured": count(counts.get("not measured", 0)),
        "status_summary": listing(summary, assessed, empty="ingen"),
        "n_removed": Fact(
            int((targets["in_force"] == "removed").sum()), "number", derived("optalt", of_rows(targets))
        ),
        "n_activity": Fact(
            len(calc.activity(result.results, result.year, result.quarter)),
            "number",
            derived("optalt", of_rows(result.results)),
        ),
    }
    found |= _target_facts(result) | _result_facts(result) | {"commitments": _commitments(result)}
    return found | {
        "payments_paragraph": _payments_paragraph(result, found),
        "in_words_paragraph": _in_words_paragraph(result),
        "calendar_paragraph": _calendar_paragraph(result, found),
        "activity_paragraph": _activity_paragraph(result, found),
        "action_plans_paragraph": _action_plans_paragraph(result, found),
        "removed_paragraph": _removed_paragraph(result, found),
    }


def _card_row(result: Result, target_id: str) -> dict | None:
    rows = result.card[result.card["target_id"] == target_id]
    return None if rows.empty else rows.iloc[0].to_dict()


def _payments_paragraph(result: Result, found: dict[str, Fact]) -> Fact:
    row = _card_row(result, "payments_on_time")
    if row is None:
        return say("Data har intet gældende mål om rettidige udbetalinger.", MISSING)
    key = "payments_on_time"
    text = say('Målet lyder: "{q}".', q=found[f"{key}_quote"])
    if row["status"] == "not measured" or is_missing(row["low"]):
        return say("{text} Data har intet resultat for målet i {p}.", text=text, p=found["period"])
    results = result.results[result.results["target_id"] == key]
    source = according_to(of_rows(results), result.registry)
    ranged = row["low"] != row["high"]
    text = say(
        "{text} {lead} skete {r} af udbetalingerne rettidigt{kind}. Holdt op mod målet om {t} er målet "
        '"{status}". {reason}',
        text=text,
        lead=capitalised(source) if source.value else "Ifølge data",
        r=found[f"{key}_result"],
        kind=": et interval, ikke et enkelt tal" if ranged else "",
        t=found[f"{key}_threshold"],
        status=found[f"{key}_status"],
        reason=found[f"{key}_reason"],
    )
    if ranged:
        return say(
            "{text} Bogen regner ikke et midtpunkt ud af intervallet: det ville være et tal, kilden ikke "
            "giver.",
            text=text,
        )
    return text


def _in_words_paragraph(result: Result) -> Fact:
    """Targets whose result the source states only in words: the words, quoted, and what follows."""
    card = result.card[result.card["why"] == "in words"]
    parts = []
    for row in card.to_dict("records"):
        said = result.results[
            (result.results["target_id"] == row["target_id"]) & result.results["stated_verdict"].notna()
        ]
        if said.empty:
            continue
        words = said.iloc[0]
        quote = f" »{words['quote']}«" if words["kind"] == "stated" else ""
        parts.append(
            say(
                'Målet "{target}" har ingen linje med et tal i resultaterne. Forvaltningen skriver i stedet '
                'i ord, at målet {verb}.{quote} Bogen giver derfor målet status "{status}", men uden et tal, '
                "og "
                "figuren viser intet punkt for det. Udsagnet står uden periode; bogen henfører det til "
                "kvartalet, notatet handler om.",
                of_row(words),
                target=row["target_quote"],
                verb="opfyldes" if row["status"] == "met" else "ikke opfyldes",
                quote=quote,
                status=row["status_label"],
            )
        )
    return Fact(" ".join(written(p) for p in parts), "text", of_rows(result.results))


def _calendar_paragraph(result: Result, found: dict[str, Fact]) -> Fact:
    """The weekly conversations against the target per caseworker: the book's reading of two rows."""
    row = _card_row(result, "calendar_interviews")
    per_week = result.results[result.results["result_id"] == "conversations_per_week"]
    if row is None or per_week.empty:
        return say(
            "Data har ikke både et mål om kalendersatte samtaler pr. sagsbehandler og et resultat for "
            "samtaler pr. uge i {p}, så de to kan ikke holdes op mod hinanden her.",
            of_rows(result.results),
            p=found["period"],
        )
    return say(
        'Målet lyder: "{q}". Resultattallene har linjen "{label}" med tallet {value}. Tallet ligner et svar '
        'på målet, men det er ikke opgjort pr. sagsbehandler, og "indenfor servicemålet" siger ikke, hvilket '
        "servicemål der menes; det kunne også være målet om samtaler inden for en given frist. Gælder tallet "
        "hele Myndighedsområdet, skal det deles mellem sagsbehandlerne, før det kan sammenlignes med målet; "
        "gælder det hver sagsbehandler, kan det sammenlignes direkte. Notatet siger ikke hvilket, og det "
        "oplyser heller ikke, hvor mange sagsbehandlere der er. Bogen lader derfor være med at afgøre det: "
        'status er "{status}".',
        q=found["calendar_interviews_quote"],
        label=found["conversations_per_week_label"],
        value=found["conversations_per_week_value"],
        status=found["calendar_interviews_status"],
    )


def _activity_paragraph(result: Result, found: dict[str, Fact]) -> Fact:
    rows = calc.activity(result.results, result.year, result.quarter)
    if rows.empty:
        return say("Data har ingen aktivitetstal uden mål for {p}.", of_rows(rows), p=found["period_long"])
    listed = listing(
        [
            say(
                "{label}: {value}",
                label=r["label"],
                value=Fact(reported(r["low"], r["high"], r["unit"]), "text", of_row(r)),
            )
            for r in rows.to_dict("records")
        ],
        of_rows(rows),
    )
    text = say(
        "Af resultattallene hører {n} ikke til noget servicemål. De viser, hvor meget der er lavet, ikke om "
        "et mål er nået. I {p}: {listed}.",
        n=found["n_activity"],
        p=found["period_long"],
        listed=listed,
    )
    ids = set(rows["result_id"])
    if {"conversations", "acute_conversations"} <= ids:
        text = say(
            "{text} Notatet siger ikke, om de {a} akutte samtaler indgår i de {c} samtaler.",
            text=text,
            a=found["acute_conversations_value"],
            c=found["conversations_value"],
        )
    return text


def _action_plans_paragraph(result: Result, found: dict[str, Fact]) -> Fact:
    row = _card_row(result, "action_plans_for_all")
    counted = "action_plans" in set(result.results["result_id"])
    if row is None or row["status"] != "not measured" or not counted:
        return Fact("", "text", MISSING if row is None else of_rows(result.card))
    return say(
        'Målet "{q}" kan tallene ikke afgøre: notatet oplyser ikke, hvor mange borgere der er i '
        "matchgruppe 3, så det kan ikke ses, om alle har fået en handlingsplan. Målet står derfor som "
        '"{status}" i scorekortet.',
        q=found["action_plans_for_all_quote"],
        status=found["action_plans_for_all_status"],
    )


def _removed_paragraph(result: Result, found: dict[str, Fact]) -> Fact:
    removed = result.targets[result.targets["in_force"] == "removed"]
    if removed.empty:
        return say(
            "Data indeholder ingen servicemål, som forvaltningen har fjernet.", of_rows(result.targets)
        )
    source = according_to(of_rows(removed), result.registry)
    return say(
        "{lead} har forvaltningen fjernet {n} servicemål. De vurderes ikke i scorekortet, men står her med "
        "forvaltningens egen begrundelse.",
        lead=capitalised(source) if source.value else "Ifølge data",
        n=found["n_removed"],
    )


def _commitments(result: Result) -> Fact:
    """What the administration commits to besides its targets, each with its own words."""
    rows = result.commitments
    if rows is None or rows.empty:
        return Fact("", "text", MISSING)
    parts = []
    for row in rows.to_dict("records"):
        quote = (
            f" Med kildens ord: »{row['quote']}«"
            if row["kind"] == "stated" and isinstance(row["quote"], str)
            else ""
        )
        source = according_to(of_row(row), result.registry)
        lead = capitalised(say("{s} vil forvaltningen", s=source)) if source.value else "Forvaltningen vil"
        parts.append(
            say(
                "{lead} {label}.{quote}",
                of_row(row),
                lead=lead,
                label=row["label"].lower()[:1] + row["label"][1:],
                quote=quote,
            )
        )
    return Fact(" ".join(written(p) for p in parts), "text", of_rows(rows))


def _headline(found: dict[str, Fact]) -> Fact:
    """The chapter's finding on the front page, made of its facts."""
    if found["n_with_result"].value == 0:
        return say("Data har ingen resultater for servicemålene i {p}.", p=found["period_long"])
    return say(
        "Af servicemålene i {period_long} kan status gøres op for nogle: {status_summary}.",
        **{key: found[key] for key in ("period_long", "status_summary")},
    )


def _target_facts(result: Result) -> dict[str, Fact]:
    rows = result.card.set_index("target_id")
    found = {}
    for target_id in PROSE_TARGETS:
        row = rows.loc[target_id].to_dict() if target_id in rows.index else None
        based = (
            MISSING
            if row is None
            else of_row({**row, "quote": row["target_quote"], "formula": None, "kind": "stated"})
        )
        for key, column in [("quote", "target_quote"), ("threshold", "threshold"), ("result", "result")]:
            found[f"{target_id}_{key}"] = Fact(None if row is None else str(row[column]), "text", based)
        for key, column in [("status", "status_label"), ("reason", "reason")]:
            found[f"{target_id}_{key}"] = Fact(
                None if row is None else str(row[column]), "text", derived("scorekortets regler", based)
            )
        found[f"{target_id}_value"] = Fact(None if row is None else row["value"], "number", based)
    return found


def _result_facts(result: Result) -> dict[str, Fact]:
    rows = result.results.set_index("result_id")
    found = {}
    for result_id in PROSE_RESULTS:
        row = rows.loc[result_id].to_dict() if result_id in rows.index else None
        based = MISSING if row is None else of_row(row)
        found[f"{result_id}_label"] = Fact(None if row is None else row["label"], "text", based)
        found[f"{result_id}_value"] = Fact(
            None if row is None else reported(row["low"], row["high"], row["unit"]), "text", based
        )
        found[f"{result_id}_quote"] = Fact(None if row is None else row["quote"], "text", based)
    return found


# --- Figures -------------------------------------------------------------------------------------


def range_figure(result: Result) -> go.Figure:
    """Targets in per cent: the reported range as a bar from low to high against the target's
    threshold mark; a target with no number says so in words instead of a bar."""
    card = result.card
    rows = card[(card["unit"] == "pct") & card["value"].notna()].iloc[::-1]  # first target on top
    rows = rows.assign(category=rows["label"].map(charts.text))  # the y category, escaped for plotly
    fig = go.Figure()
    drawn = rows[rows["low"].notna() & (rows["result_unit"] == "pct")]
    for number, row in enumerate(drawn.to_dict("records")):
        fig.add_trace(_range_trace(row, first=number == 0))
    for row in rows.to_dict("records"):
        _range_label(fig, row, drawn=row["target_id"] in set(drawn["target_id"]))
    fig.add_trace(
        go.Scatter(
            x=rows["value"],
            y=rows["category"],
            mode="markers",
            name="Mål (tærskel)",
            marker=dict(symbol="line-ns", size=40, line=dict(width=4, color=charts.PALETTE[3])),
            customdata=rows["threshold"],
            hovertemplate="Mål: %{customdata}<extra></extra>",
        )
    )
    for row in rows.to_dict("records"):
        fig.add_annotation(
            x=row["value"],
            y=row["category"],
            text=charts.text(f"Mål: {row['threshold']}"),
            yshift=34,
            xanchor="center",
        )
    charts.kind_legend(fig, drawn["kind"])
    lowest = min([*drawn["low"], *rows["value"]], default=50)
    left = min(50, (int(lowest) // 10) * 10 - 10)
    fig.update_xaxes(
        range=[left - 15, 101],
        tickvals=list(range(left, 101, 10)),
        ticksuffix=" pct.",
        title_text=f"Pct. (aksen begynder ved {left} pct.)",
    )
    fig.update_yaxes(
        type="category",
        categoryorder="array",
        categoryarray=list(rows["category"]),
        showgrid=False,
        zeroline=False,
        showline=False,
    )
    height = 280 + 90 * len(rows)
    fig.update_layout(height=height, legend=bottom_legend(height), margin=dict(l=190, b=190))
    return charts.style(
        fig,
        title=_range_title(rows, result),
        subtitle=f"Servicemål i procent og rapporteret resultat, {result.period}, {PLACE}",
        source="; ".join(short_titles(result.registry, rows["source_id"])),
        alt=_range_alt(rows, result),
    )


def _range_trace(row: Mapping, first: bool) -> go.Scatter:
    shown = reported(row["low"], row["high"], row["result_unit"])
    return go.Scatter(
        x=[row["low"], row["high"]],
        y=[row["category"]] * 2,
        mode="lines+markers",
        name="Resultat (fra laveste til højeste oplyste værdi)",
        showlegend=first,
        legendgroup="result",
        line=dict(color=charts.PALETTE[0], width=14),
        marker=dict(size=16, color=charts.PALETTE[0], symbol=charts.KIND_SYMBOL.get(row["kind"], "circle")),
        hovertemplate=f"{charts.hover_text(row['label'])}: {shown}<extra></extra>",
    )


def _range_label(fig: go.Figure, row: Mapping, drawn: bool) -> None:
    if drawn:
        text, x = (
            f"Resultat {reported(row['low'], row['high'], row['result_unit'])}: {row['status_label']}",
            row["low"],
        )
    elif row["status"] == "not measured":
        text, x = f"Intet resultat: {row['status_label']}", row["value"]
    elif is_missing(row["low"]):
        text, x = f"Intet tal, oplyst i ord: {row['status_label']}", row["value"]
    else:
        text, x = f"Resultat {row['result']}: {row['status_label']}", row["value"]
    fig.add_annotation(
        x=x,
        y=row["category"],
        text=charts.text(text),
        xanchor="right",
        xshift=-14,
        font=dict(size=13, color=charts.TEXT),
    )


def _range_title(rows: pd.DataFrame, result: Result) -> str:
    numeric = rows[rows["low"].notna()]
    if len(numeric) == 1:
        row = numeric.iloc[0]
        return (
            f"{row['label']}: {reported(row['low'], row['high'], row['result_unit'])} mod et mål på "
            f"{row['threshold']}, {row['status_label']}"
        )
    met = (rows["status"] == "met").sum()
    return f"{danish.number(met)} af {danish.number(len(rows))} procentmål opfyldt i {result.period}"


def _range_alt(rows: pd.DataFrame, result: Result) -> str:
    parts = [f"Diagram over servicemål i procent for Kommuneqarfik Sermersooq i Grønland, {result.period}."]
    for row in rows.iloc[::-1].to_dict("records"):
        parts.append(
            f"{row['label']}: mål {row['threshold']}, resultat {row['result']}, status {row['status_label']}."
        )
    return " ".join(parts)


def activity_figure(result: Result) -> go.Figure:
    """Activity counts with no target, as bars with their value written at the end."""
    rows = calc.activity(result.results, result.year, result.quarter)
    rows = rows[rows["unit"] == "count"].iloc[::-1]  # the source's order, top to bottom
    values = charts.danish(rows["high"])
    labels = ["<br>".join(textwrap.wrap(charts.text(label), 26)) for label in rows["label"]]
    fig = go.Figure(
        go.Bar(
            x=rows["high"],
            y=labels,
            orientation="h",
            name="Antal i kvartalet",
            showlegend=False,
            marker=dict(color=charts.PALETTE[1]),
            customdata=[[v, charts.KIND_LABEL[k]] for v, k in zip(values, rows["kind"])],
            hovertemplate="%{customdata[0]} (%{customdata[1]})<extra></extra>",
        )
    )
    # A marker at each bar's end says stated or derived by its shape, as in every chart of the book,
    # with the value written beside it.
    fig.add_trace(
        go.Scatter(
            x=rows["high"],
            y=labels,
            mode="markers+text",
            showlegend=False,
            hoverinfo="skip",
            text=values,
            textposition="middle right",
            cliponaxis=False,
            marker=dict(
                size=10, color=charts.REFERENCE_GREY, symbol=[charts.KIND_SYMBOL[k] for k in rows["kind"]]
            ),
        )
    )
    charts.kind_legend(fig, rows["kind"])
    fig.update_xaxes(
        title_text="Antal", tickformat=",d", range=[0, float(rows["high"].max()) * 1.15 if len(rows) else 1]
    )
    fig.update_yaxes(showgrid=False, zeroline=False, automargin=True)
    height = 280 + 60 * len(rows)
    fig.update_layout(height=height, margin=dict(l=20, b=170), legend=bottom_legend(height))
    listed = "; ".join(f"{label}: {value}" for label, value in zip(rows["label"].iloc[::-1], values[::-1]))
    return charts.style(
        fig,
        title=_activity_title(rows.set_index("result_id")["high"], result.period),
        subtitle=f"Antal, {quarter_months(result.quarter)} {result.year}, Myndighedsområdet, {PLACE}",
        source="; ".join(short_titles(result.registry, rows["source_id"])),
        alt="Vandret søjlediagram over aktivitetstal uden servicemål for Kommuneqarfik "
        "Sermersooq i Grønland, "
        f"{result.period}. {listed}.",
    )


def _activity_title(counts: pd.Series, period: str) -> str:
    if {"conversations", "action_plans"} <= set(counts.index):
        return (
            f"{danish.number(counts['conversations'])} samtaler og {danish.number(counts['action_plans'])} "
            f"handlingsplaner i {period}: aktivitetstal uden servicemål"
        )
    return f"Aktivitetstal uden mål, {period}"


# --- Tables and values ---------------------------------------------------------------------------


def scorecard_table(result: Result) -> HTML:
    """The scorecard: status in words (never only a colour) and why."""
    shown = result.card[["target_quote", "threshold", "result", "status_label", "reason"]]
    return tables.table(
        shown.rename(
            columns={
                "target_quote": "Servicemål (ordret fra kilden)",
                "threshold": "Målbar tærskel",
                "result": f"Resultat, {result.period}",
                "status_label": "Status",
                "reason": "Begrundelse",
            }
        ),
        caption=f"Scorekort: servicemål og resultater, {result.period}, {PLACE}",
        formats={"Status": lambda s: f"<strong>{s}</strong>"},
    )


def removed_table(result: Result) -> HTML:
    removed = calc.removed(result.targets)
    return tables.with_sources(
        removed.assign(threshold=[threshold(t) for t in removed.to_dict("records")]),
        caption=f"Servicemål, forvaltningen har fjernet, {PLACE}",
        columns={"label": "Fjernet servicemål", "threshold": "Tidligere tærskel"},
    )


def values(result: Result) -> pd.DataFrame:
    """Every result of the quarter with its provenance ("resultater": the figures' values), and
    the scorecard ("scorekort")."""
    rows = result.results.reset_index(drop=True)
    names = result.targets.set_index("target_id")["label"]
    results = pd.DataFrame(
        {
            "figure": "resultater",
            "place": PLACE,
            "period": result.period,
            "result": rows["label"],
            "reported": [_result_text(r) for r in rows.to_dict("records")],
            "low": rows["low"],
            "high": rows["high"],
            "unit": rows["unit"],
            "target": [
                names.get(t, "ingen (aktivitetstal)") if not is_missing(t) else "ingen (aktivitetstal)"
                for t in rows["target_id"]
            ],
            **{k: rows[k] for k in PROVENANCE},
        }
    )
    return pd.concat([results, result.card[CARD_COLUMNS].assign(figure="scorekort")], ignore_index=True)


def table(result: Result) -> HTML:
    return tables.with_sources(
        tables.of_figure(values(result), "resultater"),
        caption=f"Resultater for {result.period} med kilder, {PLACE}",
        columns={"result": "Resultat", "reported": "Oplyst"},
    )


def download(result: Result, part: str = "resultater") -> HTML:
    filename, label = DOWNLOADS[part]
    rows = tables.of_figure(values(result), part, COLUMNS[part])
    return tables.csv_download(rows, filename, label, key=KEYS[part], states=VERDICTS[part])
