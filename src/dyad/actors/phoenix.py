"""Read a Phoenix/PETRARCH (TABARI-style) actor dictionary into user actors.

The format: an actor starts on an unindented line (`AFGHANISTAN_  [AFG]`); `+` lines add name
variants; `[CODE date-range]` restrictions follow on the same line or on indented lines; `#` starts a
comment. Words are joined by `_`. Dates are `>YYMMDD` (from), `<YYMMDD` (until), `YYMMDD-YYMMDD`,
with 6 or 8 digits; a two-digit year below 30 is 20xx, else 19xx (the dictionaries end ~2016). An
undated code is the default when no dated one applies; `[---]` (a null code) is not imported.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from dyad.actors.userdict import CODE, DatedCode, UserActor
from dyad.errors import InputError

BRACKET = re.compile(r"\[([^\]]*)\]")
RANGE = re.compile(r"^(?:(?P<op>[<>])\s*(?P<one>\d+)|(?P<a>\d+)-(?P<b>\d+))$")
PIVOT = 30  # two-digit years: 00-29 → 2000s, 30-99 → 1900s
SHORT_WORD = 3  # words this short stay in capitals ("UN", "USA"): acronyms must match in capitals
# Short words that are particles, not acronyms: written in lower case, so that "the United
# Nations" also matches mid-sentence (a capitalised form must be capitalised in the text).
PARTICLES = frozenset({"THE", "OF", "AND", "FOR", "DE", "DEL", "DA", "DO", "DU", "DES", "LA", "LE",
                       "EL", "AL", "E", "Y", "VON", "VAN", "DER", "IN", "ON", "AT", "TO"})
VOWELS = frozenset("AEIOUY")


@dataclass
class PhoenixImport:
    """What was read from a Phoenix file: the actors and every line that could not be used."""

    actors: list[UserActor] = field(default_factory=list)
    problems: list[tuple[int, str]] = field(default_factory=list)  # (line number, reason)

    def reasons(self) -> Counter[str]:
        return Counter(reason.split(":")[0] for _, reason in self.problems)


@dataclass
class _Block:
    name: str
    forms: list[str]
    codes: list[DatedCode]
    lineno: int


def read_phoenix(path: Path) -> PhoenixImport:
    """Parse the whole file; unreadable lines and codes are listed, never fatal."""
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError as exc:
        raise InputError(f"{path}: cannot read Phoenix dictionary: {exc.strerror or exc}") from exc
    result = PhoenixImport()
    block: _Block | None = None
    for lineno, raw in enumerate(lines, start=1):
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        body = BRACKET.sub(" ", line).strip()
        if raw[:1] in (" ", "\t") and not body:
            pass  # an indented restriction line: codes for the current block
        elif line.startswith("+"):
            if block is None:
                result.problems.append((lineno, "variant before any actor: " + line.strip()))
                continue
            block.forms.append(phoenix_name(body[1:]))
        else:
            _finish(block, path, result)
            block = _Block(phoenix_name(body), [], [], lineno) if body else None
            if block is None:
                result.problems.append((lineno, "code without an actor: " + line.strip()))
                continue
            block.forms.append(block.name)
        if block is not None:
            block.codes += _codes(line, lineno, result)
    _finish(block, path, result)
    return result


def phoenix_name(raw: str) -> str:
    """"BAN_KI-MOON_" → "Ban Ki-Moon"; "U.N._" → "U.N."; "THE_UN" → "the UN"."""
    words = [w for w in raw.strip().strip("_").split("_") if w]
    return " ".join(_word(w, len(words)) for w in words)


def _word(word: str, count: int) -> str:
    """Capitalise a word written in capitals, unless it looks like an acronym: a short single
    word ("UN", "USA"), a two-letter word or a three-letter one without a vowel in a longer name."""
    if count > 1 and word in PARTICLES:
        return word.lower()
    acronym = len(word) <= SHORT_WORD if count == 1 else (
        len(word) <= 2 or (len(word) == 3 and not VOWELS & set(word)))
    if acronym or "." in word or not word.isupper():
        return word
    return "-".join(part.capitalize() for part in word.split("-"))


def _codes(line: str, lineno: int, result: PhoenixImport) -> list[DatedCode]:
    codes = []
    for content in BRACKET.findall(line):
        content = content.strip()
        if content == "---":
            result.problems.append((lineno, "null code: [---] marks a name as no actor"))
            continue
        code, _, dates = content.partition(" ")
        if not CODE.match(code):
            result.problems.append((lineno, f"bad code: {content!r}"))
            continue
        try:
            start, end = _range(dates.strip())
        except ValueError as exc:
            result.problems.append((lineno, f"bad date: {content!r} ({exc})"))
            continue
        codes.append(DatedCode(code, start, end))
    return codes


def _range(text: str) -> tuple[dt.date | None, dt.date | None]:
    if not text:
        return None, None
    match = RANGE.match(text.replace(" ", ""))
    if match is None:
        raise ValueError("expected >D, <D or D-D")
    if match["op"] == ">":
        return _day(match["one"]), None
    if match["op"] == "<":
        return None, _day(match["one"])
    return _day(match["a"]), _day(match["b"])


def _day(digits: str) -> dt.date:
    if len(digits) == 6:
        year = int(digits[:2])
        year += 2000 if year < PIVOT else 1900
        return dt.date(year, int(digits[2:4]), int(digits[4:6]))
    if len(digits) == 8:
        return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    raise ValueError(f"{digits} has {len(digits)} digits, not 6 or 8")


def _finish(block: _Block | None, path: Path, result: PhoenixImport) -> None:
    if block is None:
        return
    if not block.codes:
        result.problems.append((block.lineno, f"no code: {block.name!r} has no usable [CODE]"))
        return
    forms = tuple(dict.fromkeys(f for f in block.forms if f))
    result.actors.append(UserActor(block.name, forms, tuple(block.codes),
                                   f"{path.name}:{block.lineno}"))
