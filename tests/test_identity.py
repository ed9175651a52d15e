"""Event identity across articles and languages (issue 6): rules, store, order, near-duplicates."""
from __future__ import annotations

import datetime as dt
import itertools
import sqlite3
from collections import Counter
from pathlib import Path

import pytest

from dyad.errors import StoreError
from dyad.identity import Report, cluster, match
from dyad.model import Actor, Article, Event, EventDate, Mention
from dyad.pipeline import Pipeline
from dyad.store import StoredArticle, content_hash
from dyad.store.sqlite import SQLiteStore

DATA = Path(__file__).resolve().parent / "data"
CUB, CUB_GOV, CUB_MIL = Actor("CUB", "CUB"), Actor("CUBGOV", "CUB", "GOV"), Actor("CUBMIL", "CUB", "MIL")
VNM_GOV = Actor("VNMGOV", "VNM", "GOV")
PRECISION = {4: "year", 7: "month", 10: "day"}


def report(source: Actor = CUB_GOV, target: Actor = VNM_GOV, cameo: str = "051",
           date: str | None = "2025-02-04", group: str = "a", negated: bool = False,
           symmetric: bool = False) -> Report:
    when = EventDate(date, PRECISION[len(date)] if date else "none", "text")  # type: ignore[arg-type]
    return Report(source, target, cameo, when, negated, symmetric, group)


@pytest.mark.parametrize(("a", "b"), [
    (report(), report(source=CUB)),  # one side less specific
    (report(source=Actor("CUBGOV", "CUB", "GOV", "Miguel Díaz-Canel")),
     report(source=Actor("CUBGOV", "CUB", "GOV", "Miguel Diaz-Canel"))),  # spellings of a name
    (report(date="2025-02"), report(date="2025-02-04")),  # month covers the day
    (report(date="2025"), report(date="2025-02-04")),
    (report(cameo="050"), report(cameo="051")),  # unspecified joins specific
    (report(cameo="0254"), report(cameo="025")),
    (report(cameo="041", symmetric=True), report(CUB_GOV, VNM_GOV, "040", symmetric=True)),
    (report(VNM_GOV, CUB, "041", symmetric=True), report(CUB_GOV, VNM_GOV, "041", symmetric=True)),
    (report(date=None, group="x"), report(date=None, group="x")),
])
def test_identity_compatible_reports_match(a: Report, b: Report) -> None:
    assert match(a, b) and match(b, a)


@pytest.mark.parametrize(("a", "b"), [
    (report(source=CUB_GOV), report(source=CUB_MIL)),  # different agents
    (report(source=Actor("CUBGOV", "CUB", "GOV", "Raúl Castro")),
     report(source=Actor("CUBGOV", "CUB", "GOV", "Miguel Díaz-Canel"))),
    (report(date="2025-02-04"), report(date="2025-02-05")),  # different days
    (report(date="2025-02"), report(date="2025-03-01")),
    (report(target=Actor("USA", "USA")), report()),  # different pairs
    (report(VNM_GOV, CUB_GOV), report()),  # directed code, other direction
    (report(cameo="051"), report(cameo="057")),  # two specific categories
    (report(cameo="051"), report(cameo="040")),  # other roots
    (report(negated=True), report()),
    (report(cameo="030", symmetric=True), report(cameo="036")),  # joint vs one-sided act
    (report(date=None, group="x"), report(date=None, group="y")),  # undated, other articles
    (report(date=None), report()),
])
def test_identity_different_reports_stay_apart(a: Report, b: Report) -> None:
    assert match(a, b) is None and match(b, a) is None


def test_identity_ambiguous_report_stays_its_own_event() -> None:
    reports = [report(cameo="051", date="2025-02-04"), report(cameo="051", date="2025-02-10"),
               report(cameo="051", date="2025-02")]
    assert sorted(len(c.members) for c in cluster(reports)) == [1, 1, 1]


