"""Case extracts at scale, measured as the user waits for them: file reading included.

Generates seeded, realistic case extracts in the data contract's format with DuckDB (unique ids,
valid dates, the book's borgercentre, some open cases) under _build/bench/, builds the book from
them into its own build folder (_build/bench/book: the user's book is untouched), and compares,
side by side in one run:

  (a) 10 million cases as CSV: the build's extra time (a build WITH the extract minus the same
      build WITHOUT it) against DuckDB alone reading the same file, checking it (unique ids, no
      decision before receipt, a positive deadline, a known borgercenter) and computing the same
      compliance table, in a fresh process.            target: at most 2 x DuckDB alone's time
      The build's peak memory (the sum of RSS over its whole process tree, sampled with psutil:
      the notebooks' kernels are its children) against DuckDB alone's.   target: at most 1.5 x
  (b) the same from Parquet.                           targets as (a)
  (c) a 200,000-row .xlsx extract: the build's extra time against the time the workbook takes to
      read with the fastest reader found.               target: at most 2 x
  (d) 100 million cases in Parquet: `python -m analysis validate` completes, under 4 GB peak.

Every "with extract" build reads the file for the first time: the typed copies a build keeps
(BUILD/extracts) are removed before it. Builds are noisy, so each variant is built --repeat times
(interleaved, after one untimed warm-up build) and the fastest counts; memory is the highest peak.
The book's computed table (the CSV download of the chapter Sagsfrister) must equal DuckDB alone's.
Each file is in the page cache when read (it was just generated or read), for the build and for
DuckDB alone alike. At small sizes the memory targets cannot be met: a build's own kernels take
about 0.8 GB with no extract at all.

    python benchmarks/extract_scale.py                                    # the issue's sizes
    python benchmarks/extract_scale.py --rows 1000000 --xlsx-rows 20000 --skip-100m
    python benchmarks/extract_scale.py --only-100m

Prints one line per target ("met" / "NOT met") and exits 1 if any is not met or a table differs.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import dataclasses
import io
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pandas as pd
import psutil

from analysis.data import extract
from analysis.paths import BUILD_DIR
from analysis.vocabulary import BORGERCENTRE

BENCH = BUILD_DIR / "bench"
TIME_RATIO, MEMORY_RATIO, PEAK_100M_GB = 2.0, 1.5, 4.0
GB = 1024**3
SAMPLE_SECONDS = 0.05  # how often the memory of a process tree is sampled
GENERATOR = "2"  # bump when the generated data change: generated files are reused by name

CASE_TYPES = ("§ 41", "§ 42", "§ 52", "§ 83", "§ 85", "§ 95", "§ 100", "§ 112")
DEADLINES = (14, 28, 42, 56, 90, 180)
FIRST_DAY, EXTRACT_DAY = "2016-01-01", "2025-12-31"  # received over ten years; the extract's date
COUNTS = ["on_time", "late", "open_within", "open_late"]


# --- Generating extracts --------------------------------------------------------------------------


def _list(values) -> str:
    return "[" + ", ".join(f"'{v}'" if isinstance(v, str) else str(v) for v in values) + "]"


def cases_sql(rows: int, seed: int) -> str:
    """`rows` cases, the same for the same seed: received 2016-2025, decided within 0 to 1.3 times
    their deadline (about a quarter late), 3 in 100 never decided and those decided after the
    extract's date open (no decision date)."""
    return f"""
    WITH drawn AS (
        SELECT i, hash(i, {int(seed)}) AS h FROM range({int(rows)}) t(i)
    ), cases AS (
        SELECT i,
               {_list(BORGERCENTRE)}[1 + (h % {len(BORGERCENTRE)})::INTEGER] AS borgercenter,
               {_list(CASE_TYPES)}[1 + ((h >> 8) % {len(CASE_TYPES)})::INTEGER] AS case_type,
               DATE '{FIRST_DAY}' + ((h >> 16) % 3653)::INTEGER AS received_date,
               {_list(DEADLINES)}[1 + ((h >> 32) % {len(DEADLINES)})::INTEGER] AS deadline_days,
               (h >> 40) % 100 AS never, (h >> 48) % 1000 AS pace
        FROM drawn
    ), decided AS (
        SELECT *, received_date + (pace * deadline_days * 13 // 10000)::INTEGER AS decided_on FROM cases
    )
    SELECT printf('%d-%09d', year(received_date), i) AS case_id, borgercenter, case_type,
           received_date,
           CASE WHEN never < 3 OR decided_on > DATE '{EXTRACT_DAY}' THEN NULL ELSE decided_on END
               AS decision_date,
           deadline_days
    FROM decided
    """


