"""Read input files (plain text, JSONL, stdin) into `Article`s; bad input becomes a problem line."""
from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from dyad.model import Article

STDIN = "-"
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ""})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})


@dataclass(frozen=True)
class InputProblem:
    """Why one input file, or one record in it, was skipped or changed: one line for the user."""

    path: str
    message: str  # the whole line, starting with the path: "data/x.bin: binary file, skipped"

    def __str__(self) -> str:
        return self.message


Item = Article | InputProblem
Reader = Callable[[Path, str, str, dt.date | None, str | None], Iterator[Item]]


def read_inputs(paths: Iterable[str], published: dt.date | None = None, lang: str | None = None,
                stdin: TextIO | None = None) -> Iterator[Item]:
    """Yield an Article per input document and an InputProblem per bad file or record; never raise.

    Args:
        paths: files, directories (read recursively, sorted, hidden entries skipped) or "-"
            for one plain-text article on standard input.
        published: publication date for articles whose input gives none.
        lang: language hint (ISO 639-1) for articles whose input gives none.
        stdin: the stream "-" reads; defaults to sys.stdin.
    """
    seen_ids: set[str] = set()
    for given in paths:
        if given == STDIN:
            from dyad.ingest.text import read_stream  # here: the readers import InputProblem

            yield from read_stream(stdin if stdin is not None else sys.stdin, published, lang)
            continue
        for path in _expand(Path(given)):
            yield from _read_file(path, seen_ids, published, lang)


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
               lang: str | None) -> Iterator[Item]:
    """Dispatch one file to the reader for its extension."""
    name = str(path)
    reader = _reader_for(path.suffix.lower())
    if reader is None:
        yield _unsupported(path, name)
        return
    yield from reader(path, name, _unique_id(path, seen_ids), published, lang)


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


def _reader_for(suffix: str) -> Reader | None:
    """The reader function for a file extension, or None when unsupported."""
    from dyad.ingest import jsonl, text  # here: the readers import InputProblem from this module

    if suffix in TEXT_SUFFIXES:
        return text.read_text_file
    if suffix in JSONL_SUFFIXES:
        return jsonl.read_jsonl_file
    return None


def _unique_id(path: Path, seen_ids: set[str]) -> str:
    """The file stem, or the path when that stem is already taken in this run."""
    for candidate in (path.stem, path.with_suffix("").as_posix(), path.as_posix()):
        if candidate not in seen_ids:
            seen_ids.add(candidate)
            return candidate
    return path.as_posix()


__all__ = ["InputProblem", "read_inputs"]
