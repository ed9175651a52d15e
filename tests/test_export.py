"""Exports (issue 6): GDELT 2.0 tables read back by pandas with GDELT's names, PLOVER JSON, CSV."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pandas as pd
import pytest

from dyad.engine.local import run_into_store
from dyad.errors import StoreError
from dyad.export import export, mentions_path
from dyad.export.gdelt import EVENT_FIELDS, MENTION_FIELDS, global_event_id
from dyad.export.plover import plover_quads
from dyad.pipeline import Pipeline
from dyad.store.sqlite import SQLiteStore

DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory: pytest.TempPathFactory, shared: Path) -> Path:
    """The seed articles (and the invented meeting in two languages) coded into a database."""
    db = tmp_path_factory.mktemp("export") / "seeds.db"
    with SQLiteStore(db) as store:
        paths = [str(p) for p in sorted((shared / "seeds").glob("*.txt"))]
        run_into_store(paths + [str(DATA)], store, Pipeline(), on_problem=lambda p: None)
    return db


def records(db: Path) -> list[dict]:
    with SQLiteStore(db) as store:
        return store.query_events()


def test_export_gdelt_columns_are_the_codebook_columns(shared: Path) -> None:
    names = list(pd.read_csv(shared / "data" / "ontology" / "GDELT_2.0_events_schema.csv")["tableId"])
    assert list(EVENT_FIELDS) == names and len(names) == 61
    mentions = pd.read_csv(shared / "data" / "ontology" / "GDELT_2.0_mentions_schema.tsv", sep="\t")
    assert list(MENTION_FIELDS) == list(mentions["0"][:16])


def test_export_gdelt_read_back_by_pandas_agrees_with_our_records(tmp_path: Path,
                                                                  seeds_db: Path) -> None:
    out = tmp_path / "events.tsv"
    assert export(seeds_db, "gdelt", out) == [out, mentions_path(out)]
    table = pd.read_csv(out, sep="\t", header=None, names=list(EVENT_FIELDS),
                        dtype={"EventCode": str, "EventBaseCode": str, "EventRootCode": str})
    ours = {global_event_id(r["event_id"]): r for r in records(seeds_db)}
    assert len(table) == len(ours) > 10
    assert table["GLOBALEVENTID"].is_unique and table["GLOBALEVENTID"].dtype == "int64"
    for row in table.to_dict("records"):
        record = ours[row["GLOBALEVENTID"]]
        assert row["EventCode"] == record["cameo"] and row["EventRootCode"] == record["root"]
        assert row["EventBaseCode"] == record["cameo"][:3]
        assert row["QuadClass"] == record["quad_class"]
        assert row["GoldsteinScale"] == pytest.approx(record["goldstein"])
        assert str(row["SQLDATE"]).startswith(record["date"].replace("-", ""))
        assert row["Year"] == int(record["date"][:4])
        assert row["Actor1Code"] == record["source"]["code"]
        country = record["target"]["country"]
        assert pd.isna(row["Actor2CountryCode"]) if country is None else \
            row["Actor2CountryCode"] == country
        assert (row["NumMentions"], row["NumSources"], row["NumArticles"]) == (
            record["num_mentions"], record["num_sources"], record["num_articles"])
        assert str(row["DATEADDED"]).isdigit() and len(str(row["DATEADDED"])) == 14
    mentions = pd.read_csv(mentions_path(out), sep="\t", header=None, names=list(MENTION_FIELDS))
    assert len(mentions) == sum(r["num_mentions"] for r in ours.values())
    assert set(mentions["GLOBALEVENTID"]) == set(table["GLOBALEVENTID"])
    assert set(mentions["MentionDocTranslationInfo"].dropna()) == {"srclc:deu"}


def test_export_gdelt_event_seen_in_two_languages_has_two_articles(tmp_path: Path,
                                                                   seeds_db: Path) -> None:
    out = tmp_path / "events.tsv"
    export(seeds_db, "gdelt", out)
    table = pd.read_csv(out, sep="\t", header=None, names=list(EVENT_FIELDS))
    meeting = table[(table["Actor1CountryCode"] == "CHL") & (table["Actor2CountryCode"] == "ARG")]
    assert list(meeting["SQLDATE"]) == [20250311] and list(meeting["NumArticles"]) == [2]


def test_export_plover_records_carry_type_mode_and_quad(tmp_path: Path, seeds_db: Path,
                                                        shared: Path) -> None:
    out = tmp_path / "events.plover.jsonl"
    export(seeds_db, "plover", out)
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    summary = json.loads((shared / "data" / "ontology" / "plover_ontology_summary.json").read_text())
    typed = [r for r in records(seeds_db) if r["plover"]]
    assert [r["id"] for r in rows] == [r["event_id"] for r in typed] and rows
    for row in rows:
        assert row["event_type"] in summary["event_types"]
        assert row["mode"] is None or row["mode"] in summary["modes"][row["event_type"]]
        assert row["event_type"] in summary["quad"][row["quad"]]
        assert {"actor1", "actor2", "date", "num_sources"} <= set(row)


def test_export_plover_quads_agree_with_the_plover_summary(shared: Path) -> None:
    summary = json.loads((shared / "data" / "ontology" / "plover_ontology_summary.json").read_text())
    assert plover_quads() == {t: quad for quad, types in summary["quad"].items() for t in types}


def test_export_csv_and_jsonl_list_every_event(seeds_db: Path) -> None:
    ours = records(seeds_db)
    buffer = io.StringIO()
    export(seeds_db, "csv", stdout=buffer)
    rows = list(csv.DictReader(io.StringIO(buffer.getvalue())))
    assert [r["event_id"] for r in rows] == [r["event_id"] for r in ours]
    assert [int(r["num_sources"]) for r in rows] == [r["num_sources"] for r in ours]
    buffer = io.StringIO()
    export(seeds_db, "jsonl", stdout=buffer)
    assert [json.loads(line) for line in buffer.getvalue().splitlines()] == ours


def test_export_missing_database_raises_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=r"no\.db: no such database file$"):
        export(tmp_path / "no.db", "gdelt")
