"""A corpus of data folders and parameters whose files validate but that a chapter could not
compute: the preflight (build/preflight.py) refuses each before any notebook runs, with one line
naming the file, row and column (or the chapter and the parameter), exit code 2, and the old
book survives. The safety net at the end is how we know validate catches what the build would:
whatever validate lets through, every chapter computes."""

from __future__ import annotations

import importlib
import re
import time

import pytest
from drawn import draw
from fictitious import FOLDER_A, FOLDER_B, write
from hostile import corpus, drop_line, gives_one_line, line_of, replace_in

from analysis.build import cli, parameters, preflight
from analysis.data import DataError, DataFolder
from analysis.notebooks import chapter_notebooks

ZERO_BASE = r"this count is the base of a change in per cent \(the book divides by it\)"
FORMALITY_2015 = "2015,formality,448,"
# (id, how the folder is broken, what the one line must say)
CASES = [
    # A 0 a change is reckoned in per cent of (ZeroDivisionError in a notebook before).
    (
        "zero-first-count-klager",  # klager's change from its first year, and a claim's
        replace_in("complaints.csv", FORMALITY_2015, "2015,formality,0,"),
        rf"complaints.csv, row 2, column 'count': {ZERO_BASE}",
    ),
    (
        "minus-zero-count",
        replace_in("complaints.csv", FORMALITY_2015, "2015,formality,-0,"),
        rf"complaints.csv, row 2, column 'count': {ZERO_BASE}",
    ),
    (
        "zero-later-count-claim",  # a claim reckons the fall back to 2015 in per cent of 2016
        replace_in("complaints.csv", "2016,formality,486,", "2016,formality,0,"),
        rf"complaints.csv, row 3, column 'count': {ZERO_BASE}",
    ),
    (
        "zero-base-year-sagsfrister",  # sagsfrister compares 2019 with 2018
        replace_in("complaints.csv", "2018,formality,580,", "2018,formality,0,"),
        rf"complaints.csv, row 4, column 'count': {ZERO_BASE}",
    ),
    (
        "zero-reality-first-count",
        replace_in("complaints.csv", "2015,reality,1859,", "2015,reality,0,"),
        rf"complaints.csv, row 6, column 'count': {ZERO_BASE}",
    ),
    (
        "zero-first-application-period",  # the monthly averages' ratio and a claim's change
        replace_in("applications.csv", "2018-12-31,344,", "2018-12-31,0,"),
        rf"applications.csv, row 2, column 'count': {ZERO_BASE}",
    ),
    (
        "zero-whole-year-before-part",  # 2020's first months as a share of 2019
        replace_in("applications.csv", "2019-12-31,610,", "2019-12-31,0,"),
        rf"applications.csv, row 3, column 'count': {ZERO_BASE}",
    ),
    (
        "zero-ceiling-target",
        replace_in("complaint_benchmarks.csv", "2018,2018,437,", "2018,2018,0,"),
        r"complaint_benchmarks.csv, row 3, column 'value': this value is the base of a change in per cent",
    ),
    # The claims register: checks that exist, with their arguments and the rows they read.
    (
        "misspelt-check",
        replace_in("claims.csv", "reduced(formality, 2016, 10)", "reduce(formality, 2016, 10)"),
        r"claims.csv, row 4, column 'check': unknown check 'reduce'; known: percent_change, ",
    ),
    (
        "misspelt-reproduced-by",
        replace_in(
            "claims.csv", "percent_of_later(reality, 2015, 2016)", "percent_of_latter(reality, 2015, 2016)"
        ),
        r"claims.csv, row 2, column 'reproduced_by': unknown check 'percent_of_latter'",
    ),
    (
        "check-with-wrong-arguments",
        replace_in("claims.csv", "period_average(formality, 2010, 2018)", "period_average(formality, 2010)"),
        r"claims.csv, row 5, column 'check': 'period_average\(formality, 2010\)' has the wrong number of "
        r"arguments",
    ),
    (
        "applications-without-a-claimed-row",  # a shipped claim needs brøkpension in 2018
        drop_line("applications.csv", "brøkpension,2018-01-01,"),
        r"claims.csv, row 12, column 'check': 'applications_change\(brøkpension, 2018-01-01, 2019-01-01\)' "
        r"cannot be computed: it needs a row in applications.csv with the brøkpension applications from "
        r"2018-01-01, and the data have none",
    ),
    (
        "claim-names-a-missing-benchmark",
        replace_in(
            "claims.csv", "above_ceiling(formality_target_2018)", "above_ceiling(formality_target_2017)"
        ),
        r"claims.csv, row 6, column 'check': .*needs a row in complaint_benchmarks.csv with the benchmark "
        r"formality_target_2017",
    ),
    (
        "claim-names-a-missing-budget-row",
        replace_in(
            "claims.csv", "budget_years(oe501-t1, genopretning)", "budget_years(oe501-t1, genoprettelse)"
        ),
        r"claims.csv, row 21, column 'check': .*needs a row in budget_lines.csv with row genoprettelse of "
        r"table oe501-t1",
    ),
    (
        "claim-names-a-missing-compliance-measurement",
        replace_in("claims.csv", "above_target(handicap, 2020-06-30)", "above_target(handicap, 2020-06-29)"),
        r"claims.csv, row 9, column 'check': .*needs a row in compliance.csv with the compliance of handicap "
        r"ending 2020-06-29",
    ),
]


