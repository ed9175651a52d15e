"""JSON Lines input: one article per line, {"id", "text", "title"?, "published"?, "lang"?, ...}."""
from __future__ import annotations

import codecs
import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from dyad.ingest import InputProblem
from dyad.ingest.text import MAX_CHARS, SNIFF_BYTES, repair_text
from dyad.model import Article

Item = InputProblem | Article


def read_jsonl_file(path: Path, name: str, article_id: str, published: dt.date | None,
                    lang: str | None) -> Iterator[Item]:
    """Stream a JSONL file; each bad line yields a problem and reading goes on."""
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
                                           published, lang)
    except OSError as exc:
        yield InputProblem(name, f"{name}: cannot read: {exc.strerror or exc}")
        return
    if not found:
        yield InputProblem(name, f"{name}: empty file, skipped")


def read_record(raw: bytes, name: str, lineno: int, fallback_id: str,
                published: dt.date | None, lang: str | None) -> Iterator[Item]:
    """Turn one JSONL line into an Article, with a problem for each thing wrong with it."""
    where = f"{name}:{lineno}"
    record, error = _parse(raw)
    if record is None:
        yield InputProblem(name, f"{where}: {error}, line skipped")
        return
    text, error = _text(record)
    if text is None:
        yield InputProblem(name, f"{where}: {error}, line skipped")
        return
    if len(text) > MAX_CHARS:
        text = text[:MAX_CHARS]
        yield InputProblem(name, f"{where}: text truncated to 10 MB")
    date: dt.date | None = published
    if record.get("published") is not None:
        try:
            date = parse_published(record["published"])
        except ValueError:
            date = None
            yield InputProblem(name, f"{where}: invalid 'published' date "
                                      f"{record['published']!r}, date ignored")
    record_id = _optional_str(record.get("id"))
    yield Article(id=record_id or fallback_id, text=repair_text(text),
                  title=_optional_str(record.get("title")), url=_optional_str(record.get("url")),
                  source=_optional_str(record.get("source")), published=date,
                  lang=_optional_str(record.get("lang")) or lang, path=where)


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


def _text(record: dict[str, Any]) -> tuple[str | None, str]:
    """The record's text, or None and why it is unusable."""
    text = record.get("text")
    if text is None:
        return None, "missing 'text'"
    if not isinstance(text, str):
        return None, "'text' is not a string"
    if not text.strip():
        return None, "empty 'text'"
    return text, ""


def parse_published(value: Any) -> dt.date:
    """A date from `YYYY-MM-DD` or an ISO 8601 datetime; ValueError otherwise."""
    if not isinstance(value, str):
        raise ValueError(f"not a string: {value!r}")
    value = value.strip()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return dt.datetime.fromisoformat(value).date()


def _optional_str(value: Any) -> str | None:
    """A metadata value as a non-empty string, or None."""
    if value is None:
        return None
    text = str(value).strip()
    return text or None
