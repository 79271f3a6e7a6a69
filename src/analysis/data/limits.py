"""How much the book reads from one input, and why. A file over a limit is refused with one line
before it is parsed, so that a mistaken or hostile file costs seconds and little memory, never
minutes and gigabytes. Raise a limit here if real data outgrows it."""

from __future__ import annotations

from dataclasses import dataclass

MB = 1024**2
GB = 1024**3


@dataclass(frozen=True)
class Limits:
    """The most one data file may hold."""

    bytes: int  # the file as stored
    rows: int  # rows below the header
    unpacked: int  # an .xlsx file's zip members unpacked together (what openpyxl would parse)


# Every data set but the case extract is typed in by hand from budget notes and reports: a few
# hundred rows today, so a thousand times that is room enough and still reads in seconds.
ORDINARY = Limits(bytes=50 * MB, rows=100_000, unpacked=100 * MB)
# The case extract has one row per case: a large municipality's decade is millions of rows, a
# national extract a hundred million (the benchmark reads 10 million, about 0.5 GB as CSV, and 100
# million as Parquet). DuckDB streams it from disk, about 2 million rows a second per core, so the
# limits bound the time (minutes), not the memory. An .xlsx sheet holds at most 1,048,576 rows.
LARGE = Limits(bytes=16 * GB, rows=250_000_000, unpacked=600 * MB)
LARGE_DATASETS = frozenset({"cases"})

# The longest text a cell may hold: the longest quote in the shipped data is under 1,000 characters.
MAX_CELL_CHARS = 10_000
# Empty rows in a row (blank lines, or ";;;;" lines Excel leaves below the data): a few are dropped
# quietly, a run this long is a mistake (or an attack on memory) and is refused.
MAX_EMPTY_RUN = 1_000
# An .xlsx member unpacking to more than this many times its packed size is a zip bomb: real
# worksheets pack 5-20 times. Only members over RATIO_FROM bytes are judged (tiny ones vary).
MAX_RATIO = 100
RATIO_FROM = 10 * MB
# A source text (sources/): the longest shipped one is under 100 kB.
MAX_TEXT_BYTES = 20 * MB


def of(dataset: str) -> Limits:
    """The limits of a data set's file."""
    return LARGE if dataset in LARGE_DATASETS else ORDINARY


def amount(size: int) -> str:
    """A size in bytes for a message: "2.0 GB", "7.9 MB", "216.2 kB", "512 bytes"."""
    for unit, name in ((GB, "GB"), (MB, "MB"), (1024, "kB")):
        if size >= unit:
            return f"{size / unit:.1f} {name}"
    return f"{size} bytes"
