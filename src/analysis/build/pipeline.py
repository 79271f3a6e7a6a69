"""The build: validate the data, execute the chapter notebooks with papermill (in parallel, and
only those whose inputs changed: see execution.py and cache.py), build the HTML book with Jupyter
Book (warnings are errors), and only then put it in place of the old one.

Nothing is written over the source notebooks: executed copies go to _build/executed/, the book
is assembled in a staging folder under _build/, and _build/html (a link to the current version
in _build/books/) is switched to it at the very end, in one atomic rename (outdir.py), so a failed
or killed build leaves the previously built book exactly as it was. One build at a time holds
the build folder.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import nbformat
import yaml

from analysis.build import cache, downloads, edition, outdir, plotlyjs, preflight
from analysis.build import parameters as params
from analysis.build.execution import BuildError, Outcome
from analysis.build.runs import run_notebooks
from analysis.build.sphinx_ext import DOWNLOADS, PLOTLY_FILE, PLOTLY_FOLDER
from analysis.data import DataFolder, extract
from analysis.export import browser
from analysis.export import pdf as book_pdf
from analysis.notebooks import chapter_notebooks, toc_parts
from analysis.paths import BUILD_DIR, REPO_ROOT

# What the book is made of, besides the executed notebooks.
BOOK_FILES = ("_config.yml", "_toc.yml", "book", "_static")
# Hidden from readers: the parameters cells (the chapter prints the values it used instead).
REMOVED_TAGS = {"parameters", "injected-parameters"}


def book_title() -> str:
    """The book's title, as _config.yml gives it."""
    config = yaml.safe_load((REPO_ROOT / "_config.yml").read_text(encoding="utf-8"))
    return str(config.get("title") or "")


def reader_view(notebook: Path) -> None:
    """Tag cells for readers: code is folded away (a reader can unfold it), parameters removed."""
    nb = nbformat.read(notebook, as_version=4)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        tags = set(cell.metadata.get("tags", []))
        tags |= {"remove-cell"} if tags & REMOVED_TAGS else {"hide-input"}
        cell.metadata["tags"] = sorted(tags)
    nbformat.write(nb, notebook)


def stage_book(stage: Path, executed: dict[Path, Path], plotly_js: Path, made: Path | None = None) -> None:
    """Assemble the book's sources in `stage`: config, pages, static files, executed notebooks,
    the plotly.js bundle `plotly_js` (plotlyjs.choose), which only pages with a chart load, and the
    manifest of the downloads `made` (downloads.make), which the pages link to."""
    if made is not None:
        shutil.copy2(made / downloads.MANIFEST, stage / DOWNLOADS)
    for name in BOOK_FILES:
        source = REPO_ROOT / name
        if source.is_dir():
            shutil.copytree(source, stage / name, ignore=shutil.ignore_patterns(PLOTLY_FILE))
        elif source.is_file():
            shutil.copy2(source, stage / name)
    (stage / PLOTLY_FOLDER).mkdir()
    shutil.copy2(plotly_js, stage / PLOTLY_FOLDER / PLOTLY_FILE)
    for source, result in executed.items():
        target = stage / source.relative_to(REPO_ROOT)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(result, target)
        reader_view(target)


def jupyter_book(stage: Path) -> None:
    """Build HTML from the staged sources (a fresh folder: nothing left from an earlier build),
    treating every warning as an error, missing cross-references included (--nitpick)."""
    command = [
        str(Path(sys.executable).with_name("jupyter-book")),
        "build",
        str(stage),
        "--path-output",
        str(stage),
        "--warningiserror",
        "--nitpick",
        "--keep-going",
        "--all",
    ]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        failed_write = outdir.reported_write_failure(result.stdout + result.stderr)
        if failed_write:  # a full disk or a read-only folder, said as for the build's own writes
            raise failed_write
        problems = [
            line
            for line in (result.stdout + result.stderr).splitlines()
            if "WARNING" in line or "ERROR" in line or "Error" in line
        ]
        raise BuildError(
            "jupyter-book build failed:\n" + "\n".join(problems[-20:] or [result.stdout[-2000:]])
        )


def book_fingerprint(
    outcomes: list[Outcome], plotly_js: Path, made: Path | None = None, pdf: bool = False
) -> str:
    """A hash of everything the HTML is made from: the executed notebooks, the book's own files,
    the plotly.js bundle it ships, the package (its Sphinx extension and templates) with its
    locked dependencies, the downloads `made` and whether it has a PDF."""
    digest = hashlib.sha256(f"{cache.package_hash()}\0{cache.dependencies()}\0{pdf}".encode())
    files = [*(o.job.output for o in outcomes), plotly_js]
    digest.update(f"{made.name if made else None}\0".encode())  # named by what the downloads are made from
    for name in BOOK_FILES:
        source = REPO_ROOT / name
        files += (
            sorted(p for p in source.rglob("*") if p.is_file() and p.name != PLOTLY_FILE)
            if source.is_dir()
            else [source]
            if source.is_file()
            else []
        )
    for path in files:
        digest.update(str(path).encode() + b"\0" + cache.file_hash(path).encode())
    return digest.hexdigest()


@dataclass(frozen=True)
class BuildReport:
    """What a build did and how long each phase took (the benchmarks read it)."""

    front: Path
    outcomes: list[Outcome]
    notebook_seconds: float
    html_seconds: float
    total_seconds: float

    @property
    def ran(self) -> list[str]:
        return [o.job.label for o in self.outcomes if o.ran]


