"""Staffing and unit amounts (bemanding og enhedsomkostninger): what the budget notes set aside per
FTE or caseworker, whether stated parts add up to stated totals, and SO49's training plan.

Amounts carry the price level the note states ("2012 p/l"). The data holds no price index, so
nothing here adds, subtracts or compares amounts across price levels: `same_price_level` refuses.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from analysis.data import is_missing
from analysis.present import charts, tables
from analysis.present import danish as fmt
from analysis.vocabulary import year_span

STAFF_NOUN = {"fte": "årsværk", "persons": "sagsbehandlere"}
NO_INDEX = (
    "Data indeholder intet prisindeks, så beløb i forskellige prisniveauer hverken lægges sammen, "
    "omregnes eller sammenlignes direkte."
)


def same_price_level(amounts: pd.DataFrame) -> str:
    """The one price level of some amounts; refuses amounts at different levels (no index in the data)."""
    levels = sorted(set(amounts["price_level"].dropna()))
    if len(levels) != 1:
        raise ValueError(
            f"amounts at {' and '.join(levels) or 'no'} price level cannot be combined without a price index"
        )
    return levels[0]


def per_person_kr(amount_mio_kr: float, divisor: float) -> float:
    """Kroner per FTE or person a year: the amount in mio. kr. divided by the number of people."""
    if not divisor > 0:
        raise ValueError("the number of FTEs or persons must be more than 0")
    return float(amount_mio_kr) * 1_000_000 / float(divisor)


def _approx(text: str, approximate: bool) -> str:
    return f"ca. {text}" if approximate else text


def _mio(value: float) -> str:
    """Millions as the notes write them: 15; 4,30; 12,25."""
    return fmt.number(value, 0 if float(value).is_integer() else 2)


def unit_amounts(staffing: pd.DataFrame) -> pd.DataFrame:
    """One row per amount that names a number of FTEs or caseworkers, with the amount per person.

    Where a leader is named besides the caseworkers ("28 sagsbehandlere og en afdelingsleder"),
    the note does not say how the amount is split, so both divisors are shown: all persons, and
    the caseworkers alone."""
    rows = []
    for _, item in staffing[staffing["staff"].notna()].iterrows():
        staff, managers = float(item["staff"]), item["managers"]
        approximate = item["approximate"] == "yes"
        noun = STAFF_NOUN[item["staff_unit"]]
        amount, count = _mio(item["amount_mio_kr"]), fmt.plain(staff, 1)
        divisors = [
            ("all", staff, _approx(f"{count} {noun}", approximate), f"{amount} × 1.000.000 ÷ {count}")
        ]
        if not is_missing(managers) and managers > 0:
            leaders, the_leaders = (
                ("afdelingsleder", "afdelingslederen")
                if managers == 1
                else ("afdelingsledere", "afdelingslederne")
            )
            total = fmt.plain(staff + managers)
            divisors = [
                (
                    "all",
                    staff + managers,
                    f"{total} personer ({count} {noun} + {fmt.plain(managers)} {leaders})",
                    f"{amount} × 1.000.000 ÷ ({count} + {fmt.plain(managers)})",
                ),
                (
                    "caseworkers",
                    staff,
                    f"{count} {noun} (uden {the_leaders})",
                    f"{amount} × 1.000.000 ÷ {count}",
                ),
            ]
        for variant, divisor, divisor_text, formula in divisors:
            rows.append(
                {
                    "item_id": item["item_id"],
                    "label": item["label"],
                    "variant": variant,
                    "permanence": item["permanence"],
                    "price_level": item["price_level"],
                    "amount_mio_kr": float(item["amount_mio_kr"]),
                    "divisor": divisor,
                    "divisor_text": divisor_text,
                    "approximate": approximate,
                    "value": per_person_kr(item["amount_mio_kr"], divisor),
                    "kind": "derived",
                    "source_id": item["source_id"],
                    "quote": item["quote"],
                    "formula": formula,
                }
            )
    return pd.DataFrame(rows)


def part_sums(staffing: pd.DataFrame) -> pd.DataFrame:
    """For each stated total with stated parts (part_of): the sum of the parts against the total."""
    rows = []
    for _, total in staffing[staffing["item_id"].isin(staffing["part_of"].dropna())].iterrows():
        parts = staffing[staffing["part_of"] == total["item_id"]]
        level = same_price_level(pd.concat([parts, total.to_frame().T]))
        summed = float(parts["amount_mio_kr"].sum())
        rows.append(
            {
                "item_id": total["item_id"],
                "label": total["label"],
                "price_level": level,
                "parts_sum": summed,
                "stated": float(total["amount_mio_kr"]),
                "difference": round(summed - float(total["amount_mio_kr"]), 6),
                "formula": " + ".join(_mio(v) for v in parts["amount_mio_kr"]),
            }
        )
    return pd.DataFrame(
        rows, columns=["item_id", "label", "price_level", "parts_sum", "stated", "difference", "formula"]
    )


# --- The training plan (SO49) ------------------------------------------------------------------


def training_by_centre(training: pd.DataFrame) -> pd.DataFrame:
    """Participants and borgermødespecialister per centre, in the order the source lists them."""
    people = training[training["measure"].isin(["participants", "specialists"])]
    wide = people.pivot(index="centre", columns="measure", values="value")
    approx = people[people["measure"] == "participants"].set_index("centre")["approximate"] == "yes"
    order = list(dict.fromkeys(people["centre"]))  # every centre any row names, in the source's order
    return (
        wide.reindex(order)
        .assign(participants_approximate=approx.reindex(order).fillna(False).astype(bool))
        .reset_index()
        .rename_axis(columns=None)
    )


def training_derived(training: pd.DataFrame) -> pd.DataFrame:
    """Totals whose arithmetic is unambiguous, each with its formula. The competence money per
    participant is NOT computed: it also pays for new methods and for training new staff, and the
    participant counts are estimates."""
    centres = training_by_centre(training)
    quote = lambda measure: training.loc[training["measure"] == measure, "quote"].iloc[0]  # noqa: E731
    rows = []
    participants = centres["participants"].dropna()
    if len(participants) == len(centres) and len(participants):
        rows.append(
            {
                "measure": "participants_total",
                "value": float(participants.sum()),
                "unit": "persons",
                "approximate": bool(centres["participants_approximate"].any()),
                "price_level": None,
                "formula": " + ".join(fmt.plain(v) for v in participants),
                "quote": quote("participants"),
            }
        )
    specialists = centres.get("specialists", pd.Series(dtype=float)).dropna()
    funding = training[training["measure"] == "specialist_funding"]
    if len(specialists) == len(centres) and len(specialists):
        count = float(specialists.sum())
        terms = " + ".join(fmt.plain(v) for v in specialists)
        rows.append(
            {
                "measure": "specialists_total",
                "value": count,
                "unit": "persons",
                "approximate": False,
                "price_level": None,
                "formula": terms,
                "quote": quote("specialists"),
            }
        )
        if len(funding) == 1 and count > 0:
            amount = funding.iloc[0]
            factor = 1000 if amount["unit"] == "1000 kr" else 1_000_000
            rows.append(
                {
                    "measure": "funding_per_specialist",
                    "value": float(amount["value"]) * factor / count,
                    "unit": "kr",
                    "approximate": False,
                    "price_level": amount["price_level"],
                    "formula": f"{fmt.plain(amount['value'])} × {fmt.number(factor)} ÷ ({terms})",
                    "quote": amount["quote"],
                }
            )
    source = training["source_id"].iloc[0] if len(training) else None
    frame = pd.DataFrame(
        rows, columns=["measure", "value", "unit", "approximate", "price_level", "formula", "quote"]
    )
    return frame.assign(kind="derived", source_id=source)


def _funding(training: pd.DataFrame, measure: str) -> pd.Series | None:
    rows = training[training["measure"] == measure]
    return None if rows.empty else rows.iloc[0]


def _funding_mio(row: pd.Series) -> str:
    value = float(row["value"]) / (1000 if row["unit"] == "1000 kr" else 1)
    return f"{_mio(value)} mio. kr."


# --- The chapter: facts for the prose, the charts, the tables ----------------------------------


def chapter_facts(staffing: pd.DataFrame, training: pd.DataFrame) -> dict[str, str]:
    """Every number the chapter's prose shows, already written the Danish way (for glue)."""
    return {**staffing_facts(staffing), **training_facts(training)}


