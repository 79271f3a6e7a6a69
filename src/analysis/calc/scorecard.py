"""Service targets and results: a scorecard of each stated target against the result reported
for a quarter, the activity figures that have no target, and the targets that were removed.

The data come from Kommuneqarfik Sermersooq in Greenland, not from Copenhagen: every title and
subtitle names the place, and nothing here is compared with Copenhagen's figures.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from analysis.data import DataError, is_missing
from analysis.data.errors import file_row
from analysis.present import charts, tables
from analysis.present import danish as fmt

PLACE = "Kommuneqarfik Sermersooq, Grønland"
STATUS_LABEL = {
    "met": "opfyldt",
    "partly met": "delvist opfyldt",
    "not met": "ikke opfyldt",
    "not assessable": "kan ikke vurderes",
    "not measured": "ikke målt",
}
DIRECTION_LABEL = {"at least": "mindst", "at most": "højst"}
# How an amount is written after its number, and how "measured in ..." reads in a sentence.
UNIT_LABEL = {
    "pct": "pct.",
    "count": "",
    "days": "dage",
    "working days": "arbejdsdage",
    "per week": "pr. uge",
    "per week per caseworker": "pr. uge pr. sagsbehandler",
    "persons": "personer",
    "fte": "årsværk",
    "1000 kr": "t. kr.",
    "mio. kr": "mio. kr.",
}
UNIT_PHRASE = {
    "pct": "i procent",
    "count": "som et antal",
    "days": "i dage",
    "working days": "i arbejdsdage",
    "per week": "pr. uge",
    "per week per caseworker": "pr. uge pr. sagsbehandler",
}
QUARTER_MONTHS = {1: "januar–marts", 2: "april–juni", 3: "juli–september", 4: "oktober–december"}
# The rows the chapter's prose talks about by name; absent rows read "ikke oplyst".
PROSE_TARGETS = (
    "payments_on_time",
    "interviews_within_10_days",
    "calendar_interviews",
    "action_plans_for_all",
)
PROSE_RESULTS = (
    "conversations",
    "acute_conversations",
    "conversations_per_week",
    "action_plans",
    "action_plan_followups",
    "interviews_within_10_days_stated",
)


def quarter_label(year: int, quarter: int) -> str:
    """2019, 4 -> "4. kvartal 2019"."""
    return f"{quarter}. kvartal {year}"


def amount(value, unit) -> str:
    """A value with its unit, the Danish way: 95 pct. -> "95 pct."; 14 days -> "14 dage"; 270 -> "270"."""
    if is_missing(value):
        return fmt.MISSING
    decimals = 0 if float(value).is_integer() else 1
    if unit == "pct":
        return fmt.pct(value, decimals)
    return f"{fmt.number(value, decimals)} {UNIT_LABEL.get(unit, unit)}".strip()


def reported(low, high, unit) -> str:
    """A reported result; a range stays a range: 90, 95 pct -> "90-95 pct."."""
    if is_missing(low):
        return fmt.MISSING
    if low == high:
        return amount(low, unit)
    if unit == "pct":
        return fmt.pct_range(low, high)
    return f"{fmt.number(low)}-{amount(high, unit)}"


def threshold(target: Mapping) -> str:
    """ "mindst 95 pct.", "højst 14 dage"; "ingen målbar tærskel" for a target without one."""
    if is_missing(target.get("value")):
        return "ingen målbar tærskel"
    return f"{DIRECTION_LABEL[target['direction']]} {amount(target['value'], target['unit'])}"


# --- The status rules ----------------------------------------------------------------------------


def range_status(low: float, high: float, limit: float, direction: str) -> str:
    """Where a reported range lies against a threshold: wholly on the right side is "met", across
    it "partly met", wholly on the wrong side "not met". A single value is a range with low == high;
    the threshold itself counts as the right side (at least 95 is met by 95)."""
    if low > high:
        raise ValueError(f"the range is upside down: {low} > {high}")
    if direction == "at least":
        right = [low >= limit, high >= limit]
    elif direction == "at most":
        right = [low <= limit, high <= limit]
    else:
        raise ValueError(f"unknown direction {direction!r}: use 'at least' or 'at most'")
    return "met" if all(right) else "not met" if not any(right) else "partly met"


@dataclass(frozen=True)
class Assessment:
    status: str  # a key of STATUS_LABEL
    reason: str  # why, in Danish, for the scorecard

    @property
    def label(self) -> str:
        return STATUS_LABEL[self.status]


def assess(target: Mapping, result: Mapping | None) -> Assessment:
    """The status of one target given the result reported for it (None: no result)."""
    has_threshold = not is_missing(target.get("value"))
    if result is None:
        return Assessment(
            "not measured",
            "Kilden oplyser intet resultat for målet."
            if has_threshold
            else "Målet har ingen målbar tærskel, og kilden oplyser intet resultat.",
        )
    verdict = result.get("stated_verdict")
    if not is_missing(verdict):
        return Assessment(
            verdict,
            "Forvaltningen skriver i ord, at målet "
            f"{'opfyldes' if verdict == 'met' else 'ikke opfyldes'}; der er intet tal.",
        )
    shown = reported(result["low"], result["high"], result["unit"])
    if not has_threshold:
        return Assessment(
            "not assessable", f"Resultatet ({shown}) har ingen målbar tærskel at holdes op imod."
        )
    if result["unit"] != target["unit"]:
        return Assessment(
            "not assessable",
            f"Resultatet ({shown}) er opgjort {UNIT_PHRASE.get(result['unit'], result['unit'])}, "
            f"målet {UNIT_PHRASE.get(target['unit'], target['unit'])}: enhederne er forskellige, "
            "så resultatet kan ikke holdes op mod målet.",
        )
    status = range_status(
        float(result["low"]), float(result["high"]), float(target["value"]), target["direction"]
    )
    limit = threshold(target)
    return Assessment(
        status,
        {
            "met": f"Hele resultatet ({shown}) ligger på den rigtige side af målet ({limit}).",
            "partly met": f"Resultatet ({shown}) rækker over målets grænse ({limit}): en del af intervallet når målet, "
            "en del gør ikke.",
            "not met": f"Hele resultatet ({shown}) ligger på den forkerte side af målet ({limit}).",
        }[status],
    )


def in_quarter(results: pd.DataFrame, year: int, quarter: int) -> pd.DataFrame:
    return results[(results["year"] == year) & (results["quarter"] == quarter)]


def scorecard(targets: pd.DataFrame, results: pd.DataFrame, year: int, quarter: int) -> pd.DataFrame:
    """One row per target in force: the target as stated, its threshold, the quarter's result and
    the status with its reason. A result naming an unknown target is an error in the data."""
    known = set(targets["target_id"])
    for index, target_id in results["target_id"].items():
        if not is_missing(target_id) and target_id not in known:
            raise DataError(
                "service_results.csv",
                f"unknown target '{target_id}': it must be a target_id of service_targets.csv",
                row=file_row(index),
                column="target_id",
            )
    found = {
        r["target_id"]: r
        for r in in_quarter(results, year, quarter).to_dict("records")
        if not is_missing(r["target_id"])
    }
    rows = []
    for target in targets[targets["in_force"] == "active"].to_dict("records"):
        result = found.get(target["target_id"])
        verdict = assess(target, result)
        rows.append(
            {
                "target_id": target["target_id"],
                "label": target["label"],
                "target_quote": target["quote"],
                "direction": target["direction"],
                "value": target["value"],
                "unit": target["unit"],
                "threshold": threshold(target),
                "low": result["low"] if result else None,
                "high": result["high"] if result else None,
                "result_unit": result["unit"] if result else None,
                "result": _result_text(result),
                "result_quote": result["quote"] if result else None,
                "status": verdict.status,
                "status_label": verdict.label,
                "reason": verdict.reason,
                "kind": result["kind"] if result else None,
                "source_id": target["source_id"],
            }
        )
    return pd.DataFrame(rows)


def _result_text(result: Mapping | None) -> str:
    if result is None:
        return fmt.MISSING
    if not is_missing(result.get("stated_verdict")):
        return f"{STATUS_LABEL[result['stated_verdict']]} ifølge forvaltningen (oplyst i ord, intet tal)"
    return reported(result["low"], result["high"], result["unit"])


def activity(results: pd.DataFrame, year: int, quarter: int) -> pd.DataFrame:
    """Results with no target (counts of conversations, action plans ...): activity, not attainment."""
    rows = in_quarter(results, year, quarter)
    return rows[rows["target_id"].isna()].reset_index(drop=True)


def removed(targets: pd.DataFrame) -> pd.DataFrame:
    """Targets the administration has removed, with the quote that says so and why."""
    rows = targets[targets["in_force"] == "removed"].reset_index(drop=True)
    return rows.assign(threshold=[threshold(t) for t in rows.to_dict("records")])


# --- The chapter: facts for the prose ------------------------------------------------------------


def chapter_facts(
    targets: pd.DataFrame, results: pd.DataFrame, registry: pd.DataFrame, year: int, quarter: int
) -> dict[str, str]:
    """Every number and quoted target the chapter's prose shows, written the Danish way (for glue)."""
    card = scorecard(targets, results, year, quarter)
    counts = card["status"].value_counts()
    source = registry.set_index("source_id").loc[targets["source_id"].iloc[0]]
    facts = {
        "period": quarter_label(year, quarter),
        "period_long": f"{quarter_label(year, quarter)} ({QUARTER_MONTHS[quarter]} {year})",
        "source_title": source["title"],
        "source_reference": source["reference"] if not is_missing(source["reference"]) else fmt.MISSING,
        "organisation": source["organisation"],
        "n_active": fmt.number(len(card)),
        "n_threshold": fmt.number(card["value"].notna().sum()),
        "n_with_result": fmt.number((card["status"] != "not measured").sum()),
        "n_not_measured": fmt.number(counts.get("not measured", 0)),
        "status_summary": fmt.listing(
            f"{fmt.number(counts[s])} {label}"
            for s, label in STATUS_LABEL.items()
            if counts.get(s, 0) and s != "not measured"
        )
        or "ingen",
        "n_removed": fmt.number((targets["in_force"] == "removed").sum()),
        "n_activity": fmt.number(len(activity(results, year, quarter))),
    }
    rows = card.set_index("target_id")
    for target_id in PROSE_TARGETS:
        row = rows.loc[target_id] if target_id in rows.index else None
        for key, column in [
            ("quote", "target_quote"),
            ("threshold", "threshold"),
            ("result", "result"),
            ("status", "status_label"),
            ("reason", "reason"),
        ]:
            facts[f"{target_id}_{key}"] = fmt.MISSING if row is None else str(row[column])
        facts[f"{target_id}_value"] = fmt.MISSING if row is None else fmt.number(row["value"])
    found = in_quarter(results, year, quarter).set_index("result_id")
    for result_id in PROSE_RESULTS:
        row = found.loc[result_id] if result_id in found.index else None
        facts[f"{result_id}_label"] = fmt.MISSING if row is None else row["label"]
        facts[f"{result_id}_value"] = (
            fmt.MISSING if row is None else reported(row["low"], row["high"], row["unit"])
        )
        facts[f"{result_id}_quote"] = fmt.MISSING if row is None else row["quote"]
    return facts


