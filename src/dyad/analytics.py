"""Analytics over a dyad database as pandas DataFrames: time series of a dyad, top dyads/actors.

The tables are read from SQLite with sqlite3 and registered in an in-memory DuckDB connection
(DuckDB's sqlite extension is a download, which we cannot assume); the figures are DuckDB SQL.
An event counts in a period only when its date is at least that precise: a month-dated event is
in its month and year but in no week; undated events are in no period.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from dyad.errors import DateError, StoreError
from dyad.store.sqlite import SQLiteStore

PERIODS = {
    # by: (the precisions that place an event in such a period, the period's SQL expression)
    "day": (("day",), "substr(date, 1, 10)"),
    "year": (("year", "month", "day"), "substr(date, 1, 4)"),
    "month": (("month", "day"), "substr(date, 1, 7)"),
    "week": (("day",), ("CASE WHEN date_precision = 'day'"
                           " THEN strftime(CAST(date AS DATE), '%G-W%V') END")),
}
EVENT_FIELDS = ("event_id", "date", "date_precision", "source_code", "source_country",
                "target_code", "target_country", "cameo", "root", "quad_class", "goldstein",
                "num_mentions")
SERIES_COLUMNS = ("period", "events", "quad1", "quad2", "quad3", "quad4", "goldstein_mean",
                  "goldstein_sum", "top_roots")
TOP_ROOTS = 3  # event roots listed per period, most frequent first


def _connect(db: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection with the database's events registered as `events`."""
    if not Path(db).is_file():
        raise StoreError(f"{db}: no such database file")
    with SQLiteStore(db) as store:
        rows = store.read(f"SELECT {', '.join(EVENT_FIELDS)} FROM events")
    frame = pd.DataFrame(rows, columns=list(EVENT_FIELDS)).astype(
        {"quad_class": "int64", "goldstein": "float64", "num_mentions": "int64"})
    conn = duckdb.connect(":memory:")
    conn.register("events_frame", frame)
    # a side is a state or an organisation; a group without its state ("---EDU") or a missing
    # target ("---") is none, so it never forms a dyad or ranks as an actor
    conn.execute("CREATE TABLE events AS SELECT *,"
                 " CASE WHEN source_code LIKE '---%' THEN NULL ELSE coalesce(source_country, source_code) END AS a,"
                 " CASE WHEN target_code LIKE '---%' THEN NULL ELSE coalesce(target_country, target_code) END AS b"
                 " FROM events_frame")
    return conn


def series(db: Path, pair: tuple[str, str], by: str = "month") -> pd.DataFrame:
    """Events of a dyad (either direction) per period: counts per QuadClass, Goldstein, top roots.

    Args:
        db: a dyad SQLite database.
        pair: two country or actor codes, e.g. ("CUB", "VNM").
        by: "month", "week" (ISO weeks, "2025-W06") or "year".
    """
    if by not in PERIODS:
        raise DateError(f"{by!r} is not a period (expected one of {', '.join(PERIODS)})")
    precisions, period = PERIODS[by]
    a, b = (code.strip().upper() for code in pair)
    match = ("((source_country = $a OR source_code = $a) AND (target_country = $b OR target_code = $b))"
             " OR ((source_country = $b OR source_code = $b) AND (target_country = $a OR target_code = $a))")
    conn = _connect(db)
    try:
        params: dict[str, Any] = {"a": a, "b": b}
        marks = ", ".join(f"'{p}'" for p in precisions)
        return conn.execute(f"""
            WITH picked AS (
                SELECT {period} AS period, * FROM events
                WHERE ({match}) AND date IS NOT NULL AND date_precision IN ({marks})),
            roots AS (
                SELECT period, root, count(*) AS n FROM picked GROUP BY period, root),
            ranked AS (
                SELECT period, string_agg(root || ':' || n, ',' ORDER BY n DESC, root) AS top_roots
                FROM (SELECT *, row_number() OVER (PARTITION BY period ORDER BY n DESC, root) AS k
                      FROM roots) WHERE k <= {TOP_ROOTS} GROUP BY period)
            SELECT p.period, count(*) AS events,
                   count(*) FILTER (WHERE quad_class = 1) AS quad1,
                   count(*) FILTER (WHERE quad_class = 2) AS quad2,
                   count(*) FILTER (WHERE quad_class = 3) AS quad3,
                   count(*) FILTER (WHERE quad_class = 4) AS quad4,
                   round(avg(goldstein), 3) AS goldstein_mean,
                   round(sum(goldstein), 3) AS goldstein_sum, any_value(r.top_roots) AS top_roots
            FROM picked p JOIN ranked r ON r.period = p.period
            GROUP BY p.period ORDER BY p.period""", params).df()
    finally:
        conn.close()


def top_dyads(db: Path, limit: int = 10) -> pd.DataFrame:
    """The most active directed dyads (country, or organisation code): events, mean Goldstein."""
    conn = _connect(db)
    try:
        return conn.execute(
            "SELECT a AS source_country, b AS target_country, count(*) AS events,"
            " round(avg(goldstein), 3) AS goldstein_mean FROM events"
            " WHERE a IS NOT NULL AND b IS NOT NULL GROUP BY a, b"
            " ORDER BY events DESC, source_country, target_country LIMIT $n", {"n": limit}).df()
    finally:
        conn.close()


def top_actors(db: Path, limit: int = 10) -> pd.DataFrame:
    """The most active actors (country, or organisation code): events as source or target."""
    conn = _connect(db)
    try:
        return conn.execute(
            "WITH sides AS (SELECT a AS actor, 1 AS as_source, 0 AS as_target, goldstein FROM events"
            " UNION ALL SELECT b, 0, 1, goldstein FROM events WHERE b IS DISTINCT FROM a)"
            " SELECT actor, count(*) AS events, CAST(sum(as_source) AS BIGINT) AS as_source,"
            " CAST(sum(as_target) AS BIGINT) AS as_target, round(avg(goldstein), 3) AS goldstein_mean"
            " FROM sides WHERE actor IS NOT NULL GROUP BY actor ORDER BY events DESC, actor LIMIT $n", {"n": limit}).df()
    finally:
        conn.close()


__all__ = ["SERIES_COLUMNS", "series", "top_actors", "top_dyads"]
