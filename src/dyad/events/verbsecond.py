"""Verb-second clauses (German): who opens the clause before its finite verb.

A name we do not know, a list of actors, or a noun phrase after a comma that joins two main
clauses: each is the subject of the verb that follows it.
"""
from __future__ import annotations

from itertools import pairwise

from dyad.events.placement import Placed, only_filler
from dyad.grammar import Grammar
from dyad.model import Token

NOT_A_NAME = ("adverb", "pronoun", "determiner", "subject_gap", "coordinator", "clause_break", "preposition",
              "glue", "complementizer", "negation")  # words that open a clause without being its subject


def unknown_name_first(opening: int, anchor: int, tokens: list[Token], grammar: Grammar) -> bool:
    """A single capitalised word the lemmatiser leaves as it is ("Maas"; lemmas are lowercased)
    alone before a verb-second verb, and no function word or adverb ("Nun", "Gestern", "Es"):
    the clause's subject, though no actor."""
    word = tokens[opening]
    return opening == anchor - 1 and word.text[:1].isupper() and word.text.lower() == word.lemma \
        and not any(grammar.has(k, word.text) for k in NOT_A_NAME)


def joined_clause(opening: int, anchor: int, before: list[Placed], tokens: list[Token],
                   grammar: Grammar) -> int | None:
    """The comma before a capitalised noun phrase that stands right before a verb-second verb
    (not closing its clause), with words of its own clause before that comma: "Die USA halten wenig von Freihandel,
    WTO-Chef Azevedo trat zurück" - two main clauses joined by a comma; the phrase after it is
    the verb's subject, never the actor that opens the sentence."""
    covered = {i for p in before for i in range(p.first, p.last + 1)}  # "der brasilianische Präsident"
    j = anchor - 1
    while j > opening and (tokens[j].text[:1].isupper() or tokens[j].text == "-" or j in covered
                           or grammar.has("glue", tokens[j].text)):
        j -= 1
    if j <= opening or j == anchor - 1 or tokens[j].text != "," or not tokens[anchor - 1].text[:1].isupper() \
            or anchor + 1 >= len(tokens) or not tokens[anchor + 1].text[:1].isalnum():
        return None  # a verb closing its clause is final: "..., Präsident Trump anzugreifen."
    return j


def listed_subject(before: list[Placed], opening: int, anchor: int, tokens: list[Token],
                    grammar: Grammar) -> Placed | None:
    """"Russland und China kritisierten Japan", "Die USA und die EU haben Russland kritisiert":
    a list of actors that opens a verb-second clause, right before its finite verb, is the
    subject; its last conjunct stands for it (the others join as coordinated sources), and
    nothing in the list is the target."""
    units = [p for p in before if p.first >= opening]
    if len(units) < 2 or not only_filler(tokens[opening:units[0].first], grammar):
        return None
    last = 0
    for a, b in pairwise(units):
        between = [t.text for t in tokens[a.last + 1:b.first]]
        if not any(w == "," or grammar.has("coordinator", w) for w in between) or not all(
                w == "," or any(grammar.has(k, w) for k in ("coordinator", "glue", "determiner")) for w in between):
            break
        last += 1
    end = units[last].last + 1
    if last == 0 or not (end == anchor or grammar.has("finite_aux", tokens[end].text)):
        return None
    return units[last]
