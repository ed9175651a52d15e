"""The default store: one SQLite file holding articles, sentences, events and their mentions."""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from dyad.errors import DateError, StoreError
from dyad.model import Actor, Event, EventDate, Location, Mention
from dyad.store import BatchResult, StoredArticle

SCHEMA_VERSION = "1"
SCHEMA = """
BEGIN;
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE articles (
    id INTEGER PRIMARY KEY, content_hash TEXT NOT NULL UNIQUE, article_id TEXT NOT NULL,
    title TEXT, url TEXT, source TEXT, published TEXT, lang TEXT,
    text TEXT NOT NULL, raw_text TEXT, path TEXT, added_at TEXT NOT NULL);
CREATE TABLE sentences (
    article_pk INTEGER NOT NULL REFERENCES articles(id), idx INTEGER NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
    PRIMARY KEY (article_pk, idx));
CREATE TABLE events (
    event_id TEXT PRIMARY KEY, date TEXT, date_precision TEXT NOT NULL,
    date_source TEXT NOT NULL, source_code TEXT NOT NULL, source_country TEXT,
    source_agent TEXT, source_name TEXT, target_code TEXT NOT NULL, target_country TEXT,
    target_agent TEXT, target_name TEXT, cameo TEXT NOT NULL, root TEXT NOT NULL,
    quad_class INTEGER NOT NULL, goldstein REAL NOT NULL, plover TEXT,
    negated INTEGER NOT NULL, modality TEXT NOT NULL, location_json TEXT,
    confidence REAL NOT NULL, first_seen TEXT NOT NULL);
CREATE TABLE mentions (
    event_id TEXT NOT NULL REFERENCES events(event_id),
    article_pk INTEGER NOT NULL REFERENCES articles(id), sentence INTEGER NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, lang TEXT NOT NULL, text TEXT NOT NULL,
    rule TEXT NOT NULL, "trigger" TEXT NOT NULL, source_text TEXT NOT NULL,
    target_text TEXT NOT NULL,
    UNIQUE (event_id, article_pk, sentence, start, "end"));
CREATE INDEX events_date ON events(date);
CREATE INDEX events_countries ON events(source_country, target_country);
CREATE INDEX mentions_event ON mentions(event_id);
INSERT INTO meta VALUES ('schema_version', '{version}');
COMMIT;
"""
EVENT_COLUMNS = (
    "event_id", "date", "date_precision", "date_source", "source_code", "source_country",
    "source_agent", "source_name", "target_code", "target_country", "target_agent",
    "target_name", "cameo", "root", "quad_class", "goldstein", "plover", "negated", "modality",
    "location_json", "confidence", "first_seen")
MENTION_COLUMNS = ("event_id", "article_pk", "sentence", "start", '"end"', "lang", "text", "rule",
                   '"trigger"', "source_text", "target_text")
QUERY_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
# Events carry dates as precise as the text ("2025", "2025-02", "2025-02-04"): compare on the
# shared prefix, so that "2025-02" falls within since="2025-02-10".
PREFIX = "substr({a}, 1, min(length(date), length(?)))"
SIDE = "({side}_country = ? OR {side}_code = ?)"
ORDER = "ORDER BY date IS NULL, date, event_id"


@dataclass(frozen=True)
class EventFilter:
    """Which stored events a query returns; each field given narrows it (None: any)."""

    dyad: tuple[str, str] | None = None  # two codes, either direction
    since: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD, inclusive
    until: str | None = None
    actor: str | None = None  # an actor code on either side ("CUBGOV") or a name, exactly
    country: str | None = None  # ISO alpha-3 on either side
    code: str | None = None  # CAMEO code or its prefix: "04" is the root, "041" and below
    quad_class: int | None = None
    lang: str | None = None  # the event has a mention in this language
    event_id: str | None = None


