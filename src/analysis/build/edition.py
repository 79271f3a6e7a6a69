"""The edition a build makes, beside the HTML: the numbers ledger (every number, verdict and status
the chapters show, gathered from their executed notebooks: present/ledger.py), the stamp of what
the edition was built from (commit, data files with their SHA-256, parameters, Python and the
locked packages) and the ledger of the edition it is compared with.

They are written to BUILD/editions/<hash of their content>/, which the pages on the edition
("Om denne udgave", "Ændringer siden sidste udgave") get as their parameter `edition`: the same
numbers and stamp give the same folder, so those pages re-run only when the edition changed.
The files are copied into the HTML when it is built, and so published with it in one step.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import os
import platform
import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from analysis.build import cache, outdir
from analysis.build.execution import Outcome
from analysis.build.runs import printed_file
from analysis.calc.editions import compare
from analysis.data import DataError, DataFolder, editions, is_missing
from analysis.data.errors import file_row
from analysis.facts import FACT_KINDS
from analysis.paths import REPO_ROOT
from analysis.present import danish, ledger

EDITIONS = "editions"  # in the build folder
KEEP = 5  # editions kept in BUILD/editions (the newest)
NOT_FROM_DATA = {"registry", "parameter", "missing"}  # kinds of value no data row holds
DATED = ("built_at", "compared_with")  # what a stamp says of its build, not of what it was built from


# --- the ledger --------------------------------------------------------------------------------


def handed(outcomes: Iterable[Outcome]) -> list[dict]:
    """What every chapter's last cell handed to the build (present/ledger.py), in the book's order."""
    found = []
    for outcome in outcomes:
        notebook = json.loads(outcome.job.output.read_text(encoding="utf-8"))  # as nbformat writes it
        for cell in notebook["cells"]:
            for output in cell.get("outputs", []):
                if output.get("data", {}).get(ledger.MIME):
                    found.append(output["data"][ledger.MIME])
    return found


def gathered(outcomes: Iterable[Outcome]) -> list[dict]:
    """Every chapter's ledger entries from its executed notebook, in the book's order."""
    return [entry for chapter in handed(outcomes) for entry in chapter["entries"]]


def traced(entries: list[dict], outcomes: Iterable[Outcome], folder: DataFolder) -> list[dict]:
    """The entries with the data file and row each value was read from, where one row of the files
    the chapter read holds its source, quote (or formula) and value; empty where none or several
    do (a value derived in the chapter names its formula instead)."""
    rows_of = {}
    for outcome in outcomes:
        reads = cache.recorded_reads(outcome.job.record)
        rows_of[outcome.job.notebook.stem] = _rows(reads, folder)
    return [{**entry, **_found(entry, rows_of.get(entry["chapter"], {}))} for entry in entries]


def _rows(reads: list[dict], folder: DataFolder) -> dict[tuple, list[tuple]]:
    """(source, quote or formula) -> [(file as printed, row, the row's numbers)] of the data files read."""
    index: dict[tuple, list[tuple]] = {}
    for read in reads:
        name, path = read.get("dataset"), read.get("path")
        if not (read["read"] and name and path) or name in ("registry", "cases"):
            continue
        frame = folder.load(name)
        if not isinstance(frame, pd.DataFrame) or "source_id" not in frame:
            continue
        shown = printed_file(name, path, folder)["file"]
        numbers = frame.select_dtypes("number")
        for (i, row), values in zip(frame.iterrows(), numbers.itertuples(index=False)):
            basis = [row.get(c) for c in ("quote", "formula") if isinstance(row.get(c), str)]
            for text in basis:
                index.setdefault((row["source_id"], text), []).append((shown, file_row(i), tuple(values)))
    return index


def _found(entry: dict, index: dict[tuple, list[tuple]]) -> dict:
    if entry.get("source_kind") in NOT_FROM_DATA:
        return {"file": "", "row": None}
    candidates = {
        hit
        for source in entry["sources"]
        for text in entry["quotes"] + entry["formulas"]
        for hit in index.get((source, text), [])
    }
    value = entry["value"]
    if len(candidates) > 1 and isinstance(value, float):
        candidates = {c for c in candidates if any(_same(value, v) for v in c[2])} or candidates
    files = {c[0] for c in candidates}
    if len(candidates) == 1:
        ((file, row, _),) = candidates
        return {"file": file, "row": row}
    return {"file": files.pop() if len(files) == 1 else "", "row": None}


def _same(value: float, cell) -> bool:
    try:
        return abs(float(cell) - value) <= 1e-9 * max(1.0, abs(value))
    except (TypeError, ValueError):
        return False


def ledger_json(entries: list[dict]) -> bytes:
    """The ledger as JSON: the same entries give the same bytes."""
    rows = [{column: entry.get(column) for column in editions.COLUMNS} for entry in entries]
    content = {"format": editions.FORMAT, "kinds": list(FACT_KINDS), "entries": rows}
    return (json.dumps(content, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def ledger_csv(entries: list[dict]) -> bytes:
    """The ledger as CSV (UTF-8 with BOM, for Danish Excel), its text cells safe in a spreadsheet."""
    rows = [
        {
            column: editions.LIST_SEPARATOR.join(entry.get(column) or [])
            if column in editions.LISTS
            else entry.get(column)
            for column in editions.COLUMNS
        }
        for entry in entries
    ]
    frame = pd.DataFrame(rows, columns=list(editions.COLUMNS)).astype({"row": "Int64"})
    text = io.StringIO()
    _safe(frame).to_csv(text, index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    return ("\ufeff" + text.getvalue()).encode("utf-8")


def _safe(frame: pd.DataFrame) -> pd.DataFrame:
    from analysis.present.tables import spreadsheet_safe

    return spreadsheet_safe(frame.astype({"value": object}))


# --- the stamp -----------------------------------------------------------------------------------


def stamp(outcomes: Iterable[Outcome], folder: DataFolder, parameters: dict, ledger_bytes: bytes) -> dict:
    """What the edition was built from, for the page "Om denne udgave" and for reproducing it."""
    commit, dirty = _commit()
    return {
        "format": editions.FORMAT,
        "commit": commit,
        "dirty": dirty,
        "data_folder": folder.user_dir.name if folder.user_dir else None,
        "files": _files(outcomes, folder),
        "parameters": parameters,
        "python": platform.python_version(),
        "packages": _packages(),
        "ledger_sha256": hashlib.sha256(ledger_bytes).hexdigest(),
    }


def _commit() -> tuple[str | None, bool | None]:
    """The project's commit and whether the working tree had changes (None, None outside git)."""
    try:
        head = subprocess.run(
            ["git", "-C", str(REPO_ROOT), "rev-parse", "HEAD"], capture_output=True, text=True, check=True
        ).stdout.strip()
        changes = subprocess.run(
            ["git", "-C", str(REPO_ROOT), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None, None
    return head, bool(changes)


def _files(outcomes: Iterable[Outcome], folder: DataFolder) -> list[dict]:
    """Every data file the chapters read, with its SHA-256 (as the build's cache recorded it)."""
    found = {}
    for outcome in outcomes:
        for read in cache.recorded_reads(outcome.job.record):
            if read["read"] and read["path"] and read["hash"]:
                entry = printed_file(read.get("dataset"), read["path"], folder)  # a source text: none
                found[entry["file"]] = {**entry, "sha256": read["hash"]}
    return [found[name] for name in sorted(found)]


def _packages() -> dict[str, str]:
    """The locked versions of every package (requirements.lock), as installed for the build."""
    if not cache.LOCK_FILE.is_file():
        return {}
    pinned = {}
    for line in cache.LOCK_FILE.read_text(encoding="utf-8").splitlines():
        name, _, version = line.split("#")[0].strip().partition("==")
        if name and version:
            pinned[name] = version.strip()
    return pinned


# --- the edition it is compared with ---------------------------------------------------------------


def earlier(build_dir: Path, compare_with: Path | None) -> tuple[bytes | None, dict | None]:
    """The ledger to compare with and what it is: the one given with --compare-with, else the one
    of the book this build replaces in the build folder (None, None on a first build)."""
    if compare_with is not None:
        path = editions.ledger_file(compare_with)
        editions.read_ledger(path)  # one clear line now for a file that is no ledger
        given = editions.read_stamp(path.parent) or {}
        return path.read_bytes(), _described(path.read_bytes(), given, Path(compare_with).name)
    published = build_dir / outdir.HTML / editions.LEDGER
    try:
        editions.read_ledger(published)
    except DataError:
        return None, None  # no book yet, or one built before editions: nothing to compare with
    stamp_there = editions.read_stamp(published.parent) or {}
    return published.read_bytes(), _described(published.read_bytes(), stamp_there, None)


def _described(content: bytes, stamp_there: dict, given: str | None) -> dict:
    return {
        "given": given,  # the name of what --compare-with gave; None for the book it replaces
        "built_at": stamp_there.get("built_at"),
        "data_folder": stamp_there.get("data_folder"),
        "commit": stamp_there.get("commit"),
        "ledger_sha256": hashlib.sha256(content).hexdigest(),
    }


# --- writing it ------------------------------------------------------------------------------------


def make(
    outcomes: list[Outcome],
    folder: DataFolder,
    build_dir: Path,
    parameters: dict,
    compare_with: Path | None = None,
) -> Path:
    """Write the edition of these outcomes into BUILD/editions/ and return its folder.

    A rebuild from the same commit, data files and parameters is the same edition as the book it
    replaces: it keeps that book's build time and comparison (so its pages and HTML stay cached).
    Any other build is a new edition, compared with the book it replaces or with `compare_with`."""
    entries = traced(gathered(outcomes), outcomes, folder)
    content = ledger_json(entries)
    made = json.loads(json.dumps(stamp(outcomes, folder, parameters, content), default=str))  # as read back
    html = build_dir / outdir.HTML
    there = editions.read_stamp(html)
    if compare_with is None and there and {k: v for k, v in there.items() if k not in DATED} == made:
        kept = html / editions.PREVIOUS
        previous = kept.read_bytes() if kept.is_file() else None
        made = {"built_at": there.get("built_at"), **made, "compared_with": there.get("compared_with")}
    else:
        previous, compared = earlier(build_dir, compare_with)
        now = dt.datetime.now(dt.UTC).astimezone().isoformat(timespec="seconds")
        made = {"built_at": now, **made, "compared_with": compared}
    files = {
        editions.LEDGER: content,
        editions.LEDGER_CSV: ledger_csv(entries),
        editions.STAMP: (json.dumps(made, ensure_ascii=False, indent=1) + "\n").encode("utf-8"),
    }
    if previous is not None:
        files[editions.PREVIOUS] = previous
    return write(files, build_dir / EDITIONS)


def write(files: dict[str, bytes], editions_dir: Path) -> Path:
    """The files in a folder named by their content (written whole, then renamed into place);
    only the newest KEEP editions stay."""
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode() + b"\0" + files[name] + b"\0")
    target = editions_dir / digest.hexdigest()[:16]
    if not target.is_dir():
        partial = editions_dir / f".{target.name}.tmp"
        shutil.rmtree(partial, ignore_errors=True)
        partial.mkdir(parents=True)
        for name, content in files.items():
            (partial / name).write_bytes(content)
        os.replace(partial, target)
    os.utime(target)
    for old in sorted(editions_dir.iterdir(), key=lambda p: p.stat().st_mtime, reverse=True)[KEEP:]:
        if old != target:
            shutil.rmtree(old, ignore_errors=True)
    return target


def published_files(edition: Path, html: Path) -> None:
    """Put the edition's files into the book's HTML folder (before it is published)."""
    for name in editions.EDITION_FILES:
        if (edition / name).is_file():
            shutil.copy2(edition / name, html / name)


# --- for the terminal ------------------------------------------------------------------------------


def terminal_lines(old: pd.DataFrame, new: pd.DataFrame) -> list[str]:
    """The comparison of two ledgers for the terminal (`python -m analysis diff`), in English
    around the numbers as the book writes them."""
    from analysis.chapters import aendringer  # the page's rows: the terminal lists the same

    c = compare(old, new)
    if c.nothing:
        return ["No number changed: the two ledgers hold the same numbers, verdicts and statuses."]
    head = (
        f"{len(c.changed)} changed, {len(c.added)} added, {len(c.removed)} removed, "
        f"{len(c.verdicts)} verdicts and {len(c.statuses)} statuses changed"
    )
    out = [head]
    for chapter, rows in aendringer.values(aendringer.Result(c, True, None)).groupby("chapter", sort=False):
        out.append(f"\n{chapter}:")
        for row in rows.to_dict("records"):
            difference = "" if is_missing(row["difference"]) else f" ({danish.signed(row['difference'])})"
            cause = aendringer.where(row["file"], row["row"])
            cause = "" if cause == "–" else f"  [{cause.replace('række', 'row')}]"
            old_text = "–" if is_missing(row["old_shown"]) else row["old_shown"]
            new_text = "–" if is_missing(row["new_shown"]) else row["new_shown"]
            out.append(f"  {row['change']:<8} {row['key']}: {old_text} -> {new_text}{difference}{cause}")
    return out
