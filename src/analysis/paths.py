"""Where things live in the repository (the package is installed editable from a clone)."""

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = REPO_ROOT / "data"
NOTEBOOKS_DIR = REPO_ROOT / "notebooks"
BOOK_DIR = REPO_ROOT / "book"
BUILD_DIR = REPO_ROOT / "_build"


def shown(path: Path) -> str:
    """A path as the book prints it: relative to the repository for shipped files (the same in
    every clone, so stored notebook outputs do not depend on where the clone lives)."""
    path = Path(path).resolve()
    return str(path.relative_to(REPO_ROOT)) if path.is_relative_to(REPO_ROOT) else str(path)
