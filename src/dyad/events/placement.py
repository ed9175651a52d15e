"""Where an actor phrase stands in a sentence: token positions and the words before it.

The small position tests every argument rule shares: is a unit inside a prepositional phrase,
after a word of some grammar kind, separated from the trigger only by articles and titles.
"""
from __future__ import annotations

from dataclasses import dataclass

from dyad.actors.match import Unit
from dyad.events.lexicon import TriggerMatch
from dyad.grammar import Grammar
from dyad.model import Token

PROTEST_ROOT = "14"
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
