"""Helpers the tests share (conftest.py holds the fixtures)."""

from __future__ import annotations

import csv
import shutil

import pandas as pd

from analysis.data import DataFolder
from analysis.paths import DATA_DIR
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


FICTITIOUS_SOURCE = "test-fiktivt-indeks"


def user_folder(tmp_path, index_rows: list[tuple[str, str]] | None) -> DataFolder:
    """A user's data folder holding a price_index.csv (if rows are given) and a registry that names
    the made-up source; every other file falls back to the shipped data."""
    folder = tmp_path / "mine"
    (folder / "sources").mkdir(parents=True)
    shutil.copy(DATA_DIR / "sources" / "registry.csv", folder / "sources" / "registry.csv")
    with open(folder / "sources" / "registry.csv", "a", newline="", encoding="utf-8") as file:
        csv.writer(file, lineterminator="\n").writerow(
            [
                FICTITIOUS_SOURCE,
                "Fiktivt testindeks",
                "Fiktivt indeks (kun til test)",
                "Ingen",
                "Ingen",
                "Ingen",
                "2024",
                "",
                "",
                "https://example.invalid/fiktivt-indeks",
            ]
        )
    if index_rows is not None:
        with open(folder / "price_index.csv", "w", newline="", encoding="utf-8") as file:
            writer = csv.writer(file, lineterminator="\n")
            writer.writerow(["year", "index", "kind", "source_id", "quote", "formula"])
            for year, value in index_rows:
                writer.writerow([year, value, "user-supplied", FICTITIOUS_SOURCE, "fiktivt tal til test", ""])
    return DataFolder(folder)
