"""Kilder: every source document with its municipality and the chapters that use it, and the data
files each chapter read. What the chapters read comes from the build, which records every file a
chapter looks up (`chapter_reads`, see build/runs.py): the same record the chapters' own data
notes are made from."""

from __future__ import annotations

import html
from dataclasses import dataclass

import pandas as pd
from IPython.display import HTML

from analysis.data import DataFolder, is_missing
from analysis.facts import PARAMETER, Fact, Provenance
from analysis.present import danish, page, tables
from analysis.present.prose import listing
from analysis.vocabulary import HOME, date_label

DATASETS = ("assumptions",)  # besides the registry; what the chapters read, the build says
WHERE = {"shipped": "leveret med bogen", "user": "egne data", None: "—"}


@dataclass(frozen=True, eq=False)
class Result:
    registry: pd.DataFrame
    chapter_reads: dict | None  # per chapter: title, files (data set, file, from) and sources cited
    user_folder: str | None  # the name (never the path) of the user's data folder, if any
    texts: dict[str, str]  # every stored source text by source id, shipped or the user's
    supplied: frozenset[str]  # the ids whose text is the user's (in the folder given with --data)

    def using(self, source_id: str) -> list[tuple[str, str]]:
        """The chapters (title, page) whose data cite the source."""
        reads = self.chapter_reads or {}
        return [(r["title"], f"{stem}.html") for stem, r in reads.items() if source_id in r["sources"]]


def problems(data: DataFolder) -> list:
    """What `compute` needs beyond the schemas: nothing (see build/preflight.py)."""
    return []


def compute(data: DataFolder, chapter_reads: dict | None = None) -> Result:
    registry = data.sources()
    texts = {i: data.source_text(i) for i in registry.loc[registry["file"].notna(), "source_id"]}
    supplied = frozenset(i for i in texts if data.supplied(data.texts[i]))
    user = data.user_dir.name if data.user_dir else None
    return Result(registry, chapter_reads, user, texts, supplied)


def user_files(result: Result) -> list[str]:
    """The user's files any chapter read, each once, in the order first read."""
    reads = (result.chapter_reads or {}).values()
    found = [f["file"] for read in reads for f in read["files"] if f["from"] == "user"]
    return list(dict.fromkeys(found))


def facts(result: Result) -> dict[str, Fact]:
    """How many documents come from which municipality."""
    registry = result.registry
    counts = registry.groupby(["municipality", "country"], sort=False).size()
    every = Provenance("registry", tuple(registry["source_id"]))
    parts = [f"{danish.number(n)} fra {m} ({c})" for (m, c), n in counts.items()]
    others = [m for m, _ in counts.index if m != HOME]
    return {
        "user_data": _user_data(result),
        "n_sources": Fact(len(registry), "number", every),
        "by_municipality": listing(parts, every),
        "other_municipalities": listing(others, every, empty="ingen"),
        "texts_published": _texts_published(result),
    }


def _texts_published(result: Result) -> Fact:
    """Which documents' texts the page shows (the shipped ones and those the user supplied)."""
    registry, n = result.registry, len(result.texts)
    every = Provenance("registry", tuple(result.texts))
    without = len(registry) - n
    if n == 0:
        return Fact("Ingen af dokumenterne har en gemt tekst i bogens data.", "text", every)
    shown = (
        f"Teksten til {danish.count(n, 'dokument', 'dokumenter')} står i bogens data og kan læses "
        "under dokumentet nedenfor (klik på »Kildens tekst«)"
    )
    if result.supplied:
        shown += f"; heraf er {danish.number(len(result.supplied))} leveret af den, der byggede bogen"
    shown += "."
    if without:
        shown += f" {danish.count(without, 'dokument', 'dokumenter')} har kun en adresse og ingen gemt tekst."
    return Fact(shown, "text", every)


