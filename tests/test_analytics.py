"""Analytics (issue 6): DuckDB over the store, as pandas DataFrames with the documented columns."""
from __future__ import annotations

from pathlib import Path

import pytest

from dyad.analytics import SERIES_COLUMNS, series, top_actors, top_dyads
from dyad.errors import DateError
from dyad.model import Actor, Article, Event, EventDate, Mention
from dyad.store import StoredArticle, content_hash
from dyad.store.sqlite import SQLiteStore

CUB, VNM, USA = Actor("CUBGOV", "CUB", "GOV"), Actor("VNMGOV", "VNM", "GOV"), Actor("USA", "USA")
CODES = {"051": (1, 3.4), "057": (1, 8.0), "112": (3, -2.0), "0254": (1, 3.0), "173": (4, -5.0)}


def event(n: int, source: Actor, target: Actor, cameo: str, date: str | None) -> Event:
    quad, goldstein = CODES[cameo]
    precision = {None: "none", 4: "year", 7: "month", 10: "day"}[len(date) if date else None]
    m = Mention(f"a{n}", 0, 0, 4, "en", "text", "rule")
    return Event(f"{n:016x}", source, target, cameo, cameo[:2], quad, goldstein, None,
                 EventDate(date, precision, "text"), False, "asserted",  # type: ignore[arg-type]
                 None, 0.8, (m,))


EVENTS = [
    event(1, CUB, VNM, "051", "2025-02-04"), event(2, VNM, CUB, "057", "2025-02-05"),
    event(3, VNM, CUB, "112", "2025-02-20"), event(4, CUB, VNM, "051", "2025-03"),
    event(5, CUB, VNM, "173", "2025"), event(6, VNM, USA, "0254", "2025-02-04"),
    event(7, CUB, VNM, "051", None)]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("analytics") / "dyad.db"
    with SQLiteStore(path) as store:
        items = []
        for e in EVENTS:
            text = f"article {e.event_id}"
            article = Article(e.mentions[0].article_id, text, lang="en")
            items.append(StoredArticle(content_hash(text), article, text, "en", (), (e,)))
        store.add_batch(items)
    return path


def test_analytics_series_by_month_counts_quads_goldstein_and_roots(db: Path) -> None:
    frame = series(db, ("CUB", "VNM"), by="month")
    assert tuple(frame.columns) == SERIES_COLUMNS
    rows = frame.to_dict("records")
    assert [r["period"] for r in rows] == ["2025-02", "2025-03"]  # the year-dated one has no month
    feb = rows[0]
    assert (feb["events"], feb["quad1"], feb["quad2"], feb["quad3"], feb["quad4"]) == (3, 2, 0, 1, 0)
    assert feb["goldstein_sum"] == pytest.approx(9.4)
    assert feb["goldstein_mean"] == pytest.approx(3.133)
    assert feb["top_roots"] == "05:2,11:1"


def test_analytics_series_by_year_and_week(db: Path) -> None:
    years = series(db, ("VNM", "CUB"), by="year").to_dict("records")
    assert [(r["period"], r["events"], r["quad4"]) for r in years] == [("2025", 5, 1)]
    weeks = series(db, ("cub", "vnm"), by="week")
    assert list(weeks["period"]) == ["2025-W06", "2025-W08"]
    assert list(weeks["events"]) == [2, 1]


def test_analytics_series_with_an_unknown_period_raises_date_error(db: Path) -> None:
    with pytest.raises(DateError, match=r"^'decade' is not a period"):
        series(db, ("CUB", "VNM"), by="decade")


def test_analytics_top_dyads_and_actors(db: Path) -> None:
    dyads = top_dyads(db, limit=2)
    assert list(dyads.columns) == ["source_country", "target_country", "events", "goldstein_mean"]
    assert dyads.to_dict("records")[0] == {"source_country": "CUB", "target_country": "VNM",
                                           "events": 4, "goldstein_mean": pytest.approx(1.3)}
    assert len(dyads) == 2
    actors = top_actors(db).to_dict("records")
    assert [(a["actor"], a["events"], a["as_source"], a["as_target"]) for a in actors] == [
        ("VNM", 7, 3, 4), ("CUB", 6, 4, 2), ("USA", 1, 0, 1)]


def test_analytics_groups_without_a_state_form_no_dyad_and_rank_as_no_actor(tmp_path: Path) -> None:
    students, none = Actor("---EDU", None, "EDU"), Actor("---", None)
    events = [event(1, students, none, "173", "2025-02-04"), event(2, students, CUB, "112", "2025-02-05"),
              event(3, VNM, CUB, "051", "2025-02-06")]
    path = tmp_path / "groups.db"
    with SQLiteStore(path) as store:
        store.add_batch([StoredArticle(content_hash(f"g{e.event_id}"),
                                       Article(e.mentions[0].article_id, f"g{e.event_id}", lang="en"),
                                       f"g{e.event_id}", "en", (), (e,)) for e in events])
    assert [(d["source_country"], d["target_country"]) for d in top_dyads(path).to_dict("records")] == [
        ("VNM", "CUB")]
    assert [(a["actor"], a["events"], a["as_source"], a["as_target"])
            for a in top_actors(path).to_dict("records")] == [("CUB", 2, 0, 2), ("VNM", 1, 1, 0)]
