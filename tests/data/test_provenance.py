"""Every value in data/ traces to its source: quotes stand in the source text, formulas compute."""

import re

import pytest
from helpers import evaluate

from analysis.data import DATASETS, DataFolder, is_missing
from analysis.present import danish as fmt

# The columns whose values must stand in the quote (stated) or come out of the formula (derived; first
# column). An empty cell (a value not given, a target in words) is skipped.
VALUE_COLUMNS = {
    "complaints": ("count",),
    "complaint_benchmarks": ("value",),
    "complaint_proposals": ("value", "first_year", "last_year"),
    "compliance": ("low", "high"),
    "compliance_targets": ("target",),
    "applications": ("count",),
    "funding_periods": ("per_year_1000_kr", "first_year", "last_year"),
    "service_targets": ("value",),
    "service_results": ("low", "high"),
    "service_commitments": (),
    "staffing": ("amount_mio_kr", "staff"),
    "note_figures": ("low", "high", "first_year", "last_year"),
    "training": ("value",),
    "action_plan": ("number",),
    "action_plan_commitments": ("value",),
    "budget_lines": ("amount",),
    "capital_schedule": (),
    "price_index": ("index",),
    "cases": (),
    "claims": (),
    "assumptions": (),
}  # a claim's stated text must stand verbatim in its quote: see test_claims
# Small numbers that sources write as words ("en afdelingsleder", "tre borgercentre", "én måned").
NUMBER_WORDS = {1: ("en", "et", "én", "ét"), 2: ("to",), 3: ("tre",), 4: ("fire",), 5: ("fem",)}


def test_evaluate():
    assert evaluate("580 × (1 − 0,07)") == pytest.approx(539.4)
    assert evaluate("1.564 − 64") == 1500
    with pytest.raises(ValueError):
        evaluate("__import__('os')")


def rows() -> list:
    """Every shipped data row (optional data sets are not shipped)."""
    folder, found = DataFolder(), []
    for name in DATASETS:
        frame = folder.load(name)
        if frame is None or "quote" not in frame:  # not shipped, or the book's own log (assumptions)
            continue
        for index, row in frame.iterrows():
            found.append(pytest.param(folder, name, row, id=f"{name}-row{index + 2}"))
    return found


def _in_source(quote: str, text: str) -> bool:
    """A quote may leave text out with "…"; its parts must stand in the source in order."""
    position = 0
    for part in (p.strip() for p in quote.split("…")):
        position = text.find(part, position)
        if position < 0:
            return False
        position += len(part)
    return True


@pytest.mark.parametrize("folder, name, row", rows())
def test_quote_stands_verbatim_in_its_source(folder, name, row):
    assert _in_source(row["quote"], folder.source_text(row["source_id"])), (
        f"{name}: quote not found in {row['source_id']}: {row['quote']!r}"
    )


def written_forms(value: float) -> set[str]:
    """How a source may write a value: 1564 as 1.564 or 1564, 4.3 as 4,3 or 4,30, 3 as tre."""
    forms = {fmt.number(value, decimals) for decimals in (0, 1, 2) if round(value, decimals) == value}
    forms.add(str(int(value)) if float(value).is_integer() else str(value).replace(".", ","))
    return forms | set(NUMBER_WORDS.get(value, ()))


def test_written_forms():
    assert {"1.564", "1564"} <= written_forms(1564)
    assert {"4,3", "4,30"} <= written_forms(4.3) and "4" not in written_forms(4.3)
    assert "tre" in written_forms(3) and "en" not in written_forms(3)


def _stands_in(value: float, quote: str) -> bool:
    """The value is written in the quote, with its sign: "- 3.000" is -3000, and a number printed
    with a minus is no positive value. A budget table writes nothing (0) as a lone "-" cell."""
    if value == 0 and re.search(r"\t(<b>)?-(</b>)?(\t|$)", quote):
        return True
    # A minus counts only where no digit precedes it: "80-90" is a range, not minus 90.
    numbers = re.finditer(r"((?<!\d)-\s?)?(\d[\d.,]*\d|\d)", quote)
    tokens = {m.group(2) for m in numbers if bool(m.group(1)) == (value < 0) or value == 0}
    if value >= 0:
        tokens |= set(re.findall(r"[^\W\d_]+", quote.lower()))
    return bool(written_forms(abs(value)) & tokens)


@pytest.mark.parametrize("folder, name, row", rows())
def test_stated_value_appears_in_its_quote_and_derived_value_in_its_formula(folder, name, row):
    columns = VALUE_COLUMNS[name]
    if row.get("kind") == "derived":  # the claims register has no kind: its values are all stated
        assert evaluate(row["formula"]) == pytest.approx(row[columns[0]], abs=0.05)
        return
    for column in columns:
        value = row[column]
        if not is_missing(value):
            assert _stands_in(float(value), row["quote"]), f"{column} = {value} not in quote {row['quote']!r}"


def test_stands_in_matches_whole_numbers_only():
    assert _stands_in(4.3, "8,6 årsværk svarende til 4,30 mio. kr.")
    assert not _stands_in(4, "svarende til 4,30 mio. kr.")  # 4 is not 4,30
    assert not _stands_in(12.9, "behov for 12,8 årsværk")
    assert _stands_in(1, "28 sagsbehandlere og en afdelingsleder")
    assert not _stands_in(3, "flere borgercentre i 2023")
    assert _stands_in(-3000, "1.4 Budgetforbedring efter genopretning\t- 3.000\t- 4.500")
    assert not _stands_in(3000, "Budgetforbedring\t- 3.000")  # printed negative
    assert not _stands_in(-15550, "Serviceudgifter i alt\t15.550")  # printed positive
    assert _stands_in(0, "Genopretning\t4.300\t-\t-")
    assert _stands_in(90, "i 80-90 pct. af sagerne")


def test_every_data_set_names_its_value_columns():
    assert set(VALUE_COLUMNS) == set(DATASETS)
