"""Readers turn inputs (files, directories, stdin) into a lazy stream of Articles.

Each format has its own module; this one only dispatches, walks directories in a stable order,
and applies ``--published`` to articles that lack a date.
"""

from __future__ import annotations

import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..article import Article
from .decode import DEFAULT_MAX_CHARS
from .files import InflatedTooFar, article_name, format_suffix
from .html import read_html
from .jsonl import articles_from_lines, read_jsonl
from .txt import read_text_bytes, read_txt

Reader = Callable[[Path, int], Iterator[Article]]

READERS: dict[str, Reader] = {
    ".txt": read_txt,
    ".text": read_txt,
    ".html": read_html,
    ".htm": read_html,
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
}


class InputError(Exception):
    """An input named on the command line cannot be read at all (missing path, unknown type)."""


def reader_for(path: Path) -> Reader | None:
    """The reader of the file's format, compressed or not ("page.html.gz" is read as HTML)."""
    return READERS.get(format_suffix(path))


def skipped_files(inputs: Iterable[str]) -> list[str]:
    """One warning per directory of ``inputs`` holding files no reader takes (hidden ones aside),
    from one walk of the inputs that also fails fast on a missing path or an unknown file type
    (InputError): the walk leaves such files out, and the user should hear of it rather than find
    articles missing."""
    out: list[str] = []
    for _ in iter_paths(inputs, out):
        pass
    return out


def iter_paths(inputs: Iterable[str], skipped: list[str] | None = None) -> Iterator[Path | str]:
    """Expand directories (recursively, sorted) and check files exist before any work starts;
    ``skipped`` collects the warnings of :func:`skipped_files`."""
    for item in inputs:
        if item == "-":
            yield "-"
            continue
        path = Path(item)
        if path.is_dir():
            left: list[Path] = []
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if reader_for(child) is None:
                    if not any(part.startswith(".") for part in child.relative_to(path).parts):
                        left.append(child)
                elif not child.name.startswith("."):
                    yield child
            if left and skipped is not None:
                shown = ", ".join(repr(p.name) for p in left[:3]) + (", ..." if len(left) > 3 else "")
                skipped.append(f"{path}: skipped {len(left)} file(s) of no known type ({shown}); "
                               "articles are read from .txt, .html, .jsonl and the same ending in .gz.")
        elif path.is_file():
            if reader_for(path) is None:
                raise InputError(f"{path}: unknown file type {path.suffix!r}; expected .txt, .html or .jsonl (or any of them .gz).")
            yield path
        else:
            raise InputError(f"{path}: no such file or directory.")


def read_stdin(max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Article]:
    """Stdin holds either JSON lines (first non-blank character ``{``) or one plain-text article."""
    data = sys.stdin.buffer.read()
    if data.lstrip().startswith(b"{"):
        yield from articles_from_lines(data.splitlines(), "stdin", "<stdin>", max_chars)
    else:
        yield read_text_bytes(data, "stdin", "<stdin>", max_chars)


def read_inputs(inputs: Iterable[str], published: str | None = None, max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Article]:
    """All articles of all inputs, in order. ``published`` fills in a missing date."""
    for item in iter_paths(list(inputs)):
        articles = read_stdin(max_chars) if item == "-" else _read_file(item, max_chars)
        for article in articles:
            if article.published is None and published is not None:
                article.published = published
            yield article


def _read_file(path: Path, max_chars: int) -> Iterator[Article]:
    reader = reader_for(path)
    assert reader is not None
    try:
        yield from reader(path, max_chars)
    except InflatedTooFar as exc:
        yield Article(id=article_name(path), text="", source=str(path), error=("too_large", str(exc)))
    except (EOFError, zlib.error) as exc:  # a compressed file cut short or corrupt part way through
        yield Article(id=article_name(path), text="", source=str(path),
                      error=("read_error", f"{path}: the compressed file is cut short or damaged ({exc}); the articles before it were read."))
    except OSError as exc:
        yield Article(id=article_name(path), text="", source=str(path), error=("read_error", f"{path}: cannot be read ({exc.strerror or exc})."))


__all__ = ["Article", "InputError", "read_inputs", "iter_paths", "skipped_files", "READERS"]
