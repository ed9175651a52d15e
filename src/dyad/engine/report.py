"""What a run did: counts, problems by kind, seconds per stage; printed and written as JSON."""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dyad.errors import StoreError

STAGES: tuple[str, ...] = ("ingest", "clean", "langid", "segment", "dates", "load", "actors",
                           "events", "dedup", "store")  # load: lexicons, once per process
# Problem kinds by the words of their message (the readers' lines), most specific first.
KINDS: tuple[tuple[str, str], ...] = (
    ("truncated or corrupt WARC", "truncated_archive"), ("truncated to", "truncated"),
    ("not a WARC file", "not_a_warc"), ("not an RSS/Atom feed", "not_a_feed"),
    ("not a Parquet file", "corrupt"), ("corrupt after row", "corrupt"),
    ("could not be coded", "coding_error"), ("binary", "binary"), ("undecodable", "undecodable"),
    ("not valid UTF-8", "undecodable"), ("empty", "empty"), ("no text column", "missing_column"),
    ("missing '", "missing_text"), ("no article text", "no_text"), ("no text in", "no_text"),
    ("invalid JSON", "malformed"), ("not a JSON object", "malformed"),
    ("malformed CSV", "malformed"), ("is not a string", "malformed"),
    ("date ignored", "bad_date"), ("larger than", "too_large"), ("cannot fetch", "unreachable"),
    ("HTTP ", "unreachable"), ("cannot read", "unreadable"), ("cannot parse", "malformed"),
    ("unsupported file type", "unsupported"))
WARNINGS = frozenset({"truncated"})  # the article is still coded


def problem_kind(message: str) -> str:
    """The kind of a problem line ("binary", "truncated", ...), "other" when unknown."""
    return next((kind for words, kind in KINDS if words in message), "other")


@dataclass
class RunSummary:
    """What a run read, coded and stored, and where the time went."""

    articles: int = 0
    skipped_known: int = 0
    languages: Counter[str] = field(default_factory=Counter)
    events: int = 0
    unique_events: int = 0
    errors: int = 0
    warnings: int = 0
    problems: Counter[str] = field(default_factory=Counter)
    stage_seconds: dict[str, float] = field(default_factory=dict)
    seconds: float = 0.0
    engine: str = "local"
    workers: int = 1

    def count_problem(self, message: str) -> None:
        kind = problem_kind(message)
        self.problems[kind] += 1
        if kind in WARNINGS:
            self.warnings += 1
        else:
            self.errors += 1

    def add_seconds(self, stages: dict[str, float]) -> None:
        for stage, seconds in stages.items():
            self.stage_seconds[stage] = self.stage_seconds.get(stage, 0.0) + seconds

    def lines(self) -> list[str]:
        langs = ", ".join(f"{k} {v}" for k, v in self.languages.most_common()) or "none"
        return [f"articles: {self.articles} ({self.skipped_known} already stored)",
                f"languages: {langs}",
                f"events: {self.events} coded, {self.unique_events} unique new events stored",
                f"errors: {self.errors}",
                f"time: {self.seconds:.1f} s"]

    def to_dict(self) -> dict[str, Any]:
        """The machine-readable run report."""
        coded = self.articles - self.skipped_known
        return {
            "engine": self.engine, "workers": self.workers,
            "articles": {"read": self.articles, "already_stored": self.skipped_known,
                         "coded": coded},
            "languages": dict(self.languages.most_common()),
            "events": {"coded": self.events, "new_stored": self.unique_events},
            "problems": {"errors": self.errors, "warnings": self.warnings,
                         "by_kind": dict(sorted(self.problems.items()))},
            # stage seconds are summed over worker processes; `total` is wall-clock time
            "seconds": {"stages": {s: round(self.stage_seconds.get(s, 0.0), 4) for s in STAGES},
                        "total": round(self.seconds, 4)},
            "articles_per_second": round(self.articles / self.seconds, 2) if self.seconds else None}

    def write(self, path: Path) -> None:
        """Write the report as JSON to `path`."""
        try:
            path.write_text(json.dumps(self.to_dict(), indent=2) + "\n", encoding="utf-8")
        except OSError as exc:
            raise StoreError(f"{path}: cannot write the run report: {exc.strerror or exc}") from exc
