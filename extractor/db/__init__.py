"""The corpus database: many articles' records in one SQLite file, with full-text search over
quotes and claims and one identity per person across articles (see README, "Corpus database")."""

from .load import LoadSummary, load_files, load_records
from .people import resolve_people
from .schema import DatabaseError, open_db

__all__ = ["DatabaseError", "LoadSummary", "load_files", "load_records", "open_db", "resolve_people"]
