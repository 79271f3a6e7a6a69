"""Kontrol af tallene: every number the sources compute, recomputed by the claims register, as
facts for the prose, lists of the deviations and of what cannot be checked, and tables of every
claim."""

from __future__ import annotations

import html
from dataclasses import dataclass

import pandas as pd
from IPython.display import HTML

from analysis.claims import register as claims
from analysis.claims.printed_sums import sum_counts
from analysis.claims.register import UNIT_LABEL, read_stated
from analysis.data import DataError, DataFolder
from analysis.facts import Fact, Provenance, derived
from analysis.present import danish as fmt
from analysis.present import page, tables
from analysis.present.prose import listing, say
from analysis.vocabulary import AGREES, HOME, UNCHECKABLE

# The register itself, and the data its checks recompute the claims from.
DATASETS = ("claims", "complaints", "complaint_benchmarks", "compliance", "compliance_targets")
DATASETS += ("applications", "budget_lines", "note_figures", "staffing", "assumptions")

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
    "category",
]


@dataclass(frozen=True, eq=False)
class Result:
    register: pd.DataFrame  # one row per claim and cell, recomputed and judged
    registry: pd.DataFrame


def problems(data: DataFolder) -> list[DataError | str]:
    """What the register needs: checks that exist, with their arguments and the rows they read."""
    return claims.problems(data)


def compute(data: DataFolder) -> Result:
    return Result(claims.register(data), data.sources())


def _deviates(register: pd.DataFrame) -> pd.Series:
    return register["status"].str.startswith("afviger")


def facts(result: Result) -> dict[str, Fact]:
    found = _facts(result)
    return found | {"headline": _headline(found)}


def _facts(result: Result) -> dict[str, Fact]:
    """The register counted: how many claims, where they stand, how they came out. The printed
    sums are counted with the one count Udgifter uses (printed_sums.sum_counts)."""
    register = result.register
    off = register[_deviates(register)]
    changed = register[register["status"] != register["expected"]]
    counted = derived(
        "optalt i registret over påstande", Provenance("stated", tuple(dict.fromkeys(register["source_id"])))
    )
    count = lambda n: Fact(int(n), "number", counted)
    of = lambda category: register[register["category"] == category]
    sums = sum_counts(of("sum"))
    between = of("sammenhæng")
    off_parts = [
        (int(_deviates(of("tekst")).sum()), "tal i kildernes tekst", "tal i kildernes tekst"),
        (sums.deviate, "trykt sum i en tabel", "trykte summer i tabellerne"),
        (int(_deviates(between).sum()), "bevilling med flere numre", "bevillinger med flere numre"),
    ]
    return {
        "n_claims": count(len(register)),
        "n_in_text": count(len(of("tekst"))),
        "n_in_tables": count(sums.checked),
        "n_between": count(len(between)),
        "n_ok": count((register["status"] == AGREES).sum()),
        "n_off": count(len(off)),
        "n_off_tables": count(sums.deviate),
        "off_split": listing(
            [say("{n} " + (one if n == 1 else many), n=count(n)) for n, one, many in off_parts if n],
            counted,
            empty="ingen",
        ),
        "n_unchecked": count((register["status"] == UNCHECKABLE).sum()),
        "n_sources": count(register["source_id"].nunique()),
        "off_sources": listing(list(off["source"].unique()), counted, empty="ingen"),
        "between": say("Ingen bevilling står under ét navn med forskellige numre.", counted)
        if between.empty
        else say(
            "I {n} står samme bevilling under ét navn med forskellige numre; det står under "
            "Afvigelser ovenfor.",
            n=say("{n} tilfælde", n=count(len(between))),
        ),
        "changed": say("Alle påstande har den status, de havde ved bogens gennemgang.", counted)
        if changed.empty
        else say(
            "{n} påstande har en anden status end ved bogens gennemgang; tabellerne nedenfor viser begge.",
            n=count(len(changed)),
        ),
    }


def _headline(found: dict[str, Fact]) -> Fact:
    """The chapter's finding on the front page, made of its facts."""
    return say(
        "Bogen har efterprøvet {n_claims} af kildernes tal og udsagn: {n_ok} stemmer, {n_off} afviger "
        "({off_split}; i {off_sources}), og {n_unchecked} kan ikke efterprøves med de tal, der findes.",
        **{
            key: found[key]
            for key in ("n_claims", "n_ok", "n_off", "off_split", "off_sources", "n_unchecked")
        },
    )


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


def rules_table(result: Result) -> HTML:
    """One example from the register for each rounding rule, with the range it accepts."""
    register = result.register
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


def _writes(claim: pd.Series) -> str:
    """Who gives the stated number: the source, or, for a user's table row, the user's data."""
    return "de brugerleverede data har" if claim.get("user", False) else "kilden skriver"


def _item(head: str, body: str) -> str:
    """A list item (`body` is already escaped); a bold head where the body does not name its source."""
    return f"<li><strong>{html.escape(head)}</strong> {body}</li>" if head else f"<li>{body}</li>"