# --- Figures -------------------------------------------------------------------------------------


def _source_line(registry: pd.DataFrame, source_ids) -> str:
    names = registry.set_index("source_id").loc[sorted(set(source_ids)), "short_title"]
    return "; ".join(names)


# Legends sit at the bottom of the whole figure, below the axis title and the source line.
BOTTOM_LEGEND = dict(yref="container", y=0.01, yanchor="bottom")


def range_figure(card: pd.DataFrame, registry: pd.DataFrame, year: int, quarter: int) -> go.Figure:
    """Targets in per cent: the reported range as a bar from low to high against the target's
    threshold mark; a target with no number says so in words instead of a bar."""
    rows = card[(card["unit"] == "pct") & card["value"].notna()].iloc[::-1]  # first target on top
    rows = rows.assign(category=rows["label"].map(charts.text))  # the y category, escaped for plotly
    fig = go.Figure()
    labels = list(rows["category"])
    drawn = rows[rows["low"].notna() & (rows["result_unit"] == "pct")]
    for number, row in enumerate(drawn.to_dict("records")):
        shown = reported(row["low"], row["high"], row["result_unit"])
        fig.add_trace(
            go.Scatter(
                x=[row["low"], row["high"]],
                y=[row["category"]] * 2,
                mode="lines+markers",
                name="Resultat (fra laveste til højeste oplyste værdi)",
                showlegend=number == 0,
                legendgroup="result",
                line=dict(color=charts.PALETTE[0], width=14),
                marker=dict(
                    size=16, color=charts.PALETTE[0], symbol=charts.KIND_SYMBOL.get(row["kind"], "circle")
                ),
                hovertemplate=f"{charts.hover_text(row['label'])}: {shown}<extra></extra>",
            )
        )
    for row in rows.to_dict("records"):
        if row["target_id"] in set(drawn["target_id"]):
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
            showarrow=False,
            xanchor="right",
            xshift=-14,
            font=dict(size=13, color=charts.TEXT),
        )
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
            showarrow=False,
            yshift=34,
            xanchor="center",
            font=dict(size=12, color=charts.REFERENCE_GREY),
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
        categoryarray=labels,
        showgrid=False,
        zeroline=False,
        showline=False,
    )
    fig.update_layout(height=280 + 90 * len(rows), legend=BOTTOM_LEGEND, margin=dict(l=190, b=190))
    return charts.style(
        fig,
        title=_range_title(rows, year, quarter),
        subtitle=f"Servicemål i procent og rapporteret resultat, {quarter_label(year, quarter)}, {PLACE}",
        source=_source_line(registry, rows["source_id"]),
        alt=_range_alt(rows, year, quarter),
    )


