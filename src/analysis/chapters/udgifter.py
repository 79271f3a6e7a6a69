"""Udgifter i budgetnotaterne: the notes' cost tables as printed, every printed sum recomputed, the
amounts by activity and year (one set of charts per note: two notes in different price levels never
share an axis), the capital project's timeline, and the notes compared in one price level where a
user supplies a price index."""

from __future__ import annotations

import html
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
from IPython.display import HTML

from analysis.calc import costs, price_levels, schedule
from analysis.claims import needs
from analysis.claims.printed_sums import described, sum_counts, sum_text, table_names
from analysis.data import DataError, DataFolder, is_missing
from analysis.data.registry import entry, short_title
from analysis.facts import Fact, Provenance, combined, derived, of_row, of_rows, registry
from analysis.present import charts, danish, page, tables
from analysis.present.prose import listing, say, written
from analysis.vocabulary import (
    AGREES,
    AREA_LABEL,
    KIND_LABEL,
    PROVENANCE,
    SIGN_TURNED,
    UNIT_LABEL,
    price_label,
    quarter_label,
    year_span,
)

DATASETS = ("budget_lines", "note_figures", "capital_schedule", "price_index", "assumptions")
# A fill pattern per activity, so the stacked parts differ by more than colour.
PATTERNS = ["", "/", "\\", "x", ".", "-", "|", "+"]
NET_LABEL = "Netto i alt (beregnet)"
BAR_WIDTH = 0.55
NET_OFFSET = 0.42  # the net marker stands in the gap right of its year's bar
HOW_TO_SUPPLY = (
    "Læg en fil price_index.csv i en datamappe (kolonnerne year, index, kind, source_id, quote og "
    "formula; ét indekstal pr. prisniveau, fx fra KL's pris- og lønskøn, med kilden tilføjet i "
    "sources/registry.csv), og byg bogen med python -m analysis build --data MAPPE."
)
COLUMNS = {
    "noter": ["note", "activity", "year", "amount", "price_level", *PROVENANCE],
    "tidsplan": ["table_id", "table_title", "row_id", "position", "label", "year", "quarter", "scheduled"]
    + list(PROVENANCE),
    "summer": ["table_id", "table", "row_id", "label", "column", "check", "what", "stated", "recomputed"]
    + ["difference", "status", "sum"],
}
# The columns that describe a table row, with their header; a column with one value in every row
# is said once in the caption instead, so the table keeps to the page's width.
DESCRIPTIVE = {
    "area": "Styringsområde",
    "committee": "Udvalg",
    "appropriation": "Bevilling",
    "income_expense": "I/U",
}
AREA_WORDS = {"service": "serviceområdet", "capital": "anlægsområdet", "statutory": "det lovbundne område"}


@dataclass(frozen=True, eq=False)
class Result:
    lines: pd.DataFrame
    checks: pd.DataFrame  # every printed sum beside its recomputed value, described
    activities: pd.DataFrame  # each note's activities, year by year
    timeline: pd.DataFrame
    runs: pd.DataFrame  # the timeline's marked quarters as runs
    price_index: pd.DataFrame | None
    target_price_level: int
    registry: pd.DataFrame
    figures: pd.DataFrame  # numbers the notes give outside their tables (note_figures)

    @property
    def notes(self) -> list[str]:
        """The notes (their ids, see costs.note_id) in the order their tables come."""
        return list(dict.fromkeys(self.activities["note_id"]))

    def of_note(self, note_id: str) -> pd.DataFrame:
        return self.activities[self.activities["note_id"] == note_id]

    def note_name(self, note_id: str) -> str:
        """A note by its document's short title; by title and id where one document holds several."""
        source_id = self.of_note(note_id)["source_id"].iloc[0]
        sharing = self.activities.loc[self.activities["source_id"] == source_id, "note_id"].nunique()
        name = short_title(self.registry, source_id)
        return name if sharing == 1 else f"{name}, {note_id}"

    def tables_of(self, note_id: str) -> list[str]:
        """The note's cost tables in print order (also those that only break another down)."""
        lines = costs.with_notes(self.lines)
        return list(dict.fromkeys(lines.loc[lines["note_id"] == note_id, "table_id"]))


def compute(data: DataFolder, target_price_level: int) -> Result:
    lines, timeline = data.load("budget_lines"), data.load("capital_schedule")
    registry = data.sources()
    return Result(
        lines,
        described(lines, registry),
        costs.activities(lines),
        timeline,
        schedule.runs(timeline),
        data.load("price_index"),  # optional: None unless a user supplies one
        target_price_level,
        registry,
        data.load("note_figures"),
    )


def problems(data: DataFolder, target_price_level: int) -> list[DataError | str]:
    """What `compute` needs: a price level that is a year, and one a supplied index has."""
    found: list[DataError | str] = needs.years(target_price_level=target_price_level)
    index = data.load("price_index")
    if not found and index is not None and target_price_level not in set(index["year"].astype(int)):
        found += needs.one_of(
            "target_price_level",
            target_price_level,
            sorted(index["year"].astype(int)),
            f"the years of {data.used['price_index'].name}",
        )
    return found


# --- Facts for the prose -------------------------------------------------------------------------


def facts(result: Result) -> dict[str, Fact]:
    found = _facts(result)
    return found | {"headline": _headline(result, found)}


