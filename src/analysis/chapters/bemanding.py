"""Bemanding og enhedsomkostninger: what the budget notes set aside per FTE or caseworker, each
note in its own price level, whether stated parts add up to stated totals, and SO49's training plan."""

from __future__ import annotations

import html
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
from IPython.display import HTML
from plotly.subplots import make_subplots

from analysis.calc import staffing as calc
from analysis.data import DataFolder, is_missing
from analysis.data.registry import short_titles
from analysis.facts import Fact, combined, derived, of_row, of_rows, registry
from analysis.present import charts, danish, tables
from analysis.present.prose import capitalised, listing, say, sources_named, user_mark, written
from analysis.vocabulary import BY_LABEL, KIND_LABEL, PROVENANCE, STAFF_NOUN, price_label, year_span

DATASETS = ("staffing", "training", "price_index", "assumptions")
NO_INDEX = (
    "Data indeholder intet prisindeks, så beløb i forskellige prisniveauer hverken lægges sammen, "
    "omregnes eller sammenlignes direkte."
)
INDEX_UNUSED = (
    "Data indeholder et prisindeks, men kapitlet omregner ikke beløbene med det: hvert notat står i sit "
    "eget prisniveau, og beløb i forskellige prisniveauer lægges ikke sammen eller sammenlignes direkte."
)
PERMANENCE = {"temporary": "midlertidig", "permanent": "permanent"}
TRAINING_LABEL = {
    "participants": "Sagsbehandlere i opkvalificeringen",
    "specialists": "Borgermødespecialister",
    "competence_funding": "Kompetenceudvikling og metoder til borgerinddragelse",
    "specialist_funding": "Borgermødespecialister, beløb",
    "participants_total": "Sagsbehandlere i opkvalificeringen i alt",
    "specialists_total": "Borgermødespecialister i alt",
    "funding_per_specialist": "Beløb pr. borgermødespecialist",
}
COLUMNS = {
    "bemanding": [
        "item",
        "measure",
        "value",
        "unit",
        "price_level",
        "approximate",
        "value_text",
        *PROVENANCE,
    ],
    "opkvalificering": ["measure", "centre", "value", "unit", "approximate", "price_level", "first_year"]
    + ["last_year", "value_text", *PROVENANCE],
}


@dataclass(frozen=True, eq=False)
class Result:
    staffing: pd.DataFrame
    amounts: pd.DataFrame  # amounts per person, with their divisor and arithmetic in words
    part_sums: pd.DataFrame
    training: pd.DataFrame
    centres: pd.DataFrame  # participants and specialists per centre
    training_derived: pd.DataFrame  # the training plan's totals, with their arithmetic
    registry: pd.DataFrame
    price_index: pd.DataFrame | None = None  # a user's price index (the chapter does not convert with it)


def problems(data: DataFolder) -> list:
    """What `compute` needs beyond the schemas: nothing (see build/preflight.py)."""
    return []


def compute(data: DataFolder) -> Result:
    staffing, training = data.load("staffing"), data.load("training")
    derived_rows = calc.training_derived(training)
    return Result(
        staffing,
        _described(calc.unit_amounts(staffing)),
        calc.part_sums(staffing),
        training,
        calc.training_by_centre(training),
        derived_rows.assign(formula=[_training_formula(r) for r in derived_rows.to_dict("records")]),
        data.sources(),
        data.load("price_index"),
    )


def mio(value: float) -> str:
    """Millions as the notes write them: 15; 4,30; 12,25."""
    return danish.auto(value, 2)


def _approx(text: str, approximate: bool) -> str:
    return f"ca. {text}" if approximate else text


def _described(amounts: pd.DataFrame) -> pd.DataFrame:
    """Each amount per person with its divisor and arithmetic in words."""
    rows = []
    for row in amounts.to_dict("records"):
        noun, count, amount = (
            STAFF_NOUN[row["staff_unit"]],
            danish.plain(row["staff"], 1),
            mio(row["amount_mio_kr"]),
        )
        if is_missing(row["managers"]):
            text, divisor = _approx(f"{count} {noun}", row["approximate"]), count
        elif row["variant"] == "all":
            managers = danish.plain(row["managers"])
            leaders = "afdelingsleder" if row["managers"] == 1 else "afdelingsledere"
            text = f"{danish.plain(row['divisor'])} personer ({count} {noun} + {managers} {leaders})"
            divisor = f"({count} + {managers})"
        else:
            the_leaders = "afdelingslederen" if row["managers"] == 1 else "afdelingslederne"
            text, divisor = f"{count} {noun} (uden {the_leaders})", count
        rows.append({**row, "divisor_text": text, "formula": f"{amount} × 1.000.000 ÷ {divisor}"})
    return pd.DataFrame(rows, columns=[*amounts.columns, "divisor_text"])


