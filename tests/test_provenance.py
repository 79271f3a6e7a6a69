"""Every value in data/ traces to its source: quotes stand in the source text, formulas compute."""

import ast
import operator
import re

import pandas as pd
import pytest

from analysis.data import DATASETS, DataFolder

# The columns holding each table's values; the first is what a derived row's formula computes.
VALUE_COLUMNS = {"complaints": ("count",), "complaint_benchmarks": ("value",), "compliance": ("low", "high"),
                 "compliance_targets": ("target",), "applications": ("count",),
                 "funding_periods": ("per_year_1000_kr", "first_year", "last_year"),
                 "service_targets": ("value",), "service_results": ("low", "high")}
_OPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv,
        ast.USub: operator.neg}


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


def test_evaluate():
    assert evaluate("580 × (1 − 0,07)") == pytest.approx(539.4)
    assert evaluate("1.564 − 64") == 1500
    with pytest.raises(ValueError):
        evaluate("__import__('os')")


def rows() -> list:
    folder, found = DataFolder(), []
    for name in DATASETS:
        for index, row in folder.load(name).iterrows():
            found.append(pytest.param(folder, name, row, id=f"{name}-row{index + 2}"))
    return found


def _in_source(quote: str, text: str) -> bool:
    """A quote may leave text out with "…"; its parts must stand in the source in order."""
    position = 0
    for part in (p.strip() for p in quote.split("…")):
        position = text.find(part, position)
        if position < 0:
            return False
        position += len(part)
    return True


@pytest.mark.parametrize("folder, name, row", rows())
def test_quote_stands_verbatim_in_its_source(folder, name, row):
    assert _in_source(row["quote"], folder.source_text(row["source_id"])), \
        f"{name}: quote not found in {row['source_id']}: {row['quote']!r}"


@pytest.mark.parametrize("folder, name, row", rows())
def test_stated_value_appears_in_its_quote_and_derived_value_in_its_formula(folder, name, row):
    columns = VALUE_COLUMNS[name]
    if row["kind"] == "derived":
        assert evaluate(row["formula"]) == pytest.approx(row[columns[0]], abs=0.05)
        return
    numbers = {n.rstrip(".") for n in re.findall(r"\d[\d.]*", row["quote"])}
    values = [row[c] for c in columns if not pd.isna(row[c])]  # an empty cell: not given, or a target in words
    for value in values:
        whole = f"{int(value):,}".replace(",", ".")  # 1564 may be written 1.564 or 1564
        assert {whole, str(int(value))} & numbers, f"{value} not in quote {row['quote']!r}"


def test_every_data_set_names_its_value_columns():
    assert set(VALUE_COLUMNS) == set(DATASETS)
