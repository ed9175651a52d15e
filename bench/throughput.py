"""End-to-end throughput on a corpus of real-sized news articles (bench/corpus.py).

Usage: python bench/throughput.py [--n 10000] [--workers 1,2] [--profile 25]
Prints the floor (read the JSONL + regex-tokenise in Python), articles/s per core of the whole
pipeline in one process with the seconds per stage, and `dyad run` (read, code, store) with
1 and 2 worker processes, e.g. `n=10000 articles/s=120 per_core=120 floor=30000 ratio=250`.
"""
from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import write_jsonl  # noqa: E402

from dyad.engine.local import RunOptions, run_into_store  # noqa: E402
from dyad.model import Article  # noqa: E402
from dyad.pipeline import Pipeline  # noqa: E402
from dyad.store.sqlite import SQLiteStore  # noqa: E402

WORD = re.compile(r"\w+")


def floor(path: Path) -> float:
    """Articles/s to read the JSONL and regex-tokenise every text in Python."""
    started = time.perf_counter()
    n = tokens = 0
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            tokens += len(WORD.findall(json.loads(line)["text"]))
            n += 1
    return n / (time.perf_counter() - started)


def in_process(path: Path, profile: int) -> tuple[float, dict[str, float], int]:
    """Articles/s of Pipeline.code alone (lexicons loaded first), and seconds per stage."""
    articles = [Article(**{k: v for k, v in json.loads(line).items()})
                for line in path.open(encoding="utf-8")]
    pipeline = Pipeline()
    for lang in sorted({a.lang for a in articles}):  # load every language outside the timing
        pipeline.code(next(a for a in articles if a.lang == lang))
    pipeline.stage_seconds.clear()
    profiler = cProfile.Profile() if profile else None
    started = time.perf_counter()
    if profiler:
        profiler.enable()
    events = sum(len(pipeline.code(a).events) for a in articles)
    if profiler:
        profiler.disable()
    seconds = time.perf_counter() - started
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(profile)
    return len(articles) / seconds, dict(pipeline.stage_seconds), events


def engine(path: Path, workers: int) -> float:
    """Articles/s of `dyad run`'s engine (read, code, store in SQLite), loading included."""
    with tempfile.TemporaryDirectory() as tmp:
        with SQLiteStore(Path(tmp) / "bench.db") as store:
            started = time.perf_counter()
            summary = run_into_store([str(path)], store, Pipeline(),
                                     options=RunOptions(workers=workers))
            return summary.articles / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--profile", type=int, default=0, help="print the top N functions")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = write_jsonl(Path(tmp) / "corpus.jsonl", args.n)
        chars = sum(len(json.loads(line)["text"]) for line in path.open(encoding="utf-8"))
        low = floor(path)
        rate, stages, events = in_process(path, args.profile)
        total = sum(stages.values())
        print(f"n={args.n} mean_chars={chars // args.n} floor_articles/s={low:.0f} "
              f"articles/s={rate:.1f} per_core={rate:.1f} ratio_floor={low / rate:.0f} "
              f"events={events} load_avg={os.getloadavg()[0]:.1f} cores={os.cpu_count()}")
        print("stages: " + " ".join(f"{k}={v / total:.0%}({v:.1f}s)"
                                    for k, v in sorted(stages.items(), key=lambda kv: -kv[1])))
        rates = {w: engine(path, w) for w in map(int, args.workers.split(","))}
        base = rates[min(rates)]
        print("engine: " + " ".join(f"workers={w} articles/s={r:.1f} speedup={r / base:.2f}"
                                    for w, r in rates.items()))


if __name__ == "__main__":
    main()
