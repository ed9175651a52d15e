"""PLOVER-style event records (JSON lines): event type, mode, actors, date, place and evidence.

PLOVER (openeventdata) has no type for plain statements (CAMEO 01x without a PLOVER type in
cameo.tsv): those events are not written. docs/export.md lists the fields.
"""
from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any

from dyad.ontology import load_ontology
from dyad.tables import ONTOLOGY_DIR, read_table


@functools.cache
def plover_quads() -> dict[str, str]:
    """PLOVER event type → quad category (ontology/plover.tsv)."""
    return {row["event_type"]: row["quad"]
            for row in read_table(ONTOLOGY_DIR / "plover.tsv", required=("event_type", "quad"))}


def _actor(actor: dict[str, Any]) -> dict[str, Any]:
    return {"code": actor["code"], "country": actor["country"], "agent": actor["agent"],
            "name": actor["name"]}


def plover_record(record: dict[str, Any]) -> dict[str, Any] | None:
    """One PLOVER-style record from an event record (docs/record.md); None without a type."""
    if not record["plover"]:
        return None
    info = load_ontology().get(record["cameo"])
    first = record["mentions"][0] if record["mentions"] else {}
    return {
        "id": record["event_id"],
        "date": record["date"],
        "date_precision": record["date_precision"],
        "event_type": record["plover"],
        "mode": info.plover_mode,
        "context": [],
        "quad": plover_quads()[record["plover"]],
        "actor1": _actor(record["source"]),
        "actor2": _actor(record["target"]),
        "negated": record["negated"],
        "modality": record["modality"],
        "location": record["location"],
        "cameo": record["cameo"],
        "goldstein": record["goldstein"],
        "num_mentions": record["num_mentions"],
        "num_sources": record["num_sources"],
        "num_articles": record["num_articles"],
        "text": first.get("text"),
        "trigger": first.get("trigger"),
        "article_id": first.get("article_id"),
        "languages": sorted({m["lang"] for m in record["mentions"]}),
    }


def plover_records(records: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """PLOVER-style records for the events that have a PLOVER type."""
    for record in records:
        out = plover_record(record)
        if out is not None:
            yield out
