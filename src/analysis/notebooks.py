"""The book's notebooks as files: their order in _toc.yml, their titles and the parameters their
parameters cells declare. The build runs them; the data dictionary documents their parameters."""

from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from analysis.paths import REPO_ROOT

# Set by the build itself, never by the user as a parameter.
RESERVED = {
    "data_dir": "use --data DIR to choose the data folder",
    "chapter_reads": "the build records what each chapter read",
    "edition": "the build makes the edition's ledger and stamp (see --compare-with)",
}


def toc_files(root: Path = REPO_ROOT) -> list[str]:
    """Every file the table of contents names, in reading order (without extension)."""

    def walk(node) -> list[str]:
        if isinstance(node, list):
            return [found for item in node for found in walk(item)]
        if not isinstance(node, dict):
            return []
        named = [node[key] for key in ("root", "file") if key in node]
        return named + [found for value in node.values() for found in walk(value)]

    return walk(yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8")))


def toc_parts(root: Path = REPO_ROOT) -> list[tuple[str | None, list[str]]]:
    """The table of contents as its parts: (caption, files in order); the root page first, alone."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    parts: list[tuple[str | None, list[str]]] = [(None, [toc["root"]])] if "root" in toc else []
    for part in toc.get("parts", []):
        files = [f for chapter in part.get("chapters", []) for f in _files(chapter)]
        parts.append((part.get("caption"), files))
    if "chapters" in toc:
        parts.append((None, [f for chapter in toc["chapters"] for f in _files(chapter)]))
    return parts


def _files(node: dict) -> list[str]:
    """A chapter's file and those of its sections, in order."""
    own = [node["file"]] if "file" in node else []
    return own + [f for section in node.get("sections", []) for f in _files(section)]


def chapter_notebooks(root: Path = REPO_ROOT) -> list[Path]:
    """The notebooks the book contains, in the order of the table of contents."""
    return [root / f"{name}.ipynb" for name in toc_files(root) if (root / f"{name}.ipynb").is_file()]


def title(notebook: Path) -> str:
    """A notebook's title: the first level-1 heading of its markdown cells (else its file name)."""
    cells = json.loads(Path(notebook).read_text(encoding="utf-8"))["cells"]
    for cell in cells:
        if cell["cell_type"] == "markdown":
            for line in "".join(cell["source"]).splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return Path(notebook).stem


@dataclass(frozen=True)
class Parameter:
    """One name of a chapter's parameters cell, its default and the comment that explains it."""

    notebook: str
    name: str
    default: object
    help: str


def declared(notebook: Path) -> dict[str, Parameter]:
    """The parameters a notebook's `parameters` cell declares (name = default  # help)."""
    import papermill  # slow to import: only when parameters are really looked at

    found = {}
    for name, info in papermill.inspect_notebook(str(notebook)).items():
        try:
            default = ast.literal_eval(info["default"])
        except (ValueError, SyntaxError):
            default = info["default"]
        found[name] = Parameter(notebook.stem, name, default, info.get("help") or "")
    return found


def documented(notebooks: list[Path]) -> list[Parameter]:
    """Every chapter's parameters a user may set (those the build sets are left out)."""
    return [p for notebook in notebooks for p in declared(notebook).values() if p.name not in RESERVED]


GLUE = re.compile(r"\{glue(?::text)?\}`([^`]+)`")


def prose_keys(name: str, root: Path = REPO_ROOT) -> set[str]:
    """The glued facts the book's prose uses from the notebook `name` (e.g. "klager"): in its own
    markdown cells, and in the book's pages that refer to it (`../notebooks/klager.ipynb::key`)."""
    keys = set()
    notebook = root / "notebooks" / f"{name}.ipynb"
    for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] == "markdown":
            keys |= {ref.split(":")[0] for ref in GLUE.findall("".join(cell["source"]))}
    for page in sorted((root / "book").glob("*.md")):
        for ref in GLUE.findall(page.read_text(encoding="utf-8")):
            path, _, key = ref.partition("::")
            if key and Path(path).stem == name:
                keys.add(key.split(":")[0])
    return keys
