"""Run the pipeline over many inputs in this process, storing batches as they are coded."""
from __future__ import annotations

import datetime as dt
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from dyad.ingest import InputProblem, read_inputs
from dyad.model import Article, Document
from dyad.pipeline import Pipeline
from dyad.store import StoredArticle, content_hash
from dyad.store.sqlite import SQLiteStore

BATCH_SIZE = 64  # articles per store transaction


@dataclass
class RunSummary:
    """What a run read, coded and stored."""

    articles: int = 0
    skipped_known: int = 0
    languages: Counter[str] = field(default_factory=Counter)
    events: int = 0
    unique_events: int = 0
    errors: int = 0
    seconds: float = 0.0

    def lines(self) -> list[str]:
        langs = ", ".join(f"{k} {v}" for k, v in self.languages.most_common()) or "none"
        return [f"articles: {self.articles} ({self.skipped_known} already stored)",
                f"languages: {langs}",
                f"events: {self.events} coded, {self.unique_events} unique new events stored",
                f"errors: {self.errors}",
                f"time: {self.seconds:.1f} s"]


def code_inputs(paths: Iterable[str], pipeline: Pipeline, published: dt.date | None = None,
                lang: str | None = None,
                on_problem: Callable[[InputProblem], None] | None = None) -> Iterator[Document]:
    """Code every readable article; report each bad input through `on_problem` and go on."""
    report = on_problem or (lambda p: print(p.message, file=sys.stderr))
    for item in read_inputs(paths, published=published, lang=lang):
        if isinstance(item, InputProblem):
            report(item)
            continue
        try:
            yield pipeline.code(item)
        except Exception as exc:  # one broken article never stops a run of a million
            report(InputProblem(item.path or item.id,
                                f"{item.path or item.id}: could not be coded: {type(exc).__name__}: {exc}"))


def run_into_store(paths: Iterable[str], store: SQLiteStore, pipeline: Pipeline,
                   published: dt.date | None = None, lang: str | None = None,
                   progress: Callable[[Article], None] | None = None,
                   on_problem: Callable[[InputProblem], None] | None = None) -> RunSummary:
    """Code inputs and store them batch by batch; articles already stored are skipped."""
    summary = RunSummary()
    started = time.perf_counter()

    def problem(p: InputProblem) -> None:
        # truncation is a warning: the article is still coded
        if not p.message.endswith("truncated to 10 MB"):
            summary.errors += 1
        (on_problem or (lambda q: print(q.message, file=sys.stderr)))(p)

    batch: list[StoredArticle] = []
    for doc in code_inputs(paths, pipeline, published, lang, problem):
        summary.articles += 1
        summary.languages[doc.lang] += 1
        summary.events += len(doc.events)
        batch.append(StoredArticle(content_hash(doc.article.text), doc.article, doc.text,
                                   doc.lang, doc.sentences, doc.events))
        if progress:
            progress(doc.article)
        if len(batch) >= BATCH_SIZE:
            _flush(store, batch, summary)
    _flush(store, batch, summary)
    summary.seconds = time.perf_counter() - started
    return summary


def _flush(store: SQLiteStore, batch: list[StoredArticle], summary: RunSummary) -> None:
    if not batch:
        return
    result = store.add_batch(batch)
    summary.skipped_known += result.articles_skipped
    summary.unique_events += result.events_added
    batch.clear()
