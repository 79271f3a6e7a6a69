"""Loading and validating the book's data: schemas, provenance, Danish-number parsing."""

from .errors import DataError
from .loading import DataFolder
from .numbers import is_missing, parse_number, parse_numbers
from .schemas import DATASETS, KINDS, UNITS

__all__ = [
    "DATASETS",
    "KINDS",
    "UNITS",
    "DataError",
    "DataFolder",
    "is_missing",
    "parse_number",
    "parse_numbers",
]
