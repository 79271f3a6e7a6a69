"""Editions: the numbers ledger beside the HTML, the page on what changed since the edition a
build replaces, `python -m analysis diff`, and the stamp of what an edition was built from.

One build folder is built five times with an analyst's complaint series (the fictitious 2024
fixture): without 2024, the same again, with its rows reordered, with 2024 added and with one
number of 2023 changed; then the last data into another folder, compared with --compare-with to
the ledger of the edition with 2024 added."""

import csv
import hashlib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.build.pipeline import build
from analysis.data.editions import read_ledger
from analysis.paths import REPO_ROOT

FIXTURE = Path(__file__).parents[1] / "fixtures" / "fictitious-2024"
CHANGED_LINE = "2023;reality;1.800;"  # the number the analyst corrects: 1.800 -> 1.810


def text_of(page: Path) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8")).split())


def snapshot(out: Path) -> dict:
    html = out / "html"
    return {
        "ledger": read_ledger(html),
        "ledger_bytes": (html / "ledger.json").read_bytes(),
        "changes": text_of(html / "notebooks" / "aendringer.html"),
        "about": text_of(html / "notebooks" / "udgave.html"),
        "front": text_of(html / "book" / "intro.html"),
        "stamp": json.loads((html / "udgave.json").read_text(encoding="utf-8")),
    }


def differ(a, b) -> bool:
    missing = [x is None or x != x for x in (a, b)]
    return missing[0] != missing[1] if any(missing) else float(a) != float(b)


def complaints(folder: Path) -> Path:
    return folder / "complaints.csv"


@pytest.fixture(scope="module")
def editions(tmp_path_factory):
    root = tmp_path_factory.mktemp("editions")
    folder, out = root / "halvaar", root / "build"
    shutil.copytree(FIXTURE, folder)
    full = complaints(folder).read_text(encoding="utf-8")
    without_2024 = "".join(line for line in full.splitlines(keepends=True) if not line.startswith("2024;"))
    assert without_2024 != full, "test setup: the fixture has 2024 rows"
    quiet = {"progress": lambda _: None, "jobs": 2}
    found = {"folder": folder, "out": out}

    complaints(folder).write_text(without_2024, encoding="utf-8")
    build(folder, build_dir=out, **quiet)
    found["first"] = snapshot(out)
    again: list[str] = []
    build(folder, build_dir=out, progress=again.append, jobs=2)
    found["again"], found["again_lines"] = snapshot(out), again
    header, *rows = without_2024.splitlines(keepends=True)
    complaints(folder).write_text(header + "".join(reversed(rows)), encoding="utf-8")
    build(folder, build_dir=out, **quiet)
    found["reordered"] = snapshot(out)
    complaints(folder).write_text(full, encoding="utf-8")
    build(folder, build_dir=out, **quiet)
    found["added"] = snapshot(out)
    assert CHANGED_LINE in full, "test setup: the line to change is in the fixture"
    complaints(folder).write_text(full.replace(CHANGED_LINE, "2023;reality;1.810;"), encoding="utf-8")
    build(folder, build_dir=out, **quiet)
    found["changed"] = snapshot(out)
    found["changed_text"] = complaints(folder).read_text(encoding="utf-8")

    kept = root / "halvaar-2024.json"  # an older edition's ledger, kept by the analyst
    kept.write_bytes(found["added"]["ledger_bytes"])
    build(folder, build_dir=root / "other", compare_with=kept, **quiet)
    found["compared"] = snapshot(root / "other")
    return found


def test_every_build_writes_the_ledger_as_json_and_csv_beside_the_html(editions):
    html = editions["out"] / "html"
    ledger = editions["changed"]["ledger"]
    assert len(ledger) > 100
    assert {"klager", "sagsfrister", "udgifter", "kontrol"} <= set(ledger["chapter"])
    assert {"number", "verdict", "status"} <= set(ledger["kind"])
    with open(html / "ledger.csv", encoding="utf-8-sig", newline="") as file:
        rows = list(csv.DictReader(file))
    assert list(rows[0])[:6] == ["chapter", "key", "kind", "value", "shown", "source_kind"]
    assert [(r["chapter"], r["key"]) for r in rows] == list(zip(ledger["chapter"], ledger["key"]))
    assert not ledger.duplicated(["chapter", "key"]).any()


def test_a_first_build_says_it_has_nothing_to_compare_with(editions):
    assert (
        "Dette er den første udgave: der er ingen tidligere udgave at sammenligne med."
        in editions["first"]["changes"]
    )
    assert "Dette er den første udgave" in editions["first"]["front"]


def test_a_rebuild_from_the_same_inputs_is_the_same_edition_and_runs_nothing(editions):
    again, first = editions["again"], editions["first"]
    assert again["ledger_bytes"] == first["ledger_bytes"]
    assert again["stamp"] == first["stamp"]  # its build time included
    assert again["changes"] == first["changes"]
    assert not [line for line in editions["again_lines"] if "] ran " in line]
    assert "HTML: up to date (nothing it is made from changed)" in editions["again_lines"]


def test_a_new_edition_with_nothing_changed_says_so_as_reordered_rows_keep_their_keys(editions):
    reordered = editions["reordered"]
    assert reordered["stamp"]["files"] != editions["first"]["stamp"]["files"]  # another file: a new edition
    assert "Ingen tal er ændret siden sidste udgave." in reordered["changes"]
    assert "Ingen tal er ændret siden sidste udgave." in reordered["front"]
    assert reordered["stamp"]["compared_with"]["ledger_sha256"] == editions["first"]["stamp"]["ledger_sha256"]


