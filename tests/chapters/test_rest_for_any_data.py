"""Klager, Efterspørgsel, Bemanding, Handlingsplan 2007 and Sermersooq built from the two fictitious
folders and from parameter ranges without data: every sentence the prose uses is whole (no "ikke
oplyst" where a number belongs, no "kan ikke beregnes (…)" fragment, no doubled full stop), no
sentence says "ifølge kilden", and a user's numbers are marked."""

import dataclasses
import importlib

import fictitious
import pytest

from analysis.data import DataFolder
from analysis.notebooks import declared, prose_keys
from analysis.paths import REPO_ROOT
from analysis.present.prose import written

CHAPTERS = ("klager", "efterspoergsel", "bemanding", "handlingsplan2007", "sermersooq")
FOLDER_A = dataclasses.replace(fictitious.FOLDER_A, applications_format="csv", date_style="iso", cases=0)
FOLDER_B = dataclasses.replace(fictitious.FOLDER_B, date_style="iso", complaints_format="csv")
# Ranges that leave a chapter without data (the chapters that take parameters).
EMPTY = {
    "klager": {"first_year": 2030, "last_year": 2032},
    "efterspoergsel": {"application_type": "brøkpension", "first_year": 2030, "last_year": 2031},
    "sermersooq": {"year": 2030, "quarter": 2},
}
FRAGMENTS = ("ikke oplyst", "kan ikke beregnes (", "ifølge kilden", "Kilden oplyser", "..", " .", "  ")


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    root = tmp_path_factory.mktemp("fictitious")
    return {
        "shipped": DataFolder(),
        **{spec.name: DataFolder(fictitious.write(root / spec.name, spec)) for spec in (FOLDER_A, FOLDER_B)},
    }


def prose(name: str, folder: DataFolder, **parameters) -> dict[str, str]:
    notebook = REPO_ROOT / "notebooks" / f"{name}.ipynb"
    given = {k: p.default for k, p in declared(notebook).items() if k != "data_dir"} | parameters
    module = importlib.import_module(f"analysis.chapters.{name}")
    facts = module.facts(module.compute(folder, **given))
    return {key: written(facts[key]) for key in prose_keys(name) | {"headline"}}


def _broken(shown: dict[str, str]) -> list[str]:
    # "ikke oplyst" in quotes names what the table writes; standing alone it is a missing number
    bare = {key: text.replace('"ikke oplyst"', "IKKE-OPLYST") for key, text in shown.items()}
    return [f"{key}: {text!r}" for key, text in bare.items() if any(f in text for f in FRAGMENTS)]


@pytest.mark.parametrize("name", CHAPTERS)
@pytest.mark.parametrize("folder", ["shipped", "A", "B"])
def test_every_sentence_is_whole(folders, name, folder):
    assert _broken(prose(name, folders[folder])) == []


@pytest.mark.parametrize("name", sorted(EMPTY))
def test_a_range_without_data_gets_whole_sentences(folders, name):
    shown = prose(name, folders["shipped"], **EMPTY[name])
    assert _broken(shown) == []
    assert shown["headline"].startswith("Data har ingen")


def test_user_numbers_are_marked_in_the_headlines(folders):
    complaints = prose("klager", folders["A"], first_year=2019, last_year=2023)["headline"]
    applications = prose("efterspoergsel", folders["A"], first_year=2020, last_year=2023)["headline"]
    assert "(brugerleveret)" in complaints
    assert "(beregnet af brugerleverede tal)" in applications
