"""The HTTP API through a real `dyad serve` process on a free loopback port (issue 7)."""
from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from statistics import mean
from typing import Any

import httpx
import pytest

from dyad.store.sqlite import SQLiteStore
from dyad.tables import PACKAGE_DIR

EXAMPLES = PACKAGE_DIR / "examples"
EXAMPLES = Path(__file__).resolve().parents[2] / "src" / "dyad" / "examples"

Record = dict[str, Any]


@pytest.fixture(scope="module")
def records(coded_db: Path) -> list[Record]:
    """Every stored event, in the store's order (date, then id)."""
    with SQLiteStore(coded_db) as store:
        return store.query_events()


def sides(e: Record) -> set[str]:
    return {e["source"]["country"], e["source"]["code"], e["target"]["country"],
            e["target"]["code"]}


def in_dyad(e: Record, a: str, b: str) -> bool:
    src = {e["source"]["country"], e["source"]["code"]}
    tgt = {e["target"]["country"], e["target"]["code"]}
    return (a in src and b in tgt) or (b in src and a in tgt)


def dated(e: Record, since: str | None = None, until: str | None = None) -> bool:
    d = e["date"]
    if d is None:
        return False
    return (since is None or d[:len(since)] >= since[:len(d)]) and \
        (until is None or d[:len(until)] <= until[:len(d)])


# Each query beside the predicate the returned events must satisfy (and all such events come).
FILTERS: list[tuple[dict[str, str], Callable[[Record], bool]]] = [
    ({"dyad": "DEU-BRA"}, lambda e: in_dyad(e, "DEU", "BRA")),
    ({"dyad": "bra-deu"}, lambda e: in_dyad(e, "DEU", "BRA")),
    ({"country": "JPN"}, lambda e: "JPN" in (e["source"]["country"], e["target"]["country"])),
    ({"actor": "JPNGOV"}, lambda e: "JPNGOV" in (e["source"]["code"], e["target"]["code"])),
    ({"actor": "olaf scholz"}, lambda e: "Olaf Scholz" in (e["source"]["name"], e["target"]["name"])),
    ({"code": "05"}, lambda e: e["cameo"].startswith("05")),
    ({"code": "041"}, lambda e: e["cameo"].startswith("041")),
    ({"root": "04"}, lambda e: e["root"] == "04"),
    ({"quad": "3"}, lambda e: e["quad_class"] == 3),
    ({"lang": "de"}, lambda e: any(m["lang"] == "de" for m in e["mentions"])),
    ({"since": "2023-06"}, lambda e: dated(e, since="2023-06")),
    ({"until": "2023-03-31"}, lambda e: dated(e, until="2023-03-31")),
    ({"dyad": "FRA-ITA", "since": "2023-06-09", "until": "2023-06-09", "quad": "1"},
     lambda e: in_dyad(e, "FRA", "ITA") and dated(e, "2023-06-09", "2023-06-09")
     and e["quad_class"] == 1),
]


def test_api_health_reports_what_the_database_holds(client: httpx.Client, coded_db: Path) -> None:
    with SQLiteStore(coded_db) as store:
        expected = store.counts()
    reply = client.get("/health")
    assert reply.status_code == 200
    assert reply.json() == {"status": "ok", **expected}
    # every example article (a .jsonl file holds one per line) plus the XSS article
    examples = [p for p in EXAMPLES.iterdir() if p.is_file()]
    articles = sum(len(p.read_text(encoding="utf-8").splitlines()) if p.suffix == ".jsonl" else 1
                   for p in examples) + 1
    assert expected["articles"] == articles and expected["events"] > 20


@pytest.mark.parametrize(("params", "keep"), FILTERS, ids=lambda v: str(v) if isinstance(v, dict) else "")
def test_api_events_filters_return_exactly_the_matching_events(
        client: httpx.Client, records: list[Record], params: dict[str, str],
        keep: Callable[[Record], bool]) -> None:
    expected = [e for e in records if keep(e)]
    assert expected, f"the example database has no event for {params}: the test would be empty"
    assert len(expected) < len(records), f"{params} filters nothing"
    reply = client.get("/v1/events", params={**params, "limit": 500})
    assert reply.status_code == 200, reply.text
    body = reply.json()
    assert body["total"] == len(expected)
    assert body["events"] == expected


