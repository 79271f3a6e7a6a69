"""`init-data DIR --with-shipped-rows` writes files its own `validate` accepts, for every data set
and for each one alone; rows a user adds in Danish are read alike; plain templates are unchanged."""

import csv

import pytest

from analysis.build import cli
from analysis.data import DATASETS, DataFolder
from analysis.data.schemas import SOURCES
from analysis.data.templates import ships_rows, write_templates

EVERY = [SOURCES.name, *DATASETS]


def test_every_file_with_shipped_rows_passes_validate(tmp_path, capsys):
    assert cli.main(["init-data", str(tmp_path), "--with-shipped-rows"]) == 0
    out = capsys.readouterr().out
    for name in EVERY:
        shipped = ships_rows(SOURCES if name == SOURCES.name else DATASETS[name])
        assert (f"wrote {tmp_path}" in out) and ((f"/{name}.csv" in out) == shipped), name
        assert (f"skipped {name}:" in out) != shipped, name
    assert cli.main(["validate", str(tmp_path)]) == 0, capsys.readouterr().err
    shown = capsys.readouterr().out
    assert f"{tmp_path / 'complaints.csv'}" in shown and f"{tmp_path / 'budget_lines.csv'}" in shown


@pytest.mark.parametrize("name", EVERY)
def test_each_file_alone_with_shipped_rows_passes_validate(tmp_path, capsys, name):
    assert cli.main(["init-data", str(tmp_path / "mine"), "--only", name, "--with-shipped-rows"]) == 0
    assert cli.main(["validate", str(tmp_path / "mine")]) == 0, capsys.readouterr().err


def test_the_optional_data_sets_are_the_ones_not_shipped():
    assert [n for n in DATASETS if not ships_rows(DATASETS[n])] == [
        n for n, d in DATASETS.items() if d.optional
    ]


def test_the_shipped_rows_are_written_the_danish_way_and_a_danish_row_extends_them(tmp_path):
    write_templates(tmp_path, ["complaints", "staffing"], all_rows=True)
    rows = list(csv.reader((tmp_path / "complaints.csv").open(encoding="utf-8")))
    assert ["2019", "formality", "539,4"] == rows[4][:3]  # shipped as 539.4
    with (tmp_path / "complaints.csv").open("a", encoding="utf-8") as out:
        out.write('2020,reality,1.632,user-supplied,so49,"Ledelsesinformation 2020",\n')
    frame = DataFolder(tmp_path).load("complaints").set_index(["year", "complaint_type"])["count"]
    assert frame[(2020, "reality")] == 1632 and frame[(2019, "formality")] == 539.4
    shipped = DataFolder().load("staffing")
    assert DataFolder(tmp_path).load("staffing").equals(shipped)


def test_plain_templates_still_need_a_row_of_data(tmp_path, capsys):
    assert cli.main(["init-data", str(tmp_path), "--only", "complaints,price_index"]) == 0
    assert cli.main(["validate", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "complaints.csv: the file holds only commented rows" in err
    assert "price_index.csv: the file holds only commented rows" in err