def _user_data(result: Result) -> Fact:
    """The front page's word on whose data the book was built from."""
    files = user_files(result)
    if not files:
        return Fact("Bogen er bygget med de data, der følger med den.", "text", PARAMETER)
    names = [f"»{file.partition('/')[2] or file}«" for file in files]
    return Fact(
        f"Bogen er bygget med egne data fra mappen »{result.user_folder}«: "
        f"{danish.listing(names)}. Tallene i de filer er leveret af den, der byggede bogen, hver med "
        "den kilde, filen angiver. Et tal uden et dokument som kilde er mærket »brugerleveret« i "
        "teksten, og et tal regnet af den slags tal »beregnet af brugerleverede tal«. De øvrige data "
        "følger med bogen.",
        "text",
        Provenance("user-supplied", tuple(files), user=True),
    )


def entries(result: Result) -> HTML:
    """Every source with an anchor (kilde-<id>) that tables and chapters link to, and the
    chapters that use it."""
    return HTML("\n".join(_entry(row, result) for row in result.registry.itertuples(index=False)))


def _entry(row, result: Result) -> str:
    e = html.escape
    details = [
        f"<strong>Udgiver:</strong> {e(row.organisation)}",
        f"<strong>Kommune:</strong> {e(row.municipality)} ({e(row.country)})",
        f"<strong>Dato:</strong> {e(date_label(row.date))}",
    ]
    if not is_missing(row.reference):
        details.append(f"<strong>Reference:</strong> {e(row.reference)}")
    if not is_missing(row.url):
        details.append(f"<strong>Adresse:</strong> {page.safe_link(row.url)}")
    if not is_missing(getattr(row, "accessed", None)):
        details.append(f"<strong>Hentet:</strong> {e(date_label(row.accessed))}")
    if not is_missing(row.file):
        whose = (
            f"leveret af den, der byggede bogen (mappen »{e(result.user_folder)}«)"
            if row.source_id in result.supplied
            else "følger med bogen"
        )
        details.append(f"<strong>Tekst:</strong> <code>sources/{e(row.file)}</code>, {whose}")
    if not is_missing(getattr(row, "sha256", None)):
        details.append(f"<strong>Kontrolsum (SHA-256):</strong> <code>{e(row.sha256)}</code>")
    if result.chapter_reads is not None:
        chapters = [f'<a href="{e(page)}">{e(title)}</a>' for title, page in result.using(row.source_id)]
        details.append(f"<strong>Bruges i:</strong> {danish.listing(chapters) or 'ingen kapitler'}")
    warning = (
        (
            f'<p class="admonition warning"><strong>Ikke Københavns Kommune:</strong> dokumentet er fra '
            f"{e(row.municipality)} i {e(row.country)}. Dets tal vises kun i eget "
            f"kapitel og er ikke Københavns.</p>"
        )
        if row.municipality != HOME
        else ""
    )
    return (
        f'<div class="source-entry" id="kilde-{e(row.source_id)}">'
        f"<h2>{e(row.title)}</h2>{warning}<p>"
        + "<br/>".join(details)
        + f"<br/><strong>Id i data:</strong> <code>{e(row.source_id)}</code></p>"
        + _text(row, result)
        + "</div>"
    )


def _text(row, result: Result) -> str:
    """The document's stored text, escaped and folded away, as the quotes in the data are checked
    against it (spacing and line breaks as stored)."""
    text = result.texts.get(row.source_id)
    if text is None:
        return ""
    return (
        f'<details class="source-text"><summary>Kildens tekst ({danish.number(len(text))} tegn)</summary>'
        f'<pre style="white-space: pre-wrap">{html.escape(text.strip())}</pre></details>'
    )


def values(result: Result) -> pd.DataFrame:
    """For each chapter, the data files it read and whether they are the book's own or the
    user's (a build with --data mixes both, file by file)."""
    rows = [
        {
            "Kapitel": read["title"],
            "Datafil": file["file"] or f"{file['dataset']} (valgfri, ikke leveret)",
            "Hvorfra": WHERE[file["from"]],
        }
        for read in (result.chapter_reads or {}).values()
        for file in read["files"]
    ]
    return pd.DataFrame(rows, columns=["Kapitel", "Datafil", "Hvorfra"])


def table(result: Result) -> HTML:
    if result.chapter_reads is None:
        return HTML(
            "<p>Hvilke datafiler hvert kapitel læser, står her, når bogen bygges med "
            "<code>python -m analysis build</code>.</p>"
        )
    return tables.table(values(result), caption="Datafiler brugt i hvert kapitel")
