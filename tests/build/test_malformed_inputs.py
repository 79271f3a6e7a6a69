"""A corpus of malformed data folders: each gets one clear line naming the file (and the row and
column where there is one), exit code 2, no traceback, and the previously built book survives."""

import hashlib

import pytest
from helpers import edit_file
from hostile import (
    append,
    corpus,
    drop_column,
    excel,
    excel_bytes,
    gives_one_line,
    line_of,
    replace_in,
    write,
)

from analysis.build import cli

REGISTRY_HEADER = "source_id,short_title,title,organisation,municipality,country,date,reference,file,url\n"


def latin1_source_text(name: str):
    """A shipped source text saved as Latin-1 (æøå as one byte each), its new checksum in the
    registry: the pin holds, the encoding does not."""

    def mutate(folder):
        text = folder / "sources" / name
        before = hashlib.sha256(text.read_bytes()).hexdigest()
        text.write_bytes(text.read_text(encoding="utf-8").encode("latin-1", "replace"))
        after = hashlib.sha256(text.read_bytes()).hexdigest()
        edit_file(folder, "sources/registry.csv", before, after)

    return mutate


COMPLAINT = "2018,formality,580,stated,klagetema2019,"
# (id, how the folder is broken, what the one line must say)
CASES = [
    (
        "missing-column",
        drop_column("complaints.csv", "count"),
        r"complaints.csv.*the column 'count' is missing: add it to the header row",
    ),
    (
        "unknown-column",
        replace_in("complaints.csv", ",formula\n", ",formula,note\n"),
        r"complaints.csv: unknown column 'note'|complaints.csv.*more cells than the header",
    ),
    (
        "wrong-type",
        replace_in("complaints.csv", COMPLAINT, "2018,formality,mange,stated,klagetema2019,"),
        r"complaints.csv, row \d+, column 'count': 'mange' is not a number: write it like 1564, "
        r"1.564 or 4,30",
    ),
    (
        "duplicate-key",
        append("complaints.csv", '2018,formality,581,stated,klagetema2019,"x",\n'),
        r"complaints.csv, row 9, column 'year' \+ 'complaint_type': this row repeats a key",
    ),
    (
        "negative-count",
        replace_in("complaints.csv", COMPLAINT, "2018,formality,-580,stated,klagetema2019,"),
        r"complaints.csv, row \d+, column 'count': must be 0 or more",
    ),
    (
        "percentage-over-100",
        replace_in(
            "compliance.csv", "voksne,2019-01-01,2019-06-30,63,63,", "voksne,2019-01-01,2019-06-30,63,163,"
        ),
        r"compliance.csv, row 2, column 'high': must be a percentage between 0 and 100",
    ),
    (
        "unknown-source",
        replace_in("complaints.csv", COMPLAINT, "2018,formality,580,stated,klagetema2018,"),
        r"complaints.csv, row \d+, column 'source_id': must be one of",
    ),
    (
        "period-ends-before-it-starts",
        replace_in("compliance.csv", "voksne,2019-01-01,2019-06-30", "voksne,2019-06-30,2019-01-01"),
        r"compliance.csv, row 2, column 'period_end': the period ends before it starts",
    ),
    ("empty-file", write("complaints.csv", b""), r"complaints.csv: the file is empty"),
    (
        "header-only",
        write("complaints.csv", "year,complaint_type,count,kind,source_id,quote,formula\n"),
        r"complaints.csv: the file has no rows of data below its header row",
    ),
    (
        "wrong-encoding",
        write(
            "complaints.csv",
            "year,complaint_type,count,kind,source_id,quote,formula\n"
            "2018,formality,580,stated,klagetema2019,Københavns,\n".encode("latin-1"),
        ),
        r"complaints.csv, row 2: the file is not UTF-8 text .*: save it as 'CSV UTF-8'",
    ),
    (
        "extra-cells",
        append("complaints.csv", '2017,formality,500,stated,klagetema2019,"x",,extra\n'),
        r"complaints.csv, row 9: this row has more cells than the header",
    ),
    (
        "unknown-kind",
        replace_in("complaints.csv", COMPLAINT, "2018,formality,580,guessed,klagetema2019,"),
        r"complaints.csv, row \d+, column 'kind': must be one of: stated, derived, user-supplied",
    ),
    (
        "derived-without-formula",
        replace_in("complaints.csv", '"580 × (1 − 0,07)"', ""),
        r"complaints.csv, row \d+, column 'formula': a derived value needs the formula",
    ),
    (
        "stated-with-formula",
        replace_in("compliance_targets.csv", '80 pct.",\n', '80 pct.",80\n'),
        r"compliance_targets.csv, row 2, column 'formula': only a derived value has a formula",
    ),
    (
        "stated-count-not-whole",
        replace_in("complaints.csv", COMPLAINT, "2018,formality,580.5,stated,klagetema2019,"),
        r"complaints.csv, row \d+, column 'count': a stated count must be a whole number",
    ),
    (
        "bad-date",
        replace_in("applications.csv", "2018-01-01,", "01/01/2018,"),
        r"applications.csv, row 2, column 'period_start': '01/01/2018' uses '/'",
    ),
    (
        "year-out-of-range",
        replace_in("complaints.csv", COMPLAINT, "3018,formality,580,stated,klagetema2019,"),
        r"complaints.csv, row \d+, column 'year': must be a year between 1900 and 2100",
    ),
    (
        "empty-quote",
        replace_in(
            "compliance_targets.csv",
            '"Sagsfristoverholdelsen på alle sagsområder ligger '
            'i 2. kvartal af 2020 på 81 pct., hvilket er over målet på 80 pct."',
            "",
        ),
        r"compliance_targets.csv, row 2, column 'quote': the cell is empty but a value is required",
    ),
    (
        "excel-bad-cell",
        excel(
            "complaints",
            {
                "year": [2018],
                "complaint_type": ["formality"],
                "count": ["mange"],
                "kind": ["stated"],
                "source_id": ["klagetema2019"],
                "quote": ["x"],
                "formula": [None],
            },
        ),
        r"complaints.xlsx, row 2, column 'count': 'mange' is not a number",
    ),
    (
        "not-really-excel",
        excel_bytes("complaints", b"this is not a workbook"),
        r"complaints.xlsx: the file is not an Excel workbook \(.xlsx\)",
    ),
    (
        "unknown-initiative",
        replace_in("action_plan_commitments.csv", "intro_course,7,", "intro_course,77,"),
        r"action_plan_commitments.csv, row 2, column 'initiative': '77' is not a number in action_plan.csv",
    ),
    (
        "duplicate-source-id",
        write(
            "sources/registry.csv",
            REGISTRY_HEADER + "so49,A,A,KK,Københavns Kommune,Danmark,2020,,,https://a\n"
            "so49,B,B,KK,Københavns Kommune,Danmark,2020,,,https://b\n",
        ),
        r"registry.csv, row 3, column 'source_id': this row repeats a key",
    ),
    (
        "optional-file-bad",
        write("price_index.csv", "year,index,kind,source_id,quote,formula\n2012,-5,user-supplied,so49,x,\n"),
        r"price_index.csv, row 2, column 'index'",
    ),
    (
        "decision-before-receipt",
        write(
            "cases.csv",
            "case_id,borgercenter,case_type,received_date,decision_date,deadline_days\n"
            "A-1,handicap,BPA,2020-03-01,2020-03-10,30\n"
            "A-2,voksne,Bostøtte,2020-03-05,2020-02-28,30\n",
        ),
        r"cases.csv, row 3, column 'decision_date': the decision date is before the received date",
    ),
    (
        "zero-deadline",
        write(
            "cases.csv",
            "case_id,borgercenter,case_type,received_date,decision_date,deadline_days\n"
            "A-1,handicap,BPA,2020-03-01,,0\n",
        ),
        r"cases.csv, row 2, column 'deadline_days': must be a positive whole number of days",
    ),
    (
        "too-many-digits",
        replace_in(
            "complaints.csv", COMPLAINT, "2018,formality,99999999999999999999999,stated,klagetema2019,"
        ),
        r"complaints.csv, row \d+, column 'count': '99999999999999999999999' has more digits than a number",
    ),
    (
        "column-named-twice",
        replace_in("complaints.csv", "year,complaint_type,count,", "year,complaint_type,count,count,"),
        r"complaints.csv, row 1: the header names the column 'count' twice \(again in column 4\)",
    ),
    (
        "source-text-not-utf8",
        latin1_source_text("000_37a8f230a001604e.txt"),
        r"000_37a8f230a001604e.txt: the text of source 'so49' is not UTF-8 text \(line \d+",
    ),
    (
        "unknown-unit",
        replace_in("service_results.csv", ",270,270,count,", ",270,270,stk,"),
        r"service_results.csv, row 2, column 'unit': must be one of",
    ),
]


@pytest.mark.parametrize("mutate, expected, through_build", corpus(CASES))
def test_malformed_input_gives_one_clear_line_and_leaves_the_book(
    mutate, expected, through_build, data_copy, tmp_path, capsys
):
    gives_one_line(mutate, expected, data_copy, tmp_path, capsys, through_build)


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 20


def test_a_missing_data_folder_is_one_line(tmp_path, capsys):
    assert cli.main(["validate", str(tmp_path / "nope")]) == 2
    assert "nope: the data folder does not exist" in line_of(capsys)
