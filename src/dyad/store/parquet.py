"""Events as Parquet, Hive-partitioned by event date (year=YYYY/month=M), for DuckDB, pandas,
Polars and Spark to read as they are. Undated events go to year=0/month=0."""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from dyad.errors import StoreError

ROWS_PER_GROUP = 10_000  # buffered rows per partition before a row group is written
MENTION = pa.struct([("article_id", pa.string()), ("sentence", pa.int32()),
                     ("start", pa.int32()), ("end", pa.int32()), ("lang", pa.string()),
                     ("text", pa.string()), ("rule", pa.string()), ("trigger", pa.string()),
                     ("source_text", pa.string()), ("target_text", pa.string())])
SIDE_FIELDS = ("code", "country", "agent", "name")
SCHEMA = pa.schema(
    [("event_id", pa.string()), ("date", pa.string()), ("date_precision", pa.string()),
     ("date_source", pa.string())]
    + [(f"{side}_{f}", pa.string()) for side in ("source", "target") for f in SIDE_FIELDS]
    + [("cameo", pa.string()), ("root", pa.string()), ("quad_class", pa.int8()),
       ("goldstein", pa.float64()), ("plover", pa.string()), ("negated", pa.bool_()),
       ("modality", pa.string()), ("location_name", pa.string()),
       ("location_country", pa.string()), ("location_lat", pa.float64()),
       ("location_lon", pa.float64()), ("confidence", pa.float64()),
       ("num_mentions", pa.int32()), ("mentions", pa.list_(MENTION))])


def write_events(records: Iterable[dict[str, Any]], root: Path, basename: str = "part",
                 rows_per_group: int = ROWS_PER_GROUP) -> int:
    """Write event records (`Event.to_dict()`) under `root`; returns the number of rows.

    Each call writes one file per year/month it meets, `<root>/year=2025/month=2/<basename>.parquet`;
    a file of the same name is replaced, so writing the same records again changes nothing.
    Memory stays bounded: rows are flushed as row groups of `rows_per_group`.

    Args:
        records: event records as `dyad code --format jsonl` prints them (mentions included).
        root: the dataset directory (created if missing).
        basename: the file name within each partition, without ".parquet".
    """
    writers: dict[tuple[int, int], pq.ParquetWriter] = {}
    buffers: dict[tuple[int, int], list[dict[str, Any]]] = {}
    rows = 0
    try:
        for record in records:
            key = partition(record.get("date"))
            buffers.setdefault(key, []).append(flat_row(record))
            rows += 1
            if len(buffers[key]) >= rows_per_group:
                _flush(writers, buffers, key, root, basename)
        for key in list(buffers):
            _flush(writers, buffers, key, root, basename)
    except OSError as exc:
        raise StoreError(f"{root}: cannot write Parquet: {exc.strerror or exc}") from exc
    finally:
        for writer in writers.values():
            writer.close()
    return rows


def partition(date: str | None) -> tuple[int, int]:
    """(year, month) of an event date ("2025-02-04" → (2025, 2)); 0 for what the date lacks."""
    if not date:
        return 0, 0
    parts = date.split("-")
    return int(parts[0]), int(parts[1]) if len(parts) > 1 else 0


def flat_row(record: dict[str, Any]) -> dict[str, Any]:
    """One event record as a row of SCHEMA: actor and location fields flattened."""
    row = {k: record.get(k) for k in ("event_id", "date", "date_precision", "date_source",
                                      "cameo", "root", "quad_class", "goldstein", "plover",
                                      "negated", "modality", "confidence", "num_mentions",
                                      "mentions")}
    for side in ("source", "target"):
        actor = record.get(side) or {}
        for f in SIDE_FIELDS:
            row[f"{side}_{f}"] = actor.get(f)
    location = record.get("location") or {}
    for f in ("name", "country", "lat", "lon"):
        row[f"location_{f}"] = location.get(f)
    return row


def _flush(writers: dict[tuple[int, int], pq.ParquetWriter],
           buffers: dict[tuple[int, int], list[dict[str, Any]]], key: tuple[int, int],
           root: Path, basename: str) -> None:
    rows = buffers.pop(key, [])
    if not rows:
        return
    if key not in writers:
        folder = root / f"year={key[0]}" / f"month={key[1]}"
        folder.mkdir(parents=True, exist_ok=True)
        writers[key] = pq.ParquetWriter(folder / f"{basename}.parquet", SCHEMA)
    writers[key].write_table(pa.Table.from_pylist(rows, schema=SCHEMA))


__all__ = ["SCHEMA", "flat_row", "partition", "write_events"]
