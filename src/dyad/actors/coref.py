"""Light, rule-based coreference within one article.

Resolves role-only phrases ("the ambassador"), pronouns ("he", "er"), "his guest" and
"both sides" to actors seen earlier, and later short names ("Tung") to the person introduced
in full. The state lives in a `Discourse` object made per article: nothing is global.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from dyad.actors.match import Unit
from dyad.actors.roles import (
    GENERIC_ROLES,
    GROUP_ROLES,
    MEMBER_NAME,
    NO_STATE,
    OFFICE_ROLES,
    SINGLE_HOLDER_ROLES,
    is_stateless,
)
from dyad.model import Actor


def actor_of(unit: Unit) -> Actor | None:
    """The actor a unit names by itself (no coreference), or None."""
    if unit.group and not unit.country:  # a transnational group keeps its own code
        return Actor(code=unit.group, country=None, agent=unit.agent, name=unit.name, role=unit.role)
    if unit.igo:
        return Actor(code=unit.igo + (unit.agent or "") if unit.agent and unit.agent != "GOV"
                     else unit.igo, country=None, agent=unit.agent, name=unit.name, role=unit.role)
    if unit.country:
        return Actor(code=unit.country + (unit.agent or ""), country=unit.country,
                     agent=unit.agent, name=unit.name, role=unit.role)
    if unit.role in GROUP_ROLES and unit.agent and (not unit.name or unit.rule.endswith(MEMBER_NAME)):
        # "los abogados", and "el abogado Taormina": a member of the group, named, state unknown
        return Actor(code=NO_STATE + unit.agent, country=None, agent=unit.agent, name=unit.name,
                     role=unit.role)
    return None


QUOTE_OPENERS = frozenset(':"“«„')  # a colon or an opening quotation mark starts what a speaker says
QUOTE_CLOSERS = frozenset('”»')
SPEAKER_REACH = 6  # words between the speaker and the quote ("said on Monday:") and into it


def quote_speaker(pronoun: Unit, earlier: list[Unit], text: str, offset: int) -> Actor | None:
    """The actor named right before the colon or quotation mark that opens the quote a "we"
    stands in: 'Tổng thống Mỹ Donald Trump nói: "Chúng tôi sẽ gặp ..."' - "we" are the speaker's."""
    speaker = next((u for u in reversed(earlier) if u.end <= pronoun.start and u.actor is not None
                    and not u.descriptor), None)
    if speaker is None:
        return None
    between = text[speaker.end - offset:pronoun.start - offset]
    mark = next((i for i, ch in enumerate(between) if ch in QUOTE_OPENERS), None)
    if mark is None:
        return None  # "we" outside a quote: nobody named
    lead, inside = between[:mark], between[mark + 1:]
    if len(lead.split()) > SPEAKER_REACH or len(inside.split()) > SPEAKER_REACH \
            or any(ch in QUOTE_CLOSERS for ch in inside) or inside.count('"') > 1:
        return None
    return speaker.actor


PARTIES_IN_VIEW = 3  # sentences back that "both sides" may reach for the two principal states


