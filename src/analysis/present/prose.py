"""Sentences made of facts: each fact in a sentence is written the Danish way, and the sentence
carries the provenance of every fact in it (and of the data it was chosen on).

A number the user supplied says so where the prose states it ("440 (brugerleveret)"), and one
computed from user-supplied numbers says that ("(beregnet af brugerleverede tal)"): a reader can
always tell a user's number from one stated in the sources. A sentence that names where its
numbers come from names them from their provenance (`according_to`), never from a fixed text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import pandas as pd

from analysis.data.registry import short_titles
from analysis.facts import Fact, Provenance, combined
from analysis.present.danish import listing as danish_listing
from analysis.present.danish import write

# Forms that write a quantity (not a year, a date, a period or a text): these carry the user mark.
QUANTITIES = frozenset(
    {
        "number",
        "auto",
        "plain",
        "pct",
        "pct_points",
        "signed_pct",
        "mio_kr",
        "thousand_kr_as_mio",
        "kr",
        "kr_thousands",
    }
)
USER_MARK = "brugerleveret"
USER_DERIVED_MARK = "beregnet af brugerleverede tal"


def user_mark(provenance: Provenance) -> str:
    """The words after a number that rests on the user's data; "" for one that does not."""
    if not provenance.user:
        return ""
    return USER_MARK if provenance.kind == "user-supplied" else USER_DERIVED_MARK


def written(part: Fact | str) -> str:
    """A fact as the prose writes it: "1.564", and "440 (brugerleveret)" for a user's number."""
    if not isinstance(part, Fact):
        return str(part)
    text = write(part)
    mark = user_mark(part.provenance) if part.form in QUANTITIES and not part.missing else ""
    return f"{text} ({mark})" if mark else text


def _provenance(parts, based_on: Sequence[Provenance]) -> Provenance:
    return combined([*based_on, *(p.provenance for p in parts if isinstance(p, Fact))])


def say(template: str, /, *based_on: Provenance, **parts: Fact | str) -> Fact:
    """A sentence or phrase of the prose: say("{n} klager", n=count) -> "437 klager", resting on
    `count`'s provenance and on `based_on` (the data a fixed wording was chosen on). Without parts
    the template is the sentence itself, and is not formatted: a sentence made of data (a label
    holding "{x}") stays as written and cannot reach into the parts."""
    text = template.format(**{name: written(part) for name, part in parts.items()}) if parts else template
    # A sentence's full stop after an abbreviation's ("81 pct." + ".") is written once.
    text = re.sub(r"(?<!\.)\.\.(?!\.)", ".", text)
    return Fact(text, "text", _provenance(parts.values(), based_on))


def listing(parts: Sequence[Fact | str], /, *based_on: Provenance, empty: str = "") -> Fact:
    """Facts as a Danish list: "2015, 2016 og 2018"; `empty` when there are none."""
    text = danish_listing([written(p) for p in parts]) or empty
    return Fact(text, "text", _provenance(parts, based_on))


def capitalised(fact: Fact) -> Fact:
    """The same fact with its first letter in upper case (it starts a sentence)."""
    text = written(fact)
    return Fact(text[:1].upper() + text[1:], "text", fact.provenance)


def sources_named(provenance: Provenance, registry: pd.DataFrame) -> Fact:
    """The documents a value rests on, by their short titles in the registry:
    "SO49 Servicekultur (2020) og Temadrøftelse om klager (2019)"."""
    return Fact(
        danish_listing(short_titles(registry, provenance.sources, keep_order=True)), "text", provenance
    )


def according_to(provenance: Provenance, registry: pd.DataFrame) -> Fact:
    """How a sentence says where its numbers come from, from their provenance: "ifølge SO49
    Servicekultur (2020)" for stated numbers, "efter brugerleverede data (…)" for the user's,
    "beregnet af tal fra …" for derived ones; "" where there is nothing to name."""
    names = write(sources_named(provenance, registry))
    if not names:
        return Fact("", "text", provenance)
    if provenance.kind == "stated":
        phrase = f"ifølge {names}"
    elif provenance.kind == "user-supplied":
        phrase = f"efter brugerleverede data ({names})"
    elif provenance.kind == "derived":
        phrase = f"beregnet af {'brugerleverede ' if provenance.user else ''}tal fra {names}"
    else:
        phrase = ""
    return Fact(phrase, "text", provenance)