def _range_title(rows: pd.DataFrame, year: int, quarter: int) -> str:
    numeric = rows[rows["low"].notna()]
    if len(numeric) == 1:
        row = numeric.iloc[0]
        return (
            f"{row['label']}: {reported(row['low'], row['high'], row['result_unit'])} mod et mål på "
            f"{row['threshold']}, {row['status_label']}"
        )
    met = (rows["status"] == "met").sum()
    return f"{fmt.number(met)} af {fmt.number(len(rows))} procentmål opfyldt i {quarter_label(year, quarter)}"


def _range_alt(rows: pd.DataFrame, year: int, quarter: int) -> str:
    parts = [
        f"Diagram over servicemål i procent for Kommuneqarfik Sermersooq i Grønland, {quarter_label(year, quarter)}."
    ]
    for row in rows.iloc[::-1].to_dict("records"):
        parts.append(
            f"{row['label']}: mål {row['threshold']}, resultat {row['result']}, status {row['status_label']}."
        )
    return " ".join(parts)


def activity_figure(results: pd.DataFrame, registry: pd.DataFrame, year: int, quarter: int) -> go.Figure:
    """Activity counts with no target, as bars with their value written at the end."""
    rows = activity(results, year, quarter)
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
    fig.update_layout(height=280 + 60 * len(rows), margin=dict(l=20, b=170), legend=BOTTOM_LEGEND)
    period = quarter_label(year, quarter)
    return charts.style(
        fig,
        title=_activity_title(rows.set_index("result_id")["high"], period),
        subtitle=f"Antal, {QUARTER_MONTHS[quarter]} {year}, Myndighedsområdet, {PLACE}",
        source=_source_line(registry, rows["source_id"]),
        alt=f"Vandret søjlediagram over aktivitetstal uden servicemål for Kommuneqarfik Sermersooq i Grønland, "
        f"{period}. "
        + "; ".join(f"{label}: {value}" for label, value in zip(rows["label"].iloc[::-1], values[::-1]))
        + ".",
    )


