"""One event, many mentions: merge event mentions that report the same interaction.

The key is language-independent: the two states (or IGOs), the CAMEO category (three digits),
the date and the polarity. A root's "not specified" category (040, 050, 190 ...) merges into
the one specific category of the same root reported for the same pair and day ("met" and
"held a phone call"), but "praised" (051) and "signed an agreement" (057) stay two events.
Symmetric events (meet, talk, phone) key on the unordered pair, so "A met B" and "B met A"
merge. Undated events merge only within their article.
"""
from __future__ import annotations

import hashlib
from collections import defaultdict

from dyad.model import Actor, Event, EventMention
from dyad.ontology import Ontology


def side(actor: Actor) -> str:
    """The state (alpha-3) or the organisation code an actor belongs to."""
    return actor.country or actor.code


def event_key(mention: EventMention, category: str | None = None) -> str:
    """`category` overrides the mention's own three-digit CAMEO category."""
    a, b = side(mention.source), side(mention.target)
    if mention.symmetric:
        a, b = sorted((a, b))
    date = mention.date.value or f"undated@{mention.mention.article_id}"
    polarity = "not" if mention.negated else "yes"
    return f"{a}|{b}|{category or mention.cameo[:3]}|{date}|{polarity}"


def _categories(mentions: list[EventMention]) -> dict[int, str]:
    """The category each mention is keyed by: unspecified ones join a lone specific sibling."""
    specific: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        if not m.cameo[:3].endswith("0"):
            specific[event_key(m, m.cameo[:2])].add(m.cameo[:3])
    out = {}
    for i, m in enumerate(mentions):
        siblings = specific.get(event_key(m, m.cameo[:2]), set())
        joins = m.cameo[:3].endswith("0") and len(siblings) == 1
        out[i] = next(iter(siblings)) if joins else m.cameo[:3]
    return out


def event_id(key: str) -> str:
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def deduplicate(mentions: list[EventMention], ontology: Ontology) -> list[Event]:
    """Group mentions by event key and build one Event per group, in first-mention order."""
    groups: dict[str, list[EventMention]] = defaultdict(list)
    categories = _categories(mentions)
    for i, mention in enumerate(mentions):
        groups[event_key(mention, categories[i])].append(mention)
    return [_merge(key, group, ontology) for key, group in groups.items()]


def _specificity(mention: EventMention) -> tuple[int, float]:
    """Prefer the most specific code ("0254" over "025" over "020"), then confidence."""
    code = mention.cameo
    return (len(code.rstrip("0")) + len(code), mention.confidence)


def _merge(key: str, group: list[EventMention], ontology: Ontology) -> Event:
    best = max(group, key=_specificity)
    info = ontology.get(best.cameo)
    source, target = best.source, best.target
    if best.symmetric:  # keep the direction of the first report
        source, target = group[0].source, group[0].target
    evidence = []
    seen = set()
    for m in group:
        where = (m.mention.article_id, m.mention.sentence, m.mention.start, m.mention.end)
        if where not in seen:
            seen.add(where)
            evidence.append(m.mention)
    reasons = tuple(f"same key {key}: {m.mention.rule}" for m in group[1:])
    confidence = min(0.99, max(m.confidence for m in group) + 0.05 * (len(evidence) - 1))
    return Event(
        event_id=event_id(key), source=_richest(source, group, True),
        target=_richest(target, group, False), cameo=best.cameo, root=info.root,
        quad_class=info.quad_class, goldstein=info.goldstein, plover=info.plover,
        date=best.date, negated=best.negated, modality=best.modality,
        location=next((m.location for m in group if m.location), None),
        confidence=confidence, mentions=tuple(evidence), merge_reasons=reasons)


def _richest(actor: Actor, group: list[EventMention], is_source: bool) -> Actor:
    """The most informative description of the same side among the group's mentions."""
    candidates = [m.source if is_source else m.target for m in group]
    candidates += [m.target if is_source else m.source for m in group if m.symmetric]
    same = [a for a in candidates if side(a) == side(actor)]
    return max(same, key=lambda a: (bool(a.name), bool(a.agent)), default=actor)
