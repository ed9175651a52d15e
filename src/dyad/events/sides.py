"""The two sides of an event: the Arguments record, and how an actor phrase becomes a side once
the other side is known (object pronouns, "his counterpart", "both sides", a group's own office)."""
from __future__ import annotations

from dataclasses import dataclass

from dyad.actors.coref import Discourse
from dyad.actors.match import Unit
from dyad.actors.roles import GROUP_ROLES, NO_STATE, SINGLE_HOLDER_ROLES
from dyad.model import Actor

NO_TARGET = Actor(code=NO_STATE, country=None)  # an event reported without a target
STATE_AGENTS = frozenset({"GOV", "MIL", "LEG", "JUD"})  # agents that are the state itself


@dataclass(frozen=True)
class Arguments:
    """The sides coded for one trigger, the phrases they come from, and the rule that chose them."""

    source: Actor
    target: Actor
    source_unit: Unit | None  # None: the source is implied by a noun trigger (untargeted.tsv)
    target_unit: Unit | None  # None: no target named (untargeted.tsv codes only)
    how: str  # which rule chose them, for the evidence: "subject-object", "passive" ...
    reported: bool = False  # a participle modifying a noun ("the embargo imposed by the US")


def different_state(a: Actor, b: Actor) -> bool:
    """The two actors belong to different states (or organisations)."""
    return (a.country or a.code) != (b.country or b.code)


def resolve_against(unit: Unit, source: Actor | None, discourse: Discourse) -> Actor | None:
    """Resolve what depends on the source: object pronouns and "both sides"."""
    if unit.descriptor == "object_pronoun":
        others = discourse.other_than(source.country if source else None)
        return others[0] if others else None
    if unit.descriptor == "other_party":
        return discourse.other_party(source)
    if unit.descriptor == "both_parties":
        others = [p for p in discourse.both_parties() if source is None or different_state(p, source)]
        return others[0] if others else None
    if unit.actor is None and home_office(unit, source):
        # "Thai students demanded that the Prime Minister resign": a group of a named state
        # addresses its own state's office, which the text need not name again
        return Actor(code=source.country + unit.agent, country=source.country, agent=unit.agent,
                     role=unit.role)
    return unit.actor


def home_office(unit: Unit, source: Actor | None) -> bool:
    """A single office named with no state or earlier holder, and a source that is a
    non-state group (students, workers, opposition) of a known state."""
    return (source is not None and bool(source.country) and unit.role in SINGLE_HOLDER_ROLES
            and bool(unit.agent) and not unit.name and source.role in GROUP_ROLES
            and source.agent not in STATE_AGENTS)
