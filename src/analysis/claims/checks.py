"""The checks a claim in data/claims.csv names: each recomputes one stated number from the data
with the functions the chapters use (complaints, compliance, demand, costs, staffing), and says
how. A check uses only values the sources state (or a user supplies): a value the data derives
cannot confirm a claim, least of all the claim it was derived from.

A check returns an `Outcome`, or one per cell where a claim covers several (a table row, a run
of years). `value` None means the data cannot check the claim; `reason` says why.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property

import pandas as pd

from analysis.calc import complaints, compliance, costs, demand, staffing
from analysis.claims import printed_sums as sums
from analysis.claims.needs import ZeroBase, zero_base
from analysis.data import DataFolder, is_missing
from analysis.present import danish as fmt
from analysis.vocabulary import BORGERCENTRE, period_label, price_label, year_runs, year_span


@dataclass(frozen=True)
class Outcome:
    value: float | None  # the recomputed number, in `unit`; None: cannot be checked
    unit: str | None
    how: str = ""  # the arithmetic or the cell it was read from, in Danish
    reason: str = ""  # why the claim cannot be checked
    stated: float | None = None  # the stated number, where it is itself a cell of the data
    cell: str = ""  # which cell of the claim, where it covers several
    what: str = ""  # the table row a printed number stands in, in words
    inputs: tuple[str, ...] = ()  # the sources of the values it was computed from
    high: float | None = None  # the top of a range (value is its bottom), where the data give one
    user: bool = False  # the stated number is the user's (a cell of a user-supplied table row)


def sources_of(*rows) -> tuple[str, ...]:
    """The source ids of data rows (frames or single rows), each once, in order."""
    found = []
    for r in rows:
        if "source_id" not in r:
            raise LookupError("the rows a check read name no source")
        found += list(r["source_id"]) if isinstance(r, pd.DataFrame) else [r["source_id"]]
    return tuple(dict.fromkeys(s for s in found if isinstance(s, str)))


def unknown(reason: str, how: str = "") -> Outcome:
    return Outcome(None, None, how=how, reason=reason)


class Inputs:
    """The data the checks read, loaded once per register."""

    def __init__(self, folder: DataFolder):
        self.folder = folder
        self._wide: dict[str, pd.DataFrame] = {}

    def wide(self, table_id: str) -> pd.DataFrame:
        """A budget table with a column per year (costs.wide), worked out once per table."""
        if table_id not in self._wide:
            self._wide[table_id] = costs.wide(self.load("budget_lines"), table_id)
        return self._wide[table_id]

    def load(self, name: str) -> pd.DataFrame:
        return self.folder.load(name)

    @cached_property
    def sum_checks(self) -> pd.DataFrame:
        return sums.described(self.load("budget_lines"), self.folder.sources())

    @cached_property
    def table_names(self) -> dict[str, str]:
        return sums.table_names(self.load("budget_lines"), self.folder.sources())


def _n(value: float) -> str:
    return fmt.plain(value, 2)


def _one(frame: pd.DataFrame, what: str, file: str) -> pd.Series:
    """The one row of `file` the check reads (`what` it holds); none or several is a LookupError."""
    if len(frame) == 0:
        raise LookupError(f"it needs a row in {file} with {what}, and the data have none")
    if len(frame) > 1:
        raise LookupError(f"it needs one row in {file} with {what}, and the data have {len(frame)}")
    return frame.iloc[0]


# --- Complaints ------------------------------------------------------------------------------


def _counts(data: Inputs, complaint_type: str, years: list[int]) -> tuple[pd.Series | None, str]:
    """The counts for `years`, or None and why they cannot check a claim."""
    series = complaints.yearly(data.load("complaints"), complaint_type, min(years), max(years))
    rows = series.set_index("year").loc[years]
    missing = [y for y, c in rows["count"].items() if is_missing(c)]
    if missing:
        runs = [year_span(a, b) for a, b in year_runs(missing)]
        return None, f"Data har intet tal for {fmt.listing(runs)}."
    derived = rows[rows["kind"] == "derived"]
    if len(derived):
        year, row = next(iter(derived.iterrows()))
        return None, (
            f"Tallet for {year} er ikke oplyst i nogen kilde, men beregnet ({row['formula']}); "
            "bogen efterprøver kun med oplyste tal."
        )
    return rows["count"], ""


def _not_zero(data: Inputs, complaint_type: str, year: int, count) -> None:
    """A change is reckoned in per cent of this year's count: 0 is a ZeroBase naming its row."""
    if count == 0:
        rows = data.load("complaints")
        index = rows.index[(rows["complaint_type"] == complaint_type) & (rows["year"] == year)][0]
        raise ZeroBase(zero_base(data.folder, "complaints", index))


