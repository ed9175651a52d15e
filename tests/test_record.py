"""The event record contract (docs/record.md): keys, types and evidence offsets of `to_dicts()`.

The documented fields and their types are read from the table in docs/record.md, so the
documentation and this test cannot drift apart: a field added to the code but not the doc, or
to the doc but not the code, fails here.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import dyad

RECORD_DOC = Path(__file__).resolve().parents[1] / "docs" / "record.md"
# the words of the doc's type column, and what they allow
TYPE_WORDS: dict[str, tuple[type, ...]] = {
    "string": (str,), "null": (type(None),), "object": (dict,), "int": (int,),
    "float": (float,), "bool": (bool,), "list": (list,)}
MENTION_INTS = frozenset({"sentence", "start", "end"})  # the other mention fields are strings
EVENT_ID = re.compile(r"[0-9a-f]{16}")
DATE_BY_PRECISION = {"day": r"\d{4}-\d{2}-\d{2}", "month": r"\d{4}-\d{2}", "year": r"\d{4}"}

ARTICLES = {
    # English: a wire story published on a Tuesday ("on Monday" is 2023-03-06)
    "en": ("Japan and India agree to deepen security cooperation\n\n"
           "NEW DELHI, March 7 (Reuters) - Japan praised India on Monday for its growing role in "
           "regional security, days after the two governments agreed to hold joint naval "
           "exercises in the Indian Ocean.\n\n"
           "The Japanese foreign minister met the Indian foreign minister in New Delhi on Monday "
           "to discuss maritime security.\n\n"
           "China criticised Japan on February 28 over the exercises.\n\n"
           "India thanked Japan for its support.\n", "2023-03-07"),
    # English without a publication date: dates may be null
    "en-undated": ("Brazil criticised Argentina over new import restrictions.\n\n"
                   "Argentina did not meet Brazil in Montevideo.\n", None),
    # German: verb-second and a noun trigger
    "de": ("Frankreich und Italien vertiefen Zusammenarbeit\n\n"
           "PARIS, 7. März (dpa) - Frankreich hat Italien am Montag für seine Rolle in der "
           "Migrationspolitik gelobt.\n\n"
           "Der französische Außenminister traf am Montag in Paris den italienischen "
           "Außenminister.\n\n"
           "Deutschland kritisierte Frankreich wegen der Pläne.\n", "2023-03-07"),
}


def table_rows() -> list[tuple[list[str], str, str]]:
    """(field names, type cell, meaning cell) for each row of the field table in docs/record.md."""
    rows = []
    for line in RECORD_DOC.read_text(encoding="utf-8").splitlines():
        if not line.startswith("|"):
            continue
        # split on | but not on the escaped \| inside enumerations
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line.strip().strip("|"))]
        if len(cells) == 3 and cells[0].startswith("`"):
            rows.append((re.findall(r"`(\w+)`", cells[0]), cells[1], cells[2]))
    return rows


def documented_types() -> dict[str, tuple[type, ...] | frozenset[str]]:
    """Field → allowed Python types, or the allowed values of an enumeration (`a` \\| `b`)."""
    types: dict[str, tuple[type, ...] | frozenset[str]] = {}
    for names, kind, _meaning in table_rows():
        if "\\|" in kind:
            allowed: tuple[type, ...] | frozenset[str] = frozenset(re.findall(r"`([^`]+)`", kind))
        else:
            words = [w.strip() for w in kind.split(" or ")]
            unknown = [w for w in words if w not in TYPE_WORDS]
            assert not unknown, f"docs/record.md: type {kind!r}; teach TYPE_WORDS {unknown}"
            allowed = tuple(t for w in words for t in TYPE_WORDS[w])
        types.update(dict.fromkeys(names, allowed))
    return types


def documented_keys(field: str) -> list[str]:
    """The keys of an object field, as its meaning lists them: {"code", ...} or `a`, `b`/`c`."""
    meaning = next(m for names, _kind, m in table_rows() if field in names)
    braces = re.search(r"\{([^}]*)\}", meaning)
    if braces:
        return re.findall(r'"(\w+)"', braces.group(1))
    return re.findall(r"`([a-z_]+)`", meaning)


def coded(lang: str) -> dyad.Document:
    """The test article in `lang`, coded; it must give events for the contract to be checked."""
    text, published = ARTICLES[lang]
    doc = dyad.code(text, published=published, article_id=f"test-{lang}")
    assert doc.events, f"no events coded in the {lang} test article"
    return doc


def test_record_doc_table_lists_the_fields() -> None:
    types = documented_types()
    assert {"event_id", "date", "source", "target", "cameo", "mentions"} <= types.keys()
    assert documented_keys("source") == ["code", "country", "agent", "name"]
    assert {"article_id", "start", "end", "text", "trigger"} <= set(documented_keys("mentions"))


@pytest.mark.parametrize("lang", sorted(ARTICLES))
def test_record_has_exactly_the_documented_keys_and_types(lang: str) -> None:
    types = documented_types()
    for record in coded(lang).to_dicts():
        assert sorted(record) == sorted(types), record
        for field, allowed in types.items():
            value = record[field]
            if isinstance(allowed, frozenset):
                assert value in allowed, f"{field}={value!r} not in {sorted(allowed)}"
            else:
                assert isinstance(value, allowed) and not (
                    isinstance(value, bool) and bool not in allowed), \
                    f"{field}={value!r} is not {allowed}"
        for side in ("source", "target"):
            assert list(record[side]) == documented_keys(side), record[side]
            assert isinstance(record[side]["code"], str) and record[side]["code"]
        if record["location"] is not None:
            assert list(record["location"]) == documented_keys("location"), record["location"]
        for mention in record["mentions"]:
            assert list(mention) == documented_keys("mentions"), mention
            for key, value in mention.items():
                assert isinstance(value, int if key in MENTION_INTS else str), (key, value)
        json.dumps(record)  # a JSONL line


@pytest.mark.parametrize("lang", sorted(ARTICLES))
def test_record_values_keep_their_documented_meaning(lang: str) -> None:
    for record in coded(lang).to_dicts():
        assert EVENT_ID.fullmatch(record["event_id"]), record["event_id"]
        if record["date"] is None:
            assert (record["date_precision"], record["date_source"]) == ("none", "none"), record
        else:
            pattern = DATE_BY_PRECISION[record["date_precision"]]
            assert re.fullmatch(pattern, record["date"]), record
            assert record["date_source"] in ("text", "story"), record
        assert record["cameo"].startswith(record["root"]) and len(record["root"]) == 2
        assert record["quad_class"] in (1, 2, 3, 4)
        assert -10 <= record["goldstein"] <= 10
        assert 0 <= record["confidence"] <= 1
        assert record["num_mentions"] == len(record["mentions"]) >= 1


@pytest.mark.parametrize("lang", sorted(ARTICLES))
def test_record_mention_offsets_index_the_cleaned_text_and_text_is_the_sentence(
        lang: str) -> None:
    doc = coded(lang)
    for record in doc.to_dicts():
        for m in record["mentions"]:
            assert m["article_id"] == f"test-{lang}" and m["lang"] == doc.lang
            sentence = doc.sentences[m["sentence"]]
            assert m["text"] == sentence.text
            assert sentence.start <= m["start"] < m["end"] <= sentence.end, m
            span = doc.text[m["start"]:m["end"]]
            for word in m["trigger"].split():
                assert word in span, f"trigger word {word!r} not in text[start:end] = {span!r}"
            for side in ("source_text", "target_text"):
                assert m[side] and m[side] in doc.text, f"{side}={m[side]!r} not in the text"


@pytest.mark.parametrize("lang", sorted(ARTICLES))
def test_record_dataframe_has_one_row_per_event_with_flat_actor_codes(lang: str) -> None:
    doc = coded(lang)
    frame = doc.to_dataframe()
    assert len(frame) == len(doc.events)
    assert {"source_code", "target_code"} <= set(frame.columns)
    assert list(frame["source_code"]) == [e.source.code for e in doc.events]
    assert list(frame["target_code"]) == [e.target.code for e in doc.events]
    assert list(frame["event_id"]) == [e.event_id for e in doc.events]


def test_record_location_of_a_country_has_its_keys_and_null_coordinates() -> None:
    """A country named without a city is a location at country precision: name and ISO code,
    lat and lon null (docs/record.md); a city keeps its coordinates."""
    country = dyad.code("Thousands of workers went on strike in Bangladesh.", lang="en",
                        published="2024-05-15").to_dicts()
    assert country, "no event coded"
    location = country[0]["location"]
    assert list(location) == documented_keys("location")
    assert location == {"name": "Bangladesh", "country": "BGD", "lat": None, "lon": None}
    city = dyad.code("Thousands of workers went on strike in Dhaka.", lang="en",
                     published="2024-05-15").to_dicts()
    assert city, "no event coded"
    assert city[0]["location"]["country"] == "BGD"
    assert isinstance(city[0]["location"]["lat"], float) and isinstance(city[0]["location"]["lon"], float)
    json.dumps(country[0])
