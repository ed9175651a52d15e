"""The run's progress bar (rich): articles done, articles/s and, when the total is known, ETA."""
from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn,
                           TimeRemainingColumn)

from dyad.ingest import InputProblem, ReadOptions, input_format
from dyad.model import Article

COUNT_BLOCK = 1 << 20


@dataclass
class Bar:
    """Callbacks for a run: `advance` per article done, `report` per problem line."""

    progress: Progress
    console: Console
    task: int
    started: float

    def advance(self, _article: Article) -> None:
        self.progress.advance(self.task)
        done = self.progress.tasks[0].completed
        rate = done / max(time.perf_counter() - self.started, 1e-6)
        self.progress.update(self.task, rate=f"{rate:.0f}")

    def report(self, problem: InputProblem) -> None:
        # soft_wrap: one line per problem, even when stderr is a pipe (rich wraps at 80)
        self.console.print(problem.message, markup=False, highlight=False, soft_wrap=True)


@contextmanager
def progress_bar(total: int | None, quiet: bool) -> Iterator[Bar]:
    """A progress bar on stderr (none with `quiet` or when stderr is not a terminal)."""
    console = Console(stderr=True)
    with Progress(TextColumn("coding"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("{task.fields[rate]} articles/s"), TimeElapsedColumn(),
                  TextColumn("ETA"), TimeRemainingColumn(), console=console,
                  disable=quiet or not console.is_terminal) as progress:
        task = progress.add_task("coding", total=total, rate="0")
        yield Bar(progress, console, task, time.perf_counter())


def estimate_total(paths: Iterable[str], options: ReadOptions) -> int | None:
    """How many articles the inputs hold, cheaply (lines, Parquet metadata); None when a
    WARC, feed or URL makes it unknowable without reading everything."""
    total = 0
    for given in paths:
        if given == "-" or given.lower().startswith(("http://", "https://")):
            return None
        root = Path(given)
        files = sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else [root]
        for path in files:
            count = _count(path, options.input_format or input_format(path))
            if count is None:
                return None
            total += count
    return total


def _count(path: Path, fmt: str | None) -> int | None:
    try:
        if fmt in ("jsonl", "csv"):
            lines = _lines(path)
            return max(lines - 1, 0) if fmt == "csv" else lines
        if fmt == "parquet":
            import pyarrow.parquet as pq  # only for Parquet inputs

            return int(pq.ParquetFile(path).metadata.num_rows)
    except Exception:  # the reader will report the problem; here it only costs the ETA
        return 0
    return 1 if fmt in ("text", "html") else (0 if fmt is None else None)


def _lines(path: Path) -> int:
    count = 0
    last = b"\n"
    with path.open("rb") as handle:
        while block := handle.read(COUNT_BLOCK):
            count += block.count(b"\n")
            last = block[-1:]
    return count + (last != b"\n")
