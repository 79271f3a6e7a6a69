"""The chapter "Kontrol af tallene": the claims register's results as facts for the prose,
lists of the deviations and of what cannot be checked, and tables of every claim."""

from __future__ import annotations

import html

import pandas as pd
from IPython.display import HTML

from analysis.chapters.kilder import HOME
from analysis.claims.register import STATUS_OK, UNCHECKABLE, UNIT_LABEL, read_stated
from analysis.present import danish as fmt
from analysis.present import tables

RULES = {
    "afrunding": "Tallet er afrundet: det må afvige med en halv enhed på sidste ciffer.",
    "ca.": "»ca.« foran: det må afvige med en hel enhed på sidste ciffer.",
    "½": "Skrevet med ½: det må afvige med en kvart.",
    "retning": "Et ord for en retning (over, steget, faldet ...): kun fortegnet tæller.",
}
CSV_COLUMNS = [
    "claim_id",
    "source_id",
    "what",
    "cell",
    "stated_text",
    "unit",
    "tolerance",
    "computed",
    "how",
    "reason",
    "status",
    "expected",
    "explanation",
    "reproduced",
    "reproduced_how",
]


def _deviates(register: pd.DataFrame) -> pd.Series:
    return register["status"].str.startswith("afviger")


def chapter_facts(register: pd.DataFrame) -> dict[str, str]:
    """Every number the chapter's prose (and the introduction) shows, the Danish way."""
    off = register[_deviates(register)]
    changed = register[register["status"] != register["expected"]]
    return {
        "n_claims": fmt.number(len(register)),
        "n_in_text": fmt.number((~register["in_table"]).sum()),
        "n_in_tables": fmt.number(register["in_table"].sum()),
        "n_register_rows": fmt.number(register["register_id"].nunique()),
        "n_ok": fmt.number((register["status"] == STATUS_OK).sum()),
        "n_off": fmt.number(len(off)),
        "n_unchecked": fmt.number((register["status"] == UNCHECKABLE).sum()),
        "n_sources": fmt.number(register["source_id"].nunique()),
        "off_sources": fmt.listing(off["source"].unique()) or "ingen",
        "n_changed": fmt.number(len(changed)),
        "changed": (
            "Alle påstande har den status, de havde ved bogens gennemgang."
            if changed.empty
            else f"{fmt.number(len(changed))} påstande har en anden status end ved bogens gennemgang; "
            "tabellerne nedenfor viser begge."
        ),
    }


def _with_unit(text: str, unit: str | None) -> str:
    label = UNIT_LABEL.get(unit, unit or "")
    return f"{text} {label}".strip() if text != "–" else text


def _status_text(claim: pd.Series) -> str:
    if claim["status"] == claim["expected"]:
        return claim["status"]
    return f"{claim['status']} (ved bogens gennemgang: {claim['expected']})"


def _breaks(text: str) -> str:
    """A cell of several lines (its text is already escaped)."""
    return text.replace("\n", "<br/>")


def _headed(text: str) -> str:
    """A cell whose first line (the source) is bold."""
    first, _, rest = text.partition("\n")
    return f"<strong>{first}</strong><br/>{_breaks(rest)}"


def _computed(claim: pd.Series) -> str:
    return _with_unit(claim["computed_text"], claim["computed_unit"])


def _grouped(register: pd.DataFrame) -> pd.DataFrame:
    """One row per claim of the register: a claim over several cells (years) lists them."""
    rows = []
    for _, group in register.groupby("register_id", sort=False):
        first = group.iloc[0]
        several = len(group) > 1
        computed = "\n".join(
            (f"{c['cell']}: " if several else "") + _computed(c) for _, c in group.iterrows()
        )
        how = first["how"] + (f"; tilsvarende for {fmt.listing(group['cell'].iloc[1:])}" if several else "")
        statuses = group.apply(_status_text, axis=1)
        status = (
            statuses.iloc[0]
            if statuses.nunique() == 1
            else fmt.listing(
                f"{s} ({fmt.listing(group.loc[statuses == s, 'cell'])})" for s in statuses.unique()
            )
        )
        rows.append(
            {
                "claim": f"{first['source']}\n{first['what']}",
                "stated": f"{_with_unit(first['stated_text'], first['unit'])}\n"
                + (
                    "kun retningen tæller"
                    if first["tolerance"] is None or pd.isna(first["tolerance"])
                    else f"må afvige {first['tolerance_text']}"
                ),
                "computed": "\n".join(filter(None, [computed, how, first["reason"]])),
                "status": status,
                "deviates": _deviates(group).any(),
            }
        )
    return pd.DataFrame(rows)


def rules_table(register: pd.DataFrame) -> HTML:
    """One example from the register for each rounding rule, with the range it accepts."""
    rows = []
    for rule, text in RULES.items():
        examples = register.loc[(register["rule"] == rule) & ~register["in_table"], "stated_text"]
        if examples.empty:
            continue
        stated = read_stated(examples.iloc[0])
        if stated.tolerance is None:
            accepts = "samme fortegn"
        else:  # as many decimals as the tolerance needs: 9,25 til 9,35
            decimals = next(d for d in range(6) if round(stated.tolerance, d) == round(stated.tolerance, 6))
            accepts = " til ".join(
                fmt.number(stated.value + side * stated.tolerance, decimals) for side in (-1, 1)
            )
        rows.append(
            {
                "Regel": text,
                "Eksempel fra kilderne": examples.iloc[0],
                "Godtager": accepts,
                "Antal påstande": fmt.number((register["rule"] == rule).sum()),
            }
        )
    return tables.table(
        pd.DataFrame(rows),
        "Hvor meget et tal må afvige, afhænger af, hvordan kilden skriver det",
        numeric=("Antal påstande",),
    )


