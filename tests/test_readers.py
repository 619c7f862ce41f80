"""Readers: every format becomes Articles; bad bytes become error Articles, never exceptions."""

from __future__ import annotations

import gzip
import io
import json
import sys
from pathlib import Path

import pytest

from extractor.article import normalize_published
from extractor.readers import InputError, iter_paths, read_inputs, skipped_files
from extractor.readers.decode import decode_bytes


def test_txt_text_is_exact_input(tmp_path: Path) -> None:
    raw = "  Title\r\n\r\nBody with café.\n"
    path = tmp_path / "story.txt"
    path.write_bytes(raw.encode("utf-8"))
    [article] = read_inputs([str(path)], published="2020-01-02")
    assert article.text == raw
    assert (article.id, article.published, article.source, article.error) == ("story", "2020-01-02", str(path), None)


def test_empty_binary_and_latin1(tmp_path: Path) -> None:
    (tmp_path / "a_empty.txt").write_bytes(b"  \n\n ")
    (tmp_path / "b_binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "c_latin1.txt").write_bytes("Le ministre a déclaré que la réforme était prête.".encode("latin-1"))
    articles = list(read_inputs([str(tmp_path)]))
    assert [a.id for a in articles] == ["a_empty", "b_binary", "c_latin1"]
    assert articles[0].error[0] == "empty_input"
    assert articles[1].error[0] == "binary_input"
    assert articles[2].error is None
    assert articles[2].text == "Le ministre a déclaré que la réforme était prête."
    assert articles[2].warnings[0][0] == "encoding_guessed"


def test_too_large_is_refused_with_its_size() -> None:
    decoded = decode_bytes(b"word " * 300, "big.txt", max_chars=1000)
    assert decoded.error[0] == "too_large"
    assert "1,500 characters" in decoded.error[1]


def test_jsonl_good_bad_and_missing_fields(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a1", "text": "First story.", "title": "T", "published": "2018-11-02T10:00:00Z", "url": "u"}),
        "{not json",
        "",
        json.dumps({"id": "a3", "title": "no text"}),
        json.dumps(["a list"]),
        json.dumps({"text": "No id here.", "published": "yesterday"}),
    ]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    articles = list(read_inputs([str(path)]))
    assert [(a.id, a.error[0] if a.error else None) for a in articles] == [
        ("a1", None),
        ("feed-2", "malformed_json"),
        ("a3", "missing_text"),
        ("feed-5", "malformed_json"),
        ("feed-6", None),
    ]
    assert articles[0].published == "2018-11-02"
    assert articles[1].source == f"{path}:2"
    assert f"{path}:2" in articles[1].error[1]
    assert articles[4].warnings[0][0] == "bad_published"


def test_html_article_text_title_date_author(tmp_path: Path) -> None:
    path = Path(__file__).resolve().parent.parent / "corpus" / "articles" / "council-vote.html"
    [article] = read_inputs([str(path)])
    assert article.title == "Council approves new bike lanes"
    assert article.published == "2023-05-19"
    assert article.author == "Sam Whitfield"
    paragraphs = article.text.split("\n\n")
    assert paragraphs[-1] == "Construction is due to start in September and will take about eighteen months."
    assert "Home" not in article.text and "Copyright" not in article.text


def test_stdin_plain_and_jsonl(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Plain story.\n")))
    [plain] = read_inputs(["-"])
    assert (plain.id, plain.text) == ("stdin", "Plain story.\n")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b'{"id": "x", "text": "One."}\n{"id": "y", "text": "Two."}\n')))
    assert [a.id for a in read_inputs(["-"])] == ["x", "y"]


