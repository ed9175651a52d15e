"""How inputs are read: column names of tabular inputs, opt-in page fetching, forced format."""
from __future__ import annotations

from dataclasses import dataclass, field, replace

FORMATS: tuple[str, ...] = ("text", "html", "warc", "feed", "jsonl", "csv", "parquet")
FIELDS: tuple[str, ...] = ("id", "text", "title", "published", "url", "lang", "source")


@dataclass(frozen=True)
class Columns:
    """Which column (or JSON key) of a tabular record holds each Article field."""

    id: str = "id"
    text: str = "text"
    title: str = "title"
    published: str = "published"
    url: str = "url"
    lang: str = "lang"
    source: str = "source"

    def with_names(self, pairs: dict[str, str]) -> Columns:
        """These columns with some renamed ({"text": "body"}); ValueError for unknown fields."""
        unknown = sorted(set(pairs) - set(FIELDS))
        if unknown:
            raise ValueError(f"unknown field(s) {', '.join(unknown)} (expected {', '.join(FIELDS)})")
        return replace(self, **pairs)


@dataclass(frozen=True)
class ReadOptions:
    """Options every reader receives.

    `fetch_links` lets feed readers download the pages their entries link (network access
    is opt-in); `input_format` forces one reader for every path instead of the extension.
    """

    columns: Columns = field(default_factory=Columns)
    input_format: str | None = None
    fetch_links: bool = False
    timeout: float = 20.0  # seconds per fetched URL


__all__ = ["Columns", "FIELDS", "FORMATS", "ReadOptions"]