def test_a_new_year_shows_as_numbers_added(editions):
    page = editions["added"]["changes"]
    assert "er kommet til" in page and "tilføjet" in page
    old, new = editions["reordered"]["ledger"], editions["added"]["ledger"]
    added = set(zip(new["chapter"], new["key"])) - set(zip(old["chapter"], old["key"]))
    assert ("klager", "data | klager | Formalitetsklager | 2024 | value") in added
    assert ("klager", "data | klager | Realitetsklager | 2024 | value") in added
    assert "klager › Realitetsklager › 2024 › value" in page


def test_one_changed_number_is_listed_with_its_old_and_new_value_and_the_file_and_row(editions):
    old, new = editions["added"]["ledger"], editions["changed"]["ledger"]
    merged = new.merge(old, on=["chapter", "key"], suffixes=("", "_old"))
    moved = merged[
        [
            kind == "number" and differ(a, b)
            for kind, a, b in zip(merged["kind"], merged["value"], merged["value_old"])
        ]
    ]
    # Of the numbers read from the data, exactly the one corrected moved: in the chapter's table
    # and in its figure's data; every other number that moved is derived from it.
    read = moved[moved["source_kind"] != "derived"]
    assert sorted(read["key"]) == [
        "data | klager | Realitetsklager | 2023 | value",
        "tabel | Klager pr. år #–# med kilder | Realitetsklager | 2023 | Antal",
    ]
    assert set(read["value_old"]) == {1800.0} and set(read["value"]) == {1810.0}
    line = next(
        n for n, text in enumerate(editions["changed_text"].splitlines(), start=1) if "2023;reality" in text
    )
    assert set(read["file"]) == {"halvaar/complaints.csv"} and set(read["row"]) == {line}
    assert (moved["source_kind"].isin(["derived", "user-supplied"])).all()

    page = editions["changed"]["changes"]
    assert f"{len(moved)} tal er ændret." in page
    row = "ændret tabel › Klager pr. år #–# med kilder › Realitetsklager › 2023 › Antal 1.800 1.810 +10"
    assert f"{row} halvaar/complaints.csv, række {line}" in page
    assert f"{len(moved)} tal er ændret" in editions["changed"]["front"]


def test_diff_prints_the_same_comparison_for_two_books(editions, tmp_path):
    old = tmp_path / "old.json"
    old.write_bytes(editions["added"]["ledger_bytes"])
    result = subprocess.run(
        [sys.executable, "-m", "analysis", "diff", str(old), str(editions["out"])],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
    )
    assert result.returncode == 0, result.stderr
    page_count = int(re.search(r"(\d+) tal er ændret", editions["changed"]["changes"]).group(1))
    assert result.stdout.startswith(f"{page_count} changed, 0 added, 0 removed")
    line = next(
        n for n, text in enumerate(editions["changed_text"].splitlines(), start=1) if "2023;reality" in text
    )
    assert (
        f"changed  data | klager | Realitetsklager | 2023 | value: 1.800 -> 1.810 (+10)  "
        f"[halvaar/complaints.csv, row {line}]" in result.stdout
    )
    same = subprocess.run(
        [sys.executable, "-m", "analysis", "diff", str(old), str(old)],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
    )
    assert same.returncode == 0 and same.stdout.startswith("No number changed")


def test_compare_with_an_older_editions_ledger(editions):
    compared, changed = editions["compared"], editions["changed"]
    assert compared["stamp"]["compared_with"]["given"] == "halvaar-2024.json"
    assert "sammenlignet med talregnskabet »halvaar-2024.json«" in compared["changes"]
    count = re.search(r"(\d+) tal er ændret\.", changed["changes"]).group(1)
    assert f"{count} tal er ændret." in compared["changes"]  # the same changes as the build that replaced it


def test_the_stamps_checksums_are_those_of_the_files_used(editions):
    stamp = editions["compared"]["stamp"]  # built from the files as they are now
    files = {entry["file"]: entry for entry in stamp["files"]}
    assert files["halvaar/complaints.csv"]["from"] == "user"
    assert files["data/budget_lines.csv"]["from"] == "shipped"
    for name, entry in files.items():
        path = editions["folder"].parent / name if entry["from"] == "user" else REPO_ROOT / name
        assert hashlib.sha256(path.read_bytes()).hexdigest() == entry["sha256"], name
    assert stamp["ledger_sha256"] == hashlib.sha256(editions["compared"]["ledger_bytes"]).hexdigest()
    assert stamp["data_folder"] == "halvaar"
    head = subprocess.run(
        ["git", "rev-parse", "HEAD"], capture_output=True, text=True, cwd=REPO_ROOT
    ).stdout.strip()
    assert stamp["commit"] == head
    assert stamp["packages"]["pandas"] == next(
        line.split("==")[1]
        for line in (REPO_ROOT / "requirements.lock").read_text().splitlines()
        if line.startswith("pandas==")
    )


def test_the_page_about_the_edition_shows_what_it_was_built_from(editions):
    page, stamp = editions["changed"]["about"], editions["changed"]["stamp"]
    assert stamp["commit"][:10] in page
    assert f"Talregnskabets SHA-256 er {stamp['ledger_sha256']}" in page
    for entry in stamp["files"]:
        assert entry["sha256"] in page and entry["file"] in page
    assert "egne data fra mappen »halvaar«" in page
    assert f"Python {stamp['python']}" in page
    assert "--data halvaar/" in page


def test_a_compare_with_that_is_no_ledger_is_one_line_and_exit_2(tmp_path):
    bad = tmp_path / "ledger.json"
    bad.write_text("not json", encoding="utf-8")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "analysis",
            "build",
            "--out",
            str(tmp_path / "out"),
            "--compare-with",
            str(bad),
        ],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
    )
    assert result.returncode == 2
    assert (
        result.stderr.count("\n") == 1
        and "not a numbers ledger" in result.stderr
        and str(bad) in result.stderr
    )
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()
