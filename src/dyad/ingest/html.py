"""HTML pages: trafilatura picks the article (text, title, date, URL) out of the page furniture."""
from __future__ import annotations

import codecs
import datetime as dt
import re
from collections.abc import Generator, Iterator
from pathlib import Path

import trafilatura

from dyad.ingest import InputProblem
from dyad.ingest.options import ReadOptions
from dyad.ingest.records import optional_str, parse_published
from dyad.ingest.text import (BOMS, MAX_BYTES, MAX_CHARS, SNIFF_BYTES, detect_encoding,
                              looks_textual, repair_text)
from dyad.langid import CANDIDATES
from dyad.model import Article

Item = InputProblem | Article
MAX_HTML_BYTES = 4 * MAX_BYTES  # markup is several times its text; larger pages are cut
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([-\w.:]+)""", re.IGNORECASE)
# Extracted text shorter than this is a menu or a caption, not an article (trafilatura's
# fallback returns "Home" for a page that is only navigation).
MIN_TEXT_CHARS = 40
HTML_LANG = re.compile(r"""<html[^>]*?\blang\s*=\s*["']?([A-Za-z]{2,3})""", re.IGNORECASE)


def read_capped(path: Path, name: str) -> Generator[InputProblem, None, bytes | None]:
    """A file's first MAX_HTML_BYTES + 1 bytes (one more shows it is larger), or a problem."""
    try:
        with path.open("rb") as handle:
            return handle.read(MAX_HTML_BYTES + 1)
    except OSError as exc:
        yield InputProblem(name, f"{name}: cannot read: {exc.strerror or exc}")
        return None


def read_html_file(path: Path, name: str, article_id: str, published: dt.date | None,
                   lang: str | None, options: ReadOptions | None = None) -> Iterator[Item]:
    """One saved web page → its article, or a problem line."""
    data = yield from read_capped(path, name)
    if data is None:
        return
    if len(data) > MAX_HTML_BYTES:
        data = data[:MAX_HTML_BYTES]
        yield InputProblem(name, f"{name}: page truncated to {MAX_HTML_BYTES >> 20} MB")
    yield from html_items(data, name, article_id, None, published, lang)


def html_items(data: bytes, name: str, article_id: str, url: str | None,
               published: dt.date | None, lang: str | None,
               charset: str | None = None) -> Iterator[Item]:
    """The article in one page's bytes (charset from HTTP headers when known), or a problem."""
    if not data.strip():
        yield InputProblem(name, f"{name}: empty page, skipped")
        return
    html = decode_html(data, charset)
    if html is None:
        yield InputProblem(name, f"{name}: binary or undecodable page, skipped")
        return
    try:
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                          include_tables=False)
    except Exception as exc:  # lxml and htmldate raise many kinds on hostile markup
        yield InputProblem(name, f"{name}: cannot parse HTML ({type(exc).__name__}), skipped")
        return
    body = (doc.text or "").strip() if doc is not None else ""
    if len(body) < MIN_TEXT_CHARS:
        yield InputProblem(name, f"{name}: no article text found in the page, skipped")
        return
    title = optional_str(doc.title)
    text = body if not title or body.startswith(title) else f"{title}\n\n{body}"
    if len(text) > MAX_CHARS:
        text = text[:MAX_CHARS]
        yield InputProblem(name, f"{name}: text truncated to 10 MB")
    yield Article(id=article_id, text=repair_text(text), title=title,
                  url=url or optional_str(doc.url), source=optional_str(doc.sitename),
                  published=_date(doc.date) or published, lang=lang or page_language(html),
                  path=name)


def decode_html(data: bytes, charset: str | None = None) -> str | None:
    """Decode a page: BOM, HTTP or <meta> charset, UTF-8, then charset-normalizer; None if binary."""
    for bom, codec in BOMS:
        if data.startswith(bom):
            return _textual(_try(data[len(bom):], codec))
    if b"\x00" in data[:SNIFF_BYTES]:
        return None
    declared = META_CHARSET.search(data[:SNIFF_BYTES])
    for codec in (charset, declared.group(1).decode("ascii") if declared else None, "utf-8"):
        text = _try(data, codec)
        if text is not None:
            return _textual(text)
    return _textual(detect_encoding(data))


def page_language(html: str) -> str | None:
    """The language the page declares (<html lang="de-AT"> → "de"), if dyad reads it."""
    match = HTML_LANG.search(html[:SNIFF_BYTES])
    code = match.group(1).lower() if match else None
    return code if code in CANDIDATES else None


def _try(data: bytes, codec: str | None) -> str | None:
    """`data` decoded with `codec`, or None when the codec is unknown or does not fit."""
    if not codec:
        return None
    try:
        codecs.lookup(codec)
        return data.decode(codec)
    except (LookupError, UnicodeDecodeError):
        return None


def _textual(text: str | None) -> str | None:
    return text if text is not None and looks_textual(text) else None


def _date(value: str | None) -> dt.date | None:
    """trafilatura's date ("2025-02-04"), or None when it found none or an odd one."""
    try:
        return parse_published(value) if value else None
    except ValueError:
        return None
