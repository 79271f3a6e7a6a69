"""Fictitious data folders, as an analyst would hand them to `python -m analysis build --data`.

Every number here is made up (sources say FIKTIV in their titles), and none may ever be copied
into data/. A `Spec` says what the folder holds: which years, how long the compliance periods are,
how many new budget notes, whether the values are user-supplied or stated in a supplied source
text (whose sentences the quotes then are), whether a price index and a case extract come along,
and in which file formats (CSV as Danish Excel saves it, .xlsx with real date cells). The two
canonical folders, `FOLDER_A` and `FOLDER_B`, differ from the shipped data and from each other in
every one of those dimensions; the property tests draw many more specs.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis.paths import DATA_DIR

USER_SOURCE = "fiktiv-bruger"
TEXT_SOURCE = "fiktivt-notat"
TEXT_FILE = "fiktivt_notat.txt"
PROVENANCE = ["kind", "source_id", "quote", "formula"]


@dataclass(frozen=True)
class Note:
    """A new budget note's cost table: `lines` rows over `years`, a total row, and printed totals
    as the note prints them, wrong by `error` (1.000 kr.) in the total row's first year."""

    note_id: str
    title: str
    price_level: int
    years: tuple[int, ...]
    lines: tuple[tuple[str, tuple[float, ...]], ...]
    error: float = 0


@dataclass(frozen=True)
class Spec:
    name: str
    seed: int = 1
    complaint_years: tuple[int, ...] = ()  # the years with a complaint count (others are gaps)
    reality_gaps: tuple[int, ...] = ()  # years with a formality count but no reality count
    complaints_kind: str = "user-supplied"  # or "stated" (quoted from the supplied source text)
    complaints_format: str = "csv"
    benchmarks: bool = False  # an average and a ceiling target over the user's own years
    compliance_years: tuple[int, ...] = ()
    compliance_months: int = 6  # 3 (quarters), 6 (half-years) or 12
    centres: tuple[str, ...] = ("handicap", "voksne")
    targets: dict[str, float] = field(default_factory=dict)
    funding: tuple[tuple[str, str, int, int | None], ...] = ()  # centre, status, first, last
    application_type: str = "brøkpension"
    application_years: tuple[int, ...] = ()
    application_months: int = 6
    partial_last_period: bool = False  # the last application period covers only part of its length
    applications_format: str = "csv"
    date_style: str = "iso"  # "iso", "danish-dash" (31-12-2022) or "danish-dot" (31.12.2022)
    notes: tuple[Note, ...] = ()
    price_index: tuple[int, ...] = ()  # the years of a supplied price index
    cases: int = 0  # rows of a case extract (0: none)
    csv_style: str = "danish"  # "danish" (BOM, ";", 1.564, CRLF) or "plain"


def _rng(spec: Spec) -> random.Random:
    return random.Random(f"{spec.name}-{spec.seed}")


# --- The sources -----------------------------------------------------------------------------------


class Text:
    """The supplied source text, written sentence by sentence as rows quote it."""

    def __init__(self) -> None:
        self.sentences: list[str] = []

    def quote(self, sentence: str) -> str:
        if sentence not in self.sentences:
            self.sentences.append(sentence)
        return sentence


def _registry(spec: Spec, text: Text, folder: Path) -> None:
    body = (
        f"FIKTIVT BUDGETNOTAT ({spec.name}) – kun til test af bogen, ikke rigtige tal.\n\n"
        + "\n".join(text.sentences)
        + "\n"
    )
    (folder / "sources").mkdir(parents=True, exist_ok=True)
    (folder / "sources" / TEXT_FILE).write_text(body, encoding="utf-8")
    checksum = hashlib.sha256(body.encode("utf-8")).hexdigest()
    rows = [
        {
            "source_id": USER_SOURCE,
            "short_title": f"FIKTIVE data {spec.name}",
            "title": f"FIKTIVE TESTDATA {spec.name} – kun til test af bogen, ikke rigtige tal",
            "organisation": "Testfixture",
            "municipality": "Københavns Kommune",
            "country": "Danmark",
            "date": "2024",
            "reference": "",
            "file": "",
            "url": f"https://example.invalid/{spec.name}",
            "sha256": "",
            "accessed": "",
        },
        {
            "source_id": TEXT_SOURCE,
            "short_title": f"Fiktivt notat {spec.name}",
            "title": f"FIKTIVT budgetnotat {spec.name}: flere sagsbehandlere (kun testdata)",
            "organisation": "Testfixture, Socialforvaltningen",
            "municipality": "Københavns Kommune",
            "country": "Danmark",
            "date": "2023-09-01",
            "reference": "FIKTIV-1",
            "file": TEXT_FILE,
            "url": "",
            "sha256": checksum,
            "accessed": "",
        },
    ]
    _write(pd.DataFrame(rows), folder / "sources" / "registry.csv", spec)