def _facts(result: Result) -> dict[str, Fact]:
    checks = result.checks
    every = of_rows(result.lines)
    counted = derived("optalt i tabellerne", every)
    tally = sum_counts(checks)
    levels = sorted(result.lines["price_level"].unique())
    n_tables = result.lines["table_id"].nunique()
    found = {
        "n_tables": Fact(result.lines["table_id"].nunique(), "number", counted),
        "n_notes": Fact(len(result.notes), "number", counted),
        "n_checks": Fact(tally.checked, "number", counted),
        "n_checks_ok": Fact(tally.agree, "number", counted),
        "n_checks_off": Fact(tally.deviate, "number", counted),
        "deviations": say(
            " ".join(deviations(checks, result.lines))
            or "Alle trykte summer stemmer med de tal, de summerer.",
            counted,
        ),
        "n_findings": Fact(len(structure_findings(result)), "number", counted),
        "findings_sentence": _findings_sentence(len(structure_findings(result)), counted),
        "price_levels": listing([price_label(p) for p in levels], every),
        "price_levels_sentence": say(
            _price_levels_template(len(levels), len(result.notes)),
            levels=listing([price_label(p) for p in levels], every),
            n=Fact(len(levels), "number", counted),
        ),
        "tables_and_notes": say(
            "{n} "
            + ("udgiftstabel" if n_tables == 1 else "udgiftstabeller")
            + " fra {m} "
            + ("budgetnotat" if len(result.notes) == 1 else "budgetnotater"),
            n=Fact(n_tables, "number", counted),
            m=Fact(len(result.notes), "number", counted),
        ),
    }
    return found | _schedule_facts(result)


def _findings_sentence(n: int, counted) -> Fact:
    if n == 0:
        return say(
            "Ud over summerne har bogen ikke fundet uoverensstemmelser i tabellernes opbygning.", counted
        )
    word = "uoverensstemmelse" if n == 1 else "uoverensstemmelser"
    return say(
        "Ud over summerne har bogen fundet {n} " + word + " i tabellernes opbygning:",
        n=Fact(n, "number", counted),
    )


def _price_levels_template(levels: int, notes: int) -> str:
    if notes == 1:
        return "Notatet er opgjort i {levels}."
    if levels == notes:
        return "Notaterne er opgjort i hvert sit prisniveau ({levels})."
    return "Notaterne er opgjort i {n} prisniveauer ({levels})."


def _headline(result: Result, found: dict[str, Fact]) -> Fact:
    """The chapter's finding on the front page, made of its facts: each note's net amount as its
    own tables give it, and the printed sums counted."""
    nets = [
        say("{heading} ({price})", heading=note_heading(result, n), price=note_facts(result, n)["price"])
        for n in result.notes
    ]
    return say(
        "Kapitlet gengiver {tables_and_notes}. {nets}. Af de "
        "{n_checks} summer, tabellerne trykker, stemmer {n_checks_ok}; {n_checks_off} afviger. {deviations}",
        nets=Fact("; ".join(written(n) for n in nets), "text", combined([n.provenance for n in nets])),
        **{
            k: found[k] for k in ("tables_and_notes", "n_checks", "n_checks_ok", "n_checks_off", "deviations")
        },
    )


def note_facts(result: Result, note_id: str) -> dict[str, Fact]:
    """A note's name, price level, period, yearly and total amounts, and its spending and savings
    with the number of activities each (a saving is an activity whose amounts are below zero)."""
    cells = result.of_note(note_id)
    totals = costs.yearly_totals(result.lines)  # refuses a note whose amounts are in two price levels
    years = totals[totals["note_id"] == note_id].set_index("year")["amount"]
    based = of_rows(cells)
    total = lambda amount, what: Fact(amount, "thousand_kr_as_mio", derived(what, based))
    by_activity = cells.groupby(["table_id", "row_id"], sort=False)["amount"].sum()
    saving_rows = by_activity[by_activity < 0].index
    savings = cells[[key in set(saving_rows) for key in zip(cells["table_id"], cells["row_id"])]]
    yearly = [
        say("{a} i {y}", a=total(a, "sum af årets aktiviteter"), y=str(int(y))) for y, a in years.items()
    ]
    source_id = cells["source_id"].iloc[0]
    count = lambda n: Fact(int(n), "number", derived("optalt", based))
    return {
        "name": Fact(result.note_name(note_id), "text", registry(source_id)),
        "price": Fact(price_label(cells["price_level"].iloc[0]), "text", based),
        "period": Fact((int(years.index.min()), int(years.index.max())), "year_span", based),
        "yearly": listing(yearly, based),
        "total": total(years.sum(), "sum af alle årenes aktiviteter"),
        "spending": total(cells["amount"].sum() - savings["amount"].sum(), "sum af udgifterne"),
        "savings": total(-savings["amount"].sum(), "sum af besparelserne"),
        "n_activities": count(len(by_activity)),
        "n_spending": count(len(by_activity) - len(saving_rows)),
        "n_savings": count(len(saving_rows)),
        "saving_labels": listing([f"»{label}«" for label in savings["label"].unique()], based),
        "areas": listing([AREA_WORDS.get(a, a) for a in cells["area"].dropna().unique()], based),
    }


def note_sentence(result: Result, note_id: str) -> Fact:
    """What a note asks for, from its own tables: the spending and the number of activities it
    goes to, the savings apart (an activity below zero is a saving, not a use of money), and the
    net amount year by year."""
    f = note_facts(result, note_id)
    spending = "{name} ønsker {spending} til {n_spending} {activities} over {period}"
    if f["n_savings"].value:
        spending += " og regner med besparelser på {savings} ({saving_labels})"
    net = " Netto er det" if f["n_savings"].value else " Pr. år er det"
    one_area = result.of_note(note_id)["area"].dropna().nunique() == 1
    areas = " Alle aktiviteterne ligger på {areas}." if one_area else ""
    return say(
        spending + "." + net + " {yearly}, i alt {total} ({price})." + areas,
        activities="aktivitet" if f["n_spending"].value == 1 else "aktiviteter",
        **f,
    )


def note_heading(result: Result, note_id: str) -> Fact:
    f = note_facts(result, note_id)
    net = "netto " if f["n_savings"].value else ""
    return say(
        "{name}: " + net + "{total} over {period}", name=f["name"], total=f["total"], period=f["period"]
    )


