"""Executing the chapter notebooks with papermill: in parallel, and only those whose inputs changed.

Each notebook runs in a kernel of its own, so N notebooks can run side by side in N worker
processes. Before running, the cache (cache.py) is asked whether the last executed copy is still
good; the result says per notebook whether it "ran" (and why) or was "cached", and how long it took.
"""

from __future__ import annotations

import errno
import multiprocessing
import os
import tempfile
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from jupyter_client.manager import KernelManager
from traitlets import CaselessStrEnum, default

from analysis.build import cache
from analysis.data import DataFolder
from analysis.data.loading import READ_LOG
from analysis.present import ledger


class LocalKernelManager(KernelManager):
    """Kernels talk to papermill over local sockets (ipc), not TCP: nothing listens on a port,
    and the kernel does not print its warning about unencrypted TCP into the build's progress."""

    transport = CaselessStrEnum(["tcp", "ipc"], default_value="ipc")

    @default("ip")
    def _unique_socket_path(self) -> str:
        # jupyter_client's default, "kernel-ipc" in the working folder, is shared by kernels
        # running side by side in one folder: their messages would cross.
        return os.path.join(tempfile.gettempdir(), f"bnb-kernel-{uuid.uuid4().hex}-ipc")

    async def _async_interrupt_kernel(self) -> None:
        # jupyter_client interrupts (SIGINT) every kernel before asking it to shut down, to stop a
        # cell still running. papermill shuts a kernel down only when no cell runs (the last one
        # finished or failed; a timeout interrupts by itself), so that SIGINT has nothing to stop
        # and, landing while the kernel finishes its last reply, made it print "KeyboardInterrupt
        # caught in kernel" on successful builds. The shutdown request (and the kill, if the
        # kernel does not exit) ends it without one.
        if self.shutting_down:
            return
        await super()._async_interrupt_kernel()


# The errors of a write that fails for want of room or permission, not for the notebook's sake.
WRITE_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM}


class BuildError(Exception):
    """A step of the build failed; the message says which and where to look."""


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one job per notebook
class Job:
    notebook: Path  # the source notebook (never written to)
    output: Path  # where its executed copy goes
    parameters: dict  # what papermill injects
    label: str  # how progress lines name it, e.g. notebooks/klager.ipynb

    @property
    def record(self) -> Path:
        return self.output.with_suffix(".inputs.json")

    @property
    def log(self) -> Path:
        return self.output.with_suffix(".reads.log")


@dataclass(frozen=True)
class Outcome:
    job: Job
    ran: bool
    reason: str  # why it ran ("" when cached)
    seconds: float


def run_notebook(job: Job) -> float:
    """Run one notebook with papermill; on failure, say which cell and keep the failed copy."""
    import papermill  # imported here: worker processes pay for it, the parent need not

    started = time.perf_counter()
    job.output.parent.mkdir(parents=True, exist_ok=True)
    job.log.unlink(missing_ok=True)
    os.environ[READ_LOG] = str(job.log)  # the kernel inherits it; DataFolder logs every lookup
    os.environ[ledger.ENABLED] = "1"  # and its last cell hands over the chapter's numbers ledger
    try:
        papermill.execute_notebook(
            str(job.notebook),
            str(job.output),
            parameters=job.parameters,
            kernel_name="python3",
            progress_bar=False,
            log_output=False,
            cwd=str(job.output.parent),
            kernel_manager_class=LocalKernelManager,
        )
    except papermill.PapermillExecutionError as error:
        raise BuildError(
            f"{job.label}, {failed_cell(job.output, error.cell_index)}: {error.ename}: "
            f"{error.evalue} (the failed notebook is kept at {job.output} until the next build)"
        ) from None
    except OSError as error:
        if error.errno in WRITE_ERRNOS:
            raise  # a full disk or a read-only folder: the build says so in one line (outdir.py)
        raise BuildError(f"{job.label}: {type(error).__name__}: {error}") from None
    except Exception as error:  # the kernel died or did not start: still one line naming the notebook
        raise BuildError(f"{job.label}: {type(error).__name__}: {error}") from None
    finally:
        os.environ.pop(READ_LOG, None)
        os.environ.pop(ledger.ENABLED, None)
    return time.perf_counter() - started