def _training_formula(row) -> str:
    terms = " + ".join(danish.plain(v) for v in row["terms"])
    if row["measure"] != "funding_per_specialist":
        return terms
    return f"{danish.plain(row['amount'])} × {danish.number(row['factor'])} ÷ ({terms})"


# --- Facts for the prose -------------------------------------------------------------------------


def facts(result: Result) -> dict[str, Fact]:
    found = _facts(result)
    return found | {"headline": _headline(found)}


def _facts(result: Result) -> dict[str, Fact]:
    """Every fact the prose may use: per amount, per amount per person, per stated total, and the
    training plan's counts and amounts (the page glues those its prose uses)."""
    found: dict[str, Fact] = {}
    for item in result.staffing.to_dict("records"):
        found |= _item_facts(item)
    for row in result.amounts.to_dict("records"):
        key = row["item_id"] + ("_per_caseworker" if row["variant"] == "caseworkers" else "_per_person")
        value = Fact(
            row["value"], "kr_thousands", derived(row["formula"], of_row(row)), approximate=row["approximate"]
        )
        exact = _approx(danish.number(row["value"]), row["approximate"])
        found |= {
            key: value,
            f"{key}_divisor": Fact(row["divisor_text"], "text", of_row(row)),
            f"{key}_formula": Fact(f"{row['formula']} = {exact} kr.", "text", value.provenance),
        }
    for check in result.part_sums.to_dict("records"):
        found |= _part_sum_facts(check, result.staffing)
    levels = sorted(set(result.staffing["price_level"]))
    every = of_rows(result.staffing)
    found["price_levels"] = listing([price_label(level) for level in levels], every)
    found["price_level_count"] = Fact(len(levels), "number", derived("optalt", every))
    found["no_index"] = _index_fact(result)
    notes = [
        sources_named(of_rows(r), result.registry)
        for _, r in result.staffing.groupby("source_id", sort=False)
    ]
    found["notes_named"] = say(
        "{n} budgetnotater, {names}" if len(notes) != 1 else "{n} budgetnotat, {names}",
        n=Fact(
            len(notes), "number", combined([registry(i) for i in dict.fromkeys(result.staffing["source_id"])])
        ),
        names=listing(notes, every),
    )
    found["price_level_paragraph"] = _price_level_paragraph(result, found)
    found["per_person_summary"] = _per_person_summary(result)
    found["index_paragraph"] = (
        Fact(
            "Først med et prisindeks, som brugeren leverer (fx KL’s pris- og lønskøn), kan beløbene fra "
            "notaterne omregnes til samme prisniveau. Indtil da står de side om side og sammenlignes ikke.",
            "text",
            found["no_index"].provenance,
        )
        if result.price_index is None
        else found["no_index"]
    )
    return found | _training_facts(result)


def _index_fact(result: Result) -> Fact:
    if result.price_index is None:
        return Fact(NO_INDEX, "text", derived("intet prisindeks (price_index.csv) i data"))
    # The sentence states no number of the index: it rests on the index being there, not on its values.
    return Fact(INDEX_UNUSED, "text", derived("prisindeks (price_index.csv) i data, ikke brugt"))


