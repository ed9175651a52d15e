"""Where an actor phrase stands in a sentence: token positions and the words before it.

The small position tests every argument rule shares: is a unit inside a prepositional phrase,
after a word of some grammar kind, separated from the trigger only by articles and titles.
"""
from __future__ import annotations

from dataclasses import dataclass

from dyad.actors.match import CAPITAL_ONLY, Unit
from dyad.events.lexicon import TriggerMatch
from dyad.grammar import Grammar
from dyad.model import Token

# "shelled positions in Lebanon": from force posture (15) on, the place is the target; a
# protest's target is whom it is against, not where it is ("marcharon en Lima")
LOCATION_TARGET_FROM_ROOT = "15"
PROTEST_ROOT = "14"
PLACE_NOT_TARGET = ("173", "175")  # "arrested protesters in Nairobi": whom police arrest is not the city
COOPERATION_BEFORE_ROOT = "09"  # roots 01-08: statements, appeals, cooperation, aid, yielding
GENITIVE_HEAD_REACH = 2  # lowercase words between a preposition and a capital it governs
NOT_AN_ADJECTIVE = ("glue", "determiner", "preposition", "coordinator", "subject_gap", "pronoun",
                    "passive_aux", "negation", "intent", "relative_subject")


@dataclass(frozen=True)
class Placed:
    """A unit with the token indices it covers in the sentence."""

    unit: Unit
    first: int
    last: int


DASHES = frozenset({"-", "–", "—"})
DATELINE_REACH = 8  # "WASHINGTON, July 27 (Reuters) -": place, date and agency before the dash
PLACE_KINDS = frozenset({"capital", "country"})  # a dateline names a city (or a country)
DATELINE_MIN_REST = 4  # words after the dash: "Russia - Ukraine talks" is a headline, no dateline


def place_units(units: list[Unit], tokens: list[Token]) -> list[Placed]:
    placed = []
    for unit in units:
        inside = [i for i, t in enumerate(tokens) if t.start >= unit.start and t.end <= unit.end]
        if inside:
            placed.append(Placed(unit, inside[0], inside[-1]))
    return placed


def dateline_end(tokens: list[Token], placed: list[Placed], capitalised_nouns: bool = False) -> int:
    """The dash closing a dateline ("Washington - ...", "MOSCOW, May 2 (AP) -"), else -1: where
    the report was filed is never an actor of the sentence, in any language. The sentence opens
    with a place we know or a word in capitals ("People - including ..." is no dateline); only
    capitalised words, numbers, commas and brackets stand before the dash. Where nouns are
    capitalised, a place glued to the next noun is a dateline too ("Berlin Verbraucherschützer
    fordern ...": a place as subject is followed by its verb)."""
    opening = next((p for p in placed if p.first == 0 and p.unit.kinds <= PLACE_KINDS), None)
    if not tokens or not (tokens[0].text.isupper() and len(tokens[0].text) > 1 or opening):
        return -1
    if capitalised_nouns and opening is not None and opening.last + 1 < len(tokens) \
            and tokens[opening.last + 1].text[:1].isupper() \
            and not any(p.first == opening.last + 1 and p.unit.kinds <= PLACE_KINDS for p in placed):
        return opening.last
    for i, token in enumerate(tokens[:DATELINE_REACH + 1]):
        word = token.text
        if word in DASHES:
            return i if i > 0 and len(tokens) - i > DATELINE_MIN_REST else -1
        if not (word[:1].isupper() or word[:1].isdigit() or word in ",()."):
            return -1
    return -1


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


def after_preposition(index: int, tokens: list[Token], grammar: Grammar) -> bool:
    j = index - 1
    while j >= 0 and (grammar.has("glue", tokens[j].text) or grammar.has("title_adjective", tokens[j].text)
                      or grammar.has("honorific", tokens[j].text) or grammar.has("place_noun", tokens[j].text)) \
            and not grammar.has("preposition", tokens[j].text):
        j -= 1  # "in der Hauptstadt Nairobi", "in the capital, Nairobi"
    if j >= 0 and grammar.has("quantity_of", tokens[j].text) and j > 0 \
            and (grammar.has("quantity", tokens[j - 1].text) or tokens[j - 1].text.isdigit()):
        return False  # "hundreds of Armenians", "Tausende von Demonstranten"
    return j >= 0 and grammar.has("preposition", tokens[j].text)


def after_kind(index: int, tokens: list[Token], grammar: Grammar, kind: str) -> bool:
    j = index - 1  # "por (grupos de) manifestantes": glue and quantity words stand between
    while j >= 0 and (grammar.has("glue", tokens[j].text) or grammar.has("quantity", tokens[j].text)
                      or grammar.has("place_noun", tokens[j].text)) \
            and not grammar.has(kind, tokens[j].text):
        j -= 1
    return j >= 0 and grammar.has(kind, tokens[j].text)


def after_word(after: list[Placed], tokens: list[Token], grammar: Grammar, kind: str,
                limit: int | None = None) -> Placed | None:
    """The first unit introduced by a word of `kind` ("by", "from"), up to `limit` + 3."""
    for placed in after:
        if limit is not None and placed.first > limit + 3:
            break
        if after_kind(placed.first, tokens, grammar, kind):
            return placed
    return None