def test_identity_clusters_do_not_depend_on_input_order() -> None:
    reports = [report(), report(source=CUB), report(source=CUB_MIL), report(date="2025-02"),
               report(cameo="050"), report(cameo="057"), report(date="2025-02-05", group="b"),
               report(source=CUB, date="2025", group="c")]
    results = set()
    for order in itertools.islice(itertools.permutations(range(len(reports))), 0, None, 997):
        shuffled = [reports[i] for i in order]
        results.add(frozenset(frozenset(order[i] for i in c.members) for c in cluster(shuffled)))
    assert len(results) == 1


# --- in the store ---------------------------------------------------------------------------

def coded(pipeline: Pipeline, path: Path, source: str,
          published: str | None = "2025-03-12") -> StoredArticle:
    """A real article coded by the pipeline, ready to store."""
    article = Article(path.stem, path.read_text(encoding="utf-8"), source=source,
                      published=dt.date.fromisoformat(published) if published else None)
    doc = pipeline.code(article)
    return StoredArticle(content_hash(article.text), article, doc.text, doc.lang, doc.sentences,
                         doc.events)


def test_identity_english_and_german_reports_are_one_event_with_two_mentions(
        tmp_path: Path, pipeline: Pipeline) -> None:
    english = coded(pipeline, DATA / "meeting_en.txt", "El Mercurio")
    german = coded(pipeline, DATA / "meeting_de.txt", "Deutsche Welle")
    assert (english.lang, german.lang) == ("en", "de")
    with SQLiteStore(tmp_path / "dyad.db") as store:
        store.add_batch([english])
        result = store.add_batch([german])
        [event] = store.query_events()
    assert (result.events_added, result.events_merged) == (0, 1)
    assert (event["source"]["country"], event["target"]["country"], event["root"]) == (
        "CHL", "ARG", "04")
    assert event["date"] == "2025-03-11"
    assert sorted(m["lang"] for m in event["mentions"]) == ["de", "en"]
    assert (event["num_mentions"], event["num_sources"], event["num_articles"]) == (2, 2, 2)
    assert any("meeting_de" in r or "meeting_en" in r for r in event["merge_reasons"])


def event(eid: str, source: Actor, target: Actor, date: str | None, article_id: str,
          cameo: str = "043", sentence: int = 0) -> Event:
    """An article-level event as the pipeline would hand it to the store."""
    precision = PRECISION[len(date)] if date else "none"
    m = Mention(article_id, sentence, 0, 4, "en", "text", "lang/en/triggers.tsv:1 host")
    return Event(eid, source, target, cameo, cameo[:2], 1, 2.8, "CONSULT",
                 EventDate(date, precision, "text"), False, "asserted",  # type: ignore[arg-type]
                 None, 0.8, (m,))


def article(article_id: str, events: tuple[Event, ...], text: str | None = None,
            source: str | None = None) -> StoredArticle:
    body = text or f"Report {article_id}: Cuba hosted the Vietnamese ambassador."
    a = Article(article_id, body, source=source, lang="en")
    return StoredArticle(content_hash(body), a, body, "en", (), events)


def variety() -> list[StoredArticle]:
    """Articles whose events merge (day/month, generic/specific actor) and stay apart."""
    return [
        article("a", (event("e-day", CUB_GOV, VNM_GOV, "2023-11-18", "a"),), source="VNA"),
        article("b", (event("e-month", CUB, VNM_GOV, "2023-11", "b"),), source="Prensa Latina"),
        article("c", (event("e-other-day", CUB_GOV, VNM_GOV, "2023-11-20", "c"),)),
        article("d", (event("e-mil", CUB_MIL, VNM_GOV, "2023-11-18", "d"),
                      event("e-undated", CUB_GOV, VNM_GOV, None, "d", sentence=1)),),
        article("e", (event("e-day-again", CUB_GOV, VNM_GOV, "2023-11-18", "e"),), source="VNA"),
    ]


def stored_events(path: Path, batches: list[list[StoredArticle]]) -> list[dict[str, object]]:
    with SQLiteStore(path) as store:
        for batch in batches:
            store.add_batch(batch)
        return store.query_events()