def _price_level_paragraph(result: Result, found: dict[str, Fact]) -> Fact:
    """Which note is in which price level, from the rows; how the chapter keeps them apart."""
    staffing = result.staffing
    groups = [
        say(
            "beløbene i {note}{verb} i {levels}",
            note=danish.write(sources_named(of_rows(rows), result.registry)) or "data",
            verb=" er" if number == 0 else "",
            levels=listing([price_label(v) for v in dict.fromkeys(rows["price_level"])], of_rows(rows)),
        )
        for number, (_, rows) in enumerate(staffing.groupby("source_id", sort=False))
    ]
    if not groups:
        return say("Data indeholder ingen beløb med årsværk eller sagsbehandlere.", of_rows(staffing))
    joined = Fact(", ".join(written(g) for g in groups), "text", of_rows(staffing))
    text = say("{groups} (pris- og lønniveau).", groups=capitalised(joined))
    if found["price_level_count"].value < 2:
        return say("{text} Alle beløb er i samme prisniveau.", text=text)
    return say(
        "{text} {index} Bogen viser derfor de {n} prisniveauer side om side, men i hvert sit panel med "
        "sin egen akse, og lægger aldrig beløb i forskellige prisniveauer sammen.",
        text=text,
        index=found["no_index"],
        n=found["price_level_count"],
    )


def _per_person_summary(result: Result) -> Fact:
    """Per note, the range of the amounts per person: what the notes set aside, not a salary."""
    amounts = result.amounts
    if amounts.empty:
        return say("Data indeholder ingen beløb, der kan deles ud på årsværk eller sagsbehandlere.")
    parts = []
    for _, rows in amounts.groupby("source_id", sort=False):
        based = derived("beløb × 1.000.000 ÷ antal", of_rows(rows))
        low, high = (round(v / 1000) * 1000 for v in (rows["value"].min(), rows["value"].max()))
        approx = bool(rows["approximate"].any())
        amount = (
            say("{low}–{high} kr.", low=Fact(low, "number", based), high=Fact(high, "number", based))
            if low != high
            else say("{low} kr.", low=Fact(low, "number", based))
        )
        parts.append(
            say(
                "i {note} {amount} ({n} beløb{approx}, {levels})",
                note=danish.write(sources_named(of_rows(rows), result.registry)) or "data",
                amount=amount,
                approx=", heraf et ca.-tal" if approx else "",
                n=Fact(len(rows), "number", derived("optalt", of_rows(rows))),
                levels=", ".join(price_label(v) for v in dict.fromkeys(rows["price_level"])),
            )
        )
    return say(
        "Bevillingen delt på de årsværk eller sagsbehandlere, notaterne nævner, giver pr. person pr. år "
        "{parts}. Det er bevillingen delt ud, ikke en løn.",
        parts=listing(parts, of_rows(amounts)),
    )


def _headline(found: dict[str, Fact]) -> Fact:
    """The chapter's finding on the front page, made of its facts."""
    return say("{summary} {index}", summary=found["per_person_summary"], index=found["no_index"])


def _item_facts(item) -> dict[str, Fact]:
    key, stated = item["item_id"], of_row(item)
    found = {
        f"{key}_amount": Fact(f"{mio(item['amount_mio_kr'])} mio. kr.", "text", stated),
        f"{key}_price_level": Fact(price_label(item["price_level"]), "text", stated),
    }
    if not is_missing(item["staff"]):
        found[f"{key}_staff"] = Fact(
            item["staff"], "plain", stated, decimals=1, approximate=item["approximate"] == "yes"
        )
    if not is_missing(item["managers"]):
        found[f"{key}_managers"] = Fact(item["managers"], "plain", stated)
    return found


def _part_sum_facts(check, staffing: pd.DataFrame) -> dict[str, Fact]:
    key = check["item_id"]
    rows = staffing[(staffing["item_id"] == key) | (staffing["part_of"] == key)]
    formula = " + ".join(mio(v) for v in check["parts"])
    based_on = derived(formula, of_rows(rows))
    stated = mio(check["stated"])
    if abs(check["difference"]) < 0.005:
        verdict = say("Det stemmer med den anbefalede bevilling på {s} mio. kr.", based_on, s=stated)
    else:
        verdict = say(
            "Det stemmer IKKE med den anbefalede bevilling på {s} mio. kr. (forskel {d} mio. kr.).",
            based_on,
            s=stated,
            d=mio(check["difference"]),
        )
    return {
        f"{key}_parts": Fact(f"{formula} = {mio(check['parts_sum'])} mio. kr.", "text", based_on),
        f"{key}_check": verdict,
    }


def _centre_key(centre: str) -> str:
    known = BY_LABEL.get(centre)
    return (known.key if known else centre.lower()).replace("-", "_").replace(" ", "_")


