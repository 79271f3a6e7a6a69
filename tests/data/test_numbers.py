"""Numbers read by the column's kind: good input still reads right (Danish, plain, Excel number
cells, the shipped data), and a cell that reads two ways is refused naming the other row."""

import openpyxl
import pandas as pd
import pytest

from analysis.data import DATASETS, DataError, DataFolder
from analysis.data.loading import cell_text, read_table
from analysis.data.numbers import COUNT, NUMBER, PCT, PCT_SMALL, WHOLE, YEAR, read_numbers


def read(cells, kinds=NUMBER):
    values, problems = read_numbers(pd.Series(cells, dtype=object), kinds)
    return [None if pd.isna(v) else v for v in values], problems


@pytest.mark.parametrize(
    "cells, kind, expected",
    [
        (["1.564"], COUNT, [1564]),  # a thousands dot in a count
        (["1.564", "580", "12.250.000"], COUNT, [1564, 580, 12250000]),
        (["4,30"], NUMBER, [4.3]),
        (["0.517", "4.3", "12"], NUMBER, [0.517, 4.3, 12]),  # decimal points, no comma anywhere
        (["1.564", "4,30"], NUMBER, [1564, 4.3]),  # Danish: the comma says the dot groups thousands
        (["1,564", "4,30", "12.250.000"], NUMBER, [1.564, 4.3, 12250000]),
        (["1.564,5", "- 3.000"], NUMBER, [1564.5, -3000]),
        (["\u22127", "+5", "-0"], NUMBER, [-7, 5, 0]),
        (["15 000", "1\u00a0564,5", "2\u202f000"], NUMBER, [15000, 1564.5, 2000]),  # spaces group thousands
        (["1234.567"], NUMBER, [1234.567]),  # four digits before the dot: no thousands dot
        (["2018", "2019"], YEAR, [2018, 2019]),
        (["63", "71,5", "0", "100"], PCT, [63, 71.5, 0, 100]),
        (["5", "0,5"], PCT_SMALL, [5, 0.5]),  # a small percentage among larger ones is possible
        ([None, "", " 15 "], NUMBER, [None, None, 15]),
    ],
)
def test_good_numbers_read_right(cells, kind, expected):
    values, problems = read(cells, kind)
    assert problems == {} and values == expected
    assert all(str(v) != "-0.0" for v in values)  # "-0" is 0, never printed as -0


@pytest.mark.parametrize(
    "cells, kind, row, words",
    [
        (
            ["1,632"],
            COUNT,
            0,
            "'1,632' has a decimal comma, but a count is a whole number: write 1632 or 1.632",
        ),
        (["1,5", "1,632"], WHOLE, 1, "the column takes whole numbers: write 1632 or 1.632"),
        (["2.018"], YEAR, 0, "a year is written without a thousands dot: 2018"),
        (["2019", "2,018"], YEAR, 1, "a year is written without a comma: 2018"),
        (["0.517", "1.564"], NUMBER, 1, "'1.564' could be 1564 or 1,564, as row 2 ('0.517') writes decimals"),
        (["4.30", "1,564"], NUMBER, 1, "'1,564' could be 1564 or 1,564, as row 2 ('4.30')"),
        (["1.564", "1,564"], NUMBER, 1, "would be read a factor 1000 apart (1,564 and 1564)"),
        (
            ["4,30", "4.30", "5,1"],
            NUMBER,
            1,
            "'4.30' has a decimal point, but row 2 ('4,30') is written the Danish",
        ),
        (["4.30", "4,30"], NUMBER, 0, "'4.30' has a decimal point"),  # a tie: the Danish style stands
        (["4.30", "0.5", "12.250.000"], NUMBER, 2, "'12.250.000' is written the Danish way"),
        (["１５０００"], NUMBER, 0, "holds the full-width digit '１': type it with the digits 0-9"),
        (["١٥"], COUNT, 0, "holds the Arabic-Indic digit '١'"),
        (["1e5"], NUMBER, 0, "scientific notation"),
        (["inf"], NUMBER, 0, "'inf' is not a number"),
        (["nan"], NUMBER, 0, "'nan' is not a number"),
        (["1 5"], NUMBER, 0, "space inside the number"),
        (["–7"], NUMBER, 0, "starts with a dash, not a minus"),
        (["12,250,000"], NUMBER, 0, "groups thousands with commas"),
        (["12-"], NUMBER, 0, "'12-' is not a number"),
        (["63", "0.630"], PCT, 1, "'0.630' looks like a share (0,63): write percentages, e.g. 63"),
        (["0,05", "0,15"], PCT_SMALL, 0, "'0,05' looks like a share (0,05): write percentages, e.g. 5"),
    ],
)
def test_a_number_that_reads_two_ways_is_refused_with_the_reason(cells, kind, row, words):
    values, problems = read(cells, kind)
    assert words in problems[row]
    assert values[row] is None  # refused cells are empty in the frame, and reported


