"""The default store: one SQLite file holding articles, sentences, events and their mentions."""
from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
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
                self._resumable()
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
        self._resumable()

    def _resumable(self) -> None:
        """WAL journal (a killed run loses at most its open batch; readers never block the
        writer) and an index for the resume check by URL (issue 5); both idempotent."""
        try:
            self._conn.execute("PRAGMA journal_mode = WAL")
            self._conn.execute("CREATE INDEX IF NOT EXISTS articles_url ON articles(url)")
        except sqlite3.OperationalError:
            pass  # a read-only database can still be queried

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

    def stored_keys(self, content_hashes: Sequence[str], urls: Sequence[str]) -> set[str]:
        """Those of the given content hashes and URLs that stored articles already have."""
        found: set[str] = set()
        with self._errors():
            for column, values in (("content_hash", content_hashes), ("url", urls)):
                values = list(dict.fromkeys(values))
                for i in range(0, len(values), 500):  # SQLite's limit on bound parameters
                    part = values[i:i + 500]
                    found.update(row[0] for row in self._conn.execute(
                        f"SELECT {column} FROM articles WHERE {column} IN"
                        f" ({', '.join('?' * len(part))})", part))
        return found

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
                     until: str | None = None) -> list[dict[str, Any]]:
        """Stored events as `Event.to_dict()` records, with their mentions, ordered by date.

        Args:
            dyad: two country (or actor) codes, matched in either direction: ("CUB", "VNM").
            since: first day, month or year ("2025-02-01", "2025-02", "2025"), inclusive.
            until: last day, month or year, inclusive. Undated events match no date range.
        """
        where, params = _filters(dyad, since, until)
        with self._errors():
            rows = self._conn.execute(
                f"SELECT {', '.join(EVENT_COLUMNS)} FROM events WHERE {where}"
                " ORDER BY date IS NULL, date, event_id", params).fetchall()
            mentions = self._mentions(where, params)
        return [_event(row, mentions.get(row[0], ())).to_dict() for row in rows]

    def _mentions(self, where: str, params: list[Any]) -> dict[str, tuple[Mention, ...]]:
        """The mentions of the events matching `where`, grouped by event_id."""
        rows = self._conn.execute(
            'SELECT m.event_id, a.article_id, m.sentence, m.start, m."end", m.lang, m.text,'
            ' m.rule, m."trigger", m.source_text, m.target_text'
            " FROM mentions m JOIN articles a ON a.id = m.article_pk"
            f" WHERE m.event_id IN (SELECT event_id FROM events WHERE {where})"
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


def _filters(dyad: tuple[str, str] | None, since: str | None,
             until: str | None) -> tuple[str, list[Any]]:
    """The WHERE clause and its parameters for query_events."""
    clauses, params = ["1 = 1"], []
    if dyad is not None:
        a, b = (code.strip().upper() for code in dyad)
        forward = f"{SIDE.format(side='source')} AND {SIDE.format(side='target')}"
        clauses.append(f"(({forward}) OR ({forward}))")
        params += [a, a, b, b, b, b, a, a]
    for value, operator in ((since, ">="), (until, "<=")):
        if value is not None:
            _check_date(value)
            clauses.append(f"date IS NOT NULL AND {PREFIX.format(a='date')} {operator}"
                           f" {PREFIX.format(a='?')}")
            params += [value, value, value]
    return " AND ".join(clauses), params


def _check_date(value: str) -> None:
    """Raise DateError unless `value` is YYYY, YYYY-MM or YYYY-MM-DD."""
    if not QUERY_DATE.fullmatch(value):
        raise DateError(f"{value!r}: expected a date as YYYY, YYYY-MM or YYYY-MM-DD")
