"""Properties of the book's prose that hold for any valid data folder.

Many folders are drawn (tests/drawn.py: more and fewer years, gaps, partial periods, extra notes
and rows, user-supplied and stated values, .xlsx and Danish CSV, dates written three ways), every
chapter is computed from each with its default parameters, and every fact its prose and the front
page use is checked:
- every number in a sentence was written from a fact (so it carries provenance, and a user's
  number its mark: written() adds it);
- a sentence names only the documents its values come from, and quotes only their own words;
- no template leftovers, no "ikke oplyst" where a number belongs, no doubled full stops.
"""

from __future__ import annotations

import importlib
import re
import sys

import pytest
from drawn import draw
from fictitious import FOLDER_A, FOLDER_B, write

from analysis.data import DataFolder
from analysis.facts import Fact
from analysis.notebooks import chapter_notebooks, declared, prose_keys
from analysis.present import prose

CHAPTERS = [n for n in chapter_notebooks() if n.stem not in {"kilder"}]
SEEDS = range(8)  # with FOLDER_A and FOLDER_B: ten folders, about a minute
LEFTOVERS = re.compile(
    r"\{\w*\}|\bNone\b|\bnan\b|\bNaT\b|(?<!\.)\.\.(?!\.)|\s[,.;:](?!\w)|\(\s*\)|kan ikke beregnes \("
    r"|<[a-z/]"
)


class Recorder:
    """Every fact a chapter writes into its prose, as written: what a sentence may contain."""

    def __init__(self) -> None:
        self.written: set[str] = set()
        self.gaps: list[str] = []  # quantities written as "ikke oplyst" into a sentence
        self._original = prose.written

    def __call__(self, part):
        text = self._original(part)
        if isinstance(part, Fact):
            self.written.add(text)
            if part.missing and part.form in prose.QUANTITIES:
                self.gaps.append(part.form)
        return text


@pytest.fixture
def recorder(monkeypatch):
    spy = Recorder()
    # Chapters may have imported `written` by name; they all get the recording one.
    for name, module in list(sys.modules.items()):
        if name.startswith("analysis.") and getattr(module, "written", None) is prose.written:
            monkeypatch.setattr(module, "written", spy)
    return spy


def chapter_facts(folder: DataFolder, notebook) -> dict[str, Fact]:
    module = importlib.import_module(f"analysis.chapters.{notebook.stem}")
    parameters = {n: p.default for n, p in declared(notebook).items() if n != "data_dir"}
    facts = module.facts(module.compute(folder, **parameters))
    used = prose_keys(notebook.stem) | {"headline"}
    return {key: fact for key, fact in facts.items() if key in used}


def unexplained_numbers(text: str, written: set[str]) -> list[str]:
    """The numbers left in `text` once every fact written into it is taken out."""
    for piece in sorted(written, key=len, reverse=True):
        if len(piece) > 1 or piece.isdigit():
            text = text.replace(piece, " ")
    return re.findall(r"\d[\d.,]*", text)


def named_documents(text: str, registry) -> set[str]:
    named = set()
    for row in registry.itertuples():
        if any(t and str(t) in text for t in (row.short_title, row.title)):
            named.add(row.source_id)
    return named


def problems(folder: DataFolder, recorder: Recorder) -> list[str]:
    registry = folder.sources()
    found = []
    for notebook in CHAPTERS:
        recorder.written.clear()
        recorder.gaps.clear()
        try:
            facts = chapter_facts(folder, notebook)
        except Exception as error:  # one chapter's failure must not hide the others'
            found.append(f"{notebook.stem}: {type(error).__name__}: {error}")
            continue
        if recorder.gaps:
            found.append(f"{notebook.stem}: {len(recorder.gaps)} missing numbers written into sentences")
        for key, fact in facts.items():
            found += fact_problems(f"{notebook.stem}.{key}", fact, registry, recorder.written)
    return found


def fact_problems(where: str, fact: Fact, registry, written: set[str]) -> list[str]:
    """What is wrong with one glued fact, as the prose writes it."""
    found, text = [], prose.written(fact)
    if (bad := LEFTOVERS.search(text)) and not fact.missing:
        found.append(f"{where}: leftover {bad.group()!r} in {text!r}")
    if fact.form != "text":  # a glued number is itself a fact, but must be there
        return found + (
            [f"{where}: a missing number glued where the prose expects one"] if fact.missing else []
        )
    if numbers := unexplained_numbers(text, written):
        found.append(f"{where}: numbers not written from facts {numbers} in {text!r}")
    if foreign := named_documents(text, registry) - set(fact.provenance.sources):
        found.append(f"{where}: names {sorted(foreign)} but rests on {fact.provenance.sources}")
    for quoted in re.findall(r"»([^«]+)«", text):
        if not any(_squeezed(quoted) in _squeezed(q) for q in fact.provenance.quotes):
            found.append(f"{where}: quotes »{quoted}« which none of its values' quotes holds")
    return found


def _squeezed(text: str) -> str:
    return " ".join(text.split())


def test_the_shipped_book_keeps_the_properties(recorder):
    assert problems(DataFolder(), recorder) == []


@pytest.mark.parametrize("spec", [FOLDER_A, FOLDER_B, *(draw(s) for s in SEEDS)], ids=lambda s: s.name)
def test_any_valid_folder_keeps_the_properties(spec, tmp_path, recorder):
    from dataclasses import replace

    folder = DataFolder(write(tmp_path / "data", replace(spec, cases=min(spec.cases, 300))))
    assert problems(folder, recorder) == []


def test_the_checks_can_fail(recorder):
    """Each property rejects the sentence it is there to reject."""
    assert unexplained_numbers("I 2023 kom 437 klager.", {"2023"}) == ["437"]
    assert unexplained_numbers("I 2023 kom 437 klager.", {"2023", "437"}) == []
    assert LEFTOVERS.search("faldt med {change} pct.")
    assert LEFTOVERS.search("81 pct.. Det")
    assert LEFTOVERS.search("stigningen er tydelig: kan ikke beregnes (ingen delperiode)")
    assert not LEFTOVERS.search("I alt 81 pct. (brugerleveret).")


def test_each_fact_check_rejects_what_it_is_for(shipped):
    from analysis.facts import Provenance

    registry = shipped.sources()
    so49 = registry.set_index("source_id").loc["so49", "short_title"]
    stated = Provenance("stated", ("klagetema2019",), ("Socialforvaltningen modtog i 2018 580 klager.",))
    cases = {
        "names a document it does not rest on": Fact(f"ifølge {so49}", "text", stated),
        "quotes words none of its values' quotes holds": Fact("»alle sagsområder«", "text", stated),
        "numbers not written from facts": Fact("I alt 437 klager", "text", stated),
        "missing number glued": Fact(None, "number", stated),
    }
    for problem, fact in cases.items():
        found = fact_problems("t", fact, registry, set())
        assert any(problem.split()[0] in line for line in found), (problem, found)
    fine = Fact("580 klager ifølge kilden", "text", stated)
    assert fact_problems("t", fine, registry, {"580"}) == []
