"""Om denne udgave: what this edition of the book was built from, so that a reader can tell two
editions apart and rebuild one: when it was built, the project's commit (and whether the working
tree had changes), the data folder, every data file with its SHA-256 and whether it was shipped or
the user's, the parameters, Python and the locked package versions, and the checksum of the numbers
ledger. The build gives the page its edition's folder (build/edition.py)."""

from __future__ import annotations

import html
import re
import shlex
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from IPython.display import HTML

from analysis.data import DataFolder, editions
from analysis.facts import Fact, setting
from analysis.notebooks import title
from analysis.paths import NOTEBOOKS_DIR, REPO_ROOT
from analysis.present import danish, page, tables

DATASETS = ("assumptions",)  # the page's data note reads the assumptions, as every page's does
UNKNOWN = "ikke kendt"
FROM_LABEL = {"shipped": "leveret med bogen", "user": "egne data"}


@dataclass(frozen=True, eq=False)
class Result:
    stamp: dict | None  # None: the page outside a build (no edition was made)
    entries: int  # numbers, verdicts and statuses in the ledger


def problems(data: DataFolder) -> list:
    """What `compute` needs beyond the schemas: nothing (see build/preflight.py)."""
    return []


def compute(data: DataFolder, edition: str | None = None) -> Result:
    if edition is None:
        return Result(None, 0)
    folder = Path(edition)
    return Result(editions.read_stamp(folder), len(editions.read_ledger(folder)))


def facts(result: Result) -> dict[str, Fact]:
    """Each fact is a setting of the build: it says what the build was given and made."""
    stamp = result.stamp
    if stamp is None:
        outside = "ikke bygget (siden er vist uden for en bygning af bogen)"
        return {name: setting(outside) for name in ("built_at", "commit", "data", "ledger", "python")}
    commit = stamp.get("commit")
    if commit is None:
        code = "Koden var ikke i et git-arkiv, så dens version kendes ikke."
    else:
        changes = " med ændringer, der ikke var gemt i git" if stamp.get("dirty") else ""
        code = f"Koden er version {commit[:10]}{changes}."
    folder = stamp.get("data_folder")
    data = (
        f"egne data fra mappen »{folder}« og, for resten, de data, der følger med bogen"
        if folder
        else "de data, der følger med bogen (mappen data/)"
    )
    count = danish.count(len(stamp.get("files", [])), "datafil", "datafiler")
    return {
        "built_at": setting(danish.moment(stamp["built_at"]) if stamp.get("built_at") else UNKNOWN),
        "commit": setting(code),
        "data": setting(f"Udgaven er bygget af {data}: {count} i alt."),
        "ledger": setting(f"Talregnskabet har {danish.count(result.entries, 'post', 'poster')}."),
        "python": setting(f"Python {stamp.get('python', UNKNOWN)}"),
    }


def files_table(result: Result) -> HTML:
    """Every data file the chapters read, with its checksum."""
    rows = values(result)
    if rows.empty:
        return HTML("")
    shown = pd.DataFrame(
        {
            "Datafil": rows["file"],
            "Datasæt": rows["dataset"].fillna("kildetekst"),
            "Hvorfra": rows["from"].map(FROM_LABEL).fillna(UNKNOWN),
            "SHA-256": rows["sha256"],
        }
    )
    return tables.table(
        shown,
        "Datafilerne bag udgaven med deres kontrolsum (SHA-256)",
        formats={"SHA-256": lambda digest: f'<code class="checksum">{digest}</code>'},
    )


def values(result: Result) -> pd.DataFrame:
    """The data files of the edition, one row each (the page's table)."""
    files = (result.stamp or {}).get("files", [])
    return pd.DataFrame(files, columns=["dataset", "file", "from", "sha256"])