def note_sections(result: Result) -> list:
    """Every note's section, in the order the notes come: a heading, what the note asks for, its
    yearly chart and its activities over the years, its tables as printed with the sums they
    print checked, and its lines by committee and appropriation where the tables give them.
    One generated block: a new note in the data gets its own section, with no prose to write."""
    parts = []
    for note_id in result.notes:
        parts.append(
            HTML(
                f'<h3 class="note-section">{html.escape(written(note_heading(result, note_id)))}</h3>'
                f"<p>{html.escape(written(note_sentence(result, note_id)))}</p>"
                + _figures_list(result, note_id)
            )
        )
        parts += [
            yearly_figure(result, note_id),
            multi_year_figure(result, note_id),
            download(result, note_id),
        ]
        tables_ = result.tables_of(note_id)
        parts.append(HTML("<h4>Tabellerne, som notatet trykker dem</h4>" + TABLES_HOW_TO_READ))
        parts += [source_table(result, t) for t in tables_]
        parts.append(HTML(f"<p>{html.escape(written(_note_sums(result, tables_)))}</p>"))
        parts += [appropriation_table(result, t) for t in tables_ if _has_appropriations(result, t)]
    return parts


TABLES_HOW_TO_READ = (
    "<p>Summer står med fed, og linjer, der lægges sammen i en række over dem, er rykket ind. Et "
    '"-" betyder intet beløb. Hvor en tabel fordeler beløbene på udvalg og bevilling, følger en '
    "tabel, der lægger dens nederste linjer sammen pr. udvalg og bevilling.</p>"
)


def figure_facts(result: Result, note_id: str) -> list[Fact]:
    """The numbers a note gives outside its tables (the scope of its work, its estimates), each
    a sentence with the number as the note gives it and the note's own words in »…«."""
    found = []
    for row in result.figures[result.figures["note_id"] == note_id].to_dict("records"):
        approximate = row["approximate"] == "yes"
        unit = UNIT_LABEL.get(row["unit"], row["unit"])
        low = Fact(row["low"], "plain", of_row(row), approximate=approximate)
        value = (
            say("{low} {unit}".strip() if unit else "{low}", low=low, unit=unit)
            if row["low"] == row["high"]
            else say(
                "{low}–{high} {unit}" if unit else "{low}–{high}",
                low=low,
                high=Fact(row["high"], "plain", of_row(row)),
                unit=unit,
            )
        )
        years = _figure_years(row)
        words = " Notatet skriver: »{quote}«" if row["kind"] == "stated" else ""
        found.append(
            say(
                "{label}{years}: {value}." + words,
                label=row["label"],
                years=years,
                value=value,
                quote=str(row["quote"]),
            )
        )
    return found


def _figure_years(row: dict) -> str:
    if is_missing(row["first_year"]):
        return ""
    first, last = int(row["first_year"]), row["last_year"]
    if is_missing(last):
        return f" (fra {first})"
    return f" ({year_span(first, int(last))})" if int(last) != first else f" ({first})"


def _figures_list(result: Result, note_id: str) -> str:
    items = figure_facts(result, note_id)
    if not items:
        return ""
    return (
        "<p>Notatet giver også tal uden for tabellerne:</p><ul>"
        + "".join(f"<li>{html.escape(written(item))}</li>" for item in items)
        + "</ul>"
    )


def _note_sums(result: Result, tables_: list[str]) -> Fact:
    checks = result.checks[result.checks["table_id"].isin(tables_)]
    counted = derived("optalt i tabellerne", of_rows(result.lines[result.lines["table_id"].isin(tables_)]))
    tally = sum_counts(checks)
    if not tally.checked:
        return say("Tabellerne trykker ingen summer, bogen kan regne efter.", counted)
    return say(
        "Bogen har regnet {n} trykte summer i tabellerne efter: {ok} stemmer, og {off} afviger "
        "(se afsnittet »Kontrol af summer« nedenfor).",
        n=Fact(tally.checked, "number", counted),
        ok=Fact(tally.agree, "number", counted),
        off=Fact(tally.deviate, "number", counted),
    )


def _user_label(rows: pd.DataFrame) -> str:
    """ " (brugerleveret)" after a legend entry or caption whose numbers the user supplied."""
    return f" ({KIND_LABEL['user-supplied']})" if (rows["kind"] == "user-supplied").any() else ""


def _has_appropriations(result: Result, table_id: str) -> bool:
    table = result.lines[result.lines["table_id"] == table_id]
    return table["appropriation"].notna().any()


def _schedule_facts(result: Result) -> dict[str, Fact]:
    timeline, runs = result.timeline, result.runs
    based = of_rows(timeline[timeline["scheduled"] == "yes"])
    first, last = schedule.first_and_last(runs)
    return {
        "schedule_table_span": Fact(
            (int(timeline["year"].min()), int(timeline["year"].max())), "year_span", based
        ),
        "schedule_start": Fact(quarter_label(first["start_year"], first["start_quarter"]), "text", based),
        "schedule_end": Fact(quarter_label(last["end_year"], last["end_quarter"]), "text", based),
        "schedule_activities": listing(
            [f"{r['label'].lstrip('- ').lower()} i {span_text(r)}" for r in runs.to_dict("records")], based
        ),
        "schedule_intro": say(
            "{name}, {table} sætter et X i de kvartaler af {span}, hvor projektet foregår: {activities}.",
            name=Fact(short_title(result.registry, timeline["source_id"].iloc[0]), "text", based),
            table=Fact(costs.table_number(timeline["table_title"].iloc[0]), "text", based),
            span=Fact((int(timeline["year"].min()), int(timeline["year"].max())), "year_span", based),
            activities=listing(
                [f"{r['label'].lstrip('- ').lower()} i {span_text(r)}" for r in runs.to_dict("records")],
                based,
            ),
        ),
    }