def only_filler(between: list[Token], grammar: Grammar, punctuation: bool = False) -> bool:
    return all(grammar.has("glue", t.text) or grammar.has("honorific", t.text)
               or grammar.has("title_adjective", t.text)
               or (punctuation and not t.text[0].isalnum()) for t in between)


def clause_start(anchor: int, clause_of: list[int]) -> int:
    i = anchor
    while i > 0 and clause_of[i - 1] == clause_of[anchor]:
        i -= 1
    return i


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


def subject_modifiers(subject: Placed, tokens: list[Token], grammar: Grammar) -> frozenset[int]:
    """Token indices of the prepositional phrases of names right after the subject ("Protesters
    in Bangkok demanded", "Studenten aus Kiew und Lwiw forderten"), and of the plural adjectives
    that follow it ("los educadores estatales exigen")."""
    i = _plural_adjectives_end(subject, tokens, grammar)
    covered: set[int] = set(range(subject.last + 1, i))
    while i < len(tokens) and grammar.has("preposition", tokens[i].text):
        j = i + 1
        while j < len(tokens) and (grammar.has("determiner", tokens[j].text)
                                   or grammar.has("glue", tokens[j].text) or grammar.has("place_noun", tokens[j].text)):
            j += 1  # "in the capital Nairobi"
        names = j
        while j < len(tokens) and (tokens[j].text[:1].isupper() or (
                j + 1 < len(tokens) and tokens[j + 1].text[:1].isupper()
                and (grammar.has("glue", tokens[j].text)
                     or grammar.has("coordinator", tokens[j].text)))):
            j += 1
        if j == names:
            j = _complement_end(i, tokens, grammar)
            if j == i:
                break  # "in the streets": not a name
        covered.update(range(i, j))
        i = j
    return frozenset(covered)


COMPLEMENT_WORDS = 4  # "de la empresa estatal de petróleo": content words of one "of" phrase


def _complement_end(i: int, tokens: list[Token], grammar: Grammar) -> int:
    """Past an "of" phrase of common nouns and adjectives right after the subject (grammar
    `subject_complement`: "los mineros de la región protestaron", "los campesinos de la zona
    norte bloquearon"); `i` itself when the word at `i` opens none."""
    if not grammar.has("subject_complement", tokens[i].text):
        return i
    j = i + 1
    while j < len(tokens) and (grammar.has("determiner", tokens[j].text) or grammar.has("glue", tokens[j].text)):
        j += 1
    end = _content_end(j, tokens, grammar)
    return end if end > j else i


NOUN_KINDS = ("place_noun",)  # grammar kinds that list nouns, not function words


def _content_end(j: int, tokens: list[Token], grammar: Grammar) -> int:
    """Past up to COMPLEMENT_WORDS lower-case words that no grammar kind lists (nouns, adjectives)."""
    start = j
    while j < len(tokens) and j - start < COMPLEMENT_WORDS and tokens[j].text.isalpha() \
            and tokens[j].text.islower() \
            and not any(grammar.has(k, tokens[j].text) for k in grammar.words if k not in NOUN_KINDS) \
            and not tokens[j].text.endswith(grammar.adverb_suffix or "\0"):
        j += 1
    return j


ATTRIBUTION_REACH = 4  # "nach Angaben von der", "according to the": words between it and the name


def attributed(placed: Placed, tokens: list[Token], grammar: Grammar) -> bool:
    """An actor named as the source of the report, not of the event: "According to the UN,",
    "Laut der UNO", "Nach Angaben der Behörden", "Der UNO zufolge" (grammar kind `attribution`)."""
    j = placed.first - 1
    while j >= max(0, placed.first - ATTRIBUTION_REACH) and not grammar.has("attribution", tokens[j].text) \
            and (grammar.has("glue", tokens[j].text) or grammar.has("determiner", tokens[j].text)
                 or grammar.has("preposition", tokens[j].text)):
        j -= 1
    following = tokens[placed.last + 1].text if placed.last + 1 < len(tokens) else ""
    return (j >= 0 and grammar.has("attribution", tokens[j].text)) or grammar.has("attribution_after", following)


INCLUSION_REACH = 6  # words between "including" and the actor it introduces


def in_inclusion_aside(placed: Placed, units: list[Placed], tokens: list[Token], grammar: Grammar) -> bool:
    """An actor in an aside after another actor (grammar kind `inclusion`): "Chinese media
    outlets, including state-linked newspapers, accused": the aside elaborates the first
    actor, which is the one that acts."""
    for k in range(placed.first - 1, max(0, placed.first - INCLUSION_REACH) - 1, -1):
        if tokens[k].text == ",":
            return False
        for n in (1, 2, 3):  # "including", "tra cui", "в том числе"
            comma = k - n
            if comma >= 1 and grammar.has("inclusion", " ".join(t.text for t in tokens[comma + 1:k + 1])):
                return tokens[comma].text == "," and any(u.last == comma - 1 for u in units)
    return False