def _complaint_sources(data: Inputs, complaint_type: str, years) -> tuple[str, ...]:
    rows = data.load("complaints")
    years = [int(y) for y in years]
    return sources_of(rows[(rows["complaint_type"] == complaint_type) & rows["year"].isin(years)])


def percent_change(data: Inputs, complaint_type: str, base_year: str, year: str) -> Outcome:
    """The change from base_year to year in per cent of base_year (how a change is reckoned)."""
    base_year, year = int(base_year), int(year)
    counts, reason = _counts(data, complaint_type, [base_year, year])
    if counts is None:
        return unknown(reason)
    series = complaints.yearly(
        data.load("complaints"), complaint_type, min(base_year, year), max(base_year, year)
    )
    base, value = counts[base_year], counts[year]
    _not_zero(data, complaint_type, base_year, base)
    return Outcome(
        complaints.percent_change(series, base_year, year),
        "pct",
        f"({_n(value)} − {_n(base)}) ÷ {_n(base)} × 100",
        inputs=_complaint_sources(data, complaint_type, [base_year, year]),
    )


def percent_of_later(data: Inputs, complaint_type: str, base_year: str, year: str) -> Outcome:
    """The same change in per cent of the later year: a fall from `year` back to `base_year`,
    with its sign turned."""
    counts, reason = _counts(data, complaint_type, [int(base_year), int(year)])
    if counts is None:
        return unknown(reason)
    series = complaints.yearly(data.load("complaints"), complaint_type, int(base_year), int(year))
    base, value = counts[int(base_year)], counts[int(year)]
    _not_zero(data, complaint_type, int(year), value)
    return Outcome(
        -complaints.percent_change(series, int(year), int(base_year)),
        "pct",
        f"({_n(value)} − {_n(base)}) ÷ {_n(value)} × 100",
        inputs=_complaint_sources(data, complaint_type, [base_year, year]),
    )


def period_average(data: Inputs, complaint_type: str, first_year: str, last_year: str) -> Outcome:
    years = list(range(int(first_year), int(last_year) + 1))
    counts, reason = _counts(data, complaint_type, years)
    if counts is None:
        return unknown(reason)
    series = complaints.yearly(data.load("complaints"), complaint_type, years[0], years[-1])
    return Outcome(
        complaints.period_average(series, years[0], years[-1]),
        "count",
        f"({' + '.join(_n(c) for c in counts)}) ÷ {len(years)}",
        inputs=_complaint_sources(data, complaint_type, years),
    )


def reduced(data: Inputs, complaint_type: str, year: str, percent: str) -> Outcome:
    """A year's count less `percent` per cent (a target set as a reduction)."""
    counts, reason = _counts(data, complaint_type, [int(year)])
    if counts is None:
        return unknown(reason)
    count, share = float(counts.iloc[0]), float(percent)
    return Outcome(
        count * (1 - share / 100),
        "count",
        f"{_n(count)} × (1 − {_n(share)} %)",
        inputs=_complaint_sources(data, complaint_type, [year]),
    )