def parameters_table(result: Result) -> HTML:
    """The parameters the build was given; a sentence when every chapter ran with its defaults."""
    given = (result.stamp or {}).get("parameters", {})
    rows = [(chapter, name, value) for chapter, chosen in given.items() for name, value in chosen.items()]
    if not rows:
        return HTML(
            '<p>Alle kapitler er bygget med deres standardparametre (se <a href="dataordbog.html">'
            "Dataordbog</a>).</p>"
        )
    shown = pd.DataFrame(
        {
            "Kapitel": [_title(chapter) for chapter, _, _ in rows],
            "Parameter": [name for _, name, _ in rows],
            "Værdi": [str(value) for _, _, value in rows],
        }
    )
    return tables.table(shown, "Parametre givet til bygningen")


def _title(chapter: str) -> str:
    notebook = NOTEBOOKS_DIR / f"{chapter}.ipynb"
    return title(notebook) if notebook.is_file() else chapter


def packages_table(result: Result) -> HTML:
    """The locked versions of the packages the book is made with, and all the others folded away."""
    packages = (result.stamp or {}).get("packages", {})
    if not packages:
        return HTML("<p>Pakkernes versioner kendes ikke (bygningen fandt ingen requirements.lock).</p>")
    main = set(_declared())
    frame = pd.DataFrame({"Pakke": list(packages), "Version": list(packages.values())})
    chosen = frame[frame["Pakke"].str.lower().isin(main)]
    table = tables.table(chosen, "Bogens vigtigste pakker (fra requirements.lock)")
    everything = tables.table(frame, "Alle pakker i requirements.lock")
    counted = danish.count(len(frame), "pakke", "pakker")
    return HTML(table.data + page.folded(everything, f"Vis alle {counted} med versioner").data)


def _declared() -> list[str]:
    """The packages the project itself asks for (pyproject.toml), by their names in the lock."""
    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    names = [
        re.split(r"[<>=!~\[; ]", requirement, maxsplit=1)[0]
        for requirement in project["project"]["dependencies"]
    ]
    return [name.lower() for name in names]


def reproduce(result: Result) -> HTML:
    """The commands that rebuild this edition from a clone of the project."""
    stamp = result.stamp
    if stamp is None:
        return HTML("")
    command = ["python", "-m", "analysis", "build"]
    if stamp.get("data_folder"):
        command += ["--data", f"{stamp['data_folder']}/"]
    for chapter, chosen in stamp.get("parameters", {}).items():
        command += [item for name, value in chosen.items() for item in ("-p", f"{chapter}.{name}={value}")]
    steps = [f"git checkout {stamp['commit']}"] if stamp.get("commit") else []
    steps += ["make env", f".venv/bin/{shlex.join(command)}"]
    warning = (
        "<p>Koden havde ændringer, der ikke var gemt i git, da udgaven blev bygget: den kan kun "
        "genskabes helt med de samme ændringer.</p>"
        if stamp.get("dirty")
        else ""
    )
    folder = stamp.get("data_folder")
    data = (
        f"<p>Mappen »{html.escape(folder)}« skal indeholde de filer, tabellen ovenfor nævner fra den, "
        "med de samme kontrolsummer.</p>"
        if folder
        else ""
    )
    return HTML(f"<pre><code>{html.escape(chr(10).join(steps))}</code></pre>{data}{warning}")


def links(result: Result) -> HTML:
    """Links to the edition's files, which the build puts beside the book's front page."""
    if result.stamp is None:
        return HTML("")
    digest = html.escape(str(result.stamp.get("ledger_sha256", UNKNOWN)))
    previous = (
        ' Talregnskabet, udgaven er sammenlignet med, ligger i <a href="../ledger-previous.json">'
        "ledger-previous.json</a>."
        if result.stamp.get("compared_with")
        else ""
    )
    return HTML(
        f'<p class="edition-files">Talregnskabets SHA-256 er <code class="checksum">{digest}</code>. '
        'Hent det som <a href="../ledger.json">JSON</a> eller <a href="../ledger.csv">CSV</a>, og '
        f'oplysningerne om udgaven som <a href="../udgave.json">udgave.json</a>.{previous}</p>'
    )
