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
    assert found["last_year"].default == 0 and found["first_year"].default == 0  # 0: from the data
    assert found["last_year"].help == "last year shown; 0: the last year the data has"


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
    assert flat == {"sagsfrister.shown_from": "2019-01-01", "last_year": 2024}  # YAML dates stay text
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


SAGSFRISTER = NOTEBOOKS_DIR / "sagsfrister.ipynb"


def test_every_parameter_has_a_type_the_build_can_check():
    """From the annotation of the chapter's compute: a parameter without one would take anything."""
    for parameter in documented(chapter_notebooks()):
        kind, _ = parameters.kinds(parameter)
        assert kind in parameters.TYPE_WORDS, parameter


def test_a_parameter_without_a_default_value_is_typed_by_the_chapter():
    found = parameters.declared(SAGSFRISTER)["measurement_date"]
    assert found.default is None and parameters.kinds(found) == ("str", True)


@pytest.mark.parametrize("value", [[2020, 1], {"a": 1}, True])
def test_a_value_of_the_wrong_type_is_refused_for_a_parameter_without_default(value):
    with pytest.raises(
        parameters.ParameterError, match="'measurement_date' of chapter 'sagsfrister' must be text"
    ):
        parameters.resolve({"measurement_date": value}, [SAGSFRISTER])


def test_an_empty_value_is_none_where_none_is_allowed_and_an_error_elsewhere():
    assert parameters.resolve({"shown_from": ""}, [SAGSFRISTER])[SAGSFRISTER] == {"shown_from": None}
    with pytest.raises(parameters.ParameterError, match="must be a whole number"):
        parameters.resolve({"klager.last_year": ""}, [KLAGER])


@pytest.mark.parametrize("raw, expected", [("2024", 2024), ("2024.0", 2024), (2024, 2024)])
def test_a_year_is_read_from_text_or_a_number(raw, expected):
    assert parameters.resolve({"klager.last_year": raw}, [KLAGER])[KLAGER] == {"last_year": expected}


@pytest.mark.parametrize("raw", [True, [2024], "[2024]", "{a: 1}"])
def test_a_year_is_never_a_bool_or_a_collection(raw):
    with pytest.raises(parameters.ParameterError, match="must be a whole number"):
        parameters.resolve({"klager.last_year": raw}, [KLAGER])


def test_reserved_names_stay_reserved_in_a_file(tmp_path):
    file = tmp_path / "p.yaml"
    file.write_text("kilder:\n  chapter_reads: x\n", encoding="utf-8")
    with pytest.raises(parameters.ParameterError, match="cannot be set"):
        parameters.resolve(parameters.read_file(file), chapter_notebooks())


BILLION_LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi")
)


def test_a_parameters_file_with_aliases_is_refused_at_once(tmp_path):
    import time
    import tracemalloc

    file = tmp_path / "laughs.yaml"
    file.write_text(BILLION_LAUGHS, encoding="utf-8")
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(parameters.ParameterError, match=r"laughs.yaml, line 1: .*anchors and aliases"):
        parameters.read_file(file)
    seconds, (_, peak) = time.perf_counter() - started, tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert seconds < 0.5 and peak < 5_000_000, (seconds, peak)


def test_an_alias_alone_is_refused_too(tmp_path):
    file = tmp_path / "p.yaml"
    file.write_text("first_year: &y 2015\nlast_year: *y\n", encoding="utf-8")
    with pytest.raises(parameters.ParameterError, match="anchors and aliases"):
        parameters.read_file(file)


def test_a_large_parameters_file_is_refused_before_it_is_read(tmp_path):
    file = tmp_path / "big.yaml"
    file.write_text("# padding\n" * 200_000 + "last_year: 2024\n", encoding="utf-8")
    with pytest.raises(parameters.ParameterError, match=r"big.yaml: the parameters file is 2,\d+,\d+ bytes"):
        parameters.read_file(file)


@pytest.mark.parametrize(
    "text, message",
    [
        ("klager:\n  last_year:\n    value: 2024\n", "'klager.last_year' holds a mapping"),
        ("klager:\n  last_year: [2024]\n", "'klager.last_year' holds a list"),
        ("x: " + "[" * 5000 + "]" * 5000 + "\n", "nested too deeply|not valid YAML"),
        ("- last_year\n", "write one 'name: value' per line"),
    ],
)
def test_a_parameters_file_nests_at_most_chapter_name_value(tmp_path, text, message):
    file = tmp_path / "p.yaml"
    file.write_text(text, encoding="utf-8")
    with pytest.raises(parameters.ParameterError, match=message):
        parameters.read_file(file)


def test_a_parameters_file_that_is_a_folder_or_not_text_is_one_line(tmp_path):
    with pytest.raises(parameters.ParameterError, match="not a file"):
        parameters.read_file(tmp_path)
    file = tmp_path / "p.yaml"
    file.write_bytes("last_year: 2024 # år\n".encode("latin-1"))
    with pytest.raises(parameters.ParameterError, match="not UTF-8"):
        parameters.read_file(file)


def test_a_name_given_twice_in_a_parameters_file_is_refused(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("klager:\n  first_year: 2016\n  first_year: 2030\n", encoding="utf-8")
    with pytest.raises(parameters.ParameterError, match=r"line 3: .*'first_year' is given twice"):
        parameters.read_file(path)


def test_a_date_in_a_parameters_file_stays_text_even_when_impossible(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("shown_from: 2019-13-01\nshown_to: 2020-06-30\n", encoding="utf-8")
    assert parameters.read_file(path) == {"shown_from": "2019-13-01", "shown_to": "2020-06-30"}