def test_api_events_pages_cover_every_event_once_in_order(client: httpx.Client,
                                                          records: list[Record]) -> None:
    seen: list[Record] = []
    for offset in range(0, len(records) + 5, 5):
        body = client.get("/v1/events", params={"limit": 5, "offset": offset}).json()
        assert body["total"] == len(records)
        assert len(body["events"]) == min(5, max(0, len(records) - offset))
        seen += body["events"]
    assert seen == records
    assert client.get("/v1/events").json()["limit"] == 50


def test_api_event_by_id_and_unknown_ids(client: httpx.Client, records: list[Record]) -> None:
    one = records[3]
    assert client.get(f"/v1/events/{one['event_id']}").json() == one
    missing = client.get("/v1/events/0123456789abcdef")
    assert missing.status_code == 404 and missing.json() == {"detail": "no event 0123456789abcdef"}
    assert client.get("/v1/events/not-an-id").status_code == 422


@pytest.mark.parametrize(("pair", "by"), [("DEU-BRA", "month"), ("FRA-ITA", "year"),
                                          ("JPN-KOR", "day")])
def test_api_series_agrees_with_the_dyads_events(client: httpx.Client, records: list[Record],
                                                 pair: str, by: str) -> None:
    a, b = pair.split("-")
    length = {"day": 10, "month": 7, "year": 4}[by]
    events = [e for e in records if in_dyad(e, a, b) and e["date"] and len(e["date"]) >= length]
    assert events
    body = client.get("/v1/series", params={"dyad": pair, "by": by}).json()
    assert body["dyad"] == [a, b] and body["by"] == by
    periods = sorted({e["date"][:length] for e in events})
    assert [row["period"] for row in body["series"]] == periods
    for row in body["series"]:
        inside = [e for e in events if e["date"][:length] == row["period"]]
        assert row["events"] == len(inside)
        assert [row[f"quad{q}"] for q in (1, 2, 3, 4)] == \
            [sum(e["quad_class"] == q for e in inside) for q in (1, 2, 3, 4)]
        assert row["goldstein_mean"] == pytest.approx(mean(e["goldstein"] for e in inside), abs=1e-3)
        # "04:2,05:1": the commonest root first, with its count
        top_root, count = row["top_roots"].split(",")[0].split(":")
        assert top_root in {e["root"] for e in inside} and int(count) >= 1


def test_api_articles_spans_index_the_stored_cleaned_text(client: httpx.Client,
                                                          coded_db: Path) -> None:
    conn = sqlite3.connect(coded_db)
    stored = dict(conn.execute("SELECT id, text FROM articles").fetchall())
    conn.close()
    total_events = 0
    for pk, text in stored.items():
        body = client.get(f"/v1/articles/{pk}").json()
        assert body["text"] == text and body["id"] == pk
        assert body["actor_spans"] is True, f"article {pk}: re-coding changed its text"
        assert body["actors"], f"article {pk} has no actor spans"
        for actor in body["actors"]:
            assert text[actor["start"]:actor["end"]] == actor["text"]
        for event in body["events"]:
            first_word = event["trigger"].split()[0]
            assert text[event["start"]:event["end"]].startswith(first_word)
        total_events += len(body["events"])
    assert total_events == client.get("/health").json()["mentions"]
    assert client.get("/v1/articles/9999").status_code == 404


def test_api_actors_search_by_code_and_name(client: httpx.Client) -> None:
    by_name = client.get("/v1/actors", params={"q": "scholz"}).json()["actors"]
    assert {(a["code"], a["name"]) for a in by_name} == {("DEUGOV", "Olaf Scholz")}
    by_code = client.get("/v1/actors", params={"q": "jpn"}).json()["actors"]
    assert by_code and all(a["code"].startswith("JPN") for a in by_code)
    assert by_code == sorted(by_code, key=lambda a: -a["events"])
    # LIKE wildcards in q are plain characters
    assert client.get("/v1/actors", params={"q": "%"}).json()["actors"] == []
    assert client.get("/v1/actors", params={"q": "_"}).json()["actors"] == []