def staffing_facts(staffing: pd.DataFrame) -> dict[str, str]:
    facts: dict[str, str] = {}
    for _, item in staffing.iterrows():
        key = item["item_id"]
        facts[f"{key}_amount"] = f"{_mio(item['amount_mio_kr'])} mio. kr."
        facts[f"{key}_price_level"] = item["price_level"]
        if not is_missing(item["staff"]):
            facts[f"{key}_staff"] = _approx(fmt.plain(item["staff"], 1), item["approximate"] == "yes")
        if not is_missing(item["managers"]):
            facts[f"{key}_managers"] = fmt.plain(item["managers"])
    for _, row in unit_amounts(staffing).iterrows():
        key = row["item_id"] + ("_per_caseworker" if row["variant"] == "caseworkers" else "_per_person")
        facts[key] = _approx(fmt.kr(row["value"], 1000), row["approximate"])
        facts[key + "_divisor"] = row["divisor_text"]
        facts[key + "_formula"] = (
            f"{row['formula']} = {_approx(fmt.number(row['value']), row['approximate'])} kr."
        )
    for _, check in part_sums(staffing).iterrows():
        key = check["item_id"]
        facts[f"{key}_parts"] = f"{check['formula']} = {_mio(check['parts_sum'])} mio. kr."
        facts[f"{key}_check"] = (
            f"Det stemmer med den anbefalede bevilling på {_mio(check['stated'])} mio. kr."
            if abs(check["difference"]) < 0.005
            else f"Det stemmer IKKE med den anbefalede bevilling på {_mio(check['stated'])} mio. kr. "
            f"(forskel {_mio(check['difference'])} mio. kr.)."
        )
    levels = sorted(set(staffing["price_level"]))
    facts["price_levels"] = fmt.listing(levels)
    facts["price_level_count"] = fmt.number(len(levels))
    facts["no_index"] = NO_INDEX
    return facts