def generated(kind: str, rows: int, seed: int, under: Path = BENCH) -> Path:
    """A data folder holding only cases.<kind> (csv, parquet, xlsx) of `rows` cases; made once
    and reused (by rows, seed and generator version)."""
    folder = under / f"data-{kind}-{rows}-s{seed}-g{GENERATOR}"
    target = folder / f"cases.{kind}"
    if target.is_file():
        print(f"  {kind}: {rows:,} cases, reusing {target}", flush=True)
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    partial = folder / f".cases.{kind}.partial"
    clock = time.perf_counter()
    write_cases(partial, kind, rows, seed)
    os.replace(partial, target)
    size = target.stat().st_size / 1e6
    print(f"  {kind}: {rows:,} cases generated in {time.perf_counter() - clock:.1f} s ({size:,.0f} MB)")
    return folder


def write_cases(path: Path, kind: str, rows: int, seed: int) -> None:
    con = duckdb.connect()
    quiet(con)
    sql = cases_sql(rows, seed)
    if kind == "csv":
        con.execute(f"COPY ({sql}) TO {_literal(path)} (FORMAT csv, HEADER true)")
    elif kind == "parquet":
        con.execute(f"COPY ({sql}) TO {_literal(path)} (FORMAT parquet)")
    elif kind == "xlsx":
        write_workbook(path, con.execute(sql))
    else:
        raise ValueError(kind)
    con.close()


def write_workbook(path: Path, cursor) -> None:
    """The rows as an .xlsx sheet (openpyxl's write-only mode): dates as Excel date cells."""
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("cases")
    sheet.append([d[0] for d in cursor.description])
    while batch := cursor.fetchmany(50_000):
        for row in batch:
            sheet.append(row)
    with open(path, "wb") as file:
        book.save(file)


def quiet(con) -> None:
    with contextlib.suppress(duckdb.Error):
        con.execute("SET enable_progress_bar = false")


def _literal(text) -> str:
    return "'" + str(text).replace("'", "''") + "'"


# --- DuckDB alone: read, check and count the same file -------------------------------------------

CSV_COLUMNS = {
    "case_id": "VARCHAR",
    "borgercenter": "VARCHAR",
    "case_type": "VARCHAR",
    "received_date": "DATE",
    "decision_date": "DATE",
    "deadline_days": "INTEGER",
}
CHECKS = f"""
SELECT count(*) AS rows,
       count(*) - count(DISTINCT case_id) AS repeated_ids,
       count(*) FILTER (WHERE decision_date < received_date) AS decided_before_received,
       count(*) FILTER (WHERE deadline_days IS NULL OR deadline_days < 1) AS deadline_not_positive,
       count(*) FILTER (WHERE borgercenter IS NULL OR borgercenter NOT IN {tuple(BORGERCENTRE)})
           AS unknown_borgercenter
FROM cases
"""
# The chapter's rule (see calc/cases.py), written again independently: as of the latest date in the
# extract, per borgercenter and quarter, rows with at least one measured case.
COMPLIANCE = """
WITH measured AS (SELECT greatest(max(received_date), max(decision_date)) AS day FROM cases),
status AS (
    SELECT borgercenter, coalesce(decision_date <= day, false) AS decided,
           CASE WHEN decided THEN decision_date ELSE day END AS counted_on,
           counted_on - received_date > deadline_days AS late
    FROM cases, measured WHERE received_date <= day
)
SELECT borgercenter, strftime(date_trunc('quarter', counted_on), '%Y-%m-%d') AS period_start,
       count(*) FILTER (WHERE decided AND NOT late) AS on_time,
       count(*) FILTER (WHERE decided AND late) AS late,
       count(*) FILTER (WHERE NOT decided AND NOT late) AS open_within,
       count(*) FILTER (WHERE NOT decided AND late) AS open_late
FROM status GROUP BY ALL HAVING count(*) FILTER (WHERE decided OR late) > 0
"""