def test_api_code_returns_events_with_evidence_for_a_posted_text(client: httpx.Client) -> None:
    text = (EXAMPLES / "de_frankreich_italien.txt").read_text(encoding="utf-8")
    reply = client.post("/v1/code", json={"text": text, "published": "2023-06-09"})
    assert reply.status_code == 200, reply.text
    body = reply.json()
    assert body["lang"] == "de" and body["anchor"] == "2023-06-09"
    assert {(e["source"]["country"], e["target"]["country"]) for e in body["events"]} >= \
        {("FRA", "ITA")}
    for event in body["events"]:
        for m in event["mentions"]:
            assert body["text"][m["start"]:m["end"]].startswith(m["trigger"].split()[0])
    assert all(body["text"][a["start"]:a["end"]] == a["text"] for a in body["actors"])


def _chunks(size: int) -> Iterator[bytes]:
    """A body sent chunked (no Content-Length)."""
    for _ in range(size // 65536):
        yield b"x" * 65536


BAD = [
    ("post", "/v1/code", {"content": b"{not json", "headers": {"content-type": "application/json"}}, 400),
    ("post", "/v1/code", {"json": {"text": "Cuba met Vietnam.", "colour": "red"}}, 422),
    ("post", "/v1/code", {"json": {"text": "Cuba met Vietnam.", "published": "2023-02-30"}}, 422),
    ("post", "/v1/code", {"json": {"text": "Cuba met Vietnam.", "published": 1700000000}}, 422),
    ("post", "/v1/code", {"json": {"text": "Cuba met Vietnam.", "lang": "xx"}}, 422),
    ("post", "/v1/code", {"json": {"text": ""}}, 422),
    ("post", "/v1/code", {"json": {}}, 422),
    ("post", "/v1/code", {"json": ["Cuba met Vietnam."]}, 422),
    ("post", "/v1/code", {"content": b"Cuba met Vietnam.", "headers": {"content-type": "text/plain"}}, 422),
    ("post", "/v1/code", {"json": {"text": "x" * 2_000_000}}, 413),
    ("post", "/v1/code", {"content": _chunks(2_000_000)}, 413),
    ("get", "/v1/events?since=2023-13", {}, 422),
    ("get", "/v1/events?since=yesterday", {}, 422),
    ("get", "/v1/events?until=2023-02-30", {}, 422),
    ("get", "/v1/events?dyad=CUB", {}, 422),
    ("get", "/v1/events?dyad=CU1-VNM", {}, 422),
    ("get", "/v1/events?dyad=CUB-VNM-USA", {}, 422),
    ("get", "/v1/events?dyad=CUB-VNM'%20OR%201=1%20--", {}, 422),
    ("get", "/v1/events?country=CUBA", {}, 422),
    ("get", "/v1/events?code=4", {}, 422),
    ("get", "/v1/events?code=041&root=05", {}, 422),
    ("get", "/v1/events?quad=5", {}, 422),
    ("get", "/v1/events?lang=xx", {}, 422),
    ("get", "/v1/events?limit=0", {}, 422),
    ("get", "/v1/events?limit=100000", {}, 422),
    ("get", "/v1/events?offset=-1", {}, 422),
    ("get", "/v1/events?colour=red", {}, 422),
    ("get", "/v1/series", {}, 422),
    ("get", "/v1/series?dyad=DEU-BRA&by=decade", {}, 422),
    ("get", "/v1/articles/abc", {}, 422),
    ("get", "/v1/articles/0", {}, 422),
    ("get", "/v1/articles/99999999999999999999999", {}, 422),
    ("get", "/v1/actors?q=" + "a" * 101, {}, 422),
    ("get", "/v1/nothing-here", {}, 404),
    ("post", "/v1/articles", {"json": {"id": "x", "text": "Cuba met Vietnam."}}, 401),
    ("post", "/v1/articles", {"json": {"id": "x", "text": "Cuba met Vietnam."},
                              "headers": {"authorization": "Bearer wrong"}}, 401),
    ("post", "/v1/articles", {"json": {"id": "x", "text": "Cuba met Vietnam."},
                              "headers": {"authorization": "{token}"}}, 401),
    ("post", "/v1/articles", {"json": {"text": "Cuba met Vietnam."},
                              "headers": {"authorization": "Bearer {token}"}}, 422),
]


@pytest.mark.parametrize(("method", "path", "kwargs", "status"), BAD,
                         ids=[f"{m}-{p[:60]}-{s}" for m, p, _, s in BAD])
def test_api_bad_input_gets_a_4xx_json_message_never_a_5xx(
        client: httpx.Client, token: str, method: str, path: str, kwargs: dict[str, Any],
        status: int) -> None:
    reply = client.request(method.upper(), path, **with_token(kwargs, token))
    assert reply.status_code == status, reply.text[:500]
    assert reply.headers["content-type"] == "application/json"
    detail = reply.json()["detail"]
    assert isinstance(detail, str) and len(detail) > 5
    assert "Traceback" not in reply.text and "File \"" not in reply.text


def with_token(kwargs: dict[str, Any], token: str) -> dict[str, Any]:
    """The request arguments with the session server's token put into the headers."""
    headers = {k: v.format(token=token) for k, v in kwargs.get("headers", {}).items()}
    return {**kwargs, "headers": headers} if headers else kwargs


def test_api_messages_name_the_problem(client: httpx.Client) -> None:
    unknown = client.post("/v1/code", json={"text": "Cuba met Vietnam.", "colour": "red"})
    assert unknown.json()["detail"] == "body.colour: Extra inputs are not permitted"
    date = client.get("/v1/events", params={"since": "2023-02-30"}).json()["detail"]
    assert "'2023-02-30' is not a real date" in date
    huge = client.post("/v1/code", json={"text": "x" * 2_000_000}).json()["detail"]
    assert huge == "request body over the limit of 1000000 bytes"
    assert "Bearer" in client.post("/v1/articles", json={}).json()["detail"]


def test_api_sql_metacharacters_are_plain_values(client: httpx.Client,
                                                 records: list[Record]) -> None:
    for actor in ("x' OR '1'='1", "JPNGOV' --", "\"; DROP TABLE events; --"):
        body = client.get("/v1/events", params={"actor": actor}).json()
        assert body["total"] == 0, actor
    assert client.get("/v1/events", params={"limit": 500}).json()["total"] == len(records)


def test_api_server_survives_bad_input_without_tracebacks(client: httpx.Client, token: str,
                                                          server: Any) -> None:
    for method, path, kwargs, _ in BAD:
        client.request(method.upper(), path, **with_token(kwargs, token))
    assert client.get("/health").status_code == 200
    assert " 500 " not in server.output(), server.output()[-3000:]


def test_api_pages_send_security_headers_and_scripts_only_from_the_app(
        client: httpx.Client) -> None:
    reply = client.get("/dyad/DEU/BRA")
    assert reply.status_code == 200
    assert "script-src 'self'" in reply.headers["content-security-policy"]
    assert reply.headers["x-content-type-options"] == "nosniff"
    assert '<script src="/vendor/plotly.min.js"></script>' in reply.text
    assert "http://" not in reply.text.split("<footer")[0].split("</title>")[0]
    plotly = client.get("/vendor/plotly.min.js")
    assert plotly.status_code == 200 and len(plotly.content) > 1_000_000
    assert plotly.headers["content-type"].startswith("text/javascript")


def test_api_is_documented_at_docs_without_a_cdn(client: httpx.Client) -> None:
    schema = client.get("/openapi.json").json()
    for path in ("/v1/code", "/v1/events", "/v1/series", "/v1/articles/{pk}", "/v1/actors",
                 "/v1/articles"):
        assert path in schema["paths"]
    docs = client.get("/docs")
    assert docs.status_code == 200
    for path in ("/v1/code", "/v1/events", "/v1/series", "/v1/actors"):
        assert f"<code>{path}</code>" in docs.text
    assert "cdn" not in docs.text.lower() and "<script src=\"http" not in docs.text