def failed_cell(executed: Path, index: int) -> str:
    """The failing cell as the author sees it in the source notebook: its number (counting every
    cell from 1, without the cell papermill injects) and its first line."""
    import nbformat

    cells = [
        c
        for c in nbformat.read(executed, as_version=4).cells  # without papermill's error banner
        if "papermill-error-cell-tag" not in c.metadata.get("tags", [])
    ]
    injected = sum("injected-parameters" in c.metadata.get("tags", []) for c in cells[:index])
    first_line = cells[index].source.strip().splitlines()[0] if cells[index].source.strip() else ""
    return f"cell {index + 1 - injected} ({first_line[:60]})"


class Progress:
    """Counts notebooks as they finish, ran or cached, each once, across all the build's phases."""

    def __init__(self, total: int, say: Callable[[str], None] = print):
        self.total, self.done, self.say = total, 0, say

    def finished(self, line: str) -> None:
        self.done += 1
        self.say(f"[{self.done}/{self.total}] {line}")


def execute_all(
    jobs: list[Job],
    folder: DataFolder,
    workers: int = 1,
    force: bool = False,
    progress: Callable[[str], None] = print,
    counter: Progress | None = None,
) -> list[Outcome]:
    """Run the jobs whose inputs changed (all with `force`), `workers` at a time; reuse the rest."""
    counter = counter or Progress(len(jobs), progress)
    locked, declared = cache.dependencies(), cache.declared_parameters()
    current = {job: cache.fingerprint(job.notebook, job.parameters, locked, declared) for job in jobs}
    outcomes: dict[Job, Outcome] = {}
    stale: dict[Job, str] = {}
    for job in jobs:
        reason = "--force" if force else cache.why_stale(job.record, job.output, current[job], folder)
        if reason is None:
            outcomes[job] = Outcome(job, ran=False, reason="", seconds=0.0)
            counter.finished(f"cached {job.label}")
        else:
            stale[job] = reason

    def finished(job: Job, seconds: float) -> None:
        cache.store(job.record, current[job], job.log, folder, seconds)
        job.log.unlink(missing_ok=True)
        outcomes[job] = Outcome(job, ran=True, reason=stale[job], seconds=seconds)
        counter.finished(f"ran    {job.label} in {seconds:.1f} s ({stale[job]})")

    failures = _run(longest_first(stale), workers, finished, counter.say)
    if failures:
        raise BuildError("\n".join(failures))
    return [outcomes[job] for job in jobs]


def longest_first(stale: dict[Job, str]) -> list[Job]:
    """The stale jobs, longest first (as long as the last run took; never-run ones before all):
    with N workers the phase then ends soon after the longest notebook, not with one long
    notebook started last. Their records go: a failed run must not leave a valid-looking one."""
    previous = {job: cache.last_seconds(job.record) for job in stale}
    for job in stale:
        job.record.unlink(missing_ok=True)
    return sorted(stale, key=lambda job: -(previous[job] or float("inf")))


def _run(jobs: list[Job], workers: int, finished: Callable[[Job, float], None], say) -> list[str]:
    """Run the jobs, calling `finished` for each that succeeds; returns the failures' messages."""
    failures = []
    if workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            say(f"      running {job.label} ...")
            try:
                finished(job, run_notebook(job))
            except BuildError as error:
                return [str(error)]  # one at a time: stop at the first failure
        return failures
    # spawn, not fork: the parent may hold threads (and forked zmq state would be unsafe)
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=min(workers, len(jobs)), mp_context=context) as pool:
        running = {pool.submit(run_notebook, job): job for job in jobs}
        say(f"      running {len(running)} notebooks, {min(workers, len(jobs))} at a time ...")
        for future in as_completed(running):
            try:
                finished(running[future], future.result())
            except BuildError as error:
                failures.append(str(error))
            except OSError:  # a write failed: the others would fail alike, so none more starts
                for waiting in running:
                    waiting.cancel()
                raise
            except BrokenProcessPool:  # a worker was killed: every notebook not done fails with it
                unfinished = [
                    j.label for f, j in running.items() if isinstance(f.exception(), BrokenProcessPool)
                ]
                return [
                    f"a process running notebooks ended abruptly (killed, or out of memory) while "
                    f"{', '.join(unfinished)} ran: build again, or with --jobs 1 to see which"
                ]
    return failures
