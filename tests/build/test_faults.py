"""Faults while building: two builds at once, a read-only or full build folder, a build killed
while it puts the book in place, what killed builds leave, kernel noise, and build folders that
are refused. Each ends in one line (exit code 1, or 2 for a refused --out), and the reader is
never left without a book.

Most builds here are small fakes (no notebooks, a one-page "book"): what is tested is the build
folder, not the chapters. Where a fault needs a process of its own (killed, holding the lock, on
a small or read-only file system) the fake runs as a script, FAKE_BUILD."""

from __future__ import annotations

import errno
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
from conftest import skip_loudly
from hostile import line_of

from analysis.build import cli, execution, outdir, pipeline, stored_outputs
from analysis.data import DataFolder
from analysis.paths import DATA_DIR, NOTEBOOKS_DIR, REPO_ROOT

# A build of a one-page book: no notebooks (or those in $NOTEBOOKS), validation skipped, and
# jupyter-book replaced by writing index.html with $BOOK. With $READY and $GO it says when it
# holds the lock (creates READY) and waits for GO; with $KILL_AFTER=N it kills itself (SIGKILL,
# as kill -9) right after the Nth rename or link of the swap that puts the book in place.
FAKE_BUILD = """
import os, signal, sys, time
from pathlib import Path
from analysis.build import cli, pipeline
from analysis.data import DataFolder

DataFolder.validate_all = lambda self: {}
notebooks = [Path(n) for n in os.environ.get("NOTEBOOKS", "").split(os.pathsep) if n]
pipeline.chapter_notebooks = lambda: notebooks

def killing(name):
    real = getattr(os, name)
    def step(*args, **kwargs):
        real(*args, **kwargs)
        global steps
        steps += 1
        if steps == int(os.environ["KILL_AFTER"]):
            os.kill(os.getpid(), signal.SIGKILL)
    return step

def jupyter_book(stage):
    html = Path(stage) / "_build" / "html"
    html.mkdir(parents=True)
    (html / "index.html").write_text(os.environ["BOOK"], encoding="utf-8")
    if os.environ.get("READY"):
        Path(os.environ["READY"]).touch()
        while not Path(os.environ["GO"]).exists():
            time.sleep(0.05)
    if os.environ.get("KILL_AFTER"):  # from here on only the swap renames and links
        for name in ("rename", "replace", "symlink"):
            setattr(os, name, killing(name))

steps = 0
pipeline.jupyter_book = jupyter_book
if __name__ == "__main__":  # not in the notebook workers, which import this file as __mp_main__
    sys.exit(cli.main(sys.argv[1:]))
"""


@pytest.fixture
def fake_build(tmp_path):
    script = tmp_path / "fake_build.py"
    script.write_text(FAKE_BUILD, encoding="utf-8")
    return script