def test_identity_in_store_merges_compatible_reports_and_counts_sources(tmp_path: Path) -> None:
    records = stored_events(tmp_path / "dyad.db", [variety()])
    articles = [tuple(sorted(m["article_id"] for m in r["mentions"])) for r in records]
    # month-dated "b" is compatible with both 18 and 20 November: ambiguous, its own event;
    # "d" has an army event (CUBMIL is not CUBGOV) and an undated one
    assert sorted(articles) == [("a", "e"), ("b",), ("c",), ("d",), ("d",)]
    merged = records[articles.index(("a", "e"))]
    assert (merged["num_mentions"], merged["num_articles"], merged["num_sources"]) == (2, 2, 1)
    assert merged["merge_reasons"] and "date 2023-11-18" in merged["merge_reasons"][0]


def test_identity_month_report_joins_the_one_day_event_it_covers(tmp_path: Path) -> None:
    articles = [a for a in variety() if a.article.id in ("a", "b")]
    [record] = stored_events(tmp_path / "dyad.db", [articles])
    assert record["event_id"] == "e-day" and record["date"] == "2023-11-18"
    assert record["source"]["code"] == "CUBGOV"
    assert record["num_sources"] == 2
    assert any("2023-11~2023-11-18" in r or "2023-11-18~2023-11" in r
               for r in record["merge_reasons"])


def test_identity_any_insertion_order_gives_the_same_events(tmp_path: Path) -> None:
    items = variety()
    expected = stored_events(tmp_path / "one.db", [items])
    for n, order in enumerate([items[::-1], items[2:] + items[:2]]):
        assert stored_events(tmp_path / f"batch{n}.db", [order]) == expected
        assert stored_events(tmp_path / f"single{n}.db", [[i] for i in order]) == expected
    assert stored_events(tmp_path / "one.db", [items]) == expected  # a re-run adds nothing


def test_identity_seed_repeated_statements_are_single_events(tmp_path: Path, shared: Path,
                                                             pipeline: Pipeline) -> None:
    items = [coded(pipeline, p, "seed", None) for p in sorted((shared / "seeds").glob("*.txt"))]
    records = stored_events(tmp_path / "dyad.db", [items])
    keys = Counter((r["source"]["country"], r["target"]["country"], r["cameo"], r["date"])
                   for r in records)
    assert [k for k, n in keys.items() if n > 1] == []
    repeated = [r for r in records if r["num_mentions"] > 1]
    # 000: praise stated twice each way; 004: praise both ways and the UN embargo support twice
    assert len(repeated) >= 4 and all(r["num_articles"] == 1 for r in repeated)


def test_identity_near_duplicate_article_adds_mentions_not_events(tmp_path: Path,
                                                                   pipeline: Pipeline) -> None:
    original = coded(pipeline, DATA / "meeting_en.txt", "Reuters")
    text = original.article.text + "\nThis story was syndicated by a partner site.\n"
    copy_article = Article("meeting_copy", text, source="Partner", lang="en",
                           published=original.article.published)
    doc = pipeline.code(copy_article)
    copy = StoredArticle(content_hash(text), copy_article, doc.text, doc.lang, doc.sentences,
                         doc.events)
    path = tmp_path / "dyad.db"
    with SQLiteStore(path) as store:
        store.add_batch([original])
        before = store.counts()["events"]
        store.add_batch([copy])
        records = store.query_events()
    assert len(records) == before
    assert {r["num_articles"] for r in records} == {2}
    conn = sqlite3.connect(path)
    rows = dict(conn.execute("SELECT article_id, duplicate_of FROM articles"))
    hashes = dict(conn.execute("SELECT id, article_id FROM articles"))
    conn.close()
    duplicate = [a for a, of in rows.items() if of is not None]
    assert len(duplicate) == 1  # the one with the larger content hash points at the other
    assert hashes[rows[duplicate[0]]] != duplicate[0]


def test_identity_database_of_an_older_schema_raises_store_error(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        conn.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    conn.close()
    with pytest.raises(StoreError) as info:
        SQLiteStore(path)
    assert str(info.value).startswith(f"{path}: a dyad database of schema version 1; this dyad "
                                      "reads version 2: code the articles again")
