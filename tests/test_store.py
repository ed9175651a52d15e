"""The SQLite store: batches, deduplication by content hash and event_id, queries, bad files."""
from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from dyad.errors import DateError, StoreError
from dyad.model import Actor, Article, Event, EventDate, Location, Mention, Sentence
from dyad.store import BatchResult, StoredArticle, content_hash
from dyad.store.sqlite import SQLiteStore

CUB_GOV = Actor("CUBGOV", "CUB", "GOV", "Miguel Díaz-Canel")
VNM_GOV = Actor("VNMGOV", "VNM", "GOV", "Le Thanh Tung")
USA = Actor("USA", "USA")
UNO = Actor("IGOUNO", None, None, "United Nations")


def mention(article_id: str, sentence: int, text: str, lang: str = "en") -> Mention:
    """A mention covering a whole one-sentence text."""
    return Mention(article_id, sentence, 0, len(text), lang, text, f"{lang}/triggers.tsv:1 host",
                   trigger="reception", source_text="Cuba", target_text="Vietnam")


def event(event_id: str, source: Actor, target: Actor, date: str | None,
          mentions: tuple[Mention, ...], cameo: str = "043") -> Event:
    """An event as the dedup stage would produce it."""
    precision = {None: "none", 4: "year", 7: "month", 10: "day"}[len(date) if date else None]
    return Event(event_id, source, target, cameo, cameo[:2], 1, 2.8, "CONSULT",
                 EventDate(date, precision, "text"), False, "asserted",  # type: ignore[arg-type]
                 Location("Havana", "CUB", 23.1, -82.4), 0.8125, mentions)


def stored(article_id: str, text: str, events: tuple[Event, ...] = (),
           lang: str = "en") -> StoredArticle:
    """A coded article with one sentence per line."""
    article = Article(article_id, text + "\nVNA", title=text.split(".")[0], source="VNA",
                      published=dt.date(2023, 11, 20), lang=lang, path=f"{article_id}.txt")
    sentences, start = [], 0
    for index, line in enumerate(text.split("\n")):
        sentences.append(Sentence(index, start, start + len(line), line))
        start += len(line) + 1
    return StoredArticle(content_hash(article.text), article, text, lang, tuple(sentences),
                         events)


def hosting(article_id: str = "a1", lang: str = "en") -> StoredArticle:
    """An article reporting Cuba hosting the Vietnamese ambassador."""
    text = "Cuba hosted the Vietnamese ambassador in Havana."
    return stored(article_id, text, (event("ev-host", CUB_GOV, VNM_GOV, "2023-11-18",
                                           (mention(article_id, 0, text, lang),)),), lang)


def test_store_add_batch_stores_articles_events_and_mentions(tmp_path: Path) -> None:
    text = "Cuba hosted the ambassador.\nVietnam calls on the US to end the embargo."
    embargo = event("ev-embargo", VNM_GOV, USA, "2023-11", (mention("a2", 1, "Vietnam calls."),),
                    cameo="1041")
    with SQLiteStore(tmp_path / "dyad.db") as store:
        result = store.add_batch([hosting(), stored("a2", text, (embargo,), "de")])
        assert result == BatchResult(articles_added=2, events_added=2, mentions_added=2)
        assert store.counts() == {"articles": 2, "languages": {"de": 1, "en": 1},
                                  "events": 2, "mentions": 2}
        assert store.has_article(hosting().content_hash)
        assert not store.has_article(content_hash("something else"))
    conn = sqlite3.connect(tmp_path / "dyad.db")
    rows = conn.execute(
        'SELECT idx, start, "end", text FROM sentences ORDER BY article_pk, idx').fetchall()
    conn.close()
    assert rows[1:] == [(0, 0, 27, "Cuba hosted the ambassador."),
                        (1, 28, 71, "Vietnam calls on the US to end the embargo.")]


def test_store_query_record_is_event_to_dict(tmp_path: Path) -> None:
    item = hosting()
    with SQLiteStore(tmp_path / "dyad.db") as store:
        store.add_batch([item])
        assert store.query_events() == [item.events[0].to_dict()]


def test_store_readding_the_same_articles_adds_nothing(tmp_path: Path) -> None:
    path = tmp_path / "dyad.db"
    with SQLiteStore(path) as store:
        store.add_batch([hosting()])
    with SQLiteStore(path) as store:  # reopened: the schema is recognised
        result = store.add_batch([hosting(), hosting()])
        assert result == BatchResult(articles_skipped=2)
        assert store.counts()["articles"] == 1
        assert store.counts()["mentions"] == 1


def test_store_same_text_with_other_spacing_is_the_same_article(tmp_path: Path) -> None:
    assert content_hash("Cuba  hosted\n the ambassador. ") == content_hash(
        "Cuba hosted the ambassador.")
    assert content_hash("Kuba\u0308") == content_hash("Kub\u00e4")
    assert content_hash("Cuba hosted") != content_hash("Cuba hosts")


