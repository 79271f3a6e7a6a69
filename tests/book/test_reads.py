"""One answer to "what did this chapter read": the reads the build recorded for each chapter are
the data sets its module declares, and the Kilder page lists them."""

import importlib
import json

import pytest

from analysis.notebooks import chapter_notebooks


@pytest.mark.parametrize("notebook", chapter_notebooks(), ids=lambda p: p.stem)
def test_the_builds_record_of_each_chapter_is_what_it_declares(built_book, notebook):
    record = built_book.parent / "executed" / "notebooks" / f"{notebook.stem}.inputs.json"
    reads = json.loads(record.read_text(encoding="utf-8"))["reads"]
    recorded = {read["dataset"] for read in reads if read["read"] and read["dataset"]} - {"registry"}
    assert recorded == set(importlib.import_module(f"analysis.chapters.{notebook.stem}").DATASETS)


def test_the_sources_page_lists_the_recorded_files(built_book):
    page = (built_book / "notebooks" / "kilder.html").read_text(encoding="utf-8")
    for text in ["data/complaint_benchmarks.csv", "data/claims.csv", "price_index (valgfri, ikke leveret)"]:
        assert text in page