def run_fake(script: Path, out: Path, book: str, **env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(script), "build", "--out", str(out)],
        env={**os.environ, "BOOK": book, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def fake(monkeypatch):
    """The same fake in this process: cli.main(["build", ...]) builds a book saying "new book"."""
    monkeypatch.setattr(DataFolder, "validate_all", lambda self: {})
    monkeypatch.setattr(pipeline, "chapter_notebooks", lambda: [])

    def jupyter_book(stage):
        html = stage / "_build" / "html"
        html.mkdir(parents=True)
        (html / "index.html").write_text("new book", encoding="utf-8")

    monkeypatch.setattr(pipeline, "jupyter_book", jupyter_book)


def old_book(out: Path, versioned: bool = True) -> None:
    """A book built earlier into `out`: as this build leaves one (html a link into books/), or
    as builds before versioned books did (html a folder)."""
    out.mkdir(parents=True, exist_ok=True)
    book = out / ("old" if versioned else "html")
    book.mkdir()
    (book / "index.html").write_text("old book", encoding="utf-8")
    if versioned:
        outdir.publish(book, out)


def book_in(out: Path) -> str:
    return (out / "html" / "index.html").read_text(encoding="utf-8")


def nothing_half_made(out: Path) -> None:
    """Only a build folder's own things are left: one book version, no stage, link or lock."""
    names = {p.name for p in out.iterdir()}
    assert names <= {"html", "books", "executed", "html.inputs.json", "downloads"}, names
    assert len(list((out / "books").iterdir())) == 1
    assert (out / "html").is_symlink()


def wait_for(path: Path, process: subprocess.Popen, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, f"{path} did not appear"
        time.sleep(0.05)


# --- one build at a time ---------------------------------------------------------------------------


def test_a_second_build_into_the_same_folder_is_refused_and_the_first_finishes(fake_build, tmp_path, capsys):
    out = tmp_path / "out"
    ready, go = tmp_path / "ready", tmp_path / "go"
    first = subprocess.Popen(
        [sys.executable, str(fake_build), "build", "--out", str(out)],
        env={**os.environ, "BOOK": "first book", "READY": str(ready), "GO": str(go)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_for(ready, first)  # the first holds the lock and is building its book
        stage = [p for p in out.iterdir() if p.name.startswith("stage-")]
        # A real second build: it checks the data, then finds the folder taken.
        assert cli.main(["build", "--out", str(out)]) == 1
        line = line_of(capsys)
        assert re.fullmatch(
            rf"error: another build is using {re.escape(str(out))} \(pid {first.pid}, since "
            r"\d\d:\d\d:\d\d\): wait for it to finish, or build into another folder with --out DIR",
            line,
        ), line
        assert stage and all(p.is_dir() for p in stage)  # the running build's stage is not touched
    finally:
        go.touch()
        stdout, stderr = first.communicate(timeout=120)
    assert first.returncode == 0, stderr
    assert book_in(out) == "first book"
    nothing_half_made(out)


def test_store_outputs_and_a_build_take_turns_on_build(fake, tmp_path, monkeypatch, capsys):
    out = tmp_path / "_build"
    monkeypatch.setattr(stored_outputs, "BUILD_DIR", out)
    monkeypatch.setattr(stored_outputs, "run_notebooks", lambda *a, **k: pytest.fail("ran while locked"))
    with outdir.exclusive(out):  # a build holds _build: store-outputs waits its turn
        assert cli.main(["store-outputs"]) == 1
        assert re.fullmatch(
            rf"error: another build is using {re.escape(str(out))} \(pid {os.getpid()}, since "
            r"\d\d:\d\d:\d\d\): wait for it to finish",
            line_of(capsys),
        )
    with outdir.exclusive(out, "store-outputs"):  # and the other way round, saying who it is
        assert cli.main(["build", "--out", str(out)]) == 1
        assert re.match(rf"error: store-outputs is using {re.escape(str(out))} \(pid", line_of(capsys))
    assert cli.main(["build", "--out", str(out)]) == 0  # the lock went with the holder
    assert book_in(out) == "new book" and not (out / outdir.LOCK).exists()


# Processes that add 1 to a counter N times, each time holding the lock (and retrying when busy).
COUNTING = """
import sys
from pathlib import Path
from analysis.build import outdir
folder, times, done = Path(sys.argv[1]), int(sys.argv[2]), 0
while done < times:
    try:
        with outdir.exclusive(folder):
            value = int((folder / "counter").read_text())
            (folder / "counter").write_text(str(value + 1))
            done += 1
    except outdir.FolderBusy:
        pass
"""


def test_the_lock_lets_one_in_at_a_time_though_its_file_comes_and_goes(tmp_path):
    """The lock file goes when its holder is done; one that opened it just before must not then
    lock the removed file while a third locks the new one (a lost update would show it)."""
    (tmp_path / "counter").write_text("0")
    counting = [
        subprocess.Popen([sys.executable, "-c", COUNTING, str(tmp_path), "100"], stderr=subprocess.PIPE)
        for _ in range(3)
    ]
    for process in counting:
        assert process.wait(timeout=300) == 0, process.stderr.read()
    assert (tmp_path / "counter").read_text() == "300"
    assert not (tmp_path / outdir.LOCK).exists()


def test_a_killed_build_does_not_block_the_next(fake_build, fake, tmp_path):
    out = tmp_path / "out"
    killed = run_fake(fake_build, out, "killed", KILL_AFTER="1")
    assert killed.returncode == -9
    assert (out / outdir.LOCK).exists()  # the lock file stays; the lock died with its holder
    assert cli.main(["build", "--out", str(out)]) == 0
    assert book_in(out) == "new book"
    nothing_half_made(out)


# --- the swap: never a moment without a book ----------------------------------------------------------


@pytest.mark.parametrize(
    "kill_after, seen",
    [
        (1, "old book"),  # the new book moved into books/, no link to it yet
        (2, "old book"),  # the new link made beside html, not yet renamed over it
        (3, "new book"),  # html renamed to the new book; the old version not yet removed
    ],
)
def test_a_build_killed_during_the_swap_leaves_a_book(fake_build, tmp_path, kill_after, seen):
    out = tmp_path / "out"
    old_book(out)
    killed = run_fake(fake_build, out, "new book", KILL_AFTER=str(kill_after))
    assert killed.returncode == -9, killed.stderr
    assert book_in(out) == seen
    # The next build (here: its first step, under the lock) removes what the killed one left.
    with outdir.exclusive(out):
        outdir.remove_leftovers(out)
    assert book_in(out) == seen
    nothing_half_made(out)


def test_a_book_from_before_versions_is_taken_over(fake, tmp_path):
    out = tmp_path / "out"
    old_book(out, versioned=False)
    assert cli.main(["build", "--out", str(out)]) == 0
    assert book_in(out) == "new book"
    nothing_half_made(out)


def test_a_build_killed_while_taking_over_an_old_book_is_repaired_by_the_next(fake_build, tmp_path):
    """The one-time step (html a folder, from before versions) has a window between two renames:
    killed there, html is missing until the next build links the newer book."""
    out = tmp_path / "out"
    old_book(out, versioned=False)
    killed = run_fake(fake_build, out, "new book", KILL_AFTER="3")  # html moved into books/
    assert killed.returncode == -9, killed.stderr
    assert not os.path.lexists(out / "html") and len(list((out / "books").iterdir())) == 2
    with outdir.exclusive(out):
        outdir.remove_leftovers(out)
    assert book_in(out) == "new book"
    nothing_half_made(out)


def test_a_book_an_older_build_left_as_html_old_is_put_back(tmp_path):
    """Builds before this one renamed html to html.old, then the new book to html: killed between
    the two, they left no html. The next build puts the old book back first."""
    out = tmp_path / "out"
    (out / "html.old").mkdir(parents=True)
    (out / "html.old" / "index.html").write_text("old book", encoding="utf-8")
    outdir.remove_leftovers(out)
    assert book_in(out) == "old book"
    nothing_half_made(out)


# --- what killed builds leave ----------------------------------------------------------------------


def test_leftovers_of_killed_builds_are_removed_by_the_next_build(fake, tmp_path):
    out = tmp_path / "out"
    old_book(out)
    (out / "stage-k1l2ed" / "_build").mkdir(parents=True)  # a staging folder
    (out / "books" / "20200101-000000-abcdef").mkdir()  # a version nobody links to
    os.symlink("books/20200101-000000-abcdef", out / "html.new-12345678")  # a half-made link
    executed = out / "executed" / "notebooks"
    executed.mkdir(parents=True)
    for name in ["done.ipynb", "done.inputs.json", "half.ipynb", "half.reads.log"]:
        (executed / name).write_text("{}", encoding="utf-8")
    (out / outdir.LOCK).write_text("99999 0 build\n", encoding="utf-8")  # its lock file

    assert cli.main(["build", "--out", str(out)]) == 0
    nothing_half_made(out)
    assert book_in(out) == "new book"
    # A finished run (it has its cache record) stays; a run that did not finish goes.
    assert sorted(p.name for p in executed.iterdir()) == ["done.inputs.json", "done.ipynb"]


def test_a_failed_build_leaves_the_old_book_and_nothing_else(fake, tmp_path, monkeypatch, capsys):
    def fail(stage):
        raise execution.BuildError("jupyter-book build failed: a warning")

    monkeypatch.setattr(pipeline, "jupyter_book", fail)
    out = tmp_path / "out"
    old_book(out)
    assert cli.main(["build", "--out", str(out)]) == 1
    assert line_of(capsys) == "error: jupyter-book build failed: a warning"
    assert book_in(out) == "old book"
    nothing_half_made(out)


def test_an_interrupted_build_is_one_line_and_leaves_the_old_book(fake, tmp_path, monkeypatch, capsys):
    def interrupted(stage):
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline, "jupyter_book", interrupted)
    out = tmp_path / "out"
    old_book(out)
    assert cli.main(["build", "--out", str(out)]) == 130
    assert line_of(capsys) == "error: interrupted: the next build removes what this one left"
    assert book_in(out) == "old book"
    nothing_half_made(out)  # the lock and the stage went as the build unwound


def test_a_killed_notebook_worker_is_one_line(tmp_path, data_copy):
    """A worker process killed (by the OOM killer, say) breaks the pool: one line, not its traceback."""
    notebooks = []
    for name, code in [
        ("quick", "1"),
        ("killer", "import os, signal\nos.kill(os.getppid(), signal.SIGKILL)"),
    ]:
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)])
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nbformat.write(nb, tmp_path / f"{name}.ipynb")
        notebooks.append(tmp_path / f"{name}.ipynb")
    jobs = [execution.Job(nb, tmp_path / "out" / nb.name, {}, nb.name) for nb in notebooks]
    with pytest.raises(execution.BuildError) as failed:
        execution.execute_all(jobs, DataFolder(data_copy), workers=2, progress=lambda _: None)
    assert re.fullmatch(
        r"a process running notebooks ended abruptly \(killed, or out of memory\) while "
        r"(quick.ipynb, )?killer.ipynb ran: build again, or with --jobs 1 to see which",
        str(failed.value),
    ), str(failed.value)