def _quoted(claim: pd.Series) -> str:
    """The sentence a claim stands in, in quotation marks; a table row by its name."""
    return f"{claim['what']}:" if claim["in_table"] else f"»{claim['what']}«"


def _item(head: str, body: str) -> str:
    return f"<li><strong>{html.escape(head)}</strong> {body}</li>"


def deviations_list(register: pd.DataFrame) -> HTML:
    """Each claim of the register that deviates: what the source says, what the data give, how
    the source seems to have computed it, and the register's explanation."""
    items = []
    for _, group in register[_deviates(register)].groupby("register_id", sort=False):
        first = group.iloc[0]
        cells = fmt.listing(
            [
                (f"{c['cell']}: " if c["cell"] else "")
                + f"kilden skriver {_with_unit(c['stated_text'], c['unit'])}, "
                f"regnet efter giver det {_with_unit(c['computed_text'], c['unit'])} ({c['how']})"
                for _, c in group.iterrows()
            ]
        )
        body = f"{html.escape(_quoted(first))} {html.escape(cells[0].upper() + cells[1:])}."
        if first["reproduced_how"]:
            body += (
                f" Regnet, som kilden ser ud til at have gjort: {html.escape(first['reproduced_how'])} = "
                f"{html.escape(_with_unit(first['reproduced_text'], first['unit']))}, og det "
                f"{'stemmer' if first['reproduced_status'] == STATUS_OK else 'stemmer heller ikke'} med kilden."
            )
        body += f" {html.escape(first['explanation'] or '')}"
        items.append(_item(f"{first['source']}:", body))
    return HTML('<ul class="findings">' + "".join(items) + "</ul>" if items else "<p>Ingen.</p>")


def uncheckable_list(register: pd.DataFrame) -> HTML:
    """Each claim the data cannot check, with why (and what can be computed)."""
    items = []
    for _, claim in register[register["status"] == UNCHECKABLE].iterrows():
        body = f"{html.escape(_quoted(claim))} Kilden skriver {html.escape(_with_unit(claim['stated_text'], claim['unit']))}. "
        body += html.escape(claim["reason"])
        if claim["how"]:
            body += f" Beregnet: {html.escape(claim['how'])}."
        if claim["explanation"]:
            body += f" {html.escape(claim['explanation'])}"
        items.append(_item(f"{claim['source']}:", body))
    return HTML('<ul class="findings">' + "".join(items) + "</ul>" if items else "<p>Ingen.</p>")


def sources_table(register: pd.DataFrame, registry: pd.DataFrame) -> HTML:
    """Per source of the book's municipality: how many claims, and how they came out."""
    rows = []
    for _, source in registry[registry["municipality"] == HOME].iterrows():
        claims = register[register["source_id"] == source["source_id"]]
        rows.append(
            {
                "Kilde": source["short_title"],
                "Påstande": len(claims),
                "Stemmer": (claims["status"] == STATUS_OK).sum(),
                "Afviger": _deviates(claims).sum(),
                "Kan ikke efterprøves": (claims["status"] == UNCHECKABLE).sum(),
            }
        )
    frame = pd.DataFrame(rows)
    counts = [c for c in frame.columns if c != "Kilde"]
    return tables.table(
        frame,
        "Påstande pr. kilde og deres status",
        numeric=tuple(counts),
        formats={c: fmt.number for c in counts},
        bold_rows=frame["Afviger"] > 0,
    )


def claims_table(register: pd.DataFrame, caption: str) -> HTML:
    """The claims in the sources' text, one row each, with what the data give and the status."""
    grouped = _grouped(register)
    shown = grouped[["claim", "stated", "computed", "status"]].set_axis(
        ["Påstand", "Oplyst", "Regnet efter", "Status"], axis=1
    )
    return tables.table(
        shown,
        caption,
        bold_rows=grouped["deviates"],
        formats={"Påstand": _headed, "Oplyst": _breaks, "Regnet efter": _breaks},
    )


def cells_table(register: pd.DataFrame, caption: str) -> HTML:
    """The printed sums of the tables, one row per cell."""
    shown = pd.DataFrame(
        {
            "Tabelrække": register["what"],
            "Kolonne": register["cell"],
            "Trykt": register["stated_text"],
            "Regnet efter": register["computed_text"] + "\n" + register["how"],
            "Status": register.apply(_status_text, axis=1),
        }
    )
    return tables.table(
        shown, caption, bold_rows=_deviates(register), numeric=("Trykt",), formats={"Regnet efter": _breaks}
    )


def folded(content: HTML, summary: str) -> HTML:
    return HTML(f"<details><summary>{html.escape(summary)}</summary>{content.data}</details>")


def register_csv(register: pd.DataFrame) -> HTML:
    return tables.csv_download(register[CSV_COLUMNS], "kontrol_af_tallene.csv", "Hent alle påstande som CSV")
