"""The web app's own read-only queries."""
from __future__ import annotations

from pathlib import Path

import pytest

from dyad.errors import StoreError
from dyad.web import queries


def test_queries_missing_database_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="cannot open database"):
        queries.find_actors(tmp_path / "absent.db", "CUB")
