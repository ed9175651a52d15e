"""What the web app does, as plain Python: code texts, store articles, assemble page views.

One `Service` per app holds the database path, one lazily created `Pipeline` (coding is
serialised by a lock: the pipeline loads language resources on first use) and a small cache of
re-coded articles (stored articles never change: they are keyed by content hash).
"""
from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dyad.model import ActorMention, Article, Document
from dyad.pipeline import Pipeline
from dyad.store import StoredArticle, content_hash
from dyad.store.sqlite import EventFilter, SQLiteStore
from dyad.web import queries
from dyad.web.markup import Span

RECODED_CACHE = 64  # articles whose actor spans are kept in memory


@dataclass(frozen=True)
class ArticleView:
    """A stored article with its event mentions and (when re-coding agrees) actor spans."""

    row: dict[str, Any]
    mentions: list[dict[str, Any]]
    actors: tuple[ActorMention, ...]
    recoded: bool  # False when re-coding gave another cleaned text: no actor spans shown

    def spans(self) -> list[Span]:
        """Actor and trigger spans over the cleaned text, for highlighting."""
        return [*actor_spans(self.actors), *(
            Span(m["start"], m["end"], "trigger",
                 f"{m['cameo']} {m['source_code']} → {m['target_code']}", f"/events/{m['event_id']}")
            for m in self.mentions)]

    def to_dict(self) -> dict[str, Any]:
        """The JSON of GET /v1/articles/{id}."""
        row = {k: v for k, v in self.row.items() if k not in ("raw_text", "content_hash")}
        return {**row, "actors": [actor_dict(a) for a in self.actors],
                "events": self.mentions, "actor_spans": self.recoded}


def actor_dict(a: ActorMention) -> dict[str, Any]:
    """An actor mention as JSON: its span, words, actor and the rule that resolved it."""
    return {"start": a.start, "end": a.end, "text": a.text, "sentence": a.sentence,
            "kind": a.kind, "rule": a.rule, **a.actor.to_dict()}


def actor_spans(actors: tuple[ActorMention, ...], offset: int = 0) -> list[Span]:
    """Highlight spans for actor mentions, shifted by `-offset` (for sentence-relative text)."""
    return [Span(a.start - offset, a.end - offset, "actor", f"{a.actor.code} ({a.rule})")
            for a in actors]


def document_spans(doc: Document) -> list[Span]:
    """Actor and trigger spans of a freshly coded document."""
    return [*actor_spans(doc.actors), *(
        Span(m.start, m.end, "trigger", f"{e.cameo} {e.source.code} → {e.target.code}")
        for e in doc.events for m in e.mentions)]


class Service:
    """The operations behind the API routes and the pages, over one database."""

    def __init__(self, db: Path) -> None:
        self.db = Path(db)
        SQLiteStore(self.db).close()  # create the schema now, or fail early on a foreign file
        self._lock = threading.Lock()
        self._pipeline: Pipeline | None = None
        self._recoded: OrderedDict[int, Document] = OrderedDict()

    @contextmanager
    def store(self) -> Iterator[SQLiteStore]:
        """A store connection for one request (sqlite3 connections stay in their thread)."""
        store = SQLiteStore(self.db)
        try:
            yield store
        finally:
            store.close()

    def code(self, article: Article) -> Document:
        """Code one article with the app's pipeline (created on first use, ~1 s per language)."""
        with self._lock:
            if self._pipeline is None:
                self._pipeline = Pipeline()
            return self._pipeline.code(article)

    def ingest(self, article: Article) -> dict[str, Any]:
        """Code and store an article; a text already stored (same content hash) adds nothing."""
        doc = self.code(article)
        item = StoredArticle(content_hash(article.text), article, doc.text, doc.lang,
                             doc.sentences, doc.events)
        with self._lock, self.store() as store:
            result = store.add_batch([item])
            pk = store.article_pk(item.content_hash)
        return {"id": pk, "stored": result.articles_added == 1, "lang": doc.lang,
                "events": [e.event_id for e in doc.events],
                "events_added": result.events_added, "events_merged": result.events_merged}

    def events(self, filters: EventFilter, limit: int, offset: int) -> dict[str, Any]:
        """One page of events matching `filters`, and how many match in all."""
        with self.store() as store:
            return {"total": store.count_events(filters), "limit": limit, "offset": offset,
                    "events": store.query_events(filters=filters, limit=limit, offset=offset)}

    def event(self, event_id: str) -> dict[str, Any] | None:
        """One event record, or None."""
        with self.store() as store:
            found = store.query_events(filters=EventFilter(event_id=event_id))
        return found[0] if found else None

    def event_mentions(self, event_id: str) -> list[dict[str, Any]]:
        """An event's mentions with article ids and the actor spans of their sentences."""
        out = []
        for m in queries.event_mentions(self.db, event_id):
            start = m["sentence_start"]
            doc = self._recode(m["article_pk"])
            sentence_ok = start is not None and doc is not None and \
                doc.text[start:start + len(m["text"])] == m["text"]
            actors = tuple(a for a in doc.actors if a.sentence == m["sentence"]) \
                if sentence_ok and doc else ()
            spans = actor_spans(actors, start) if sentence_ok else []
            if start is not None:
                spans.append(Span(m["start"] - start, m["end"] - start, "trigger", m["trigger"]))
            out.append({**m, "spans": spans})
        return out

    def article(self, pk: int) -> ArticleView | None:
        """A stored article with its mentions and actor spans, or None."""
        with self.store() as store:
            row = store.article(pk)
        if row is None:
            return None
        doc = self._recode(pk, row)
        mentions = queries.article_mentions(self.db, pk)
        return ArticleView(row, mentions, doc.actors if doc else (), doc is not None)

    def _recode(self, pk: int, row: dict[str, Any] | None = None) -> Document | None:
        """The stored article coded again, for its actor spans (the store keeps none).

        None when the article is gone or re-coding cleans its raw text differently (e.g. a
        newer cleaner): spans from another text would mark the wrong words.
        """
        with self._lock:
            if pk in self._recoded:
                self._recoded.move_to_end(pk)
                return self._recoded[pk]
        if row is None:
            with self.store() as store:
                row = store.article(pk)
            if row is None:
                return None
        published = dt.date.fromisoformat(row["published"]) if row["published"] else None
        doc = self.code(Article(id=row["article_id"], text=row["raw_text"], title=row["title"],
                                url=row["url"], source=row["source"], published=published,
                                lang=row["lang"]))
        if doc.text != row["text"]:
            return None
        with self._lock:
            self._recoded[pk] = doc
            while len(self._recoded) > RECODED_CACHE:
                self._recoded.popitem(last=False)
        return doc