def _provenance(spec: Spec, kind: str, text: Text, sentence: str) -> dict:
    if kind == "stated":
        return {"kind": "stated", "source_id": TEXT_SOURCE, "quote": text.quote(sentence), "formula": ""}
    return {
        "kind": "user-supplied",
        "source_id": USER_SOURCE,
        "quote": f"FIKTIVT TAL ({spec.name})",
        "formula": "",
    }


# --- Number and date formats ------------------------------------------------------------------------


YEAR_COLUMNS = ("year", "first_year", "last_year", "price_level")


def _danish(value) -> str:
    if isinstance(value, str) or value is None:
        return value or ""
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    return f"{value:.1f}".replace(".", ",")


def _date(day: dt.date, spec: Spec) -> str:
    if spec.date_style == "danish-dash":
        return day.strftime("%d-%m-%Y")
    if spec.date_style == "danish-dot":
        return day.strftime("%d.%m.%Y")
    return day.isoformat()


def _write(frame: pd.DataFrame, path: Path, spec: Spec, fmt: str = "csv") -> Path:
    """A table as an analyst saves it: CSV the Danish Excel way, or .xlsx (dates as date cells)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "xlsx":
        path = path.with_suffix(".xlsx")
        frame.to_excel(path, index=False)
        return path
    if spec.csv_style == "danish":
        # Numbers with thousands dots, but a year as a year is written: 2019, never 2.019.
        years = [c for c in frame.columns if c in YEAR_COLUMNS]
        cells = frame.map(
            lambda v: _danish(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else v
        )
        cells[years] = frame[years].map(
            lambda v: "" if pd.isna(v) else str(int(v)) if isinstance(v, float) else v
        )
        cells = cells.map(lambda v: _date(v, spec) if isinstance(v, dt.date) else v)
        cells.to_csv(
            path, sep=";", index=False, encoding="utf-8-sig", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL
        )
    else:
        frame.map(lambda v: v.isoformat() if isinstance(v, dt.date) else v).to_csv(path, index=False)
    return path


# --- The data sets ----------------------------------------------------------------------------------


def _complaints(spec: Spec, text: Text, folder: Path) -> None:
    rng, rows = _rng(spec), []
    formality = 500 + rng.randint(-50, 50)
    for year in spec.complaint_years:
        formality = max(50, formality + rng.randint(-60, 60))
        reality = formality * 3 + rng.randint(-100, 100)
        counts = (
            {"formality": formality}
            if year in spec.reality_gaps
            else {"formality": formality, "reality": reality}
        )
        sentence = (
            f"I {year} modtog forvaltningen "
            + " og ".join(
                f"{_danish(n)} {'formalitetsklager' if t == 'formality' else 'realitetsklager'}"
                for t, n in counts.items()
            )
            + "."
        )
        for complaint_type, n in counts.items():
            rows.append(
                {
                    "year": year,
                    "complaint_type": complaint_type,
                    "count": n,
                    **_provenance(spec, spec.complaints_kind, text, sentence),
                }
            )
    _write(pd.DataFrame(rows), folder / "complaints.csv", spec, spec.complaints_format)
    if spec.benchmarks:
        years = [y for y in spec.complaint_years if y not in spec.reality_gaps]
        first, last = min(spec.complaint_years), max(spec.complaint_years)
        known = [r["count"] for r in rows if r["complaint_type"] == "formality"]
        average = round(sum(known) / len(known))
        avg_sentence = f"Gennemsnittet for {first}-{last} var {_danish(average)} formalitetsklager om året."
        ceiling = round(known[-1] * 0.9)
        ceiling_sentence = f"Målet er højst {_danish(ceiling)} formalitetsklager i {last}."
        bench = [
            {
                "benchmark_id": f"avg_{first}_{last}",
                "complaint_type": "formality",
                "measure": "average",
                "description": "gennemsnitligt antal formalitetsklager pr. år",
                "first_year": first,
                "last_year": last,
                "value": average,
                "unit": "count",
                **_provenance(spec, "stated", text, avg_sentence),
            },
            {
                "benchmark_id": f"ceiling_{last}",
                "complaint_type": "formality",
                "measure": "ceiling",
                "description": "antal formalitetsklager i året",
                "first_year": last,
                "last_year": last,
                "value": ceiling,
                "unit": "count",
                **_provenance(spec, "stated", text, ceiling_sentence),
            },
        ]
        assert years  # the average is over the formality counts of every listed year
        _write(pd.DataFrame(bench), folder / "complaint_benchmarks.csv", spec)


def _periods(years, months: int):
    for year in years:
        for start_month in range(1, 13, months):
            start = dt.date(year, start_month, 1)
            end_month = start_month + months - 1
            end = dt.date(year, end_month, 1) + pd.offsets.MonthEnd(0)
            yield start, end.date() if hasattr(end, "date") else end


def _compliance(spec: Spec, text: Text, folder: Path) -> None:
    rng, rows = _rng(spec), []
    for centre in spec.centres:
        share = 65 + rng.randint(0, 10)
        for start, end in _periods(spec.compliance_years, spec.compliance_months):
            share = min(99, max(40, share + rng.choice([-4, -2, 1, 3, 5])))
            low = high = float(share)
            if rng.random() < 0.15:
                low, high = float(share), float(min(100, share + 5))  # a range stays a range
            if rng.random() < 0.2:
                low = high = share + 0.5  # a value given with one decimal (78,5 stays 78,5)
            rows.append(
                {
                    "borgercenter": centre,
                    "period_start": start,
                    "period_end": end,
                    "low": low,
                    "high": high,
                    **_provenance(spec, "user-supplied", text, ""),
                }
            )
    _write(pd.DataFrame(rows), folder / "compliance.csv", spec)
    if spec.targets:
        targets = [
            {
                "borgercenter": c,
                "target": t,
                **_provenance(
                    spec,
                    "stated",
                    text,
                    f"Målet for {c} er, at {_danish(t)} pct. af sagerne afgøres inden for fristen.",
                ),
            }
            for c, t in spec.targets.items()
        ]
        _write(pd.DataFrame(targets), folder / "compliance_targets.csv", spec)
    if spec.funding:
        funding = []
        for centre, status, first, last in spec.funding:
            span = f"{first}-{last}" if last else f"fra {first}"
            sentence = (
                f"Borgercenter {centre} {'fik' if status == 'granted' else 'foreslås'} "
                f"midler {span} til flere sagsbehandlere."
            )
            funding.append(
                {
                    "funding_id": f"{centre}-{status}-{first}",
                    "borgercenter": centre,
                    "status": status,
                    "decision": f"FIKTIVT budget {first}",
                    "first_year": first,
                    "last_year": last or "",
                    "duration": "temporary" if last else "permanent",
                    "per_year_1000_kr": 4000,
                    **_provenance(spec, "stated", text, sentence),
                }
            )
        _write(pd.DataFrame(funding), folder / "funding_periods.csv", spec)


def _applications(spec: Spec, text: Text, folder: Path) -> None:
    rng, rows = _rng(spec), []
    periods = list(_periods(spec.application_years, spec.application_months))
    if spec.partial_last_period and spec.application_months > 1:
        start, _ = periods[-1]
        cut = dt.date(start.year, start.month + 1, 1) + pd.offsets.MonthEnd(0)
        periods[-1] = (start, cut.date())
    level = 40 + rng.randint(0, 20)
    for start, end in periods:
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        level = max(5, level + rng.randint(-5, 9))
        rows.append(
            {
                "application_type": spec.application_type,
                "period_start": start,
                "period_end": end,
                "count": level * months,
                **_provenance(spec, "user-supplied", text, ""),
            }
        )
    frame = pd.DataFrame(rows)
    if spec.applications_format == "xlsx":  # real Excel date cells, as an analyst's workbook has them
        frame["period_start"] = pd.to_datetime(frame["period_start"])
        frame["period_end"] = pd.to_datetime(frame["period_end"])
    _write(frame, folder / "applications.csv", spec, spec.applications_format)


def _budget_lines(spec: Spec, text: Text, folder: Path) -> None:
    shipped = pd.read_csv(DATA_DIR / "budget_lines.csv", dtype=str, keep_default_na=False)
    rows = []
    for note in spec.notes:
        table = f"{note.note_id}-t1"
        title = f"Tabel 1 - Udgifter i {note.title} (1.000 kr., {note.price_level} p/l)"
        sums = [sum(values[i] for _, values in note.lines) for i in range(len(note.years))]
        printed = [sums[0] + note.error, *sums[1:]]
        body = [
            *[(f"l{i}", label, "line", "total", values) for i, (label, values) in enumerate(note.lines, 1)],
            ("total", "Udgifter i alt", "total", "", printed),
        ]
        for position, (row_id, label, row_type, parent, values) in enumerate(body, 1):
            printed_total = sum(values)
            cells = "\t".join(_danish(v) for v in (*values, printed_total))
            sentence = text.quote(f"{label}\tService\t{cells}")
            common = {
                "table_id": table,
                "table_title": title,
                "row_id": row_id,
                "position": position,
                "parent_row_id": parent,
                "counterpart": "",
                "label": label,
                "row_type": row_type,
                "area": "service" if row_type == "line" else "",
                "committee": "",
                "appropriation": "",
                "income_expense": "",
                "price_level": note.price_level,
                "kind": "stated",
                "source_id": TEXT_SOURCE,
                "quote": sentence,
                "formula": "",
            }
            for year, amount in zip(note.years, values, strict=True):
                rows.append({**common, "year": year, "amount": amount})
            rows.append({**common, "year": "", "amount": printed_total})
    frame = pd.concat([shipped, pd.DataFrame(rows).astype(str)], ignore_index=True)[shipped.columns]
    frame.to_csv(folder / "budget_lines.csv", index=False)


def _price_index(spec: Spec, folder: Path) -> None:
    rows, index = [], 100.0
    for year in spec.price_index:
        rows.append(
            {
                "year": year,
                "index": round(index, 1),
                "kind": "user-supplied",
                "source_id": USER_SOURCE,
                "quote": f"FIKTIVT INDEKS ({spec.name})",
                "formula": "",
            }
        )
        index *= 1.021
    _write(pd.DataFrame(rows), folder / "price_index.csv", spec)


def write_cases(
    folder: Path,
    n: int,
    seed: int = 7,
    first=dt.date(2021, 1, 1),
    last=dt.date(2023, 12, 31),
    centres=("handicap", "voksne", "boern-og-unge"),
) -> Path:
    """A case extract of n cases received between `first` and `last`; some still open."""
    rng = random.Random(seed)
    days = (last - first).days
    rows = []
    for i in range(n):
        received = first + dt.timedelta(days=rng.randrange(days))
        deadline = rng.choice((30, 60, 90))
        took = int(rng.gammavariate(2.0, deadline / 2.5))
        decided = received + dt.timedelta(days=took)
        rows.append(
            (
                f"F{i:07d}",
                rng.choice(centres),
                rng.choice(("§ 41", "§ 85", "§ 95")),
                received.isoformat(),
                "" if decided > last else decided.isoformat(),
                deadline,
            )
        )
    path = folder / "cases.csv"
    with open(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(
            ["case_id", "borgercenter", "case_type", "received_date", "decision_date", "deadline_days"]
        )
        writer.writerows(rows)
    return path


def notes_as_users(folder: Path) -> Path:
    """The folder's new notes turned from stated (quoted from the supplied text) into the user's
    own rows: the same numbers, now user-supplied."""
    path = folder / "budget_lines.csv"
    text = path.read_text(encoding="utf-8")
    stated = f",stated,{TEXT_SOURCE},"
    assert stated in text  # test setup: the notes' rows are stated in the supplied note
    path.write_text(text.replace(stated, f",user-supplied,{USER_SOURCE},"), encoding="utf-8")
    return folder


def write(folder: Path, spec: Spec) -> Path:
    """The folder `spec` describes, written into `folder` (created; an existing one is replaced)."""
    folder = Path(folder)
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    text = Text()
    if spec.complaint_years:
        _complaints(spec, text, folder)
    if spec.compliance_years:
        _compliance(spec, text, folder)
    if spec.application_years:
        _applications(spec, text, folder)
    if spec.notes:
        _budget_lines(spec, text, folder)
    if spec.price_index:
        _price_index(spec, folder)
    if spec.cases:
        write_cases(folder, spec.cases, seed=spec.seed)
    _registry(spec, text, folder)
    return folder


# --- The two canonical folders ----------------------------------------------------------------------

# Next year's analyst: complaints 2019-2023 (user-supplied, one year without a reality count),
# half-year compliance 2020-2023 with targets and new funding for Voksne, applications as .xlsx
# with date cells, a new note with one wrong printed total, a price index, a case extract.
FOLDER_A = Spec(
    name="A",
    complaint_years=(2019, 2020, 2021, 2022, 2023),
    reality_gaps=(2021,),
    compliance_years=(2020, 2021, 2022, 2023),
    compliance_months=6,
    centres=("handicap", "voksne"),
    targets={"handicap": 85, "voksne": 75},
    funding=(("voksne", "granted", 2022, 2023),),
    application_years=(2020, 2021, 2022, 2023),
    application_months=6,
    applications_format="xlsx",
    notes=(
        Note(
            "fn23",
            "FIKTIVT notat FN23",
            2023,
            (2023, 2024, 2025, 2026),
            (
                ("Flere sagsbehandlere", (2000, 4000, 4000, 4000)),
                ("Kompetenceudvikling", (500, 500, 500, 0)),
                ("It-understøttelse", (300, 300, 0, 0)),
            ),
            error=100,
        ),
    ),
    price_index=tuple(range(2010, 2026)),
    cases=200_000,
)

# Different in every dimension: a long complaint series with gaps, stated in a supplied source
# text (so its quotes are checked), benchmarks over its own years; quarterly compliance for other
# centres, dates written the Danish way; another application type, yearly, the last year partial;
# two new notes; no price index and no case extract; plain CSV and .xlsx complaints.
FOLDER_B = Spec(
    name="B",
    seed=2,
    complaint_years=(
        2004,
        2005,
        2006,
        2008,
        2009,
        2010,
        2011,
        2014,
        2015,
        2016,
        2017,
        2018,
        2019,
        2020,
        2021,
        2022,
        2023,
        2024,
    ),
    reality_gaps=(2005, 2015),
    complaints_kind="stated",
    complaints_format="xlsx",
    benchmarks=True,
    compliance_years=(2021, 2022, 2023, 2024),
    compliance_months=3,
    centres=("boern-og-unge", "handicap"),
    targets={"boern-og-unge": 90},
    funding=(("handicap", "granted", 2021, 2022), ("boern-og-unge", "proposed", 2025, None)),
    application_type="førtidspension",
    application_years=tuple(range(2015, 2025)),
    application_months=12,
    partial_last_period=True,
    date_style="danish-dash",
    notes=(
        Note(
            "xb1",
            "FIKTIVT notat XB1",
            2024,
            (2025, 2026, 2027),
            (("Sagsbehandlere", (1000, 1000, 1000)), ("Ledelse", (200, 200, 200))),
        ),
        Note(
            "xb2",
            "FIKTIVT notat XB2",
            2022,
            (2022, 2023, 2024, 2025, 2026, 2027),
            (
                ("Ny enhed", (800, 900, 900, 900, 900, 900)),
                ("Uddannelse", (100, 100, 100, 100, 100, 100)),
                ("Besparelse", (-50, -50, -50, -50, -50, -50)),
            ),
            error=-20,
        ),
    ),
)
