"""The same stages on a Dask cluster: a bag whose partitions are chunks of articles, each coded
by its worker's Pipeline; events go to Parquet (partitioned by date) and/or the SQLite store."""
from __future__ import annotations

import hashlib
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import dask.bag as db
from distributed import Client, LocalCluster

from dyad.engine.local import (BatchWriter, Coded, Progress, Report, RunOptions, _print_problem,
                               new_chunks, timed, worker_pipeline, code_chunk)
from dyad.engine.report import RunSummary
from dyad.errors import DyadError
from dyad.ingest import InputProblem, read_inputs
from dyad.model import Article
from dyad.store import StoredArticle
from dyad.store.parquet import write_events
from dyad.store.sqlite import SQLiteStore

DASK_CHUNK = 64  # articles per partition: Dask costs ~3 ms per task (DESIGN.md), so coarse
PARTITIONS_PER_WORKER = 4  # partitions computed at a time per worker: bounds client memory


@dataclass(frozen=True)
class DaskOptions:
    """Where the cluster is, and where results go."""

    scheduler: str | None = None  # a scheduler address; None starts a LocalCluster
    workers: int = 2  # LocalCluster workers (processes, one thread each)
    out: Path | None = None  # Parquet dataset directory
    run: RunOptions = field(default_factory=RunOptions)


def run_dask(paths: Iterable[str], options: DaskOptions, store: SQLiteStore | None = None,
             progress: Progress | None = None, on_problem: Report | None = None) -> RunSummary:
    """Code inputs on a Dask cluster; write Parquet to `options.out` and/or batches to `store`.

    The client reads the inputs and sends chunks of articles; workers code them (and write
    their Parquet part files, named by the chunk's content, so a re-run replaces them).
    """
    if options.out is None and store is None:
        raise DyadError("the dask engine needs --out DIR (Parquet) and/or --db FILE")
    summary = RunSummary(engine="dask", workers=options.workers)
    started = time.perf_counter()
    report = on_problem or _print_problem
    sink = BatchWriter(store, summary, progress, report) if store is not None else None
    run = options.run
    items = timed(read_inputs(paths, published=run.published, lang=run.lang, options=run.read),
                  summary, "ingest")
    chunks = new_chunks(items, store, sink, DASK_CHUNK) if sink is not None and store is not None \
        else _chunks(items, summary, report)
    out = str(options.out) if options.out else None
    with _client(options) as client:
        window = PARTITIONS_PER_WORKER * max(1, len(client.scheduler_info()["workers"]))
        for group in _groups(chunks, window):
            bag = db.from_sequence(group, partition_size=1).map(
                code_partition, out, sink is not None, options.run.actor_files)
            for coded, seconds in bag.compute():
                summary.add_seconds(seconds)
                _collect(coded, summary, sink, progress, report)
    if sink is not None:
        sink.flush()
    summary.seconds = time.perf_counter() - started
    return summary


def code_partition(articles: list[Article], out: str | None, keep: bool,
                   actor_files: tuple[Path, ...] = ()) -> tuple[Coded, dict[str, float]]:
    """Runs on a worker: code a chunk with the worker's Pipeline, write its events to Parquet."""
    coded, seconds = code_chunk(worker_pipeline(actor_files), articles)
    stored = [c for c in coded if isinstance(c, StoredArticle)]
    if out is not None and stored:
        began = time.perf_counter()
        name = hashlib.sha1("".join(s.content_hash for s in stored).encode()).hexdigest()[:20]
        write_events((e.to_dict() for s in stored for e in s.events), Path(out), f"part-{name}")
        seconds["store"] = seconds.get("store", 0.0) + time.perf_counter() - began
    if not keep:  # only counts travel back when there is no SQLite store to fill
        coded = [c if isinstance(c, InputProblem) else
                 StoredArticle(c.content_hash, _light(c.article), "", c.lang, (), c.events)
                 for c in coded]
    return coded, seconds


def _collect(coded: Coded, summary: RunSummary, sink: BatchWriter | None,
             progress: Progress | None, report: Report) -> None:
    if sink is not None:
        sink.add(coded)
        return
    for item in coded:
        if isinstance(item, InputProblem):
            summary.count_problem(item.message)
            report(item)
            continue
        summary.languages[item.lang] += 1
        summary.events += len(item.events)
        summary.unique_events += len(item.events)
        if progress:
            progress(item.article)


def _chunks(items: Iterable[Article | InputProblem], summary: RunSummary,
            report: Report) -> Iterator[list[Article]]:
    """Chunks of DASK_CHUNK articles when there is no store to check for known ones."""
    chunk: list[Article] = []
    for item in items:
        if isinstance(item, InputProblem):
            summary.count_problem(item.message)
            report(item)
            continue
        summary.articles += 1
        chunk.append(item)
        if len(chunk) >= DASK_CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _groups(chunks: Iterable[list[Article]], size: int) -> Iterator[list[list[Article]]]:
    group: list[list[Article]] = []
    for chunk in chunks:
        if chunk:
            group.append(chunk)
        if len(group) >= size:
            yield group
            group = []
    if group:
        yield group


def _light(article: Article) -> Article:
    """The article without its text (the client needs only its id and path for progress)."""
    return Article(id=article.id, text="", path=article.path)


class _client:
    """A Client on the given scheduler, or on a LocalCluster started (and stopped) here."""

    def __init__(self, options: DaskOptions) -> None:
        self.options = options
        self.cluster: LocalCluster | None = None

    def __enter__(self) -> Client:
        if self.options.scheduler:
            try:
                self.client = Client(self.options.scheduler, timeout="20s")
            except OSError as exc:
                raise DyadError(f"{self.options.scheduler}: cannot reach the Dask scheduler: "
                                f"{exc}") from exc
        else:
            self.cluster = LocalCluster(n_workers=self.options.workers, threads_per_worker=1,
                                        processes=True, dashboard_address=None)
            self.client = Client(self.cluster)
        return self.client

    def __exit__(self, *exc: object) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


__all__ = ["DaskOptions", "code_partition", "run_dask"]
