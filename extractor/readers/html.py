"""HTML pages: trafilatura finds the article body, title, date and author.

The record's ``text`` is trafilatura's article text with paragraphs separated by blank lines,
so that paragraph boundaries survive into segmentation.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import lxml.html
import trafilatura

from ..article import Article, normalize_published
from .decode import DEFAULT_MAX_CHARS, check_text, decode_bytes
from .files import article_name, read_input


def article_from_html(html: str, article_id: str, source: str, max_chars: int = DEFAULT_MAX_CHARS) -> Article:
    document = trafilatura.bare_extraction(unwrap_embedded_posts(unnest_deep_divs(html)), with_metadata=True, include_comments=False, include_tables=True)
    body = (getattr(document, "text", None) or "") if document is not None else ""
    text = "\n\n".join(line.strip() for line in body.split("\n") if line.strip())
    if not text:
        return Article(
            id=article_id,
            text="",
            source=source,
            error=("no_article_text", f"{source}: no article text was found in this HTML page."),
        )
    checked = check_text(text, source, max_chars)
    published_raw = getattr(document, "date", None)
    article = Article(
        id=article_id,
        text=checked.text,
        title=getattr(document, "title", None),
        published=normalize_published(published_raw),
        url=getattr(document, "url", None),
        author=getattr(document, "author", None),
        source=source,
        error=checked.error,
    )
    if published_raw and article.published is None:
        article.warnings.append(("bad_published", f"{source}: could not read the page's date {published_raw!r}."))
    return article


#: libxml2's HTML parser silently drops everything nested deeper than 256 elements (2048 with
#: huge_tree), so an article below that many wrappers never reaches trafilatura. Pages whose
#: <div>s nest deeper than this get their runs of wrappers collapsed first.
_MAX_DIV_DEPTH = 200
_DIV_TAG = re.compile(r"<(/?)div\b", re.IGNORECASE)
_OPEN_RUN = re.compile(r"(?:<div\b[^>]*>\s*){2,}", re.IGNORECASE)
_OPEN_TAG = re.compile(r"<div\b[^>]*>", re.IGNORECASE)
_CLOSE_RUN = re.compile(r"(?:</div\s*>\s*){2,}", re.IGNORECASE)


def unnest_deep_divs(html: str) -> str:
    """The page unchanged, unless its <div>s nest past the parser's depth limit: then each run of
    consecutive opening <div> tags becomes its innermost tag and each run of closing tags one.

    A run of wrappers with nothing between them carries no text, so collapsing it keeps every
    word and the innermost class names (the ones nearest the text, which trafilatura reads).
    Ordinary pages are never touched, so their extraction cannot change.
    """
    tags = _DIV_TAG.findall(html)
    if len(tags) <= 2 * _MAX_DIV_DEPTH:
        return html
    depth = deepest = 0
    for slash in tags:
        depth = max(depth - 1, 0) if slash else depth + 1
        deepest = max(deepest, depth)
    if deepest <= _MAX_DIV_DEPTH:
        return html
    html = _OPEN_RUN.sub(lambda m: _OPEN_TAG.findall(m.group(0))[-1], html)
    return _CLOSE_RUN.sub("</div>", html)


#: an embedded post as the platform's embed code writes it: <blockquote class="twitter-tweet">
_POST_CLASS = re.compile(r"<blockquote\b[^>]*\bclass=[\"'][^\"']*\b(?:twitter-tweet|instagram-media)\b", re.IGNORECASE)
_WRAPPERS = frozenset({"div", "figure", "span", "section", "aside"})


def unwrap_embedded_posts(html: str) -> str:
    """The page with every embedded social post rewritten as two plain paragraphs: the post's
    words, then its signature ('— Kristi Noem (@govkristinoem) November 18, 2019').

    A post's words are a direct quote of its author, but the embed code sits in wrappers
    ('social-media-embed') that trafilatura drops as page furniture on some sites and keeps on
    others. Rewritten as paragraphs in place of their wrappers, posts survive on every site, one
    paragraph of words each (the post's line breaks are its layout), so the quote stage finds the
    words just before the signature. Pages without a post are returned unchanged.
    """
    if not _POST_CLASS.search(html):
        return html
    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return html
    posts = tree.xpath("//blockquote[contains(@class, 'twitter-tweet') or contains(@class, 'instagram-media')]")
    for post in posts:
        words = next(post.iter("p"), None)
        if words is None:
            continue
        _flatten(words)
        said = _one_line(words.text_content())
        whole = _one_line(post.text_content())
        signature = whole[len(said):].strip() if said and whole.startswith(said) else ""
        if not said or not signature:
            continue
        node = post
        while (parent := node.getparent()) is not None and parent.tag in _WRAPPERS and _only_wraps(parent, node):
            node = parent
        parent = node.getparent()
        if parent is None:
            continue
        signed = lxml.html.Element("p")
        signed.text, signed.tail = signature, node.tail
        words.tail = None
        index = parent.index(node)
        parent[index : index + 1] = [words, signed]
    return lxml.html.tostring(tree, encoding="unicode")


def _one_line(text: str) -> str:
    """``text`` on one line: its line breaks are the embed's layout, not paragraphs."""
    return re.sub(r"[ \t]*[\r\n]+[ \t]*", " ", text).strip()


def _flatten(paragraph) -> None:
    """A post's paragraph on one line: <br> and line breaks become spaces (the reader makes a
    paragraph of every line), its links and other inline markup stay as they are."""
    for br in list(paragraph.iter("br")):
        br.tail = " " + (br.tail or "")
        br.drop_tag()
    for node in paragraph.iter():
        node.text = _no_breaks(node.text)
        if node is not paragraph:
            node.tail = _no_breaks(node.tail)


def _no_breaks(text: str | None) -> str | None:
    """A text node of a post with its line breaks as spaces (the reader makes paragraphs of lines)."""
    return None if text is None else re.sub(r"[\r\n]+", " ", text)


def _only_wraps(parent, child) -> bool:
    """``parent`` holds nothing but ``child`` (and the embed's <script>s): a wrapper of it."""
    if (parent.text or "").strip():
        return False
    return all(node is child or (node.tag == "script" and not (node.tail or "").strip())
               for node in parent) and not (child.tail or "").strip()


def read_html(path: Path, max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Article]:
    source = str(path)
    # HTML may be larger than its article text, so the size limit applies to the extracted text.
    page_chars = max(max_chars, 50 * max_chars)
    decoded = decode_bytes(read_input(path, 4 * page_chars + 4), source, max_chars=page_chars)
    if decoded.error:
        yield Article(id=article_name(path), text="", source=source, error=decoded.error)
        return
    article = article_from_html(decoded.text, article_name(path), source, max_chars)
    if decoded.warning:
        article.warnings.append(decoded.warning)
    yield article
