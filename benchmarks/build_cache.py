"""Benchmarks (a)-(c) of the build: the execution cache and parallel notebooks.

Runs real builds of the whole book into a temporary folder, from a temporary copy of data/ (so
one file can be changed without touching the shipped data), and prints ratios measured in this
one run:
  (a) clean build vs rebuild with nothing changed            target: under 10 %
  (b) one data file changed vs clean, and which notebooks re-ran (only those that read it)
  (c) notebook phase with --jobs 2 vs --jobs 1                target: at least 1,6x faster
Usage: python benchmarks/build_cache.py   (or `make bench`, which runs every benchmark)
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from analysis.build.pipeline import build
from analysis.paths import DATA_DIR

CHANGED = "applications.csv"  # read by the demand chapter and the control page only


def quiet(_line: str) -> None:
    pass


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="bench-build-"))
    try:
        data, out = work / "data", work / "build"
        shutil.copytree(DATA_DIR, data)
        print("building the book from scratch ...", flush=True)
        clean = build(data, build_dir=out, progress=quiet)
        print("rebuilding with nothing changed ...", flush=True)
        noop = build(data, build_dir=out, progress=quiet)
        # A valid edit of one file: a quote gains a trailing space inside its text.
        path = data / CHANGED
        path.write_text(
            path.read_text(encoding="utf-8").replace("altså en forventet", "altså en  forventet"),
            encoding="utf-8",
        )
        print(f"rebuilding after changing {CHANGED} ...", flush=True)
        one = build(data, build_dir=out, progress=quiet)
        print("notebook phase with --jobs 1 and --jobs 2 (every notebook forced to run) ...", flush=True)
        serial = build(data, build_dir=out, progress=quiet, jobs=1, force=True)
        parallel = build(data, build_dir=out, progress=quiet, jobs=2, force=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    noop_share = noop.total_seconds / clean.total_seconds
    speedup = serial.notebook_seconds / parallel.notebook_seconds
    print()
    print(
        f"(a) clean build {clean.total_seconds:.1f} s ({len(clean.ran)} notebooks ran, "
        f"notebook phase {clean.notebook_seconds:.1f} s, HTML {clean.html_seconds:.1f} s); "
        f"rebuild with nothing changed {noop.total_seconds:.2f} s = {noop_share:.1%} of clean "
        f"(target < 10 %): {'met' if noop_share < 0.10 else 'NOT MET'}"
    )
    print(
        f"(b) {CHANGED} changed: {len(one.ran)} of {len(one.outcomes)} notebooks re-ran "
        f"({', '.join(Path(label).stem for label in one.ran)}); rebuild {one.total_seconds:.1f} s = "
        f"{one.total_seconds / clean.total_seconds:.0%} of clean"
    )
    print(
        f"(c) notebook phase, all {len(serial.outcomes)} notebooks: --jobs 1 "
        f"{serial.notebook_seconds:.1f} s, "
        f"--jobs 2 {parallel.notebook_seconds:.1f} s = {speedup:.2f}x faster "
        f"(target >= 1.6x): {'met' if speedup >= 1.6 else 'NOT MET'}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
