"""Every internal link of the built book leads somewhere: the page exists and so does the anchor.

Sphinx checks the links written in the book's markdown (the build runs with warnings as errors
and --nitpick); links inside notebook outputs (a table's link to its source on the sources page,
say) are HTML that Sphinx never sees, so they are checked here, on the built pages.
"""

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlparse

from analysis.notebooks import toc_files


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])


def parse(page: Path) -> Links:
    links = Links()
    links.feed(page.read_text(encoding="utf-8"))
    return links


def internal(href: str) -> bool:
    return not urlparse(href).scheme and not href.startswith(("//", "mailto:"))


def broken_links(pages: dict[str, Path]) -> list[str]:
    """Links from these pages to files or anchors that do not exist."""
    parsed: dict[Path, Links] = {}
    broken = []
    for name, page in pages.items():
        for href in parse(page).hrefs:
            if not internal(href):
                continue
            target, anchor = urldefrag(href)
            path = (page.parent / unquote(target)).resolve() if target else page.resolve()
            if path.is_dir():
                path = path / "index.html"
            if not path.is_file():
                broken.append(f"{name}: {href} (no such file)")
            elif anchor and path.suffix == ".html":
                ids = parsed.setdefault(path, parse(path)).ids
                if unquote(anchor) not in ids:
                    broken.append(f"{name}: {href} (no element with id '{anchor}')")
    return broken


def test_every_internal_link_and_anchor_exists(built_book):
    pages = {f"{name}.html": built_book / f"{name}.html" for name in ["index", *toc_files()]}
    assert broken_links(pages) == []


def test_the_checker_finds_missing_pages_and_anchors(tmp_path):
    (tmp_path / "a.html").write_text(
        '<a href="b.html#nope">1</a><a href="#here">2</a><p id="here"></p>'
        '<a href="c.html">3</a><a href="b.html#top">4</a><a href="https://x.org">5</a>'
    )
    (tmp_path / "b.html").write_text('<h1 id="top">B</h1>')
    assert broken_links({"a.html": tmp_path / "a.html"}) == [
        "a.html: b.html#nope (no element with id 'nope')",
        "a.html: c.html (no such file)",
    ]
