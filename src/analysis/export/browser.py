"""Debian's chromium, driven by Playwright, for what only a browser draws: the figures as PNG and
SVG, and the book as PDF. Offline: a page may read the files it is given and nothing else."""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterator
from pathlib import Path

CHROMIUM_NAMES = ("chromium", "chromium-browser")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
INSTALL = "install it with `apt-get install chromium` (as root), or run `make book`, which does"


class NoBrowser(RuntimeError):
    """No chromium on this machine: the one line says how to get it."""


def chromium() -> Path | None:
    """The chromium on PATH (Debian installs /usr/bin/chromium), or None."""
    found = next((shutil.which(name) for name in CHROMIUM_NAMES if shutil.which(name)), None)
    return Path(found) if found else None


@contextlib.contextmanager
def launched() -> Iterator:
    """A headless chromium (Playwright's Browser) for the length of the block."""
    executable = chromium()
    if executable is None:
        raise NoBrowser(f"chromium is not installed: {INSTALL}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(executable), args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


def offline(context) -> None:
    """Refuse every request a page makes that is not for a local file (or a data: URL): nothing
    the downloads show may come from the internet."""
    context.route(
        "**/*",
        lambda route: (
            route.continue_() if route.request.url.startswith(("file:", "data:", "about:")) else route.abort()
        ),
    )
