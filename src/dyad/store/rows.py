"""Events as table rows and back: the column order shared by the events and reports tables."""
from __future__ import annotations

import json
from typing import Any

from dyad.model import Actor, Event, EventDate, Location, Mention

EVENT_COLUMNS = (
    "event_id", "date", "date_precision", "date_source", "source_code", "source_country",
    "source_agent", "source_name", "target_code", "target_country", "target_agent",
    "target_name", "cameo", "root", "quad_class", "goldstein", "plover", "negated", "modality",
    "location_json", "confidence", "first_seen")
COUNT_COLUMNS = ("num_mentions", "num_sources", "num_articles", "merge_reasons")


def event_row(e: Event, now: str) -> tuple[Any, ...]:
    """The events-table row for an Event, in EVENT_COLUMNS order."""
    location = json.dumps(e.location.to_dict(), ensure_ascii=False) if e.location else None
    return (e.event_id, e.date.value, e.date.precision, e.date.source, e.source.code,
            e.source.country, e.source.agent, e.source.name, e.target.code, e.target.country,
            e.target.agent, e.target.name, e.cameo, e.root, e.quad_class, e.goldstein, e.plover,
            int(e.negated), e.modality, location, e.confidence, now)


def event_from_row(row: tuple[Any, ...], mentions: tuple[Mention, ...] = (),
                   counts: tuple[Any, ...] | None = None) -> Event:
    """An Event rebuilt from a row in EVENT_COLUMNS order (then COUNT_COLUMNS, if given)."""
    r = dict(zip(EVENT_COLUMNS, row, strict=True))
    location = Location(**json.loads(r["location_json"])) if r["location_json"] else None
    extra: dict[str, Any] = {}
    if counts is not None:
        c = dict(zip(COUNT_COLUMNS, counts, strict=True))
        extra = {"num_sources": c["num_sources"], "num_articles": c["num_articles"],
                 "merge_reasons": tuple(json.loads(c["merge_reasons"]))}
    return Event(
        event_id=r["event_id"],
        source=Actor(r["source_code"], r["source_country"], r["source_agent"], r["source_name"]),
        target=Actor(r["target_code"], r["target_country"], r["target_agent"], r["target_name"]),
        cameo=r["cameo"], root=r["root"], quad_class=r["quad_class"], goldstein=r["goldstein"],
        plover=r["plover"], date=EventDate(r["date"], r["date_precision"], r["date_source"]),
        negated=bool(r["negated"]), modality=r["modality"], location=location,
        confidence=r["confidence"], mentions=mentions, **extra)