def test_no_filled_cell_becomes_empty_without_a_problem():
    cells = ["１５０００", "1.564", "1,564", "٣", "x", "1e5", "0.5", "4,30", "4.30", ""]
    values, problems = read(cells)
    for index, cell in enumerate(cells):
        assert cell == "" or values[index] is not None or index in problems, cell


def test_per_row_kinds_follow_the_unit_column(tmp_path):
    """complaint_benchmarks.value: a count row refuses '1,632', a kr row reads it as a decimal."""
    (tmp_path / "complaint_benchmarks.csv").write_text(
        "benchmark_id,complaint_type,measure,description,first_year,last_year,value,unit,kind,source_id,"
        "quote,formula\n"
        'a,formality,average,x,2010,2018,"1,632",count,user-supplied,so49,x,\n'
        'b,formality,average,x,2010,2018,"1,632",mio. kr,user-supplied,so49,x,\n',
        encoding="utf-8",
    )
    with pytest.raises(DataError) as caught:
        DataFolder(tmp_path).load("complaint_benchmarks")
    assert [(p.row, p.column) for p in caught.value.problems] == [(2, "value")]
    assert "a count is a whole number" in caught.value.message


def _workbook(path, header, rows):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)


def test_excel_number_cells_keep_their_exact_value(tmp_path):
    """1.564 in a number cell is 1,564, never 1564: the cell's value is read, not a text of it."""
    header = ["year", "index", "kind", "source_id", "quote", "formula"]
    values = [1.564, 1564, 0.517, 4.3]
    _workbook(
        tmp_path / "price_index.xlsx",
        header,
        [[2012 + i, v, "user-supplied", "so49", "x", None] for i, v in enumerate(values)],
    )
    assert openpyxl.load_workbook(tmp_path / "price_index.xlsx").active["B2"].data_type == "n"
    frame = DataFolder(tmp_path).load("price_index")
    assert frame["index"].tolist() == values
    assert frame["year"].tolist() == [2012, 2013, 2014, 2015]


def test_an_excel_whole_number_cell_in_a_count_column(tmp_path):
    header = ["year", "complaint_type", "count", "kind", "source_id", "quote", "formula"]
    _workbook(
        tmp_path / "complaints.xlsx",
        header,
        [
            [2018, "reality", 1564.0, "stated", "klagetema2019", "x", None],
            [2019, "reality", 1.564, "derived", "so49", "x", "y"],
        ],
    )
    assert DataFolder(tmp_path).load("complaints")["count"].tolist() == [1564, 1.564]


@pytest.mark.parametrize(
    "value, text",
    [
        (1564, "1564"),
        (1564.0, "1564"),
        (1.564, "1,5640"),
        (12.5, "12,5"),
        (1234.567, "1234,567"),
        (0.517, "0,517"),
        (-4.3, "-4,3"),
        (1e20, "100000000000000000000"),
        (True, "True"),
    ],
)
def test_number_cells_become_text_the_number_rules_read_exactly(value, text):
    assert cell_text(value) == text


def test_the_shipped_numbers_read_as_plain_numbers(shipped):
    """No shipped value changes under the number rules: every number column of every shipped file
    reads as pandas reads the plain text (the shipped files write plain numbers and 'p/l')."""
    for name, dataset in DATASETS.items():
        path = shipped.find(name)
        if path is None:
            continue
        raw, loaded = read_table(path), shipped.load(name)
        for column, spec in dataset.schema(["-"]).columns.items():
            if not str(spec.dtype).lower().startswith(("float", "int")):
                continue
            expected = pd.to_numeric(raw[column].str.replace(" p/l", "", regex=False))
            assert loaded[column].astype(float).equals(expected.astype(float)), (name, column)


def test_a_refused_cell_is_not_blamed_again_by_a_rule_across_columns(data_copy, edit_data):
    """staff "1,280" is refused; 'staff and staff_unit go together' would read it as empty."""
    edit_data("staffing.csv", "temporary,4.3,2012 p/l,8.6,fte", 'temporary,4.3,2012 p/l,"1,280",fte')
    with pytest.raises(DataError) as caught:
        DataFolder(data_copy).load("staffing")
    assert [(p.row, p.column) for p in caught.value.problems] == [(2, "staff")]