def above_ceiling(data: Inputs, benchmark_id: str) -> Outcome:
    """How far the count of a ceiling target's year lies above the ceiling."""
    benchmarks = data.load("complaint_benchmarks")
    target = _one(
        benchmarks[benchmarks["benchmark_id"] == benchmark_id],
        f"the benchmark {benchmark_id}",
        "complaint_benchmarks.csv",
    )
    year = int(target["last_year"])
    counts, reason = _counts(data, target["complaint_type"], [year])
    if counts is None:
        return unknown(reason)
    result = complaints.attainment(counts.iloc[0], target["value"])
    return Outcome(
        result.excess,
        "count",
        f"{_n(result.value)} − {_n(result.ceiling)} (målet for {year})",
        inputs=sources_of(target) + _complaint_sources(data, target["complaint_type"], [year]),
    )


# --- Case deadlines and applications ---------------------------------------------------------


def _measurement(data: Inputs, centre: str, period_end: str) -> pd.Series:
    shown = compliance.measurements(data.load("compliance"))
    rows = shown[(shown["borgercenter"] == centre) & (shown["period_end"] == period_end)]
    row = _one(rows, f"the compliance of {centre} ending {period_end}", "compliance.csv")
    words = {
        "period": period_label(row["start"], row["end"]),
        "value_text": fmt.pct_range(row["low"], row["high"]),
    }
    return pd.concat([row, pd.Series(words)])


def above_target(data: Inputs, centre: str, period_end: str) -> Outcome:
    """A measured share of cases within the deadline against the centre's target."""
    row = _measurement(data, centre, period_end)
    targets = data.load("compliance_targets").set_index("borgercenter")["target"]
    if centre not in targets.index:
        label = BORGERCENTRE[centre].label if centre in BORGERCENTRE else centre
        return unknown(f"Data har intet mål for {label}.")
    target_rows = data.load("compliance_targets")
    inputs = sources_of(row, target_rows[target_rows["borgercenter"] == centre])
    if row["is_range"]:
        return replace(unknown(f"Målingen er et interval ({row['value_text']}), ikke ét tal."), inputs=inputs)
    return Outcome(
        float(row["low"] - targets[centre]),
        "pct points",
        f"{_n(row['low'])} − {_n(targets[centre])} ({row['period']} mod målet)",
        inputs=inputs,
    )


def compliance_change(data: Inputs, centre: str, first_end: str, last_end: str) -> Outcome:
    first, last = _measurement(data, centre, first_end), _measurement(data, centre, last_end)
    points = compliance.change(first, last)
    if points is None:
        return replace(
            unknown("En af målingerne er et interval, så ændringen er ikke ét tal."),
            inputs=sources_of(first, last),
        )
    return Outcome(
        points,
        "pct points",
        f"{_n(last['low'])} − {_n(first['low'])} ({last['period']} mod {first['period']})",
        inputs=sources_of(first, last),
    )


def _periods(data: Inputs, application_type: str, starts: list[str]) -> list[pd.Series]:
    applications = data.load("applications")
    shown = demand.periods(applications.assign(row=applications.index), application_type, 1900, 2100)
    shown = shown.assign(
        period=[period_label(s, e) for s, e in zip(shown["period_start"], shown["period_end"])],
        per_month_formula=[f"{fmt.auto(c)} ÷ {m}" for c, m in zip(shown["count"], shown["months"])],
    )
    return [
        _one(
            shown[shown["period_start"] == s],
            f"the {application_type} applications from {s}",
            "applications.csv",
        )
        for s in starts
    ]


def applications_change(data: Inputs, application_type: str, first_start: str, last_start: str) -> Outcome:
    first, last = _periods(data, application_type, [first_start, last_start])
    if first["count"] == 0:
        raise ZeroBase(zero_base(data.folder, "applications", first["row"]))
    return Outcome(
        demand.percent_change(first["count"], last["count"]),
        "pct",
        f"({_n(last['count'])} − {_n(first['count'])}) ÷ {_n(first['count'])} × 100 "
        f"({last['period']} mod {first['period']})",
        inputs=sources_of(first, last),
    )


