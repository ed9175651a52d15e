"""Run the pipeline over many inputs on one machine: in this process or a process pool,
streaming in bounded chunks and storing batches in input order (same database either way)."""
from __future__ import annotations

import datetime as dt
import functools
import multiprocessing
import os
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from dyad.engine.report import RunSummary
from dyad.ingest import InputProblem, ReadOptions, read_inputs
from dyad.model import Article, Document
from dyad.pipeline import Pipeline
from dyad.store import StoredArticle, content_hash
from dyad.store.sqlite import SQLiteStore

BATCH_SIZE = 64  # articles per store transaction: a kill loses at most one open batch
CHUNK_SIZE = 16  # articles per task sent to a worker (~0.1 s of work: pickling is amortised)
WINDOW_PER_WORKER = 3  # chunks in flight per worker; bounds memory whatever the corpus size

Progress = Callable[[Article], None]
Report = Callable[[InputProblem], None]
Coded = list[StoredArticle | InputProblem]


@dataclass(frozen=True)
class RunOptions:
    """How `run_into_store` reads and codes."""

    workers: int = 1  # processes; 1 codes in this process
    published: dt.date | None = None
    lang: str | None = None
    read: ReadOptions = field(default_factory=ReadOptions)
    actor_files: tuple[Path, ...] = ()  # users' actor dictionaries, loaded by every worker


def default_workers() -> int:
    return os.cpu_count() or 1


def code_inputs(paths: Iterable[str], pipeline: Pipeline, published: dt.date | None = None,
                lang: str | None = None, on_problem: Report | None = None,
                read_options: ReadOptions | None = None) -> Iterator[Document]:
    """Code every readable article; report each bad input through `on_problem` and go on."""
    report = on_problem or _print_problem
    for item in read_inputs(paths, published=published, lang=lang, options=read_options):
        if isinstance(item, InputProblem):
            report(item)
            continue
        try:
            yield pipeline.code(item)
        except Exception as exc:  # one broken article never stops a run of a million
            report(_coding_problem(item, exc))


def code_chunk(pipeline: Pipeline, articles: list[Article]) -> tuple[Coded, dict[str, float]]:
    """Code a chunk of articles: ready-to-store records (or problems) and seconds per stage."""
    before = dict(pipeline.stage_seconds)
    out: Coded = []
    for article in articles:
        try:
            doc = pipeline.code(article)
        except Exception as exc:  # one broken article never stops a run of a million
            out.append(_coding_problem(article, exc))
            continue
        out.append(StoredArticle(content_hash(article.text), article, doc.text, doc.lang,
                                 doc.sentences, doc.events))
    spent = {k: v - before.get(k, 0.0) for k, v in pipeline.stage_seconds.items()}
    return out, spent


@functools.cache
def worker_pipeline(actor_files: tuple[Path, ...] = ()) -> Pipeline:
    """The one Pipeline of a worker process (its lexicons load once, on first use)."""
    return Pipeline(actor_files=actor_files)


def _code_in_worker(articles: list[Article], actor_files: tuple[Path, ...]) -> tuple[Coded, dict[str, float]]:
    return code_chunk(worker_pipeline(actor_files), articles)


def code_chunks(chunks: Iterable[list[Article]], pipeline: Pipeline,
                workers: int) -> Iterator[tuple[Coded, dict[str, float]]]:
    """Coded chunks in input order; with workers > 1 at most workers × WINDOW_PER_WORKER
    chunks are in flight, so memory does not grow with the corpus."""
    if workers <= 1:
        for chunk in chunks:
            yield code_chunk(pipeline, chunk)
        return
    # forkserver: workers fork from a clean process (no threads of ours, e.g. rich's refresher)
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["dyad.engine.local"])
    with ProcessPoolExecutor(workers, mp_context=context, initializer=worker_pipeline,
                             initargs=(pipeline.actor_files,)) as pool:
        window: deque[Future[tuple[Coded, dict[str, float]]]] = deque()
        for chunk in chunks:
            window.append(pool.submit(_code_in_worker, chunk, pipeline.actor_files))
            if len(window) >= workers * WINDOW_PER_WORKER:
                yield window.popleft().result()
        while window:
            yield window.popleft().result()


