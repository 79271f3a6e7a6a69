"""Whether a stated number agrees with its recomputed value, within what its writing allows."""

from __future__ import annotations

from analysis.vocabulary import AGREES, DEVIATES, SIGN_TURNED


def status(stated: float, recomputed: float, tolerance: float = 0.5) -> str:
    """AGREES when the numbers differ by at most `tolerance` (what the stated rounding allows;
    half a unit for the whole numbers of a budget table), SIGN_TURNED when only the sign is
    wrong, DEVIATES otherwise."""
    slack = tolerance * (1 + 1e-9)  # 9,25 rounds to 9,3: the bound itself agrees, binary floats or not
    if abs(stated - recomputed) <= slack:
        return AGREES
    return SIGN_TURNED if abs(stated + recomputed) <= slack else DEVIATES
