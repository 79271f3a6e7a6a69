"""Every chapter module keeps the same contract: the data sets it reads, compute(data, **params)
returning a frozen result, facts that carry their provenance, one frame of values, and
problems(data, **params): what compute needs of the data and parameters beyond the schemas."""

import dataclasses
import importlib
import inspect

import pandas as pd
import pytest

from analysis.data import DATASETS, DataFolder
from analysis.facts import FACT_KINDS, Fact
from analysis.notebooks import chapter_notebooks, declared
from analysis.present import page

NOTEBOOKS = chapter_notebooks()
BUILD_SETS = {"data_dir", "chapter_reads", "edition"}  # parameters the build gives, not the reader


def chapter(notebook):
    return importlib.import_module(f"analysis.chapters.{notebook.stem}")


def computed(notebook, folder=None):
    """The chapter computed as a default build would: the shipped data, default parameters."""
    parameters = {name: p.default for name, p in declared(notebook).items() if name != "data_dir"}
    return chapter(notebook).compute(folder or DataFolder(), **parameters)


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_each_notebook_has_a_module_of_its_name_with_the_contract(notebook):
    module = chapter(notebook)
    assert set(module.DATASETS) <= set(DATASETS), "DATASETS names data sets of the contract"
    assert dataclasses.is_dataclass(module.Result) and module.Result.__dataclass_params__.frozen
    parameters = list(inspect.signature(module.compute).parameters)
    assert parameters[0] == "data"
    assert set(parameters[1:]) == set(declared(notebook)) - {"data_dir"}, (
        "compute takes the notebook's parameters"
    )
    for name in ("facts", "values"):
        assert callable(getattr(module, name)), name
    preflight = list(inspect.signature(module.problems).parameters)
    assert preflight[0] == "data" and set(preflight[1:]) == set(declared(notebook)) - BUILD_SETS, (
        "problems(data, **parameters) takes the parameters a user may set (build/preflight.py)"
    )


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_the_shipped_data_have_no_problems_with_the_default_parameters(notebook):
    parameters = {name: p.default for name, p in declared(notebook).items() if name not in BUILD_SETS}
    assert chapter(notebook).problems(DataFolder(), **parameters) == []


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_a_chapter_reads_exactly_the_data_sets_it_declares(notebook):
    folder = DataFolder()
    computed(notebook, folder)
    page.data_note(folder, notebook.stem)  # every chapter ends with it
    read = {lookup["dataset"] for lookup in folder.lookups if lookup["read"] and lookup["dataset"]}
    assert read - {"registry"} == set(chapter(notebook).DATASETS)


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_facts_carry_their_provenance(notebook, shipped):
    known = set(shipped.sources()["source_id"])
    for key, fact in chapter(notebook).facts(computed(notebook)).items():
        assert isinstance(fact, Fact), key
        origin = fact.provenance
        assert origin.kind in FACT_KINDS, key
        assert set(origin.sources) <= known, (key, origin.sources)
        if origin.kind == "stated":
            assert origin.quotes and origin.sources, f"{key}: a stated fact names its source and quote"
        if origin.kind == "derived":
            assert origin.formulas, f"{key}: a derived fact says how it was derived"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_values_are_one_frame(notebook):
    values = chapter(notebook).values(computed(notebook))
    assert isinstance(values, pd.DataFrame) and len(values.columns)
