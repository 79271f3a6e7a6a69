"""Data folders drawn at random (but reproducibly, from a seed) for the property tests: more and
fewer years, gaps, partial periods, extra notes and rows, user-supplied and stated values, .xlsx
and Danish CSV. Each draw is a valid `fictitious.Spec`; what the shipped data has and a drawn
folder lacks comes from the shipped data, as it does for an analyst.
"""

from __future__ import annotations

import random

from fictitious import Note, Spec

from analysis.vocabulary import BORGERCENTRE

# Measured periods (compliance, applications) lie in the past: the data contract refuses a
# measurement that ends after today. A fixed year keeps the draws the same whenever they run.
MEASURED_UNTIL = 2024


def _years(
    rng: random.Random, first: range, length: range, gaps: float = 0.0, last: int | None = None
) -> tuple[int, ...]:
    start = rng.choice(first)
    end = start + rng.choice(length)
    years = [y for y in range(start, min(end, (last or end) + 1)) if rng.random() >= gaps]
    return tuple(years or [start])


def _note(rng: random.Random, number: int) -> Note:
    years = _years(rng, range(2018, 2027), range(1, 7))
    lines = tuple(
        (
            f"FIKTIV aktivitet {number}.{i}",
            tuple(rng.choice([-1, 1, 1, 1]) * rng.randrange(50, 5000, 50) for _ in years),
        )
        for i in range(1, rng.randint(1, 5) + 1)
    )
    return Note(
        f"nd{number}",
        f"FIKTIVT notat ND{number}",
        rng.choice(years),
        years,
        lines,
        error=rng.choice([0, 0, 100, -20, 1]),
    )


def _compliance(rng: random.Random) -> dict:
    centres = tuple(rng.sample(sorted(BORGERCENTRE), rng.randint(1, len(BORGERCENTRE))))
    years = _years(rng, range(2012, 2024), range(1, 8), last=MEASURED_UNTIL)
    funding = []
    for centre in rng.sample(centres, rng.randint(0, len(centres))):
        first = rng.choice(years)
        last = rng.choice([None, first, first + 1])
        funding.append((centre, rng.choice(["granted", "proposed"]), first, last))
    return {
        "compliance_years": years,
        "compliance_months": rng.choice([3, 6, 12]),
        "centres": centres,
        "targets": {c: float(rng.choice([75, 80, 85, 90, 95])) for c in centres if rng.random() < 0.6},
        "funding": tuple(funding),
    }


def _complaints(rng: random.Random) -> dict:
    years = _years(rng, range(1995, 2020), range(1, 31), gaps=rng.choice([0.0, 0.2]))
    return {
        "complaint_years": years,
        "reality_gaps": tuple(y for y in years if rng.random() < 0.15),
        "complaints_kind": rng.choice(["user-supplied", "stated"]),
        "complaints_format": rng.choice(["csv", "xlsx"]),
        "benchmarks": rng.random() < 0.4,
    }


def _applications(rng: random.Random) -> dict:
    return {
        "application_type": rng.choice(["brøkpension", "førtidspension", "FIKTIV ydelse"]),
        "application_years": _years(rng, range(2010, 2024), range(1, 12), last=MEASURED_UNTIL),
        "application_months": rng.choice([3, 6, 12]),
        "partial_last_period": rng.random() < 0.4,
        "applications_format": rng.choice(["csv", "xlsx"]),
    }


def draw(seed: int) -> Spec:
    """One valid data folder's description; each data set is present or left to the shipped data."""
    rng = random.Random(seed)
    parts: dict = {}
    for maker in (_complaints, _compliance, _applications):
        if rng.random() < 0.8:
            parts |= maker(rng)
    notes = tuple(_note(rng, n) for n in range(1, rng.randint(0, 3) + 1))
    index_start = rng.choice(range(2005, 2020))
    return Spec(
        name=f"D{seed}",
        seed=seed,
        notes=notes,
        price_index=tuple(range(index_start, 2028)) if rng.random() < 0.5 else (),
        cases=rng.choice([0, 0, 300]),
        date_style=rng.choice(["iso", "danish-dash", "danish-dot"]),
        csv_style=rng.choice(["danish", "plain"]),
        **parts,
    )
