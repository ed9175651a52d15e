"""One event, many mentions: merge the event mentions of one article that report one interaction.

Identity is decided by `dyad.identity` (the same rules the store applies across articles and
languages): matching sides (country or organisation; agent and person where both are known),
compatible codes (the same three-digit category, or a root's "not specified" category joining the
one specific category reported for the same pair and day: "met" and "held a phone call"; but
"praised" 051 and "signed an agreement" 057 stay two events), overlapping dates and the same
polarity. Undated events merge only within their article.
"""
from __future__ import annotations

from dyad.identity import Report, cluster, event_id, identity_key, side
from dyad.model import Actor, Event, EventMention, Modality
from dyad.ontology import Ontology

__all__ = ["deduplicate", "report_of", "side"]


def report_of(mention: EventMention) -> Report:
    """The identity view of one coded mention."""
    m = mention.mention
    return Report(mention.source, mention.target, mention.cameo, mention.date, mention.negated,
                  mention.symmetric, group=m.article_id,
                  tiebreak=f"{m.sentence:06d}:{m.start:08d}:{m.end:08d}")


def deduplicate(mentions: list[EventMention], ontology: Ontology) -> list[Event]:
    """Cluster mentions into Events; events in first-mention order, whatever the input order."""
    reports = [report_of(m) for m in mentions]
    events = []
    for group in cluster(reports):
        members = sorted(group.members, key=lambda i: reports[i].tiebreak)  # text order
        why = tuple(group.reason(i) for i in members[1:])
        events.append(_merge([mentions[i] for i in members], why, ontology))
    return sorted(events, key=lambda e: (e.mentions[0].sentence, e.mentions[0].start,
                                         e.mentions[0].end, e.event_id))


def _specificity(mention: EventMention) -> tuple[int, float]:
    """Prefer the most specific code ("0254" over "025" over "020"), then confidence."""
    code = mention.cameo
    return (len(code.rstrip("0")) + len(code), mention.confidence)


def _merge(group: list[EventMention], reasons: tuple[str, ...], ontology: Ontology) -> Event:
    """One Event from mentions in text order: the most specific code, the richest actors."""
    best = max(group, key=_specificity)
    dated = max(group, key=lambda m: len(m.date.value or ""))
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
    confidence = min(0.99, max(m.confidence for m in group) + 0.05 * (len(evidence) - 1))
    source, target = _richest(source, group, True), _richest(target, group, False)
    key = identity_key(Report(source, target, best.cameo, dated.date, best.negated,
                              best.symmetric, group=group[0].mention.article_id))
    return Event(
        event_id=event_id(key), source=source, target=target, cameo=best.cameo, root=info.root,
        quad_class=info.quad_class, goldstein=info.goldstein, plover=info.plover,
        date=dated.date, negated=best.negated, modality=_modality(group, best),
        location=next((m.location for m in group if m.location), None),
        confidence=confidence, mentions=tuple(evidence), symmetric=best.symmetric,
        merge_reasons=tuple(f"{m.mention.article_id}:{m.mention.sentence}: {why}"
                            for m, why in zip(group[1:], reasons, strict=True)))


def _modality(group: list[EventMention], best: EventMention) -> Modality:
    """One report that it happened outweighs another that it was planned: "protests against
    racism" and, later, "sent to quell demonstrations" are one asserted protest."""
    return "asserted" if any(m.modality == "asserted" for m in group) else best.modality


def _richest(actor: Actor, group: list[EventMention], is_source: bool) -> Actor:
    """The most informative description of the same side among the group's mentions."""
    candidates = [m.source if is_source else m.target for m in group]
    candidates += [m.target if is_source else m.source for m in group if m.symmetric]
    # the same state and, where both are known, the same agent: in "the Taliban (AFGREB) fought
    # the police (AFGCOP)" the police side is not the richer-named Taliban
    same = [a for a in candidates if side(a) == side(actor)
            and (not a.agent or not actor.agent or a.agent == actor.agent)]
    return max(same, key=lambda a: (bool(a.name), bool(a.agent)), default=actor)
