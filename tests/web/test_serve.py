"""`dyad serve` as a command: tokens from the option or DYAD_TOKEN, writes, unusable databases."""
from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest


def test_serve_ingests_an_article_with_the_token_from_dyad_token(
        tmp_path: Path, examples: Path, serve: Callable[..., Any]) -> None:
    server = serve(tmp_path / "new.db", env={"DYAD_TOKEN": "env-secret"})
    text = (examples / "en_brazil_germany_talks.txt").read_text(encoding="utf-8")
    article = {"id": "brazil-1", "text": text, "published": "2023-03-07",
               "source": "Example Wire", "url": "https://example.org/b1"}
    with httpx.Client(base_url=server.url, timeout=60) as client:
        assert client.get("/health").json()["events"] == 0
        refused = client.post("/v1/articles", json=article,
                              headers={"Authorization": "Bearer not-it"})
        assert refused.status_code == 401
        auth = {"Authorization": "Bearer env-secret"}
        first = client.post("/v1/articles", json=article, headers=auth)
        assert first.status_code == 201, first.text
        body = first.json()
        assert body["stored"] is True and body["lang"] == "en" and body["events"]
        assert body["events_added"] == len(body["events"])
        listed = client.get("/v1/events", params={"dyad": "DEU-BRA"}).json()
        assert {e["event_id"] for e in listed["events"]} <= set(body["events"])
        assert listed["total"] > 0
        stored = client.get(f"/v1/articles/{body['id']}").json()
        assert stored["article_id"] == "brazil-1" and stored["source"] == "Example Wire"
        assert stored["published"] == "2023-03-07" and stored["actors"]
        again = client.post("/v1/articles", json=article, headers=auth).json()
        assert again["stored"] is False and again["events_added"] == 0
        assert again["id"] == body["id"]
        assert client.get("/health").json()["articles"] == 1


def test_serve_without_a_token_refuses_every_write(tmp_path: Path,
                                                   serve: Callable[..., Any]) -> None:
    server = serve(tmp_path / "ro.db", env={"DYAD_TOKEN": None})
    for auth in ({}, {"Authorization": "Bearer guess"}):
        reply = httpx.post(f"{server.url}/v1/articles", timeout=30, headers=auth,
                           json={"id": "a", "text": "Cuba met Vietnam."})
        assert reply.status_code == 403
        assert reply.json() == {"detail": "writing is disabled: start `dyad serve` with --token"}
    assert "writing disabled" in server.output()
    assert httpx.get(f"{server.url}/health").json()["articles"] == 0


@pytest.mark.parametrize("kind", ["missing folder", "not a dyad database"])
def test_serve_reports_an_unusable_database_in_one_line(
        tmp_path: Path, kind: str, run_dyad: Callable[..., Any]) -> None:
    if kind == "missing folder":
        db = tmp_path / "no" / "such" / "folder" / "x.db"
        expected = "cannot open database: unable to open database file"
    else:
        db = tmp_path / "other.db"
        conn = sqlite3.connect(db)
        conn.execute("CREATE TABLE notes (body TEXT)")
        conn.close()
        expected = "not a dyad database"
    proc = run_dyad("serve", "--db", db, "--port", "0")
    assert proc.returncode == 1
    assert proc.stderr.strip().splitlines() == [f"dyad: {db}: {expected}"], proc.stderr
    assert "Traceback" not in proc.stderr
