"""JSON Lines input: one article per line, {"id", "text", "title"?, "published"?, "lang"?, ...}."""
from __future__ import annotations

import codecs
import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from dyad.ingest import InputProblem
from dyad.ingest.options import Columns, ReadOptions
from dyad.ingest.records import record_items
from dyad.ingest.text import SNIFF_BYTES
from dyad.model import Article

Item = InputProblem | Article
DEFAULT_COLUMNS = Columns()


def read_jsonl_file(path: Path, name: str, article_id: str, published: dt.date | None,
                    lang: str | None, options: ReadOptions | None = None) -> Iterator[Item]:
    """Stream a JSONL file; each bad line yields a problem and reading goes on."""
    columns = options.columns if options else DEFAULT_COLUMNS
    found = False
    try:
        with path.open("rb") as handle:
            if b"\x00" in handle.read(SNIFF_BYTES):
                yield InputProblem(name, f"{name}: binary file, skipped")
                return
            handle.seek(0)
            for lineno, raw in enumerate(handle, start=1):
                if lineno == 1:
                    raw = raw.removeprefix(codecs.BOM_UTF8)
                if raw.strip():
                    found = True
                    yield from read_record(raw, name, lineno, f"{article_id}:{lineno}",
                                           published, lang, columns)
    except OSError as exc:
        yield InputProblem(name, f"{name}: cannot read: {exc.strerror or exc}")
        return
    if not found:
        yield InputProblem(name, f"{name}: empty file, skipped")


def read_record(raw: bytes, name: str, lineno: int, fallback_id: str,
                published: dt.date | None, lang: str | None,
                columns: Columns = DEFAULT_COLUMNS) -> Iterator[Item]:
    """Turn one JSONL line into an Article, with a problem for each thing wrong with it."""
    where = f"{name}:{lineno}"
    record, error = _parse(raw)
    if record is None:
        yield InputProblem(name, f"{where}: {error}, line skipped")
        return
    yield from record_items(record, columns, name, where, fallback_id, published, lang)


def _parse(raw: bytes) -> tuple[dict[str, Any] | None, str]:
    """The JSON object on a line, or None and why not."""
    try:
        value = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return None, "not valid UTF-8"
    except json.JSONDecodeError as exc:
        return None, f"invalid JSON ({exc.msg})"
    if not isinstance(value, dict):
        return None, "not a JSON object"
    return value, ""
