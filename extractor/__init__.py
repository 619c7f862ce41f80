"""extractor: news articles in, structured and checkable facts out.

>>> from extractor import extract
>>> record = extract("Alice Smith said on Monday that taxes rose.", published="2024-03-06")
"""

from __future__ import annotations

from .records import SCHEMA_VERSION, FactRecord

__version__ = "0.1.0"
__all__ = ["extract", "extract_many", "FactRecord", "SCHEMA_VERSION", "__version__"]


def __getattr__(name: str):
    # The API pulls in spaCy; load it only when asked for, so `extractor schema` starts fast.
    if name in ("extract", "extract_many"):
        from . import api

        return getattr(api, name)
    raise AttributeError(name)
