"""The malformed-input corpus, security class: a source registry whose `url` is no web address
(a live javascript: or data: link on the Kilder page) or whose `file` points out of the data
folder's sources/ (/etc/passwd read and published). Each gets one line naming the file, row and
column, exit code 2, and the book built before survives. A refused registry stops the build before
any text is read, so no page of any book ever holds such a file's content."""

import hashlib
from pathlib import Path

import pytest
from hostile import both, corpus, gives_one_line, registry_row, source_link

PASSWD = Path("/etc/passwd")
SHA = "0" * 64  # a well-formed checksum: the file name is refused before any text is read


def not_a_web_address(shown: str) -> str:
    return (
        rf"registry.csv, row 2, column 'url': {shown} is not a web address: write the document's "
        r"address beginning with https://"
    )


def not_a_plain_name(shown: str) -> str:
    return (
        rf"registry.csv, row 2, column 'file': {shown} is not a plain file name: put the text in "
        r"sources/ and write its name, e.g. notat-2019.txt"
    )


def passwd_checksum() -> str:
    return hashlib.sha256(PASSWD.read_bytes()).hexdigest() if PASSWD.is_file() else SHA


URLS = [
    ("javascript", "javascript:window.__pwned=1", r"'javascript:window.__pwned=1'"),
    ("javascript-mixed-case", "JavaScript:alert(1)", r"'JavaScript:alert\(1\)'"),
    ("javascript-leading-space", "  javascript:alert(1)", r"'javascript:alert\(1\)'"),
    ("javascript-tab-inside", "java\tscript:alert(1)", r"'java\\tscript:alert\(1\)'"),
    ("javascript-newline-inside", "java\nscript:alert(1)", r"'java\\nscript:alert\(1\)'"),
    ("data-url", "data:text/html,<script>alert(1)</script>", r"'data:text/html,<script>alert\(1\)</script>'"),
    ("vbscript", "vbscript:msgbox(1)", r"'vbscript:msgbox\(1\)'"),
    ("file-url", "file:///etc/passwd", r"'file:///etc/passwd'"),
    ("protocol-relative", "//evil.example/x", r"'//evil.example/x'"),
    ("relative-path", "notater/notat.pdf", r"'notater/notat.pdf'"),
    ("no-host", "https://", r"'https://'"),
    ("space-inside", "https://www.kk.dk/a b", r"'https://www.kk.dk/a b'"),
    (
        "quote-breaks-attribute",
        'https://x.dk/"onmouseover="alert(1)',
        r"""'https://x.dk/"onmouseover="alert\(1\)'""",
    ),
    ("credentials-trick", "https://www.kk.dk@evil.example/", r"'https://www.kk.dk@evil.example/'"),
    ("bidi-override", "https://www.kk.dk/\u202etxt.exe", r"'https://www.kk.dk/\\u202etxt.exe'"),
    ("long-javascript", "javascript:" + "a" * 500, r"'javascript:a+…'"),
]

FILES = [
    ("parent-folders", "../../../../../../etc/passwd", r"'../../../../../../etc/passwd'"),
    ("absolute", "/etc/shadow", r"'/etc/shadow'"),
    ("absolute-passwd", "/etc/passwd", r"'/etc/passwd'"),
    ("windows-path", "..\\..\\windows\\win.ini", r"'..\\\\..\\\\windows\\\\win.ini'"),
    ("subfolder", "tekster/notat.txt", r"'tekster/notat.txt'"),
    ("hidden", ".notat.txt", r"'.notat.txt'"),
    ("home", "~/notat.txt", r"'~/notat.txt'"),
    ("dots-only", "..", r"'..'"),
    ("drive", "C:notat.txt", r"'C:notat.txt'"),
]

# (id, how the folder is broken, what the one line must say)
CASES = [
    *[
        (
            f"url-{i}",
            registry_row(url=url),
            # an invisible character is refused in any cell, before the url's own rule
            r"registry.csv, row 2, column 'url': holds the invisible character U\+202E"
            if "\u202e" in url
            else not_a_web_address(shown),
        )
        for i, url, shown in URLS
    ],
    *[
        (f"file-{i}", registry_row(file=name, sha256=SHA, url=""), not_a_plain_name(shown))
        for i, name, shown in FILES
    ],
    (
        "file-link-out-of-the-folder",
        both(
            source_link("passwd.txt", str(PASSWD)),
            lambda folder: registry_row(file="passwd.txt", sha256=passwd_checksum(), url="")(folder),
        ),
        r"sources/passwd.txt: the text of source 'hostile' lies outside the folder sources/",
    ),
]


@pytest.mark.parametrize("mutate, expected, through_build", corpus(CASES))
def test_hostile_registry_gives_one_clear_line_and_leaves_the_book(
    mutate, expected, through_build, data_copy, tmp_path, capsys
):
    gives_one_line(mutate, expected, data_copy, tmp_path, capsys, through_build)


def test_the_security_corpus_has_several_cases_per_class():
    kinds = [i.split("-")[0] for i, _, _ in CASES]
    assert kinds.count("url") >= 10 and kinds.count("file") >= 8
