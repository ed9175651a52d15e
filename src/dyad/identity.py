"""Event identity: when two reports (coded mentions, or one article's events) are one event.

Two reports are one event when (issue 6):
- their sides match: the same state (alpha-3) or organisation code, and for each side the agent
  and the person's name agree where both are known (CUB matches CUBGOV; CUBGOV does not match
  CUBMIL; "Díaz-Canel" matches "Diaz-Canel"). Symmetric reports (meet, talk, "both sides") match
  either way round, and only other symmetric reports;
- their codes are compatible: the same three-digit CAMEO category, or one is its root's
  "not specified" category (040, or the root 04) and the other a specific category of that root;
- their dates overlap: each date covers the day, month or year it names ("2025-02" covers
  2025-02-04); an undated report matches only undated reports of its own article group;
- their polarity (negated or not) is the same;
- a report with a side the text left without a state (a group "---CVL", or no target "---") is
  one event only with reports of its own article group: two unnamed crowds protesting on one
  day in two articles may be anywhere.

Clustering is deterministic and independent of input order: reports are sorted by specificity
and key, the most specific founds an event, and each later report joins the one event all of
whose members it matches. A report that matches several events (an unspecified "met" on a day
with a visit and a negotiation) founds its own: precision first.
"""
from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from dyad.actors.roles import is_stateless
from dyad.model import Actor, EventDate

PRECISION_RANK = {"day": 3, "month": 2, "year": 1, "none": 0}


@dataclass(frozen=True)
class Report:
    """What identity compares: one coded mention or one article-level event."""

    source: Actor
    target: Actor
    cameo: str
    date: EventDate
    negated: bool
    symmetric: bool
    group: str  # the article (or its near-duplicate group); undated reports merge only within it
    tiebreak: str = ""  # orders otherwise equal reports (text position, article hash)


def side(actor: Actor) -> str:
    """The state (alpha-3) or the organisation code an actor belongs to."""
    return actor.country or actor.code


def fold(name: str | None) -> str:
    """A person's name without case, diacritics or hyphens, for comparing spellings."""
    if not name:
        return ""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.replace("-", " ").replace("đ", "d").split())


def category(cameo: str) -> str:
    """The three-digit CAMEO category ("0254" → "025"; a root "04" stays "04")."""
    return cameo[:3]


def unspecified(cameo: str) -> bool:
    """True for a root or its "not specified" category (04, 040, 0400)."""
    return len(cameo) == 2 or category(cameo).endswith("0")


def identity_key(r: Report) -> str:
    """The text an event id hashes: sides (with agent and name), category, date, polarity."""
    a = f"{r.source.code}:{fold(r.source.name)}"
    b = f"{r.target.code}:{fold(r.target.name)}"
    if r.symmetric:
        a, b = sorted((a, b))
    date = r.date.value or f"undated@{r.group}"
    if article_scoped(r):
        date = f"{date}@{r.group}"
    polarity = "not" if r.negated else "yes"
    return f"{a}|{b}|{category(r.cameo)}|{date}|{polarity}"


def article_scoped(r: Report) -> bool:
    """A side without a state ("---CVL", "---") identifies nothing beyond its own article."""
    return is_stateless(r.source) or is_stateless(r.target)


def event_id(key: str) -> str:
    """A stable 16-hex-digit id for an identity key."""
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def block_key(r: Report) -> str:
    """Reports that may be one event share a block: unordered sides, root, polarity, year."""
    a, b = sorted((side(r.source), side(r.target)))
    year = r.date.value[:4] if r.date.value else "undated"
    return f"{a}|{b}|{r.cameo[:2]}|{'not' if r.negated else 'yes'}|{year}"


def _actor_match(a: Actor, b: Actor) -> str | None:
    """Why two actors are the same side, or None when they are not."""
    if side(a) != side(b):
        return None
    if a.name and b.name:
        return f"{a.code}={b.code} (same person)" if fold(a.name) == fold(b.name) else None
    if a.agent and b.agent and a.agent != b.agent:
        return None
    if a.code == b.code:
        return a.code
    return f"{a.code}~{b.code}"


