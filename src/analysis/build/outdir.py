"""The build folder (_build, or --out DIR): which folders may be one, one build at a time in it,
the book put in place without a moment when there is none, what killed builds left removed, and
writes that fail (a read-only folder, a full disk) said in one line.

Layout of a build folder:

    html              a symbolic link to the current book, books/<version>/ (open html/index.html)
    books/<version>/  the book itself; a new build adds a version, links html to it, removes the old
    html.inputs.json  what the current book was made from (the HTML is rebuilt when it changes)
    executed/         the executed notebooks with their cache records (stored/ for store-outputs)
    build.lock        while a build runs: the lock it holds, with its process id and start time
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import re
import secrets
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

from analysis.build.execution import BuildError
from analysis.data.extract import EXTRACTS
from analysis.paths import BOOK_DIR, DATA_DIR, NOTEBOOKS_DIR, REPO_ROOT

HTML = "html"
BOOKS = "books"
LOCK = "build.lock"
# What only a build folder holds: a folder with none of these (and not empty) is someone's else.
# What a build leaves; `validate` leaves the case extract's typed copies (EXTRACTS) in _build/.
MARKERS = (HTML, BOOKS, "executed", "stored", "html.inputs.json", LOCK, EXTRACTS)
# The repository's own folders: a build inside one would be copied into the book, run as a
# notebook or taken for data.
SOURCES = {
    "the shipped data folder": DATA_DIR,
    "the notebooks folder": NOTEBOOKS_DIR,
    "the book's pages": BOOK_DIR,
    "the book's static files": REPO_ROOT / "_static",
    "the package's source": REPO_ROOT / "src",
    "the repository's git folder": REPO_ROOT / ".git",
}
ELSEWHERE = "build into another folder with --out DIR"


class OutRefused(Exception):
    """--out names a folder a build must not write into (bad arguments: exit code 2)."""


class FolderBusy(BuildError):
    """Another build holds the build folder's lock."""


# --- which folders may be a build folder ---------------------------------------------------------


def check_out(out: Path, data_dir: Path | None = None) -> None:
    """Refuse a build folder that is /, the repository, one of its source folders or the user's
    data folder (or inside one of them), a file, or a folder with other things in it."""
    where = Path(out).resolve()

    def refuse(why: str) -> None:
        raise OutRefused(f"--out {out}: {why}: choose a new or empty folder, or an earlier build folder")

    if where == Path(where.anchor):
        refuse("is the root of the file system")
    if where == REPO_ROOT:
        refuse("is the repository itself (the book is built into its _build/)")
    inside = {**SOURCES, "your data folder": Path(data_dir) if data_dir else None}
    for name, folder in inside.items():
        if folder is not None and where.is_relative_to(folder.resolve()):
            refuse(f"is {name} {folder}" if where == folder.resolve() else f"is inside {name} {folder}")
        if folder is not None and name == "your data folder" and folder.resolve().is_relative_to(where):
            refuse(f"holds your data folder {folder}")
    if where.exists() and not where.is_dir():
        refuse("is a file")
    try:
        foreign = where.is_dir() and not looks_like_a_build_folder(where)
    except OSError as error:  # a folder one may not list
        refuse(f"cannot be read ({error.strerror.lower()})")
    if foreign:
        refuse("holds other files and is not a build folder (it has no html, books or executed)")


def looks_like_a_build_folder(folder: Path) -> bool:
    """Empty, or holding what a build leaves (an earlier build's folder, or Jupyter Book's own)."""
    names = {p.name for p in folder.iterdir()}
    return not names or bool(names & set(MARKERS)) or any(n.startswith("stage-") for n in names)


# --- one build at a time ---------------------------------------------------------------------------


