"""Template data files for an analyst's own data folder (`python -m analysis init-data DIR`).

Each template has the header row of its data set, in the contract's column order, and one
example row commented out with "#" (the loader skips such rows): the shipped data's first row
where the book ships the file, otherwise a placeholder per column naming what goes there.

With every shipped row (`--with-shipped-rows`) the files are the book's data to extend, and they
pass `validate` as written: decimals are written the Danish way ("539,4"), so that rows a user adds
in Danish ("1.632") are read alike (see data/numbers.py), and a data set the book does not ship
(an optional one) gets no file, since a placeholder row would be refused.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from analysis.data import DATASETS, DataError, DataFolder
from analysis.data.dictionary import columns
from analysis.data.loading import read_table
from analysis.data.schemas import SOURCES, Dataset

_POINT = r"^-?(?![1-9][0-9]{0,2}\.[0-9]{3}$)[0-9]+\.[0-9]+$"  # 539.4, 0.517, not 1.564 (thousands)


def _example(dataset: Dataset, shipped: DataFolder, header: list[str], all_rows: bool) -> list[list[str]]:
    found = shipped.find(dataset.name, "sources" if dataset is SOURCES else "")
    if found is None:
        return [[f"<{name}>" for name in header]]
    frame = read_table(found).reindex(columns=header)
    schema = dataset.schema(["-"])
    for name in header:  # a decimal point becomes the Danish comma: 539.4 -> 539,4
        if str(schema.columns[name].dtype).lower().startswith(("float", "int")):
            frame[name] = frame[name].str.replace(_POINT, lambda m: m[0].replace(".", ","), regex=True)
    rows = frame.fillna("").astype(str).values.tolist()
    return rows if all_rows else rows[:1]


def ships_rows(dataset: Dataset, shipped: DataFolder | None = None) -> bool:
    """Whether the book ships rows of this data set (an optional one it does not)."""
    return (shipped or DataFolder()).find(dataset.name, "sources" if dataset is SOURCES else "") is not None


def template(dataset: Dataset, all_rows: bool = False, shipped: DataFolder | None = None) -> str:
    """The template's text: header, then one commented example row (or every shipped row)."""
    header = columns(dataset)["column"].tolist()
    rows = _example(dataset, shipped or DataFolder(), header, all_rows)
    if not all_rows:
        rows = [["# " + rows[0][0], *rows[0][1:]]]
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([header, *rows])
    return out.getvalue()


def write_templates(
    target: Path, only: list[str] | None = None, all_rows: bool = False, skipped: list[str] | None = None
) -> list[Path]:
    """Write the templates into `target` (the registry into target/sources/); returns their paths.
    With `all_rows`, a data set the book does not ship is skipped (its name added to `skipped`)."""
    every = {SOURCES.name: SOURCES, **DATASETS}
    unknown = [name for name in only or [] if name not in every]
    if unknown:
        raise DataError(target, f"unknown data set {', '.join(unknown)}: choose from {', '.join(every)}")
    Path(target).mkdir(parents=True, exist_ok=True)
    written = []
    for name in only or every:
        if all_rows and not ships_rows(every[name]):
            (skipped if skipped is not None else []).append(name)
            continue
        path = Path(target) / ("sources" if every[name] is SOURCES else "") / f"{name}.csv"
        if path.exists():
            raise DataError(path, "the file exists already: templates never overwrite data")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(template(every[name], all_rows), encoding="utf-8")
        written.append(path)
    return written
