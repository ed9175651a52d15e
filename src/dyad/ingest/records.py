"""One tabular record (a JSONL object, a CSV or Parquet row) → an Article, via named columns."""
from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator, Mapping
from typing import Any

from dyad.ingest import InputProblem
from dyad.ingest.options import Columns
from dyad.ingest.text import MAX_CHARS, repair_text
from dyad.model import Article

Item = InputProblem | Article


def record_items(record: Mapping[str, Any], columns: Columns, name: str, where: str,
                 fallback_id: str, published: dt.date | None,
                 lang: str | None, unit: str = "line") -> Iterator[Item]:
    """An Article from one record, preceded by a problem for each thing wrong with it."""
    text, error = record_text(record, columns.text)
    if text is None:
        yield InputProblem(name, f"{where}: {error}, {unit} skipped")
        return
    if len(text) > MAX_CHARS:
        text = text[:MAX_CHARS]
        yield InputProblem(name, f"{where}: text truncated to 10 MB")
    date: dt.date | None = published
    raw_date = record.get(columns.published)
    if not _missing(raw_date):
        try:
            date = parse_published(raw_date)
        except ValueError:
            date = None
            yield InputProblem(name, f"{where}: invalid '{columns.published}' date "
                                     f"{raw_date!r}, date ignored")
    yield Article(id=optional_str(record.get(columns.id)) or fallback_id, text=repair_text(text),
                  title=optional_str(record.get(columns.title)),
                  url=optional_str(record.get(columns.url)),
                  source=optional_str(record.get(columns.source)), published=date,
                  lang=optional_str(record.get(columns.lang)) or lang, path=where)


def record_text(record: Mapping[str, Any], column: str) -> tuple[str | None, str]:
    """The record's text, or None and why it is unusable."""
    text = record.get(column)
    if _missing(text):
        return None, f"missing '{column}'"
    if not isinstance(text, str):
        return None, f"'{column}' is not a string"
    if not text.strip():
        return None, f"empty '{column}'"
    return text, ""


def parse_published(value: Any) -> dt.date:
    """A date from `YYYY-MM-DD`, an ISO 8601 datetime, a date/datetime or a struct_time."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, time.struct_time):
        return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
    if not isinstance(value, str):
        raise ValueError(f"not a date: {value!r}")
    value = value.strip()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return dt.datetime.fromisoformat(value).date()


def optional_str(value: Any) -> str | None:
    """A metadata value as a non-empty string, or None."""
    if _missing(value):
        return None
    text = str(value).strip()
    return text or None


def _missing(value: Any) -> bool:
    """None, or a float NaN as pandas-written CSV/Parquet files hold for empty cells."""
    return value is None or (isinstance(value, float) and value != value)
