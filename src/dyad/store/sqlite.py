"""The default store: one SQLite file holding articles, sentences, events and their mentions."""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from dyad.errors import DateError, StoreError
from dyad.model import Mention
from dyad.neardup import NearDupRules
from dyad.store import BatchResult, StoredArticle
from dyad.store.identity import blocks_of, insert_report, link_near_duplicates, outlet, recluster
from dyad.store.rows import COUNT_COLUMNS, EVENT_COLUMNS, event_from_row

SCHEMA_VERSION = "2"  # 2: event identity across articles (reports, counts, near-duplicates)
SCHEMA = """
BEGIN;
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE articles (
    id INTEGER PRIMARY KEY, content_hash TEXT NOT NULL UNIQUE, article_id TEXT NOT NULL,
    title TEXT, url TEXT, source TEXT, published TEXT, lang TEXT,
    text TEXT NOT NULL, raw_text TEXT, path TEXT, added_at TEXT NOT NULL,
    outlet TEXT NOT NULL, duplicate_of INTEGER REFERENCES articles(id));
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
    confidence REAL NOT NULL, first_seen TEXT NOT NULL, block TEXT NOT NULL,
    num_mentions INTEGER NOT NULL, num_sources INTEGER NOT NULL, num_articles INTEGER NOT NULL,
    merge_reasons TEXT NOT NULL);
CREATE TABLE reports (
    id INTEGER PRIMARY KEY, article_pk INTEGER NOT NULL REFERENCES articles(id),
    report_id TEXT NOT NULL, event_id TEXT NOT NULL, block TEXT NOT NULL,
    symmetric INTEGER NOT NULL, merge_reasons TEXT NOT NULL, date TEXT,
    date_precision TEXT NOT NULL, date_source TEXT NOT NULL, source_code TEXT NOT NULL,
    source_country TEXT, source_agent TEXT, source_name TEXT, target_code TEXT NOT NULL,
    target_country TEXT, target_agent TEXT, target_name TEXT, cameo TEXT NOT NULL,
    root TEXT NOT NULL, quad_class INTEGER NOT NULL, goldstein REAL NOT NULL, plover TEXT,
    negated INTEGER NOT NULL, modality TEXT NOT NULL, location_json TEXT,
    confidence REAL NOT NULL, first_seen TEXT NOT NULL);
CREATE TABLE mentions (
    event_id TEXT NOT NULL, report_pk INTEGER NOT NULL REFERENCES reports(id),
    article_pk INTEGER NOT NULL REFERENCES articles(id), sentence INTEGER NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, lang TEXT NOT NULL, text TEXT NOT NULL,
    rule TEXT NOT NULL, "trigger" TEXT NOT NULL, source_text TEXT NOT NULL,
    target_text TEXT NOT NULL,
    UNIQUE (event_id, article_pk, sentence, start, "end"));
CREATE TABLE minhashes (article_pk INTEGER PRIMARY KEY REFERENCES articles(id),
    lang TEXT NOT NULL, signature BLOB NOT NULL);
CREATE TABLE minhash_bands (lang TEXT NOT NULL, band INTEGER NOT NULL, hash INTEGER NOT NULL,
    article_pk INTEGER NOT NULL, PRIMARY KEY (lang, band, hash, article_pk)) WITHOUT ROWID;
CREATE INDEX events_date ON events(date);
CREATE INDEX events_countries ON events(source_country, target_country);
CREATE INDEX events_block ON events(block);
CREATE INDEX reports_block ON reports(block);
CREATE INDEX reports_article ON reports(article_pk);
CREATE INDEX mentions_event ON mentions(event_id);
CREATE INDEX mentions_report ON mentions(report_pk);
INSERT INTO meta VALUES ('schema_version', '{version}');
COMMIT;
"""
MENTION_COLUMNS = ("event_id", "report_pk", "article_pk", "sentence", "start", '"end"', "lang",
                   "text", "rule", '"trigger"', "source_text", "target_text")
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

    def __init__(self, path: Path, near_duplicates: NearDupRules = NearDupRules()) -> None:
        """Open the dyad database at `path`, creating it if missing or empty."""
        self.path = Path(path)
        self.near_duplicates = near_duplicates
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
            raise StoreError(f"{self.path}: a dyad database of schema version {row[0]}; this "
                             f"dyad reads version {SCHEMA_VERSION}: code the articles again "
                             "into a new database file (`dyad run ... --db NEW.db`)")
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
        """Store a batch in one transaction; known articles are skipped, events re-identified.

        Each article's events are stored as reports; every block of reports a batch touches is
        clustered again (`dyad.store.identity`), so a report joins the stored event it matches.

        Args:
            items: coded articles; a mention is stored against the batch article whose id it
                names, else against the article that carries its event.
        """
        now = _now()
        counts = dict.fromkeys(("articles_added", "articles_skipped", "mentions_added"), 0)
        with self._errors(), self._conn:
            events_before = self._count("events")
            added: list[tuple[StoredArticle, int]] = []
            touched: set[int] = set()
            for item in items:
                pk = self._insert_article(item, now)
                counts["articles_added" if pk is not None else "articles_skipped"] += 1
                if pk is not None:
                    added.append((item, pk))
                    touched |= link_near_duplicates(self._conn, pk, item.lang, item.clean_text,
                                                    self.near_duplicates)
            blocks = blocks_of(self._conn, touched)
            by_id: dict[str, int] = {}
            for item, pk in added:
                by_id.setdefault(item.article.id, pk)
            reports = 0
            for item, pk in added:
                for event in item.events:
                    report_pk, block = insert_report(self._conn, pk, event, event.symmetric, now)
                    blocks.add(block)
                    reports += 1
                    for mention in event.mentions:
                        mention_pk = pk if mention.article_id == item.article.id else \
                            by_id.get(mention.article_id, pk)
                        counts["mentions_added"] += self._insert_mention(
                            event.event_id, report_pk, mention_pk, mention)
            recluster(self._conn, blocks)
            new_events = max(0, self._count("events") - events_before)
        return BatchResult(events_added=new_events, events_merged=max(0, reports - new_events),
                           **counts)

    def _count(self, table: str) -> int:
        return int(self._conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

    def _insert_article(self, item: StoredArticle, now: str) -> int | None:
        """Insert an article and its sentences; None when its content hash is already stored."""
        a = item.article
        cursor = self._conn.execute(
            "INSERT OR IGNORE INTO articles (content_hash, article_id, title, url, source,"
            " published, lang, text, raw_text, path, added_at, outlet)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (item.content_hash, a.id, a.title, a.url, a.source,
             a.published.isoformat() if a.published else None, item.lang, item.clean_text,
             a.text if a.text != item.clean_text else None, a.path, now,
             outlet(a, item.content_hash)))
        if cursor.rowcount == 0:
            return None
        pk = int(cursor.lastrowid or 0)
        self._conn.executemany(
            'INSERT INTO sentences (article_pk, idx, start, "end", text) VALUES (?, ?, ?, ?, ?)',
            [(pk, s.index, s.start, s.end, s.text) for s in item.sentences])
        return pk

    def _insert_mention(self, event_id: str, report_pk: int, article_pk: int, m: Mention) -> int:
        """Insert a mention unless the same one is stored; 1 when it was new, else 0."""
        placeholders = ", ".join("?" * len(MENTION_COLUMNS))
        cursor = self._conn.execute(
            f"INSERT OR IGNORE INTO mentions ({', '.join(MENTION_COLUMNS)})"
            f" VALUES ({placeholders})",
            (event_id, report_pk, article_pk, m.sentence, m.start, m.end, m.lang, m.text, m.rule,
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
                f"SELECT {', '.join(EVENT_COLUMNS + COUNT_COLUMNS)} FROM events WHERE {where}"
                f" {ORDER}{page}", params + page_params).fetchall()
            mentions = self._mentions(f"event_id IN ({selected})", params + page_params)
        n = len(EVENT_COLUMNS)
        return [event_from_row(row[:n], mentions.get(row[0], ()), row[n:]).to_dict()
                for row in rows]

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
            # by article id and content, not by row id: any insertion order lists them alike
            " ORDER BY m.event_id, a.article_id, a.content_hash, m.sentence, m.start, m.\"end\"",
            params).fetchall()
        grouped: dict[str, list[Mention]] = {}
        for event_id, *fields in rows:
            grouped.setdefault(event_id, []).append(Mention(*fields))
        return {key: tuple(value) for key, value in grouped.items()}

    def read(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Rows of a read-only query as dicts (exports and analytics read the tables this way)."""
        with self._errors():
            cursor = self._conn.execute(sql, tuple(params))
            names = [d[0] for d in cursor.description or ()]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

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