def relation(path: Path) -> str:
    if path.suffix == ".parquet":
        return f"read_parquet({_literal(path)})"
    columns = "{" + ", ".join(f"{_literal(c)}: {_literal(t)}" for c, t in CSV_COLUMNS.items()) + "}"
    return f"read_csv({_literal(path)}, header=true, auto_detect=false, columns={columns})"


def duckdb_alone(path: Path) -> tuple[float, dict, pd.DataFrame]:
    """Read the file into a table, check it, compute the compliance table: seconds, the checks'
    counts and the table."""
    started = time.perf_counter()
    con = duckdb.connect()
    quiet(con)
    con.execute(f"CREATE TABLE cases AS SELECT * FROM {relation(path)}")
    checks = con.execute(CHECKS).df().iloc[0].to_dict()
    table = con.execute(COMPLIANCE).df()
    seconds = time.perf_counter() - started
    con.close()
    return seconds, {k: int(v) for k, v in checks.items()}, table


def child_baseline(path: Path, result: Path) -> int:
    seconds, checks, table = duckdb_alone(path)
    table.to_csv(result, index=False)
    problems = {k: v for k, v in checks.items() if k != "rows" and v}
    print(json.dumps({"seconds": seconds, "rows": checks["rows"], "problems": problems}))
    return 3 if problems else 0


# --- Reading a workbook, each reader in its own process --------------------------------------------


def read_calamine(path: Path) -> int:
    import python_calamine

    return len(python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python())


def read_openpyxl(path: Path) -> int:
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    rows = sum(1 for _ in book.worksheets[0].iter_rows(values_only=True))
    book.close()
    return rows


def read_pandas_calamine(path: Path) -> int:
    return len(pd.read_excel(path, engine="calamine")) + 1


def read_duckdb_excel(path: Path) -> int:
    con = duckdb.connect()
    quiet(con)
    con.execute("LOAD excel")  # only if installed already: a benchmark downloads nothing
    return con.execute(f"SELECT count(*) FROM read_xlsx({_literal(path)}, header=false)").fetchone()[0]


READERS = {
    "python-calamine": read_calamine,
    "openpyxl read_only": read_openpyxl,
    "pandas (calamine engine)": read_pandas_calamine,
    "duckdb excel extension": read_duckdb_excel,
}


def child_reader(name: str, path: Path) -> int:
    started = time.perf_counter()
    try:
        rows = READERS[name](path)
    except Exception as error:  # noqa: BLE001 (a reader that cannot run here is reported, not fatal)
        print(json.dumps({"error": str(error).strip().splitlines()[0][:120]}))
        return 0
    print(json.dumps({"seconds": time.perf_counter() - started, "rows": rows}))
    return 0


# --- Running a process tree, its wall time and peak memory ----------------------------------------


@dataclasses.dataclass(frozen=True)
class Run:
    seconds: float  # wall time, start to exit
    peak: int  # bytes: the highest sum of RSS over the process and its descendants
    returncode: int
    output: str


def tree_memory(process: psutil.Process) -> tuple[int, int]:
    """The sum of RSS over the process and its descendants now, and the highest RSS any one of
    them has had (the kernel's high-water mark, VmHWM: a spike between two samples counts too)."""
    total, highest = 0, 0
    with contextlib.suppress(psutil.Error):
        for member in [process, *process.children(recursive=True)]:
            with contextlib.suppress(psutil.Error, OSError, ValueError):
                total += member.memory_info().rss
                highest = max(highest, _high_water(member.pid))
    return total, highest