def training_facts(training: pd.DataFrame) -> dict[str, str]:
    facts: dict[str, str] = {}
    centres = training_by_centre(training)
    for _, centre in centres.iterrows():
        key = _centre_key(centre["centre"])
        facts[f"participants_{key}"] = _approx(
            fmt.plain(centre["participants"]), centre["participants_approximate"]
        )
        facts[f"specialists_{key}"] = fmt.plain(centre.get("specialists"))
    facts["centre_count"] = fmt.number(len(centres))
    per_centre = set(centres.get("specialists", pd.Series(dtype=float)).dropna())
    facts["specialists_per_centre"] = (
        fmt.plain(per_centre.pop()) if len(per_centre) == 1 else "et forskelligt antal"
    )
    derived = training_derived(training).set_index("measure")
    if "participants_total" in derived.index:
        total = derived.loc["participants_total"]
        facts["participants_total"] = _approx(fmt.plain(total["value"]), total["approximate"])
        facts["participants_formula"] = f"{total['formula']} = {fmt.plain(total['value'])}"
    if "specialists_total" in derived.index:
        facts["specialists_total"] = fmt.plain(derived.loc["specialists_total", "value"])
        facts["specialists_formula"] = (
            f"{derived.loc['specialists_total', 'formula']} = {facts['specialists_total']}"
        )
    if "funding_per_specialist" in derived.index:
        row = derived.loc["funding_per_specialist"]
        facts["funding_per_specialist"] = fmt.kr(row["value"], 1000)
        facts["funding_per_specialist_formula"] = f"{row['formula']} = {fmt.number(row['value'])} kr."
    for measure in ("competence_funding", "specialist_funding"):
        row = _funding(training, measure)
        if row is not None:
            facts[measure] = _funding_mio(row)
            facts[f"{measure}_period"] = year_span(int(row["first_year"]), int(row["last_year"]))
            facts[f"{measure}_price_level"] = row["price_level"]
    return facts


def _centre_key(centre: str) -> str:
    return {
        "Borgercenter Handicap": "handicap",
        "Borgercenter Voksne": "adults",
        "Borgercenter Børn og Unge": "children",
    }.get(centre, centre.lower().replace(" ", "_"))


def _source_names(registry: pd.DataFrame, ids) -> list[str]:
    return list(registry.set_index("source_id").loc[sorted(set(ids)), "short_title"])


