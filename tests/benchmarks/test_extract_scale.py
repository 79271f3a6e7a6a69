"""The pieces of benchmarks/extract_scale.py on tiny extracts (the benchmark itself takes many
minutes): its generated files pass the project's checks, DuckDB alone computes what the book
computes, its memory sampler sees a whole process tree, and a missed target fails the run."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from analysis.build.cli import main as cli
from analysis.calc import cases
from analysis.data import DataFolder
from analysis.paths import REPO_ROOT

ROWS = 2_000


def _load():
    spec = importlib.util.spec_from_file_location(
        "extract_scale", REPO_ROOT / "benchmarks" / "extract_scale.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


bench = _load()


@pytest.fixture(scope="module")
def folders(tmp_path_factory) -> dict[str, Path]:
    """A data folder per form, each holding only cases.<form> of ROWS generated cases."""
    under = tmp_path_factory.mktemp("generated")
    return {kind: bench.generated(kind, ROWS, 7, under) for kind in ("csv", "parquet", "xlsx")}


def test_generated_csv_passes_validate(folders, capsys):
    assert cli(["validate", "--data", str(folders["csv"])]) == 0
    assert f"cases.csv: {ROWS:,} cases" in capsys.readouterr().out


@pytest.mark.parametrize("kind", ["csv", "parquet", "xlsx"])
def test_generated_extract_is_read_whole_with_some_open_cases(folders, kind):
    extract = DataFolder(folders[kind]).load("cases")
    assert extract.rows == ROWS
    counts = cases.totals(extract)
    assert counts["open_within"] + counts["open_late"] > 0  # some cases are open
    assert counts["late"] > 0 and counts["on_time"] > counts["late"]


def test_generation_is_seeded(tmp_path):
    one = bench.generated("csv", 300, 7, tmp_path / "one") / "cases.csv"
    other = bench.generated("csv", 300, 7, tmp_path / "other") / "cases.csv"
    assert one.read_bytes() == other.read_bytes()


@pytest.mark.parametrize("kind", ["csv", "parquet"])
def test_duckdb_alone_computes_the_books_table(folders, kind):
    path = folders[kind] / f"cases.{kind}"
    _, checks, table = bench.duckdb_alone(path)
    assert checks == {
        "rows": ROWS,
        "repeated_ids": 0,
        "decided_before_received": 0,
        "deadline_not_positive": 0,
        "unknown_borgercenter": 0,
    }
    books = cases.compliance(DataFolder(folders[kind]).load("cases"), None, "quarter")
    assert len(table) == len(books) > 10
    assert bench.same(table, books)
    assert not bench.same(table.assign(late=table["late"] + 1), books)


def test_duckdb_alone_finds_what_the_contract_refuses(folders, tmp_path):
    lines = (folders["csv"] / "cases.csv").read_text(encoding="utf-8").splitlines()
    first = lines[1].split(",")
    repeated = ",".join([first[0], "nowhere", *first[2:4], "2015-01-01", "0"])
    path = tmp_path / "cases.csv"
    path.write_text("\n".join([*lines, repeated]) + "\n", encoding="utf-8")
    _, checks, _ = bench.duckdb_alone(path)
    assert checks["repeated_ids"] == checks["unknown_borgercenter"] == checks["deadline_not_positive"] == 1
    assert checks["decided_before_received"] == 1


def test_sampler_sees_a_grandchilds_memory(tmp_path):
    """The build's kernels are its children's children: their memory counts."""
    grandchild = "import time; block = b'x' * (300 * 2**20); time.sleep(1.5)"
    child = f"import subprocess, sys; subprocess.run([sys.executable, '-c', {grandchild!r}], check=True)"
    run = bench.run_sampled([sys.executable, "-c", child], tmp_path / "log")
    assert run.returncode == 0
    assert run.peak >= 300 * 2**20
    assert run.seconds >= 1.5


def test_a_missed_target_fails_the_run(capsys):
    met = bench.Target("(x) time", "1.9 x", 1.9, 2.0)
    missed = bench.Target("(y) memory", "1.6 x", 1.6, 1.5)
    assert bench.report([met], identical=True) == 0
    assert bench.report([met, missed], identical=True) == 1
    assert bench.report([met], identical=False) == 1
    out = capsys.readouterr().out
    assert "target (x) time: 1.9 x: met" in out
    assert "target (y) memory: 1.6 x: NOT met" in out
    assert "results DIFFER" in out