def test_store_event_with_known_id_gets_only_new_mentions(tmp_path: Path) -> None:
    german = "Kuba empfing den vietnamesischen Botschafter in Havanna."
    again = stored("b1", german, (event("ev-host", CUB_GOV, VNM_GOV, "2023-11-18",
                                        (mention("b1", 0, german, "de"),)),), "de")
    with SQLiteStore(tmp_path / "dyad.db") as store:
        store.add_batch([hosting()])
        result = store.add_batch([again])
        assert result == BatchResult(articles_added=1, events_merged=1, mentions_added=1)
        [record] = store.query_events()
    assert record["num_mentions"] == 2
    assert [(m["article_id"], m["lang"]) for m in record["mentions"]] == [("a1", "en"),
                                                                         ("b1", "de")]


def test_store_events_merge_within_one_batch(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "dyad.db") as store:
        result = store.add_batch([hosting("a1"), hosting("a9")])
    # a9 has the same text as a1: skipped by content hash, its event never reaches the store
    assert result == BatchResult(articles_added=1, articles_skipped=1, events_added=1,
                                 mentions_added=1)


def dyad_store(path: Path) -> SQLiteStore:
    """A store with Cuba–Vietnam events both ways, one US event and one undated UN event."""
    store = SQLiteStore(path)
    events = (event("e1", CUB_GOV, VNM_GOV, "2023-11-18", (mention("d", 0, "one"),)),
              event("e2", VNM_GOV, CUB_GOV, "2025-02-04", (mention("d", 1, "two"),)),
              event("e3", VNM_GOV, USA, "2023-11", (mention("d", 2, "three"),)),
              event("e4", UNO, CUB_GOV, None, (mention("d", 3, "four"),)))
    store.add_batch([stored("d", "one\ntwo\nthree\nfour", events)])
    return store


@pytest.mark.parametrize("dyad", [("CUB", "VNM"), ("VNM", "CUB"), ("cub", "vnm"),
                                  ("CUBGOV", "VNM")])
def test_store_query_by_dyad_matches_either_direction(tmp_path: Path,
                                                      dyad: tuple[str, str]) -> None:
    with dyad_store(tmp_path / "dyad.db") as store:
        assert [e["event_id"] for e in store.query_events(dyad=dyad)] == ["e1", "e2"]


def test_store_query_by_dyad_with_an_organisation_code(tmp_path: Path) -> None:
    with dyad_store(tmp_path / "dyad.db") as store:
        assert [e["event_id"] for e in store.query_events(dyad=("CUB", "IGOUNO"))] == ["e4"]


@pytest.mark.parametrize(("since", "until", "expected"), [
    (None, None, ["e3", "e1", "e2", "e4"]),  # by date, month before its days; undated last
    ("2023-11-18", None, ["e3", "e1", "e2"]),  # "2023-11" may be on or after the 18th
    ("2023-11-19", "2024", ["e3"]),
    ("2024-01-01", None, ["e2"]),
    (None, "2023-11-17", ["e3"]),
    (None, "2023-11", ["e3", "e1"]),
    ("2025-02-04", "2025-02-04", ["e2"]),
    ("2026", None, []),
])
def test_store_query_by_date_range(tmp_path: Path, since: str | None, until: str | None,
                                   expected: list[str]) -> None:
    with dyad_store(tmp_path / "dyad.db") as store:
        assert [e["event_id"] for e in store.query_events(since=since, until=until)] == expected


def test_store_query_dyad_and_dates_together(tmp_path: Path) -> None:
    with dyad_store(tmp_path / "dyad.db") as store:
        found = store.query_events(dyad=("VNM", "CUB"), since="2024")
        assert [e["event_id"] for e in found] == ["e2"]


def test_store_query_with_a_malformed_date_raises_date_error(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "dyad.db") as store:
        with pytest.raises(DateError, match=r"^'18\.11\.2023': expected a date as YYYY"):
            store.query_events(since="18.11.2023")


def test_store_non_sqlite_file_raises_store_error_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are not the tables you are looking for\n" * 20)
    with pytest.raises(StoreError) as info:
        SQLiteStore(path)
    assert str(info.value) == f"{path}: not a dyad database"


def test_store_sqlite_file_without_our_schema_raises_store_error(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE articles (id INTEGER)")
    conn.close()
    with pytest.raises(StoreError) as info:
        SQLiteStore(path)
    assert str(info.value) == f"{path}: not a dyad database"


def test_store_in_a_missing_folder_raises_store_error(tmp_path: Path) -> None:
    path = tmp_path / "no" / "such" / "dyad.db"
    with pytest.raises(StoreError, match=rf"^{path}: cannot open database"):
        SQLiteStore(path)