def _training_facts(result: Result) -> dict[str, Fact]:
    training, centres = result.training, result.centres
    people = of_rows(training[training["measure"].isin(calc.PEOPLE)])
    found: dict[str, Fact] = {}
    for centre in centres.to_dict("records"):
        key = _centre_key(centre["centre"])
        found[f"participants_{key}"] = Fact(
            centre["participants"], "plain", people, approximate=centre["participants_approximate"]
        )
        found[f"specialists_{key}"] = Fact(centre.get("specialists"), "plain", people)
    found["centre_count"] = Fact(len(centres), "number", derived("optalt", people))
    per_centre = set(centres.get("specialists", pd.Series(dtype=float)).dropna())
    found["specialists_per_centre"] = (
        Fact(per_centre.pop(), "plain", people)
        if len(per_centre) == 1
        else say("et forskelligt antal", people)
    )
    found |= _training_totals(result) | _training_amounts(training)
    return found | {
        "training_paragraph": _training_paragraph(result, found),
        "specialists_paragraph": _specialists_paragraph(result, found),
    }


def _training_paragraph(result: Result, found: dict[str, Fact]) -> Fact:
    centres = result.centres
    people = of_rows(result.training[result.training["measure"] == "participants"])
    if centres.empty or "participants" not in centres or centres["participants"].isna().all():
        text = say("Data indeholder intet antal sagsbehandlere, der skal opkvalificeres.", people)
    else:
        parts = [
            say(
                "{n} sagsbehandlere i {c}" if i == 0 else "{n} i {c}",
                n=Fact(r["participants"], "plain", people, approximate=r["participants_approximate"]),
                c=r["centre"],
            )
            if not pd.isna(r["participants"])
            else say("et antal, som data ikke oplyser, i {c}", people, c=r["centre"])
            for i, r in enumerate(centres.to_dict("records"))
        ]
        total = (
            say(
                ", i alt {t} ({f}; en sum af ca.-tal er selv et ca.-tal)"
                if found["participants_total"].approximate
                else ", i alt {t} ({f})",
                t=found["participants_total"],
                f=found["participants_formula"],
            )
            if "participants_total" in found
            else ". Summen kan ikke regnes ud, fordi et af antallene mangler"
        )
        text = say(
            "Forvaltningen forventer, at {parts} skal deltage i opkvalificeringen{total}.",
            parts=listing(parts, people),
            total=total,
        )
    if "competence_funding" not in found:
        return say("{text} Data indeholder intet beløb til kompetenceudvikling.", text=text)
    return say(
        "{text} Til kompetenceudvikling og metoder til borgerinddragelse afsættes {a} om året i {p} ({l}).",
        text=text,
        a=found["competence_funding"],
        p=found["competence_funding_period"],
        l=found["competence_funding_price_level"],
    )


def _specialists_paragraph(result: Result, found: dict[str, Fact]) -> Fact:
    if "specialists_total" not in found:
        return say(
            "Data indeholder ikke et antal borgermødespecialister for hvert borgercenter.",
            of_rows(result.training),
        )
    text = say(
        "Desuden foreslås {per} borgermødespecialister i hvert af de {n} borgercentre, i alt {t} ({f})",
        per=found["specialists_per_centre"],
        n=found["centre_count"],
        t=found["specialists_total"],
        f=found["specialists_formula"],
    )
    if "specialist_funding" not in found:
        return say("{text}. Data indeholder intet beløb til dem.", text=text)
    text = say(
        "{text}, for {a} om året i {p} ({l}).",
        text=text,
        a=found["specialist_funding"],
        p=found["specialist_funding_period"],
        l=found["specialist_funding_price_level"],
    )
    if "funding_per_specialist" not in found:
        return text
    return say(
        "{text} Det svarer til {v} pr. specialist pr. år ({f}); også det er bevillingen delt ud, "
        "ikke en løn.",
        text=text,
        v=found["funding_per_specialist"],
        f=found["funding_per_specialist_formula"],
    )


