"""Facts: the values a chapter's prose states, each with where it comes from.

A chapter makes its facts from a calculation's result; the page writes them the Danish way only
at the edge (`analysis.present.danish.write`). A fact's provenance says which sources it rests
on and how: stated in them (with the verbatim quotes), derived from stated values (with the
formulas), supplied by the user, a setting of the build (a parameter), a document's entry in the
source registry, or missing from the data. A fact made of other facts, such as a sentence,
carries the provenance of all of them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

from analysis.vocabulary import KINDS

# From the most to the least telling: a sentence that holds one derived number is derived.
FACT_KINDS = ("user-supplied", "derived", "stated", "registry", "missing", "parameter")


def _filled(value) -> bool:
    return value is not None and not (isinstance(value, float) and value != value) and value is not pd.NA


@dataclass(frozen=True)
class Provenance:
    kind: str  # one of FACT_KINDS
    sources: tuple[str, ...] = ()  # source ids (or a user's file name)
    quotes: tuple[str, ...] = ()  # verbatim, for stated values
    formulas: tuple[str, ...] = ()  # the arithmetic, for derived values
    user: bool = False  # rests on user-supplied values (itself, or what it was derived from)

    def __post_init__(self):
        if self.kind not in FACT_KINDS:
            raise ValueError(f"unknown kind of fact {self.kind!r}; known: {', '.join(FACT_KINDS)}")

    def __or__(self, other: Provenance) -> Provenance:
        return combined([self, other])


PARAMETER = Provenance("parameter")
MISSING = Provenance("missing")


def registry(source_id: str) -> Provenance:
    """A document's own entry in the source registry (its title, date, organisation)."""
    return Provenance("registry", (source_id,))


def derived(formula: str, *based_on: Provenance) -> Provenance:
    """A value computed from others with `formula`: it rests on their sources."""
    sources, quotes, formulas = _union(based_on)
    user = any(p.user for p in based_on)
    return Provenance("derived", sources, quotes, tuple(dict.fromkeys((formula, *formulas))), user)


def of_row(row: Mapping) -> Provenance:
    """The provenance of one data row (its columns kind, source_id, quote and formula)."""
    kind = row.get("kind")
    if not _filled(kind) or kind not in KINDS:
        return MISSING
    values = [row.get(column) for column in ("source_id", "quote", "formula")]
    source, quote, formula = (str(v) if _filled(v) else None for v in values)
    return Provenance(kind, _some(source), _some(quote), _some(formula), kind == "user-supplied")


def of_rows(rows: pd.DataFrame | Iterable[Mapping]) -> Provenance:
    """The provenance of several data rows together (a sum, a listing)."""
    records = rows.to_dict("records") if isinstance(rows, pd.DataFrame) else list(rows)
    return combined([of_row(r) for r in records]) if records else MISSING


def combined(parts: Iterable[Provenance]) -> Provenance:
    parts = list(parts)
    if not parts:
        return PARAMETER
    kind = next(k for k in FACT_KINDS if any(p.kind == k for p in parts))
    return Provenance(kind, *_union(parts), any(p.user for p in parts))


def _union(parts: Iterable[Provenance]) -> tuple[tuple, tuple, tuple]:
    sources, quotes, formulas = {}, {}, {}  # dicts keep the first-seen order and drop repeats
    for p in parts:
        sources.update(dict.fromkeys(p.sources))
        quotes.update(dict.fromkeys(p.quotes))
        formulas.update(dict.fromkeys(p.formulas))
    return tuple(sources), tuple(quotes), tuple(formulas)


def _some(value: str | None) -> tuple[str, ...]:
    return (value,) if value else ()


@dataclass(frozen=True)
class Fact:
    """A value for the prose. `form` names how the page writes it (see present.danish.FORMS);
    `decimals` overrides the form's own; `approximate` writes "ca." before it."""

    value: object
    form: str = "text"
    provenance: Provenance = PARAMETER
    decimals: int | None = None
    approximate: bool = False

    @property
    def missing(self) -> bool:
        return not _filled(self.value)


def setting(value, form: str = "text") -> Fact:
    """A value the person building the book chose (a parameter), as a fact."""
    return Fact(value, form, PARAMETER)


def from_row(row: Mapping, column: str, form: str, **options) -> Fact:
    """The value in `column` of a data row, with the row's provenance (missing if the row has no value)."""
    value = row.get(column) if row is not None else None
    if row is None or not _filled(value):
        return Fact(None, form, MISSING, **options)
    return Fact(value, form, of_row(row), **options)
