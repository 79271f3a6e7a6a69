"""Calculation is pure: frames in, results out, and no reader-facing Danish. (What it may import is
the import-linter's job; this checks the text it could still produce.)"""

import ast
import re
from pathlib import Path

import pytest

import analysis.calc
from analysis.data.schemas.claims import CLAIM_UNITS

CALC = Path(analysis.calc.__file__).parent
# Danish letters, or words a Danish sentence can hardly do without.
DANISH = re.compile(r"[æøåÆØÅ]|\b(og|ikke|af|til|med|fra|pct|kr|mio|kvartal|halvår|beregnet|oplyst)\b")
CODES = set(CLAIM_UNITS)  # the data files' own codes for units ("pct", "1000 kr") are not prose


def strings(path: Path) -> list[tuple[int, str]]:
    """Every string constant of a module but its docstrings (those explain the code in English)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
    ]


@pytest.mark.parametrize("path", sorted(CALC.glob("*.py")), ids=lambda p: p.name)
def test_no_reader_facing_danish_in_calculation(path):
    found = [(line, text) for line, text in strings(path) if DANISH.search(text) and text not in CODES]
    assert not found, f"{path.name} writes Danish for readers (move it to the chapter): {found}"


def test_the_check_finds_danish():
    tree = 'def f():\n    """Explains in English."""\n    return "steg med 3 pct."\n'
    assert [text for _, text in strings_of(tree) if DANISH.search(text)] == ["steg med 3 pct."]


def strings_of(source: str) -> list[tuple[int, str]]:
    path = Path(__file__).with_name("_probe.py")
    try:
        path.write_text(source, encoding="utf-8")
        return strings(path)
    finally:
        path.unlink()
