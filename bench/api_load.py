"""Load a real `dyad serve` on loopback for a few seconds: requests/s and p95 latency.

    python bench/api_load.py [--db FILE] [--seconds 5] [--concurrency 8]

Without --db, the example articles are coded into a temporary database first. Prints one line
per endpoint, e.g. `endpoint=/v1/events n=2400 requests/s=480 p95_ms=25.1 errors=0 ...`.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "src" / "dyad" / "examples"
CODE_TEXT = (EXAMPLES / "en_brazil_germany_talks.txt").read_text(encoding="utf-8")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(db: Path, log: Path) -> tuple[subprocess.Popen[bytes], str]:
    """Start the server and wait for /health (and warm the English pipeline)."""
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    with log.open("wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "dyad", "serve", "--db", str(db),
                                 "--port", str(port)], stdout=out, stderr=subprocess.STDOUT,
                                env=env)
    url = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                httpx.post(f"{url}/v1/code", json={"text": CODE_TEXT}, timeout=60)
                return proc, url
        except httpx.TransportError:
            time.sleep(0.1)
    proc.terminate()
    raise SystemExit(f"server did not start:\n{log.read_text()}")


async def hammer(url: str, request: dict, seconds: float, concurrency: int) -> tuple[list[float], int]:
    """Send `request` from `concurrency` workers for `seconds`; latencies (s) and error count."""
    latencies: list[float] = []
    errors = 0
    deadline = time.perf_counter() + seconds

    async def worker(client: httpx.AsyncClient) -> None:
        nonlocal errors
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            try:
                reply = await client.request(**request)
                ok = reply.status_code == 200
            except httpx.HTTPError:
                ok = False
            latencies.append(time.perf_counter() - started)
            errors += not ok

    async with httpx.AsyncClient(base_url=url, timeout=30) as client:
        await asyncio.gather(*(worker(client) for _ in range(concurrency)))
    return latencies, errors


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))] if ordered else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            db = Path(tmp) / "examples.db"
            subprocess.run([sys.executable, "-m", "dyad", "run", str(EXAMPLES), "--db", str(db),
                            "--quiet"], check=True, capture_output=True,
                           env={**os.environ, "PYTHONPATH": str(REPO / "src")})
        proc, url = start(db, Path(tmp) / "server.log")
        try:
            requests = {
                "/v1/events": {"method": "GET", "url": "/v1/events", "params": {"limit": 20}},
                "/v1/code": {"method": "POST", "url": "/v1/code", "json": {"text": CODE_TEXT}},
            }
            for name, request in requests.items():
                latencies, errors = asyncio.run(hammer(url, request, args.seconds,
                                                       args.concurrency))
                print(f"endpoint={name} n={len(latencies)} "
                      f"requests/s={len(latencies) / args.seconds:.0f} "
                      f"p95_ms={p95(latencies) * 1000:.1f} errors={errors} "
                      f"concurrency={args.concurrency} seconds={args.seconds:g} "
                      f"cores={os.cpu_count()}")
        finally:
            proc.terminate()
            proc.wait(timeout=10)


if __name__ == "__main__":
    main()
