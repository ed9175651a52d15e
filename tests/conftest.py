"""Shared fixtures: paths to ../shared (skipped with a reason when absent) and a pipeline."""
from __future__ import annotations

from pathlib import Path

import pytest

from dyad.pipeline import Pipeline

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "seeds").is_dir():
        pytest.skip(f"{SHARED} is absent (a user's clone has no ../shared)")
    return SHARED


@pytest.fixture(scope="session")
def seed_texts(shared: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted((shared / "seeds").glob("*.txt"))}


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline()


# Columns that hold wall-clock times: equal databases may differ there and nowhere else.
CLOCK_COLUMNS = {"articles": {"added_at"}, "events": {"first_seen"}}


def dump_database(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of a dyad database's tables, in a fixed order, without wall-clock columns."""
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        out = {}
        for table in ("articles", "sentences", "events", "mentions"):
            columns = [row[1] for row in conn.execute(f"PRAGMA table_info({table})")
                       if row[1] not in CLOCK_COLUMNS.get(table, set())]
            quoted = ", ".join(f'"{c}"' for c in columns)
            out[table] = conn.execute(f"SELECT {quoted} FROM {table} ORDER BY {quoted}").fetchall()
        return out
    finally:
        conn.close()


@pytest.fixture(scope="session")
def db_dump():
    """dump_database, for comparing whole databases."""
    return dump_database
