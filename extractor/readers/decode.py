"""Bytes to text: the checks every reader shares (empty, binary, encoding, size).

Order matters: UTF-16 and UTF-32 text is full of NUL bytes, so byte-order marks and the
alternating-NUL pattern of BOM-less UTF-16 are recognised before the binary test, which then
looks at the whole input (a NUL at byte 9,000 is as binary as one at byte 9).
"""

from __future__ import annotations

import codecs
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


#: Control bytes that have no place in text (tab, line feed, form feed and carriage return do).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))
_CONTROL_CHARS = dict.fromkeys(_CONTROL_BYTES)  # str.translate table deleting the same characters
#: Byte-order marks, longest first: the UTF-32-LE mark begins with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)
_UTF16_SAMPLE = 4096


def looks_binary(data: bytes) -> bool:
    """A NUL byte anywhere, or control characters in over 5% of all bytes: not a text file.

    The whole input is tested (``bytes.count``/``translate`` run in C), so the verdict does not
    depend on where in the file the binary part starts.
    """
    if not data:
        return False
    if b"\x00" in data:
        return True
    controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
    return controls / len(data) > 0.05


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """(codec, name) when the bytes look like BOM-less UTF-16: NULs in one byte lane only.

    Latin-script UTF-16 has a NUL as the high byte of most characters, so NULs crowd the odd
    positions (little-endian) or the even ones (big-endian) while the other lane has almost none.
    """
    sample = data[:_UTF16_SAMPLE]
    sample = sample[: len(sample) - len(sample) % 2]
    if not sample:
        return None
    even, odd = sample[0::2], sample[1::2]
    nul_even, nul_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if nul_odd >= 0.3 and nul_even <= 0.05:
        return "utf-16-le", "UTF-16-LE"
    if nul_even >= 0.3 and nul_odd <= 0.05:
        return "utf-16-be", "UTF-16-BE"
    return None


def decode_unicode_bom(data: bytes) -> tuple[str, str] | None:
    """(text, encoding name) for UTF-16/32 input, with or without a byte-order mark; else None.

    None too when the bytes do not decode in the encoding they suggest, or decode to NULs and
    control characters (16-bit binary data): then they are not text, and the binary test has its say.
    """
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            body, found = data[len(bom) :], (codec, name)
            break
    else:
        body, found = data, _utf16_without_bom(data)
    if found is None:
        return None
    try:
        text = body.decode(found[0])
    except UnicodeDecodeError:
        return None
    controls = len(text) - len(text.translate(_CONTROL_CHARS))
    if not text or "\x00" in text or controls / len(text) > 0.05:
        return None
    return text, found[1]


def decode_bytes(data: bytes, where: str, max_chars: int = DEFAULT_MAX_CHARS) -> Decoded:
    """Decode an article's bytes, or say precisely why it cannot be analysed.

    UTF-16/32 (a byte-order mark, or NULs in every other byte) is recognised first; then the
    binary test; then UTF-8 (a BOM is dropped); anything else goes to charset-normalizer. A
    non-UTF-8 encoding is reported as a warning so a user can check the odd character.
    """
    if not data.strip():
        return Decoded("", error=("empty_input", f"{where}: the article is empty; nothing to analyse."))
    wide = decode_unicode_bom(data)
    if wide is not None:
        text, name = wide
        return check_text(text, where, max_chars, ("encoding_guessed", f"{where}: not UTF-8; decoded as {name}. Check accented characters."))
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