def _training_totals(result: Result) -> dict[str, Fact]:
    found = {}
    for row in result.training_derived.to_dict("records"):
        basis = derived(row["formula"], of_row(row))
        if row["measure"] == "participants_total":
            found["participants_total"] = Fact(row["value"], "plain", basis, approximate=row["approximate"])
            found["participants_formula"] = Fact(
                f"{row['formula']} = {danish.plain(row['value'])}", "text", basis
            )
        elif row["measure"] == "specialists_total":
            found["specialists_total"] = Fact(row["value"], "plain", basis)
            found["specialists_formula"] = Fact(
                f"{row['formula']} = {danish.plain(row['value'])}", "text", basis
            )
        else:
            found["funding_per_specialist"] = Fact(row["value"], "kr_thousands", basis)
            formula = f"{row['formula']} = {danish.number(row['value'])} kr."
            found["funding_per_specialist_formula"] = Fact(formula, "text", basis)
    return found


def _training_amounts(training: pd.DataFrame) -> dict[str, Fact]:
    found = {}
    for measure in ("competence_funding", "specialist_funding"):
        row = calc.training_funding(training, measure)
        if row is not None:
            stated = of_row(row)
            in_mio = float(row["value"]) / calc.KR_PER_UNIT["mio. kr"] * calc.KR_PER_UNIT[row["unit"]]
            found[measure] = Fact(f"{mio(in_mio)} mio. kr.", "text", stated)
            found[f"{measure}_period"] = Fact(
                (int(row["first_year"]), int(row["last_year"])), "year_span", stated
            )
            found[f"{measure}_price_level"] = Fact(price_label(row["price_level"]), "text", stated)
    return found


# --- Every amount, note by note: one block, whatever items the data hold ---------------------------

STAFF_SINGULAR = {"fte": "årsværk", "persons": "sagsbehandler"}


def _amount_text(item) -> str:
    mark = user_mark(of_row(item))
    return f"{mio(item['amount_mio_kr'])} mio. kr." + (f" ({mark})" if mark else "")


def _per_person(row, item) -> tuple[str, str]:
    """An amount per person as the prose writes it (with a mark if the item is the user's) and its
    arithmetic."""
    value = Fact(
        row["value"], "kr_thousands", derived(row["formula"], of_row(item)), approximate=row["approximate"]
    )
    exact = _approx(danish.number(row["value"]), row["approximate"])
    return written(value), f"{row['formula']} = {exact} kr."


def _item_sentence(item, amounts: pd.DataFrame) -> str:
    mine = amounts[amounts["item_id"] == item["item_id"]].set_index("variant")
    amount = _amount_text(item)
    if mine.empty:
        return f"{amount}; notatet nævner intet antal årsværk eller sagsbehandlere for beløbet."
    unit = item["staff_unit"]
    staff = _approx(danish.plain(item["staff"], 1), item["approximate"] == "yes")
    if "caseworkers" not in mine.index:
        value, formula = _per_person(mine.loc["all"].to_dict(), item)
        per = STAFF_SINGULAR[unit]
        text = (
            f"{staff} {STAFF_NOUN[unit]} svarende til {amount}, det vil sige {value} pr. {per} ({formula})."
        )
        if item["approximate"] == "yes":
            text += f" Antallet er et skøn i notatet, så beløbet pr. {STAFF_SINGULAR[unit]} er det også."
        return text
    managers = danish.plain(item["managers"])
    leader = "afdelingsleder" if item["managers"] == 1 else "afdelingsledere"
    everyone, alone = mine.loc["all"].to_dict(), mine.loc["caseworkers"].to_dict()
    (all_value, all_formula), (cw_value, cw_formula) = _per_person(everyone, item), _per_person(alone, item)
    return (
        f"{amount} svarer ifølge notatet til {staff} {STAFF_NOUN[unit]} og {managers} {leader}. "
        "Notatet siger ikke, hvordan beløbet fordeles mellem sagsbehandlerne og ledelsen, så bogen "
        "viser to divisorer: "
        f"alle {everyone['divisor_text']}: {all_formula}, afrundet {all_value} pr. person; kun "
        f"{alone['divisor_text']}: {cw_formula}, afrundet {cw_value} pr. sagsbehandler."
    )