def _between_item(claim: pd.Series) -> str:
    body = f"{claim['what']}: {claim['how']}. {claim['explanation']}"
    return _item("", html.escape(body))


def deviations_list(result: Result) -> HTML:
    """Each claim of the register that deviates: what the source says, what the data give, how
    the source seems to have computed it, and the register's explanation."""
    register = result.register
    items = []
    for _, group in register[_deviates(register)].groupby("register_id", sort=False):
        first = group.iloc[0]
        if first["category"] == "sammenhæng":
            items.append(_between_item(first))
            continue
        cells = fmt.listing(
            [
                (f"{c['cell']}: " if c["cell"] else "")
                + f"{_writes(c)} {_with_unit(c['stated_text'], c['unit'])}, "
                f"regnet efter giver det {_with_unit(c['computed_text'], c['unit'])} ({c['how']})"
                for _, c in group.iterrows()
            ]
        )
        body = f"{html.escape(_quoted(first))} {html.escape(cells[0].upper() + cells[1:])}."
        if first["reproduced_how"]:
            body += (
                f" Regnet, som kilden ser ud til at have gjort: {html.escape(first['reproduced_how'])} = "
                f"{html.escape(_with_unit(first['reproduced_text'], first['unit']))}, og det "
                f"{'stemmer' if first['reproduced_status'] == AGREES else 'stemmer heller ikke'} med kilden."
            )
        body += f" {html.escape(first['explanation'] or '')}"
        items.append(_item("" if first["in_table"] else f"{first['source']}:", body))
    return HTML('<ul class="findings">' + "".join(items) + "</ul>" if items else "<p>Ingen.</p>")


def uncheckable_list(result: Result) -> HTML:
    """Each claim the data cannot check, with why (and what can be computed)."""
    register = result.register
    items = []
    for _, claim in register[register["status"] == UNCHECKABLE].iterrows():
        stated = _with_unit(claim["stated_text"], claim["unit"])
        says = _writes(claim)
        stated = html.escape(stated.removesuffix("."))
        body = f"{html.escape(_quoted(claim))} {says[:1].upper()}{says[1:]} {stated}. "
        body += html.escape(claim["reason"])
        if claim["how"]:
            body += f" Beregnet: {html.escape(claim['how'])}."
        if claim["explanation"] and claim["status"] == claim["expected"]:  # it explains the reviewed status
            body += f" {html.escape(claim['explanation'])}"
        items.append(_item(f"{claim['source']}:", body))
    return HTML('<ul class="findings">' + "".join(items) + "</ul>" if items else "<p>Ingen.</p>")


def sources_table(result: Result) -> HTML:
    """Per source of the book's municipality: how many claims, and how they came out."""
    register, registry = result.register, result.registry
    rows = []
    for _, source in registry[registry["municipality"] == HOME].iterrows():
        claims = register[register["source_id"] == source["source_id"]]
        rows.append(
            {
                "Kilde": source["short_title"],
                "Påstande": len(claims),
                "Stemmer": (claims["status"] == AGREES).sum(),
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


def claims_table(result: Result) -> HTML:
    """The claims in the sources' text, one row each, with what the data give and the status."""
    grouped = _grouped(result.register[result.register["category"] == "tekst"])
    caption = "Påstande i kildernes tekst"
    shown = grouped[["claim", "stated", "computed", "status"]].set_axis(
        ["Påstand", "Oplyst", "Regnet efter", "Status"], axis=1
    )
    return tables.table(
        shown,
        caption,
        bold_rows=grouped["deviates"],
        formats={"Påstand": _headed, "Oplyst": _breaks, "Regnet efter": _breaks},
    )


def cells_table(result: Result) -> HTML:
    """The printed sums of the tables, one row per cell, folded away until asked for."""
    register = result.register[result.register["in_table"]]
    caption = "Trykte summer i tabellerne (1.000 kr.)"
    shown = pd.DataFrame(
        {
            "Tabelrække": register["what"],
            "Kolonne": register["cell"],
            "Trykt": register["stated_text"],
            "Regnet efter": register["computed_text"] + "\n" + register["how"],
            "Status": register.apply(_status_text, axis=1),
        }
    )
    table = tables.table(
        shown,
        caption,
        bold_rows=_deviates(register),
        numeric=("Trykt",),
        formats={"Regnet efter": _breaks},
        key=register["claim_id"].reset_index(drop=True),
    )
    return page.folded(table, "Vis de trykte summer i tabellerne")


def values(result: Result) -> pd.DataFrame:
    """Every claim and cell with what the source states, what the data give and the status."""
    return result.register[CSV_COLUMNS]


def download(result: Result) -> HTML:
    return tables.csv_download(
        values(result),
        "kontrol_af_tallene.csv",
        "Hent alle påstande som CSV",
        key=("claim_id", "cell"),
        states={"status": "status"},
    )
