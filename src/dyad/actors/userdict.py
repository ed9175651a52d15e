"""Users' own actor dictionaries (`--actors FILE`): TSV or YAML, one actor with dated codes.

TSV: `#` header lines, then columns `name  forms  code  start  end  note`; one row per code, rows
with the same name make one actor. YAML: a list of `{name, forms: [...], codes: [{code, start,
end}]}` (or a single `code:`). Codes are CAMEO actor codes: a country ("ALB"), country + agent
("ALBGOV", further segments are kept in the note only), an organisation ("IGOUNO", "NGOHRIAMN")
or an agent alone ("ELI": a former office holder of the actor's country).
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from dyad.errors import LexiconError
from dyad.tables import read_table, split_forms

CODE = re.compile(r"^[A-Z]{3}(?:[A-Z]{3})*$")
AGENT_ONLY = frozenset({"ELI"})  # an agent code standing alone: the country comes from other rows


@dataclass(frozen=True)
class DatedCode:
    """One CAMEO code an actor has, from `start` to `end` (None: open on that side)."""

    code: str
    start: dt.date | None = None
    end: dt.date | None = None

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None


@dataclass(frozen=True)
class UserActor:
    """One actor of a user dictionary: its name, surface forms and dated codes."""

    name: str
    forms: tuple[str, ...]
    codes: tuple[DatedCode, ...]
    where: str  # "file:line" of its first row, for evidence


@dataclass(frozen=True)
class CodeParts:
    """A CAMEO actor code split into what the knowledge base keeps."""

    country: str | None  # ISO alpha-3
    organisation: str | None  # IGO/NGO/other non-state code, kept whole
    agent: str | None


def split_code(code: str, countries: frozenset[str]) -> CodeParts:
    """"ALBGOVMED" → ALB + GOV; "IGOUNO" → organisation; "ELI" → agent only."""
    if code in AGENT_ONLY:
        return CodeParts(None, None, code)
    if code[:3] in countries:
        return CodeParts(code[:3], None, code[3:6] or None)
    return CodeParts(None, code, None)


def load_user_actors(path: Path) -> tuple[UserActor, ...]:
    """Read a user dictionary (.tsv, .yaml or .yml); LexiconError names the file and line.

    Read once per process and file version (a 26,000-row import takes ~0.8 s)."""
    try:
        stat = path.stat()
    except OSError:
        raise LexiconError(f"{path}: no such actor dictionary") from None
    return _load(path, stat.st_mtime_ns, stat.st_size)


@functools.cache
def _load(path: Path, _mtime_ns: int, _size: int) -> tuple[UserActor, ...]:
    if path.suffix.lower() in (".yaml", ".yml"):
        return _from_yaml(path)
    return _from_tsv(path)


def _from_tsv(path: Path) -> tuple[UserActor, ...]:
    names: dict[str, tuple[list[str], list[DatedCode], str]] = {}
    for row in read_table(path, ("name", "code")):
        code = _checked_code(row["code"], row.where)
        dated = DatedCode(code, _date(row.get("start"), row.where), _date(row.get("end"), row.where))
        forms, codes, _first_row = names.setdefault(row["name"], ([], [], row.where))
        forms += [f for f in split_forms(row.get("forms")) if f not in forms]
        codes.append(dated)
    return tuple(UserActor(name, tuple(forms or [name]), tuple(codes), where)
                 for name, (forms, codes, where) in names.items())


def _from_yaml(path: Path) -> tuple[UserActor, ...]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise LexiconError(f"{path}: cannot read actor dictionary: {exc}") from exc
    if not isinstance(data, list):
        raise LexiconError(f"{path}: expected a list of actors, got {type(data).__name__}")
    return tuple(_yaml_actor(item, f"{path}#{i + 1}") for i, item in enumerate(data))


def _yaml_actor(item: Any, where: str) -> UserActor:
    if not isinstance(item, dict) or not item.get("name"):
        raise LexiconError(f"{where}: each actor needs a 'name'")
    raw_codes = item.get("codes") or ([{"code": item["code"]}] if item.get("code") else [])
    if not raw_codes:
        raise LexiconError(f"{where}: actor {item['name']!r} has no 'code' or 'codes'")
    codes = []
    for raw in raw_codes:
        if not isinstance(raw, dict) or not raw.get("code"):
            raise LexiconError(f"{where}: each entry of 'codes' needs a 'code'")
        codes.append(DatedCode(_checked_code(str(raw["code"]), where),
                               _date(raw.get("start"), where), _date(raw.get("end"), where)))
    forms = item.get("forms") or [item["name"]]
    if isinstance(forms, str):
        forms = [forms]
    return UserActor(str(item["name"]), tuple(str(f) for f in forms), tuple(codes), where)


def _checked_code(code: str, where: str) -> str:
    code = code.strip().upper()
    if not CODE.match(code):
        raise LexiconError(f"{where}: {code!r} is not a CAMEO actor code (letters in groups of 3)")
    return code


def _date(value: Any, where: str) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise LexiconError(f"{where}: {value!r} is not a date (YYYY-MM-DD)") from None


def write_user_tsv(actors: list[UserActor], path: Path, header: list[str]) -> None:
    """Write actors in the TSV form `load_user_actors` reads, one row per code."""
    lines = [f"# {line}" if line else "#" for line in header]
    lines.append("name\tforms\tcode\tstart\tend\tnote")
    for actor in actors:
        for i, code in enumerate(actor.codes):
            forms = "|".join(actor.forms) if i == 0 else ""
            lines.append("\t".join((actor.name, forms, code.code, _iso(code.start),
                                    _iso(code.end), actor.where if i == 0 else "")))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _iso(day: dt.date | None) -> str:
    return day.isoformat() if day else ""