def span_text(run, short: bool = False) -> str:
    """A run of quarters in words: "1.–4. kvartal 2012" (short: "1.–4. kv. 2012") or
    "4. kvartal 2012 – 1. kvartal 2013"."""
    word = "kv." if short else "kvartal"
    if run["start_year"] != run["end_year"]:
        return (
            f"{run['start_quarter']}. {word} {run['start_year']} – {run['end_quarter']}. "
            f"{word} {run['end_year']}"
        )
    same = run["start_quarter"] == run["end_quarter"]
    quarters = f"{run['start_quarter']}." if same else f"{run['start_quarter']}.–{run['end_quarter']}."
    return f"{quarters} {word} {run['start_year']}"


def deviations(checks: pd.DataFrame, lines: pd.DataFrame | None = None) -> list[str]:
    """Each printed sum that differs from its rows, in one Danish sentence per row and check. With
    the table `lines`, a user's numbers say so ("(brugerleveret)"), and the sentence says that the
    data, not a source, gives them."""
    sentences = []
    parts = {"rows": "rækkerne under den", "years": "rækkens år", "counterpart": "de tilsvarende linjer"}
    off = checks[checks["status"] != AGREES]
    for (table, label, check), group in off.groupby(["table", "label", "check"], sort=False):
        printed = _printed_provenance(lines, group)
        stated = listing([Fact(v, "number", printed) for v in group["stated"]])
        recomputed = listing([Fact(v, "number", derived("sum", printed)) for v in group["recomputed"]])
        sign = (
            " Fortegnet er vendt: beløbene er lige store, men med modsat fortegn."
            if (group["status"] == SIGN_TURNED).all()
            else ""
        )
        says = "kilden trykker" if printed.kind == "stated" else "data har"
        sentences.append(
            f"{table}, rækken »{label}« ({danish.listing(group['column'])}): {says} {written(stated)}, men "
            f"{parts[check]} summer til {written(recomputed)}.{sign}"
        )
    return sentences


def _printed_provenance(lines: pd.DataFrame | None, group: pd.DataFrame) -> Provenance:
    """The provenance of the printed cells a group of checks is about (stated, without the lines)."""
    if lines is None:
        return Provenance("stated")
    first = group.iloc[0]
    rows = lines[(lines["table_id"] == first["table_id"]) & (lines["row_id"] == first["row_id"])]
    return of_rows(rows)


def structure_findings(result: Result) -> list[str]:
    """What else does not add up in the tables' structure, in Danish sentences."""
    names = table_names(result.lines, result.registry)
    by_key = costs.table_rows(result.lines).set_index(["table_id", "row_id"])
    found = []
    for group, target in costs.unparented_breakdowns(result.lines):
        table_id, row_id = target.split("/", 1)
        labels = danish.listing([f"»{label}«" for label in group["label"]])
        found.append(
            f"{names[group['table_id'].iloc[0]]}: linjerne {labels} har ingen fælles overrække i "
            f"tabellen, så tabellen siger ikke selv, hvilken aktivitet de hører til. Tilsammen "
            f"svarer de til rækken »{by_key.at[(table_id, row_id), 'label']}« i {names[table_id]}."
        )
    merged = costs.one_item(result.lines)
    for table_id, name, group in costs.appropriation_codes(result.lines):
        uses = danish.listing(
            [f"{code} (rækken »{label}«)" for code, label in zip(group["code"], group["label"])]
        )
        found.append(
            f"{names[table_id]}: bevillingen »{name}« står med {danish.number(group['code'].nunique())} "
            f"forskellige numre: {uses}. Bogen gengiver numrene, som kilden trykker dem, men "
            f"lægger linjerne sammen som én bevilling ({merged[group['appropriation'].iloc[0]]})."
        )
    return found


# --- The tables as printed, and the checks of their sums -------------------------------------------


def _amount_text(value) -> str:
    """A cell of a budget table: "-" for nothing, as the notes print it; blank beside a heading."""
    if is_missing(value):
        return ""
    return "-" if value == 0 else danish.number(value)


def source_table(result: Result, table_id: str) -> HTML:
    """A table as the note prints it: its rows in order, sums in bold, parts indented, 1.000 kr."""
    shown = costs.wide(result.lines, table_id)
    lines = result.lines[result.lines["table_id"] == table_id]
    amounts = costs.amount_columns(shown)
    headings = (shown["row_type"] == "heading").any()
    columns, same = {"label": "Post"}, []  # the notes print no header here; a reader of the table needs one
    for column, header in DESCRIPTIVE.items():
        found = shown[column].dropna().unique()
        if len(found) == 0 or (column == "area" and headings):  # the table's headings name the areas
            continue
        if len(found) == 1:
            value = AREA_LABEL.get(found[0], found[0]).lower() if column == "area" else found[0]
            same.append(f"{'I/U:' if header == 'I/U' else header.lower()} {value}")
        else:
            columns[column] = header
    frame = shown[[*columns, *amounts]].copy()
    numbers = frame[amounts].reset_index(drop=True)
    if "area" in frame:
        frame["area"] = frame["area"].map(AREA_LABEL)
    for column in amounts:
        frame[column] = frame[column].map(_amount_text)
    frame = frame.rename(columns=columns).fillna("")
    every_row = f"; alle rækker: {', '.join(same)}" if same else ""
    every_row += (
        _user_label(result.lines[result.lines["table_id"] == table_id]).replace(" (", "; ").rstrip(")")
    )
    caption = (
        f"{short_title(result.registry, shown['source_id'].iloc[0])}: {shown['table_title'].iloc[0]} "
        f"(1.000 kr., {price_label(shown['price_level'].iloc[0])}{every_row})"
    )
    return tables.table(
        frame,
        caption,
        bold_rows=shown["row_type"].isin(costs.SUMMED),
        numeric=tuple(amounts),
        indent=shown["level"],
        key=shown["row_id"].reset_index(drop=True),
        numbers=numbers,
        provenance=[of_rows(lines[lines["row_id"] == row]) for row in shown["row_id"]],
        name=table_id,  # the data's name for it: two captions may differ only in a number
        notes=deviations(result.checks[result.checks["table_id"] == table_id], result.lines),
        reproduces=shown["source_id"].iloc[0],
    )


