"""The SQLite stand-ins for dyad.analytics (series, top_dyads, top_actors) on the coded examples."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from dyad.errors import StoreError
from dyad.store.sqlite import SQLiteStore
from dyad.web import queries


@pytest.fixture(scope="module")
def records(coded_db: Path) -> list[dict]:
    with SQLiteStore(coded_db) as store:
        return store.query_events()


def test_queries_top_dyads_count_directed_country_pairs(coded_db: Path, records: list[dict]) -> None:
    pairs = Counter((e["source"]["country"], e["target"]["country"]) for e in records
                    if e["source"]["country"] and e["target"]["country"])
    frame = queries.top_dyads(coded_db, limit=5)
    assert list(frame.columns) == ["source_country", "target_country", "events", "goldstein_mean"]
    assert len(frame) == 5
    assert list(frame["events"]) == sorted((n for n in pairs.values()), reverse=True)[:5]
    for row in frame.itertuples():
        assert pairs[(row.source_country, row.target_country)] == row.events


def test_queries_top_actors_count_both_sides(coded_db: Path, records: list[dict]) -> None:
    sides = Counter(e[side]["code"] for e in records for side in ("source", "target"))
    frame = queries.top_actors(coded_db, limit=3)
    assert list(frame.columns) == ["actor", "country", "events", "goldstein_mean"]
    assert list(frame["events"]) == sorted(sides.values(), reverse=True)[:3]
    assert all(sides[row.actor] == row.events for row in frame.itertuples())


def test_queries_series_has_the_analytics_columns_and_refuses_unknown_periods(
        coded_db: Path) -> None:
    frame = queries.series(coded_db, ("deu", "bra"))
    assert tuple(frame.columns) == queries.SERIES_COLUMNS
    assert frame["events"].sum() > 0
    assert queries.series(coded_db, ("DEU", "ZZZ")).empty
    with pytest.raises(ValueError, match="by must be one of day, month, year, got 'week'"):
        queries.series(coded_db, ("DEU", "BRA"), by="week")


def test_queries_missing_database_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="cannot open database"):
        queries.top_dyads(tmp_path / "absent.db")
