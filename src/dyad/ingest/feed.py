"""RSS and Atom feeds (files or URLs): one article per entry, or the linked page when opted in."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import feedparser
import lxml.etree
import lxml.html

from dyad.errors import InputError
from dyad.ingest import InputProblem
from dyad.ingest.fetch import fetch
from dyad.ingest.html import MAX_HTML_BYTES, html_items, read_capped
from dyad.ingest.options import ReadOptions
from dyad.ingest.records import optional_str, parse_published
from dyad.ingest.text import MAX_CHARS, repair_text
from dyad.langid import CANDIDATES
from dyad.model import Article

Item = InputProblem | Article
DEFAULT_OPTIONS = ReadOptions()
BLOCKS = ("p", "br", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr")


def read_feed_file(path: Path, name: str, article_id: str, published: dt.date | None,
                   lang: str | None, options: ReadOptions | None = None) -> Iterator[Item]:
    """A feed file's entries as articles."""
    data = yield from read_capped(path, name)
    if data is None:
        return
    yield from feed_items(data, name, article_id, published, lang, options or DEFAULT_OPTIONS)


def read_feed_url(url: str, article_id: str, published: dt.date | None, lang: str | None,
                  options: ReadOptions | None = None) -> Iterator[Item]:
    """A feed downloaded from `url` (given explicitly on the command line)."""
    options = options or DEFAULT_OPTIONS
    try:
        got = fetch(url, options.timeout)
    except InputError as exc:
        yield InputProblem(url, f"{exc}, skipped")
        return
    yield from feed_items(got.data, url, article_id, published, lang, options)


def feed_items(data: bytes, name: str, article_id: str, published: dt.date | None,
               lang: str | None, options: ReadOptions) -> Iterator[Item]:
    """Parse feed bytes and yield an article (or a problem) per entry."""
    if not data.strip():
        yield InputProblem(name, f"{name}: empty file, skipped")
        return
    if len(data) > MAX_HTML_BYTES:
        yield InputProblem(name, f"{name}: feed larger than {MAX_HTML_BYTES >> 20} MB, skipped")
        return
    parsed = feedparser.parse(data)
    if not parsed.entries:
        why = type(parsed.get("bozo_exception")).__name__ if parsed.get("bozo") else "no entries"
        yield InputProblem(name, f"{name}: not an RSS/Atom feed or no entries ({why}), skipped")
        return
    feed_lang = _lang(parsed.feed.get("language")) or lang
    source = optional_str(parsed.feed.get("title"))
    for number, entry in enumerate(parsed.entries, start=1):
        where = f"{name}: entry {number}"
        entry_id = f"{article_id}:{number}"
        if options.fetch_links and entry.get("link"):
            yield from _linked_page(entry, where, entry_id, published, feed_lang, options)
        else:
            yield from _entry_items(entry, where, entry_id, published, feed_lang, source)


def _entry_items(entry: Any, where: str, entry_id: str, published: dt.date | None,
                 lang: str | None, source: str | None) -> Iterator[Item]:
    """An article from the entry's own content or summary."""
    title = optional_str(entry.get("title"))
    body = _text(entry)
    if not body:
        yield InputProblem(where, f"{where}: no text in the entry, skipped")
        return
    text = body if not title or body.startswith(title) else f"{title}\n\n{body}"
    if len(text) > MAX_CHARS:
        text = text[:MAX_CHARS]
        yield InputProblem(where, f"{where}: text truncated to 10 MB")
    yield Article(id=optional_str(entry.get("id")) or entry_id, text=repair_text(text),
                  title=title, url=optional_str(entry.get("link")), source=source,
                  published=_published(entry) or published, lang=lang, path=where)


def _linked_page(entry: Any, where: str, entry_id: str, published: dt.date | None,
                 lang: str | None, options: ReadOptions) -> Iterator[Item]:
    """The page an entry links, read as HTML; the entry's own text if it cannot be fetched."""
    try:
        got = fetch(entry["link"], options.timeout)
    except InputError as exc:
        yield InputProblem(where, f"{where}: {exc}; using the entry's own text")
        yield from _entry_items(entry, where, entry_id, published, lang, None)
        return
    date = _published(entry) or published
    for item in html_items(got.data, f"{where} ({got.url})", optional_str(entry.get("id")) or
                           entry_id, got.url, date, lang, got.charset):
        yield item


def _text(entry: Any) -> str:
    """Plain text of an entry's content (else its summary); markup removed."""
    contents = entry.get("content") or []
    html = contents[0].get("value") if contents else entry.get("summary")
    if not html or not html.strip():
        return ""
    if "<" in html:
        try:
            fragment = lxml.html.fragment_fromstring(html, create_parent="div")
        except (lxml.etree.ParserError, ValueError):
            return ""
        for element in fragment.iter(*BLOCKS):
            element.tail = "\n" + (element.tail or "")
        html = fragment.text_content()
    lines = (" ".join(line.split()) for line in html.splitlines())
    return "\n".join(line for line in lines if line)


def _published(entry: Any) -> dt.date | None:
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)
        if value:
            try:
                return parse_published(value)
            except ValueError:
                continue
    return None


def _lang(value: str | None) -> str | None:
    code = (value or "").split("-")[0].split("_")[0].lower()
    return code if code in CANDIDATES else None