def _item_html(item, result: Result) -> str:
    permanence = PERMANENCE.get(item["permanence"], "")
    head = f"<strong>{html.escape(str(item['label']))}</strong>" + (f" ({permanence})" if permanence else "")
    body = html.escape(_item_sentence(item, result.amounts))
    parts = result.staffing[result.staffing["part_of"] == item["item_id"]]
    if parts.empty:
        return f"<li>{head}: {body}</li>"
    check = result.part_sums.set_index("item_id").loc[item["item_id"]].to_dict() | {
        "item_id": item["item_id"]
    }
    sums = _part_sum_facts(check, result.staffing)
    nested = "".join(_item_html(part, result) for part in parts.to_dict("records"))
    summary = html.escape(
        written(
            say(
                "Delene giver tilsammen {parts}. {check} Delene og summen er i samme prisniveau.",
                parts=sums[item["item_id"] + "_parts"],
                check=sums[item["item_id"] + "_check"],
            )
        )
    )
    return f"<li>{head}: {body}<ul>{nested}</ul><p>{summary}</p></li>"


def items_block(result: Result) -> HTML:
    """Every amount of every note, in the note's own price level: the FTEs or caseworkers it names,
    the amount per person with its arithmetic, and whether stated parts add up to their total."""
    staffing = result.staffing
    if staffing.empty:
        return HTML("<p>Data indeholder ingen beløb med årsværk eller sagsbehandlere.</p>")
    blocks = []
    for source_id, rows in staffing.groupby("source_id", sort=False):
        note = danish.write(sources_named(of_rows(rows), result.registry)) or str(source_id)
        levels = danish.listing([price_label(v) for v in dict.fromkeys(rows["price_level"])])
        top = rows[rows["part_of"].isna()]
        items = "".join(_item_html(item, result) for item in top.to_dict("records"))
        blocks.append(
            f'<p class="note-heading"><strong>{html.escape(note)}</strong> '
            f"(beløb i {html.escape(levels)})</p>"
            f'<ul class="findings">{items}</ul>'
        )
    return HTML("".join(blocks))


# --- The figure of amounts per person ------------------------------------------------------------


def figure(result: Result) -> go.Figure:
    """The amount per FTE or caseworker, one panel per price level, each with its own axis:
    the panels sit together but are not on a common scale of money. Each bar's label stands
    above it, so the bars keep the page's full width."""
    amounts = result.amounts
    levels = list(dict.fromkeys(amounts["price_level"]))
    counts = [int((amounts["price_level"] == level).sum()) for level in levels]
    # Pixel layout: 90 px per bar (label above it), 130 px between panels (axis title, next panel's title).
    plot_height = 90 * len(amounts) + 130 * (len(levels) - 1)
    fig = make_subplots(rows=len(levels), cols=1, vertical_spacing=130 / plot_height, row_heights=counts)
    for number, level in enumerate(levels, start=1):
        panel = amounts[amounts["price_level"] == level].iloc[::-1]  # first item on top
        _panel(fig, panel, number, result.registry)
    approximate = " Skraveret: ca.-tal." if amounts["approximate"].any() else ""
    fig.update_layout(height=plot_height + 175 + 120, margin=dict(l=20, r=30, t=175, b=120), showlegend=False)
    return charts.style(
        fig,
        title="Beløb pr. årsværk og pr. sagsbehandler, hvert notat i sit eget prisniveau",
        subtitle="Kr. pr. år, beregnet som beløb ÷ antal. "
        + (
            "Intet prisindeks i data: panelerne kan ikke sammenlignes direkte."
            if result.price_index is None
            else "Beløbene er ikke omregnet med prisindekset: panelerne kan ikke sammenlignes direkte."
        ),
        source="; ".join(short_titles(result.registry, amounts["source_id"]))
        + (
            ". Beregnet af brugerleverede tal."
            if (result.staffing["kind"] == "user-supplied").any()
            else ". Beregnet."
        )
        + approximate,
        alt=_alt_text(amounts, _index_fact(result).value),
    )


LABEL_CHARACTERS = 85  # a bar's label per line, at 12 px in the book's column


