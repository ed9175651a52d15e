"""The two sides a symmetric noun names after "between": "enfrentamientos entre policías y
manifestantes", "negociaciones entre Israel y Siria", whatever stands before the noun ("Hubo
...", "provocó ...")."""
from __future__ import annotations

from dyad.events.lexicon import TriggerMatch
from dyad.events.placement import Placed
from dyad.grammar import Grammar
from dyad.model import Token

PAIR_REACH = 3  # "entre los policías", "entre unos 400 hinchas": articles or a count before the first side


def between_pair(match: TriggerMatch, after: list[Placed], tokens: list[Token],
                 grammar: Grammar) -> tuple[Placed, Placed] | None:
    """The first two actors after a trigger ending in a `between` word (grammar.tsv), joined by
    a coordinator with only articles and counts around; None otherwise."""
    end = match.indices[-1]
    if not grammar.has("between", tokens[end].text) or len(after) < 2:
        return None
    first, second = after[0], after[1]
    if first.first - end > PAIR_REACH or not all(_filler(t, grammar) for t in tokens[end + 1:first.first]):
        return None
    gap = tokens[first.last + 1:second.first]
    if not any(grammar.has("coordinator", t.text) for t in gap) \
            or not all(_filler(t, grammar) or grammar.has("coordinator", t.text) for t in gap):
        return None
    return first, second


def _filler(token: Token, grammar: Grammar) -> bool:
    return grammar.has("determiner", token.text) or grammar.has("quantity", token.text) \
        or grammar.has("glue", token.text) or token.text.isdigit()
