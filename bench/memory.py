"""Peak memory of `dyad run`'s engine at growing corpus sizes: it must stay flat (streaming).

Usage: python bench/memory.py [--sizes 10000,40000] [--workers 1]
Each size runs in a fresh process; prints e.g. `n=10000 peak_rss=310MB workers=1 articles/s=95`.
"""
from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import write_jsonl  # noqa: E402


def child(n: int, workers: int) -> None:
    from dyad.engine.local import RunOptions, run_into_store
    from dyad.pipeline import Pipeline
    from dyad.store.sqlite import SQLiteStore

    with tempfile.TemporaryDirectory() as tmp:
        path = write_jsonl(Path(tmp) / "corpus.jsonl", n)
        started = time.perf_counter()
        with SQLiteStore(Path(tmp) / "m.db") as store:
            summary = run_into_store([str(path)], store, Pipeline(),
                                     options=RunOptions(workers=workers))
        seconds = time.perf_counter() - started
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
    print(f"n={n} peak_rss={own}MB worker_peak_rss={kids}MB workers={workers} "
          f"articles/s={summary.articles / seconds:.1f}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="10000,40000")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--child", type=int)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.workers)
        return
    for n in map(int, args.sizes.split(",")):
        subprocess.run([sys.executable, __file__, "--child", str(n), "--workers",
                        str(args.workers)], check=True)


if __name__ == "__main__":
    main()
