"""Read-only queries the web pages need beyond `dyad.analytics` (parameterised SQL only)."""
from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from dyad.errors import StoreError



@contextmanager
def connect(db: Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection to the dyad database `db`; StoreError when it cannot be read."""
    try:
        conn = sqlite3.connect(f"{Path(db).resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise StoreError(f"{db}: cannot open database: {exc}") from exc
    try:
        yield conn
    except sqlite3.Error as exc:
        raise StoreError(f"{db}: {exc}") from exc
    finally:
        conn.close()


def find_actors(db: Path, q: str, limit: int = 20) -> list[dict[str, Any]]:
    """Actors whose code starts with `q` or whose name contains it (case-insensitive)."""
    pattern = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    prefix = q.upper().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    with connect(db) as conn:
        rows = conn.execute(
            "SELECT code, country, agent, name, count(*) FROM ("
            " SELECT source_code AS code, source_country AS country, source_agent AS agent,"
            " source_name AS name FROM events UNION ALL"
            " SELECT target_code, target_country, target_agent, target_name FROM events)"
            " WHERE code LIKE ? ESCAPE '\\' OR coalesce(name, '') LIKE ? ESCAPE '\\'"
            " GROUP BY 1, 2, 3, 4 ORDER BY 5 DESC, 1, 4 LIMIT ?",
            (prefix, pattern, limit)).fetchall()
    return [dict(zip(("code", "country", "agent", "name", "events"), row, strict=True))
            for row in rows]


def event_mentions(db: Path, event_id: str) -> list[dict[str, Any]]:
    """The mentions of one event with their article row id, title and sentence offsets."""
    with connect(db) as conn:
        cursor = conn.execute(
            'SELECT m.article_pk, a.article_id, a.title, m.sentence, s.start AS sentence_start,'
            ' m.start, m."end", m.lang, m.text, m.rule, m."trigger", m.source_text, m.target_text'
            " FROM mentions m JOIN articles a ON a.id = m.article_pk"
            " LEFT JOIN sentences s ON s.article_pk = m.article_pk AND s.idx = m.sentence"
            " WHERE m.event_id = ? ORDER BY m.article_pk, m.sentence, m.start", (event_id,))
        return _dicts(cursor)


def article_mentions(db: Path, pk: int) -> list[dict[str, Any]]:
    """The event mentions found in one stored article, with their event's code and sides."""
    with connect(db) as conn:
        cursor = conn.execute(
            'SELECT m.event_id, m.sentence, m.start, m."end", m."trigger", m.rule, e.cameo,'
            " e.source_code, e.target_code, e.quad_class FROM mentions m"
            " JOIN events e ON e.event_id = m.event_id WHERE m.article_pk = ?"
            " ORDER BY m.start, m.event_id", (pk,))
        return _dicts(cursor)


def mention_languages(db: Path, event_ids: list[str]) -> dict[str, list[str]]:
    """The languages of each event's mentions."""
    if not event_ids:
        return {}
    out: dict[str, list[str]] = {}
    with connect(db) as conn:
        for chunk in (event_ids[i:i + 500] for i in range(0, len(event_ids), 500)):
            marks = ", ".join("?" * len(chunk))
            for event_id, lang in conn.execute(
                    f"SELECT DISTINCT event_id, lang FROM mentions WHERE event_id IN ({marks})"
                    " ORDER BY 1, 2", chunk):
                out.setdefault(event_id, []).append(lang)
    return out


def _dicts(cursor: sqlite3.Cursor) -> list[dict[str, Any]]:
    """All rows of a cursor as dicts keyed by column name."""
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