def test_missing_path_and_unknown_type(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        list(iter_paths([str(tmp_path / "nope.txt")]))
    (tmp_path / "data.pdf").write_bytes(b"%PDF")
    with pytest.raises(InputError, match="unknown file type '.pdf'"):
        list(iter_paths([str(tmp_path / "data.pdf")]))


def test_gzip_compressed_files_are_read_like_the_plain_ones(tmp_path: Path) -> None:
    """Archives and crawls ship pages compressed: a folder of .html.gz used to give no article and
    no message. Each reads as its inner format, with the id of the uncompressed name."""
    page = (Path(__file__).resolve().parent.parent / "corpus" / "articles" / "council-vote.html").read_bytes()
    (tmp_path / "a-page.html.gz").write_bytes(gzip.compress(page))
    (tmp_path / "b-story.txt.gz").write_bytes(gzip.compress("Le ministre a déclaré.\n".encode("utf-8")))
    (tmp_path / "c-feed.jsonl.gz").write_bytes(gzip.compress(b'{"id": "x", "text": "One."}\n{"id": "y", "text": "Two."}\n'))
    (tmp_path / "d-broken.txt.gz").write_bytes(b"\x1f\x8b\x08\x00 not really gzip")
    articles = list(read_inputs([str(tmp_path)]))
    assert [(a.id, a.error[0] if a.error else None) for a in articles] == [
        ("a-page", None), ("b-story", None), ("x", None), ("y", None), ("d-broken", "read_error")]
    assert articles[0].title == "Council approves new bike lanes"
    assert articles[1].text == "Le ministre a déclaré.\n"
    assert "d-broken.txt.gz: cannot be read (not a readable gzip file" in articles[4].error[1]


def test_a_compressed_feed_cut_short_keeps_what_came_before(tmp_path: Path) -> None:
    lines = b"".join(b'{"id": "a%d", "text": "Story number %d."}\n' % (i, i) for i in range(2000))
    packed = gzip.compress(lines)
    (tmp_path / "feed.jsonl.gz").write_bytes(packed[: len(packed) // 2])  # a download that stopped
    articles = list(read_inputs([str(tmp_path)]))
    assert [a.id for a in articles[:2]] == ["a0", "a1"] and all(a.error is None for a in articles[:-1])
    assert articles[-1].id == "feed" and articles[-1].error[0] == "read_error"
    assert "the compressed file is cut short or damaged" in articles[-1].error[1]


def test_a_compressed_file_that_inflates_past_the_limit_is_refused(tmp_path: Path) -> None:
    # 4 bytes a character (UTF-32) is the most a text can take: more than that is never read in
    (tmp_path / "bomb.txt.gz").write_bytes(gzip.compress(b"word " * 10_000))
    [article] = read_inputs([str(tmp_path / "bomb.txt.gz")], max_chars=1000)
    assert article.error == ("too_large", f"{tmp_path / 'bomb.txt.gz'}: holds more than 4,004 bytes once decompressed; "
                                          "split it or raise --max-chars.")


def test_a_plain_file_over_the_limit_is_measured_in_characters_not_bytes(tmp_path: Path) -> None:
    (tmp_path / "long.txt").write_bytes(b"word " * 1000)
    [article] = read_inputs([str(tmp_path / "long.txt")], max_chars=1000)
    assert article.error[0] == "too_large"
    assert "the article has 5,000 characters, more than the limit of 1,000" in article.error[1]


def test_files_no_reader_takes_are_reported_not_silently_left_out(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text("Text.", encoding="utf-8")
    (tmp_path / "scan.pdf").write_bytes(b"%PDF")
    (tmp_path / "notes.docx").write_bytes(b"PK")
    (tmp_path / ".DS_Store").write_bytes(b"x")
    assert skipped_files([str(tmp_path), "-"]) == [
        f"{tmp_path}: skipped 2 file(s) of no known type ('notes.docx', 'scan.pdf'); "
        "articles are read from .txt, .html, .jsonl and the same ending in .gz."]
    assert skipped_files([str(tmp_path / "story.txt")]) == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2018-11-02", "2018-11-02"), ("2018-11-02T23:10:00+02:00", "2018-11-02"), ("2018-11-02T10:00:00Z", "2018-11-02"), ("Nov 2", None), (None, None)],
)
def test_normalize_published(value, expected) -> None:
    assert normalize_published(value) == expected


POST_PAGE = """<html><head><title>South Dakota doubles down</title></head><body><article>
<h1>South Dakota doubles down</h1>
<p>The state's new slogan for an anti-drug campaign drew a great deal of attention on social media on Monday.</p>
<p>And if you have not yet noticed what might be wrong, a whole lot of people on Twitter pointed it out.</p>
<div class="social-media-embed"><blockquote class="twitter-tweet"><p lang="en" dir="ltr">Yes this is real and yes
the state spent nearly half a million dollars on it:<br><br><a href="https://t.co/Nc0nKoXGBP">https://t.co/Nc0nKoXGBP</a></p>
&mdash; Dianna E. Anderson (@diannaeanderson) <a href="https://twitter.com/diannaeanderson/status/1">November 18, 2019</a></blockquote>
<script async src="https://platform.twitter.com/widgets.js" charset="utf-8"></script></div>
<p>So many people were talking about the odd new slogan that it became one of the top trends of the day.</p>
<p>The governor launched the campaign on Monday in an effort to address the state's meth crisis.</p>
</article></body></html>"""


def test_html_embedded_post_becomes_its_words_and_its_signature(tmp_path: Path) -> None:
    """An embedded post in a wrapper trafilatura drops ('social-media-embed') survives as two
    paragraphs, the words (line breaks as spaces) and the signature line."""
    from extractor.readers.html import unwrap_embedded_posts

    path = tmp_path / "post.html"
    path.write_text(POST_PAGE, encoding="utf-8")
    [article] = read_inputs([str(path)])
    paragraphs = article.text.split("\n\n")
    at = paragraphs.index("And if you have not yet noticed what might be wrong, a whole lot of people on Twitter pointed it out.")
    assert paragraphs[at + 1 : at + 4] == [
        "Yes this is real and yes the state spent nearly half a million dollars on it: https://t.co/Nc0nKoXGBP",
        "— Dianna E. Anderson (@diannaeanderson) November 18, 2019",
        "So many people were talking about the odd new slogan that it became one of the top trends of the day.",
    ]
    page_without_posts = POST_PAGE.replace("twitter-tweet", "pull-quote")
    assert unwrap_embedded_posts(page_without_posts) is page_without_posts
