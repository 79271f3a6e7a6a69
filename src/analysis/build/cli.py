"""Command line: `python -m analysis build | diff | validate | init-data | store-outputs`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analysis.data import DataError, DataFolder
from analysis.data.errors import PER_FILE
from analysis.paths import BUILD_DIR

DESCRIPTION = """\
The budget-note book: reproducible figures for the social-services budget notes.

commands:
  build          validate the data, execute the chapter notebooks with papermill (only those
                 whose inputs changed, several at a time) and build the HTML book into
                 _build/html (the old book stays if anything fails), with the numbers
                 ledger (ledger.json, ledger.csv) and the edition's stamp beside it, and
                 the downloads in html/hent/: every table as Excel, the budget notes' cost
                 tables as Word, every figure as PNG and SVG, with --pdf the book as PDF
  diff           what changed between two built books (or two ledgers): every number that
                 changed, was added or removed, targets and checks whose status changed
  validate       check a data folder against the data contract without building
  init-data      write template data files (header and a commented example row) to fill in
  store-outputs  re-run the notebooks with the shipped data and store their outputs in
                 notebooks/ (what the nbval tests compare against)

Run `python -m analysis COMMAND --help` for a command's options.
Exit codes: 0 success; 1 the build could not finish: a notebook or the book build failed,
another build is using the build folder (one build at a time per folder), or a write failed
(a read-only folder, a full disk); 2 bad data or bad arguments (a refused --out included);
130 interrupted (Ctrl-C). Whatever fails, the book in place stays a whole one.
"""

BUILD_EPILOG = """\
examples:
  python -m analysis build --data my-data/
  python -m analysis build -p last_year=2024 -p klager.first_year=2015
  python -m analysis build --params my-params.yaml --jobs 1
  python -m analysis build --data next-half-year/ --compare-with published-book/
  python -m analysis build --pdf

Every build writes html/ledger.json and html/ledger.csv (every number the book shows, with its
key, value and source) and html/udgave.json (what it was built from). Its page 'Ændringer
siden sidste udgave' compares its numbers with the book it replaces in the build folder, or
with the book or ledger given by --compare-with.

