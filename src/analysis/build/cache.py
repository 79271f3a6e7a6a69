"""The build's execution cache: a notebook is re-run only when something it depends on changed.

Jupyter Book's own cache looks only at code cells. This one records, next to each executed
notebook, a fingerprint of everything the run depended on: the notebook file, the parameters it
was given, the source of src/analysis/, the locked dependency versions, and every data file the
notebook looked up (logged by DataFolder while it ran), each by content hash. A lookup that found
nothing is recorded too, so supplying an optional file later re-runs the chapters that looked for it.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from analysis.data import DataFolder
from analysis.paths import REPO_ROOT

PACKAGE_DIR = Path(__file__).resolve().parents[1]
LOCK_FILE = REPO_ROOT / "requirements.lock"


def file_hash(path: Path) -> str:
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


def code_hash(package: Path = PACKAGE_DIR) -> str:
    """One hash over every file of the analysis package (its Python and its theme templates)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def environment(lock: Path = LOCK_FILE) -> dict[str, str]:
    """What every notebook depends on besides itself: the package source and the pinned versions."""
    return {"code": code_hash(), "dependencies": file_hash(lock) if lock.is_file() else "no lock file"}


def fingerprint(notebook: Path, parameters: dict, env: dict[str, str]) -> dict[str, str]:
    return {
        "notebook": notebook_hash(notebook),
        "parameters": json.dumps(parameters, sort_keys=True, default=str),
        **env,
    }


def reads(log: Path, folder: DataFolder) -> list[dict]:
    """The lookups a run logged, each with the file found (or None) and, where the notebook read
    the file and not only asked where it is, its content hash."""
    lookups: dict[tuple, bool] = {}
    for line in log.read_text(encoding="utf-8").splitlines() if log.is_file() else []:
        entry = json.loads(line)
        key = tuple(entry["candidates"])
        lookups[key] = lookups.get(key, False) or entry["read"]
    return [_resolve(list(candidates), folder, read) for candidates, read in lookups.items()]


def _resolve(candidates: list[str], folder: DataFolder, read: bool) -> dict:
    path = folder.lookup(candidates)
    return {
        "candidates": candidates,
        "read": read,
        "path": str(path) if path else None,
        "hash": file_hash(path) if path and read else None,
    }


REASONS = {
    "notebook": "the notebook changed",
    "parameters": "its parameters changed",
    "code": "src/analysis changed",
    "dependencies": "the locked dependency versions changed",
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
            return reason
    for read in stored["reads"]:
        now = _resolve(read["candidates"], folder, read["read"])
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
