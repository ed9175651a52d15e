"""The GDELT 2.0 layout: an events table (61 columns) and a mentions table (16), tab-separated.

Column order from the GDELT 2.0 event codebook; docs/export.md says how each column is filled.
Rows have no header, as GDELT's files; fields we do not know are empty.
"""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

from dyad.actors.roles import NO_STATE
from dyad.store.sqlite import SQLiteStore
from dyad.tables import country_names

EVENT_FIELDS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"{who}Geo_{what}" for who in ("Actor1", "Actor2", "Action")
      for what in ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long",
                   "FeatureID")),
    "DATEADDED", "SOURCEURL")
MENTION_FIELDS = (
    "GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName",
    "MentionIdentifier", "SentenceID", "Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset",
    "InRawText", "Confidence", "MentionDocLen", "MentionDocTone", "MentionDocTranslationInfo",
    "Extras")
# ISO 639-2 codes of the languages dyad reads, for MentionDocTranslationInfo's "srclc:"
ISO639_2 = {"de": "deu", "es": "spa", "fr": "fra", "ru": "rus", "vi": "vie", "pt": "por",
            "it": "ita", "zh": "zho", "ja": "jpn", "cs": "ces"}
LEAD_SENTENCES = 3  # title and lead: an event first mentioned here is a root event


def global_event_id(event_id: str) -> int:
    """A GDELT-style integer id from our 16-hex-digit event_id: its first 15 digits (< 2**60)."""
    return int(event_id[:15], 16)


def _stamp(iso: str | None) -> str:
    """An ISO timestamp or date as GDELT's YYYYMMDDHHMMSS."""
    if not iso:
        return ""
    when = dt.datetime.fromisoformat(iso)
    return when.strftime("%Y%m%d%H%M%S")


def _dates(date: str | None) -> list[str]:
    """SQLDATE, MonthYear, Year, FractionDate for a date of any precision (its first day)."""
    if not date:
        return ["", "", "", ""]
    parts = [int(p) for p in date.split("-")] + [1, 1]
    year, month, day = parts[0], parts[1], parts[2]
    fraction = year + (month * 30 + day) / 365  # the codebook's approximation
    return [f"{year:04d}{month:02d}{day:02d}", f"{year:04d}{month:02d}", f"{year:04d}",
            f"{fraction:.4f}"]


def _actor(row: dict[str, Any], side: str) -> list[str]:
    """Actor{1,2}Code ... Type3Code (10 fields)."""
    code, country = row[f"{side}_code"], row[f"{side}_country"]
    code = code.removeprefix(NO_STATE)  # GDELT writes a stateless group as its agent ("EDU")
    name = row[f"{side}_name"] or country_names().get(country or "", "")
    group = code[3:] if code.startswith("IGO") else ""
    return [code, name.upper(), country or "", group, "", "", "", row[f"{side}_agent"] or "",
            "", ""]


def _action_geo(location_json: str | None) -> list[str]:
    """ActionGeo_* (8 fields): the event's place when the text names one, else type 0."""
    if not location_json:
        return ["0"] + [""] * 7
    place = json.loads(location_json)
    lat, lon = place.get("lat"), place.get("lon")
    return ["4", place.get("name") or "", "", "", "",
            "" if lat is None else f"{lat:.4f}", "" if lon is None else f"{lon:.4f}", ""]


def event_rows(store: SQLiteStore) -> Iterator[list[str]]:
    """One GDELT events row per stored event, ordered by date then id."""
    first = _first_reports(store)
    for row in store.read("SELECT * FROM events ORDER BY date IS NULL, date, event_id"):
        lead = first.get(row["event_id"], {})
        yield [str(global_event_id(row["event_id"])), *_dates(row["date"]),
               *_actor(row, "source"), *_actor(row, "target"),
               "1" if lead.get("sentence", LEAD_SENTENCES) < LEAD_SENTENCES else "0",
               row["cameo"], row["cameo"][:3], row["root"], str(row["quad_class"]),
               f"{row['goldstein']:.1f}", str(row["num_mentions"]), str(row["num_sources"]),
               str(row["num_articles"]), "", "0", *[""] * 7, "0", *[""] * 7,
               *_action_geo(row["location_json"]), _stamp(row["first_seen"]),
               lead.get("url") or lead.get("citation") or ""]


def _first_reports(store: SQLiteStore) -> dict[str, dict[str, Any]]:
    """Per event, its first report (earliest published, then article id): URL and sentence."""
    rows = store.read(
        "SELECT m.event_id, a.url, coalesce(a.path, a.article_id) AS citation, m.sentence"
        " FROM mentions m JOIN articles a ON a.id = m.article_pk"
        " ORDER BY m.event_id, a.published IS NULL, a.published, a.article_id, a.content_hash,"
        " m.sentence, m.start")
    first: dict[str, dict[str, Any]] = {}
    for row in rows:
        first.setdefault(row["event_id"], row)
    return first


def mention_rows(store: SQLiteStore) -> Iterator[list[str]]:
    """One GDELT mentions row per stored mention."""
    rows = store.read(
        "SELECT m.*, e.first_seen, e.confidence, a.url, a.outlet, a.added_at, a.lang AS doc_lang,"
        " coalesce(a.path, a.article_id) AS citation, length(a.text) AS doc_len, s.start AS s0,"
        " s.text AS s_text FROM mentions m JOIN events e ON e.event_id = m.event_id"
        " JOIN articles a ON a.id = m.article_pk"
        " LEFT JOIN sentences s ON s.article_pk = m.article_pk AND s.idx = m.sentence"
        " ORDER BY e.date IS NULL, e.date, m.event_id, a.article_id, a.content_hash, m.sentence,"
        " m.start")
    for r in rows:
        lang = r["doc_lang"] or r["lang"]
        yield [str(global_event_id(r["event_id"])), _stamp(r["first_seen"]),
               _stamp(r["added_at"]), "1" if r["url"] else "2", r["outlet"],
               r["url"] or r["citation"], str(r["sentence"] + 1),
               _offset(r, "source_text"), _offset(r, "target_text"), str(r["start"]), "1",
               str(round(r["confidence"] * 100)), str(r["doc_len"]), "",
               f"srclc:{ISO639_2.get(lang, lang)}" if lang != "en" else "", ""]


def _offset(row: dict[str, Any], field: str) -> str:
    """The character offset of an actor's words in the article, or empty when not found."""
    words, sentence = row[field], row["s_text"] or ""
    at = sentence.find(words) if words else -1
    return "" if at < 0 or row["s0"] is None else str(row["s0"] + at)


def to_tsv(rows: Iterator[list[str]]) -> Iterator[str]:
    """Tab-separated lines; tabs and newlines inside a field become spaces."""
    for row in rows:
        yield "\t".join(" ".join(str(v).split("\t")).replace("\n", " ") for v in row) + "\n"
