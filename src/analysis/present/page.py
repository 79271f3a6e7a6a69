"""What every chapter notebook does besides its own topic: glue its numbers for the prose and
say which data and parameters it used."""

from __future__ import annotations

import html

from IPython.display import HTML
from myst_nb import glue

from analysis.data import DataFolder
from analysis.paths import DATA_DIR


def glue_facts(facts: dict[str, str]) -> None:
    """Make each pre-formatted (Danish) text available to the prose as {glue:text}`key`."""
    for key, text in facts.items():
        glue(key, text, display=False)


def data_note(folder: DataFolder, **parameters) -> HTML:
    """A line under the chapter: the data files it read (shipped or the user's) and its parameters."""
    files = []
    for name, path in folder.used.items():
        shipped = path.is_relative_to(DATA_DIR)
        files.append(
            f"{html.escape(path.name)} ({'leveret med bogen' if shipped else 'egne data: ' + html.escape(str(path.parent))})"
        )
    shown = ", ".join(
        f"{html.escape(k)} = {html.escape(str(v) if v is not None else 'standard')}"
        for k, v in parameters.items()
    )
    return HTML(
        f'<p class="data-note"><strong>Data brugt i kapitlet:</strong> {"; ".join(files)}. '
        f"<strong>Parametre:</strong> {shown}.</p>"
    )
