"""Which plotly.js the book ships.

Only pages with a chart load plotly.js (the Sphinx extension adds the script to those pages, see
sphinx_ext.py). The file is the smallest official bundle that draws every chart in the book:
plotly.js-basic-dist-min (scatter, bar and pie traces; the book draws scatter and bar), 1.2 MB
instead of the full library's 4.8 MB. It is pinned in package.json at the version of plotly.js
the Python plotly package draws with, and `npm ci` installs it into node_modules/. Without it
(no npm), or at another version than the Python package's, the build ships the package's full
plotly.min.js and prints one warning line: the book always builds and draws.
"""

from __future__ import annotations

import re
from pathlib import Path

import plotly
from plotly.offline import get_plotlyjs_version

from analysis.paths import REPO_ROOT

PACKAGE = "plotly.js-basic-dist-min"
BASIC = REPO_ROOT / "node_modules" / PACKAGE / "plotly-basic.min.js"
FULL = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
# The licence banner each bundle opens with: "* plotly.js (basic - minified) v4.1.1", "* plotly.js v4.1.1".
BANNER = re.compile(r"\* plotly\.js(?: \([^)\n]*\))? v(\d+\.\d+\.\d+\S*)")


def version(bundle: Path) -> str | None:
    """The plotly.js version a bundle's banner states, or None (no file, no banner)."""
    try:
        with open(bundle, encoding="utf-8", errors="replace") as text:
            head = text.read(400)
    except OSError:
        return None
    found = BANNER.search(head)
    return found.group(1) if found else None


def choose(basic: Path | None = None) -> tuple[Path, str | None]:
    """The bundle to ship and, when it is the full fallback, the one warning line saying why."""
    basic = basic or BASIC
    wanted = get_plotlyjs_version()
    found = version(basic)
    if found == wanted:
        return basic, None
    if not basic.is_file():
        why = f"{PACKAGE} is not installed (run `npm ci`, or `make book`)"
    elif found is None:
        why = f"{basic} states no plotly.js version"
    else:
        why = f"{PACKAGE} is v{found}, but the plotly package draws with v{wanted} (pin that in package.json)"
    return (
        FULL,
        f"warning: {why}: chart pages load the full plotly.js ({FULL.stat().st_size / 1e6:.1f} MB) instead",
    )
