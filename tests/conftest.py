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
