"""Actor phrases that say where, not who: which units after a trigger are its place rather than
its target ("met in Havana", "protested in Lima", "arrested protesters in Nairobi"), and the
place attached to an actor phrase ("the government in Kabul", "the ambassador in Buenos Aires").
"""
from __future__ import annotations

from dyad.actors.match import CAPITAL_ONLY, Unit
from dyad.events.lexicon import TriggerMatch
from dyad.events.placement import (
    PLACE_KINDS,
    PROTEST_ROOT,
    Placed,
    after_kind,
    after_preposition,
)
from dyad.grammar import Grammar
from dyad.model import Token

# "shelled positions in Lebanon": from force posture (15) on, the place is the target; a
# protest's target is whom it is against, not where it is ("marcharon en Lima")
LOCATION_TARGET_FROM_ROOT = "15"
PLACE_NOT_TARGET = ("173", "175")  # "arrested protesters in Nairobi": whom police arrest is not the city
COOPERATION_BEFORE_ROOT = "09"  # roots 01-08: statements, appeals, cooperation, aid, yielding
GENITIVE_HEAD_REACH = 2  # lowercase words between a preposition and a capital it governs


def place_attached(unit: Unit | None, placed: list[Placed], tokens: list[Token], grammar: Grammar) -> bool:
    """A name right after an actor phrase, joined by a location preposition: "die Regierung in
    Peking", "the government in Kabul" (the actor is that place's)."""
    return attached_place(unit, placed, tokens, grammar) is not None


def attached_place(unit: Unit | None, placed: list[Placed], tokens: list[Token],
                   grammar: Grammar) -> range | None:
    """The token indices of the name `place_attached` finds, or None."""
    own = next((p for p in placed if p.unit is unit), None)
    if own is None or own.last + 2 >= len(tokens) or not grammar.has("location_prep", tokens[own.last + 1].text):
        return None
    j = own.last + 2
    while j < len(tokens) - 1 and (grammar.has("glue", tokens[j].text) or grammar.has("place_noun", tokens[j].text)):
        j += 1
    if not tokens[j].text[:1].isupper():
        return None
    end = j
    while end + 1 < len(tokens) and tokens[end + 1].text[:1].isupper():
        end += 1
    return range(j, end + 1)


def _opposed_to_pattern_noun(placed: Placed, match: TriggerMatch, tokens: list[Token], grammar: Grammar) -> bool:
    """"levé les sanctions contre l'Iran", "hob die Sanktionen gegen Iran auf": the opposed word
    right after the pattern's own noun names whom that thing (and so its easing) concerns."""
    last = max(i for i in match.indices if i < placed.first) if any(i < placed.first for i in match.indices) else -1
    following = last + 1
    return last >= 0 and len(match.indices) > 1 and grammar.has("opposed", tokens[following].text) \
        and all(grammar.has("glue", t.text) or grammar.has("determiner", t.text)
                for t in tokens[following + 1:placed.first])


def not_places(units: list[Placed], match: TriggerMatch, tokens: list[Token],
               grammar: Grammar) -> list[Placed]:
    """Leave out the units that say where an event happened, for codes whose target is whom,
    not where: "met in Havana", "protested in Lima", "marched in the streets of Lima"; visits
    and attacks take their place as target."""
    code = match.trigger.cameo
    if (code[:2] < LOCATION_TARGET_FROM_ROOT and not code.startswith("042")) or code.startswith(PLACE_NOT_TARGET):
        units = [p for p in units if not after_kind(p.first, tokens, grammar, "location_prep")
                 and not _apposed_place(p, tokens, grammar)]
    if code[:2] < COOPERATION_BEFORE_ROOT:
        # "поддержало санкции против Израиля", "backed sanctions against Iran": whom the thing
        # supported or given is against is not whom the support goes to
        units = [p for p in units if not after_kind(p.first, tokens, grammar, "opposed")
                 or p.first - 1 in match.indices or _opposed_to_pattern_noun(p, match, tokens, grammar)]
    if code[:2] >= LOCATION_TARGET_FROM_ROOT:
        units = [p for p in units if not _capital_after_object(p, match, tokens, grammar)]
    if code[:2] < COOPERATION_BEFORE_ROOT:  # "стянула войска к границе с Украиной" is a direction
        units = [p for p in units if not _inside_content(p, match, tokens, grammar)]
    if code[:2] == PROTEST_ROOT and grammar.words.get("opposed"):
        units = [p for p in units if not _capital_as_place(p, match, tokens, grammar)]
    if code[:2] == PROTEST_ROOT:
        units = [p for p in units if not _next_verb_between(match.indices[-1], p.first, tokens, grammar)]
    return units


