"""The source registry as the book shows it: one entry per document, with its municipality."""

from __future__ import annotations

import html

import pandas as pd
from IPython.display import HTML

from . import formatting as fmt

HOME = "Københavns Kommune"  # the municipality the book is about


def municipality_facts(registry: pd.DataFrame) -> dict[str, str]:
    """How many documents come from which municipality, for the prose."""
    counts = registry.groupby(["municipality", "country"], sort=False).size()
    parts = [f"{fmt.number(n)} fra {m} ({c})" for (m, c), n in counts.items()]
    others = [m for m, _ in counts.index if m != HOME]
    facts = {
        "n_sources": fmt.number(len(registry)),
        "by_municipality": fmt.listing(parts),
        "other_municipalities": fmt.listing(others) or "ingen",
    }
    return facts


def source_entries(registry: pd.DataFrame) -> HTML:
    """Every source with an anchor (kilde-<id>) that tables and chapters link to."""
    blocks = []
    for row in registry.itertuples(index=False):
        foreign = row.municipality != HOME
        details = [f"<strong>Udgiver:</strong> {html.escape(row.organisation)}",
                   f"<strong>Kommune:</strong> {html.escape(row.municipality)} ({html.escape(row.country)})",
                   f"<strong>Dato:</strong> {html.escape(row.date)}"]
        if not fmt.is_missing(row.reference):
            details.append(f"<strong>Reference:</strong> {html.escape(row.reference)}")
        if not fmt.is_missing(row.url):
            details.append(f'<strong>Adresse:</strong> <a href="{html.escape(row.url)}">{html.escape(row.url)}</a>')
        if not fmt.is_missing(row.file):
            details.append(f"<strong>Tekst i bogens data:</strong> <code>data/sources/{html.escape(row.file)}</code>")
        warning = (f'<p class="admonition warning"><strong>Ikke Københavns Kommune:</strong> dokumentet er fra '
                   f"{html.escape(row.municipality)} i {html.escape(row.country)}. Dets tal vises kun i eget "
                   f"kapitel og er ikke Københavns.</p>") if foreign else ""
        blocks.append(f'<div class="source-entry" id="kilde-{html.escape(row.source_id)}">'
                      f"<h2>{html.escape(row.title)}</h2>{warning}<p>" + "<br/>".join(details) +
                      f"<br/><strong>Id i data:</strong> <code>{html.escape(row.source_id)}</code></p></div>")
    return HTML("\n".join(blocks))
