"""A small Sphinx extension for the book's HTML: fixes to what the theme and myst-nb write.

- sphinx-thebe (pulled in by Jupyter Book) adds its inline configuration script twice, which makes
  the browser report "Identifier 'THEBE_JS_URL' has already been declared" on every page. The book
  does not use thebe; dropping exact duplicate scripts removes the error without touching the theme.
- Two of the theme's buttons have names that do not contain their visible text (WCAG 2.5.3);
  theme_templates/ holds corrected copies of those two templates, found before the theme's own.
- myst-nb names every folded code cell's toggle "Toggle hidden content", in English and unlike the
  "Vis koden" it shows; without that label the toggle is named by what it shows.
- The front page index.html only redirects to the introduction. sphinx-external-toc writes it as a
  bare <meta> tag: no language, no title, and no icon, so browsers ask for /favicon.ico and log a 404.
  Written here first, it is a small proper page (the toc extension keeps an existing index.html).
- plotly.js is loaded only by pages that draw a chart: the build stages the bundle it chose
  (plotlyjs.py) as _plotly/plotly.min.js beside the book's sources, outside _static/ (Jupyter
  Book adds every _static/*.js to every page); it is served as _static/plotly.min.js, and the
  script is added to a page whose body holds a plotly figure, in <head> before the figures' own
  inline scripts that call Plotly.
- The theme's Font Awesome icon script (1.5 MB, it swaps each <i class="fa-..."> for an inline
  SVG) is not loaded: the theme's stylesheet already draws the same icons from Font Awesome's
  webfont (156 kB). theme_templates/static/webpack-macros.html wraps the theme's asset macros and
  leaves that one script out.
- The downloads (build/downloads.py) are linked where they belong: under each table its workbook
  (and Word document), under each figure its PNG and SVG, and the whole book's files wherever a
  page holds the slot <div class="book-downloads"></div> (the front page). The build stages their
  manifest as _hent.json; a page gets links only to files the build made.
"""

import functools
import html
import json
import re
from pathlib import Path

from sphinx.util import logging

TEMPLATES = Path(__file__).with_name("theme_templates")
ENGLISH_TOGGLE_LABEL = '<summary aria-label="Toggle hidden content">'
PLOTLY_FOLDER, PLOTLY_FILE = "_plotly", "plotly.min.js"
CHART = 'class="plotly-graph-div"'  # each figure's div, as plotly.io.to_html writes it
DOWNLOADS = "_hent.json"  # the downloads' manifest, staged beside the book's sources
BOOK_SLOT = '<div class="book-downloads"></div>'
TABLE = re.compile(r'<table id="(?P<id>T_tbl-[0-9a-f]+)".*?</table>\s*</div>', re.DOTALL)
FIGURE = re.compile(
    r'<figure class="chart" aria-describedby="(?P<id>fig-[0-9a-f]+)-alt">.*?</figure>', re.DOTALL
)

logger = logging.getLogger(__name__)


def _drop_duplicate_scripts(app, pagename, templatename, context, doctree):
    seen, unique = set(), []
    for script in context.get("script_files", []):
        # The copies differ only in filename None versus "": compare content, not spelling.
        key = (
            getattr(script, "filename", None) or "",
            tuple(sorted(getattr(script, "attributes", {}).items())),
        )
        if key not in seen:
            seen.add(key)
            unique.append(script)
    context["script_files"] = unique


def _name_toggles_by_their_text(app, pagename, templatename, context, doctree):
    if "body" in context:
        context["body"] = context["body"].replace(ENGLISH_TOGGLE_LABEL, "<summary>")


def _write_front_redirect(app, exception):
    index = Path(app.outdir) / "index.html"
    if (
        exception is not None
        or app.builder.name != "html"
        or app.config.root_doc == "index"
        or index.exists()
    ):
        return
    target = html.escape(f"{app.config.root_doc}.html")
    icon = (
        f'<link rel="icon" href="_static/{Path(app.config.html_favicon).name}">\n'
        if app.config.html_favicon
        else ""
    )
    index.write_text(
        f"""<!DOCTYPE html>
<html lang="{html.escape(app.config.language)}">
<head>
<meta charset="utf-8">
<title>{html.escape(app.config.html_title or app.config.project)}</title>
{icon}<meta http-equiv="Refresh" content="0; url={target}">
</head>
<body><p><a href="{target}">Til bogens forside</a></p></body>
</html>
""",
        encoding="utf-8",
    )


