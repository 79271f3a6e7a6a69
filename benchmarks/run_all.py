"""Run every benchmark in this folder in turn and record what they print, with the machine they
ran on, in benchmarks/RESULTS.md (the README links to it), followed by the hand-written section
scale_on_paper.md. `make bench` runs this."""

from __future__ import annotations

import datetime as dt
import os
import platform
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def machine() -> str:
    cpu = (
        next(
            (
                line.split(":", 1)[1].strip()
                for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")
            ),
            platform.processor() or "unknown CPU",
        )
        if Path("/proc/cpuinfo").is_file()
        else platform.processor()
    )
    memory = (
        next(
            (
                f"{int(line.split()[1]) / 1024**2:.0f} GiB"
                for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")
            ),
            "unknown",
        )
        if Path("/proc/meminfo").is_file()
        else "unknown"
    )
    return (
        f"{platform.system()} {platform.machine()}, {cpu}, {os.cpu_count()} cores, {memory} RAM, "
        f"Python {platform.python_version()}"
    )


def main() -> int:
    scripts = sorted(p for p in HERE.glob("*.py") if p.name != Path(__file__).name)
    sections, failed = [], False
    for script in scripts:
        print(f"== {script.name}", flush=True)
        result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True)
        print(result.stdout, end="")
        if result.returncode:
            failed = True
            print(result.stderr, file=sys.stderr)
        sections.append(
            f"## {script.name}\n\n```\n{result.stdout.strip()}\n```\n"
            + ("" if not result.returncode else f"\n(failed with exit code {result.returncode})\n")
        )
    header = (
        f"# Benchmark results\n\nLatest run: {dt.date.today().isoformat()}, written by "
        f"`make bench` (benchmarks/run_all.py).\n\nMachine: {machine()}.\n\n"
    )
    # The section on scale beyond one machine is written by hand; each run carries it along.
    on_paper = (HERE / "scale_on_paper.md").read_text(encoding="utf-8")
    (HERE / "RESULTS.md").write_text(header + "\n".join([*sections, on_paper]), encoding="utf-8")
    print(f"results written to {HERE / 'RESULTS.md'}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
