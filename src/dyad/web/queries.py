"""Read-only aggregate queries for the web app over the SQLite store (parameterised SQL only).

`series`, `top_dyads` and `top_actors` have the names, signatures and columns of the DuckDB-backed
`dyad.analytics` functions, so that the app can switch to them with one import.
"""
from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pandas as pd

from dyad.errors import StoreError

PERIOD_LENGTH = {"day": 10, "month": 7, "year": 4}  # characters of the ISO date kept
SERIES_COLUMNS = ("period", "events", "quad1", "quad2", "quad3", "quad4", "goldstein_mean",
                  "goldstein_sum", "top_roots")
BOTH_SIDES = ("((source_country = ? OR source_code = ?) AND (target_country = ? OR target_code = ?))"
              " OR ((source_country = ? OR source_code = ?) AND (target_country = ? OR target_code = ?))")
TOP_ROOTS = 3


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


def series(db: Path, pair: tuple[str, str], by: str = "month") -> pd.DataFrame:
    """Events between the two sides of `pair` (either direction) per day, month or year.

    Events dated less precisely than `by` (a bare year in a monthly series) and undated events
    are left out. `top_roots` lists up to three CAMEO roots, most frequent first.
    """
    if by not in PERIOD_LENGTH:
        raise ValueError(f"by must be one of {', '.join(PERIOD_LENGTH)}, got {by!r}")
    a, b = (code.strip().upper() for code in pair)
    length = PERIOD_LENGTH[by]
    with connect(db) as conn:
        rows = conn.execute(
            f"SELECT substr(date, 1, ?), quad_class, goldstein, root FROM events"
            f" WHERE ({BOTH_SIDES}) AND length(date) >= ? ORDER BY 1",
            (length, a, a, b, b, b, b, a, a, length)).fetchall()
    return pd.DataFrame([_period_row(period, items) for period, items in _grouped(rows)],
                        columns=list(SERIES_COLUMNS))


def _grouped(rows: list[tuple[Any, ...]]) -> Iterator[tuple[str, list[tuple[Any, ...]]]]:
    """Rows sorted by their first column, grouped by it."""
    current: list[tuple[Any, ...]] = []
    for row in rows:
        if current and current[0][0] != row[0]:
            yield current[0][0], current
            current = []
        current.append(row)
    if current:
        yield current[0][0], current


def _period_row(period: str, items: list[tuple[Any, ...]]) -> dict[str, Any]:
    """One row of a series: counts by QuadClass, Goldstein mean and sum, the commonest roots."""
    quads = Counter(quad for _, quad, _, _ in items)
    goldstein = [g for _, _, g, _ in items]
    roots = Counter(root for *_, root in items)
    return {"period": period, "events": len(items),
            **{f"quad{q}": quads.get(q, 0) for q in (1, 2, 3, 4)},
            "goldstein_mean": round(sum(goldstein) / len(goldstein), 3),
            "goldstein_sum": round(sum(goldstein), 3),
            "top_roots": [r for r, _ in sorted(roots.items(), key=lambda kv: (-kv[1], kv[0]))
                          [:TOP_ROOTS]]}


def top_dyads(db: Path, limit: int = 10) -> pd.DataFrame:
    """The directed country pairs with the most events, and their mean Goldstein score."""
    with connect(db) as conn:
        rows = conn.execute(
            "SELECT source_country, target_country, count(*), round(avg(goldstein), 3)"
            " FROM events WHERE source_country IS NOT NULL AND target_country IS NOT NULL"
            " GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 LIMIT ?", (limit,)).fetchall()
    return pd.DataFrame(rows, columns=["source_country", "target_country", "events",
                                       "goldstein_mean"])


def top_actors(db: Path, limit: int = 10) -> pd.DataFrame:
    """The actor codes on either side of the most events, with their mean Goldstein score."""
    with connect(db) as conn:
        rows = conn.execute(
            "SELECT code, country, count(*), round(avg(goldstein), 3) FROM ("
            " SELECT source_code AS code, source_country AS country, goldstein FROM events"
            " UNION ALL SELECT target_code, target_country, goldstein FROM events)"
            " GROUP BY 1, 2 ORDER BY 3 DESC, 1 LIMIT ?", (limit,)).fetchall()
    return pd.DataFrame(rows, columns=["actor", "country", "events", "goldstein_mean"])


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
