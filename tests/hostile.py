"""The harness of the malformed-input corpus: ways to break a copy of the data folder, and the
promise every broken folder must keep. Corpus files (tests/build/test_malformed_*.py) list
(id, how the folder is broken, what the one line must say) and call `gives_one_line`."""

from __future__ import annotations

import re

import pandas as pd
from helpers import edit_file

from analysis.build import cli


def replace_in(name: str, old: str, new: str):
    return lambda folder: edit_file(folder, name, old, new)


def write(name: str, content: bytes | str):
    def mutate(folder):
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))

    return mutate


def drop_column(name: str, column: str):
    def mutate(folder):
        frame = pd.read_csv(folder / name, dtype=str, keep_default_na=False)
        frame.drop(columns=[column]).to_csv(folder / name, index=False)

    return mutate


def append(name: str, line: str):
    def mutate(folder):
        with open(folder / name, "a", encoding="utf-8") as out:
            out.write(line)

    return mutate


def excel(name: str, rows: dict):
    def mutate(folder):
        (folder / f"{name}.csv").unlink(missing_ok=True)
        pd.DataFrame(rows).to_excel(folder / f"{name}.xlsx", index=False)

    return mutate


def excel_bytes(name: str, content: bytes):
    def mutate(folder):
        (folder / f"{name}.csv").unlink()
        (folder / f"{name}.xlsx").write_bytes(content)

    return mutate


def line_of(capsys) -> str:
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err, err
    return err


# Every case goes through `validate`; every BUILD_EVERY-th also through `build`, which refuses with
# the same line before it touches the build folder (the checks are the same functions): a sample
# proves that, and the suite stays short.
BUILD_EVERY = 5


def corpus(cases: list) -> list:
    """pytest parameters (mutate, expected, through_build) for a list of (id, mutate, expected)."""
    import pytest

    return [pytest.param(m, e, n % BUILD_EVERY == 0, id=i) for n, (i, m, e) in enumerate(cases)]


def gives_one_line(mutate, expected: str, data_copy, tmp_path, capsys, through_build: bool = True) -> None:
    """`validate` (and with `through_build`, `build`) refuses the broken folder with exit 2 and one
    line matching `expected`, and the book already built in the output folder is left exactly as
    it was."""
    mutate(data_copy)
    assert cli.main(["validate", str(data_copy)]) == 2
    assert re.search(expected, line_of(capsys)), expected
    if not through_build:
        return
    old = tmp_path / "out" / "html"
    old.mkdir(parents=True)
    (old / "index.html").write_text("the old book", encoding="utf-8")
    assert cli.main(["build", "--data", str(data_copy), "--out", str(tmp_path / "out")]) == 2
    assert re.search(expected, line_of(capsys))
    assert (old / "index.html").read_text(encoding="utf-8") == "the old book"
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["html"]


def registry_row(**cells: str):
    """A user's registry (sources/registry.csv) with one source, `hostile`, whose cells are the
    shipped registry's usual ones except those given (e.g. url="javascript:…", file="../x")."""

    def mutate(folder):
        import csv
        import io

        row = {
            "source_id": "hostile",
            "short_title": "Fjendtlig kilde",
            "title": "Fjendtlig kilde (test)",
            "organisation": "Test",
            "municipality": "Københavns Kommune",
            "country": "Danmark",
            "date": "2024",
            "reference": "",
            "file": "",
            "url": "https://example.invalid/notat",
            "sha256": "",
            "accessed": "",
            **cells,
        }
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(row), lineterminator="\n")
        writer.writeheader()
        writer.writerow(row)
        (folder / "sources" / "registry.csv").write_text(out.getvalue(), encoding="utf-8")

    return mutate


def source_link(name: str, target: str):
    """sources/NAME becomes a symbolic link to `target` (a file outside the data folder)."""

    def mutate(folder):
        (folder / "sources" / name).symlink_to(target)

    return mutate


def both(*mutators):
    """Several ways of breaking one folder, applied in order."""

    def mutate(folder):
        for each in mutators:
            each(folder)

    return mutate


def drop_line(name: str, start: str):
    """Remove the one line of a data file that starts with `start` (it must be there)."""

    def mutate(folder):
        path = folder / name
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        kept = [line for line in lines if not line.startswith(start)]
        assert len(kept) == len(lines) - 1, f"test setup: one line of {name} starts with {start!r}"
        path.write_text("".join(kept), encoding="utf-8")

    return mutate


def rename(old: str, new: str):
    return lambda folder: (folder / old).rename(folder / new)


def copy(old: str, new: str):
    def mutate(folder):
        (folder / new).parent.mkdir(parents=True, exist_ok=True)
        (folder / new).write_bytes((folder / old).read_bytes())

    return mutate


def link_out(name: str):
    """`name` becomes a link to a copy of itself outside the data folder (a folder: moved out)."""

    def mutate(folder):
        outside = folder.parent / "outside" / name
        outside.parent.mkdir(parents=True, exist_ok=True)
        (folder / name).rename(outside)
        (folder / name).symlink_to(outside)

    return mutate


def sheets(name: str, *pages: tuple[str, list[list]]):
    """`name`.xlsx in place of `name`.csv, with these (title, rows) sheets."""

    def mutate(folder):
        import openpyxl

        (folder / f"{name}.csv").unlink(missing_ok=True)
        book = openpyxl.Workbook()
        book.remove(book.active)
        for title, rows in pages:
            sheet = book.create_sheet(title)
            for row in rows:
                sheet.append(row)
        book.save(folder / f"{name}.xlsx")

    return mutate


def csv_rows(name: str, header: str, row: str, count: int, empty: str = ""):
    """`name` with a header, one row of data, then `count` copies of `empty` lines ("" for blank
    lines, ",,,," for Excel's empty rows), then `row` again (or `count` copies of `row` when
    `empty` is None)."""

    def mutate(folder):
        with open(folder / name, "w", encoding="utf-8") as out:
            out.write(header + "\n" + row + "\n")
            if empty is None:
                out.writelines([row + "\n"] * count)
            else:
                out.write((empty + "\n") * count + row + "\n")

    return mutate


def zip_bomb(name: str, unpacked: int):
    """`name`.xlsx in place of `name`.csv: a few MB that unpack to `unpacked` bytes of sheet XML."""

    def mutate(folder):
        import zipfile

        (folder / f"{name}.csv").unlink(missing_ok=True)
        row = b'<row><c t="inlineStr"><is><t>' + b"A" * 4000 + b"</t></is></c></row>"
        block = row * 256
        with zipfile.ZipFile(folder / f"{name}.xlsx", "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
            z.writestr("[Content_Types].xml", "<Types/>")
            with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
                for _ in range(unpacked // len(block) + 1):
                    sheet.write(block)

    return mutate