def _high_water(pid: int) -> int:
    with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024  # kB
    return 0


def run_sampled(command: list[str], log: Path, env: dict | None = None) -> Run:
    """Run `command` with its output in `log`, sampling the memory of its process tree. (Not the
    kernel's ru_maxrss of the child: a child started by vfork inherits its parent's peak.)"""
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "w", encoding="utf-8") as out:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env)
        watched, peak = psutil.Process(process.pid), 0
        while process.poll() is None:
            peak = max(peak, *tree_memory(watched))
            time.sleep(SAMPLE_SECONDS)
        seconds = time.perf_counter() - started
    return Run(seconds, peak, process.returncode, log.read_text(encoding="utf-8", errors="replace"))


def child_json(run: Run, what: str) -> dict:
    if run.returncode:
        raise SystemExit(f"{what} failed (exit {run.returncode}):\n{run.output[-3000:]}")
    return json.loads(run.output.strip().splitlines()[-1])


def environment(cache: Path | None = None) -> dict:
    env = {k: v for k, v in os.environ.items() if k != extract.CACHE_DIR}
    if cache is not None:
        env[extract.CACHE_DIR] = str(cache)
    return env


# --- Targets -----------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Target:
    name: str
    measured: str  # what was measured, as printed
    ratio: float  # the measured value in the target's unit (a ratio, or GB)
    limit: float

    @property
    def met(self) -> bool:
        return self.ratio <= self.limit

    def line(self) -> str:
        return f"target {self.name}: {self.measured}: {'met' if self.met else 'NOT met'}"


def report(targets: list[Target], identical: bool) -> int:
    """Print a line per target; 1 if any is not met or a result differs, else 0."""
    print()
    for target in targets:
        print(target.line())
    print("results identical" if identical else "results DIFFER (see above)")
    return 0 if identical and all(t.met for t in targets) else 1


def gb(size: int) -> str:
    return f"{size / GB:.2f} GB"


# --- Builds -----------------------------------------------------------------------------------------

BOOK = BENCH / "book"  # the benchmark's own build folder (--out)
WITHOUT = "none"  # the variant built without an extract (an empty data folder)


def build(data: Path, label: str, reads_extract: bool) -> Run:
    """`python -m analysis build --force` from `data` into BOOK, with no typed copy of an
    extract left from an earlier build (so the extract is read, checked and hashed anew)."""
    shutil.rmtree(BOOK / "extracts", ignore_errors=True)
    command = [sys.executable, "-m", "analysis", "build", "--force", "--data", str(data), "--out", str(BOOK)]
    run = run_sampled(command, BENCH / "logs" / f"build-{label}.log", environment())
    if run.returncode:
        raise SystemExit(f"the build {label} failed (exit {run.returncode}):\n{run.output[-3000:]}")
    if reads_extract and not re.search(FRESH, run.output):
        raise SystemExit(f"the build {label} did not read the extract anew:\n{run.output[-3000:]}")
    return run


FRESH = r"cases\.\w+: [\d,]+ cases, read and checked in ([\d.]+) s"


def phases(output: str) -> dict[str, float]:
    """Where a build's time went, from what it prints."""
    found = {}
    patterns = {
        "read and check the extract": FRESH,
        "notebook phase": r"Notebooks: .* in ([\d.]+) s",
        "sagsfrister notebook": r"sagsfrister\S*\s+ran\s+([\d.]+) s",
        "kilder notebook": r"kilder\S*\s+ran\s+([\d.]+) s",
        "HTML": r"HTML: built in ([\d.]+) s",
    }
    for name, pattern in patterns.items():
        match = re.search(pattern, output)
        found[name] = float(match.group(1)) if match else 0.0
    return found


