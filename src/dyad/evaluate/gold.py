"""Read UniversalPetrarch-style gold files: one sentence per line with its annotated events.

A line: `{"id", "lang", "date": "YYYYMMDD", "text", "events": [{"eventtext", "sourcetext",
"targettext", "eventcode", "plover", "sourcecode", "targetcode"}]}`. `eventcode` is a CAMEO
root ("14"), a set of roots ("18/19/20"), a range of codes inside one root ("084-087") or empty;
`plover` may use an older draft's names (read through ontology/plover_aliases.tsv); actor codes
are CAMEO actor codes ("ECUGOV") or "---" when the annotators gave none.
"""
from __future__ import annotations

import datetime as dt
import functools
import json
from dataclasses import dataclass
from pathlib import Path

from dyad.errors import InputError
from dyad.tables import ONTOLOGY_DIR, read_table

NO_ACTOR = frozenset({"", "---"})


@dataclass(frozen=True)
class GoldEvent:
    """One annotated event of a sentence."""

    trigger: str
    span: tuple[int, int] | None  # where `trigger` stands in the sentence, when it can be found
    roots: frozenset[str]  # the CAMEO roots the annotation allows; empty = no CAMEO code
    root_label: str  # the annotation as written ("18/19/20"), for confusion tables
    plover: str | None
    source_text: str
    target_text: str
    source: str | None  # country (alpha-3) or "IGO", None when not annotated
    target: str | None


@dataclass(frozen=True)
class GoldSentence:
    id: str
    lang: str
    date: dt.date | None
    text: str
    events: tuple[GoldEvent, ...]


@functools.cache
def plover_aliases(path: Path = ONTOLOGY_DIR / "plover_aliases.tsv") -> dict[str, str]:
    return {r["alias"]: r["plover"] for r in read_table(path, ("alias", "plover"))}


def read_gold(path: Path) -> list[GoldSentence]:
    """All sentences of a gold file; InputError names the file and line of a malformed record."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read gold file: {getattr(exc, 'strerror', None) or exc}") from exc
    out = []
    for lineno, line in enumerate(lines, start=1):
        if line.strip():
            out.append(_sentence(line, f"{path}:{lineno}"))
    if not out:
        raise InputError(f"{path}: no gold sentences")
    return out


def _sentence(line: str, where: str) -> GoldSentence:
    try:
        record = json.loads(line)
        text = record["text"]
        events = tuple(_event(e, text) for e in record.get("events") or ())
        return GoldSentence(str(record.get("id") or where), str(record["lang"]),
                            _date(record.get("date")), text, events)
    except (json.JSONDecodeError, KeyError, TypeError, AttributeError) as exc:
        raise InputError(f"{where}: not a gold sentence record ({type(exc).__name__}: {exc})") from exc


def _event(e: dict, text: str) -> GoldEvent:
    trigger = (e.get("eventtext") or "").strip()
    code = str(e.get("eventcode") or "").strip()
    plover = (e.get("plover") or "").strip().upper() or None
    return GoldEvent(trigger, find_span(text, trigger), parse_roots(code), code or "-",
                     plover_aliases().get(plover, plover) if plover else None,
                     e.get("sourcetext") or "", e.get("targettext") or "",
                     actor_side(e.get("sourcecode")), actor_side(e.get("targetcode")))


def parse_roots(code: str) -> frozenset[str]:
    """"14" → {14}; "18/19/20" → {18, 19, 20}; "084-087" → {08}; "" → {}."""
    roots = set()
    for part in code.replace("-", "/").split("/"):
        part = part.strip()
        if part.isdigit() and len(part) >= 2:
            roots.add(part[:2])
    return frozenset(roots)


def actor_side(code: str | None) -> str | None:
    """The state or "IGO" a CAMEO actor code belongs to ("ECUGOV" → ECU); None when absent."""
    code = (code or "").strip().upper()
    if code in NO_ACTOR or len(code) < 3 or not code[:3].isalpha():
        return None
    return "IGO" if code.startswith("IGO") else code[:3]


def find_span(text: str, trigger: str) -> tuple[int, int] | None:
    """The trigger's place in the sentence (case-insensitive); None when it is not there."""
    if not trigger:
        return None
    at = text.find(trigger)
    if at < 0:
        at = text.lower().find(trigger.lower())
    return (at, at + len(trigger)) if at >= 0 else None


def _date(value: object) -> dt.date | None:
    digits = str(value or "")
    try:
        return dt.datetime.strptime(digits[:8], "%Y%m%d").date() if len(digits) >= 8 else None
    except ValueError:
        return None
