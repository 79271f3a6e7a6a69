"""Helpers the tests share (conftest.py holds the fixtures)."""

from __future__ import annotations

import ast
import csv
import operator
import re
import shutil
from pathlib import Path

import pandas as pd

from analysis.data import DataFolder
from analysis.paths import DATA_DIR
from analysis.present.danish import write


def edit_file(folder: Path, name: str, find: str, replace: str) -> Path:
    """Break (or change) one cell of a data file: the first `find` in folder/name becomes `replace`.
    The text to find must be there: a test whose setup misses would prove nothing."""
    path = Path(folder) / name
    text = path.read_text(encoding="utf-8")
    assert find in text, f"test setup: {find!r} not in {name}"
    path.write_text(text.replace(find, replace, 1), encoding="utf-8")
    return path


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


_OPS = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.USub: operator.neg,
}


def evaluate(formula: str) -> float:
    """Arithmetic written the Danish way ("580 × (1 − 0,07)"), evaluated without eval()."""
    text = formula.replace("×", "*").replace("−", "-").replace("÷", "/")
    text = re.sub(r"(?<=\d)\.(?=\d{3})", "", text).replace(",", ".")

    def walk(node):
        if isinstance(node, ast.Expression):
            return walk(node.body)
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
            return node.value
        if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
            return _OPS[type(node.op)](walk(node.left), walk(node.right))
        if isinstance(node, ast.UnaryOp) and type(node.op) in _OPS:
            return _OPS[type(node.op)](walk(node.operand))
        raise ValueError(f"not plain arithmetic: {formula}")

    return walk(ast.parse(text, mode="eval"))


def flat(text: str) -> str:
    """A chart title or note as one line: the template wraps long ones with " <br>"."""
    return re.sub(r"\s*<br>\s*", " ", text)
