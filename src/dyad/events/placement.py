"""Where an actor phrase stands in a sentence: token positions and the words before it.

The small position tests every argument rule shares: is a unit inside a prepositional phrase,
after a word of some grammar kind, separated from the trigger only by articles and titles.
"""
from __future__ import annotations

from dataclasses import dataclass

from dyad.actors.match import Unit
from dyad.grammar import Grammar
from dyad.model import Token


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
