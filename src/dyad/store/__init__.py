"""Storage of coded articles and events; the SQLite store is `dyad.store.sqlite.SQLiteStore`."""
from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass

from dyad.model import Article, Event, Sentence


def content_hash(text: str) -> str:
    """The store's key for an article: sha256 of its NFC, whitespace-normalised raw text."""
    normal = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class StoredArticle:
    """One coded article, ready to store: the raw article, its cleaned text and its events."""

    content_hash: str
    article: Article
    clean_text: str
    lang: str
    sentences: tuple[Sentence, ...] = ()
    events: tuple[Event, ...] = ()


@dataclass(frozen=True)
class BatchResult:
    """What one `add_batch` call changed."""

    articles_added: int = 0
    articles_skipped: int = 0  # already stored (same content hash), with their events
    events_added: int = 0
    events_merged: int = 0  # event_id already stored: only its new mentions were added
    mentions_added: int = 0


__all__ = ["BatchResult", "StoredArticle", "content_hash"]
