"""Kill and resume, for real (issue 5): `dyad run` is SIGKILLed mid-run, started again, and
its database must equal that of an uninterrupted run, row for row (wall-clock columns aside)."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

TIMEOUT = 240  # seconds for one whole run on a busy 2-core machine
N_ARTICLES = 240  # ~4 batches of 64: a kill lands between the first commit and the last


def corpus(shared: Path, root: Path) -> Path:
    """WMT news documents (en, de, ru), one JSONL line each, in file order."""
    lines = []
    for path in sorted((shared / "data" / "news").glob("*.jsonl")):
        for raw in path.read_text(encoding="utf-8").splitlines():
            doc = json.loads(raw)
            for lang, segments in sorted(doc["langs"].items()):
                text = "\n".join(s for s in segments if s)
                if text and len(lines) < N_ARTICLES:
                    lines.append(json.dumps({"id": f"{doc['docid']}:{lang}", "text": text,
                                             "lang": lang, "url": f"https://wmt.example/{doc['docid']}/{lang}"}))
    path = root / "news.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def start(inputs: Path, db: Path, workers: int) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "dyad", "run", str(inputs), "--db", str(db),
                             "--workers", str(workers), "--quiet"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)  # its own group: the kill reaches its workers


def stored(db: Path) -> int:
    """Articles committed so far (0 while the database is being created)."""
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return 0


def finish(proc: subprocess.Popen[str]) -> str:
    out, err = proc.communicate(timeout=TIMEOUT)
    assert proc.returncode == 0, f"exit {proc.returncode}\n{out}\n{err}"
    return out


def test_resume_after_sigkill_gives_the_database_of_an_uninterrupted_run(
        shared: Path, tmp_path: Path, db_dump) -> None:
    inputs = corpus(shared, tmp_path)
    killed_db = tmp_path / "killed.db"
    proc = start(inputs, killed_db, workers=2)
    deadline = time.monotonic() + TIMEOUT
    try:
        while stored(killed_db) < 64:  # poll the database, not the clock
            assert proc.poll() is None, f"finished before it could be killed: {proc.communicate()}"
            assert time.monotonic() < deadline, "no batch committed in time"
            time.sleep(0.05)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    at_kill = stored(killed_db)
    assert proc.returncode == -signal.SIGKILL
    assert 64 <= at_kill < N_ARTICLES, at_kill

    resumed = start(inputs, killed_db, workers=2)
    whole = start(inputs, tmp_path / "whole.db", workers=1)
    out = finish(resumed)
    finish(whole)
    assert f"articles: {N_ARTICLES} ({at_kill} already stored)" in out
    killed, uninterrupted = db_dump(killed_db), db_dump(tmp_path / "whole.db")
    assert len(uninterrupted["articles"]) == N_ARTICLES
    assert len(uninterrupted["events"]) > 0 and len(uninterrupted["mentions"]) > 0
    for table in ("articles", "sentences", "events", "mentions"):
        assert killed[table] == uninterrupted[table], table
