"""A small Sphinx extension for the book's HTML.

sphinx-thebe (pulled in by Jupyter Book) adds its inline configuration script twice, which makes
the browser report "Identifier 'THEBE_JS_URL' has already been declared" on every page. The book
does not use thebe; dropping exact duplicate scripts removes the error without touching the theme.
"""


def _drop_duplicate_scripts(app, pagename, templatename, context, doctree):
    seen, unique = set(), []
    for script in context.get("script_files", []):
        # The copies differ only in filename None versus "": compare content, not spelling.
        key = (getattr(script, "filename", None) or "", tuple(sorted(getattr(script, "attributes", {}).items())))
        if key not in seen:
            seen.add(key)
            unique.append(script)
    context["script_files"] = unique


def setup(app):
    app.connect("html-page-context", _drop_duplicate_scripts)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
