"""Loading and validating the book's data: schemas, provenance, Danish-number parsing."""

from .errors import DataError
from .loading import DataFolder, parse_number
from .schemas import DATASETS, KINDS, UNITS

__all__ = ["DATASETS", "KINDS", "UNITS", "DataError", "DataFolder", "parse_number"]
