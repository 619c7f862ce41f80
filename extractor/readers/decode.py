"""Bytes to text: the checks every reader shares (empty, binary, encoding, size)."""

from __future__ import annotations

from dataclasses import dataclass

from charset_normalizer import from_bytes

#: Articles longer than this (in characters) are refused: spaCy's default ``max_length`` and far
#: beyond any real news story, so a bigger input is almost always a dump or a wrong file.
DEFAULT_MAX_CHARS = 1_000_000


@dataclass
class Decoded:
    text: str
    error: tuple[str, str] | None = None
    warning: tuple[str, str] | None = None


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KiB mean this is not a text file."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return len(head) > 0 and controls / len(head) > 0.05


def decode_bytes(data: bytes, where: str, max_chars: int = DEFAULT_MAX_CHARS) -> Decoded:
    """Decode an article's bytes, or say precisely why it cannot be analysed.

    UTF-8 is tried first (a BOM is dropped); anything else goes to charset-normalizer, and the
    encoding it chose is reported as a warning so a user can check the odd character.
    """
    if not data.strip():
        return Decoded("", error=("empty_input", f"{where}: the article is empty; nothing to analyse."))
    if looks_binary(data):
        return Decoded(
            "",
            error=("binary_input", f"{where}: this looks like a binary file, not article text; pass .txt, .html or .jsonl files."),
        )
    warning = None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        best = _guess_encoding(data)
        if best is None:
            return Decoded(
                "",
                error=("decode_error", f"{where}: the text is not UTF-8 and its encoding could not be detected; convert it to UTF-8."),
            )
        text = str(best)
        warning = ("encoding_guessed", f"{where}: not UTF-8; decoded as {best.encoding}. Check accented characters.")
    return check_text(text, where, max_chars, warning)


def _guess_encoding(data: bytes):
    """charset-normalizer's guess, preferring Windows-1252 when it fits as well.

    Short Western European texts are ambiguous between the single-byte code pages, and an
    English-language news tool meets cp1252 far more often than cp1250 or cp1257.
    """
    matches = from_bytes(data)
    for match in matches:
        if match.encoding == "cp1252":
            return match
    return matches.best()


def check_text(text: str, where: str, max_chars: int = DEFAULT_MAX_CHARS, warning: tuple[str, str] | None = None) -> Decoded:
    """The checks that apply to text however it arrived (file, JSON line, API call)."""
    if not text.strip():
        return Decoded(text, error=("empty_input", f"{where}: the article text is empty; nothing to analyse."))
    if len(text) > max_chars:
        return Decoded(
            "",
            error=(
                "too_large",
                f"{where}: the article has {len(text):,} characters, more than the limit of {max_chars:,}; "
                "split it or raise --max-chars.",
            ),
        )
    return Decoded(text, warning=warning)