def appropriation_table(result: Result, table_id: str) -> HTML:
    """A table's lowest rows added up by committee and appropriation (udvalg and bevilling)."""
    frame = costs.by_appropriation(result.lines, table_id, unnamed="ikke angivet")
    amounts = costs.amount_columns(frame)
    shown = pd.DataFrame(
        {
            "Udvalg og bevilling": [
                a if isinstance(a, str) else f"Udvalg {c} i alt"
                for c, a in zip(frame["committee"], frame["appropriation"])
            ],
            "Antal linjer": frame["lines"].map(danish.number),
        }
    )
    for column in amounts:
        shown[column] = frame[column].map(_amount_text)
    price = price_label(result.lines.loc[result.lines["table_id"] == table_id, "price_level"].iloc[0])
    caption = (
        f"{table_names(result.lines, result.registry)[table_id]} lagt sammen pr. udvalg og "
        "bevilling, beregnet af "
        f"tabellens nederste linjer (1.000 kr., {price})"
    )
    return tables.table(
        shown,
        caption,
        bold_rows=frame["level"] == 0,
        numeric=("Antal linjer", *amounts),
        indent=frame["level"],
        name=f"{table_id} pr. udvalg og bevilling",
    )


def checks_table(checks: pd.DataFrame, caption: str) -> HTML:
    """Printed sums as a table: what the source prints, what its parts add up to, the difference."""
    shown = pd.DataFrame(
        {
            "Tabel og række": checks["table"] + ": " + checks["label"],
            "Kolonne": checks["column"],
            "Oplyst i kilden": checks["stated"].map(danish.number),
            "Genberegnet": checks["recomputed"].map(danish.number),
            "Forskel": checks["difference"].map(danish.number),
            "Status": checks["status"],
            "Kontrol og regnestykke": checks["what"] + ": " + checks["sum"],
        }
    )
    return tables.table(
        shown,
        caption,
        bold_rows=checks["status"] != AGREES,
        numeric=("Oplyst i kilden", "Genberegnet", "Forskel"),
        key=(checks["table_id"] + " | " + checks["row_id"] + " | " + checks["column"].astype(str))
        .add(" | " + checks["check"])
        .reset_index(drop=True),
        numbers=checks[["stated", "recomputed", "difference"]]
        .set_axis(["Oplyst i kilden", "Genberegnet", "Forskel"], axis=1)
        .reset_index(drop=True),
    )


def deviations_table(result: Result) -> HTML:
    off = result.checks[result.checks["status"] != AGREES]
    return checks_table(off, "Trykte summer, der afviger fra summen af deres tal")


def all_checks(result: Result) -> HTML:
    """Every check, folded away under a summary line (the deviations are shown on their own)."""
    n = danish.number(len(result.checks))
    return page.folded(
        checks_table(result.checks, f"Alle {n} kontroller af trykte summer"), f"Vis alle {n} kontroller"
    )


def check_summary_table(result: Result) -> HTML:
    """Per table: how many printed sums were checked, how many agree and how many do not."""
    summary = result.checks.groupby("table", sort=False).agg(
        checked=("status", "size"),
        ok=("status", lambda s: int((s == AGREES).sum())),
        off=("status", lambda s: int((s != AGREES).sum())),
    )
    shown = pd.DataFrame(
        {
            "Tabel": summary.index,
            "Kontrollerede summer": summary["checked"].map(danish.number).to_numpy(),
            "Stemmer": summary["ok"].map(danish.number).to_numpy(),
            "Afviger": summary["off"].map(danish.number).to_numpy(),
        }
    )
    return tables.table(
        shown,
        "Kontrol af summer: antal trykte summer pr. tabel, og hvor mange der stemmer",
        bold_rows=pd.Series((summary["off"] > 0).to_numpy()),
        numeric=("Kontrollerede summer", "Stemmer", "Afviger"),
    )


def findings_list(result: Result) -> HTML:
    return page.findings(structure_findings(result))


# --- The notes in one price level ----------------------------------------------------------------


def _exact(value: float) -> str:
    """An index number with all its decimals, Danish style (100 -> "100"; 103.25 -> "103,25")."""
    return danish.number(value, len(repr(float(value)).split(".")[1].rstrip("0")))


def _refusal(error: price_levels.PriceLevelError) -> str:
    levels = danish.listing([price_label(p) for p in error.levels])
    if error.reason == "no index":
        text = (
            f"Beløb i {levels} kan ikke omregnes til {price_label(error.target)}, fordi bogen "
            "ikke har et prisindeks."
        )
    elif error.reason == "index lacks":
        missing = danish.listing([str(y) for y in error.missing])
        text = (
            f"Prisindekset mangler tal for {missing}, så beløbene kan ikke omregnes til "
            f"{price_label(error.target)}."
        )
    else:
        text = (
            f"Beløbene er i forskellige prisniveauer ({levels}) og kan ikke lægges sammen "
            "eller sammenlignes uden et prisindeks."
        )
    return f"{text} {HOW_TO_SUPPLY}"