def _next_verb_between(start: int, end: int, tokens: list[Token], grammar: Grammar) -> bool:
    """A coordinator and a verb form (a `gerund_ending` or `past_ending` word) between a
    protest and an actor: "marching through the streets and clashing with the police" - the
    police are whom they clashed with, not what the march was against."""
    endings = tuple(grammar.words.get("gerund_ending", ())) + tuple(grammar.words.get("past_ending", ()))
    return bool(endings) and any(
        grammar.has("coordinator", tokens[i].text) and tokens[i + 1].text.lower().endswith(endings)
        and tokens[i + 1].text.lower() != tokens[i + 1].lemma for i in range(start + 1, end - 1))


def _apposed_place(placed: Placed, tokens: list[Token], grammar: Grammar) -> bool:
    """A country or capital after a comma that follows a place after a location preposition is
    part of that place: "protested in Nairobi, Kenya", "en Mombasa, Kenia" (no target)."""
    comma = placed.first - 1
    if placed.unit.kinds - PLACE_KINDS or comma < 2 or tokens[comma].text != ",":
        return False
    k = comma - 1
    while k > 0 and (tokens[k].text[:1].isupper() or grammar.has("glue", tokens[k].text)
                     or grammar.has("place_noun", tokens[k].text)
                     or (len(tokens[k].text) <= 3 and tokens[k - 1].text[:1].isupper())) \
            and not grammar.has("location_prep", tokens[k].text) and not grammar.has("place_prep", tokens[k].text):
        k -= 1  # "in Rio de Janeiro, Brazil", "in the city of Mombasa, Kenya", "a Nairobi, Kenya"
    return k < comma - 1 and (grammar.has("location_prep", tokens[k].text) or grammar.has("place_prep", tokens[k].text))


def _inside_content(placed: Placed, match: TriggerMatch, tokens: list[Token], grammar: Grammar) -> bool:
    """For appeals and cooperation, an actor in a phrase hanging off a noun after a
    `content_prep` word is part of what is asked or aimed at: "призвал ... к взаимодействию с Китаем" (China is whom to engage, not
    whom the appeal is to). Only where the grammar lists `content_prep`."""
    if not grammar.words.get("content_prep") or not after_preposition(placed.first, tokens, grammar):
        return False
    j = placed.first - 1
    while j > 0 and not grammar.has("preposition", tokens[j].text):
        j -= 1  # the glue and titles after_preposition skipped
    k = j - 1
    while k > j - 1 - GENITIVE_HEAD_REACH and k > match.indices[-1] and tokens[k].text[:1].islower() \
            and not grammar.has("preposition", tokens[k].text):
        k -= 1
    return k < j - 1 and k > match.indices[-1] - 1 and grammar.has("content_prep", tokens[k].text)


def _capital_after_object(placed: Placed, match: TriggerMatch, tokens: list[Token],
                          grammar: Grammar) -> bool:
    """A capital after a city preposition (`place_prep`: "à", "a") once the act already has
    its object is where it happened: "a arrêté vingt personnes à Dakar"; "a attaqué Kiev" and a
    trigger ending in the preposition ("s'est rendu à Pékin") keep it."""
    end = match.indices[-1]
    if placed.unit.kinds != CAPITAL_ONLY or placed.first - 1 <= end \
            or not after_kind(placed.first, tokens, grammar, "place_prep"):
        return False
    return any(t.text[:1].isalpha() and t.text[:1].islower() and not grammar.has("place_prep", t.text)
               and not any(grammar.has(k, t.text) for k in ("glue", "determiner", "subject_gap"))
               for t in tokens[end + 1:placed.first])


def _capital_as_place(placed: Placed, match: TriggerMatch, tokens: list[Token],
                      grammar: Grammar) -> bool:
    """A capital after a preposition other than "against" is where a protest went ("las calles
    de Lima", "hasta la plaza de Caracas"); "contra Pekín" is whom it is against. Only where the
    grammar lists `opposed` words."""
    if placed.unit.kinds != CAPITAL_ONLY or (placed.first - 1 in match.indices
                                             and grammar.has("preposition", tokens[placed.first - 1].text)):
        return False
    if after_preposition(placed.first, tokens, grammar):
        return not after_kind(placed.first, tokens, grammar, "opposed")
    # a capital in the genitive of a noun after a preposition: "на улицы Минска" (the streets
    # of Minsk), "против решения Москвы" (against Moscow's decision): the preposition decides
    j = placed.first - 1
    while j > placed.first - 1 - GENITIVE_HEAD_REACH and j >= 0 and tokens[j].text[:1].islower() \
            and not grammar.has("preposition", tokens[j].text):
        j -= 1
    return j < placed.first - 1 and j >= 0 and grammar.has("preposition", tokens[j].text) \
        and not grammar.has("opposed", tokens[j].text)
