"""Page snippets every chapter uses: its facts glued for the prose, the line naming the data and
parameters it used, lists of findings, folded sections and warning boxes. Text from data is
always escaped here."""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from pathlib import Path

from IPython.display import HTML
from myst_nb import glue as myst_glue

from analysis.data import DataFolder
from analysis.data.schemas.sources import is_web_address
from analysis.facts import Fact
from analysis.notebooks import prose_keys
from analysis.paths import DATA_DIR
from analysis.present import danish, ledger
from analysis.present.prose import written


def glue(facts: Mapping[str, Fact], chapter: str) -> None:
    """Make the facts the prose of `chapter` (its notebook's name) uses available to it as
    {glue:text}`key`, written the Danish way (a user's number says so). A fact no prose uses is
    not glued; a fact the prose uses but the chapter did not make is an error here rather than a
    blank in the book. The numbers glued, and every verdict on a target, go into the chapter's
    numbers ledger."""
    used = prose_keys(chapter)
    missing = sorted(used - set(facts))
    if missing:
        raise KeyError(f"the prose of {chapter} uses facts the chapter does not make: {', '.join(missing)}")
    for key, fact in facts.items():
        if key in used:
            myst_glue(key, written(fact), display=False)
        if key in used or fact.form == "verdict":
            ledger.fact(key, fact, danish.write(fact))


def ledger_output(chapter: str) -> None:
    """The chapter's last cell: its numbers ledger, for the build (nothing outside a build)."""
    return ledger.handed_over(chapter)


def data_note(folder: DataFolder, chapter: str, **parameters) -> HTML:
    """Lines under the chapter: the readings of the sources it rests on (see assumptions_note),
    the data files it read (shipped, or the user's folder by its name: never a path of the
    machine that built the book) and its parameters (the data folder is named with the files)."""
    assumptions = assumptions_note(folder, chapter).data
    files = [f"{html.escape(path.name)} ({html.escape(origin(path))})" for path in folder.used.values()]
    shown = ", ".join(
        f"{html.escape(k)} = {html.escape(str(v) if v is not None else 'standard')}"
        for k, v in parameters.items()
        if k != "data_dir"
    )
    used = "; ".join(files) if files else "ingen datafiler (siden er lavet af bogens egne oplysninger)"
    return HTML(
        f'{assumptions}<p class="data-note"><strong>Data brugt i kapitlet:</strong> {used}.'
        + (f" <strong>Parametre:</strong> {shown}." if shown else "")
        + "</p>"
    )


def safe_link(url, text: str | None = None) -> str:
    """A link to a web address from data, as HTML: only an http(s) address becomes a link; anything
    else (a javascript:, data: or file: URL, a relative path) is shown as plain, escaped text, so a
    slip in the data's checks can still never make a live link that runs code."""
    shown = html.escape(str(url if text is None else text))
    return f'<a href="{html.escape(url)}">{shown}</a>' if is_web_address(url) else shown


def origin(path: Path) -> str:
    """Where a data file came from, as the book says it: the book's own, or the user's folder by name."""
    return (
        "leveret med bogen" if path.is_relative_to(DATA_DIR) else f"egne data fra mappen »{path.parent.name}«"
    )


def assumptions_note(folder: DataFolder, chapter: str) -> HTML:
    """A line under a chapter that rests on readings of its sources: how many, and where they
    stand with their reasons (the page "Antagelser og forbehold"); nothing if it rests on none."""
    log = folder.load("assumptions")
    mine = log[[chapter in [n.strip() for n in names.split(";")] for names in log["chapters"]]]
    if mine.empty:
        return HTML("")
    count = danish.count(len(mine), "antagelse", "antagelser")
    return HTML(
        f'<p class="assumptions-note">Kapitlet bygger på {count} om, hvordan kilderne skal læses. '
        'De står med begrundelse og betydning under <a href="antagelser.html">Antagelser og '
        "forbehold</a>.</p>"
    )


def findings(items: Iterable[str | tuple[str, str]], none: str = "Ingen.") -> HTML:
    """A list of findings, each a sentence or (a bold heading, a sentence); `none` if empty."""
    rows = []
    for item in items:
        head, body = item if isinstance(item, tuple) else ("", item)
        strong = f"<strong>{html.escape(head)}</strong> " if head else ""
        rows.append(f"<li>{strong}{html.escape(body)}</li>")
    return HTML(f'<ul class="findings">{"".join(rows)}</ul>' if rows else f"<p>{html.escape(none)}</p>")


def folded(content: HTML, summary: str) -> HTML:
    """Content folded away under a summary line the reader clicks to open."""
    return HTML(f"<details><summary>{html.escape(summary)}</summary>{content.data}</details>")


def warning(title: str, text: str) -> HTML:
    """A warning box, like the book's {admonition} boxes."""
    return HTML(
        f'<div class="admonition warning"><p class="admonition-title">{html.escape(title)}</p>'
        f"<p>{html.escape(text)}</p></div>"
    )
