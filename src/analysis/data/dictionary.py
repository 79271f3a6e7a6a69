"""The data contract described from the schemas themselves, for the book's data dictionary
(and anything else that needs to list a data file's columns), so the documentation can never
drift from what validation enforces."""

from __future__ import annotations

import pandas as pd

from .errors import RULE_SEPARATOR
from .schemas import DATASETS, Dataset

TYPE_NAMES = {"int": "heltal", "float": "tal", "string": "tekst"}
SOURCE_PLACEHOLDER = ["<kilde-id fra sources/registry.csv>"]  # the allowed ids depend on the registry


def type_name(dtype) -> str:
    name = str(dtype).lower()
    return next((danish for key, danish in TYPE_NAMES.items() if name.startswith(key)), name)


def columns(dataset: Dataset) -> pd.DataFrame:
    """One row per column: name, type, whether required, allowed values, rules, description."""
    schema = dataset.schema(SOURCE_PLACEHOLDER)
    rows = []
    for name, column in schema.columns.items():
        allowed = next((c.statistics["allowed_values"] for c in column.checks if c.name == "isin"), None)
        rules = [c.error for c in column.checks if c.name != "isin" and c.error]
        rules += [
            c.error.split(RULE_SEPARATOR, 1)[1]
            for c in schema.checks
            if c.error and c.error.startswith(name + RULE_SEPARATOR)
        ]
        rows.append(
            {
                "column": name,
                "type": type_name(column.dtype),
                "required": not column.nullable,
                "allowed": None if allowed is None else ", ".join(map(str, allowed)),
                "rules": "; ".join(rules) or None,
                "description": column.description,
            }
        )
    return pd.DataFrame(rows)


def key(dataset: Dataset) -> list[str]:
    """The columns that together identify a row (each combination may appear once)."""
    return list(dataset.schema(SOURCE_PLACEHOLDER).unique or [])


def datasets() -> list[Dataset]:
    return list(DATASETS.values())
