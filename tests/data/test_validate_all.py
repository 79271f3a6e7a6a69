"""`validate` as an analyst meets it: the fictitious folders pass, every problem in every file is
listed in one run (capped per file), and stated rows must quote the source text they supply."""

import dataclasses
import subprocess
import sys

import pandas as pd
import pytest
from fictitious import FOLDER_A, FOLDER_B, TEXT_FILE, Spec, write

from analysis.build import cli
from analysis.data import DataError, DataFolder
from analysis.data.errors import PER_FILE, DataErrors
from analysis.data.loading import is_verbatim


def errors_of(capsys) -> list[str]:
    err = capsys.readouterr().err
    assert "Traceback" not in err, err
    return err.strip().splitlines()


@pytest.mark.parametrize(
    "spec",
    [
        FOLDER_A,  # applications as .xlsx with real date cells, a case extract of 200.000 rows
        FOLDER_B,  # dates as 31-12-2022, stated complaints in .xlsx quoting the supplied text
        dataclasses.replace(FOLDER_B, date_style="danish-dot", complaints_format="csv"),  # 31.12.2022
    ],
    ids=["A", "B", "B-dots"],
)
def test_the_fictitious_folders_pass_validate(spec, tmp_path, capsys):
    folder = write(tmp_path / spec.name, spec)
    assert cli.main(["validate", "--data", str(folder)]) == 0, capsys.readouterr().err
    shown = capsys.readouterr().out
    for name in ("complaints", "compliance", "applications", "budget_lines", "registry"):
        assert f"{folder / name}." in shown or f"{folder / 'sources' / name}." in shown, name


def test_folder_a_has_excel_date_cells_and_folder_b_danish_dates(tmp_path):
    """The premise of the test above: the folders hold the forms it claims to prove."""
    import openpyxl

    a = write(tmp_path / "a", dataclasses.replace(FOLDER_A, cases=0))
    assert openpyxl.load_workbook(a / "applications.xlsx").active["B2"].is_date
    b = write(tmp_path / "b", FOLDER_B)
    assert "\n" + "boern-og-unge;01-01-2021;31-03-2021" in (b / "compliance.csv").read_text("utf-8-sig")
    loaded = DataFolder(b).load("compliance")
    assert loaded["period_start"].iloc[0] == "2021-01-01" and loaded["period_end"].iloc[0] == "2021-03-31"


SMALL = Spec(name="Q", complaint_years=(2020, 2021, 2022), complaints_kind="stated", csv_style="plain")


def test_three_broken_files_are_all_listed_in_one_run(tmp_path, capsys):
    folder = write(
        tmp_path / "q", dataclasses.replace(SMALL, compliance_years=(2022,), application_years=(2022,))
    )
    for name, old, new in [
        ("complaints.csv", ",formality,", ",appeal,"),
        ("compliance.csv", "2022-01-01", "2022-02-30"),
        ("applications.csv", "2022-07-01", "7/1/2022"),
    ]:
        path = folder / name
        text = path.read_text(encoding="utf-8")
        assert old in text, (name, old)
        path.write_text(text.replace(old, new), encoding="utf-8")
    old = tmp_path / "out" / "html"
    old.mkdir(parents=True)
    (old / "index.html").write_text("the old book", encoding="utf-8")

    assert cli.main(["validate", "--data", str(folder)]) == 2
    lines = errors_of(capsys)
    for name, column in [
        ("complaints.csv", "complaint_type"),
        ("compliance.csv", "period_start"),
        ("applications.csv", "period_start"),
    ]:
        assert any(
            line.startswith(f"error: {folder / name}, row ") and f"column '{column}'" in line
            for line in lines
        ), name
    assert lines[-1].startswith("error: ") and lines[-1].endswith(" in 3 files")
    assert sum("2022-02-30" in line for line in lines) == 2  # both centres' rows, each once

    # The build checks the same way and leaves the old book as it was.
    assert cli.main(["build", "--data", str(folder), "--out", str(tmp_path / "out")]) == 2
    assert errors_of(capsys) == lines
    assert (old / "index.html").read_text(encoding="utf-8") == "the old book"
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["html"]


def test_many_problems_in_one_file_are_capped_and_counted(tmp_path):
    folder = write(tmp_path / "q", dataclasses.replace(SMALL, complaint_years=tuple(range(2000, 2015))))
    frame = pd.read_csv(folder / "complaints.csv", dtype=str, keep_default_na=False)
    frame["count"] = "mange"  # every one of the 15 years × 2 types
    frame.to_csv(folder / "complaints.csv", index=False)
    with pytest.raises(DataError) as caught:
        DataFolder(folder).validate_all()
    error = caught.value
    assert not isinstance(error, DataErrors)  # one file
    assert len(error.problems) == len(frame) == 30
    lines = error.lines()
    assert len(lines) == PER_FILE + 1
    assert all("column 'count': 'mange' is not a number" in line for line in lines[:PER_FILE])
    assert lines[-1] == f"… and {30 - PER_FILE} more problems in {folder / 'complaints.csv'}"
    assert [int(line.split(", row ")[1].split(",")[0]) for line in lines[:PER_FILE]] == list(range(2, 12))


