"""Notebook parameters from -p and --params: routed to the chapters that declare them, typed by
their defaults, and refused when no chapter knows them."""

import pytest

from analysis.build import cli, parameters
from analysis.notebooks import chapter_notebooks, documented
from analysis.paths import NOTEBOOKS_DIR

KLAGER, DEMAND = NOTEBOOKS_DIR / "klager.ipynb", NOTEBOOKS_DIR / "efterspoergsel.ipynb"


def given(resolved: dict) -> dict:
    """Only the chapters that receive something, by notebook name."""
    return {notebook.stem: values for notebook, values in resolved.items() if values}


def test_declared_reads_the_parameters_cell_with_defaults_and_comments():
    found = parameters.declared(KLAGER)
    assert found["last_year"].default == 2018 and found["first_year"].default == 2010
    assert found["last_year"].help == "last year shown"


def test_a_name_goes_to_every_chapter_that_declares_it():
    resolved = parameters.resolve({"last_year": "2024"}, [KLAGER, DEMAND, NOTEBOOKS_DIR / "kilder.ipynb"])
    assert given(resolved) == {"klager": {"last_year": 2024}, "efterspoergsel": {"last_year": 2024}}


def test_chapter_dot_name_goes_to_that_chapter_only():
    resolved = parameters.resolve({"klager.first_year": 2015}, [KLAGER, DEMAND])
    assert given(resolved) == {"klager": {"first_year": 2015}}


@pytest.mark.parametrize(
    "key, message",
    [
        ("last_yaer", "unknown parameter 'last_yaer'"),
        ("nosuchchapter.last_year", "unknown chapter 'nosuchchapter'"),
        ("kilder.last_year", "unknown parameter 'kilder.last_year'"),  # kilder has no such parameter
        ("data_dir", "use --data DIR"),
    ],
)
def test_unknown_or_reserved_names_are_errors(key, message):
    with pytest.raises(parameters.ParameterError, match=message):
        parameters.resolve({key: "1"}, chapter_notebooks())


def test_the_error_lists_the_known_parameters():
    with pytest.raises(parameters.ParameterError) as error:
        parameters.resolve({"yaer": "1"}, [KLAGER])
    assert "first_year, last_year" in str(error.value)


@pytest.mark.parametrize("raw", ["abc", "2024.5", "true"])
def test_a_year_must_be_a_whole_number(raw):
    with pytest.raises(parameters.ParameterError, match="must be a whole number"):
        parameters.resolve({"klager.last_year": raw}, [KLAGER])


def test_text_parameters_keep_dates_as_written(tmp_path):
    file = tmp_path / "p.yaml"
    file.write_text("sagsfrister:\n  shown_from: 2019-01-01\nlast_year: 2024\n", encoding="utf-8")
    flat = parameters.read_file(file)
    assert flat == {"sagsfrister.shown_from": __import__("datetime").date(2019, 1, 1), "last_year": 2024}
    resolved = parameters.resolve(flat, [NOTEBOOKS_DIR / "sagsfrister.ipynb", KLAGER])
    assert given(resolved) == {"sagsfrister": {"shown_from": "2019-01-01"}, "klager": {"last_year": 2024}}


def test_a_date_for_a_parameter_without_default_is_passed_as_text():
    resolved = parameters.resolve({"measurement_date": "2020-06-30"}, [NOTEBOOKS_DIR / "sagsfrister.ipynb"])
    assert given(resolved) == {"sagsfrister": {"measurement_date": "2020-06-30"}}


def test_parse_assignment():
    assert parameters.parse_assignment("last_year=2024") == ("last_year", "2024")
    assert parameters.parse_assignment(" application_type = brøkpension ") == (
        "application_type",
        "brøkpension",
    )
    with pytest.raises(parameters.ParameterError, match="NAME=VALUE"):
        parameters.parse_assignment("last_year")


def test_a_broken_parameters_file_names_its_line(tmp_path):
    file = tmp_path / "p.yaml"
    file.write_text("last_year: 2024\nfirst_year: [2010\n", encoding="utf-8")
    with pytest.raises(parameters.ParameterError, match=r"p.yaml, line 3: not valid YAML"):
        parameters.read_file(file)
    with pytest.raises(parameters.ParameterError, match="does not exist"):
        parameters.read_file(tmp_path / "missing.yaml")


def test_every_documented_parameter_has_a_comment():
    for parameter in documented(chapter_notebooks()):
        assert parameter.help, f"{parameter.notebook}.{parameter.name} has no comment in its parameters cell"


@pytest.mark.parametrize(
    "argv, message",
    [
        (["build", "-p", "last_yaer=2024"], "unknown parameter 'last_yaer'"),
        (["build", "-p", "klager.last_year=abc"], "must be a whole number"),
        (["build", "-p", "data_dir=x"], "use --data DIR"),
    ],
)
def test_cli_refuses_bad_parameters_before_running_anything(argv, message, capsys, tmp_path):
    assert cli.main([*argv, "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert not (tmp_path / "executed").exists()
