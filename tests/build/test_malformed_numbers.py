"""The malformed-input corpus for cell values: numbers that read two ways, digits other than 0-9,
percentages written as shares, and dates pandas cannot hold or that lie in the future. Each broken
folder gets one line naming file, row and column and how to write the value, exit code 2, and the
book already built survives (see hostile.gives_one_line)."""

import pytest
from hostile import corpus, excel, gives_one_line, replace_in, write

COMPLAINT = "2018,formality,580,"
STAFF_ROW = "temporary,4.3,2012 p/l,8.6,fte"
CASES_HEADER = "case_id,borgercenter,case_type,received_date,decision_date,deadline_days\n"
INDEX_HEADER = "year,index,kind,source_id,quote,formula\n"


def index_file(*values: str):
    """A user's price index (an optional data set) with these index values, 2012 onwards."""
    rows = "".join(f'{2012 + i},"{v}",user-supplied,so49,x,\n' for i, v in enumerate(values))
    return write("price_index.csv", INDEX_HEADER + rows)


def cases_file(*rows: str):
    return write("cases.csv", CASES_HEADER + "".join(f"{row}\n" for row in rows))


# (id, how the folder is broken, what the one line must say)
CASES = [
    # A decimal comma in a count: "1,632" read as 1,6 before.
    (
        "comma-in-count",
        replace_in("complaints.csv", COMPLAINT, '2018,formality,"1,632",'),
        r"complaints.csv, row 4, column 'count': '1,632' has a decimal comma, but a count is a whole "
        r"number: write 1632 or 1.632",
    ),
    (
        "comma-in-applications-count",
        replace_in("applications.csv", ",490,stated", ',"1,490",stated'),
        r"applications.csv, row 4, column 'count': '1,490' has a decimal comma, but a count is a whole",
    ),
    (
        "comma-in-persons",
        replace_in(
            "training.csv", "Borgercenter Handicap,350,persons", 'Borgercenter Handicap,"1,350",persons'
        ),
        r"training.csv, row 2, column 'value': '1,350' has a decimal comma, but a count is a whole number",
    ),
    (
        "comma-in-count-by-unit",
        replace_in("complaint_benchmarks.csv", ",566,count,", ',"1,566",count,'),
        r"complaint_benchmarks.csv, row 2, column 'value': '1,566' has a decimal comma, but a count",
    ),
    (
        "comma-in-count-of-a-unit-pair",
        replace_in("service_results.csv", ",270,270,count,", ',"1,270",1270,count,'),
        r"service_results.csv, row 2, column 'low': '1,270' has a decimal comma, but a count",
    ),
    (
        "comma-in-whole-column",
        cases_file('A-1,handicap,BPA,2020-03-01,2020-03-10,"1,500"'),
        r"cases.csv, row 2, column 'deadline_days': '1,500' has a decimal comma, but the column takes "
        r"whole numbers: write 1500 or 1.500",
    ),
    # Mixed decimal styles in one column.
    (
        "danish-decimal-among-points",
        replace_in("staffing.csv", STAFF_ROW, 'temporary,"4,30",2012 p/l,8.6,fte'),
        r"staffing.csv, row 2, column 'amount_mio_kr': '4,30' is written the Danish way .*but row 3 "
        r"\('12.25'\) has a decimal point",
    ),
    (
        "thousands-dot-among-points",
        replace_in("complaints.csv", "2018,reality,1564,", "2018,reality,1.564,"),
        r"complaints.csv, row 8, column 'count': '1.564' could be 1564 or 1,564, as row 5 \('539.4'\) "
        r"writes decimals with a point",
    ),
    (
        "thousands-comma-among-points",
        replace_in("staffing.csv", STAFF_ROW, 'temporary,4.3,2012 p/l,"1,280",fte'),
        r"staffing.csv, row 2, column 'staff': '1,280' could be 1280 or 1,28, as row 4 \('12.8'\) writes "
        r"decimals with a point",
    ),
    (
        "point-among-danish",
        index_file("100", "101,5", "102,3", "1.04"),
        r"price_index.csv, row 5, column 'index': '1.04' has a decimal point, but row 3 \('101,5'\) is "
        r"written the Danish way",
    ),
    (
        "dot-and-comma-a-factor-1000-apart",
        index_file("1.564", "1,564"),
        r"price_index.csv, row 3, column 'index': '1,564' and '1.564' in row 2 would be read a factor "
        r"1000 apart",
    ),
    # Thousands dots (or commas) in years and price levels.
    (
        "year-with-a-thousands-dot",
        replace_in("complaints.csv", COMPLAINT, "2.018,formality,580,"),
        r"complaints.csv, row 4, column 'year': '2.018': a year is written without a thousands dot: 2018",
    ),
    (
        "year-with-a-comma",
        replace_in("funding_periods.csv", "Budget 2021),2022,,permanent", 'Budget 2021),"2,022",,permanent'),
        r"funding_periods.csv, row 3, column 'first_year': '2,022': a year is written without a comma: 2022",
    ),
    (
        "price-level-with-a-thousands-dot",
        replace_in("staffing.csv", STAFF_ROW, "temporary,4.3,2.012 p/l,8.6,fte"),
        r"staffing.csv, row 2, column 'price_level': '2.012': a price level is written without a "
        r"thousands dot: 2012 or '2012 p/l'",
    ),
    (
        "price-level-with-a-thousands-dot-in-a-table",
        replace_in("budget_lines.csv", ",2021,0,2021,stated", ",2021,0,2.021,stated"),
        r"budget_lines.csv, row 2, column 'price_level': '2.021': a price level is written without a "
        r"thousands dot",
    ),
    # Digits other than 0-9: never silently empty.
    (
        "full-width-digits-in-a-nullable-column",
        replace_in("funding_periods.csv", "permanent,15000,stated", "permanent,１５０００,stated"),
        r"funding_periods.csv, row 3, column 'per_year_1000_kr': '１５０００' holds the full-width digit "
        r"'１': type it with the digits 0-9",
    ),
    (
        "arabic-indic-digits-in-a-required-column",
        replace_in("complaints.csv", COMPLAINT, "2018,formality,٥٨٠,"),
        r"complaints.csv, row 4, column 'count': '٥٨٠' holds the Arabic-Indic digit '٥'",
    ),
    (
        "full-width-year",
        replace_in("complaints.csv", COMPLAINT, "２０１８,formality,580,"),
        r"complaints.csv, row 4, column 'year': '２０１８' holds the full-width digit '２'",
    ),
    (
        "superscript-digit",
        replace_in("training.csv", "Borgercenter Handicap,350,persons", "Borgercenter Handicap,35⁰,persons"),
        r"training.csv, row 2, column 'value': '35⁰' holds the superscript digit '⁰'",
    ),
    (
        "arabic-indic-digits-in-a-nullable-whole-column",
        cases_file("A-1,handicap,BPA,2020-03-01,,٣٠"),
        r"cases.csv, row 2, column 'deadline_days': '٣٠' holds the Arabic-Indic digit '٣'",
    ),
    (
        "full-width-digits-in-a-date",
        replace_in("compliance.csv", "voksne,2019-01-01,", "voksne,２０１９-01-01,"),
        r"compliance.csv, row 2, column 'period_start': '２０１９-01-01' holds the full-width digit '２'",
    ),
    # Percentages written as shares.
    (
        "share-in-a-percentage-column",
        replace_in("compliance_targets.csv", "handicap,80,stated", "handicap,0.80,stated"),
        r"compliance_targets.csv, row 2, column 'target': '0.80' looks like a share \(0,8\): write "
        r"percentages, e.g. 80",
    ),
    (
        "share-with-a-decimal-comma",
        replace_in(
            "compliance.csv", "voksne,2019-12-31,2019-12-31,71,71,", 'voksne,2019-12-31,2019-12-31,"0,71",71,'
        ),
        r"compliance.csv, row 3, column 'low': '0,71' looks like a share \(0,71\): write percentages, "
        r"e.g. 71",
    ),
    (
        "shares-where-the-unit-is-pct",
        replace_in("action_plan_commitments.csv", ",75,pct,", ",0.75,pct,"),
        r"action_plan_commitments.csv, row \d+, column 'value': '0.75' looks like a share \(0,75\)",
    ),
    (
        "share-in-an-excel-number-cell",
        excel(
            "compliance_targets",
            {
                "borgercenter": ["handicap"],
                "target": [0.8],
                "kind": ["stated"],
                "source_id": ["so49"],
                "quote": ["x"],
                "formula": [None],
            },
        ),
        r"compliance_targets.xlsx, row 2, column 'target': '0,8' looks like a share \(0,8\)",
    ),
    # Dates in the future, and dates pandas cannot hold.
    (
        "decision-date-in-the-future",
        cases_file("A-1,handicap,BPA,2020-03-01,2099-01-10,30"),
        r"cases.csv, row 2, column 'decision_date': '2099-01-10' lies in the future \(today is ",
    ),
    (
        "received-date-in-the-future",
        cases_file("A-1,handicap,BPA,2020-03-01,2020-03-10,30", "A-2,voksne,BPA,01-01-2099,,30"),
        r"cases.csv, row 3, column 'received_date': '01-01-2099' lies in the future",
    ),
    (
        "measurement-in-the-future",
        replace_in("compliance.csv", "voksne,2019-12-31,2019-12-31", "voksne,2019-12-31,2099-12-31"),
        r"compliance.csv, row 3, column 'period_end': '2099-12-31' lies in the future",
    ),
    (
        "date-in-2300",
        replace_in("compliance.csv", "voksne,2019-01-01,", "voksne,2300-01-01,"),
        r"compliance.csv, row 2, column 'period_start': '2300-01-01' lies outside the years 1900-2100",
    ),
    (
        "date-in-1800",
        replace_in("applications.csv", "brøkpension,2018-01-01,", "brøkpension,1800-01-01,"),
        r"applications.csv, row 2, column 'period_start': '1800-01-01' lies outside the years 1900-2100",
    ),
    (
        "danish-date-in-2300",
        cases_file("A-1,handicap,BPA,01-01-2300,,30"),
        r"cases.csv, row 2, column 'received_date': '01-01-2300' lies outside the years 1900-2100",
    ),
    (
        "partial-date-in-2305",
        replace_in("action_plan_commitments.csv", ",2005-08,august 2005", ",2305-08,august 2005"),
        r"action_plan_commitments.csv, row 2, column 'date': '2305-08' lies outside the years 1900-2100",
    ),
    # Not numbers, or not what they seem.
    (
        "scientific-notation",
        replace_in("complaints.csv", COMPLAINT, "2018,formality,1e5,"),
        r"complaints.csv, row 4, column 'count': '1e5' is written in scientific notation",
    ),
    (
        "inf",
        replace_in("funding_periods.csv", "permanent,15000,stated", "permanent,inf,stated"),
        r"funding_periods.csv, row 3, column 'per_year_1000_kr': 'inf' is not a number: write a number, "
        r"or leave the cell empty",
    ),
    (
        "nan-in-a-nullable-column",
        replace_in("funding_periods.csv", "permanent,15000,stated", "permanent,NaN,stated"),
        r"funding_periods.csv, row 3, column 'per_year_1000_kr': 'NaN' is not a number",
    ),
    (
        "en-dash-for-minus",
        replace_in("budget_lines.csv", ",-15550,", ",–15550,"),
        r"budget_lines.csv, row \d+, column 'amount': '–15550' starts with a dash, not a minus",
    ),
    (
        "space-inside-a-number",
        replace_in("complaints.csv", COMPLAINT, "2018,formality,5 80,"),
        r"complaints.csv, row 4, column 'count': '5 80' has a space inside the number",
    ),
    (
        "english-thousands",
        replace_in("funding_periods.csv", "permanent,15000,stated", 'permanent,"15,000,000",stated'),
        r"funding_periods.csv, row 3, column 'per_year_1000_kr': '15,000,000' groups thousands with commas",
    ),
    (
        "excel-text-cell-with-a-decimal-comma-in-a-count",
        excel(
            "complaints",
            {
                "year": [2018],
                "complaint_type": ["formality"],
                "count": ["1,632"],
                "kind": ["stated"],
                "source_id": ["klagetema2019"],
                "quote": ["x"],
                "formula": [None],
            },
        ),
        r"complaints.xlsx, row 2, column 'count': '1,632' has a decimal comma, but a count is a whole number",
    ),
]


@pytest.mark.parametrize("mutate, expected, through_build", corpus(CASES))
def test_a_malformed_value_gives_one_clear_line_and_leaves_the_book(
    mutate, expected, through_build, data_copy, tmp_path, capsys
):
    gives_one_line(mutate, expected, data_copy, tmp_path, capsys, through_build)


def test_the_corpus_has_several_cases_per_class():
    assert len(CASES) >= 35
