"""The trigger lexicons (src/dyad/lang/<code>/triggers.tsv) and the per-language cases are well formed."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from dyad.tables import LANG_DIR, ONTOLOGY_DIR, Row, read_table

REPO = Path(__file__).resolve().parents[1]
TRIGGER_FILES = sorted(LANG_DIR.glob("*/triggers.tsv"))
CASE_FILES = sorted((REPO / "tests" / "lang").glob("*/cases.tsv"))
CAMEO_TABLE = ONTOLOGY_DIR / "cameo.tsv"

ALLOWED_FLAGS = frozenset({"symmetric", "noun", "reverse", "object", "civil", "intransitive", "official"})
CODE = re.compile(r"\d{2,4}")
# ISO 3166-1 alpha-3, IGO for any international organisation, or a non-governmental one's whole
# code ("NGOHRIAMN", kb/igos.tsv); a transnational armed group its own IMG code ("IMGMUSISI",
# kb/groups.tsv).
ACTOR = re.compile(r"[A-Z]{3}|---(?:[A-Z]{3})?|NGO(?:[A-Z]{3})*|IMG(?:[A-Z]{3})*")  # "---CVL": a group without its state; "---": no target


def lang_of(path: Path) -> str:
    return path.parent.name


def triggers(path: Path) -> list[Row]:
    return read_table(path, required=("pattern", "cameo"))


def cameo_codes() -> frozenset[str]:
    return frozenset(row["code"] for row in read_table(CAMEO_TABLE, required=("code",)))


def test_lexicon_data_covers_english_and_german() -> None:
    assert {"en", "de"} <= {lang_of(p) for p in TRIGGER_FILES}


@pytest.mark.parametrize("path", TRIGGER_FILES, ids=lang_of)
def test_lexicon_data_loads_with_pattern_and_cameo_columns(path: Path) -> None:
    rows = triggers(path)
    assert len(rows) >= 250, f"{path}: only {len(rows)} triggers"
    assert list(rows[0].values) == ["pattern", "cameo", "flags", "note"]


@pytest.mark.parametrize("path", TRIGGER_FILES, ids=lang_of)
def test_lexicon_data_codes_are_2_to_4_digits_with_a_root_from_01_to_20(path: Path) -> None:
    bad = [f"{r.where}: {r['cameo']!r}" for r in triggers(path)
           if not CODE.fullmatch(r["cameo"]) or not 1 <= int(r["cameo"][:2]) <= 20]
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("path", TRIGGER_FILES, ids=lang_of)
def test_lexicon_data_flags_are_known(path: Path) -> None:
    bad = []
    for row in triggers(path):
        flags = {f.strip() for f in row.get("flags").split(",") if f.strip()}
        if flags - ALLOWED_FLAGS:
            bad.append(f"{row.where}: {sorted(flags - ALLOWED_FLAGS)}")
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("path", TRIGGER_FILES, ids=lang_of)
def test_lexicon_data_has_no_duplicate_patterns(path: Path) -> None:
    seen: dict[str, str] = {}
    dups = []
    for row in triggers(path):
        pattern = " ".join(row["pattern"].lower().split())
        if pattern in seen:
            dups.append(f"{row.where}: {pattern!r} already at {seen[pattern]}")
        seen.setdefault(pattern, row.where)
    assert not dups, "\n".join(dups)


@pytest.mark.parametrize("path", TRIGGER_FILES, ids=lang_of)
def test_lexicon_data_covers_all_20_cameo_roots(path: Path) -> None:
    roots = {row["cameo"][:2] for row in triggers(path)}
    assert roots == {f"{r:02d}" for r in range(1, 21)}


@pytest.mark.parametrize("path", TRIGGER_FILES, ids=lang_of)
def test_lexicon_data_patterns_have_no_leading_trailing_or_double_gaps(path: Path) -> None:
    bad = []
    for row in triggers(path):
        parts = row["pattern"].split()
        doubled = any(a == b == "..." for a, b in zip(parts, parts[1:]))
        if parts[0] == "..." or parts[-1] == "..." or doubled or any(p.strip("|") != p or "||" in p
                                                                    for p in parts):
            bad.append(f"{row.where}: {row['pattern']!r}")
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("path", TRIGGER_FILES, ids=lang_of)
def test_lexicon_data_codes_are_in_the_cameo_table(path: Path) -> None:
    if not CAMEO_TABLE.exists():
        pytest.skip(f"{CAMEO_TABLE} is absent (the ontology table is written separately)")
    known = cameo_codes()
    bad = [f"{r.where}: {r['cameo']}" for r in triggers(path) if r["cameo"] not in known]
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("path", CASE_FILES, ids=lang_of)
def test_lexicon_data_cases_are_well_formed(path: Path) -> None:
    rows = read_table(path, required=("sentence", "source", "target", "cameo"))
    assert len(rows) >= 25, f"{path}: only {len(rows)} cases"
    bad = []
    for row in rows:
        no_event = row["cameo"] == "-"
        if no_event and (row["source"], row["target"]) != ("-", "-"):
            bad.append(f"{row.where}: no event but actors given")
        elif not no_event and not (CODE.fullmatch(row["cameo"])
                                   and ACTOR.fullmatch(row["source"]) and ACTOR.fullmatch(row["target"])):
            bad.append(f"{row.where}: {row['source']} {row['target']} {row['cameo']}")
    assert not bad, "\n".join(bad)
    notes = " ".join(row.get("note") for row in rows)
    for needed in ("negated", "intended", "passive", "reported"):
        assert needed in notes, f"{path}: no {needed} case"
    assert any(row["cameo"] == "-" for row in rows), f"{path}: no sentence without an event"
