"""Engines (issue 5): the process pool stores the same database as one process; a re-run codes
only what is new; the run report; the Dask engine on a real LocalCluster gives the same events
as the local engine and writes Parquet that DuckDB and pandas read as it is."""
from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from dyad.engine.dask import DaskOptions, run_dask
from dyad.engine.local import RunOptions, run_into_store
from dyad.engine.report import STAGES
from dyad.pipeline import Pipeline
from dyad.store.parquet import write_events
from dyad.store.sqlite import SQLiteStore
from dyad.tables import PACKAGE_DIR

EXAMPLES = PACKAGE_DIR / "examples"
NEWS = 30  # WMT documents the corpus takes
# the corpus's articles: the news plus each example (a .jsonl example holds one per line)
ARTICLES = NEWS + sum(len(p.read_text(encoding="utf-8").splitlines()) if p.suffix == ".jsonl"
                      else 1 for p in EXAMPLES.iterdir() if p.is_file())


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, shared: Path) -> Path:
    """The bundled examples plus NEWS WMT news documents (en, de) as JSONL."""
    root = tmp_path_factory.mktemp("corpus")
    lines = []
    for path in sorted((shared / "data" / "news").glob("*.jsonl")):
        for raw in path.read_text(encoding="utf-8").splitlines()[:30]:
            doc = json.loads(raw)
            for lang in ("en", "de"):
                segments = [s for s in doc["langs"].get(lang, []) if s]
                if segments and len(lines) < NEWS:
                    lines.append(json.dumps({"id": f"{doc['docid']}:{lang}",
                                             "text": "\n".join(segments), "lang": lang}))
    (root / "news.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for path in sorted(EXAMPLES.iterdir()):
        (root / path.name).write_bytes(path.read_bytes())
    return root


def run(corpus: Path, db: Path, workers: int, pipeline: Pipeline) -> dict:
    with SQLiteStore(db) as store:
        summary = run_into_store([str(corpus)], store, pipeline, options=RunOptions(workers=workers))
    return summary.to_dict()


@pytest.fixture(scope="module")
def one_worker_db(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("one") / "one.db"
    run(corpus, db, 1, Pipeline())
    return db


def test_engine_two_workers_store_the_same_database_as_one(corpus: Path, one_worker_db: Path,
                                                           tmp_path: Path, pipeline: Pipeline,
                                                           db_dump) -> None:
    report = run(corpus, tmp_path / "two.db", 2, pipeline)
    assert report["workers"] == 2 and report["articles"]["coded"] == ARTICLES
    one, two = db_dump(one_worker_db), db_dump(tmp_path / "two.db")
    assert len(one["articles"]) == ARTICLES and len(one["events"]) > 10
    assert one == two


def test_engine_rerun_codes_only_new_articles(corpus: Path, one_worker_db: Path, tmp_path: Path,
                                              pipeline: Pipeline, db_dump) -> None:
    db = tmp_path / "again.db"
    db.write_bytes(one_worker_db.read_bytes())
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "new.txt").write_text("Cuba thanks Vietnam\n\nCuba thanked Vietnam on Monday for its "
                                   "support, the foreign ministry said.\n")
    (extra / "same-url.jsonl").write_text(
        '{"id": "u1", "url": "https://e.org/1", "text": "Japan praised India on Monday."}\n'
        '{"id": "u2", "url": "https://e.org/1", "text": "Japan praised India on Monday again."}\n')
    report = run_into_store([str(corpus), str(extra)], SQLiteStore(db), pipeline).to_dict()
    assert report["articles"] == {"read": ARTICLES + 3, "already_stored": ARTICLES + 1,
                                  "coded": 2}
    dump = db_dump(db)
    assert len(dump["articles"]) == ARTICLES + 2  # the second one with the stored URL is not added
    assert [r for r in dump["articles"] if "e.org" in str(r)][0][2] == "u1"


def test_engine_report_counts_problems_by_kind_and_times_every_stage(tmp_path: Path,
                                                                     pipeline: Pipeline) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for path in sorted(EXAMPLES.glob("*.txt"))[:3]:
        (inputs / path.name).write_bytes(path.read_bytes())
    (inputs / "blob.txt").write_bytes(b"\x00\x01binary\x00" * 40)
    (inputs / "void.txt").write_text("")
    (inputs / "bad.jsonl").write_text('{"id": 1}\n{"text": "Cuba thanked Vietnam.", "published": "x"}\n')
    with SQLiteStore(tmp_path / "r.db") as store:
        summary = run_into_store([str(inputs)], store, pipeline)
    summary.write(tmp_path / "report.json")
    report = json.loads((tmp_path / "report.json").read_text())
    assert report["articles"] == {"read": 4, "already_stored": 0, "coded": 4}
    assert report["problems"] == {"errors": 4, "warnings": 0, "by_kind": {
        "bad_date": 1, "binary": 1, "empty": 1, "missing_text": 1}}
    stages = report["seconds"]["stages"]
    assert list(stages) == list(STAGES)
    for stage in ("ingest", "clean", "langid", "segment", "dates", "actors", "events", "dedup",
                  "store"):
        assert stages[stage] > 0, stage
    assert report["seconds"]["total"] >= sum(v for k, v in stages.items() if k != "load") * 0.5
    assert report["events"]["coded"] > 0


def test_engine_dask_local_cluster_gives_the_local_engines_events(
        corpus: Path, one_worker_db: Path, tmp_path: Path, db_dump) -> None:
    out = tmp_path / "parquet"
    with SQLiteStore(tmp_path / "dask.db") as store:
        summary = run_dask([str(corpus)], DaskOptions(workers=2, out=out), store)
    assert summary.articles == ARTICLES and summary.engine == "dask"
    local = db_dump(one_worker_db)
    assert db_dump(tmp_path / "dask.db") == local
    # Parquet: one row per event and article; DuckDB reads the Hive partitions as they are
    rows = duckdb.sql(f"SELECT year, month, event_id, date, num_mentions FROM "
                      f"read_parquet('{out}/**/*.parquet', hive_partitioning = true)").fetchall()
    with SQLiteStore(one_worker_db) as store:
        events = store.query_events()
    assert {r[2] for r in rows} == {e["event_id"] for e in events}
    assert sum(r[4] for r in rows) == len(local["mentions"])
    for year, month, _, date, _ in rows:
        assert (year, month) == ((int(date[:4]), int(date[5:7]) if len(date) > 4 else 0)
                                 if date else (0, 0))
    frame = pd.read_parquet(out)
    assert len(frame) == len(rows) and {"year", "month", "mentions"} <= set(frame.columns)


def test_parquet_write_events_is_partitioned_and_rewriting_changes_nothing(
        one_worker_db: Path, tmp_path: Path) -> None:
    with SQLiteStore(one_worker_db) as store:
        events = store.query_events()
    root = tmp_path / "export"
    assert write_events(events, root, rows_per_group=7) == len(events)
    first = sorted((p.relative_to(root).as_posix(), p.stat().st_size) for p in root.rglob("*.parquet"))
    write_events(events, root, rows_per_group=7)
    assert sorted((p.relative_to(root).as_posix(), p.stat().st_size)
                  for p in root.rglob("*.parquet")) == first
    back = duckdb.sql(f"SELECT event_id, source_code, cameo, mentions FROM '{root}/**/*.parquet' "
                      "ORDER BY event_id").fetchall()
    expected = sorted((e["event_id"], e["source"]["code"], e["cameo"], e["mentions"]) for e in events)
    assert [(a, b, c, [dict(m) for m in d]) for a, b, c, d in back] == expected