def _sides_match(x: Report, y: Report) -> str | None:
    """Why the two reports have the same pair of actors (either way round when symmetric).

    A joint act (symmetric: "both sides agreed") and a one-sided one are never the same event.
    """
    if x.symmetric != y.symmetric:
        return None
    source, target = _actor_match(x.source, y.source), _actor_match(x.target, y.target)
    if source and target:
        return f"actors {source} → {target}"
    if x.symmetric:
        source, target = _actor_match(x.source, y.target), _actor_match(x.target, y.source)
        if source and target:
            return f"actors {source} ↔ {target} (symmetric)"
    return None


def _codes_match(x: str, y: str) -> str | None:
    """Why two CAMEO codes may name the same event, or None."""
    if category(x) == category(y):
        return f"category {category(x)}"
    if x[:2] == y[:2] and (unspecified(x) or unspecified(y)):
        return f"code {x}/{y} (unspecified joins specific)"
    return None


def _span(date: EventDate) -> tuple[dt.date, dt.date]:
    """The first and last day a dated EventDate covers."""
    first = date.first_day()
    assert first is not None
    if date.precision == "year" or len(date.value or "") == 4:
        return first, dt.date(first.year, 12, 31)
    if date.precision == "month" or len(date.value or "") == 7:
        return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])
    return first, first


def _dates_match(x: Report, y: Report) -> str | None:
    """Why the two dates may be the same event's (their spans overlap), or None."""
    if not x.date.value or not y.date.value:
        same = not x.date.value and not y.date.value and x.group == y.group
        return "undated, same article" if same else None
    (a0, a1), (b0, b1) = _span(x.date), _span(y.date)
    if a0 > b1 or b0 > a1:
        return None
    if x.date.value == y.date.value:
        return f"date {x.date.value}"
    return f"date {x.date.value}~{y.date.value}"


def match(x: Report, y: Report) -> str | None:
    """Why x and y report the same event, or None when they do not."""
    if x.negated != y.negated:
        return None
    if (article_scoped(x) or article_scoped(y)) and x.group != y.group:
        return None
    reasons = (_sides_match(x, y), _codes_match(x.cameo, y.cameo), _dates_match(x, y))
    if not all(reasons):
        return None
    return "; ".join(r for r in reasons if r)


def specificity(r: Report) -> tuple[int, ...]:
    """Larger is more specific: date precision, code depth, then known agents and names."""
    return (PRECISION_RANK.get(r.date.precision, 0), int(not unspecified(r.cameo)),
            len(r.cameo), bool(r.source.agent) + bool(r.target.agent),
            bool(r.source.name) + bool(r.target.name))


def canonical_order(reports: Sequence[Report]) -> list[int]:
    """Indices of reports, most specific first; ties by key then tiebreak (input order free)."""
    return sorted(range(len(reports)), key=lambda i: (
        tuple(-v for v in specificity(reports[i])), identity_key(reports[i]),
        reports[i].tiebreak))


@dataclass(frozen=True)
class Cluster:
    """One event: indices into the reports (founder first) and, aligned, why each one joined."""

    members: tuple[int, ...]
    reasons: tuple[str, ...]  # "founder" for the first

    def reason(self, index: int) -> str:
        """Why report `index` is in this cluster."""
        return self.reasons[self.members.index(index)]


def cluster(reports: Sequence[Report]) -> list[Cluster]:
    """Group reports into events, deterministically; clusters in canonical founder order."""
    members: list[list[int]] = []
    reasons: list[list[str]] = []
    by_key: dict[str, int] = {}
    for i in canonical_order(reports):
        key = identity_key(reports[i])
        if key in by_key:  # an identical report always joins its twin
            founder = members[by_key[key]][0]
            members[by_key[key]].append(i)
            reasons[by_key[key]].append(match(reports[i], reports[founder]) or f"same key {key}")
            continue
        fits = [c for c, group in enumerate(members)
                if all(match(reports[i], reports[j]) for j in group)]
        if len(fits) == 1:
            members[fits[0]].append(i)
            reasons[fits[0]].append(match(reports[i], reports[members[fits[0]][0]]) or "")
            by_key[key] = fits[0]
        else:
            by_key[key] = len(members)
            members.append([i])
            reasons.append(["founder"])
    return [Cluster(tuple(m), tuple(r)) for m, r in zip(members, reasons, strict=True)]
