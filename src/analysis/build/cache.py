"""The build's execution cache: a notebook is re-run only when something it depends on changed.

Jupyter Book's own cache looks only at code cells. This one records, next to each executed
notebook, a fingerprint of everything the run depended on: the notebook file, the parameters it
was given, the source of the modules it can import (build.code), the locked dependency versions,
and every data file the
notebook looked up (logged by DataFolder while it ran), each by content hash. A lookup that found
nothing is recorded too, so supplying an optional file later re-runs the chapters that looked for it.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from analysis.build.code import code_hash
from analysis.data import DataFolder, extract
from analysis.notebooks import chapter_notebooks, documented
from analysis.paths import REPO_ROOT

PACKAGE_DIR = Path(__file__).resolve().parents[1]
LOCK_FILE = REPO_ROOT / "requirements.lock"


def file_hash(path: Path) -> str:
    """The SHA-256 of a file's bytes; a case extract's is known from its read (millions of rows)."""
    known = extract.known_digest(path)
    if known is not None:
        return known
    digest = hashlib.sha256()
    with open(path, "rb") as data:
        for block in iter(lambda: data.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def notebook_hash(path: Path) -> str:
    """A hash of what a notebook does: its cells' sources and metadata, not its stored outputs
    (notebooks/ holds the outputs of a default run for nbval; refreshing them changes nothing)."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    cells = [
        {k: v for k, v in cell.items() if k not in ("outputs", "execution_count")}
        for cell in notebook.get("cells", [])
    ]
    for cell in cells:
        cell["metadata"] = {
            k: v for k, v in cell.get("metadata", {}).items() if k not in ("papermill", "execution")
        }
    return hashlib.sha256(json.dumps(cells, sort_keys=True).encode()).hexdigest()


def package_hash(package: Path = PACKAGE_DIR) -> str:
    """One hash over every file of the analysis package (its Python and its theme templates): what
    the HTML is made with, the Sphinx extension included."""
    digest = hashlib.sha256()
    for path in sorted(p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def dependencies(lock: Path = LOCK_FILE) -> str:
    """The pinned versions of everything installed."""
    return file_hash(lock) if lock.is_file() else "no lock file"


def fingerprint(notebook: Path, parameters: dict, locked: str, declared: str) -> dict[str, str]:
    """What a run of the notebook depends on, besides the data files it reads. `locked` and
    `declared` (see dependencies and declared_parameters) are the same for every notebook of a
    build, so the caller works them out once."""
    return {
        "notebook": notebook_hash(notebook),
        "parameters": json.dumps(parameters, sort_keys=True, default=str),
        "code": code_hash(notebook),
        "dependencies": locked,
        "declared": declared,
    }


def declared_parameters(notebooks: list[Path] | None = None) -> str:
    """Every chapter's parameters cell (names, defaults, comments): the data dictionary lists them,
    so a changed cell in one notebook changes that page too."""
    chosen = chapter_notebooks() if notebooks is None else notebooks
    listed = [(p.notebook, p.name, repr(p.default), p.help) for p in documented(chosen)]
    return hashlib.sha256(json.dumps(listed).encode()).hexdigest()


def reads(log: Path, folder: DataFolder) -> list[dict]:
    """The lookups a run logged, each with the file found (or None) and, where the notebook read
    the file and not only asked where it is, its content hash."""
    lookups: dict[tuple, bool] = {}
    for line in log.read_text(encoding="utf-8").splitlines() if log.is_file() else []:
        entry = json.loads(line)
        key = (entry.get("dataset"), *entry["candidates"])
        lookups[key] = lookups.get(key, False) or entry["read"]
    return [_resolve(list(key[1:]), folder, read, key[0]) for key, read in lookups.items()]


def _resolve(candidates: list[str], folder: DataFolder, read: bool, dataset: str | None) -> dict:
    path = folder.lookup(candidates)
    return {
        "dataset": dataset,
        "candidates": candidates,
        "read": read,
        "path": str(path) if path else None,
        "hash": file_hash(path) if path and read else None,
    }


REASONS = {
    "notebook": "the notebook changed",
    "parameters": "its parameters changed",
    "code": "code it imports changed",
    "dependencies": "the locked dependency versions changed",
    "declared": "a chapter's parameters cell changed (the data dictionary lists every one)",
}


def why_stale(record: Path, executed: Path, current: dict[str, str], folder: DataFolder) -> str | None:
    """Why the executed copy cannot be reused, or None when it can."""
    if not record.is_file() or not executed.is_file():
        return "not run before"
    try:
        stored = json.loads(record.read_text(encoding="utf-8"))
    except json.JSONDecodeError:
        return "its cache record is unreadable"
    for key, reason in REASONS.items():
        if stored["fingerprint"].get(key) != current[key]:
            return (
                _parameters_reason(stored["fingerprint"][key], current[key])
                if key == "parameters"
                else reason
            )
    for read in stored["reads"]:
        now = _resolve(read["candidates"], folder, read["read"], read.get("dataset"))
        if now != read:
            name = Path(read["path"] or now["path"] or read["candidates"][0]).name
            if read["path"] is None:
                return f"{name} was added"
            if now["path"] is None:
                return f"{name} was removed"
            return (
                f"{name} changed" if now["path"] == read["path"] else f"{name} is now read from {now['path']}"
            )
    return None


def _parameters_reason(before: str, now: str) -> str:
    """Which parameters changed: the build's record of the chapters' reads is named as such."""
    old, new = json.loads(before), json.loads(now)
    changed = {k for k in old.keys() | new.keys() if old.get(k) != new.get(k)}
    if changed == {"chapter_reads"}:
        return "what the chapters read changed"
    return "the edition changed" if changed == {"edition"} else REASONS["parameters"]


def recorded_reads(record: Path) -> list[dict]:
    """The lookups a notebook's last successful run recorded (none if it has no record)."""
    try:
        return json.loads(record.read_text(encoding="utf-8"))["reads"]
    except (OSError, json.JSONDecodeError, KeyError):
        return []


def last_seconds(record: Path) -> float | None:
    """How long the last successful run took (the build starts the longest notebooks first)."""
    try:
        return json.loads(record.read_text(encoding="utf-8")).get("seconds")
    except (OSError, json.JSONDecodeError):
        return None


def store(record: Path, current: dict[str, str], log: Path, folder: DataFolder, seconds: float) -> None:
    """Remember what a successful run depended on, and how long it took."""
    record.write_text(
        json.dumps({"fingerprint": current, "reads": reads(log, folder), "seconds": seconds}, indent=1),
        encoding="utf-8",
    )