def comparison(result: Result) -> HTML:
    """The notes' totals side by side in one price level, or, without an index, the reason why not."""
    target = result.target_price_level
    totals = costs.note_totals(result.lines)
    try:
        converted = price_levels.convert(totals.assign(kind="stated"), target, result.price_index)
    except price_levels.PriceLevelError as error:
        return page.warning("Ingen sammenligning på tværs af prisniveauer", _refusal(error))
    moved = converted.get("amount_before", pd.Series(index=converted.index, dtype=float))
    formulas = [
        "ingen (allerede i dette prisniveau)"
        if is_missing(before)
        else f"{danish.number(before)} × {_exact(new)} / {_exact(own)}"
        for before, new, own in zip(
            moved, converted.get("index_target", moved), converted.get("index_own", moved)
        )
    ]
    header = f"I alt, 1.000 kr. ({price_label(target)})"
    shown = pd.DataFrame(
        {
            "Notat": [result.note_name(n) for n in totals["note_id"]],
            "Periode": [
                year_span(int(f), int(last)) for f, last in zip(totals["first_year"], totals["last_year"])
            ],
            "Oprindeligt prisniveau": totals["price_level"].map(price_label),
            header: converted["amount"].map(danish.number),
            "Omregning": formulas,
        }
    )
    caption = f"Notaternes samlede beløb omregnet til {price_label(target)} med det brugerleverede prisindeks"
    return tables.table(shown, caption, numeric=(header,))


# --- The charts of each note ---------------------------------------------------------------------


def _subtitle(measure: str, cells: pd.DataFrame, registry: pd.DataFrame, source_id: str) -> str:
    period = year_span(int(cells["year"].min()), int(cells["year"].max()))
    return (
        f"{measure}, 1.000 kr. ({price_label(cells['price_level'].iloc[0])}), "
        f"{period}\n{entry(registry, source_id)['organisation']}"
    )


def _legend_below(fig: go.Figure, entries: int, left: int = 70) -> None:
    """A legend of one entry per line under the plot, and the source line under the legend,
    starting at the figure's left edge (`left` is the left margin)."""
    fig.update_layout(
        legend=dict(orientation="v", y=-0.1),
        margin=dict(t=150, b=110 + 21 * entries, l=left),
        height=500 + 21 * entries,
    )
    fig.update_annotations(
        selector=dict(xref="paper", yref="paper"), yshift=-(75 + 21 * entries), xshift=-(left - 10)
    )


def _legend_clear_of_ticks(fig: go.Figure) -> None:
    """The legend 40 px under the plot, whatever its height: a fixed share of a short plot (a
    note of two activities) would put the legend on the axis's numbers."""
    plot = fig.layout.height - fig.layout.margin.t - fig.layout.margin.b
    fig.update_layout(legend_y=-max(0.1, 40 / plot))


def _source(name: str, cells: pd.DataFrame) -> str:
    tables_used = danish.listing([costs.table_number(t) for t in cells["table_title"].unique()])
    return f"{name}, {tables_used}"


def yearly_figure(result: Result, note_id: str) -> go.Figure:
    """One note's activities per year, stacked; savings (negative amounts) stack below zero, and an
    open marker shows the net amount of each year (recomputed)."""
    cells = result.of_note(note_id)
    source_id, name = cells["source_id"].iloc[0], result.note_name(note_id)
    years = sorted(int(y) for y in cells["year"].unique())
    fig = go.Figure()
    for i, (_, activity) in enumerate(cells.groupby(["table_id", "row_id"], sort=False)):
        label = activity["label"].iloc[0]
        fig.add_trace(
            go.Bar(
                x=activity["year"].astype(int),
                y=activity["amount"],
                name=charts.text(label + _user_label(activity)),
                width=BAR_WIDTH,
                marker=dict(
                    color=charts.PALETTE[i % len(charts.PALETTE)],
                    pattern=dict(shape=PATTERNS[i % len(PATTERNS)], fgcolor="white", solidity=0.3),
                ),
                customdata=charts.danish(activity["amount"]),
                hovertemplate=f"{charts.hover_text(label)} %{{x}}: %{{customdata}} (1.000 "
                "kr.)<extra></extra>",
            )
        )
    net = cells.groupby("year")["amount"].sum().reindex(years)
    fig.add_trace(_net_markers(net, years))  # beside its bar, on white, where it cannot hide in the stack
    fig.update_layout(barmode="relative")
    fig.update_xaxes(tickvals=years, tickformat="d", range=[years[0] - 0.6, years[-1] + 0.8])
    up = cells[cells["amount"] > 0].groupby("year")["amount"].sum()
    down = cells[cells["amount"] < 0].groupby("year")["amount"].sum()
    top, bottom = max(up.max() if len(up) else 0, 1), min(down.min() if len(down) else 0, 0)
    fig.update_yaxes(
        title_text=f"1.000 kr. ({price_label(cells['price_level'].iloc[0])})",
        tickformat=",d",
        range=[bottom - 0.08 * (top - bottom) if bottom < 0 else 0, top + 0.12 * (top - bottom)],
    )
    charts.style(
        fig,
        title=_yearly_title(net, name),
        subtitle=_subtitle(
            "Udgifter pr. aktivitet og år, besparelser under nul", cells, result.registry, source_id
        ),
        source=_source(name, cells) + ". Åben markør til højre for søjlen: netto, beregnet af søjlerne.",
        alt=_yearly_alt(cells, net, name),
    )
    _legend_below(fig, len(fig.data))
    return fig


def _net_markers(net: pd.Series, years: list[int]) -> go.Scatter:
    return go.Scatter(
        x=[y + NET_OFFSET for y in years],
        y=net.to_numpy(),
        name=NET_LABEL,
        mode="markers+text",
        marker=dict(symbol=charts.KIND_SYMBOL["derived"], size=13, color=charts.TEXT, line=dict(width=2)),
        text=charts.danish(net),
        textposition="top center",
        textfont=dict(size=12),
        customdata=years,
        hovertemplate="Netto %{customdata}: %{text} (1.000 kr., beregnet)<extra></extra>",
    )


