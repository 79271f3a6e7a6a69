"""Compliance from a large case extract: analysis.cases against the same rule in DuckDB.

Generates a synthetic extract reproducibly (numpy seed), then runs each computation in its own
subprocess on the same data, measures its wall time and the child's peak memory (ru_maxrss),
checks that both give the same counts per borgercenter and period, and prints the numbers.

    python benchmarks/cases_vs_duckdb.py              # 10 million cases
    python benchmarks/cases_vs_duckdb.py --cases 1e6  # a quicker run

Loading the data into memory is not timed (it is the same for both; DuckDB gets it as its own
table first). Two forms of the data are run: `typed`, dates as dates; and `text`, dates as
YYYY-MM-DD text and units as text, which is how the book's data loader hands an extract over.
Target: the typed form within 2 x DuckDB's time and under 4 GB peak memory.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.calc import cases

UNITS = np.array(["handicap", "voksne", "boern-og-unge"])
DEADLINES = np.array([14, 28, 42, 56, 90, 180])
COUNTS = ["on_time", "late", "open_late", "open_within"]
TARGET_RATIO, TARGET_GB = 2.0, 4.0


def generate(n: int, seed: int, folder: Path) -> None:
    """n cases received 2018-2021; about 4 in 100 never decided, the rest decided after a
    gamma-distributed time around their deadline (so some late, some after the measurement date)."""
    rng = np.random.default_rng(seed)
    received = np.datetime64("2018-01-01") + rng.integers(0, 4 * 365, n)
    deadline = DEADLINES[rng.integers(0, len(DEADLINES), n)]
    decided = received + rng.gamma(2.0, deadline / 2.2).astype(np.int64)
    decided[rng.random(n) < 0.04] = np.datetime64("NaT")
    np.savez(
        folder / "cases.npz",
        unit=rng.integers(0, len(UNITS), n).astype(np.int8),
        received=received,
        decided=decided.astype("datetime64[D]"),
        deadline=deadline,
    )


def extract(folder: Path, form: str) -> pd.DataFrame:
    """The synthetic extract as the cases module receives it: typed, or with text as the loader gives."""
    arrays = np.load(folder / "cases.npz")
    frame = pd.DataFrame(
        {
            "borgercenter": pd.Categorical.from_codes(arrays["unit"], categories=UNITS),
            "received_date": arrays["received"].astype("datetime64[s]"),
            "decision_date": arrays["decided"].astype("datetime64[s]"),
            "deadline_days": pd.array(arrays["deadline"], dtype="Int64"),
        }
    )
    if form == "text":
        frame = frame.assign(
            borgercenter=frame["borgercenter"].astype(pd.StringDtype()),
            **{
                c: frame[c].dt.strftime("%Y-%m-%d").astype(pd.StringDtype())
                for c in ("received_date", "decision_date")
            },
        )
    return frame


def run_module(frame: pd.DataFrame, measured: str, period: str) -> pd.DataFrame:
    result = cases.compliance(frame, measured, period)
    return result[["borgercenter", "period_start", *COUNTS]]


DUCKDB_QUERY = """
WITH dated AS (
    SELECT borgercenter, received_date::DATE AS received,
           decision_date::DATE AS decided_on, deadline_days AS deadline
    FROM cases WHERE received_date::DATE <= DATE '{measured}'
), status AS (
    SELECT borgercenter, received, deadline,
           coalesce(decided_on <= DATE '{measured}', false) AS decided,
           CASE WHEN decided THEN decided_on ELSE DATE '{measured}' END AS day
    FROM dated
), counted AS (
    SELECT borgercenter, decided, day - received > deadline AS late,
           make_date(year(day), (month(day) - 1) // {months} * {months} + 1, 1) AS period_start
    FROM status
)
SELECT borgercenter, strftime(period_start, '%Y-%m-%d') AS period_start,
       count(*) FILTER (WHERE decided AND NOT late) AS on_time,
       count(*) FILTER (WHERE decided AND late) AS late,
       count(*) FILTER (WHERE NOT decided AND late) AS open_late,
       count(*) FILTER (WHERE NOT decided AND NOT late) AS open_within
FROM counted GROUP BY ALL HAVING count(*) FILTER (WHERE decided OR late) > 0
"""


def run_duckdb(measured: str, period: str, con) -> pd.DataFrame:
    months = {"quarter": 3, "half-year": 6, "year": 12}[period]
    return con.sql(DUCKDB_QUERY.format(measured=measured, months=months)).df()


def child(engine: str, folder: Path, form: str, measured: str, period: str, repeat: int) -> None:
    """One timed computation; prints its seconds as JSON and writes the counts beside the data."""
    frame = extract(folder, form)
    if engine == "duckdb":
        import duckdb

        con = duckdb.connect()
        # DuckDB's own storage at its best (dates as DATE, units as ENUM), not timed.
        dates = (
            "received_date::DATE AS received_date, decision_date::DATE AS decision_date"
            if form == "typed"
            else "received_date, decision_date"
        )
        con.execute(f"CREATE TABLE cases AS SELECT borgercenter, {dates}, deadline_days FROM frame")
        del frame
        compute = lambda: run_duckdb(measured, period, con)  # noqa: E731
    else:
        compute = lambda: run_module(frame, measured, period)  # noqa: E731
    seconds = []
    for _ in range(repeat):  # the best of a few runs: the machine is shared
        started = time.perf_counter()
        result = compute()
        seconds.append(time.perf_counter() - started)
    seconds = min(seconds)
    result.to_csv(folder / f"{engine}-{form}.csv", index=False)
    print(json.dumps({"seconds": seconds}))


def measure(
    engine: str, folder: Path, form: str, measured: str, period: str, repeat: int
) -> tuple[float, float]:
    """Run one child; its wall time of the computation and its peak memory in GB."""
    process = subprocess.Popen(
        [
            sys.executable,
            __file__,
            "--child",
            engine,
            "--folder",
            str(folder),
            "--form",
            form,
            "--measured",
            measured,
            "--period",
            period,
            "--repeat",
            str(repeat),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        sys.exit(f"the {engine} run failed (exit {process.returncode})")
    return json.loads(output.strip().splitlines()[-1])["seconds"], usage.ru_maxrss / 1024**2  # KiB -> GiB


def same(folder: Path, form: str) -> bool:
    frames = [
        pd.read_csv(folder / f"{e}-{form}.csv")
        .sort_values(["borgercenter", "period_start"])
        .reset_index(drop=True)
        for e in ("module", "duckdb")
    ]
    return frames[0].equals(frames[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=float, default=10_000_000)
    parser.add_argument("--seed", type=int, default=20240501)
    parser.add_argument("--measured", default="2021-12-31", help="measurement date")
    parser.add_argument("--period", default="quarter", choices=["quarter", "half-year", "year"])
    parser.add_argument("--forms", default="typed,text")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per computation (the best counts)")
    parser.add_argument("--child", choices=["module", "duckdb"], help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--form", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args.child, args.folder, args.form, args.measured, args.period, args.repeat)

    n = int(args.cases)
    with tempfile.TemporaryDirectory(prefix="cases-bench-") as tmp:
        folder = Path(tmp)
        clock = time.perf_counter()
        generate(n, args.seed, folder)
        print(
            f"{n:,} synthetic cases (seed {args.seed}) generated in {time.perf_counter() - clock:.1f} s; "
            f"measurement date {args.measured}, period {args.period}, {os.cpu_count()} cores"
        )
        failed = False
        for form in args.forms.split(","):
            (module_s, module_gb), (duck_s, duck_gb) = (
                measure(e, folder, form, args.measured, args.period, args.repeat)
                for e in ("module", "duckdb")
            )
            agree = same(folder, form)
            ratio = module_s / duck_s
            print(
                f"[{form}] analysis.cases {module_s:.2f} s, peak {module_gb:.2f} GB | "
                f"duckdb {duck_s:.2f} s, peak {duck_gb:.2f} GB | ratio {ratio:.2f} | "
                f"results {'identical' if agree else 'DIFFER'}"
            )
            failed |= not agree
            if form == "typed":
                met = ratio <= TARGET_RATIO and module_gb < TARGET_GB
                print(
                    f"[{form}] target (within {TARGET_RATIO:g} x DuckDB, under {TARGET_GB:g} GB): "
                    f"{'met' if met else 'NOT met'}"
                )
        sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