@pytest.mark.parametrize("mutate, expected, through_build", corpus(CASES))
def test_what_a_chapter_would_fail_on_is_one_line_before_any_notebook(
    mutate, expected, through_build, data_copy, tmp_path, capsys
):
    gives_one_line(mutate, expected, data_copy, tmp_path, capsys, through_build)


# --- Parameters: what the chapters need of them ---------------------------------------------------

PARAMETER_CASES = [
    (
        ["-p", "application_type=førtidspension"],
        r"chapter 'efterspoergsel': parameter 'application_type' is "
        r"'førtidspension', not one of the types in applications.csv: brøkpension",
    ),
    (
        ["-p", "klager.first_year=2030"],
        r"chapter 'klager': parameter 'first_year' \(2030\) is after 'last_year' "
        r"\(2018, from the data\)",
    ),
    (
        ["-p", "klager.first_year=2016", "-p", "klager.last_year=2012"],
        r"chapter 'klager': parameter "
        r"'first_year' \(2016\) is after 'last_year' \(2012\)",
    ),
    (
        ["-p", "efterspoergsel.first_year=2021"],
        r"chapter 'efterspoergsel': parameter 'first_year' \(2021\) is "
        r"after 'last_year' \(2020, from the data\)",
    ),
    (
        ["-p", "klager.last_year=20180"],
        r"chapter 'klager': parameter 'last_year' is 20180: give a year "
        r"between 1900 and 2100, or 0",
    ),
    (
        ["-p", "measurement_date=[2020, 1]"],
        r"chapter 'sagsfrister': parameter 'measurement_date' is "
        r"'\[2020, 1\]': write a date as YYYY-MM-DD",
    ),
    (
        ["-p", "measurement_date=2020-02-30"],
        r"parameter 'measurement_date' is '2020-02-30': write a date as "
        r"YYYY-MM-DD",
    ),
    (["-p", "shown_to=2300-01-01"], r"parameter 'shown_to' is 2300-01-01: give a date between 1900 and 2100"),
    (
        ["-p", "shown_from=2021-01-01", "-p", "shown_to=2020-01-01"],
        r"parameter 'shown_from' is 2021-01-01, "
        r"after 'shown_to' 2020-01-01",
    ),
    (
        ["-p", "period=week"],
        r"parameter 'period' is 'week', not one of the periods of a case extract: "
        r"quarter, half-year, year",
    ),
    (
        ["-p", "complaints_base_year=2030"],
        r"chapter 'sagsfrister': parameter 'complaints_base_year' is 2030, "
        r"not before 'complaints_year' 2019 \(from the data\)",
    ),
    (
        ["-p", "sermersooq.quarter=5"],
        r"chapter 'sermersooq': parameters 'year' \(2019\) and 'quarter' \(5\): "
        r"service_results.csv has no results for that quarter; it has results for year=2019 quarter=4",
    ),
    (
        ["-p", "sermersooq.year=2018"],
        r"parameters 'year' \(2018\) and 'quarter' \(4\): service_results.csv "
        r"has no results",
    ),
    (
        ["-p", "target_price_level=1800"],
        r"chapter 'udgifter': parameter 'target_price_level' is 1800: give a "
        r"year between 1900 and 2100",
    ),
    (["-p", "measurement_date=true"], r"parameter 'measurement_date' is 'true': write a date"),
]


