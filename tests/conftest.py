"""Shared fixtures: the shipped data, a writable copy of it, one built book, a headless browser."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest
from helpers import edit_file

from analysis.data import DataFolder
from analysis.paths import DATA_DIR, REPO_ROOT

CHROMIUM = Path("/usr/bin/chromium")
AXE = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"  # installed by `make test` (npm ci)


def skip_loudly(reason: str) -> None:
    """Skip, and say so where nobody can miss it: a skipped browser test proves nothing."""
    message = "\n" + "!" * 78 + f"\n!!! {reason}\n" + "!" * 78
    print(message)
    pytest.skip(message)


@pytest.fixture(scope="session", autouse=True)
def extract_cache(tmp_path_factory) -> Path:
    """Typed copies of case extracts go to the session's own folder, not the checkout's _build/."""
    from analysis.data import extract

    folder = tmp_path_factory.mktemp("extracts")
    os.environ[extract.CACHE_DIR] = str(folder)
    return folder


@pytest.fixture
def shipped() -> DataFolder:
    return DataFolder()


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A copy of data/ that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


@pytest.fixture
def edit_data(data_copy):
    """Break (or change) one cell of a file in the writable copy of data/:
    edit_data("staffing.csv", "4.3,2012 p/l", "4.3,2012 prices") -> the file's path. The text to
    find must be there: a test whose setup misses would prove nothing."""

    return lambda name, find, replace: edit_file(data_copy, name, find, replace)


@pytest.fixture(scope="session")
def built_book(tmp_path_factory) -> Path:
    """The book built once for the session, into its own folder, with its PDF (as `make book`
    builds it); returns _build/html."""
    from analysis.build.pipeline import build
    from analysis.export.browser import chromium

    build_dir = tmp_path_factory.mktemp("build")
    build(build_dir=build_dir, progress=lambda _: None, pdf=chromium() is not None)
    return build_dir / "html"


@contextlib.contextmanager
def serve(directory: Path):
    """A folder on http://127.0.0.1:PORT/ (as a reader's browser would fetch a published book)."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(directory))
    handler.func.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def served_book(built_book):
    with serve(built_book) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        skip_loudly(
            "chromium is not installed: BROWSER TESTS ARE SKIPPED. Run `make test` as root to install it."
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def axe_core() -> Path:
    if not AXE.exists():
        skip_loudly(
            "axe-core is not installed: THE ACCESSIBILITY SCAN IS SKIPPED. Run `make test` "
            "(it runs `npm ci`; needs npm)."
        )
    return AXE