def monthly_change(data: Inputs, application_type: str, first_start: str, last_start: str) -> Outcome:
    """The change in applications per month, which compares a part of a year fairly with a year."""
    first, last = _periods(data, application_type, [first_start, last_start])
    return Outcome(
        last["per_month"] - first["per_month"],
        "per month",
        f"{last['per_month_formula']} − {first['per_month_formula']} "
        f"(pr. måned i {last['period']} mod {first['period']})",
        inputs=sources_of(first, last),
    )


# --- Budget tables -----------------------------------------------------------------------------


def _years(first_year: str, last_year: str | None) -> list[str]:
    return [str(y) for y in range(int(first_year), int(last_year or first_year) + 1)]


def _cells(
    data: Inputs, table_id: str, row_id: str, first_year: str, last_year: str | None, sign: int, word: str
) -> list[Outcome] | Outcome:
    table = data.wide(table_id)
    row = _one(table[table["row_id"] == row_id], f"row {row_id} of table {table_id}", "budget_lines.csv")
    found = []
    for year in _years(first_year, last_year):
        if year not in row or is_missing(row[year]):
            raise LookupError(f"table {table_id} has no amount for {year} in row {row_id}")
        where = f"{data.table_names[table_id]}, »{row['label']}«, {year}"
        found.append(
            Outcome(
                sign * float(row[year]),
                "1000 kr",
                f"{where}: {fmt.number(row[year])} (1.000 kr.){word}",
                cell=year if last_year else "",
                inputs=sources_of(row),
            )
        )
    return found if last_year else found[0]


def budget_cell(data: Inputs, table_id: str, row_id: str, first_year: str, last_year: str | None = None):
    """A table's amount for one year, or for each of a run of years."""
    return _cells(data, table_id, row_id, first_year, last_year, 1, "")


def budget_saving(data: Inputs, table_id: str, row_id: str, first_year: str, last_year: str | None = None):
    """A saving the table prints as a negative amount, as the positive sum a sentence names."""
    return _cells(data, table_id, row_id, first_year, last_year, -1, " (en besparelse, trykt med minus)")


def budget_years(data: Inputs, table_id: str, row_id: str) -> Outcome:
    """How many years a table row has an amount in ("en 1-årig bevilling")."""
    table = data.wide(table_id)
    row = _one(table[table["row_id"] == row_id], f"row {row_id} of table {table_id}", "budget_lines.csv")
    years = [c for c in row.index if str(c).isdigit()]
    used = [y for y in years if not is_missing(row[y]) and row[y] != 0]
    return Outcome(
        len(used),
        "years",
        f"{data.table_names[table_id]}, »{row['label']}«: beløb i "
        f"{fmt.listing(used) or 'ingen år'} af {fmt.listing(years)}",
        inputs=sources_of(row),
    )


def activity_total(data: Inputs, table_id: str, row_id: str) -> Outcome:
    """An activity's amount over all its years."""
    totals = costs.multi_year_totals(data.load("budget_lines"))
    row = _one(
        totals[(totals["table_id"] == table_id) & (totals["row_id"] == row_id)],
        f"the activity {row_id} of table {table_id}",
        "budget_lines.csv",
    )
    return Outcome(
        float(row["amount"]),
        "1000 kr",
        f"{data.table_names[table_id]}, »{row['label']}«: {sums.sum_text(row['parts'])} = "
        f"{fmt.number(row['amount'])}",
        inputs=sources_of(row),
    )


def printed_sums(data: Inputs, table_id: str, row_id: str) -> list[Outcome]:
    """Every sum a table row prints, one cell each, beside what its parts add up to (costs.sum_checks)."""
    checks = data.sum_checks[
        (data.sum_checks["table_id"] == table_id) & (data.sum_checks["row_id"] == row_id)
    ]
    if checks.empty:
        raise LookupError(f"row {row_id} of table {table_id} prints no sum")
    lines = data.load("budget_lines")
    row_lines = lines[(lines["table_id"] == table_id) & (lines["row_id"] == row_id)]
    return [
        Outcome(
            c["recomputed"],
            "1000 kr",
            f"{c['what']}: {c['sum']} = {fmt.number(c['recomputed'])}",
            stated=c["stated"],
            cell=f"{c['column']}/{c['check']}",
            what=f"{c['table']}, »{c['label']}«",
            inputs=sources_of(lines[lines["table_id"] == table_id]),
            user=bool((row_lines["kind"] == "user-supplied").any()),
        )
        for _, c in checks.iterrows()
    ]


