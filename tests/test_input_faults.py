"""Hostile inputs reported by users: each must give a record (error or warning), never end the run.

Deeply nested JSON, lone surrogate escapes, UTF-16 files, a NUL byte far into a file, and an HTML
page whose article sits below thousands of nested wrappers.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from extractor.readers import read_inputs
from extractor.readers.decode import decode_bytes, looks_binary
from extractor.readers.jsonl import parse_line
from extractor.readers.safejson import JsonTooDeep, loads_bounded

GOOD = {"id": "ok", "text": "The mayor said the bridge will open."}


# --- 1: nesting that would recurse ------------------------------------------------------------


def test_deeply_nested_json_line_is_an_error_record_and_the_file_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    deep = "[" * 100_000 + "]" * 100_000
    path.write_text(json.dumps(GOOD) + "\n" + deep + "\n" + json.dumps({**GOOD, "id": "ok2"}) + "\n", encoding="utf-8")
    articles = list(read_inputs([str(path)]))
    assert [(a.id, a.error[0] if a.error else None) for a in articles] == [("ok", None), ("feed-2", "malformed_json"), ("ok2", None)]
    message = articles[1].error[1]
    assert message.startswith(f"{path}:2: ")
    assert "nested more than 100 levels deep" in message


def test_nested_object_inside_a_string_or_deep_enough_is_fine() -> None:
    # brackets inside strings do not count; 50 levels of real nesting are accepted
    text = "[" * 5000 + " quoted brackets " + "{" * 5000
    assert loads_bounded(json.dumps({"text": text})) == {"text": text}
    nested = "[" * 50 + "1" + "]" * 50
    assert loads_bounded(nested) == json.loads(nested)
    escaped = '{"text": "a \\" [[[[", "x": [[1]]}'
    assert loads_bounded(escaped, max_depth=3) == {"text": 'a " [[[[', "x": [[1]]}


def test_loads_bounded_refuses_before_parsing() -> None:
    with pytest.raises(JsonTooDeep, match="nested more than 100 levels deep"):
        loads_bounded(b'{"a":' + b"[" * 100 + b"]" * 100 + b"}")  # 101 levels
    assert loads_bounded(b'{"a":' + b"[" * 99 + b"]" * 99 + b"}") == {"a": json.loads("[" * 99 + "]" * 99)}


# --- 2: lone surrogates -----------------------------------------------------------------------


def test_lone_surrogates_are_replaced_with_a_warning_and_offsets_kept() -> None:
    raw = b'{"id": "a\\ud800", "title": "T\\udc00", "text": "He said \\ud800 it was \\ud83d\\ude00 fine."}'
    article = parse_line(raw, 7, "feed", "feed.jsonl", 1_000_000)
    assert article.error is None
    assert article.id == "a\ufffd"
    assert article.title == "T\ufffd"
    assert article.text == "He said \ufffd it was \U0001f600 fine."  # a valid pair stays one character
    assert len(article.text) == len(json.loads(raw)["text"])  # one character for one: offsets unchanged
    assert article.warnings == [
        ("invalid_unicode", "feed.jsonl:7: lone surrogate escapes in id, title, text replaced by U+FFFD; fix the exporter that wrote them.")
    ]
    json.dumps(article.text, ensure_ascii=False).encode("utf-8")  # encodable: the writer cannot crash on it


# --- 3: UTF-16 and the binary test -----------------------------------------------------------

STORY = "Le ministre a déclaré que la réforme était prête. \u201cC'est fait,\u201d a-t-il dit.\n"


def test_utf16_with_and_without_bom_is_decoded() -> None:
    for data, name in [
        (STORY.encode("utf-16"), "UTF-16"),  # with BOM (little-endian here)
        (b"\xfe\xff" + STORY.encode("utf-16-be"), "UTF-16"),
        (STORY.encode("utf-16-le"), "UTF-16-LE"),
        (STORY.encode("utf-16-be"), "UTF-16-BE"),
    ]:
        decoded = decode_bytes(data, "story.txt")
        assert decoded.error is None, (name, decoded.error)
        assert decoded.text == STORY
        assert decoded.warning == ("encoding_guessed", f"story.txt: not UTF-8; decoded as {name}. Check accented characters.")


def test_binary_test_looks_at_the_whole_input() -> None:
    text = ("word " * 4000).encode("ascii")  # 20,000 bytes of text
    assert not looks_binary(text)
    assert looks_binary(text + b"\x00\x01\x02 more")  # a NUL past the first 8 KiB counts too
    decoded = decode_bytes(text[:10_000] + b"\x00" + text[10_000:], "late-nul.txt")
    assert decoded.error is not None and decoded.error[0] == "binary_input"
    assert looks_binary(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")


def test_utf16_file_read_end_to_end(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_bytes(STORY.encode("utf-16"))
    [article] = read_inputs([str(tmp_path / "story.txt")])
    assert (article.error, article.text) == (None, STORY)


# --- 8d: deeply nested HTML ------------------------------------------------------------------

PARA = "<p>The mayor of Springfield said on Monday that the new bridge over the river will open in June, after three years of work.</p>\n"


def test_article_below_thousands_of_nested_divs_is_found(tmp_path: Path) -> None:
    depth = 300_000  # about 3 MB of wrappers: far below libxml2's depth limit of 256 (2048 with huge_tree)
    page = "<html><head><title>Bridge opens</title></head><body>" + '<div class="w">' * depth + PARA * 5 + "</div>" * depth + "</body></html>"
    path = tmp_path / "deep.html"
    path.write_text(page, encoding="utf-8")
    [article] = read_inputs([str(path)])
    assert article.error is None
    assert article.title == "Bridge opens"
    assert article.text.startswith("The mayor of Springfield said on Monday")
    assert article.text.count("The mayor of Springfield") == 5
