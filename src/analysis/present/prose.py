"""Sentences made of facts: each fact in a sentence is written the Danish way, and the sentence
carries the provenance of every fact in it (and of the data it was chosen on)."""

from __future__ import annotations

from collections.abc import Sequence

from analysis.facts import Fact, Provenance, combined
from analysis.present.danish import listing as danish_listing
from analysis.present.danish import write


def _text(part: Fact | str) -> str:
    return write(part) if isinstance(part, Fact) else str(part)


def _provenance(parts, based_on: Sequence[Provenance]) -> Provenance:
    return combined([*based_on, *(p.provenance for p in parts if isinstance(p, Fact))])


def say(template: str, /, *based_on: Provenance, **parts: Fact | str) -> Fact:
    """A sentence or phrase of the prose: say("{n} klager", n=count) -> "437 klager", resting on
    `count`'s provenance and on `based_on` (the data a fixed wording was chosen on)."""
    text = template.format(**{name: _text(part) for name, part in parts.items()})
    return Fact(text, "text", _provenance(parts.values(), based_on))


def listing(parts: Sequence[Fact | str], /, *based_on: Provenance, empty: str = "") -> Fact:
    """Facts as a Danish list: "2015, 2016 og 2018"; `empty` when there are none."""
    text = danish_listing([_text(p) for p in parts]) or empty
    return Fact(text, "text", _provenance(parts, based_on))


def capitalised(fact: Fact) -> Fact:
    """The same fact with its first letter in upper case (it starts a sentence)."""
    text = _text(fact)
    return Fact(text[:1].upper() + text[1:], "text", fact.provenance)
