"""Coordinated and listed actors: "A and B at their meeting", "Japan and South Korea signed a
pact with the US", "the UAE, Saudi Arabia, Egypt and Bahrain broke off relations": each
conjunct of a subject acts, an event of its own."""
from __future__ import annotations

from dataclasses import replace

from dyad.actors.coref import Discourse
from dyad.actors.roles import is_stateless
from dyad.events.placement import Placed
from dyad.events.sides import Arguments, different_state, resolve_against
from dyad.grammar import Grammar
from dyad.model import Token


def coordinated_partner(subject: Placed, before: list[Placed], tokens: list[Token],
                         grammar: Grammar) -> Placed | None:
    """"A and B at their meeting": B's partner A."""
    for placed in reversed(before):
        if placed.last < subject.first:
            between = tokens[placed.last + 1:subject.first]
            words = [t.text for t in between if t.text not in "()" and len(t.text) > 1
                     or t.text.isalpha()]
            if any(grammar.has("coordinator", w) for w in words) and len(between) <= 6:
                return placed
            return None
    return None


def coordinated_sources(args: Arguments, placed: list[Placed], tokens: list[Token],
                        grammar: Grammar, discourse: Discourse) -> list[Arguments]:
    """"Japan and South Korea signed a pact with the US": the subject's conjuncts before it act
    on the same target, each an event of its own (with a different state from the target's);
    "criticised by both sides": the article's other principal state acts too."""
    if args.source_unit is not None and args.source_unit.descriptor == "both_parties":
        return [replace(args, source=party, how=f"{args.how}, both parties")
                for party in discourse.both_parties()
                if different_state(party, args.source) and different_state(party, args.target)]
    if args.how not in ("subject-verb", "verb-subject") or args.source_unit is None \
            or args.target_unit is None or is_stateless(args.target):
        return []
    subject = next((p for p in placed if p.unit is args.source_unit), None)
    if args.how == "verb-subject":
        return _following_sources(args, subject, placed, tokens, grammar, discourse)
    if subject is None or any(t.text in "()" for t in tokens[subject.last + 1:subject.last + 2]):
        return []  # "el Grupo de Contacto (Alemania, ..., Rusia e Italia) lanzó": a list aside
    out: list[Arguments] = []
    while subject is not None:
        earlier = [p for p in placed if p.last < subject.first]
        partner = coordinated_partner(subject, earlier, tokens, grammar) if not out \
            else _listed_partner(subject, earlier, tokens, grammar)
        if partner is None or partner.first > 0 and grammar.has("preposition", tokens[partner.first - 1].text):
            break
        more = _conjunct(args, partner, discourse)
        if more is None:
            break
        out.append(more)
        subject = partner
    return out


def _following_sources(args: Arguments, subject: Placed | None, placed: list[Placed],
                       tokens: list[Token], grammar: Grammar, discourse: Discourse) -> list[Arguments]:
    """"Отношения с Катаром разорвали ОАЭ, Саудовская Аравия, Египет и Бахрейн": a subject
    after its verb heads a list; each later conjunct (a comma or a coordinator apart) acts too."""
    out: list[Arguments] = []
    while subject is not None:
        partner = next((p for p in placed if p.first > subject.last), None)
        words = [t.text for t in tokens[subject.last + 1:partner.first]] if partner else []
        if partner is None or partner.unit is args.target_unit or not (
                words == [","] or (len(words) in (1, 2) and grammar.has("coordinator", words[-1])
                                   and words[:-1] in ([], [","]))):
            break
        more = _conjunct(args, partner, discourse)
        if more is None:
            break
        out.append(more)
        subject = partner
    return out


def _conjunct(args: Arguments, partner: Placed, discourse: Discourse) -> Arguments | None:
    """The event again with a conjunct of its subject as source: a named actor of another state
    than both sides ("Japan and South Korea ... with the US")."""
    actor = resolve_against(partner.unit, None, discourse)
    if actor is None or partner.unit.descriptor or is_stateless(actor) \
            or not different_state(actor, args.target) or not different_state(actor, args.source):
        return None
    return replace(args, source=actor, source_unit=partner.unit, how="coordinated-source")


def _listed_partner(subject: Placed, before: list[Placed], tokens: list[Token],
                    grammar: Grammar) -> Placed | None:
    """"the UAE, Saudi Arabia, Egypt and Bahrain": the actor a comma (or "and") before."""
    placed = before[-1] if before else None
    if placed is None:
        return None
    words = [t.text for t in tokens[placed.last + 1:subject.first]]
    if words == [","] or (len(words) == 2 and words[0] == "," and grammar.has("coordinator", words[1])):
        return placed
    return coordinated_partner(subject, before, tokens, grammar)
