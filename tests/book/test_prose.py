"""The stored notebooks glue exactly the facts the book's prose uses."""

import json

import pytest

from analysis.notebooks import chapter_notebooks, prose_keys


@pytest.mark.parametrize("notebook", chapter_notebooks(), ids=lambda p: p.stem)
def test_glued_facts_are_the_ones_the_prose_uses(notebook):
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    glued = {
        output["metadata"]["scrapbook"]["name"]
        for cell in cells
        for output in cell.get("outputs", [])
        if "scrapbook" in output.get("metadata", {})
    }
    assert glued == prose_keys(notebook.stem)