@contextlib.contextmanager
def exclusive(folder: Path, holder: str = "build", advice: str = ELSEWHERE) -> Iterator[None]:
    """Hold the build folder's lock for the block, or raise FolderBusy naming who holds it.

    The lock is flock(2) on folder/build.lock: the kernel drops it when its process ends, however
    it ends, so a killed build never blocks the next. The file says who holds it (for the message)
    and goes when the block ends; a process that opened it just before is not fooled: it checks,
    once it holds the lock, that the file it locked is still the one in the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOCK
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise FolderBusy(busy(folder, path, advice)) from None
        if _same_file(fd, path):
            break
        os.close(fd)  # its holder removed it as we opened it: lock the one there now
    try:
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()} {time.time():.0f} {holder}\n".encode())
        yield
    finally:
        path.unlink(missing_ok=True)  # before the lock goes: nobody can lock a removed file
        os.close(fd)


def _same_file(fd: int, path: Path) -> bool:
    try:
        there = os.stat(path)
    except FileNotFoundError:
        return False
    mine = os.fstat(fd)
    return (mine.st_dev, mine.st_ino) == (there.st_dev, there.st_ino)


def busy(folder: Path, lock: Path, advice: str) -> str:
    """The line for a build that finds the folder taken, naming the holder as its lock file says."""
    try:
        pid, since, holder = lock.read_text(encoding="utf-8").split(maxsplit=2)
        started = time.localtime(float(since))
        clock = time.strftime(
            "%H:%M:%S" if started[:3] == time.localtime()[:3] else "%Y-%m-%d %H:%M", started
        )
        who, detail = (
            ("another build" if holder.strip() == "build" else holder.strip()),
            f" (pid {pid}, since {clock})",
        )
    except (OSError, ValueError):  # the holder has not written it yet
        who, detail = "another build", ""
    return f"{who} is using {folder}{detail}: wait for it to finish" + (f", or {advice}" if advice else "")


# --- putting the book in place ---------------------------------------------------------------------


def publish(book: Path, folder: Path) -> Path:
    """Make `book` (a finished book on the build folder's file system) the folder's html.

    html is a symbolic link to a version in books/: the new version is moved there, a new link
    made beside html and renamed over it (a rename is atomic), and only then the old version
    removed. At every moment html is the old book or the new one. Returns the new version."""
    books = folder / BOOKS
    books.mkdir(exist_ok=True)
    version = books / _version_name(time.time())
    book.rename(version)
    try:
        _link(folder, version)
    except BaseException:
        if current_version(folder) != version.resolve():
            _remove(version)  # html still shows the old book (a link or the old folder): keep it so
        raise
    remove_old_versions(folder)
    return version


def _version_name(built: float) -> str:
    return f"{time.strftime('%Y%m%d-%H%M%S', time.gmtime(built))}-{secrets.token_hex(3)}"


def _link(folder: Path, version: Path) -> None:
    """Point folder/html at `version` with one atomic rename of a new link over the old."""
    html = folder / HTML
    link = folder / f"{HTML}.new-{secrets.token_hex(4)}"
    os.symlink(Path(BOOKS) / version.name, link)  # relative: the build folder may be moved
    try:
        if html.is_dir() and not html.is_symlink():
            # One-time step for a folder built before books were versioned: its html is a real
            # folder, and a link cannot be renamed over a folder, so the old book moves into
            # books/ first. Between these two renames there is no html for a moment; a build
            # killed just then leaves both books in books/, and the next build links the newer.
            earlier = folder / BOOKS / _version_name(_built_at(html))
            html.rename(earlier)
            try:
                os.replace(link, html)
            except OSError:
                earlier.rename(html)  # the old book back where it was
                raise
        else:
            os.replace(link, html)
    finally:
        link.unlink(missing_ok=True)  # gone when renamed; after a failure, the half-made link


def _built_at(book: Path) -> float:
    try:
        return (book / "index.html").stat().st_mtime
    except OSError:
        return 0.0


def current_version(folder: Path) -> Path | None:
    """The version folder/html links to (None when html is missing or not a link)."""
    html = folder / HTML
    if not html.is_symlink():
        return None
    return (folder / os.readlink(html)).resolve()


def remove_old_versions(folder: Path) -> None:
    current = current_version(folder)
    books = folder / BOOKS
    for version in sorted(books.iterdir()) if books.is_dir() else []:
        if current is None or version.resolve() != current:
            _remove(version)


# --- what killed builds leave ----------------------------------------------------------------------


def remove_leftovers(folder: Path) -> None:
    """Remove what builds killed half-way left: staging folders, half-made links, book versions
    nobody links to, executed notebooks whose run did not finish. Call it holding the lock (so no
    running build's files are taken). A book a killed build left without html is linked first."""
    if not folder.is_dir():
        return
    for path in folder.iterdir():
        if path.name.startswith(("stage-", f"{HTML}.new-")):
            _remove(path)
    _recover_book(folder)
    remove_old_versions(folder)
    for executed in (folder / "executed", folder / "stored"):
        unfinished_runs(executed)


def _recover_book(folder: Path) -> None:
    """Give the folder an html again if a killed build left none: the newest complete version in
    books/, or the book an older build had renamed to html.old just before it was killed."""
    html, old = folder / HTML, folder / f"{HTML}.old"
    if not os.path.lexists(html):
        if old.is_dir() and (old / "index.html").is_file():
            (folder / BOOKS).mkdir(exist_ok=True)
            old.rename(folder / BOOKS / _version_name(_built_at(old)))
        books = folder / BOOKS
        complete = (
            sorted(v for v in books.iterdir() if (v / "index.html").is_file()) if books.is_dir() else []
        )
        if complete:
            _link(folder, complete[-1])
    if old.exists():
        _remove(old)


def unfinished_runs(executed: Path) -> None:
    """An executed notebook without its cache record did not finish (the record is written only
    after a run succeeds), and a read log outlives only a run that was killed: both go."""
    if not executed.is_dir():
        return
    for path in executed.rglob("*"):
        if path.name.endswith(".reads.log") or (
            path.suffix == ".ipynb" and not path.with_suffix(".inputs.json").is_file()
        ):
            path.unlink(missing_ok=True)


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink(missing_ok=True)
    else:
        shutil.rmtree(path, ignore_errors=True)


# --- writes that fail ------------------------------------------------------------------------------

# What a failed write's errno means for the person building, and what to do about it.
CANNOT_WRITE = {  # the keys are execution.WRITE_ERRNOS
    errno.ENOSPC: "free space",
    errno.EDQUOT: "free space within your disk quota",
    errno.EROFS: "",
    errno.EACCES: "make it writable for you",
    errno.EPERM: "make it writable for you",
}
# "[Errno 28] No space left on device: 'from' -> 'to'" (the names optional), as Python prints it
ERRNO_IN_TEXT = re.compile(r"\[Errno (\d+)\][^:\n]*(?::\s*'([^'\n]+)')?(?:\s*->\s*'([^'\n]+)')?")


@contextlib.contextmanager
def writes_to(folder: Path, advice: str = ELSEWHERE) -> Iterator[None]:
    """Turn a write that fails in the block (read-only, full, not permitted) into one BuildError
    line naming the place and what to do; other errors pass unchanged."""
    try:
        yield
    except OSError as error:
        line = write_failure(error, folder, advice)
        if line is None:
            raise
        raise BuildError(line) from None


def write_failure(error: OSError, folder: Path, advice: str = ELSEWHERE) -> str | None:
    """The line for a failed write, or None when `error` is not one. A shutil.Error (copytree
    gathers its failures into one) and an error another process printed count as well."""
    number, names = error.errno, [n for n in (error.filename2, error.filename) if n]  # copy: to, from
    if number is None:
        found = ERRNO_IN_TEXT.search(str(error.args))
        number, names = (int(found[1]), [n for n in (found[3], found[2]) if n]) if found else (None, [])
    if number not in CANNOT_WRITE:
        return None
    inside = [Path(os.path.abspath(n)).is_relative_to(os.path.abspath(folder)) for n in map(str, names)]
    place = folder if not names or any(inside) else Path(names[0])
    what = os.strerror(number).lower()
    todo = " or ".join(t for t in (CANNOT_WRITE[number], advice) if t) or "make it writable"
    if number in (errno.EACCES, errno.EPERM) and place != folder:
        return f"cannot use {place}: {what}: check its permissions"
    return f"cannot write to {place}: {what}: {todo}"


def reported_write_failure(output: str) -> OSError | None:
    """A failed write another process (jupyter-book) reported in its output, as an OSError."""
    for found in ERRNO_IN_TEXT.finditer(output):
        number = int(found[1])
        if number in CANNOT_WRITE:
            return OSError(number, os.strerror(number), found[2], None, found[3])
    return None
