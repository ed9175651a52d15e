"""Exports of a dyad database: GDELT 2.0 tables, PLOVER-style JSON, CSV and JSON lines.

`export(db, fmt, out)` is the Python API behind `dyad export`; docs/export.md documents each
format and how its fields are filled.
"""
from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from dyad.errors import StoreError
from dyad.export.gdelt import event_rows, mention_rows, to_tsv
from dyad.export.plover import plover_records
from dyad.output import to_csv, to_jsonl
from dyad.store.sqlite import SQLiteStore

FORMATS = ("gdelt", "plover", "csv", "jsonl")


def mentions_path(out: Path) -> Path:
    """Where the GDELT mentions table goes next to the events table: X.tsv → X.mentions.tsv."""
    return out.with_name(f"{out.stem}.mentions{out.suffix or '.tsv'}")


def _write(lines: Iterable[str], out: Path | None, stdout: TextIO) -> None:
    if out is None:
        stdout.writelines(lines)
        return
    try:
        with out.open("w", encoding="utf-8", newline="") as handle:
            handle.writelines(lines)
    except OSError as exc:
        raise StoreError(f"{out}: cannot write the export: {exc.strerror or exc}") from exc


def export(db: Path, fmt: str, out: Path | None = None,
           stdout: TextIO | None = None) -> list[Path]:
    """Write the events of `db` in `fmt` to `out` (stdout when None); returns the files written.

    Args:
        db: a dyad SQLite database.
        fmt: one of FORMATS.
        out: the file to write; for `gdelt` the mentions table goes to `mentions_path(out)`
            (with no `out`, only the events table is written, to stdout).
    """
    if fmt not in FORMATS:
        raise StoreError(f"{fmt!r} is not an export format (expected one of {', '.join(FORMATS)})")
    if not Path(db).is_file():
        raise StoreError(f"{db}: no such database file")
    stream = stdout or sys.stdout
    with SQLiteStore(db) as store:
        if fmt == "gdelt":
            _write(to_tsv(event_rows(store)), out, stream)
            if out is None:
                return []
            _write(to_tsv(mention_rows(store)), mentions_path(out), stream)
            return [out, mentions_path(out)]
        records = store.query_events()
    if fmt == "plover":
        lines: Iterable[str] = (json.dumps(r, ensure_ascii=False) + "\n"
                                for r in plover_records(records))
    elif fmt == "csv":
        lines = [to_csv(records)]
    else:
        lines = [to_jsonl(records)]
    _write(lines, out, stream)
    return [out] if out else []


__all__ = ["FORMATS", "export", "mentions_path"]
