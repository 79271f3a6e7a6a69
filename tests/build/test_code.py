"""The code a notebook can import, which the cache hashes: only the modules its cells reach."""

import shutil

import pytest

from analysis.build import code
from analysis.paths import NOTEBOOKS_DIR

KLAGER = NOTEBOOKS_DIR / "klager.ipynb"


@pytest.fixture
def src(tmp_path):
    """A copy of src/ whose modules a test may edit."""
    shutil.copytree(
        code.SRC_DIR / "analysis", tmp_path / "analysis", ignore=shutil.ignore_patterns("__pycache__")
    )
    return tmp_path


def test_a_chapter_reaches_its_module_and_what_that_imports_but_not_the_build():
    reached = code.closure(code.notebook_imports(KLAGER))
    assert {"analysis.chapters.klager", "analysis.calc.complaints", "analysis.present.danish"} <= reached
    assert {"analysis", "analysis.chapters", "analysis.data"} <= reached  # the packages it runs through
    assert not any(name.startswith("analysis.build") for name in reached)
    assert "analysis.calc.costs" not in reached and "analysis.chapters.udgifter" not in reached


def edited(src, module: str) -> str:
    path = src / (module.replace(".", "/") + ".py")
    path.write_text(path.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    return code.code_hash(KLAGER, src)


def test_editing_the_command_line_or_another_chapter_changes_nothing(src):
    before = code.code_hash(KLAGER, src)
    assert edited(src, "analysis.build.cli") == before
    assert edited(src, "analysis.build.sphinx_ext") == before
    assert edited(src, "analysis.chapters.udgifter") == before


def test_editing_what_the_chapter_imports_changes_its_hash(src):
    before = code.code_hash(KLAGER, src)
    after_calc = edited(src, "analysis.calc.complaints")
    assert after_calc != before
    assert edited(src, "analysis.present.danish") != after_calc


def test_relative_imports_are_followed(tmp_path):
    package = tmp_path / "analysis"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "sub" / "__init__.py").write_text("from .a import x\n")
    (package / "sub" / "a.py").write_text("from ..b import y\nx = y\n")
    (package / "b.py").write_text("y = 1\n")
    (package / "c.py").write_text("z = 1\n")
    assert code.closure({"analysis.sub"}, tmp_path) == {
        "analysis",
        "analysis.sub",
        "analysis.sub.a",
        "analysis.b",
    }