@dataclass
class Discourse:
    """What an article has said so far about its actors (one instance per article)."""

    principals: tuple[Actor, ...] = ()
    history: list[Actor] = field(default_factory=list)  # person-like actors, oldest first
    last_subject: Actor | None = None
    short_names: dict[str, Actor] = field(default_factory=dict)
    # who held (country, role) on the article's date: "the Vietnamese President" → its holder,
    # when the article itself has not named one
    holders: Callable[[str, str], str | None] | None = None
    sentence: int = 0  # the sentence being coded (the pipeline sets it)
    last_seen: dict[str, int] = field(default_factory=dict)  # country → last sentence naming it
    text: str = ""  # the sentence being coded and its offset in the article (the pipeline sets them)
    offset: int = 0
    here: list[Unit] = field(default_factory=list)  # units of this sentence resolved so far

    def resolve(self, unit: Unit) -> Unit:
        """Give a unit its actor, from itself or from what came before; rule records how."""
        actor = actor_of(unit)
        rule = unit.rule
        if unit.descriptor == "speaker_pronoun":
            here = [u for u in self.here if self.offset <= u.start]
            actor, rule = quote_speaker(unit, here, self.text, self.offset), "coref:speaker_pronoun"
        elif unit.descriptor:
            actor, rule = self._descriptor(unit.descriptor), f"coref:{unit.descriptor}"
        elif actor is not None and is_stateless(actor):
            rule = f"{rule}+no-state"
        elif actor is not None and not actor.name and actor.agent:
            earlier = self._same_office(actor)
            holder = self._holder(actor) if earlier is None else None
            if earlier is not None:
                actor, rule = earlier, f"{rule}+coref:same-office"
            elif holder is not None:
                actor, rule = replace(actor, name=holder), f"{rule}+holder-on-date"
        elif actor is None and unit.role in OFFICE_ROLES:
            actor, rule = self._by_role(unit.role), f"coref:role:{unit.role}"
        return replace(unit, actor=actor, rule=rule)

    def remember(self, unit: Unit) -> None:
        """Record a resolved unit so later references can find it."""
        actor = unit.actor
        self.here = [u for u in self.here if u.start >= self.offset] + [unit]
        if actor is not None and actor.country:
            self.last_seen[actor.country] = self.sentence
        if actor is None or not unit.person_like or is_stateless(actor):
            return
        self.history.append(actor)
        if actor.name and actor.country:
            last = actor.name.split()[-1]
            if len(last) >= 3 and last[0].isupper():
                self.short_names.setdefault(last, actor)

    def set_subject(self, actor: Actor | None) -> None:
        """Remember the sentence's subject, if it is a person or office ("he" refers to it)."""
        if actor is not None and (actor.name or actor.agent):
            self.last_subject = actor

    def other_than(self, country: str | None) -> list[Actor]:
        """Person-like actors seen so far, most recent first, from another country."""
        return [a for a in reversed(self.history) if a.country != country]

    def _descriptor(self, kind: str) -> Actor | None:
        if kind == "subject_pronoun":
            return self.last_subject or (self.history[-1] if self.history else None)
        return None  # "his guest", "him", "both sides" depend on the event: see arguments.py

    def other_party(self, subject: Actor | None = None) -> Actor | None:
        """"his guest", "his counterpart": the main person of the principal state other than
        the subject's (by default the last subject)."""
        subject = subject or self.last_subject
        subject_country = subject.country if subject else None
        others = [p for p in self.principals if p.country != subject_country]
        if not others:
            return None
        country = others[0].country
        people = Counter(a for a in self.history if a.country == country and a.name)
        return people.most_common(1)[0][0] if people else others[0]

    def both_parties(self) -> tuple[Actor, ...]:
        """"both sides", "beide Seiten": the article's two principal states, when both were named
        in this sentence or the PARTIES_IN_VIEW before it (else the sides are someone else:
        "both sides" of an Afghan peace talk in an article about Pakistan)."""
        if len(self.principals) != 2:
            return ()
        recent = all(self.sentence - self.last_seen.get(p.country or "", -99) <= PARTIES_IN_VIEW
                     for p in self.principals)
        return self.principals if recent else ()

    def _by_role(self, role: str) -> Actor | None:
        for actor in reversed(self.history):
            if actor.role == role or (role in GENERIC_ROLES and actor.role in GENERIC_ROLES):
                return actor
        return None

    def _holder(self, actor: Actor) -> str | None:
        if self.holders is None or not actor.country or actor.role not in SINGLE_HOLDER_ROLES:
            return None
        return self.holders(actor.country, actor.role)

    def _same_office(self, actor: Actor) -> Actor | None:
        """"The Cuban leader" after "Miguel Díaz-Canel": the named holder of that office."""
        for earlier in reversed(self.history):
            if earlier.country == actor.country and earlier.name and (
                    earlier.role == actor.role
                    or (actor.role in GENERIC_ROLES and earlier.role in GENERIC_ROLES)):
                return earlier
        return None


def rank_principals(units: list[Unit]) -> tuple[Actor, ...]:
    """The article's two most-mentioned states: what "both sides" and "his guest" point to."""
    counts: Counter[str] = Counter(u.country for u in units if u.country and not u.descriptor)
    return tuple(Actor(code=c, country=c) for c, _ in counts.most_common(2))