def _yearly_title(net: pd.Series, name: str) -> str:
    period = year_span(int(net.index.min()), int(net.index.max()))
    low, high = danish.thousand_kr_as_mio(net.min()), danish.thousand_kr_as_mio(net.max())
    each_year = (
        f"{high} hvert år" if low == high else f"mellem {low.replace(' mio. kr.', '')} og {high} om året"
    )
    return f"{name}: netto {danish.thousand_kr_as_mio(net.sum())} over {period},\n{each_year}"


def _yearly_alt(cells, net, name: str) -> str:
    price = price_label(cells["price_level"].iloc[0])
    parts = [f"Stablet søjlediagram over {name}s udgifter pr. aktivitet og år i 1.000 kr. ({price})."]
    for _, activity in cells.groupby(["table_id", "row_id"], sort=False):
        values = danish.listing(
            [f"{danish.number(a)} i {int(y)}" for y, a in zip(activity["year"], activity["amount"])]
        )
        parts.append(f"{activity['label'].iloc[0]}: {values}.")
    parts.append(
        "Netto i alt (beregnet): "
        + danish.listing([f"{danish.number(a)} i {y}" for y, a in net.items()])
        + "."
    )
    return " ".join(parts)


def multi_year_figure(result: Result, note_id: str) -> go.Figure:
    """Each activity's amount over all its years (recomputed, bars), with the "I alt" the note
    prints where it prints one (filled markers)."""
    totals = costs.multi_year_totals(result.lines)
    totals = totals[totals["note_id"] == note_id].iloc[::-1]  # first activity at the top
    cells = result.of_note(note_id)
    source_id, name = cells["source_id"].iloc[0], result.note_name(note_id)
    colours = [charts.PALETTE[0] if a >= 0 else charts.PALETTE[3] for a in totals["amount"]]
    fig = go.Figure(
        go.Bar(
            x=totals["amount"],
            y=[_wrap(label) for label in totals["label"]],
            orientation="h",
            name="Sum af årene (beregnet af brugerleverede tal)"
            if (cells["kind"] == "user-supplied").any()
            else "Sum af årene (beregnet)",
            marker=dict(color=colours),
            text=charts.danish(totals["amount"]),
            textposition=_label_positions(totals["amount"]),
            cliponaxis=False,
            insidetextfont=dict(color=[charts.readable(charts.TEXT, on=c) for c in colours]),
            customdata=[[sum_text(p)] for p in totals["parts"]],
            hovertemplate="%{y}: %{text} = %{customdata[0]} (1.000 kr., beregnet)<extra></extra>",
        )
    )
    stated = totals.dropna(subset=["stated_total"])
    if not stated.empty:
        fig.add_trace(
            go.Scatter(
                x=stated["stated_total"],
                y=[_wrap(label) for label in stated["label"]],
                mode="markers",
                name="»I alt« oplyst i kilden",
                marker=dict(symbol="line-ns", size=26, line=dict(width=4, color=charts.PALETTE[3])),
                customdata=charts.danish(stated["stated_total"]),
                hovertemplate="%{y}: %{customdata} oplyst i kilden (1.000 kr.)<extra></extra>",
            )
        )
    span = max(abs(totals["amount"]).max(), 1)
    fig.update_xaxes(
        tickformat=",d",
        zeroline=True,
        zerolinecolor=charts.TEXT,
        showgrid=True,
        gridcolor="#D9D9D9",
        range=[min(totals["amount"].min(), 0) - 0.1 * span, totals["amount"].max() + 0.1 * span],
    )
    fig.update_yaxes(showgrid=False)
    fig.update_layout(showlegend=True)
    largest = totals.loc[totals["amount"].idxmax()]
    period = year_span(int(cells["year"].min()), int(cells["year"].max()))
    charts.style(
        fig,
        title=f"Største post i {name} over {period}:\n{largest['label']} "
        f"({danish.thousand_kr_as_mio(largest['amount'])})",
        subtitle=_subtitle("Hver aktivitets beløb lagt sammen over årene", cells, result.registry, source_id),
        source=_source(name, cells)
        + ".\nSøjler: beregnet som summen af årene"
        + ("; lodrette streger: »I alt« oplyst i kilden." if not stated.empty else "."),
        alt=_multi_year_alt(totals, name, period, price_label(cells["price_level"].iloc[0])),
    )
    _legend_below(fig, len(fig.data), left=300)
    fig.update_layout(height=260 + 60 * len(totals) + 21 * len(fig.data))
    _legend_clear_of_ticks(fig)
    return fig


def _label_positions(amounts: pd.Series) -> list[str]:
    """Where each bar's value stands: plotly decides, except for a short saving, whose label would
    stand left of it on the activity names; its value is in the hover, the table and the text."""
    span = max(abs(amounts).max(), 1)
    return ["none" if a < 0 and -a < 0.2 * span else "auto" for a in amounts]


def _multi_year_alt(totals: pd.DataFrame, name: str, period: str, price: str) -> str:
    listed = [
        f"{label} {danish.number(a)}" + (f" (kilden oplyser {danish.number(s)})" if not is_missing(s) else "")
        for label, a, s in zip(totals["label"][::-1], totals["amount"][::-1], totals["stated_total"][::-1])
    ]
    return (
        f"Vandret søjlediagram: hver aktivitets samlede beløb i {name} over {period} i 1.000 kr. ({price}), "
        f"beregnet som summen af årene: {danish.listing(listed)}."
    )


def _wrap(label: str, width: int = 38) -> str:
    """Break a long axis label into lines (plotly reads <br>); the words are escaped first."""
    lines, current = [], ""
    for word in label.split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    return "<br>".join(charts.text(line) for line in lines + [current])


# --- The capital project's timeline --------------------------------------------------------------