def book_table(out: Path = BOOK) -> pd.DataFrame:
    """The compliance table the built book computed: the chapter's CSV download, as a reader gets it."""
    page = (out / "html" / "notebooks" / "sagsfrister.html").read_text(encoding="utf-8")
    found = re.search(
        r'download="sagsfrister_beregnet\.csv" href="data:text/csv;charset=utf-8;base64,([A-Za-z0-9+/=]+)"',
        page,
    )
    if found is None:
        raise SystemExit(f"no computed table in {out / 'html' / 'notebooks' / 'sagsfrister.html'}")
    frame = pd.read_csv(io.StringIO(base64.b64decode(found.group(1)).decode("utf-8-sig")))
    return frame[["borgercenter", "period_start", *COUNTS]]


def same(one: pd.DataFrame, other: pd.DataFrame) -> bool:
    def normal(frame: pd.DataFrame) -> pd.DataFrame:
        frame = frame[["borgercenter", "period_start", *COUNTS]].astype(
            {"borgercenter": str, "period_start": str, **dict.fromkeys(COUNTS, "int64")}
        )
        return frame.sort_values(["borgercenter", "period_start"]).reset_index(drop=True)

    return normal(one).equals(normal(other))


# --- The measurements --------------------------------------------------------------------------------


@dataclasses.dataclass
class Measured:
    runs: list[Run] = dataclasses.field(default_factory=list)
    seconds: list[float] = dataclasses.field(default_factory=list)  # as timed (a child: inside it)

    def add(self, run: Run, seconds: float | None = None) -> None:
        self.runs.append(run)
        self.seconds.append(run.seconds if seconds is None else seconds)

    @property
    def best(self) -> float:
        return min(self.seconds)

    @property
    def peak(self) -> int:
        return max(r.peak for r in self.runs)

    def fastest(self) -> Run:
        return self.runs[self.seconds.index(self.best)]

    def text(self) -> str:
        runs = ", ".join(f"{s:.1f}" for s in self.seconds)
        return f"{self.best:.2f} s (runs: {runs} s), peak {gb(self.peak)}"


def baseline(path: Path, label: str, result: Path, repeat: int) -> Measured:
    """DuckDB alone on `path`, `repeat` times, each in a fresh process."""
    measured = Measured()
    for turn in range(repeat):
        command = [sys.executable, __file__, "--child", "baseline", str(path), "--result", str(result)]
        run = run_sampled(command, BENCH / "logs" / f"duckdb-{label}-{turn}.log", environment())
        measured.add(run, child_json(run, f"DuckDB alone on {path.name}")["seconds"])
    return measured


def readers(path: Path, repeat: int) -> dict[str, float]:
    """Each workbook reader's best time on `path` (those that cannot run here are said so)."""
    best = {}
    for name in READERS:
        times = []
        for turn in range(repeat):
            command = [sys.executable, __file__, "--child", "reader", str(path), "--reader", name]
            log = BENCH / "logs" / f"reader-{name.split()[0]}-{turn}.log"
            outcome = child_json(run_sampled(command, log, environment()), f"reading with {name}")
            if "error" in outcome:
                print(f"  {name}: not available here ({outcome['error']})")
                break
            times.append(outcome["seconds"])
        if times:
            best[name] = min(times)
            print(f"  {name}: {min(times):.2f} s (runs: {', '.join(f'{t:.2f}' for t in times)} s)")
    return best


def empty_folder() -> Path:
    folder = BENCH / "data-none"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


def builds(folders: dict[str, Path], repeat: int) -> tuple[dict[str, Measured], dict[str, list]]:
    """One untimed warm-up build, then each variant `repeat` times, interleaved; and each build's
    computed table."""
    print(f"warm-up build (not timed), then {repeat} x {len(folders)} builds, interleaved ...", flush=True)
    build(folders[WITHOUT], "warm-up", reads_extract=False)
    measured = {kind: Measured() for kind in folders}
    tables: dict[str, list] = {kind: [] for kind in folders if kind != WITHOUT}
    for turn in range(repeat):
        for kind, folder in folders.items():
            run = build(folder, f"{kind}-{turn}", reads_extract=kind != WITHOUT)
            measured[kind].add(run)
            print(f"  build {kind:<8} {run.seconds:6.1f} s, peak {gb(run.peak)}", flush=True)
            if kind != WITHOUT:
                tables[kind].append(book_table())
    return measured, tables