@pytest.mark.parametrize(
    "argv, expected", PARAMETER_CASES, ids=lambda a: " ".join(a) if isinstance(a, list) else ""
)
def test_a_parameter_a_chapter_cannot_take_is_one_line_from_validate(argv, expected, capsys):
    assert cli.main(["validate", *argv]) == 2
    assert re.search(expected, line_of(capsys)), expected


@pytest.mark.parametrize(
    "argv, expected",
    [PARAMETER_CASES[0], PARAMETER_CASES[5], PARAMETER_CASES[11]],
    ids=["type", "date", "quarter"],
)
def test_build_refuses_them_too_before_any_notebook_and_keeps_the_book(argv, expected, capsys, tmp_path):
    old = tmp_path / "html"
    old.mkdir()
    (old / "index.html").write_text("the old book", encoding="utf-8")
    assert cli.main(["build", *argv, "--out", str(tmp_path)]) == 2
    assert re.search(expected, line_of(capsys)), expected
    assert (old / "index.html").read_text(encoding="utf-8") == "the old book"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["html"]  # nothing executed


def test_validate_checks_a_parameters_file(tmp_path, capsys):
    file = tmp_path / "p.yaml"
    file.write_text("measurement_date: [2020, 1]\n", encoding="utf-8")
    assert cli.main(["validate", "--params", str(file)]) == 2
    assert "'measurement_date' of chapter 'sagsfrister' must be text or empty" in line_of(capsys)


BILLION_LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi")
)


def test_validate_refuses_a_billion_laughs_file_at_once(tmp_path, capsys):
    file = tmp_path / "p.yaml"
    file.write_text(BILLION_LAUGHS, encoding="utf-8")
    started = time.perf_counter()
    assert cli.main(["validate", "--params", str(file)]) == 2
    assert "anchors and aliases" in line_of(capsys)
    assert time.perf_counter() - started < 30  # the data are validated first; the file costs nothing


def test_good_parameters_pass_validate(capsys):
    argv = ["-p", "klager.first_year=2012", "-p", "measurement_date=2020-06-30", "-p", "period=half-year"]
    assert cli.main(["validate", *argv, "-p", "application_type=brøkpension", "-p", "quarter=4"]) == 0
    assert "ok  every chapter's needs" in capsys.readouterr().out


def test_problems_of_several_chapters_are_each_one_line(capsys):
    assert cli.main(["validate", "-p", "first_year=2019", "-p", "last_year=2015"]) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert [line.split("'")[1] for line in lines] == ["klager", "efterspoergsel"], lines


def test_a_rule_that_fails_itself_is_one_line_too(monkeypatch, shipped):
    from analysis.chapters import sermersooq

    def broken(data, year, quarter):
        raise KeyError("quarter")

    monkeypatch.setattr(sermersooq, "problems", broken)
    with pytest.raises(preflight.Problems) as error:
        preflight.check(shipped)
    assert error.value.lines() == [
        "chapter 'sermersooq': the data cannot be checked for this chapter (KeyError: 'quarter')"
    ]