def timeline_figure(result: Result) -> go.Figure:
    """A Gantt chart: a bar per run of marked quarters, on an axis of all the table's quarters."""
    timeline, runs = result.timeline, result.runs
    first_year, last_year = int(timeline["year"].min()), int(timeline["year"].max())
    labels = timeline.drop_duplicates("row_id").sort_values("position")["label"].tolist()
    fig = go.Figure()
    for run in runs.to_dict("records"):
        fig.add_trace(
            go.Bar(
                y=[charts.text(run["label"])],
                x=[run["quarters"]],
                base=[(run["start_year"] - first_year) * 4 + run["start_quarter"] - 1],
                orientation="h",
                marker=dict(color=charts.PALETTE[0]),
                text=[span_text(run, short=True)],
                textposition="inside",
                insidetextanchor="middle",
                textfont=dict(color="white"),
                showlegend=False,
                hovertemplate=f"{charts.hover_text(run['label'])}: {span_text(run)}<extra></extra>",
            )
        )
    n = (last_year - first_year + 1) * 4
    for boundary in range(0, n + 1, 4):  # a line at each new year
        fig.add_vline(x=boundary, line=dict(color=charts.MUTED_GREY, width=1))
    for i, year in enumerate(range(first_year, last_year + 1)):  # the year under its four quarters
        fig.add_annotation(
            x=i * 4 + 2,
            y=0,
            xref="x",
            yref="paper",
            yshift=-42,
            text=f"<b>{year}</b>",
            font=charts.HEADING_FONT,
        )
    fig.update_xaxes(
        range=[0, n],
        tickvals=[i + 0.5 for i in range(n)],
        tickangle=0,
        ticktext=[f"{i % 4 + 1}." for i in range(n)],
        showgrid=False,
        ticks="",
        title_text="Kvartal og år",
        title_standoff=35,
    )
    fig.update_yaxes(
        categoryorder="array", categoryarray=[charts.text(label) for label in labels][::-1], showgrid=False
    )
    fig.update_layout(height=380, bargap=0.35, margin=dict(l=140, b=130, t=125))
    first, last = schedule.first_and_last(runs)
    title = timeline["table_title"].iloc[0]
    return charts.style(
        fig,
        title=f"Anlægsprojektet ligger fra {quarter_label(first['start_year'], first['start_quarter'])} til "
        f"{quarter_label(last['end_year'], last['end_quarter'])}",
        subtitle=f"Kvartaler markeret med X i tabellen, {year_span(first_year, last_year)}\n{title}",
        source=f"{short_title(result.registry, timeline['source_id'].iloc[0])}, {title.split('.')[0]}",
        alt=f"Gantt-diagram over kvartalerne {year_span(first_year, last_year)}: "
        f"{danish.write(_schedule_facts(result)['schedule_activities'])}. Ingen andre kvartaler er markeret.",
    )


# --- The values behind the figures and tables ----------------------------------------------------


def values(result: Result) -> pd.DataFrame:
    """Each note's stated values (each activity per year, and the "I alt" the notes print; figure:
    the note's source id), the timeline ("tidsplan") and every printed sum ("summer")."""
    cells = result.activities
    lines = costs.with_notes(result.lines)
    stated_totals = lines[lines["year"].isna() & lines["amount"].notna()].merge(
        cells[["table_id", "row_id"]].drop_duplicates(), on=["table_id", "row_id"]
    )
    rows = pd.concat([cells, stated_totals])
    notes = pd.DataFrame(
        {
            "figure": rows["note_id"],
            "note": [result.note_name(n) for n in rows["note_id"]],
            "activity": rows["label"],
            "year": rows["year"].map(costs.column_name),
            "amount": rows["amount"],
            "price_level": rows["price_level"].map(price_label),
            **{k: rows[k] for k in PROVENANCE},
        }
    )
    return pd.concat(
        [notes, result.timeline.assign(figure="tidsplan"), result.checks.assign(figure="summer")],
        ignore_index=True,
    )


def table(result: Result) -> HTML:
    """Every note's values with their provenance (1.000 kr. in the note's price level)."""
    rows = values(result)
    return tables.with_sources(
        rows[rows["figure"].isin(result.notes)],
        caption="Figurernes tal pr. aktivitet og år med kilder (1.000 kr. i notatets prisniveau)",
        columns={
            "activity": "Aktivitet",
            "year": "År",
            "amount": "Beløb (1.000 kr.)",
            "price_level": "Prisniveau",
        },
        formats={"Beløb (1.000 kr.)": danish.number},
        numeric=("Beløb (1.000 kr.)",),
        key=("Aktivitet", "År"),
    )


DOWNLOADS = {
    "noter": ("udgifter.csv", "Hent alle figurernes tal som CSV"),
    "tidsplan": ("tidsplan_oe501.csv", "Hent tidsplanens tal som CSV"),
    "summer": ("kontrol_af_summer.csv", "Hent alle kontroller som CSV"),
}
# A row of each download in the numbers ledger: its key columns (and a check's status).
KEYS = {
    "noter": ("note", "activity", "year"),
    "tidsplan": ("table_id", "row_id", "year", "quarter"),
    "summer": ("table_id", "row_id", "column", "check"),
}


def download(result: Result, part: str = "noter") -> HTML:
    """A CSV of one note's values (`part` its source id), of all notes ("noter"), of the
    timeline ("tidsplan") or of every printed sum ("summer")."""
    rows = values(result)
    if part in result.notes:
        selected, (filename, label) = (
            rows[rows["figure"] == part],
            (f"udgifter_{part}.csv", "Hent figurens tal som CSV"),
        )
    else:
        filename, label = DOWNLOADS[part]
        selected = (
            rows[rows["figure"].isin(result.notes)] if part == "noter" else rows[rows["figure"] == part]
        )
    kind = "noter" if part in result.notes else part
    return tables.csv_download(
        selected[COLUMNS[kind]].reset_index(drop=True).convert_dtypes(),
        filename,
        label,
        key=KEYS[kind],
        states={"status": "status"} if kind == "summer" else None,
    )