def figure(staffing: pd.DataFrame, registry: pd.DataFrame) -> go.Figure:
    """The amount per FTE or caseworker, one panel per price level, each with its own axis:
    the panels sit together but are not on a common scale of money. Each bar's label stands
    above it, so the bars keep the page's full width."""
    amounts = unit_amounts(staffing)
    levels = list(dict.fromkeys(amounts["price_level"]))
    names = registry.set_index("source_id")["short_title"]
    counts = [int((amounts["price_level"] == lv).sum()) for lv in levels]
    # Pixel layout: 90 px per bar (label above it), 130 px between panels (axis title, next panel's title).
    plot_height = 90 * len(amounts) + 130 * (len(levels) - 1)
    fig = make_subplots(rows=len(levels), cols=1, vertical_spacing=130 / plot_height, row_heights=counts)
    for number, level in enumerate(levels, start=1):
        panel = amounts[amounts["price_level"] == level].iloc[::-1]  # first item on top
        colour = charts.PALETTE[(number - 1) % len(charts.PALETTE)]
        axis = "" if number == 1 else str(number)
        keys = [f"bar-{i}" for i in panel.index]  # hidden category per bar; the label is an annotation
        texts = [_approx(fmt.kr(v, 1000), a) for v, a in zip(panel["value"], panel["approximate"])]
        fig.add_trace(
            go.Bar(
                x=panel["value"],
                y=keys,
                orientation="h",
                name=charts.text(level),
                showlegend=False,
                width=0.45,
                marker=dict(
                    color=colour,
                    pattern=dict(
                        shape=["/" if a else "" for a in panel["approximate"]], fgcolor="white", solidity=0.3
                    ),
                ),
                text=texts,
                textposition="outside",
                cliponaxis=False,
                customdata=[[t, level] for t in texts],
                hovertemplate="%{customdata[0]} pr. person pr. år (%{customdata[1]}, beregnet)<extra></extra>",
            ),
            row=number,
            col=1,
        )
        for key, label, amount, divisor in zip(
            keys, panel["label"], panel["amount_mio_kr"], panel["divisor_text"]
        ):
            fig.add_annotation(
                x=0,
                y=key,
                xref=f"x{axis}",
                yref=f"y{axis}",
                yshift=21,
                xanchor="left",
                yanchor="bottom",
                showarrow=False,
                align="left",
                font=dict(size=12),
                text=f"{charts.text(label)}: {charts.text(_mio(amount))} mio. kr. ÷ {charts.text(divisor)}",
            )
        sources = fmt.listing([names[s] for s in dict.fromkeys(panel["source_id"])])
        fig.add_annotation(
            x=0,
            y=1,
            xref=f"x{axis} domain",
            yref=f"y{axis} domain",
            yshift=30,
            xanchor="left",
            yanchor="bottom",
            showarrow=False,
            font=dict(size=14),
            text=f"<b>{charts.text(sources)}</b>: beløb i {charts.text(level)}",
        )
        fig.update_xaxes(
            title_text=f"Kr. pr. årsværk eller person pr. år, {level}",
            tickformat=",d",
            range=[0, float(panel["value"].max()) * 1.2],
            row=number,
            col=1,
        )
        fig.update_yaxes(
            type="category",
            showticklabels=False,
            showline=False,
            ticks="",
            showgrid=False,
            zeroline=False,
            row=number,
            col=1,
        )
    approximate = " Skraveret: ca.-tal." if amounts["approximate"].any() else ""
    fig.update_layout(height=plot_height + 175 + 120, margin=dict(l=20, r=30, t=175, b=120), showlegend=False)
    return charts.style(
        fig,
        title="Beløb pr. årsværk og pr. sagsbehandler, hvert notat i sit eget prisniveau",
        subtitle="Kr. pr. år, beregnet som beløb ÷ antal. Intet prisindeks i data: panelerne kan ikke "
        "sammenlignes direkte.",
        source="; ".join(_source_names(registry, amounts["source_id"])) + ". Beregnet." + approximate,
        alt=_alt_text(amounts),
    )