def where_time_goes(kind: str, with_: Measured, without: Measured) -> str:
    """The build's phases with the extract against without (the fastest build of each)."""
    have, lack = phases(with_.fastest().output), phases(without.fastest().output)
    parts = [f"{name} {have[name]:.1f} s (without {lack[name]:.1f} s)" for name in have]
    return f"  where the time goes ({kind}): " + "; ".join(parts)


def hash_seconds(path: Path) -> float:
    from analysis.build.cache import file_hash

    started = time.perf_counter()
    file_hash(path)
    return time.perf_counter() - started


def large_files(args) -> tuple[list[Target], bool]:
    """Targets (a)-(c)."""
    print("generating extracts (reused if generated before) ...", flush=True)
    folders = {
        WITHOUT: empty_folder(),
        "csv": generated("csv", args.rows, args.seed),
        "parquet": generated("parquet", args.rows, args.seed),
        "xlsx": generated("xlsx", args.xlsx_rows, args.seed),
    }
    twin = generated("parquet", args.xlsx_rows, args.seed) / "cases.parquet"  # the workbook's rows
    files = {kind: folders[kind] / f"cases.{kind}" for kind in ("csv", "parquet", "xlsx")}

    print(f"DuckDB alone (read, check, count; a fresh process each, best of {args.repeat}) ...", flush=True)
    alone, expected = {}, {}
    for kind in ("csv", "parquet"):
        result = BENCH / f"duckdb-{kind}.csv"
        alone[kind] = baseline(files[kind], kind, result, args.repeat)
        expected[kind] = pd.read_csv(result)
        print(f"  {kind}: {alone[kind].text()}", flush=True)
    baseline(twin, "xlsx-twin", BENCH / "duckdb-xlsx.csv", 1)
    expected["xlsx"] = pd.read_csv(BENCH / "duckdb-xlsx.csv")
    print(f"reading the {args.xlsx_rows:,}-row workbook (best of {args.repeat}, a fresh process each) ...")
    read = readers(files["xlsx"], args.repeat)

    measured, tables = builds(folders, args.repeat)
    without = measured[WITHOUT]
    spread = max(without.seconds) - min(without.seconds)
    print(f"build without an extract: {without.text()}; their spread, {spread:.1f} s, is the noise")
    targets, identical = [], True
    for kind in ("csv", "parquet", "xlsx"):
        rows = args.xlsx_rows if kind == "xlsx" else args.rows
        extra = measured[kind].best - without.best
        size = files[kind].stat().st_size / 1e6
        print(
            f"build with {rows:,} cases as {kind} ({size:,.0f} MB): {measured[kind].text()}; "
            f"extra {extra:.1f} s"
        )
        print(where_time_goes(kind, measured[kind], without))
        print(
            f"  one SHA-256 pass over the file: {hash_seconds(files[kind]):.2f} s (a build makes one: the "
            "record of what each chapter read reuses the extract's)"
        )
        agree = all(same(table, expected[kind]) for table in tables[kind])
        print(f"  {kind}: the book's table {'equals' if agree else 'DIFFERS from'} DuckDB alone's")
        identical &= agree
        targets += extract_targets(kind, rows, extra, measured[kind], alone.get(kind), read)
    return targets, identical