COMPOUND_STOP_KINDS = ("glue", "preposition", "coordinator", "determiner", "clause_break", "subject_gap",
                       "negation", "passive_aux", "intent", "infinitive", "speech", "adverb")


def noun_modifier(placed: Placed, tokens: list[Token], grammar: Grammar) -> bool:
    """A lowercase actor word inside a prepositional phrase modifying the noun after it:
    "against police brutality", "in police custody" - a thing, not the police. Only where the
    grammar sets noun_compounds=yes (English; Romance adjectives follow their noun)."""
    if not grammar.noun_compounds or placed.last + 1 >= len(tokens) \
            or not after_preposition(placed.first, tokens, grammar):
        return False
    if any(t.text[:1].isupper() for t in tokens[placed.first:placed.last + 1]
           if not grammar.has("glue", t.text) and not grammar.has("determiner", t.text)):
        return False  # "against Russia's", "in Kenya police": a name keeps its phrase
    token = tokens[placed.last + 1]
    word = token.text
    inflected_verb = token.lemma != word and any(word.endswith(e) for e in grammar.words.get("past_ending", ()))
    return word.isalpha() and word.islower() and not inflected_verb \
        and not any(grammar.has(k, word) for k in COMPOUND_STOP_KINDS) \
        and not word.endswith(grammar.adverb_suffix or "\0")


def outside_complement(units: list[Placed], match: TriggerMatch, tokens: list[Token],
                       grammar: Grammar) -> list[Placed]:
    """Leave out actors deep inside a complement after the trigger: after a `complementizer`
    ("complained that the surges ... people") only the complement's subject right after it
    may be the target ("complained that Israel ..."); after an infinitive completing the
    pattern's last noun ("defended the decision to impose quarantine on Spain") only the verb's
    object right after it ("accepted the invitation to visit Portugal"); after a
    `subordinator` followed by an actor ("after Russia rejected"), none."""
    end = match.indices[-1]
    verb = tokens[end + 2].text if end + 2 < len(tokens) else ""
    if len(match.indices) > 1 and verb and grammar.has("infinitive", tokens[end + 1].text) \
            and not grammar.has("infinitive", tokens[end].text) and verb[:1].islower() \
            and not any(grammar.has(k, verb) for k in ("determiner", "glue", "quantity", "title_adjective")):
        units = [p for p in units if p.first <= end or (  # "convite para visitar Portugal"
            p.first > end + 2 and _only_articles(tokens[end + 3:p.first], grammar))]
    for i in range(end + 1, len(tokens)):
        following = tokens[i + 1].text if i + 1 < len(tokens) else ""
        if grammar.has("subordinator", tokens[i].text) and any(
                p.first > i and only_filler(tokens[i + 1:p.first], grammar) for p in units):
            # "Talks with Iran collapsed after Russia rejected it": another clause's subject
            return [p for p in units if p.first < i]
        if grammar.has("complementizer", tokens[i].text) and (
                following[:1].isupper() or grammar.has("determiner", following) or grammar.has("pronoun", following)):
            # not the determiner in "criticised that decision by Israel"
            subject = next((p for p in units if p.first > i), None)
            keep = subject is not None and _only_articles(tokens[i + 1:subject.first], grammar)
            return [p for p in units if p.first < i or (keep and p is subject)]
    return units


def _only_articles(between: list[Token], grammar: Grammar) -> bool:
    """Nothing but glue words and articles that are also filler: the next actor is the word's own."""
    return only_filler(between, grammar) \
        and all(grammar.has("determiner", t.text) or grammar.has("glue", t.text) for t in between)


ADJECTIVE_REACH = 2  # "los trabajadores mineros bolivianos": adjectives after a plural noun


def _plural_adjectives_end(subject: Placed, tokens: list[Token], grammar: Grammar) -> int:
    """Past the lower-case words after a plural subject that end like it (grammar kind
    `plural_adjective_ending`, for languages whose adjectives follow the noun and agree with
    it: es/pt "-s", it "-i"; a finite verb ends otherwise: "exigen", "protestaram")."""
    i = subject.last + 1
    head = tokens[subject.last].text.lower()
    ending = next((e for e in grammar.words.get("plural_adjective_ending", ()) if head.endswith(e)), None)
    if ending is None:
        return i
    i = _agreeing_words_end(i, ending, tokens, grammar)
    if i + 1 < len(tokens) and grammar.has("coordinator", tokens[i].text):
        # "habitantes y conservacionistas iniciaron": a second plural noun we cannot name
        after = _agreeing_words_end(i + 1, ending, tokens, grammar)
        i = after if after > i + 1 else i
    return i


def _agreeing_words_end(i: int, ending: str, tokens: list[Token], grammar: Grammar) -> int:
    start = i
    while i < len(tokens) and i < start + ADJECTIVE_REACH and tokens[i].text.isalpha() \
            and tokens[i].text.islower() and tokens[i].text.endswith(ending) \
            and not any(grammar.has(k, tokens[i].text) for k in NOT_AN_ADJECTIVE):
        i += 1
    return i
