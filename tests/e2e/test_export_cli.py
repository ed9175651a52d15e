"""`dyad export`, `dyad series` and `dyad top` end to end: real subprocesses on a real database."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[1] / "data"


def dyad(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "dyad", *map(str, args)], capture_output=True,
                          text=True, timeout=300)


def ok(proc: subprocess.CompletedProcess[str]) -> str:
    assert proc.returncode == 0, f"{proc.args}\n{proc.stdout}\n{proc.stderr}"
    return proc.stdout


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "meeting.db"
    ok(dyad("run", DATA, "--db", path, "--published", "2025-03-12", "--quiet"))
    return path


def test_cli_export_gdelt_writes_events_and_mentions_tables(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "gdelt.tsv"
    proc = dyad("export", "--db", db, "--format", "gdelt", "--out", out)
    ok(proc)
    assert f"wrote {out}" in proc.stderr
    [row] = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(row) == 61 and row[1] == "20250311" and row[26] == "040"
    assert row[31:34] == ["2", "2", "2"]  # NumMentions, NumSources, NumArticles
    mentions = (tmp_path / "gdelt.mentions.tsv").read_text(encoding="utf-8").splitlines()
    assert len(mentions) == 2 and all(len(m.split("\t")) == 16 for m in mentions)


def test_cli_export_jsonl_to_stdout_and_plover(db: Path) -> None:
    [record] = [json.loads(line) for line in ok(dyad("export", "--db", db, "--format", "jsonl")).splitlines()]
    assert sorted(m["lang"] for m in record["mentions"]) == ["de", "en"]
    [plover] = [json.loads(line) for line in ok(dyad("export", "--db", db, "--format", "plover")).splitlines()]
    assert (plover["event_type"], plover["languages"]) == ("CONSULT", ["de", "en"])


def test_cli_series_and_top_print_csv(db: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(ok(dyad("series", "--db", db, "--dyad", "ARG-CHL",
                                                   "--format", "csv")))))
    assert [(r["period"], r["events"], r["quad1"], r["top_roots"]) for r in rows] == [
        ("2025-03", "1", "1", "04:1")]
    out = ok(dyad("top", "--db", db, "--format", "csv"))
    assert "source_country,target_country,events,goldstein_mean\nCHL,ARG,1," in out
    assert "actor,events,as_source,as_target,goldstein_mean\n" in out


def test_cli_export_of_a_missing_database_fails_with_one_line(tmp_path: Path) -> None:
    proc = dyad("export", "--db", tmp_path / "none.db", "--format", "csv")
    assert proc.returncode != 0 and "none.db" in proc.stderr and "Traceback" not in proc.stderr
