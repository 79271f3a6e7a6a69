"""Looking up documents in the source registry (sources/registry.csv, as DataFolder.sources() gives it)."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd


def entry(registry: pd.DataFrame, source_id: str) -> pd.Series:
    """A document's row of the registry."""
    return registry.set_index("source_id").loc[source_id]


def short_title(registry: pd.DataFrame, source_id: str) -> str:
    return str(entry(registry, source_id)["short_title"])


def short_titles(registry: pd.DataFrame, source_ids: Iterable[str], keep_order: bool = False) -> list[str]:
    """The short titles of these documents, each once: by id, or in the order given (`keep_order`).
    An id the registry does not know (a user's file named as the source) is kept as it is."""
    ids = list(dict.fromkeys(i for i in source_ids if isinstance(i, str)))
    titles = registry.set_index("source_id")["short_title"]
    return [str(titles.get(i, i)) for i in (ids if keep_order else sorted(ids))]