def test_the_validate_command_lists_every_line_and_exits_2(tmp_path):
    folder = write(tmp_path / "q", SMALL)
    path = folder / "complaints.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",formality,", ",appeal,"), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "analysis", "validate", "--data", str(folder)], capture_output=True, text=True
    )
    assert result.returncode == 2 and "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 3 and all(f"{path}, row " in line and "'complaint_type'" in line for line in lines)


# --- The verbatim-quote rule for the user's source texts ------------------------------------------


def test_quotes_are_compared_with_spacing_normalised_only():
    text = "Tabel 1\n\nFlere  sagsbehandlere\tService\t2.000\nI 2022 modtog forvaltningen 480 klager."
    assert is_verbatim("Flere sagsbehandlere Service 2.000", text)
    assert is_verbatim("I 2022 modtog … 480 klager.", text)
    assert not is_verbatim("I 2022 modtog forvaltningen 481 klager.", text)
    assert not is_verbatim("i 2022 modtog forvaltningen 480 klager.", text)  # case matters
    assert not is_verbatim("480 klager. … I 2022", text)  # parts in order


def test_a_changed_quote_fails_naming_file_row_and_column(tmp_path):
    folder = write(tmp_path / "q", SMALL)
    DataFolder(folder).validate_all()  # as written, every quote stands in the text
    frame = pd.read_csv(folder / "complaints.csv", dtype=str, keep_default_na=False)
    assert (frame["kind"] == "stated").all() and (frame["source_id"] == "fiktivt-notat").all()
    sentence = frame.at[2, "quote"]
    assert sentence.startswith("I 2021 modtog forvaltningen") and sentence in (
        folder / "sources" / TEXT_FILE
    ).read_text(encoding="utf-8")
    rows = frame["quote"] == sentence  # the year's two rows quote the same sentence
    frame.loc[rows, "quote"] = sentence.replace("I 2021", "I 2011")
    frame.to_csv(folder / "complaints.csv", index=False)
    with pytest.raises(DataError) as caught:
        DataFolder(folder).validate_all()
    error = caught.value
    assert [(p.path, p.row, p.column) for p in error.problems] == [
        (str(folder / "complaints.csv"), i + 2, "quote") for i in frame.index[rows]
    ]
    assert "does not stand verbatim in the text of source 'fiktivt-notat' (sources/fiktivt_notat.txt)" in (
        error.message
    )


def test_a_quote_with_other_spacing_passes_and_user_supplied_rows_are_not_checked(tmp_path):
    folder = write(tmp_path / "q", SMALL)
    frame = pd.read_csv(folder / "complaints.csv", dtype=str, keep_default_na=False)
    frame["quote"] = frame["quote"].str.replace(" ", "  \n ")
    frame.loc[0, ["kind", "quote"]] = ["user-supplied", "mine egne tal"]
    frame.to_csv(folder / "complaints.csv", index=False)
    DataFolder(folder).validate_all()


def test_rows_citing_a_shipped_text_are_left_to_the_shipped_checks(tmp_path):
    """The rule is for texts the user supplies; rows citing a shipped document are the book's
    own concern (its tests check every shipped quote)."""
    folder = write(tmp_path / "q", SMALL)
    frame = pd.read_csv(folder / "complaints.csv", dtype=str, keep_default_na=False)
    frame["source_id"] = "so49"
    frame.to_csv(folder / "complaints.csv", index=False)
    DataFolder(folder).validate_all()


def test_a_broken_registry_is_reported_once_and_the_files_citing_it_are_still_checked(tmp_path):
    folder = write(tmp_path / "q", SMALL)
    registry = folder / "sources" / "registry.csv"
    text = registry.read_text(encoding="utf-8")
    assert ",2023-09-01," in text
    registry.write_text(text.replace(",2023-09-01,", ",09/01/2023,"), encoding="utf-8")
    complaints = folder / "complaints.csv"
    frame = pd.read_csv(complaints, dtype=str, keep_default_na=False)
    frame.loc[1, "count"] = "x"
    frame.to_csv(complaints, index=False)
    with pytest.raises(DataErrors) as caught:
        DataFolder(folder).validate_all()
    assert [(p.path, p.row, p.column) for p in caught.value.problems] == [
        (str(registry), 3, "date"),  # the user's own source ids are known: no error for citing them
        (str(complaints), 3, "count"),
    ]
