"""The CAMEO 1.1b3 event ontology (names, Goldstein, QuadClass, PLOVER type) from cameo.tsv."""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from dyad.errors import LexiconError
from dyad.tables import ONTOLOGY_DIR, Row, read_table

COLUMNS = ("code", "name", "goldstein", "quad_class", "plover", "plover_mode", "symmetric")
REQUIRED = ("code", "name", "goldstein", "quad_class")


@dataclass(frozen=True)
class CameoCode:
    """One CAMEO event code with its scores and its PLOVER equivalent (None where PLOVER has none)."""

    code: str
    name: str
    goldstein: float
    quad_class: int
    root: str
    plover: str | None
    plover_mode: str | None
    symmetric: bool = False


def _parse_row(row: Row) -> CameoCode:
    """Turn one TSV row into a CameoCode; LexiconError names the line when a cell is malformed."""
    code = row["code"]
    if not (code.isdigit() and 2 <= len(code) <= 4):
        raise LexiconError(f"{row.where}: CAMEO code must be 2-4 digits, got {code!r}")
    try:
        goldstein = float(row["goldstein"])
        quad_class = int(row["quad_class"])
    except ValueError as exc:
        raise LexiconError(f"{row.where}: bad goldstein or quad_class for {code}: {exc}") from exc
    if quad_class not in (1, 2, 3, 4):
        raise LexiconError(f"{row.where}: quad_class must be 1-4, got {quad_class}")
    symmetric = row.get("symmetric")
    if symmetric not in ("", "1"):
        raise LexiconError(f"{row.where}: symmetric must be 1 or empty, got {symmetric!r}")
    return CameoCode(code=code, name=row["name"], goldstein=goldstein, quad_class=quad_class,
                     root=code[:2], plover=row.get("plover") or None,
                     plover_mode=row.get("plover_mode") or None, symmetric=symmetric == "1")


class Ontology:
    """All CAMEO codes from one table, looked up by code; read once, never changed."""

    def __init__(self, path: Path = ONTOLOGY_DIR / "cameo.tsv") -> None:
        self.path = path
        entries: dict[str, CameoCode] = {}
        for row in read_table(path, required=REQUIRED):
            entry = _parse_row(row)
            if entry.code in entries:
                raise LexiconError(f"{row.where}: duplicate CAMEO code {entry.code}")
            entries[entry.code] = entry
        self._codes = MappingProxyType(entries)
        self._untargeted = _untargeted_codes(path.with_name("untargeted.tsv"), entries)
        self._unarmed = _unarmed_codes(path.with_name("unarmed.tsv"), entries)

    def get(self, code: str) -> CameoCode:
        """Return the entry for code; LexiconError for a code not in CAMEO 1.1b3."""
        try:
            return self._codes[code]
        except KeyError:
            raise LexiconError(f"unknown CAMEO code {code!r}") from None

    def __contains__(self, code: object) -> bool:
        return code in self._codes

    def __len__(self) -> int:
        return len(self._codes)

    def codes(self) -> list[str]:
        """All codes in table order (root first, then its 3- and 4-digit codes)."""
        return list(self._codes)

    def roots(self) -> list[str]:
        """The 20 two-digit root codes, in order."""
        return [c for c in self._codes if len(c) == 2]

    def is_symmetric(self, code: str) -> bool:
        """True when the event reads the same with source and target swapped (cameo.tsv column)."""
        return self.get(code).symmetric

    def allows_no_target(self, code: str) -> bool:
        """True when an event of this code may be reported without a target ("workers went on
        strike"); untargeted.tsv lists the roots and categories that may."""
        return any(code.startswith(prefix) for prefix in self._untargeted)

    def implied_source(self, code: str) -> str | None:
        """The agent a noun trigger of this code implies when no actor is named ("protests":
        CVL), from untargeted.tsv; None for most codes."""
        for prefix, agent in self._untargeted.items():  # longest prefix first
            if code.startswith(prefix):
                return agent
        return None

    def is_unarmed(self, agent: str | None) -> bool:
        """An agent of civil society (civilians, protesters, students, workers ...): any agent
        unarmed.tsv lists for some code."""
        return agent is not None and any(agent in agents for _, agents in self._unarmed.values())

    def for_source(self, code: str, agent: str | None) -> str:
        """The code an event takes given its source's agent: force by civilians is
        unconventional violence ("protesters attacked officers": 180, not 190), from unarmed.tsv."""
        unarmed, agents = self._unarmed.get(code, (code, frozenset()))
        return unarmed if agent in agents else code


def _unarmed_codes(path: Path, codes: dict[str, CameoCode]) -> dict[str, tuple[str, frozenset[str]]]:
    """Code → (code for an unarmed source, the unarmed agents)."""
    table: dict[str, tuple[str, frozenset[str]]] = {}
    for row in read_table(path, required=("code", "unarmed_code", "agents")):
        for code in (row["code"], row["unarmed_code"]):
            if code not in codes:
                raise LexiconError(f"{row.where}: unknown CAMEO code {code!r}")
        table[row["code"]] = (row["unarmed_code"], frozenset(row["agents"].split("|")))
    return table


def _untargeted_codes(path: Path, codes: dict[str, CameoCode]) -> dict[str, str | None]:
    """Code prefix → implied source agent (or None) for the codes that may lack a target."""
    table: dict[str, str | None] = {}
    for row in read_table(path, required=("code",)):
        if row["code"] not in codes:
            raise LexiconError(f"{row.where}: unknown CAMEO code {row['code']!r}")
        table[row["code"]] = row.get("implied_source") or None
    return dict(sorted(table.items(), key=lambda kv: -len(kv[0])))


@functools.cache
def load_ontology() -> Ontology:
    """The packaged ontology, read once and shared (it is read-only)."""
    return Ontology()
