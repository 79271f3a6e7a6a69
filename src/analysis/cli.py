"""Command line: `python -m analysis build` and `python -m analysis validate DIR`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .data import DataError, DataFolder

DESCRIPTION = """\
The budget-note book: reproducible figures for the social-services budget notes.

commands:
  build      validate the data, execute every chapter notebook with papermill and build
             the HTML book into _build/html (the old book stays if anything fails)
  validate   check a data folder against the data contract without building

Run `python -m analysis COMMAND --help` for a command's options.
Exit codes: 0 success, 1 a notebook or the book build failed, 2 bad data or bad arguments.
"""


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m analysis", description=DESCRIPTION,
                                  formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = top.add_subparsers(dest="command", metavar="COMMAND")
    build = commands.add_parser("build", help="build the HTML book",
                                description="Validate data, execute the notebooks, build _build/html.")
    build.add_argument("--data", type=Path, metavar="DIR",
                       help="folder with your own data files; files it lacks come from the shipped data/")
    validate = commands.add_parser("validate", help="check a data folder",
                                   description="Check every data file in DIR (and the shipped files it "
                                               "falls back to) against the data contract.")
    validate.add_argument("dir", type=Path, nargs="?", metavar="DIR",
                          help="the folder to check (default: the shipped data/)")
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.command is None:
        parser().print_help()
        return 2
    try:
        if args.command == "validate":
            for name, path in DataFolder(args.dir).validate_all().items():
                print(f"ok  {name:<22} {path}")
        elif args.command == "build":
            from .build import BuildError, build  # heavy imports only when building
            try:
                build(args.data)
            except BuildError as error:
                print(f"error: {error}", file=sys.stderr)
                return 1
    except DataError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0
