"""Opening an input file, plain or gzip-compressed ("page.html.gz"), and naming its article.

News archives and crawls ship pages compressed; a folder of them used to yield no article and
no message at all. The format is the suffix before ".gz"; decompression is the standard
library's, read with a ceiling so that a small file that inflates without end becomes an error
record instead of filling memory.
"""

from __future__ import annotations

import gzip
import zlib
from pathlib import Path
from typing import BinaryIO

COMPRESSED = ".gz"


def is_compressed(path: Path) -> bool:
    return path.name.lower().endswith(COMPRESSED)


def format_suffix(path: Path) -> str:
    """The suffix that names the format: ".html" for "page.html" and for "page.html.gz"."""
    suffixes = [s.lower() for s in path.suffixes]
    if is_compressed(path):
        return suffixes[-2] if len(suffixes) >= 2 else ""
    return suffixes[-1] if suffixes else ""


def article_name(path: Path) -> str:
    """The file's name without its format suffix (nor ".gz"): the article id a file gives."""
    name = path.name[: -len(COMPRESSED)] if is_compressed(path) else path.name
    return Path(name).stem


def open_input(path: Path) -> BinaryIO:
    """The file's bytes as a stream, decompressed when its name ends in ".gz"."""
    if is_compressed(path):
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return path.open("rb")


class InflatedTooFar(Exception):
    """A compressed input holds more than the reader would ever analyse."""


def read_input(path: Path, limit: int) -> bytes:
    """All the file's bytes; decompressed, at most ``limit`` of them (a plain file's size is what it
    is on disk, and the text checks report an oversized article by its characters)."""
    if not is_compressed(path):
        return path.read_bytes()
    with open_input(path) as handle:
        try:
            data = handle.read(limit + 1)
        except (OSError, EOFError, zlib.error) as exc:  # gzip.BadGzipFile is an OSError
            raise OSError(f"not a readable gzip file ({exc})") from exc
    if len(data) > limit:
        raise InflatedTooFar(f"{path}: holds more than {limit:,} bytes once decompressed; split it or raise --max-chars.")
    return data