def extract_targets(kind, rows, extra, built: Measured, alone: Measured | None, read) -> list[Target]:
    letter = {"csv": "(a)", "parquet": "(b)", "xlsx": "(c)"}[kind]
    name = f"{letter} {kind}, {rows:,} cases"
    if alone is None:  # a workbook: against the fastest reader
        reader = min(read, key=read.get)
        ratio = extra / read[reader]
        measured = (
            f"extra build time {extra:.1f} s = {ratio:.2f} x the fastest read "
            f"({reader}, {read[reader]:.2f} s) "
            f"(target <= {TIME_RATIO:g} x)"
        )
        return [Target(f"{name}, time", measured, ratio, TIME_RATIO)]
    ratio, memory = extra / alone.best, built.peak / alone.peak
    return [
        Target(
            f"{name}, time",
            f"extra build time {extra:.1f} s = {ratio:.2f} x DuckDB alone ({alone.best:.2f} s) "
            f"(target <= {TIME_RATIO:g} x)",
            ratio,
            TIME_RATIO,
        ),
        Target(
            f"{name}, memory",
            f"build peak {gb(built.peak)} = {memory:.2f} x DuckDB alone ({gb(alone.peak)}) "
            f"(target <= {MEMORY_RATIO:g} x)",
            memory,
            MEMORY_RATIO,
        ),
    ]


def hundred_million(args) -> Target:
    """Target (d): validate a Parquet extract of --big-rows cases, its time and peak memory."""
    print(f"generating {args.big_rows:,} cases as Parquet (reused if generated before) ...", flush=True)
    folder = generated("parquet", args.big_rows, args.seed)
    cache = BENCH / "extracts-big"
    shutil.rmtree(cache, ignore_errors=True)
    command = [sys.executable, "-m", "analysis", "validate", "--data", str(folder)]
    print("python -m analysis validate ...", flush=True)
    run = run_sampled(command, BENCH / "logs" / "validate-big.log", environment(cache))
    print(f"  exit {run.returncode} in {run.seconds:.1f} s, peak {gb(run.peak)}")
    for line in run.output.splitlines():
        if "cases.parquet" in line:
            print(f"  {line.strip()}")
    if run.returncode:
        print("  " + "\n  ".join(run.output.strip().splitlines()[-5:]))
    shutil.rmtree(cache, ignore_errors=True)
    peak = run.peak / GB
    outcome = (
        f"completed in {run.seconds:.1f} s"
        if not run.returncode
        else f"did NOT complete (exit {run.returncode})"
    )
    return Target(
        f"(d) parquet, {args.big_rows:,} cases, validate",
        f"{outcome}, peak {peak:.2f} GB (target: completes under {PEAK_100M_GB:g} GB)",
        peak if not run.returncode else float("inf"),
        PEAK_100M_GB,
    )


def machine() -> str:
    return (
        f"{os.cpu_count()} cores ({psutil.cpu_count(logical=False)} physical), "
        f"{psutil.virtual_memory().total / GB:.0f} GB RAM, load {os.getloadavg()[0]:.2f}"
    )


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=10_000_000, help="cases in the CSV and Parquet extracts")
    parser.add_argument("--xlsx-rows", type=int, default=200_000, help="cases in the .xlsx extract")
    parser.add_argument("--big-rows", type=int, default=100_000_000, help="cases in target (d)'s Parquet")
    parser.add_argument("--skip-100m", action="store_true", help="leave out target (d)")
    parser.add_argument("--only-100m", action="store_true", help="only target (d)")
    parser.add_argument("--repeat", type=int, default=3, help="builds of each variant (the fastest counts)")
    parser.add_argument("--seed", type=int, default=20240501)
    parser.add_argument("--child", choices=["baseline", "reader"], help=argparse.SUPPRESS)
    parser.add_argument("path", nargs="?", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--reader", choices=list(READERS), help=argparse.SUPPRESS)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.child == "baseline":
        return child_baseline(args.path, args.result)
    if args.child == "reader":
        return child_reader(args.reader, args.path)
    print(f"machine: {machine()}; files under {BENCH}")
    print(
        f"memory: the highest sum of RSS over a process tree (sampled every {SAMPLE_SECONDS} s with psutil), "
        "or one process's high-water mark (VmHWM) if higher"
    )
    targets, identical = [], True
    if not args.only_100m:
        targets, identical = large_files(args)
    if not args.skip_100m:
        targets.append(hundred_million(args))
    return report(targets, identical)


if __name__ == "__main__":
    raise SystemExit(main())