def _alt_text(amounts: pd.DataFrame) -> str:
    parts = ["Vandret søjlediagram med ét panel pr. prisniveau og hver sin akse."]
    for level in dict.fromkeys(amounts["price_level"]):
        panel = amounts[amounts["price_level"] == level]
        values = [
            f"{label}: {_mio(amount)} mio. kr. ÷ {divisor} = {_approx(fmt.kr(v, 1000), a)}"
            for label, amount, divisor, v, a in zip(
                panel["label"],
                panel["amount_mio_kr"],
                panel["divisor_text"],
                panel["value"],
                panel["approximate"],
            )
        ]
        parts.append(f"I {level}: {'; '.join(values)}.".replace("..", "."))
    parts.append(NO_INDEX)
    return " ".join(parts)


def training_figure(training: pd.DataFrame, registry: pd.DataFrame) -> go.Figure:
    """Caseworkers per centre who are to take part in the training (estimates, 'ca.')."""
    centres = training_by_centre(training).iloc[::-1]
    facts = training_facts(training)
    texts = [
        _approx(fmt.plain(v), a) for v, a in zip(centres["participants"], centres["participants_approximate"])
    ]
    specialists = [
        "ikke oplyst" if is_missing(s) else fmt.plain(s)
        for s in centres.get("specialists", [None] * len(centres))
    ]
    labels = [
        f"{charts.text(c)}<br>+ {s} borgermødespecialister" for c, s in zip(centres["centre"], specialists)
    ]
    fig = go.Figure(
        go.Bar(
            x=centres["participants"],
            y=labels,
            orientation="h",
            showlegend=False,
            marker=dict(color=charts.PALETTE[1]),
            text=[f"{t} sagsbehandlere" for t in texts],
            textposition="outside",
            cliponaxis=False,
            customdata=[[c, t, s] for c, t, s in zip(centres["centre"], texts, specialists)],
            hovertemplate="%{customdata[0]}: %{customdata[1]} sagsbehandlere (oplyst i kilden som ca.-tal); "
            "%{customdata[2]} borgermødespecialister<extra></extra>",
        )
    )
    fig.update_xaxes(
        title_text="Sagsbehandlere, der skal deltage (ca.)",
        tickformat=",d",
        range=[0, float(centres["participants"].max()) * 1.5],
    )
    fig.update_yaxes(automargin=True)
    fig.update_layout(height=420, bargap=0.4)
    title = (
        f"{facts.get('participants_total', 'Et ukendt antal').capitalize()} sagsbehandlere i "
        f"{facts['centre_count']} borgercentre skal opkvalificeres"
    )
    used = training[training["measure"].isin(["participants", "specialists"])]["source_id"]
    alt = (
        "Vandret søjlediagram over, hvor mange sagsbehandlere der forventes at deltage i opkvalificeringen: "
        + fmt.listing(
            [
                f"{c} {t} (og {s} borgermødespecialister)"
                for c, t, s in zip(centres["centre"][::-1], texts[::-1], specialists[::-1])
            ]
        )
        + f". I alt {facts.get('participants_total', 'ikke oplyst')}; alle antal er ca.-tal i kilden."
    )
    return charts.style(
        fig,
        title=title,
        subtitle="Forventede deltagere pr. borgercenter (ca.-tal), Københavns Kommune, Budget 2021",
        source="; ".join(_source_names(registry, used)) + ".",
        alt=alt,
    )


def chart_data(staffing: pd.DataFrame) -> pd.DataFrame:
    """The stated amounts and counts and the derived amounts per person, with provenance (the CSV)."""
    rows = []
    for _, item in staffing.iterrows():
        prov = {k: item[k] for k in ("kind", "source_id", "quote", "formula")}
        rows.append(
            {
                "item": item["label"],
                "measure": "Beløb pr. år",
                "value": float(item["amount_mio_kr"]),
                "unit": "mio. kr.",
                "price_level": item["price_level"],
                "approximate": False,
                **prov,
            }
        )
        if not is_missing(item["staff"]):
            rows.append(
                {
                    "item": item["label"],
                    "measure": f"Antal {STAFF_NOUN[item['staff_unit']]}",
                    "value": float(item["staff"]),
                    "unit": STAFF_NOUN[item["staff_unit"]],
                    "price_level": None,
                    "approximate": item["approximate"] == "yes",
                    **prov,
                }
            )
        if not is_missing(item["managers"]):
            rows.append(
                {
                    "item": item["label"],
                    "measure": "Antal afdelingsledere",
                    "value": float(item["managers"]),
                    "unit": "personer",
                    "price_level": None,
                    "approximate": False,
                    **prov,
                }
            )
    for _, row in unit_amounts(staffing).iterrows():
        rows.append(
            {
                "item": row["label"],
                "measure": f"Beløb pr. person ÷ {row['divisor_text']}",
                "value": row["value"],
                "unit": "kr. pr. år",
                "price_level": row["price_level"],
                "approximate": row["approximate"],
                "kind": "derived",
                "source_id": row["source_id"],
                "quote": row["quote"],
                "formula": row["formula"],
            }
        )
    return pd.DataFrame(rows)


