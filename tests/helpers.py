"""Helpers the tests share (conftest.py holds the fixtures)."""

from __future__ import annotations

import pandas as pd

from analysis.data import DataFolder
from analysis.present.danish import write


def written(facts) -> dict[str, str]:
    """A chapter's facts as the page writes them."""
    return {key: write(fact) for key, fact in facts.items()}


class FrameFolder(DataFolder):
    """The shipped data, with some data sets replaced by frames given in the test (already valid)."""

    def __init__(self, **frames: pd.DataFrame):
        super().__init__()
        self._frames = frames

    def load(self, name: str) -> pd.DataFrame | None:
        return self._frames[name] if name in self._frames else super().load(name)
