"""The code a notebook can import: the modules of src/analysis/ its code cells import, and every
module those import in turn (with their packages' __init__ files). The cache hashes exactly these,
so editing the command line or another chapter's module re-runs no notebook that cannot reach it."""

from __future__ import annotations

import ast
import functools
import hashlib
import json
from pathlib import Path

SRC_DIR = Path(__file__).resolve().parents[2]  # the folder that holds the package `analysis`
PACKAGE = "analysis"


def modules(src: Path = SRC_DIR) -> dict[str, Path]:
    """Every module of the package by dotted name ("analysis.calc.costs"); a package by its __init__."""
    found = {}
    for path in sorted((src / PACKAGE).rglob("*.py")):
        parts = list(path.relative_to(src).with_suffix("").parts)
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def imported(tree: ast.AST, module: str, is_package: bool, known: set[str]) -> set[str]:
    """The package's modules that a module's (or a notebook cell's) code imports."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(node, module, is_package)
            found |= {base} | {f"{base}.{alias.name}" for alias in node.names}
    return {name for name in found if name in known}


def _absolute(node: ast.ImportFrom, module: str, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    parts = module.split(".")[: len(module.split(".")) - node.level + (1 if is_package else 0)]
    return ".".join([*parts, *([node.module] if node.module else [])])


def closure(roots: set[str], src: Path = SRC_DIR) -> set[str]:
    """`roots` and everything they import, directly or not, with the packages they sit in."""
    every = modules(src)
    seen: set[str] = set()
    todo = [*roots]
    while todo:
        name = todo.pop()
        if name in seen or name not in every:
            continue
        seen.add(name)
        parents = {".".join(name.split(".")[:i]) for i in range(1, name.count(".") + 1)}
        source = every[name].read_text(encoding="utf-8")
        todo += [*parents, *_direct(name, source, every[name].name == "__init__.py", frozenset(every))]
    return seen


@functools.cache
def _direct(name: str, source: str, is_package: bool, known: frozenset[str]) -> frozenset[str]:
    # Keyed on the source text, so an edit is seen; the build asks once per notebook, and
    # parsing every module again for each of them cost seconds on a rebuild with nothing to do.
    return frozenset(imported(ast.parse(source), name, is_package, set(known)))


def notebook_imports(notebook: Path, src: Path = SRC_DIR) -> set[str]:
    """The package's modules a notebook's code cells import."""
    known = set(modules(src))
    found = set()
    for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] == "code":
            try:
                tree = ast.parse("".join(cell["source"]))
            except SyntaxError:  # IPython magic: not Python, and imports nothing of ours
                continue
            found |= imported(tree, "__notebook__", False, known)
    return found


def code_hash(notebook: Path, src: Path = SRC_DIR) -> str:
    """One hash over the source of every module the notebook can import."""
    every = modules(src)
    digest = hashlib.sha256()
    for name in sorted(closure(notebook_imports(notebook, src), src)):
        digest.update(name.encode() + b"\0" + every[name].read_bytes() + b"\0")
    return digest.hexdigest()