def summary(outcomes: list[Outcome], workers: int, notebook_seconds: float) -> list[str]:
    ran = [o for o in outcomes if o.ran]
    lines = [
        f"Notebooks: {len(ran)} ran, {len(outcomes) - len(ran)} cached, in {notebook_seconds:.1f} s "
        f"({workers} at a time)"
    ]
    width = max((len(o.job.label) for o in outcomes), default=0)
    for o in outcomes:
        lines.append(
            f"  {o.job.label:<{width}}  " + (f"ran {o.seconds:6.1f} s  ({o.reason})" if o.ran else "cached")
        )
    return lines


def build(
    data_dir: Path | None = None,
    build_dir: Path = BUILD_DIR,
    progress: Callable[[str], None] = print,
    parameters: dict | None = None,
    jobs: int | None = None,
    force: bool = False,
    compare_with: Path | None = None,
    pdf: bool = False,
) -> BuildReport:
    """Build the whole book; the report's `front` is the path of the HTML front page.

    `parameters` are the user's notebook parameters (name or chapter.name -> value); `jobs` how
    many notebooks run at once (default: the number of cores); `force` re-runs every notebook;
    `compare_with` is the built book (or ledger) whose numbers the page on what changed compares
    with, instead of the book this one replaces. The data, parameters and `compare_with` are
    checked before anything is written; then the build holds the
    build folder's lock to the end, and first removes what killed builds left there."""
    started = time.perf_counter()
    outdir.check_out(build_dir, data_dir)
    # A case extract is parsed once, into BUILD/extracts; every notebook's kernel reads that copy.
    os.environ[extract.CACHE_DIR] = str(Path(build_dir).resolve() / extract.EXTRACTS)
    progress("Validating data ...")
    folder = DataFolder(data_dir)
    folder.progress = progress
    try:
        used = folder.validate_all()
    finally:
        for line in folder.warning_lines():  # files not read, sheets not read: the build goes on
            progress(line)
    progress(f"  {len(used)} data files valid")

    notebooks = chapter_notebooks()
    given = params.resolve(parameters or {}, notebooks)
    preflight.check(folder, given)  # what the chapters need of the data and parameters
    if compare_with is not None:
        edition.earlier(build_dir, compare_with)  # a file that is no ledger: one line, nothing written
    if pdf and browser.chromium() is None:
        raise params.ParameterError(f"--pdf needs chromium, which is not installed: {browser.INSTALL}")
    chosen = {nb.stem: values for nb, values in given.items() if values}
    data_parameter = {"data_dir": str(Path(data_dir).resolve())} if data_dir else {}
    given = {notebook: {**data_parameter, **values} for notebook, values in given.items()}
    workers = jobs or os.cpu_count() or 1
    with outdir.writes_to(build_dir), outdir.exclusive(build_dir):
        outdir.remove_leftovers(build_dir)
        clock = time.perf_counter()
        made: list[Path] = []

        def make_edition(outcomes: list[Outcome]) -> Path:
            progress("Gathering the numbers ledger and the edition's stamp ...")
            made.append(edition.make(outcomes, folder, build_dir, chosen, compare_with))
            return made[-1]

        outcomes = run_notebooks(
            notebooks, folder, given, build_dir / "executed", workers, force, progress, edition=make_edition
        )
        notebook_seconds = time.perf_counter() - clock
        clock = time.perf_counter()
        plotly_js, fallback = plotlyjs.choose()
        if fallback:
            progress(fallback)
        edition_dir, title = made[-1] if made else None, book_title()
        offered = downloads.make(outcomes, folder, edition_dir, build_dir, plotly_js, title, pdf, progress)
        html_line = html_book(
            outcomes, build_dir, force, progress, plotly_js, edition_dir, offered, pdf, title
        )
        html_seconds = time.perf_counter() - clock
    for line in [*summary(outcomes, workers, notebook_seconds), html_line]:
        progress(line)
    front = build_dir / outdir.HTML / "index.html"
    total = time.perf_counter() - started
    progress(f"Book built in {total:.0f} s. Open {front}")
    return BuildReport(front, outcomes, notebook_seconds, html_seconds, total)


def html_book(
    outcomes: list[Outcome],
    build_dir: Path,
    force: bool,
    progress: Callable[[str], None],
    plotly_js: Path,
    edition_dir: Path | None = None,
    offered: Path | None = None,
    pdf: bool = False,
    title: str = "",
) -> str:
    """Build the HTML in a staging folder, with the plotly.js bundle `plotly_js`, the edition's files
    (`edition_dir`) and the downloads `offered` (downloads.make), print it as PDF titled `title`
    if asked, and put it in place as build_dir/html (see outdir.publish), unless nothing it is
    made from changed; returns the summary's line about it."""
    clock = time.perf_counter()
    html, record = build_dir / outdir.HTML, build_dir / "html.inputs.json"
    inputs = book_fingerprint(outcomes, plotly_js, offered, pdf)
    if not force and (html / "index.html").is_file() and record.is_file() and record.read_text() == inputs:
        return "HTML: up to date (nothing it is made from changed)"
    record.unlink(missing_ok=True)
    stage = Path(tempfile.mkdtemp(prefix="stage-", dir=build_dir))
    try:
        stage_book(stage, {o.job.notebook: o.job.output for o in outcomes}, plotly_js, offered)
        progress("Building HTML with jupyter-book ...")
        jupyter_book(stage)
        built = stage / "_build" / "html"
        if edition_dir is not None:
            edition.published_files(edition_dir, built)
        if offered is not None:
            downloads.published(offered, built)
        if pdf:
            progress("Printing the book as PDF with chromium ...")
            target = built / downloads.FOLDER / downloads.PDF
            when = downloads.edition_line(edition_dir)
            seconds = book_pdf.write(built, target, title, toc_parts(), when, progress=progress)
            progress(f"  PDF printed in {seconds:.1f} s")
        outdir.publish(built, build_dir)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    record.write_text(inputs)
    return f"HTML: built in {time.perf_counter() - clock:.1f} s"