# --- writes that fail ------------------------------------------------------------------------------

CANNOT_WRITE = r"error: cannot write to {out}: {what}: {todo}"
ELSEWHERE = "build into another folder with --out DIR"


def cannot_write(out: Path, what: str, todo: str) -> str:
    return CANNOT_WRITE.format(out=re.escape(str(out)), what=what, todo=todo)


@pytest.mark.parametrize(
    "number, what, todo",
    [
        (errno.EROFS, "read-only file system", ELSEWHERE),
        (errno.ENOSPC, "no space left on device", f"free space or {ELSEWHERE}"),
        (errno.EDQUOT, "disk quota exceeded", f"free space within your disk quota or {ELSEWHERE}"),
        (errno.EACCES, "permission denied", f"make it writable for you or {ELSEWHERE}"),
    ],
)
def test_a_write_that_fails_while_the_book_is_put_in_place_is_one_line(
    fake, tmp_path, monkeypatch, capsys, number, what, todo
):
    out = tmp_path / "out"
    old_book(out)

    def fails(source, target, *args, **kwargs):
        raise OSError(number, os.strerror(number), str(target))

    monkeypatch.setattr(outdir.os, "symlink", fails)
    assert cli.main(["build", "--out", str(out)]) == 1
    assert re.fullmatch(cannot_write(out, what, todo), line_of(capsys))
    assert book_in(out) == "old book"
    nothing_half_made(out)


