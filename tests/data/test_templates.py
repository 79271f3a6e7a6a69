"""`init-data`: templates that match the contract, whose commented example is skipped, and that
never overwrite a user's files."""

import csv

import pytest

from analysis.build import cli
from analysis.data import DATASETS, DataError, DataFolder
from analysis.data.dictionary import columns
from analysis.data.schemas import SOURCES
from analysis.data.templates import write_templates


def test_every_data_set_gets_a_template_with_the_contracts_header(tmp_path):
    written = write_templates(tmp_path)
    assert len(written) == len(DATASETS) + 1
    for dataset in [SOURCES, *DATASETS.values()]:
        path = tmp_path / ("sources" if dataset is SOURCES else "") / f"{dataset.name}.csv"
        header, example = list(csv.reader(path.open(encoding="utf-8")))
        assert header == columns(dataset)["column"].tolist(), dataset.name
        assert example[0].startswith("#") and len(example) == len(header), dataset.name


def test_the_example_is_the_shipped_first_row_or_a_placeholder(tmp_path):
    write_templates(tmp_path, ["complaints", "price_index"])
    complaints = (tmp_path / "complaints.csv").read_text(encoding="utf-8").splitlines()
    assert complaints[1].startswith("# 2015,formality,448,stated,kkdk-klageopgoerelse-2017,")
    price_index = (tmp_path / "price_index.csv").read_text(encoding="utf-8").splitlines()
    assert price_index[1] == "# <year>,<index>,<kind>,<source_id>,<quote>,<formula>"  # no invented number


def test_an_untouched_template_is_refused_with_advice(tmp_path):
    write_templates(tmp_path, ["complaints"])
    with pytest.raises(
        DataError, match=r"complaints.csv: the file holds only commented rows .*delete the file"
    ):
        DataFolder(tmp_path).load("complaints")


def test_a_filled_template_loads_and_the_comment_row_is_skipped(tmp_path):
    write_templates(tmp_path, ["complaints"])
    path = tmp_path / "complaints.csv"
    with path.open("a", encoding="utf-8") as out:
        out.write(
            '2019,formality,540,user-supplied,klagetema2019,"Ledelsesinformation 2019",\n'
            '2019,reality,1.600,user-supplied,klagetema2019,"Ledelsesinformation 2019",\n'
        )
    frame = DataFolder(tmp_path).load("complaints")
    assert frame["count"].tolist() == [540, 1600]
    # Row numbers in errors still count the comment row: the bad cell is on line 4 of the file.
    path.write_text(path.read_text(encoding="utf-8").replace("1.600", "mange"), encoding="utf-8")
    with pytest.raises(DataError, match=r"complaints.csv, row 4, column 'count': 'mange' is not a number"):
        DataFolder(tmp_path).load("complaints")


def test_with_shipped_rows_copies_the_data_to_extend(tmp_path):
    write_templates(tmp_path, ["complaints"], all_rows=True)
    assert DataFolder(tmp_path).load("complaints").equals(DataFolder().load("complaints"))


def test_templates_never_overwrite_and_unknown_names_are_refused(tmp_path, capsys):
    (tmp_path / "complaints.csv").write_text("mine", encoding="utf-8")
    assert cli.main(["init-data", str(tmp_path), "--only", "complaints"]) == 2
    assert "the file exists already" in capsys.readouterr().err
    assert (tmp_path / "complaints.csv").read_text(encoding="utf-8") == "mine"
    assert cli.main(["init-data", str(tmp_path), "--only", "complaint"]) == 2
    assert "unknown data set complaint" in capsys.readouterr().err


def test_a_users_registry_adds_to_the_shipped_sources(tmp_path):
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "registry.csv").write_text(
        "source_id,short_title,title,organisation,municipality,country,date,reference,file,url\n"
        "li-2024,LI 2024,Ledelsesinformation 2024,KK,Københavns Kommune,Danmark,2024,,,https://example.org\n",
        encoding="utf-8",
    )
    registry = DataFolder(tmp_path).sources()
    assert "li-2024" in set(registry["source_id"]) and "so49" in set(registry["source_id"])
    assert len(registry) == len(DataFolder().sources()) + 1
