"""Benchmark of the downloads: what `make book` (a build with --pdf) costs over a build without a
PDF, and how long each part of it takes, as the user waits for it.

Builds the whole book three times into temporary folders: without a PDF, with one (the workbooks,
Word documents and figures are made in both; the figures drawn afresh each time, no cache), and a
rebuild with --pdf and nothing changed. Prints the times, the PDF's pages and size, and the
number and total size of the other downloads.
Usage: python benchmarks/downloads.py   (or `make bench`, which runs every benchmark)
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from pypdf import PdfReader

from analysis.build.downloads import FOLDER, PDF
from analysis.build.pipeline import build


def timed_lines(lines: list[str]):
    """A progress function that notes each line with the time it came."""
    start = time.perf_counter()
    return lambda line: lines.append((time.perf_counter() - start, line))


def between(lines, first: str, then: str) -> float:
    """Seconds from the line that starts with `first` to the next that starts with `then`."""
    begin = next(t for t, line in lines if line.startswith(first))
    return next(t for t, line in lines if t >= begin and line.startswith(then)) - begin


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="bench-downloads-"))
    try:
        plain_lines, pdf_lines = [], []
        print("building the book without a PDF ...", flush=True)
        plain = build(build_dir=work / "plain", progress=timed_lines(plain_lines))
        print("building the book with --pdf ...", flush=True)
        with_pdf = build(build_dir=work / "pdf", progress=timed_lines(pdf_lines), pdf=True)
        print("rebuilding with --pdf, nothing changed ...", flush=True)
        again = build(build_dir=work / "pdf", progress=lambda _: None, pdf=True)
        folder = work / "pdf" / "html" / FOLDER
        pdf = folder / PDF
        pages = len(PdfReader(pdf).pages)
        others = [p for p in folder.iterdir() if p != pdf]
        size, other_sizes = pdf.stat().st_size, sum(p.stat().st_size for p in others)
        downloads = between(pdf_lines, "Writing the tables", "Building HTML")
        printing = float(next(line for _, line in pdf_lines if "PDF printed in" in line).split()[3])
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print()
    print(
        f"clean build without a PDF {plain.total_seconds:.1f} s, with --pdf {with_pdf.total_seconds:.1f} s "
        f"(+{with_pdf.total_seconds - plain.total_seconds:.1f} s)"
    )
    print(
        f"  workbooks, Word documents and {sum(p.suffix == '.svg' for p in others)} figures as PNG and "
        f"SVG: {downloads:.1f} s ({len(others)} files, {other_sizes / 1e6:.1f} MB)"
    )
    print(
        f"  the PDF, printed twice for its page numbers: {printing:.1f} s "
        f"({pages} pages, {size / 1e6:.1f} MB)"
    )
    print(f"rebuild with --pdf and nothing changed: {again.total_seconds:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
