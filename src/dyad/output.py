"""Render event records as a table, JSON lines or CSV (the CLI's output formats)."""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any

from rich.console import Console
from rich.table import Table

CSV_COLUMNS = ("event_id", "date", "date_precision", "source_code", "source_country",
               "source_name", "target_code", "target_country", "target_name", "cameo", "root",
               "quad_class", "goldstein", "plover", "negated", "modality", "location",
               "confidence", "num_mentions", "num_sources", "num_articles", "languages", "trigger", "sentence")


def to_jsonl(records: Iterable[dict[str, Any]]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def flat(record: dict[str, Any]) -> dict[str, Any]:
    """One flat row per event for CSV and tables."""
    mentions = record.get("mentions") or [{}]
    location = record.get("location") or {}
    row = {k: record.get(k) for k in CSV_COLUMNS}
    for side in ("source", "target"):
        actor = record.get(side) or {}
        row[f"{side}_code"] = actor.get("code")
        row[f"{side}_country"] = actor.get("country")
        row[f"{side}_name"] = actor.get("name")
    row["location"] = location.get("name")
    row["num_mentions"] = len(record.get("mentions") or [])
    row["languages"] = ",".join(sorted({m.get("lang") or "" for m in mentions if m}))
    row["trigger"] = mentions[0].get("trigger")
    row["sentence"] = mentions[0].get("text")
    return row


def to_csv(records: Iterable[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for record in records:
        writer.writerow(flat(record))
    return buffer.getvalue()


def print_table(records: list[dict[str, Any]], console: Console, title: str = "") -> None:
    table = Table(title=title or None, show_lines=False)
    # the date never shrinks to "2023-03…": rich squeezes columns to fit 80 columns when piped
    table.add_column("date", no_wrap=True, min_width=10)
    for column in ("source", "target", "cameo", "quad", "gold.", "mod.", "n", "trigger"):
        table.add_column(column)
    for record in records:
        row = flat(record)
        source = f"{row['source_code']}" + (f" ({row['source_name']})" if row["source_name"] else "")
        target = f"{row['target_code']}" + (f" ({row['target_name']})" if row["target_name"] else "")
        negated = "not " if record.get("negated") else ""
        table.add_row(str(record.get("date") or "-"), source, target,
                      f"{negated}{record.get('cameo')}", str(record.get("quad_class")),
                      str(record.get("goldstein")), str(record.get("modality"))[:8],
                      str(row["num_mentions"]), str(row["trigger"] or ""))
    console.print(table)