def test_a_failed_write_while_taking_over_an_old_book_puts_it_back(fake, tmp_path, monkeypatch, capsys):
    out = tmp_path / "out"
    old_book(out, versioned=False)

    def fails(source, target):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(source), None, str(target))

    monkeypatch.setattr(outdir.os, "replace", fails)
    assert cli.main(["build", "--out", str(out)]) == 1
    assert re.fullmatch(
        cannot_write(out, "no space left on device", f"free space or {ELSEWHERE}"), line_of(capsys)
    )
    assert not (out / "html").is_symlink() and book_in(out) == "old book"  # the old folder, back
    assert sorted(p.name for p in out.iterdir()) == ["books", "html"] and not any((out / "books").iterdir())


def test_a_disk_that_fills_while_a_notebook_runs_is_one_line(tmp_path, monkeypatch, capsys):
    """papermill writes the executed notebook as it runs; a full disk there is the same line."""
    import papermill

    notebook = tmp_path / "chapter.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1")]), notebook)
    monkeypatch.setattr(DataFolder, "validate_all", lambda self: {})
    monkeypatch.setattr(pipeline, "chapter_notebooks", lambda: [notebook])
    out = tmp_path / "out"
    old_book(out)

    def full(source, output, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", output)

    monkeypatch.setattr(papermill, "execute_notebook", full)
    assert cli.main(["build", "--out", str(out), "--jobs", "1"]) == 1
    assert re.fullmatch(
        cannot_write(out, "no space left on device", f"free space or {ELSEWHERE}"), line_of(capsys)
    )
    assert book_in(out) == "old book"


def test_a_disk_that_fills_under_jupyter_book_is_one_line(tmp_path, monkeypatch, capsys):
    """jupyter-book runs as a process of its own; its failed write is read from what it printed."""
    monkeypatch.setattr(DataFolder, "validate_all", lambda self: {})
    monkeypatch.setattr(pipeline, "chapter_notebooks", lambda: [])
    out = tmp_path / "out"
    old_book(out)

    def full_disk(command, **kwargs):
        stage = command[command.index("--path-output") + 1]
        printed = (
            f"Traceback ...\nOSError: [Errno 28] No space left on device: '{stage}/_build/html/x.html'\n"
        )
        return subprocess.CompletedProcess(command, 1, stdout="Running Sphinx\n", stderr=printed)

    monkeypatch.setattr(pipeline.subprocess, "run", full_disk)
    assert cli.main(["build", "--out", str(out)]) == 1
    assert re.fullmatch(
        cannot_write(out, "no space left on device", f"free space or {ELSEWHERE}"), line_of(capsys)
    )
    assert book_in(out) == "old book"
    nothing_half_made(out)


def test_write_failures_copied_in_bulk_or_outside_the_folder_are_named_right(tmp_path):
    out = tmp_path / "out"
    target = out / "stage-x" / "_static" / "book.css"
    why = f"[Errno 28] No space left on device: '/repo/_static/book.css' -> '{target}'"
    copied = shutil.Error([("/repo/_static/book.css", str(target), why)])  # what copytree raises
    assert outdir.write_failure(copied, out) == (
        f"cannot write to {out}: no space left on device: free space or {ELSEWHERE}"
    )
    bundle = "/repo/node_modules/plotly.js-basic-dist-min/plotly-basic.min.js"
    target = out / "stage-x" / "_plotly" / "plotly.min.js"
    copy = OSError(errno.ENOSPC, "No space left on device", bundle, None, str(target))
    assert outdir.write_failure(copy, out) == outdir.write_failure(copied, out)  # what copy2 raises
    elsewhere = OSError(errno.EACCES, "Permission denied", "/etc/elsewhere")
    assert outdir.write_failure(elsewhere, out) == (
        "cannot use /etc/elsewhere: permission denied: check its permissions"
    )
    assert outdir.write_failure(FileNotFoundError(errno.ENOENT, "No such file", "x"), out) is None
    assert set(outdir.CANNOT_WRITE) == execution.WRITE_ERRNOS


def in_a_mount(tmp_path: Path, options: str, script: str, **env) -> subprocess.CompletedProcess:
    """Run `script` (sh) in a mount namespace of its own, with a tmpfs mounted (with `options`)
    at $MNT: a real small or read-only file system that vanishes with the process."""
    if os.geteuid() != 0 or not shutil.which("unshare"):
        skip_loudly("not root or no unshare: THE REAL FULL/READ-ONLY FILE SYSTEM TEST IS SKIPPED")
    mount = tmp_path / "mnt"
    mount.mkdir()
    probe = subprocess.run(["unshare", "-m", "true"], capture_output=True)
    if probe.returncode != 0:
        skip_loudly(f"unshare -m is not allowed here ({probe.stderr.decode().strip()}): TEST SKIPPED")
    return subprocess.run(
        ["unshare", "-m", "sh", "-ec", f'mount -t tmpfs -o {options} tmpfs "$MNT"\n{script}'],
        env={**{k: v for k, v in os.environ.items() if k != "NOTEBOOKS"}, "MNT": str(mount), **env},
        capture_output=True,
        text=True,
        timeout=180,
    )


BUILD_IN_MOUNT = """
mkdir -p "$MNT/out/html" && printf 'old book' > "$MNT/out/html/index.html"
{before}
set +e
BOOK="new book" "$PYTHON" "$FAKE" build --out "$MNT/out" > /dev/null 2> "$ERR"
echo "exit $?"
cat "$MNT/out/html/index.html"; echo
ls -A "$MNT/out"
"""


@pytest.mark.parametrize(
    "options, before, what, todo",
    [
        # 1 MB: the old book fits, the new one's copy of plotly.js (1.2 MB, 4.8 MB without npm) does not.
        ("size=1m", "", "no space left on device", f"free space or {ELSEWHERE}"),
        # 1 MB, and two notebooks that print 3 MB each, side by side: papermill's writes fail.
        ("size=1m", 'export NOTEBOOKS="$BIG"', "no space left on device", f"free space or {ELSEWHERE}"),
        ("size=8m", 'mount -o remount,ro "$MNT"', "read-only file system", ELSEWHERE),
    ],
    ids=["full", "full-while-notebooks-run", "read-only"],
)
def test_a_real_full_or_read_only_build_folder_is_one_line(fake_build, tmp_path, options, before, what, todo):
    error = tmp_path / "stderr"
    big = []
    for name in ["big.ipynb", "bigger.ipynb"]:
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print('x' * 3_000_000)")])
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nbformat.write(nb, tmp_path / name)
        big.append(str(tmp_path / name))
    result = in_a_mount(
        tmp_path,
        options,
        BUILD_IN_MOUNT.format(before=before)
        .replace("$PYTHON", sys.executable)
        .replace("$FAKE", str(fake_build))
        .replace("$ERR", str(error)),
        BIG=os.pathsep.join(big),
    )
    assert result.returncode == 0, result.stderr
    exit_line, book, *listing = result.stdout.splitlines()
    line = error.read_text(encoding="utf-8").strip()
    out = tmp_path / "mnt" / "out"
    assert exit_line == "exit 1" and "\n" not in line and "Traceback" not in line, line
    assert re.fullmatch(cannot_write(out, what, todo), line), line
    assert book == "old book"
    # No stage, new version or lock file left; executed/ holds what the notebooks began.
    assert set(listing) - {"executed"} == {"html"}, listing


# --- no stray kernel messages -------------------------------------------------------------------


def test_kernels_are_shut_down_without_an_interrupt(tmp_path, capfd):
    """jupyter_client sends SIGINT before every shutdown; landing as the kernel finished its last
    reply it printed "KeyboardInterrupt caught in kernel" on successful builds. Papermill's
    kernels are shut down only when no cell runs, so they get no SIGINT."""
    manager = execution.LocalKernelManager(kernel_name="python3")
    sent = []

    async def signal_kernel(signum):  # noted, not sent: a starting kernel would die of it
        sent.append(signum)

    manager._async_signal_kernel = signal_kernel
    manager.start_kernel()
    try:
        manager.interrupt_kernel()  # an interrupt asked for (a timeout) still goes through
        assert sent == [signal.SIGINT]
    finally:
        manager.shutdown_kernel()
    assert sent == [signal.SIGINT] and not manager.is_alive()  # shut down without another

    notebook = tmp_path / "n.ipynb"
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1"), nbformat.v4.new_code_cell("x")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, notebook)
    job = execution.Job(notebook, tmp_path / "out" / "n.ipynb", {}, "n.ipynb")
    for _ in range(2):
        execution.run_notebook(job)
    captured = capfd.readouterr()
    assert "KeyboardInterrupt" not in captured.out + captured.err


# --- build folders that are refused -------------------------------------------------------------------


def refused(tmp_path: Path) -> list[tuple[str, Path, str]]:
    file = tmp_path / "a-file"
    file.write_text("x", encoding="utf-8")
    busy = tmp_path / "home"
    (busy / "Documents").mkdir(parents=True)
    mine = tmp_path / "my-data"
    mine.mkdir()
    return [
        ("/", Path("/"), "is the root of the file system"),
        ("repository", REPO_ROOT, "is the repository itself"),
        ("shipped-data", DATA_DIR, f"is the shipped data folder {re.escape(str(DATA_DIR))}"),
        ("inside-shipped-data", DATA_DIR / "sub", "is inside the shipped data folder"),
        ("notebooks", NOTEBOOKS_DIR, "is the notebooks folder"),
        ("inside-notebooks", NOTEBOOKS_DIR / "out", "is inside the notebooks folder"),
        ("inside-book-pages", REPO_ROOT / "book" / "out", "is inside the book's pages"),
        ("user-data", mine, "is your data folder"),
        ("inside-user-data", mine / "out", "is inside your data folder"),
        ("around-user-data", tmp_path, "holds your data folder"),
        ("a-file", file, "is a file"),
        ("someone-elses-folder", busy, "holds other files and is not a build folder"),
    ]


def test_out_folders_that_are_refused(tmp_path, capsys):
    for name, out, why in refused(tmp_path):
        args = ["build", "--out", str(out), "--data", str(tmp_path / "my-data")]
        assert cli.main(args) == 2, name
        line = line_of(capsys)
        assert re.match(rf"error: --out {re.escape(str(out))}: {why}", line), (name, line)
        assert line.endswith(": choose a new or empty folder, or an earlier build folder"), line
    assert not (REPO_ROOT / "notebooks" / "out").exists() and not (DATA_DIR / "sub").exists()


def test_an_out_folder_that_cannot_be_read_is_refused(tmp_path, monkeypatch, capsys):
    def unreadable(folder):
        raise PermissionError(errno.EACCES, "Permission denied", str(folder))

    monkeypatch.setattr(outdir, "looks_like_a_build_folder", unreadable)  # as chmod 0 does (not to root)
    assert cli.main(["build", "--out", str(tmp_path)]) == 2
    assert line_of(capsys) == (
        f"error: --out {tmp_path}: cannot be read (permission denied): "
        "choose a new or empty folder, or an earlier build folder"
    )


def test_out_folders_that_are_accepted(tmp_path):
    earlier = tmp_path / "earlier"
    old_book(earlier)
    jupyter_books = tmp_path / "jb"
    (jupyter_books / "html").mkdir(parents=True)
    (jupyter_books / "jupyter_execute").mkdir()
    empty = tmp_path / "empty"
    empty.mkdir()
    validated = tmp_path / "validated"  # `validate` read a case extract before any build
    (validated / "extracts").mkdir(parents=True)
    for out in [tmp_path / "new", tmp_path / "new" / "deeper", empty, earlier, jupyter_books, validated]:
        outdir.check_out(out, tmp_path / "my-data")
    outdir.check_out(REPO_ROOT / "_build")  # the default
    outdir.check_out(REPO_ROOT / "_build-mine")  # a new folder beside it


def test_help_says_what_a_busy_folder_a_failed_write_and_a_refused_out_give():
    top = cli.parser().format_help()
    assert "another build is using the build folder" in top and "a write failed" in top
    assert "a refused --out included" in top and "130 interrupted" in top
    build_help = cli.parser()._subparsers._group_actions[0].choices["build"].format_help()
    assert "One build at a time uses a folder; a second is refused (exit code 1)" in build_help
    assert "it may not be /, the repository" in build_help and "your --data folder" in build_help
