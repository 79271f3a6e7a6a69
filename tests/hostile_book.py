"""A data folder in which every free-text column of every data set holds script, markup, template
and formula payloads, as a hostile analyst could hand it to `python -m analysis build --data`. The
browser test (tests/book/test_security.py) builds a book from it and checks nothing runs."""

from __future__ import annotations

import csv
import hashlib
import zlib
from pathlib import Path

from analysis.data.schemas import DATASETS, SOURCES, Dataset
from analysis.data.schemas.columns import DATE
from analysis.paths import DATA_DIR

MARK = "window.__pwned=1"  # every payload that runs sets this
PAYLOADS = (
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=1">',
    '"><svg onload=window.__pwned=1>',
    "{{7*7}} ${7*7} %{x}",
    "{glue:text}`x` <b>fed</b>",
    "[x](javascript:window.__pwned=1)",
    '=HYPERLINK("http://evil")',
    "-2+3 @SUM(A1) +1",
)
# Free-text columns whose words the book reads as meaning rather than shows (the shipped
# municipality decides whether a document is Copenhagen's), with why: payloads go in the others.
MEANING = {
    "registry": {"municipality": "compared with Københavns Kommune", "country": "shown with it"},
    "budget_lines": {"counterpart": "names a row of another table"},
    "staffing": {"part_of": "names another row"},
    "assumptions": {"chapters": "names chapters"},
    "applications": {"application_type": "the chapter's type is brøkpension"},
}
TEXT_FILE = "fjendtlig.txt"
TEXT = "Fjendtlig kildetekst: " + " ".join(PAYLOADS) + "\n"


def free_text_columns(dataset: Dataset) -> list[str]:
    """The columns a person writes free text in: text columns that are no list of allowed values,
    no id or pattern, and no date."""
    schema = dataset.schema(["x"])
    return [
        name
        for name, column in schema.columns.items()
        if str(column.dtype).startswith("string")
        and all(c.name == "str_length" for c in column.checks)  # no list, pattern or address rule
        and not (column.metadata or {}).get(DATE)
        and not name.endswith("_id")  # an id: a key other rows name
        and name not in MEANING.get(dataset.name, {})
    ]


def shipped_file(dataset: Dataset) -> Path:
    return DATA_DIR / ("sources" if dataset is SOURCES else "") / f"{dataset.name}.csv"


def poisoned(dataset: Dataset, target: Path) -> dict[str, list[str]]:
    """The shipped file of `dataset` written to `target` with a payload in every free-text cell
    (which one depends on the text, so a text that repeats stays the same); returns the columns."""
    with open(shipped_file(dataset), encoding="utf-8-sig", newline="") as file:
        rows = list(csv.DictReader(file))
    columns = free_text_columns(dataset)
    for row in rows:
        for column in columns:
            if row.get(column):  # the same text gets the same payload (a label repeats over years)
                payload = PAYLOADS[zlib.crc32(f"{column}{row[column]}".encode()) % len(PAYLOADS)]
                # a formula goes first, where a spreadsheet would run it; markup after the text
                formula = payload.startswith(("=", "-"))
                row[column] = f"{payload} {row[column]}" if formula else f"{row[column]} {payload}"
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return {dataset.name: columns}


def hostile_folder(folder: Path) -> dict[str, list[str]]:
    """Every shipped data set with payloads in its free-text columns, and a source whose text is
    payloads. The source texts stay the shipped ones (not copied), so the quotes, which now end
    in payloads, are not checked against them; the registry's addresses carry payloads too, as far
    as a web address can. Returns the poisoned columns per data set."""
    columns = {}
    for dataset in [SOURCES, *DATASETS.values()]:
        if shipped_file(dataset).is_file():
            target = folder / shipped_file(dataset).relative_to(DATA_DIR)
            columns |= poisoned(dataset, target)
    registry = folder / "sources" / "registry.csv"
    with open(registry, encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    for row in rows:  # every source gets an address, with as much of a payload as one may hold
        address = row["url"] or f"https://example.invalid/{row['source_id']}"
        row["url"] = f"{address}?q='onmouseover='{MARK}'&r=%22%3E%3Cscript%3E"
    (folder / "sources" / TEXT_FILE).write_text(TEXT, encoding="utf-8")
    rows.append(
        {
            **rows[0],
            "source_id": "fjendtlig",
            "short_title": "Fjendtlig " + PAYLOADS[1],
            "title": "Fjendtlig kilde " + PAYLOADS[0],
            "file": TEXT_FILE,
            "sha256": hashlib.sha256(TEXT.encode("utf-8")).hexdigest(),
            "url": f"https://example.invalid/fjendtlig?x='onclick='{MARK}'",
        }
    )
    with open(registry, "w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return columns
