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
FUNCTION_KINDS = ("glue", "determiner", "preposition", "coordinator", "subject_gap", "pronoun",
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


def dateline_end(tokens: list[Token], placed: list[Placed]) -> int:
    """The dash closing a dateline ("Washington - ...", "MOSCOW, May 2 (AP) -"), else -1: where
    the report was filed is never an actor of the sentence, in any language. The sentence opens
    with a place we know or a word in capitals ("People - including ..." is no dateline); only
    capitalised words, numbers, commas and brackets stand before the dash."""
    if not tokens or not (tokens[0].text.isupper() and len(tokens[0].text) > 1
                          or any(p.first == 0 and p.unit.kinds <= PLACE_KINDS for p in placed)):
        return -1
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
                      or grammar.has("honorific", tokens[j].text)) \
            and not grammar.has("preposition", tokens[j].text):
        j -= 1
    if j >= 0 and grammar.has("quantity_of", tokens[j].text) and j > 0 \
            and (grammar.has("quantity", tokens[j - 1].text) or tokens[j - 1].text.isdigit()):
        return False  # "hundreds of Armenians", "Tausende von Demonstranten"
    return j >= 0 and grammar.has("preposition", tokens[j].text)


def after_kind(index: int, tokens: list[Token], grammar: Grammar, kind: str) -> bool:
    j = index - 1
    while j >= 0 and grammar.has("glue", tokens[j].text) and not grammar.has(kind, tokens[j].text):
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


def not_places(units: list[Placed], match: TriggerMatch, tokens: list[Token],
               grammar: Grammar) -> list[Placed]:
    """Leave out the units that say where an event happened, for codes whose target is whom,
    not where: "met in Havana", "protested in Lima", "marched in the streets of Lima"; visits
    and attacks take their place as target."""
    code = match.trigger.cameo
    if code[:2] < LOCATION_TARGET_FROM_ROOT and not code.startswith("042"):
        units = [p for p in units if not after_kind(p.first, tokens, grammar, "location_prep")]
    if code[:2] == PROTEST_ROOT and grammar.words.get("opposed"):
        units = [p for p in units if not _capital_as_place(p, match, tokens, grammar)]
    return units


def _capital_as_place(placed: Placed, match: TriggerMatch, tokens: list[Token],
                      grammar: Grammar) -> bool:
    """A capital after a preposition other than "against" is where a protest went ("las calles
    de Lima", "hasta la plaza de Caracas"); "contra Pekín" is whom it is against. Only where the
    grammar lists `opposed` words."""
    if placed.unit.kinds != CAPITAL_ONLY or placed.first - 1 in match.indices:
        return False
    return after_preposition(placed.first, tokens, grammar) \
        and not after_kind(placed.first, tokens, grammar, "opposed")


def subject_modifiers(subject: Placed, tokens: list[Token], grammar: Grammar) -> frozenset[int]:
    """Token indices of the prepositional phrases of names right after the subject ("Protesters
    in Bangkok demanded", "Studenten aus Kiew und Lwiw forderten"), and of the plural adjectives
    that follow it ("los educadores estatales exigen")."""
    i = _plural_adjectives_end(subject, tokens, grammar)
    covered: set[int] = set(range(subject.last + 1, i))
    while i < len(tokens) and grammar.has("preposition", tokens[i].text):
        j = i + 1
        while j < len(tokens) and (grammar.has("determiner", tokens[j].text)
                                   or grammar.has("glue", tokens[j].text)):
            j += 1
        names = j
        while j < len(tokens) and (tokens[j].text[:1].isupper() or (
                j + 1 < len(tokens) and tokens[j + 1].text[:1].isupper()
                and (grammar.has("glue", tokens[j].text)
                     or grammar.has("coordinator", tokens[j].text)))):
            j += 1
        if j == names:
            break  # "in the streets": not a name
        covered.update(range(i, j))
        i = j
    return frozenset(covered)


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
            and not any(grammar.has(k, tokens[i].text) for k in FUNCTION_KINDS):
        i += 1
    return i