def test_the_shipped_data_with_default_parameters_pass_the_preflight(shipped):
    assert preflight.problems(shipped) == ([], [])


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 12 and len(PARAMETER_CASES) >= 12


# --- The safety net: what validate lets through, every chapter computes ----------------------------


def validates(folder: DataFolder) -> bool:
    try:
        folder.validate_all()
        preflight.check(folder)
    except (DataError, preflight.ParameterError):
        return False
    return True


def chapter_failures(folder: DataFolder, given: dict | None = None) -> list[str]:
    """Each chapter computed, its facts and its values, with its default parameters (or, with
    `given`, per notebook as parameters.resolve gives them, only the chapters that take one of
    them: the others are the default case): what fails."""
    failures = []
    for notebook in [n for n in chapter_notebooks() if given is None or given.get(n)]:
        chapter = importlib.import_module(f"analysis.chapters.{notebook.stem}")
        parameters = preflight.chapter_parameters(notebook, (given or {}).get(notebook, {}))
        try:
            result = chapter.compute(folder, **parameters)
            chapter.facts(result)
            chapter.values(result)
        except Exception as error:  # noqa: BLE001 (any failure is what the net is for)
            failures.append(f"{notebook.stem}: {type(error).__name__}: {error}")
    return failures


@pytest.mark.parametrize("mutate", [pytest.param(m, id=i) for i, m, _ in CASES])
def test_safety_net_what_validates_computes(mutate, data_copy):
    """Remove a rule from a chapter's problems and its case here fails: validate passes, the
    chapter does not."""
    mutate(data_copy)
    folder = DataFolder(data_copy)
    if validates(folder):
        assert chapter_failures(DataFolder(data_copy)) == []


@pytest.mark.parametrize("spec", [FOLDER_A, FOLDER_B, draw(0)], ids=lambda s: s.name)
def test_safety_net_valid_folders_pass_and_compute(spec, tmp_path):
    """A valid folder (drawn, or one of the two canonical ones) is not refused, and computes
    (tests/properties/test_any_data.py builds pages from more drawn folders)."""
    path = write(tmp_path / spec.name, spec)
    assert validates(DataFolder(path))
    assert chapter_failures(DataFolder(path)) == []


# Parameters a chapter can take, at the edges: ranges without data, years without a count.
ACCEPTED = [
    ["-p", "klager.first_year=1990", "-p", "klager.last_year=1995"],
    ["-p", "klager.first_year=1900", "-p", "klager.last_year=2100"],
    ["-p", "efterspoergsel.first_year=2019", "-p", "efterspoergsel.last_year=2019"],
    ["-p", "complaints_year=2030"],
    ["-p", "complaints_base_year=2012", "-p", "complaints_year=2013"],
    ["-p", "shown_from=1990-01-01", "-p", "shown_to=1991-01-01"],
    ["-p", "measurement_date=1950-01-01", "-p", "period=year"],
    ["-p", "target_price_level=1950"],
]


@pytest.mark.parametrize(
    "argv", [a for a, _ in PARAMETER_CASES] + ACCEPTED, ids=lambda a: " ".join(a).replace("-p ", "")
)
def test_safety_net_what_the_parameters_preflight_lets_through_computes(argv, shipped):
    """Remove a parameter rule from a chapter's problems and its case here fails."""
    given = dict(parameters.parse_assignment(a) for a in argv[1::2])
    resolved = parameters.resolve(given, chapter_notebooks())
    if preflight.problems(shipped, resolved) == ([], []):
        assert chapter_failures(shipped, resolved) == []


def test_the_accepted_parameters_are_accepted(capsys):
    for argv in ACCEPTED:
        assert cli.main(["validate", *argv]) == 0, capsys.readouterr().err
