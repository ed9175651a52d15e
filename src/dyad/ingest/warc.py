"""Web archives (WARC, WARC.gz): each HTML response record is one page, read by the HTML reader."""
from __future__ import annotations

import datetime as dt
import zlib
from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from dyad.ingest import InputProblem
from dyad.ingest.html import MAX_HTML_BYTES, html_items
from dyad.ingest.options import ReadOptions
from dyad.model import Article

Item = InputProblem | Article
HTML_TYPES = ("text/html", "application/xhtml+xml")
# What a cut or corrupt archive raises inside warcio (gzip member cut, header cut, bad framing).
BROKEN = (ArchiveLoadFailed, EOFError, zlib.error, ValueError, OSError)


def read_warc_file(path: Path, name: str, article_id: str, published: dt.date | None,
                   lang: str | None, options: ReadOptions | None = None) -> Iterator[Item]:
    """Every HTML page a WARC archive holds (status 2xx); others are skipped without a word."""
    count = 0
    try:
        with path.open("rb") as handle:
            archive = ArchiveIterator(handle)
            record = None
            for record in archive:
                count += 1
                yield from _record_items(record, count, name, article_id, published, lang)
            size = path.stat().st_size
            cut = record is not None and record.raw_stream.limit > 0
    except BROKEN as exc:
        if count == 0 and isinstance(exc, ArchiveLoadFailed):
            yield InputProblem(name, f"{name}: not a WARC file ({_short(exc)}), skipped")
        else:
            yield _broken(name, count, f"{type(exc).__name__}: {_short(exc)}")
        return
    if count == 0:
        yield InputProblem(name, f"{name}: {'empty file' if size == 0 else 'no WARC records'}, skipped")
    elif cut:
        yield _broken(name, count - 1, f"record {count} cut short")
    elif archive.offset < size:
        yield _broken(name, count, f"stops at byte {archive.offset} of {size}")


def _record_items(record: object, count: int, name: str, article_id: str,
                  published: dt.date | None, lang: str | None) -> Iterator[Item]:
    """The article of one record when it is an HTML page; a cut page is a problem."""
    page = _page(record)
    if page is None:
        return
    uri, charset = page
    where = f"{name}: record {count} ({uri})"
    data = record.content_stream().read(MAX_HTML_BYTES + 1)  # type: ignore[attr-defined]
    if len(data) > MAX_HTML_BYTES:
        data = data[:MAX_HTML_BYTES]
        yield InputProblem(name, f"{where}: page truncated to {MAX_HTML_BYTES >> 20} MB")
    elif record.raw_stream.limit > 0:  # type: ignore[attr-defined]
        return  # a cut record: read_warc_file reports the truncated archive
    yield from html_items(data, where, f"{article_id}:{count}", uri, published, lang, charset)


def _broken(name: str, count: int, why: str) -> InputProblem:
    return InputProblem(name, f"{name}: truncated or corrupt WARC after {count} record(s) "
                              f"({why}), rest skipped")


def _page(record: object) -> tuple[str, str | None] | None:
    """(target URI, declared charset) of a successful HTML response record, else None."""
    if getattr(record, "rec_type", None) != "response":
        return None
    http = record.http_headers  # type: ignore[attr-defined]
    if http is None or not http.get_statuscode().startswith("2"):
        return None
    ctype = (http.get_header("Content-Type") or "").lower()
    if not ctype.startswith(HTML_TYPES):
        return None
    charset = None
    if "charset=" in ctype:
        charset = ctype.split("charset=", 1)[1].split(";")[0].strip(" \"'") or None
    uri = record.rec_headers.get_header("WARC-Target-URI") or ""  # type: ignore[attr-defined]
    return uri, charset


def _short(exc: BaseException) -> str:
    """An exception's text on one line, at most 80 characters."""
    text = " ".join(str(exc).split())
    return text[:77] + "..." if len(text) > 80 else text