def estimate_range(data: Inputs, group_id: str, first_year: str, last_year: str | None = None):
    """The range a group of estimates (note_figures: parts of a total, each a range) adds up to in
    a year, or in each of a run of years: the sum of their lower and of their upper bounds."""
    figures = data.load("note_figures")
    group = figures[figures["group_id"] == group_id]
    if group.empty:
        raise LookupError(f"no estimates in group {group_id}")
    found = []
    for year in _years(first_year, last_year):
        y = int(year)
        parts = group[(group["first_year"] <= y) & (group["last_year"].isna() | (group["last_year"] >= y))]
        parts = parts[parts["first_year"].notna()]
        if parts.empty:
            raise LookupError(f"no estimate of group {group_id} covers {year}")
        units = set(parts["unit"])
        low, high = float(parts["low"].sum()), float(parts["high"].sum())
        ranges = " + ".join(f"({_n(a)}–{_n(b)})" for a, b in zip(parts["low"], parts["high"]))
        found.append(
            Outcome(
                low,
                units.pop() if len(units) == 1 else None,
                f"skønnene for {year}: {ranges} = {_n(low)}–{_n(high)}",
                cell=year if last_year else "",
                inputs=sources_of(parts),
                high=high,
            )
        )
    return found if last_year else found[0]


# --- Staffing ------------------------------------------------------------------------------------


def part_sum(data: Inputs, item_id: str) -> Outcome:
    staffing_rows = data.load("staffing")
    sums = staffing.part_sums(staffing_rows)
    row = _one(sums[sums["item_id"] == item_id], f"the total {item_id}", "staffing.csv")
    parts = " + ".join(fmt.auto(v, 2) for v in row["parts"])
    return Outcome(
        row["parts_sum"],
        "mio. kr",
        f"{parts} = {_n(row['parts_sum'])} ({price_label(row['price_level'])})",
        inputs=sources_of(
            staffing_rows[staffing_rows["item_id"].isin([item_id])],
            staffing_rows[staffing_rows["part_of"] == item_id],
        ),
    )


def _divisor(row) -> str:
    """ "8,6", or "(28 + 1)" where leaders are counted with the caseworkers."""
    if row["variant"] == "all" and not is_missing(row["managers"]):
        return f"({fmt.plain(row['staff'], 1)} + {fmt.plain(row['managers'])})"
    return fmt.plain(row["staff"], 1)


def per_person(data: Inputs, item_id: str) -> Outcome:
    """FTEs or caseworkers said to match an amount: the amount per person is computed, but no
    source states a rate to hold it against."""
    rows = staffing.unit_amounts(data.load("staffing"))
    rows = rows[rows["item_id"] == item_id]
    if rows.empty:
        raise LookupError(f"staffing item {item_id} names no FTEs or caseworkers")
    each = "; ".join(
        f"{fmt.auto(r['amount_mio_kr'], 2)} × 1.000.000 ÷ {_divisor(r)} = {fmt.kr(r['value'])} "
        f"pr. person ({price_label(r['price_level'])})"
        for r in rows.to_dict("records")
    )
    return unknown(
        "Ingen kilde oplyser, hvad et årsværk eller en sagsbehandler koster, så antallet kan ikke "
        "holdes op mod beløbet.",
        how=each,
    )


CHECKS = {
    f.__name__: f
    for f in [
        percent_change,
        percent_of_later,
        period_average,
        reduced,
        above_ceiling,
        above_target,
        compliance_change,
        applications_change,
        monthly_change,
        budget_cell,
        budget_saving,
        budget_years,
        activity_total,
        printed_sums,
        estimate_range,
        part_sum,
        per_person,
    ]
}
