"""The package keeps its layers (the import-linter contracts in pyproject.toml), and the check
fails when a module breaks one: a copy of the package with one bad import is linted."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.paths import REPO_ROOT

LINT = Path(sys.executable).with_name("lint-imports")


def lint(src: Path, tmp_path: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(src)}  # ahead of the installed (editable) package
    command = [str(LINT), "--config", str(REPO_ROOT / "pyproject.toml"), "--no-cache"]
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=tmp_path)


def test_the_package_keeps_its_layers(tmp_path):
    result = lint(REPO_ROOT / "src", tmp_path)
    assert result.returncode == 0, result.stdout
    assert "Contracts: 5 kept, 0 broken." in result.stdout


@pytest.mark.parametrize(
    "module, line, contract",
    [
        ("calc/complaints.py", "from analysis.present import danish", "Layers"),
        ("data/loading.py", "from analysis.build import cli", "Layers"),
        ("present/tables.py", "from analysis.calc import costs", "Layers"),
        (
            "chapters/klager.py",
            "from analysis.chapters import sagsfrister",
            "Chapters do not import each other",
        ),
        ("calc/costs.py", "import plotly.graph_objects", "Calculation draws, renders and writes nothing"),
    ],
)
def test_a_broken_layer_fails_the_check(tmp_path, module, line, contract):
    src = tmp_path / "src"
    shutil.copytree(
        REPO_ROOT / "src" / "analysis", src / "analysis", ignore=shutil.ignore_patterns("__pycache__")
    )
    path = src / "analysis" / module
    path.write_text(path.read_text(encoding="utf-8") + f"\n{line}  # noqa\n", encoding="utf-8")
    result = lint(src, tmp_path)
    assert result.returncode != 0
    assert f"{contract}" in result.stdout and "BROKEN" in result.stdout
    assert f"analysis.{module.removesuffix('.py').replace('/', '.')}" in result.stdout