def _activity_title(counts: pd.Series, period: str) -> str:
    if {"conversations", "action_plans"} <= set(counts.index):
        return (
            f"{fmt.number(counts['conversations'])} samtaler og {fmt.number(counts['action_plans'])} "
            f"handlingsplaner i {period}: aktivitetstal uden servicemål"
        )
    return f"Aktivitetstal uden mål, {period}"


# --- Tables --------------------------------------------------------------------------------------


def scorecard_table(card: pd.DataFrame, year: int, quarter: int):
    """The scorecard: status in words (never only a colour) and why."""
    shown = card[["target_quote", "threshold", "result", "status_label", "reason"]]
    return tables.table(
        shown.rename(
            columns={
                "target_quote": "Servicemål (ordret fra kilden)",
                "threshold": "Målbar tærskel",
                "result": f"Resultat, {quarter_label(year, quarter)}",
                "status_label": "Status",
                "reason": "Begrundelse",
            }
        ),
        caption=f"Scorekort: servicemål og resultater, {quarter_label(year, quarter)}, {PLACE}",
        formats={"Status": lambda s: f"<strong>{s}</strong>"},
    )


def removed_table(targets: pd.DataFrame):
    return tables.with_sources(
        removed(targets),
        caption=f"Servicemål, forvaltningen har fjernet, {PLACE}",
        columns={"label": "Fjernet servicemål", "threshold": "Tidligere tærskel"},
    )


def results_data(results: pd.DataFrame, targets: pd.DataFrame, year: int, quarter: int) -> pd.DataFrame:
    """Every result of the quarter with its provenance: the values table and the CSV download."""
    rows = in_quarter(results, year, quarter).reset_index(drop=True)
    names = targets.set_index("target_id")["label"]
    return pd.DataFrame(
        {
            "place": PLACE,
            "period": quarter_label(year, quarter),
            "result": rows["label"],
            "reported": [_result_text(r) for r in rows.to_dict("records")],
            "low": rows["low"],
            "high": rows["high"],
            "unit": rows["unit"],
            "target": [
                names.get(t, "ingen (aktivitetstal)") if not is_missing(t) else "ingen (aktivitetstal)"
                for t in rows["target_id"]
            ],
            "kind": rows["kind"],
            "source_id": rows["source_id"],
            "quote": rows["quote"],
            "formula": rows["formula"],
        }
    )


def values_table(data: pd.DataFrame, year: int, quarter: int):
    return tables.with_sources(
        data,
        caption=f"Resultater for {quarter_label(year, quarter)} med kilder, {PLACE}",
        columns={"result": "Resultat", "reported": "Oplyst"},
    )
