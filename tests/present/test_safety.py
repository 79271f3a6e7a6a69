"""What the book makes from data can run nowhere: links only to web addresses, downloads whose
text cells a spreadsheet reads as text (OWASP's "CSV injection")."""

import base64
import io
import re

import pandas as pd
import pytest

from analysis.data.schemas.sources import is_plain_file_name, is_web_address
from analysis.facts import Fact, Provenance
from analysis.present import page, tables
from analysis.present.prose import say

HOSTILE_URLS = [
    "javascript:window.__pwned=1",
    "JavaScript:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "jav&#x09;ascript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "//evil.example/x",
    "/kilder.html",
    "notat.pdf",
    "https://",
    "https:///x",
    "https:evil.example",
    "https://a b.dk/",
    "https://x.dk/\u202eexe",
    'https://x.dk/"onmouseover="alert(1)',
    "https://x.dk/<script>",
    "https://www.kk.dk@evil.example/",
    "\u0000https://x.dk",
    None,
    3.0,
]
WEB_ADDRESSES = [
    "https://www.kk.dk/nyheder/antallet-af-klager-skal-ned",
    "http://example.invalid/a?b=1&c=2#d",
    "HTTPS://WWW.KK.DK/",
    "https://www.kk.dk:8443/x",
    "https://sermersooq.gl/da/kommunalbestyrelsen/dagsordener-og-referater/",
    "https://københavn.dk/æøå",
]


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_only_an_http_address_is_a_web_address(url):
    assert not is_web_address(url)


@pytest.mark.parametrize("url", WEB_ADDRESSES)
def test_a_real_web_address_is_one(url):
    assert is_web_address(url)


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_safe_link_makes_no_link_of_anything_else(url):
    shown = page.safe_link(url)
    assert "<a" not in shown and "href" not in shown
    assert "<script" not in shown and '"' not in shown  # escaped, shown as text


def test_safe_link_links_a_web_address_with_its_text_escaped():
    assert page.safe_link("https://x.dk/?a=1&b=2", "<b>Notat</b>") == (
        '<a href="https://x.dk/?a=1&amp;b=2">&lt;b&gt;Notat&lt;/b&gt;</a>'
    )


@pytest.mark.parametrize(
    "name, plain",
    [
        ("000_37a8f230a001604e.txt", True),
        ("kkdk_2017-06-11_klageopgoerelse.txt", True),
        ("notat-2019.txt", True),
        ("../../etc/passwd", False),
        ("/etc/shadow", False),
        ("sources/x.txt", False),
        ("..\\x.txt", False),
        (".hidden", False),
        ("a..txt", False),
        ("x" * 300, False),
        ("notat.txt\n", False),
        (None, False),
    ],
)
def test_a_registry_file_is_a_plain_name(name, plain):
    assert is_plain_file_name(name) is plain


# --- CSV injection ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "cell, safe",
    [
        ('=HYPERLINK("http://evil")', '\'=HYPERLINK("http://evil")'),
        ("+45 1234", "'+45 1234"),
        ("-3.000", "'-3.000"),  # text that looks like a negative number is text
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("\u22123.000", "\u22123.000"),  # a typographic minus starts no formula
        ("Borgercenter Handicap", "Borgercenter Handicap"),
        ("a=b", "a=b"),
        ("", ""),
        (-3, -3),
        (-3.5, -3.5),
        (None, None),
    ],
)
def test_a_text_cell_a_spreadsheet_would_run_is_neutralised(cell, safe):
    assert tables.neutralised(cell) == safe


def download_cells(html: str) -> pd.DataFrame:
    payload = re.search(r"base64,([A-Za-z0-9+/=]+)", html).group(1)
    text = base64.b64decode(payload).decode("utf-8-sig")
    return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)


def test_a_download_neutralises_text_and_keeps_numbers_numbers():
    frame = pd.DataFrame(
        {
            "label": ["=1+1", "-Besparelse", "@x", "ok"],
            "amount": [-5000, 12, 0, -1],
            "share": [-0.5, 1.25, None, 3.0],
            "mixed": ["-2", -2, "+", None],
        }
    ).astype({"amount": "Int64"})
    cells = download_cells(tables.csv_download(frame, "x.csv").data)
    assert list(cells["label"]) == ["'=1+1", "'-Besparelse", "'@x", "ok"]
    assert list(cells["amount"]) == ["-5000", "12", "0", "-1"]  # numbers, unquoted and unprefixed
    assert list(cells["share"]) == ["-0.5", "1.25", "", "3.0"]
    assert list(cells["mixed"]) == ["'-2", "-2", "'+", ""]  # a number stays one in a mixed column
    assert list(frame["label"]) == ["=1+1", "-Besparelse", "@x", "ok"]  # the frame shown is untouched


def test_a_download_without_text_is_unchanged():
    frame = pd.DataFrame({"year": [2018, 2019], "count": [-1.5, 2.0]})
    assert download_cells(tables.csv_download(frame, "x.csv").data).to_csv(index=False) == frame.to_csv(
        index=False
    )


# --- Text from data is no template ---------------------------------------------------------------


def test_a_sentence_made_of_data_is_not_formatted():
    sentence = "Tabel 1, rækken »Drift {glue:text}`x` {0.__class__} {n}«: kilden trykker 5."
    assert say(sentence).value == sentence


def test_a_template_still_takes_its_parts():
    assert say("{n} klager", n=Fact(437, "number", Provenance("stated"))).value == "437 klager"
