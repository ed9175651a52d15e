"""Read inputs (text, HTML, WARC, feeds, JSONL, CSV, Parquet, stdin) into `Article`s; bad input
becomes a problem line."""
from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from dyad.ingest.options import Columns, ReadOptions
from dyad.model import Article

STDIN = "-"
# Format by file extension (the last one, or the last two for ".warc.gz").
SUFFIX_FORMATS: dict[str, str] = {
    ".txt": "text", ".text": "text", ".md": "text", "": "text",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".warc": "warc", ".warc.gz": "warc",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
    ".csv": "csv", ".tsv": "csv",
    ".parquet": "parquet", ".pq": "parquet"}
READERS: dict[str, tuple[str, str]] = {
    "text": ("text", "read_text_file"), "jsonl": ("jsonl", "read_jsonl_file"),
    "html": ("html", "read_html_file"), "warc": ("warc", "read_warc_file"),
    "feed": ("feed", "read_feed_file"), "csv": ("table", "read_csv_file"),
    "parquet": ("table", "read_parquet_file")}
TEXT_SUFFIXES = frozenset(k for k, v in SUFFIX_FORMATS.items() if v == "text")
JSONL_SUFFIXES = frozenset(k for k, v in SUFFIX_FORMATS.items() if v == "jsonl")


@dataclass(frozen=True)
class InputProblem:
    """Why one input file, or one record in it, was skipped or changed: one line for the user."""

    path: str
    message: str  # the whole line, starting with the path: "data/x.bin: binary file, skipped"

    def __str__(self) -> str:
        return self.message


Item = Article | InputProblem
Reader = Callable[[Path, str, str, dt.date | None, str | None, ReadOptions], Iterator[Item]]
DEFAULT_OPTIONS = ReadOptions()


def read_inputs(paths: Iterable[str], published: dt.date | None = None, lang: str | None = None,
                stdin: TextIO | None = None,
                options: ReadOptions | None = None) -> Iterator[Item]:
    """Yield an Article per input document and an InputProblem per bad file or record; never raise.

    Args:
        paths: files, directories (read recursively, sorted, hidden entries skipped) or "-"
            for one plain-text article on standard input.
        published: publication date for articles whose input gives none.
        lang: language hint (ISO 639-1) for articles whose input gives none.
        stdin: the stream "-" reads; defaults to sys.stdin.
        options: column names of CSV/Parquet/JSONL, a forced format, opt-in link fetching.
            An http(s) URL among `paths` is read as a feed.
    """
    options = options or DEFAULT_OPTIONS
    seen_ids: set[str] = set()
    for given in paths:
        if given == STDIN:
            from dyad.ingest.text import read_stream  # here: the readers import InputProblem

            yield from read_stream(stdin if stdin is not None else sys.stdin, published, lang)
            continue
        if given.lower().startswith(("http://", "https://")):
            from dyad.ingest.feed import read_feed_url

            yield from read_feed_url(given, _unique_id(Path(given.rstrip("/")), seen_ids),
                                     published, lang, options)
            continue
        for path in _expand(Path(given)):
            yield from _read_file(path, seen_ids, published, lang, options)


def _expand(path: Path) -> Iterator[Path]:
    """The path itself, or a directory's visible files in sorted order, recursively."""
    if not path.is_dir():
        yield path
        return
    for child in sorted(path.rglob("*")):
        relative = child.relative_to(path)
        if any(part.startswith(".") for part in relative.parts) or not child.is_file():
            continue
        yield child


def _read_file(path: Path, seen_ids: set[str], published: dt.date | None,
               lang: str | None, options: ReadOptions) -> Iterator[Item]:
    """Dispatch one file to the reader for its format (forced, or by extension)."""
    name = str(path)
    reader = _reader_for(options.input_format or input_format(path))
    if reader is None:
        yield _unsupported(path, name)
        return
    yield from reader(path, name, _unique_id(_stem(path), seen_ids), published, lang, options)


def input_format(path: Path) -> str | None:
    """The format a file's extension names ("warc" for x.warc.gz), or None."""
    suffixes = [s.lower() for s in path.suffixes[-2:]]
    if len(suffixes) == 2 and "".join(suffixes) in SUFFIX_FORMATS:
        return SUFFIX_FORMATS["".join(suffixes)]
    return SUFFIX_FORMATS.get(path.suffix.lower())


def _stem(path: Path) -> Path:
    """x.warc.gz → x.warc, so that the id of such a file is "x"."""
    return path.with_suffix("") if input_format(path) == "warc" and path.suffix == ".gz" else path


def _unsupported(path: Path, name: str) -> InputProblem:
    """The problem with a file of another extension: unreadable, binary or just unsupported."""
    from dyad.ingest.text import sniff_binary

    try:
        binary = sniff_binary(path)
    except OSError as exc:
        return InputProblem(name, f"{name}: cannot read: {exc.strerror or exc}")
    if binary:
        return InputProblem(name, f"{name}: binary file, skipped")
    return InputProblem(name, f"{name}: unsupported file type ({path.suffix}), skipped")


def _reader_for(fmt: str | None) -> Reader | None:
    """The reader function for a format name, or None when unsupported."""
    import importlib

    # imported on first use: the readers import InputProblem from this module, and a text-only
    # run needs none of trafilatura, warcio, feedparser or pyarrow
    module, function = READERS.get(fmt or "", (None, None))
    if module is None or function is None:
        return None
    reader = getattr(importlib.import_module(f"dyad.ingest.{module}"), function)
    if fmt == "text":
        return lambda p, n, i, d, la, _o: reader(p, n, i, d, la)
    return reader  # type: ignore[no-any-return]


def _unique_id(path: Path, seen_ids: set[str]) -> str:
    """The file stem, or the path when that stem is already taken in this run."""
    for candidate in (path.stem, path.with_suffix("").as_posix(), path.as_posix()):
        if candidate not in seen_ids:
            seen_ids.add(candidate)
            return candidate
    return path.as_posix()


__all__ = ["Columns", "InputProblem", "ReadOptions", "input_format", "read_inputs"]
