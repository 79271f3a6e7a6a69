"""Every value in data/ traces to its source: quotes stand in the source text, formulas compute."""

import ast
import operator
import re

import pandas as pd
import pytest

from analysis.data import DATASETS, DataFolder

VALUE_COLUMN = {"complaints": "count", "complaint_benchmarks": "value", "budget_lines": "amount"}
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


def rows(with_value: bool = False) -> list:
    """Every shipped data row (optional data sets are not shipped); with_value: only rows holding
    a value (a table's headings and data sets without a value column have none)."""
    folder, found = DataFolder(), []
    for name in DATASETS:
        frame = folder.load(name)
        if frame is None or (with_value and name not in VALUE_COLUMN):
            continue
        for index, row in frame.iterrows():
            if with_value and pd.isna(row[VALUE_COLUMN[name]]):
                continue
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


@pytest.mark.parametrize("folder, name, row", rows(with_value=True))
def test_stated_value_appears_in_its_quote_and_derived_value_in_its_formula(folder, name, row):
    value = row[VALUE_COLUMN[name]]
    if row["kind"] == "derived":
        assert evaluate(row["formula"]) == pytest.approx(value, abs=0.05)
    else:
        whole = f"{abs(int(value)):,}".replace(",", ".")  # 1564 may be written 1.564 or 1564
        numbers = {n.rstrip(".") for n in re.findall(r"\d[\d.]*", row["quote"])}
        if value == 0 and re.search(r"\t(<b>)?-(</b>)?(\t|$)", row["quote"]):
            numbers.add("0")  # a budget table writes nothing as a lone "-" cell
        # The sign must match the quote: "- 3.000" is -3000, and a number printed with a minus is no
        # positive value.
        if value < 0:
            numbers = {n for n in numbers if re.search(rf"-\s?{re.escape(n)}", row["quote"])}
        elif value > 0:
            numbers = {n for n in numbers if re.search(rf"(?<![-\d.])(?<!- ){re.escape(n)}", row["quote"])}
        assert {whole, str(abs(int(value)))} & numbers, f"{value} not in quote {row['quote']!r}"