A parameter name applies to every chapter that declares it; chapter.name to one chapter
(the notebook's name, e.g. klager.first_year). The book's page 'Dataordbog' lists
every chapter's parameters. A parameters file holds `name: value` lines, or
`chapter:` followed by indented `name: value` lines.

The build folder (--out DIR, default _build) holds html, a link to the current book in
DIR/books/ (switched to a new book in one step: readers always have one), and the cache in
DIR/executed/. One build at a time uses a folder; a second is refused (exit code 1) naming
the first. DIR must be a new or empty folder, or one an earlier build made (with html,
books or executed in it); it may not be /, the repository, its data/, notebooks/, book/,
_static/ or src/, your --data folder, or inside any of them (exit code 2).
"""


def parameter_options(command: argparse.ArgumentParser) -> None:
    """-p and --params, which build and validate read alike (see `parameters_given`)."""
    command.add_argument(
        "-p",
        dest="assignments",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a notebook parameter (repeatable), e.g. -p last_year=2024",
    )
    command.add_argument(
        "--params",
        type=Path,
        metavar="FILE.yaml",
        help="notebook parameters from a YAML file (-p options override it)",
    )


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="python -m analysis",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = top.add_subparsers(dest="command", metavar="COMMAND")
    build = commands.add_parser(
        "build",
        help="build the HTML book",
        epilog=BUILD_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Validate data, execute the notebooks, build _build/html.",
    )
    build.add_argument(
        "--data",
        type=Path,
        metavar="DIR",
        help="folder with your own data files; files it lacks come from the shipped data/",
    )
    parameter_options(build)
    build.add_argument(
        "--jobs", type=int, metavar="N", help="notebooks run at once (default: the number of cores)"
    )
    build.add_argument("--force", action="store_true", help="re-run every notebook, ignoring the cache")
    build.add_argument(
        "--pdf",
        action="store_true",
        help="also print the book as one PDF, html/hent/budgetnotater.pdf, linked from the front page "
        "(needs chromium; make book does this)",
    )
    build.add_argument(
        "--compare-with",
        type=Path,
        metavar="PATH",
        help="a built book (its html or build folder) or a ledger.json to compare the numbers with "
        "(default: the book this build replaces)",
    )
    build.add_argument(
        "--out",
        type=Path,
        default=BUILD_DIR,
        metavar="DIR",
        help="build folder (default: _build): new, empty, or an earlier build's; the book lands in DIR/html",
    )
    diff = commands.add_parser(
        "diff",
        help="what changed between two built books",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Compare the numbers ledgers of two built books: every number that changed\n"
        "(old -> new, the difference and the data file and row it comes from), numbers added and\n"
        "removed, targets whose verdict and checks whose status changed; as the book's page\n"
        "'Ændringer siden sidste udgave' lists them. Exit code 0 whatever changed; 2 when OLD or\n"
        "NEW is no ledger.",
        epilog="examples:\n  python -m analysis diff published/html _build/html\n"
        "  python -m analysis diff old/ledger.json _build",
    )
    diff.add_argument(
        "old", type=Path, metavar="OLD", help="the earlier book: a ledger.json, or its html or build folder"
    )
    diff.add_argument("new", type=Path, metavar="NEW", help="the later book, given the same way")
    validate = commands.add_parser(
        "validate",
        help="check a data folder",
        epilog="examples:\n  python -m analysis validate my-data/\n"
        "  python -m analysis validate my-data/ -p application_type=brøkpension --params my-params.yaml",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Check every data file in DIR (and the shipped files it falls back to)\n"
        "against the data contract, and the quotes of its stated rows against the source\n"
        "texts it supplies; then what each chapter needs of the data and the parameters\n"
        "(given with -p or --params, as for build), so that a folder that validates builds.\n"
        "Every problem in every file is listed, one line each (at most "
        f"{PER_FILE} per file,\nthen how many more), with exit code 2.",
    )
    validate.add_argument(
        "dir", type=Path, nargs="?", metavar="DIR", help="the folder to check (default: the shipped data/)"
    )
    validate.add_argument(
        "--data", type=Path, metavar="DIR", help="the folder to check (as for build; same as DIR)"
    )
    parameter_options(validate)
    init = commands.add_parser(
        "init-data",
        help="write template data files",
        description="Write a template for every data file into DIR: the header row "
        "and one example row commented out with '#'. Fill in the files "
        "you need and delete the others: a file missing from DIR is "
        "taken from the shipped data/.",
    )
    init.add_argument("dir", type=Path, metavar="DIR", help="the folder to write (created if missing)")
    init.add_argument("--only", metavar="NAMES", help="comma-separated data sets, e.g. complaints,compliance")
    init.add_argument(
        "--with-shipped-rows",
        action="store_true",
        help="start each file with the shipped data's rows instead of an example",
    )
    commands.add_parser(
        "store-outputs",
        help="refresh the stored notebook outputs",
        description="Execute every chapter notebook with the shipped data and default "
        "parameters and write it, with its outputs, back to notebooks/. It uses _build/stored/ "
        "and holds _build's lock, so it does not run while a build into _build does.",
    )
    return top


def parameters_given(args) -> dict:
    from analysis.build import parameters

    given = parameters.read_file(args.params) if args.params else {}
    given.update(dict(parameters.parse_assignment(a) for a in args.assignments))
    return given


def validate(folder: Path | None, also: Path | None = None, given: dict | None = None) -> None:
    """Check a data folder, then what the chapters need of it with these parameters (the build's
    preflight), listing the files used; a DataError holds every problem found in the files."""
    from analysis.build import parameters, preflight
    from analysis.notebooks import chapter_notebooks

    if also and also != folder:
        raise DataError(folder, f"two folders given ({also} and --data): give one")
    data = DataFolder(folder)
    data.progress = print
    try:
        used = data.validate_all()
    finally:  # warnings on stdout, whatever the outcome: stderr keeps one line per problem
        for line in data.warning_lines():
            print(line)
    preflight.check(data, parameters.resolve(given or {}, chapter_notebooks()))
    for name, path in used.items():
        print(f"ok  {name:<24} {path}")
    print("ok  every chapter's needs of the data and the parameters")


def init_data(folder: Path, only: str | None, with_shipped_rows: bool) -> None:
    """Write templates, listing the files written (and the data sets skipped: with the shipped rows,
    a data set the book does not ship gets no file)."""
    from analysis.data.templates import write_templates

    names = [n.strip() for n in only.split(",")] if only else None
    skipped: list[str] = []
    for path in write_templates(folder, names, with_shipped_rows, skipped):
        print(f"wrote {path}")
    for name in skipped:
        print(f"skipped {name}: the book ships no rows of it (drop --with-shipped-rows for a template)")


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.command is None:
        parser().print_help()
        return 2
    from analysis.build.execution import BuildError
    from analysis.build.outdir import OutRefused
    from analysis.build.parameters import ParameterError

    try:
        if args.command == "validate":
            validate(args.data or args.dir, args.dir if args.data else None, parameters_given(args))
        elif args.command == "diff":
            from analysis.build.edition import terminal_lines
            from analysis.data.editions import read_ledger

            old, new = read_ledger(args.old), read_ledger(args.new)
            print("\n".join(terminal_lines(old, new)))
        elif args.command == "init-data":
            init_data(args.dir, args.only, args.with_shipped_rows)
        elif args.command == "store-outputs":
            from analysis.build.stored_outputs import store_outputs

            store_outputs()
        elif args.command == "build":
            from analysis.build.pipeline import build

            build(
                args.data,
                build_dir=args.out,
                parameters=parameters_given(args),
                jobs=args.jobs,
                force=args.force,
                compare_with=args.compare_with,
                pdf=args.pdf,
            )
    except (DataError, ParameterError, OutRefused) as error:
        # A DataError holds every problem found in the data, the preflight's Problems every
        # problem a chapter would fail on: one line each.
        lines = error.lines() if isinstance(error, (DataError, ParameterError)) else [str(error)]
        print("\n".join(f"error: {line}" for line in lines), file=sys.stderr)
        return 2
    except BuildError as error:  # a notebook, the book build, a busy folder, a failed write
        print(f"error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:  # Ctrl-C: the book in place is whole (the old one or the new)
        print("error: interrupted: the next build removes what this one left", file=sys.stderr)
        return 130
    return 0