def _use_corrected_templates(app, config):
    config.templates_path.insert(0, str(TEMPLATES))


def _serve_plotly(app, config):
    staged = Path(app.srcdir) / PLOTLY_FOLDER
    if (staged / PLOTLY_FILE).is_file():
        config.html_static_path.append(str(staged))  # its files are copied into _static/


def _load_plotly_where_charts_are(app, pagename, templatename, context, doctree):
    if CHART not in context.get("body", ""):
        return
    if not (Path(app.srcdir) / PLOTLY_FOLDER / PLOTLY_FILE).is_file():
        logger.warning(f"{pagename} draws a chart, but no {PLOTLY_FOLDER}/{PLOTLY_FILE} was staged")
    app.add_js_file(PLOTLY_FILE)  # called here, it adds the script to this page only


@functools.cache
def _manifest(srcdir: str) -> dict:
    staged = Path(srcdir) / DOWNLOADS
    return json.loads(staged.read_text(encoding="utf-8")) if staged.is_file() else {}


def _table_links(found: dict | None, href) -> str:
    if not found:
        return ""
    sheet = html.escape(found["sheet"])
    links = f'<a href="{href(found["xlsx"])}" download>Hent tabellen som Excel</a> (arket »{sheet}«)'
    if found.get("docx"):
        links += f' · <a href="{href(found["docx"])}" download>Hent notatets tabeller som Word</a>'
    return f'<p class="downloads">{links}</p>'


def _figure_links(found: dict | None, href) -> str:
    if not found:
        return ""
    # A screen reader's list of links names each by its label, which holds the visible text (WCAG 2.5.3).
    links = [
        f'<a href="{href(found[kind])}" download aria-label="Hent figuren som {kind.upper()} '
        f'({html.escape(found[kind])})">{kind.upper()}</a>'
        for kind in ("png", "svg")
    ]
    return f'<p class="downloads">Hent figuren som {links[0]} eller {links[1]}</p>'


def _book_links(found: dict, href) -> str:
    parts = []
    if found.get("pdf"):
        parts.append(f'<a href="{href(found["pdf"])}" download>Hent hele bogen som PDF</a>')
    if found.get("xlsx"):
        parts.append(f'<a href="{href(found["xlsx"])}" download>Hent alle bogens tabeller som Excel</a>')
    return f'<p class="downloads">{" · ".join(parts)}</p>' if parts else ""


def _link_downloads(app, pagename, templatename, context, doctree):
    manifest = _manifest(str(app.srcdir))
    if not manifest or "body" not in context:
        return
    chapter = pagename.rsplit("/", 1)[-1]
    href = lambda name: html.escape(context["pathto"](f"{manifest['folder']}/{name}", 1))
    tables = manifest["tables"].get(chapter, {})
    figures = manifest["figures"].get(chapter, {})
    body = TABLE.sub(lambda m: m.group(0) + _table_links(tables.get(m["id"]), href), context["body"])
    body = FIGURE.sub(lambda m: m.group(0) + _figure_links(figures.get(m["id"]), href), body)
    context["body"] = body.replace(BOOK_SLOT, _book_links(manifest["book"], href))


def setup(app):
    app.connect("config-inited", _use_corrected_templates)
    app.connect("config-inited", _serve_plotly)
    app.connect("html-page-context", _load_plotly_where_charts_are)
    app.connect("html-page-context", _drop_duplicate_scripts)
    app.connect("html-page-context", _name_toggles_by_their_text)
    app.connect("html-page-context", _link_downloads)
    app.connect("build-finished", _write_front_redirect, priority=400)  # before sphinx-external-toc (500)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