class SQLiteStore:
    """Articles (keyed by content hash), sentences, events and mentions in one SQLite file."""

    def __init__(self, path: Path) -> None:
        """Open the dyad database at `path`, creating it if missing or empty."""
        self.path = Path(path)
        try:
            self._conn = sqlite3.connect(self.path)
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot open database: {exc}") from exc
        try:
            self._prepare()
        except BaseException:
            self._conn.close()
            raise

    def _prepare(self) -> None:
        """Create the schema in a new database, or check an existing one is ours."""
        try:
            self._conn.execute("PRAGMA foreign_keys = ON")
            tables = {row[0] for row in self._conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
            if not tables:
                self._conn.executescript(SCHEMA.format(version=SCHEMA_VERSION))
                return
            row = self._conn.execute(
                "SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: not a dyad database") from exc
        if row is None:
            raise StoreError(f"{self.path}: not a dyad database")
        if row[0] != SCHEMA_VERSION:
            raise StoreError(f"{self.path}: not a dyad database of schema version "
                             f"{SCHEMA_VERSION} (it has version {row[0]})")

    def close(self) -> None:
        """Close the connection."""
        self._conn.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    @contextmanager
    def _errors(self) -> Iterator[None]:
        """Turn sqlite3 errors into StoreError naming the file."""
        try:
            yield
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: {exc}") from exc

    def has_article(self, content_hash: str) -> bool:
        """True when an article with this content hash is stored."""
        with self._errors():
            row = self._conn.execute("SELECT 1 FROM articles WHERE content_hash = ?",
                                     (content_hash,)).fetchone()
        return row is not None

    def add_batch(self, items: Sequence[StoredArticle]) -> BatchResult:
        """Store a batch in one transaction; known articles are skipped, known events merged.

        Args:
            items: coded articles; a mention is stored against the batch article whose id it
                names, else against the article that carries its event.
        """
        now = _now()
        counts = dict.fromkeys(("articles_added", "articles_skipped", "events_added",
                                "events_merged", "mentions_added"), 0)
        with self._errors(), self._conn:
            added: list[tuple[StoredArticle, int]] = []
            for item in items:
                pk = self._insert_article(item, now)
                counts["articles_added" if pk is not None else "articles_skipped"] += 1
                if pk is not None:
                    added.append((item, pk))
            by_id: dict[str, int] = {}
            for item, pk in added:
                by_id.setdefault(item.article.id, pk)
            for item, pk in added:
                for event in item.events:
                    new = self._insert_event(event, now)
                    counts["events_added" if new else "events_merged"] += 1
                    for mention in event.mentions:
                        mention_pk = pk if mention.article_id == item.article.id else \
                            by_id.get(mention.article_id, pk)
                        counts["mentions_added"] += self._insert_mention(
                            event.event_id, mention_pk, mention)
        return BatchResult(**counts)

    def _insert_article(self, item: StoredArticle, now: str) -> int | None:
        """Insert an article and its sentences; None when its content hash is already stored."""
        a = item.article
        cursor = self._conn.execute(
            "INSERT OR IGNORE INTO articles (content_hash, article_id, title, url, source,"
            " published, lang, text, raw_text, path, added_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (item.content_hash, a.id, a.title, a.url, a.source,
             a.published.isoformat() if a.published else None, item.lang, item.clean_text,
             a.text if a.text != item.clean_text else None, a.path, now))
        if cursor.rowcount == 0:
            return None
        pk = int(cursor.lastrowid or 0)
        self._conn.executemany(
            'INSERT INTO sentences (article_pk, idx, start, "end", text) VALUES (?, ?, ?, ?, ?)',
            [(pk, s.index, s.start, s.end, s.text) for s in item.sentences])
        return pk

    def _insert_event(self, event: Event, now: str) -> bool:
        """Insert an event unless its event_id is stored; True when it was new."""
        placeholders = ", ".join("?" * len(EVENT_COLUMNS))
        cursor = self._conn.execute(
            f"INSERT OR IGNORE INTO events ({', '.join(EVENT_COLUMNS)}) VALUES ({placeholders})",
            _event_row(event, now))
        return cursor.rowcount == 1

    def _insert_mention(self, event_id: str, article_pk: int, m: Mention) -> int:
        """Insert a mention unless the same one is stored; 1 when it was new, else 0."""
        placeholders = ", ".join("?" * len(MENTION_COLUMNS))
        cursor = self._conn.execute(
            f"INSERT OR IGNORE INTO mentions ({', '.join(MENTION_COLUMNS)})"
            f" VALUES ({placeholders})",
            (event_id, article_pk, m.sentence, m.start, m.end, m.lang, m.text, m.rule,
             m.trigger, m.source_text, m.target_text))
        return cursor.rowcount

    def query_events(self, dyad: tuple[str, str] | None = None, since: str | None = None,
                     until: str | None = None, *, filters: EventFilter | None = None,
                     limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
        """Stored events as `Event.to_dict()` records, with their mentions, ordered by date.

        Args:
            dyad: two country (or actor) codes, matched in either direction: ("CUB", "VNM").
            since: first day, month or year ("2025-02-01", "2025-02", "2025"), inclusive.
            until: last day, month or year, inclusive. Undated events match no date range.
            filters: further conditions (actor, country, CAMEO code, QuadClass, language);
                `dyad`, `since` and `until`, when given, replace the filter's own.
            limit: at most this many events (a page); None for all.
            offset: skip this many events of the ordered result first.
        """
        where, params = _filters(_merge(filters, dyad, since, until))
        page = " LIMIT ? OFFSET ?" if limit is not None else ""
        page_params = [limit, offset] if limit is not None else []
        selected = f"SELECT event_id FROM events WHERE {where} {ORDER}{page}"
        with self._errors():
            rows = self._conn.execute(
                f"SELECT {', '.join(EVENT_COLUMNS)} FROM events WHERE {where} {ORDER}{page}",
                params + page_params).fetchall()
            mentions = self._mentions(f"event_id IN ({selected})", params + page_params)
        return [_event(row, mentions.get(row[0], ())).to_dict() for row in rows]

    def count_events(self, filters: EventFilter | None = None) -> int:
        """How many stored events match `filters` (all of them when None)."""
        where, params = _filters(filters or EventFilter())
        with self._errors():
            return int(self._conn.execute(f"SELECT count(*) FROM events WHERE {where}",
                                          params).fetchone()[0])

    def article(self, pk: int) -> dict[str, Any] | None:
        """One stored article by its row id: metadata, cleaned `text` and `raw_text`."""
        with self._errors():
            cursor = self._conn.execute(
                "SELECT id, article_id, title, url, source, published, lang, text,"
                " coalesce(raw_text, text) AS raw_text, content_hash FROM articles WHERE id = ?",
                (pk,))
            row = cursor.fetchone()
        return dict(zip((c[0] for c in cursor.description), row, strict=True)) if row else None

    def article_pk(self, content_hash: str) -> int | None:
        """The row id of the article stored with this content hash, or None."""
        with self._errors():
            row = self._conn.execute("SELECT id FROM articles WHERE content_hash = ?",
                                     (content_hash,)).fetchone()
        return int(row[0]) if row else None

    def _mentions(self, where: str, params: list[Any]) -> dict[str, tuple[Mention, ...]]:
        """The mentions of the events matching `where` (over the events table), by event_id."""
        rows = self._conn.execute(
            'SELECT m.event_id, a.article_id, m.sentence, m.start, m."end", m.lang, m.text,'
            ' m.rule, m."trigger", m.source_text, m.target_text'
            " FROM mentions m JOIN articles a ON a.id = m.article_pk"
            f" WHERE m.{where}"
            " ORDER BY m.event_id, m.article_pk, m.sentence, m.start", params).fetchall()
        grouped: dict[str, list[Mention]] = {}
        for event_id, *fields in rows:
            grouped.setdefault(event_id, []).append(Mention(*fields))
        return {key: tuple(value) for key, value in grouped.items()}

    def counts(self) -> dict[str, Any]:
        """Numbers of articles (and per language), events and mentions stored."""
        with self._errors():
            one = self._conn.execute
            languages = dict(one("SELECT coalesce(lang, 'und'), count(*) FROM articles"
                                 " GROUP BY 1 ORDER BY 2 DESC, 1").fetchall())
            return {"articles": one("SELECT count(*) FROM articles").fetchone()[0],
                    "languages": languages,
                    "events": one("SELECT count(*) FROM events").fetchone()[0],
                    "mentions": one("SELECT count(*) FROM mentions").fetchone()[0]}


def _now() -> str:
    """The current UTC time, ISO 8601 to the second."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _event_row(e: Event, now: str) -> tuple[Any, ...]:
    """The events-table row for an Event, in EVENT_COLUMNS order."""
    location = json.dumps(e.location.to_dict(), ensure_ascii=False) if e.location else None
    return (e.event_id, e.date.value, e.date.precision, e.date.source, e.source.code,
            e.source.country, e.source.agent, e.source.name, e.target.code, e.target.country,
            e.target.agent, e.target.name, e.cameo, e.root, e.quad_class, e.goldstein, e.plover,
            int(e.negated), e.modality, location, e.confidence, now)


def _event(row: tuple[Any, ...], mentions: tuple[Mention, ...]) -> Event:
    """An Event rebuilt from an events-table row and its mentions."""
    r = dict(zip(EVENT_COLUMNS, row, strict=True))
    location = Location(**json.loads(r["location_json"])) if r["location_json"] else None
    return Event(
        event_id=r["event_id"],
        source=Actor(r["source_code"], r["source_country"], r["source_agent"], r["source_name"]),
        target=Actor(r["target_code"], r["target_country"], r["target_agent"], r["target_name"]),
        cameo=r["cameo"], root=r["root"], quad_class=r["quad_class"], goldstein=r["goldstein"],
        plover=r["plover"], date=EventDate(r["date"], r["date_precision"], r["date_source"]),
        negated=bool(r["negated"]), modality=r["modality"], location=location,
        confidence=r["confidence"], mentions=mentions)


def _merge(filters: EventFilter | None, dyad: tuple[str, str] | None, since: str | None,
           until: str | None) -> EventFilter:
    """The filter with the positional arguments of query_events put in."""
    base = filters or EventFilter()
    given = {k: v for k, v in (("dyad", dyad), ("since", since), ("until", until)) if v is not None}
    return dataclasses.replace(base, **given) if given else base


def _filters(f: EventFilter) -> tuple[str, list[Any]]:
    """The WHERE clause over the events table and its parameters; values are never inlined."""
    clauses, params = ["1 = 1"], []
    if f.dyad is not None:
        a, b = (code.strip().upper() for code in f.dyad)
        forward = f"{SIDE.format(side='source')} AND {SIDE.format(side='target')}"
        clauses.append(f"(({forward}) OR ({forward}))")
        params += [a, a, b, b, b, b, a, a]
    for value, operator in ((f.since, ">="), (f.until, "<=")):
        if value is not None:
            _check_date(value)
            clauses.append(f"date IS NOT NULL AND {PREFIX.format(a='date')} {operator}"
                           f" {PREFIX.format(a='?')}")
            params += [value, value, value]
    if f.actor is not None:
        clauses.append("(source_code = ? OR target_code = ? OR lower(source_name) = lower(?)"
                       " OR lower(target_name) = lower(?))")
        params += [f.actor] * 4
    if f.country is not None:
        clauses.append("(source_country = ? OR target_country = ?)")
        params += [f.country, f.country]
    if f.code is not None:
        clauses.append("substr(cameo, 1, length(?)) = ?")
        params += [f.code, f.code]
    if f.quad_class is not None:
        clauses.append("quad_class = ?")
        params.append(f.quad_class)
    if f.event_id is not None:
        clauses.append("event_id = ?")
        params.append(f.event_id)
    if f.lang is not None:
        clauses.append("event_id IN (SELECT event_id FROM mentions WHERE lang = ?)")
        params.append(f.lang)
    return " AND ".join(clauses), params


def _check_date(value: str) -> None:
    """Raise DateError unless `value` is YYYY, YYYY-MM or YYYY-MM-DD."""
    if not QUERY_DATE.fullmatch(value):
        raise DateError(f"{value!r}: expected a date as YYYY, YYYY-MM or YYYY-MM-DD")