def _panel(fig: go.Figure, panel: pd.DataFrame, number: int, registry: pd.DataFrame) -> None:
    level = price_label(panel["price_level"].iloc[0])
    axis = "" if number == 1 else str(number)
    keys = [f"bar-{i}" for i in panel.index]  # hidden category per bar; the label is an annotation
    texts = [_approx(danish.kr(v, 1000), a) for v, a in zip(panel["value"], panel["approximate"])]
    fig.add_trace(
        go.Bar(
            x=panel["value"],
            y=keys,
            orientation="h",
            name=charts.text(level),
            showlegend=False,
            width=0.45,
            marker=dict(
                color=charts.PALETTE[(number - 1) % len(charts.PALETTE)],
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
    for key, row in zip(keys, panel.to_dict("records")):
        fig.add_annotation(
            x=0,
            y=key,
            xref=f"x{axis}",
            yref=f"y{axis}",
            yshift=21,
            xanchor="left",
            yanchor="bottom",
            align="left",
            font=charts.LABEL_FONT,
            # A long label wraps (it stands over its bar, which leaves room for two lines).
            text=" <br>".join(
                charts.text(line)
                for line in charts.wrapped(
                    f"{row['label']}: {mio(row['amount_mio_kr'])} mio. kr. ÷ {row['divisor_text']}",
                    LABEL_CHARACTERS,
                )
            ),
        )
    sources = danish.listing(short_titles(registry, panel["source_id"], keep_order=True))
    fig.add_annotation(
        x=0,
        y=1,
        xref=f"x{axis} domain",
        yref=f"y{axis} domain",
        yshift=30,
        xanchor="left",
        yanchor="bottom",
        font=charts.HEADING_FONT,
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


def _alt_text(amounts: pd.DataFrame, index_note: str) -> str:
    parts = ["Vandret søjlediagram med ét panel pr. prisniveau og hver sin akse."]
    for level in dict.fromkeys(amounts["price_level"]):
        panel = amounts[amounts["price_level"] == level]
        values = [
            f"{r['label']}: {mio(r['amount_mio_kr'])} mio. kr. ÷ {r['divisor_text']} = "
            f"{_approx(danish.kr(r['value'], 1000), r['approximate'])}"
            for r in panel.to_dict("records")
        ]
        parts.append(f"I {price_label(level)}: {'; '.join(values)}.".replace("..", "."))
    parts.append(index_note)
    return " ".join(parts)


# --- The figure of the training plan -------------------------------------------------------------


def _people_kind(result: Result) -> str:
    """What kind the training plan's counts are, for the hover: stated (as ca.-tal) or the user's."""
    people = result.training[result.training["measure"].isin(calc.PEOPLE)]
    if (people["kind"] == "user-supplied").any():
        return KIND_LABEL["user-supplied"]
    return "oplyst i kilden som ca.-tal" if (people["approximate"] == "yes").any() else KIND_LABEL["stated"]


def training_figure(result: Result) -> go.Figure:
    """Caseworkers per centre who are to take part in the training (estimates, 'ca.')."""
    centres = result.centres.iloc[::-1]
    texts = [
        _approx(danish.plain(v), a)
        for v, a in zip(centres["participants"], centres["participants_approximate"])
    ]
    specialists = [
        danish.MISSING if is_missing(s) else danish.plain(s)
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
            hovertemplate="%{customdata[0]}: %{customdata[1]} sagsbehandlere (" + _people_kind(result) + "); "
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
    totals = _training_totals(result)
    total = danish.write(totals["participants_total"]) if "participants_total" in totals else None
    used = result.training[result.training["measure"].isin(calc.PEOPLE)]["source_id"]
    listed = [
        f"{c} {t} (og {s} borgermødespecialister)"
        for c, t, s in zip(centres["centre"][::-1], texts[::-1], specialists[::-1])
    ]
    return charts.style(
        fig,
        title=f"{(total or 'Et ukendt antal').capitalize()} sagsbehandlere i {danish.number(len(centres))} "
        "borgercentre skal opkvalificeres",
        subtitle="Forventede deltagere pr. borgercenter, Københavns Kommune",
        source="; ".join(short_titles(result.registry, used)) + ".",
        alt="Vandret søjlediagram over, hvor mange sagsbehandlere der forventes at deltage i "
        "opkvalificeringen: "
        + danish.listing(listed)
        + f". I alt {total or danish.MISSING}; alle antal er ca.-tal i kilden.",
    )


# --- The values behind the figures ---------------------------------------------------------------


def values(result: Result) -> pd.DataFrame:
    """The stated amounts and counts and the derived amounts per person (figure "bemanding"), and
    the training plan's values and totals ("opkvalificering"), each with its provenance."""
    return pd.concat(
        [
            _staffing_values(result).assign(figure="bemanding"),
            _training_values(result).assign(figure="opkvalificering"),
        ],
        ignore_index=True,
    )


def _staffing_values(result: Result) -> pd.DataFrame:
    rows = []
    for item in result.staffing.to_dict("records"):
        prov = {k: item[k] for k in PROVENANCE}
        level = price_label(item["price_level"])
        amount = float(item["amount_mio_kr"])
        rows.append(
            {"item": item["label"], "measure": "Beløb pr. år", "value": amount, "unit": "mio. kr."}
            | {
                "price_level": level,
                "approximate": False,
                "value_text": f"{mio(amount)} mio. kr. pr. år ({level})",
            }
            | prov
        )
        if not is_missing(item["staff"]):
            approximate = item["approximate"] == "yes"
            noun = STAFF_NOUN[item["staff_unit"]]
            rows.append(
                {
                    "item": item["label"],
                    "measure": f"Antal {noun}",
                    "value": float(item["staff"]),
                    "unit": noun,
                }
                | {"price_level": None, "approximate": approximate}
                | {"value_text": f"{_approx(danish.plain(item['staff'], 1), approximate)} {noun}"}
                | prov
            )
        if not is_missing(item["managers"]):
            rows.append(
                {"item": item["label"], "measure": "Antal afdelingsledere", "value": float(item["managers"])}
                | {"unit": "personer", "price_level": None, "approximate": False}
                | {"value_text": f"{danish.plain(item['managers'])} afdelingsleder"}
                | prov
            )
    for row in result.amounts.to_dict("records"):
        level = price_label(row["price_level"])
        rows.append(
            {
                "item": row["label"],
                "measure": f"Beløb pr. person ÷ {row['divisor_text']}",
                "value": row["value"],
            }
            | {"unit": "kr. pr. år", "price_level": level, "approximate": row["approximate"]}
            | {
                "value_text": f"{_approx(danish.kr(row['value'], 1000), row['approximate'])} pr. "
                f"person pr. år ({level})"
            }
            | {k: row[k] for k in PROVENANCE}
        )
    return pd.DataFrame(rows)


def _training_values(result: Result) -> pd.DataFrame:
    derived_rows = result.training_derived.assign(centre=None, first_year=None, last_year=None)
    rows = pd.concat(
        [result.training.assign(approximate=result.training["approximate"] == "yes"), derived_rows],
        ignore_index=True,
    )
    rows = rows.assign(
        value_text=[_training_value(r) for r in rows.to_dict("records")],
        price_level=[None if is_missing(level) else price_label(level) for level in rows["price_level"]],
    )
    return rows.assign(measure=rows["measure"].map(TRAINING_LABEL).fillna(rows["measure"]))


def _training_value(row) -> str:
    if row["unit"] not in calc.KR_PER_UNIT:
        return _approx(danish.plain(row["value"]), bool(row["approximate"]))
    kroner = float(row["value"]) * calc.KR_PER_UNIT[row["unit"]]
    amount = danish.kr(kroner, 1000) if row["unit"] == "kr" else f"{mio(kroner / 1_000_000)} mio. kr."
    period = (
        ""
        if is_missing(row["first_year"])
        else f" {year_span(int(row['first_year']), int(row['last_year']))}"
    )
    return f"{amount} pr. år{period} ({price_label(row['price_level'])})"


def table(result: Result, figure: str = "bemanding") -> HTML:
    rows = tables.of_figure(values(result), figure)
    if figure == "opkvalificering":
        what = [m if is_missing(c) else f"{m}, {c}" for m, c in zip(rows["measure"], rows["centre"])]
        return tables.with_sources(
            rows.assign(what=what),
            caption="Opkvalificering og borgermødespecialister (SO49) med kilder",
            columns={"what": "Størrelse", "value_text": "Værdi"},
        )
    return tables.with_sources(
        rows,
        caption="Beløb og antal med kilder, prisniveau og beregninger",
        columns={"item": "Formål", "measure": "Størrelse", "value_text": "Værdi"},
    )


DOWNLOADS = {"bemanding": "bemanding.csv", "opkvalificering": "opkvalificering.csv"}
# The columns that name a row of each download in the numbers ledger.
KEYS = {"bemanding": ("item", "measure"), "opkvalificering": ("measure", "centre")}


def download(result: Result, figure: str = "bemanding") -> HTML:
    rows = tables.of_figure(values(result), figure, COLUMNS[figure])
    return tables.csv_download(rows, DOWNLOADS[figure], key=KEYS[figure])