def run_into_store(paths: Iterable[str], store: SQLiteStore, pipeline: Pipeline,
                   published: dt.date | None = None, lang: str | None = None,
                   progress: Progress | None = None, on_problem: Report | None = None,
                   options: RunOptions | None = None) -> RunSummary:
    """Code inputs and store them batch by batch; articles already stored (same content hash
    or URL) are neither coded nor stored again, so a killed run resumes where it stopped.

    Args:
        options: workers and reading options; `published` and `lang` given here win.
    """
    options = options or RunOptions()
    summary = RunSummary(workers=max(1, options.workers))
    started = time.perf_counter()
    sink = BatchWriter(store, summary, progress, on_problem or _print_problem)
    items = read_inputs(paths, published=published or options.published,
                        lang=lang or options.lang, options=options.read)
    chunks = new_chunks(timed(items, summary, "ingest"), store, sink)
    for coded, seconds in code_chunks(chunks, pipeline, options.workers):
        summary.add_seconds(seconds)
        sink.add(coded)
    sink.flush()
    summary.seconds = time.perf_counter() - started
    return summary


def timed(items: Iterable[Article | InputProblem], summary: RunSummary,
          stage: str) -> Iterator[Article | InputProblem]:
    """`items`, adding the time spent producing each to `stage` in the summary."""
    iterator = iter(items)
    while True:
        began = time.perf_counter()
        item = next(iterator, None)
        summary.add_seconds({stage: time.perf_counter() - began})
        if item is None:
            return
        yield item


def new_chunks(items: Iterable[Article | InputProblem], store: SQLiteStore,
               sink: BatchWriter, size: int = CHUNK_SIZE) -> Iterator[list[Article]]:
    """Chunks of the articles not stored yet (the resume check); problems go to the sink."""
    chunk: list[Article] = []
    for item in items:
        if isinstance(item, InputProblem):
            sink.problem(item)
            continue
        chunk.append(item)
        if len(chunk) >= size:
            yield sink.unknown(chunk)
            chunk = []
    if chunk:
        yield sink.unknown(chunk)


class BatchWriter:
    """Receives coded articles in input order and stores them in batches of BATCH_SIZE."""

    def __init__(self, store: SQLiteStore, summary: RunSummary, progress: Progress | None,
                 report: Report) -> None:
        self.store, self.summary, self.progress, self.report = store, summary, progress, report
        self.batch: list[StoredArticle] = []

    def problem(self, problem: InputProblem) -> None:
        self.summary.count_problem(problem.message)
        self.report(problem)

    def unknown(self, chunk: list[Article]) -> list[Article]:
        """The articles of a chunk the store does not hold yet; the others count as known."""
        self.summary.articles += len(chunk)
        began = time.perf_counter()
        digests = [content_hash(a.text) for a in chunk]
        known = self.store.stored_keys(digests, [a.url for a in chunk if a.url])
        self.summary.add_seconds({"store": time.perf_counter() - began})
        fresh = [a for a, d in zip(chunk, digests) if not known or not _keys(d, a) & known]
        self.summary.skipped_known += len(chunk) - len(fresh)
        if self.progress and len(fresh) < len(chunk):
            kept = {id(a) for a in fresh}
            for article in chunk:
                if id(article) not in kept:
                    self.progress(article)
        return fresh

    def add(self, coded: Coded) -> None:
        for item in coded:
            if isinstance(item, InputProblem):
                self.problem(item)
                continue
            self.summary.languages[item.lang] += 1
            self.summary.events += len(item.events)
            self.batch.append(item)
            if self.progress:
                self.progress(item.article)
            if len(self.batch) >= BATCH_SIZE:
                self.flush()

    def flush(self) -> None:
        """Store the batch in one transaction; an article whose hash or URL is stored, or
        came earlier in this batch, is dropped (the same whether or not the run resumed)."""
        if not self.batch:
            return
        began = time.perf_counter()
        seen = self.store.stored_keys([i.content_hash for i in self.batch],
                                      [i.article.url for i in self.batch if i.article.url])
        keep = []
        for item in self.batch:
            keys = _keys(item.content_hash, item.article)
            if not keys & seen:
                keep.append(item)
            seen |= keys
        result = self.store.add_batch(keep)
        self.summary.skipped_known += result.articles_skipped + len(self.batch) - len(keep)
        self.summary.unique_events += result.events_added
        self.summary.add_seconds({"store": time.perf_counter() - began})
        self.batch.clear()


def _keys(digest: str, article: Article) -> set[str]:
    return {digest, article.url} if article.url else {digest}


def _coding_problem(article: Article, exc: Exception) -> InputProblem:
    where = article.path or article.id
    return InputProblem(where, f"{where}: could not be coded: {type(exc).__name__}: {exc}")


def _print_problem(problem: InputProblem) -> None:
    print(problem.message, file=sys.stderr)


__all__ = ["BatchWriter", "RunOptions", "RunSummary", "code_chunk", "code_chunks", "code_inputs",
           "default_workers", "run_into_store", "worker_pipeline"]