def values_table(staffing: pd.DataFrame):
    """One row per stated amount (with its FTEs or caseworkers) and one per derived amount per
    person, each with its price level and provenance."""
    rows = []
    for _, item in staffing.iterrows():
        value = f"{_mio(item['amount_mio_kr'])} mio. kr. pr. år ({item['price_level']})"
        if not is_missing(item["staff"]):
            staff = _approx(fmt.plain(item["staff"], 1), item["approximate"] == "yes")
            value += f" svarende til {staff} {STAFF_NOUN[item['staff_unit']]}"
            if not is_missing(item["managers"]):
                value += f" og {fmt.plain(item['managers'])} afdelingsleder"
        rows.append(
            {
                "label": item["label"],
                "shown": value,
                **{k: item[k] for k in ("kind", "source_id", "quote", "formula")},
            }
        )
    for _, row in unit_amounts(staffing).iterrows():
        rows.append(
            {
                "label": row["label"],
                "shown": f"{_approx(fmt.kr(row['value'], 1000), row['approximate'])} "
                f"pr. person pr. år ({row['price_level']}), "
                f"delt på {row['divisor_text']}",
                **{k: row[k] for k in ("kind", "source_id", "quote", "formula")},
            }
        )
    return tables.with_sources(
        pd.DataFrame(rows),
        caption="Beløb og antal med kilder, prisniveau og beregninger",
        columns={"label": "Formål", "shown": "Værdi"},
    )


TRAINING_LABEL = {
    "participants": "Sagsbehandlere i opkvalificeringen",
    "specialists": "Borgermødespecialister",
    "competence_funding": "Kompetenceudvikling og metoder til borgerinddragelse",
    "specialist_funding": "Borgermødespecialister, beløb",
    "participants_total": "Sagsbehandlere i opkvalificeringen i alt",
    "specialists_total": "Borgermødespecialister i alt",
    "funding_per_specialist": "Beløb pr. borgermødespecialist",
}


def training_data(training: pd.DataFrame) -> pd.DataFrame:
    """The training plan's stated values and unambiguous totals, with provenance (table and CSV)."""
    derived = training_derived(training).assign(centre=None, first_year=None, last_year=None)
    rows = pd.concat(
        [training.assign(approximate=training["approximate"] == "yes"), derived], ignore_index=True
    )
    return rows.assign(measure=rows["measure"].map(TRAINING_LABEL).fillna(rows["measure"]))[
        [
            "measure",
            "centre",
            "value",
            "unit",
            "approximate",
            "price_level",
            "first_year",
            "last_year",
            "kind",
            "source_id",
            "quote",
            "formula",
        ]
    ]


def _training_value(row: pd.Series) -> str:
    if row["unit"] in ("1000 kr", "mio. kr", "kr"):
        amount = (
            f"{_mio(float(row['value']) / 1000)} mio. kr."
            if row["unit"] == "1000 kr"
            else f"{_mio(row['value'])} mio. kr."
            if row["unit"] == "mio. kr"
            else fmt.kr(row["value"], 1000)
        )
        period = (
            ""
            if is_missing(row["first_year"])
            else f" {year_span(int(row['first_year']), int(row['last_year']))}"
        )
        return f"{amount} pr. år{period} ({row['price_level']})"
    return _approx(fmt.plain(row["value"]), bool(row["approximate"]))


def training_table(data: pd.DataFrame):
    shown = data.assign(
        what=[m if is_missing(c) else f"{m}, {c}" for m, c in zip(data["measure"], data["centre"])],
        shown=[_training_value(r) for _, r in data.iterrows()],
    )
    return tables.with_sources(
        shown,
        caption="Opkvalificering og borgermødespecialister (SO49) med kilder",
        columns={"what": "Størrelse", "shown": "Værdi"},
    )
