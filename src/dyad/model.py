"""The plain, frozen records that flow between pipeline stages.

Offsets (`start`, `end`) always index the *cleaned* article text (`CleanArticle.text`),
end-exclusive, in Python string (code point) units.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

DatePrecision = Literal["day", "month", "year", "none"]
Modality = Literal["asserted", "intended", "reported"]


@dataclass(frozen=True)
class Article:
    """One input article as read, before cleaning."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None  # the outlet, e.g. "VNA"
    published: dt.date | None = None
    lang: str | None = None  # a hint from metadata or --lang; None means detect
    path: str | None = None  # where it was read from, for error messages


@dataclass(frozen=True)
class Removal:
    """A span of the raw text that cleaning removed, and why."""

    start: int
    end: int
    reason: str  # e.g. "repeated-line", "furniture", "agency-tag"


@dataclass(frozen=True)
class CleanArticle:
    """An article whose text has had scraping noise removed.

    `segments` maps cleaned offsets back to raw ones: each (clean_start, raw_start, length)
    is a run of characters copied unchanged.
    """

    article: Article
    text: str
    removals: tuple[Removal, ...] = ()
    segments: tuple[tuple[int, int, int], ...] = ()

    def raw_offset(self, clean_offset: int) -> int:
        """Map an offset into the cleaned text to the raw article text."""
        for clean_start, raw_start, length in self.segments:
            if clean_start <= clean_offset <= clean_start + length:
                return raw_start + (clean_offset - clean_start)
        return clean_offset


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Token:
    """A word or punctuation token with its lemma (lowercased)."""

    start: int
    end: int
    text: str
    lemma: str


@dataclass(frozen=True)
class Actor:
    """A resolved actor: CAMEO-style code = country (ISO alpha-3) or IGO code + agent."""

    code: str  # "CUBGOV", "VNM", "IGOUNO"
    country: str | None  # ISO 3166 alpha-3; None for international organisations
    agent: str | None = None  # "GOV", "PTY", "MIL", ...
    name: str | None = None  # a person's or organisation's name, when known
    role: str | None = None  # language-independent role key, e.g. "ambassador"

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "country": self.country, "agent": self.agent,
                "name": self.name}


@dataclass(frozen=True)
class ActorMention:
    """A span of text that refers to an actor, and the rule that resolved it."""

    start: int
    end: int
    text: str
    actor: Actor
    rule: str  # e.g. "person:kb", "demonym+role", "coref:pronoun"
    sentence: int = -1
    kind: str = "name"  # "name", "role", "demonym", "country", "person", "igo", "coref"


@dataclass(frozen=True)
class EventDate:
    """The date an event happened, as precisely as the text says."""

    value: str | None  # "2025-02-04", "2025-02", "2025" or None
    precision: DatePrecision = "none"
    source: str = "none"  # "text", "story", "published", "inferred", "none"

    def first_day(self) -> dt.date | None:
        """The first day the date covers ("2025-02" → 2025-02-01), or None when undated."""
        if not self.value:
            return None
        parts = [int(p) for p in self.value.split("-")]
        return dt.date(parts[0], parts[1] if len(parts) > 1 else 1,
                       parts[2] if len(parts) > 2 else 1)


@dataclass(frozen=True)
class Location:
    name: str
    country: str | None
    lat: float | None = None
    lon: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "country": self.country, "lat": self.lat, "lon": self.lon}


@dataclass(frozen=True)
class Mention:
    """One piece of evidence for an event: where it was said and which rule fired."""

    article_id: str
    sentence: int
    start: int
    end: int
    lang: str
    text: str  # the sentence text
    rule: str  # lexicon entry or pattern, e.g. "en/triggers.tsv:42 call on ... embargo"
    trigger: str = ""  # the trigger words as they appear
    source_text: str = ""
    target_text: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"article_id": self.article_id, "sentence": self.sentence, "start": self.start,
                "end": self.end, "lang": self.lang, "text": self.text, "rule": self.rule,
                "trigger": self.trigger, "source_text": self.source_text,
                "target_text": self.target_text}


@dataclass(frozen=True)
class EventMention:
    """An event as coded from one sentence, before deduplication."""

    source: Actor
    target: Actor
    cameo: str
    date: EventDate
    negated: bool
    modality: Modality
    location: Location | None
    confidence: float
    mention: Mention
    symmetric: bool = False  # the event reads the same in both directions (meet, talk)


@dataclass(frozen=True)
class Event:
    """A deduplicated event: one real-world interaction with all its mentions."""

    event_id: str
    source: Actor
    target: Actor
    cameo: str
    root: str
    quad_class: int
    goldstein: float
    plover: str | None
    date: EventDate
    negated: bool
    modality: Modality
    location: Location | None
    confidence: float
    mentions: tuple[Mention, ...]
    merge_reasons: tuple[str, ...] = ()
    # Set by the store (issue 6); None: count from the mentions (one article, one source)
    num_sources: int | None = None  # distinct outlets: article source, else URL host, else article
    num_articles: int | None = None
    symmetric: bool = False  # a joint act (meet, talk, "both sides"): sides in either order

    def to_dict(self) -> dict[str, Any]:
        """The documented JSONL record (docs/record.md)."""
        articles = self.num_articles or len({m.article_id for m in self.mentions})
        return {
            "event_id": self.event_id,
            "date": self.date.value,
            "date_precision": self.date.precision,
            "date_source": self.date.source,
            "source": self.source.to_dict(),
            "target": self.target.to_dict(),
            "cameo": self.cameo,
            "root": self.root,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "plover": self.plover,
            "negated": self.negated,
            "modality": self.modality,
            "location": self.location.to_dict() if self.location else None,
            "confidence": round(self.confidence, 3),
            "num_mentions": len(self.mentions),
            "num_sources": self.num_sources or articles,
            "num_articles": articles,
            "merge_reasons": list(self.merge_reasons),
            "mentions": [m.to_dict() for m in self.mentions],
        }


@dataclass(frozen=True)
class Document:
    """Everything dyad found in one article: the result of `dyad.code()`."""

    article: Article
    text: str
    lang: str
    sentences: tuple[Sentence, ...]
    actors: tuple[ActorMention, ...]
    events: tuple[Event, ...]
    anchor: EventDate = field(default_factory=lambda: EventDate(None))
    removals: tuple[Removal, ...] = ()

    def to_dicts(self) -> list[dict[str, Any]]:
        return [e.to_dict() for e in self.events]

    def to_dataframe(self) -> Any:
        """Events as a pandas DataFrame, one row per event (actors flattened)."""
        import pandas as pd  # imported lazily: pandas costs ~0.3 s to import

        rows = []
        for ev in self.events:
            row = ev.to_dict()
            for side in ("source", "target"):
                for key, value in row.pop(side).items():
                    row[f"{side}_{key}"] = value
            rows.append(row)
        return pd.DataFrame(rows)
